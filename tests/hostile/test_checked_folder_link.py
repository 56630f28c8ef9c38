# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The folder to check, named inside a checkout, is the checkout's to make a link.

The GitLab template checks `OPENCHECK_PATH` and the Action its `path` input, both a
folder of the merge request's checkout: a change that replaced `app/` by a link to
`../other-project` (another checkout on the same runner, a shell executor's builds
folder) had that project checked instead, its file names, its history's authors and
e-mail addresses, its dependencies and its secrets (masked) written in the merge
request's job log, summary and artefacts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, git, run_cli
from opencheck.ci import github
from secret_samples import Samples

VICTIM = "Victim Person"


@pytest.fixture
def linked_out(make_repo: RepoFactory) -> Path:
    """`other`: a project of someone else with a key; `project`: a checkout whose `app`
    is a link to it, and whose `lib` is a link that stays inside."""
    other = make_repo({**COMPLETE_HOUSE, "deploy.env": f"GITHUB_TOKEN={Samples().github()}\n"},
                      name="other")
    git(other, "commit", "--quiet", "--allow-empty", "-m", "more",
        env={"GIT_AUTHOR_NAME": VICTIM, "GIT_AUTHOR_EMAIL": "victim@corp.example"})
    root = make_repo({**COMPLETE_HOUSE, "src/lib/main.py": "print(1)\n"}, name="project")
    os.symlink("../other", root / "app")
    os.symlink("src/lib", root / "lib")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Links")
    return root


@pytest.mark.parametrize("command", [("check",), ("check", "--format", "json"), ("deps",),
                                     ("baseline", "--output", "-")])
