# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which repository git found for a folder, and whether its objects may be read.

Two checks run before opencheck reads any git object:

- the repository is the folder's own: `.git` is a folder of the work tree, or a linked
  worktree whose git directory names this work tree back (`git worktree add`), or a
  submodule whose git directory names it as its work tree (`core.worktree`). A `.git`
  symlink or `gitdir:` file that points at another repository is refused: that
  repository's history (authors, e-mails, secrets) would be reported as this one's.
  So is a `commondir` file anywhere but in a linked worktree's git folder.
- its objects are its own: an `objects/info/alternates` file naming an object store
  outside the repository (`git clone --shared`, or a hostile one) would make git read
  that store's commits and blobs as this repository's. The files are checked; the
  history is reported unavailable, like a partial clone's.
- its objects are all here: a partial clone (`extensions.partialclone`, or any
  `remote.*.promisor`) would make git fetch each missing object from a remote the
  repository chose, so the history is reported unavailable and never read. Unknown
  repository formats are refused by git itself, before any read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from opencheck.errors import OpencheckError
from opencheck.gitcmd import GitError, configured, run_git
from opencheck.model import Text
from opencheck.report.sanitize import printable

PARTIAL = Text(
    fr="Clone partiel (--filter ou remote « promisor ») : des objets peuvent manquer et git "
       "irait les chercher sur un serveur choisi par le dépôt. opencheck ne lit donc pas "
       "l'historique ; clonez sans --filter pour l'analyser.",
    en="Partial clone (--filter or a promisor remote): objects may be missing and git "
       "would fetch them from a server the repository chose. opencheck therefore does not "
       "read the history; clone without --filter to scan it.",
)


class ForeignGitDir(OpencheckError):
    """`.git` points at another repository: refused (exit code 2)."""


@dataclass(frozen=True)
class GitLayout:
    toplevel: Path
    git_dir: Path
    kind: str  # "repository", "worktree", "submodule" or "separate" (names us back)
    main: Path | None = None  # the main repository's git folder (worktree, submodule)
    objects_unavailable: Text | None = None
    common: Path | None = None  # the git folder holding the objects and refs

    def describe(self) -> dict[str, str | None]:
        return {"kind": self.kind, "git_dir": str(self.git_dir),
                "main": str(self.main) if self.main else None}


@dataclass(frozen=True)
class Probe:
    """What one `git rev-parse` tells of a folder inside a work tree."""

    work_tree: bool
    shallow: bool
    prefix: str  # the folder's path from the top of the work tree, "" or ending in /
    dirs: tuple[str, str, str]  # top of the work tree, git folder, common git folder
    # HEAD's commit and its branch ("HEAD" when detached), asked in the same start;
    # None when git refused HEAD (no commit yet): the caller asks them apart
    head: tuple[str, str] | None = None


_PROBE = ("--is-inside-work-tree", "--is-inside-git-dir", "--is-shallow-repository",
          "--show-prefix", "--show-toplevel", "--absolute-git-dir", "--git-common-dir")
# `--abbrev-ref=loose` shortens the branch as `symbolic-ref --short` does; the final
# `--` keeps a file named HEAD from being taken for a path
_HEAD = ("HEAD", "--abbrev-ref=loose", "HEAD", "--")


def probe(root: Path) -> Probe | None:
    """The facts of a work tree, HEAD and its branch in one git start instead of six;
    None when git refuses (not a work tree: a bare repository, a .git folder, no
    repository, ownership): the caller then asks the narrower questions, which say
    why. When git refuses HEAD alone (no commit yet), the facts are asked again
    without it."""
    try:
        out = run_git(root, "rev-parse", *_PROBE, *_HEAD, timeout=30)
    except GitError:
        out = None
    if out is not None:
        lines = out.decode("utf-8", "surrogateescape").split("\n")
        if len(lines) == len(_PROBE) + 4 and lines[-2:] == ["--", ""] and \
                lines[-4] and lines[-3]:
            return _probed([*lines[:len(_PROBE)], ""], (lines[-4], lines[-3]))
    try:
        out = run_git(root, "rev-parse", *_PROBE, timeout=30)
    except GitError:
        return None
    return _probed(out.decode("utf-8", "surrogateescape").split("\n"), None)


def _probed(lines: list[str], head: tuple[str, str] | None) -> Probe | None:
    if len(lines) != len(_PROBE) + 1 or lines[-1] or lines[1] != "false":
        return None  # a newline in a path, or an answer not understood
    return Probe(work_tree=lines[0] == "true", shallow=lines[2] == "true",
                 prefix=lines[3], dirs=(lines[4], lines[5], lines[6]), head=head)


