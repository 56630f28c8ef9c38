# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licences named in a notice rather than given in full ("licensed under the MIT
licence", "régi par la licence CeCILL-C", "Licence Ouverte v2.0").

Patterns run on the normalised phrase of the text (lower case ASCII words, "licence"
folded to "license", punctuation and single letters gone: "v. 1.2" reads "1 2").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from opencheck.licensing.expressions import InvalidExpression, normalise
from opencheck.licensing.normalize import phrase

# REUSE-IgnoreStart
_TAG = "SPDX-License-Identifier:"
# REUSE-IgnoreEnd
_BLANKS = re.compile(r"\s*")
MAX_TAG_VALUES = 1000  # distinct values read per text
_STOP = re.compile(r"[*\n]|-->")


def _tag_values(text: str) -> Iterator[str]:
    """The value after each licence-identifier tag: blanks skipped (across lines, as
    before), up to the first `-->`, `*/` or end of its line; a lone `*` first ends
    nothing, so that tag gives no value. Each stretch of text is read once: the
    regular expression this replaces tried its lazy value against every run of blanks
    ahead (quadratic on a tag followed by a long line of blanks)."""
    start = text.find(_TAG)
    while start >= 0:
        position = _BLANKS.match(text, start + len(_TAG)).end()  # type: ignore[union-attr]
        stop = _STOP.search(text, position)
        if stop is None:
            yield text[position:]
            return
        if stop.group() == "*" and not text.startswith("*/", stop.start()):
            # every tag before this star stops at it too: none gives a value
            start = text.find(_TAG, stop.start() + 1)
            continue
        yield text[position:stop.start()]
        resume = stop.start() if stop.group() == "\n" else stop.start() + len(stop.group())
        if stop.group() == "*":
            resume += 1  # the `/` of `*/`
        start = text.find(_TAG, max(resume, start + 1))
_LATER = re.compile(
    r"(?:or|ou) (?:at your option |a votre choix |a votre convenance )?(?:any|toute)"
    r" (?:later|version ulterieure|ulterieure)|or later|or newer|\bplus\b"
    r"|\bou (?:toute |une )?(?:version )?(?:ulterieure|posterieure|plus recente)"
)
_GNU = re.compile(
    r"\b(?:gnu )?(?P<kind>affero general|lesser general|library general|general) public"
    r" license(?: as published by the free software foundation)?"
    r"(?P<tail>(?: either)?(?: version| v| ,)? ?(?P<version>[123])(?: [01])?\b)?"
    r"|\b(?P<short>(?:affero |lesser )?(?:agpl|lgpl|gpl))(?: version ?| ?v?)(?P<sversion>[123])?"
    r"(?: [01])?\b(?P<plus> plus| or later)?"
)


_OUVERTE_2011 = re.compile(r"\b(?:octobre|october) 2011\b")


@dataclass(frozen=True)
class Named:
    spdx: str
    start: int  # offset in the phrase, for ordering
    explicit: bool = False  # from an SPDX-License-Identifier tag
    context: bool = False  # in a licensing statement ("licensed under", "sous licence")
    generic: bool = False  # named without its version or variant ("CeCILL", "GPL")

    @property
    def family(self) -> str:
        return family(self.spdx)


def family(spdx: str) -> str:
    """CECILL, GPL, OUVERTE...: what a bare name ("la licence CeCILL") can stand for."""
    if spdx.startswith("LicenseRef-Licence-Ouverte") or spdx.startswith("etalab"):
        return "OUVERTE"
    return spdx.split("-")[0].upper()


_CONTEXT = re.compile(
    r"\b(?:under|sous|governed by|regie? par|regis par|licensed|license|terms of|termes de"
    r"|conditions de|available|distributed|released|publie|distribue|place|code|source"
    r"|documentation|donnees|data|contenus?|content)\b"
)


_COMPATIBLE = re.compile(r"\bcompatib")


def _compatibility(words: str, match: re.Match[str]) -> bool:
    """"GPL-compatible", "compatible avec la GPL": a licence named for comparison only."""
    return bool(_COMPATIBLE.match(words[match.end() : match.end() + 20].lstrip())) or bool(
        _COMPATIBLE.search(words[max(0, match.start() - 25) : match.start()])
    )


