# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck batch` through Dask: throughput and memory on generated repositories.

    PYTHONPATH=src python benchmarks/batch_dask_bench.py --count 1000 --workers 2

Starts a Dask LocalCluster on this machine (`--workers` worker processes, one thread
each, as `dask worker --nworkers N --nthreads 1` would), generates `count` small git
repositories (the shapes of batch_bench.py), runs one batch through the cluster and
samples, every half second, the resident memory of the whole process tree (this
process, the scheduler and the workers, and the audit processes they fork).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from batch_bench import make_repo

from opencheck.batch.orchestrate import BatchSettings, run_batch


class MemorySampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.peak_total = 0
        self.peak_worker = 0
        self.peak_audit = 0

    def run(self) -> None:
        me = psutil.Process()
        while not self.stop.is_set():
            total = me.memory_info().rss
            try:
                children = me.children(recursive=True)
            except psutil.Error:
                children = []
            for child in children:
                try:
                    rss = child.memory_info().rss
                    parent = child.parent()
                except psutil.Error:
                    continue
                total += rss
                if parent is not None and parent.pid == me.pid:
                    self.peak_worker = max(self.peak_worker, rss)
                else:
                    self.peak_audit = max(self.peak_audit, rss)
            self.peak_total = max(self.peak_total, total)
            time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    from distributed import LocalCluster

    work = args.workdir or Path(tempfile.mkdtemp(prefix="opencheck-dask-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    listing = work / "repos.txt"
    if not listing.is_file():  # a --workdir of an earlier run keeps its repositories
        started = time.perf_counter()
        repos = [make_repo(work / "forge", i) for i in range(args.count)]
        print(f"generated {len(repos)} repositories in {time.perf_counter() - started:.1f}s",
              file=sys.stderr)
        listing.write_text("\n".join(str(r) for r in repos) + "\n", encoding="utf-8")
    for stale in ("dask.db", "dask.db-wal", "dask.db-shm"):
        (work / stale).unlink(missing_ok=True)
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    sampler = MemorySampler()
    sampler.start()
    try:
        settings = BatchSettings(sources=[str(listing)], db=work / "dask.db",
                                 workspace=work / "ws", out=work / "out",
                                 scheduler=cluster.scheduler_address)
        started = time.perf_counter()
        summary = run_batch(settings)
        elapsed = time.perf_counter() - started
    finally:
        sampler.stop.set()
        sampler.join()
        cluster.close()
    mib = 1024 * 1024
    print(f"| {args.count} repositories, Dask, {args.workers} workers | value |")
    print("| --- | ---: |")
    print(f"| audited / failed | {summary.audited} / {summary.failed} |")
    print(f"| wall time (s) | {elapsed:.1f} |")
    print(f"| repositories per minute | {60 * summary.audited / elapsed:.0f} |")
    per_worker = elapsed * args.workers / max(1, summary.audited)
    print(f"| seconds per repository per worker | {per_worker:.2f} |")
    print(f"| peak memory of the whole tree (MiB) | {sampler.peak_total / mib:.0f} |")
    print(f"| peak memory of one worker process (MiB) | {sampler.peak_worker / mib:.0f} |")
    print(f"| peak memory of one audit process (MiB) | {sampler.peak_audit / mib:.0f} |")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
