# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A history whose log is out of all proportion to its objects.

git stores a tree once however many commits or folders name it, but `git log --raw`
writes one line per file each commit adds: one tree nested in itself eight times is
a hundred million files from a few kilobytes of objects, and the history scan's log
pass read (and kept) every line, for hours. The log now stops past a budget set by the
objects it names; rev-list, which reads each object once, lists the blobs instead, so
the secret an older commit added is still found.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import GIT_ENV, RepoFactory, check_json, findings_of, git
from hostile.steps import steps

pytestmark = pytest.mark.timeout(120)

TOKEN = "aws_access_key_id = AKIAQ7H3XKZP5WLM2NVR\n"


def _git_in(repo: Path, *args: str, stdin: str = "", date: str = "") -> str:
    env = {**os.environ, **GIT_ENV}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=repo, env=env, input=stdin, text=True,
                          capture_output=True, check=True).stdout.strip()


def _bomb(repo: Path, depth: int = 8) -> str:
    """A tree of ten folders of ten folders... `depth` times, of ten files: 10**(depth+1)
    files in the log, depth+1 tree objects in the repository."""
    blob = _git_in(repo, "hash-object", "-w", "--stdin", stdin="x\n")
    tree = _git_in(repo, "mktree", stdin="".join(f"100644 blob {blob}\tf{index}\n"
                                                 for index in range(10)))
    for _ in range(depth):
        tree = _git_in(repo, "mktree", stdin="".join(f"040000 tree {tree}\td{index}\n"
                                                     for index in range(10)))
    return tree


def _history_with_a_bomb(make_repo: RepoFactory) -> tuple[Path, str]:
    """An old commit adds a token and the next removes it; a later commit holds the
    bomb beside the README, and the last one the README alone (the tree checked)."""
    repo = make_repo({"README.md": "# Projet\n"}, date="2020-01-01T00:00:00")
    base = git(repo, "rev-parse", "HEAD").strip()
    readme = _git_in(repo, "rev-parse", "HEAD:README.md")
    token = _git_in(repo, "hash-object", "-w", "--stdin", stdin=TOKEN)
    with_token = _git_in(repo, "mktree", stdin=(
        f"100644 blob {readme}\tREADME.md\n040000 tree "
        + _git_in(repo, "mktree", stdin=f"100644 blob {token}\tprod.env\n") + "\tdeploy\n"))
    parent = _git_in(repo, "commit-tree", with_token, "-p", base, "-m", "Deploy",
                     date="2021-01-01T00:00:00")
    with_bomb = _git_in(repo, "mktree", stdin=(
        f"100644 blob {readme}\tREADME.md\n040000 tree {_bomb(repo)}\tdata\n"))
    parent = _git_in(repo, "commit-tree", with_bomb, "-p", parent, "-m", "Data",
                     date="2022-01-01T00:00:00")
    last = _git_in(repo, "commit-tree", f"{base}^{{tree}}", "-p", parent, "-m", "Clean",
                   date="2023-01-01T00:00:00")
    git(repo, "update-ref", "refs/heads/main", last)
    return repo, base


def test_a_log_out_of_proportion_is_cut_and_the_old_secret_still_found(
        make_repo: RepoFactory) -> None:
    repo, _base = _history_with_a_bomb(make_repo)
    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [f["path"] for f in found] == ["deploy/prod.env"], found
    assert report["verdict"] == "not_ready"
    note = report["metadata"]["history_origins_incomplete"]
    assert "trees shared between commits or folders" in note


def test_in_merge_request_mode_a_secret_of_unknown_commit_is_kept(
        make_repo: RepoFactory) -> None:
    """The change adds the token, removes it and adds the bomb: the log stops before it
    reaches the commit that added the token, whose finding then names no commit. It may
    be the change's own, so it is kept, not hidden as if it were older than the change
    (its file is in no changed path: it was removed again)."""
    repo, base = _history_with_a_bomb(make_repo)
    report = check_json(repo, "--rule", "secret-in-history", "--diff-base", base)
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [f["path"] for f in found] == ["deploy/prod.env"], found
    assert found[0]["commit"] is None
    assert report["verdict"] == "not_ready"


def _toggling_history(make_repo: RepoFactory, files: int = 2000,
                      commits: int = 20_000) -> Path:
    """A token added then removed, then `commits` commits that add and remove the same
    folder of `files` files, all in a few objects (fast-import names the folder's tree
    by its id)."""
    repo = make_repo({"README.md": "# Projet\n"}, date="2020-01-01T00:00:00")
    token = _git_in(repo, "hash-object", "-w", "--stdin", stdin=TOKEN)
    _git_in(repo, "update-index", "--add", "--cacheinfo", f"100644,{token},deploy/prod.env")
    _git_in(repo, "commit", "-q", "-m", "Deploy", date="2021-01-01T00:00:00")
    _git_in(repo, "rm", "-q", "--cached", "deploy/prod.env")
    _git_in(repo, "commit", "-q", "-m", "Remove", date="2021-01-02T00:00:00")
    blob = _git_in(repo, "hash-object", "-w", "--stdin", stdin="x\n")
    tree = _git_in(repo, "mktree", stdin="".join(f"100644 blob {blob}\tfile{index}.txt\n"
                                                 for index in range(files)))
    stream = []
    for index in range(commits):
        start = "from refs/heads/main^0\n" if index == 0 else ""
        change = f"M 040000 {tree} data\n" if index % 2 == 0 else "D data\n"
        stream.append(f"commit refs/heads/main\ncommitter A <a@b> {1700000000 + index} "
                      f"+0000\ndata 1\nc\n{start}{change}\n")
    _git_in(repo, "fast-import", "--quiet", stdin="".join(stream))
    return repo


