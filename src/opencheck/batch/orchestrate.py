# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One batch: read the sources, skip what is done, audit the rest, store, report."""

from __future__ import annotations

import contextlib
import hashlib
import json
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import opencheck
from opencheck import __version__
from opencheck.batch.runners import (
    AUDITED,
    FAILED,
    FAILURES,
    UNCHANGED,
    DaskRunner,
    LocalRunner,
    Outcome,
    Runner,
    Task,
)
from opencheck.batch.sources import ListingOptions, Target, read_sources
from opencheck.batch.store import Previous, Store
from opencheck.batch.workspace import GitSettings, current_version
from opencheck.data import rules_dir, schemas_dir

if TYPE_CHECKING:
    from opencheck.auditpolicy import AuditPolicy

DEFAULT_PROFILE_LABEL = "default"

# done, total, the repository just finished, its outcome, the names of those running now
ProgressCallback = Callable[[int, int, Target, Outcome, list[str]], None]


@dataclass
class BatchSettings:
    sources: list[str]
    db: Path | str  # a SQLite file or a postgresql:// URL
    workspace: Path
    out: Path | None = None
    jobs: int = 1
    scheduler: str | None = None
    profile: str | None = None
    history: bool = True
    listing: ListingOptions = field(default_factory=ListingOptions)
    git: GitSettings = field(default_factory=GitSettings)
    timeout: float = 3600.0
    force: bool = False
    lang: str = "en"
    policy: AuditPolicy | None = None  # --policy, read and validated before the batch


@dataclass
class BatchSummary:
    run_id: int
    resumed: bool
    total: int
    already: int = 0  # results kept from the interrupted run being resumed
    audited: int = 0
    unchanged: int = 0
    failed: int = 0
    ready: int = 0
    not_ready: int = 0
    skipped_sources: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duration: float = 0.0
    outputs: list[Path] = field(default_factory=list)


def engine_version() -> str:
    """opencheck's version plus a digest of its rules, schemas and checking code.

    A change of any of them, even without a new version number (a development
    checkout, a patched install), makes every repository audited again.
    """
    digest = hashlib.sha256()
    package = Path(opencheck.__file__).resolve().parent
    for root in (rules_dir(), schemas_dir(), package):
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if (path.suffix not in (".py", ".yml", ".yaml", ".json") or not path.is_file()
                    or relative.parts[0] in ("batch", "cli", "_data")):
                continue
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:10]}"


def signature(settings: BatchSettings) -> str:
    """What makes two commands 'the same batch' for resuming."""
    sources = [s if "://" in s else str(Path(s).resolve()) for s in settings.sources]
    raw = json.dumps({"sources": sources, "profile": settings.profile,
                      "history": settings.history, "version": __version__,
                      "policy": settings.policy.digest if settings.policy else None})
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def profile_label(settings: BatchSettings) -> str:
    """What the run's results are judged by, as stored: the profile and, under a
    policy, its name and digest. A result is reused for an unchanged repository only
    under the same label: one judged under another policy, or none, is judged again."""
    profile = settings.profile or DEFAULT_PROFILE_LABEL
    if settings.policy is None:
        return profile
    return f"{profile}, policy {settings.policy.name}@{settings.policy.digest[:12]}"


def _check_worker_version(outcome: Outcome) -> None:
    """A Dask worker with another opencheck would store results under a wrong version."""
    theirs = (outcome.report or {}).get("opencheck_version")
    if theirs is not None and theirs != __version__:
        outcome.status, outcome.report = FAILED, None
        outcome.reason = f"the worker runs opencheck {theirs}, this batch {__version__}"


def probe(tasks: list[Task], settings: BatchSettings
          ) -> Iterator[tuple[Task, tuple[str | None, str | None]]]:
    """The current head of each repository that has an earlier result (with, for a
    folder audited in place, the state of its refs and work tree; for a clone of every
    ref, its branches and tags), asked from this process with a few threads: unchanged
    ones need no worker, clone or fetch."""
    known = [task for task in tasks if task.known_commit is not None]
    if not known:
        return
    threads = min(len(known), max(4, 2 * settings.jobs))
    pool = ThreadPoolExecutor(max_workers=threads)
    try:
        futures = {pool.submit(current_version, task.target, settings.git.timeout,
                               settings.git.refs): task
                   for task in known}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        # interrupted: the questions not asked yet are dropped, none is waited for
        pool.shutdown(wait=False, cancel_futures=True)


