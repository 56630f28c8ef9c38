# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files of a folder that would make git wait forever, found before git runs.

git opens what a repository names and reads it to the end: a FIFO (a named pipe) as
`.git/packed-refs`, a ref, the index, `.git/info/exclude`, a `.gitignore`,
`.gitattributes` or `.mailmap` of the tree, or a configuration value naming one
(`include.path`, `core.excludesFile`) or naming a pipe of git itself
(`/dev/stdout`, `/proc/self/fd/1`), blocks git until a writer comes, which never
does. A clone holds none of these; a folder handed over as it is (an archive of a
supplier's work) can. Each git call then waited for its time-out, one after the
other: five minutes and more before any report.

The folder is looked at once, without git: every entry of its `.git` folder and the
names git opens in the tree (one walk that reads folder listings only), and each value
of the repository's configuration files (and of the regular files they may include).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

# Names git opens in any folder of the tree (`ls-files --others`, `diff`, `log`).
TREE_NAMES = frozenset({".gitignore", ".gitattributes", ".mailmap", ".gitmodules"})
# Larger, git reads them whole at each call all the same (2.39; later versions ignore
# such a `.gitattributes` or `.gitignore` past 100 MB, but not every one reads them so).
MAX_TREE_FILE = 100 << 20
TREE_FILE_TOO_LARGE = "of {size} MB, which git would read whole at every call"
CONFIG_FILES = ("config", "config.worktree")
MAX_CONFIG_BYTES = 1 << 20  # read as configuration in one look, all files together
MAX_INCLUDE_DEPTH = 10  # git's own limit on nested includes
MAX_CONFIGS = 64  # files read as configuration in one look
MAX_VALUES = 10_000  # values looked at in one look
TOO_LARGE = "configuration too large to be checked"
# git reads an included file each time a value includes it, down to MAX_INCLUDE_DEPTH:
# six includes of the next file, nine files deep, are ten million reads, in each git
# call (a check took 7 minutes).
INCLUDED_OVER = "configuration files included more than 64 times over"
MAX_LINKS = 40  # the kernel's own limit on links followed
# Files of a git folder git reads whole, or maps and searches, at every call. A sparse
# file of 20 GB as packed-refs (no disk space: holes) took git 2.5 to 4 minutes a
# call, each call cut at its time-out; git never writes holes, and no repository
# needs gigabytes there.
METADATA = ("HEAD", "packed-refs", "index", "config", "config.worktree", "shallow",
            "commondir", "info/exclude", "info/attributes", "objects/info/alternates",
            "objects/info/packs")
MAX_METADATA = 2 << 30
HOLES_OVER = 256 << 20  # a larger file mostly holes is refused (a compressing file system
# counts a compressed file's blocks: a real packed-refs of 100 MB may look half holes)
OVERSIZED = "a file git reads at every call, of {size} MB{holes}: git would take minutes"
MAX_ALTERNATES = 5  # git follows alternates of alternates this deep
MAX_LINKED = 100_000  # entries looked at behind a git folder's links to folders
TOO_MANY_LINKED = "too many entries behind a link of the git folder to be checked"


def _blocks(mode: int) -> bool:
    """A pipe or a device (a terminal): opening or reading it may wait. A socket is
    not opened as a file (git's fsmonitor daemon keeps one in `.git`)."""
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


def _waits(path: str | os.PathLike[str]) -> bool:
    """Whether reading this path (links followed) could block git, the null device
    aside. A process's descriptors (`/dev/stdout`, `/proc/self/fd/1`) are judged by
    their name: in git they are git's own pipes, whatever they are in opencheck."""
    name = os.fspath(path)
    try:
        for _ in range(MAX_LINKS):
            name = os.path.join(os.path.realpath(os.path.dirname(name)),
                                os.path.basename(name))
            if name == os.devnull:
                return False
            if name.startswith("/proc/"):
                return os.path.lexists(name)
            if not os.path.islink(name):
                return _blocks(os.stat(name).st_mode)
            name = os.path.join(os.path.dirname(name), os.readlink(name))
    except (OSError, ValueError):
        return False  # absent or unreadable: git says so, it does not wait
    return False  # a loop of links: git gives up on it (ELOOP), it does not wait


def _special(entry: os.DirEntry[str]) -> bool:
    """A directory entry that may block: told by its type in the listing (no stat)
    unless it is neither a folder, a regular file nor a link, or a link."""
    if entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False):
        return False
    return _waits(entry.path)


