# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode reads the history for what the change brings only
(`secrets/changescan.py`), and reports what the whole history's scan, narrowed to the
change, reports: each test builds a real repository and compares the two."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import commit, git, run_cli
from opencheck.engine import RunRequest
from opencheck.model import Finding, Report
from opencheck.registry import Options
from opencheck.scoped import run_both
from secret_samples import Samples

RULES = ("secret-*", "sensitive-*", "artefact-*")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No blob kept by another test's run: each reads what it commits."""
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(tmp_path / "cache"))


def _seen(finding: Finding) -> str:
    return json.dumps([finding.rule, finding.path, finding.line, finding.message.en,
                       finding.fingerprint, finding.extra], sort_keys=True, default=str)


def narrowed(root: Path, base: str = "main", staged: bool = False) -> Report:
    """The merge request's report, its history read for the change only; asserted equal
    to the whole history's scan narrowed to the change (today's reading, the bar)."""
    options = Options(diff_base=None if staged else base)
    request = RunRequest(path=root, options=options, only_rules=RULES)
    _, fast = run_both(request, staged=staged, whole=False)
    _, slow = run_both(request, staged=staged, whole=True)
    assert sorted(map(_seen, fast.findings)) == sorted(map(_seen, slow.findings))
    assert fast.verdict == slow.verdict
    assert "history_scope" not in slow.metadata  # a whole report wanted: all read
    return fast


def history(report: Report) -> list[tuple[str | None, str | None]]:
    """The history findings: (path, commit)."""
    return sorted((f.path, f.extra.get("commit")) for f in report.findings
                  if f.rule.endswith("-in-history"))


SAMPLES = Samples(11)
KEY_ID, SECRET = SAMPLES.aws_pair()
PASSWORD = "Xk9pQ2vLm7wRz4Tq" + SAMPLES.chars("abcdefghjkmnpqrstuvwxyz23456789", 8)
CONFIG = f'DEBUG = False\nDB_PASSWORD = "{PASSWORD}"\n'
LAST_YEAR = "2025-03-01T10:00:00+00:00"  # values are dated to the second: older ones apart
AWS = f"AWS_ACCESS_KEY_ID={KEY_ID}\nAWS_SECRET_ACCESS_KEY={SECRET}\n"


def test_a_change_with_no_secret_reads_its_own_commits_only(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    commit(root, {"old/settings.py": CONFIG}, "An old password", date=LAST_YEAR)
    git(root, "rm", "-q", "old/settings.py")
    commit(root, {}, "Removed since, still in every clone", date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"docs/guide.md": "# Guide\n"}, "Docs")
    report = narrowed(root)
    assert history(report) == []
    assert report.metadata["history_scope"] == "change"
    # said to the user: the history rules do not describe the whole history
    result = run_cli("check", str(root), "--diff-base", "main", "--lang", "en",
                     *[arg for rule in RULES for arg in ("--rule", rule)])
    assert "History read for the change's commits only" in result.stdout
    # the whole repository's report still reads it all
    result = run_cli("check", str(root), "--diff-base", "main", "--format", "json",
                     "--whole-output", f"json={root / 'whole.json'}",
                     *[arg for rule in RULES for arg in ("--rule", rule)])
    whole = json.loads((root / "whole.json").read_text("utf-8"))
    assert "history_scope" not in whole["metadata"]
    assert any(rule["id"] == "secret-in-history" and rule["status"] == "failed"
               for rule in whole["rules"])


def test_a_password_already_in_an_edited_file_is_not_the_change_s(make_repo) -> None:  # type: ignore[no-untyped-def]
    # The change edits the file (a new blob holding the old password), then removes
    # the password: the value came in before the change, the whole scan says so.
    root = make_repo({"README.md": "# Projet\n", "app/settings.py": CONFIG}, date=LAST_YEAR)
    old = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"app/settings.py": CONFIG + "TIMEOUT = 30\n"}, "Edit")
    commit(root, {"app/settings.py": "DEBUG = False\nTIMEOUT = 30\n"}, "No password")
    report = narrowed(root)
    assert history(report) == []
    whole = run_both(RunRequest(path=root, only_rules=RULES))[0]
    assert ("app/settings.py", old) in history(whole)  # the base's finding, not the change's


