# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One snapshot of a repository: its files, their bytes on demand, its git metadata.

The snapshot is what every check reads. It lists the files a publication would expose
(tracked files plus untracked files git does not ignore, or, without git, the folder's
files minus what `.gitignore` excludes), reads each file's bytes at most once, never
follows a symlink out of the tree and never loads a file above the size limit.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from opencheck import gitlayout, gittracked, gitwait, usercache
from opencheck.errors import OpencheckError
from opencheck.gitcmd import GitError, StartedStream, run_git
from opencheck.gitlayout import GitLayout
from opencheck.globs import Under, any_glob
from opencheck.model import Text
from opencheck.report.sanitize import printable
from opencheck.safefile import checkout_top, open_regular, read_listed
from opencheck.textdecode import decode_text
from opencheck.urls import redact

DEFAULT_SIZE_LIMIT = 5 * 1024 * 1024
# Files read again from the system's page cache cost little next to holding a large
# repository whole: past this budget, a family that needs a file reads it again.
CACHE_BUDGET = 32 * 1024 * 1024
BINARY_SNIFF = 8000
COMMUNITY_DIRS = ("", "docs", ".github")
# the extensions forges render a community file from (GitHub reads `README.asciidoc` as
# it reads `README.adoc`)
TEXT_SUFFIXES = ("", ".md", ".markdown", ".rst", ".txt", ".org", ".adoc", ".asciidoc")


