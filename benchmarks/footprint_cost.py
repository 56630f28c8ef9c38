# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the batch's room check costs each clone, beside the checkout it guards.

    python benchmarks/footprint_cost.py [--rounds N] REPO...

Before writing a clone's files, the batch sums their sizes (`footprint.footprint`:
one `git ls-tree -r -t -l` of the revision). For each repository, in alternating
rounds: that count; the floor, the same listing without sizes (`ls-tree -r -t`); and
the checkout it guards (the revision's files written into a scratch folder, through
a scratch index: the repository is not changed). Medians and spreads in seconds of
wall time, and the count as a share of the checkout.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from opencheck.batch import footprint

UNLIMITED = footprint.Room(1 << 62, None)


def timed(action: Callable[[Path], object], repo: Path) -> float:
    started = time.perf_counter()
    action(repo)
    return time.perf_counter() - started


def count(repo: Path) -> footprint.Footprint:
    return footprint.footprint(repo, "HEAD", UNLIMITED, 600.0)


def floor(repo: Path) -> None:
    subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "-t", "-z", "--full-tree",
                    "HEAD", "--"], check=True, capture_output=True)


def checkout(repo: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="footprint-"))
    try:
        env = {**os.environ, "GIT_INDEX_FILE": str(scratch / ".index")}
        base = ["git", f"--git-dir={repo / '.git'}", f"--work-tree={scratch / 'tree'}"]
        (scratch / "tree").mkdir()
        subprocess.run([*base, "read-tree", "HEAD"], check=True, env=env)
        subprocess.run([*base, "checkout-index", "-a", "-f"], check=True, env=env,
                       capture_output=True)
    finally:
        shutil.rmtree(scratch)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("repos", nargs="+", type=Path)
    args = parser.parse_args()
    print("| repository | files | count (s) | floor: no sizes (s) | checkout (s) | "
          "count / checkout |")
    print("|---|---|---|---|---|---|")
    shares = []
    for repo in args.repos:
        try:
            needed = count(repo)
        except Exception as error:  # an absent object: say so, measure the others
            print(f"| {repo.name} | | {type(error).__name__} | | | |")
            continue
        times: dict[str, list[float]] = {"count": [], "floor": [], "checkout": []}
        try:
            for _ in range(args.rounds):  # alternating, so that load shifts hit all three
                times["count"].append(timed(count, repo))
                times["floor"].append(timed(floor, repo))
                times["checkout"].append(timed(checkout, repo))
        except subprocess.CalledProcessError:  # a clone with absent blobs: no checkout
            print(f"| {repo.name} | {needed.entries} | {spread(times['count'])} | "
                  f"{spread(times['floor'])} | absent objects | |")
            continue
        share = statistics.median(times["count"]) / statistics.median(times["checkout"])
        shares.append(share)
        print(f"| {repo.name} | {needed.entries} | {spread(times['count'])} | "
              f"{spread(times['floor'])} | {spread(times['checkout'])} | {share:.1%} |")
    if shares:
        print(f"\nmedian share of the checkout: {statistics.median(shares):.1%} "
              f"(max {max(shares):.1%}) over {len(shares)} repositories")


if __name__ == "__main__":
    main()
