# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck batch` over generated repositories: local pool, Dask, resume, increments."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from batch_helpers import (
    FakeForge,
    bare_mirrors,
    github_repo,
    make_portfolio,
    result_count,
    serve_forge,
    wait_for,
    write_list,
)
from conftest import RUN_IN_CI, check_json, commit, git, run_cli
from opencheck import __version__
from opencheck.batch.orchestrate import BatchSettings, run_batch
from opencheck.batch.store import Store
from opencheck.batch.workspace import GitSettings

SRC = Path(__file__).resolve().parents[1] / "src"


def _results(db: Path, run_id: int | None = None) -> dict[str, dict[str, Any]]:
    with Store(db) as store:
        run = store.run(run_id) if run_id else store.latest_run()
        assert run is not None
        return {r["name"]: r for r in store.results(run)}


def _portfolio(tmp_path: Path, count: int = 8) -> tuple[list[Path], Path]:
    repos = make_portfolio(tmp_path / "forge", count)
    entries = [str(p) for p in repos] + [str(tmp_path / "forge" / "org9" / "disparu")]
    return repos, write_list(tmp_path / "repos.txt", entries)


def test_local_pool_batch_records_every_repository_and_the_broken_one(tmp_path: Path) -> None:
    repos, listing = _portfolio(tmp_path)
    db, out = tmp_path / "results.db", tmp_path / "out"
    result = run_cli("batch", str(listing), "--db", str(db), "--workspace",
                     str(tmp_path / "ws"), "--out", str(out), "--jobs", "2", "--lang", "en")
    assert result.exit_code == 1, result.output  # some repositories are not ready
    assert "Run 1: 9 repositories" in result.stderr
    assert "failed 1" in result.stderr and "disparu" in result.stderr
    results = _results(db)
    assert len(results) == 9
    broken = results["disparu"]
    assert broken["status"] == "failed" and "no such directory" in broken["reason"]
    audited = [r for r in results.values() if r["status"] == "audited"]
    assert len(audited) == 8
    for row in audited:
        assert len(row["commit_id"]) == 40
        assert row["opencheck_version"].startswith(__version__ + "+")
        assert row["profile"] == "default"
        assert isinstance(row["score"], int) and row["ready"] in (True, False)
    assert {r["organisation"] for r in audited} == {"org0", "org1", "org2"}
    assert results["repo003"]["ready"] is False  # no README, no licence
    assert results["repo003"]["failed_rules"]
    # each verdict is the one `opencheck check` gives on the same repository
    for path in repos:
        single = check_json(path)
        row = results[path.name]
        assert (row["ready"], row["score"]) == (single["ready"], single["score"]), path.name
        failing = sorted(r["id"] for r in single["rules"] if r["status"] in ("failed", "error"))
        assert row["failed_rules"] == failing
    # outputs written at the end of the batch
    assert (out / "index.html").is_file()
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    ready = sum(1 for r in audited if r["ready"])
    blocked = sum(1 for r in audited if r["blocking_rules"])
    assert data["totals"] == {"repositories": 9, "ready": ready, "not_ready": 8 - ready,
                              "incomplete": 0, "failed": 1,
                              "with_blocking_problems": blocked}
    assert data["run"]["finished_at"] is not None
    assert "repo003" in (out / "results.csv").read_text(encoding="utf-8")


def test_second_run_skips_unchanged_and_audits_changed(tmp_path: Path) -> None:
    repos, listing = _portfolio(tmp_path, count=4)
    settings = BatchSettings(sources=[str(listing)], db=tmp_path / "r.db",
                             workspace=tmp_path / "ws", out=tmp_path / "out", jobs=2)
    first = run_batch(settings)
    assert (first.audited, first.unchanged, first.failed) == (4, 0, 1)
    first_rows = _results(settings.db, first.run_id)

    new_commit = commit(repos[3], {"README.md": "# Outil\n\nPublié par la DINUM.\n",
                                   "LICENSE": "MIT License\n"})
    second = run_batch(settings)
    assert second.run_id == first.run_id + 1
    assert (second.audited, second.unchanged, second.failed) == (1, 3, 1)
    rows = _results(settings.db, second.run_id)
    assert rows["repo003"]["status"] == "audited" and rows["repo003"]["commit_id"] == new_commit
    assert rows["repo003"]["score"] > first_rows["repo003"]["score"]
    for name in ("repo000", "repo001", "repo002"):
        assert rows[name]["status"] == "unchanged"
        assert rows[name]["report_id"] == first_rows[name]["report_id"]
        assert rows[name]["score"] == first_rows[name]["score"]
    # the dashboard shows the change since the previous run
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert data["previous_run"] == first.run_id
    change = {r["name"]: r for r in data["repositories"]}["repo003"]
    assert change["previous_score"] == first_rows["repo003"]["score"]
    assert change["change"].startswith("+") or "→" in change["change"]

    forced = run_batch(replace(settings, force=True))
    assert forced.audited == 4


