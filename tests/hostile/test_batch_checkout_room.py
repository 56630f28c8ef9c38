# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A batch's clone writes no more files than its disk has room for.

git stores one blob once however many paths name it, compressed: a repository of a
few hundred kilobytes (one blob of a repeated byte, a tree naming it many times) wrote
its checkout of gigabytes into the batch's workspace, beside the store and the other
repositories' clones, until the disk was full. The room here is the disk's real free
space less what the settings keep free: the test keeps all of it but 256 MB free, so
that a checkout of 512 MB does not fit.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from batch_helpers import make_portfolio
from conftest import git
from opencheck.batch import footprint, isolate, roomclaims
from opencheck.batch.sources import target_from_url
from opencheck.batch.workspace import GitSettings, WorkspaceError, prepare

BLOB = 64 << 20  # a blob of one repeated byte: 64 MB written, 64 KB stored
NAMES = 8  # 512 MB once checked out
ROOM = 256 << 20


def _settings(folder: Path, room: int = ROOM) -> GitSettings:
    free = shutil.disk_usage(folder).free
    if free < 2 * room:
        pytest.skip(f"less than {2 * room >> 20} MB free on the test's disk")
    return GitSettings(retries=0, timeout=120, keep_free=free - room)


def _bomb_tree(repo: Path, names: int = NAMES, byte: bytes = b"\0") -> str:
    """A tree naming one blob of BLOB bytes `names` times, written into `repo`'s store.
    (git writes a run of zeros as a hole: a blob of another byte takes its room.)"""
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, check=True,
                          input=byte * BLOB, capture_output=True).stdout.decode().strip()
    listing = "".join(f"100644 blob {blob}\tcopy{index}.bin\n" for index in range(names))
    return subprocess.run(["git", "mktree"], cwd=repo, check=True, input=listing.encode(),
                          capture_output=True).stdout.decode().strip()


def _bare_bomb(folder: Path, name: str = "bomb", names: int = NAMES,
               byte: bytes = b"\0") -> Path:
    repo = folder / f"{name}.git"
    git(folder, "init", "--quiet", "--bare", "--initial-branch=main", str(repo))
    commit = git(repo, "commit-tree", "-m", "copies", _bomb_tree(repo, names, byte)).strip()
    git(repo, "update-ref", "refs/heads/main", commit)
    return repo


def _written(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_a_clone_whose_files_do_not_fit_is_refused_before_any_is_written(
    tmp_path: Path
) -> None:
    repo = _bare_bomb(tmp_path)
    stored = _written(repo)
    assert stored < 2 << 20  # what the forge holds: under 2 MB
    workspace = tmp_path / "ws"
    settings = _settings(tmp_path)
    with pytest.raises(WorkspaceError) as raised:
        prepare(workspace, target_from_url(repo.as_uri()), settings)
    assert raised.value.permanent  # another try would write the same
    said = raised.value.text
    # the count stops once past the room (256 MB give or take what the disk's other
    # writers did meanwhile), not at 512: a tree can name a blob a billion times
    counted = re.search(r"its files would take more than (\d+)", said.en)
    assert counted and 256 <= int(counted[1]) < 512 and "nothing was written" in said.en
    assert "ses fichiers prendraient plus de" in said.fr and "rien n'a été écrit" in said.fr
    assert _written(workspace) < 2 << 20  # no file of the checkout, no partial clone


def test_a_clone_that_fits_is_checked_out_whole(tmp_path: Path) -> None:
    [repo] = make_portfolio(tmp_path / "forge", 1)
    checkout = prepare(tmp_path / "ws", target_from_url(repo.as_uri()), _settings(tmp_path))
    assert sorted(p.name for p in checkout.path.iterdir() if p.name != ".git") == sorted(
        p.name for p in repo.iterdir() if p.name != ".git")
    assert git(checkout.path, "status", "--porcelain") == ""  # index and files as committed


def test_an_update_whose_files_do_not_fit_keeps_the_clone_as_it_was(tmp_path: Path) -> None:
    [repo] = make_portfolio(tmp_path / "forge", 1)
    target = target_from_url(repo.as_uri())
    settings = _settings(tmp_path)
    first = prepare(tmp_path / "ws", target, settings)
    readme = (first.path / "README.md").read_bytes()
    # the repository becomes a bomb: its next commit's tree names the blob many times
    bomb = git(repo, "commit-tree", "-p", "HEAD", "-m", "copies", _bomb_tree(repo)).strip()
    git(repo, "update-ref", "refs/heads/main", bomb)
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, settings, known_commit=first.commit)
    assert "nothing was written" in raised.value.text.en
    assert (first.path / "README.md").read_bytes() == readme
    assert not any(first.path.glob("copy*.bin"))


