# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How big the reports of very large repositories are, before and after a change.

Builds a repository of N source files without REUSE headers (one `reuse-file-copyright`
and one `reuse-file-licensing` finding per file) spread over nested folders, plus a
README, a licence and a committed key store (a blocking finding that must stay visible),
and takes the real repositories given with --repo. On each, runs
`opencheck check --no-history` once with the json, text and markdown formats, with this
checkout's sources and, with --before SRC, with another version's (a `git archive` of
src, rules and schemas), and prints per run: findings, JSON MB, text and Markdown lines,
whether every blocking finding is listed in the text report before the rest, CPU time
(user+sys, the machine is shared) and peak memory; then whether both versions give the
same findings, read back with report/json_read.py (messages and fixes included).

Usage: python benchmarks/report_scale.py [N] [--repo PATH]... [--before SRC]
       (N: default 60000; 0 for real repositories only)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from opencheck.report.json_read import findings

MIT = "MIT License\n\nCopyright (c) 2026 DINUM\n\nPermission is hereby granted, free of charge...\n"


def build(root: Path, count: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    lines: list[str] = ["commit refs/heads/main", "mark :1",
                        "author Camille <camille@numerique.gouv.fr> 1700000000 +0000",
                        "committer Camille <camille@numerique.gouv.fr> 1700000000 +0000",
                        "data 8", "Initial\n"]

    def add(path: str, content: bytes) -> None:
        lines.append(f"M 644 inline {path}")
        lines.append(f"data {len(content)}")
        lines.append(content.decode("latin-1"))

    add("README.md", b"# Projet\n\nUn outil de la DINUM.\n")
    add("LICENSE", MIT.encode())
    add("deploy/keystore.jks", b"\xfe\xed\xfe\xed" + bytes(200))
    for index in range(count):
        folder = f"src/module{index % 40}/part{index % 7}"
        add(f"{folder}/file{index}.py", f"VALUE = {index}\n".encode())
    data = ("\n".join(lines) + "\n").encode("latin-1")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, check=True, input=data)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


RANK = {"error": 3, "warning": 2, "info": 1}


def measure(source: Path, root: Path, out: Path) -> dict[str, Any]:
    """One run of opencheck from `source` (a folder holding src/) on `root`."""
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-c", "from opencheck.cli.main import main; main()",
               "check", str(root), "--no-history", "--lang", "en",
               "--format", "json", "--output", str(out / "r.json"),
               "--format", "text", "--output", str(out / "r.txt"),
               "--format", "markdown", "--output", str(out / "r.md")]
    env = {**os.environ, "PYTHONPATH": str(source / "src")}
    process = subprocess.Popen(command, env=env)
    _pid, _status, usage = os.wait4(process.pid, 0)
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    found = list(findings(report))
    threshold = RANK[report["fail_on"]]
    blocking = sum(RANK.get(f["severity"] or "", 0) >= threshold for f in found)
    text = (out / "r.txt").read_text(encoding="utf-8").splitlines()
    rest = next((i for i, line in enumerate(text) if line.startswith("To improve")), len(text))
    listed = [i for i, line in enumerate(text) if line.startswith("  ✗ ")]
    return {
        "findings": found, "blocking": blocking, "schema": report["schema_version"],
        "json_mb": (out / "r.json").stat().st_size / 1e6,
        "text_lines": len(text),
        "markdown_lines": len((out / "r.md").read_text(encoding="utf-8").splitlines()),
        "blocking_listed_first": len(listed) == blocking and all(i < rest for i in listed),
        "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=60_000)
    parser.add_argument("--repo", action="append", type=Path, default=[])
    parser.add_argument("--before", type=Path, help="a folder holding an earlier src/")
    args = parser.parse_args()
    after = Path(__file__).resolve().parent.parent
    versions = [("before", args.before)] if args.before else []
    versions.append(("after", after))
    print("| repository | version | schema | findings | blocking | JSON MB | bytes/finding "
          "| text lines | blocking listed first | markdown lines | CPU s | peak MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        targets = list(args.repo)
        if args.count:
            generated = Path(scratch) / f"generated-{args.count}"
            build(generated, args.count)
            targets.insert(0, generated)
        for root in targets:
            runs = {}
            for name, source in versions:
                runs[name] = result = measure(source, root, Path(scratch) / name / root.name)
                count = len(result["findings"])
                print(f"| {root.name} | {name} | {result['schema']} | {count} "
                      f"| {result['blocking']} | {result['json_mb']:.1f} "
                      f"| {result['json_mb'] * 1e6 / max(count, 1):.0f} "
                      f"| {result['text_lines']} | {result['blocking_listed_first']} "
                      f"| {result['markdown_lines']} | {result['cpu_s']:.0f} "
                      f"| {result['peak_mb']:.0f} |", flush=True)
            if len(runs) == 2:
                same = runs["before"]["findings"] == runs["after"]["findings"]
                print(f"|  | same findings read back: {same} |  |  |  |  |  |  |  |  |  |  |",
                      flush=True)


if __name__ == "__main__":
    main()
