# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The engine keeps going when a check fails, and says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, findings_of, run_cli
from opencheck import registry
from opencheck.model import Finding, Text
from opencheck.registry import Context, Skip


@pytest.fixture
def replaced_check(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Swap the check of one real rule for the duration of a test (fault injection)."""
    registry.all_checks()

    def replace(rule_id: str, function: registry.CheckFunction) -> None:
        monkeypatch.setitem(registry._CHECKS, rule_id, function)

    return replace


def test_a_crashing_check_becomes_an_error_result_and_the_run_goes_on(
    make_repo: RepoFactory, replaced_check
) -> None:
    def broken(ctx: Context) -> Iterator[Finding]:
        raise ValueError("cannot parse the roadmap")
        yield  # pragma: no cover

    replaced_check("roadmap-present", broken)
    report = check_json(make_repo(COMPLETE_HOUSE))
    roadmap = next(r for r in report["rules"] if r["id"] == "roadmap-present")
    assert roadmap["status"] == "error"
    assert "ValueError: cannot parse the roadmap" in roadmap["reason"]
    assert report["ready"] is True  # an info rule that crashed does not block
    others = [r for r in report["rules"] if r["id"] != "roadmap-present"]
    assert others and all(r["status"] != "error" for r in others)
    assert {"readme-present", "licence-file-present"} <= {
        r["id"] for r in others if r["status"] == "passed"
    }


def test_a_crashing_blocking_check_is_not_a_silent_pass(
    make_repo: RepoFactory, replaced_check
) -> None:
    def broken(ctx: Context) -> Iterator[Finding]:
        raise OSError("disk on fire")
        yield  # pragma: no cover

    replaced_check("licence-file-present", broken)
    result = run_cli("check", str(make_repo(COMPLETE_HOUSE)), "--lang", "en")
    assert result.exit_code == 1
    assert "licence-file-present [error]: the check failed: OSError: disk on fire" in result.stdout


def test_a_check_that_cannot_apply_is_skipped_with_its_reason(
    make_repo: RepoFactory, replaced_check
) -> None:
    def not_here(ctx: Context) -> Iterator[Finding]:
        raise Skip(Text(fr="clone superficiel", en="shallow clone"))
        yield  # pragma: no cover

    replaced_check("authors-present", not_here)
    report = check_json(make_repo({"a.py": ""}))
    authors = next(r for r in report["rules"] if r["id"] == "authors-present")
    assert authors == {**authors, "status": "skipped", "reason": "shallow clone"}


PRESENCE_RULES = ("readme", "licence-file", "contributing", "code-of-conduct",
                  "security-policy", "changelog", "authors", "governance", "roadmap")


def test_score_counts_weighted_passing_rules(make_repo: RepoFactory) -> None:
    def score(files: dict[str, str]) -> int:
        presence = [arg for stem in PRESENCE_RULES for arg in ("--rule", f"{stem}-present")]
        report = check_json(make_repo(files), *presence)
        return int(report["score"])

    files = dict(COMPLETE_HOUSE)
    full = score(files)
    del files["ROADMAP.md"]
    one_info_missing = score(files)
    del files["SECURITY.md"]
    also_warning_missing = score(files)
    assert full == 100
    assert full > one_info_missing > also_warning_missing
    assert full - one_info_missing < one_info_missing - also_warning_missing


def test_fingerprints_are_stable_across_runs(make_repo: RepoFactory) -> None:
    repo = make_repo({"a.py": ""})
    first = {f["fingerprint"] for f in findings_of(check_json(repo))}
    second = {f["fingerprint"] for f in findings_of(check_json(repo))}
    assert first == second and len(first) == len(findings_of(check_json(repo)))