def _walk(folder: str, everything: bool, linked: _Linked | None = None,
          counted: bool = False) -> Iterator[str]:
    """Paths under `folder` git could open and wait on: every one when `everything`
    (the git folder), else TREE_NAMES; `.git` folders are looked at whole. In a git
    folder, a link to a folder is followed as git follows it (`refs/heads -> /dev`
    made git read `/dev/zero` as a branch, a folder of the tree linked there a FIFO),
    each folder once, at most MAX_LINKED entries behind links in all (`linked`), each
    folder listed counting as one; `counted`: `folder` is itself behind such a link
    (an alternate store, which may be any folder of the machine)."""
    linked = linked if linked is not None else _Linked()
    pending = [(folder, everything, counted)]
    while pending:
        current, whole, behind = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        if behind:
            linked.entries -= len(entries) + 1
            if linked.entries < 0:
                yield f"{current}: {TOO_MANY_LINKED}"
                return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, whole or entry.name == ".git", behind))
            elif whole and entry.is_symlink() and entry.is_dir():
                target = linked.follow(entry.path)
                if target is not None:
                    pending.append((target, True, True))
            elif (whole or entry.name in TREE_NAMES) and _special(entry):
                yield entry.path
            elif entry.name in TREE_NAMES and (large := _too_large(entry)) is not None:
                yield large


def _too_large(entry: os.DirEntry[str]) -> str | None:
    """Why git would take minutes on this `.gitignore`-like file (read whole at each
    call that lists or diffs: a 20 GB one, holes or zeros, took `ls-files` 70 s, and a
    clone can hold one of zeros, a few MB once packed); None when it is small."""
    try:
        size = entry.stat(follow_symlinks=False).st_size if entry.is_file(
            follow_symlinks=False) else 0
    except OSError:
        return None
    return f"{entry.path}: {TREE_FILE_TOO_LARGE.format(size=size >> 20)}" \
        if size > MAX_TREE_FILE else None


class _Linked:
    """The folders a git folder's links lead to: each looked at once, and what lies
    behind them counted (a link to `/` must not walk the machine)."""

    def __init__(self) -> None:
        self.entries = MAX_LINKED
        self.seen: set[str] = set()

    def follow(self, link: str) -> str | None:
        """The folder `link` leads to, the first time it is reached; None after."""
        target = os.path.realpath(link)
        if target in self.seen:
            return None
        self.seen.add(target)
        return target


def _value(text: str, index: int) -> tuple[str, int]:
    """A configuration value as git reads it from `text[index:]` (after `=`): quotes
    joined, `\\` escapes and line continuations applied, `#`/`;` comments dropped.
    Returns the value and where its line ends."""
    out: list[str] = []
    pending = ""  # blanks kept only when more of the value follows them
    quoted = False
    size = len(text)
    while index < size:
        char = text[index]
        index += 1
        if char == "\n" and not quoted:
            break
        if char == "\n":  # an unclosed quote: git refuses the file
            break
        if not quoted and char in " \t":
            pending += char if out else ""
            continue
        if not quoted and char in "#;":
            while index < size and text[index] != "\n":
                index += 1
            continue
        out.append(pending)
        pending = ""
        if char == "\\" and index < size:
            following = text[index]
            index += 1
            if following == "\n":
                continue
            out.append({"n": "\n", "t": "\t", "b": "\b"}.get(following, following))
            continue
        if char == '"':
            quoted = not quoted
            continue
        out.append(char)
    return "".join(out), index


def config_values(text: str) -> Iterator[str]:
    """Every value of a git configuration file, whatever its key (a boolean key has
    none). Lenient where git refuses the file: a file git refuses makes git stop, not
    wait."""
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if char in " \t\r\n":
            index += 1
        elif char in "#;":
            end = text.find("\n", index)
            index = size if end < 0 else end + 1
        elif char == "[":
            index = _after_header(text, index + 1)
        else:
            end = index
            while end < size and (text[end].isalnum() or text[end] == "-"):
                end += 1
            while end < size and text[end] in " \t":
                end += 1
            if end < size and text[end] == "=":
                value, index = _value(text, end + 1)
                yield value
            else:
                line_end = text.find("\n", max(end, index + 1))
                index = size if line_end < 0 else line_end + 1


