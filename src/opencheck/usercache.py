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

import contextlib
import fnmatch
import os
import time
from collections.abc import Iterator
from pathlib import Path

# The work tree this process checks (`repository.checked_root` names it at each step of
# a run): a cache folder inside it is the repository's to write, whatever its owner and
# mode. Only the latest is kept: a process checks one tree at a time (a run's budgets,
# pkcs12's, are the process's; the batch forks each audit). Every tree a process ever
# checked was kept: a program checking repositories in turn (a library user, the test
# suite) ran every check after a home holding the user's cache folder without a cache.
_CHECKED: list[str] = []


def checking(tree: str) -> None:
    """No cache folder inside `tree` (the work tree this process checks now) is used."""
    _CHECKED[:] = [os.path.realpath(tree)]


@contextlib.contextmanager
def checked_tree_kept() -> Iterator[None]:
    """The tree checked stays the one it was while another is read inside (a merge
    base's files written into a scratch folder and judged again): the checkout's own
    cache folders stay refused for the rest of the process."""
    saved = list(_CHECKED)
    try:
        yield
    finally:
        _CHECKED[:] = saved


def root() -> Path | None:
    """`$OPENCHECK_CACHE_DIR` (as for the registry answers), else
    `$XDG_CACHE_HOME/opencheck` or `~/.cache/opencheck`; None without a home, or when
    that folder lies in a work tree being checked (GitLab keeps caches only in the
    project's folder: `OPENCHECK_CACHE_DIR: .opencheck-cache` is the checkout's, where a
    merge request commits a forged history cache, catalogue or Hyperscan database)."""
    explicit = os.environ.get("OPENCHECK_CACHE_DIR")
    if explicit:
        found = Path(explicit)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        try:
            base = Path(xdg) if xdg else Path.home() / ".cache"
        except RuntimeError:  # no home directory to be found
            return None
        found = base / "opencheck"
    if _CHECKED:
        real = os.path.realpath(found)
        if any(os.path.commonpath([real, tree]) == tree for tree in _CHECKED):
            return None
    return found


def private(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else, like ssh wants its keys."""
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022


# Where every step can name its file from the folder's open descriptor: the folder is
# judged once, opened without following a link, and each later step (open, replace,
# list, delete) works in that very folder. Through its path, a folder judged private
# could be swapped for a link before the next step (a parent another account may
# write): the clean-up then deleted month-old `*.db` files wherever the link led.
# (os.rename with descriptors is renameat: on these systems it replaces, as os.replace)
_BY_DESCRIPTOR = {os.open, os.stat, os.unlink, os.rename} <= os.supports_dir_fd and \
    os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY") and os.name == "posix"


@contextlib.contextmanager
def _private_folder(folder: Path) -> Iterator[int | None]:
    """An open descriptor of `folder` if it is a private folder (None where the system
    has no such descriptors: its path is then judged instead); OSError otherwise."""
    if not _BY_DESCRIPTOR:
        if not private(os.lstat(folder)):
            raise PermissionError(f"{folder} is not private")
        yield None
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        if not private(os.fstat(descriptor)):
            raise PermissionError(f"{folder} is not private")
        yield descriptor
    finally:
        os.close(descriptor)


def _at(folder: Path, descriptor: int | None, name: str) -> tuple[str | Path, dict[str, int]]:
    """How to name `name` in the folder: from its descriptor, or by path."""
    if descriptor is None:
        return folder / name, {}
    return name, {"dir_fd": descriptor}


def read(folder: Path, name: str, limit: int) -> bytes | None:
    """The content of `folder/name`, or None when absent, larger than `limit`, or not
    private (nor its folder)."""
    try:
        with _private_folder(folder) as where:
            path, at = _at(folder, where, name)
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW, **at)
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
        with _private_folder(folder) as where:  # a symlink or a shared folder: the
            temporary = f".tmp-{os.urandom(8).hex()}"  # clean-up would delete others' files
            path, at = _at(folder, where, temporary)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                                 0o600, **at)
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(content)
                target, _ = _at(folder, where, name)
                if where is None:
                    os.replace(path, target)
                else:
                    os.rename(path, target, src_dir_fd=where, dst_dir_fd=where)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(path, **at)
                raise
    except OSError:
        return False
    return True


def prune(folder: Path, pattern: str, kept: str, days: float) -> None:
    """Remove the files matching `pattern` but `kept` written over `days` ago: each
    upgrade writes new files, and nothing else removes the old ones. Only in a private
    folder, the one judged so."""
    limit = time.time() - days * 86400
    try:
        with _private_folder(folder) as where:
            names = [entry.name for entry in os.scandir(folder if where is None else where)]
            for stored in names:
                if stored == kept or stored.startswith(".") or \
                        not fnmatch.fnmatchcase(stored, pattern):
                    continue
                path, at = _at(folder, where, stored)
                with contextlib.suppress(OSError):
                    if os.stat(path, follow_symlinks=False, **at).st_mtime < limit:
                        os.unlink(path, **at)
    except OSError:
        return
