# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Run a function in a child process that is killed past a ceiling.

A regular expression runs in C: no Python time-out can interrupt it, so a regression to
quadratic matching would hang the test run instead of failing it. The child is forked
(the input is built there, nothing large crosses the pipe) and killed at the ceiling.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

# Far above what a linear pass over 5 MB takes, even on a machine shared by many jobs
# (a few seconds unloaded), far below what a quadratic one takes (hours): the figures
# themselves live in benchmarks/hostile.md.
CEILING_SECONDS = 120.0


def _child(call: Callable[[], Any], results: Any) -> None:
    results.put(repr(call())[:200])


def finishes(call: Callable[[], Any], ceiling: float = CEILING_SECONDS) -> str:
    """`call()`'s result (its repr, cut), or an AssertionError if it runs past the ceiling."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_child, args=(call, results))
    child.start()
    child.join(ceiling)
    if child.is_alive():
        child.kill()
        child.join()
        raise AssertionError(f"still running after {ceiling:.0f} s: not linear")
    assert child.exitcode == 0, f"the child failed (exit code {child.exitcode})"
    return str(results.get(timeout=5))