def _after_header(text: str, index: int) -> int:
    """Where a `[section "subsection"]` header opened before `index` ends."""
    size = len(text)
    quoted = False
    while index < size:
        char = text[index]
        index += 1
        if char == "\\" and quoted:
            index += 1
        elif char == '"':
            quoted = not quoted
        elif (char == "]" and not quoted) or char == "\n":
            return index
    return index


def _named(value: str, config_folder: Path, top: Path) -> Iterator[Path]:
    """The paths a value may name: as written, from the configuration file's folder
    (includes) and from the top of the tree (`core.excludesFile`), `~` expanded."""
    if not value or "\0" in value:
        return
    if value.startswith("~"):
        value = os.path.expanduser(value)
    if os.path.isabs(value):
        yield Path(value)
    else:
        yield config_folder / value
        yield top / value


class _Budget:
    """What one look may read of configuration files: a repository's own are a few
    KB; past this, the look stops and the folder is judged as one git could wait on
    (padding must not hide an include read last)."""

    def __init__(self) -> None:
        self.files, self.bytes, self.values = MAX_CONFIGS, MAX_CONFIG_BYTES, MAX_VALUES

    def spent(self) -> bool:
        return self.files < 0 or self.bytes < 0 or self.values < 0


def _read_config(path: Path, budget: _Budget) -> str | None:
    """A regular file's text, opened without waiting (never a pipe swapped in)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        data = handle.read(max(budget.bytes, 0) + 1)
    budget.files -= 1
    budget.bytes -= len(data)
    return data.decode("utf-8", "surrogateescape")


def _config_waits(config: Path, top: Path, depth: int, included: dict[Path, list[Path]],
                  budget: _Budget) -> str | None:
    """Why git would wait reading `config`, or None. `included` gets each file read:
    the files its values name, once per value (git reads an include each time)."""
    if depth > MAX_INCLUDE_DEPTH or config in included:
        return None
    if budget.spent():
        return f"{config}: {TOO_LARGE}"
    named = included[config] = []
    text = _read_config(config, budget)
    if text is None:
        return None
    for value in config_values(text):
        budget.values -= 1
        if budget.spent():
            return f"{config}: {TOO_LARGE}"
        for path in _named(value, config.parent, top):
            if _waits(path):
                return f"{config}: {value}"
            if depth < MAX_INCLUDE_DEPTH and os.path.isfile(path):
                named.append(path)
                found = _config_waits(path, top, depth + 1, included, budget)
                if found is not None:
                    return found
    return f"{config}: {TOO_LARGE}" if budget.spent() else None


def _reads(config: Path, included: dict[Path, list[Path]]) -> int:
    """How many files git reads for `config`, its includes each time they are named,
    down to git's depth; counted up to MAX_CONFIGS + 1 (past it, the count stops)."""
    counted: dict[tuple[Path, int], int] = {}

    def reads(path: Path, depth: int) -> int:
        known = counted.get((path, depth))
        if known is None:
            known = 1
            if depth < MAX_INCLUDE_DEPTH:
                for child in included.get(path, ()):
                    known += reads(child, depth + 1)
                    if known > MAX_CONFIGS:
                        break
            counted[(path, depth)] = known = min(known, MAX_CONFIGS + 1)
        return known

    return reads(config, 0)


def _pointer(path: Path, prefix: str) -> Path | None:
    """The folder a small pointer file names (`.git`'s `gitdir: …`, `commondir`),
    relative to the file's folder; None when it names none."""
    text = _read_config(path, _Budget())
    if text is None or len(text) > 4096:
        return None
    line = text.strip()
    if not line.startswith(prefix) or not line[len(prefix):].strip():
        return None
    named = Path(line[len(prefix):].strip())
    return named if named.is_absolute() else path.parent / named


def _git_folders(root: Path) -> list[Path]:
    """The folders git reads for this work tree: `.git` or the one its `gitdir:` names
    (a linked worktree, a submodule, a git folder kept elsewhere), and the common one
    its `commondir` names."""
    dotgit = root / ".git"
    own = dotgit if dotgit.is_dir() else _pointer(dotgit, "gitdir:") if dotgit.is_file() \
        else None
    if own is None or not own.is_dir():
        return []
    common = _pointer(own / "commondir", "")
    return [own, common] if common is not None and common.is_dir() else [own]