def _in_context(words: str, start: int) -> bool:
    return bool(_CONTEXT.search(words[max(0, start - 60) : start]))


def _is_generic(match: re.Match[str]) -> bool:
    groups = {k: v for k, v in match.groupdict().items() if k in {"variant", "version",
              "sversion"}}
    return bool(groups) and all(value is None for value in groups.values())


def _simple(pattern: str, spdx: str) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    return re.compile(pattern), lambda _match: spdx


def _cecill(match: re.Match[str]) -> str:
    variant, version = match.group("variant"), match.group("version") or ""
    if variant:
        return f"CECILL-{variant.upper()}"
    if version.startswith("2 1") or version.startswith("21"):
        return "CECILL-2.1"
    if version.startswith("2"):
        return "CECILL-2.0"
    if version.startswith("1 1"):
        return "CECILL-1.1"
    if version.startswith("1"):
        return "CECILL-1.0"
    return "CECILL-2.1"


def _ouverte(match: re.Match[str]) -> str:
    version = match.group("version") or ""
    return "LicenseRef-Licence-Ouverte-1.0" if version.startswith(("1", "2011")) else "etalab-2.0"


def _eupl(match: re.Match[str]) -> str:
    version = match.group("version") or ""
    return {"1 0": "EUPL-1.0", "1 1": "EUPL-1.1"}.get(version[:3], "EUPL-1.2")


def _creative_commons(match: re.Match[str]) -> str:
    parts = ["CC-BY"]
    rest = match.group("rest") or ""
    if re.search(r"noncommercial|non commercial|\bnc\b", rest):
        parts.append("NC")
    if re.search(r"noderiv|no deriv|\bnd\b", rest):
        parts.append("ND")
    if re.search(r"sharealike|share alike|\bsa\b", rest):
        parts.append("SA")
    version = (match.group("version") or "4 0").replace(" ", ".")
    return "-".join(parts) + f"-{version}"


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    # `Licence_CeCILL_V2-en.txt` reads `cecill v2`: the version glued to its `v`
    (re.compile(r"\bcecill(?: (?P<variant>[bc])\b)?(?: license)?(?: version| v(?= ))?"
                r"(?: v?(?P<version>2 1|21|2 0|2|1 1|1 0|1)\b)?"), _cecill),
    # "open licence" and "Etalab" alone are common words: only with a version or each other
    (re.compile(r"\b(?:licenses? ouverte|etalab (?:open )?license|licenses? etalab"
                r"|open license(?= (?:version |v )?(?:2 0|1 0|2|1)\b| etalab| licenses? ouverte)"
                r"|etalab(?= 2 0\b))(?: license)?(?: etalab)?"
                r"(?: version| v)?(?: (?P<version>2 0|1 0|2|1|2011|2017)\b)?"), _ouverte),
    (re.compile(r"\beupl\b(?: \w+){0,3} 2007 2016|\b(?:union|unione|unie|unii|uniao|union"
                r" europea)\w*(?: \w+){0,3} v (?P<version>1 [012])\b"), _eupl),
    (re.compile(r"\b(?:eupl|european union public license|licenses? publique de l union"
                r" europeenne)(?: version| v)?(?: (?P<version>1 [012]))?"), _eupl),
    (re.compile(r"\bcreative commons (?:attribution|by)(?P<rest>(?: (?:noncommercial|non"
                r" commercial|nc|noderivatives|noderivs|no derivatives|nd|sharealike|share"
                r" alike|sa))*)(?: international)?(?: public)?(?: license)?(?: version| v)?"
                r"(?: (?P<version>[1-4] [05]))?"), _creative_commons),
    (re.compile(r"\bcc by(?P<rest>(?: (?:nc|nd|sa))*)(?: (?P<version>[1-4] [05]))?\b"),
     _creative_commons),
    _simple(r"\b(?:cc0|creative commons zero|cc zero)\b", "CC0-1.0"),
    _simple(r"\bapache(?: software)?(?: license)?(?: asl)?(?: version| v)? ?2(?: 0)?\b"
            r"|\basl 2 0\b", "Apache-2.0"),
    _simple(r"\bmozilla public license(?: version| v)? 2 0\b|\bmpl 2 0\b|\bmpl2\b", "MPL-2.0"),
    _simple(r"\beclipse public license(?: version| v)? 2 0\b|\bepl 2 0\b", "EPL-2.0"),
    _simple(r"\b(?:bsd 3 clauses?|3 clauses? bsd|new bsd|revised bsd|modified bsd)\b",
            "BSD-3-Clause"),
    _simple(r"\b(?:bsd 2 clauses?|2 clauses? bsd|simplified bsd|freebsd)\b", "BSD-2-Clause"),
    _simple(r"\b(?:liliq r\b(?! plus)|licenses? libre du quebec reciprocite\b(?! forte))",
            "LiLiQ-R-1.1"),
    _simple(r"\b(?:liliq p|licenses? libre du quebec permissive)\b", "LiLiQ-P-1.1"),
    _simple(r"\b(?:odbl|open database license)\b", "ODbL-1.0"),
    _simple(r"\bunlicense\b", "Unlicense"),
    # CPython's modules copied into a project (`fastsubprocess.py` from subprocess.py):
    # "Licensed to PSF under a Contributor Agreement. See http://www.python.org/2.4/license
    # for licensing details": the PSF distributes them under its licence
    _simple(r"\blicensed to (?:the )?(?:psf|python software foundation) under a"
            r" contributor agreement\b", "PSF-2.0"),
    _simple(r"\bisc license\b|\blicense isc\b", "ISC"),
    # "Licensed under MIT (https://…/LICENSE)": Bootstrap's banner, in every copy of it
    _simple(r"\bmit(?: license| licensed|\b(?= \w+ license))|\b(?:license|licensed|under"
            r" the|(?:licensed|released|distributed|available|published|provided) under|sous)"
            r" mit\b|\bexpat license\b|\b(?:and|or|et|ou) (?:the )?mit\b"
            r"|\bmit (?:and|or|et|ou) (?:the )?\w+ license", "MIT"),
]


