# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A README or NOTICE read for "or later" stays linear whatever it repeats.

`declarations.later_notice` tries every "or later" of a text until one follows a GNU
licence's name (a short "or later" far from it is none: "Vista or later"). Looking
for the name in the 600 characters before each one would read 5 MB of "or later"
600 times over; the names are found once and the last one before each is found by
bisection. Each case runs in a forked child under the issue's bar (hostile/bounded.py).
"""

from __future__ import annotations

import pytest

from hostile.bounded import CPU_CEILING, under_the_bar
from hostile.pathological import SIZE
from opencheck.licensing.declarations import later_notice

pytestmark = pytest.mark.timeout(CPU_CEILING * 3)


@pytest.mark.parametrize(("text", "found"), [
    # a name, then "or later" far from it, again and again: none is a notice
    ("GNU General Public License " + "x" * 50 + " or later " * (SIZE // 10), "None"),
    ("or later " * (SIZE // 9), "None"),
    # the notice at the very end is found
    ("Vista or later\n" * (SIZE // 15) + "the GNU GPL v2 or later", "'GPL-2'"),
])
def test_every_or_later_of_a_large_text_is_tried_in_linear_time(text: str, found: str) -> None:
    assert under_the_bar(lambda: later_notice(text)) == found
