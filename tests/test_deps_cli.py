# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck deps`: table, CSV, JSON and SPDX 2.3 outputs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from license_expression import get_spdx_licensing

from conftest import run_cli
from test_deps_ecosystems import fixture_files

# The SPDX 2.3 JSON structure opencheck relies on: required fields and their shapes,
# written from the SPDX 2.3 specification (clauses 6, 7 and 11).
SPDX_ID = {"type": "string", "pattern": r"^SPDXRef-[A-Za-z0-9.-]+$"}
SPDX_23 = {
    "type": "object",
    "required": ["spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace",
                 "creationInfo", "packages", "relationships"],
    "properties": {
        "spdxVersion": {"const": "SPDX-2.3"},
        "dataLicense": {"const": "CC0-1.0"},
        "SPDXID": {"const": "SPDXRef-DOCUMENT"},
        "name": {"type": "string", "minLength": 1},
        "documentNamespace": {"type": "string", "pattern": r"^https?://[^#]+$"},
        "creationInfo": {
            "type": "object",
            "required": ["created", "creators"],
            "properties": {
                "created": {"type": "string",
                            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"},
                "creators": {"type": "array", "minItems": 1,
                             "items": {"type": "string",
                                       "pattern": "^(Tool|Person|Organization): .+"}},
            },
        },
        "packages": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["SPDXID", "name", "downloadLocation", "filesAnalyzed",
                             "licenseConcluded", "licenseDeclared", "copyrightText"],
                "properties": {
                    "SPDXID": SPDX_ID,
                    "name": {"type": "string", "minLength": 1},
                    "versionInfo": {"type": "string"},
                    "downloadLocation": {"type": "string"},
                    "filesAnalyzed": {"const": False},
                    "primaryPackagePurpose": {"enum": ["APPLICATION", "LIBRARY", "FRAMEWORK",
                                                       "CONTAINER", "FILE", "SOURCE", "OTHER"]},
                    "externalRefs": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["referenceCategory", "referenceType",
                                         "referenceLocator"],
                            "properties": {
                                "referenceCategory": {"const": "PACKAGE-MANAGER"},
                                "referenceType": {"const": "purl"},
                                "referenceLocator": {"type": "string", "pattern": "^pkg:"},
                            },
                        },
                    },
                },
            },
        },
        "relationships": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["spdxElementId", "relationshipType", "relatedSpdxElement"],
                "properties": {
                    "relationshipType": {"enum": ["DESCRIBES", "DEPENDS_ON", "CONTAINS",
                                                  "DEV_DEPENDENCY_OF",
                                                  "OPTIONAL_DEPENDENCY_OF",
                                                  "BUILD_DEPENDENCY_OF"]},
                },
            },
        },
    },
}


def npm_repo(make_repo: Any) -> Path:
    root: Path = make_repo({**fixture_files("npm-v3"), "LICENSE": "SPDX-License-Identifier: MIT\n"})
    return root


def test_table_lists_every_dependency_with_its_verdict(make_repo) -> None:
    result = run_cli("deps", str(npm_repo(make_repo)), "--lang", "en")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Project licence: MIT (LICENSE)"
    chart = next(line for line in lines if line.startswith("npm") and "chart-gpl" in line)
    assert "GPL-3.0-only" in chart and "copyleft" in chart and "yes" in chart
    assert "9 dependencies" in result.output


def test_table_in_french(make_repo) -> None:
    result = run_cli("deps", str(npm_repo(make_repo)), "--lang", "fr")
    assert result.output.splitlines()[0] == "Licence du projet : MIT (LICENSE)"
    assert "Écosystème" in result.output


