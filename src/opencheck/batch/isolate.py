# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Run one function call in a child process that is killed at its deadline.

A time-out raised inside the audit can be swallowed (a rule's error handler catches
it) or never delivered (C code that does not return to the interpreter). A child
process in a process group of its own is stopped for sure: at the deadline the whole
group (the child and the git commands it started) receives SIGKILL.

The child is a fork (no import cost, nothing pickled on the way in), also from a Dask
worker's thread: the child runs only opencheck's code, never the worker's, so the
locks other threads held at the fork do not matter (os.fork, not multiprocessing,
which refuses children to Dask's daemonic workers). Where fork does not exist, the
child is a fresh interpreter started with `python -m opencheck.batch.isolate`, the
call pickled on its standard input.
Either way the child dies with its parent (PR_SET_PDEATHSIG on Linux, plus a watch on
the parent's id), so no audit outlives the batch that asked for it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


@dataclass
class Finished:
    value: Any


@dataclass
class TimedOut:
    seconds: float


@dataclass
class Died:
    detail: str


Result = Finished | TimedOut | Died
Cancelled = Callable[[], bool]

_children: set[int] = set()  # process groups of the children running now


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask the kernel to send `sig` to this process when its parent ends (Linux), and
    watch the parent's id elsewhere or in case the parent was already gone."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                kill_children()
                os._exit(128 + sig)
            time.sleep(POLL_SECONDS)

    if os.getppid() != parent:
        os._exit(128 + sig)
    threading.Thread(target=watch, daemon=True, name="opencheck-parent-watch").start()


def kill_children() -> None:
    """SIGKILL every child process group started by `call` in this process."""
    for group in list(_children):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


def _end_worker(signum: int, frame: object) -> None:
    kill_children()
    os._exit(128 + signum)


def worker_setup() -> None:
    """For a pool worker: Ctrl-C is the parent's business; SIGTERM (sent by the parent
    on interruption, or by the kernel when the parent dies) takes the audits along."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)
    die_with_parent(signal.SIGTERM)


def call(function: Callable[[Any], Any], argument: Any, seconds: float,
         cancelled: Cancelled | None = None) -> Result:
    """`function(argument)` in a child process, stopped after `seconds` (0: no limit)
    or as soon as `cancelled()` answers True."""
    if hasattr(os, "fork"):
        return _forked(function, argument, seconds, cancelled)
    return _spawned(function, argument, seconds, cancelled)


def _forked(function: Callable[[Any], Any], argument: Any, seconds: float,
            cancelled: Cancelled | None) -> Result:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            os.setpgid(0, 0)
            _child_start(os.getppid())
            payload = _run(function, argument)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also from here, so a kill never races the child's own call
    _children.add(pid)
    try:
        data, outcome = _collect(read_end, pid, seconds, cancelled)
    finally:
        os.close(read_end)
        _reap(pid)
    return outcome if outcome is not None else _decode(data)


def _spawned(function: Callable[[Any], Any], argument: Any, seconds: float,
             cancelled: Cancelled | None) -> Result:
    env = dict(os.environ, OPENCHECK_ISOLATE_PARENT=str(os.getpid()))
    # -P: `-m` would put the working folder first on the module path, and a folder
    # there holding `opencheck/batch/isolate.py` would run in the audit's place
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "opencheck.batch.isolate"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True, env=env,
    )
    _children.add(process.pid)
    try:
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(pickle.dumps((function, argument)))
            process.stdin.close()
        except BrokenPipeError:
            pass
        data, outcome = _collect(process.stdout.fileno(), process.pid, seconds, cancelled)
        process.stdout.close()
    finally:
        _kill(process.pid)
        process.wait()
        _children.discard(process.pid)
    return outcome if outcome is not None else _decode(data)


def _collect(fd: int, pid: int, seconds: float, cancelled: Cancelled | None
             ) -> tuple[bytes, Result | None]:
    """Read the child's answer until end of file, the deadline or a cancellation."""
    deadline = time.monotonic() + seconds if seconds > 0 else None
    chunks: list[bytes] = []
    while True:
        wait = POLL_SECONDS
        if deadline is not None:
            wait = min(wait, deadline - time.monotonic())
            if wait <= 0:
                _kill(pid)
                return b"", TimedOut(seconds)
        if cancelled is not None and cancelled():
            _kill(pid)
            return b"", Died("cancelled")
        ready, _, _ = select.select([fd], [], [], wait)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks), None
            chunks.append(chunk)


def _decode(data: bytes) -> Result:
    if not data:
        return Died("the audit process ended without an answer")
    try:
        value = pickle.loads(data)
    except Exception as error:  # a truncated answer
        return Died(f"unreadable answer from the audit process: {error}")
    if isinstance(value, Died):
        return value
    return Finished(value)


def _run(function: Callable[[Any], Any], argument: Any) -> bytes:
    try:
        return pickle.dumps(function(argument))
    except BaseException as error:  # reported to the parent, never lost
        return pickle.dumps(Died(f"{type(error).__name__}: {error}"))


def _kill(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def _reap(pid: int) -> None:
    _kill(pid)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    _children.discard(pid)


def _child_start(parent: int) -> None:
    """In the child: Ctrl-C belongs to the batch; when the parent dies, so do we and
    the git commands we started (our process group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_group)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        _end_group(signal.SIGTERM, None)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(POLL_SECONDS)
        _end_group(signal.SIGTERM, None)

    threading.Thread(target=watch, daemon=True, name="opencheck-parent-watch").start()


def _end_group(signum: int, frame: object) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(0, signal.SIGKILL)
    os._exit(128 + signum)


def main() -> None:
    """`python -m opencheck.batch.isolate`: one pickled call on stdin, its answer on
    stdout (the parent is trusted: it is the batch that started us)."""
    # run as __main__: answer through the importable module, so the parent can unpickle
    from opencheck.batch import isolate

    parent = int(os.environ.get("OPENCHECK_ISOLATE_PARENT", "0") or 0)
    isolate._child_start(parent or os.getppid())
    function, argument = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(isolate._run(function, argument))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