_ONLY = re.compile(r" ?(?:\w+ ){0,2}only\b")


def _gnu(match: re.Match[str], later: bool) -> str:
    kind = match.group("kind") or match.group("short") or ""
    version = match.group("version") or match.group("sversion")
    if kind.startswith(("affero", "agpl")):
        base, default = "AGPL", "3"
    elif kind.startswith(("lesser", "lgpl", "library")):
        base, default = "LGPL", "3" if not kind.startswith("library") else "2"
    else:
        base, default = "GPL", "3"
    version = version or default
    number = {"AGPL": "3.0", "LGPL": {"2": "2.1", "3": "3.0"}.get(version, "2.0")}.get(
        base, f"{version}.0"
    )
    if base == "LGPL" and kind.startswith("library"):
        number = "2.0"
    later = later or bool(match.group("plus"))
    return f"{base}-{number}-{'or-later' if later else 'only'}"


# REUSE-IgnoreStart
@cache
def _reference_names() -> list[tuple[str, str, str]]:
    """The full names of the index's licences ("Boost Software License 1.0"), as
    patterns on the phrase, for licences the patterns above do not know.

    The patterns are compiled only when their first words occur (`_compiled`):
    compiling the 600 of them took a third of a small repository's check."""
    from opencheck.licensing.index import load_index

    found: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for reference in load_index().references:
        words = [w for w in phrase(reference.name).split() if w not in {"version", "v"}]
        if reference.spdx in seen or len(words) < 3:
            continue
        seen.add(reference.spdx)
        pattern = r"(?: version| v)? ".join(re.escape(word) for word in words)
        needle = " ".join(words[:2])  # a cheap test before the pattern
        found.append((reference.spdx, needle, rf"\b{pattern}\b"))
    return found


@cache
def _named_by_first_word() -> list[tuple[str, str, str, str]]:
    """`_reference_names`, in its order, each with its needle's first word."""
    return [(needle.partition(" ")[0], spdx, needle, pattern)
            for spdx, needle, pattern in _reference_names()]


@cache
def _first_words() -> frozenset[str]:
    return frozenset(first for first, *_ in _named_by_first_word())


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def spdx_tags(text: str) -> list[str]:
    """The valid expressions of `SPDX-License-Identifier:` lines, in order."""
