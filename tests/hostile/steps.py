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


def steps(call: Callable[[], T]) -> tuple[int, T]:
    """The number of Python lines `call()` runs in this thread, and its result."""
    count = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return line

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        return line

    previous = sys.gettrace()
    sys.settrace(enter)
    try:
        value = call()
    finally:
        sys.settrace(previous)
    return count, value
