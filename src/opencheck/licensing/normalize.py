# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Turn a licence text into comparable words, after the SPDX matching guidelines.

Case, accents, punctuation, markup, bullets, line breaks and copyright lines do not
count; variant spellings (licence/license) are folded. French and English texts go
through the same steps, so that a Latin-1 or reflowed French text compares well.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

_FOLD = str.maketrans(
    {
        "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
    }
)
_MARKS = re.compile(r"[\u0300-\u036f]")
_OTHER = re.compile(r"[^\x00-\x7f]")  # curly quotes, guillemets, dashes: separators
_WORD = re.compile(r"[a-z0-9]+")
_COPYRIGHT_LINE = re.compile(r"^\W*(?:copyright\b|\(c\)\s*\d|©)", re.IGNORECASE)
# Spellings that the SPDX guidelines treat as the same word, plus noise words.
EQUIVALENT = {
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencing": "licensing", "licencee": "licensee", "licensor": "licensor",
    "copyright": "copyright", "acknowledgement": "acknowledgment",
    "analogue": "analog", "behaviour": "behavior", "cancelled": "canceled",
    "per": "per", "organisation": "organization", "organise": "organize",
    "programme": "program", "sublicence": "sublicense", "noncommercial": "noncommercial",
    "whilst": "while", "authorised": "authorized", "authorise": "authorize",
    "favour": "favor", "recognised": "recognized",
}
DROPPED = frozenset({"http", "https", "www", "html", "htm", "txt", "md"})
MAX_COPYRIGHT_LINE = 200
# A licence saved as a web page: its tags and entities (&eacute;) are not words.
_HTML = re.compile(r"</(?:p|div|a|li|ul|h\d|span|strong|em|td|body|html)>|<br\s*/?>|&[a-z]+;",
                   re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,300}>")
_PLUS = re.compile(r"(?<=\w)\+")


@dataclass(frozen=True)
class Words:
    """The comparable words of a text, each with the 1-based line it comes from."""

    words: list[str]
    lines: list[int]


def fold(text: str) -> str:
    """Lower case ASCII: accents and ligatures removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return _OTHER.sub(" ", _MARKS.sub("", decomposed)).lower()


# What a notice states of the licence after its holder (`Copyright Daniel Roesler, under
# MIT license`, jQuery UI's `Copyright jQuery Foundation and other contributors; Licensed
# MIT`): the licence names are read there, the holder is not.
_NOTICE_STATEMENT = re.compile(r"\b(?:licen[cs]ed|released|distributed|under)\b", re.IGNORECASE)


def words_of(text: str, keep_letters: bool = False, statements: bool = False) -> Words:
    """Comparable words; single letters (bullets, elisions) go unless `keep_letters`;
    copyright lines go, but for the licence they state when `statements`."""
    if _HTML.search(text):
        text = html.unescape(_TAG.sub(" ", text))
    words: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) < MAX_COPYRIGHT_LINE and _COPYRIGHT_LINE.match(line):
            stated = _NOTICE_STATEMENT.search(line) if statements else None
            if stated is None:
                continue
            line = line[stated.start():]
        for word in _WORD.findall(fold(line)):
            if (len(word) == 1 and not keep_letters and not word.isdigit()) or word in DROPPED:
                continue
            words.append(EQUIVALENT.get(word, word))
            lines.append(number)
    return Words(words, lines)


def phrase(text: str) -> str:
    """The text as one line of comparable words, for name patterns: single letters
    stay (CeCILL-C, v. 2) and a `+` after a version reads "plus"."""
    return " ".join(words_of(_PLUS.sub(" plus ", text), keep_letters=True,
                             statements=True).words)
