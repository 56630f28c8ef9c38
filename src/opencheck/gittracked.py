# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a work tree's repository tracks, asked of its index (`git ls-files`).

A checkout's content is what git put there: a link a merge request committed
(`app -> ../other-project`) is the change's to choose, one the user made in a home
folder kept in git (`~/projects -> /data/projects`, which the dotfiles repository does
not hold) is the user's. The answer is None when git could not give one: the caller
then keeps its careful reading.
"""

from __future__ import annotations

import os
from pathlib import Path

from opencheck.gitcmd import GitError, stream_git

# git reads the configuration and the index only: an index it would wait on (a FIFO
# the user made) stops the question, not the run.
TIMEOUT = 20.0
_LINK_MODE = b"120000"


def _first_entry(top: Path, relative: str) -> bytes | None:
    """The first index entry at or below `relative` (a path from the work tree's top
    `top`), b"" when there is none; None when git cannot say. Only that entry is read:
    a folder of 60,000 tracked files is not listed."""
    records = stream_git(top, "ls-files", "--stage", "-z", "--",
                         ":(literal)" + relative, separator=b"\0", timeout=TIMEOUT)
    try:
        return next(records, b"")
    except (GitError, OSError):  # not a repository git reads, or no git at all
        return None
    finally:
        records.close()


def link(top: Path, relative: str) -> bool | None:
    """Whether the repository of the work tree `top` tracks `relative` as a symbolic
    link (mode 120000)."""
    entry = _first_entry(top, relative)
    if entry is None:
        return None
    mode, _, rest = entry.partition(b" ")
    return mode == _LINK_MODE and rest.partition(b"\t")[2] == os.fsencode(relative)


def anything(top: Path, relative: str) -> bool | None:
    """Whether the repository of the work tree `top` tracks `relative` or a file below it."""
    entry = _first_entry(top, relative)
    return None if entry is None else entry != b""