class RepositoryError(OpencheckError):
    """The path cannot be scanned at all (missing, not a folder)."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str
    size: int
    is_symlink: bool = False
    symlink_escapes: bool = False  # never followed: it leaves the tree, or it loops
    symlink_loop: bool = False  # a -> b -> a: no file at the end
    # The file's inode and device when it was listed: a read must open that file, not
    # one put there since through a folder swapped for a symbolic link (a file of
    # another device may bear the same inode number). One device object for all.
    inode: int | None = None
    device: int | None = None


@dataclass(frozen=True)
class Tag:
    name: str
    commit: str
    date: int
    signed: bool


@dataclass
class GitInfo:
    head: str | None
    branch: str | None
    remotes: dict[str, str]
    shallow: bool
    toplevel: Path
    layout: GitLayout | None = None
    # The tags are read from git when a rule first asks for them: a run whose rules
    # never do (the history rules) does not pay for them (1,237 tags: 0.04 s of git).
    read_tags: Callable[[], list[Tag]] | None = field(default=None, repr=False,
                                                      compare=False)
    _tags: list[Tag] | None = field(default=None, repr=False, compare=False)

    @property
    def tags_read(self) -> bool:
        return self._tags is not None

    @property
    def tags(self) -> list[Tag]:
        """The tags, oldest first (none where git objects must not be read)."""
        if self._tags is None:
            self._tags = self.read_tags() if self.read_tags is not None else []
        return self._tags

    @property
    def objects_unavailable(self) -> Text | None:
        """Why git objects (history, tags) must not be read, or None."""
        return self.layout.objects_unavailable if self.layout else None


@dataclass(frozen=True)
class BrokenLink:
    """A symlink that gives no file: `kind` is "missing" (its target does not exist),
    "loop", or "outside" (it leaves the tree: its target is not repeated)."""

    path: str
    target: str | None
    kind: str

    @property
    def text(self) -> Text:
        path = printable(self.path, one_line=True)  # names from the repository
        if self.kind == "outside":
            return Text(f"{path} est un lien symbolique qui sort du dépôt",
                        f"{path} is a symbolic link that points outside the repository")
        if self.kind == "loop":
            return Text(f"{path} est un lien symbolique en boucle",
                        f"{path} is a symbolic link that loops")
        target = printable(str(self.target), one_line=True)
        return Text(f"{path} est un lien symbolique vers {target}, qui ne mène à aucun "
                    "fichier du dépôt",
                    f"{path} is a symbolic link to {target}, which leads to no file of the "
                    "repository")


@dataclass
class Unreadable:
    """Why a file was not read. `reason` is English (other families quote it);
    `reason_fr` is the same in French for the report."""

    path: str
    reason: str
    reason_fr: str = ""


@dataclass
class Repository:
    root: Path
    files: list[FileEntry]
    git: GitInfo | None
    git_error: str | None = None
    size_limit: int = DEFAULT_SIZE_LIMIT
    unreadable: dict[str, Unreadable] = field(default_factory=dict)
    # The largest file the cache takes (`_cacheable`); -1 until worked out
    _cache_limit: int = field(default=-1, repr=False)
    # Listed names that are not files: an untracked nested repository, a gitlink, a FIFO.
    not_files: list[str] = field(default_factory=list)
    _cache: dict[str, bytes] = field(default_factory=dict, repr=False)
    _cached_bytes: int = field(default=0, repr=False)
    _by_path: dict[str, FileEntry] = field(default_factory=dict, repr=False)
    # Each name by its lower case: the path itself (a list for each of 60,000 files
    # held 6 MB), the few names that differ by case alone listed in `_case_twins`.
    _by_lower: dict[str, str] = field(default_factory=dict, repr=False)
    _case_twins: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_path = {entry.path: entry for entry in self.files}
        for entry in self.files:
            path = entry.path
            lower = path.lower()
            if lower == path:
                lower = path  # one string, not two, for a name already in lower case
            first = self._by_lower.setdefault(lower, path)
            if first is not path:
                self._case_twins.setdefault(lower, [first]).append(path)

    # -- listing -----------------------------------------------------------------

    def entry(self, path: str) -> FileEntry | None:
        return self._by_path.get(path)

    def exists(self, path: str) -> bool:
        return path in self._by_path

    def paths(self) -> list[str]:
        return [entry.path for entry in self.files]

    def broken_link(self, path: str) -> BrokenLink | None:
        """What is wrong with `path` when it is a symlink that leads to no file of the
        tree (dangling, looping, or leaving the tree); None for anything else. Also
        for a path the listing left out (a git-ignored link)."""
        entry = self.entry(path)
        if entry is not None and not entry.is_symlink:
            return None
        full = self.root / path
        try:
            if not stat.S_ISLNK(os.lstat(full).st_mode):
                return None
            written = os.readlink(full)
        except (OSError, ValueError):
            return None
        try:
            target = full.resolve(strict=False)
        except (OSError, RuntimeError):  # a loop
            return BrokenLink(path, written, "loop")
        if not target.is_relative_to(self.root.resolve()):
            return BrokenLink(path, None, "outside")
        if not target.is_file():
            return BrokenLink(path, written, "missing")
        return None

    def find_case_insensitive(self, path: str) -> list[str]:
        lower = path.lower()
        twins = self._case_twins.get(lower)
        if twins is not None:
            return list(twins)
        first = self._by_lower.get(lower)
        return [] if first is None else [first]

    def find_community_file(
        self,
        stem: str,
        directories: Iterable[str] = COMMUNITY_DIRS,
        suffixes: Iterable[str] = TEXT_SUFFIXES,
    ) -> list[str]:
        """Where forges look for a community file: `.github/`, the root, `docs/`.

        Case-insensitive on the name, with or without a text extension. Returns the
        matching paths in lookup order.
        """
        found: list[str] = []
        for directory in directories:
            for suffix in suffixes:
                candidate = f"{directory}/{stem}{suffix}" if directory else f"{stem}{suffix}"
                for path in self.find_case_insensitive(candidate):
                    if path not in found:
                        found.append(path)
        return found

    # -- content -------------------------------------------------------------------

    def read_bytes(self, path: str, keep: bool = True) -> bytes | None:
        """The file's bytes, read once and cached; None when it cannot be read.

        The reason is kept in `unreadable` so that a rule can report it. `keep=False`:
        never put in the cache (`treepass`: every family that reads the whole tree
        takes the bytes of that one read).
        """
        cached = self._cache.get(path)
        if cached is not None:
            return cached
        if path in self.unreadable:
            return None
        entry = self._by_path.get(path)
        if entry is None:
            return None
        if entry.symlink_escapes:
            if entry.symlink_loop:
                problem = Unreadable(path, "symlink loop", "lien symbolique en boucle")
            else:
                problem = Unreadable(path, "symlink pointing outside the repository",
                                     "lien symbolique qui sort du dépôt")
            self.unreadable[path] = problem
            return None
        if entry.size > self.size_limit:
            megabytes = self.size_limit // (1024 * 1024)
            self.unreadable[path] = Unreadable(
                path, f"larger than the {megabytes} MB limit",
                f"plus gros que la limite de {megabytes} Mo",
            )
            return None
        try:
            data = _read_inside(self.root, entry, self.size_limit)
        except OSError as error:
            why = error.strerror or str(error)
            self.unreadable[path] = Unreadable(path, why, f"illisible ({why})")
            return None
        if keep and self._cacheable(len(data)):
            self._cache[path] = data
            self._cached_bytes += len(data)
        return data

    def _cacheable(self, size: int) -> bool:
        """Whether a file of `size` bytes, once read, is kept for the next family.

        The smallest files first: each family reads the tree in its own order, and a
        file read again costs an open and a few checks (15 us) whatever its size. A
        cache filled in the listing's order held 1,500 of Orekit's 4,940 files, each
        other file being opened two to four times; the 32 MB hold its 4,600 smallest."""
        if self._cache_limit < 0:
            self._cache_limit = _largest_fitting(
                sorted(entry.size for entry in self.files
                       if not entry.is_symlink and entry.size <= self.size_limit),
                CACHE_BUDGET)
        return size <= self._cache_limit and self._cached_bytes + size <= CACHE_BUDGET

    def read_head(self, path: str, size: int = BINARY_SNIFF) -> bytes | None:
        """The first bytes of a file, even one above the size limit."""
        cached = self._cache.get(path)
        if cached is not None:
            return cached[:size]
        entry = self._by_path.get(path)
        if entry is None or entry.symlink_escapes:
            return None
        if entry.size <= self.size_limit and (entry.size <= size or self._cacheable(entry.size)):
            # Read whole while the cache has room: the next family will want the bytes.
            data = self.read_bytes(path)
            return None if data is None else data[:size]
        try:
            with _open_inside(self.root, entry) as handle:
                head: bytes = handle.read(size)
                return head
        except OSError:
            return None

    def open(self, path: str) -> BinaryIO:
        """A listed file opened for reading in pieces (one above the size limit too),
        never through a link leaving the tree; OSError otherwise."""
        entry = self._by_path.get(path)
        if entry is None or entry.symlink_escapes:
            raise OSError(errno.ENOENT, "not a readable file of the snapshot")
        return _open_inside(self.root, entry)

    def read_text(self, path: str) -> str | None:
        data = self.read_bytes(path)
        if data is None or is_binary(data):
            return None
        return decode_text(data)

    def is_binary(self, path: str) -> bool:
        head = self.read_head(path)
        return head is not None and is_binary(head)

def _largest_fitting(sizes: list[int], budget: int) -> int:
    """The largest size such that every one up to it (`sizes` ascending) fits in
    `budget` together."""
    total = 0
    for size in sizes:
        if total + size > budget:
            return size - 1
        total += size
    return sizes[-1] if sizes else 0


def is_binary(data: bytes) -> bool:
    """git's own rule: a NUL byte in the first 8000 bytes makes a file binary."""
    return b"\0" in data[:BINARY_SNIFF]


