# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 10: a `.git` that points at another repository is refused.

The other repository's history (authors, e-mails, secrets) would otherwise be reported
as the scanned folder's. Linked worktrees and submodules, which git records in both
directions, are legitimate and named in the report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import RepoFactory, findings_of, git, run_cli

SECRET_AUTHOR = {"GIT_AUTHOR_EMAIL": "someone.else@example.org"}


def other_repository(make_repo: RepoFactory) -> Path:
    other = make_repo({"README.md": "# Autre projet\n"}, name="other")
    git(other, "commit", "--allow-empty", "-q", "-m", "private", env=SECRET_AUTHOR)
    return other


def pointing_folder(make_repo: RepoFactory, how: str, other: Path) -> Path:
    folder = make_repo({"README.md": "# Projet\n"}, git_init=False, name="scanned")
    target = other / ".git"
    if how == "symlink":
        (folder / ".git").symlink_to(target)
    elif how == "gitdir-file":
        (folder / ".git").write_text(f"gitdir: {target}\n")
    elif how == "relative-gitdir-file":
        (folder / ".git").write_text(f"gitdir: {os.path.relpath(target, folder)}\n")
    elif how == "commondir":  # an own .git folder whose refs and objects are another's
        git(folder, "init", "-q")
        (folder / ".git" / "commondir").write_text(f"{os.path.relpath(target, folder / '.git')}\n")
    elif how == "worktree-commondir":  # a git folder naming us back, objects elsewhere
        gitdir = folder.parent / "hidden-gitdir"
        gitdir.mkdir()
        (gitdir / "HEAD").write_text("ref: refs/heads/main\n")
        (gitdir / "gitdir").write_text(f"{folder / '.git'}\n")
        (gitdir / "commondir").write_text(f"{target}\n")
        (folder / ".git").write_text(f"gitdir: {gitdir}\n")
    else:  # another repository's worktree: its back-pointer names another folder
        git(other, "worktree", "add", "-q", str(other.parent / "legit-worktree"))
        (folder / ".git").write_text(f"gitdir: {target / 'worktrees' / 'legit-worktree'}\n")
    return folder


@pytest.mark.parametrize("how", ["symlink", "gitdir-file", "relative-gitdir-file",
                                 "stolen-worktree", "commondir", "worktree-commondir"])
@pytest.mark.parametrize("extra", [(), ("--no-history",), ("--diff-base", "HEAD")])
def test_a_git_link_to_another_repository_is_refused(
    make_repo: RepoFactory, how: str, extra: tuple[str, ...]
) -> None:
    other = other_repository(make_repo)
    folder = pointing_folder(make_repo, how, other)
    english = run_cli("check", str(folder), "--lang", "en", *extra)
    assert english.exit_code == 2, english.output
    assert "points at another repository" in english.output
    assert "someone.else@example.org" not in english.output
    french = run_cli("check", str(folder), "--lang", "fr", *extra)
    assert french.exit_code == 2
    assert "désigne un autre dépôt" in french.output


def test_a_linked_worktree_is_read_and_named(make_repo: RepoFactory, tmp_path: Path) -> None:
    main = make_repo({"README.md": "# Projet\n"}, name="main")
    worktree = tmp_path / "wt" / "feature"
    git(main, "worktree", "add", "-q", "-b", "feature", str(worktree))
    result = run_cli("check", str(worktree), "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    layout = json.loads(result.stdout)["metadata"]["git_layout"]
    assert layout["kind"] == "worktree"
    assert Path(layout["main"]) == (main / ".git").resolve()


def test_a_submodule_is_read_and_named(make_repo: RepoFactory) -> None:
    library = make_repo({"README.md": "# Bibliothèque\n"}, name="library")
    parent = make_repo({"README.md": "# Parent\n"}, name="parent")
    git(parent, "-c", "protocol.file.allow=always", "submodule", "add", "-q",
        str(library), "vendor/library")
    result = run_cli("check", str(parent / "vendor" / "library"), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    layout = json.loads(result.stdout)["metadata"]["git_layout"]
    assert layout["kind"] == "submodule"
    assert Path(layout["main"]) == (parent / ".git").resolve()


def test_an_ordinary_clone_is_a_repository(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Projet\n"})
    result = run_cli("check", str(repo), "--format", "json")
    assert json.loads(result.stdout)["metadata"]["git_layout"]["kind"] == "repository"


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="changing owners needs root")


def _give_to_nobody(path: Path) -> None:
    for folder, subdirs, files in os.walk(path):
        for name in [folder, *(os.path.join(folder, n) for n in subdirs + files)]:
            os.lchown(name, 65534, 65534)


@needs_root
def test_a_repository_above_owned_by_someone_else_is_not_read(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    """safe.directory is the scanned folder, not `*`: /tmp/.git planted by another
    user does not make its history this folder's."""
    above = make_repo({"README.md": "# Au-dessus\n"}, name="shared")
    git(above, "commit", "--allow-empty", "-q", "-m", "planted", env=SECRET_AUTHOR)
    _give_to_nobody(above / ".git")
    folder = above / "projet"
    folder.mkdir()
    (folder / "README.md").write_text("# Projet\n")
    result = run_cli("check", str(folder), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["metadata"]["git"] is False
    assert "someone.else@example.org" not in result.stdout
    why = [f["message"] for f in findings_of(report) if f["rule"] == "git-readable"]
    assert why and "dubious ownership" in why[0]


@needs_root
def test_the_scanned_repository_may_belong_to_someone_else(make_repo: RepoFactory) -> None:
    """A CI container checks out as one user and runs as another: the folder named on
    the command line is trusted."""
    repo = make_repo({"README.md": "# Projet\n"})
    _give_to_nobody(repo)
    report = json.loads(run_cli("check", str(repo), "--format", "json").stdout)
    assert report["metadata"]["git"] is True
    assert report["metadata"]["git_layout"]["kind"] == "repository"
