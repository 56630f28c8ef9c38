# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The batch store on a real PostgreSQL server, started here from the Debian binaries
(skipped, saying why, where none can start)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from batch_helpers import make_portfolio
from conftest import RUN_IN_CI, commit, run_cli
from opencheck.batch.orchestrate import BatchSettings, run_batch
from opencheck.batch.store import Store


def _unavailable(reason: str) -> None:
    if RUN_IN_CI:
        pytest.fail(f"{reason}: ci/install-test-deps.sh must install it in CI")
    pytest.skip(f"{reason} (apt-get install postgresql; pip install 'psycopg[binary]')")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed")
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not binaries:
        _unavailable("no PostgreSQL server binaries in /usr/lib/postgresql")
    bindir = binaries[-1].parent
    data = Path(tempfile.mkdtemp(prefix="opencheck-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        if shutil.which("runuser") is None:
            _unavailable("running as root without runuser to start PostgreSQL")
        shutil.chown(data, "postgres", "postgres")
        data.chmod(0o700)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    initdb = subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data / "db"), "-A",
                             "trust", "-U", "opencheck", "-E", "UTF8", "--no-sync"],
                            capture_output=True, text=True, check=False)
    if initdb.returncode != 0:
        shutil.rmtree(data, ignore_errors=True)
        _unavailable(f"initdb failed: {initdb.stderr.strip()[-200:]}")
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-o",
                            options, "-l", str(data / "log"), "-w", "-t", "60", "start"],
                           capture_output=True, text=True, check=False)
    if start.returncode != 0:
        shutil.rmtree(data, ignore_errors=True)
        _unavailable(f"the PostgreSQL server did not start: {start.stderr.strip()[-200:]}")
    try:
        yield f"postgresql://opencheck@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m",
                        "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(data, ignore_errors=True)


def _rows(location: str | Path) -> dict[str, dict[str, object]]:
    with Store(location) as store:
        run = store.latest_run()
        assert run is not None
        return {r["name"]: r for r in store.results(run)}


def test_a_batch_in_postgresql_agrees_with_sqlite(postgres: str, tmp_path: Path) -> None:
    repos = make_portfolio(tmp_path / "forge", 4)
    sources = [str(p) for p in repos]
    lite = BatchSettings(sources=sources, db=tmp_path / "r.db", workspace=tmp_path / "ws",
                         out=tmp_path / "out-lite", jobs=1)
    shared = BatchSettings(sources=sources, db=postgres, workspace=tmp_path / "ws",
                           out=tmp_path / "out-pg", jobs=1)
    assert run_batch(lite).audited == 4
    assert run_batch(shared).audited == 4
    ours, theirs = _rows(tmp_path / "r.db"), _rows(postgres)
    assert sorted(ours) == sorted(theirs)
    for name, row in ours.items():
        other = theirs[name]
        for column in ("status", "ready", "score", "codegouvfr_score", "awesome_score",
                       "blocking_rules", "failed_rules", "commit_id"):
            assert row[column] == other[column], (name, column)
    # a second run: unchanged ones are recognised from PostgreSQL too
    commit(repos[0], {"CHANGELOG.md": "# Changes\n"})
    again = run_batch(shared)
    assert (again.audited, again.unchanged) == (1, 3)
    result = run_cli("batch", "report", "--db", postgres, "--out", str(tmp_path / "again"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "again" / "index.html").read_text(encoding="utf-8")
    assert "Blocking problems" in page and 'id="blocking"' in page
    assert (tmp_path / "again" / "census.csv").is_file()


def test_an_unreachable_server_is_a_usage_error_without_the_password(tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    dsn = f"postgresql://agent:pa55w0rd@127.0.0.1:{_free_port()}/nothing?connect_timeout=5"
    result = run_cli("batch", str(tmp_path), "--db", dsn, "--workspace", str(tmp_path / "ws"),
                     "--out", str(tmp_path / "out"), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "results database unusable" in result.stderr
    assert "pa55w0rd" not in result.output + result.stderr
