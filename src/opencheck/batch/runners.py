# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Audit repositories on a local process pool or on a Dask distributed cluster.

A task is plain data (`Task`), its answer too (`Outcome`): both travel between
processes and machines. `audit_one` never raises: a clone error, a time-out or a crash
of the checks becomes an Outcome with status "failed" and the reason, so one repository
never stops the batch. A worker process that dies is replaced; the repositories it was
auditing are tried again one at a time; the one that kills its worker again is
recorded as failed.
"""

from __future__ import annotations

import signal
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Protocol

from opencheck.batch.sources import Target
from opencheck.batch.workspace import GitSettings, WorkspaceError, prepare
from opencheck.model import Text

AUDITED = "audited"
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass(frozen=True)
class Task:
    target: Target
    workspace: str
    git: GitSettings
    profile: str | None = None
    known_commit: str | None = None  # a result exists for this commit: skip the audit
    timeout: float = 900.0  # seconds for the whole task (local pool only)
    lang: str = "en"


@dataclass
class Outcome:
    key: str
    status: str  # audited, unchanged or failed
    commit: str | None = None
    report: dict[str, Any] | None = None
    reason: str | None = None
    duration: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class AuditTimeout(Exception):
    pass


def audit_one(task: Task) -> Outcome:
    """Clone or update, then audit one repository. Never raises.

    The time-out is a signal in a process's main thread (the local pool). Elsewhere (a
    Dask worker's thread) the audit runs in a thread of its own that is abandoned when
    time is up: the batch goes on, the stuck thread ends with the worker.
    """
    if task.timeout > 0 and threading.current_thread() is not threading.main_thread():
        return _audit_in_thread(task)
    started = time.monotonic()
    try:
        with _deadline(task.timeout):
            outcome = _guarded(task)
    except AuditTimeout:
        outcome = _timed_out(task)
    outcome.duration = round(time.monotonic() - started, 3)
    return outcome


def _timed_out(task: Task) -> Outcome:
    reason = Text(f"délai dépassé : pas fini après {task.timeout:.0f} s",
                  f"time-out: not finished after {task.timeout:.0f}s")
    return Outcome(task.target.key, FAILED, reason=reason.get(task.lang))


def _audit_in_thread(task: Task) -> Outcome:
    started = time.monotonic()
    box: list[Outcome] = []
    thread = threading.Thread(target=lambda: box.append(_guarded(task)), daemon=True,
                              name=f"opencheck-audit-{task.target.name}")
    thread.start()
    thread.join(task.timeout)
    outcome = box[0] if box else _timed_out(task)
    outcome.duration = round(time.monotonic() - started, 3)
    return outcome


def _guarded(task: Task) -> Outcome:
    """The audit, every failure turned into a failed Outcome (time-outs excepted)."""
    try:
        return _audit(task)
    except AuditTimeout:
        raise
    except WorkspaceError as error:
        return Outcome(task.target.key, FAILED, reason=error.text.get(task.lang))
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        return Outcome(
            task.target.key, FAILED,
            reason=f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})",
        )


def _audit(task: Task) -> Outcome:
    from opencheck.engine import RunRequest, UsageError, run
    from opencheck.registry import Options
    from opencheck.report.json_report import report_dict

    checkout = prepare(Path(task.workspace), task.target, task.git, task.known_commit)
    if checkout.commit is not None and checkout.commit == task.known_commit:
        return Outcome(task.target.key, UNCHANGED, commit=checkout.commit)
    request = RunRequest(path=checkout.path, profile=task.profile,
                         options=Options(history=task.git.history))
    try:
        report = run(request)
    except UsageError as error:
        return Outcome(task.target.key, FAILED, commit=checkout.commit,
                       reason=error.text.get(task.lang))
    return Outcome(task.target.key, AUDITED, commit=checkout.commit,
                   report=report_dict(report, task.lang))


class _deadline:
    """SIGALRM-based time-out, only where signals can be used (a process's main thread)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False
        self.previous: Any = None

    def __enter__(self) -> None:
        if self.seconds > 0 and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous or signal.SIG_DFL)

    @staticmethod
    def _expired(signum: int, frame: FrameType | None) -> None:
        raise AuditTimeout()


class Runner(Protocol):
    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        """Yield one Outcome per task, in the order they finish."""
        ...


class LocalRunner:
    """A pool of `jobs` worker processes on this machine."""

    def __init__(self, jobs: int, function: Callable[[Task], Outcome] | None = None) -> None:
        self.jobs = max(1, jobs)
        self.function = function or audit_one

    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        pending = list(tasks)
        while pending:
            suspects, pending = yield from self._pool_round(pending)
            # those in flight when a worker died: each alone, to find which one killed it
            for task in suspects:
                yield self._isolated(task)

    def _pool_round(self, tasks: list[Task]
                    ) -> Generator[Outcome, None, tuple[list[Task], list[Task]]]:
        """Run tasks until done or until the pool breaks; return (suspects, not started)."""
        queue = list(reversed(tasks))
        running: dict[Future[Outcome], Task] = {}
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            while queue or running:
                # keep a bounded number in flight, so a crash affects few tasks
                while queue and len(running) < self.jobs * 2:
                    task = queue.pop()
                    running[pool.submit(self.function, task)] = task
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    task = running.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        running[future] = task
                        broken = True
                    except Exception as error:  # pickling trouble and the like
                        yield Outcome(task.target.key, FAILED,
                                      reason=f"{type(error).__name__}: {error}")
                if broken:
                    return list(running.values()), list(reversed(queue))
        return [], []

    def _isolated(self, task: Task) -> Outcome:
        with ProcessPoolExecutor(max_workers=1) as pool:
            try:
                return pool.submit(self.function, task).result()
            except BrokenProcessPool:
                died = Text("le processus de travail s'est arrêté net pendant cet audit",
                            "the worker process died while auditing it")
                return Outcome(task.target.key, FAILED, reason=died.get(task.lang))
            except Exception as error:
                return Outcome(task.target.key, FAILED, reason=f"{type(error).__name__}: {error}")


class DaskRunner:
    """Each task goes to a Dask distributed scheduler; `opencheck` must be installed on
    the workers, and `--workspace` is a folder on each worker's machine."""

    def __init__(self, address: str) -> None:
        self.address = address

    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        try:
            from distributed import Client, as_completed
        except ImportError as error:
            raise RuntimeError(
                "--scheduler needs Dask: pip install 'opencheck[batch]'"
            ) from error
        client = Client(self.address, timeout="30s")  # type: ignore[no-untyped-call]
        try:
            futures = client.map(audit_one, list(tasks), pure=False, retries=1,
                                 key=[f"opencheck-{i}-{t.target.key}" for i, t in
                                      enumerate(tasks)])
            by_key = {future.key: task for future, task in zip(futures, tasks, strict=True)}
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                task = by_key[future.key]
                try:
                    yield future.result()
                except Exception as error:
                    yield Outcome(task.target.key, FAILED,
                                  reason=f"the Dask task failed: {type(error).__name__}: {error}")
                finally:
                    future.release()
        finally:
            client.close()  # type: ignore[no-untyped-call]
