# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Report files written into the scanned repository, whose names it may have committed
as symbolic links.

The GitLab template writes `gl-code-quality-report.json`, `opencheck.sarif`... into the
merge request's checkout; `opencheck baseline` writes `.opencheck-baseline.json` into the
repository. A change that commits one of these names as a link to `../victim` (a file of
the runner, another project's checkout) made opencheck overwrite that file, or create it
where the link points. Inside the tree no link is followed and only a regular file is
replaced; a report named outside the tree is written as the user asked.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, git, run_cli
from opencheck.ci import github

PRECIOUS = "precious\n"


@pytest.fixture
def linked(make_repo: RepoFactory) -> Path:
    """A repository whose report names are links leaving it (one dangling, one to a
    file outside), and whose `reports` folder is a link to the folder above."""
    root = make_repo(COMPLETE_HOUSE, name="project")
    (root.parent / "victim.txt").write_text(PRECIOUS)
    for name in ("gl-code-quality-report.json", "opencheck-report.md", "opencheck.sarif",
                 ".opencheck-baseline.json"):
        os.symlink("../victim.txt", root / name)
    os.symlink("../created-outside", root / "deps.csv")
    os.symlink("..", root / "reports")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Links")
    return root


def _untouched(root: Path) -> None:
    assert (root.parent / "victim.txt").read_text() == PRECIOUS
    assert sorted(p.name for p in root.parent.iterdir()) == ["project", "victim.txt"]


@pytest.mark.parametrize("arguments", [
    ("check", "--no-history", "-f", "markdown", "-o", "opencheck-report.md"),
    ("check", "--no-history", "--whole-output", "codequality=gl-code-quality-report.json"),
    ("check", "--no-history", "-f", "json", "-o", "opencheck-report.md"),
    ("check", "--no-history", "-f", "sarif", "-o", "reports/victim.txt"),
    ("check", "--no-history", "-f", "json", "-o", "reports/new.json"),
    ("baseline", "--no-history"),
    ("deps", "-f", "csv", "-o", "deps.csv"),
])
def test_no_report_is_written_through_a_link_of_the_repository(
    linked: Path, monkeypatch: pytest.MonkeyPatch, arguments: tuple[str, ...]
) -> None:
    monkeypatch.chdir(linked)
    command, *rest = arguments
    result = run_cli(command, ".", *rest, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "symbolic link or a special file inside the scanned repository" in result.stderr
    _untouched(linked)


def test_the_github_step_does_not_write_through_a_link_either(linked: Path) -> None:
    env = {"GITHUB_WORKSPACE": str(linked), "OPENCHECK_REPORT_DIR": str(linked),
           "OPENCHECK_FORMATS": "sarif", "OPENCHECK_LANG": "en"}
    assert github.main(env) == 2
    _untouched(linked)


def test_a_report_outside_the_repository_is_written_where_the_user_said(
    linked: Path, tmp_path: Path,
) -> None:
    outside = tmp_path / "out"
    outside.mkdir()
    os.symlink(outside, tmp_path / "out-link")
    target = tmp_path / "out-link" / "report.md"
    result = run_cli("check", str(linked), "--no-history", "-f", "markdown", "-o",
                     str(target))
    assert result.exit_code in (0, 1), result.output
    assert (outside / "report.md").read_text("utf-8").startswith("## ")
    result = run_cli("check", str(linked), "--no-history", "-f", "markdown", "-o",
                     str(linked / "fresh.md"))
    assert result.exit_code in (0, 1), result.output
    assert (linked / "fresh.md").is_file() and not (linked / "fresh.md").is_symlink()


def test_a_folder_swapped_for_a_link_while_the_report_opens_keeps_it_in_the_tree(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the folders between the tree and the report were checked by name, then the path
    # named again to open it: another process of the checkout swapping `reports` for a
    # link in between took the report (and its emptying, O_TRUNC) to the runner's file
    from opencheck.safefile import open_output

    root = make_repo(COMPLETE_HOUSE)
    (root / "reports").mkdir()
    outside = tmp_path / "runner"
    outside.mkdir()
    (outside / "report.json").write_text("the runner's own file\n", "utf-8")
    real_open = os.open

    def swapping_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("report.json") and not (root / "reports").is_symlink():
            (root / "reports").rename(root / "reports.moved")
            (root / "reports").symlink_to(outside)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", swapping_open)
    with open_output(root / "reports/report.json", root) as stream:
        stream.write("{}\n")
    monkeypatch.undo()
    assert (outside / "report.json").read_text("utf-8") == "the runner's own file\n"
    assert (root / "reports.moved/report.json").read_text("utf-8") == "{}\n"


@pytest.fixture
def monorepo(make_repo: RepoFactory) -> Path:
    """A repository whose checked folder is `app/` (the GitLab template's OPENCHECK_PATH,
    the Action's `path`), and whose report names at the checkout's top, outside that
    folder but inside the merge request's checkout, are links leaving it."""
    root = make_repo({f"app/{name}": text for name, text in COMPLETE_HOUSE.items()},
                     name="project")
    (root.parent / "victim.txt").write_text(PRECIOUS)
    for name in ("gl-code-quality-report.json", "opencheck-report.md", "opencheck.sarif"):
        os.symlink("../victim.txt", root / name)
    os.symlink("..", root / "reports")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Links")
    return root


@pytest.mark.parametrize("arguments", [
    ("-f", "markdown", "-o", "opencheck-report.md"),
    ("--whole-output", "codequality=gl-code-quality-report.json"),
    ("-f", "sarif", "-o", "reports/victim.txt"),
])
def test_a_subfolder_checked_writes_no_report_through_a_link_of_its_checkout(
    monorepo: Path, monkeypatch: pytest.MonkeyPatch, arguments: tuple[str, ...]
) -> None:
    # the checked folder was the only tree guarded: a report written at the checkout's
    # top (the GitLab template's working folder) followed the change's link out of the
    # checkout, into a file of the runner it kept the mode of (an executable the job's
    # next line runs: the report's code spans, file names, are shell commands there)
    monkeypatch.chdir(monorepo)
    result = run_cli("check", "app", "--no-history", *arguments, "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "symbolic link or a special file inside the scanned repository" in result.stderr
    _untouched(monorepo)


def test_the_github_step_on_a_subfolder_does_not_write_through_a_link(monorepo: Path) -> None:
    env = {"GITHUB_WORKSPACE": str(monorepo), "OPENCHECK_PATH": "app",
           "OPENCHECK_REPORT_DIR": str(monorepo / "reports"),
           "OPENCHECK_FORMATS": "sarif", "OPENCHECK_LANG": "en"}
    assert github.main(env) == 2
    _untouched(monorepo)


def test_a_submodule_checked_writes_no_report_through_a_link_of_the_outer_checkout(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the same with the checked folder a submodule of the checkout (GitLab's
    # GIT_SUBMODULE_STRATEGY): its own `.git` made it the tree guarded, and the
    # reports written at the outer checkout's top followed that checkout's links
    inner = make_repo(COMPLETE_HOUSE, name="inner")
    root = make_repo({"README.md": "# Projet\n"}, name="project")
    git(root, "-c", "protocol.file.allow=always", "submodule", "--quiet", "add",
        str(inner), "app")
    (root.parent / "victim.txt").write_text(PRECIOUS)
    os.symlink("../victim.txt", root / "opencheck-report.md")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Submodule and link")
    monkeypatch.chdir(root)
    result = run_cli("check", "app", "--no-history", "-f", "markdown", "-o",
                     "opencheck-report.md", "--lang", "en")
    assert result.exit_code == 2, result.output
    assert (root.parent / "victim.txt").read_text() == PRECIOUS
