# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""CPU time of the look for files git would wait on (gitwait.blocking_file), next to a
whole check of the same folder (--no-history), best of three, in one run.

    .venv/bin/python benchmarks/gitwait_cost.py /work/corpus/GouvernementFR+dsfr ...
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

from opencheck import gitwait


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(folders: list[str]) -> None:
    opencheck = str(Path(sys.executable).parent / "opencheck")
    for folder in folders:
        looks, checks = [], []
        for _ in range(3):
            start = time.process_time()
            gitwait.blocking_file(Path(folder))
            looks.append(time.process_time() - start)
            before = _children_cpu()
            subprocess.run([opencheck, "check", folder, "--no-history", "--format", "json",
                            "-o", "/dev/null"], check=False)
            checks.append(_children_cpu() - before)
        print(f"{folder}: look {min(looks):.3f} s, check {min(checks):.2f} s CPU, "
              f"{100 * min(looks) / min(checks):.1f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
