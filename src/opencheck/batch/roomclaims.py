# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The disk's room shared by the checkouts a batch writes at the same time.

Each audit runs in a child process of its own, and each checkout asked the disk for its
room alone: two clones that each fit, written together, could fill the workspace's
disk. A checkout now writes its claim (the bytes and entries it will write) into a
ledger beside the clones, under an exclusive lock, and judges the disk's room less the
claims of the others; it holds its claim until its files are written. A claim whose
process is gone, or older than any checkout may last, counts no more.

Where the lock is missing (Windows has no `fcntl`), claims are shared within the
process only.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from opencheck.batch.footprint import Footprint, Room, room

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LEDGER = ".room-claims"
POLL = 0.25  # seconds between two looks at the ledger while others hold the room
_THREADS = threading.Lock()


@dataclass(frozen=True)
class _Claim:
    pid: int
    size: int
    entries: int
    since: float
    token: str

    def line(self) -> str:
        return f"{self.pid} {self.size} {self.entries} {self.since:.0f} {self.token}\n"


@dataclass(frozen=True)
class Judged:
    """`fits`: the checkout may write its files now; `alone`: it would fit with no other
    checkout writing (False: it never will, nothing to wait for); `room`: the disk's room
    measured with what the checkout replaces, others' claims not taken off."""

    fits: bool
    alone: bool
    room: Room


class Crowded(Exception):
    """The room stayed held by other checkouts for longer than the checkout may wait."""


@contextlib.contextmanager
def claimed(workspace: Path, folder: Path, needed: Footprint, keep_free: int,
            given_back: Room, patience: float) -> Iterator[Judged]:
    """Judge `needed` against `folder`'s disk beside the claims in `workspace`'s ledger,
    waiting up to `patience` seconds for other checkouts to finish while it would fit
    alone; while the block runs the claim is held (when `fits`)."""
    ledger = workspace / LEDGER
    claim = _Claim(os.getpid(), needed.size, needed.entries, time.time(),
                   secrets.token_hex(8))
    deadline = time.monotonic() + patience
    while True:
        with _ledger(ledger, patience) as claims:
            judged = _judge(claims, folder, needed, keep_free, given_back)
            if judged.fits:
                claims.append(claim)
        if judged.fits or not judged.alone:
            break
        if time.monotonic() > deadline:
            raise Crowded()
        time.sleep(POLL)
    try:
        yield judged
    finally:
        if judged.fits:
            with _ledger(ledger, patience) as claims:
                claims[:] = [held for held in claims if held.token != claim.token]


def _judge(claims: list[_Claim], folder: Path, needed: Footprint, keep_free: int,
           given_back: Room) -> Judged:
    now = room(folder, keep_free)
    free = now.free + given_back.free
    inodes = None if now.inodes is None else now.inodes + (given_back.inodes or 0)
    alone = needed.fits and needed.size <= free and (inodes is None
                                                     or needed.entries <= inodes)
    held_size = sum(held.size for held in claims)
    held_entries = sum(held.entries for held in claims)
    fits = alone and needed.size <= free - held_size and (
        inodes is None or needed.entries <= inodes - held_entries)
    return Judged(fits, alone, Room(free, inodes))


@contextlib.contextmanager
def _ledger(path: Path, patience: float) -> Iterator[list[_Claim]]:
    """The live claims, read and written back under the ledger's exclusive lock."""
    with _THREADS:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                             0o600)
        try:
            if fcntl is not None:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            with os.fdopen(os.dup(descriptor), "r+", encoding="ascii",
                           errors="replace") as ledger:
                claims = _live(ledger.read(1 << 20), patience)
                yield claims
                ledger.seek(0)
                ledger.truncate()
                ledger.write("".join(claim.line() for claim in claims))
        finally:
            os.close(descriptor)  # the lock goes with the last descriptor


def _live(text: str, patience: float) -> list[_Claim]:
    """The claims of `text` whose process runs and which are younger than a checkout
    may last (a process id is reused in time)."""
    oldest = time.time() - 2 * patience - 60
    claims = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) != 5 or not all(field.isdigit() for field in fields[:4]):
            continue
        claim = _Claim(int(fields[0]), int(fields[1]), int(fields[2]), float(fields[3]),
                       fields[4])
        if claim.since >= oldest and _running(claim.pid):
            claims.append(claim)
    return claims


def _running(pid: int) -> bool:
    if fcntl is None:  # Windows: os.kill would end the process; only ours are shared
        return pid == os.getpid()
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        return True
    return True
