# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether a change touched what the files' heads say of the project's licence.

Without a licence file, the most common SPDX header is the project's licence; a bare
GNU licence text reads `-or-later` when the head of a source file says "or (at your
option) any later version" (`declarations._Headers`). A merge request that removes the
only such notice narrows GPL-2.0-or-later to GPL-2.0-only without touching a licence
file: the old packages its lockfile declared must be judged against the new licence,
not held back as the merge base's (`diffmode.Scope.declared_before`). The heads of the
files the change touched are compared with their versions at the merge base, read
through one hardened `git cat-file --batch`; what cannot be compared counts as
touched, so nothing is held back.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from opencheck.gitcmd import GitError, run_git
from opencheck.gitobjects import ObjectReader
from opencheck.licensing.declarations import HEADER_BYTES, header_facts
from opencheck.safefile import read_listed

FILE_LIMIT = 16 << 20  # a larger version at the merge base is not read: touched
MOST_FILES = 2_000  # past them, the change counts as touching the heads
_ABSENT: tuple[str | None, ...] = (None, None)
_LINK, _GITLINK, _REGULAR = b"120000", b"160000", (b"100644", b"100755")


class _NotCompared(Exception):
    pass


def heads_changed(root: Path, merge_base: str, paths: Iterable[str]) -> bool:
    """Whether one of `paths` (relative to the checked folder `root`) says another
    thing of the project's licence in its head now than at the commit `merge_base`."""
    paths = sorted(paths)
    if len(paths) > MOST_FILES:
        return True
    try:
        before = _entries_before(root, merge_base)
    except (GitError, OSError):
        return True
    reader = ObjectReader(root)
    try:
        return any(_facts_before(reader, before.get(path), path) != _facts_now(root, path)
                   for path in paths)
    except _NotCompared:
        return True
    finally:
        reader.close()


def _entries_before(root: Path, merge_base: str) -> dict[str, tuple[bytes, str]]:
    """The mode and blob id at the merge base of each tracked file that changed since
    (`git diff --raw`: a file the change added has mode 000000)."""
    out = run_git(root, "diff", "--raw", "-z", "--no-abbrev", "--relative", "--no-ext-diff",
                  "--no-renames", merge_base)
    fields = out.split(b"\0")
    entries: dict[str, tuple[bytes, str]] = {}
    for meta, name in zip(fields[0::2], fields[1::2], strict=False):
        words = meta.lstrip(b":").split()
        if len(words) >= 3:
            entries[name.decode("utf-8", "surrogateescape")] = (
                words[0], words[2].decode("ascii", "replace"))
    return entries


def _facts_before(reader: ObjectReader, entry: tuple[bytes, str] | None,
                  path: str) -> tuple[str | None, ...]:
    if entry is None:
        return _ABSENT  # untracked, or a file the diff does not list
    mode, blob = entry
    if mode == _GITLINK or mode not in (_LINK, *_REGULAR):
        return _ABSENT
    data = reader.read(blob, "blob", FILE_LIMIT)
    if data is None:
        raise _NotCompared(path)
    if mode == _LINK:
        return ("link", data.decode("utf-8", "surrogateescape"))
    return header_facts(path, data[:HEADER_BYTES])


def _facts_now(root: Path, path: str) -> tuple[str | None, ...]:
    full = root / path
    try:
        mode = full.lstat().st_mode
        if stat.S_ISLNK(mode):
            return ("link", os.readlink(full))
        if not stat.S_ISREG(mode):
            return _ABSENT  # a folder: a submodule's, or the file's deletion
        return header_facts(path, read_listed(full, HEADER_BYTES, HEADER_BYTES,
                                              follow=False)[:HEADER_BYTES])
    except FileNotFoundError:
        return _ABSENT
    except OSError as error:
        raise _NotCompared(path) from error
