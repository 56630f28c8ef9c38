# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The inventory of unpublished code: a portfolio's private and internal repositories,
ranked by readiness to open and by reuse potential.

The action plan "Free Software and digital commons" asks for an inventory of
unpublished source code that could be reused. A batch run with `--unpublished` and a
token lists a forge group's private and internal repositories; `inventory.csv` ranks
them from what the audit and the forge's API say, and never carries a secret (only
the names of failing rules and counts).

Readiness to open: no committed secret first, then the fewest blocking problems, then
the highest opencheck score; the licence and the README are named apart.

Reuse potential (0-100): recent activity (30 when the last push is under 6 months, 15
under a year), README quality (25, minus 3 a failing `readme-*` rule), a
`publiccode.yml` (20), the Awesome CodeGouvFr points (up to 10), stars and forks (up to
15, on a log scale).
"""

from __future__ import annotations

import csv
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opencheck.batch.exports import safe_cell

FIELDS = ["rank", "organisation", "name", "visibility", "readiness", "reuse_potential",
          "secrets", "blocking", "score", "licence", "readme", "publiccode",
          "last_activity", "stars", "forks", "blocking_rules", "page"]


def _days_since(value: str | None, now: datetime) -> float | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (now - when).total_seconds() / 86400


def reuse_potential(result: dict[str, Any], now: datetime) -> int:
    failed = set(result["failed_rules"])
    points = 0.0
    days = _days_since(result.get("last_activity"), now)
    if days is not None:
        points += 30 if days <= 183 else 15 if days <= 365 else 0
    if "readme-present" not in failed:
        points += max(0, 25 - 3 * sum(rule.startswith("readme-") for rule in failed))
    if "publiccode-present" not in failed:
        points += 20
    if result.get("awesome_score") is not None and result.get("awesome_out_of"):
        points += 10 * result["awesome_score"] / result["awesome_out_of"]
    popularity = (result.get("stars") or 0) + (result.get("forks") or 0)
    points += min(15.0, 5 * math.log10(1 + popularity))
    return round(min(100.0, points))


def rank(rows: list[tuple[dict[str, Any], str]], now: datetime | None = None
         ) -> list[dict[str, Any]]:
    """(stored result, page) of non-public, audited repositories, readiest first."""
    now = now or datetime.now(UTC)
    lines = []
    for result, page in rows:
        if result.get("visibility", "public") == "public" or result["score"] is None:
            continue
        failed = set(result["failed_rules"])
        secrets = sorted(rule for rule in failed if rule.startswith("secret-"))
        lines.append({
            "organisation": result["organisation"], "name": result["name"],
            "visibility": result["visibility"],
            "readiness": "ready" if result["ready"] else "not ready",
            "reuse_potential": reuse_potential(result, now),
            "secrets": " ".join(secrets), "blocking": len(result["blocking_rules"]),
            "score": result["score"],
            "licence": "no" if "licence-file-present" in failed else "yes",
            "readme": "no" if "readme-present" in failed else "yes",
            "publiccode": "no" if "publiccode-present" in failed else "yes",
            "last_activity": result.get("last_activity") or "",
            "stars": result.get("stars"), "forks": result.get("forks"),
            "blocking_rules": " ".join(result["blocking_rules"]), "page": page,
        })
    lines.sort(key=lambda line: (bool(line["secrets"]), line["blocking"], -line["score"],
                                 -line["reuse_potential"], line["name"]))
    for number, line in enumerate(lines, start=1):
        line["rank"] = number
    return lines


def write_csv(path: Path, lines: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for line in lines:
            writer.writerow({key: safe_cell(line.get(key)) for key in FIELDS})
