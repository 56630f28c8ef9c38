# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode when this system cannot write the merge base's files.

To tell whether a changed file's blocking finding was there already, the merge base's
files are written into a scratch folder (`basetree`). A name git holds may not be one
this system can write: more than 255 bytes (a system that counts characters, Windows'
200 accented or CJK characters), `File` beside `file/` where case is not told apart.
The write's OSError ended the check in an internal error, with no report; the merge
base is now judged as one that could not be written: every finding stays.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RepoFactory, commit_unwritable_name, git, run_cli
from opencheck import basetree


def _merge_request(make_repo: RepoFactory) -> Path:
    # the catalogue entry is at the merge base already: its finding is judged there
    root: Path = make_repo({"README.md": "# Outil\n",
                            "publiccode.yml": 'publiccodeYmlVersion: "0.4"\nname: w\n'})
    long_name = commit_unwritable_name(root, "docs", "Guide")
    git(root, "checkout", "-q", "-b", "feature")
    git(root, "rm", "-q", "--cached", long_name)
    (root / "publiccode.yml").write_text('publiccodeYmlVersion: "0.4"\nname: x\n',
                                         encoding="utf-8")
    git(root, "add", "publiccode.yml")
    git(root, "commit", "-q", "-m", "Catalogue entry")
    return root


def test_a_merge_base_this_system_cannot_write_keeps_every_finding(
    make_repo: RepoFactory,
) -> None:
    root = _merge_request(make_repo)
    result = run_cli("check", str(root), "--diff-base", "main", "--no-history",
                     "--format", "json", "--lang", "en", "--rule", "publiccode-valid")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [f["rule"] for f in report["findings"]] != []
    assert report["ready"] is False
    assert not report["metadata"]["diff"].get("found_before")


def test_more_folders_than_a_command_line_holds_are_not_listed(
    make_repo: RepoFactory,
) -> None:
    """The dependencies' scratch inventory lists the lockfiles of every folder whose
    findings a change brings in one `ls-tree`: past the system's bound on a command
    line (a change of a few hundred thousand folders), Popen's E2BIG was an internal
    error. It is no listing: nothing is declared before, every finding stays."""
    root: Path = make_repo({"README.md": "# Outil\n"})
    folders = tuple(f"./{n:03d}{'d' * 120_000}/" for n in range(40))  # 4.8 MB of names
    assert basetree.listing(root, "HEAD", folders, recursive=False) is None
    assert basetree.listing(root, "HEAD", ("./",), recursive=False) == [
        ("README.md", git(root, "rev-parse", "HEAD:README.md").strip(), 8)]
