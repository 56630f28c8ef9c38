# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""gitwait.blocking_file on a folder, in a child per run: src A against src B (each a
copy of `src/`), alternated, median CPU and wall with their range (mend10).

    nice -n 19 .venv/bin/python benchmarks/gitwait_alternates.py ROUNDS FOLDER SRC_A SRC_B

The folder of benchmarks/git_hardening.md: govuk-puppet's pack unpacked into a bare
store (`git init --bare loose.git; git --git-dir=loose.git unpack-objects < PACK`, a ref
to its HEAD), then `git clone --shared loose.git sc`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

CODE = ("import time, sys; from pathlib import Path; from opencheck import gitwait;"
        "c = time.process_time(); w = time.monotonic();"
        "r = gitwait.blocking_file(Path(sys.argv[1]));"
        "print(time.process_time() - c, time.monotonic() - w, repr(r)[:90])")


def main() -> None:
    rounds, folder = int(sys.argv[1]), sys.argv[2]
    sides = {"A": sys.argv[3], "B": sys.argv[4]}
    runs: dict[str, list[tuple[float, float, str]]] = {name: [] for name in sides}
    for _ in range(rounds):
        for name, src in sides.items():
            out = subprocess.run([sys.executable, "-c", CODE, folder],
                                 env={**os.environ, "PYTHONPATH": src},
                                 capture_output=True, text=True, check=True).stdout
            cpu, wall, found = out.split(" ", 2)
            runs[name].append((float(cpu), float(wall), found.strip()))
    for name, values in runs.items():
        cpus = [value[0] for value in values]
        walls = [value[1] for value in values]
        print(f"{name}: CPU {statistics.median(cpus):.3f} s ({min(cpus):.3f}-{max(cpus):.3f}),"
              f" wall {statistics.median(walls):.3f} s ({min(walls):.3f}-{max(walls):.3f}),"
              f" found {values[-1][2]}")


if __name__ == "__main__":
    main()
