# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The commands other than `check` print repository values too: a dependency's name, a
licence expression, a publiccode.yml value. Each output goes through the sanitiser, as
the check's renderers do (tests/hostile/test_output_injection.py): before, `deps`,
`licence` and `publiccode validate|migrate` wrote ESC, BEL, U+2028 and right-to-left
overrides as they were, to the terminal or the CI log.
"""

from __future__ import annotations

import json

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, run_cli

HOSTILE = "x\x1b]0;owned\x07\x1b[2J\u2028\u202e\x9b"
RAW = ("\x1b", "\x07", "\u2028", "\u202e", "\x9b")
PACKAGE = json.dumps({"name": "app", "version": "1.0.0", "license": f"MIT{HOSTILE}",
                      "dependencies": {f"left{HOSTILE}": "1.0.0"}}, ensure_ascii=False)
PUBLICCODE = (
    'publiccodeYmlVersion: "0.4"\nname: app\n'
    'url: "https://example.org/\\e[2J\\u202e"\n'
    'legal:\n  license: "MIT\\e]0;owned\\a\\u2028\\x9b"\n'
)


@pytest.mark.parametrize("command", [
    ("deps",), ("deps", "-f", "csv"), ("deps", "-f", "json"), ("deps", "-f", "spdx"),
    ("licence",), ("licence", "-f", "json"),
    ("publiccode", "validate", "publiccode.yml"),
    ("publiccode", "validate", "-f", "json", "publiccode.yml"),
    ("publiccode", "migrate", "publiccode.yml"), ("fix",),
])
def test_no_command_prints_a_repository_value_raw(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    root = make_repo({**COMPLETE_HOUSE, "package.json": PACKAGE,
                      "publiccode.yml": PUBLICCODE})
    monkeypatch.chdir(root)
    result = run_cli(*command, "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    output = result.stdout + result.stderr
    assert [repr(c) for c in RAW if c in output] == []
    if command != ("licence",):  # its text names an invalid expression, not its value
        assert any(shown in output for shown in ("\\x1b", "\\u001b", "\\u202e"))


def test_init_publiccode_writes_no_authors_control_raw(make_repo: RepoFactory) -> None:
    """`init publiccode` names the history's two main authors as contacts: a name
    holding a C1 control or a right-to-left override reached the written file, and
    the terminal with `--stdout`, raw (JSON's quoting, which it uses, leaves them)."""
    from conftest import git

    root = make_repo({"README.md": "# Outil\n"})
    for message in ("x", "y"):  # the main author
        git(root, "commit", "--quiet", "--allow-empty", "-m", message,
            env={"GIT_AUTHOR_NAME": "Jean\u202e Dupont\x9b",
                 "GIT_AUTHOR_EMAIL": "j@d.fr"})
    printed = run_cli("init", "publiccode", str(root), "--stdout")
    assert printed.exit_code == 0, printed.output
    assert "Jean\\u202e Dupont\\u009b" in printed.stdout
    written = run_cli("init", "publiccode", str(root))
    assert written.exit_code == 0, written.output
    text = (root / "publiccode.yml").read_text("utf-8")
    for output in (printed.stdout, text):
        assert [repr(c) for c in RAW if c in output] == []
    from opencheck import yamlsafe

    contacts = yamlsafe.load_yaml(text)["maintenance"]["contacts"]
    assert contacts[0]["name"] == "Jean\u202e Dupont\x9b"  # the value itself kept


@pytest.mark.parametrize("fmt", ["json", "spdx"])
def test_deps_json_formats_stay_json_with_the_values_escaped(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """The SPDX document is JSON too: it was escaped as text, so a C1 control, a
    right-to-left override or a runner's `##[` in a dependency's name became `\\x9b`,
    `\\x5b`, escapes JSON does not have, and every SBOM tool refused the file."""
    name = "left##[stop-commands]\x9b\u202e"
    package = json.dumps({"name": "app", "version": "1.0.0", "license": "MIT",
                          "dependencies": {name: "1.0.0"}}, ensure_ascii=False)
    root = make_repo({**COMPLETE_HOUSE, "package.json": package})
    monkeypatch.chdir(root)
    result = run_cli("deps", "-f", fmt)
    assert result.exit_code == 0, result.output
    assert [repr(c) for c in RAW if c in result.stdout] == []
    assert "##[" not in result.stdout
    assert name in json.dumps(json.loads(result.stdout), ensure_ascii=False)


def test_init_codemeta_writes_no_control_raw(make_repo: RepoFactory) -> None:
    """`init codemeta` takes publiccode.yml's description and the README's title: JSON's
    quoting left their C1 controls, right-to-left overrides and line separators as they
    were, in the written codemeta.json and on the terminal with `--stdout`."""
    publiccode = ('publiccodeYmlVersion: "0.4"\nname: app\ndescription:\n  en:\n'
                  '    shortDescription: "Outil\\x9b[2J\\u202e\\u2028 ##[stop-commands]x"\n'
                  'legal:\n  license: MIT\n')
    root = make_repo({"README.md": "# Outil\n", "publiccode.yml": publiccode})
    printed = run_cli("init", str(root), "codemeta", "--stdout")
    assert printed.exit_code == 0, printed.output
    written = run_cli("init", str(root), "codemeta")
    assert written.exit_code == 0, written.output
    text = (root / "codemeta.json").read_text("utf-8")
    for output in (printed.stdout, text):
        assert [repr(c) for c in RAW if c in output] == []
        assert "##[" not in output
        description = json.loads(output)["description"]  # the value itself kept
        assert description == "Outil\x9b[2J\u202e\u2028 ##[stop-commands]x"


def test_a_terminal_in_a_legacy_encoding_gets_the_report(make_repo: RepoFactory) -> None:
    """A console or pipe in cp1252 (Windows, piped to a file) cannot write the report's
    marks (✗) nor a file name's emoji: the run ended in an internal error, exit code 3
    and no report, for a repository with any blocking problem."""
    import os
    import subprocess
    import sys

    root = make_repo({"README.md": "# Outil\n", "notes-\U0001f511.env": "A=1\n"})
    done = subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", "check", str(root), "--no-history",
         "--lang", "en"], capture_output=True, check=False,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 1, done.stderr
    output = done.stdout.decode("cp1252")
    assert "Verdict: NOT READY" in output
    assert "\\U0001f511" in output or "\\u2717" in output
