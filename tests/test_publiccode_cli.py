# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck publiccode validate|migrate` and `opencheck init publiccode`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import commit, git, run_cli
from opencheck.publiccode import validate
from opencheck.publiccode.generate import PLACEHOLDER

VALID = """publiccodeYmlVersion: "0.7"
name: Médusa
url: "https://github.com/example/medusa"
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  fr:
    shortDescription: Vérifie un dépôt.
    longDescription: >
      Médusa vérifie qu'un dépôt de code est prêt à être publié comme logiciel libre :
      licence, fichiers attendus, secrets, description du projet pour les catalogues.
    features: [Vérifier la licence]
legal:
  license: EUPL-1.2
maintenance:
  type: internal
  contacts:
    - name: Camille Agent
localisation:
  localisationReady: true
  availableLanguages: [fr]
"""


def test_validate_valid_file(tmp_path: Path) -> None:
    file = tmp_path / "publiccode.yml"
    file.write_text(VALID, "utf-8")
    result = run_cli("publiccode", "validate", str(file))
    assert result.exit_code == 0
    assert result.stdout == ""


def test_validate_reports_every_problem_in_the_reference_format(tmp_path: Path) -> None:
    file = tmp_path / "publiccode.yml"
    file.write_text(VALID.replace("type: internal", "type: interne")
                    .replace("EUPL-1.2", "EUPL-1.2-or-later"), "utf-8")
    result = run_cli("publiccode", "validate", str(file), "--lang", "en")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "publiccode.yml:15:3: error: legal.license: 'EUPL-1.2-or-later' is not a valid" in (
        lines[0])
    assert lines[1].startswith("publiccode.yml:17:3: error: maintenance.type: Value 'interne'")


def test_validate_french_messages(tmp_path: Path) -> None:
    file = tmp_path / "publiccode.yml"
    file.write_text(VALID.replace("name: Médusa\n", ""), "utf-8")
    result = run_cli("publiccode", "validate", str(file), "--lang", "fr")
    assert "error: name: Clé obligatoire absente" in result.stdout


