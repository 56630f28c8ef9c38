# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 1: a repository that declares itself a partial clone, names a hostile
promisor remote and has a tag on an absent object must not make git fetch.

Listing tags (`for-each-ref` with `%(contents:signature)`) reads the absent object; git
then starts `git fetch` from the promisor remote. Each vector below would run the
attacker's program (or connect to the attacker's server) without the hardening.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import RepoFactory, findings_of, git, run_cli
from hostile.gitpayload import Listener, Payload, make_payload
from opencheck.gitcmd import run_git

ABSENT = "1234567890123456789012345678901234567890"
VECTORS = ("uploadpack", "file-url", "ext-url", "remote-vcs", "ssh", "git", "http", "https")


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def hostile_config(vector: str, repo: Path, payload: Payload, port: int) -> dict[str, str]:
    script = str(payload.script)
    return {
        "uploadpack": {"remote.origin.url": str(repo), "remote.origin.uploadpack": script},
        "file-url": {"remote.origin.url": repo.as_uri(), "remote.origin.uploadpack": script,
                     "protocol.file.allow": "always"},
        "ext-url": {"remote.origin.url": f"ext::{script}", "protocol.ext.allow": "always"},
        "remote-vcs": {"remote.origin.url": script, "remote.origin.vcs": "ext",
                       "protocol.ext.allow": "always"},
        "ssh": {"remote.origin.url": "ssh://example.invalid/r", "core.sshCommand": script,
                "protocol.ssh.allow": "always"},
        "git": {"remote.origin.url": "git://example.invalid/r", "core.gitProxy": script,
                "protocol.git.allow": "always"},
        "http": {"remote.origin.url": f"http://127.0.0.1:{port}/r",
                 "protocol.http.allow": "always"},
        "https": {"remote.origin.url": f"https://127.0.0.1:{port}/r",
                  "protocol.https.allow": "always", "http.sslVerify": "false"},
    }[vector]


def promisor_repo(make_repo: RepoFactory, tmp_path: Path, vector: str,
                  listener: Listener) -> tuple[Path, Payload]:
    """A small project, a tag on an absent object, and a hostile promisor remote."""
    repo = make_repo({"README.md": "# Projet\n"}, name=f"hostile-{vector}")
    payload = make_payload(tmp_path / "attacker", copies=False)
    (repo / ".git" / "refs" / "tags" / "v1.0.0").write_text(ABSENT + "\n")
    settings = {"core.repositoryformatversion": "1", "extensions.partialclone": "origin",
                "remote.origin.promisor": "true",
                **hostile_config(vector, repo, payload, listener.port)}
    for key, value in settings.items():
        git(repo, "config", key, value)
    return repo, payload


@pytest.mark.parametrize("vector", VECTORS)
def test_no_git_call_can_fetch_a_missing_object(
    make_repo: RepoFactory, tmp_path: Path, listener: Listener, vector: str
) -> None:
    repo, payload = promisor_repo(make_repo, tmp_path, vector, listener)
    run_git(repo, "for-each-ref", "--format=%(refname) %(contents:signature)",
            "refs/tags", check=False, timeout=30)
    run_git(repo, "cat-file", "-p", ABSENT, check=False, timeout=30)
    assert not payload.ran, f"{vector}: the repository's program ran"
    assert listener.knocks == 0, f"{vector}: git connected to the repository's server"


@pytest.mark.parametrize("command", [("check", "--format", "json"),
                                     ("check", "--no-history", "--format", "json"),
                                     ("deps",), ("baseline",)])
def test_commands_never_fetch_and_say_history_is_unavailable(
    make_repo: RepoFactory, tmp_path: Path, listener: Listener, command: tuple[str, ...]
) -> None:
    repo, payload = promisor_repo(make_repo, tmp_path, "uploadpack", listener)
    if command[0] == "baseline":
        command += ("--output", str(tmp_path / "baseline.json"))
    result = run_cli(command[0], str(repo), "--lang", "en", *command[1:])
    assert result.exit_code in (0, 1), result.output
    assert not payload.ran
    if command[-1] == "json":
        report = json.loads(result.stdout)
        assert report["metadata"]["history_unavailable"].startswith("Partial clone")
        semver = next(r for r in report["rules"] if r["id"] == "history-semver-tags")
        assert semver["status"] == "skipped"
        assert "Partial clone" in str(semver["reason"])


def test_merge_request_mode_refuses_a_partial_clone(
    make_repo: RepoFactory, tmp_path: Path, listener: Listener
) -> None:
    repo, payload = promisor_repo(make_repo, tmp_path, "uploadpack", listener)
    result = run_cli("check", str(repo), "--diff-base", "HEAD", "--lang", "en")
    assert result.exit_code == 2
    assert "Partial clone" in result.output
    assert not payload.ran


@pytest.mark.parametrize("setting", [("core.repositoryformatversion", "2"),
                                     ("extensions.unknownExtension", "true")])
def test_an_unknown_repository_format_is_reported_not_read(
    make_repo: RepoFactory, tmp_path: Path, listener: Listener, setting: tuple[str, str]
) -> None:
    repo, payload = promisor_repo(make_repo, tmp_path, "uploadpack", listener)
    git(repo, "config", *setting)
    result = run_cli("check", str(repo), "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    assert not payload.ran
    report = json.loads(result.stdout)
    assert report["metadata"]["git"] is False
    unreadable = [f["message"] for f in findings_of(report) if f["rule"] == "git-readable"]
    assert unreadable and "scanned as a plain folder" in unreadable[0]
