# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The compiled Hyperscan databases kept between runs, in the user's cache folder.

Compiling the detectors' databases costs about 0.3 s of CPU, a quarter of what git
itself spends reading a typical history; loading them back costs a millisecond. The
file is named by a hash of everything the databases are made from (the patterns and
their flags, the spelling rules, the Python and Hyperscan versions), so a change of
any of them makes a new file instead of reusing a stale one.

The file holds plain lengths and bytes, never anything that executes when read
(no pickle), behind a SHA-256 of its content, and Hyperscan checks a database's header
before using it: a damaged or foreign file is compiled again and replaced. A folder or
file that another account owns or may write (or a symlink) is not read at all. Nothing
here is read from, or written to, the repository being checked.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

MAGIC = b"opencheck-hyperscan-1\n"
MAX_FILE = 64 * 1024 * 1024
STALE_DAYS = 30  # a database written this long ago for other patterns is removed
Stored = tuple[frozenset[int], tuple[bytes | None, ...]]


def cache_root() -> Path | None:
    """`$OPENCHECK_CACHE_DIR/hyperscan` (as for the registry answers), else under
    `$XDG_CACHE_HOME/opencheck` or `~/.cache/opencheck`; None without a home."""
    explicit = os.environ.get("OPENCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit) / "hyperscan"
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        base = Path(xdg) if xdg else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return base / "opencheck" / "hyperscan"


def cache_key(*parts: object) -> str:
    """A name for the databases made from `parts` (their repr), this Python included."""
    digest = hashlib.sha256(repr((sys.version, parts)).encode("utf-8", "replace"))
    return digest.hexdigest()[:32]


def _private(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else, like ssh wants its keys: a
    database another account could write could make the prefilter skip a detector."""
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def read(folder: Path, key: str) -> Stored | None:
    """The `always` set and the databases stored under `key`, or None."""
    try:
        if not _private(os.lstat(folder)):
            return None
        descriptor = os.open(folder / f"{key}.db", os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            content = handle.read(MAX_FILE + 1)
    except OSError:
        return None
    header = len(MAGIC) + 32
    if len(content) > MAX_FILE or not content.startswith(MAGIC) or \
            hashlib.sha256(content[header:]).digest() != content[len(MAGIC):header]:
        return None
    try:
        position = header
        (count,) = struct.unpack_from("<I", content, position)
        position += 4
        always = frozenset(struct.unpack_from(f"<{count}I", content, position))
        position += 4 * count
        (databases,) = struct.unpack_from("<I", content, position)
        position += 4
        found: list[bytes | None] = []
        for _ in range(databases):
            (size,) = struct.unpack_from("<Q", content, position)
            position += 8
            if position + size > len(content):
                return None
            found.append(content[position:position + size] if size else None)
            position += size
    except struct.error:
        return None
    return (always, tuple(found)) if position == len(content) else None


def write(folder: Path, key: str, always: frozenset[int],
          databases: Sequence[bytes | None]) -> None:
    """Store the databases under `key`, atomically; a folder that cannot be written is
    no error (the next run compiles again)."""
    parts = [struct.pack("<I", len(always)),
             struct.pack(f"<{len(always)}I", *sorted(always)),
             struct.pack("<I", len(databases))]
    for database in databases:
        parts += [struct.pack("<Q", len(database or b"")), database or b""]
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(os.lstat(folder)):  # a symlink or a shared folder: the clean-up
            return                          # below would delete other files' *.db
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".db")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                body = b"".join(parts)
                handle.write(MAGIC + hashlib.sha256(body).digest() + body)
            os.replace(temporary, folder / f"{key}.db")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder, key)
    except OSError:
        return


def _prune(folder: Path, kept: str) -> None:
    """Remove the databases of other versions written over STALE_DAYS ago: each
    opencheck or Hyperscan upgrade writes a new file, and nothing else removes the old."""
    limit = time.time() - STALE_DAYS * 86400
    for stored in folder.glob("*.db"):
        try:
            if stored.stem != kept and stored.lstat().st_mtime < limit:
                stored.unlink()
        except OSError:
            continue