def test_thousands_of_commits_toggling_one_tree_are_read_within_a_budget(
        make_repo: RepoFactory) -> None:
    """Twenty thousand commits add and remove one folder of 2,000 files: a few
    kilobytes of objects, forty million lines of log."""
    repo = _toggling_history(make_repo)
    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [f["path"] for f in found] == ["deploy/prod.env"], found
    assert "git log stopped after" in report["metadata"]["history_origins_incomplete"]


def _one_blob_under_names(make_repo: RepoFactory, count: int) -> tuple[Path, str]:
    """An old commit holds one blob as README.txt and as `count` `dNNNNN/.env` (one
    folder object shared by all); the last commit holds the README alone."""
    repo = make_repo({"README.md": "# Projet\n"}, date="2020-01-01T00:00:00")
    blob = _git_in(repo, "hash-object", "-w", "--stdin", stdin="hello\n")
    folder = _git_in(repo, "mktree", stdin=f"100644 blob {blob}\t.env\n")
    entries = [f"100644 blob {blob}\tREADME.txt\n",
               *(f"040000 tree {folder}\td{index:05d}\n" for index in range(count))]
    tree = _git_in(repo, "mktree", stdin="".join(entries))
    base = git(repo, "rev-parse", "HEAD").strip()
    old = _git_in(repo, "commit-tree", tree, "-p", base, "-m", "Old", date="2021-01-01T00:00:00")
    last = _git_in(repo, "commit-tree", f"{base}^{{tree}}", "-p", old, "-m", "Clean",
                   date="2022-01-01T00:00:00")
    git(repo, "update-ref", "refs/heads/main", last)
    return repo, old


def _dated(repo: Path) -> tuple[int, set[str], list[int]]:
    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    files = [f for f in found if f.get("kind") == "env-file"]
    return len(files), {f["commit"] for f in files}, [
        f["count"] for f in found if f.get("kind") == "truncated"]


@pytest.mark.timeout(300)  # a hang's stop only: the test counts steps
def test_one_blob_under_thousands_of_secret_file_names_is_dated_in_linear_time(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `.env` name is a secret file of the history, and finding when each arrived
    compared every name with every other (12 s of CPU for 10,000, 49 s for 20,000;
    the repository is 240 KB). Counted in Python steps (hostile/steps.py), not seconds:
    from 2,000 names to 4,000 the check may add at most 1.5 times twice what it added
    from 1,000 to 2,000 (linear: twice; every name against every other: four times),
    and is stopped there."""
    monkeypatch.setenv("OPENCHECK_HISTORY_CACHE", "off")  # every run reads the same
    repos = {count: _one_blob_under_names(make_repo, count) for count in (1000, 2000, 4000)}
    steps(lambda: _dated(repos[1000][0]))  # imports and caches: not counted below
    first, found = steps(lambda: _dated(repos[1000][0]))
    second, _ = steps(lambda: _dated(repos[2000][0]))
    linear = second + 2 * (second - first)
    _third, result = steps(lambda: _dated(repos[4000][0]), limit=linear + (linear - second) // 2)
    assert found == (1000, {repos[1000][1]}, [])
    assert result == (4000, {repos[4000][1]}, [])


def test_past_twenty_thousand_files_the_rest_is_counted_not_listed(
        make_repo: RepoFactory) -> None:
    """Within the log's budget a history of a few kilobytes can name hundreds of
    thousands of secret files: past 20,000 (as for values) they are counted in one
    finding rather than each made a finding of every report (a warning here: `.env`
    files alone, whose values would be findings of their own)."""
    repo, old = _one_blob_under_names(make_repo, 20_300)
    assert _dated(repo) == (20_000, {old}, [300])


def test_a_folder_name_of_kilobytes_over_thousands_of_files_stops_the_scan(
    make_repo: RepoFactory,
) -> None:
    """rev-list names each blob with its path: a folder named with 60 KB over 2,000
    files (a few hundred KB of objects) is 120 MB of paths, each kept by the scan; over
    20,000 files (1.4 MB), 1.2 GB, 41 s. The paths now have the log's budget (64 MB and
    4 KB a blob): past it, the history is not judged."""
    repo = make_repo({"README.md": "# Projet\n"})
    stream = ["commit refs/heads/files\ncommitter C <c@d> 1 +0000\ndata 5\nfiles\n"]
    stream += [f"M 100644 inline f{index:05d}\ndata {len(str(index)) + 1}\n{index}\n"
               for index in range(2000)]
    _git_in(repo, "fast-import", "--quiet", stdin="".join(stream) + "\n")
    files = _git_in(repo, "rev-parse", "files^{tree}")
    # a tree naming that folder with 60 KB (mktree takes the name as it is)
    named = _git_in(repo, "mktree", stdin=f"040000 tree {files}\t{'d' * 60_000}\n")
    deep = _git_in(repo, "commit-tree", named, "-p", "HEAD", "-m", "Deep")
    git(repo, "update-ref", "refs/heads/files", deep)
    report = check_json(repo, "--rule", "secret-in-history")
    result = {r["id"]: r for r in report["rules"]}["secret-in-history"]
    assert result["status"] == "error", result
    assert "the paths of the history take" in result["reason"]
    assert report["verdict"] == "incomplete"