def inspect(root: Path, probed: Probe | None = None) -> GitLayout:
    """The layout of the repository whose work tree holds `root` (git must find one)."""
    if probed is not None:
        lines = list(probed.dirs)
    else:
        out = run_git(root, "rev-parse", "--show-toplevel", "--absolute-git-dir",
                      "--git-common-dir", timeout=30)
        lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 3:
        raise GitError("git rev-parse gave no git directory")
    toplevel, git_dir = Path(lines[0]), Path(lines[1])
    common = (root / lines[2]).resolve()
    kind, main = _kind(root.resolve(), toplevel, git_dir.resolve(), common)
    unavailable = objects_unavailable(root) or borrowed_objects(common, toplevel)
    return GitLayout(toplevel, git_dir, kind, main, unavailable, common)


_LOOSE_FOLDER = re.compile(r"[0-9a-f]{2}")
_LOOSE_NAME = re.compile(r"[0-9a-f]{38}|[0-9a-f]{62}")  # SHA-1, SHA-256


def stored_bytes(common: Path) -> int | None:
    """The bytes of the repository's own object store as `git count-objects -v` gives
    them (`size` + `size-pack`, each in whole KiB): the disk space of its loose objects
    and the sizes of its packs with their indexes, from the store's folder listings
    rather than a git start; None when the store cannot be listed. Nothing is opened
    and no link is followed for a loose object (a FIFO there waits on nothing)."""
    objects = common / "objects"
    loose = packed = 0
    try:
        with os.scandir(objects) as folders:
            for folder in folders:
                if _LOOSE_FOLDER.fullmatch(folder.name) and folder.is_dir():
                    loose += _loose_bytes(folder.path)
        with os.scandir(objects / "pack") as entries:
            names = {entry.name: entry for entry in entries}
        for name, entry in names.items():
            index = names.get(name[:-len(".pack")] + ".idx") if name.endswith(".pack") else None
            if index is not None:
                packed += _disk_size(entry) + _disk_size(index)
    except OSError:
        return None
    return (loose >> 10 << 10) + (packed >> 10 << 10)


def _disk_size(entry: os.DirEntry[str]) -> int:
    """A pack's size, at most the disk it takes: a sparse file named like a pack (a
    folder handed over as it is), 1 TB long on no disk, lifted the log's memory cap by
    4 TB, where git counts only the packs it can open."""
    info = entry.stat()
    blocks = getattr(info, "st_blocks", None)
    return info.st_size if blocks is None else min(info.st_size, blocks * 512)


def _loose_bytes(folder: str) -> int:
    total = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if _LOOSE_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                total += getattr(info, "st_blocks", 0) * 512 or info.st_size
    return total


_PARTIAL_KEY = re.compile(r"extensions\.partialclone|remote\..*\.promisor")


def objects_unavailable(cwd: Path) -> Text | None:
    """PARTIAL when reading an object could make git reach for a remote. The settings
    come from the read of the configuration that every run makes first (`configured`)."""
    entries = configured(cwd)
    if entries is None:  # git could not be started, or did not answer in time
        raise GitError("git config failed")
    for key, value in entries:
        if _PARTIAL_KEY.fullmatch(key) and \
                value.strip().lower() not in ("false", "no", "off", "0"):
            return PARTIAL
    return None


def _kind(root: Path, toplevel: Path, git_dir: Path, common: Path) -> tuple[str, Path | None]:
    dotgit = toplevel / ".git"
    # A `commondir` file makes git take refs and objects from the folder it names: only
    # a linked worktree's git folder (<common>/worktrees/<name>) may have one.
    own = _same(common, git_dir)
    if own and dotgit.is_dir() and not dotgit.is_symlink() and _same(dotgit, git_dir):
        return "repository", None
    if own and git_dir.is_relative_to(root):  # the folder's own .git, whatever its name
        return "repository", None
    if dotgit.is_symlink() or dotgit.is_file():
        if (not own and _same(git_dir.parent, common / "worktrees")
                and _names(git_dir / "gitdir", dotgit)):
            return "worktree", common
        named = _worktree_of(git_dir)
        if own and named is not None and _same(named, toplevel):
            main = _main_of_module(git_dir)
            return ("submodule" if main else "separate"), main
    if not own:
        git_dir = common
    raise ForeignGitDir(Text(
        f"{toplevel}/.git désigne un autre dépôt ({git_dir}) : son historique serait "
        "présenté comme celui de ce dossier. opencheck refuse ; analysez un clone "
        f"ordinaire (git clone {git_dir} <dossier>).",
        f"{toplevel}/.git points at another repository ({git_dir}): its history would "
        "be reported as this folder's. opencheck refuses; scan an ordinary clone "
        f"(git clone {git_dir} <folder>).",
    ))


