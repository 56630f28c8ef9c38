# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The decree's list of authorised licences (`rules/licences.yml`) and verdicts on it."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from opencheck.catalogue import shipped_document
from opencheck.licensing.expressions import InvalidExpression, choices, later_versions, normalise
from opencheck.model import Text


@dataclass(frozen=True)
class AuthorisedLicence:
    id: str
    name: str
    kind: str  # "permissive" or "reciprocity"
    scope: str  # "software" or "data"
    aliases: tuple[str, ...] = ()

    @property
    def reciprocal(self) -> bool:
        return self.kind == "reciprocity"

    @property
    def data_only(self) -> bool:
        return self.scope == "data"


@dataclass(frozen=True)
class Verdict:
    """What the list says about an expression.

    `authorised`: at least one way to comply uses only licences of the list; an OR needs
    one listed alternative, an AND every part, an exception (WITH) keeps its licence's
    verdict, and `-or-later` (`+`) may be met by a later version (`GPL-2.0-or-later` by
    GPL-3.0). `choice`: the licences of that way (the most favourable one: software
    before data, permissive before reciprocity). `unlisted`: ids of the expression not on
    the list, even through a later version. `non_free`: the non-free ids when every way
    to comply has one (`MIT OR CC-BY-NC-4.0` is free: MIT can be chosen).
    """

    expression: str
    authorised: bool
    choice: tuple[AuthorisedLicence, ...]
    unlisted: tuple[str, ...]
    non_free: tuple[str, ...]

    @property
    def data_only(self) -> bool:
        return self.authorised and any(licence.data_only for licence in self.choice)

    @property
    def reciprocal(self) -> bool:
        return self.authorised and any(licence.reciprocal for licence in self.choice)


@dataclass(frozen=True)
class AuthorisedList:
    licences: tuple[AuthorisedLicence, ...]
    reference_title: Text
    reference_url: str
    homologation: Text
    doctrine: Text
    non_free_patterns: tuple[str, ...]

    def find(self, spdx_id: str) -> AuthorisedLicence | None:
        """The entry for an SPDX id or one of its aliases (deprecated ids included)."""
        try:
            wanted = {spdx_id, normalise(spdx_id)}
        except InvalidExpression:
            wanted = {spdx_id}
        lowered = {value.lower() for value in wanted}
        for licence in self.licences:
            names = {licence.id.lower(), *(alias.lower() for alias in licence.aliases)}
            if names & lowered:
                return licence
        return None

    def is_non_free(self, spdx_id: str) -> bool:
        return any(fnmatch.fnmatchcase(spdx_id, pattern) for pattern in self.non_free_patterns)

    def verdict(self, expression: str) -> Verdict:
        """Is this SPDX expression allowed? Raises InvalidExpression if it does not parse."""
        best: tuple[AuthorisedLicence, ...] | None = None
        unlisted: list[str] = []
        non_free: list[str] = []
        free_way = False  # pragma: no mutate
        entry_of = _Memo(self._listed)  # an id is in many ways: looked up once
        for way in choices(expression):
            found = [entry_of(spdx_id) for spdx_id in way]
            for spdx_id, entry in zip(way, found, strict=True):  # pragma: no mutate
                if entry is None and spdx_id not in unlisted:
                    unlisted.append(spdx_id)
            bad = [spdx_id for spdx_id in way if self.is_non_free(spdx_id)]
            free_way = free_way or not bad
            non_free.extend(spdx_id for spdx_id in bad if spdx_id not in non_free)
            if all(entry is not None for entry in found):
                listed = tuple(entry for entry in found if entry is not None)
                if best is None or _rank(listed) < _rank(best):
                    best = listed
        return Verdict(
            expression=normalise(expression),
            authorised=best is not None,
            choice=best or (),
            unlisted=tuple(unlisted),
            non_free=() if free_way else tuple(non_free),
        )

    def unlisted_content(self, expression: str) -> tuple[str, ...]:
        """The unlisted licences an expression adds, all of them for content
        (documentation, data), to a listed software licence: `CECILL-2.1 AND CC-BY-SA-2.0`,
        where the code's licence is on the list and the second text covers documents.
        Empty when no way to comply reads so. Raises InvalidExpression."""
        entry_of = _Memo(self._listed)
        for way in choices(expression):
            found = [(spdx_id, entry_of(spdx_id)) for spdx_id in way]
            extra = tuple(spdx_id for spdx_id, entry in found if entry is None)
            software = [entry for _, entry in found if entry is not None and not entry.data_only]
            if extra and software and all(
                    is_content_licence(spdx_id) and not self.is_non_free(spdx_id)
                    for spdx_id in extra):
                return extra
        return ()

    def _listed(self, spdx_id: str) -> AuthorisedLicence | None:
        """The entry for this id, or for the first later version on the list when the id
        says "or later" (the licensee may pick that version)."""
        entry = self.find(spdx_id)
        for later in later_versions(spdx_id):
            if entry is not None:
                break
            entry = self.find(later)
        return entry


class _Memo:
    """An id's entry, looked up once per expression judged."""

    def __init__(self, find: Callable[[str], AuthorisedLicence | None]) -> None:
        self.find = find
        self.known: dict[str, AuthorisedLicence | None] = {}

    def __call__(self, spdx_id: str) -> AuthorisedLicence | None:
        if spdx_id not in self.known:
            self.known[spdx_id] = self.find(spdx_id)
        return self.known[spdx_id]


# Licences written for works other than software: texts, images, data.
_CONTENT_PREFIXES = ("CC-BY-", "CC0-", "CC-PDDC", "GFDL-", "ODC-", "ODbL-", "OGL-", "etalab-",
                     "DL-DE-")


def is_content_licence(spdx_id: str) -> bool:
    return spdx_id.startswith(_CONTENT_PREFIXES)


def _rank(way: tuple[AuthorisedLicence, ...]) -> tuple[int, int]:
    return (sum(licence.data_only for licence in way), sum(licence.reciprocal for licence in way))


def _text(raw: dict[str, Any]) -> Text:
    return Text(fr=str(raw["fr"]).strip(), en=str(raw["en"]).strip())


@cache
def load_authorised(path: Path | None = None) -> AuthorisedList:
    """Read `rules/licences.yml` (or another file of the same shape)."""
    if path is None:
        raw = shipped_document("licences.yml")
    else:
        import yaml

        raw = yaml.safe_load(path.read_text("utf-8"))
    licences = tuple(
        AuthorisedLicence(
            id=entry["id"],
            name=entry.get("name", entry["id"]),
            kind=entry["kind"],
            scope=entry.get("scope", "software"),
            aliases=tuple(entry.get("aliases", ())),
        )
        for entry in raw["licences"]
    )
    return AuthorisedList(
        licences=licences,
        reference_title=_text(raw["reference"]["title"]),
        reference_url=raw["reference"]["url"],
        homologation=_text(raw["homologation"]),
        doctrine=_text(raw["doctrine"]),
        non_free_patterns=tuple(raw.get("non_free", ())),
    )
