# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Size and memory of the batch outputs for a portfolio of code.gouv.fr's size.

    PYTHONPATH=src python benchmarks/batch_outputs_bench.py --count 20000

Stores `count` results (a small report each: four failing rules, every score) in a
fresh SQLite database, then times `write_outputs` and reports its peak Python memory
(tracemalloc) and the size of each file written.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

from opencheck.batch.dashboard import write_outputs
from opencheck.batch.runners import AUDITED, Outcome
from opencheck.batch.sources import Target
from opencheck.batch.store import Store

RULES = [("secret-in-tree", "error"), ("licence-file-present", "error"),
         ("readme-usage", "warning"), ("readme-contact", "info")]
REPORT = {
    "ready": False, "score": 60, "fail_on": "error", "counts": {"error": 2, "warning": 1},
    "findings": [{"rule": r, "severity": s, "message": "m", "path": "p"} for r, s in RULES],
    "rules": [{"id": r, "severity": s, "status": "failed", "findings": 1} for r, s in RULES],
    "scores": {"codegouvfr": {"score": 1100, "max_known": 2210},
               "awesome": {"score": 3, "out_of": 10, "badge": "no"},
               "publiccode_standard": {"met": 4, "out_of": 16}},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="opencheck-outputs-bench-"))
    try:
        with Store(work / "r.db") as store:
            run, _ = store.start_or_resume("bench", "0+bench", "default", True, [])
            for index in range(args.count):
                org = f"org{index % 300}"
                target = Target(f"forge.example/{org}/repo{index}",
                                f"https://forge.example/{org}/repo{index}",
                                f"{org}/repo{index}", org, "GitLab")
                store.record(run, target, Outcome(target.key, AUDITED, commit="c" * 40,
                                                  report=REPORT))
            store.finish(run)
            tracemalloc.start()
            started = time.perf_counter()
            write_outputs(store, run, work / "out")
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
        print(f"{args.count} repositories: outputs in {elapsed:.0f} s, "
              f"peak Python memory {peak / 2**20:.0f} MiB")
        files = sorted(p for p in (work / "out").rglob("*") if p.is_file())
        biggest_page = max(p.stat().st_size for p in files if p.parent.name == "repos")
        for path in files:
            if path.parent.name != "repos":
                print(f"  {path.name}: {path.stat().st_size / 2**20:.1f} MiB")
        print(f"  biggest repository page: {biggest_page / 1024:.0f} KiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
