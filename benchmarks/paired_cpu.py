# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Two source trees of opencheck on one command, run alternately, compared run by run.

    python benchmarks/paired_cpu.py [--rounds 20] --compare NAME=SRC --compare NAME=SRC
        REPO [-- CHECK-OPTION...]

Each round runs `opencheck check REPO --format json` (and the options after `--`) once
with each tree (`PYTHONPATH=SRC`, a tree exported with `git archive`, byte-compiled
first as `pip install` does), one right after the other. Each run reports the CPU of
the Python process itself and that of the processes it waited for (git, ldconfig),
from getrusage at its exit. Printed: minimum and median of each, per tree, and the
median of the per-round difference between the first tree and each other one (positive:
the other tree spends less).

On a shared machine, two runs made one after the other see nearly the same load: the
paired difference is steadier than a difference of medians when the gain is a few
hundredths of a second on runs of a few tenths (benchmarks/startup.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from real_speed import byte_compile

MEASURED = (
    "import resource, sys\n"
    "sys.argv = ['opencheck', *sys.argv[1:]]\n"
    "from opencheck.cli.main import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "own = resource.getrusage(resource.RUSAGE_SELF)\n"
    "waited = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(own.ru_utime + own.ru_stime, waited.ru_utime + waited.ru_stime, file=sys.stderr)\n"
)


def run(src: str, repo: Path, options: list[str]) -> tuple[float, float]:
    command = [sys.executable, "-c", MEASURED, "check", str(repo), "--format", "json",
               "--output", os.devnull, "--lang", "en", *options]
    done = subprocess.run(command, cwd=repo, env={**os.environ, "PYTHONPATH": src},
                          capture_output=True, text=True, check=False)
    own, waited = done.stderr.split()[-2:]
    return float(own), float(waited)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--compare", action="append", required=True, metavar="NAME=SRC")
    parser.add_argument("repo", type=Path)
    parser.add_argument("options", nargs="*", help="after --: options of opencheck check")
    args = parser.parse_args()
    trees = dict(item.partition("=")[::2] for item in args.compare)
    for src in trees.values():
        byte_compile(src)
    own: dict[str, list[float]] = {name: [] for name in trees}
    waited: dict[str, list[float]] = {name: [] for name in trees}
    start = os.getloadavg()[0]
    for _ in range(args.rounds):
        for name, src in trees.items():
            python, children = run(src, args.repo.resolve(), args.options)
            own[name].append(python)
            waited[name].append(children)
    print(f"{args.repo}, {args.rounds} rounds; load average {start:.1f} at start, "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print("| tree | python cpu ms (min / median) | children cpu ms (min / median) "
          f"| python cpu saved against {next(iter(trees))} (median of the rounds) |")
    print("|---|---:|---:|---:|")
    first = next(iter(trees))
    for name in trees:
        paired = [a - b for a, b in zip(own[first], own[name], strict=True)]
        print(f"| {name} | {min(own[name]) * 1000:.0f} / {statistics.median(own[name]) * 1000:.0f} "
              f"| {min(waited[name]) * 1000:.0f} / "
              f"{statistics.median(waited[name]) * 1000:.0f} "
              f"| {statistics.median(paired) * 1000:+.1f} ms |")


if __name__ == "__main__":
    main()
