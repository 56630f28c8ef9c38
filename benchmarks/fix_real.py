# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck fix --write` on copies of real repositories: the reports before and after.

    python benchmarks/fix_real.py /work/corpus/etalab+api-geo /work/corpus/codegouvfr+sill

Each repository is copied to a temporary folder (its .git included), checked, fixed
with `fix --write --holder HOLDER` (the licence the repository declares, if any), checked
again, and compared with `reuse lint`. A second `fix --write` must plan nothing. Prints
one line per repository: blocking rules before -> after, REUSE files without
information before -> after, reuse lint's verdict after, whether the second run was
empty, and the time `fix` took.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from opencheck.report.json_read import findings as report_findings

OPENCHECK = [sys.executable, "-m", "opencheck.cli.main"]


def report(path: Path) -> dict:
    done = subprocess.run([*OPENCHECK, "check", str(path), "--no-history", "--format", "json",
                           "--lang", "en"], capture_output=True, text=True, check=False)
    return json.loads(done.stdout)


def blocking(data: dict) -> list[str]:
    return sorted({f["rule"] for f in report_findings(data) if f["severity"] == "error"})


def reuse_files(data: dict) -> int:
    rules = ("reuse-file-copyright", "reuse-file-licensing")
    return len({f["path"] for f in report_findings(data) if f["rule"] in rules})


def reuse_verdict(data: dict) -> str:
    reuse = [f for f in report_findings(data) if f["family"] == "reuse" and f["severity"] != "info"]
    return "compliant" if not reuse else "not compliant"


def reuse_lint(path: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "reuse", "--root", str(path), "lint", "-q"],
                          capture_output=True, text=True, check=False)
    return "compliant" if done.returncode == 0 else "not compliant"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--holder", default="Administration publiante")
    args = parser.parse_args()
    print("| repository | blocking before | blocking after | REUSE files before -> after "
          "| opencheck REUSE after | reuse lint after | second run | fix time |")
    print("|---|---|---|---|---|---|---|---|")
    for source in args.repos:
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / source.name
            shutil.copytree(source, copy, symlinks=True)
            before = report(copy)
            started = time.monotonic()
            fixed = subprocess.run([*OPENCHECK, "fix", str(copy), "--write", "--holder",
                                    args.holder, "--lang", "en"],
                                   capture_output=True, text=True, check=False)
            elapsed = time.monotonic() - started
            if fixed.returncode != 0:
                print(f"| {source.name} | fix failed: {fixed.stderr.strip()[:80]} |")
                continue
            after = report(copy)
            again = subprocess.run([*OPENCHECK, "fix", str(copy), "--holder", args.holder,
                                    "--lang", "en"], capture_output=True, text=True, check=False)
            empty = "empty" if "Nothing to fix automatically." in again.stdout else "NOT empty"
            print(f"| {source.name} | {', '.join(blocking(before)) or '-'} "
                  f"| {', '.join(blocking(after)) or '-'} "
                  f"| {reuse_files(before)} -> {reuse_files(after)} | {reuse_verdict(after)} "
                  f"| {reuse_lint(copy)} "
                  f"| {empty} | {elapsed:.1f} s |")


if __name__ == "__main__":
    main()
