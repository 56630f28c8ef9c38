# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every use of the `reuse` library lives here; the rest of opencheck sees dataclasses.

The verdicts are those of `reuse lint`, computed differently for speed:

- The covered files are taken from the snapshot's listing (which git already filtered)
  and reuse's own ignore patterns, instead of walking the tree and asking git again.
  Without git (or when git cannot list ignored files, see `_git_ignores_apply`), the
  tree is walked as `reuse lint` walks it (nothing is git-ignored).
- File bytes come from the snapshot, read once for every check.
- A file whose raw bytes hold no `SPDX-`, `Copyright` or `©` marker in any encoding
  reuse may decode it with carries no information: it is not parsed at all.
- A file whose first 2 KiB are ASCII or UTF-8 text is decoded as UTF-8, which is what
  libmagic (reuse's encoding detector) answers for it; other files go through reuse's
  own detection. The extraction itself (comment handling, ignore blocks, SPDX
  expressions, copyright notices) is always reuse's code.
- REUSE.toml / dep5 lookups, the `.license` sidecar rule and the precedence between
  them follow reuse's `Project.reuse_info_of`.
- reuse's REUSE.toml and dep5 readers (with tomlkit, attrs and python-debian) are
  imported only when the repository has such a file, and its `Project` not at all
  (`_Licences` holds the little of it the analysis needs): most repositories have
  neither file, and importing them cost a small check a tenth of its time.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import platform
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from reuse import __REUSE_version__, __version__
from reuse._licenses import EXCEPTION_MAP, LICENSE_MAP
from reuse._util import _add_plus_to_identifier, _strip_plus_from_identifier
from reuse.copyright import CopyrightNotice, ReuseInfo
from reuse.covered_files import _IGNORE_DIR_PATTERNS, _IGNORE_FILE_PATTERNS

from opencheck import globindex, linearglob
from opencheck.gitcmd import GitError, run_git
from opencheck.lineends import survey_deferred
from opencheck.oneline import comment_break
from opencheck.repository import FileEntry, Repository
from opencheck.safefile import open_regular

if TYPE_CHECKING:
    from types import ModuleType

    from reuse.global_licensing import (
        GlobalLicensing,
        NestedReuseTOML,
        PrecedenceType,
        ReuseTOML,
    )

SPEC_VERSION: str = __REUSE_version__
TOOL_VERSION: str = __version__
DEP5 = ".reuse/dep5"

# reuse logs through the root logger's last-resort handler when nobody configured
# logging; its warnings (unknown licence file names...) become findings here instead.
logging.getLogger("reuse").addHandler(logging.NullHandler())
logging.getLogger("reuse").propagate = False

_ASCII_MARKERS = (b"SPDX-", b"Copyright")
_COPYRIGHT_SIGN = b"\xa9"  # ©, in ISO-8859-1 (and the last byte of it in UTF-8)
_UTF8_COPYRIGHT_SIGN = "\u00a9".encode()
# reuse.extract's HEURISTICS_CHUNK_SIZE, the head its encoding detection reads (a test
# holds them equal; importing reuse.extract costs 0.03 s)
HEURISTICS_CHUNK_SIZE = 2 * 1024
_NEWLINES = re.compile(r"\r\n?")
# libmagic's `text_chars` for 7-bit bytes: BEL..CR, ESC and printable ASCII are text.
_ASCII_TEXT = bytes([7, 8, 9, 10, 11, 12, 13, 27, *range(0x20, 0x7F)])
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF7_SIGNATURE = b"+/v"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff")  # UTF-32's start so too
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class FileVerdict:
    """What `reuse lint` concludes about one covered file."""

    path: str
    has_copyright: bool
    licences: tuple[str, ...]
    invalid_expressions: tuple[str, ...] = ()
    missing_licences: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # The names of the SPDX copyright tags written in the file (or its .license), as
    # reuse reads them: what the project declared itself, file by file. A plain
    # "Copyright" line may be a copied library's, a REUSE.toml entry a bulk declaration.
    holders: tuple[str, ...] = ()

    @property
    def has_licensing(self) -> bool:
        return bool(self.licences)


@dataclass(frozen=True)
class ConfigProblem:
    """A REUSE configuration `reuse lint` refuses (it stops without linting)."""

    path: str
    # "parse", "conflict", "duplicate-licence", "unreadable", "too-large" (the files'
    # size), "too-many-tries" (their globs against the files)
    kind: str
    detail: str


@dataclass
class ReuseAnalysis:
    spec_version: str = SPEC_VERSION
    tool_version: str = TOOL_VERSION
    global_licensing: str | None = None  # "REUSE.toml", ".reuse/dep5" or None
    global_files: list[str] = field(default_factory=list)
    config_problem: ConfigProblem | None = None
    files: list[FileVerdict] = field(default_factory=list)
    read_errors: dict[str, str] = field(default_factory=dict)
    licences: dict[str, str] = field(default_factory=dict)
    bad_licences: dict[str, str] = field(default_factory=dict)
    deprecated_licences: dict[str, str] = field(default_factory=dict)
    licences_without_extension: dict[str, str] = field(default_factory=dict)
    missing_licences: dict[str, list[str]] = field(default_factory=dict)
    unused_licences: dict[str, str] = field(default_factory=dict)
    used_licences: list[str] = field(default_factory=list)
    copyright_holders: Counter[str] = field(default_factory=Counter)
    parsed_files: int = 0

    @property
    def files_total(self) -> int:
        return len(self.files)

    @property
    def files_with_copyright(self) -> int:
        return sum(1 for verdict in self.files if verdict.has_copyright)

    @property
    def files_with_licensing(self) -> int:
        return sum(1 for verdict in self.files if verdict.has_licensing)

    @property
    def invalid_expressions(self) -> dict[str, tuple[str, ...]]:
        return {v.path: v.invalid_expressions for v in self.files if v.invalid_expressions}

    @property
    def compliant(self) -> bool:
        return self.config_problem is None and not (
            self.bad_licences or self.deprecated_licences or self.licences_without_extension
            or self.missing_licences or self.unused_licences or self.read_errors
            or self.invalid_expressions
            or any(not v.has_copyright or not v.has_licensing for v in self.files)
        )


# -- the covered files ----------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What reuse leaves out besides its name patterns (its lint options)."""

    submodules: tuple[str, ...] = ()  # empty with --include-submodules
    skip_meson_subprojects: bool = True  # False with --include-meson-subprojects
    root_name: str = ""  # a root named `subprojects` makes its folders subprojects


def is_covered(path: str, scope: Scope = Scope()) -> bool:
    """Whether reuse's ignore rules leave `path` (a regular, non-empty file) covered."""
    parts = path.split("/")
    name = parts[-1]
    if any(pattern.match(name) for pattern in _IGNORE_FILE_PATTERNS):
        return False
    return _directories_covered(parts[:-1], scope)


@functools.lru_cache(maxsize=1 << 16)
def _ignored_directory(name: str) -> bool:
    # Asked once per folder name, not per folder of each path: `a/a/a/…` 900 deep
    # matched reuse's five patterns 18 million times for 2,000 files.
    return any(pattern.match(name) for pattern in _IGNORE_DIR_PATTERNS)


def _directories_covered(directories: list[str], scope: Scope) -> bool:
    parent = scope.root_name
    for directory in directories:
        if _ignored_directory(directory):
            return False
        if scope.skip_meson_subprojects and parent == "subprojects":
            return False
        parent = directory
    prefix = "/".join(directories)
    return not any(prefix == sub or prefix.startswith(sub + "/") for sub in scope.submodules)


def _submodules(root: Path, repo: Repository) -> list[str]:
    """Submodule paths from .gitmodules, read by git as reuse does (but hardened)."""
    if not (root / ".gitmodules").is_file():
        return []
    try:
        out = run_git(root, "config", "-z", "--file", ".gitmodules",
                      "--get-regexp", r"\.path$", check=False)
    except GitError:
        return []
    paths = []
    for entry in out.decode("utf-8", "replace").split("\0"):
        lines = entry.splitlines()
        if len(lines) >= 2:
            paths.append(PurePosixPath(lines[1]).as_posix().strip("/"))
    return paths


@dataclass(frozen=True)
class _Candidate:
    path: str
    size: int
    regular: bool = True


def _git_ignores_apply(root: Path, repo: Repository) -> bool:
    """Whether reuse gets git's list of ignored files for this root.

    reuse asks `git ls-files --ignored --others --directory` and compares each path
    with its answer. Run from a folder git ignores (a subfolder of a repository), git
    answers `./` (or fails: "directory entry not superset of prefix", an exit status
    reuse does not look at), which matches no file: reuse then ignores nothing. Only a
    subfolder can be in that case, so only then is the question asked again.
    """
    if repo.git is None:
        return False
    if repo.git.toplevel.resolve() == root:
        return True
    try:
        out = run_git(root, "ls-files", "--exclude-standard", "--ignored", "--others",
                      "--directory", "--no-empty-directory", "-z")
    except GitError:
        return False
    entries = out.decode("utf-8", "surrogateescape").split("\0")
    return not any(entry and PurePosixPath(entry) == PurePosixPath(".") for entry in entries)


def _candidates(
    root: Path, repo: Repository, scope: Scope, git_ignores: bool
) -> Iterator[_Candidate]:
    """Files `reuse lint` would lint (REUSE.toml files included, filtered later)."""
    if not git_ignores:
        # Without git ignores, reuse excludes nothing on VCS grounds: walk as it does.
        yield from _walk(root, root, scope)
        return
    for entry in repo.files:
        if entry.is_symlink or entry.size == 0:
            continue
        if _directories_covered(entry.path.split("/")[:-1], scope):
            yield _Candidate(entry.path, entry.size)
    # What git listed but the snapshot holds no file for: an untracked nested
    # repository (git shows it as one folder, reuse walks into it), a gitlink that
    # .gitmodules does not name, a FIFO (a read error for reuse).
    for name in repo.not_files:
        full = root / name
        try:
            info = full.lstat()
        except OSError:
            continue
        parts = name.split("/")
        if stat.S_ISLNK(info.st_mode):
            continue
        if stat.S_ISDIR(info.st_mode):
            if _directories_covered(parts, scope):
                yield from _walk(root, full, scope)
        elif _directories_covered(parts[:-1], scope):
            yield _Candidate(name, info.st_size, stat.S_ISREG(info.st_mode))


def _walk(root: Path, start: Path, scope: Scope) -> Iterator[_Candidate]:
    """reuse's own walk (`covered_files.iter_files`), without VCS ignores."""
    for directory, subdirs, files in os.walk(start):
        base = Path(directory)
        kept = []
        for sub in subdirs:
            full = base / sub
            if full.is_symlink() or any(p.match(sub) for p in _IGNORE_DIR_PATTERNS):
                continue
            if scope.skip_meson_subprojects and base.name == "subprojects":
                continue
            if full.relative_to(root).as_posix() in scope.submodules:
                continue
            kept.append(sub)
        subdirs[:] = kept
        for name in files:
            full = base / name
            try:
                info = full.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                continue
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size == 0:
                continue
            yield _Candidate(full.relative_to(root).as_posix(), info.st_size, regular)


# -- reading ------------------------------------------------------------------------


class _Reader:
    """File bytes through the snapshot; from disk (inside the root) for the rest."""

    def __init__(self, root: Path, repo: Repository) -> None:
        self.root = root
        self.prefix = os.path.join(root, "")
        self.repo = repo

    def exists(self, path: str) -> bool:
        if self.repo.exists(path):
            return True
        return os.path.exists(self.prefix + path)

    def data(self, path: str) -> bytes | None:
        """The bytes, or None when the file is too big to hold (read it as a stream)."""
        if self.repo.exists(path):
            data = self.repo.read_bytes(path)
            if data is not None:
                return data
            problem = self.repo.unreadable.get(path)
            entry = self.repo.entry(path)
            if entry is not None and entry.size > self.repo.size_limit:
                return None
            raise OSError(0, problem.reason if problem else "cannot be read")
        with open_regular(self._inside(path)) as handle:  # never a FIFO or a device
            if os.fstat(handle.fileno()).st_size > self.repo.size_limit:
                return None
            return handle.read(self.repo.size_limit + 1)

    def stream(self, path: str) -> BinaryIO:
        return open_regular(self._inside(path))

    def _inside(self, path: str) -> Path:
        full = (self.root / path).resolve()
        if not full.is_relative_to(self.root):
            raise OSError(0, "symlink pointing outside the repository")
        return full


# -- extraction -----------------------------------------------------------------------


def _reuse_extract() -> ModuleType:
    """reuse's extraction module, imported when a file is first read for information:
    its import loads libmagic's database (0.01 s of CPU), for nothing in a repository
    where no file holds a marker. Its survey of every codec is deferred (`lineends`)."""
    loaded = sys.modules.get("reuse.extract")
    if loaded is not None:
        return loaded
    with _libmagic_named(), survey_deferred("reuse.extract"):
        import reuse.extract
    return reuse.extract


@contextlib.contextmanager
def _libmagic_named() -> Iterator[None]:
    """While python-magic is imported (by reuse.extract), `ctypes.util.find_library`
    names `libmagic.so.1` at once when that library loads here, as python-magic's own
    loader tries next on Linux: asked of `ldconfig -p`, it started that program twice
    in every check that reads a file's REUSE information."""
    if sys.platform != "linux" or "magic" in sys.modules or not _libmagic_loads():
        yield
        return
    import ctypes.util

    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return "libmagic.so.1" if name == "magic" else original(name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _libmagic_loads() -> bool:
    import ctypes

    try:
        ctypes.CDLL("libmagic.so.1")
    except OSError:
        return False
    return True


_MAGIC_NAMES = ("python-magic", "file-magic")


def _encoding_is_magic() -> bool:
    """Whether reuse detects encodings with libmagic (python-magic or file-magic).

    reuse takes the module REUSE_ENCODING_MODULE names, else the first of libmagic's,
    charset_normalizer and chardet that imports (libmagic's is skipped on Windows).
    When libmagic's is wanted and imports, that is the answer without importing
    reuse.extract; any other case is asked of reuse itself (a test compares them).
    """
    loaded = sys.modules.get("reuse.extract")
    wanted = os.environ.get("REUSE_ENCODING_MODULE")
    if loaded is None and wanted in (None, "", "magic", *_MAGIC_NAMES) \
            and platform.system() != "Windows" and _magic_imports():
        return True
    return bool(_reuse_extract()._get_encoding_module_name() in _MAGIC_NAMES)


def _magic_imports() -> bool:
    """Whether `import magic` succeeds (what reuse.extract would import first).

    python-magic finds libmagic with `ctypes.util.find_library`, which runs `ldconfig -p`
    (twice in its import: 0.02 to 0.03 s of CPU, a tenth of a small check's), then
    loads what it found or, on Linux, `libmagic.so.1`. So where the `magic` installed
    is python-magic and `libmagic.so.1` loads here, its import succeeds: that is asked
    of the dynamic loader directly. Every other case imports the module."""
    import importlib.util

    spec = importlib.util.find_spec("magic")
    if spec is None:
        return False
    folders = spec.submodule_search_locations or ()
    if sys.platform == "linux" and any(os.path.isfile(os.path.join(folder, "loader.py"))
                                       for folder in folders) and _libmagic_loads():
        return True
    try:
        import magic  # noqa: F401
    except ImportError:
        return False
    return True


def cannot_hold_info(data: bytes, magic: bool) -> bool:
    """True when reuse can find no REUSE information in these bytes, whatever it does.

    reuse only looks at lines holding `SPDX-…:`, `Copyright` or `©`. Decoded with any
    encoding libmagic may report for NUL-free bytes (ASCII, UTF-8, ISO-8859-1, or
    UTF-8 as a fallback), such a line needs one of the raw markers; UTF-16/32 text of
    these characters has NUL bytes, and UTF-7 (the one encoding that could hide them)
    is only chosen for text starting with its signature. With another detector, only
    7-bit text is filtered.

    A file whose head is UTF-8 text is read as UTF-8 (`extract`), where © is the two
    bytes C2 A9: a lone A9 byte there (the end of every `é`) marks nothing, so French
    text without a marker is not parsed either (nor reuse's extraction imported).
    """
    if b"\0" in data or data.startswith(_UTF7_SIGNATURE):
        return False
    if any(marker in data for marker in _ASCII_MARKERS):
        return False
    if magic and head_is_utf8_text(data[:HEURISTICS_CHUNK_SIZE]):
        return _UTF8_COPYRIGHT_SIGN not in data  # a cut chunk only loses a ©, never adds one
    if _COPYRIGHT_SIGN in data:
        return False
    return magic or data.isascii()


def binary_to_libmagic(head: bytes) -> bool:
    """Whether libmagic calls this chunk's encoding "binary", known without asking it
    (0.4 ms a chunk): a NUL byte is text in none of the encodings it tries (ASCII,
    UTF-8, ISO-8859, extended ASCII, EBCDIC), and only UTF-16 and UTF-32 text holds one,
    which it recognises by the byte-order mark only. On the 31,418 chunks of the real
    sets that reuse would give libmagic (images' and fonts' metadata saying "Copyright",
    ISO-8859 sources), libmagic said "binary" for each of the 30,624 this answers."""
    return b"\0" in head and not head.startswith(_UTF16_BOMS)


def head_is_utf8_text(head: bytes) -> bool:
    """Whether libmagic calls this chunk "us-ascii" or "utf-8" (reuse reads UTF-8).

    libmagic's rules: every 7-bit byte is a text character, and the high bytes form
    valid UTF-8 sequences (the last one may be cut off by the end of the chunk) with
    at least one complete; a BOM, a UTF-7 signature or a single byte gets another
    answer. Python's
    decoder is stricter than libmagic, so a chunk accepted here is accepted there too;
    anything else goes to libmagic itself.
    """
    if len(head) < 2 or head.startswith((_UTF7_SIGNATURE, _UTF8_BOM)):
        return False  # libmagic calls a 1-byte file "very short", i.e. binary
    rest = head.translate(None, _ASCII_TEXT)
    if not rest:
        return True
    if rest.translate(None, _HIGH_BYTES):
        return False  # a control character: libmagic says binary or something else
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason != "unexpected end of data" or error.end != len(head):
            return False
        complete = head[: error.start]
        return not complete.isascii()
    return True


def extract(data: bytes, magic: bool) -> ReuseInfo:
    """reuse's `reuse_info_of_file` on bytes already in memory, on bounded text."""
    rx = _reuse_extract()
    head = data[:HEURISTICS_CHUNK_SIZE]
    if magic and binary_to_libmagic(head):
        return ReuseInfo()  # what reuse makes of a file libmagic calls binary
    if not (magic and head_is_utf8_text(head)):
        return read_info(io.BytesIO(data))
    newline = rx.detect_newline(head, encoding="utf_8")
    if len(data) <= rx.CHUNK_SIZE:
        chunks: Iterable[bytes] = (data,)
    else:
        chunks = rx._read_chunks(io.BytesIO(data), rx.CHUNK_SIZE, rx.LINE_SIZE,
                                 newline.encode())
    return _info_of_chunks(chunks, "utf_8")


def read_info(handle: BinaryIO) -> ReuseInfo:
    """`reuse_info_of_file`, step by step, with the extraction's input bounded."""
    rx = _reuse_extract()
    position = handle.tell()
    head = handle.read(HEURISTICS_CHUNK_SIZE)
    handle.seek(position)
    encoding = rx.detect_encoding(head)
    if encoding is None:
        return ReuseInfo()  # binary
    newline = rx.detect_newline(head, encoding=encoding).encode(encoding)
    return _info_of_chunks(rx._read_chunks(handle, rx.CHUNK_SIZE, rx.LINE_SIZE, newline),
                           encoding)


def _info_of_chunks(chunks: Iterable[bytes], encoding: str) -> ReuseInfo:
    extract_reuse_info = _reuse_extract().extract_reuse_info
    infos = []
    in_ignore_block = False
    budget = MarkerBudget()
    for chunk in chunks:
        text = _NEWLINES.sub("\n", chunk.decode(encoding, errors="replace"))
        text, in_ignore_block = without_ignored_blocks(text, in_ignore_block)
        infos.append(extract_reuse_info(budget.marker_lines(text)))
    return ReuseInfo().union(*infos)


def without_ignored_blocks(text: str, in_block: bool) -> tuple[str, bool]:
    """reuse's `filter_ignore_block`, quirks included, in one pass.

    reuse's own function recurses once per block and copies the rest of the text each
    time: a chunk of 2,000 empty blocks exceeds Python's recursion limit (exit 3).
    """
    rx = _reuse_extract()
    start_marker, end_marker = rx.REUSE_IGNORE_START, rx.REUSE_IGNORE_END
    kept: list[str] = []
    position = 0
    while True:
        found = text.find(start_marker, position)
        start = found if found >= 0 else (position if in_block else -1)
        end = text.find(end_marker, position)
        if start < 0:
            kept.append(text[position:])
            return "".join(kept), False
        kept.append(text[position:start])
        if end < 0:
            return "".join(kept), True
        if start < end + len(end_marker):
            position = end + len(end_marker)
        else:  # an end marker before the start marker: reuse looks past the start
            end = text.find(end_marker, start + len(start_marker))
            if end < 0:
                return "".join(kept), True
            position = end + len(end_marker)
        in_block = False


# reuse's patterns backtrack: one line of a licence-identifier tag with `MIT` and 3 KB of
# blanks takes it a minute, a long line of `"/>` is quadratic, and even plain header
# lines cost it 0.2 ms each. Its result is a set built line by line from the lines that
# hold a marker, so it is fed only those lines, each once, cut to a bounded window with
# blank runs squeezed, and at most MAX_MARKER_TEXT characters of them per file.
MAX_MARKER_LINE = 1024  # characters kept from the first marker on
MAX_MARKER_PREFIX = 64  # characters kept before it (the comment leader)
MAX_MARKER_TEXT = 32 * 1024
_TEXT_MARKERS = ("SPDX-", "Copyright", "\u00a9")
_BLANK_RUN = re.compile(r"[^\S\n]{4,}")


def _lines_with_markers(text: str) -> Iterator[str]:
    """The lines of `text` (split at newlines) that hold a marker, in order: found by
    searching the markers through the whole text, not each line of a file for each
    (a Java project of 5,000 files spent a sixth of its check on that)."""
    starts = set()
    for marker in _TEXT_MARKERS:
        found = text.find(marker)
        while found >= 0:
            starts.add(text.rfind("\n", 0, found) + 1)
            end = text.find("\n", found)
            if end < 0:
                break
            found = text.find(marker, end)  # the rest of this line is kept already
    for start in sorted(starts):
        end = text.find("\n", start)
        yield text[start:] if end < 0 else text[start:end]


_BLANKS = re.compile(r"[^\S\n]*")


def marker_window(line: str) -> str:
    """The line with its blank runs squeezed, cut to the window around its first marker:
    `_BLANK_RUN.sub(" ", line)[max(0, f - MAX_MARKER_PREFIX):f + MAX_MARKER_LINE]`, f
    the first marker's place there. Only what the window needs is squeezed: a PDF read
    as Latin-1 (each A9 byte a ©) has megabyte lines, each squeezed whole for a
    kilobyte. A marker holds no blank, so no run crosses it, nor any cut made at the
    start or end of a run."""
    first = min(i for i in map(line.find, _TEXT_MARKERS) if i >= 0)
    return _squeezed_tail(line, first, MAX_MARKER_PREFIX) + \
        _squeezed_head(line, first, MAX_MARKER_LINE)


def _squeezed_head(line: str, start: int, size: int) -> str:
    """`_BLANK_RUN.sub(" ", line[start:])[:size]`, squeezing no more than it needs."""
    end = start + 2 * size
    while end < len(line):
        run = _BLANKS.match(line, end)  # past the run the cut may fall in (it matches
        end = run.end() if run else end  # an empty run too: never None)
        squeezed = _BLANK_RUN.sub(" ", line[start:end])
        if len(squeezed) >= size:
            return squeezed[:size]
        end = start + 2 * (end - start)
    return _BLANK_RUN.sub(" ", line[start:])[:size]


def _squeezed_tail(line: str, stop: int, size: int) -> str:
    """The last `size` characters of `_BLANK_RUN.sub(" ", line[:stop])`, squeezing no more
    than they need (`line[stop]` is no blank)."""
    begin = stop - 2 * size
    while begin > 0:
        if not line[begin].strip() and not line[begin - 1].strip():
            begin = len(line[:begin].rstrip())  # back to the start of the run
        squeezed = _BLANK_RUN.sub(" ", line[begin:stop])
        if len(squeezed) >= size:
            return squeezed[len(squeezed) - size:]
        begin = stop - 2 * (stop - begin)
    squeezed = _BLANK_RUN.sub(" ", line[:stop])
    return squeezed[max(0, len(squeezed) - size):]


class MarkerBudget:
    """The lines of a file that reuse may read, within the bounds above."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.left = MAX_MARKER_TEXT

    def marker_lines(self, text: str) -> str:
        kept = []
        for line in _lines_with_markers(text):
            if len(line) > MAX_MARKER_LINE or "  " in line or "\t" in line:
                line = marker_window(line)
            if line in self.seen or len(line) > self.left:
                continue
            self.seen.add(line)
            self.left -= len(line)
            kept.append(line)
        return "\n".join(kept)


# -- global licensing -------------------------------------------------------------------


class _ConfigError(Exception):
    def __init__(self, problem: ConfigProblem) -> None:
        super().__init__(problem.detail)
        self.problem = problem


def _config_text(reader: _Reader, path: str) -> str:
    try:
        data = reader.data(path)
        if data is None:
            raise OSError(0, "too big")
        text = data.decode("utf-8")
    except OSError as error:
        raise _ConfigError(ConfigProblem(path, "unreadable", error.strerror or str(error))) \
            from error
    except UnicodeDecodeError as error:
        raise _ConfigError(ConfigProblem(path, "parse", str(error))) from error
    return _NEWLINES.sub("\n", text)  # what open() in text mode does for reuse


def _load_global_licensing(
    root: Path, reader: _Reader, toml_paths: list[str], budget: globindex.Budget
) -> GlobalLicensing | None:
    has_dep5 = os.path.exists(root / DEP5)
    if has_dep5 and toml_paths:
        raise _ConfigError(ConfigProblem(
            toml_paths[0], "conflict",
            f"both '{toml_paths[0]}' and '{DEP5}' are present; they cannot be kept together",
        ))
    if not has_dep5 and not toml_paths:
        return None
    from debian.copyright import Copyright
    from debian.copyright import Error as DebianError
    from reuse.global_licensing import NestedReuseTOML, ReuseDep5, ReuseTOML

    size = _ConfigSize()
    if has_dep5:
        text = size.read(reader, DEP5)
        try:
            copyright = Copyright(io.StringIO(text))
            for paragraph in copyright.all_files_paragraphs():
                _linear(paragraph, "files_pattern", paragraph.files_pattern,
                        linearglob.dep5_matcher, called=True)
            _index_dep5(copyright, budget)
            return ReuseDep5(str(root / DEP5), copyright)
        except (DebianError, ValueError) as error:
            raise _ConfigError(ConfigProblem(DEP5, "parse", str(error))) from error
    tomls = []
    for path in toml_paths:
        text = size.read(reader, path)
        try:
            # each annotation's expression is never compiled: _TomlLookup matches globs
            tomls.append(ReuseTOML.from_toml(text, str(root / path)))
        except Exception as error:  # tomlkit and attrs raise many kinds
            raise _ConfigError(ConfigProblem(path, "parse", str(error))) from error
    return NestedReuseTOML(reuse_tomls=tomls, source=str(root))


def reuse_toml_problem(text: str) -> str | None:
    """Why reuse would refuse this REUSE.toml text (TOML, keys, globs), or None."""
    from reuse.global_licensing import ReuseTOML

    try:
        ReuseTOML.from_toml(text, "REUSE.toml")
    except Exception as error:  # tomlkit and attrs raise many kinds
        return str(error) or type(error).__name__
    return None


# tomlkit and python-debian read about 0.5 MB a second, and each REUSE.toml costs half
# a millisecond more: the configuration files read are at most 1 MiB together, each
# counted as 512 bytes at least (2,048 files). The largest known, Nextcloud's REUSE.toml,
# has 45 KB.
MAX_CONFIG_BYTES = 1024 * 1024
MIN_CONFIG_COST = 512


@dataclass
class _ConfigSize:
    total: int = 0

    def read(self, reader: _Reader, path: str) -> str:
        """The file's text, or a `too-large` problem once the files read pass the cap."""
        entry = reader.repo.entry(path)
        if entry is not None:  # known before reading it
            self._count(path, entry.size)
        text = _config_text(reader, path)
        if entry is None:
            self._count(path, len(text))
        return text

    def _count(self, path: str, size: int) -> None:
        self.total += max(size, MIN_CONFIG_COST)
        if self.total > MAX_CONFIG_BYTES:
            raise _ConfigError(ConfigProblem(path, "too-large", (
                f"the REUSE configuration files read reach {self.total:,} bytes; "
                f"opencheck reads at most {MAX_CONFIG_BYTES:,}")))


class _LinearPattern:
    """Stands for a glob's compiled expression where reuse and python-debian use it
    (`match`, `fullmatch`): the same answers in linear time (`linearglob.py`)."""

    def __init__(self, test: Callable[[str], bool], pattern: str) -> None:
        self.test, self.pattern = test, pattern

    def match(self, text: str) -> bool | None:
        return True if self.test(text) else None

    fullmatch = match


def _linear(owner: object, name: str, compiled: Callable[[], Any],
            reader: Callable[[str], Callable[[str], bool] | None],
            called: bool = False) -> None:
    """Give `owner` (an annotation of REUSE.toml, a Files paragraph of dep5) a linear
    matcher in place of the expression its library compiled from a repository's glob,
    which backtracks (`**a**a**a**b`: hours on one long path). Set on the instance:
    reuse's items are frozen, and a method of the paragraph is shadowed."""
    try:
        expression = compiled()
    except Exception:  # an invalid glob: the library says so where it meets it
        return
    test = reader(expression.pattern) if expression is not None else None
    if test is None:
        return  # not an expression either library writes: left as it is
    linear = _LinearPattern(test, expression.pattern)
    object.__setattr__(owner, name, (lambda: linear) if called else linear)


class _TomlLookup:
    """reuse's `NestedReuseTOML.reuse_info_of`, through an index of each REUSE.toml's
    globs (`globindex.py`) and a tree of the folders that hold one.

    reuse tries every annotation of every REUSE.toml on each file (and asks each
    REUSE.toml whether the file is below it): 5,000 annotations against 5,000 files
    took minutes. The answer is reuse's: the last matching annotation of each REUSE.toml
    above the file, topmost first, an override ending the search, then only the closest
    copyright and licence kept among the `closest` ones (tested against reuse's own).
    """

    def __init__(self, root: Path, licensing: NestedReuseTOML, budget: globindex.Budget) -> None:
        self.folders: dict[str, Any] = {}  # name -> (subfolders, [(prefix, toml, index)])
        self.here: list[tuple[str, ReuseTOML, globindex.GlobIndex]] = []
        for toml in licensing.reuse_tomls:
            prefix = _toml_prefix(root, toml)
            source = prefix + "REUSE.toml"
            index = globindex.GlobIndex(source, final_newline=True, budget=budget)
            for ordinal, item in enumerate(toml.annotations):
                for glob in item.paths:
                    expression = reuse_glob_expression(glob)
                    index.add(ordinal, linearglob.tokens(expression),
                              functools.partial(_reuse_test, expression))
            self._place(prefix).append((prefix, toml, index))

    def _place(self, prefix: str) -> list[tuple[str, ReuseTOML, globindex.GlobIndex]]:
        node: tuple[dict[str, Any], list[Any]] = (self.folders, self.here)
        for name in prefix.split("/")[:-1]:
            node = node[0].setdefault(name, ({}, []))
        return node[1]

    def _above(self, path: str) -> list[tuple[str, ReuseTOML, globindex.GlobIndex]]:
        """The REUSE.toml files of the folders above `path`, topmost first."""
        found = list(self.here)
        node: tuple[dict[str, Any], list[Any]] | None = (self.folders, self.here)
        for name in path.split("/")[:-1]:
            node = node[0].get(name) if node is not None else None
            if node is None:
                break
            found.extend(node[1])
        return found

    def reuse_info_of(self, path: str) -> dict[PrecedenceType, list[ReuseInfo]]:
        from reuse.copyright import SourceType
        from reuse.global_licensing import PrecedenceType

        result: dict[PrecedenceType, list[ReuseInfo]] = {}
        for prefix, toml, index in self._above(path):
            relative = path[len(prefix):]
            ordinal = index.last(relative)
            if ordinal is None:
                continue
            item = toml.annotations[ordinal]
            result.setdefault(item.precedence, []).append(ReuseInfo(
                spdx_expressions=item.spdx_expressions,
                copyright_notices=item.copyright_notices,
                path=path, source_path=prefix + "REUSE.toml",
                source_type=SourceType.REUSE_TOML,
            ))
            if item.precedence == PrecedenceType.OVERRIDE:
                break
        closest = result.pop(PrecedenceType.CLOSEST, [])
        # reuse's clean-up: only the deepest copyright and licence of `closest` stay
        copyright_found = licence_found = False
        kept: list[ReuseInfo] = []
        for info in reversed(closest):
            new_info = info.copy(copyright_notices=set(), spdx_expressions=set())
            if not copyright_found and info.copyright_notices:
                new_info = new_info.copy(copyright_notices=info.copyright_notices)
                copyright_found = True
            if not licence_found and info.spdx_expressions:
                new_info = new_info.copy(spdx_expressions=info.spdx_expressions)
                licence_found = True
            if new_info.contains_copyright_or_licensing():
                kept.append(new_info)
        if kept:
            result[PrecedenceType.CLOSEST] = list(reversed(kept))
        return result


def reuse_glob_expression(glob: str) -> str:
    """The expression reuse's `AnnotationsItem._paths_regex` writes for one glob (its
    `translate`, tested equal), without compiling the item's whole alternation."""
    blocks: list[str] = []
    escaping = globstar = False
    previous = ""
    for char in glob:
        if char == "\\":
            if previous == "\\" and escaping:
                escaping = False
                blocks.append("\\\\")
            else:
                escaping = True
        elif char == "*":
            if escaping:
                blocks.append(re.escape("*"))
                escaping = False
            elif previous == "*" and not globstar:
                globstar = True
                blocks.append(".*")
        elif char == "/":
            if not globstar:
                if previous == "*":
                    blocks.append("[^/]*")
                blocks.append("/")
            escaping = False
        else:
            if previous == "*" and not globstar:
                blocks.append("[^/]*")
            blocks.append(re.escape(char))
            globstar = escaping = False
        previous = char
    if previous == "*" and not globstar:
        blocks.append("[^/]*")
    return "".join(blocks)


def _reuse_test(expression: str) -> globindex.Test:
    """reuse's test of one glob: its own expression, or linearglob's if it backtracks."""
    whole = f"^({expression})$"
    linear = linearglob.reuse_matcher(whole)
    if linear is not None:
        return linear
    compiled = re.compile(whole)
    return lambda path: compiled.match(path) is not None


def _dep5_test(expression: str) -> globindex.Test:
    """python-debian's test of one glob, as `FilesParagraph.matches` makes it."""
    linear = linearglob.dep5_matcher(expression)
    if linear is not None:
        return linear
    compiled = re.compile(expression, re.MULTILINE | re.DOTALL)
    return lambda name: compiled.fullmatch(name) is not None


def _index_globs(
    index: globindex.GlobIndex, ordinal: int, pattern: str, whole: globindex.Test,
    split: Callable[[str], list[str] | None], test: Callable[[str], globindex.Test],
) -> None:
    """File each glob of one annotation (or Files paragraph) whose library expression
    is `pattern`; an expression of an unknown form is tried whole (`whole`)."""
    alternatives = split(pattern)
    if alternatives is None:
        index.add(ordinal, None, lambda: whole)
        return
    for alternative in alternatives:
        index.add(ordinal, linearglob.tokens(alternative),
                  functools.partial(test, alternative))


def _index_dep5(copyright: Any, budget: globindex.Budget) -> None:
    """python-debian's `find_files_paragraph` (the last paragraph whose Files match)
    through an index, set on this `Copyright`: it tried every paragraph on each file."""
    paragraphs = list(copyright.all_files_paragraphs())
    index = globindex.GlobIndex(DEP5, final_newline=False, budget=budget)
    for ordinal, paragraph in enumerate(paragraphs):
        try:
            pattern = paragraph.files_pattern()
        except Exception:  # an invalid glob: python-debian raises it on every look-up
            copyright.find_files_paragraph = paragraph.matches
            return
        if pattern is None:
            continue  # matches nothing
        _index_globs(index, ordinal, pattern.pattern, paragraph.matches,
                     lambda text: linearglob.dep5_alternatives(text), _dep5_test)

    def find_files_paragraph(filename: str) -> Any:
        ordinal = index.last(filename)
        return None if ordinal is None else paragraphs[ordinal]

    copyright.find_files_paragraph = find_files_paragraph


def _global_info(
    licensing: GlobalLicensing | None, lookup: _TomlLookup | None, path: str
) -> dict[PrecedenceType, list[ReuseInfo]]:
    if lookup is not None:
        return lookup.reuse_info_of(path)
    if licensing is None:
        return {}
    return dict(licensing.reuse_info_of(path))


def _combine(
    global_results: dict[PrecedenceType, list[ReuseInfo]], file_info: ReuseInfo
) -> list[ReuseInfo]:
    """The precedence rules of the REUSE spec, as `Project.reuse_info_of` applies them."""
    if not global_results:  # no REUSE.toml or dep5 entry for the file
        return [file_info] if file_info.contains_info() else []
    from reuse.global_licensing import PrecedenceType

    result = [
        *global_results.get(PrecedenceType.OVERRIDE, []),
        *global_results.get(PrecedenceType.AGGREGATE, []),
    ]
    if file_info.contains_info():
        result.append(file_info)
    closest = global_results.get(PrecedenceType.CLOSEST, [])
    if not file_info.contains_copyright_or_licensing():
        result.extend(closest)
    elif file_info.contains_copyright_xor_licensing() and closest:
        if file_info.copyright_notices:
            result.append(closest[0].copy(copyright_notices=set()))
        else:
            result.append(closest[0].copy(spdx_expressions=set()))
    return result


# -- the analysis ---------------------------------------------------------------------


class _Expressions:
    """Parsing an SPDX expression is costly and the same few repeat: parse each once."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[bool, list[str]]] = {}

    def parse(self, expression: Any) -> tuple[bool, list[str]]:
        # Keyed by the source text: SpdxExpression's str() and == both parse it.
        text = expression._text
        known = self._cache.get(text)
        if known is None:
            known = (bool(expression.is_valid), list(expression.licenses))
            self._cache[text] = known
        return known


def analyse(
    repo: Repository, include_submodules: bool = False, include_meson_subprojects: bool = False
) -> ReuseAnalysis:
    """Lint the snapshot as `reuse lint` (with the same two options) would, file by file."""
    linter = Linter(repo, include_submodules, include_meson_subprojects)
    for entry in repo.files:
        if linter.wants(entry):
            linter.take(entry, None)  # read when the file's turn comes
    return linter.result()


def _same_identifier(root: Path) -> str:
    """The licence texts that share an identifier: `LICENSES/MIT.md, LICENSES/MIT.txt`."""
    by_id: dict[str, list[str]] = {}
    for full in _licence_texts(root):
        if not full.name.endswith(".license") and not full.name.startswith("."):
            by_id.setdefault(full.stem, []).append(_relative(root, full))
    clashes = [sorted(paths) for paths in by_id.values() if len(paths) > 1]
    return "; ".join(", ".join(paths) for paths in sorted(clashes))


def _licence_texts(root: Path) -> list[Path]:
    """The files of `LICENSES/`, as reuse's `LICENSES/**` glob finds them, except that
    no link is followed out of the tree, and no link to a folder at all.

    reuse's glob follows every link: `LICENSES -> /usr` walked the machine, and
    `LICENSES/a -> .` with `LICENSES/b -> .` made the glob explode. A link to a file
    inside the tree is kept, as reuse keeps it.
    """
    top = root / "LICENSES"
    try:
        if not top.resolve(strict=True).is_relative_to(root) or not top.is_dir():
            return []
    except (OSError, RuntimeError):
        return []
    found: list[Path] = []
    for directory, _subdirs, files in os.walk(top):  # never enters a linked folder
        for name in sorted(files):
            full = Path(directory, name)
            try:
                target = full.resolve(strict=True)
            except (OSError, RuntimeError):
                continue  # a dangling link or a loop
            if target.is_relative_to(root) and target.is_file():
                found.append(full)
    return found


@dataclass
class _Licences:
    """What the analysis needs of reuse's `Project`: its map of known licence and
    exception identifiers (LicenseRef texts found in LICENSES/ are added to it) and
    the texts named without an extension (`LICENSES/MIT`)."""

    root: Path
    license_map: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {**LICENSE_MAP, **EXCEPTION_MAP})
    licenses_without_extension: dict[str, Path] = field(default_factory=dict)

    def identifier_of(self, path: Path) -> str | None:
        """`Project._identifier_of_license`: the file's stem when it has an extension
        and the stem is a known identifier or a LicenseRef; else None."""
        if path.suffix and (path.stem in self.license_map
                            or _reuse_extract()._LICENSEREF_PATTERN.match(path.stem)):
            return path.stem
        return None


def _find_licences(root: Path, project: _Licences) -> dict[str, Path]:
    """reuse's `Project._find_licenses` over `_licence_texts` instead of its glob.

    Same identifiers, same side effects on the project (licences without extension,
    LicenseRef texts added to its licence map), same error on a duplicate.
    """
    licences: dict[str, Path] = {}
    for path in _licence_texts(root):
        if path.suffix == ".license":
            continue
        identifier = project.identifier_of(path)
        if identifier is None:
            if path.name in project.license_map:  # `LICENSES/MIT`: known, no extension
                identifier = path.name
                project.licenses_without_extension[identifier] = path
            else:
                identifier = path.stem
        if identifier in licences:
            raise RuntimeError(f"Multiple licenses resolve to {identifier}")
        licences[identifier] = path
        if _reuse_extract()._LICENSEREF_PATTERN.match(identifier) \
                and "Unknown" not in identifier:
            project.license_map[identifier] = {
                "reference": str(path), "isDeprecatedLicenseId": False, "detailsUrl": None,
                "referenceNumber": None, "name": identifier, "licenseId": identifier,
                "seeAlso": [], "isOsiApproved": None,
            }
    return licences


def _toml_prefix(root: Path, toml: ReuseTOML) -> str:
    directory = Path(toml.source).parent.relative_to(root).as_posix()
    return "" if directory == "." else directory + "/"


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class Linter:
    """`reuse lint`, the configuration read when made, then file by file: in the
    listing's order as the run's one read of the tree hands each file's bytes over
    (a `treepass.TreeReader`), the rest (what git listed but the snapshot holds no file
    for, or a walk without git) at the end; `result()` is the analysis."""

    def __init__(self, repo: Repository, include_submodules: bool = False,
                 include_meson_subprojects: bool = False) -> None:
        root = repo.root
        self.analysis = analysis = ReuseAnalysis()
        self.reader = reader = _Reader(root, repo)
        self.covered: list[_Candidate] = []
        self.next = 0  # covered[next] is the next file to lint
        self.asked = 0  # covered[asked] is the next file `wants` waits for
        self.stopped: globindex.TooMuchWork | None = None
        submodules = _submodules(root, repo) if repo.git and not include_submodules else []
        scope = Scope(tuple(submodules), not include_meson_subprojects, root.name)
        candidates = list(_candidates(root, repo, scope, _git_ignores_apply(root, repo)))
        toml_paths = [c.path for c in candidates if c.regular and c.path.rsplit("/", 1)[-1]
                      == "REUSE.toml"]
        # reuse applies its file-name patterns to regular files only.
        covered = [
            c for c in candidates
            if not c.regular or is_covered(c.path, scope)
        ]
        self.count = len(covered)
        try:
            budget = globindex.Budget.for_paths(c.path for c in covered)
            licensing = _load_global_licensing(root, reader, toml_paths, budget)
            self.project = project = _Licences(root)
            try:
                licences = _find_licences(root, project)
            except RuntimeError as error:  # reuse's message does not name the identifier
                raise _ConfigError(ConfigProblem(
                    "LICENSES", "duplicate-licence", _same_identifier(root) or str(error)
                )) from error
        except _ConfigError as error:
            analysis.config_problem = error.problem
            return
        lookup = None
        if licensing is not None:  # then reuse.global_licensing is imported already
            from reuse.global_licensing import NestedReuseTOML

            if isinstance(licensing, NestedReuseTOML):
                analysis.global_licensing = "REUSE.toml"
                analysis.global_files = toml_paths
                lookup = _TomlLookup(root, licensing, budget)
            else:
                analysis.global_licensing = DEP5
                analysis.global_files = [DEP5]
        analysis.licences = {lic: _relative(root, path) for lic, path in licences.items()}
        self.covered = covered
        self.files = _FileLinter(analysis, reader, licensing, lookup, set(licences))

    def wants(self, entry: FileEntry) -> bool:
        covered = self.covered
        if self.asked < len(covered) and covered[self.asked].path == entry.path:
            self.asked += 1
            return True
        return False

    def take(self, entry: FileEntry, data: bytes | None) -> None:
        """Lint the next covered file, `entry`, from `data` when given (else read)."""
        if self.stopped is not None:
            return
        candidate = self.covered[self.next]
        self.next += 1
        try:
            self.files.lint(candidate, data)
        except globindex.TooMuchWork as error:  # the configuration's: nothing is judged
            self.stopped = error
            self.covered, self.asked = [], 0

    def result(self) -> ReuseAnalysis:
        if self.analysis.config_problem is not None:
            return self.analysis
        try:
            if self.stopped is not None:
                raise self.stopped
            while self.next < len(self.covered):
                self.next += 1
                self.files.lint(self.covered[self.next - 1], None)
        except globindex.TooMuchWork as error:
            return ReuseAnalysis(config_problem=ConfigProblem(error.source, "too-many-tries", (
                f"matching its globs against the {self.count:,} files takes more than "
                f"{error.allowed:,} steps")))
        self.files.finish()
        _project_level(self.analysis, self.project)
        return self.analysis


class _FileLinter:
    """Each file's verdict, in the order the files come."""

    def __init__(
        self,
        analysis: ReuseAnalysis,
        reader: _Reader,
        licensing: GlobalLicensing | None,
        lookup: _TomlLookup | None,
        licences: set[str],
    ) -> None:
        self.analysis = analysis
        self.reader = reader
        self.licensing = licensing
        self.lookup = lookup
        self.licences = licences
        self.magic = _encoding_is_magic()
        self.expressions = _Expressions()
        self.used: set[str] = set()
        self.missing: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}

    def lint(self, candidate: _Candidate, data: bytes | None) -> None:
        """`data`: the file's bytes when already read, else None."""
        analysis = self.analysis
        path = candidate.path
        try:
            infos, file_source = _infos_of(candidate, self.reader, self.licensing, self.lookup,
                                           self.magic, analysis, data)
        except globindex.TooMuchWork:
            raise  # the configuration's, not the file's
        except Exception as error:  # reuse lint counts any failure as a read error
            analysis.read_errors[path] = getattr(error, "strerror", None) or str(error)
            return
        found: list[str] = []
        invalid: list[str] = []
        absent: list[str] = []
        has_copyright = False
        holders: list[str] = []
        sources = [file_source] if file_source else []
        for info in infos:
            if info.copyright_notices:
                has_copyright = True
                for notice in info.copyright_notices:
                    analysis.copyright_holders[notice.name] += 1
                    if _written_in_file(info, notice):  # one string per name
                        holders.append(self.names.setdefault(notice.name, notice.name))
            if info.source_path and info.source_type is not None \
                    and info.source_path not in sources:
                sources.append(info.source_path)
            for expression in info.spdx_expressions:
                valid, identifiers = self.expressions.parse(expression)
                if not valid:
                    invalid.append(str(expression))
                    continue
                for identifier in identifiers:
                    variants = {identifier, _strip_plus_from_identifier(identifier)}
                    if not variants & self.licences and identifier not in absent:
                        absent.append(identifier)
                    found.append(identifier)
        self.used.update(found)
        for identifier in absent:
            self.missing.setdefault(identifier, []).append(path)
        analysis.files.append(FileVerdict(
            path, has_copyright, tuple(found), tuple(sorted(set(invalid))),
            tuple(absent), tuple(sources), tuple(dict.fromkeys(holders)),
        ))

    def finish(self) -> None:
        analysis = self.analysis
        analysis.used_licences = sorted(self.used)
        analysis.missing_licences = {lic: sorted(paths)
                                     for lic, paths in sorted(self.missing.items())}


def _written_in_file(info: ReuseInfo, notice: CopyrightNotice) -> bool:
    from reuse.copyright import SourceType

    return info.source_type not in (SourceType.REUSE_TOML, SourceType.DEP5) \
        and notice.prefix.value.startswith("SPDX-FileCopyrightText")


def _infos_of(
    candidate: _Candidate,
    reader: _Reader,
    licensing: GlobalLicensing | None,
    lookup: _TomlLookup | None,
    magic: bool,
    analysis: ReuseAnalysis,
    data: bytes | None = None,
) -> tuple[list[ReuseInfo], str | None]:
    """The file's REUSE information, and where in the file tree it was found. `data`:
    the file's bytes when already read (not its `.license`'s)."""
    path = candidate.path
    if not candidate.regular:
        raise OSError(0, "not a regular file")
    global_results = _global_info(licensing, lookup, path)
    if global_results and _overrides(global_results):
        return _combine(global_results, ReuseInfo()), None
    sidecar = f"{path}.license"
    source = sidecar if reader.exists(sidecar) else path
    file_info = _read_info(reader, source, magic, analysis,
                           data if source == path else None)
    return _combine(global_results, file_info), source if file_info.contains_info() else None


def _overrides(global_results: dict[PrecedenceType, list[ReuseInfo]]) -> bool:
    from reuse.global_licensing import PrecedenceType

    return PrecedenceType.OVERRIDE in global_results


def _read_info(reader: _Reader, path: str, magic: bool, analysis: ReuseAnalysis,
               data: bytes | None = None) -> ReuseInfo:
    if data is None:
        data = reader.data(path)
    if data is None:  # above the snapshot's size limit: stream it as reuse does
        with reader.stream(path) as handle:
            analysis.parsed_files += 1
            return read_info(handle)
    if cannot_hold_info(data, magic):
        return ReuseInfo()
    analysis.parsed_files += 1
    return extract(data, magic)


def _project_level(analysis: ReuseAnalysis, project: _Licences) -> None:
    root = project.root
    licence_map = project.license_map
    for lic, path in analysis.licences.items():
        if lic not in licence_map:
            analysis.bad_licences[lic] = path
        elif licence_map[lic].get("isDeprecatedLicenseId"):
            analysis.deprecated_licences[lic] = path
        if not ({lic, _add_plus_to_identifier(lic)} & set(analysis.used_licences)):
            analysis.unused_licences[lic] = path
    analysis.licences_without_extension = {
        lic: _relative(root, path) for lic, path in project.licenses_without_extension.items()
    }


def suggested_licence(analysis: ReuseAnalysis,
                      own: Callable[[str], bool] = lambda _path: True,
                      declared: str | None = None) -> str | None:
    """The licence the project's `own` files use most among those whose text is in
    LICENSES/ (a third-party file's licence is not the project's); else the licence the
    project `declared` (its LICENSE, manifests); else the one its files' headers use
    most. A header whose licence the project neither ships in LICENSES/ nor declares
    (pyproject.toml tagged CC0-1.0 in an MIT project) speaks for its file only.

    With no licence used yet, the only text of LICENSES/ if there is exactly one.
    """
    counts: Counter[str] = Counter()
    for verdict in analysis.files:
        if own(verdict.path):
            counts.update(verdict.licences)
    provided = Counter({lic: n for lic, n in counts.items() if lic in analysis.licences})
    if provided:
        return provided.most_common(1)[0][0]
    if declared:
        return declared
    if counts:
        return counts.most_common(1)[0][0]
    usable = [lic for lic in analysis.licences if lic not in analysis.bad_licences]
    if len(usable) == 1:
        return usable[0]
    return None



# -- writing headers (opencheck fix) --------------------------------------------------


def header_added(path: str, text: str, year: int, holder: str, licence: str) -> str | None:
    """`text` with a REUSE header (copyright line and licence) at its top, written in
    the comment style reuse uses for `path`'s type, as `reuse annotate` would.

    None when the type takes no comment (JSON, images...): the header then goes into a
    `path.license` file beside it. A file that already has a header keeps it; the
    missing line is added to it.
    """
    from reuse.comment import EmptyCommentStyle, UncommentableCommentStyle, get_comment_style
    from reuse.copyright import CopyrightNotice, SpdxExpression, YearRange
    from reuse.exceptions import CommentCreateError, MissingReuseInfoError
    from reuse.header import find_and_replace_header

    style = get_comment_style(path)
    if style is None or style in (UncommentableCommentStyle, EmptyCommentStyle):
        return None
    if comment_break(holder) is not None or comment_break(licence) is not None:
        return None  # it would end the comment: PHP's `?>`, `*/`... (oneline.py)
    info = ReuseInfo(
        spdx_expressions={SpdxExpression(licence)},
        copyright_notices={
            CopyrightNotice(holder, years=(YearRange.from_string(str(year)),))
        },
    )
    # As `reuse annotate` reads and writes a file: the BOM stays first (a U+FEFF after
    # the header is a syntax error in Python), lines end as the file's first line ending.
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    newline = next((ending for ending in ("\r\n", "\r", "\n") if ending in body), "\n")
    plain = body.replace("\r\n", "\n").replace("\r", "\n")
    try:
        headed = str(find_and_replace_header(plain, info, style=style, merge_copyrights=True))
    except (CommentCreateError, MissingReuseInfoError):
        return None
    return bom + (headed if newline == "\n" else headed.replace("\n", newline))


def sidecar_header(year: int, holder: str, licence: str) -> str:
    """The content of a `.license` file for a file that takes no comment."""
    # Tags built from parts, so that REUSE does not read them as this file's own.
    copyright_tag, licence_tag = "SPDX-" + "FileCopyrightText", "SPDX-" + "License-Identifier"
    return f"{copyright_tag}: {year} {holder}\n{licence_tag}: {licence}\n"
