# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A secret file's size tells no value's length.

A committed `.env` of one line was reported with its exact size: `DB_PASSWORD=` and a
newline are 13 of its 24 bytes, so the report told the password's 11 characters, which
its masked form hides behind a class (`…(8-15 chars)`). A small secret file's size is
now shown as a class of sizes too, in the tree and in the history, in every format."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import RepoFactory, commit, findings_of, git, run_cli

RULES = ("--rule", "secret-file-committed", "--rule", "secret-in-history")


def _reported(make_repo: RepoFactory, value: str, fmt: str = "json",
              lang: str = "en") -> str:
    root = make_repo({"README.md": "# Outil\n", ".env": f"DB_PASSWORD={value}\n",
                      "config/.env.production": f"API_KEY={value}\n"})
    git(root, "rm", "--quiet", "config/.env.production")  # its finding is the history's
    commit(root, {}, "Old settings gone")
    result = run_cli("check", str(root), "--format", fmt, "--lang", lang, *RULES)
    assert result.exit_code == 1, result.output
    return result.stdout


def _files(report: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
    return [(f["rule"], f["message"], f.get("size"), f.get("size_class"))
            for f in findings_of(report)]


def test_two_passwords_of_one_class_give_the_same_report(make_repo: RepoFactory) -> None:
    # 11 and 14 characters: 24 and 27 bytes, both in 16-31
    shown = [_files(json.loads(_reported(make_repo, value)))
             for value in ("Soleil2024!", "Bonjour1999#ab")]
    # the history's message names its commit, which differs with the value
    assert [row for row in shown[0] if row[0] == "secret-file-committed"] == \
        [row for row in shown[1] if row[0] == "secret-file-committed"]
    assert ("secret-file-committed", ".env (.env file, 16-31 B) is committed.",
            None, "16-31 B") in shown[0]
    for report in shown:
        history = [row for row in report if row[0] == "secret-in-history"]
        assert [(row[1].startswith("config/.env.production (.env file, 16-31 B) entered"),
                 row[2], row[3]) for row in history] == [(True, None, "16-31 B")]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "html", "junit",
                                 "codequality"])
def test_no_format_shows_the_exact_size(make_repo: RepoFactory, fmt: str) -> None:
    output = _reported(make_repo, "Soleil2024!", fmt)
    assert "24 B" not in output and '"size": 24' not in output
    assert "16-31 B" in output or fmt in ("text", "html")  # rules titled, not messages


def test_the_class_is_said_in_french(make_repo: RepoFactory) -> None:
    output = _reported(make_repo, "Soleil2024!", "json", "fr")
    messages = [f["message"] for f in findings_of(json.loads(output))]
    assert ".env (Fichier .env, 16-31 o) est versionné." in messages
