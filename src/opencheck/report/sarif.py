# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""SARIF 2.1.0, for GitHub code scanning and any SARIF viewer.

Every result carries a file location (GitHub rejects the file otherwise: project-level
findings are anchored on the README, see `location.py`) and a partial fingerprint that
does not depend on line numbers, so an alert follows its problem when lines move.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from opencheck.catalogue import load_catalogue
from opencheck.model import Finding, Report, Severity, Status, text_bytes
from opencheck.report.location import finding_line, finding_path, project_anchor

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://code.gouv.fr/"
FINGERPRINT_KEY = "opencheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A relative URI reference: spaces and other reserved characters percent-encoded."""
    # The name's own bytes, also when they are not UTF-8 (kept by surrogateescape).
    return quote(text_bytes(path), safe="/")


def _rule_entry(rule_id: str, severity: Severity, lang: str) -> dict[str, Any]:
    rule = load_catalogue().rules.get(rule_id)
    entry: dict[str, Any] = {"id": rule_id}
    if rule is not None:
        entry["name"] = rule.title.en
        entry["shortDescription"] = {"text": rule.title.get(lang)}
        entry["fullDescription"] = {"text": rule.help.get(lang)}
        entry["help"] = {"text": rule.fix.get(lang)}
        entry["helpUri"] = rule.reference
        entry["properties"] = {"family": rule.family, "tags": ["opencheck", rule.family]}
    else:
        entry["shortDescription"] = {"text": rule_id}
    entry["defaultConfiguration"] = {"level": LEVELS[severity]}
    return entry


def _result(finding: Finding, index: int, anchor: str, lang: str) -> dict[str, Any]:
    severity = finding.severity or Severity.INFO
    text = finding.message.get(lang)
    if finding.fix:
        text += f" ({finding.fix.get(lang)})"
    region: dict[str, int] = {"startLine": finding_line(finding)}
    if finding.column and finding.column > 0:
        region["startColumn"] = finding.column
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding_path(finding, anchor))},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    properties: dict[str, Any] = {"family": finding.family} if finding.family else {}
    if finding.path is None:
        properties["projectLevel"] = True
    for key in ("commit", "kind", "in_tree"):
        if key in finding.extra and finding.extra[key] not in (None, ""):
            properties[key] = finding.extra[key]
    result["properties"] = properties
    return result


def sarif_log(report: Report, lang: str) -> dict[str, Any]:
    severities = {result.rule: result.severity for result in report.rules}
    for finding in report.findings:  # a finding of a rule the report does not list
        severities.setdefault(finding.rule, finding.severity or Severity.INFO)
    rule_ids = list(severities)
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    anchor = project_anchor(report)
    notifications = [
        {
            "level": "error",
            "message": {"text": result.reason.get(lang) if result.reason else result.rule},
            "descriptor": {"id": result.rule},
        }
        for result in report.rules
        if result.status is Status.ERROR
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        # First in the run, so that a person opening the file reads the verdict first.
        "properties": {"verdict": report.verdict.value, "verdictReason": report.reason.get(lang),
                       "ready": report.ready, "score": report.score,
                       "profile": report.profile, "failOn": report.fail_on.value},
        "tool": {
            "driver": {
                "name": "opencheck",
                "version": report.opencheck_version,
                "semanticVersion": report.opencheck_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_entry(r, severities[r], lang) for r in rule_ids],
            }
        },
        "automationDetails": {"id": f"opencheck/{report.profile}/"},
        "invocations": [invocation],
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], anchor, lang) for f in report.findings],
    }
    commit = report.metadata.get("commit")
    if commit:
        provenance: dict[str, Any] = {"revisionId": str(commit)}
        remote = _https_remote(report.metadata.get("remotes"))
        if remote:
            provenance["repositoryUri"] = remote
            branch = report.metadata.get("branch")
            if branch:
                provenance["branch"] = str(branch)
            run["versionControlProvenance"] = [provenance]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _https_remote(remotes: object) -> str | None:
    """The origin's URL when it is a plain https URL without credentials."""
    if not isinstance(remotes, dict) or not remotes:
        return None
    url = remotes.get("origin") or next(iter(remotes.values()))
    if isinstance(url, str) and url.startswith("https://") and "@" not in url:
        return url
    return None


def render(report: Report, lang: str) -> str:
    return json.dumps(sarif_log(report, lang), ensure_ascii=False, indent=2) + "\n"
