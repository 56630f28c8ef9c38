# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A commit's files written out of git into a scratch folder, to judge the tree as that
commit had it (merge-request mode: whether a changed file's finding was there already
at the merge base). All of them, or those a caller names (the few a file's REUSE
verdict depends on).

The files are read by id through one hardened `git cat-file --batch` and written by
this process: no checkout, so no filter, hook or attribute of the repository runs.
Links and submodules are left out, and so is a file above FILE_LIMIT; past MOST_FILES,
MOST_BYTES or half the scratch disk's free space nothing is written, and the caller
judges without the commit. So it does when this system cannot write the commit's files
as they are named (a name of more than 255 bytes, from a system that counts characters;
`File` and `file/` on a folder that does not tell case apart): the check went on to an
internal error, with no report. And when two of the files it is to write are one on
this disk: `README.md` and `readme.md` (or `é` composed and decomposed) where the
scratch folder tells neither case nor Unicode forms apart (macOS, Windows). Written,
the second one's bytes took the first one's name without an error, as a checkout does
there: the merge base was judged on files it did not have, and a finding they made was
held back as the merge base's. The names are compared only on such a disk: on Linux
the commit is written as it is.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from opencheck.gitcmd import GitError, run_git
from opencheck.gitobjects import stream_blobs

FILE_LIMIT = 32 << 20
MOST_BYTES = 512 << 20
MOST_FILES = 100_000
_FILE_MODES = (b"100644", b"100755")


@contextmanager
def written(root: Path, commit: str, wanted: Callable[[str], bool] | None = None,
            listed: list[tuple[str, str, int]] | None = None) -> Iterator[Path | None]:
    """A scratch folder holding the files of the checked folder `root` as `commit` has
    them (those whose path `wanted` accepts, when given; `listed`: the commit's
    `listing`, when read already), removed on leaving; None when they could not all be
    listed or are too many."""
    with tempfile.TemporaryDirectory(prefix="opencheck-base-") as scratch:
        folder = Path(scratch) / "tree"
        folder.mkdir()
        entries = listed if listed is not None else listing(root, commit)
        yield folder if _write(root, entries, folder, wanted) else None


def _write(root: Path, entries: list[tuple[str, str, int]] | None, folder: Path,
           wanted_path: Callable[[str], bool] | None) -> bool:
    if entries is not None and wanted_path is not None:
        entries = [entry for entry in entries if wanted_path(entry[0])]
    if entries is None or len(entries) > MOST_FILES:
        return False
    wanted = [entry for entry in entries if entry[2] <= FILE_LIMIT]
    if sum(size for _path, _oid, size in wanted) > min(MOST_BYTES,
                                                        shutil.disk_usage(folder).free // 2):
        return False
    return write(root, wanted, folder)


def write(root: Path, entries: list[tuple[str, str, int]], folder: Path) -> bool:
    """The blobs of `entries` (from `listing`) written under `folder` at their paths,
    streamed from one `cat-file --batch`; False when one could not be read (absent from
    the clone, forged): the folder is then not the commit's."""
    if folds_names(str(folder)) and one_place(path for path, _oid, _size in entries):
        return False
    paths: dict[str, list[str]] = {}
    for path, oid, _size in entries:  # a blob may stand at many paths
        paths.setdefault(oid, []).append(path)
    written = 0
    largest = max((size for _path, _oid, size in entries), default=0)  # chosen by the caller
    try:
        for parent in sorted({path.rpartition("/")[0] for path, _oid, _size in entries}
                             - {""}):
            (folder / parent).mkdir(parents=True, exist_ok=True)
        for oid, data in stream_blobs(root, list(paths), largest):
            for path in paths[oid]:
                (folder / path).write_bytes(data)
            written += 1
    except OSError:
        return False
    return written == len(paths)


def listing(root: Path, commit: str, wheres: tuple[str, ...] = ("./",),
            recursive: bool = True) -> list[tuple[str, str, int]] | None:
    """The commit's regular files (no link, no submodule) under `wheres`, paths relative
    to the checked folder `root` (`./` its top, `./lib/` a folder's own entries when not
    `recursive`): path, id, size. A path git could not have written into a tree (an
    empty, `.` or `..` part) is left out. None when git cannot list them, or cannot be
    asked: a change of a few hundred thousand folders names more of them than one
    command line holds (E2BIG), which ended the check in an internal error."""
    try:
        listed = run_git(root, "ls-tree", *(["-r"] if recursive else []), "-z", "-l",
                         commit, "--", *wheres)
    except (GitError, OSError):
        return None
    entries = []
    for line in listed.split(b"\0"):
        meta, tab, raw = line.partition(b"\t")
        words = meta.split()
        if not tab or len(words) != 4 or words[0] not in _FILE_MODES or not words[3].isdigit():
            continue
        path = raw.decode("utf-8", "surrogateescape")
        if any(part in ("", ".", "..") for part in path.split("/")):
            continue
        entries.append((path, words[2].decode("ascii"), int(words[3])))
    return entries


def one_place(paths: Iterable[str]) -> bool:
    """Whether two of `paths`, or a path and a folder of another, name one place on a
    disk that tells neither case nor Unicode forms apart."""
    seen: dict[str, str] = {}
    for path in paths:
        parts = path.split("/")
        for end in range(1, len(parts) + 1):
            named = "/".join(parts[:end])
            key = _folded(named)
            if seen.setdefault(key, named) != named:
                return True
    return False


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


_FOLDS: dict[int, bool] = {}  # by device: one probe per disk and process


def folds_names(folder: str) -> bool:
    """Whether the disk of `folder` takes `A` for `a`, or a composed `é` for a
    decomposed one (a few files written and removed in a folder made in `folder`).
    A disk that cannot be asked is taken to fold them."""
    try:
        device = os.stat(folder).st_dev
        if device not in _FOLDS:
            _FOLDS[device] = _probe(folder)
    except OSError:
        return True
    return _FOLDS[device]


def _probe(folder: str) -> bool:
    with tempfile.TemporaryDirectory(dir=folder, prefix="opencheck-case-") as probe:
        for written, asked in (("Ab\u00e9", "aB\u00e9"), ("\u00e9", "e\u0301")):
            with open(os.path.join(probe, written), "wb"):
                pass
            if os.path.exists(os.path.join(probe, asked)):
                return True
    return False
