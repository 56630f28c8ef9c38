# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The tags' `git for-each-ref` started before the families are imported: the same
tags as when read on demand, started only for a run with a rule that reads them, and
stopped, not left behind, when nothing read them."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git
from opencheck import registry
from opencheck.registry import Context, Options, all_checks
from opencheck.repository import TagReader, open_repository
from opencheck.tagsahead import TAG_READERS


def _tagged(make_repo: RepoFactory) -> Path:
    """Lightweight, annotated and moving tags over three commits, one name not ASCII."""
    root = make_repo({"README.md": "# Outil\n\nUn outil.\n",
                      "CHANGELOG.md": "# Changelog\n\n## 1.1.0\n\nFixes.\n\n## 1.0.0\n\nFirst.\n"},
                     date="2024-01-02T10:00:00")
    git(root, "tag", "v1.0.0")
    commit(root, {"a.txt": "a\n"}, date="2024-03-02T10:00:00")
    git(root, "tag", "-a", "v1.1.0", "-m", "Release 1.1.0")
    commit(root, {"b.txt": "b\n"}, date="2024-05-02T10:00:00")
    git(root, "tag", "latest")
    git(root, "tag", "-a", "r\xe9sum\xe9-2", "-m", "Note")
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each reading of the tags: "started" when the git was started ahead, then "read"
    (from what was started, or asked then)."""
    seen: list[str] = []
    start, call = TagReader.start, TagReader.__call__

    def started(self: TagReader) -> Any:
        seen.append("started")
        return start(self)

    def read(self: TagReader) -> Any:
        seen.append("read")
        return call(self)

    monkeypatch.setattr(TagReader, "start", started)
    monkeypatch.setattr(TagReader, "__call__", read)
    monkeypatch.setattr(registry, "usable_cores", lambda: 2)
    return seen


def test_tags_started_ahead_are_the_tags_read_on_demand(make_repo: RepoFactory) -> None:
    root = _tagged(make_repo)
    on_demand = TagReader(root)()
    ahead = TagReader(root)
    ahead.start()
    assert ahead() == on_demand
    assert sorted(tag.name for tag in on_demand) == ["latest", "r\xe9sum\xe9-2", "v1.0.0", "v1.1.0"]
    assert ahead.started is None  # its git was taken, and read to the end


def test_a_whole_check_reads_the_tags_from_the_git_started_ahead(
        make_repo: RepoFactory, reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tagged(make_repo)
    ahead = check_json(root, "--no-history")
    assert reads == ["started", "read"]
    reads.clear()
    monkeypatch.setattr(registry, "usable_cores", lambda: 1)  # no idle core: on demand
    inline = check_json(root, "--no-history")
    assert reads == ["read"]
    assert findings_of(ahead) == findings_of(inline)
    assert [r for r in ahead["rules"]] == [r for r in inline["rules"]]
    semver = {f["path"] or f["message"] for f in findings_of(ahead)
              if f["rule"] == "history-semver-tags"}
    assert any("r\xe9sum\xe9-2" in text for text in semver)


def test_a_run_without_a_tag_reader_starts_nothing(
        make_repo: RepoFactory, reads: list[str]) -> None:
    root = _tagged(make_repo)
    check_json(root, "--rule", "secret-in-tree")
    assert reads == []
    # readme-present runs the awesome score, which reads the tags when it needs them
    check_json(root, "--rule", "readme-present")
    assert reads == ["read"]


def test_tags_started_and_never_read_are_stopped(make_repo: RepoFactory) -> None:
    root = _tagged(make_repo)
    reader = TagReader(root)
    held = reader.start()
    process = reader.started.process if reader.started else None
    held.close()
    assert reader.started is None
    assert process is not None and process.poll() is not None  # no git left running
    held.close()  # closing twice (the run's end after an error) is harmless
    assert len(reader()) == 4  # asked anew


def test_the_rules_said_to_read_the_tags_always_do(make_repo: RepoFactory) -> None:
    """Each check run alone on a tagged repository: every rule of `TAG_READERS` reads
    the tags (so starting their git for it is never wasted)."""
    root = _tagged(make_repo)
    checks = all_checks()
    for name in sorted(TAG_READERS):
        repo = open_repository(root)
        assert repo.git is not None
        with contextlib.suppress(Exception):  # Skip, findings or not
            list(checks[name](Context(repo=repo, options=Options(history=False))))
        assert repo.git.tags_read, name