def test_a_password_still_in_an_edited_file_is_the_tree_s_finding(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n", "app/settings.py": CONFIG}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"app/settings.py": CONFIG + "TIMEOUT = 30\n"}, "Edit")
    report = narrowed(root)
    # the tree's finding, which the file held before the change (test_diff_values_before)
    assert report.findings == [] and report.metadata["diff"]["values_held_before"] == 1
    assert report.metadata["history_scope"] == "change"


def test_a_secret_the_change_adds_is_reported(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"deploy/prod.py": AWS.replace("=", " = '").replace("\n", "'\n")}, "Deploy")
    report = narrowed(root)
    assert {(f.rule, f.extra["kind"]) for f in report.findings} == {
        ("secret-in-tree", "aws-access-key"), ("secret-in-tree", "aws-secret-key")}
    assert report.metadata["history_scope"] == "change"  # the tree's findings say it all


def test_a_secret_added_then_removed_within_the_change_is_reported(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    added = commit(root, {".env": AWS}, "Configuration")
    git(root, "rm", "-q", ".env")
    commit(root, {}, "Oops")
    report = narrowed(root)
    assert sorted(history(report)) == [(".env", added)] * 3  # the file and its two values
    assert report.metadata["history_scope"] == "whole"  # dated against the whole history


def test_a_value_copied_from_an_old_file_keeps_its_old_date(make_repo) -> None:  # type: ignore[no-untyped-def]
    # Only the whole history knows the value was there before: the change's blobs alone
    # would date it by the change.
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    commit(root, {"legacy/config.py": CONFIG}, "Old", date=LAST_YEAR)
    git(root, "rm", "-q", "legacy/config.py")
    commit(root, {}, "Old, removed", date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"app/db.py": f'DB_PASSWORD = "{PASSWORD}"\n'}, "Copied")
    git(root, "rm", "-q", "app/db.py")
    commit(root, {}, "Removed again")
    assert history(narrowed(root)) == []


def test_a_rename_brings_no_old_value_but_a_secret_file_s_new_name(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n", "legacy/notes.py": CONFIG,
                      "conf/.env.production": "DEBUG=1\n"}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    (root / "app").mkdir()
    git(root, "mv", "legacy/notes.py", "app/notes.py")
    commit(root, {}, "Rename a file that holds an old password")
    git(root, "rm", "-q", "app/notes.py")
    commit(root, {}, "Remove it")
    assert history(narrowed(root)) == []
    git(root, "mv", "conf/.env.production", "conf/.env.staging")
    renamed = commit(root, {}, "Rename the env file")
    git(root, "rm", "-q", "conf/.env.staging")
    commit(root, {}, "Remove it")
    # the file came in under this name with the change (its bytes are older)
    assert history(narrowed(root)) == [("conf/.env.staging", renamed)]


