# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How big the reports of a very large repository are.

Builds a repository of N source files without REUSE headers (one `reuse-file-copyright`
and one `reuse-file-licensing` finding per file) spread over nested folders, plus a
README, a licence and a committed key store (a blocking finding that must stay visible),
then runs `opencheck check --no-history` once with the json, text and markdown formats
and prints: findings, JSON size (and the size the same report had indented, as before),
text and Markdown lines, whether the blocking finding is in the first lines of the
text report, time and peak memory.

Usage: python benchmarks/report_scale.py [N]   (default 60000)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "big"
        build(root, count)
        out = Path(scratch)
        command = [sys.executable, "-c", "from opencheck.cli.main import main; main()",
                   "check", str(root), "--no-history", "--lang", "en",
                   "--format", "json", "--output", str(out / "r.json"),
                   "--format", "text", "--output", str(out / "r.txt"),
                   "--format", "markdown", "--output", str(out / "r.md")]
        started = time.monotonic()
        process = subprocess.Popen(command)
        _pid, _status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        report = json.loads((out / "r.json").read_text(encoding="utf-8"))
        indented = len(json.dumps(report, ensure_ascii=False, indent=2).encode()) + 1
        text = (out / "r.txt").read_text(encoding="utf-8").splitlines()
        markdown = (out / "r.md").read_text(encoding="utf-8").splitlines()
        blocking_line = next((i for i, line in enumerate(text, 1) if "deploy/keystore.jks" in line),
                             None)
        print(f"files: {count}, findings: {len(report['findings'])}, verdict: {report['verdict']}")
        print(f"JSON: {(out / 'r.json').stat().st_size / 1e6:.1f} MB "
              f"(indented as before: {indented / 1e6:.1f} MB)")
        print(f"text: {len(text)} lines, key store on line {blocking_line}; "
              f"markdown: {len(markdown)} lines, "
              f"{(out / 'r.md').stat().st_size / 1e3:.0f} kB")
        print(f"time: {seconds:.1f} s, peak RSS: {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
