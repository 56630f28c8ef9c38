# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Who holds the copyright of the project, from what the project itself declares.

The holder proposed in a fix (`reuse annotate --copyright "…"`) is written on every
file by whoever applies it: it must come from the project's own declarations, in this
order, and never from a file copied from elsewhere:

1. publiccode.yml `legal.mainCopyrightOwner`, then `legal.repoOwner`;
2. the copyright line of the project's own licence or notice file at the root
   (LICENSE, COPYING, NOTICE...), when it names someone rather than a template slot;
3. AUTHORS, when it names one holder;
4. the organisation behind most commit e-mail addresses (webmail and placeholder
   domains left out, and a domain only one address uses unless it is an
   administration's: a developer's own domain names nobody's organisation), given as
   its domain for the user to name.

When none says, the caller shows a visible placeholder.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from opencheck.model import Text
from opencheck.oneline import MAX_CHARS, one_line
from opencheck.repository import Repository

ROOT_NOTICES = re.compile(
    r"^(?:licen[cs]e|copying|notice|copyright)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)
AUTHORS_FILES = ("AUTHORS", "AUTHORS.md", "AUTHORS.txt", "AUTHORS.rst")
_COPYRIGHT = re.compile(r"(?:SPDX-FileCopyrightText:|Copyright)(?P<rest>[^\n]{0,200})")
_LEAD = re.compile(r"^[ \t]*(?:\([cC]\)|©)?[ \t]*(?:\d{4}(?:[ \t]*[-–,][ \t]*\d{4}){0,20}"
                   r"[ \t]*,?)?[ \t]*")
# The stewards of licence texts, named in the texts themselves (GPL, EUPL).
LICENCE_STEWARDS = ("free software foundation", "european union", "european commission")
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


def _clean(holder: str) -> str | None:
    text = _EMAIL.sub("", holder).strip().strip(".,;").strip()
    text = _RESERVED.sub("", text).strip().strip(".,;")
    if len(text) < 2 or _NOT_A_HOLDER.search(text) or not any(c.isalpha() for c in text):
        return None
    return one_line(text)


def from_publiccode(code: dict[str, Any] | None) -> Holder | None:
    legal = code.get("legal") if isinstance(code, dict) else None
    if not isinstance(legal, dict):
        return None
    for key in ("mainCopyrightOwner", "repoOwner"):
        value = one_line(legal.get(key))
        if value:
            return Holder(value, f"publiccode.yml legal.{key}")
    return None


def copyright_lines(text: str) -> list[str]:
    """The holders of the copyright lines of a text, as written, in order."""
    found = []
    for match in _COPYRIGHT.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start:match.start()].strip(" \t#*/-;"):
            continue  # "Copyright" inside a sentence, not a notice
        rest = match.group("rest")
        holder = _clean(rest[_LEAD.match(rest).end():])  # type: ignore[union-attr]
        if holder:
            found.append(holder)
    return found


def from_notices(repo: Repository) -> Holder | None:
    for path in sorted(p for p in repo.paths() if "/" not in p and ROOT_NOTICES.match(p)):
        for holder in copyright_lines((repo.read_text(path) or "")[:50000]):
            if not any(steward in holder.lower() for steward in LICENCE_STEWARDS):
                return Holder(holder, path)
    return None


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
    if one_line(name) is not None:
        return None
    return Text(
        f"le titulaire (--holder) doit tenir sur une ligne de {MAX_CHARS} caractères au "
        "plus, sans caractère de contrôle.",
        f"the holder (--holder) must be one line of at most {MAX_CHARS} characters, "
        "without control characters.",
    )


def project_holder(repo: Repository, code: dict[str, Any] | None,
                   addresses: Iterable[tuple[str, int]] = (),
                   is_personal: Any = lambda _address: False) -> Holder | None:
    return (from_publiccode(code) or from_notices(repo) or from_authors(repo)
            or from_emails(addresses, is_personal))
