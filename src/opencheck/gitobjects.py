# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Objects of a repository asked one at a time of one long-lived `git cat-file --batch`.

A question costs a line written and read, where a git start costs about 10 ms: the
copies of old commits (`secrets/copies.py`) ask a few folders and licence files of
each commit that brought a key, which took two starts per licence and one per folder.
The process is hardened like every git (`gitcmd.popen_git`), its data capped, and it
ends with `close()` or when its reader is no longer used.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from opencheck.gitcmd import DEVNULL, PIPE, GitProcess, Watched, popen_git

MEMORY = 256 << 20  # git's data: enough for any tree or licence file asked
ANSWER = 256  # an answer's header is at most its word, an id, a kind and a size


class ObjectReader:
    """Asks `git cat-file --batch` in `root` for objects by any name git reads (an id,
    `commit:folder`), started on the first question."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._process: GitProcess[bytes] | None = None
        self._nonce = b""
        self._stop: weakref.finalize[[GitProcess[bytes], Watched], ObjectReader] | None = None
        self._watched: Watched
        # once a git was stopped for answering nothing (an object that is a FIFO), no
        # more is asked: each question could wait as long again (IDLE_LIMIT each)
        self.stalled = False

    def read(self, name: str, kind: str, limit: int) -> bytes | None:
        """The content of the object `name` when it is a `kind` ("blob", "tree") of at
        most `limit` bytes; None when it is absent, of another kind or larger, or when
        its name cannot be asked on one line."""
        if not name or "\n" in name or self.stalled:
            return None
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        asked = name.encode("utf-8", "surrogateescape")
        try:
            process.stdin.write(asked + b"\n")
            process.stdin.flush()
            # no longer than an answer can be: after a forged object (below), what
            # stands here is the rest of its content, as long as it unfolds (200 KB
            # of zlib, 192 MB without a newline), and was read whole
            line = self._watched.readline(len(asked) + ANSWER)
        except OSError:  # git ended (out of memory, a damaged repository)
            self.close()
            return None
        words = line.split()
        if len(words) != 4 or words[0] != self._nonce or not words[3].isdigit():
            if line not in (asked + b" missing\n", asked + b" ambiguous\n"):
                # git ended, or its output is not where the answer should start: a
                # loose object whose stated size is not its content's (forged) put
                # the repository's bytes there. The next question starts another git.
                self.close()
            return None
        words = words[1:]
        size = int(words[2])
        if size > limit:
            self.close()  # not read through: the next question starts another git
            return None
        data = _read_exactly(self._watched, size + 1)  # the content and its newline
        if len(data) != size + 1 or data[-1:] != b"\n":
            self.close()
            return None
        return data[:size] if words[1] == kind.encode("ascii") else None

    def close(self) -> None:
        if self._stop is not None:
            self.stalled = self.stalled or self._watched.stalled
            self._stop()
        self._process = self._stop = None

    def _started(self) -> GitProcess[bytes]:
        if self._process is None:
            # each header starts with a word drawn for this git, which no content can
            # foresee (see `read`)
            self._nonce = os.urandom(8).hex().encode()
            self._process = popen_git(
                self.root, "cat-file",
                f"--batch={self._nonce.decode()} %(objectname) %(objecttype) %(objectsize)",
                memory=MEMORY, stdin=PIPE, stdout=PIPE, stderr=DEVNULL)
            assert self._process.stdout is not None
            # a git that answers nothing (an object of the repository that is a FIFO)
            # is stopped: the object is then unreadable, never waited for
            self._watched = Watched(self._process.stdout, self._process.kill)
            self._stop = weakref.finalize(self, _end, self._process, self._watched)
        return self._process


def stream_blobs(root: Path, oids: list[str], limit: int) -> Iterator[tuple[str, bytes]]:
    """The blobs `oids`, in their order, from one `git cat-file --batch` whose input a
    thread writes while they are read: no wait of a question and its answer per object
    (a tree of 5,000 files written out of git in a tenth of the time). Each is at most
    `limit` bytes. Stops, the rest unread, at the first that is absent, not a blob,
    larger, or whose answer is not where it should start (a forged loose object): the
    caller tells by the count."""
    nonce = os.urandom(8).hex()
    process = popen_git(root, "cat-file", f"--batch={nonce} %(objectname) %(objecttype) "
                        "%(objectsize)", memory=MEMORY, stdin=PIPE, stdout=PIPE, stderr=DEVNULL)
    assert process.stdin is not None and process.stdout is not None
    watched = Watched(process.stdout, process.kill)
    feeder = threading.Thread(target=_feed, args=(process.stdin, oids), daemon=True)
    feeder.start()
    try:
        for oid in oids:
            words = watched.readline(len(oid) + ANSWER).split()
            if (len(words) != 4 or words[0] != nonce.encode() or words[1] != oid.encode()
                    or words[2] != b"blob" or not words[3].isdigit()
                    or int(words[3]) > limit):
                return
            size = int(words[3])
            data = _read_exactly(watched, size + 1)
            if len(data) != size + 1 or data[-1:] != b"\n":
                return
            yield oid, data[:size]
    finally:
        _end(process, watched)
        feeder.join()


def _feed(stdin: IO[bytes], oids: list[str]) -> None:
    with contextlib.suppress(OSError):  # git ended early: nothing more to ask
        for start in range(0, len(oids), 512):
            stdin.write(b"".join(oid.encode("ascii") + b"\n" for oid in oids[start:start + 512]))
        stdin.close()


def _read_exactly(stream: Watched, size: int) -> bytes:
    parts: list[bytes] = []
    while size > 0:
        chunk = stream.read(size)
        if not chunk:
            break
        parts.append(chunk)
        size -= len(chunk)
    return b"".join(parts)


def _end(process: GitProcess[bytes], watched: Watched) -> None:
    """End git (it has nothing to write, nothing is lost), its watch, and close its
    pipes."""
    watched.close()
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
