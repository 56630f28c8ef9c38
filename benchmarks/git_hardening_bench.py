# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the git hardening costs: per call, and on a whole `check` of real repositories.

Every git call of opencheck first reads the configuration's filter drivers (one short
`git config` process) so as to empty them. This measures, on each repository given:
  - plain `git rev-parse HEAD` against `run_git(root, "rev-parse", "HEAD")`, N times
    (the floor: git's own start-up);
  - how many git calls a `check --no-history` makes, and its wall time, so that the
    added cost can be read as a share of the run.

Usage: python benchmarks/git_hardening_bench.py REPO... [N]   (default N=50)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from opencheck import gitcmd
from opencheck.engine import RunRequest, run
from opencheck.registry import Options


def per_call(root: Path, count: int) -> tuple[float, float]:
    started = time.perf_counter()
    for _ in range(count):
        subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                       check=True)
    plain = (time.perf_counter() - started) / count
    started = time.perf_counter()
    for _ in range(count):
        gitcmd.run_git(root, "rev-parse", "HEAD")
    hardened = (time.perf_counter() - started) / count
    return plain, hardened


def calls_in_check(root: Path) -> tuple[int, float]:
    counted = 0
    original = gitcmd.git_command

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal counted
        counted += 1
        return original(*args, **kwargs)

    gitcmd.git_command = counting  # type: ignore[assignment]
    started = time.perf_counter()
    try:
        run(RunRequest(path=root, options=Options(history=False)))
    finally:
        gitcmd.git_command = original  # type: ignore[assignment]
    return counted, time.perf_counter() - started


def main() -> None:
    args = sys.argv[1:]
    count = int(args.pop()) if args and args[-1].isdigit() else 50
    print("| repository | plain git (ms) | run_git (ms) | git calls in check | check (s) "
          "| added by the hardening |")
    print("|---|---|---|---|---|---|")
    for name in args:
        root = Path(name)
        plain, hardened = per_call(root, count)
        calls, seconds = calls_in_check(root)
        added = calls * (hardened - plain)
        print(f"| {root.name} | {plain * 1000:.1f} | {hardened * 1000:.1f} | {calls} "
              f"| {seconds:.1f} | {added:.2f} s ({100 * added / seconds:.1f} %) |")


if __name__ == "__main__":
    main()
