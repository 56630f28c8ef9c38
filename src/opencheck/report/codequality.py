# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues.

GitLab compares the fingerprints of the merge request's report with the target
branch's to show what the change adds and fixes; ours ignore line numbers, so an issue
keeps its identity when lines move above it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from opencheck.model import Finding, Report, Severity
from opencheck.report.location import finding_line, finding_path, project_anchor
from opencheck.report.summary import verdict_label, verdict_reason

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def issues(report: Report, lang: str) -> list[dict[str, Any]]:
    anchor = project_anchor(report)
    blocking = {id(finding) for finding in report.blocking}
    verdict = [] if report.ready else [_verdict_issue(report, anchor, lang)]
    return verdict + [_issue(f, id(f) in blocking, anchor, lang) for f in report.findings]


def _verdict_issue(report: Report, anchor: str, lang: str) -> dict[str, Any]:
    """NOT READY or INCOMPLETE, with the reason, as the first issue.

    Its fingerprint depends only on the verdict, so the merge-request widget does not
    show it as new or fixed when only the reason's wording changes.
    """
    fingerprint = hashlib.sha256(f"opencheck-verdict\0{report.verdict.value}".encode())
    return {
        "type": "issue",
        "description": f"{verdict_label(report, lang)}. {verdict_reason(report, lang)}",
        "check_name": "opencheck-verdict",
        "fingerprint": fingerprint.hexdigest()[:32],
        "severity": "blocker",
        "location": {"path": anchor, "lines": {"begin": 1}},
    }


def _issue(finding: Finding, blocking: bool, anchor: str, lang: str) -> dict[str, Any]:
    """`blocker` for what makes the run fail, else the severity's usual grade."""
    description = finding.message.get(lang)
    if finding.fix:
        description += f" ({finding.fix.get(lang)})"
    return {
        "type": "issue",
        "description": description,
        "check_name": finding.rule,
        "fingerprint": finding.fingerprint,
        "severity": "blocker" if blocking else SEVERITIES[finding.severity or Severity.INFO],
        "location": {
            "path": finding_path(finding, anchor),
            "lines": {"begin": finding_line(finding)},
        },
    }


def render(report: Report, lang: str) -> str:
    return json.dumps(issues(report, lang), ensure_ascii=False, indent=2) + "\n"
