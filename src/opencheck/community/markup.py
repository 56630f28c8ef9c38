# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A light reading of documentation files: headings, links and prose.

README files come in Markdown, reStructuredText, Org and AsciiDoc. The rules only need
their headings (to find sections by name, in French or English), their links (to check
relative ones) and their text outside code blocks, so one tolerant line scanner serves
all four formats; nothing here renders or validates markup.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote

# The text is untrusted: every pattern below has bounded repetitions, so that no line
# can make a pattern backtrack quadratically (a line of "[[[[..." or "link:link:...").
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*)$")
# The blanks after the marker are possessive: `.*\S` then starts once, at the first
# character that is not blank (each split of a line of blanks was quadratic).
ORG = re.compile(r"^(\*{1,6})\s++(.*\S)\s*$")
ADOC = re.compile(r"^(={1,6})\s++(.*\S)\s*$")
UNDERLINE = re.compile(r"^\s{0,3}([=\-~^\"'`#*+])\1{2,}\s*$")
MD_LINK = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]{0,200}\]){0,300}\]\( {0,8}<?([^()\[\]\s>]{1,500})>?"
    r"(?:\s{1,8}[\"'(][^)]{0,300})?\)"
)
REF_DEF = re.compile(r"^ {0,3}\[[^\]]{1,300}\]: {0,8}<?(\S{1,2000}?)>?(?:\s.*)?$")
HTML_LINK = re.compile(r"""\b(?:href|src) {0,4}= {0,4}["']([^"']{1,2000})["']""", re.IGNORECASE)
RST_LINK = re.compile(r"`[^`<]{0,300}<([^>`]{1,2000})>`_")
RST_DIRECTIVE = re.compile(r"^\s*\.\.\s+(?:image|figure|include|literalinclude)::\s*(\S+)")
ORG_LINK = re.compile(r"\[\[([^\[\]]{1,2000})\](?:\[[^\[\]]{0,300}\])?\]")
ADOC_LINK = re.compile(r"\b(?:link|image|include)::?([^\s\[:]{1,2000})\[")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int

    @property
    def key(self) -> str:
        return normalise(self.text)


@dataclass(frozen=True)
class Link:
    target: str
    line: int


@dataclass
class Document:
    """A documentation file, read once: its headings, links and prose lines."""

    path: str
    text: str
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)

    @property
    def plain(self) -> str:
        """The text outside code blocks, headings included, normalised for matching."""
        return normalise(" ".join([h.text for h in self.headings] + [t for _, t in self.prose]))

    def prose_below(self, line: int, within: int) -> str | None:
        """The first prose line after `line`, when it lies at most `within` lines below.
        One binary search in the prose (kept in line order): a changelog of 5,000
        versions asked it once per heading, and a walk of its 10,000 prose lines each
        time took seconds."""
        at = bisect.bisect_right(self.prose, line, key=_line_number)
        if at < len(self.prose) and self.prose[at][0] <= line + within:
            return self.prose[at][1]
        return None

    def section_text(self, heading: Heading) -> str:
        """The prose below a heading, up to the next heading of the same or upper level."""
        after = [h for h in self.headings if h.line > heading.line and h.level <= heading.level]
        end = after[0].line if after else 1 << 30
        return " ".join(t for line, t in self.prose if heading.line < line < end)


def _line_number(item: tuple[int, str]) -> int:
    return item[0]


