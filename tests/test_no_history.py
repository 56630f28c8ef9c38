# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`--no-history` reads no history: no rule, advice or score reads the commit log, and
the log is not started ahead for a run with no rule or score that reads it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of
from opencheck import registry
from opencheck.community import history as hist
from opencheck.registry import Context, Options, all_checks, all_scorers
from opencheck.repository import open_repository

UK = {"GIT_AUTHOR_EMAIL": "dev@digital.cabinet-office.gov.uk", "GIT_AUTHOR_NAME": "Dev"}
EUPL_TAG = "SPDX-License-" + "Identifier: EUPL-1.2"


@pytest.fixture
def logs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each reading of the commit log: started ahead (`start_log`) or read when asked."""
    read: list[str] = []
    started, inline = hist.StartedStream, hist.read_history

    def start(*args: Any, **kwargs: Any) -> Any:
        read.append("started")
        return started(*args, **kwargs)

    def reading(*args: Any, **kwargs: Any) -> hist.History:
        read.append("read")
        return inline(*args, **kwargs)

    monkeypatch.setattr(hist, "StartedStream", start)
    monkeypatch.setattr(hist, "read_history", reading)
    return read


def _repository(make_repo: RepoFactory) -> Path:
    """Published from gov.uk by its commits alone; its files without REUSE headers."""
    root = make_repo({"README.md": "# Wifi\n\nTerraform for the wifi service.\n",
                      "LICENSE": EUPL_TAG + "\n", "src/app.js": "export const a = 1;\n"})
    for index in range(5):
        commit(root, {f"main{index}.tf": "# x\n"}, env=UK)
    return root


def _copyright_fix(report: dict[str, Any]) -> str:
    return next(str(f["fix"]) for f in findings_of(report)
                if f["rule"] == "reuse-file-copyright" and f["path"] == "src/app.js")


def test_no_history_reads_no_commit(make_repo: RepoFactory, logs: list[str]) -> None:
    root = _repository(make_repo)
    whole = check_json(root)
    assert "read" in logs
    # with the history: the commits name the publisher (abroad) and the holder's domain
    assert "published_abroad" in whole["metadata"]
    assert "the organisation behind numerique.gouv.fr" in _copyright_fix(whole)
    logs.clear()
    quick = check_json(root, "--no-history")
    assert logs == []
    assert "history" not in quick["metadata"]["timings"]["analyses"]
    # without: judged from the documents alone, as a folder without git is
    assert "published_abroad" not in quick["metadata"]
    assert '--copyright "2026 <copyright holder>"' in _copyright_fix(quick)


def test_the_log_is_started_ahead_only_for_a_run_that_reads_it(
        make_repo: RepoFactory, logs: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "usable_cores", lambda: 2)
    root = _repository(make_repo)
    for rules in (("reuse-licence-missing",), ("secret-in-tree", "deps-copied-code")):
        report = check_json(root, *(arg for rule in rules for arg in ("--rule", rule)))
        assert logs == [], rules
        assert "history" not in report["metadata"]["timings"]["analyses"]
    # readme-present runs the awesome score, which reads the last commit's date
    for rule in ("history-sign-off", "readme-present"):
        logs.clear()
        report = check_json(root, "--rule", rule)
        assert logs == ["started", "read"], rule  # the log read from what was started
        assert "history" in report["metadata"]["timings"]["analyses"]


def test_the_rules_and_scores_said_to_read_the_history_are_those_that_do(
        make_repo: RepoFactory) -> None:
    """Each check and score run alone on a repository with commits: those that read the
    history are `READERS`, for which the log is started ahead, and no other."""
    root = make_repo({"README.md": "# Projet\n\nUn outil.\n", "LICENSE": EUPL_TAG + "\n",
                      "src/app.js": "export const a = 1;\n",
                      "codemeta.json": '{"@context": "https://w3id.org/codemeta/3.0", '
                                       '"name": "x"}\n',
                      "CITATION.cff": "cff-version: 1.2.0\nmessage: x\ntitle: x\n"})
    repo = open_repository(root)
    reading = set()
    runs: list[tuple[str, Callable[[Context], object]]] = [
        *((name, lambda ctx, check=check: list(check(ctx)))
          for name, check in all_checks().items()),
        *((name, lambda ctx, score=score: score(ctx, []))
          for name, score in all_scorers().items())]
    for name, run in runs:
        ctx = Context(repo=repo, options=Options())
        with contextlib.suppress(Exception):  # Skip, and rules this tree cannot judge
            run(ctx)
        if "history" in ctx.timings:
            reading.add(name)
    assert reading == hist.READERS
