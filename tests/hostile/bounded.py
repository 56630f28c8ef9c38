# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Run a function in a child process that is stopped past a ceiling of CPU time.

A regular expression runs in C: no Python time-out can interrupt it, so a regression to
quadratic matching would hang the test run instead of failing it. The child is forked
(the input is built there, nothing large crosses the pipe) and stopped by the kernel
once it has used `ceiling` seconds of CPU (RLIMIT_CPU): CPU time, not wall time, so a
machine shared by many jobs (a child may get a tenth of a core) does not fail a linear
run. Wall time is only a backstop against a child that never gets to run, at
WALL_BACKSTOP times the ceiling.
"""

from __future__ import annotations

import math
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable
from typing import Any

WALL_BACKSTOP = 10

# Far above what a linear pass over 5 MB takes, even on a machine shared by many jobs
# (a few seconds unloaded), far below what a quadratic one takes (hours): the figures
# themselves live in benchmarks/hostile.md.
CEILING_SECONDS = 120.0


def _child(call: Callable[[], Any], results: Any, ceiling: float) -> None:
    _limit_cpu(ceiling)
    results.put(repr(call())[:200])


def _timed_child(call: Callable[[], Any], results: Any, ceiling: float) -> None:
    _limit_cpu(ceiling)
    before = time.process_time()
    value = call()
    results.put((time.process_time() - before, repr(value)[:200]))


def _limit_cpu(ceiling: float) -> None:
    """SIGXCPU once this process has used `ceiling` seconds of CPU (a fork starts at
    none), SIGKILL a second later."""
    soft = max(1, math.ceil(ceiling))
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))


def _run(target: Callable[[Callable[[], Any], Any, float], None], call: Callable[[], Any],
         ceiling: float) -> Any:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # a daemon, killed in `finally`: if the test is interrupted (its own time-out), no
    # quadratic child may outlive it (the interpreter would wait for it at exit)
    child = context.Process(target=target, args=(call, results, ceiling), daemon=True)
    child.start()
    try:
        child.join(ceiling * WALL_BACKSTOP)
        if child.is_alive():
            raise AssertionError(f"still running after {ceiling * WALL_BACKSTOP:.0f} s "
                                 "of wall time (a starved machine, or a hang)")
    finally:
        if child.is_alive():
            child.kill()
            child.join()
    if child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise AssertionError(f"past {ceiling:.0f} s of CPU: not linear")
    assert child.exitcode == 0, f"the child failed (exit code {child.exitcode})"
    return results.get(timeout=5)


def finishes(call: Callable[[], Any], ceiling: float = CEILING_SECONDS) -> str:
    """`call()`'s result (its repr, cut), or an AssertionError if it uses more CPU time
    than the ceiling."""
    return str(_run(_child, call, ceiling))


def cpu_seconds(call: Callable[[], Any], ceiling: float = 60.0) -> tuple[float, str]:
    """The CPU time (user + sys) `call()` takes in a forked child, and its result's repr
    (cut); an AssertionError if the child uses more CPU than the ceiling. CPU time,
    not wall time: it hardly moves when the machine is shared."""
    seconds, value = _run(_timed_child, call, ceiling)
    return float(seconds), str(value)


# The bar: a detector or parser takes under 2 s of CPU time on 5 MB of its worst
# input. A child past CPU_CEILING seconds of CPU is stopped: not linear.
CPU_SECONDS_AT_5MB = 2.0
CPU_CEILING = 60.0


def under_the_bar(call: Callable[[], Any]) -> str:
    """`call()`'s result (its repr, cut); an AssertionError when it takes 2 s of CPU or
    more (the issue's bar for 5 MB), or is stopped at the ceiling."""
    seconds, result = cpu_seconds(call, CPU_CEILING)
    assert seconds < CPU_SECONDS_AT_5MB, f"{seconds:.2f} s of CPU on 5 MB"
    return result
