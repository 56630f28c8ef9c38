# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Batch mode against hostile input: time-outs that must stop, downloaded lists that
must not name this machine's folders, credentials never kept, a damaged database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli, write_files
from opencheck import registry
from opencheck.batch import isolate
from opencheck.batch.orchestrate import BatchSettings, run_batch
from opencheck.batch.runners import TIMED_OUT, Task, audit_one
from opencheck.batch.sources import read_sources, target_from_line
from opencheck.batch.store import Store
from opencheck.batch.workspace import GitSettings
from opencheck.catalogue import DEFAULT_PROFILE, load_catalogue
from opencheck.model import Finding


@pytest.fixture
def endless_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One rule of the default profile whose check, once started, writes its process id
    to the returned file and waits for ever: the audit can end only by its time-out,
    however fast the other rules are. The audit runs in a fork of this process (the
    pool's worker, then `isolate`'s child), which has this check in its registry."""
    marker = tmp_path / "endless-rule.pid"
    catalogue = load_catalogue()
    rule = catalogue.rules_of(catalogue.profiles[DEFAULT_PROFILE])[-1].id
    registry.all_checks()  # the real checks registered first, then this one replaced

    def endless(ctx: registry.Context) -> Iterator[Finding]:
        marker.write_text(str(os.getpid()), encoding="ascii")
        threading.Event().wait()  # no timer: only the time-out's SIGKILL ends this
        yield from ()

    monkeypatch.setitem(registry._CHECKS, rule, endless)
    return marker


# The audit ends only by its time-out; on a loaded machine (a load of 30 on 2 cores) it
# may not reach the endless rule within a second, and then nothing shows that the rule's
# process is stopped: the time-out is tried again, longer.
TIME_OUTS = (1.0, 4.0, 16.0)


def _stopped(marker: Path, failure: str = "the audit went on after its time-out") -> None:
    """The process whose id `marker` holds was started (the audit reached its rules),
    and is gone."""
    pid = int(marker.read_text(encoding="ascii"))
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), failure


def test_a_time_out_stops_the_audit_and_is_recorded_as_such(tmp_path: Path,
                                                             endless_rule: Path) -> None:
    """The time-out used to be an exception that a rule's error handler caught: the
    audit went on and the repository was recorded as audited."""
    repo = tmp_path / "repo"
    write_files(repo, {"README.md": "# Outil\n", "main.py": "print(1)\n"})
    for attempt, timeout in enumerate(TIME_OUTS):
        db = tmp_path / f"r{attempt}.db"
        settings = BatchSettings(sources=[str(repo)], db=db, workspace=tmp_path / f"ws{attempt}",
                                 out=None, jobs=1, timeout=timeout, git=GitSettings(retries=0))
        summary = run_batch(settings)
        if endless_rule.exists():
            break
    _stopped(endless_rule)
    assert summary.failed == 1 and summary.audited == 0
    with Store(db) as store:
        run = store.latest_run()
        assert run is not None
        [row] = store.results(run)
    assert row["status"] == TIMED_OUT
    assert row["report_id"] is None and row["score"] is None
    assert "time-out" in row["reason"]


def _stubborn(marker: str) -> None:
    """Code that never returns to the interpreter's signal handling, and a child of
    its own that would outlive it."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGTERM, signal.SIGINT})
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    Path(marker).write_text(str(helper.pid), encoding="utf-8")
    while True:
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_the_deadline_kills_code_that_ignores_signals_and_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "helper.pid"
    # _stubborn never returns: an answer at all is the deadline's (no clock needed)
    result = isolate.call(_stubborn, str(marker), 1.0)
    assert isinstance(result, isolate.TimedOut)
    _stopped(marker, "a process started by the audit outlived its time-out")


