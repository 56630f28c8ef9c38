# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files outside vendoring folders whose header names another copyright holder than
the project's: code copied in from elsewhere, under its own licence."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator

from opencheck.deps.identify import ROOT_LICENCE, identify
from opencheck.deps.model import RUNTIME, Dependency
from opencheck.deps.vendored import CODE_SUFFIXES, vendored_index
from opencheck.gitcmd import GitError, StartedStream, run_git
from opencheck.licensing.expressions import InvalidExpression, choices
from opencheck.licensing.holder import without_lead, wrapped_rest
from opencheck.repository import FileEntry, Repository
from opencheck.textdecode import decode_text

# The files whose heads are read: code, and the schemas and sources copied whole from
# another project with their notice (GTFS Realtime's `gtfs-realtime.proto` in an AGPL
# project; Thrift and FlatBuffers definitions; Scala, Groovy, Dart, C++ spellings).
HEAD_SUFFIXES = (*CODE_SUFFIXES, ".proto", ".thrift", ".fbs", ".scala", ".groovy", ".dart",
                 ".cxx", ".hxx", ".hh", ".mm")
ECOSYSTEM = "copied"
HEAD_BYTES = 3000
MAX_FILES = 20000
# Holders on at least this share of the files that name one are the project's own.
OWN_SHARE = 0.2
# A copyright notice: the SPDX tag, "Copyright" followed by a symbol or a year, or
# "Copyright" opening a (comment) line. "Add a copyright field to the media" or
# 'image_copyright' => 'Copyright for test image' is the word in prose or data, no holder.
_HOLDER = re.compile(
    r"(?:SPDX-FileCopyrightText:"
    r"|^[ \t]*(?:[/*#;!%-]+[ \t]*|<!--[ \t]*|\.\.[ \t]*)?Copyright\b"
    r"|\bCopyright\b(?=[ \t]*(?:\(c\)|©|\d{4})))"
    r"\s*(?::\s*)?(?:\(c\)|©|\(C\))?\s*"
    r"(?:\d{4}(?:\s*[-–,]\s*\d{4})*\s*,?\s*)?(?P<holder>[^\n*#]*)",
    re.IGNORECASE | re.MULTILINE,
)
# Punctuation first (the commonest, and no other branch starts with it), the words as
# a trie: the same replacements, at a third of the cost per character.
_NOISE = re.compile(r"[^\w\s<]|<(?:[^<>]*>)?|\d{4}"
                    r"|\b(?:a(?:ll rights reserved|nd contributors)|by|contributors)\b",
                    re.IGNORECASE)


def holder_key(holder: str) -> str:
    return " ".join(_NOISE.sub(" ", holder).lower().split())


# A second notice on the same line ("The Bootstrap Authors- Copyright 2011-2022
# Twitter, Inc."): the word opens another holder, after its symbol and years.
_ANOTHER = re.compile(r"\bcopyright\b", re.IGNORECASE)
# An abbreviation keeps its full stop ("Twitter, Inc."), a sentence's is dropped.
_ABBREVIATION = re.compile(r"(?:^|[\s,])(?:inc|ltd|co|corp|llc|gmbh|s\.?a|sas|e\.?v)\.$",
                           re.IGNORECASE)


def _written(holder: str) -> list[str]:
    """The holders a notice's text names, as written: one per "Copyright" it holds."""
    parts = _ANOTHER.split(holder)
    found = [without_lead(part) for part in parts]
    return [_tidy(part) for part in found if part.strip(" \t-–,;:.")]


# Doxygen's and LaTeX's line breaks written in a comment (`Children's Hospital Boston.\n`)
_MARKUP_BREAKS = ("\\n", "\\\\", "<br>", "<br/>", "<br />")


def _without_breaks(holder: str) -> str:
    cut = True
    while cut:
        cut = False
        for mark in _MARKUP_BREAKS:
            if holder.endswith(mark):
                holder, cut = holder[:-len(mark)].rstrip(), True
    return holder


# `Copyright (c) 2003-2005 by Peter Astrand`: the word before the holder is not theirs
_BY = re.compile(r"^(?:by|par)\s+", re.IGNORECASE)


def _tidy(holder: str) -> str:
    reserved = holder.lower().find("all rights reserved")
    if reserved >= 0:
        holder = holder[:reserved]
    holder = _BY.sub("", _without_breaks(holder.strip())).rstrip(" \t-–,;:")
    if holder.endswith(".") and not _ABBREVIATION.search(holder):
        holder = holder.rstrip(".")
    return holder


# "Copyright" opening a licence text's wrapped line is its prose, not a notice:
# " * COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM" (MIT), "Copyright notice and this
# permission notice", "copyright law".
_PROSE = frozenset(("notice", "notices", "holder", "holders", "owner", "owners", "law",
                    "laws", "license", "licence", "and", "or", "statement"))


