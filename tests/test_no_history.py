# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`--no-history` reads no history: no rule, advice or score reads the commit log, and
the log is not started ahead for a run with no rule or score that reads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of
from opencheck.community import history as hist

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

