# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a portfolio keeps of each JSON report: verdict, every score, and which rules
fail at which severity, blocking ones first.

These are the columns of the results table (SQLite or PostgreSQL), of the CSV and of
`results.json`; the dashboard reads them without opening the reports.
"""

from __future__ import annotations

import json
from typing import Any

from opencheck.report import json_read
from opencheck.report.sanitize import printable

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
SEVERITIES = ("error", "warning", "info")
# the settings a policy set aside that a row names (a configuration may hold thousands)
SHOWN_OVERRIDES = 20

# column -> SQL type, beyond the first schema (added to older databases on opening)
COLUMNS: dict[str, str] = {
    "blocking_rules": "TEXT NOT NULL DEFAULT '[]'",
    "rule_severities": "TEXT NOT NULL DEFAULT '{}'",
    "codegouvfr_score": "INTEGER",
    "codegouvfr_max": "INTEGER",
    "awesome_score": "INTEGER",
    "awesome_out_of": "INTEGER",
    "awesome_badge": "TEXT",
    "standard_met": "INTEGER",
    "standard_out_of": "INTEGER",
    "reuse_compliant": "INTEGER",
    "verdict": "TEXT",
    # why the verdict, as the report's first lines say it (kinds and areas of many
    # blocking findings), for the portfolio's exports and pages
    "verdict_reason": "TEXT",
    # the settings of the repository's configuration an auditor's policy set aside
    # (`batch --policy`): "disable secret-in-tree", "exclude"...
    "policy_overrides": "TEXT NOT NULL DEFAULT '[]'",
}

# what a row of an unchanged repository copies from its previous result
CARRIED = ("ready", "score", "findings", "errors", "warnings", "failed_rules", "report_id",
           *COLUMNS)


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """The stored summary of one JSON report (values ready for SQL)."""
    counts = report.get("counts") if isinstance(report.get("counts"), dict) else {}
    assert isinstance(counts, dict)
    threshold = SEVERITY_RANK.get(str(report.get("fail_on") or "error"), 3)
    severities: dict[str, str] = {}
    blocking: list[str] = []
    for rule in report.get("rules", []):
        if rule.get("status") not in ("failed", "error"):
            continue
        severity = str(rule.get("severity") or "info")
        severities[str(rule["id"])] = severity
        if SEVERITY_RANK.get(severity, 0) >= threshold:
            blocking.append(str(rule["id"]))
    scores = report.get("scores") if isinstance(report.get("scores"), dict) else {}
    assert isinstance(scores, dict)
    codegouvfr = _dict(scores.get("codegouvfr"))
    awesome = _dict(scores.get("awesome"))
    standard = _dict(scores.get("publiccode_standard"))
    reuse = _dict(scores.get("reuse"))
    ready = bool(report.get("ready"))
    return {
        "ready": int(ready),
        "score": report.get("score"),
        "findings": _count(report),
        "errors": int(counts.get("error", 0)),
        "warnings": int(counts.get("warning", 0)),
        "failed_rules": json.dumps(sorted(severities)),
        "blocking_rules": json.dumps(sorted(blocking)),
        "rule_severities": json.dumps(dict(sorted(severities.items()))),
        "codegouvfr_score": _int(codegouvfr.get("score")),
        "codegouvfr_max": _int(codegouvfr.get("max_known")),
        "awesome_score": _int(awesome.get("score")),
        "awesome_out_of": _int(awesome.get("out_of")),
        "awesome_badge": _text(awesome.get("badge")),
        "standard_met": _int(standard.get("met")),
        "standard_out_of": _int(standard.get("out_of")),
        "reuse_compliant": None if "compliant" not in reuse else int(bool(reuse["compliant"])),
        # READY, NOT READY or INCOMPLETE (a blocking rule could not be judged)
        "verdict": _text(report.get("verdict")) or ("ready" if ready else "not_ready"),
        # it names the first blocking file: shown, as every stored name, with its escapes
        "verdict_reason": _shown(_text(report.get("verdict_reason"))),
        "policy_overrides": json.dumps(policy_overrides(report), ensure_ascii=False),
    }


def policy_overrides(report: dict[str, Any]) -> list[str]:
    """What an auditor's policy set aside of the repository's configuration, one short
    item each ("disable secret-in-tree"); the repository's names shown with escapes."""
    metadata = report.get("metadata")
    said = metadata.get("policy") if isinstance(metadata, dict) else None
    if not isinstance(said, dict) or not isinstance(said.get("overridden"), list):
        return []
    items = []
    listed = [o for o in said["overridden"] if isinstance(o, dict)]
    for override in listed[:SHOWN_OVERRIDES]:
        setting, name = _text(override.get("setting")) or "?", _text(override.get("name"))
        item = f"{setting} {name}" if name else setting
        items.append(printable(item if len(item) <= 120 else item[:119] + "…",
                               one_line=True))
    if len(listed) > SHOWN_OVERRIDES:  # the repository's report lists every one
        items.append(f"+{len(listed) - SHOWN_OVERRIDES}")
    return items


def _count(report: dict[str, Any]) -> int | None:
    try:
        return json_read.count(report)  # schema version 1 or 2
    except json_read.UnknownReport:
        return None


def decode(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row with its JSON columns read back."""
    row["failed_rules"] = json.loads(row.get("failed_rules") or "[]")
    row["blocking_rules"] = json.loads(row.get("blocking_rules") or "[]")
    row["rule_severities"] = json.loads(row.get("rule_severities") or "{}")
    row["policy_overrides"] = json.loads(row.get("policy_overrides") or "[]")
    if row.get("reuse_compliant") is not None:
        row["reuse_compliant"] = bool(row["reuse_compliant"])
    return row


def worst(row: dict[str, Any]) -> str:
    """The highest severity among the rules a repository fails ('' when none)."""
    found = set(row.get("rule_severities", {}).values())
    return next((severity for severity in SEVERITIES if severity in found), "")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _shown(value: str | None) -> str | None:
    return None if value is None else printable(value, one_line=True)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):  # a verdict given as {"fr": ..., "en": ...} or {"id": ...}
        for key in ("id", "code", "en"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return None
