# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Who holds the copyright of the project, from what the project itself declares.

The holder proposed in a fix (`reuse annotate --copyright "…"`) is written on every
file by whoever applies it: it must come from the project's own declarations, in this
order, and never from a file copied from elsewhere:

1. publiccode.yml `legal.mainCopyrightOwner`, then `legal.repoOwner`;
2. the copyright line of the project's own licence or notice file at the root
   (LICENSE, COPYING, NOTICE...), when it names someone rather than a template slot
   or the steward of the licence text it heads (the FSF atop the GPL);
3. the holders the project's own files already name in their SPDX headers (or
   REUSE.toml), the commonest first: a project half way to REUSE has said who it is;
4. the copyright line of the root README ("Copyright 2014 Direction Générale des
   Finances Publiques");
5. AUTHORS, when it names one holder;
6. the organisation behind most commit e-mail addresses (webmail and placeholder
   domains left out, and a domain only one address uses unless it is an
   administration's: a developer's own domain names nobody's organisation), given as
   its domain for the user to name.

When none says, the caller shows a visible placeholder.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from opencheck.licensing.declarations import of_components
from opencheck.model import Text
from opencheck.oneline import MAX_CHARS, comment_break, header_line, one_line
from opencheck.repository import Repository

ROOT_NOTICES = re.compile(
    r"^(?:licen[cs]e|copying|notice|copyright)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)
AUTHORS_FILES = ("AUTHORS", "AUTHORS.md", "AUTHORS.txt", "AUTHORS.rst")
_COPYRIGHT = re.compile(r"(?:SPDX-FileCopyrightText:|Copyright)(?P<rest>[^\n]{0,200})")
# What opens a notice before its holder: a symbol, years ("2019-2024", "2019-present"),
# and a separator ("Copyright 2015-2017 - ANSSI").
_LEAD = re.compile(r"^[ \t]*(?::[ \t]*)?(?:\(c\)|©)?[ \t]*"
                   r"(?:\d{4}(?:[ \t]*[-–,][ \t]*\d{4}){0,20})?"
                   r"(?:[ \t]*[-–][ \t]*(?:present|now|today)\b)?[ \t]*,?[ \t]*(?:[-–:][ \t]*)?",
                   re.IGNORECASE)

README_FILE = re.compile(r"^readme(?:\.(?:md|markdown|txt|rst|adoc|asciidoc|org))?$",
                         re.IGNORECASE)
# The stewards of licence texts, named in the texts themselves (GPL, EUPL), with words
# of their licences: a steward's line is the licence text's own only where the file
# holds that text. "Copyright (c) 2023 European Commission" atop a NOTICE of an Apache
# project names the project's holder.
LICENCE_STEWARDS = {
    "free software foundation": ("gnu general public", "gnu lesser general public",
                                 "gnu affero general public", "gnu free documentation"),
    "european union": ("european union public licen",),
    "european commission": ("european union public licen",),
}
SPDX_HEADERS = "SPDX-FileCopyrightText"
# Headers' holders at least this share of the commonest one's files are named with it.
HEADER_SHARE = 0.5
MAX_HEADER_HOLDERS = 3
MAX_OTHERS = 4
# Template slots and legal phrases that are not a holder.
# The look-ahead lists the first characters of the alternatives, so that a position where
# none starts costs one test, not thirteen (a line of blanks: 3.5 s per 5 MB). Same matches.
_NOT_A_HOLDER = re.compile(
    r"(?=[\[<{yncaotlphs])(?:"
    r"[\[<{]|\byyyy\b|\bname of\b|\bcopyright holder|\bauthor\b|\bowner\b|\bnotice\b"
    r"|\bthe above\b|\bthis\b|\blicen[cs]e\b|\bpermission\b|\bholders?\b|\bstatement\b)",
    re.IGNORECASE,
)
# Tried only where a run of blanks starts (not again inside it), and up to the next `<`
# or `@`: linear on a line of blanks, of `<` or of `@`.
_EMAIL = re.compile(r"(?<!\s)\s*<[^<>@\n]*@[^<>\n]*>")
_RESERVED = re.compile(r"(?i)(?<!\s)\s*\ball rights reserved\b.*$")
# Domains of public administrations (gouv.fr, gov.uk, europa.eu, bund.de, admin.ch...).
PUBLIC_DOMAIN = re.compile(
    r"(?:^|\.)(?:gouv|gov|gob|govt|gv)(?:\.[a-z]{2,3})?$|(?:^|\.)(?:europa\.eu|bund\.de|admin\.ch)$")
# Most commits from one organisation's domain: at least this share of the others.
DOMAIN_SHARE = 0.5


@dataclass(frozen=True)
class Holder:
    name: str
    source: str  # publiccode.yml, LICENSE..., AUTHORS, commit e-mails
    is_domain: bool = False
    # The other holders the same file names (a fork's README: its upstream's, then the
    # administration's): the first is proposed, the user is told of the others.
    others: tuple[str, ...] = ()


# The end of the comment a notice stands in (`Copyright 2016 ACME  */`): not the
# holder's, and a holder that ends a comment is never written into a header.
_COMMENT_ENDS = ("*/", "*)", "-->", "#}", "-}", "*@")


_LINK_OPENINGS = ("http://", "https://", "www.")


def _without_trailers(text: str) -> str:
    """The holder without what a notice adds after it: its web address (`Université de
    Lorraine http://www.univ-lorraine.fr`) or its years in brackets (`Ministère de la
    Culture (2022)`, numerique-gouv/francetransfert), which no header repeats as its name."""
    while True:
        head, _, last = text.rpartition(" ")
        bracketed = last[1:-1] if last.startswith("(") and last.endswith(")") else ""
        if head.strip() and (last.lower().startswith(_LINK_OPENINGS) or (
                bracketed and all(part.strip().isdigit() and len(part.strip()) == 4
                                  for part in bracketed.replace("–", "-").split("-")))):
            text = head.rstrip().rstrip(",;-–").rstrip()
            continue
        return text


def _clean(holder: str) -> str | None:
    holder = holder.rstrip()
    ending = next((end for end in _COMMENT_ENDS if holder.endswith(end)), "")
    text = _EMAIL.sub("", holder[:len(holder) - len(ending)]).strip().strip(".,;").strip()
    text = _without_trailers(_RESERVED.sub("", text).strip().strip(".,;"))
    if len(text) < 2 or _NOT_A_HOLDER.search(text) or not any(c.isalpha() for c in text):
        return None
    return header_line(text)


def from_publiccode(code: dict[str, Any] | None) -> Holder | None:
    legal = code.get("legal") if isinstance(code, dict) else None
    if not isinstance(legal, dict):
        return None
    for key in ("mainCopyrightOwner", "repoOwner"):
        value = header_line(legal.get(key))
        if value:
            return Holder(value, f"publiccode.yml legal.{key}")
    return None


def without_lead(notice: str) -> str:
    """The holder part of what follows "Copyright": no symbol, years nor separator."""
    return notice[_LEAD.match(notice).end():]  # type: ignore[union-attr]


# A product's name before its notice, at the start of a NOTICE's line (`PANDORA
# Copyright (c) 2020 Centre National d'Etudes Spatiales (CNES).`, `Orfeo Toolbox (OTB)
# Copyright 2005-2019 …`): capitalised words, four at most, maybe its acronym in
# brackets, the first one no sentence opens with.
_PRODUCT = re.compile(r"^[A-Z][\w.+-]{1,40}(?:[ \t][A-Z][\w.+-]{0,40}){0,3}"
                      r"(?:[ \t]\([A-Z][\w.+-]{0,15}\))?[ \t]+$")
_SENTENCE_OPENERS = frozenset({"This", "The", "These", "That", "Its", "Our", "All", "No",
                               "Any", "See", "And", "Or", "Le", "La", "Les", "Ce", "Cette"})


def _lead_is_a_product(lead: str) -> bool:
    return _PRODUCT.match(lead) is not None and lead.split()[0] not in _SENTENCE_OPENERS


# A holder's name wrapped onto the next line of its comment or paragraph (GeOxygene's
# `Copyright (C) 2005 Institut\n * Géographique National This library…`, Zélus's
# `Institut National de\nRecherche en Informatique et en Automatique (Inria).`): when
# its line ends on a word that needs more (a linking word, or the noun of a body), the
# next line's capitalised and linking words are the rest of the name.
_LINKING = frozenset({"de", "du", "des", "d'", "of", "and", "et", "&", "la", "le", "les",
                      "l'", "the", "for", "für", "del", "di", "der", "en", "y"})
_BODY_NOUNS = frozenset({
    "institut", "institute", "university", "université", "universite", "centre", "center",
    "laboratoire", "laboratory", "école", "ecole", "agence", "agency", "ministère",
    "ministere", "ministry", "department", "département", "departement", "direction",
    "commissariat", "conseil", "council", "office", "fondation", "foundation", "société",
    "societe", "society", "national", "nationale", "groupement"})
_LINE_MARKS = re.compile(r"[ \t]*(?:[*#/;!%-]+|<!--|\.\.)?[ \t]*")
_ELIDED = re.compile(r"^[dlDL]['\u2019][A-ZÀ-Ý]")
MAX_WRAPPED_WORDS = 12
WRAPPED_LINE = 300


def _name_word(word: str) -> bool:
    return word.lower() in _LINKING or word[:1].isupper() or _ELIDED.match(word) is not None \
        or (word.startswith("(") and word.endswith(")"))


def wrapped_rest(holder: str, text: str, end: int) -> str:
    """`holder`, read from `text` up to `end` (where its line ends), with the rest of its
    name when the name goes on to the next line."""
    words = holder.split()
    if not words or text[end:end + 1] != "\n" or (
            words[-1].lower() not in _LINKING and words[-1].lower() not in _BODY_NOUNS):
        return holder
    line = text[end + 1:end + 1 + WRAPPED_LINE].split("\n", 1)[0]
    line = line[_LINE_MARKS.match(line).end():]  # type: ignore[union-attr]
    taken: list[str] = []
    for word in line.split()[:MAX_WRAPPED_WORDS]:
        bare = word.rstrip(".,;:")
        if not bare or not _name_word(bare):
            if taken and taken[-1][:1].isupper():
                taken.pop()  # `National This library`: the word opens the next sentence
            break
        taken.append(bare)
        if bare != word:
            break  # a full stop or a comma ends the name
    while taken and taken[-1].lower() in _LINKING:
        taken.pop()
    if not taken:  # `Jane Doe and` then ` the contributors`: no more of the name
        while len(words) > 1 and words[-1].lower() in _LINKING:
            words.pop()
        return " ".join(words)
    return " ".join([holder.rstrip(), *taken])


# "The Zélus compiler is Copyright by Inria": a sentence naming the holder after "by"
# or "of" ("This software is Copyright 2020 X" in a NOTICE credits a dependency).
_STATES = re.compile(r"\b(?:is|are)[ \t]*$", re.IGNORECASE)
_STATED_BY = re.compile(r"[ \t]*(?:by|of)\b[ \t]*", re.IGNORECASE)
# `Copyright (c) 2003 by Peter Astrand`: the word before the holder is not theirs
_BY = re.compile(r"^(?:(?:by|par)[ \t]+)?", re.IGNORECASE)


# The marks around a word being defined or emphasised (`"Copyright" also means` in the
# GPL's text, `*Copyright*` in its Markdown copy): the same mark before and after it.
_TERM_CLOSES = ("*", "_", '"', "'", "\u201d", "`")
_NOTICE_AFTER = re.compile(r"\s*(?:\(c\)|©|\d{4})", re.IGNORECASE)  # `**Copyright** 2020 X`


def copyright_lines(text: str) -> list[str]:
    """The holders of the copyright lines of a text, as written, in order."""
    found = []
    for match in _COPYRIGHT.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        lead = text[line_start:match.start()].lstrip(" \t#*/-;")
        rest = match.group("rest")
        if lead and not _lead_is_a_product(lead):
            stated = _STATED_BY.match(rest) if _STATES.search(lead) else None
            if stated is None:
                continue  # "Copyright" inside a sentence, not a notice
            rest = rest[stated.end():]
        before = text[match.start() - 1:match.start()]
        if rest[:1] in _TERM_CLOSES and before == rest[:1].replace("\u201d", "\u201c"):
            rest = rest.lstrip("".join(_TERM_CLOSES))  # `**Copyright** 2020 ACME`
            if not _NOTICE_AFTER.match(rest):
                continue  # `*Copyright* also means…`: the GPL's definition of the word
        written = without_lead(rest)
        written = written[_BY.match(written).end():]  # type: ignore[union-attr]
        holder = _clean(wrapped_rest(written, text, match.end()))
        if holder:
            found.append(holder)
    return found


def _stewards_text(holder: str, text: str) -> bool:
    """The line names the steward of a licence text this file holds."""
    name = holder.lower()
    return any(steward in name and any(words in text for words in licences)
               for steward, licences in LICENCE_STEWARDS.items())


def _first_holder(repo: Repository, paths: Iterable[str]) -> Holder | None:
    for path in paths:
        text = (repo.read_text(path) or "")[:50000]
        lowered = " ".join(text.lower().split())
        found = [holder for holder in dict.fromkeys(copyright_lines(text))
                 if not _stewards_text(holder, lowered)]
        if found:
            return Holder(found[0], path, others=tuple(found[1:MAX_OTHERS + 1]))
    return None


def from_files(repo: Repository, paths: Iterable[str]) -> Holder | None:
    """The first holder a copyright line of one of `paths` names, in their order."""
    return _first_holder(repo, paths)


def from_notices(repo: Repository) -> Holder | None:
    """A root notice that gathers other components' licences names their holders, never
    the project's (DigiDoc4-Client's COPYING proposed g10 Code GmbH for every file)."""
    return _first_holder(repo, sorted(
        p for p in repo.paths() if "/" not in p and ROOT_NOTICES.match(p)
        and not of_components(repo, p)))


def from_readme(repo: Repository) -> Holder | None:
    return _first_holder(repo, sorted(
        p for p in repo.paths() if "/" not in p and README_FILE.match(p)))


def from_headers(names: Mapping[str, int]) -> Holder | None:
    """The holders the project's own files name (SPDX-FileCopyrightText, REUSE.toml),
    the commonest first, with those nearly as common ("DINUM, Université Grenoble
    Alpes" when each heads half of the files)."""
    counts: Counter[str] = Counter()
    for name, files in names.items():
        holder = _clean(name)
        if holder and not any(steward in holder.lower() for steward in LICENCE_STEWARDS):
            counts[holder] += files
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))  # same every run
    top = ranked[0][1]
    kept = [name for name, files in ranked[:MAX_HEADER_HOLDERS] if files >= HEADER_SHARE * top]
    joined = header_line(", ".join(kept)) or kept[0]
    return Holder(joined, SPDX_HEADERS)


def from_authors(repo: Repository) -> Holder | None:
    for path in AUTHORS_FILES:
        if not repo.exists(path):
            continue
        lines = [line.strip().lstrip("-*").strip() for line in
                 (repo.read_text(path) or "").splitlines()]
        entries = [line for line in lines if line and not line.startswith("#")
                   and not line.endswith(":")]
        if len(entries) == 1:
            holder = _clean(entries[0])
            if holder:
                return Holder(holder, path)
    return None


def from_emails(addresses: Iterable[tuple[str, int]],
                is_personal: Any) -> Holder | None:
    """The domain behind most commits, counting only organisations' addresses.

    A domain only one address uses is most often a person's own (`jane@janedoe.dev`):
    it names no organisation unless it is a public administration's."""
    domains: Counter[str] = Counter()
    people: dict[str, set[str]] = {}
    for address, commits in addresses:
        if is_personal(address):
            continue
        address = address.strip().lower()
        domain = address.rpartition("@")[2]
        if domain and "." in domain:
            domains[domain] += commits
            people.setdefault(domain, set()).add(address)
    if not domains:
        return None
    domain, count = domains.most_common(1)[0]
    if count < DOMAIN_SHARE * sum(domains.values()):
        return None
    if len(people[domain]) < 2 and not PUBLIC_DOMAIN.search(domain):
        return None
    return Holder(domain, "commit e-mails", is_domain=True)


def holder_refused(name: str) -> Text | None:
    """Why a holder given on the command line cannot be written in headers, or None."""
    if one_line(name) is None:
        return Text(
            f"le titulaire (--holder) doit tenir sur une ligne de {MAX_CHARS} caractères "
            "au plus, sans caractère de contrôle.",
            f"the holder (--holder) must be one line of at most {MAX_CHARS} characters, "
            "without control characters.",
        )
    mark = comment_break(name)
    if mark is None:
        return None
    return Text(
        f"le titulaire (--holder) ne peut pas contenir « {mark} » : dans l'en-tête d'un "
        "fichier source, cela termine le commentaire, ouvre du code ou en fait une "
        "directive.",
        f"the holder (--holder) cannot hold '{mark}': in a source file's header, it "
        "ends the comment, opens code or makes it a directive.",
    )


def project_holder(repo: Repository, code: dict[str, Any] | None,
                   addresses: Iterable[tuple[str, int]] = (),
                   is_personal: Any = lambda _address: False,
                   headers: Mapping[str, int] | None = None) -> Holder | None:
    """`headers`: how many of the project's own files each holder's notice heads."""
    return (from_publiccode(code) or from_notices(repo) or from_headers(headers or {})
            or from_readme(repo) or from_authors(repo) or from_emails(addresses, is_personal))
