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

import contextlib
import functools
import json
import sys
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from opencheck.batch import census, isolate
from opencheck.batch.sources import Target
from opencheck.batch.workspace import GitSettings, WorkspaceError, prepare
from opencheck.model import Text

if TYPE_CHECKING:
    from opencheck.auditpolicy import AuditPolicy

AUDITED = "audited"
UNCHANGED = "unchanged"
FAILED = "failed"
TIMED_OUT = "timed-out"
FAILURES = (FAILED, TIMED_OUT)  # no result: the audit did not finish


@dataclass(frozen=True)
class Task:
    target: Target
    workspace: str
    git: GitSettings
    profile: str | None = None
    known_commit: str | None = None  # a result exists for this commit: skip the audit
    known_state: str | None = None  # ...and, in place, for this state (`treestate`)
    timeout: float = 3600.0  # seconds for the whole task, clone included
    lang: str = "en"
    # the auditor's policy (`--policy`), as plain data a worker on another machine gets:
    # its name, the SHA-256 of its bytes and its validated settings as JSON (a string:
    # the task stays hashable, as a frozen dataclass should be)
    policy: tuple[str, str, str] | None = None


@dataclass
class Outcome:
    key: str
    status: str  # audited, unchanged, failed or timed-out
    commit: str | None = None
    state: str | None = None  # a folder audited in place: its refs and changed files
    report: dict[str, Any] | None = None
    reason: str | None = None
    duration: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


def audit_one(task: Task) -> Outcome:
    """Clone or update, then audit one repository, in a child process killed at the
    deadline (see `isolate`). Never raises."""
    started = time.monotonic()
    _warm()
    result = isolate.call(_guarded, task, task.timeout, _dask_cancelled())
    if isinstance(result, isolate.Finished):
        outcome: Outcome = result.value
    elif isinstance(result, isolate.TimedOut):
        outcome = _timed_out(task)
    else:
        died = Text(f"le processus d'audit s'est arrêté : {result.detail}",
                    f"the audit process stopped: {result.detail}")
        outcome = Outcome(task.target.key, FAILED, reason=died.get(task.lang))
    outcome.duration = round(time.monotonic() - started, 3)
    return outcome


@functools.cache
def _warm() -> None:
    """Import the checks and load the catalogue once in this process, so that each
    forked audit starts with them (copy-on-write) instead of importing them again."""
    try:
        from opencheck.catalogue import load_catalogue
        from opencheck.engine import run  # noqa: F401
        from opencheck.registry import all_checks, all_scorers
        from opencheck.report.json_report import report_dict  # noqa: F401

        load_catalogue()
        all_checks()
        all_scorers()
    except Exception:  # the audit itself will say what is wrong
        return


def _timed_out(task: Task) -> Outcome:
    reason = Text(f"délai dépassé : audit arrêté après {task.timeout:g} s",
                  f"time-out: audit stopped after {task.timeout:g}s")
    return Outcome(task.target.key, TIMED_OUT, reason=reason.get(task.lang))


def _dask_cancelled() -> isolate.Cancelled | None:
    """Inside a Dask task: a test telling whether the scheduler gave up on it (the
    client cancelled it or went away), so that the audit process is stopped too."""
    if threading.current_thread() is threading.main_thread():
        return None
    try:
        from distributed import get_worker

        worker = get_worker()
        key = worker.get_current_task()  # (thread_state.key no longer exists)
    except Exception:
        return None

    def cancelled() -> bool:
        state = worker.state.tasks.get(key)
        return state is None or state.state in ("cancelled", "released", "forgotten")

    return cancelled


def _guarded(task: Task) -> Outcome:
    """The audit, every failure turned into a failed Outcome."""
    try:
        return _audit(task)
    except WorkspaceError as error:
        return Outcome(task.target.key, FAILED, reason=error.text.get(task.lang),
                       extra={"permanent": error.permanent})
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
    if checkout.commit is not None and checkout.commit == task.known_commit and \
            checkout.state == task.known_state:
        return Outcome(task.target.key, UNCHANGED, commit=checkout.commit,
                       state=checkout.state)
    request = RunRequest(path=checkout.path, profile=task.profile,
                         options=Options(history=task.git.history, speculative=False),
                         audit=_policy(task))
    try:
        report = run(request)
    except UsageError as error:
        return Outcome(task.target.key, FAILED, commit=checkout.commit,
                       reason=error.text.get(task.lang))
    return Outcome(task.target.key, AUDITED, commit=checkout.commit, state=checkout.state,
                   report=report_dict(report, task.lang),
                   extra={"dependencies": census.collect(checkout.path)})


def _policy(task: Task) -> AuditPolicy | None:
    """The task's policy, validated again against this worker's catalogue."""
    if task.policy is None:
        return None
    from opencheck.auditpolicy import policy_from
    from opencheck.catalogue import load_catalogue

    name, digest, data = task.policy
    return policy_from(json.loads(data), name, digest, load_catalogue())