def test_time_out_in_a_thread_as_on_a_dask_worker(tmp_path: Path,
                                                   endless_rule: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    repo = tmp_path / "repo"
    write_files(repo, {"README.md": "# Outil\n"})
    for attempt, timeout in enumerate(TIME_OUTS):
        task = Task(target=target_from_line(str(repo), tmp_path),
                    workspace=str(tmp_path / f"ws{attempt}"), git=GitSettings(retries=0),
                    timeout=timeout)
        with ThreadPoolExecutor(1) as pool:
            outcome = pool.submit(audit_one, task).result(timeout=50 + timeout)
        if endless_rule.exists():
            break
    assert outcome.status == TIMED_OUT and outcome.report is None
    assert outcome.reason == f"time-out: audit stopped after {timeout:g}s"
    _stopped(endless_rule)


def test_a_downloaded_export_cannot_name_local_folders(tmp_path: Path) -> None:
    secret_folder = tmp_path / "etc-ssl"
    secret_folder.mkdir()
    (secret_folder / "private.key").write_text("not for the dashboard\n", encoding="utf-8")
    export = tmp_path / "codegouvfr-repositories.json"
    export.write_text(json.dumps([
        {"id": secret_folder.as_uri(), "owner": "x"},
        {"id": "file://agent:pa55w0rd@localhost" + str(secret_folder), "owner": "x"},
        {"id": "ssh://git@example.org/x/y.git", "owner": "x"},
        {"id": "https://github.com/etalab/ok", "owner": "etalab"},
    ]), encoding="utf-8")
    listing = read_sources([str(export)])
    assert [t.url for t in listing.targets] == ["https://github.com/etalab/ok"]
    assert sum("not an https forge URL" in w for w in listing.warnings) == 3
    assert not any("pa55w0rd" in w for w in listing.warnings)
    csv_export = tmp_path / "all.csv"
    csv_export.write_text(f"repository_url,organization_name\n{secret_folder.as_uri()},x\n",
                          encoding="utf-8")
    assert read_sources([str(csv_export)]).targets == []


def test_a_file_url_with_credentials_is_refused_and_never_shown(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    url = f"file://agent:pa55w0rd@localhost{folder}"
    listing_file = tmp_path / "repos.txt"
    listing_file.write_text(url + "\n" + str(folder) + "\n", encoding="utf-8")
    listing = read_sources([str(listing_file)])
    assert [t.url for t in listing.targets] == [str(folder)]
    assert listing.warnings and "pa55w0rd" not in listing.warnings[0]
    result = run_cli("batch", url, "--db", str(tmp_path / "r.db"), "--workspace",
                     str(tmp_path / "ws"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "pa55w0rd" not in result.output + result.stderr
    assert "***@localhost" in result.stderr


def test_credentials_in_git_messages_are_redacted() -> None:
    from opencheck.urls import redact, redact_text

    assert redact("https://oauth2:glpat-abc@gitlab.example.org/g/p.git") == (
        "https://***@gitlab.example.org/g/p.git")
    said = ("fatal: unable to access 'https://gitlab-ci-token:tok3n@gitlab.example.org/"
            "g/p.git/': The requested URL returned error: 403")
    assert "tok3n" not in redact_text(said) and "https://***@gitlab.example.org" in (
        redact_text(said))
    # a long text without credentials comes back whole (the pattern's scale on its
    # slowest inputs is the regex probe's: hostile/test_every_pattern.py)
    long_text = "a" * 5_000_000 + "://" + "b" * 100_000
    assert redact_text(long_text) == long_text


def test_a_damaged_database_is_a_usage_error_in_both_languages(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    db = tmp_path / "r.db"
    db.write_bytes(b"this is not a database at all\n" * 200)
    for lang, words in (("en", "results database unusable"), ("fr", "base de résultats")):
        result = run_cli("batch", str(folder), "--db", str(db), "--workspace",
                         str(tmp_path / "ws"), "--out", str(tmp_path / "out"), "--lang", lang)
        assert result.exit_code == 2, result.output
        assert words in result.stderr and "Traceback" not in result.output
        report = run_cli("batch", "report", "--db", str(db), "--out", str(tmp_path / "o"),
                         "--lang", lang)
        assert report.exit_code == 2 and words in report.stderr


def test_two_batches_writing_one_database_at_once(tmp_path: Path) -> None:
    """Both finish: a writer waits for the other rather than failing 'locked'."""
    db = tmp_path / "shared.db"
    start = time.time() + 2.0
    code = (
        "import sys, time\n"
        "from opencheck.batch.store import Store\n"
        "from opencheck.batch.sources import Target\n"
        "from opencheck.batch.runners import Outcome\n"
        f"time.sleep(max(0.0, {start!r} - time.time()))\n"
        f"with Store({str(db)!r}) as store:\n"
        "    run, _ = store.start_or_resume('s' + sys.argv[1], 'v', 'p', True, ['x'])\n"
        "    for i in range(150):\n"
        "        target = Target(f'k{i}', 'u', 'n', 'o', 'p')\n"
        "        store.record(run, target, Outcome(target.key, 'audited', commit='c',\n"
        "                     report={'rules': [], 'findings': []}))\n"
    )
    processes = [subprocess.Popen([sys.executable, "-c", code, str(n)],
                                  stderr=subprocess.PIPE) for n in range(4)]
    errors = [p.communicate(timeout=50)[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], errors
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM results").fetchone()[0] == 600


def test_a_batch_waits_for_another_creating_the_same_database(tmp_path: Path) -> None:
    """Two batches started together on a new database: while one holds its first write
    lock, SQLite lets the other switch the file to WAL without calling the busy handler,
    and it failed at once 'database is locked' (exit 3, then exit 2 'unusable'). Here
    the first batch's lock is held on purpose for a second: the second batch waits."""
    folder = tmp_path / "repo"
    write_files(folder, {"README.md": "# Outil\n"})
    db = tmp_path / "new.db"
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # a new file, still in the rollback journal mode
    release = threading.Timer(1.0, other.rollback)
    release.start()
    try:
        result = run_cli("batch", str(folder), "--db", str(db), "--workspace",
                         str(tmp_path / "ws"), "--out", str(tmp_path / "out"), "--lang", "en")
    finally:
        release.join()
        other.close()
    assert result.exit_code in (0, 1), result.output
    assert "locked" not in result.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM results").fetchone()[0] == 1


def test_the_interpreter_child_used_where_fork_is_missing_also_stops() -> None:
    assert isolate._spawned(len, [1, 2, 3], 60.0, None) == isolate.Finished(3)
    stuck = isolate._spawned(time.sleep, 300, 1.0, None)
    assert isinstance(stuck, isolate.TimedOut)
    failed = isolate._spawned(int, "not a number", 60.0, None)
    assert isinstance(failed, isolate.Died) and "ValueError" in failed.detail


def test_the_interpreter_child_runs_opencheck_not_a_package_of_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `python -m` puts the working folder first on the module path: a batch run from a
    # folder holding an `opencheck/batch/isolate.py` (a clone audited in place, a
    # portfolio's folder) ran that file in the audit's child where fork is missing
    marker = tmp_path / "ran"
    shadow = tmp_path / "opencheck" / "batch"
    shadow.mkdir(parents=True)
    (tmp_path / "opencheck" / "__init__.py").write_text("")
    (shadow / "__init__.py").write_text("")
    (shadow / "isolate.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(tmp_path)
    assert isolate._spawned(len, [1, 2, 3], 60.0, None) == isolate.Finished(3)
    assert not marker.exists()