def _prepared(job: tuple[Path, str, GitSettings]) -> str:
    """One audit's clone, as the batch makes it: in a child process of its own."""
    workspace, url, settings = job
    try:
        prepare(workspace, target_from_url(url), settings)
    except WorkspaceError as error:
        return f"refused: {error.text.en}"
    return "written"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the batch's children are forked here")
@pytest.mark.timeout(240)  # 320 MB really written, on a disk other jobs may share
def test_two_clones_written_at_once_share_the_room(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # each fits alone (320 MB of 512), not both. Both are counted before either writes;
    # the first to claim writes, the other waits for it and then finds the room taken.
    # The margins are wide: the disk is shared with whatever else runs.
    repos = [_bare_bomb(tmp_path, f"bomb{index}", names=5, byte=b"\1") for index in range(2)]
    settings = _settings(tmp_path, room=512 << 20)
    both_counted = multiprocessing.get_context("fork").Barrier(2, timeout=60)
    count = footprint.footprint

    def counted_together(*args: Any, **kwargs: Any) -> footprint.Footprint:
        needed = count(*args, **kwargs)
        both_counted.wait()
        return needed

    monkeypatch.setattr(footprint, "footprint", counted_together)
    jobs = [(tmp_path / "ws", repo.as_uri(), settings) for repo in repos]
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = [getattr(result, "value", result) for result in
                    pool.map(lambda job: isolate.call(_prepared, job, 300), jobs)]
    assert sorted(outcomes)[1] == "written", outcomes
    refused = sorted(outcomes)[0]
    assert "its files would take more than" in refused and "nothing was written" in refused
    assert _written(tmp_path / "ws") < (320 + 2) << 20


def _claim_of(size: int) -> roomclaims._Claim:
    return roomclaims._Claim(os.getpid(), size, 1, time.time(), "held-by-the-test")


def test_a_clone_waits_for_the_room_others_hold_then_fails_for_another_try(
    tmp_path: Path
) -> None:
    [repo] = make_portfolio(tmp_path / "forge", 1)
    settings = replace(_settings(tmp_path), timeout=2)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    # another audit of this batch (alive: the test's own process) writes more than the
    # room; the small repository fits alone, not beside it
    (workspace / roomclaims.LEDGER).write_text(_claim_of(1 << 30).line())
    outcome = isolate.call(_prepared, (workspace, repo.as_uri(), settings), 60)
    said = getattr(outcome, "value", outcome)
    assert "not beside the other repositories being written" in said
    assert "another try may" in said
    assert not (workspace / "README.md").exists()


def test_the_claim_of_an_audit_that_died_is_not_counted(tmp_path: Path) -> None:
    [repo] = make_portfolio(tmp_path / "forge", 1)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = replace(_claim_of(1 << 30), pid=gone.pid)
    (workspace / roomclaims.LEDGER).write_text(stale.line())
    outcome = isolate.call(_prepared, (workspace, repo.as_uri(), _settings(tmp_path)), 120)
    assert getattr(outcome, "value", outcome) == "written"
