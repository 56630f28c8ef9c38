# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Creating or replacing a file inside a repository opencheck does not control.

A folder of the tree may be a symlink to anywhere (`LICENSES -> /etc`), and the file
itself a dangling symlink: the path is refused when it climbs or passes through a
symlink, and a file is created only if nothing, not even a symlink, is there.

Where the system opens a path from a folder's descriptor (`dir_fd`: Linux, the BSDs,
macOS), each folder is opened from the one above it, without following a link, and the
file from the last one: a folder swapped for a link to elsewhere between a check of the
path and the write (another process in the tree, while `fix --write` runs) cannot take
the write out of the tree, as a path named again at each step did.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_BY_DESCRIPTOR = {os.open, os.mkdir, os.rename} <= os.supports_dir_fd  # os.replace too


def inside(root: Path, relative: str) -> Path | None:
    """The target path, or None when it would leave the tree or pass through a symlink."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts:
        return None
    current = root
    for part in parts[:-1]:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return None
        except FileNotFoundError:
            continue
    return root.joinpath(*parts)


def create(root: Path, relative: str, text: str) -> bool:
    """Write `text` to a new file `relative` of `root`, its folders made as needed;
    False when anything already is there, or the path leaves the tree or passes
    through a link."""
    target = inside(root, relative)
    if target is None:
        return False
    if not _BY_DESCRIPTOR:
        return _create_by_path(target, text)
    *folders, name = Path(relative).parts
    folder = _folder(root, folders, make=True)
    if folder is None:
        return False
    try:
        try:
            descriptor = os.open(name, _NEW, 0o644, dir_fd=folder)
        except OSError:  # something is there, a link included
            return False
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return True
    finally:
        os.close(folder)


def replace(root: Path, relative: str, before: str, after: str) -> bool:
    """Replace the regular file `relative` of `root` by `after` if it still holds
    `before` (its mode kept); False otherwise, or when the path leaves the tree or
    passes through a link. The new text is written beside it, then renamed over it."""
    target = inside(root, relative)
    if target is None:
        return False
    if not _BY_DESCRIPTOR:
        return _replace_by_path(target, before, after)
    *folders, name = Path(relative).parts
    folder = _folder(root, folders, make=False)
    if folder is None:
        return False
    try:
        mode = _holding(name, folder, before.encode("utf-8"))
        if mode is None:
            return False
        temporary = f".{name}.opencheck-fix"
        try:
            descriptor = os.open(temporary, _NEW, mode, dir_fd=folder)
        except OSError:
            return False
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(after)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        return True
    finally:
        os.close(folder)


def _folder(root: Path, parts: list[str], make: bool) -> int | None:
    """A descriptor of the folder `root/parts...`, each part opened from the one
    above without following a link (made when absent and `make`); None when a part
    is a link, not a folder, or absent."""
    current = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    for part in parts:
        try:
            try:
                following = os.open(part, _FOLDER, dir_fd=current)
            except FileNotFoundError:
                if not make:
                    raise
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o755, dir_fd=current)
                following = os.open(part, _FOLDER, dir_fd=current)
        except OSError:  # a link (ELOOP), a file (ENOTDIR), absent
            os.close(current)
            return None
        os.close(current)
        current = following
    return current


def _holding(name: str, folder: int, expected: bytes) -> int | None:
    """The mode of the regular file `name` of `folder` when it holds `expected`."""
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC,
                             dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or handle.read(len(expected) + 1) != expected:
            return None  # changed since the plan: left as it is
    return stat.S_IMODE(info.st_mode)


def _create_by_path(target: Path, text: str) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(target, _NEW, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return True


def _replace_by_path(target: Path, before: str, after: str) -> bool:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    with open(target, "rb") as handle:
        if handle.read() != before.encode("utf-8"):
            return False  # changed since the plan: left as it is
    temporary = target.with_name(f".{target.name}.opencheck-fix")
    try:
        descriptor = os.open(temporary, _NEW, stat.S_IMODE(info.st_mode))
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(after)
    os.replace(temporary, target)
    return True
