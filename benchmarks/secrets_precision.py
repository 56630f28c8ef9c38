# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Precision of the blocking secret findings on real repositories, against hand labels.

    .venv/bin/python benchmarks/secrets_precision.py --corpus /work/corpus \
        [--reports /tmp/reports] [--history] [--repos owner+name,...]

Runs `opencheck check <repo> --format json --rule 'secret-*'` on every repository of the
corpus (or reads the JSON reports already in --reports, one `<owner>+<name>.json` per
repository) and joins each blocking finding to `benchmarks/labels/secrets.csv`:

- a finding about a value joins on (repository, sha256 of the value, found again in the
  clone: `valuedigest.py`, reports holding no hash of it): the same
  value has one label wherever it is, and a value reported once for many files is true
  when one of its places was labelled true;
- a finding about a file (`.env`, key store) joins on (repository, path), and so do
  values labelled together by their file (a row with no hash).

Prints, per repository and in total, blocking findings, true, false and unlabelled ones.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from valuedigest import from_masked, value_digest

from opencheck.report.json_read import findings as report_findings

LABELS = Path(__file__).resolve().parent / "labels" / "secrets.csv"
RUN_CLI = "import sys; from opencheck.cli.main import main; sys.argv[0] = 'opencheck'; main()"


Labels = dict[tuple[str, str], str]


def load_labels(path: Path = LABELS) -> tuple[Labels, Labels]:
    by_value: dict[tuple[str, str], str] = {}
    by_path: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            value = from_masked(row["masked"])
            if value:
                key = (row["repo"], value)
                if by_value.get(key) != "true":
                    by_value[key] = row["label"]
            else:
                by_path[(row["repo"], row["path"])] = row["label"]
    return by_value, by_path


def report_of(repo: Path, reports: Path | None, history: bool) -> dict[str, Any]:
    if reports is not None and (reports / f"{repo.name}.json").exists():
        data: dict[str, Any] = json.loads((reports / f"{repo.name}.json").read_text())
        return data
    command = [sys.executable, "-c", RUN_CLI, "check", str(repo), "--format", "json",
               "--lang", "en", "--rule", "secret-*"]
    if not history:
        command.append("--no-history")
    out = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    data = json.loads(out)
    if reports is not None:
        reports.mkdir(parents=True, exist_ok=True)
        (reports / f"{repo.name}.json").write_text(out)
    return data


def judge(repo: Path, finding: dict[str, Any], by_value: dict[tuple[str, str], str],
          by_path: dict[tuple[str, str], str]) -> str:
    value = value_digest(repo, finding)
    if value and (repo.name, value) in by_value:
        return by_value[(repo.name, value)]
    # a file finding, or values labelled together by their file (an API document's examples)
    return by_path.get((repo.name, finding.get("path") or ""), "unlabelled")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpus"))
    parser.add_argument("--reports", type=Path)
    parser.add_argument("--history", action="store_true")
    parser.add_argument("--repos", help="comma-separated <owner>+<name> to measure (all)")
    args = parser.parse_args()
    wanted = set(args.repos.split(",")) if args.repos else None
    by_value, by_path = load_labels()
    totals: dict[str, int] = defaultdict(int)
    unlabelled: list[str] = []
    print(f"{'repository':40} {'blocking':>8} {'true':>5} {'false':>5} {'unlab.':>6}")
    for repo in sorted(p for p in args.corpus.iterdir()
                       if p.is_dir() and (wanted is None or p.name in wanted)):
        report = report_of(repo, args.reports, args.history)
        counts: dict[str, int] = defaultdict(int)
        for finding in report_findings(report):
            if not finding["rule"].startswith("secret") or finding["severity"] != "error":
                continue
            label = judge(repo, finding, by_value, by_path)
            counts[label] += 1
            counts["blocking"] += 1
            if label == "unlabelled":
                unlabelled.append(f"{repo.name} {finding['rule']} {finding.get('path')} "
                                  f"{finding.get('masked') or ''}")
        for key, value in counts.items():
            totals[key] += value
        print(f"{repo.name:40} {counts['blocking']:8} {counts['true']:5} {counts['false']:5} "
              f"{counts['unlabelled']:6}")
    labelled = totals["true"] + totals["false"]
    share = totals["true"] / labelled if labelled else 1.0
    print(f"{'total':40} {totals['blocking']:8} {totals['true']:5} {totals['false']:5} "
          f"{totals['unlabelled']:6}")
    print(f"precision (true / labelled blocking): {share:.1%}")
    for line in unlabelled:
        print("unlabelled:", line)


if __name__ == "__main__":
    main()
