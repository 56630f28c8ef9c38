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
from typing import BinaryIO

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class FileRefused(OSError):
    """Not a regular file, or larger than the limit: `strerror` in English, `fr` in French."""

    def __init__(self, code: int, en: str, fr: str, path: str) -> None:
        super().__init__(code, en, path)
        self.fr = fr


def open_regular(path: str | os.PathLike[str], follow: bool = True) -> BinaryIO:
    """Open a regular file for reading; FileRefused for a FIFO, a device, a folder."""
    flags = _FLAGS if follow else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise FileRefused(errno.EINVAL, "not a regular file", "pas un fichier ordinaire",
                              str(path))
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_regular(path: str | os.PathLike[str], limit: int, follow: bool = True) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes."""
    with open_regular(path, follow) as handle:
        fits = os.fstat(handle.fileno()).st_size <= limit
        data = handle.read(limit + 1) if fits else b""
    if not fits or len(data) > limit:
        size = f"{limit // 1024} K"
        raise FileRefused(errno.EFBIG, f"larger than {size}B", f"plus gros que {size}o",
                          str(path))
    return data


def is_regular(path: Path) -> bool:
    """A regular file, not followed if it is a symbolic link."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False
