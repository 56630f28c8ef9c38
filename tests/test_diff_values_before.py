# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request and staged modes: a value a changed file held already where the change
starts (an old token, an internal address) is not what the change brings. A stranger who
edits another line of a configuration file is not blocked by its old token; a value the
change adds, or changes, is reported as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import COMPLETE_HOUSE, check_json, commit, findings_of, git, run_cli
from secret_samples import Samples

RULES = ("--rule", "secret-in-tree", "--rule", "sensitive-internal-host",
         "--rule", "sensitive-data-in-tree")
OLD = Samples(1).github()
NEW = Samples(2).github()


def _values(report: dict[str, Any]) -> list[tuple[str, str | None, int | None]]:
    return sorted((f["rule"], f["path"], f.get("line")) for f in findings_of(report))


def _branch(make_repo: Any, settings: str) -> Path:
    root: Path = make_repo({**COMPLETE_HOUSE, "app/settings.py": settings})
    git(root, "checkout", "--quiet", "-b", "feature")
    return root


def _settings(token: str, timeout: int = 30, more: str = "") -> str:
    return (f'import os\n\nGITHUB_TOKEN = "{token}"\nBACKEND = "http://10.20.30.40:8080"\n'
            f"TIMEOUT = {timeout}\n{more}")


def test_an_edit_elsewhere_in_the_file_does_not_bring_its_old_token(make_repo: Any) -> None:
    root = _branch(make_repo, _settings(OLD))
    commit(root, {"app/settings.py": _settings(OLD, timeout=60)}, "Longer timeout")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _values(report) == []
    assert report["ready"] is True
    assert report["metadata"]["diff"]["values_held_before"] == 2
    whole = check_json(root, *RULES)  # the repository's own report still has both
    assert {f["rule"] for f in findings_of(whole)} == {"secret-in-tree",
                                                       "sensitive-internal-host"}
    text = run_cli("check", str(root), "--diff-base", "main", "--lang", "en", *RULES).stdout
    assert ("Of them, 2 secret(s), sensitive value(s) or internal address(es) the changed "
            "files held before the change") in text
    french = run_cli("check", str(root), "--diff-base", "main", "--lang", "fr", *RULES).stdout
    assert "Dont 2 secret(s), donnée(s) sensible(s) ou adresse(s) interne(s)" in french


def test_a_value_the_change_adds_or_replaces_is_reported(make_repo: Any) -> None:
    root = _branch(make_repo, _settings(OLD))
    commit(root, {"app/settings.py": _settings(OLD, more=f'BACKUP_TOKEN = "{NEW}"\n')}, "More")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert _values(report) == [("secret-in-tree", "app/settings.py", 6)]
    assert report["ready"] is False
    # the token replaced on its own line: a new value, whatever the line
    commit(root, {"app/settings.py": _settings(NEW)}, "Rotated")
    assert _values(check_json(root, "--diff-base", "main", *RULES)) == [
        ("secret-in-tree", "app/settings.py", 3)]


def test_a_private_key_whose_body_changes_is_new(make_repo: Any) -> None:
    """A key's finding stands on its first line, which a new key of the same kind keeps
    as it was: the value, not the line, tells what the change brought."""
    root = _branch(make_repo, "# deploy key\n" + Samples(3).private_key())
    commit(root, {"app/settings.py": "# deploy key\n" + Samples(4).private_key()}, "New key")
    report = check_json(root, "--diff-base", "main", *RULES)
    assert [(rule, path) for rule, path, _ in _values(report)] == [
        ("secret-in-tree", "app/settings.py")]


def test_a_value_another_file_held_is_new_to_the_file_that_gets_it(make_repo: Any) -> None:
    """Copied into a new file, an old token is reported there: the change spreads it."""
    root = _branch(make_repo, _settings(OLD))
    commit(root, {"tools/sync.py": f'TOKEN = "{OLD}"\n'}, "Sync script")
    report = check_json(root, "--diff-base", "main", "--rule", "secret-in-tree")
    assert _values(report) == [("secret-in-tree", "tools/sync.py", 1)]
    # the whole repository's report keeps it at its first place
    whole = check_json(root, "--rule", "secret-in-tree")
    assert _values(whole) == [("secret-in-tree", "app/settings.py", 3)]


def test_a_checked_subfolder_reads_the_files_where_the_change_starts(make_repo: Any) -> None:
    root = _branch(make_repo, _settings(OLD))
    commit(root, {"app/settings.py": _settings(OLD, timeout=60)}, "Longer timeout")
    report = check_json(root / "app", "--diff-base", "main", *RULES)
    assert _values(report) == []
    assert report["metadata"]["diff"]["values_held_before"] == 2


def test_staged_mode_judges_the_staged_file_against_head(make_repo: Any) -> None:
    root = _branch(make_repo, _settings(OLD))
    (root / "app/settings.py").write_text(_settings(OLD, timeout=90), encoding="utf-8")
    git(root, "add", "app/settings.py")
    assert _values(check_json(root, "--staged", *RULES)) == []
    (root / "app/settings.py").write_text(_settings(NEW, timeout=90), encoding="utf-8")
    git(root, "add", "app/settings.py")
    assert _values(check_json(root, "--staged", *RULES)) == [
        ("secret-in-tree", "app/settings.py", 3)]