def test_validate_json(tmp_path: Path) -> None:
    file = tmp_path / "publiccode.yml"
    file.write_text(VALID.replace('"0.7"', '"0.4"').replace("stable", "finished"), "utf-8")
    result = run_cli("publiccode", "validate", str(file), "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    assert {"line", "column", "severity", "key", "message"} == set(issues[0])
    by_key = {issue["key"]: issue for issue in issues}
    assert by_key["developmentStatus"]["severity"] == "error"
    assert by_key["developmentStatus"]["line"] == 5
    assert by_key["publiccodeYmlVersion"]["severity"] == "warning"


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    file = tmp_path / "publiccode.yml"
    file.write_text(VALID.replace('"0.7"', '"0.5"'), "utf-8")
    result = run_cli("publiccode", "validate", str(file))
    assert result.exit_code == 0 and "warning: publiccodeYmlVersion" in result.stdout


def test_validate_missing_file_is_usage_error(tmp_path: Path) -> None:
    result = run_cli("publiccode", "validate", str(tmp_path / "nope.yml"), "--lang", "en")
    assert result.exit_code == 2
    assert "cannot read" in result.output and "nope.yml" in result.output


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_validate_huge_file_reads_a_bounded_prefix(tmp_path: Path) -> None:
    file = tmp_path / "publiccode.yml"
    with file.open("wb") as handle:
        handle.write(b"name: ")
        handle.write(b"x" * (50 * 1024 * 1024))
    result = run_cli("publiccode", "validate", str(file), "--lang", "en")
    assert result.exit_code == 1 and "too large" in result.stdout


def test_migrate_legacy_layout(tmp_path: Path) -> None:
    legacy = (VALID.replace('"0.7"', '"0.2"')
              + "creationDate: 2020-01-01\nlatestRelease:\n  version: '1.4.0'\n"
              "  date: '2024-02-01'\nawesomeScore: 7\nfundedBy:\n  - name: DINUM\n"
              "    url: https://numerique.gouv.fr\n")
    file = tmp_path / "publiccode.yml"
    file.write_text(legacy, "utf-8")
    assert run_cli("publiccode", "validate", str(file)).exit_code == 1
    result = run_cli("publiccode", "migrate", str(file), "--lang", "en")
    assert result.exit_code == 0, result.output
    migrated = validate(result.stdout)
    assert migrated.valid, [i.render("en") for i in migrated.issues]
    assert migrated.data["softwareVersion"] == "1.4.0"
    assert migrated.data["releaseDate"] == "2024-02-01"
    assert migrated.data["fundedBy"][0]["uri"] == "https://numerique.gouv.fr"
    assert "latestRelease.version -> softwareVersion" in result.stderr
    assert file.read_text("utf-8") == legacy  # never changed in place


def fill(text: str) -> str:
    """What a person does: replace each TO_FILL_IN with a real value."""
    out = []
    for line in text.splitlines():
        if PLACEHOLDER in line and not line.startswith("#"):
            head = line.split(PLACEHOLDER)[0]
            key = head.strip().rstrip(":").strip("- ").strip()
            value = {
                "developmentStatus": "beta", "softwareType": "standalone/web",
                "type": "internal", "url": '"https://example.org/repo"',
                "shortDescription": '"Un outil."', "license": "EUPL-1.2",
                "longDescription": '"' + "Une description assez longue. " * 8 + '"',
            }.get(key, '"web"' if head.strip() == "-" else '"Camille Agent"')
            line = head + value
        out.append(line)
    return "\n".join(out) + "\n"


def test_init_publiccode_from_the_repository(make_repo: Any) -> None:
    readme = ("# Médusa\n\n[![badge](https://img.shields.io/x.svg)](https://x)\n\n"
              "Médusa est un outil publié par la DINUM pour les administrations. Il vérifie "
              "que le dépôt est prêt à être publié : la licence, les fichiers, les secrets, "
              "et il dit ce qui manque avec des exemples pour chaque problème.\n")
    root: Path = make_repo({"README.md": readme, "LICENSE": "MIT License\n\nCopyright\n",
                            "AUTHORS": "Camille Agent <camille.agent@numerique.gouv.fr>\n"},
                           name="medusa")
    git(root, "remote", "add", "origin", "git@github.com:example/medusa.git")
    commit(root, {"x": "1"}, date="2026-04-02T12:00:00+00:00")
    git(root, "tag", "v2.0.1", env={"GIT_COMMITTER_DATE": "2026-04-02T12:00:00+00:00"})
    result = run_cli("init", "publiccode", str(root))
    assert result.exit_code == 0, result.output
    text = (root / "publiccode.yml").read_text("utf-8")
    assert 'url: "https://github.com/example/medusa"' in text
    assert 'license: "MIT"' in text
    assert 'softwareVersion: "2.0.1"' in text and 'releaseDate: "2026-04-02"' in text
    assert "camille.agent@numerique.gouv.fr" in text
    assert "Médusa est un outil" in text
    before = validate(text)
    assert before.errors and all(PLACEHOLDER in text.splitlines()[i.line - 1]
                                 or i.key in ("description",) for i in before.errors), [
        i.render("en") for i in before.errors]
    after = validate(fill(text))
    assert after.valid, [i.render("en") for i in after.errors]
    # never overwrites
    again = run_cli("init", "publiccode", str(root))
    assert again.exit_code == 2 and "not overwritten" in again.stderr


def test_init_publiccode_keeps_a_licence_choice_a_choice(make_repo: Any) -> None:
    # review10's routing: the licence ids were joined with AND, so a crate offered under
    # "MIT OR Apache-2.0" was published as requiring both.
    cargo = '[package]\nname = "outil"\nversion = "1.0.0"\nlicense = "MIT OR Apache-2.0"\n'
    root: Path = make_repo({"Cargo.toml": cargo, "src/main.rs": "fn main() {}\n"})
    result = run_cli("init", "publiccode", str(root), "--stdout")
    assert result.exit_code == 0, result.output
    assert 'license: "MIT OR Apache-2.0"' in result.stdout
    assert validate(fill(result.stdout)).valid


def test_init_publiccode_bare_folder(make_repo: Any) -> None:
    root: Path = make_repo({}, git_init=False)
    result = run_cli("init", "publiccode", str(root), "--stdout")
    assert result.exit_code == 0
    assert validate(fill(result.stdout)).valid


def test_init_path_publiccode_writes_in_path_and_speaks_its_language(
    make_repo: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    # `opencheck init PATH publiccode` is how `init --help` reads: the file goes to
    # PATH, not to the current folder, and --lang is understood on either side.
    root: Path = make_repo({"README.md": "# x\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run_cli("init", str(root), "publiccode", "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert (root / "publiccode.yml").is_file() and not (elsewhere / "publiccode.yml").exists()
    assert "écrit : remplacez chaque TO_FILL_IN" in result.stderr
    again = run_cli("init", str(root), "--lang", "fr", "publiccode")
    assert again.exit_code == 2 and "existe déjà : pas remplacé" in again.stderr


def test_validate_default_file_and_stdin(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "publiccode.yaml").write_text(VALID.replace("stable", "done"), "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("publiccode", "validate", "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.startswith("publiccode.yaml:5:1: error: developmentStatus:")
    from click.testing import CliRunner

    from opencheck.cli.main import cli

    piped = CliRunner().invoke(cli, ["publiccode", "validate", "-"], input=VALID)
    assert piped.exit_code == 0, piped.output


def test_validate_nothing_to_validate(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("publiccode", "validate")
    assert result.exit_code == 2 and "no publiccode.yml" in result.stderr