def _read_inside(root: Path, entry: FileEntry, limit: int) -> bytes:
    """The bytes, never more than `limit` (the file may have grown since it was listed)."""
    # the size listed and a byte more, not `limit` bytes (read_listed): a read holds all
    # it may get first, and 5 MB for each of 64,000 files, shrunk once read, left
    # malloc's heap in pieces (the whole check's peak 21 MB higher)
    path, follow = _inside(root, entry)
    data = read_listed(path, entry.size, limit, follow=follow, inode=entry.inode,
                       device=entry.device)
    if len(data) > limit:
        raise OSError(errno.EFBIG, "grew past the size limit while being read")
    return data


def _open_inside(root: Path, entry: FileEntry) -> BinaryIO:
    """Open a listed file without ever leaving the tree."""
    path, follow = _inside(root, entry)
    return open_regular(path, follow=follow, inode=entry.inode, device=entry.device)


def _inside(root: Path, entry: FileEntry) -> tuple[str | Path, bool]:
    """Where a listed file is opened, and whether a link there is followed.

    Listings never descend into symlinked folders, so a plain entry is opened directly
    with O_NOFOLLOW (fast, and a file swapped for a symlink since listing is refused);
    a symlink entry is resolved and checked first.
    """
    if entry.is_symlink:
        try:
            full = (root / entry.path).resolve()
        except RuntimeError as error:  # Python before 3.13 raises this on a loop
            raise OSError(errno.ELOOP, "symlink loop") from error
        if not full.is_relative_to(root):
            raise OSError(0, "symlink pointing outside the repository")
        return full, True
    # Swapped for a FIFO since the listing, the file would block the read: refused.
    # (A string: a Path per file read costs more than the read of a small file.)
    return f"{root}/{entry.path}", False


