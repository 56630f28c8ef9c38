# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which repositories opencheck says are published outside France, against labels.

    .venv/bin/python benchmarks/publisher.py [--labels benchmarks/labels/publisher.csv]

Runs `opencheck check --rule licence-reciprocal` (the rule that gathers the evidence)
on every labelled repository found in /work/holdout or /work/corpus, and prints each
one whose reading differs from its label, then the counts (benchmarks/advice.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
from pathlib import Path

ROOTS = (Path("/work/holdout"), Path("/work/corpus"))


def _folder(repository: str) -> Path | None:
    for root in ROOTS:
        folder = root / repository.replace("/", "+")
        if folder.is_dir():
            return folder
    return None


def _abroad(folder: Path) -> str | None:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("opencheck")), "check", str(folder), "--no-history",
         "--rule", "licence-reciprocal", "--format", "json", "--lang", "en"],
        capture_output=True, text=True, check=False)
    report = json.loads(done.stdout)
    note = (report.get("metadata") or {}).get("published_abroad")
    return note.get("en") if isinstance(note, dict) else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", default="benchmarks/labels/publisher.csv")
    args = parser.parse_args()
    with open(args.labels, encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    counts = {"abroad": [0, 0], "france": [0, 0], "neither": [0, 0]}  # [said abroad, total]
    for row in rows:
        folder = _folder(row["repository"])
        if folder is None:
            continue
        note = _abroad(folder)
        label = row["publisher"]
        counts[label][1] += 1
        counts[label][0] += note is not None
        if (note is not None) != (label == "abroad"):
            evidence = note.split(": the rules")[0] if note else "-"
            print(f"{label:8} {row['repository']:60} {evidence}")
    for label, (said, total) in counts.items():
        print(f"{label}: {said} of {total} said published abroad")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU {usage.ru_utime + usage.ru_stime:.1f} s")


if __name__ == "__main__":
    main()
