# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""mutmut, with a wall-clock time-out that only ever signals the process it was set for.

mutmut 3.8 gives each mutant's process a wall-clock limit: a thread sends SIGXCPU to its
pid when the limit passes, and entries are never cancelled, so the signal also goes out
when the mutant ended long before. Process ids wrap (32768 on the machine where this
was seen) and the limit of an engine mutant is about 20 minutes: by then the pid is
often another process's, a later mutant's (counted a time-out while its tests were
failing or passing) or another program's on the same machine, killed.

Here the time-out remembers when its process started (/proc/PID/stat) and signals only
if the process with that pid is still the same one. Without /proc, no wall-clock
time-out is sent; mutmut's CPU limit (RLIMIT_CPU) still stops a mutant that loops.

    python benchmarks/mutmut_guarded.py run [names]    # as `python -m mutmut run`
"""

from __future__ import annotations

import contextlib
import heapq
import os
import signal
import sys
import threading
import time
from pathlib import Path

_pending: list[tuple[float, int, str]] = []  # (deadline, pid, start time)
_changed = threading.Condition()
_watcher: threading.Thread | None = None


def started(pid: int) -> str | None:
    """When the process `pid` started (clock ticks after boot), None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii", "replace")
    except OSError:
        return None
    # Field 22; the command name (field 2, in parentheses) may hold spaces.
    return stat.rpartition(")")[2].split()[19]


def register_timeout(pid: int, timeout_s: float) -> None:
    """mutmut's register_timeout, for this one process only."""
    global _watcher
    start = started(pid)
    if start is None:
        return  # already ended, or no /proc
    with _changed:
        heapq.heappush(_pending, (time.time() + timeout_s, pid, start))
        _changed.notify()
    if _watcher is None or not _watcher.is_alive():  # none yet in this (forked) process
        _watcher = threading.Thread(target=_watch, name="mutmut-guarded-timeout", daemon=True)
        _watcher.start()


def _watch() -> None:
    with _changed:
        while True:
            while not _pending:
                _changed.wait()
            now = time.time()
            while _pending and _pending[0][0] <= now:
                _, pid, start = heapq.heappop(_pending)
                if started(pid) == start:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGXCPU)
            if _pending:
                _changed.wait(timeout=max(0.0, _pending[0][0] - now))


def main() -> None:
    import mutmut.workers.isolation as isolation
    import mutmut.workers.timeout as timeout
    from mutmut.__main__ import cli

    timeout.register_timeout = register_timeout
    isolation.register_timeout = register_timeout  # imported by name there
    sys.path[0] = os.getcwd()  # as `python -m mutmut` would have it
    cli(sys.argv[1:], prog_name="mutmut")


if __name__ == "__main__":
    main()
