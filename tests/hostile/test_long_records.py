# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A commit whose one record of `git log` is tens of megabytes.

The history rules read `git log` record by record (`gitcmd.stream_git`). A record
longer than one read (64 KB) was copied and split again at every read: a commit whose
author is 30 MB long (git stores it as written) took 8 s of CPU, and the time grew with
the square of its length. Each byte is now searched once.
"""

from __future__ import annotations

from pathlib import Path

from conftest import RepoFactory, git
from hostile.bounded import under_the_bar
from opencheck.community.history import read_history
from opencheck.repository import open_repository

AUTHOR_BYTES = 30_000_000


def test_a_commit_with_a_huge_author_is_read_in_linear_time(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Projet\n"})
    tree = git(repo, "rev-parse", "HEAD^{tree}").strip()
    parent = git(repo, "rev-parse", "HEAD").strip()
    raw = repo.parent / "commit.txt"
    raw.write_text(f"tree {tree}\nparent {parent}\nauthor {'A' * AUTHOR_BYTES} <a@b> 1 +0000\n"
                   "committer C <c@d> 1 +0000\n\nHuge author\n", encoding="ascii")
    forged = git(repo, "hash-object", "-t", "commit", "-w", "--literally", str(raw)).strip()
    git(repo, "update-ref", "refs/heads/main", forged)

    def read() -> tuple[int, int]:
        history = read_history(open_repository(Path(repo)))
        return history.commits, max(len(who.name) for who in history.identities.values())

    assert under_the_bar(read) == repr((2, AUTHOR_BYTES))
