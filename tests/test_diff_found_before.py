# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a blocking finding of a changed file that the merge base's tree
had already does not block the change. A release's merge request that bumps the version
in an invalid publiccode.yml was NOT READY for what the file held before (dsfr: 14
blocking findings, none of the change's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import check_json, commit, findings_of, git, run_cli
from test_publiccode_checks import publiccode, repo_with

RULES = ("--rule", "publiccode-valid")


def _rules(report: dict[str, Any]) -> list[str]:
    return sorted(f["rule"] for f in findings_of(report))


def _invalid(version: str) -> str:
    return publiccode(softwareVersion=version).replace("name: medusa", "name: medusa\nfoo: 1")


def _release_branch(make_repo: Any, text: str) -> Path:
    root = repo_with(make_repo, {"publiccode.yml": text})
    git(root, "checkout", "--quiet", "-b", "release")
    return root


def test_a_release_that_bumps_an_invalid_publiccode_is_not_blocked_by_it(
    make_repo: Any,
) -> None:
    root = _release_branch(make_repo, _invalid("1.2.0"))
    commit(root, {"publiccode.yml": _invalid("1.3.0")}, "Release 1.3.0")
    assert _rules(check_json(root, *RULES)) == ["publiccode-valid"]  # the repository's
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _rules(report) == []
    assert report["ready"] is True
    assert report["metadata"]["diff"]["found_before"] == 1
    for lang, note in (("en", "Of them, 1 blocking finding(s) the changed files had already"),
                       ("fr", "Dont 1 constat(s) bloquant(s) que les fichiers modifiés")):
        text = run_cli("check", str(root), "--diff-base", "main", "--lang", lang, *RULES)
        assert note in text.stdout


def test_a_change_that_breaks_the_file_is_blocked(make_repo: Any) -> None:
    root = _release_branch(make_repo, publiccode())
    commit(root, {"publiccode.yml": _invalid("1.3.0")}, "Release 1.3.0")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _rules(report) == ["publiccode-valid"] and report["ready"] is False
    # a second problem in a file that had one: the new one blocks, the old one does not
    worse = _invalid("1.3.0").replace("developmentStatus: stable", "developmentStatus: done")
    root = _release_branch(make_repo, _invalid("1.2.0"))
    commit(root, {"publiccode.yml": worse}, "Release 1.3.0")
    report = check_json(root, "--diff-base", "main", *RULES)
    keys = [f.get("key") or f["message"] for f in findings_of(report)]
    assert len(keys) == 1 and "developmentStatus" in str(keys), keys


def test_the_merge_base_is_written_without_running_the_repositorys_filters(
    make_repo: Any, tmp_path: Path,
) -> None:
    """The merge base's files are read from git by id: a smudge filter the repository's
    configuration names (a checkout would run it) never runs."""
    marker = tmp_path / "smudged"
    root = repo_with(make_repo, {"publiccode.yml": _invalid("1.2.0"),
                                 ".gitattributes": "*.yml filter=evil\n"})
    git(root, "config", "filter.evil.smudge", f"touch {marker}; cat")
    git(root, "checkout", "--quiet", "-b", "release")
    commit(root, {"publiccode.yml": _invalid("1.3.0")}, "Release 1.3.0")
    marker.unlink(missing_ok=True)  # git's own checkout above may run it
    report = check_json(root, "--diff-base", "main", *RULES)
    assert report["metadata"]["diff"]["found_before"] == 1  # the base's tree was judged
    assert not marker.exists()


def test_a_finding_the_base_only_warned_about_blocks_when_the_change_makes_it_block(
    make_repo: Any,
) -> None:
    """The same finding (rule, file, kind) may warn at the merge base and block after
    the change: a committed .env of the tests that held no secret warns, and blocks once
    the change writes a password into it (the password itself, in a test place, only
    warns). What the base had was a warning; the change brings the block."""
    root = make_repo({"README.md": "# Outil\n", "tests/.env": "DEBUG=1\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, {"tests/.env": "DEBUG=1\nDB_PASSWORD=Xk9pQ2vLm7wRz81aB3cD\n"}, "Test DB")
    rules = ("--rule", "secret-file-committed", "--rule", "secret-in-tree")
    whole = {(f["rule"], f["severity"]) for f in findings_of(check_json(root, *rules))}
    assert ("secret-file-committed", "error") in whole
    report = check_json(root, "--diff-base", "main", *rules)
    assert ("secret-file-committed", "error") in {
        (f["rule"], f["severity"]) for f in findings_of(report)}
    assert report["ready"] is False


def test_judging_the_merge_base_leaves_the_checkouts_caches_refused(
    make_repo: Any, monkeypatch: Any,
) -> None:
    """The merge base's tree is checked in a scratch folder; the checkout stays the tree
    whose cache folders this process refuses (one a change could have committed)."""
    from opencheck import usercache
    from opencheck.engine import RunRequest
    from opencheck.registry import Options
    from opencheck.scoped import run_both

    root = _release_branch(make_repo, _invalid("1.2.0"))
    commit(root, {"publiccode.yml": _invalid("1.3.0")}, "Release 1.3.0")
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(root / ".cache"))
    _whole, narrowed = run_both(RunRequest(path=root, options=Options(diff_base="main"),
                                           only_rules=("publiccode-valid",)))
    assert narrowed.metadata["diff"]["found_before"] == 1  # the base's tree was checked
    assert usercache.root() is None


def test_a_key_store_the_change_replaces_blocks(make_repo: Any) -> None:
    """review11: the merge base's key store blocked with the same fingerprint (rule,
    path, kind), so a change that put another key in it passed. A secret file's bytes
    are its secret: changed, it is the change's."""
    from test_secrets_stores import jks

    root = repo_with(make_repo, {"tls/release.jks": jks(1)})
    git(root, "checkout", "--quiet", "-b", "rotate")
    commit(root, {"tls/release.jks": jks(1, 1)}, "Another key")
    report = check_json(root, "--diff-base", "main", "--rule", "secret-file-committed")
    assert _rules(report) == ["secret-file-committed"] and report["ready"] is False
