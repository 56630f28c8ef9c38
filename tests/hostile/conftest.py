# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Tests built from small hostile repositories (issue: untrusted input).

Each test here feeds opencheck input an attacker controls. A regression must fail the
test, never hang CI, so every test in this folder gets a short time-out.
"""

from __future__ import annotations

import pytest

HOSTILE_TIMEOUT_SECONDS = 60


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/hostile/" in str(item.fspath).replace("\\", "/") and not item.get_closest_marker(
            "timeout"
        ):
            item.add_marker(pytest.mark.timeout(HOSTILE_TIMEOUT_SECONDS))
