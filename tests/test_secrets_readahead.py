# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""cat-file's output read ahead by a thread: the same blobs, in the same order, as read inline; a
scan that stops early leaves no thread nor git behind."""

from __future__ import annotations

import contextlib
import io
import os
import threading
from pathlib import Path

import pytest

from conftest import RepoFactory, commit
from opencheck.readahead import PipeReader
from opencheck.secrets.detectors import Hit, Reader, scan_stream
from opencheck.secrets.history import iter_blobs
from secret_samples import Samples

LIMIT = 20_000  # blobs above it are read from the pipe in windows, not held


def _windowed(path: str, _head: bytes, reader: Reader) -> list[Hit]:
    return list(scan_stream(reader, path))


def _history(make_repo: RepoFactory) -> tuple[Path, str]:
    """Small files over a few commits, blobs above LIMIT (one with a token near its
    end), a binary, and more bytes than the thread may read ahead."""
    token = Samples(41).github()
    root = make_repo({f"src/m{index}.py": f"VALUE = {index}\n" * (index % 7 + 1)
                      for index in range(1_600)})
    filler = "x = 'lorem ipsum dolor sit amet'\n" * 2_000  # about 66 KB
    commit(root, {"big/one.py": filler + f'TOKEN = "{token}"\n',
                  "logo.bin": bytes(range(256)) * 8})
    commit(root, {f"src/m{index}.py": f"VALUE = {index * 2}\n" for index in range(0, 1_600, 3)})
    commit(root, {"big/two.txt": "y" * 50_000 + "\n", "notes.md": "# notes\n"})
    # more bytes than the thread may hold ahead (DEPTH chunks and the pipe's)
    commit(root, {f"data/d{index}.csv": f"{index};0\n" * 60_000 for index in range(30)})
    return root, token


def _read(root: Path, read_ahead: bool) -> list[tuple[str, str, int, bytes | None, list[str]]]:
    return [(blob.oid, blob.path, blob.size, blob.data,
             [hit.kind for hit in blob.hits or []])
            for blob in iter_blobs(root, LIMIT, large_scan=_windowed, read_ahead=read_ahead)]


def _reading_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate()
            if thread.name == "pipe-reader" and thread.is_alive()]


def test_read_ahead_gives_the_blobs_read_inline(make_repo: RepoFactory) -> None:
    root, _token = _history(make_repo)
    inline = _read(root, read_ahead=False)
    ahead = _read(root, read_ahead=True)
    assert ahead == inline
    assert len(inline) > 2_000
    large = {path: kinds for _oid, path, size, data, kinds in inline if data is None}
    # read from the pipe by the caller, windowed, the token near the end found
    assert {path: kinds for path, kinds in large.items() if path.startswith("big/")} == \
        {"big/one.py": ["github-token"], "big/two.txt": []}
    assert not _reading_threads()


def _git_children() -> list[int]:
    """This process's children that run git (Linux: /proc)."""
    found = []
    for children in Path("/proc/self/task").glob("*/children"):
        for pid in children.read_text().split():
            with contextlib.suppress(OSError):
                if Path(f"/proc/{pid}/comm").read_text().strip() == "git":
                    found.append(int(pid))
    return found


def test_a_scan_stopped_early_ends_the_thread_and_git(make_repo: RepoFactory) -> None:
    root, _token = _history(make_repo)
    blobs = iter_blobs(root, LIMIT, large_scan=_windowed, read_ahead=True)
    first = [next(blobs) for _ in range(3)]
    assert len(first) == 3 and _reading_threads()  # ahead, its queue full
    linux = Path("/proc/self/task").is_dir()
    assert not linux or _git_children()  # cat-file and rev-list, still writing
    blobs.close()
    assert not _reading_threads()
    assert _git_children() == []  # killed and waited for: none left, not even a zombie