# The word every notice holds, found as _HOLDER's case-insensitive literal finds it.
_COPYRIGHT = re.compile(r"copyright", re.IGNORECASE)
_SPDX_LEAD = len("SPDX-File")


def _places(text: str, word: str, pattern: re.Pattern[str]) -> list[int]:
    """Where `word` (lower case) stands in `text`, as `pattern`, the same word searched
    case-insensitively, finds it."""
    if not text.isascii():  # Unicode case folding ("ı" is an "i" to the pattern)
        return [match.start() for match in pattern.finditer(text)]
    lowered, found, at = text.lower(), [], 0  # no character changes place
    while (at := lowered.find(word, at)) >= 0:
        found.append(at)
        at += len(word)  # neither word overlaps itself
    return found


def _notice_starts(text: str) -> list[int]:
    """Where a notice may start: each "copyright" of the text, the start of its line
    (a comment line opening with it), and the start of an SPDX tag holding it. A
    notice starts nowhere else; these are a few places of a 3,000-character header,
    where trying _HOLDER at each character cost a quarter of a Java project's check."""
    starts = set()
    for word in _places(text, "copyright", _COPYRIGHT):
        starts.add(word)
        starts.add(text.rfind("\n", 0, word) + 1)
        if word >= _SPDX_LEAD:
            starts.add(word - _SPDX_LEAD)
    return sorted(starts)


