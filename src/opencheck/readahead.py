# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A pipe read ahead by a thread, in large chunks, while the caller uses what came before.

The history scan reads every blob from `git cat-file --batch` and scans it. On a small
history the main thread is what the run waits for, and copying the bytes out of the
pipe (a system call per 64 KB) was a third of its time. Here a thread does the system
calls, one chunk of up to `CHUNK` bytes at a time, with the GIL released, and hands the
chunks over (at most `DEPTH` waiting, so memory stays bounded); the caller reads them
through an ordinary buffered reader, whose copies cost a tenth of the system calls.
The thread holds the GIL only to hand a chunk over, so it does not slow the caller's
Python. A git started before its output is wanted (`gitcmd.StartedStream`, the
secrets' log) is read the same way: it runs on a core the caller leaves idle.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import threading
import time
from typing import IO

CHUNK = 1 << 20
SMALL = 1 << 16  # handed over at once, when the caller has nothing to read
PAUSE = 0.001  # seconds
DEPTH = 4
_POLL = 0.05  # seconds: how often a waiting thread looks whether it was told to stop


def usable_cores() -> int:
    """The cores this process may run on (its affinity on Linux)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _Failure:
    def __init__(self, error: Exception) -> None:
        self.error = error


class _Chunks(io.RawIOBase):
    """The raw side of the reader: the chunks the thread read, in order. Each chunk's
    buffer goes back to the thread once copied out, to be read into again: fresh
    memory for every megabyte cost as much as the copy (the kernel clears each page)."""

    def __init__(self, handoff: queue.Queue[tuple[memoryview, bytearray] | _Failure],
                 spare: queue.SimpleQueue[bytearray]) -> None:
        self._handoff = handoff
        self._spare = spare
        self._pending = memoryview(b"")
        self._buffer: bytearray | None = None
        self._ended = False
        self.waiting = 0.0  # since when a read waits for the thread's next chunk; 0: none

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._pending and not self._ended:
            self._give_back()
            self.waiting = time.monotonic()
            try:
                chunk = self._handoff.get()
            finally:
                self.waiting = 0.0
            if isinstance(chunk, _Failure):
                self._ended = True
                raise chunk.error
            self._pending, self._buffer = chunk
            self._ended = not self._pending
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _give_back(self) -> None:
        if self._buffer is not None:
            self._pending.release()
            self._spare.put(self._buffer)
            self._buffer = None


def _widen(pipe: IO[bytes]) -> None:
    """A larger pipe (Linux; elsewhere the system's own size): fewer calls, and a git
    writes its first megabyte without waiting for the thread, which waits for the GIL
    while the caller imports modules. Here, before the thread starts: set by the thread,
    it came after git had filled the 64 KB pipe."""
    with contextlib.suppress(ImportError, OSError, AttributeError, ValueError):
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, CHUNK)  # type: ignore[attr-defined]


class PipeReader:
    """`stream` reads what the pipe `source` gives, read ahead by a thread. Call
    `close()` once the writer is gone (its process ended): the thread may wait on it."""

    def __init__(self, source: IO[bytes], depth: int = DEPTH) -> None:
        self._source = source
        self._handoff: queue.Queue[tuple[memoryview, bytearray] | _Failure] = \
            queue.Queue(maxsize=depth)
        self._spare: queue.SimpleQueue[bytearray] = queue.SimpleQueue()
        self._stopped = threading.Event()
        self._chunks = _Chunks(self._handoff, self._spare)
        self.stream = io.BufferedReader(self._chunks, CHUNK)
        _widen(source)
        self._thread = threading.Thread(target=self._read, name="pipe-reader", daemon=True)
        self._thread.start()

    def waiting(self) -> float:
        """Since when a read of `stream` waits for what the pipe gives (`time.monotonic`),
        or 0 when none does: a watch (`gitcmd.Watched`) asks it without wrapping each
        read of the stream (a log's lines, read one by one)."""
        return self._chunks.waiting

    def close(self) -> None:
        self._stopped.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):
                self._handoff.get_nowait()  # a full queue must not keep it waiting
            self._thread.join(_POLL)

    def _put(self, chunk: tuple[memoryview, bytearray] | _Failure) -> bool:
        while not self._stopped.is_set():
            try:
                self._handoff.put(chunk, timeout=_POLL)
                return True
            except queue.Full:
                continue
        return False

    def _read(self) -> None:
        descriptor = self._source.fileno()
        try:
            source = io.FileIO(descriptor, closefd=False)
            while True:
                # A read gives what the pipe holds; small reads are joined, so that the
                # caller takes a chunk at a time, unless it waits with nothing to read.
                try:
                    buffer = self._spare.get_nowait()
                except queue.Empty:
                    buffer = bytearray(CHUNK)
                view, held, got = memoryview(buffer), 0, 0
                while held < CHUNK:
                    got = source.readinto(view[held:]) or 0
                    if not got:
                        break
                    held += got
                    if self._handoff.empty():
                        if held >= SMALL:
                            break
                    elif got < SMALL:
                        # the caller has work: let the pipe fill rather than take the
                        # GIL for every few kilobytes git writes (it is the caller's)
                        time.sleep(PAUSE)
                if held and not self._put((view[:held], buffer)):
                    return
                if held < CHUNK and not got:
                    self._put((memoryview(b""), bytearray()))
                    return
        except Exception as error:  # the caller raises it, in its own thread (never
            self._put(_Failure(error))  # left waiting for a chunk that will not come)
