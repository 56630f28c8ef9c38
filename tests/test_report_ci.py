# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The CI formats: SARIF 2.1.0, GitLab Code Quality, JUnit XML, on real repositories."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import xmlschema

from conftest import COMPLETE_HOUSE, commit, run_cli
from foundation_rules import FOUNDATION_RULES, rule_args
from opencheck.engine import RunRequest, run
from opencheck.model import Finding, Severity, Text
from opencheck.report import renderers

SCHEMAS = Path(__file__).parent / "schemas"
CODEQUALITY_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return schema


@pytest.fixture
def troubled_repo(make_repo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """No README (blocking, project-level), no CONTRIBUTING (warning), two files the
    snapshot cannot read (info, with a path; one with a space and an accent)."""
    outside = tmp_path / "outside.txt"
    outside.write_text("secret de voisin\n", encoding="utf-8")
    root: Path = make_repo({"LICENSE": "MIT License\n", "src/app.py": "print(1)\n"})
    os.symlink(outside, root / "lien sortant é.txt")
    os.symlink(outside, root / "src" / "escape.txt")
    commit(root, {}, "Add links")
    return root


def _render(root: Path, fmt: str, lang: str = "en") -> str:
    result = run_cli("check", str(root), "--format", fmt, "--lang", lang, *rule_args())
    assert result.exit_code == 1, result.output
    return result.stdout


def test_sarif_validates_against_the_official_schema(troubled_repo: Path, sarif_schema) -> None:  # type: ignore[no-untyped-def]
    for lang in ("fr", "en"):
        log = json.loads(_render(troubled_repo, "sarif", lang))
        jsonschema.Draft4Validator(
            sarif_schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
        ).validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "opencheck"
    rules = run["tool"]["driver"]["rules"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["readme-present"]["level"] == "error"
    assert by_rule["contributing-present"]["level"] == "warning"
    for result in run["results"]:
        # GitHub rejects the whole file when a result has no file location.
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        assert location["region"]["startLine"] >= 1
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["opencheck/v1"]) == 32
    assert by_rule["readme-present"]["properties"]["projectLevel"] is True
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in run["results"] if r["ruleId"] == "files-readable"
    }
    assert uris == {"lien%20sortant%20%C3%A9.txt", "src/escape.txt"}
    readme_rule = next(r for r in rules if r["id"] == "readme-present")
    assert readme_rule["helpUri"].startswith("https://")
    assert readme_rule["shortDescription"]["text"]

    def no_empty_strings(value: object) -> None:
        if isinstance(value, str):
            assert value != ""
        elif isinstance(value, dict):
            for item in value.values():
                no_empty_strings(item)
        elif isinstance(value, list):
            for item in value:
                no_empty_strings(item)

    no_empty_strings(log)


def test_sarif_of_a_ready_repository_has_no_results(make_repo, sarif_schema) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(COMPLETE_HOUSE)
    result = run_cli("check", str(root), "--format", "sarif", "--lang", "en", *rule_args())
    assert result.exit_code == 0, result.output
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_project_level_findings_are_anchored_on_the_readme(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.rst": "Projet\n"})  # no licence: blocking, project-level
    log = json.loads(_render(root, "sarif"))
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "licence-file-present")
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "README.rst"
    issues = json.loads(_render(root, "codequality"))
    issue = next(i for i in issues if i["check_name"] == "licence-file-present")
    assert issue["location"]["path"] == "README.rst"


def test_codequality_structure(troubled_repo: Path) -> None:
    issues = json.loads(_render(troubled_repo, "codequality"))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["description"] and issue["check_name"]
        assert issue["severity"] in CODEQUALITY_SEVERITIES
        assert isinstance(issue["location"]["path"], str) and issue["location"]["path"]
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    severity = {i["check_name"]: i["severity"] for i in issues}
    assert severity["readme-present"] == "blocker"  # what fails the run
    assert severity["contributing-present"] == "major"
    assert severity["files-readable"] == "info"
    paths = {i["location"]["path"] for i in issues if i["check_name"] == "files-readable"}
    assert paths == {"lien sortant é.txt", "src/escape.txt"}


