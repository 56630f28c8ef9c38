# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Ctrl-C and a killed batch, with real signals on a real process tree."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from batch_helpers import make_portfolio, result_count, wait_for, write_list

SRC = Path(__file__).resolve().parents[1] / "src"


def _children() -> dict[int, int]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z":
                found[int(entry.name)] = int(fields[1])
    return found


def descendants(root: int) -> set[int]:
    parents = _children()
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    return pids & set(_children())


def _start(tmp_path: Path, count: int) -> tuple[subprocess.Popen[str], Path, list[str]]:
    repos = make_portfolio(tmp_path / "forge", count)
    listing = write_list(tmp_path / "repos.txt", [str(p) for p in repos])
    db = tmp_path / "r.db"
    command = [sys.executable, "-m", "opencheck.cli.main", "batch", str(listing), "--db",
               str(db), "--workspace", str(tmp_path / "ws"), "--out", str(tmp_path / "out"),
               "--jobs", "2", "--lang", "en"]
    process = subprocess.Popen(command, env={**os.environ, "PYTHONPATH": str(SRC)},
                               start_new_session=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    return process, db, command


def test_ctrl_c_stops_queued_work_and_keeps_finished_results(tmp_path: Path) -> None:
    process, db, command = _start(tmp_path, 30)
    try:
        assert wait_for(lambda: result_count(db) >= 2, timeout=240)
        tree = descendants(process.pid)
        assert tree, "the pool's workers should be running"
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, stderr
    assert "stopping: running audits stopped, queued ones dropped" in stderr
    kept = result_count(db)
    assert f"batch interrupted: {kept} of 30 results kept" in stderr
    assert 2 <= kept < 30
    assert "Traceback" not in stderr
    assert wait_for(lambda: not _alive(tree), timeout=30), "workers outlived the batch"
    # the finished results are kept: the same command resumes from there
    done = subprocess.run([*command, "--quiet"], env={**os.environ, "PYTHONPATH": str(SRC)},
                          capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    assert result_count(db) == 30


def test_workers_and_audits_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    process, db, _ = _start(tmp_path, 30)
    try:
        assert wait_for(lambda: result_count(db) >= 1 and len(descendants(process.pid)) >= 3,
                        timeout=240)
        tree = descendants(process.pid)
        os.kill(process.pid, signal.SIGKILL)  # the batch alone; its workers are orphans
        process.wait(timeout=30)
        assert wait_for(lambda: not _alive(tree), timeout=30), (
            f"still alive after the batch died: {sorted(_alive(tree))}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in _alive(descendants(process.pid)):
            os.kill(pid, signal.SIGKILL)
