# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The commit authors' `git log` started before the rules: a holder who committed to
the project is still not called a third party's, the findings are those of a run that
asks git when it needs the authors, and a git nobody read is stopped."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of
from opencheck import registry
from opencheck.checks.dependencies import INVENTORY_READERS
from opencheck.deps import copied
from opencheck.registry import Context, Options, all_checks
from opencheck.repository import open_repository

OWN = "// Copyright 2026 DINUM\n// SPDX-License-Identifier: MIT\n"


def _project(make_repo: RepoFactory, foreign: bool = True) -> Path:
    """Files of the project's own holder; with `foreign`, one whose head names Jane
    Doe, a commit author of the project, and one of Acme Corp, nobody of the project."""
    files = {"LICENSE": "MIT License\n\nCopyright (c) 2026 DINUM\n",
             "src/a.js": OWN + "export const a = 1;\n",
             "src/b.js": OWN + "export const b = 2;\n"}
    if foreign:
        files["vendor-free/acme.js"] = "// Copyright 2019 Acme Corp\nexport const x = 1;\n"
    root = make_repo(files)
    jane = "// Copyright 2021 Jane Doe\n" if foreign else OWN
    commit(root, {"src/jane.js": jane + "export const j = 3;\n"},
           env={"GIT_AUTHOR_NAME": "Jane Doe", "GIT_AUTHOR_EMAIL": "jane@example.org"})
    return root


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The authors' gits started ahead, two cores or not on this machine."""
    held: list[Any] = []
    start = copied.start_authors

    def spied(repo: Any) -> Any:
        process = start(repo)
        held.append(process)
        return process

    monkeypatch.setattr(copied, "start_authors", spied)
    monkeypatch.setattr(registry, "usable_cores", lambda: 2)
    return held


def _copied(report: dict[str, Any]) -> set[str]:
    return {f["path"] for f in findings_of(report) if f["rule"] == "deps-copied-code"}


def test_the_authors_started_ahead_are_those_asked_on_demand(
        make_repo: RepoFactory, started: list[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(make_repo)
    ahead = check_json(root, "--no-history")
    assert len(started) == 1 and started[0] is not None
    assert started[0].process.stdout.closed  # read to its end
    assert _copied(ahead) == {"vendor-free/acme.js"}  # Jane Doe committed hers
    started.clear()
    monkeypatch.setattr(registry, "usable_cores", lambda: 1)  # no idle core: on demand
    inline = check_json(root, "--no-history")
    assert started == []
    assert findings_of(ahead) == findings_of(inline)


def test_authors_nobody_reads_are_stopped(make_repo: RepoFactory,
                                          started: list[Any]) -> None:
    root = _project(make_repo, foreign=False)
    report = check_json(root, "--no-history")
    assert _copied(report) == set()
    assert len(started) == 1 and started[0] is not None
    assert started[0].process.stdout.closed  # stopped, not left behind


def test_a_run_without_an_inventory_reader_starts_nothing(make_repo: RepoFactory,
                                                          started: list[Any]) -> None:
    check_json(_project(make_repo), "--rule", "readme-present")
    assert started == []


def test_the_rules_said_to_read_the_inventory_always_do(make_repo: RepoFactory) -> None:
    """Each rule of `INVENTORY_READERS` run alone builds the inventory (so starting the
    authors' git for it is never asked of a run that would not read them)."""
    root = _project(make_repo)
    checks = all_checks()
    for name in sorted(INVENTORY_READERS):
        ctx = Context(repo=open_repository(root), options=Options(history=False))
        with contextlib.suppress(Exception):  # Skip, findings or not
            list(checks[name](ctx))
        assert ctx.cached("deps.inventory") is not None, name


def test_a_run_with_no_core_to_spare_asks_the_authors_only_when_needed(
        make_repo: RepoFactory, started: list[Any]) -> None:
    """A batch runs one audit a core: the authors' git is not started ahead, and asked
    on demand the findings are the same."""
    from opencheck.engine import RunRequest, run

    root = _project(make_repo)
    batch_like = run(RunRequest(path=root, options=Options(history=False, speculative=False)))
    assert started == []
    assert {f.path for f in batch_like.findings if f.rule == "deps-copied-code"} == {
        "vendor-free/acme.js"}
    run(RunRequest(path=root, options=Options(history=False)))
    assert len(started) == 1