def test_junit_validates_against_the_jenkins_schema(troubled_repo: Path) -> None:
    xml = _render(troubled_repo, "junit", "fr")
    tree = ET.fromstring(xml)
    assert tree.tag == "testsuites"
    cases = tree.findall("./testsuite/testcase")
    # GitLab reads a `file` attribute on test cases, which the Jenkins schema predates:
    # check it here, then validate the rest of the document against the schema.
    with_file = {c.get("file") for c in cases if c.get("file")}
    assert with_file == {"lien sortant é.txt", "src/escape.txt"}
    for case in cases:
        case.attrib.pop("file", None)
    xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd").validate(ET.tostring(tree, "unicode"))
    failures = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failures] == ["readme-present · projet"]
    assert tree.get("failures") == "1"
    assert int(tree.get("tests") or 0) == len(cases)
    passed_with_output = [c for c in cases if c.find("system-out") is not None]
    assert any("contributing-present" in (c.get("name") or "") for c in passed_with_output)
    suites = tree.findall("./testsuite")
    assert sum(int(s.get("tests") or 0) for s in suites) == len(cases)
    assert all(c.get("classname", "").startswith("opencheck.") for c in cases)


def test_junit_reports_skipped_and_errored_rules(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(COMPLETE_HOUSE)
    (root / ".opencheck.yml").write_text(
        "disable:\n  roadmap-present: no roadmap for a library\n", encoding="utf-8"
    )
    result = run_cli("check", str(root), "--format", "junit", "--lang", "en", *rule_args())
    tree = ET.fromstring(result.stdout)
    skipped = [c for c in tree.iter("testcase") if c.find("skipped") is not None]
    assert [c.get("name") for c in skipped] == ["roadmap-present"]
    assert skipped[0].find("skipped").get("message") == "no roadmap for a library"  # type: ignore[union-attr]
    xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd").validate(result.stdout)


def test_fingerprints_survive_lines_moving_above_the_finding(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(COMPLETE_HOUSE)
    report = run(RunRequest(path=root, only_rules=FOUNDATION_RULES))
    finding = Finding(
        rule="files-readable", message=Text("x", "x"), path="src/app.py", line=10,
        severity=Severity.ERROR, key="token", family="repository",
    )
    moved = replace(finding, line=42)
    outputs = []
    for version in (finding, moved):
        report.findings = [version]
        sarif = json.loads(renderers()["sarif"](report, "en"))
        quality = json.loads(renderers()["codequality"](report, "en"))
        outputs.append(
            (sarif["runs"][0]["results"][0]["partialFingerprints"], quality[0]["fingerprint"])
        )
    assert outputs[0] == outputs[1]
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 42
    }


def test_fingerprints_are_stable_across_runs(troubled_repo: Path) -> None:
    first = json.loads(_render(troubled_repo, "codequality"))
    commit(troubled_repo, {"src/other.py": "x = 1\n"}, "Unrelated change")
    second = json.loads(_render(troubled_repo, "codequality"))
    assert {i["fingerprint"] for i in first} == {i["fingerprint"] for i in second}


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_junit_escapes_characters_xml_forbids(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(COMPLETE_HOUSE)
    report = run(RunRequest(path=root, only_rules=FOUNDATION_RULES))
    report.findings = [
        Finding(rule="files-readable", message=Text("bad \x01 <name> & co", "bad \x01 <name> & co"),
                path="a\x02b.txt", severity=Severity.INFO, family="repository"),
    ]
    xml = renderers()["junit"](report, "en")
    ET.fromstring(xml)  # parses: the control characters were replaced
    assert "&lt;name&gt; &amp; co" in xml
