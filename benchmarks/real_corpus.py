# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""opencheck on real public-sector repositories, with the hand labels of their findings.

Runs `opencheck check` once per repository named in `real_corpus.txt` (owner/name), each
in a fresh process, on the clones of a folder (`<owner>+<name>`), and prints per
repository and in total: blocking findings, how many the hand labels call false (and
how many are not labelled yet), rules in `error`, the verdict, the score, the time, the
peak memory (largest resident set of the opencheck process or any process it started,
from `wait4`), the size of the JSON report and the number of lines of the text report.

Labels live in `benchmarks/labels/*.csv` (format in /work/notes/precision-labels.md:
`rule,repo,path,line,kind,masked,label,class,reason`, one blocking finding per row,
`label` true or false). A finding about a value joins on (repository, 8 hex digits of
the value's sha256, found again in the clone: `valuedigest.py`); any other on
(repository, rule, path), then (repository, path).
`--unlabelled FILE` writes the blocking findings that have no label yet as rows with an
empty label, for a person to review.

Usage: python benchmarks/real_corpus.py [--corpus /work/corpus] [--keep DIR]
           [--only owner/name ...] [--unlabelled FILE] [--all-formats] [--reasons]
"""

from __future__ import annotations

import argparse
import csv
import html.parser
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from valuedigest import from_masked, value_digest

from opencheck.report.json_read import count
from opencheck.report.json_read import findings as report_findings

HERE = Path(__file__).resolve().parent
LIST = HERE / "real_corpus.txt"
LABELS = HERE / "labels"
RANK = {"error": 3, "warning": 2, "info": 1}
# --all-formats: every other format, to check where each one states the verdict's reason
OTHER_FORMATS = {"markdown": "md", "html": "html", "sarif": "sarif", "junit": "junit.xml",
                 "codequality": "codequality.json"}
FIRST_LINES = 5  # "on the first lines": where a reader sees the reason without scrolling


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
    cpu: float = 0.0
    peak_mb: float = 0.0
    json_mb: float = 0.0
    text_lines: int = 0
    findings: int = 0
    exit_code: int = 0
    not_read: int = 0
    # format -> line of the report (visible text for HTML) where the verdict's reason is
    # first shown, 0 when it is not shown (only measured for NOT READY with --all-formats)
    reason_line: dict[str, int] = field(default_factory=dict)


def repositories(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


@dataclass
class Labels:
    by_value: dict[tuple[str, str], bool] = field(default_factory=dict)
    by_rule_path: dict[tuple[str, str, str], bool] = field(default_factory=dict)
    by_path: dict[tuple[str, str], bool] = field(default_factory=dict)

    def judge(self, repo: str, finding: dict[str, Any], root: Path | None) -> bool | None:
        """`root`: the clone the report is of, where a value is found again."""
        value = value_digest(root, finding)
        if value:
            return self.by_value.get((repo, value))
        path = str(finding.get("path") or "")
        found = self.by_rule_path.get((repo, finding["rule"], path))
        return found if found is not None else self.by_path.get((repo, path))


def read_labels(folder: Path = LABELS) -> Labels:
    labels = Labels()
    for file in sorted(folder.glob("*.csv")):
        with file.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                # labels/ also holds other tables (publisher.csv): no label column
                if row.get("label") not in ("true", "false"):
                    continue
                verdict = row["label"] == "true"
                value = from_masked(row["masked"])
                if value:
                    # A value reported once for many places is true when any place is.
                    key = (row["repo"], value)
                    labels.by_value[key] = labels.by_value.get(key, False) or verdict
                    continue
                labels.by_rule_path[(row["repo"], row["rule"], row["path"])] = verdict
                labels.by_path.setdefault((row["repo"], row["path"]), verdict)
    return labels


def format_options(keep: Path, name: str) -> list[str]:
    return [option for fmt, ext in OTHER_FORMATS.items()
            for option in ("--format", fmt, "--output", str(keep / f"{name}.{ext}"))]


class _Visible(html.parser.HTMLParser):
    """The text a browser shows, one line per block, without style and script."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("style", "script", "title")
        self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script", "title")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _line_of(lines: list[str], needle: str) -> int:
    for number, line in enumerate((line for line in lines if line.strip()), 1):
        if needle in " ".join(line.split()):
            return number
    return 0


def reason_lines(keep: Path, name: str, reason: str) -> dict[str, int]:
    """Per format, the line (counting non-blank ones) that first shows the reason; for
    SARIF, JUnit and Code Quality, 1 when the run's properties, the first test suite's
    properties or the first issue hold it."""
    needle = " ".join(reason.split())[:60]
    found = {"text": _line_of((keep / f"{name}.txt").read_text(encoding="utf-8")
                              .splitlines(), needle)}
    if not (keep / f"{name}.md").exists():
        return found
    found["markdown"] = _line_of((keep / f"{name}.md").read_text(encoding="utf-8")
                                 .splitlines(), needle)
    visible = _Visible()
    visible.feed((keep / f"{name}.html").read_text(encoding="utf-8"))
    found["html"] = _line_of("".join(visible.parts).splitlines(), needle)
    # our own XML: the first test suite's properties
    suite = ElementTree.parse(keep / f"{name}.junit.xml").getroot().find("testsuite")
    shown = "" if suite is None else " ".join(
        str(prop.get("value")) for prop in suite.iter("property")
        if prop.get("name") == "verdict_reason")
    found["junit"] = int(needle in " ".join(shown.split()))
    sarif = json.loads((keep / f"{name}.sarif").read_text(encoding="utf-8"))
    found["sarif"] = int(needle in " ".join(
        str(sarif["runs"][0].get("properties", {}).get("verdictReason", "")).split()))
    issues = json.loads((keep / f"{name}.codequality.json").read_text(encoding="utf-8"))
    found["codequality"] = int(bool(issues) and needle in " ".join(
        str(issues[0].get("description", "")).split()))
    return found


def run_one(folder: Path, keep: Path, name: str, extra: list[str],
            all_formats: bool = False) -> tuple[int, float, float, float]:
    """Exit code, wall seconds, peak RSS (MB) and CPU seconds of one `opencheck check` run."""
    command = [sys.executable, "-c", "from opencheck.cli.main import main; main()",
               "check", str(folder), "--lang", "en",
               "--format", "json", "--output", str(keep / f"{name}.json"),
               "--format", "text", "--output", str(keep / f"{name}.txt"), *extra]
    if all_formats:
        command += format_options(keep, name)
    started = time.monotonic()
    with open(keep / f"{name}.stderr", "wb") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # Linux gives ru_maxrss in KiB: the largest of the process and its waited-for children.
    # CPU time (user + system, its reaped children included) is what a loaded machine
    # does not distort.
    cpu = usage.ru_utime + usage.ru_stime
    return process.returncode, seconds, usage.ru_maxrss / 1024, cpu


def _measured(keep: Path, name: str) -> tuple[int, float, float, float]:
    """What an earlier run recorded next to its report."""
    file = keep / f"{name}.measure"
    if not file.exists():
        return (0 if (keep / f"{name}.json").exists() else -1), 0.0, 0.0, 0.0
    code, seconds, peak, *cpu = file.read_text().split()
    return int(code), float(seconds), float(peak), float(cpu[0]) if cpu else 0.0


def measure(repo: str, corpus: Path, keep: Path, extra: list[str], labels: Labels,
            from_reports: bool = False, all_formats: bool = False) -> Row:
    name = repo.replace("/", "+")
    row = Row(repo)
    if from_reports:
        code, row.seconds, row.peak_mb, row.cpu = _measured(keep, name)
    else:
        code, row.seconds, row.peak_mb, row.cpu = run_one(corpus / name, keep, name, extra,
                                                            all_formats)
        (keep / f"{name}.measure").write_text(
            f"{code} {row.seconds} {row.peak_mb} {row.cpu}\n")
    row.exit_code = code
    report_file = keep / f"{name}.json"
    if code not in (0, 1) or not report_file.exists():
        row.verdict = f"CRASH ({code})"
        return row
    row.json_mb = report_file.stat().st_size / 1e6
    row.text_lines = len((keep / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    report = json.loads(report_file.read_text(encoding="utf-8"))
    threshold = RANK[report["fail_on"]]
    blocking = [f for f in report_findings(report)
                if RANK.get(f.get("severity") or "", 0) >= threshold]
    row.findings = count(report)
    row.blocking = len(blocking)
    for finding in blocking:
        verdict = labels.judge(name, finding, Path(report["root"]))
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
    if row.verdict != "READY":
        row.reason_line = reason_lines(keep, name, row.reason)
    return row


def unlabelled_rows(repo: str, keep: Path, labels: Labels) -> list[list[str]]:
    """The blocking findings without a label, as label rows to fill in."""
    name = repo.replace("/", "+")
    report = json.loads((keep / f"{name}.json").read_text(encoding="utf-8"))
    threshold = RANK[report["fail_on"]]
    rows = []
    for finding in report_findings(report):
        if RANK.get(finding.get("severity") or "", 0) < threshold:
            continue
        if labels.judge(name, finding, Path(report["root"])) is not None:
            continue
        masked = str(finding.get("masked") or "")
        masked = masked[masked.index("("):] if "(" in masked else ""
        digest = value_digest(Path(report["root"]), finding)
        if digest and "sha256:" not in masked:  # the labels' join key, found here
            masked = f"{masked[:-1]}, sha256:{digest})"
        message = " ".join(str(finding["message"]).split())[:160]
        rows.append([finding["rule"], name, finding["path"] or "", str(finding["line"] or ""),
                     str(finding.get("kind") or ""), masked, "", "", message])
    return rows


def table(rows: list[Row]) -> str:
    lines = [
        "| repository | verdict | score | blocking | false (labels) | unlabelled | rules in error "
        "| history objects not read | findings | JSON MB | text lines | time s | CPU s | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.repo} | {row.verdict} | {row.score} | {row.blocking} | "
            f"{row.labelled_false} | {row.unlabelled} | {', '.join(row.errors) or 0} | "
            f"{row.not_read} | {row.findings} | {row.json_mb:.1f} | {row.text_lines} | "
            f"{row.seconds:.1f} | {row.cpu:.1f} | {row.peak_mb:.0f} |"
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
        f"{sum(r.seconds for r in rows):.0f} | {sum(r.cpu for r in rows):.0f} | "
        f"{max((r.peak_mb for r in rows), default=0):.0f} max |"
    )
    return "\n".join(lines)


def reasons_table(rows: list[Row]) -> str:
    """Per format: of the reports that are not READY, how many show the verdict's reason
    on their first lines, and the latest line it comes at."""
    judged = [row for row in rows if row.reason_line]
    formats = list(dict.fromkeys(fmt for row in judged for fmt in row.reason_line))
    lines = [f"| format | not READY reports | reason within the first {FIRST_LINES} lines "
             "| latest line | missing in |", "|---|---|---|---|---|"]
    for fmt in formats:
        places = {row.repo: row.reason_line.get(fmt, 0) for row in judged}
        early = sum(1 for line in places.values() if 0 < line <= FIRST_LINES)
        missing = [repo for repo, line in places.items() if not 0 < line <= FIRST_LINES]
        lines.append(f"| {fmt} | {len(places)} | {early} | {max(places.values(), default=0)} "
                     f"| {', '.join(missing) or 'none'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpus"),
                        help="folder of clones named <owner>+<name>")
    parser.add_argument("--list", type=Path, default=LIST, help="repositories, owner/name")
    parser.add_argument("--keep", type=Path, help="where to keep the reports (default: temporary)")
    parser.add_argument("--only", nargs="*", default=[], help="only these owner/name")
    parser.add_argument("--unlabelled", type=Path,
                        help="write the unlabelled blocking findings to this CSV file")
    parser.add_argument("--from-reports", action="store_true",
                        help="read the reports already in --keep instead of running opencheck")
    parser.add_argument("--reasons", action="store_true", help="print each verdict's reason")
    parser.add_argument("--all-formats", action="store_true",
                        help="also write markdown, html, sarif, junit and codequality, and "
                             "check that each shows the reason of a NOT READY verdict first")
    parser.add_argument("extra", nargs="*", help="more options for opencheck check (after --)")
    args = parser.parse_args()
    names = args.only or repositories(args.list)
    keep = args.keep or Path(tempfile.mkdtemp(prefix="real-corpus-"))
    keep.mkdir(parents=True, exist_ok=True)
    labels = read_labels()
    rows = []
    missing: list[list[str]] = []
    for repo in names:
        if not (args.corpus / repo.replace("/", "+")).is_dir():
            print(f"skipped {repo}: no clone in {args.corpus}", file=sys.stderr)
            continue
        row = measure(repo, args.corpus, keep, args.extra, labels, args.from_reports,
                      args.all_formats)
        print(f"{repo}: {row.verdict}, {row.blocking} blocking, {row.seconds:.1f} s, "
              f"{row.cpu:.1f} s CPU",
              file=sys.stderr, flush=True)
        if args.unlabelled and not row.verdict.startswith("CRASH"):
            missing += unlabelled_rows(repo, keep, labels)
        rows.append(row)
    if args.unlabelled:
        with args.unlabelled.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["rule", "repo", "path", "line", "kind", "masked", "label",
                             "class", "reason"])
            writer.writerows(missing)
    print(table(rows))
    if any(row.reason_line for row in rows):
        print()
        print(reasons_table(rows))
    if args.reasons:
        print()
        for row in rows:
            print(f"- {row.repo}: {row.verdict} — {row.reason}")
    print(f"\nreports kept in {keep}", file=sys.stderr)


if __name__ == "__main__":
    main()
