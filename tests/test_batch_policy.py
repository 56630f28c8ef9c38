# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck batch --policy FILE`: a ministry's relay audits a portfolio under its own
policy. A repository that turns off `secret-in-tree` beside a token was READY in the
batch by its own say; under the policy it is NOT READY, and every output of the batch
(CSV, JSON, dashboard, the repository's page) names what the policy set aside. A bad
policy stops the batch before its database or outputs are touched."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, run_cli
from opencheck.batch.store import Store
from secret_samples import Samples

TOKEN = Samples(7).github()
POLICY = "enforce:\n  secret-in-tree: error\n"


def _results(db: Path) -> dict[str, dict[str, Any]]:
    with Store(db) as store:
        run = store.latest_run()
        assert run is not None
        return {r["name"]: r for r in store.results(run)}


def _portfolio(make_repo: RepoFactory) -> tuple[Path, Path]:
    leaky = make_repo({**COMPLETE_HOUSE, "app/settings.py": f'GITHUB_TOKEN = "{TOKEN}"\n',
                       ".opencheck.yml": "disable:\n  secret-in-tree: données de test\n"},
                      name="leaky")
    clean = make_repo(COMPLETE_HOUSE, name="clean")
    return leaky, clean


def _batch(tmp_path: Path, *args: str) -> Any:
    return run_cli("batch", *args, "--db", str(tmp_path / "results.db"), "--workspace",
                   str(tmp_path / "ws"), "--out", str(tmp_path / "out"), "--jobs", "1",
                   "--no-history", "--lang", "en", "--quiet")


def test_the_policy_judges_each_repository_and_every_output_says_so(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    leaky, clean = _portfolio(make_repo)
    alone = _batch(tmp_path, str(leaky), str(clean))
    assert alone.exit_code == 0, alone.output  # READY by its own say
    assert _results(tmp_path / "results.db")["leaky"]["verdict"] == "ready"
    policy = tmp_path / "auditor" / "ministere.yml"
    policy.parent.mkdir()
    policy.write_text(POLICY, encoding="utf-8")
    judged = _batch(tmp_path, str(leaky), str(clean), "--policy", str(policy))
    assert judged.exit_code == 1, judged.output
    rows = _results(tmp_path / "results.db")
    leaky_row = rows["leaky"]
    # the same database: the earlier result, judged without the policy, is not reused
    assert leaky_row["status"] == "audited" and leaky_row["verdict"] == "not_ready"
    assert leaky_row["policy_overrides"] == ["disable secret-in-tree"]
    assert leaky_row["profile"].startswith("default, policy ")
    assert rows["clean"]["verdict"] == "ready" and rows["clean"]["policy_overrides"] == []
    out = tmp_path / "out"
    with (out / "results.csv").open(encoding="utf-8") as stream:
        table = {row["name"]: row for row in csv.DictReader(stream)}
    assert table["leaky"]["policy_overrides"] == "disable secret-in-tree"
    assert table["leaky"]["verdict"] == "not-ready"
    assert "sets aside 1 setting(s)" in table["leaky"]["verdict_reason"]
    exported = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in exported["repositories"]}
    assert by_name["leaky"]["policy_overrides"] == ["disable secret-in-tree"]
    assert exported["run"]["profile"].startswith("default, policy ")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1 setting(s) of the repository set aside by the policy" in index
    page = (out / by_name["leaky"]["page"]).read_text(encoding="utf-8")
    assert "&#x27;disable secret-in-tree: données de test&#x27; set aside" in page
    assert "the policy enforces this rule at &#x27;error&#x27;" in page


def test_a_batch_under_the_same_policy_reuses_unchanged_results(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    leaky, _ = _portfolio(make_repo)
    policy = tmp_path / "policy.yml"
    policy.write_text(POLICY, encoding="utf-8")
    assert _batch(tmp_path, str(leaky), "--policy", str(policy)).exit_code == 1
    again = _batch(tmp_path, str(leaky), "--policy", str(policy), "--force")
    assert again.exit_code == 1
    assert _batch(tmp_path, str(leaky), "--policy", str(policy)).exit_code == 1
    assert _results(tmp_path / "results.db")["leaky"]["status"] == "unchanged"
    policy.write_text(POLICY + "repository:\n  exclude: honour\n", encoding="utf-8")
    changed = _batch(tmp_path, str(leaky), "--policy", str(policy))
    assert changed.exit_code == 1
    assert _results(tmp_path / "results.db")["leaky"]["status"] == "audited"


@pytest.mark.parametrize(("text", "said"), [
    ("", "the policy is empty"),
    ("enforce:\n  secret-in-tre: error\n", "no rule matches 'secret-in-tre'"),
    ("repository:\n  exclude: maybe\n", "repository.exclude: invalid value"),
])
def test_a_bad_policy_stops_the_batch_before_it_touches_anything(
        make_repo: RepoFactory, tmp_path: Path, text: str, said: str) -> None:
    leaky, clean = _portfolio(make_repo)
    assert _batch(tmp_path, str(leaky), str(clean)).exit_code == 0
    db = tmp_path / "results.db"
    before = db.read_bytes()
    index = tmp_path / "out" / "index.html"
    shown = index.read_text(encoding="utf-8")
    policy = tmp_path / "policy.yml"
    policy.write_text(text, encoding="utf-8")
    result = _batch(tmp_path, str(leaky), str(clean), "--policy", str(policy))
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert db.read_bytes() == before
    assert index.read_text(encoding="utf-8") == shown
    missing = _batch(tmp_path, str(leaky), "--policy", str(tmp_path / "absent.yml"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_a_task_carries_the_policy_as_plain_hashable_data(tmp_path: Path) -> None:
    """A task travels to worker processes and Dask machines: pickled, and hashable
    as the frozen dataclass it is; the worker validates the policy again."""
    import pickle

    from opencheck.auditpolicy import read_policy
    from opencheck.batch.orchestrate import BatchSettings, profile_label
    from opencheck.batch.runners import Task, _policy
    from opencheck.batch.sources import Target
    from opencheck.batch.workspace import GitSettings
    from opencheck.catalogue import load_catalogue

    path = tmp_path / "policy.yml"
    path.write_text(POLICY, encoding="utf-8")
    policy = read_policy(path, load_catalogue())
    settings = BatchSettings(sources=[], db=tmp_path / "db", workspace=tmp_path, policy=policy)
    assert profile_label(settings) == f"default, policy {path}@{policy.digest[:12]}"
    task = Task(target=Target(key="k", name="n", organisation="o", platform="local",
                              url=str(tmp_path)),
                workspace=str(tmp_path), git=GitSettings(),
                policy=(policy.name, policy.digest, json.dumps(policy.data)))
    hash(task)
    again = _policy(pickle.loads(pickle.dumps(task)))
    assert again is not None and again.enforce == policy.enforce
