# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`results.csv` and `results.json` of a batch: one line per repository with its
verdict, blocking rules and every score; the JSON adds the portfolio's totals."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from opencheck.batch.htmlbase import Row
from opencheck.batch.store import Run
from opencheck.report.sanitize import csv_cell

CSV_FIELDS = ["organisation", "name", "url", "platform", "status", "verdict", "ready",
              "score", "codegouvfr_score", "codegouvfr_max", "awesome_score",
              "awesome_out_of", "awesome_badge", "standard_met", "standard_out_of",
              "reuse_compliant", "blocking_rules", "errors", "warnings", "findings",
              "failed_rules", "commit", "previous_score", "change", "reason",
              "verdict_reason", "policy_overrides", "page"]


def flat(row: Row) -> dict[str, Any]:
    r = row.result
    return {
        "organisation": r["organisation"], "name": r["name"], "url": r["url"],
        "platform": r["platform"], "status": r["status"], "verdict": row.state,
        "ready": r["ready"], "score": r["score"],
        "codegouvfr_score": r["codegouvfr_score"], "codegouvfr_max": r["codegouvfr_max"],
        "awesome_score": r["awesome_score"], "awesome_out_of": r["awesome_out_of"],
        "awesome_badge": r["awesome_badge"], "standard_met": r["standard_met"],
        "standard_out_of": r["standard_out_of"], "reuse_compliant": r["reuse_compliant"],
        "blocking_rules": r["blocking_rules"], "errors": r["errors"],
        "warnings": r["warnings"], "findings": r["findings"],
        "failed_rules": r["failed_rules"], "commit": r["commit_id"],
        "previous_score": row.previous["score"] if row.previous else None,
        "change": row.change, "reason": r["reason"],
        "verdict_reason": r.get("verdict_reason"),
        "policy_overrides": r.get("policy_overrides") or [], "page": row.page,
    }


def write_csv(path: Path, rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            values = flat(row)
            for key in ("failed_rules", "blocking_rules"):
                values[key] = " ".join(values[key])
            values["policy_overrides"] = "; ".join(values["policy_overrides"])
            writer.writerow({k: safe_cell(v) for k, v in values.items()})


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (names come from forges)."""
    return csv_cell(value)


def to_json(rows: list[Row], run: Run, previous_run: Run | None, gone: list[str],
            blocking: list[dict[str, Any]], changes: dict[str, int] | None,
            organisations: list[dict[str, Any]], failures: list[tuple[str, int]]
            ) -> dict[str, Any]:
    return {
        "run": {"id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
                "profile": run.profile, "history": run.history,
                "opencheck_version": run.opencheck_version},
        "previous_run": previous_run.id if previous_run else None,
        "totals": {
            "repositories": len(rows),
            "ready": sum(r.state == "ready" for r in rows),
            "not_ready": sum(r.state == "not-ready" for r in rows),
            "incomplete": sum(r.state == "incomplete" for r in rows),
            "failed": sum(r.state == "failed" for r in rows),
            "with_blocking_problems": sum(bool(r.result["blocking_rules"]) for r in rows),
        },
        "blocking_problems": blocking,
        "changes": changes,
        "gone": gone,
        "organisations": organisations,
        "rule_failures": [{"rule": rule, "repositories": n} for rule, n in failures],
        "repositories": [{**flat(row), "trend": row.trend} for row in rows],
    }