MAX_ALTERNATES = 5  # git follows alternates of alternates this deep
MAX_ALTERNATES_FILE = 65536


def borrowed_objects(common: Path, toplevel: Path) -> Text | None:
    """Why the objects are not this repository's own: an object store borrowed from
    outside (`git clone --shared`/`--reference`, or a hostile `objects/info/alternates`),
    alternates of alternates included. None when every store is inside."""
    inside = (common.resolve(), toplevel.resolve())
    link = _store_link(common / "objects", inside)
    if link is not None:
        return _borrowing(link, "objects")
    stores, seen = [common / "objects"], set()
    for _ in range(MAX_ALTERNATES):
        named: list[Path] = []
        for store in stores:
            for entry in _alternates(store):
                # A C-quoted entry ("...") is read by git unquoted: judged as outside.
                path = Path(entry) if os.path.isabs(entry) else store / entry
                resolved = path.resolve()
                if entry.startswith('"') or not any(resolved.is_relative_to(folder)
                                                    for folder in inside):
                    return _borrowing(entry)
                if resolved not in seen:
                    seen.add(resolved)
                    named.append(resolved)
        stores = named
        if not stores:
            return None
    return None


def _alternates(store: Path) -> list[str]:
    """The entries of a store's alternates file (`#` comments and blank lines aside).
    A file opencheck cannot read as git would (not a regular file, too large) counts
    as borrowing from elsewhere."""
    path = store / "info" / "alternates"
    if not os.path.lexists(path):
        return []
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_ALTERNATES_FILE:
            return [f"/{path} (not a small regular file)"]
        text = path.read_text("utf-8", "surrogateescape")
    except OSError:
        return [f"/{path} (unreadable)"]
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _store_link(store: Path, inside: tuple[Path, ...]) -> str | None:
    """A symbolic link that takes the object store out of the repository: the store
    itself, one of its folders (`pack`, a loose objects' `ab`) or a pack file. git
    follows them as it follows alternates: `.git/objects` linked to another clone's
    store, with a ref naming its commit, made that clone's history (authors, a removed
    key) this folder's. Shown as `link -> target`; None when every link stays inside."""
    folders = [store]
    if not store.is_symlink():
        pack = store / "pack"
        folders += [pack] if pack.is_dir() and not pack.is_symlink() else []
    for folder in folders:
        try:
            with os.scandir(folder) as found:
                links = [Path(entry.path) for entry in found if entry.is_symlink()]
        except OSError:
            links = []
        for link in ([folder] if folder.is_symlink() else []) + links:
            try:
                target = link.resolve()
            except (OSError, RuntimeError):
                continue  # a loop or a dangling link: git reads nothing through it
            if not any(target.is_relative_to(place) for place in inside):
                return f"{link} -> {target}"
    return None


def _borrowing(entry: str, how: str = "objects/info/alternates") -> Text:
    shown = printable(entry[:200], one_line=True)
    return Text(
        f"Objets git empruntés à un autre dépôt ({how} : {shown}) : "
        "son historique serait présenté comme celui de ce dossier. opencheck ne lit donc "
        "pas l'historique ; rendez le clone autonome (git repack -a -d, puis supprimez "
        "objects/info/alternates) pour l'analyser.",
        f"Git objects borrowed from another repository ({how}: {shown}): "
        "its history would be reported as this folder's. opencheck therefore does not "
        "read the history; make the clone standalone (git repack -a -d, then remove "
        "objects/info/alternates) to scan it.",
    )


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _names(pointer: Path, dotgit: Path) -> bool:
    """Whether a linked worktree's `gitdir` file names this work tree's `.git`."""
    try:
        if not pointer.is_file() or pointer.stat().st_size > 4096:
            return False
        named = Path(pointer.read_text("utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return False
    if not named.is_absolute():
        named = pointer.parent / named
    return _same(named, dotgit)


def _worktree_of(git_dir: Path) -> Path | None:
    """`core.worktree` of a git folder (a submodule's), read from its own file only."""
    config = git_dir / "config"
    if not config.is_file():
        return None
    try:
        out = run_git(git_dir, "config", "--file", str(config), "--get", "core.worktree",
                      check=False, timeout=30)
    except GitError:
        return None
    value = out.decode("utf-8", "surrogateescape").strip()
    return (git_dir / value) if value else None


def _main_of_module(git_dir: Path) -> Path | None:
    """For `<main>/.git/modules/<name>`, the main repository's `.git`."""
    parts = git_dir.parts
    for index in range(len(parts) - 1, 0, -1):
        if parts[index] == "modules" and parts[index - 1] == ".git":
            return Path(*parts[:index])
    return None
