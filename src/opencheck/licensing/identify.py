# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which licence does a text hold? Offline, with a confidence and the alternatives.

1. Every reference text of the index is scored by how much of it the text contains
   (share of its word pairs found in the text); the best few go on.
2. For each of those, the stretch of the text that matches it best is found (a
   maximum-sum run: +1 for a word pair of the reference, -1 otherwise), so a preface,
   a filled-in copyright or deposit paragraph, or a second licence around it do not
   count. The Dice similarity of that stretch with the reference is the score.
3. Non-overlapping stretches above the threshold are the licences of the file; those
   that overlap an accepted one are its alternatives (BSD-2 inside BSD-3...). Versions
   of one licence that score within a few hundredths of each other on one stretch
   (CDDL 1.0 and 1.1, CeCILL 2.0 and 2.1) are told apart by the version the stretch's
   title declares, not by their clauses.
4. Outside the matched stretches, names in notices ("sous licence Ouverte 2.0") are
   read, and "or any later version" turns a bare GNU text into `-or-later`.
Text after a third-party heading ("Third-party code", "Composants tiers") is not the
project's licence and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import accumulate
from operator import sub

from opencheck.licensing.decode import decode_licence
from opencheck.licensing.index import Index, Reference, load_index
from opencheck.licensing.names import Named, family, named_licences
from opencheck.licensing.normalize import Words, words_of

TEXT_THRESHOLD = 0.80  # Dice score above which a stretch is that licence's text
PARTIAL_THRESHOLD = 0.50  # a recognisable part of a text (preface, cut appendix)
CANDIDATES = 12
RETRY_BELOW = 0.90
MIN_CONTAINMENT = 0.25
MIN_RARE = 8  # references with fewer rare word pairs are always compared in full
NAME_CONFIDENCE = 0.70
TAG_CONFIDENCE = 0.95
ALTERNATIVES = 3
MAX_NAMED = 3
LONG_TEXT = 250  # words: longer than any notice, a licence text of its own
FULL_TEXT_WORDS = 1000  # a text this long named by its title counts as a full text
MAX_TEXT = 512 * 1024  # a licence text is never this long; read only its start

# Possessive where giving back cannot help (what follows is a letter): else every line
# start retries every split of its leading marks and blanks.
_THIRD_PARTY = re.compile(
    r"^\W{0,6}+(?:#++\s*+)?(?:[\w .-]{0,40}\s)?(?:third[- ]party|3rd[- ]party|composants? tiers"
    r"|logiciels? tiers|code tiers|d[ée]pendances|bundled (?:software|code)"
    r"|additional licen[cs]es|other licen[cs]es|autres licences|externally maintained"
    r"|external (?:libraries|dependencies|code))\b.{0,60}$"
    r"|includes? (?:source code )?from the following third[- ]party"
    r"|includes the following third[- ]party",
    re.IGNORECASE | re.MULTILINE,
)
_DUAL = re.compile(
    r"\b(?:either|dual[- ]licen[cs]ed|dual licen[cs]e|double licence|at your (?:option|choice)"
    r"|choose|au choix|à votre choix|your choice|both licen[cs]es)\b",
    re.IGNORECASE,
)
# Possessive blanks: `\s+` then `\s*` around optional words split a run of blanks in
# every possible way (cubic: 80 KB of spaces after "or" took minutes).
_LATER = re.compile(
    r"(?:or|ou)\s++\(?(?:at your option|à votre (?:choix|convenance))?\)?\s*+(?:any|toute)\s+"
    r"(?:later|version ult[ée]rieure)|\bor[- ]later\b",
    re.IGNORECASE,
)
LATER_NOTICE = _LATER  # also read in notices outside the licence files (declarations.py)
# A line break and the next line's comment leader (`#`, `//`, ` * `, `--`, `;`, `!` of
# Fortran, `%`): a notice pasted into a source file wraps "either version 3 of the
# License, or\n# (at your option) any later version" under them (CNES/openbach). One
# match per line break, each blank and leader read once.
_LEADER = re.compile(r"\n[^\S\n]*+(?:(?:[#;!%*]|//|--)++[^\S\n]*+)?")


