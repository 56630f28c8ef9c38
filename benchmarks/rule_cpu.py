# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""CPU time of one rule's run on a repository, for several opencheck source trees.

    python benchmarks/rule_cpu.py REPO NAME=SRC [NAME=SRC...] [--rounds 5]
        [--rule secret-in-tree] [--history]

Each variant runs `opencheck check REPO --rule RULE --no-history` (history kept with
`--history`) with `PYTHONPATH=SRC` (a tree exported with `git archive`, byte-compiled
first) and `OPENCHECK_HISTORY_CACHE=off`, the variants in turn round after round so
that all see the same load. What is printed is the process's CPU time (user + system,
os.wait4), median, lowest and highest: on a machine shared by many jobs the wall time,
and the wall times `--timings` shows, move by a factor of three between two runs of
the same command; the CPU time by a quarter at most.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
from pathlib import Path


def cpu_of(command: list[str], env: dict[str, str]) -> float:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(process.pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repo", type=Path)
    parser.add_argument("variants", nargs="+", metavar="NAME=SRC")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rule", default="secret-in-tree")
    parser.add_argument("--history", action="store_true")
    args = parser.parse_args()
    variants = dict(item.partition("=")[::2] for item in args.variants)
    for src in variants.values():
        compileall.compile_dir(src, quiet=1)
    command = [sys.executable, "-m", "opencheck.cli.main", "check", str(args.repo.resolve()),
               "--rule", args.rule, "--format", "json", "--lang", "en",
               *([] if args.history else ["--no-history"])]
    figures: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name, src in variants.items():
            env = {**os.environ, "PYTHONPATH": src, "OPENCHECK_HISTORY_CACHE": "off"}
            figures[name].append(cpu_of(command, env))
    print(f"{args.repo.name}, {args.rule}, {args.rounds} rounds, load {os.getloadavg()[0]:.1f}")
    for name, values in figures.items():
        print(f"  {name}: CPU median {statistics.median(values):.2f} s "
              f"({min(values):.2f}-{max(values):.2f})")


if __name__ == "__main__":
    main()