def test_a_folder_linked_out_of_its_checkout_is_not_checked(
    linked_out: Path, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(linked_out)
    name, *rest = command
    result = run_cli(name, "app", *rest, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "deploy.env" not in result.output and VICTIM not in result.output
    assert "a symbolic link of its repository leading out of it" in result.stderr


def test_the_github_step_does_not_check_a_folder_linked_out(linked_out: Path) -> None:
    summary = linked_out.parent / "summary.md"
    env = {"GITHUB_WORKSPACE": str(linked_out), "OPENCHECK_PATH": "app",
           "OPENCHECK_REPORT_DIR": str(linked_out.parent / "reports"),
           "GITHUB_STEP_SUMMARY": str(summary), "OPENCHECK_LANG": "en"}
    assert github.main(env) == 2
    assert not summary.exists() or "deploy.env" not in summary.read_text("utf-8")


def test_a_link_that_stays_in_the_checkout_and_one_from_outside_are_checked(
    linked_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(linked_out)
    inside = run_cli("check", "lib", "--no-history", "--lang", "en")
    assert inside.exit_code in (0, 1), inside.output
    # a link the user made, outside any checkout, is theirs to follow
    os.symlink(linked_out.parent / "other", tmp_path / "shortcut")
    mine = run_cli("check", str(tmp_path / "shortcut"), "--no-history", "--lang", "en")
    assert mine.exit_code == 1, mine.output
    assert "deploy.env" in mine.output


def test_an_absolute_folder_is_checked_from_a_working_folder_since_removed(
    linked_out: Path, tmp_path: Path,
) -> None:
    # the walk through the named folder's links asked os.getcwd() even for an absolute
    # path: from a removed working folder, an internal error (exit code 3)
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    done = subprocess.run(
        ["sh", "-c", 'cd "$1" && rmdir "$1" && shift && exec "$@"', "sh", str(gone),
         sys.executable, "-m", "opencheck.cli.main", "check", str(linked_out / "lib"),
         "--no-history", "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr


def _home_kept_in_git(tmp_path: Path) -> tuple[Path, Path]:
    """review10: a home folder kept in git (dotfiles) whose `projects` is a link the user
    made to another disk, and a project there with a token."""
    home, data = tmp_path / "home", tmp_path / "data"
    (data / "projects" / "outil").mkdir(parents=True)
    (data / "projects" / "outil" / "deploy.env").write_text(
        f"GITHUB_TOKEN={Samples().github()}\n", "utf-8")
    home.mkdir()
    git(home, "init", "--quiet", "--initial-branch=main")
    (home / ".bashrc").write_text("export EDITOR=vi\n", "utf-8")
    git(home, "add", ".bashrc")
    git(home, "commit", "--quiet", "-m", "dotfiles")
    os.symlink(data / "projects", home / "projects")
    return home, home / "projects" / "outil"


def test_a_link_a_home_kept_in_git_does_not_track_is_followed(tmp_path: Path) -> None:
    # 920320a refused it (exit 2): the link left the outermost folder holding a .git
    home, project = _home_kept_in_git(tmp_path)
    result = run_cli("check", str(project), "--no-history", "--lang", "en")
    assert result.exit_code == 1, result.output
    assert "deploy.env" in result.output
    # the same link committed to the home's repository is the repository's: refused
    git(home, "add", "projects")
    git(home, "commit", "--quiet", "-m", "projects")
    refused = run_cli("check", str(project), "--no-history", "--lang", "en")
    assert refused.exit_code == 2, refused.output
    assert "a symbolic link of its repository leading out of it" in refused.stderr
    assert "deploy.env" not in refused.output


def test_a_plain_folder_a_home_kept_in_git_does_not_track_keeps_the_users_cache(
        tmp_path: Path) -> None:
    # review10: the nearest .git was the home's, so ~/.cache/opencheck lay "in the tree
    # being checked" and a plain project folder under the home ran without any cache
    import subprocess
    import sys

    home, _ = _home_kept_in_git(tmp_path)
    project = home / "work" / "outil"
    project.mkdir(parents=True)
    (project / "README.md").write_text("# Outil\n", "utf-8")
    cache = home / ".cache" / "opencheck"

    def kept_after_checking(folder: Path) -> list[str]:
        for path in cache.rglob("*.json"):
            path.unlink()
        subprocess.run([sys.executable, "-m", "opencheck.cli.main", "check", str(folder),
                        "--no-history", "--quiet"], check=False, capture_output=True,
                       env={**os.environ, "OPENCHECK_CACHE_DIR": str(cache)})
        return sorted(path.name for path in cache.rglob("*.json"))

    assert kept_after_checking(project) != []  # the catalogue kept for the next run
    # so does a linked worktree there (its .git is a file) of a repository kept elsewhere
    elsewhere = tmp_path / "data" / "depot"
    elsewhere.mkdir()
    git(elsewhere, "init", "--quiet", "--initial-branch=main")
    (elsewhere / "README.md").write_text("# Dépôt\n", "utf-8")
    git(elsewhere, "add", "README.md")
    git(elsewhere, "commit", "--quiet", "-m", "start")
    git(elsewhere, "worktree", "add", "--quiet", "-b", "feature", str(home / "wt"))
    assert kept_after_checking(home / "wt") != []
    # a folder of the home that its repository holds is the repository's: no cache there
    git(home, "add", "work")
    git(home, "commit", "--quiet", "-m", "work")
    assert kept_after_checking(project) == []


def test_a_submodule_checked_never_uses_a_cache_its_outer_checkout_holds(
        tmp_path: Path) -> None:
    # the control of the case above: a submodule is a gitlink its outer repository
    # tracks, so a cache folder a merge request committed in the outer checkout
    # (GitLab's `OPENCHECK_CACHE_DIR: .opencheck-cache`) stays unused
    import subprocess
    import sys

    library = tmp_path / "lib"
    library.mkdir()
    git(library, "init", "--quiet", "--initial-branch=main")
    (library / "README.md").write_text("# Lib\n", "utf-8")
    git(library, "add", "README.md")
    git(library, "commit", "--quiet", "-m", "lib")
    outer = tmp_path / "outer"
    outer.mkdir()
    git(outer, "init", "--quiet", "--initial-branch=main")
    git(outer, "-c", "protocol.file.allow=always", "submodule", "add", "--quiet",
        str(library), "sub")
    git(outer, "commit", "--quiet", "-m", "sub")
    for cache in (outer / ".opencheck-cache", tmp_path / "elsewhere"):
        subprocess.run([sys.executable, "-m", "opencheck.cli.main", "check",
                        str(outer / "sub"), "--no-history", "--quiet"], check=False,
                       capture_output=True, env={**os.environ, "OPENCHECK_CACHE_DIR": str(cache)})
    assert not list((outer / ".opencheck-cache").rglob("*.json"))
    assert list((tmp_path / "elsewhere").rglob("*.json"))
