# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""license-expression's SPDX licensing, built once per process for every family, and
the ids it knows, read without building it.

Building it reads license-expression's whole index of licence keys: the licence family
and the publiccode.yml family both parse expressions, and used to build one each.
Building it (2,447 symbols) and its first parse (the automaton of every key and alias)
took 15-21 ms of every check, most of whose expressions are one known id (`MIT`,
`Apache-2.0`): `spdx_ids` reads the same index into a table of ids (4-5 ms), which
answers those (licensing/expressions.py) as the licensing would.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from license_expression import Licensing

# Where license-expression keeps its index (its `vendored_scancode_licensedb_index_location`).
_INDEX = ("data", "scancode-licensedb-index.json")


@cache
def spdx_licensing() -> Licensing:
    from license_expression import build_spdx_licensing, get_license_index

    return build_spdx_licensing(license_index() or get_license_index())


@dataclass(frozen=True)
class SpdxIds:
    """What `spdx_licensing()` is built from: its keys (`known_symbols`, exceptions
    included); for each licence that is no exception, its key and aliases as the
    licensing matches them (lowercased, spaces single), mapped to its key; each
    symbol's description (`build_spdx_licensing`'s) by each of those, exceptions
    included; and the symbols one of whose aliases spans several words."""

    keys: tuple[str, ...]
    licences: dict[str, str]
    symbols: dict[str, dict[str, Any]]
    spanning: tuple[dict[str, Any], ...]


# How license-expression's tokenizer cuts an expression into words (`get_tokens`).
_WORDS = re.compile(r"[\s()]+")
_KEYWORDS = frozenset(("and", "or", "with"))


def spdx_licensing_for(expression: str) -> Licensing:
    """A licensing that reads `expression` as `spdx_licensing()` does: when each of its
    words is a keyword or a known id or alias, one built of those symbols alone (and of
    those whose aliases span words, which the whole one would match across words); the
    whole one otherwise. Its tokenizer matches whole words, longest first, so the words
    are matched to the same symbols and the parse is the same."""
    ids = spdx_ids()
    if ids is None:
        return spdx_licensing()
    keys: set[str] = set()
    for word in _WORDS.split(expression.lower()):
        if not word or word in _KEYWORDS:
            continue
        symbol = ids.symbols.get(word)
        if symbol is None:
            return spdx_licensing()
        keys.add(symbol["key"])
    return _licensing_of(frozenset(keys))


def names_an_unknown_licence(expression: str) -> bool:
    """Whether `spdx_licensing()` would read in `expression` a licence it does not know
    whose name is no `LicenseRef-` or `DocumentRef-`: a word that is neither a keyword
    nor a known id or alias (`SEE LICENSE IN LICENSE.md`, `GPLv3`), in an expression
    holding no such reference nor a word of an alias of several words (`GPL 2.0`, which
    it reads as GPL-2.0-only). Its validation then always reports an error."""
    ids = spdx_ids()
    lower = expression.lower()
    if ids is None or "licenseref-" in lower or "documentref-" in lower:
        return False
    words = [word for word in _WORDS.split(lower) if word]
    spanning = {part for symbol in ids.spanning for alias in symbol["aliases"]
                if len(alias.split()) > 1 for part in alias.lower().split()}
    if any(word in spanning for word in words):
        return False
    return any(word not in _KEYWORDS and word not in ids.symbols for word in words)


# The licensings of their own symbols built in a process: each costs 0.2-1 ms, so a
# tree or a lockfile naming thousands of distinct sets of ids (2,000 expressions: 1 s,
# where the whole licensing built once read them in 0.09 s) is read past this by the
# whole one, as before any was built apart. Real projects name a few sets.
MAX_OWN_LICENSINGS = 64
_OWN: dict[frozenset[str], Licensing] = {}


def _licensing_of(keys: frozenset[str]) -> Licensing:
    found = _OWN.get(keys)
    if found is not None:
        return found
    if len(_OWN) >= MAX_OWN_LICENSINGS:
        return spdx_licensing()
    from license_expression import load_licensing_from_license_index

    ids = spdx_ids()
    assert ids is not None  # only asked once the ids are read
    chosen = {symbol["key"]: symbol for symbol in ids.symbols.values()
              if symbol["key"] in keys}
    chosen.update((symbol["key"], symbol) for symbol in ids.spanning)
    found = _OWN[keys] = load_licensing_from_license_index(list(chosen.values()))
    return found


@cache
def license_index() -> list[dict[str, Any]] | None:
    """license-expression's index of licences (`get_license_index()`), read once;
    None when it is not where that version keeps it."""
    spec = importlib.util.find_spec("license_expression")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        index = json.loads(Path(next(iter(spec.submodule_search_locations)), *_INDEX)
                           .read_bytes())
    except (OSError, ValueError):
        return None
    return index if isinstance(index, list) else None


@cache
def spdx_ids() -> SpdxIds | None:
    """The ids of license-expression's SPDX licensing, read from its index as
    `build_spdx_licensing` reads it; None when the index cannot be read so (the
    callers then ask the licensing itself)."""
    index = license_index()
    if index is None:
        return None
    try:
        keys: list[str] = []
        licences: dict[str, str] = {}
        symbols: dict[str, dict[str, Any]] = {}
        spanning: list[dict[str, Any]] = []
        for entry in index:
            key = entry.get("spdx_license_key")
            if not key:
                continue
            keys.append(key)
            symbol = {"key": key, "aliases": entry.get("other_spdx_license_keys", []),
                      "is_deprecated": entry.get("is_deprecated", False),
                      "is_exception": entry.get("is_exception", False)}
            for alias in [key, *symbol["aliases"]]:
                word = " ".join(alias.lower().split())
                symbols[word] = symbol
                if not symbol["is_exception"]:
                    licences[word] = key
                if " " in word:
                    spanning.append(symbol)
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return SpdxIds(tuple(keys), licences, symbols, tuple(spanning))