def test_no_history_uses_shallow_clones_and_skips_history(tmp_path: Path) -> None:
    repos = make_portfolio(tmp_path / "forge", 2)
    commit(repos[0], {"CHANGELOG.md": "# Changes\n"})
    listing = write_list(tmp_path / "repos.txt",
                         [str(m) for m in bare_mirrors(repos, tmp_path / "mirrors")])
    settings = BatchSettings(sources=[str(listing)], db=tmp_path / "r.db",
                             workspace=tmp_path / "ws", out=None, jobs=1, history=False,
                             git=GitSettings(history=False, retries=0))
    summary = run_batch(settings)
    assert summary.audited == 2
    clones = [p for p in (tmp_path / "ws").iterdir() if (p / ".git").is_dir()]
    assert len(clones) == 2
    for clone in clones:
        assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
        assert git(clone, "rev-list", "--count", "HEAD").strip() == "1"
    with Store(settings.db) as store:
        run = store.latest_run()
        assert run is not None and run.history is False
        report = store.report(store.results(run)[0]["report_id"])
    assert report is not None and report["metadata"]["shallow"] is True
    # the same repositories with history are audited again (another mode), not reused
    full = run_batch(replace(settings, history=True, git=GitSettings(history=True, retries=0)))
    assert full.audited == 2
    for clone in clones:
        assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "false"