def normalise(value: str) -> str:
    """Lower case, no accents, no markup punctuation, single spaces."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    bare = bare.replace("’", "'")
    bare = re.sub(r"[^\w@.'/:+-]+", " ", bare)
    return " ".join(bare.split())


def parse(path: str, text: str) -> Document:
    doc = Document(path=path, text=text)
    lines = text.splitlines()
    in_fence = False
    fence = ""
    rst_literal = False
    rst = path.lower().endswith((".rst", ".rest"))
    org = path.lower().endswith(".org")
    adoc = path.lower().endswith((".adoc", ".asciidoc"))
    for index, raw in enumerate(lines):
        number = index + 1
        fence_match = FENCE.match(raw)
        if fence_match:
            marker = fence_match.group(1)
            if not in_fence:
                in_fence, fence = True, marker
                continue
            if marker == fence:
                in_fence = False
                continue
        if in_fence:
            continue
        if rst:
            if rst_literal and raw.strip() and not raw[:1].isspace():
                rst_literal = False
            if rst_literal:
                continue
            if raw.rstrip().endswith("::") and not RST_DIRECTIVE.match(raw):
                rst_literal = True
        heading = _heading(lines, index, org, adoc)
        if heading is not None:
            doc.headings.append(Heading(heading[0], heading[1], number))
        elif not UNDERLINE.match(raw) and raw.strip():
            doc.prose.append((number, raw.strip()))
        for target in _links(raw):
            doc.links.append(Link(target, number))
    return doc


def _heading(lines: list[str], index: int, org: bool, adoc: bool) -> tuple[int, str] | None:
    raw = lines[index]
    match = ATX.match(raw)
    if match and not (org or adoc):
        return len(match.group(1)), _strip_inline(match.group(2).rstrip().rstrip("#"))
    if org and (match := ORG.match(raw)):
        return len(match.group(1)), _strip_inline(match.group(2))
    if adoc and (match := ADOC.match(raw)):
        return len(match.group(1)), _strip_inline(match.group(2))
    following = lines[index + 1] if index + 1 < len(lines) else ""
    underline = UNDERLINE.match(following)
    if raw.strip() and underline and not UNDERLINE.match(raw) and not raw.startswith((" ", "\t")):
        level = 1 if underline.group(1) in "=#*" else 2
        return level, _strip_inline(raw.strip())
    return None


_INLINE_LINK = re.compile(r"!?\[([^\[\]]{0,300})\]\([^)\[]{0,2000}\)")


def _strip_inline(text: str) -> str:
    # The target stops at a "[" too: each candidate's scan then ends where the next one
    # starts, so a long heading full of "[a](" is read once (not 2,000 bytes per "[").
    text = _INLINE_LINK.sub(r"\1", text)
    return text.strip("*_`: ").strip()


def _links(raw: str) -> list[str]:
    # Each pattern is tried only on a line holding text it cannot match without: a
    # changelog of 5,000 lines, a link on most, spent 0.1 s in searches that found
    # nothing, each pattern tried at every character of every line.
    found = [m.group(1) for m in MD_LINK.finditer(raw)] if "](" in raw else []
    ref = REF_DEF.match(raw) if "]:" in raw else None
    if ref:
        found.append(ref.group(1))
    if "=" in raw:
        found += [m.group(1) for m in HTML_LINK.finditer(raw)]
    if ">`_" in raw:
        found += [m.group(1) for m in RST_LINK.finditer(raw)]
    if "[[" in raw:
        found += [m.group(1) for m in ORG_LINK.finditer(raw)]
    if "link:" in raw or "image:" in raw or "include:" in raw:
        found += [m.group(1) for m in ADOC_LINK.finditer(raw)]
    directive = RST_DIRECTIVE.match(raw) if "::" in raw else None
    if directive:
        found.append(directive.group(1))
    return found


def relative_target(target: str) -> str | None:
    """The repository path a link points to, or None for URLs, anchors and mail."""
    target = target.strip()
    if not target or target.startswith("#") or SCHEME.match(target) or target.startswith("//"):
        return None
    if target.startswith("file:"):
        return None
    target = target.split("#", 1)[0].split("?", 1)[0]
    if not target or "{" in target or "$" in target:
        return None
    return unquote(target)


# A web address written without its scheme (`[doc](documentation.example.beta.gouv.fr)`):
# GitHub and GitLab resolve it as a path of the repository.
_HOST_WITHOUT_SCHEME = re.compile(
    r"^(?:www\.)?(?:[a-z0-9-]{1,63}\.){1,8}(?:fr|com|org|net|eu|io|gov|uk|de|it|nl|be|ch|es"
    r"|app|dev|info)(?:/|$)", re.IGNORECASE)


def host_without_scheme(path: str) -> bool:
    """Whether a relative link's target is a web address that lacks `https://`."""
    return _HOST_WITHOUT_SCHEME.match(path) is not None


def has_any(text: str, patterns: re.Pattern[str]) -> bool:
    return patterns.search(text) is not None


def emails(text: str) -> list[str]:
    return EMAIL.findall(text)


def urls(text: str) -> list[str]:
    return [u.rstrip(".,;:!?") for u in URL.findall(text)]