# REUSE-IgnoreEnd
    found: list[str] = []
    if "SPDX-License-Identifier" not in text:
        return found
    seen: set[str] = set()
    for value in _tag_values(text):
        raw = value.strip()
        if raw in seen:
            continue
        seen.add(raw)
        if len(seen) > MAX_TAG_VALUES:
            break  # a file is no list of licences: each value costs a parse
        if raw.startswith("(") and raw.endswith(")"):
            raw = raw[1:-1]
        try:
            expression = normalise(raw)
        except InvalidExpression:
            continue
        if expression and expression not in found:
            found.append(expression)
    return found


_FRENCH_NAMES = (
    (re.compile(r"\blicenses? publique generale (?:limitee|amoindrie)(?: de)?(?: gnu)?\b"),
     "gnu lesser general public license"),
    (re.compile(r"\blicenses? publique generale affero(?: de)?(?: gnu)?\b"),
     "gnu affero general public license"),
    (re.compile(r"\blicenses? publique generale(?: de)? gnu\b|\blicenses? gpl\b"),
     "gnu general public license"),
    (re.compile(r"\blicenses? publique mozilla\b"), "mozilla public license"),
    (re.compile(r"\blicenses? (?:publique )?eclipse\b"), "eclipse public license"),
    (re.compile(r"\blicenses? apache\b"), "apache license"),
)


def _english_names(words: str) -> str:
    """French names of licences written the English way, for the patterns below."""
    if "publique" not in words and "license" not in words:
        return words
    for pattern, english in _FRENCH_NAMES:
        words = pattern.sub(english, words)
    return words


def named_licences(text: str) -> list[Named]:
    """Licences named in the text, in order of first mention, each once."""
    found: dict[str, Named] = {}
    for tag in spdx_tags(text):
        found.setdefault(tag, Named(tag, -1, explicit=True))
    words = _english_names(phrase(text))
    taken: list[tuple[int, int]] = []
    bare: set[str] = set()  # GNU names read `-only` for want of "or later", not for "only"
    for match in _GNU.finditer(words):
        if match.group("short") is None and match.group("kind") is None:
            continue
        if _compatibility(words, match):
            continue
        after = words[match.end() : match.end() + 80]
        spdx = _gnu(match, bool(_LATER.match(after.strip())) or bool(_LATER.search(after[:64])))
        if spdx.endswith("-only") and not _ONLY.match(after):
            bare.add(spdx)
        found.setdefault(spdx, Named(spdx, match.start(), context=_in_context(words, match.start()),
                                     generic=_is_generic(match)))
        taken.append(match.span())
    # "a dual BSD/GPLv2 license", then the GPL's notice "version 2 of the License, or (at
    # your option) any later version" (ANSSI's libecc): the notice says which
    for spdx in bare:
        if spdx.removesuffix("-only") + "-or-later" in found and not found[spdx].explicit:
            del found[spdx]
    for pattern, to_spdx in _PATTERNS:
        for match in pattern.finditer(words):
            if any(start <= match.start() < end for start, end in taken):
                continue
            if _compatibility(words, match):
                taken.append(match.span())
                continue
            spdx = to_spdx(match)
            if spdx == "etalab-2.0" and _OUVERTE_2011.search(words):
                spdx = "LicenseRef-Licence-Ouverte-1.0"
            if spdx not in found:
                found[spdx] = Named(spdx, match.start(), context=_in_context(words, match.start()),
                                    generic=_is_generic(match))
            taken.append(match.span())
    # a needle's first word is in the text whenever the needle is: 223 first words
    # looked for, not 512 needles (1,870 characters a text, vendored licence files)
    present = {word for word in _first_words() if word in words}
    for first, spdx, needle, name_pattern in _named_by_first_word():
        if first not in present or needle not in words or spdx in found:
            continue
        if any(n.family == family(spdx) for n in found.values()):
            continue
        hit = _compiled(name_pattern).search(words)
        if hit is not None:
            found[spdx] = Named(spdx, hit.start(), context=_in_context(words, hit.start()))
    specific = {named.family for named in found.values() if not named.generic}
    kept = [n for n in found.values() if not (n.generic and n.family in specific)]
    return sorted(kept, key=lambda named: named.start)
