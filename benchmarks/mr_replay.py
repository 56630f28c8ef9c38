# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Replay merge requests on real repositories: HEAD judged against HEAD~k in merge-request
mode (`--diff-base`), by two source trees of opencheck, and what would block each.

    python benchmarks/mr_replay.py --compare old=/tmp/a/src --compare new=/tmp/b/src \\
        --depths 1,10 --json out.json /work/corpus/*/

The clones are read in place (HEAD, the work tree as it is); nothing is written in them.
Prints one line per repository and depth, then the totals: merge requests blocked, and
blocking findings, per side. With `--base-warnings SRC`, the merge base's tree (written
with `git archive` into a scratch folder) is checked whole, without history, by SRC, and
each finding below the failure threshold that a side shows is counted as the base's
(the same fingerprint there: rule, file, subject) or the change's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any


def _check(src: str, *args: str) -> tuple[dict[str, Any] | None, str, float]:
    env = dict(os.environ, PYTHONPATH=src, LC_ALL="C.UTF-8", OPENCHECK_HISTORY_CACHE="off")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", "check", *args, "--format", "json",
         "--lang", "en"], capture_output=True, env=env, timeout=1800, check=False)
    elapsed = time.perf_counter() - started
    try:
        return json.loads(done.stdout), "", elapsed
    except ValueError:
        return None, done.stderr.decode("utf-8", "replace")[-300:], elapsed


def _items(report: dict[str, Any], blocking: bool) -> list[list[str]]:
    return [[group["rule"], item.get("path") or "", group.get("severity") or "",
             item.get("fingerprint") or group.get("fingerprint") or ""]
            for group in report["findings"] if (group.get("severity") == "error") == blocking
            for item in group.get("items", [group])]


def judge(src: str, repo: str, depth: int) -> dict[str, Any]:
    report, error, elapsed = _check(src, repo, "--diff-base", f"HEAD~{depth}")
    if report is None:
        return {"error": error}
    blocking = [[group["rule"], item.get("path"), group.get("dependency") or ""]
                for group in report["findings"] if group.get("severity") == "error"
                for item in group.get("items", [group])]
    return {"ready": report["ready"], "blocking": blocking, "warnings": _items(report, False),
            "seconds": round(elapsed, 3), "diff": report["metadata"].get("diff") or {}}


def base_findings(src: str, repo: str, depth: int) -> dict[str, str] | None:
    """The fingerprints of every finding of the merge base's tree, checked whole without
    history: fingerprint -> severity; None when the tree could not be listed. Blobs the
    clone lacks (a partial mirror) are left out."""
    with tempfile.TemporaryDirectory(prefix="mr-replay-base-") as scratch:
        if not _write_tree(repo, f"HEAD~{depth}", Path(scratch)):
            return None
        report, _error, _elapsed = _check(src, scratch, "--no-history")
    if report is None:
        return None
    return {item[3]: item[2] for blocking in (True, False) for item in _items(report, blocking)}


def _write_tree(repo: str, commit: str, folder: Path) -> bool:
    listed = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "-z", commit],
                            capture_output=True, check=False)
    if listed.returncode != 0:
        return False
    paths: dict[str, list[str]] = {}
    for entry in listed.stdout.split(b"\0"):
        meta, _tab, name = entry.partition(b"\t")
        words = meta.split()
        if len(words) == 3 and words[0] in (b"100644", b"100755"):
            paths.setdefault(words[2].decode(), []).append(name.decode("utf-8", "replace"))
    batch = subprocess.run(["git", "-C", repo, "cat-file", "--batch"],
                           input="".join(f"{oid}\n" for oid in paths).encode(),
                           capture_output=True, check=False)
    out, at = batch.stdout, 0
    for oid in paths:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<oid> missing"
            continue
        size = int(header[2])
        data, at = out[at:at + size], at + size + 1
        for name in paths[oid]:
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", action="append", required=True, help="NAME=SRC")
    parser.add_argument("--depths", default="1,10")
    parser.add_argument("--json")
    parser.add_argument("--base-warnings", metavar="SRC",
                        help="count the shown warnings the merge base's tree had")
    parser.add_argument("repos", nargs="+")
    arguments = parser.parse_args()
    sides = dict(item.split("=", 1) for item in arguments.compare)
    rows: dict[str, dict[str, Any]] = {}
    totals: Counter[str] = Counter()
    for repo in arguments.repos:
        for depth in (int(d) for d in arguments.depths.split(",")):
            name = f"{Path(repo).name}~{depth}"
            row = rows[name] = {side: judge(src, repo, depth) for side, src in sides.items()}
            base = (base_findings(arguments.base_warnings, repo, depth)
                    if arguments.base_warnings else None)
            parts = []
            for side, result in row.items():
                if "error" in result:
                    parts.append(f"{side}: error")
                    totals[f"{side} errors"] += 1
                    continue
                totals[f"{side} blocked"] += not result["ready"]
                totals[f"{side} blocking findings"] += len(result["blocking"])
                totals[f"{side} warnings"] += len(result["warnings"])
                totals[f"{side} seconds"] += result["seconds"]
                part = (f"{side}: {'ready' if result['ready'] else 'NOT READY'} "
                        f"({len(result['blocking'])} blocking, "
                        f"{len(result['warnings'])} warnings")
                if base is not None:
                    before = [item for item in result["warnings"] if item[3] in base]
                    result["warnings_at_base"] = len(before)
                    totals[f"{side} warnings at base"] += len(before)
                    part += f", {len(before)} at base"
                parts.append(part + f", {result['seconds']:.1f} s)")
            if arguments.base_warnings:
                row["base"] = base if base is not None else {"error": "not written"}
                totals["base not written"] += base is None
            print(f"{name}: " + " | ".join(parts), flush=True)
    counted = ", ".join(f"{key} {round(value, 1)}" for key, value in sorted(totals.items()))
    print(f"{len(rows)} merge requests; {counted}")
    if arguments.json:
        Path(arguments.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
