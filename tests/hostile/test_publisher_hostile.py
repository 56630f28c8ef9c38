# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The hosts a README links to are read in linear time, whatever it holds."""

from __future__ import annotations

import pytest

from hostile.bounded import under_the_bar
from opencheck.community.publisher import hosts_in

SIZE = 5 * 1024 * 1024


@pytest.mark.parametrize("unit", ["@", "//a", "@" + "a." * 49 + "9", "https://" + "x-" * 60])
def test_hosts_in_is_linear(unit: str) -> None:
    text = unit * (SIZE // len(unit))
    assert under_the_bar(lambda: len(hosts_in(text))) in ("0", "1")
