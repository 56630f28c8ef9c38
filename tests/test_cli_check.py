# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck check` as a user runs it: verdicts, languages, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, findings_of, run_cli
from opencheck.data import load_schema


def test_source_file_only_is_not_ready_and_names_readme_and_licence_in_french(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({"main.py": "print('bonjour')\n"})
    result = run_cli("check", str(repo), "--lang", "fr")
    assert result.exit_code == 1
    blocking = result.stdout.split("Problèmes bloquants")[1].split("À améliorer")[0]
    assert "readme-present" in blocking
    assert "licence-file-present" in blocking
    assert "Aucun fichier README trouvé" in blocking
    assert "PAS PRÊT" in result.stdout


def test_english_messages(make_repo: RepoFactory) -> None:
    repo = make_repo({"main.py": "x = 1\n"})
    result = run_cli("check", str(repo), "--lang", "en")
    assert result.exit_code == 1
    assert "NOT READY" in result.stdout
    assert "No README file found" in result.stdout


def test_french_is_the_default_with_a_french_locale(make_repo: RepoFactory) -> None:
    repo = make_repo({"main.py": "x = 1\n"})
    french = run_cli("check", str(repo), env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    english = run_cli("check", str(repo), env={"LANG": "en_GB.UTF-8", "LC_ALL": ""})
    assert "PAS PRÊT" in french.stdout
    assert "NOT READY" in english.stdout


def test_complete_repository_is_ready(make_repo: RepoFactory) -> None:
    repo = make_repo(COMPLETE_HOUSE)
    result = run_cli("check", str(repo), "--lang", "en", "--profile", "minimal")
    assert result.exit_code == 0, result.stdout
    assert "READY to be published" in result.stdout


def test_json_report_validates_against_the_published_schema(make_repo: RepoFactory) -> None:
    repo = make_repo({"main.py": "x = 1\n", "docs/readme.rst": "Projet\n"})
    report = check_json(repo)
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    assert report["ready"] is False
    rules = {rule["id"]: rule["status"] for rule in report["rules"]}
    assert rules["readme-present"] == "passed"  # docs/readme.rst counts, case-insensitive
    assert rules["licence-file-present"] == "failed"
    first = findings_of(report)[0]
    assert first["severity"] == "error" and first["path"] is None
    assert report["metadata"]["commit"] and report["metadata"]["git"] is True


def test_blocking_findings_come_first_in_json(make_repo: RepoFactory) -> None:
    report = check_json(make_repo({"a.py": ""}))
    ranks = [{"error": 3, "warning": 2, "info": 1}[f["severity"]] for f in findings_of(report)]
    assert ranks == sorted(ranks, reverse=True)


def test_several_formats_and_output_files(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = make_repo({"a.py": ""})
    out_json = tmp_path / "report.json"
    out_md = tmp_path / "report.md"
    result = run_cli(
        "check", str(repo), "--lang", "en",
        "-f", "json", "-o", str(out_json), "-f", "markdown", "-o", str(out_md), "-f", "text",
    )
    assert result.exit_code == 1
    assert json.loads(out_json.read_text())["ready"] is False
    markdown = out_md.read_text()
    assert markdown.startswith("## ❌ opencheck: NOT READY")
    assert "| 🛑 error | [licence-file-present]" in markdown
    assert "NOT READY" in result.stdout  # text went to standard output


def test_fail_on_warning_turns_warnings_into_failure(make_repo: RepoFactory) -> None:
    files = dict(COMPLETE_HOUSE)
    del files["SECURITY.md"]
    repo = make_repo(files)
    assert run_cli("check", str(repo), "-q").exit_code == 0
    assert run_cli("check", str(repo), "-q", "--fail-on", "warning").exit_code == 1


def test_quiet_prints_nothing(make_repo: RepoFactory) -> None:
    result = run_cli("check", str(make_repo({"a.py": ""})), "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "no such file or directory"),
        ("file", "not a directory"),
    ],
)
def test_bad_path_is_one_line_and_exit_2(tmp_path: Path, setup: str, message: str) -> None:
    target = tmp_path / "target"
    if setup == "file":
        target.write_text("x")
    result = run_cli("check", str(target))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_format_and_profile_are_usage_errors(make_repo: RepoFactory) -> None:
    repo = make_repo({"a.py": ""})
    assert run_cli("check", str(repo), "-f", "pdf").exit_code == 2
    result = run_cli("check", str(repo), "--profile", "dinnum")
    assert result.exit_code == 2
    assert "did you mean 'dinum'" in result.stderr


def test_installed_command_runs_from_any_directory(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = make_repo({"a.py": ""})
    done = subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", "check", str(repo), "--lang", "en"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "LANG": "C"},
    )
    assert done.returncode == 1
    assert "licence-file-present" in done.stdout


def test_version_rules_and_explain() -> None:
    assert "opencheck" in run_cli("--version").stdout
    listing = run_cli("rules", "--family", "community", "--lang", "en")
    assert "readme-present" in listing.stdout and "licence-file-present" not in listing.stdout
    minimal = run_cli("rules", "--profile", "minimal", "--format", "json")
    ids = {rule["id"] for rule in json.loads(minimal.stdout)}
    assert "readme-present" in ids and "roadmap-present" not in ids
    explained = run_cli("explain", "licence-file-present", "--lang", "fr")
    assert "Pourquoi" in explained.stdout and "décret" in explained.stdout
    unknown = run_cli("explain", "licence-file")
    assert unknown.exit_code == 2 and "did you mean" in unknown.stderr


def test_terminal_report_groups_long_lists_but_json_keeps_everything(
    make_repo: RepoFactory,
) -> None:
    files = {f"src/module{i}.py": f"x = {i}\n" for i in range(25)}
    repo = make_repo(files)
    text = run_cli("check", str(repo), "--lang", "en").stdout
    assert "reuse-file-copyright: 25 finding(s) in 1 folder(s), such as:" in text
    assert "src/ (25), e.g. src/module0.py" in text
    assert not [line for line in text.splitlines() if "reuse-file-copyright src/" in line]
    report = check_json(repo)
    assert sum(f["rule"] == "reuse-file-copyright" for f in findings_of(report)) == 25


def test_rules_skipped_for_one_reason_are_listed_together(make_repo: RepoFactory) -> None:
    text = run_cli("check", str(make_repo({"a.py": ""})), "--lang", "en").stdout
    skipped = text.split("Rules not applied")[1]
    network = [line for line in skipped.splitlines() if "[skipped]" in line]
    assert len(network) == len({line.split("[skipped]: ")[1] for line in network})


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_terminal_escapes_in_file_names_are_shown_not_run(make_repo: RepoFactory) -> None:
    hostile = "src/\x1b[2J\x1b]0;pwned\x07evil.py"
    repo = make_repo({hostile: "x = 1\n"})
    result = run_cli("check", str(repo), "--lang", "en", "-f", "text", "-f", "markdown")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "src/\\x1b[2J\\x1b]0;pwned\\x07evil.py" in result.stdout


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_a_newline_in_a_file_name_cannot_forge_a_report_line(make_repo: RepoFactory) -> None:
    forged = "notes\n  ✓ secret-in-tree: nothing found.txt"
    repo = make_repo({forged: "x\n"})
    text = run_cli("check", str(repo), "--lang", "en").stdout
    assert not any(line.startswith("  ✓") for line in text.splitlines())
    assert "notes\\n  ✓ secret-in-tree: nothing found.txt" in text


def test_french_report_says_in_french_why_rules_were_not_applied(
    make_repo: RepoFactory,
) -> None:
    text = run_cli("check", str(make_repo({"a.py": ""})), "--lang", "fr").stdout
    not_applied = text.split("Règles non appliquées")[1]
    assert "[ignorée]" in not_applied and "[skipped]" not in not_applied


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_markdown_shows_placeholders_and_hostile_names_instead_of_reading_html(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({"a`b<!--.py": "x = 1\n"})
    markdown = run_cli("check", str(repo), "--lang", "en", "-f", "markdown").stdout
    [row] = [line for line in markdown.splitlines() if "reuse-file-copyright" in line]
    # Forges drop unknown tags: the hint's placeholders must be entities outside code.
    assert '--copyright "2026 &lt;' in row and '&gt;" --license "&lt;SPDX identifier&gt;"' in row
    assert "'a\\`b&lt;!--.py'" in row  # a lone backtick opens no code span
    # The path is one code span even though it holds a backtick.
    assert "| ``a`b<!--.py`` |" in row
    assert "<!--" not in row.replace("``a`b<!--.py``", "")
    # Code spans written on purpose keep their `<...>` as they are.
    from opencheck.report.markdown import _cell
    assert (_cell("Add `Signed-off-by: Name <address>` to <each> commit")
            == "Add `Signed-off-by: Name <address>` to &lt;each&gt; commit")


def test_a_rule_pattern_that_matches_nothing_is_a_usage_error(make_repo: RepoFactory) -> None:
    repo = make_repo({"a.py": ""})
    result = run_cli("check", str(repo), "--rule", "secret-*", "--rule", "secrets-in-tree",
                     "--lang", "en")
    assert result.exit_code == 2
    assert "'secrets-in-tree' matches no rule" in result.output
    assert "did you mean 'secret-in-tree'" in result.output
    outside = run_cli("check", str(repo), "-p", "minimal", "--rule", "family:reuse",
                      "--lang", "en")
    assert outside.exit_code == 2
    assert "none of the rules asked with --rule is in profile minimal" in outside.output