def test_csv(make_repo) -> None:
    result = run_cli("deps", str(npm_repo(make_repo)), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 9
    legacy = next(row for row in rows if row["name"] == "legacy-widget")
    assert legacy["spdx"] == "MIT OR Apache-2.0"
    assert legacy["licence"] == "(MIT OR Apache-2.0)"
    assert legacy["verdict"] == "ok"
    assert legacy["declared_in"] == "package-lock.json"


def test_json(make_repo, tmp_path: Path) -> None:
    target = tmp_path / "deps.json"
    result = run_cli("deps", str(npm_repo(make_repo)), "-f", "json", "-o", str(target))
    assert result.exit_code == 0 and result.output == ""
    document = json.loads(target.read_text("utf-8"))
    assert document["project"] == {"licence": "MIT", "licence_source": "LICENSE"}
    assert document["summary"]["dependencies"] == 9
    assert document["summary"]["verdicts"] == {"ok": 8, "copyleft": 1}
    chart = next(d for d in document["dependencies"] if d["name"] == "chart-gpl")
    assert chart["category"] == "strong-copyleft" and chart["direct"] is True


def test_spdx_document_is_valid_spdx_2_3(make_repo) -> None:
    files = {**fixture_files("npm-v3"), "LICENSE": "SPDX-License-Identifier: MIT\n",
             "vendor/lib/LICENSE": "SPDX-License-Identifier: LicenseRef-Acme\n",
             "vendor/lib/a.c": "int a;\n"}
    result = run_cli("deps", str(make_repo(files)), "--format", "spdx")
    assert result.exit_code == 0
    document = json.loads(result.output)
    jsonschema.validate(document, SPDX_23)
    ids = [package["SPDXID"] for package in document["packages"]]
    assert len(ids) == len(set(ids))
    known = {*ids, "SPDXRef-DOCUMENT"}
    for relation in document["relationships"]:
        assert relation["spdxElementId"] in known
        assert relation["relatedSpdxElement"] in known
    licensing = get_spdx_licensing()
    refs = {info["licenseId"] for info in document.get("hasExtractedLicensingInfos", [])}
    for package in document["packages"]:
        declared = package["licenseDeclared"]
        if declared == "NOASSERTION":
            continue
        for ref in re.findall(r"LicenseRef-[A-Za-z0-9.-]+", declared):
            assert ref in refs
        plain = re.sub(r"LicenseRef-[A-Za-z0-9.-]+", "MIT", declared)
        assert licensing.validate(plain).errors == [], declared
    express = next(p for p in document["packages"] if p["name"] == "express")
    assert express["licenseDeclared"] == "MIT"
    assert express["versionInfo"] == "4.19.2"
    assert express["externalRefs"][0]["referenceLocator"] == "pkg:npm/express@4.19.2"
    types = next(p for p in document["packages"] if p["name"] == "@types/node")
    assert types["externalRefs"][0]["referenceLocator"] == "pkg:npm/%40types/node@20.11.5"
    relation = next(r for r in document["relationships"]
                    if r["spdxElementId"] == types["SPDXID"])
    assert relation["relationshipType"] == "DEV_DEPENDENCY_OF"


def test_bad_registry_option_is_a_usage_error(make_repo) -> None:
    result = run_cli("deps", str(npm_repo(make_repo)), "--registry", "npm")
    assert result.exit_code == 2
    assert "ECOSYSTEM=URL" in result.output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("deps", str(tmp_path / "nowhere"), "--lang", "en")
    assert result.exit_code == 2
    assert "nowhere: no such file or directory" in result.output


def test_configuration_applies_and_is_validated(make_repo) -> None:
    files = {**fixture_files("npm-v3"),
             ".opencheck.yml": "settings:\n  dependencies:\n    project_licence: EUPL-1.2\n"}
    result = run_cli("deps", str(make_repo(files)), "--lang", "en")
    assert result.output.splitlines()[0] == "Project licence: EUPL-1.2 (.opencheck.yml)"
    broken = make_repo({"go.mod": "module x\n", ".opencheck.yml": "nonsense: true\n"})
    result = run_cli("deps", str(broken))
    assert result.exit_code == 2
    assert "unknown setting 'nonsense'" in result.output


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_hostile_package_names_cannot_drive_the_terminal_or_a_spreadsheet(make_repo) -> None:
    lock = {"lockfileVersion": 3, "packages": {
        "": {"dependencies": {}},
        "node_modules/evil": {"name": "\x1b[2J\x1b]0;pwned\x07evil", "version": "1.0.0",
                              "license": "MIT"},
        "node_modules/formula": {"name": "=HYPERLINK(\"http://x\")", "version": "1.0.0",
                                 "license": "MIT"},
    }}
    root = make_repo({"package-lock.json": json.dumps(lock)})
    table = run_cli("deps", str(root)).output
    assert "\x1b" not in table and "\x07" not in table
    assert "?[2J?]0;pwned?evil" in table
    rows = list(csv.DictReader(io.StringIO(run_cli("deps", str(root), "-f", "csv").output)))
    # escaped in CSV too: `deps -f csv` is read in terminals and CI logs as well
    assert {row["name"][0] for row in rows} <= {"'", "\\"}
    assert any(row["name"] == "\\x1b[2J\\x1b]0;pwned\\x07evil" for row in rows)
    assert any(row["name"].startswith("'=HYPERLINK") for row in rows)


def test_command_offers_every_output_format() -> None:
    from opencheck.cli import deps as command
    from opencheck.deps import output

    assert command.FORMATS == output.FORMATS


def test_a_repository_without_dependencies_says_so_in_one_line(make_repo) -> None:
    root = make_repo({"README.md": "# Outil\n", "LICENSE": "SPDX-License-Identifier: MIT\n"})
    english = run_cli("deps", str(root), "--lang", "en")
    assert english.exit_code == 0
    assert english.output == "No dependency manifest or lockfile found.\n"
    french = run_cli("deps", str(root), "--lang", "fr")
    assert french.exit_code == 0
    assert french.output == ("Aucun manifeste de dépendances ni fichier de verrouillage "
                             "trouvé.\n")
    as_csv = run_cli("deps", str(root), "--format", "csv")
    assert as_csv.exit_code == 0
    assert list(csv.DictReader(io.StringIO(as_csv.output))) == []
    assert as_csv.output.startswith("ecosystem,name,version,")
    as_json = json.loads(run_cli("deps", str(root), "--format", "json").output)
    assert as_json["dependencies"] == [] and as_json["manifests"] == []
    assert as_json["summary"]["dependencies"] == 0
    spdx = run_cli("deps", str(root), "--format", "spdx")
    assert spdx.exit_code == 0
    document = json.loads(spdx.output)
    jsonschema.validate(document, SPDX_23)
    # the document describes the project alone: no dependency package, no relation to one
    assert [p["SPDXID"] for p in document["packages"]] == ["SPDXRef-Project"]
    assert [r["relationshipType"] for r in document["relationships"]] == ["DESCRIBES"]


def test_a_manifest_without_dependencies_is_named(make_repo) -> None:
    root = make_repo({"package.json": '{"name": "outil", "version": "1.0.0"}\n'})
    result = run_cli("deps", str(root), "--lang", "en")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "No dependency declared in: package.json."