def _tally(summary: BatchSummary, results: list[dict[str, Any]], current: set[str],
           done: set[str]) -> None:
    for result in results:
        if result["target"] not in current:
            continue
        status = result["status"]
        if status in FAILURES:
            summary.failed += 1
            summary.failures.append((result["name"], result["reason"] or ""))
        elif result["ready"]:
            summary.ready += 1
        else:
            summary.not_ready += 1
        if result["target"] not in done:
            summary.audited += status == AUDITED
            summary.unchanged += status == UNCHANGED


class BatchInterrupted(Exception):
    """Ctrl-C or SIGTERM: queued work dropped, finished results kept."""

    def __init__(self, run_id: int, recorded: int, total: int) -> None:
        super().__init__(f"run {run_id} interrupted with {recorded} of {total} recorded")
        self.run_id, self.recorded, self.total = run_id, recorded, total


class interrupts:
    """Ctrl-C and SIGTERM become KeyboardInterrupt, except inside `critical()` (a
    result being written), where they wait for its end: a result is stored whole or
    not at all, and the interruption is never lost."""

    def __init__(self) -> None:
        self.busy = False
        self.pending = False
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> interrupts:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    def _handler(self, signum: int, frame: object) -> None:
        if self.busy:
            self.pending = True
            return
        raise KeyboardInterrupt

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        self.busy = True
        try:
            yield
        finally:
            self.busy = False
        if self.pending:
            self.pending = False
            raise KeyboardInterrupt


def run_batch(settings: BatchSettings, progress: ProgressCallback | None = None,
              on_start: Callable[[int, int], None] | None = None,
              on_interrupt: Callable[[], None] | None = None) -> BatchSummary:
    """Run a batch to its end; the SourceError of an unreadable source is raised first."""
    started = time.monotonic()
    version = engine_version()
    listing = read_sources(settings.sources, settings.listing)
    profile = profile_label(settings)
    settings.workspace.mkdir(parents=True, exist_ok=True)
    with Store(settings.db) as store:
        run, resumed = store.start_or_resume(
            signature(settings), version, profile, settings.history, settings.sources
        )
        store.set_targets(run, len(listing.targets))
        done = store.recorded(run) if resumed else set()
        by_key = {target.key: target for target in listing.targets}
        previous: dict[str, Previous | None] = {}
        tasks: list[Task] = []
        for target in listing.targets:
            if target.key in done:
                continue
            found = None if settings.force else store.previous(
                target.key, profile, version, settings.history)
            previous[target.key] = found
            tasks.append(Task(
                target=target, workspace=str(settings.workspace.resolve()), git=settings.git,
                profile=settings.profile, known_commit=found.commit if found else None,
                known_state=found.row.get("tree_state") if found else None,
                timeout=settings.timeout, lang=settings.lang,
                policy=((settings.policy.name, settings.policy.digest,
                         json.dumps(settings.policy.data)) if settings.policy else None),
            ))
        summary = BatchSummary(run.id, resumed, len(listing.targets),
                               already=len(listing.targets) - len(tasks),
                               skipped_sources=listing.skipped, warnings=listing.warnings)
        if on_start:
            on_start(len(tasks), summary.already)
        count = 0
        waiting = [task for task in tasks if task.known_commit is None]
        runner: Runner = (DaskRunner(settings.scheduler) if settings.scheduler
                          else LocalRunner(settings.jobs))
        guard = interrupts()
        with guard:
            try:
                for task, (head, state) in probe(tasks, settings):
                    if head is not None and head == task.known_commit and \
                            state == task.known_state:
                        outcome = Outcome(task.target.key, UNCHANGED, commit=head,
                                          state=state)
                        with guard.critical():
                            store.record(run, task.target, outcome,
                                         previous.get(task.target.key))
                        count += 1
                        if progress:
                            progress(count, len(tasks), task.target, outcome, [])
                    else:
                        waiting.append(task)
                outcomes = runner.run(waiting)
                for outcome in outcomes:
                    with guard.critical():
                        target = by_key[outcome.key]
                        _check_worker_version(outcome)
                        store.record(run, target, outcome, previous.get(outcome.key))
                    count += 1
                    if progress:
                        progress(count, len(tasks), target, outcome,
                                 [by_key[key].name for key in runner.running()])
            except KeyboardInterrupt:
                if on_interrupt:
                    on_interrupt()
                for outcome in runner.stop():
                    _check_worker_version(outcome)
                    store.record(run, by_key[outcome.key], outcome, previous.get(outcome.key))
                raise BatchInterrupted(run.id, len(store.recorded(run)),
                                       len(listing.targets)) from None
        store.finish(run)
        _tally(summary, store.results(run), set(by_key), done)
        if settings.out is not None:
            from opencheck.batch.dashboard import write_outputs

            summary.outputs = write_outputs(store, run, settings.out, settings.lang)
    summary.duration = round(time.monotonic() - started, 2)
    return summary