def test_a_pipe_read_ahead_gives_its_bytes_in_order_whatever_the_pieces() -> None:
    """The writer writes pieces of every size, with pauses: lines and reads across the
    chunks the thread hands over come out as written, then the end."""
    pieces = [bytes([65 + index % 26]) * (index * 997 % 70_000 + 1) + b"\n" for index in range(300)]
    read_end, write_end = os.pipe()

    def write() -> None:
        with open(write_end, "wb", buffering=0) as sink:
            for index, piece in enumerate(pieces):
                sink.write(piece)
                if index % 50 == 0:
                    threading.Event().wait(0.01)

    writer = threading.Thread(target=write)
    writer.start()
    with open(read_end, "rb", buffering=0) as source:
        reader = PipeReader(source)
        got = [reader.stream.readline() for _ in range(150)]
        got += [reader.stream.read(len(piece)) for piece in pieces[150:]]
        assert reader.stream.read(1) == b""
        writer.join()
        reader.close()
    assert got == pieces
    assert not _reading_threads()


def test_an_error_while_reading_ahead_is_raised_to_the_caller(tmp_path: Path) -> None:
    """What the thread cannot read is an error in the caller, not a wait for ever."""
    descriptor = os.open(tmp_path, os.O_RDONLY)  # a folder: reading it fails

    class Folder(io.RawIOBase):
        def fileno(self) -> int:
            return descriptor

    try:
        reader = PipeReader(Folder())
        with pytest.raises(IsADirectoryError):
            reader.stream.read(10)
        reader.close()
    finally:
        os.close(descriptor)
    assert not _reading_threads()


def test_the_reading_thread_reuses_its_buffers(monkeypatch: pytest.MonkeyPatch) -> None:
    """30 MB through the pipe take a handful of 1 MB buffers, given back and read into
    again: fresh memory for every megabyte made the kernel clear and fault in each page
    (a third of a small history's reading)."""
    from opencheck import readahead

    made: list[int] = []

    def counted(*args: object) -> bytearray:
        made.append(1)
        return bytearray(*args)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(readahead, "bytearray", counted, raising=False)
    piece = bytes(range(256)) * 4096  # 1 MB
    read_end, write_end = os.pipe()

    def write() -> None:
        with open(write_end, "wb", buffering=0) as sink:
            for _ in range(30):
                sink.write(piece)

    writer = threading.Thread(target=write)
    writer.start()
    with open(read_end, "rb", buffering=0) as source:
        reader = PipeReader(source, depth=4)
        got = 0
        while chunk := reader.stream.read(1 << 16):
            assert chunk == piece[got % len(piece):got % len(piece) + len(chunk)]
            got += len(chunk)
        writer.join()
        reader.close()
    assert got == 30 * len(piece)
    assert 1 <= len(made) <= 4 + 3  # the queue's depth, the one filled, the one read


@pytest.mark.skipif(not hasattr(__import__("fcntl"), "F_SETPIPE_SZ"), reason="Linux pipes")
def test_git_writes_its_first_megabyte_before_the_thread_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipe is widened before the reading thread starts: a git started ahead (the
    history's log) writes its first megabyte while the run imports its modules and the
    thread waits for the GIL, instead of stopping at 64 KB."""
    from opencheck import readahead

    go = threading.Event()
    started = readahead.PipeReader._read

    def held(self: PipeReader) -> None:  # the thread has not run yet
        go.wait(30)
        started(self)

    monkeypatch.setattr(readahead.PipeReader, "_read", held)
    read_end, write_end = os.pipe()
    with open(read_end, "rb", buffering=0) as source:
        reader = PipeReader(source)
        os.set_blocking(write_end, False)
        written = 0
        with contextlib.suppress(BlockingIOError):
            while written < readahead.CHUNK:
                written += os.write(write_end, b"x" * (1 << 16))
        os.close(write_end)
        go.set()
        assert reader.stream.read() == b"x" * written
        reader.close()
    assert written == readahead.CHUNK
