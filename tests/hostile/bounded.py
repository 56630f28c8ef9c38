# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Run a function in a child process that is killed past a ceiling.

A regular expression runs in C: no Python time-out can interrupt it, so a regression to
quadratic matching would hang the test run instead of failing it. The child is forked
(the input is built there, nothing large crosses the pipe) and killed at the ceiling.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

# Far above what a linear pass over 5 MB takes, even on a machine shared by many jobs
# (a few seconds unloaded), far below what a quadratic one takes (hours): the figures
# themselves live in benchmarks/hostile.md.
CEILING_SECONDS = 120.0


def _child(call: Callable[[], Any], results: Any) -> None:
    results.put(repr(call())[:200])


def _timed_child(call: Callable[[], Any], results: Any) -> None:
    before = time.process_time()
    value = call()
    results.put((time.process_time() - before, repr(value)[:200]))


def _run(target: Callable[[Callable[[], Any], Any], None], call: Callable[[], Any],
         ceiling: float) -> Any:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # a daemon, killed in `finally`: if the test is interrupted (its own time-out), no
    # quadratic child may outlive it (the interpreter would wait for it at exit)
    child = context.Process(target=target, args=(call, results), daemon=True)
    child.start()
    try:
        child.join(ceiling)
        if child.is_alive():
            raise AssertionError(f"still running after {ceiling:.0f} s: not linear")
    finally:
        if child.is_alive():
            child.kill()
            child.join()
    assert child.exitcode == 0, f"the child failed (exit code {child.exitcode})"
    return results.get(timeout=5)


def finishes(call: Callable[[], Any], ceiling: float = CEILING_SECONDS) -> str:
    """`call()`'s result (its repr, cut), or an AssertionError if it runs past the ceiling."""
    return str(_run(_child, call, ceiling))


def cpu_seconds(call: Callable[[], Any], ceiling: float = 60.0) -> tuple[float, str]:
    """The CPU time (user + sys) `call()` takes in a forked child, and its result's repr
    (cut); an AssertionError if the child is still running at the ceiling. CPU time,
    not wall time: it hardly moves when the machine is shared."""
    seconds, value = _run(_timed_child, call, ceiling)
    return float(seconds), str(value)


# The bar: a detector or parser takes under 2 s of CPU time on 5 MB of its worst
# input. A child still running at CPU_CEILING (wall) seconds is killed: not linear.
CPU_SECONDS_AT_5MB = 2.0
CPU_CEILING = 60.0


def under_the_bar(call: Callable[[], Any]) -> str:
    """`call()`'s result (its repr, cut); an AssertionError when it takes 2 s of CPU or
    more (the issue's bar for 5 MB), or is killed at the ceiling."""
    seconds, result = cpu_seconds(call, CPU_CEILING)
    assert seconds < CPU_SECONDS_AT_5MB, f"{seconds:.2f} s of CPU on 5 MB"
    return result
