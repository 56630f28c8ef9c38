# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The fields publiccode.yml, codemeta.json and CITATION.cff share, read from each and
from the repository itself, so that they can be compared and one written from another.

| fact | publiccode.yml | codemeta.json | CITATION.cff | repository |
|---|---|---|---|---|
| name | name | name | title | - |
| version | softwareVersion | softwareVersion, version | version | latest release tag |
| licence | legal.license | license (SPDX URL) | license | licence files |
| repository | url | codeRepository | repository-code | remote `origin` |
| released | releaseDate | datePublished | date-released | - |
| description | description.*.shortDescription | description | abstract | - |
| landing page | landingURL | url | url | - |
| status | developmentStatus | developmentStatus | - | - |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from opencheck.community import facts as repo_facts
from opencheck.community import history as hist
from opencheck.licensing import (
    Declaration,
    InvalidExpression,
    collect,
    equivalent,
    project_licence,
)
from opencheck.model import Text
from opencheck.repository import Repository
from opencheck.research.cff import Citation
from opencheck.research.codemeta import CodeMeta
from opencheck.urls import redact_text

FIELDS = {
    "name": Text("nom", "name"),
    "version": Text("version", "version"),
    "licence": Text("licence", "licence"),
    "repository": Text("dépôt", "repository"),
    "authors": Text("auteurs", "authors"),
}


@dataclass(frozen=True)
class Described:
    source: str  # "publiccode.yml", "codemeta.json", "CITATION.cff", "the repository"
    name: str | None = None
    version: str | None = None
    licence: str | None = None
    repository: str | None = None
    # Family names, lower case: the one part of a name every source spells the same.
    authors: frozenset[str] | None = None


@dataclass(frozen=True)
class Mismatch:
    field: str
    left: Described
    right: Described

    def message(self) -> Text:
        label = FIELDS[self.field]
        if self.field == "authors":
            a, b = (_names(getattr(side, self.field)) for side in (self.left, self.right))
            return Text(
                f"auteurs : aucun des auteurs de {self.left.source} ({a}) n'est dans "
                f"{self.right.source} ({b}).",
                f"authors: none of the authors of {self.left.source} ({a}) is in "
                f"{self.right.source} ({b}).",
            )
        a, b = (_quoted(getattr(side, self.field)) for side in (self.left, self.right))
        return Text(
            f"{label.fr} : {self.left.source} dit « {a} », {self.right.source} dit « {b} ».",
            f"{label.en}: {self.left.source} says '{a}', {self.right.source} says '{b}'.",
        )


def from_repository(repo: Repository, declared: list[Declaration] | None = None,
                    authors: list[str] | None = None) -> Described:
    """The repository's own facts; `declared` are its licence declarations when already
    collected (a check passes the run's), `authors` the commit authors' names, if read."""
    found = project_licence(collect(repo) if declared is None else declared)
    version = None
    if repo.git is not None and repo.git.tags:
        releases = sorted(hist.release_tags(repo.git.tags), key=lambda tag: tag.date)
        if releases:
            version = hist.version_text(releases[-1].name)
    return Described("the repository", None, version, found.spdx if found else None,
                     repo_facts.web_url(repo),
                     _families([_family(None, name) for name in authors or []]))


def from_publiccode(code: dict[str, Any] | None) -> Described | None:
    if code is None:
        return None
    return Described("publiccode.yml", _str(code.get("name")), _str(code.get("softwareVersion")),
                     _str(repo_facts.get(code, "legal", "license")), _str(code.get("url")))


def from_codemeta(meta: CodeMeta | None) -> Described | None:
    if meta is None:
        return None
    licences = meta.licences
    licence = " OR ".join(licences) if len(licences) > 1 else (licences[0] if licences else None)
    families = [_family(a.get("familyName"), a.get("name")) for a in meta.authors
                if a.get("@type", a.get("type")) != "Organization"]
    return Described("codemeta.json", meta.name, meta.software_version, licence, meta.repository,
                     _families(families))


def from_citation(citation: Citation | None) -> Described | None:
    if citation is None:
        return None
    licences = citation.licences
    licence = " OR ".join(licences) if len(licences) > 1 else (licences[0] if licences else None)
    families = [_family(a.get("family-names"), None) for a in citation.authors]
    return Described("CITATION.cff", citation.title, citation.version, licence,
                     citation.repository, _families(families))


def mismatches(left: Described, right: Described) -> list[Mismatch]:
    found: list[Mismatch] = []
    for name in FIELDS:
        a, b = getattr(left, name), getattr(right, name)
        if a is None or b is None:
            continue
        if not _same(name, a, b):
            found.append(Mismatch(name, left, right))
    return found


def _family(family: Any, full: Any) -> str | None:
    """A family name as given, else the last word of a full name; lower case."""
    if isinstance(family, str) and family.strip():
        return " ".join(family.split()).lower()
    if isinstance(full, str) and full.split():
        return full.split()[-1].lower()
    return None


def _families(families: list[str | None]) -> frozenset[str] | None:
    found = frozenset(family for family in families if family)
    return found or None


def _names(values: frozenset[str]) -> str:
    shown = sorted(values)
    return ", ".join(_quoted(name) for name in shown[:5]) + (", …" if len(shown) > 5 else "")


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "authors":
        return not frozenset(a).isdisjoint(b)
    if field == "licence":
        try:
            return equivalent(a, b)
        except InvalidExpression:
            return str(a).strip().lower() == str(b).strip().lower()
    if field == "version":
        return _version(a) == _version(b)
    if field == "repository":
        return _url(a) == _url(b)
    return " ".join(a.split()).lower() == " ".join(b.split()).lower()


def _version(value: str) -> str:
    return re.sub(r"^(?:v|version[ -]?)", "", value.strip(), flags=re.IGNORECASE)


def _url(value: str) -> str:
    text = value.strip().lower().removeprefix("git+")
    for prefix in ("https://", "http://", "ssh://", "git://"):
        text = text.removeprefix(prefix)
    if text.startswith("git@"):
        text = text[4:].replace(":", "/", 1)
    return text.removesuffix("/").removesuffix(".git")


def _quoted(value: str) -> str:
    """A value as a message quotes it: credentials of a URL masked, 80 characters at most."""
    text = redact_text(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _str(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None
