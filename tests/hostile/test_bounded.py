# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The hostile tests' child runs are judged by the CPU time they use, not the wall time
they wait: a starved machine does not fail a linear run, a busy loop is still stopped."""

from __future__ import annotations

import time

import pytest

from hostile.bounded import cpu_seconds, finishes


def _waits() -> str:
    time.sleep(2.5)  # wall time, no CPU: what a child gets on a crowded machine
    return "done"


def _spins() -> None:
    while True:
        pass


def test_a_child_that_waits_past_its_ceiling_is_not_stopped() -> None:
    assert finishes(_waits, ceiling=1) == "'done'"
    seconds, result = cpu_seconds(_waits, ceiling=1)
    assert result == "'done'" and seconds < 1


def test_a_child_that_computes_past_its_ceiling_is_stopped() -> None:
    with pytest.raises(AssertionError, match="past 1 s of CPU: not linear"):
        finishes(_spins, ceiling=1)