# -- building a snapshot ------------------------------------------------------------


def checked_root(path: str | os.PathLike[str]) -> Path:
    """The folder to scan, resolved; RepositoryError when it is not a folder."""
    root = Path(path)
    if not root.exists():
        raise RepositoryError(
            Text(f"{path} : fichier ou dossier introuvable", f"{path}: no such file or directory")
        )
    if not root.is_dir():
        raise RepositoryError(Text(f"{path} : ce n'est pas un dossier", f"{path}: not a directory"))
    named = os.fspath(path)  # a working folder since removed: no getcwd for an absolute path
    if _linked_out(named if os.path.isabs(named) else os.path.join(os.getcwd(), named)):
        raise RepositoryError(Text(
            f"{path} : un lien symbolique de son dépôt qui en sort : pas lu (nommez le "
            "dossier lui-même)",
            f"{path}: a symbolic link of its repository leading out of it: not read (name "
            "the folder itself)"))
    resolved = root.resolve()
    usercache.checking(_checkout_of(str(resolved)))  # never its caches
    return resolved


def _checkout_of(folder: str) -> str:
    """The checkout whose cache folders a check of `folder` never uses: the outermost
    checkout (`safefile.checkout_top(outermost=True)`: a submodule's is the one that
    checked it out) when every repository on the way holds the next part, else the
    first part that the repository around it does not track. A CI job's
    `OPENCHECK_PATH: app`, a submodule (a gitlink of its outer repository) are their
    checkout's, where a merge request may have committed a cache; a plain project or a
    linked worktree under a home folder kept in git, which the dotfiles repository does
    not hold, are their own, and the user's cache folder in that home stays in use."""
    top = checkout_top(folder, outermost=True)
    inner = folder
    while inner != top:
        own = os.path.lexists(os.path.join(inner, ".git"))
        around = checkout_top(os.path.dirname(inner) if own else inner)
        if gittracked.anything(Path(around), os.path.relpath(inner, around)) is False:
            return inner
        inner = around
    return top


def _linked_out(named: str) -> bool:
    """Whether the folder `named` (absolute, not normalised: `link/..` is the link
    target's parent) is reached through a link that a git work tree's repository tracks
    and that leads out of that work tree. The checkout's files are its repository's: the
    GitLab template and the Action check a folder of a merge request's checkout
    (OPENCHECK_PATH, `path`), which the change could make a link to another project of
    the runner. A link git does not hold is the user's to follow: one made outside any
    work tree, or in a home folder kept in git (`~/projects -> /data/projects`, which
    the dotfiles repository does not track)."""
    parts = Path(named).parts
    real = parts[0]
    for part in parts[1:]:
        step = os.path.join(real, part)
        folder, real = real, os.path.realpath(step)
        if os.path.islink(step) and _committed_way_out(folder, step, real):
            return True
    return False


def _committed_way_out(folder: str, link: str, target: str) -> bool:
    """Whether `link` (in the real folder `folder`, leading to `target`) leaves the
    checkout it lies in (`checkout_top(outermost=True)`: a submodule's link may lead
    into its outer checkout) and the repository holding it tracks it as a link, or
    cannot say."""
    top = checkout_top(folder, outermost=True)
    if not os.path.lexists(os.path.join(top, ".git")) or \
            os.path.commonpath([target, top]) == top:
        return False
    holder = checkout_top(folder)
    return gittracked.link(Path(holder), os.path.relpath(link, holder)) is not False


# git found a repository for the folder but takes it for no work tree of it: `core.bare`
# or a `core.worktree` naming another folder, in a configuration the repository wrote.
NOT_ITS_WORK_TREE = ("git takes this folder for no work tree of its repository "
                     "(core.bare or core.worktree in .git/config)")


WAITS = ("a pipe or a device git would wait on forever, or a file it would take minutes "
         "to read, never read")


