# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the batch's probe of a folder audited in place costs: its HEAD read from its
files (before), and that plus `treestate.tree_state` (for-each-ref and git status).

    PYTHONPATH=src .venv/bin/python benchmarks/tree_state_cost.py FOLDER... [--rounds N]

Alternating rounds, wall time of each probe; medians and spreads printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from opencheck.batch import workspace
from opencheck.batch.treestate import tree_state


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    arguments = parser.parse_args()
    for folder in arguments.folders:
        head_only: list[float] = []
        with_state: list[float] = []
        for _ in range(arguments.rounds):
            started = time.perf_counter()
            workspace._read_local_head(folder)
            head_only.append(time.perf_counter() - started)
            started = time.perf_counter()
            workspace._read_local_head(folder)
            tree_state(folder)
            with_state.append(time.perf_counter() - started)
        files = len(list(folder.rglob("*"))) if folder.is_dir() else 0
        middle = statistics.median(head_only) * 1000
        print(f"{folder.name}: {files} entries; HEAD only {middle:.2f} ms"
              f" (spread {min(head_only) * 1000:.2f}-{max(head_only) * 1000:.2f}); HEAD and state "
              f"{statistics.median(with_state) * 1000:.1f} ms (spread "
              f"{min(with_state) * 1000:.1f}-{max(with_state) * 1000:.1f})")


if __name__ == "__main__":
    main()
