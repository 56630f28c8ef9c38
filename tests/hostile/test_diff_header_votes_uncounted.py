# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: the change's header votes may come from files the tree's tally
never counted (review14).

Without a licence file the most common SPDX header is the project's licence; 856d86a
keeps the merge base's packages when a change's headers could not have made another
licence lead (`HeadChanges.header_winner_kept`: the merge base's tally is today's less
the change's votes). The tally counts the files the check reads (not those `exclude`
leaves out, nor a copy's), the votes come from every changed file: a change that
turned a counted file from MIT to GPL-2.0-only and deleted two excluded GPL-2.0-only
files gave GPL -1, MIT -1, so GPL-2.0-only, leading today 3 to 2, read as leading at
the merge base 4 to 3, while there MIT led 3 to 2. Only what cannot be an uncounted
file's vote is now counted for the leader at the merge base, or against another."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import RepoFactory, check_json, commit, git
from hostile.test_diff_later_header import (
    BUMPED,
    DEPS,
    GPL2_OPENING,
    MIT_TEXT,
    PACKAGES,
    TAG,
    _found,
)
from hostile.test_diff_licence_swap import _lock
from opencheck.licensing.changedheads import HeadChanges
from opencheck.licensing.declarations import HEAD_SPDX

pytestmark = pytest.mark.timeout(300)

GPL, MIT = "GPL-2.0-only", "MIT"


def test_votes_taken_from_the_leader_do_not_make_its_lead_kept() -> None:
    flipped_and_deleted = HeadChanges(frozenset({HEAD_SPDX}), Counter({GPL: -1, MIT: -1}))
    assert not flipped_and_deleted.header_winner_kept([GPL, 3, 2])


def test_a_new_file_with_the_usual_header_still_keeps_the_lead() -> None:
    added = HeadChanges(frozenset({HEAD_SPDX}), Counter({MIT: 1}))
    assert added.header_winner_kept([MIT, 5, 2])
    assert not added.header_winner_kept([MIT, 3, 2])  # a tie at the merge base, at best
    # files given to another licence are not counted against it at the merge base
    assert HeadChanges(frozenset({HEAD_SPDX}), Counter({GPL: 2})).header_winner_kept(
        [MIT, 5, 3])


def test_a_change_that_deletes_excluded_files_cannot_keep_a_lead_it_made(
    make_repo: RepoFactory,
) -> None:
    """The repository's example: MIT leads 3 to 2 at the merge base (the excluded
    `legacy/` files are not counted); the change turns one MIT file GPL-2.0-only and
    deletes the two excluded GPL-2.0-only files. The project is GPL-2.0-only now, and
    the old Apache-2.0 package is incompatible with it: the change's."""
    def head(spdx: str) -> str:
        return f"# {TAG} {spdx}\nprint(1)\n"
    root: Path = make_repo({
        "README.md": "# Outil\n", ".opencheck.yml": 'exclude:\n  - "legacy/**"\n',
        "LICENSES/MIT.txt": MIT_TEXT, "LICENSES/GPL-2.0-only.txt": GPL2_OPENING,
        "src/m1.py": head(MIT), "src/m2.py": head(MIT), "src/m3.py": head(MIT),
        "src/g1.py": head(GPL), "src/g2.py": head(GPL),
        "legacy/x1.py": head(GPL), "legacy/x2.py": head(GPL), **_lock(PACKAGES)})
    git(root, "checkout", "--quiet", "-b", "feature")
    assert _found(check_json(root, *DEPS)) == []  # MIT: Apache-2.0 is compatible
    git(root, "rm", "-q", "legacy/x1.py", "legacy/x2.py")
    commit(root, {"src/m3.py": head(GPL), **_lock(BUMPED)}, "GPL, legacy gone, bump")
    assert ("deps-incompatible", "apache-lib") in _found(check_json(root, *DEPS))
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-incompatible", "apache-lib") in _found(report)
    assert report["ready"] is False