def open_repository(
    path: str | os.PathLike[str],
    size_limit: int = DEFAULT_SIZE_LIMIT,
    exclude: Iterable[str] = (),
    listed: Iterable[tuple[str, int]] | None = None,
    tags_from: Path | None = None,
) -> Repository:
    """The snapshot of the folder `path`. With `listed` (path, size), the tree is those
    files, of which the folder holds only some (the merge base's listing, its few files
    a rule reads written out of git): the others are listed at their size, and a read
    of one fails as an unreadable file's would; its only git is the tags of the
    checkout `tags_from`, when given."""
    root = checked_root(path)
    if listed is not None:
        return _listed_repository(root, size_limit, exclude, listed, tags_from)
    git_info: GitInfo | None = None
    git_error: str | None = None
    names: list[str] | None = None
    waiting = gitwait.blocking_file(root)
    probed = gitlayout.probe(root) if waiting is None else None
    if waiting is not None:
        # git would wait on it forever, call after call: no git at all
        git_error = f"{WAITS}: {printable(waiting, one_line=True)}"
        names = _walk(root)
    elif probed is not None and not probed.work_tree:
        git_error = NOT_ITS_WORK_TREE  # the history is there all the same
    elif probed is not None or _inside_git_work_tree(root):
        try:
            layout = gitlayout.inspect(root, probed)
            names = _git_listing(root, probed)
            git_info = _git_metadata(root, layout, probed)
        except gitlayout.ForeignGitDir as error:
            raise RepositoryError(error.text) from error
        except GitError as error:
            git_error = str(error)
            names = None
    if names is None:
        names = _plain_listing(root)
    excluded = exclusion(tuple(exclude))
    entries: list[FileEntry] = []
    not_files: list[str] = []
    inside = _inside_tree(root)
    devices: dict[int, int] = {}
    for name in sorted(set(names)):
        if excluded(name) or not inside(name):
            continue
        entry = _entry(root, name, devices)
        if entry is not None:
            entries.append(entry)
        elif os.path.lexists(root / name):
            not_files.append(name.rstrip("/"))
    return Repository(
        root=root, files=entries, git=git_info, git_error=git_error, size_limit=size_limit,
        not_files=not_files,
    )


def _listed_repository(root: Path, size_limit: int, exclude: Iterable[str],
                       listed: Iterable[tuple[str, int]],
                       tags_from: Path | None) -> Repository:
    excluded = exclusion(tuple(exclude))
    inside = _inside_tree(root)
    devices: dict[int, int] = {}
    entries: list[FileEntry] = []
    for name, size in sorted(set(listed)):
        if excluded(name) or not inside(name):
            continue
        written = _entry(root, name, devices) if os.path.lexists(f"{root}/{name}") else None
        entries.append(written or FileEntry(name, size))
    git = None if tags_from is None else GitInfo(
        head=None, branch=None, remotes={}, shallow=False, toplevel=root,
        read_tags=TagReader(tags_from))
    return Repository(root=root, files=entries, git=git, size_limit=size_limit)


def _inside_tree(root: Path) -> Callable[[str], bool]:
    """Whether a listed name stays in the tree. git lists what its index says, and a
    forged `.git/index` can name `../x` or `link/x` through a symlinked folder: the
    file would be read (and reported) from outside the scanned folder. git itself never
    lists a file through a symlink; each folder is looked at once (one lstat).

    A name's folders are looked up from the deepest, up to the first one already
    judged: building every prefix of every name cost the square of its depth; a name
    takes a few Python steps whatever its depth (tests/hostile/test_deep_paths.py)."""
    # folder -> whether it, or a folder above it, is a symlink
    linked: dict[str, bool] = {"": False}

    def inside(name: str) -> bool:
        name = name.rstrip("/")
        # an empty, `.` or `..` part, found by three searches (not a loop per part)
        framed = f"/{name}/"
        if "//" in framed or "/./" in framed or "/../" in framed:
            return False
        unknown = []
        folder = name.rpartition("/")[0]
        while folder not in linked:
            unknown.append(folder)
            folder = folder.rpartition("/")[0]
        above = linked[folder]
        for folder in reversed(unknown):
            above = above or os.path.islink(f"{root}/{folder}")
            linked[folder] = above
        return not above
    return inside


