# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""opencheck on real public-sector repositories, with the hand labels of their findings.

Runs `opencheck check` once per repository named in `real_corpus.txt` (owner/name), each
in a fresh process, on the clones of a folder (`<owner>+<name>`), and prints per
repository and in total: blocking findings, how many the hand labels call false (and
how many are not labelled yet), rules in `error`, the verdict, the score, the time, the
peak memory (largest resident set of the opencheck process or any process it started,
from `wait4`), the size of the JSON report and the number of lines of the text report.

Labels live in `benchmarks/labels/<owner>+<name>.tsv`, one blocking finding per line:
`fingerprint<TAB>true|false<TAB>rule<TAB>path<TAB>why` (lines starting with `#` are
comments). The fingerprint is the finding's own (it survives edits above the line).
`--unlabelled` writes the blocking findings that have no label yet, in that format with
an empty verdict, so that a person can review them.

Usage: python benchmarks/real_corpus.py [--corpus /work/corpus] [--keep DIR]
           [--only owner/name ...] [--unlabelled]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIST = HERE / "real_corpus.txt"
LABELS = HERE / "labels"
RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass
class Row:
    repo: str
    blocking: int = 0
    labelled_false: int = 0
    unlabelled: int = 0
    errors: list[str] = field(default_factory=list)
    verdict: str = ""
    reason: str = ""
    score: int = 0
    seconds: float = 0.0
    peak_mb: float = 0.0
    json_mb: float = 0.0
    text_lines: int = 0
    findings: int = 0
    exit_code: int = 0
    not_read: int = 0