def unwrapped(text: str) -> str:
    """The text with each line break and the comment leader after it made one space:
    a notice's words read across the lines of a comment."""
    return _LEADER.sub(" ", text) if "\n" in text else text
_GNU_BASES = ("GPL-", "LGPL-", "AGPL-")
_DOCUMENTS = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # PDF, DOCX/ODT, old .doc
_GNU_TITLE = re.compile(
    # Within one line: `\W*` across newlines rescanned a run of blank lines from each one.
    r"^[^\w\n]*GNU (?:AFFERO |LESSER |LIBRARY )?GENERAL PUBLIC LICEN[CS]E[^\w\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_END_OF_TERMS = re.compile(r"END OF TERMS AND CONDITIONS|How to Apply These Terms", re.IGNORECASE)
# Licences met every day: among texts that differ by a clause, these win a near tie
# (an Apache-2.0 text without its appendix is closer to Pixar's variant than to itself).
COMMON = frozenset({
    "0BSD", "AGPL-3.0-only", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause", "BSD-3-Clause",
    "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CECILL-1.0", "CECILL-2.0", "CECILL-2.1",
    "CECILL-B", "CECILL-C", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2", "GPL-2.0-only",
    "GPL-3.0-only", "ISC", "LGPL-2.0-only", "LGPL-2.1-only", "LGPL-3.0-only", "MIT", "MIT-0",
    "MPL-2.0", "ODbL-1.0", "OFL-1.1", "Unlicense", "WTFPL", "Zlib", "etalab-2.0",
})
PRIOR = 0.01
# Two versions of one licence this close on one stretch are told apart by the version
# the text's title declares: a real copy may mix their clauses (Frama-C's CDDL 1.0 holds
# the patent clause 1.1 added, 70 word pairs of 1.1 against the three of "Version 1.0"
# and Sun Microsystems, the 1.0 steward). The texts of distinct versions score 0.03 to
# 0.06 apart on each other (CeCILL 2.0/2.1, EUPL 1.1/1.2, CDDL 1.0/1.1); further apart,
# the clauses decide.
VERSION_MARGIN = 0.05
HEAD_BEFORE, HEAD_AFTER = 10, 40  # words around a stretch's start that hold its title
HEAD_CHARS = 4000  # of those lines (a licence written on one line)
_VERSIONED = re.compile(r"^(?P<base>.+?)-(?P<version>\d+(?:\.\d+)*)(?:-only|-or-later)?$")
# "Version 1.0", "V. 1.2", "Version 2, June 1991", "Version 2.1 du 2013-06-21"
_DECLARED = re.compile(r"\b(?:version|v\.?)\s*+(?P<number>\d+(?:\.\d+)*)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    spdx: str
    score: float


@dataclass(frozen=True)
class Match:
    """One licence found in the text, with where it is and how it was found."""

    spdx: str
    score: float
    # "text": full or partial reference text; "name": named in a notice; "tag": SPDX tag;
    # "title": a long licence text the index does not hold, named by its title
    method: str
    start_line: int | None = None
    end_line: int | None = None
    language: str | None = None


@dataclass(frozen=True)
class Identification:
    """The licence of a text: an SPDX expression, or None when none is recognised.

    `confidence` is between 0 and 1; `alternatives` are the closest other licences;
    `problem` says why nothing could be read ("empty", "binary", "too-large").
    """

    spdx: str | None
    confidence: float
    alternatives: tuple[Candidate, ...] = ()
    matches: tuple[Match, ...] = ()
    problem: str | None = None
    encoding: str | None = None
    full_text: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class _Scored:
    reference: Reference
    score: float
    start: int
    end: int
    coverage: float


def identify_bytes(data: bytes | None) -> Identification:
    """Identify a licence file from its bytes: encoding, empty and binary files handled."""
    if data is None:
        return Identification(None, 0.0, problem="unreadable")
    if not data.strip():
        return Identification(None, 0.0, problem="empty")
    if b"\0" in data[:8000] or data.startswith(_DOCUMENTS):
        return Identification(None, 0.0, problem="binary")
    notes: tuple[str, ...] = ()
    if len(data) > MAX_TEXT:
        data, notes = data[:MAX_TEXT], ("truncated",)
    text, encoding = decode_licence(data)
    found = identify(text)
    return Identification(
        found.spdx, found.confidence, found.alternatives, found.matches, found.problem,
        encoding, found.full_text, found.notes + notes,
    )


def identify(text: str, index: Index | None = None) -> Identification:
    """The licence of a text; only its first MAX_TEXT characters are read, whoever
    calls (a vendored licence file, a README section, a file header): every pattern
    below then works on a bounded text."""
    if len(text) > MAX_TEXT:
        found = _identify(text[:MAX_TEXT], index)
        return replace(found, notes=(*found.notes, "truncated"))
    return _identify(text, index)


def _identify(text: str, index: Index | None) -> Identification:
    index = index or load_index()
    cut = _third_party_line(text)
    words = words_of(text)
    if not words.words and not words_of(text, statements=True).words:
        return Identification(None, 0.0, problem="empty")  # a notice may state a licence
    codes = index.code_words(words.words)
    accepted, others, claimed = _text_matches(index, codes, lambda item: _head(text, words, item))
    matches: list[Match] = []
    for scored in accepted:
        first = words.lines[scored.start]
        if cut is not None and first > cut:
            continue  # a third party's licence, after the project's own
        last = words.lines[min(scored.end, len(words.lines) - 1)]
        matches.append(Match(scored.reference.spdx, round(scored.score, 3), "text", first, last,
                             scored.reference.language))
    spans: list[tuple[int | None, int | None]] = [
        (m.start_line, m.end_line) for m in matches
    ] + [(words.lines[c.start], words.lines[min(c.end, len(words.lines) - 1)]) for c in claimed]
    outside = _outside(text, spans, cut)
    matches = _gnu_adjust(matches, outside, text)
    outside_size = len(words_of(outside).words)
    by_title = not matches and outside_size > LONG_TEXT
    for named in _chosen_names(named_licences(outside), bool(matches), outside_size):
        if not _already(named, matches):
            if named.explicit:
                matches.append(Match(named.spdx, TAG_CONFIDENCE, "tag"))
            elif by_title:  # a licence text we do not hold (another language): its title
                matches.append(Match(named.spdx, NAME_CONFIDENCE, "title"))
            else:
                matches.append(Match(named.spdx, NAME_CONFIDENCE, "name"))
    if not matches and others and others[0].score >= PARTIAL_THRESHOLD:
        best = others[0]
        last = words.lines[min(best.end, len(words.lines) - 1)]
        matches.append(Match(best.reference.spdx, round(best.score, 3), "text",
                             words.lines[best.start], last, best.reference.language))
    alternatives = _alternatives(accepted + others, {m.spdx for m in matches})
    if not matches:
        return Identification(None, 0.0, alternatives)
    matches = _with_exceptions(matches, text)
    return Identification(
        _expression(matches, outside),
        round(min(m.score for m in matches), 3),
        alternatives,
        tuple(matches),
        full_text=any(m.method == "text" and m.score >= TEXT_THRESHOLD for m in matches)
        or (any(m.method == "title" for m in matches) and outside_size >= FULL_TEXT_WORDS),
    )


def _chosen_names(names: list[Named], has_text: bool, size: int) -> list[Named]:
    """Which named licences are the file's own.

    SPDX tags always count. Beside a matched text, only names in a licensing statement
    count (a licence text names other licences in its compatibility clauses). A long
    text that matched no reference is a licence text we do not hold (another language,
    a paraphrase): its title, the first name, is the answer. In a short notice, the
    names in licensing statements count, or else the first name.
    """
    tags = [n for n in names if n.explicit]
    if tags:
        return tags
    in_context = [n for n in names if n.context]
    if len(in_context) > MAX_NAMED:
        in_context = []  # a list of licences (compatibility appendix), not a statement
    if has_text:
        return in_context
    if size > LONG_TEXT:
        return names[:1]
    return in_context or names[:1]


def _text_matches(
    index: Index, codes: list[int], head: Callable[[_Scored], str] | None = None,
) -> tuple[list[_Scored], list[_Scored], list[_Scored]]:
    """Accepted stretches (one per licence), the other candidates, and every stretch
    claimed as licence text (accepted ones and other forms of the same licences).
    `head` gives the phrase around a stretch's start, where its title is."""
    present = set(codes)
    size = len(present)
    ranked: list[tuple[float, Reference]] = []
    for reference in _shortlist(index, present):
        total = len(reference.codes)
        if total * MIN_CONTAINMENT > size:
            continue
        common = len(reference.codes & present)
        if common >= total * MIN_CONTAINMENT:
            ranked.append((common / total, reference))
    ranked.sort(key=lambda item: item[0], reverse=True)
    floor = ranked[0][0] * 0.6 if ranked else 0.0  # far below the best: not worth a look
    scored = [_window(codes, ref) for share, ref in ranked[:CANDIDATES] if share >= floor]
    scored.sort(key=_ranking, reverse=True)
    if head is not None:
        scored = _by_declared_version(scored, head)
    accepted: list[_Scored] = []
    claimed: list[_Scored] = []  # stretches taken: by accepted texts and their other forms
    others: list[_Scored] = []
    for item in scored:
        same = [a for a in accepted if a.reference.spdx == item.reference.spdx]
        if item.score >= TEXT_THRESHOLD and not same and not any(
            _overlap(item, c) for c in claimed
        ):
            accepted.append(item)
            claimed.append(item)
        else:
            if same and item.score >= TEXT_THRESHOLD:
                claimed.append(item)
            others.append(item)
    return accepted, others, claimed


def _version(spdx: str) -> tuple[str, list[str]]:
    """("CDDL", ["1", "0"]) for CDDL-1.0, ("GPL", ["2", "0"]) for GPL-2.0-only; no
    version for an id without one (CECILL-B, MIT)."""
    found = _VERSIONED.match(spdx)
    return ("", []) if found is None else (found["base"], found["version"].split("."))


def _by_declared_version(scored: list[_Scored], head: Callable[[_Scored], str]) -> list[_Scored]:
    """The ranking, with the version the text declares first when the best stretch is
    one version of a licence and another version scores within VERSION_MARGIN of it on
    the same stretch."""
    best = scored[0] if scored else None
    if best is None or best.score < TEXT_THRESHOLD:
        return scored
    base, version = _version(best.reference.spdx)
    if not version:
        return scored
    rivals = [item for item in scored
              if item.score >= max(TEXT_THRESHOLD, best.score - VERSION_MARGIN)
              and _version(item.reference.spdx)[0] == base
              and (item is best or _overlap(item, best))]
    if len({item.reference.spdx for item in rivals}) < 2:
        return scored
    chosen = _declared(rivals, head(best))
    if chosen is None or chosen is best:
        return scored
    return [chosen, *(item for item in scored if item is not chosen)]


def _declared(rivals: list[_Scored], head: str) -> _Scored | None:
    """The rival whose version the first "Version N" of `head` states ("Version 2" is
    2.0's); None when no rival's or several rivals' versions are that one."""
    found = _DECLARED.search(head)
    if found is None:
        return None
    stated = _without_zeros(found["number"].split("."))
    fitting = {item.reference.spdx: item for item in reversed(rivals)
               if _without_zeros(_version(item.reference.spdx)[1]) == stated}
    return next(iter(fitting.values())) if len(fitting) == 1 else None


def _without_zeros(parts: list[str]) -> list[str]:
    """["2"] for 2.0, ["1", "2"] for 1.2."""
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts = parts[:-1]
    return parts


def _head(text: str, words: Words, item: _Scored) -> str:
    """The lines around a stretch's first words, where its title is."""
    if not words.lines:
        return ""
    first = words.lines[max(0, item.start - HEAD_BEFORE)]
    last = words.lines[min(len(words.lines) - 1, item.start + HEAD_AFTER)]
    return "\n".join(text.splitlines()[first - 1: last])[:HEAD_CHARS]


def _shortlist(index: Index, present: set[int]) -> list[Reference]:
    """References worth an exact comparison: those sharing enough of their rare word
    pairs with the text, plus the few that have hardly any rare pair at all."""
    rare, counts = index.rare_postings()
    hits = [0] * len(counts)
    for code in present:
        owners = rare.get(code)
        if owners is not None:
            for owner in owners:
                hits[owner] += 1
    chosen = [
        index.references[number]
        for number, (hit, count) in enumerate(zip(hits, counts, strict=True))
        if count < MIN_RARE or hit >= count * MIN_CONTAINMENT * 0.5
    ]
    return chosen


def _ranking(item: _Scored) -> float:
    return item.score + (PRIOR if item.reference.spdx in COMMON else 0.0)


def _window(codes: list[int], reference: Reference) -> _Scored:
    """The best stretch for a reference; when the first search takes in too much (a
    second copy of the text just after it, as in a list of bundled licences), a stricter
    search keeps it to one copy."""
    found = _stretch(codes, reference, 1)
    if found.score < RETRY_BELOW and found.end - found.start > 1.3 * reference.words:
        strict = _one_copy(codes, reference)
        if strict.score > found.score:
            return strict
    return found


def _one_copy(codes: list[int], reference: Reference) -> _Scored:
    """The best stretch no longer than the reference itself (plus a margin): a text
    repeated several times, with other texts between, is judged on one copy."""
    size = min(len(codes), int(reference.words * 1.2) + 2)
    hits = list(accumulate(map(reference.codes.__contains__, codes), initial=0))
    counts = list(map(sub, hits[size:], hits[: len(hits) - size]))
    # the first copy that holds nearly all of the reference, else the best one
    target = min(max(counts), 0.9 * len(reference.codes))
    first = next(index for index, count in enumerate(counts) if count >= target)
    inner = _stretch(codes[first : first + size], reference, 1)
    return _Scored(reference, inner.score, first + inner.start, first + inner.end,
                   inner.coverage)


def _stretch(codes: list[int], reference: Reference, penalty: int) -> _Scored:
    """The stretch codes[start:end] where matched - penalty * unmatched pairs is largest."""
    members = reference.codes
    best = current = 0
    start = best_start = best_end = 0
    for position, code in enumerate(codes):
        current += 1 if code in members else -penalty
        if current <= 0:
            current, start = 0, position + 1
        elif current > best:
            best, best_start, best_end = current, start, position + 1
    stretch = set(codes[best_start:best_end])
    common = len(stretch & members)
    total = len(members)
    similarity = 2 * common / (len(stretch) + total) if total else 0.0
    return _Scored(reference, similarity, best_start, best_end, common / total if total else 0.0)


def _overlap(item: _Scored, other: _Scored) -> bool:
    shared = min(item.end, other.end) - max(item.start, other.start)
    return shared > 0.3 * max(1, item.end - item.start)


def _third_party_line(text: str) -> int | None:
    match = _THIRD_PARTY.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    return line if line > 1 else None


def _outside(text: str, spans: list[tuple[int | None, int | None]], cut: int | None) -> str:
    """The lines of the text that no matched licence text covers, before any cut."""
    covered: set[int] = set()
    for start, end in spans:
        if start is not None and end is not None and (cut is None or start <= cut):
            covered.update(range(start, end + 1))
    kept = [
        line
        for number, line in enumerate(text.splitlines(), start=1)
        if number not in covered and (cut is None or number < cut)
    ]
    return "\n".join(kept)


def _or_later(text: str, outside: str) -> bool:
    """"or any later version" in a notice: above the GNU title, or outside the matched
    text and before the licence's own "how to apply" appendix."""
    title = _GNU_TITLE.search(text)
    if title is not None and _LATER.search(unwrapped(text[: title.start()])):
        return True
    return bool(_LATER.search(unwrapped(_END_OF_TERMS.split(outside, maxsplit=1)[0])))


def _gnu_adjust(matches: list[Match], outside: str, text: str = "") -> list[Match]:
    """A bare GNU text is `-only`; "or any later version" outside it makes it `-or-later`.
    The LGPL-3.0 text comes with the GPL-3.0 text it builds on: together they are LGPL."""
    spdx = {m.spdx for m in matches}
    if "LGPL-3.0-only" in spdx and "GPL-3.0-only" in spdx:
        matches = [m for m in matches if m.spdx != "GPL-3.0-only"]
    later = _or_later(text, outside)
    adjusted: list[Match] = []
    for match in matches:
        if later and match.method == "text" and match.spdx.startswith(_GNU_BASES) and (
            match.spdx.endswith("-only")
        ):
            match = Match(match.spdx.removesuffix("-only") + "-or-later", match.score,
                          match.method, match.start_line, match.end_line, match.language)
        adjusted.append(match)
    return adjusted


# The Classpath exception to version 2 of the GPL (OpenJDK's files, javadoc's scripts:
# `Oracle designates this particular file as subject to the "Classpath" exception`):
# linking the file with independent modules is allowed whatever their licence. Without
# it, javadoc's search.js in an Apache-2.0 project's docs/ read as incompatible.
_CLASSPATH = re.compile(r"\bclasspath[\"'\u201d]?\s+exception\b", re.IGNORECASE)
CLASSPATH_EXCEPTION = "Classpath-exception-2.0"


def _with_exceptions(matches: list[Match], text: str) -> list[Match]:
    """GPL-2.0 matches with the Classpath exception the text grants."""
    if not any(m.spdx.startswith("GPL-2.0") for m in matches) or not _CLASSPATH.search(text):
        return matches
    return [replace(m, spdx=f"{m.spdx} WITH {CLASSPATH_EXCEPTION}")
            if m.spdx.startswith("GPL-2.0") and " WITH " not in m.spdx else m for m in matches]


def _base(spdx: str) -> str:
    return spdx.removesuffix("-only").removesuffix("-or-later")


def _already(named: Named, matches: list[Match]) -> bool:
    if named.generic and any(family(m.spdx) == named.family for m in matches):
        return True
    if named.explicit:
        return any(m.method == "tag" for m in matches) or any(
            m.method == "text" for m in matches
        )
    return any(_base(m.spdx) == _base(named.spdx) for m in matches) or any(
        m.method == "tag" for m in matches
    )


def _expression(matches: list[Match], outside: str) -> str:
    parts = [m.spdx for m in matches]
    if len(parts) == 1:
        return parts[0]
    operator = " OR " if _DUAL.search(outside) else " AND "
    return operator.join(f"({p})" if " " in p else p for p in parts)


def _alternatives(scored: list[_Scored], chosen: set[str]) -> tuple[Candidate, ...]:
    seen: dict[str, float] = {}
    for item in sorted(scored, key=lambda s: s.score, reverse=True):
        spdx = item.reference.spdx
        if spdx in chosen or spdx in seen or item.score < 0.2:
            continue
        seen[spdx] = round(item.score, 3)
    return tuple(Candidate(spdx, score) for spdx, score in list(seen.items())[:ALTERNATIVES])
