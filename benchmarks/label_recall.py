# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Recall on the hand labels: the blocking findings once labelled true that a new run
no longer reports as blocking.

    PYTHONPATH=src .venv/bin/python benchmarks/label_recall.py REPORTS_DIR

REPORTS_DIR holds `<owner>+<name>.json` reports (`real_corpus.py --keep DIR`). A label
row joins a report's blocking finding as real_corpus.py joins them: on the sha256 of
the value (found again in the report's clone, `valuedigest.py`) for a finding about a
value, else on (rule, path). Each fix of a false
positive class is a chance to lose a true one: this counts them.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from real_corpus import LABELS, RANK
from valuedigest import from_masked, value_digest

from opencheck.report.json_read import findings as report_findings


def blocking_keys(report: dict[str, object]) -> set[tuple[str, ...]]:
    threshold = RANK[str(report.get("fail_on") or "error")]
    root = Path(str(report["root"])) if report.get("root") else None
    keys: set[tuple[str, ...]] = set()
    for finding in report_findings(report):  # type: ignore[arg-type]
        if RANK.get(finding.get("severity") or "", 0) < threshold:
            continue
        value = value_digest(root, finding)
        keys.add(("value", value) if value else ("path", finding["rule"],
                                                   str(finding.get("path") or "")))
    return keys


def main(reports: Path) -> None:
    found: dict[str, set[tuple[str, ...]]] = {}
    for path in sorted(reports.glob("*.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(report, dict) and "findings" in report:  # not a Code Quality list
            found[path.stem] = blocking_keys(report)
    true_rows = kept = 0
    lost: list[str] = []
    for file in sorted(LABELS.glob("*.csv")):
        with file.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                # labels/ also holds other tables (publisher.csv): no label column
                if row.get("label") != "true" or row["repo"] not in found:
                    continue
                true_rows += 1
                value = from_masked(row["masked"])
                key = ("value", value) if value else ("path", row["rule"], row["path"])
                if key in found[row["repo"]]:
                    kept += 1
                else:
                    lost.append(f"{row['repo']} {row['rule']} {row['path']}:{row['line']} "
                                f"({row['class'] or row['kind']})")
    print(f"{kept} of {true_rows} true labelled blocking findings still blocking "
          f"({len(found)} reports)")
    for line in lost:
        print("  lost:", line)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