def repositories(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def read_labels(repo: str) -> dict[str, bool]:
    labels: dict[str, bool] = {}
    file = LABELS / (repo.replace("/", "+") + ".tsv")
    if not file.exists():
        return labels
    for line in file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fingerprint, verdict = [*line.split("\t"), ""][:2]
        if verdict.strip() in ("true", "false"):
            labels[fingerprint.strip()] = verdict.strip() == "true"
    return labels


def run_one(folder: Path, keep: Path, name: str, extra: list[str]) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak RSS (MB) of one `opencheck check` run."""
    command = [sys.executable, "-c", "from opencheck.cli.main import main; main()",
               "check", str(folder), "--lang", "en",
               "--format", "json", "--output", str(keep / f"{name}.json"),
               "--format", "text", "--output", str(keep / f"{name}.txt"), *extra]
    started = time.monotonic()
    with open(keep / f"{name}.stderr", "wb") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # Linux gives ru_maxrss in KiB: the largest of the process and its waited-for children.
    return process.returncode, seconds, usage.ru_maxrss / 1024


def measure(repo: str, corpus: Path, keep: Path, extra: list[str]) -> Row:
    name = repo.replace("/", "+")
    row = Row(repo)
    code, row.seconds, row.peak_mb = run_one(corpus / name, keep, name, extra)
    row.exit_code = code
    report_file = keep / f"{name}.json"
    if code not in (0, 1) or not report_file.exists():
        row.verdict = f"CRASH ({code})"
        return row
    row.json_mb = report_file.stat().st_size / 1e6
    row.text_lines = len((keep / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    report = json.loads(report_file.read_text(encoding="utf-8"))
    threshold = RANK[report["fail_on"]]
    labels = read_labels(repo)
    blocking = [f for f in report["findings"] if RANK.get(f.get("severity") or "", 0) >= threshold]
    row.findings = len(report["findings"])
    row.blocking = len(blocking)
    for finding in blocking:
        verdict = labels.get(finding["fingerprint"])
        if verdict is None:
            row.unlabelled += 1
        elif verdict is False:
            row.labelled_false += 1
    row.errors = [rule["id"] for rule in report["rules"] if rule["status"] == "error"]
    row.verdict = report.get("verdict") or ("READY" if report["ready"] else "NOT READY")
    row.verdict = row.verdict.upper().replace("_", " ")
    row.reason = str(report.get("verdict_reason") or "")
    row.score = int(report["score"])
    row.not_read = int(report.get("metadata", {}).get("history_objects_not_read") or 0)
    return row


def write_unlabelled(repo: str, keep: Path) -> int:
    """Append the blocking findings without a label to the repository's label file."""
    name = repo.replace("/", "+")
    report = json.loads((keep / f"{name}.json").read_text(encoding="utf-8"))
    threshold = RANK[report["fail_on"]]
    labels = read_labels(repo)
    file = LABELS / f"{name}.tsv"
    LABELS.mkdir(exist_ok=True)
    new = []
    for finding in report["findings"]:
        if RANK.get(finding.get("severity") or "", 0) < threshold:
            continue
        if finding["fingerprint"] in labels:
            continue
        where = f"{finding['path'] or ''}:{finding['line'] or ''}"
        message = " ".join(str(finding["message"]).split())[:160]
        new.append(f"{finding['fingerprint']}\t\t{finding['rule']}\t{where}\t{message}")
    if new:
        with file.open("a", encoding="utf-8") as out:
            out.write("\n".join(new) + "\n")
    return len(new)


def table(rows: list[Row]) -> str:
    lines = [
        "| repository | verdict | score | blocking | false (labels) | unlabelled | rules in error "
        "| history objects not read | findings | JSON MB | text lines | time s | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.repo} | {row.verdict} | {row.score} | {row.blocking} | "
            f"{row.labelled_false} | {row.unlabelled} | {', '.join(row.errors) or 0} | "
            f"{row.not_read} | {row.findings} | {row.json_mb:.1f} | {row.text_lines} | "
            f"{row.seconds:.1f} | {row.peak_mb:.0f} |"
        )
    blocking = sum(r.blocking for r in rows)
    false = sum(r.labelled_false for r in rows)
    unlabelled = sum(r.unlabelled for r in rows)
    judged = blocking - unlabelled
    share = f" ({100 * (judged - false) / judged:.1f}% true)" if judged else ""
    verdicts: dict[str, int] = {}
    for row in rows:
        verdicts[row.verdict] = verdicts.get(row.verdict, 0) + 1
    lines.append(
        f"| **total ({len(rows)})** | {', '.join(f'{v} {k}' for k, v in sorted(verdicts.items()))}"
        f" | | {blocking} | {false}{share} | {unlabelled} | "
        f"{sum(len(r.errors) for r in rows)} | {sum(r.not_read for r in rows)} | "
        f"{sum(r.findings for r in rows)} | {max((r.json_mb for r in rows), default=0):.1f} max | "
        f"{max((r.text_lines for r in rows), default=0)} max | "
        f"{sum(r.seconds for r in rows):.0f} | "
        f"{max((r.peak_mb for r in rows), default=0):.0f} max |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpus"),
                        help="folder of clones named <owner>+<name>")
    parser.add_argument("--list", type=Path, default=LIST, help="repositories, owner/name")
    parser.add_argument("--keep", type=Path, help="where to keep the reports (default: temporary)")
    parser.add_argument("--only", nargs="*", default=[], help="only these owner/name")
    parser.add_argument("--unlabelled", action="store_true",
                        help="append unlabelled blocking findings to the label files")
    parser.add_argument("--reasons", action="store_true", help="print each verdict's reason")
    parser.add_argument("extra", nargs="*", help="more options for opencheck check (after --)")
    args = parser.parse_args()
    names = args.only or repositories(args.list)
    keep = args.keep or Path(tempfile.mkdtemp(prefix="real-corpus-"))
    keep.mkdir(parents=True, exist_ok=True)
    rows = []
    for repo in names:
        if not (args.corpus / repo.replace("/", "+")).is_dir():
            print(f"skipped {repo}: no clone in {args.corpus}", file=sys.stderr)
            continue
        row = measure(repo, args.corpus, keep, args.extra)
        print(f"{repo}: {row.verdict}, {row.blocking} blocking, {row.seconds:.1f} s",
              file=sys.stderr, flush=True)
        if args.unlabelled and not row.verdict.startswith("CRASH"):
            write_unlabelled(repo, keep)
        rows.append(row)
    print(table(rows))
    if args.reasons:
        print()
        for row in rows:
            print(f"- {row.repo}: {row.verdict} — {row.reason}")
    print(f"\nreports kept in {keep}", file=sys.stderr)


if __name__ == "__main__":
    main()
