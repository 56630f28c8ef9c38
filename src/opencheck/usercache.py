# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files opencheck keeps between runs in the user's cache folder.

What is kept there is derived from opencheck's own data (the compiled Hyperscan
databases, the parsed rule catalogue) and named by a hash of what it was made from, so
a change of the source makes a new file instead of reusing a stale one. A folder or
file that another account owns or may write (or a symlink) is neither read nor written
through: what it held could change what a run finds. Nothing here is read from, or
written to, the repository being checked, and a cache that cannot be read or written
is no error (the caller derives the data again).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


def root() -> Path | None:
    """`$OPENCHECK_CACHE_DIR` (as for the registry answers), else
    `$XDG_CACHE_HOME/opencheck` or `~/.cache/opencheck`; None without a home."""
    explicit = os.environ.get("OPENCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        base = Path(xdg) if xdg else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return base / "opencheck"


def private(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else, like ssh wants its keys."""
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


def read(folder: Path, name: str, limit: int) -> bytes | None:
    """The content of `folder/name`, or None when absent, larger than `limit`, or not
    private (nor its folder)."""
    try:
        if not private(os.lstat(folder)):
            return None
        descriptor = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(descriptor, "rb") as handle:
            if not private(os.fstat(handle.fileno())):
                return None
            content = handle.read(limit + 1)
    except OSError:
        return None
    return content if len(content) <= limit else None


def write(folder: Path, name: str, content: bytes) -> bool:
    """Store `content` as `folder/name`, atomically (a reader never sees half a file);
    False when the folder cannot be made or written, or is not private."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not private(os.lstat(folder)):  # a symlink or a shared folder: the clean-up
            return False                   # of the callers would delete others' files
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def prune(folder: Path, pattern: str, kept: str, days: float) -> None:
    """Remove the files matching `pattern` but `kept` written over `days` ago: each
    upgrade writes new files, and nothing else removes the old ones."""
    limit = time.time() - days * 86400
    for stored in folder.glob(pattern):
        try:
            if stored.name != kept and stored.lstat().st_mtime < limit:
                stored.unlink()
        except OSError:
            continue
