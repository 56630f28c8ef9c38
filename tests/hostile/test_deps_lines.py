# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A lockfile whose every package gets a finding costs one pass, not one per package.

Each finding names the line of its package: that was a decode of the whole file, a
search from the top and a count of the newlines from the top, per finding (20,000
packages in 3.6 MB: 25 s of CPU; 40,000 in 4.6 MB: minutes). Now one decode and one newline index
per file, and the name searches share a budget of bytes read.
"""

from __future__ import annotations

import pytest

from conftest import check_json, findings_of
from hostile.bounded import cpu_seconds
from opencheck.deps.locate import SEARCH_BUDGET, Locator
from test_deps_checks import MIT_LICENSE, npm_repo

CEILING_SECONDS = 60.0
pytestmark = pytest.mark.timeout(CEILING_SECONDS * 3)


def test_a_lockfile_of_forty_thousand_non_free_packages_is_read_once(make_repo) -> None:
    packages = {f"p{i}": {"license": "Proprietary"} for i in range(40_000)}
    root = make_repo(npm_repo(packages, licence=MIT_LICENSE))
    assert (root / "package-lock.json").stat().st_size > 4 * 1024 * 1024

    def non_free() -> list[str]:
        report = check_json(root, "--rule", "deps-non-free")
        return sorted({f["rule"] for f in findings_of(report)})

    seconds, rules = cpu_seconds(non_free, CEILING_SECONDS)
    assert rules == repr(["deps-non-free"])
    assert seconds < 15, f"{seconds:.1f} s of CPU for one rule on a 5 MB lockfile"


def test_lines_are_those_of_each_version_until_the_budget_is_spent() -> None:
    text = '{\n "node_modules/a": {\n  "version": "1.0.0"\n },\n' \
           ' "node_modules/b/node_modules/a": {\n  "version": "2.0.0"\n }\n}\n'
    locator = Locator(text)
    assert (locator.line("a", "1.0.0"), locator.line("a", "2.0.0"), locator.line("b", None),
            locator.line("zzz", None)) == (2, 5, 5, None)
    locator.budget = 0
    assert locator.line("a", "1.0.0") is None
    assert SEARCH_BUDGET >= 50 * 5 * 1024 * 1024