@functools.lru_cache(maxsize=8)
def exclusion(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether `.opencheck.yml`'s `exclude` covers a path: a glob, a folder (with or
    without a trailing `/`) or `folder/**`; made once per list (`globs.py`: the list
    is the repository's, and each path asked each glob in turn was paths x globs).
    The snapshot and the engine both use it."""
    if not patterns:
        return lambda path: False
    stripped = [pattern.rstrip("/") for pattern in patterns]
    matches = any_glob(stripped)
    folders = Under(PurePosixPath(folder).parts for folder in (
        *stripped, *(pattern[:-3] for pattern in stripped if pattern.endswith("/**"))))
    return lambda path: matches(path) or folders.holds(PurePosixPath(path).parts)


def _entry(root: Path, name: str, devices: dict[int, int]) -> FileEntry | None:
    """The entry of a listed name; `devices` holds one object per device met."""
    try:  # a string, not a Path: thousands of files, one lstat each
        info = os.lstat(f"{root}/{name}")
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        full = root / name
        if _loops(full):
            return FileEntry(name, 0, is_symlink=True, symlink_escapes=True,
                             symlink_loop=True)
        try:
            target = full.resolve()
            escapes = not target.is_relative_to(root)
        except (OSError, RuntimeError):
            escapes = True
        if escapes:
            return FileEntry(name, 0, is_symlink=True, symlink_escapes=True)
        try:
            target_info = target.stat()
        except OSError:
            return FileEntry(name, 0, is_symlink=True, symlink_escapes=False)
        if not stat.S_ISREG(target_info.st_mode):
            return None
        return FileEntry(name, target_info.st_size, is_symlink=True,
                         inode=target_info.st_ino,
                         device=devices.setdefault(target_info.st_dev, target_info.st_dev))
    if not stat.S_ISREG(info.st_mode):
        return None
    return FileEntry(name, info.st_size, inode=info.st_ino,
                     device=devices.setdefault(info.st_dev, info.st_dev))


def _loops(link: Path) -> bool:
    """Whether following the link comes back on itself (a stat: no file is opened)."""
    try:
        os.stat(link)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _inside_git_work_tree(root: Path) -> bool:
    """Whether git finds a repository for `root` that it should be read with."""
    try:
        out = run_git(root, "rev-parse", "--is-inside-work-tree", "--is-inside-git-dir",
                      timeout=30)
    except GitError as error:
        # A broken repository still gets reported, and so does one above the folder
        # that git refuses because someone else owns it (safe.directory names only
        # the folder asked for): the report then says why git was not used.
        return (root / ".git").exists() or "dubious ownership" in str(error)
    _, _, git_dir = out.decode("ascii", "replace").partition("\n")
    if git_dir.strip() == "true":
        # Scanned as a folder, git's own files (hooks samples, config) would be judged
        # as the project's: say what to do instead.
        raise RepositoryError(Text(
            f"{root} : c'est un dépôt git nu ou un dossier .git, sans arborescence de "
            "travail ; vérifiez un clone : git clone <dépôt> <dossier>",
            f"{root}: a bare git repository or a .git folder, with no working tree; "
            "check a clone: git clone <repository> <folder>",
        ))
    # git found a repository but takes this folder for no work tree of it (`core.bare`,
    # or `core.worktree` naming another folder): its history is still here, so the
    # narrower questions that follow fail and say why, never "not a repository".
    return True


def _git_listing(root: Path, probed: gitlayout.Probe | None) -> list[str]:
    out = run_git(
        root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name"
    )
    if probed is not None:
        prefix = probed.prefix
    else:
        prefix = run_git(root, "rev-parse", "--show-prefix").decode("utf-8", "replace")
    prefix = prefix.strip()
    names = [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]
    if prefix:
        names = [name[len(prefix):] for name in names if name.startswith(prefix)]
    return names


def _plain_listing(root: Path) -> list[str]:
    """Files of a folder without git, honouring its .gitignore files.

    git itself applies the ignore rules, through an empty repository kept outside the
    folder, so that nothing is written into the scanned tree.
    """
    import tempfile  # a plain folder only

    with tempfile.TemporaryDirectory(prefix="opencheck-") as scratch:
        try:
            run_git(Path(scratch), "init", "--quiet", "--bare", scratch, timeout=30)
            out = run_git(
                root,
                f"--git-dir={scratch}",
                f"--work-tree={root}",
                "ls-files", "-z", "--others", "--exclude-standard",
            )
        except GitError:
            return _walk(root)
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def _walk(root: Path) -> list[str]:
    names: list[str] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = [d for d in subdirs if d != ".git"]
        for file in files:
            names.append(Path(directory, file).relative_to(root).as_posix())
    return names


def _head_and_branch(root: Path,
                     probed: gitlayout.Probe | None) -> tuple[str | None, str | None]:
    """HEAD's commit and its branch (None when detached): asked with the work tree's
    facts (`gitlayout.probe`), else in one git start. With no commit yet git refuses
    HEAD (the probe then has none): the two are asked apart.

    `--abbrev-ref=loose` shortens the name as `symbolic-ref --short` does (`heads/x`
    only when a ref checked before branches has the same short name); a detached HEAD
    reads `HEAD`. The final `--` keeps a file named HEAD from being taken for a path."""
    if probed is not None and probed.head is not None:
        head, branch = probed.head
        return head, (None if branch == "HEAD" else branch)
    if probed is None:
        try:
            out = run_git(root, "rev-parse", "HEAD", "--abbrev-ref=loose", "HEAD", "--")
        except GitError:
            out = b""
        lines = out.decode().split("\n")
        if len(lines) == 4 and lines[2:] == ["--", ""] and lines[0] and lines[1]:
            return lines[0], (None if lines[1] == "HEAD" else lines[1])
    head_out = run_git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    branch_out = run_git(root, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    return head_out.decode().strip() or None, branch_out.decode().strip() or None


def _git_metadata(root: Path, layout: GitLayout, probed: gitlayout.Probe | None) -> GitInfo:
    head, branch = _head_and_branch(root, probed)
    remotes: dict[str, str] = {}
    for line in run_git(root, "remote", "-v").decode("utf-8", "replace").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            remotes.setdefault(parts[0], redact(parts[1]))
    if probed is not None:
        shallow = probed.shallow
    else:
        shallow = run_git(root, "rev-parse", "--is-shallow-repository").strip() == b"true"
    # A tag's date and signature are read from its object: not in a partial clone.
    tags = None if layout.objects_unavailable else TagReader(root)
    return GitInfo(head, branch, remotes, shallow, layout.toplevel, layout, tags)


_TAG_FORMAT = "%00".join((
    "%(refname:short)", "%(*objectname)", "%(objectname)", "%(creatordate:unix)",
    "%(contents:signature)", "%(*committerdate:unix)",
))
_TAG_ARGS = ("for-each-ref", "--sort=creatordate", f"--format={_TAG_FORMAT}%01", "refs/tags")
_TAG_SECONDS = 120.0  # run_git's time limit


class TagReader:
    """What reads the tags (`GitInfo.read_tags`): `git for-each-ref` when first asked,
    or the one `start` started ahead (`checks/history.start_tags`), on a core the run
    leaves idle while it reads the tree: 13,793 tags took 0.46 s of git, asked for in
    the middle of the rules. The tags are the same either way."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.started: StartedStream | None = None

    def start(self) -> StartedTags:
        self.started = StartedStream(self.root, *_TAG_ARGS, timeout=_TAG_SECONDS)
        return StartedTags(self)

    def __call__(self) -> list[Tag]:
        started, self.started = self.started, None
        if started is None:
            return _git_tags(run_git(self.root, *_TAG_ARGS, timeout=_TAG_SECONDS)
                             .split(b"\x01"))
        return _git_tags(started.records(b"\x01"))  # records() stops the git when done


class StartedTags:
    """The tags' git started ahead, as the run holds it (`registry.Started`): closed at
    the run's end, it stops that git if no rule read the tags."""

    def __init__(self, reader: TagReader) -> None:
        self.reader = reader

    def close(self) -> None:
        started, self.reader.started = self.reader.started, None
        if started is not None:
            started.close()


def _git_tags(records: Iterable[bytes]) -> list[Tag]:
    """The tags of `for-each-ref`'s records (each ended by \\x01, then a newline)."""
    tags: list[Tag] = []
    for raw in records:
        fields = raw.decode("utf-8", "replace").strip("\n").split("\0")
        if len(fields) < 6 or not fields[0]:
            continue
        name, peeled, obj, created, signature, _ = fields
        date = int(created) if created.strip().isdigit() else 0
        tags.append(Tag(name, peeled or obj, date, bool(signature.strip())))
    return tags
