# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A forged `.git/index` names files outside the tree.

git lists the files its index names, and never checks them again when reading it: an
entry `../x`, or `link/x` under a committed symlink to a folder elsewhere, made
opencheck read that file outside the scanned folder and report it (its secrets, its
missing licence header) as the project's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import RepoFactory, check_json, findings_of

OUTSIDE_KEY = "aws_access_key_id = AKIAQ7H3XKZP5WLM2NVR\n"


def _rename_in_index(repo: Path, old: str, new: str) -> None:
    """Rename an index entry in place (same length), with the checksum made again."""
    assert len(old) == len(new)
    index = repo / ".git" / "index"
    data = bytearray(index.read_bytes())
    at = data.find(old.encode() + b"\0")
    assert at > 0
    data[at:at + len(old)] = new.encode()
    data[-20:] = hashlib.sha1(bytes(data[:-20]), usedforsecurity=False).digest()
    index.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["parent", "symlinked-folder"])
def test_an_index_entry_outside_the_tree_is_never_read(
    make_repo: RepoFactory, tmp_path: Path, how: str,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "key.txt").write_text(OUTSIDE_KEY)
    repo = make_repo({"README.md": "# Projet\n", "ab/key.txt": "rien\n"}, name="scanned")
    (repo.parent / "key.txt").write_text(OUTSIDE_KEY)  # what ../key.txt names
    if how == "parent":
        _rename_in_index(repo, "ab/key.txt", "../key.txt")
    else:
        (repo / "ln").symlink_to(elsewhere)
        _rename_in_index(repo, "ab/key.txt", "ln/key.txt")
    report = check_json(repo, "--no-history")
    paths = {finding["path"] for finding in findings_of(report)}
    assert not any(path and ("key.txt" in path and not path.startswith("ab/"))
                   for path in paths), paths
    assert not any(f["rule"] == "secret-in-tree" for f in findings_of(report))