def test_killed_batch_resumes_without_losing_results(tmp_path: Path) -> None:
    repos = make_portfolio(tmp_path / "forge", 60)
    listing = write_list(tmp_path / "repos.txt", [str(p) for p in repos])
    db = tmp_path / "r.db"
    command = [sys.executable, "-m", "opencheck.cli.main", "batch", str(listing), "--db",
               str(db), "--workspace", str(tmp_path / "ws"), "--out", str(tmp_path / "out"),
               "--jobs", "1", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    try:
        assert wait_for(lambda: result_count(db) >= 3, timeout=120)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    before = _results(db)
    assert 3 <= len(before) < 60
    with Store(db) as store:
        run = store.latest_run()
        assert run is not None and run.finished_at is None

    done = subprocess.run(command[:-1], env=env, capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    assert "(resumed)" in done.stderr
    after = _results(db)
    assert len(after) == 60
    for name, row in before.items():  # nothing finished was lost or redone
        assert after[name]["recorded_at"] == row["recorded_at"]
        assert after[name]["report_id"] == row["report_id"]
    with Store(db) as store:
        assert len(store.runs()) == 1
        assert store.runs()[0].finished_at is not None


def test_batch_from_accounts_file_through_a_fake_forge(tmp_path: Path) -> None:
    repos = make_portfolio(tmp_path / "forge", 3)
    forge = FakeForge(github={"etalab": [
        github_repo("a", "etalab", repos[0]), github_repo("b", "etalab", repos[1]),
        github_repo("c", "etalab", repos[2], fork=True)]})
    accounts = tmp_path / "comptes-organismes-publics.yml"
    accounts.write_text("github.com:\n  forge: github\n  owners:\n    etalab: {}\n",
                        encoding="utf-8")
    with serve_forge(forge):
        result = run_cli("batch", str(accounts), "--api-url", f"github.com={forge.base}/gh",
                         "--token", "ghp_do_not_print_me", "--db", str(tmp_path / "r.db"),
                         "--workspace", str(tmp_path / "ws"), "--out", str(tmp_path / "out"),
                         "-j", "1", "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    assert "ghp_do_not_print_me" not in result.output
    rows = _results(tmp_path / "r.db")
    assert sorted(rows) == ["etalab/a", "etalab/b"]
    assert rows["etalab/a"]["status"] == "audited"
    assert rows["etalab/a"]["platform"] == "GitHub"
    assert "1 forks or archived left out" in result.stderr


def test_report_subcommand_rebuilds_outputs(tmp_path: Path) -> None:
    _, listing = _portfolio(tmp_path, count=3)
    db = tmp_path / "r.db"
    run_batch(BatchSettings(sources=[str(listing)], db=db, workspace=tmp_path / "ws", jobs=1))
    result = run_cli("batch", "report", "--db", str(db), "--out", str(tmp_path / "again"),
                     "--lang", "fr")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "again" / "index.html").read_text(encoding="utf-8")
    assert "Audit du portefeuille" in page
    assert len(list((tmp_path / "again" / "repos").glob("*.html"))) == 4
    missing = run_cli("batch", "report", "--db", str(tmp_path / "r.db"), "--out",
                      str(tmp_path / "x"), "--run", "99")
    assert missing.exit_code == 2


def test_dask_cluster_agrees_with_local_pool(tmp_path: Path) -> None:
    try:
        import distributed
    except ImportError:
        if RUN_IN_CI:
            pytest.fail("dask[distributed] is missing: the 'test' extra installs it")
        pytest.skip("Dask is not installed (pip install 'opencheck[batch]')")
    _, listing = _portfolio(tmp_path, count=6)
    local = BatchSettings(sources=[str(listing)], db=tmp_path / "local.db",
                          workspace=tmp_path / "ws-local", jobs=2,
                          git=GitSettings(retries=0))
    run_batch(local)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2
        remote = replace(local, db=tmp_path / "dask.db", workspace=tmp_path / "ws-dask",
                         scheduler=cluster.scheduler_address)
        summary = run_batch(remote)
        used = client.run(lambda: os.getpid())
        cli = run_cli("batch", str(listing), "--scheduler", cluster.scheduler_address,
                      "--db", str(tmp_path / "cli.db"), "--workspace", str(tmp_path / "ws-cli"),
                      "--out", str(tmp_path / "out-cli"), "--retries", "0", "--lang", "en")
    assert summary.failed == 1 and summary.audited == 6
    assert len(used) == 2
    local_rows, dask_rows = _results(local.db), _results(remote.db)
    assert sorted(local_rows) == sorted(dask_rows)
    for name, row in local_rows.items():
        other = dask_rows[name]
        for key in ("status", "commit_id", "ready", "score", "errors", "warnings",
                    "failed_rules"):
            assert row[key] == other[key], (name, key)
    assert "no such directory" in dask_rows["disparu"]["reason"]
    assert cli.exit_code == 1 and "audited 6" in cli.stderr, cli.output
    cli_rows = _results(tmp_path / "cli.db")
    assert {n: r["score"] for n, r in cli_rows.items()} == {
        n: r["score"] for n, r in local_rows.items()}


def test_usage_errors(tmp_path: Path) -> None:
    missing = run_cli("batch", str(tmp_path / "absent.txt"), "--db", str(tmp_path / "r.db"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    nothing = run_cli("batch")
    assert nothing.exit_code == 2 and "SOURCE" in nothing.stderr
    assert run_cli("batch", "--help").exit_code == 0
    assert "--scheduler" in run_cli("batch", "run", "--help").output


def test_an_empty_mirror_is_explained_in_the_batch_language(tmp_path: Path) -> None:
    bare = tmp_path / "depot.git"
    git(tmp_path, "init", "--quiet", "--bare", str(bare))
    listing = write_list(tmp_path / "repos.txt", [str(bare)])
    db = tmp_path / "results.db"
    run_cli("batch", str(listing), "--db", str(db), "--workspace", str(tmp_path / "ws"),
            "--out", str(tmp_path / "out"), "--jobs", "1", "--lang", "fr")
    [row] = _results(db).values()
    assert row["status"] == "failed" and "dépôt vide" in row["reason"]


def test_local_folders_are_audited_in_place_as_check_does(tmp_path: Path) -> None:
    gone = tmp_path / "forge" / "disparu"
    broken = tmp_path / "forge" / "casse"
    (broken / ".git").mkdir(parents=True)  # looks like a clone, git cannot read it
    listing = write_list(tmp_path / "repos.txt", [str(gone), str(broken)])
    for lang, missing in (("fr", "dossier introuvable"), ("en", "no such directory")):
        db = tmp_path / f"results-{lang}.db"
        run_cli("batch", str(listing), "--db", str(db), "--workspace",
                str(tmp_path / f"ws-{lang}"), "--out", str(tmp_path / f"out-{lang}"),
                "--jobs", "1", "--retries", "0", "--lang", lang)
        rows = _results(db)
        assert rows["disparu"]["status"] == "failed"
        assert missing in rows["disparu"]["reason"]
        # audited where it is, with the verdict `opencheck check` gives it
        single = check_json(broken)
        assert rows["casse"]["status"] == "audited"
        assert (rows["casse"]["ready"], rows["casse"]["score"]) == (single["ready"],
                                                                     single["score"])
    assert not any((tmp_path / "ws-en").iterdir())  # nothing cloned, nothing written


def test_dependency_census_across_the_portfolio(tmp_path: Path) -> None:
    import csv

    repos = make_portfolio(tmp_path / "forge", 3)
    manifests = [
        {"requirements.txt": "requests==2.32.3\nflask>=3\n"},
        {"requirements.txt": "requests==2.31.0\n",
         "package.json": '{"name": "x", "dependencies": {"leaflet": "^1.9.4"}}\n'},
        {"package.json": '{"name": "y", "license": "MIT", '
                         '"dependencies": {"leaflet": "1.9.4", "=cmd": "1"}}\n'},
    ]
    for repo, files in zip(repos, manifests, strict=True):
        commit(repo, files)
    db, out = tmp_path / "r.db", tmp_path / "out"
    run_batch(BatchSettings(sources=[str(p) for p in repos], db=db,
                            workspace=tmp_path / "ws", out=out, jobs=1))
    lines = {(r["ecosystem"], r["name"]): r for r in
             csv.DictReader((out / "census.csv").open(encoding="utf-8"))}
    requests = next(v for k, v in lines.items() if k[1] == "requests")
    leaflet = next(v for k, v in lines.items() if k[1] == "leaflet")
    assert requests["repositories"] == "2" and requests["versions"] == "2"
    assert leaflet["repositories"] == "2" and leaflet["organisations"] == "2"
    assert next(v for k, v in lines.items() if k[1] == "flask")["repositories"] == "1"
    first = next(iter(csv.DictReader((out / "census.csv").open(encoding="utf-8"))))
    assert first["repositories"] == "2"  # the most used first
    assert any(name.startswith("'=") for _, name in lines)  # no formula from a manifest
    assert 'href="census.csv"' in (out / "index.html").read_text(encoding="utf-8")


def test_inventory_of_unpublished_code_through_a_forge_with_a_token(tmp_path: Path) -> None:
    import csv
    import gzip

    from secret_samples import Samples

    repos = make_portfolio(tmp_path / "forge", 4)
    key_id, secret = Samples().aws_pair()
    commit(repos[1], {"deploy.env": f"AWS_ACCESS_KEY_ID={key_id}\n"
                                    f"AWS_SECRET_ACCESS_KEY={secret}\n"})
    forge = FakeForge(github={"ministere": [
        github_repo("public", "ministere", repos[0]),
        github_repo("avec-secret", "ministere", repos[1], private=True,
                    visibility="private", pushed_at="2026-11-30T10:00:00Z",
                    stargazers_count=3),
        github_repo("interne", "ministere", repos[2], private=True, visibility="internal",
                    pushed_at="2020-01-01T00:00:00Z"),
        github_repo("brouillon", "ministere", repos[3], private=True,
                    visibility="private")]})
    accounts = tmp_path / "comptes.yml"
    accounts.write_text("github.com:\n  forge: github\n  owners:\n    ministere: {}\n",
                        encoding="utf-8")
    common = ["--api-url", "github.com={base}/gh", "--token", "ghp_never_shown",
              "-j", "1", "--lang", "en"]
    with serve_forge(forge):
        args = [a.replace("{base}", forge.base) for a in common]
        public_only = run_cli("batch", str(accounts), "--db", str(tmp_path / "p.db"),
                              "--workspace", str(tmp_path / "ws"), "--out",
                              str(tmp_path / "p-out"), *args)
        result = run_cli("batch", str(accounts), "--unpublished", "--db",
                         str(tmp_path / "r.db"), "--workspace", str(tmp_path / "ws"),
                         "--out", str(tmp_path / "out"), *args)
    assert public_only.exit_code in (0, 1) and result.exit_code in (0, 1), result.output
    assert sorted(_results(tmp_path / "p.db")) == ["ministere/public"]
    assert not (tmp_path / "p-out" / "inventory.csv").exists()
    assert any(r["path"].endswith("/repos") for r in forge.requests)
    lines = list(csv.DictReader((tmp_path / "out" / "inventory.csv").open(encoding="utf-8")))
    assert [line["name"] for line in lines][-1] == "ministere/avec-secret"
    assert {line["name"] for line in lines} == {"ministere/avec-secret", "ministere/interne",
                                                "ministere/brouillon"}
    flagged = lines[-1]
    assert "secret-in-tree" in flagged["secrets"].split() and flagged["visibility"] == "private"
    interne = next(line for line in lines if line["name"] == "ministere/interne")
    assert interne["visibility"] == "internal" and interne["rank"].isdigit()
    for path in [tmp_path / "r.db", *(tmp_path / "out").rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            assert b"ghp_never_shown" not in data and secret.encode() not in data, path
