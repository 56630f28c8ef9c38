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

from opencheck.licensing.changedheads import HeadChanges
from opencheck.licensing.declarations import HEAD_SPDX

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
