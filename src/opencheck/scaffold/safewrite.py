# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Creating a file inside a repository opencheck does not control.

A folder of the tree may be a symlink to anywhere (`LICENSES -> /etc`), and the file
itself a dangling symlink: the path is refused when it climbs or passes through a
symlink, and the file is created only if nothing, not even a symlink, is there.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


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


def create(target: Path, text: str) -> bool:
    """Write `text` to a new file; False when anything already is at `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return True
