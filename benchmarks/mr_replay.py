# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Replay merge requests on real repositories: HEAD judged against HEAD~k in merge-request
mode (`--diff-base`), by two source trees of opencheck, and what would block each.

    python benchmarks/mr_replay.py --compare old=/tmp/a/src --compare new=/tmp/b/src \\
        --depths 1,10 --json out.json /work/corpus/*/

The clones are read in place (HEAD, the work tree as it is); nothing is written in them.
Prints one line per repository and depth, then the totals: merge requests blocked, and
blocking findings, per side.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any


def judge(src: str, repo: str, depth: int) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=src, LC_ALL="C.UTF-8", OPENCHECK_HISTORY_CACHE="off")
    done = subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", "check", repo, "--diff-base",
         f"HEAD~{depth}", "--format", "json", "--lang", "en"],
        capture_output=True, env=env, timeout=1800, check=False)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        return {"error": done.stderr.decode("utf-8", "replace")[-300:]}
    blocking = [[group["rule"], item.get("path"), group.get("dependency") or ""]
                for group in report["findings"] if group.get("severity") == "error"
                for item in group.get("items", [group])]
    return {"ready": report["ready"], "blocking": blocking,
            "diff": report["metadata"].get("diff") or {}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", action="append", required=True, help="NAME=SRC")
    parser.add_argument("--depths", default="1,10")
    parser.add_argument("--json")
    parser.add_argument("repos", nargs="+")
    arguments = parser.parse_args()
    sides = dict(item.split("=", 1) for item in arguments.compare)
    rows: dict[str, dict[str, Any]] = {}
    totals: Counter[str] = Counter()
    for repo in arguments.repos:
        for depth in (int(d) for d in arguments.depths.split(",")):
            name = f"{Path(repo).name}~{depth}"
            row = rows[name] = {side: judge(src, repo, depth) for side, src in sides.items()}
            parts = []
            for side, result in row.items():
                if "error" in result:
                    parts.append(f"{side}: error")
                    totals[f"{side} errors"] += 1
                    continue
                totals[f"{side} blocked"] += not result["ready"]
                totals[f"{side} blocking findings"] += len(result["blocking"])
                parts.append(f"{side}: {'ready' if result['ready'] else 'NOT READY'} "
                             f"({len(result['blocking'])} blocking)")
            print(f"{name}: " + " | ".join(parts), flush=True)
    counted = ", ".join(f"{key} {value}" for key, value in sorted(totals.items()))
    print(f"{len(rows)} merge requests; {counted}")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