def _matches_from(pattern: re.Pattern[str], text: str,
                  starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` gives, where no match can start but at `starts`
    (ascending): the pattern is tried there only, each match ending where the next
    may start, as finditer does."""
    after = 0
    for start in starts:
        if start < after:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            after = max(match.end(), start + 1)


# `copyright: string | null;` (a TypeScript interface of an API's records, in
# annuaire-entreprises), `copyright?: String`, `copyright: Optional[str]`: a field
# named copyright declared with its type.
_FIELD_TYPE = re.compile(r"\??:?[ \t]*(?:string|number|str|bool|boolean|any|unknown|null"
                         r"|undefined|optional|text|int|integer|list|dict|array|record)\b"
                         r"(?:[\[\]<>|?;, \t]|$)", re.IGNORECASE)


def _notices(text: str) -> Iterator[tuple[str, str]]:
    """(key, holder as written) of each holder the notices of a text name."""
    for match in _matches_from(_HOLDER, text, _notice_starts(text)):
        if match.group("holder").startswith("=") or _FIELD_TYPE.match(match.group("holder")):
            # `copyright = f"2025, {author}"` (Sphinx's conf.py), `$copyright => …`: a
            # variable named copyright set in code, its value an expression, no notice;
            # nor a field named so, declared with its type
            continue
        for holder in _written(wrapped_rest(match.group("holder"), text, match.end())):
            key = holder_key(holder)
            if key and len(key) > 2 and key.split()[0] not in _PROSE:
                yield key, holder


def holders_in(text: str) -> list[str]:
    return list(dict.fromkeys(key for key, _holder in _notices(text)))


def _display(text: str, key: str) -> str:
    """The holder as written in the file, for people, from its normalised key."""
    for found, holder in _notices(text):
        if found == key:
            return holder[:80]
    return key


def _same(a: str, b: str) -> bool:
    """The same holder when the words of one are all in the other ("DINUM" and
    "the DINUM team")."""
    words_a, words_b = _words(a), _words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


@functools.lru_cache(maxsize=4096)
def _words(key: str) -> frozenset[str]:
    # a file's holders are compared with each of the project's: split once each
    return frozenset(key.split())


# "Copyright 2002-2026 Guo Xiaozhong / Licensed to CS GROUP (CS) under one or more
# contributor license agreements": a contributor's file, licensed to the project's
# steward (Orekit's 408 files were listed as copied code). Tried only where the words
# start, the name bounded.
_LICENSED_TO = re.compile(r"\blicensed to ([^\n]{1,120}?)\s{1,40}under\s{1,40}one\s{1,40}or"
                          r"\s{1,40}more\b",
                          re.IGNORECASE)


_SHORT = re.compile(r"\(([^()]{1,20})\)\s*$")


_LICENSED_WORDS = re.compile(r"licensed to", re.IGNORECASE)


def _licensed_to(text: str) -> list[tuple[str, str]]:
    """The stewards a header says the file is licensed to under contributor agreements:
    (name, short name in brackets or ""), as keys."""
    found = []
    starts = _places(text, "licensed to", _LICENSED_WORDS)
    for match in _matches_from(_LICENSED_TO, text, starts):
        short = _SHORT.search(match.group(1))
        found.append((holder_key(match.group(1)), holder_key(short.group(1)) if short else ""))
    return found


_AUTHORS = ("log", "--format=%aN", "--max-count=50000")
_AUTHORS_TIMEOUT = 60.0


def _has_commits(repo: Repository) -> bool:
    return not (repo.git is None or repo.git.head is None or repo.git.objects_unavailable)


def start_authors(repo: Repository) -> StartedStream | None:
    """The commit authors' git started before they are asked for (on 31,000 commits
    git takes 0.3 s, meanwhile the run reads the tree); None without commits to read."""
    if not _has_commits(repo):
        return None
    return StartedStream(repo.root, *_AUTHORS, depth=4, timeout=_AUTHORS_TIMEOUT)


def git_authors(repo: Repository, started: StartedStream | None = None) -> set[str]:
    """The names of the commit authors: people who hold rights in the project itself;
    read from `started` (`start_authors`) when given."""
    if not _has_commits(repo):
        return set()
    try:
        if started is not None:
            lines = [line.decode("utf-8", "replace") for line in started.records(b"\n")]
        else:
            out = run_git(repo.root, *_AUTHORS, timeout=_AUTHORS_TIMEOUT)
            lines = out.decode("utf-8", "replace").splitlines()
    except GitError:
        return set()
    # one line per commit: each author's name keyed once (32,000 commits, 600 authors)
    names = {holder_key(name) for name in set(lines)}
    return {name for name in names if name}


class Heads:
    """The copyright holders in the heads of the code files (the first `MAX_FILES`
    of the listing), file after file: in the run's one read of the tree (a
    `treepass.TreeReader`), or alone (`collect`)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        # the authors' git when started ahead: `collect` reads it or stops it
        self.authors: StartedStream | None = None
        self.left = MAX_FILES  # `wants` is asked of every file, in the listing's order
        self.heads: dict[str, tuple[list[str], str]] = {}
        self.stewards: dict[str, list[tuple[str, str]]] = {}  # path -> _licensed_to

    def wants(self, entry: FileEntry) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        path = entry.path
        return path.endswith(HEAD_SUFFIXES) and vendored_index(path.split("/")) < 0

    def take(self, entry: FileEntry, data: bytes | None) -> None:
        path = entry.path
        head = data[:HEAD_BYTES] if data is not None else self.repo.read_head(path, HEAD_BYTES)
        if not head or b"\0" in head:
            return
        text = decode_text(head[:HEAD_BYTES])
        if len(head) >= HEAD_BYTES:  # a notice cut at the limit would name a cut holder
            text = text[:text.rfind("\n") + 1]
        holders = holders_in(text)
        if holders:
            self.heads[path] = (holders, text)
            self.stewards[path] = _licensed_to(text)

    def result(self) -> Heads:
        return self


# The comments a file opens with: where its notice and licence stand. The licence is
# read there, not in the whole head: many files of one project open with the same
# header over different code (Vitam's 1,060 files copied into speed-big: 100 headers,
# 3.7 s of matching, 0.3 s by header), each header matched once per run (at most
# HEADER_CACHE kept); and the code after it no longer makes the head a long text, of
# which the matcher keeps the first licence name only (jQuery's "Dual licensed under
# the MIT or GPL Version 2 licenses" was MIT).
HEADER_CACHE = 256
_LINE_COMMENTS = ("#", "//", "--")


def header_of(text: str) -> str:
    """The start of `text` made of comments and blank lines (a shebang is one): line
    comments, and blocks from `/*` to `*/`; it ends before the first line of code."""
    end, in_block = 0, False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if in_block or stripped.startswith("/*"):
            closing = stripped.find("*/", 0 if in_block else 2)
            in_block = closing < 0
            if not in_block and stripped[closing + 2:].strip():
                break  # code after the block on its line
        elif stripped and not stripped.startswith(_LINE_COMMENTS):
            break
        end += len(line)
    return text[:end]


class HeaderLicences:
    """The licence a head states (`identify`), read from its header, each header
    matched once; a header that states none (a notice after `set -e`, a licence in a
    Python docstring) leaves the head read whole, as the matcher reads any text."""

    def __init__(self) -> None:
        self.of_header = functools.lru_cache(maxsize=HEADER_CACHE)(identify)

    def __call__(self, text: str) -> str | None:
        header = header_of(text)
        stated = self.of_header(header) if header.strip() else None
        if stated is None and header != text:
            return self.of_header(text)  # a holder's sample is read again for its files
        return stated


# How many of a holder's files are read for the licence their heads state.
LICENCE_SAMPLE = 5
_LICENCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")
_NOT_IDS = frozenset({"and", "or", "with"})


# The CeCILL agreement (1.0 to 2.1) lets software under one version be distributed
# under a later one (article 12.3 of 2.0 and 2.1), and a header naming "the CeCILL
# license" without its version reads as the latest: one licence whatever its version.
# CeCILL-B and CeCILL-C are other licences.
_CECILL_VERSION = re.compile(r"^cecill-\d\.\d$")


def _licence_families(expression: str) -> set[str]:
    """The licences of an expression, a GNU one's `-only` or `-or-later` aside (a bare
    GNU text reads `-only`, a header `or any later version`: the same licence), and the
    CeCILL agreement's version."""
    found = set()
    for name in _LICENCE_ID.findall(expression.lower()):
        if name in _NOT_IDS:
            continue
        name = name.removesuffix("+").removesuffix("-only").removesuffix("-or-later")
        found.add("cecill" if _CECILL_VERSION.match(name) else name)
    return found


@functools.lru_cache(maxsize=256)
def _ways_to_comply(expression: str) -> tuple[str, ...]:
    """Each way to comply with a stated expression, its licences together, read by the
    SPDX parser (`(MIT OR GPL-2.0) AND CC-BY-4.0`: MIT with CC-BY-4.0, or GPL-2.0 with
    CC-BY-4.0; split as text on " OR ", it offered `(MIT`); what does not parse is one
    way, as stated."""
    try:
        return tuple(" ".join(way) for way in choices(expression))
    except InvalidExpression:
        return (expression,)


def _under_another_licence(holder: str, heads: dict[str, tuple[list[str], str]],
                           project: set[str], licence_of: HeaderLicences) -> bool:
    """Whether the heads of the files naming `holder` state a licence, none of them the
    project's alone: ORADAD's lz4/xxhash.c and xxhash.h, Yann Collet's under 'BSD 2-Clause
    License' in a GPL-3.0 project whose own files name no holder, were the project's
    own by their share of the files that name one (two of two). A licence beside the
    project's (Font Awesome's CSS, "Icons: CC BY 4.0 … Code: MIT License", in an MIT
    project) is another licence too; a choice that offers the project's licence (Element's
    "AGPL-3.0-only OR GPL-3.0-only OR LicenseRef-Element-Commercial" in Tchap, under
    AGPL-3.0) is the project's."""
    read = 0
    for holders, text in heads.values():
        if holder not in holders:
            continue
        stated = licence_of(text)
        if stated is None or any(_licence_families(way) <= project
                                 for way in _ways_to_comply(stated)):
            return False  # the project's licence alone, or among the choices offered
        read += 1
        if read >= LICENCE_SAMPLE:
            break
    return read > 0


def collect(repo: Repository, declared_holders: Iterable[str] = (),
            read: Heads | None = None, licence: str | None = None) -> list[Dependency]:
    """`read`: the heads, when the tree's one read gathered them already; `licence`: the
    project's, when known (a holder whose files say another is not the project's for
    being common)."""
    if read is None:
        read = Heads(repo)
        for entry in repo.files:
            if read.wants(entry):
                read.take(entry, None)
    authors, read.authors = read.authors, None
    try:
        return _copied(repo, declared_holders, read, licence, authors)
    finally:
        if authors is not None:
            authors.close()


def _copied(repo: Repository, declared_holders: Iterable[str], read: Heads,
            licence: str | None, authors: StartedStream | None) -> list[Dependency]:
    heads, stewards = read.heads, read.stewards
    if not heads:
        return []
    own = {holder_key(holder) for holder in declared_holders}
    for path in repo.paths():
        if "/" not in path and ROOT_LICENCE.match(path):
            own.update(holders_in((repo.read_text(path) or "")[:HEAD_BYTES]))
    counts = Counter(holder for holders, _ in heads.values() for holder in holders)
    # the steward many files are licensed to is the project's
    counts.update(name for found in stewards.values()
                  for name in {name for name, _short in found})
    project = _licence_families(licence) if licence else set()
    licence_of = HeaderLicences()
    own.update(h for h, n in counts.items() if n >= max(2, OWN_SHARE * len(heads))
               and not (project and _under_another_licence(h, heads, project, licence_of)))
    # and so is its short name, under which its old names go ("(CS)")
    own_short = {short for found in stewards.values() for name, short in found
                 if short and any(_same(name, mine) for mine in own)}
    candidates = {path: item for path, item in heads.items()
                  if not any(_same(holder, mine) for holder in item[0] for mine in own)}
    if candidates:
        own.update(git_authors(repo, authors))  # asked only when some file looks foreign
    found = []
    for path, (holders, text) in sorted(candidates.items()):
        if any(_same(holder, mine) for holder in holders for mine in own) or any(
                _same(name, mine) or short in own_short
                for name, short in stewards[path] for mine in own):
            continue
        licence = licence_of(text)
        found.append(Dependency(
            ECOSYSTEM, path, None, path, licence=licence,
            licence_source="header" if licence else None, scope=RUNTIME,
            detail="; ".join(_display(text, h) for h in holders),
        ))
    return found