def _alternates(folders: list[Path], budget: _Budget) -> list[str]:
    """The object stores the git folders' `objects/info/alternates` name, alternates of
    alternates included, down to git's depth: git lists their packs and opens their
    loose objects (one kept in the tree as a FIFO held the history's read for ever).
    Each store once, however it is spelt (`/usr/../usr`), and the files read within
    `budget` (each line a value): the caller judges a spent budget."""
    stores = [str(folder / "objects") for folder in folders]
    found: dict[str, None] = {}
    for _ in range(MAX_ALTERNATES):
        named: list[str] = []
        for store in stores:
            text = _read_config(Path(store, "info", "alternates"), budget)
            for line in (text or "").splitlines():
                budget.values -= 1
                if budget.spent():
                    return list(found)
                entry = line.strip().strip('"')
                if entry and not entry.startswith("#") and "\0" not in entry:
                    path = os.path.realpath(os.path.join(store, entry))
                    if path not in found and os.path.isdir(path):
                        named.append(path)
                        found[path] = None
        stores = named
    return list(found)


_STORE_FOLDERS = ("info", "pack")  # besides the loose objects' folders, `00` to `ff`
_HEX = frozenset("0123456789abcdef")


def _store_waits(store: str, linked: _Linked) -> Iterator[str]:
    """What git opens in an alternate object store and could wait on: its `info/` and
    `pack/` folders (walked like what lies behind a link of the git folder, counted)
    and its loose objects, one per entry of its folders `00` to `ff`, each listed once
    and never counted: a legit store a `git clone --shared` or `--reference` reads
    holds hundreds of thousands of them, and a listing costs what its entries cost.
    Nothing else of the store is read by git, which may be any folder of the machine
    (`/usr`): its other folders are not walked."""
    try:
        entries = list(os.scandir(store))
    except OSError:
        return
    for entry in entries:
        if entry.name in _STORE_FOLDERS and entry.is_dir():
            target = linked.follow(entry.path)
            if target is not None:
                yield from _walk(target, True, linked, counted=True)
        elif len(entry.name) == 2 and set(entry.name) <= _HEX and entry.is_dir():
            target = linked.follow(entry.path)
            try:
                objects = list(os.scandir(target)) if target is not None else []
            except OSError:
                continue
            for loose in objects:
                if not loose.is_dir(follow_symlinks=False) and _special(loose):
                    yield loose.path
                    return


def _oversized(folder: Path) -> str | None:
    """A file of METADATA in `folder` too large for git to read at every call."""
    for name in METADATA:
        try:
            info = os.stat(folder / name)
        except (OSError, ValueError):
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        stored = getattr(info, "st_blocks", None)
        holes = stored is not None and stored * 512 < info.st_size // 2
        if info.st_size > MAX_METADATA or (holes and info.st_size > HOLES_OVER):
            return f"{folder / name}: " + OVERSIZED.format(
                size=info.st_size >> 20, holes=", mostly holes" if holes else "")
    return None


def _top(root: Path) -> Path:
    """The folder whose `.git` git would find for `root` (itself or the nearest parent
    holding one: a subfolder of a repository is checked), else `root`."""
    for folder in (root, *root.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return root


def blocking_file(root: Path) -> str | None:
    """A file of the folder (or one its git configuration names) that would make git
    wait forever, with why; None when there is none."""
    top = _top(root)
    if _waits(top / ".git"):
        return str(top / ".git")
    budget = _Budget()
    for folder in _git_folders(top):
        oversized = _oversized(folder)
        if oversized is not None:
            return oversized
        # the walk of the tree looks at its own `.git` folder whole, not through a link
        if folder != root / ".git" or folder.is_symlink():
            for path in _walk(str(folder), True):
                return path
        # a configuration naming a waiting file
        for name in CONFIG_FILES:
            config = folder / name
            if config.is_file():
                included: dict[Path, list[Path]] = {}
                found = _config_waits(config, top, 0, included, budget)
                if found is not None:
                    return found
                if _reads(config, included) > MAX_CONFIGS:
                    return f"{config}: {INCLUDED_OVER}"
    # alternate stores, which may name any folder of the machine, share one budget
    linked, named = _Linked(), _Budget()
    stores = _alternates(_git_folders(top), named)
    if named.spent():
        return f"{top / '.git'} (objects/info/alternates): {TOO_LARGE}"
    for store in stores:
        for path in _store_waits(store, linked):
            return path
    # a checked subfolder: git also reads the ignore and attribute files above it
    for folder in root.parents if top != root else ():
        for name in TREE_NAMES:
            if _waits(folder / name):
                return str(folder / name)
        if folder == top:
            break
    for path in _walk(str(root), False):
        return path
    return None
