# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Open and read a file named by a repository or a user, within bounds.

`Path.read_bytes()` reads a 1 GB sparse file whole before any limit is checked, and
blocks forever on a FIFO (it waits for a writer). Here the file is opened without
blocking, must be a regular file, and its size is checked on the open descriptor
(no window between the check and the read) before a read that stops at the limit
anyway, in case the file grows.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO, TextIO

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class FileRefused(OSError):
    """Not a regular file, or larger than the limit: `strerror` in English, `fr` in French."""

    def __init__(self, code: int, en: str, fr: str, path: str) -> None:
        super().__init__(code, en, path)
        self.fr = fr


def open_regular(path: str | os.PathLike[str], follow: bool = True,
                 inode: int | None = None, device: int | None = None) -> BinaryIO:
    """Open a regular file for reading; FileRefused for a FIFO, a device, a folder.

    With `inode` (and the `device` it is on), only that file: O_NOFOLLOW guards the
    last part of a path, and a folder on the way swapped for a link since the file was
    listed would lead to another file (OSError ESTALE). An inode number is unique on
    its device only: a file elsewhere may bear the same."""
    descriptor, _size = _open_checked(path, follow, inode, device)
    try:
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_listed(path: str | os.PathLike[str], size: int, limit: int, follow: bool = True,
                inode: int | None = None, device: int | None = None) -> bytes:
    """The bytes of a regular file opened as `open_regular` opens it, listed at `size`
    bytes: at most `limit` + 1 of them (the caller refuses more than `limit`). Read
    with no file object (a tree's every file: a third of the cost of reading a small
    one), its listed size and a byte more first, since a read holds all it asks for
    until it returns; then on, only if it grew since it was listed."""
    descriptor, _size = _open_checked(path, follow, inode, device)
    try:
        return _read_up_to(descriptor, size, limit)
    finally:
        os.close(descriptor)


def _read_up_to(descriptor: int, size: int, limit: int) -> bytes:
    """At most `limit` + 1 bytes, asking for `size` and a byte more first."""
    parts: list[bytes] = []
    total, ask = 0, min(size, limit) + 1
    while total <= limit:
        part = os.read(descriptor, ask)
        parts.append(part)
        total += len(part)
        if len(part) < ask:  # a regular file read short: its end
            break
        ask = limit + 1 - total
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _open_checked(path: str | os.PathLike[str], follow: bool, inode: int | None,
                  device: int | None = None) -> tuple[int, int]:
    """A descriptor of the regular file (not followed if it is a link, with `follow`
    false), and its size then."""
    flags = _FLAGS if follow else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(errno.EINVAL, "not a regular file", "pas un fichier ordinaire",
                              str(path))
        if (inode is not None and info.st_ino != inode) or \
                (device is not None and info.st_dev != device):
            raise OSError(errno.ESTALE, "replaced since it was listed")
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, info.st_size