def test_merges_in_the_change(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"docs/a.md": "# A\n"}, "Feature")
    git(root, "checkout", "-q", "-b", "topic")
    brought = commit(root, {"tmp/keys.py": f'DB_PASSWORD = "{PASSWORD}"\n'}, "Topic")
    git(root, "rm", "-q", "tmp/keys.py")
    commit(root, {}, "Topic cleans up")
    git(root, "checkout", "-q", "feature")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    assert history(narrowed(root)) == [("tmp/keys.py", brought)]
    # main moved on with a secret of its own, merged into the change
    git(root, "checkout", "-q", "main")
    on_main = commit(root, {"main.env": "", "ops/key.py": f"KEY = '{KEY_ID}'\n"}, "Main")
    git(root, "rm", "-q", "ops/key.py")
    commit(root, {}, "Main cleans up")
    git(root, "checkout", "-q", "feature")
    git(root, "merge", "-q", "--no-ff", "-m", "Merge main", "main")
    # against main's tip, main's commits are not the change's
    assert sorted(history(narrowed(root))) == [("tmp/keys.py", brought)]
    # against the first base, they are (as before)
    first = git(root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert ("ops/key.py", on_main) in history(narrowed(root, base=first))


def test_staged_mode_reads_no_history(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    commit(root, {"old/settings.py": CONFIG}, "An old password", date=LAST_YEAR)
    git(root, "rm", "-q", "old/settings.py")
    commit(root, {}, "Removed", date=LAST_YEAR)
    (root / "new.py").write_text("print('bonjour')\n", encoding="utf-8")
    git(root, "add", "new.py")
    report = narrowed(root, staged=True)
    assert history(report) == []
    assert report.metadata["history_scope"] == "change"


def test_a_gone_env_file_under_a_name_with_a_carriage_return(make_repo) -> None:  # type: ignore[no-untyped-def]
    # Hostile names: cat-file's list holds one blob a line, a path may hold `\r`.
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    added = commit(root, {"we\rird/.env": "DEBUG=1\n", "a b\rc.py": "x = 1\n"}, "Odd names")
    git(root, "rm", "-q", "we\rird/.env")
    commit(root, {}, "Removed")
    assert history(narrowed(root)) == [("we\rird/.env", added)]


def test_a_narrowed_reading_git_refuses_leaves_the_whole_scan_to_judge(
        make_repo, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # A budget of its own passed (cat-file's paths), an object refused: the whole scan
    # runs, and judges as it did before (its own budgets, its own errors).
    from opencheck.gitcmd import GitError
    from opencheck.secrets import changescan

    def refused(*_args: object, **_kwargs: object) -> None:
        raise GitError("the paths of the history take too much")

    monkeypatch.setattr(changescan, "scan_change", refused)
    root = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    added = commit(root, {"app/db.py": f'DB_PASSWORD = "{PASSWORD}"\n'}, "Password")
    git(root, "rm", "-q", "app/db.py")
    commit(root, {}, "Removed")
    report = narrowed(root)
    assert history(report) == [("app/db.py", added)]
    assert report.metadata["history_scope"] == "whole"


def test_an_edited_test_file_s_password_is_dated_without_the_whole_history(make_repo) -> None:  # type: ignore[no-untyped-def]
    # A password in the tests only warns in the tree, and the history's finding of it,
    # dated in the tests too, would not be written: no need to read the history.
    test_file = f'def test_login():\n    password = "{PASSWORD}"\n'
    root = make_repo({"README.md": "# Projet\n", "tests/test_login.py": test_file},
                     date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"tests/test_login.py": test_file + "    assert True\n"}, "Edit the test")
    report = narrowed(root)
    assert report.findings == [] and report.metadata["diff"]["values_held_before"] == 1
    assert report.metadata["history_scope"] == "change"
    # copied into the application and removed again: dated there, it would block
    commit(root, {"app/login.py": f'password = "{PASSWORD}"\n'}, "Copy")
    git(root, "rm", "-q", "app/login.py")
    commit(root, {}, "Removed")
    report = narrowed(root)
    assert history(report) == []  # the test's version came first
    assert report.metadata["history_scope"] == "whole"


def test_a_vendored_file_s_keyword_match_needs_no_whole_history(make_repo) -> None:  # type: ignore[no-untyped-def]
    # Keyword matches are not looked for in third-party code, in the tree or the history.
    bundle = f'!function(){{var password="{PASSWORD}";}}();\n'
    root = make_repo({"README.md": "# Projet\n", "static/vendor.min.js": bundle},
                     date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"static/vendor.min.js": bundle + "/* 1.1 */\n"}, "Bump the library")
    commit(root, {"static/vendor.min.js": bundle + "/* 1.2 */\n"}, "Again")  # 1.1: history
    report = narrowed(root)
    assert report.findings == []
    assert report.metadata["history_scope"] == "change"


def test_a_subfolder_checked_in_merge_request_mode(make_repo) -> None:  # type: ignore[no-untyped-def]
    # The history's paths are the repository's, the report's the folder's.
    test_file = f'def test_login():\n    password = "{PASSWORD}"\n'
    root = make_repo({"README.md": "# Projet\n", "api/README.md": "# API\n",
                      "api/tests/test_login.py": test_file}, date=LAST_YEAR)
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"api/tests/test_login.py": test_file + "    assert True\n"}, "Edit")
    report = narrowed(root / "api")
    assert report.metadata["history_scope"] == "change"
    added = commit(root, {"api/app/db.py": f'DB_PASSWORD = "{KEY_ID}x"\n'}, "Password")
    git(root, "rm", "-q", "api/app/db.py")
    commit(root, {}, "Removed")
    report = narrowed(root / "api")
    assert history(report) == [("app/db.py", added)]
    assert report.metadata["history_scope"] == "whole"
