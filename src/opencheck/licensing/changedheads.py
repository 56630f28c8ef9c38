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
through one hardened `git cat-file --batch` (a large version's head alone); what
cannot be compared counts as touched, so nothing is held back. A file of another
project's copy (`copies.Copies`: a folder with its own licence file and README or build
file) says nothing of the project's licence, as in the whole run; a change that adds
or deletes such a file changes what is a copy, and counts as touching every part.
"""

from __future__ import annotations

import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from opencheck.gitcmd import DEVNULL, PIPE, GitError, Watched, popen_git, run_git, stop
from opencheck.gitobjects import ObjectReader
from opencheck.licensing.copies import Copies, licence_name, project_name
from opencheck.licensing.declarations import HEAD_NOTICE, HEAD_SPDX, HEADER_BYTES, header_facts
from opencheck.safefile import read_listed

SMALL = 1 << 20  # a version read whole; of a larger one, its head only (a git each)
MOST_BYTES = 64 << 20  # read whole for one run; past them, heads only
MOST_FILES = 2_000  # past them, the change counts as touching the heads
HEAD_TIME = 60.0  # seconds for a head: cat-file of a blob the store holds
_ABSENT: tuple[str | None, ...] = (None, None)
PARTS = (HEAD_NOTICE, HEAD_SPDX)  # header_facts' order
EVERY_PART = frozenset(PARTS)
_LINK, _GITLINK, _REGULAR = b"120000", b"160000", (b"100644", b"100755")


class _NotCompared(Exception):
    pass


@dataclass(frozen=True)
class HeadChanges:
    """What of the project's licence the heads of a change's files say otherwise now
    than at the merge base (`parts`), and, when that was told file by file, the votes
    the change gave (+) or took (-) from each SPDX header's licence (`header_votes`)."""

    parts: frozenset[str]
    header_votes: Counter[str] | None = field(default=None, compare=False)

    def header_winner_kept(self, lead: Sequence[object]) -> bool:
        """Whether the most common SPDX header now was the only most common one at the
        merge base as well. `lead` is the tree's tally now in three numbers: the leading
        licence, its files, and the files of the next one ([licence, files, next's]).
        At the merge base the leader had its files less the change's votes; any other
        licence at most the next one's files less its votes. A tie, a lead the change's
        votes may have made, or votes not told file by file count as another licence.
        A vote may come from a file the tree's tally never counted (one `exclude` leaves
        out, deleted by the change): a file taken from the leader or given to another
        licence is not counted in their favour at the merge base (deleting two excluded
        files under the leader's header made a lead the change had just taken look
        kept)."""
        if self.header_votes is None or len(lead) != 3:
            return False
        winner, count, second = lead
        if not isinstance(winner, str) or type(count) is not int or type(second) is not int:
            return False
        # the leader's files at the merge base, at least; any other's, at most
        before = count - max(self.header_votes.get(winner, 0), 0)
        if before <= 0 or second >= before:
            return False
        return all(second - min(vote, 0) < before
                   for spdx, vote in self.header_votes.items() if spdx != winner)


EVERY_CHANGE = HeadChanges(EVERY_PART)


def parts_changed(root: Path, merge_base: str, paths: Iterable[str]) -> HeadChanges:
    """What of the project's licence (PARTS: the "or any later version" notice, the
    SPDX header's licence) one of `paths` (relative to the checked folder `root`) says
    otherwise in its head now than at the commit `merge_base`; every part when that
    cannot be told (a link retargeted, a version not read, too many files)."""
    paths = sorted(paths)
    if len(paths) > MOST_FILES:
        return EVERY_CHANGE
    try:
        before = _entries_before(root, merge_base)
    except (GitError, OSError):
        return EVERY_CHANGE
    reader = _Heads(root)
    copies = _copies_of(root)
    changed: set[str] = set()
    votes: Counter[str] = Counter()
    try:
        if _copy_made_or_unmade(root, before, paths, copies):
            return EVERY_CHANGE
        for path in paths:
            old, new = _facts_before(reader, before.get(path), path), _facts_now(root, path)
            if old == new or copies().holds(path):
                continue
            if "link" in (old[0], new[0]):
                return EVERY_CHANGE
            changed.update(part for part, was, now in zip(PARTS, old, new, strict=True)
                           if was != now)
            was_spdx, now_spdx = old[PARTS.index(HEAD_SPDX)], new[PARTS.index(HEAD_SPDX)]
            if was_spdx:
                votes[was_spdx] -= 1
            if now_spdx:
                votes[now_spdx] += 1
    except _NotCompared:
        return EVERY_CHANGE
    finally:
        reader.close()
    return HeadChanges(frozenset(changed), votes)


