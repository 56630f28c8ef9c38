# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The JSON report: the contract documented by schemas/report/report.schema.json."""

from __future__ import annotations

import json
from typing import Any

from opencheck.model import Finding, Report
from opencheck.report.summary import per_family, per_severity

SCHEMA_VERSION = "1"


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    base: dict[str, Any] = {
        "rule": finding.rule,
        "family": finding.family,
        "severity": finding.severity.value if finding.severity else None,
        "message": finding.message.get(lang),
        "path": finding.path,
        "line": finding.line,
        "fingerprint": finding.fingerprint,
        "fix": finding.fix.get(lang) if finding.fix else None,
    }
    if finding.column is not None:
        base["column"] = finding.column
    for key, value in finding.extra.items():
        base.setdefault(key, value)
    return base


def report_dict(report: Report, lang: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "verdict": report.verdict.value,
        "verdict_reason": report.reason.get(lang),
        "ready": report.ready,
        "score": report.score,
        "score_detail": report.score_detail.as_dict(lang) if report.score_detail else None,
        "profile": report.profile,
        "fail_on": report.fail_on.value,
        "lang": lang,
        "opencheck_version": report.opencheck_version,
        "root": report.root,
        "metadata": report.metadata,
        "counts": per_severity(report),
        "summary": per_family(report),
        "scores": report.scores,
        "findings": [finding_dict(finding, lang) for finding in report.findings],
        "rules": [
            {
                "id": result.rule,
                "family": result.family,
                "severity": result.severity.value,
                "status": result.status.value,
                "findings": result.findings,
                "reason": result.reason.get(lang) if result.reason else None,
                "disabled_reason": result.disabled_reason,
            }
            for result in report.rules
        ],
    }


def render(report: Report, lang: str) -> str:
    """Indented, except the findings: one compact line each.

    A repository with one finding per file has tens of thousands of them; indented,
    each took ten lines and most of its bytes in spaces. One line per finding keeps
    the file readable, diffable and about half the size.
    """
    document = report_dict(report, lang)
    findings = document.pop("findings")
    rules = document.pop("rules")
    head = json.dumps(document, ensure_ascii=False, indent=2)[:-2]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in findings]
    listed = ",\n    ".join(lines)
    body = f'  "findings": [\n    {listed}\n  ],\n' if lines else '  "findings": [],\n'
    rule_lines = ",\n    ".join(
        json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rules)
    tail = f'  "rules": [\n    {rule_lines}\n  ]\n' if rules else '  "rules": []\n'
    return head + ",\n" + body + tail + "}\n"
