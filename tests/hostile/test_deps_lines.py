# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A lockfile whose every package gets a finding costs one pass, not one per package.

Each finding names the line of its package: that was a decode of the whole file, a
search from the top and a count of the newlines from the top, per finding (20,000
packages in 3.6 MB: 25 s of CPU; 40,000 in 4.6 MB: minutes). Now one decode and one newline index
per file, and the name searches share a budget of bytes read.

The test counts that work (Locators made, decodes of the lockfile, newline indexes, the
bytes the searches read), not seconds: the same on a loaded machine.
"""

from __future__ import annotations

from typing import Any

import pytest

import opencheck.checks.dependencies as dependencies
from conftest import check_json, findings_of
from opencheck.deps import locate
from opencheck.deps.locate import SEARCH_BUDGET, Locator
from opencheck.repository import Repository
from test_deps_checks import MIT_LICENSE, npm_repo

PACKAGES = 4_000  # 460 KB; a search from the top per package would read 920 MB

# A hang's stop only: these tests count work, not seconds, and their set-up (git
# repositories of thousands of files) took up to about a minute at a load of 14 on 2 cores.
pytestmark = pytest.mark.timeout(300)


def test_a_lockfile_of_thousands_of_non_free_packages_is_read_once(
        make_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    packages = {f"p{i}": {"license": "Proprietary"} for i in range(PACKAGES)}
    root = make_repo(npm_repo(packages, licence=MIT_LICENSE))
    made: list[Locator] = []
    indexed: list[int] = []
    decoded: list[str] = []

    class Counted(Locator):
        def __init__(self, text: str) -> None:
            super().__init__(text)
            made.append(self)

    def newlines(text: str) -> list[int]:
        indexed.append(len(text))
        return real_newlines(text)

    def read_text(self: Repository, path: str) -> str | None:
        decoded.append(path)
        return real_read_text(self, path)

    real_newlines, real_read_text = locate._newlines, Repository.read_text
    monkeypatch.setattr(dependencies, "Locator", Counted)
    monkeypatch.setattr(locate, "_newlines", newlines)
    monkeypatch.setattr(Repository, "read_text", read_text)

    found = [f for f in findings_of(check_json(root, "--rule", "deps-non-free"))
             if f["rule"] == "deps-non-free"]
    assert len(found) == PACKAGES
    # the searches' budget (256 MB read) gives the first thousand or so their line, then
    # runs out: the rest keep their file, with no line
    assert 500 < sum(f["line"] is not None for f in found) < PACKAGES
    # one locator, one newline index, a few decodes of the lockfile
    assert [locator.text is not None for locator in made] == [True]
    assert len(indexed) == 1
    assert decoded.count("package-lock.json") <= 3, decoded.count("package-lock.json")


def test_lines_are_those_of_each_version_until_the_budget_is_spent() -> None:
    text = '{\n "node_modules/a": {\n  "version": "1.0.0"\n },\n' \
           ' "node_modules/b/node_modules/a": {\n  "version": "2.0.0"\n }\n}\n'
    locator = Locator(text)
    assert (locator.line("a", "1.0.0"), locator.line("a", "2.0.0"), locator.line("b", None),
            locator.line("zzz", None)) == (2, 5, 5, None)
    locator.budget = 0
    assert locator.line("a", "1.0.0") is None
    assert SEARCH_BUDGET >= 50 * 5 * 1024 * 1024