def _copy_made_or_unmade(root: Path, before: dict[str, tuple[bytes, str]],
                         paths: list[str], copies: Callable[[], Copies]) -> bool:
    """Whether the change added or deleted a file that makes its folder a copy: a
    licence file, or a project's root file (README, build file) beside one."""
    for path in paths:
        licence = licence_name(path)
        if not (licence or (path.count("/") and project_name(path))):
            continue
        if not _came_or_went(root, before.get(path), path):
            continue
        if licence or path.rpartition("/")[0] in copies().licensed:
            return True
    return False


def _came_or_went(root: Path, entry: tuple[bytes, str] | None, path: str) -> bool:
    """Whether the file `path` is there now and was not at the merge base, or the
    reverse (an entry of mode 000000: added by the change)."""
    was = entry is not None and entry[0] != b"000000"
    return was != os.path.lexists(root / path)


def _copies_of(root: Path) -> Callable[[], Copies]:
    """The copies of the checked folder's tree, listed as the run lists it, when first
    asked (only a head that says something of the licence asks)."""
    made: list[Copies] = []

    def copies() -> Copies:
        if not made:
            from opencheck.deps.thirdparty import project_names
            from opencheck.repository import RepositoryError, open_repository

            try:
                repo = open_repository(root)
            except (RepositoryError, GitError, OSError) as error:
                raise _NotCompared(str(root)) from error
            made.append(Copies.of(repo.paths(), lambda: project_names(repo)))
        return made[0]

    return copies


class _Heads:
    """The head of a blob: the small ones read whole through one `cat-file --batch`
    within MOST_BYTES, the others' first HEADER_BYTES by a `cat-file blob` stopped
    there (a change of lockfiles of megabytes read none of them whole)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = ObjectReader(root)
        self.budget = MOST_BYTES

    def head(self, blob: str) -> bytes:
        if self.budget > 0:
            data = self.objects.read(blob, "blob", min(SMALL, self.budget))
            if data is not None:
                self.budget -= len(data)
                return data[:HEADER_BYTES]
        return _first_bytes(self.root, blob)

    def close(self) -> None:
        self.objects.close()


def _first_bytes(root: Path, blob: str) -> bytes:
    """The first HEADER_BYTES of a blob; _NotCompared when git cannot give them."""
    process = popen_git(root, "cat-file", "blob", blob, stdin=DEVNULL, stdout=PIPE,
                        stderr=DEVNULL)
    assert process.stdout is not None
    watched = Watched(process.stdout, process.kill, deadline=time.monotonic() + HEAD_TIME)
    parts: list[bytes] = []
    try:
        got = 0
        while got < HEADER_BYTES and (part := watched.read(HEADER_BYTES - got)):
            parts.append(part)
            got += len(part)
        complete = got >= HEADER_BYTES or (process.wait() == 0 and not watched.late)
    finally:
        watched.close()
        stop(process)
    if not complete:
        raise _NotCompared(blob)
    return b"".join(parts)


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


def _facts_before(reader: _Heads, entry: tuple[bytes, str] | None,
                  path: str) -> tuple[str | None, ...]:
    if entry is None:
        return _ABSENT  # untracked, or a file the diff does not list
    mode, blob = entry
    if mode == _GITLINK or mode not in (_LINK, *_REGULAR):
        return _ABSENT
    head = reader.head(blob)
    if mode == _LINK:  # a link's target: short, and read whole
        return ("link", head.decode("utf-8", "surrogateescape"))
    return header_facts(path, head)


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
