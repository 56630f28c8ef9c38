# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What an audit of a folder in place reads besides its HEAD, summed up cheaply.

A local folder is audited where it is: every ref it has, and its work tree as it is
(`workspace.prepare`). Its HEAD alone said "unchanged" when a secret was written into
a file, or a branch holding one was made, without moving HEAD, and the batch kept the
earlier READY. The state is a digest of every ref (`for-each-ref`) and of the files
that differ from HEAD or are untracked (`git status`, which compares the others by the
index's stat data without reading them), each with its size, times and inode: an
edit changes them, and nothing is read but the status. git status does not look at
the files the index marks `--assume-unchanged` or `--skip-worktree`, which the audit
reads all the same: `ls-files -v` names them, and their stat counts too.

git status trusts the index's stat data as far as the repository's configuration lets
it: `core.trustctime=false` (or `core.checkStat=minimal`) in the folder's own
`.git/config`, and a file rewritten at its size with its time set back, held a token
git called unchanged. So status runs with git's defaults for them, and the index's own
stat counts: whoever may write the folder may write the rewritten file's stat into
its index by hand, which rewrites the index (its ctime and inode cannot be set back).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from opencheck.gitcmd import GitError, one_configuration, run_git

# What git status compares of a file with the index, whatever the folder configures
# (`core.untrackedCache`: the untracked files listed by reading the folders, not from a
# cache the index holds, whose folders' times can be set back too)
_STAT_TRUSTED = ("-c", "core.trustctime=true", "-c", "core.checkStat=default",
                 "-c", "core.untrackedCache=false")


def tree_state(folder: Path, timeout: float = 60.0) -> str | None:
    """The digest of `folder`'s refs and changed files (a work tree's top), or None
    when git cannot say (the folder is then audited again)."""
    try:
        with one_configuration():  # its filter drivers asked once for both
            refs = run_git(folder, "for-each-ref", "--format=%(objectname) %(refname)",
                           timeout=timeout)
            # paths from the top, NUL-ended, no rename pairs: "XY path" each
            status = run_git(folder, *_STAT_TRUSTED, "status", "--porcelain=v1", "-z",
                             "--no-renames", "--untracked-files=all",
                             "--ignore-submodules=all", timeout=timeout)
            tagged = run_git(folder, "ls-files", "-v", "-z", timeout=timeout)
            index = run_git(folder, "rev-parse", "--path-format=absolute", "--git-path",
                            "index", timeout=timeout).rstrip(b"\n")
    except GitError:
        return None
    digest = hashlib.sha256(refs + b"\0\0" + status + b"\0\0")
    digest.update(_stat_line(folder, index))  # absolute: `folder /` leaves it as it is
    for record in status.split(b"\0"):
        if len(record) >= 4:  # "XY path"
            digest.update(_stat_line(folder, record[3:]))
    digest.update(b"\0hidden\0")
    for record in tagged.split(b"\0"):
        # "h path": assume-unchanged (a lowercase tag); "S path": skip-worktree
        if len(record) >= 3 and (record[:1].islower() or record[:1] == b"S"):
            digest.update(_stat_line(folder, record[2:]))
    return digest.hexdigest()


def _stat_line(folder: Path, path: bytes) -> bytes:
    """The path with its size, times, inode and mode, as a line of the digest."""
    try:
        found = os.lstat(folder / os.fsdecode(path))
    except OSError:
        return path + b"\0-\0"
    return path + f"\0{found.st_size} {found.st_mtime_ns} {found.st_ctime_ns} " \
        f"{found.st_ino} {found.st_mode}\0".encode()
