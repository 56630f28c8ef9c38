# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A whole check (history included) of many real repositories, looking for errors only.

    python benchmarks/error_sweep.py [--src SRC] [--out DIR] REPO...

Each repository (a work tree) is checked once in a fresh process (`PYTHONPATH=SRC`, an
exported tree, when given), its JSON report kept in DIR. A line per repository: exit
code, verdict, rules in `error`, bytes on stderr, wall seconds; then the repositories
whose exit code is not 0 or 1, whose report is not valid JSON, that have a rule in
error, or that wrote anything on stderr. Exit 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def sweep_one(repo: Path, out: Path, src: str | None) -> tuple[str, bool]:
    env = dict(os.environ, OPENCHECK_HISTORY_CACHE="off")
    if src:
        env["PYTHONPATH"] = src
    report = out / f"{repo.name}.json"
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "opencheck.cli.main", "check", "-f", "json",
                           "-o", str(report), str(repo)], capture_output=True, env=env)
    wall = time.monotonic() - start
    verdict, errors = "?", ["(no report)"]
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
        verdict = str(data.get("verdict"))
        errors = [r["id"] for r in data.get("rules", []) if r.get("status") == "error"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    bad = done.returncode not in (0, 1) or bool(errors) or bool(done.stderr)
    line = (f"{repo.name}\texit {done.returncode}\t{verdict}\terrors {','.join(errors) or '-'}"
            f"\tstderr {len(done.stderr)} B\t{wall:.1f} s")
    if done.stderr:
        (out / f"{repo.name}.stderr").write_bytes(done.stderr)
    return line, bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="an exported opencheck source tree (PYTHONPATH)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/opencheck-error-sweep"))
    parser.add_argument("repos", nargs="+", type=Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bad: list[str] = []
    for repo in args.repos:
        line, wrong = sweep_one(repo, args.out, args.src)
        print(line, flush=True)
        if wrong:
            bad.append(line)
    print(f"\n{len(args.repos)} repositories, {len(bad)} with an error")
    for line in bad:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
