# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Count the Python steps a call takes: a measure of work that a loaded machine does not move.

A step is a line the interpreter runs (`sys.settrace`'s line events, a loop's line once
per turn), in any Python module, opencheck's or the standard library's (`pathlib` is
Python). Two runs of the same call on the same input take the same number of steps,
whatever else the machine does: a scale guard compares the steps at n and at 4n instead
of a clock against a ceiling (speed itself is measured in benchmarks/).

Work done inside one C call (a regular expression, `str.join`) is one step whatever its
size: what this counts is how often Python goes round, not how far C goes each time.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


class TooManySteps(AssertionError):
    """Raised inside the call once it has run more steps than it was allowed."""


def steps(call: Callable[[], T], limit: int | None = None) -> tuple[int, T]:
    """The number of Python lines `call()` runs in this thread, and its result.

    With `limit`, the call is stopped at its `limit`-th step (TooManySteps raised
    there, once, then no more counting) and TooManySteps (an AssertionError) is raised
    here even if the code called caught it (the engine turns a rule's exception into a
    rule in error): a loop gone super-linear fails the test at once instead of running
    for hours. Work inside one C call cannot be stopped so: a time-out still ends that."""
    count = 0
    stopped = False

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count, stopped
        if stopped:
            return None
        if event == "line":
            count += 1
            if limit is not None and count > limit:
                stopped = True
                raise TooManySteps(f"more than {limit} Python steps")
        return line

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        return None if stopped else line

    previous = sys.gettrace()
    sys.settrace(enter)
    try:
        value = call()
    finally:
        sys.settrace(previous)
    if stopped:
        raise TooManySteps(f"more than {limit} Python steps")
    return count, value
