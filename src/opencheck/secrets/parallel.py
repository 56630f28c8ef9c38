# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Scanning blobs on several cores, with a bounded number of blobs in flight.

Small histories are scanned in the calling process. Past `INLINE_BYTES` of content, a
process pool takes over: blobs go out in batches of about `BATCH_BYTES`, and at most
two batches per worker are pending, so memory stays bounded. Where a pool cannot
start (a daemonic batch worker), scanning goes on inline.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from opencheck.secrets.detectors import Hit, export_engine, install_engine, scan
from opencheck.secrets.versions import Versions

INLINE_BYTES = 24 * 1024 * 1024
BATCH_BYTES = 2 * 1024 * 1024
MAX_WORKERS = 8

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

Item = tuple[str, str, bytes, bool]  # blob id, path, content, standalone detectors only
Result = tuple[str, str, list[Hit]]


_earlier = Versions()  # in a worker: the versions of large files it scanned last


def scan_batch(items: list[Item], categories: frozenset[str] | None) -> list[Result]:
    found = ((oid, path, scan(data, path, categories, standalone=standalone,
                              earlier=_earlier))
             for oid, path, data, standalone in items)
    return [(oid, path, hits) for oid, path, hits in found if hits]


def default_workers() -> int:
    """One core is left to the reading process and git; no pool below three cores.

    On two cores, two workers beside the reader and git were measured no faster than
    scanning inline (benchmarks/real_speed.md): the reader, git and the workers then
    take turns on the same cores, and every blob is copied once more to a worker.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    workers = min(MAX_WORKERS, cores - 1)
    return workers if workers >= 2 else 1


class BlobScanner:
    """Feed blobs with `add`; hits come back from `add` and `finish`, in any order."""

    def __init__(self, categories: frozenset[str] | None, workers: int | None = None) -> None:
        self.categories = categories
        self.workers = default_workers() if workers is None else workers
        self.inline_bytes = 0
        self.pool: ProcessPoolExecutor | None = None
        self.batch: list[Item] = []
        self.batch_bytes = 0
        self.pending: deque[Future[list[Result]]] = deque()
        # the last large version of each path, from which the next is prefiltered
        self.earlier = Versions()

    def add(self, oid: str, path: str, data: bytes, standalone: bool = False) -> list[Result]:
        # A list, not a generator: this runs once per blob, tens of thousands of times.
        if self.pool is None and not self._start_pool():
            hits = scan(data, path, self.categories, standalone=standalone,
                        earlier=self.earlier)
            self.inline_bytes += len(data)
            return [(oid, path, hits)] if hits else []
        self.batch.append((oid, path, data, standalone))
        self.batch_bytes += len(data)
        if self.batch_bytes >= BATCH_BYTES:
            return list(self._submit())
        return []

    def finish(self) -> Iterator[Result]:
        try:
            if self.batch:
                yield from self._submit()
            while self.pending:
                yield from self.pending.popleft().result()
        finally:
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _submit(self) -> Iterator[Result]:
        assert self.pool is not None
        self.pending.append(self.pool.submit(scan_batch, self.batch, self.categories))
        self.batch, self.batch_bytes = [], 0
        while len(self.pending) > 2 * self.workers:
            yield from self.pending.popleft().result()

    def _start_pool(self) -> bool:
        if self.workers <= 1 or self.inline_bytes < INLINE_BYTES:
            return False
        # imported here: most histories are scanned inline, and start-up counts
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            # forkserver: the workers never inherit the caller's threads or git pipes
            methods = multiprocessing.get_all_start_methods()
            method = "forkserver" if "forkserver" in methods else "spawn"
            context = multiprocessing.get_context(method)
            if multiprocessing.current_process().daemon:
                raise ValueError("a daemonic process cannot have children")
            self.pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                            initializer=install_engine,
                                            initargs=(export_engine(),))
        except (ValueError, OSError):
            self.workers = 1
            return False
        return True