class Runner(Protocol):
    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        """Yield one Outcome per task, in the order they finish."""
        ...

    def running(self) -> list[str]:
        """Keys of the repositories being audited now (oldest first)."""
        ...

    def stop(self) -> list[Outcome]:
        """Interrupted: drop queued work, stop the running audits, and return the
        outcomes that had finished but were not yielded yet."""
        ...


class LocalRunner:
    """A pool of `jobs` worker processes on this machine.

    Workers ignore Ctrl-C (the batch answers it), end on SIGTERM with their audit
    processes, and get SIGTERM from the kernel when the batch process dies.
    """

    def __init__(self, jobs: int, function: Callable[[Task], Outcome] | None = None) -> None:
        self.jobs = max(1, jobs)
        self.function = function or audit_one
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[Future[Outcome], Task] = {}

    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        pending = list(tasks)
        while pending:
            suspects, pending = yield from self._pool_round(pending)
            # those in flight when a worker died: each alone, to find which one killed it
            for task in suspects:
                yield self._isolated(task)

    def running(self) -> list[str]:
        return [task.target.key for future, task in list(self._running.items())
                if future.running()]

    def stop(self) -> list[Outcome]:
        finished = []
        for future in list(self._running):
            if future.done() and not future.cancelled():
                try:
                    finished.append(future.result(timeout=0))
                except Exception:
                    continue
        if self._pool is not None:
            _terminate(self._pool)
            self._pool = None
        self._running = {}
        return finished

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=isolate.worker_setup)
        return self._pool

    def _pool_round(self, tasks: list[Task]
                    ) -> Generator[Outcome, None, tuple[list[Task], list[Task]]]:
        """Run tasks until done or until the pool breaks; return (suspects, not started)."""
        queue = list(reversed(tasks))
        running = self._running = {}
        pool = self._new_pool(self.jobs)
        try:
            while queue or running:
                # keep a bounded number in flight, so a crash or Ctrl-C affects few tasks
                while queue and len(running) < self.jobs * 2:
                    task = queue.pop()
                    running[pool.submit(self.function, task)] = task
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    task = running.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        running[future] = task
                        broken = True
                        continue
                    except Exception as error:  # pickling trouble and the like
                        outcome = Outcome(task.target.key, FAILED,
                                          reason=f"{type(error).__name__}: {error}")
                    yield outcome
                if broken:
                    self._close(pool)
                    return list(running.values()), list(reversed(queue))
        except BaseException:
            # interrupted (Ctrl-C, the consumer gone): `stop` ends the pool without
            # waiting for the audits under way, which shutdown(wait=True) would do
            raise
        self._close(pool)
        return [], []

    def _close(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            pool.shutdown(wait=True)
            self._pool = None

    def _isolated(self, task: Task) -> Outcome:
        pool = self._new_pool(1)
        try:
            return pool.submit(self.function, task).result()
        except BrokenProcessPool:
            died = Text("le processus de travail s'est arrêté net pendant cet audit",
                        "the worker process died while auditing it")
            return Outcome(task.target.key, FAILED, reason=died.get(task.lang))
        except Exception as error:
            return Outcome(task.target.key, FAILED, reason=f"{type(error).__name__}: {error}")
        finally:
            if not sys.exc_info()[0]:
                self._close(pool)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: queued work is dropped, each worker gets SIGTERM (which ends its
    audit process too); whoever is still there a moment later gets SIGKILL."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + 3.0
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            with contextlib.suppress(Exception):
                process.kill()
                process.join(1.0)


class DaskRunner:
    """Each task goes to a Dask distributed scheduler; `opencheck` must be installed on
    the workers, and `--workspace` is a folder on each worker's machine. On
    interruption the futures are cancelled: each audit process sees it and stops."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._client: Any = None
        self._futures: list[Any] = []
        self._keys: list[str] = []

    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        try:
            from distributed import Client, as_completed
        except ImportError as error:
            raise RuntimeError(
                "--scheduler needs Dask: pip install 'opencheck[batch]'"
            ) from error
        client = self._client = Client(self.address, timeout="30s")  # type: ignore[no-untyped-call]
        try:
            futures = self._futures = client.map(
                audit_one, list(tasks), pure=False, retries=1,
                key=[f"opencheck-{i}-{t.target.key}" for i, t in enumerate(tasks)])
            self._keys = [task.target.key for task in tasks]
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
            if self._client is not None:
                self._close()

    def running(self) -> list[str]:
        keys = {future.key: key for future, key in zip(self._futures, self._keys, strict=False)
                if future.status == "pending"}
        return list(keys.values())[:8]

    def stop(self) -> list[Outcome]:
        if self._client is None:
            return []
        finished = []
        for future in self._futures:
            if future.status == "finished":
                with contextlib.suppress(Exception):
                    finished.append(future.result(timeout=1))
        with contextlib.suppress(Exception):
            self._client.cancel(self._futures, force=True)
        self._close()
        return finished

    def _close(self) -> None:
        client, self._client, self._futures = self._client, None, []
        with contextlib.suppress(Exception):
            client.close(timeout=5)
