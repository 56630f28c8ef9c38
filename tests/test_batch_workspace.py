# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The clone workspace: hardened git, time-outs, retries, updates on later runs."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from batch_helpers import make_portfolio
from conftest import commit, git
from opencheck.batch.runners import TIMED_OUT, Task, audit_one
from opencheck.batch.sources import target_from_line, target_from_url
from opencheck.batch.workspace import GitSettings, WorkspaceError, clone_dir, prepare

QUICK = GitSettings(retries=0, timeout=20)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A TCP port that accepts connections and never answers (a stalled forge)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def test_clone_then_update_with_fetch(tmp_path: Path) -> None:
    [repo] = make_portfolio(tmp_path / "forge", 1)
    target = target_from_url(repo.as_uri())  # as a forge listing on this machine names it
    first = prepare(tmp_path / "ws", target, QUICK)
    assert first.path == clone_dir(tmp_path / "ws", target)
    assert first.commit == git(repo, "rev-parse", "HEAD").strip()
    assert not (first.path / ".git" / "hooks").exists()  # no template hooks copied
    # nothing new: the remote head is compared, the clone kept as it is
    assert prepare(tmp_path / "ws", target, QUICK, known_commit=first.commit) == first
    new = commit(repo, {"CHANGELOG.md": "# Changes\n"})
    second = prepare(tmp_path / "ws", target, QUICK, known_commit=first.commit)
    assert second.commit == new
    assert (second.path / "CHANGELOG.md").is_file()
    # a broken clone is thrown away and made again
    (second.path / ".git" / "HEAD").unlink()
    third = prepare(tmp_path / "ws", target, QUICK)
    assert third.commit == new


def test_submodules_are_not_fetched(tmp_path: Path) -> None:
    inner, outer = make_portfolio(tmp_path / "forge", 2)
    git(outer, "-c", "protocol.file.allow=always", "submodule", "add", "--quiet",
        inner.as_uri(), "vendor/inner")
    git(outer, "commit", "--quiet", "-m", "Add a submodule")
    checkout = prepare(tmp_path / "ws", target_from_url(outer.as_uri()), QUICK)
    assert (checkout.path / ".gitmodules").is_file()
    assert list((checkout.path / "vendor" / "inner").iterdir()) == []


@pytest.mark.parametrize("url", ["ssh://127.0.0.1/x.git", "git://127.0.0.1/x.git",
                                 "http://127.0.0.1:9/x.git"])
def test_transports_outside_the_allow_list_are_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(WorkspaceError, match="not allowed"):
        prepare(tmp_path / "ws", target_from_url(url), QUICK)


def test_plain_folder_is_audited_in_place(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "README.md").write_text("# Hello\n", encoding="utf-8")
    checkout = prepare(tmp_path / "ws", target_from_line(str(folder), tmp_path), QUICK)
    assert checkout.path == folder and checkout.commit is None and checkout.in_place


@pytest.mark.timeout(60)
def test_retries_and_no_secret_in_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = target_from_url("https://agent:s3cr3t-t0ken@127.0.0.1:9/org/repo.git")
    waits: list[float] = []
    real_sleep = time.sleep

    def recorded(seconds: float) -> None:  # still waits: only the pauses are noted
        waits.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr("opencheck.batch.workspace.time.sleep", recorded)
    settings = GitSettings(retries=2, timeout=20, backoff=0.2)
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, settings)
    # A growing pause between the three tries (subprocess polls with tiny sleeps too).
    assert [wait for wait in waits if wait >= 0.1] == [0.2, 0.4]
    message = str(raised.value)
    assert "3 tries" in message and "s3cr3t-t0ken" not in message
    assert "***@127.0.0.1:9" in message
    assert not any((tmp_path / "ws").iterdir())  # no half clone left behind


# A silent server: without the git and task time-outs (1 s each) this would wait for
# the 60 s git time-out, or forever; the test's own ceiling turns that into a failure.
@pytest.mark.timeout(40)
def test_git_time_out_and_task_time_out(tmp_path: Path, silent_server: int) -> None:
    target = target_from_url(f"https://127.0.0.1:{silent_server}/org/stalled.git")
    with pytest.raises(WorkspaceError, match="timed out"):
        prepare(tmp_path / "ws", target, GitSettings(retries=0, timeout=1))
    task = Task(target=target, workspace=str(tmp_path / "ws"),
                git=GitSettings(retries=0, timeout=60), timeout=1.0)
    outcome = audit_one(task)
    assert outcome.status == TIMED_OUT
    assert outcome.reason is not None and "time-out" in outcome.reason
    # in a thread, as on a Dask worker, where no signal can interrupt the audit
    with ThreadPoolExecutor(1) as pool:
        threaded = pool.submit(audit_one, task).result(timeout=30)
    assert threaded.status == TIMED_OUT
    assert threaded.reason is not None and "time-out" in threaded.reason


def test_credentials_in_a_url_are_not_stored(tmp_path: Path) -> None:
    from opencheck.batch.orchestrate import BatchSettings, run_batch
    from opencheck.batch.store import Store

    url = "https://agent:s3cr3t-t0ken@127.0.0.1:9/org/repo.git"
    run_batch(BatchSettings(sources=[url], db=tmp_path / "r.db", workspace=tmp_path / "ws",
                            out=tmp_path / "out", git=GitSettings(retries=0)))
    assert b"s3cr3t-t0ken" not in (tmp_path / "r.db").read_bytes()
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert "s3cr3t-t0ken" not in path.read_text(encoding="utf-8")
    with Store(tmp_path / "r.db") as store:
        run = store.latest_run()
        assert run is not None
        [row] = store.results(run)
    assert row["status"] == "failed" and row["url"] == "https://***@127.0.0.1:9/org/repo.git"


def test_a_permanent_failure_is_not_tried_again(tmp_path: Path) -> None:
    target = target_from_url((tmp_path / "no-such-mirror.git").as_uri())
    settings = GitSettings(retries=2, timeout=20, backoff=5.0)
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, settings)
    assert "(1 try)" in str(raised.value)  # not 3: the repository does not exist
    assert raised.value.permanent