def read_regular(path: str | os.PathLike[str], limit: int, follow: bool = True) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes: a larger one
    is refused before any read, one that grew past the limit since by a read that
    stops a byte past it."""
    descriptor, size = _open_checked(path, follow, None)
    try:
        data = _read_up_to(descriptor, size, limit) if size <= limit else None
    finally:
        os.close(descriptor)
    if data is None or len(data) > limit:
        shown = f"{limit // 1024} K"
        raise FileRefused(errno.EFBIG, f"larger than {shown}B", f"plus gros que {shown}o",
                          str(path))
    return data


def is_regular(path: Path) -> bool:
    """A regular file, not followed if it is a symbolic link."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def open_output(target: str | os.PathLike[str], tree: str | os.PathLike[str]) -> TextIO:
    """Open a report file for writing (created or emptied), in UTF-8.

    A name inside the scanned tree is one a repository controls: the GitLab template
    writes `gl-code-quality-report.json` into the merge request's checkout, where the
    change may have committed that name as a symlink to a file of the runner, or
    `opencheck baseline` writes `.opencheck-baseline.json` in the repository. There,
    no symlink is followed (neither the name nor a folder between the tree and it) and
    only a regular file may be replaced: FileRefused otherwise. The tree is the whole
    work tree the scanned folder lies in (`checkout_top`), not the folder alone: with
    a subfolder checked (OPENCHECK_PATH, the Action's `path`), the reports are still
    written at the checkout's top. A name outside it is the user's alone
    (`-o /dev/stdout` follows its link as asked).
    """
    path = os.path.abspath(target)
    top = checkout_top(os.path.abspath(tree), outermost=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    inside = os.path.commonpath([path, top]) == top and path != top
    folder = None
    if inside:
        relative = os.path.relpath(os.path.dirname(path), top)
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        if _BY_DESCRIPTOR:
            folder = _unlinked_folder(top, relative, path)
        else:
            _no_linked_folder(top, relative, path)
    try:
        if folder is not None:  # opened from its folder: a folder swapped since is not
            descriptor = os.open(os.path.basename(path), flags, 0o644, dir_fd=folder)
        else:
            descriptor = os.open(path, flags, 0o644)
    except OSError as error:
        if inside and error.errno in (errno.ELOOP, errno.ENXIO):  # a link, a FIFO
            raise _refused(path) from error
        raise
    finally:
        if folder is not None:
            os.close(folder)
    try:
        if inside and not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _refused(path)
        return os.fdopen(descriptor, "w", encoding="utf-8")
    except BaseException:
        os.close(descriptor)
        raise


_BY_DESCRIPTOR = {os.open, os.stat} <= os.supports_dir_fd


def checkout_top(folder: str, outermost: bool = False) -> str:
    """The work tree `folder` lies in, as git finds it (the nearest folder, itself or
    above, holding a `.git`), else `folder`: every name there is the repository's to
    choose, a symlink to a file of the runner included. `outermost`: the checkout a
    submodule checked (GitLab's GIT_SUBMODULE_STRATEGY) lies in, climbing past a `.git`
    file (a submodule's, a linked worktree's) up to the first repository of its own, a
    `.git` folder: not past it to a home folder kept in git (dotfiles), whose cache
    folder is the user's and whose links on the way are the user's."""
    found, current = folder, folder
    while True:
        dot_git = os.path.join(current, ".git")
        if os.path.lexists(dot_git):
            found = current
            if not outermost or os.path.isdir(dot_git):
                return found
        parent = os.path.dirname(current)
        if parent == current:
            return found
        current = parent


def _unlinked_folder(top: str, relative: str, path: str) -> int:
    """A descriptor of the folder `top/relative`, each part opened from the one above
    without following a link: a folder swapped for a link after a check by name (another
    process writing in the tree) would otherwise take the report elsewhere.
    FileRefused at a link; the system's error for a part absent or not a folder."""
    directory = getattr(os, "O_DIRECTORY", 0)
    cloexec = getattr(os, "O_CLOEXEC", 0)
    current = os.open(top, os.O_RDONLY | directory | cloexec)
    for part in Path(relative).parts if relative != "." else ():
        try:
            following = os.open(part, os.O_RDONLY | directory | cloexec
                                | getattr(os, "O_NOFOLLOW", 0), dir_fd=current)
        except OSError as error:
            linked = error.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(part, current)
            os.close(current)
            if linked:
                raise _refused(path) from error
            raise
        os.close(current)
        current = following
    return current


def _is_link(name: str, folder: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _no_linked_folder(top: str, relative: str, path: str) -> None:
    folder = top
    for part in Path(relative).parts if relative != "." else ():
        folder = os.path.join(folder, part)
        try:
            linked = stat.S_ISLNK(os.lstat(folder).st_mode)
        except FileNotFoundError:
            return  # the open fails on it, saying so
        if linked:
            raise _refused(path)


def _refused(path: str) -> FileRefused:
    return FileRefused(
        errno.ELOOP,
        "a symbolic link or a special file inside the scanned repository: not written "
        "through (remove it, or write the report outside the repository)",
        "un lien symbolique ou un fichier spécial dans le dépôt analysé : rien n'est "
        "écrit à travers (supprimez-le, ou écrivez le rapport hors du dépôt)",
        path,
    )
