# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A file swapped for a symbolic link between the listing and the read: a repository
being written to while it is scanned (a build step, another job on the same runner)
must not make opencheck read outside the tree."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import COMPLETE_HOUSE, RepoFactory
from opencheck.repository import open_repository

SECRET = b"token = ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n"


def test_a_file_swapped_for_a_link_after_the_listing_is_not_followed(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "credentials"
    outside.parent.mkdir()
    outside.write_bytes(SECRET)
    root = make_repo({**COMPLETE_HOUSE, "config/settings.ini": "[app]\nname = outil\n"})
    repo = open_repository(root)
    assert repo.entry("config/settings.ini") is not None  # listed as a plain file
    target = root / "config" / "settings.ini"
    target.unlink()
    os.symlink(outside, target)
    assert repo.read_bytes("config/settings.ini") is None
    assert repo.read_text("config/settings.ini") is None
    assert "config/settings.ini" in repo.unreadable


def test_a_folder_swapped_for_a_link_after_the_listing_is_not_followed(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "settings.ini").write_bytes(SECRET)
    root = make_repo({**COMPLETE_HOUSE, "config/settings.ini": "[app]\nname = outil\n"})
    repo = open_repository(root)
    (root / "config" / "settings.ini").unlink()
    (root / "config").rmdir()
    os.symlink(outside, root / "config")
    assert repo.read_bytes("config/settings.ini") is None
