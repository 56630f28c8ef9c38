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
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

from opencheck import usercache

MAGIC = b"opencheck-hyperscan-1\n"
MAX_FILE = 64 * 1024 * 1024
STALE_DAYS = 30  # a database written this long ago for other patterns is removed
Stored = tuple[frozenset[int], tuple[bytes | None, ...]]


def cache_root() -> Path | None:
    """`hyperscan` in the user's cache folder (`usercache.root`); None without a home."""
    base = usercache.root()
    return None if base is None else base / "hyperscan"


def cache_key(*parts: object) -> str:
    """A name for the databases made from `parts` (their repr), this Python included."""
    digest = hashlib.sha256(repr((sys.version, parts)).encode("utf-8", "replace"))
    return digest.hexdigest()[:32]


def read(folder: Path, key: str) -> Stored | None:
    """The `always` set and the databases stored under `key`, or None. A database
    another account could write could make the prefilter skip a detector: such a file
    is not read (`usercache.read`)."""
    content = usercache.read(folder, f"{key}.db", MAX_FILE)
    if content is None:
        return None
    header = len(MAGIC) + 32
    if not content.startswith(MAGIC) or \
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
    body = b"".join(parts)
    if usercache.write(folder, f"{key}.db", MAGIC + hashlib.sha256(body).digest() + body):
        usercache.prune(folder, "*.db", f"{key}.db", STALE_DAYS)
