# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""CPU time of `opencheck fix` (the plan, nothing written) next to its floor, the
`opencheck check --no-history` it starts from, on real repositories.

    python benchmarks/fix_cpu.py --src before=/tmp/polish-before/src --src after=src \
        --rounds 7 /work/corpus/etalab+api-geo /work/corpus/codegouvfr+sill

Each `--src LABEL=DIR` is a checkout of opencheck's sources (PYTHONPATH), so two
versions are measured in the same run, interleaved round by round. CPU time is user +
system of the command and every process it waited for (git included), the median of
the rounds: the machine is shared, wall time says little. The overhead is fix minus
check: what the plan costs beyond the report.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path


def cpu_of(command: list[str], src: str) -> float:
    env = {**os.environ, "PYTHONPATH": src}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repositories", nargs="+", type=Path)
    parser.add_argument("--src", action="append", required=True, help="LABEL=DIR")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sources = dict(item.split("=", 1) for item in args.src)
    python = [sys.executable, "-m", "opencheck.cli.main"]
    print("| repository | version | check CPU (s) | fix CPU (s) | fix - check (s) |")
    print("|---|---|---|---|---|")
    for repo in args.repositories:
        samples: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for label, src in sources.items():
                check = [*python, "check", str(repo), "--no-history", "--format", "json"]
                fix = [*python, "fix", str(repo), "--lang", "en"]
                samples.setdefault((label, "check"), []).append(cpu_of(check, src))
                samples.setdefault((label, "fix"), []).append(cpu_of(fix, src))
        for label in sources:
            check_s = statistics.median(samples[(label, "check")])
            fix_s = statistics.median(samples[(label, "fix")])
            print(f"| {repo.name} | {label} | {check_s:.2f} | {fix_s:.2f} | "
                  f"{fix_s - check_s:+.2f} |")


if __name__ == "__main__":
    main()
