# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""CPU time of a whole check of a tree thousands of folders deep, at two depths.

    .venv/bin/python benchmarks/deep_paths.py [--files 3000] [--depth 500] [--rounds 3]
        [--opencheck COMMAND]

Builds FILES files, each in its own folder, under `a/` repeated DEPTH and 4 x DEPTH
times (the shape of tests/hostile/test_deep_paths.py, at the scale of the review that
found the square of the depth: 3,000 files 2,000 deep took 68 s of CPU), then runs
`opencheck check --no-history` on each in turn, ROUNDS times alternating, and prints
the CPU time (user + sys of the child) of each run and the ratio of the medians: about
4 when a check is linear in its paths' length, 16 when it is quadratic in their depth.
The tests count Python steps instead (no clock); this is where the time is measured.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hostile.test_deep_paths import build_deep

OPENCHECK = Path(sys.executable).with_name("opencheck")


def _cpu_of_check(command: str, root: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([command, "check", str(root), "--no-history", "-f", "json"],
                   stdout=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--depth", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--opencheck", default=str(OPENCHECK),
                        help="the command to time (another version's, for a comparison)")
    args = parser.parse_args()
    depths = (args.depth, 4 * args.depth)
    with tempfile.TemporaryDirectory(prefix="opencheck-deep-bench-") as scratch:
        roots = {}
        for depth in depths:
            roots[depth] = Path(scratch) / str(depth)
            roots[depth].mkdir()
            build_deep(roots[depth], depth, args.files)
        times: dict[int, list[float]] = {depth: [] for depth in depths}
        for round_ in range(args.rounds):
            for depth in depths:
                seconds = _cpu_of_check(args.opencheck, roots[depth])
                times[depth].append(seconds)
                print(f"round {round_ + 1}: {args.files} files {depth} deep: "
                      f"{seconds:.2f} s CPU", flush=True)
        medians = {depth: statistics.median(times[depth]) for depth in depths}
        for depth in depths:
            print(f"{depth} deep: median {medians[depth]:.2f} s CPU "
                  f"(from {min(times[depth]):.2f} to {max(times[depth]):.2f})")
        print(f"ratio {4 * args.depth} / {args.depth} deep: "
              f"{medians[depths[1]] / medians[depths[0]]:.2f} (linear 4, quadratic 16)")
        # TemporaryDirectory's clean-up recurses per level: remove the trees first
        for root in roots.values():
            subprocess.run(["rm", "-rf", str(root)], check=True)


if __name__ == "__main__":
    main()
