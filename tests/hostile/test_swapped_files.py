# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A file swapped for a symbolic link between the listing and the read: a repository
being written to while it is scanned (a build step, another job on the same runner)
must not make opencheck read outside the tree."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest

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


def _another_device(tmp_path: Path) -> Path | None:
    """A folder on another device than `tmp_path` (a memory file system), if any."""
    for candidate in (Path("/dev/shm"), Path("/run/user") / str(os.getuid())):
        try:
            if candidate.is_dir() and os.access(candidate, os.W_OK) and \
                    os.stat(candidate).st_dev != os.stat(tmp_path).st_dev:
                return candidate
        except OSError:
            continue
    return None


def test_a_folder_swapped_for_a_link_to_a_file_of_the_same_inode_elsewhere(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    # An inode number is unique on its device only. A job writing to the checkout
    # makes files there until one bears the number of a file on another device, then
    # swaps its folder for a link to that file's: the inode check alone let it be read.
    elsewhere = _another_device(tmp_path)
    if elsewhere is None:
        pytest.skip("no other writable device here")
    root = make_repo({**COMPLETE_HOUSE, "config/settings.ini": "[app]\nname = outil\n"})
    repo = open_repository(root)
    with tempfile.TemporaryDirectory(dir=elsewhere) as folder:
        outside = Path(folder) / "settings.ini"
        outside.write_bytes(SECRET)
        listed = repo.entry("config/settings.ini")
        assert listed is not None
        # the file the job made until its number matched (the match itself, by hand)
        repo._by_path[listed.path] = dataclasses.replace(listed, inode=outside.stat().st_ino)
        (root / "config" / "settings.ini").unlink()
        (root / "config").rmdir()
        os.symlink(folder, root / "config")
        assert repo.read_bytes("config/settings.ini") is None
        assert repo.read_head("config/settings.ini") is None
        assert "config/settings.ini" in repo.unreadable
