# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Ctrl-C and a killed batch, with real signals on a real process tree."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

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


# A batch and the Dask LocalCluster it sends its audits to, in one process, as a user
# runs it on one machine (the cluster's worker processes are its children).
_DASK_BATCH = """
import sys
from distributed import LocalCluster
from opencheck.cli.main import main
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       host="127.0.0.1", dashboard_address=None)
sys.argv = ["opencheck", "batch", *sys.argv[1:], "--scheduler", cluster.scheduler_address]
main()
"""


def _group(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[2])


def _audits(tree: set[int]) -> set[int]:
    """The audit processes: each leads a process group of its own (see isolate)."""
    return {pid for pid in tree if _group(pid) == pid}


def test_dask_workers_and_audits_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    """Dask's worker processes end when the process holding their nanny dies (Dask
    watches a pipe from it); the audit processes they forked, blocked in a clone, end
    through isolate's parent-death handling (PR_SET_PDEATHSIG and the parent watch):
    without it they and their git commands stay, as this test showed."""
    pytest.importorskip("distributed")
    with _silent_forge(tmp_path) as listing:
        _kill_dask_batch(tmp_path, listing)


@contextlib.contextmanager
def _silent_forge(tmp_path: Path) -> Iterator[Path]:
    """A list of four repositories on a forge that takes the connection and never
    answers: each audit waits in its clone for as long as it is let live."""
    with socket.socket() as forge:
        forge.bind(("127.0.0.1", 0))
        forge.listen(64)
        base = f"https://127.0.0.1:{forge.getsockname()[1]}"
        yield write_list(tmp_path / "repos.txt", [f"{base}/org/repo{i}.git" for i in range(4)])


# A cluster that outlives its clients, as `dask scheduler` and `dask worker` run.
_DASK_CLUSTER = """
import sys, time
from distributed import LocalCluster
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                       host="127.0.0.1", dashboard_address=None)
print(cluster.scheduler_address, flush=True)
time.sleep(600)
"""


def test_audits_on_a_shared_dask_cluster_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    """The workers belong to the cluster and stay; the audits the dead batch asked for
    are cancelled by the scheduler and their processes, stuck in a clone, killed."""
    pytest.importorskip("distributed")
    cluster = subprocess.Popen([sys.executable, "-c", _DASK_CLUSTER], start_new_session=True,
                               env={**os.environ, "PYTHONPATH": str(SRC)},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert cluster.stdout is not None
        address = cluster.stdout.readline().strip()
        with _silent_forge(tmp_path) as listing:
            batch = subprocess.Popen(
                [sys.executable, "-m", "opencheck.cli.main", "batch", str(listing), "--db",
                 str(tmp_path / "r.db"), "--workspace", str(tmp_path / "ws"), "--out",
                 str(tmp_path / "out"), "--scheduler", address],
                env={**os.environ, "PYTHONPATH": str(SRC)}, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            assert wait_for(lambda: len(_audits(descendants(cluster.pid))) >= 2, timeout=240)
            workers = descendants(cluster.pid) - _audits(descendants(cluster.pid))
            os.kill(batch.pid, signal.SIGKILL)
            batch.wait(timeout=30)
            assert wait_for(lambda: not _audits(descendants(cluster.pid)), timeout=15), (
                f"audits left: {_commands(_audits(descendants(cluster.pid)))}")
            assert cluster.poll() is None and _alive(workers)
    finally:
        os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait()
        for pid in _same_session(cluster.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _kill_dask_batch(tmp_path: Path, listing: Path) -> None:
    log = tmp_path / "batch.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-c", _DASK_BATCH, str(listing), "--db", str(tmp_path / "r.db"),
             "--workspace", str(tmp_path / "ws"), "--out", str(tmp_path / "out")],
            env={**os.environ, "PYTHONPATH": str(SRC)}, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=errors)
    try:
        assert wait_for(lambda: len(_audits(descendants(process.pid))) >= 2
                        or process.poll() is not None, timeout=240)
        assert process.poll() is None, log.read_text(encoding="utf-8")
        os.kill(process.pid, signal.SIGKILL)  # the batch alone; the cluster is orphaned
        process.wait(timeout=30)
        # workers, audits and their git commands all stay in the batch's session
        assert wait_for(lambda: not _same_session(process.pid), timeout=15), (
            f"still alive after the batch died: {_commands(_same_session(process.pid))}")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        for pid in _same_session(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _same_session(session: int) -> set[int]:
    found = set()
    for pid in _children():
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[3]) == session:
            found.add(pid)
    return found


def _commands(pids: set[int]) -> list[str]:
    found = []
    for pid in sorted(pids):
        with contextlib.suppress(OSError):
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            found.append(f"{pid} (group {_group(pid)}): {line[:120].decode(errors='replace')}")
    return found
