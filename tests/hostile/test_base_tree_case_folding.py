# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode on a disk that tells neither case nor Unicode forms apart.

The merge base's files are written into a scratch folder to judge whether a changed
file's finding was there already (`basetree`). On macOS or Windows `README.md` and
`readme.md` are one file: written one after the other, the second one's bytes took the
first one's name, with no error (a checkout does the same there), and the merge base was
judged on files it did not have. What a user expects on such a runner is the answer a
Linux runner gives, or none: a commit whose files would share a place there is not
written, and every finding of the changed files stays, as for a name the system cannot
write at all (`test_base_tree_unwritable.py`). Other commits are judged as on Linux.

No disk here folds names (tmpfs and ext4 have no case folding in this kernel), so the
disk's answer is given to `basetree.folds_names` by the tests that need it; the names'
comparison and this disk's own answer are the real ones.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from conftest import RepoFactory, commit, git, run_cli
from opencheck import basetree

INVALID = 'publiccodeYmlVersion: "0.4"\nname: w\n'


@pytest.mark.parametrize(("paths", "shared"), [
    (["README.md", "readme.md"], True),
    (["docs/Guide.md", "DOCS/index.md"], True),  # one folder there
    (["File", "file/notes.txt"], True),
    ([unicodedata.normalize("NFC", "café.md"), unicodedata.normalize("NFD", "café.md")], True),
    (["Straße.md", "STRASSE.md"], True),  # casefold: what the disk may do, at worst
    (["README.md", "docs/readme.md", "src/Readme.py"], False),
    (["a/b/c.txt", "a/b/d.txt", "a/bc.txt"], False),
])
def test_names_that_share_a_place_on_such_a_disk(paths: list[str], shared: bool) -> None:
    assert basetree.one_place(paths) is shared


def test_this_disk_tells_names_apart_and_holds_both(make_repo: RepoFactory,
                                                     tmp_path: Path) -> None:
    root: Path = make_repo({"README.md": "# Outil\n", "readme.md": "# minuscule\n"})
    assert basetree.folds_names(str(tmp_path)) is False
    listed = basetree.listing(root, "HEAD")
    assert listed is not None
    scratch = tmp_path / "tree"
    scratch.mkdir()
    assert basetree.write(root, listed, scratch) is True
    assert (scratch / "README.md").read_text(encoding="utf-8") == "# Outil\n"
    assert (scratch / "readme.md").read_text(encoding="utf-8") == "# minuscule\n"


def _merge_request(make_repo: RepoFactory, files: dict[str, str]) -> Path:
    root: Path = make_repo({"README.md": "# Outil\n", "publiccode.yml": INVALID, **files})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"publiccode.yml": INVALID.replace("name: w", "name: x")}, "Rename")
    return root


def _check(root: Path) -> dict[str, object]:
    result = run_cli("check", str(root), "--diff-base", "main", "--no-history",
                     "--format", "json", "--lang", "en", "--rule", "publiccode-valid")
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_a_merge_base_whose_names_share_a_place_is_not_judged_there(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(basetree, "folds_names", lambda folder: True, raising=False)
    report = _check(_merge_request(make_repo, {"readme.md": "# minuscule\n"}))
    assert report["ready"] is False  # the catalogue entry's finding stays
    assert not report["metadata"]["diff"].get("found_before")  # type: ignore[index]


def test_a_merge_base_with_distinct_names_is_judged_on_such_a_disk(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The control: the same disk, names that stay apart there: the merge base had the
    catalogue entry's finding, held back."""
    monkeypatch.setattr(basetree, "folds_names", lambda folder: True, raising=False)
    report = _check(_merge_request(make_repo, {"docs/readme.md": "# Guide\n"}))
    assert report["ready"] is True
    assert report["metadata"]["diff"]["found_before"]  # type: ignore[index]


def test_a_disk_that_cannot_be_asked_is_taken_to_fold_names(tmp_path: Path) -> None:
    """The probe writes in the folder the tree goes to: where it cannot, the names are
    compared, so that no error of the probe ends the check."""
    assert basetree.folds_names(str(tmp_path / "absent")) is True
