# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licence declarations read as SPDX, sorted into categories, and judged against the
project's licence, following `rules/compatibility.yml`."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import cache
from typing import Any

from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    get_license_index,
)

from opencheck.catalogue import shipped_document
from opencheck.licensing.expressions import licensing, lone_id
from opencheck.model import Text
from opencheck.spdxlicensing import license_index, names_an_unknown_licence

PERMISSIVE = "permissive"
WEAK = "weak-copyleft"
STRONG = "strong-copyleft"
NETWORK = "network-copyleft"
NON_FREE = "non-free"
UNKNOWN = "unknown"
COPYLEFT = (STRONG, NETWORK)

# Verdicts, from harmless to blocking; `OR` keeps the smallest, `AND` the largest.
OK = "ok"
RELICENSE = "relicense"
COPYLEFT_IN_PERMISSIVE = "copyleft"
UNKNOWN_LICENCE = "unknown"
INCOMPATIBLE = "incompatible"
NOT_FREE = "non-free"
RANK = {OK: 0, RELICENSE: 1, COPYLEFT_IN_PERMISSIVE: 2, UNKNOWN_LICENCE: 3,
        INCOMPATIBLE: 4, NOT_FREE: 5}


@dataclass(frozen=True)
class Combination:
    project: tuple[str, ...]
    dependency: tuple[str, ...]
    verdict: str
    why: Text
    source: str


@dataclass(frozen=True)
class Policy:
    categories: dict[str, str]
    titles: dict[str, Text]
    patterns: tuple[tuple[str, str], ...]
    fallback: dict[str, str]
    exceptions: dict[str, str]
    declarations: dict[str, str]
    aliases: dict[str, str | None]
    combinations: tuple[Combination, ...]
    sources: dict[str, str]


@dataclass(frozen=True)
class Verdict:
    kind: str
    category: str
    why: Text | None = None
    source: str | None = None
    licence: str | None = None  # the licence (leaf) that decided


@cache
def load_policy() -> Policy:
    raw: dict[str, Any] = shipped_document("compatibility.yml")
    categories: dict[str, str] = {}
    titles: dict[str, Text] = {}
    for name, entry in raw["categories"].items():
        titles[name] = Text(entry["title"]["fr"], entry["title"]["en"])
        for licence in entry["licences"]:
            categories[licence] = name
    sources = {key: value["url"] for key, value in raw.get("sources", {}).items()}
    combinations = tuple(
        Combination(
            tuple(item["project"]), tuple(item["dependency"]), item["verdict"],
            Text(item["why"]["fr"].strip(), item["why"]["en"].strip()),
            sources.get(item["source"], item["source"]),
        )
        for item in raw.get("combinations", [])
    )
    return Policy(
        categories=categories,
        titles=titles,
        patterns=tuple((p["match"], p["category"]) for p in raw.get("patterns", [])),
        fallback=dict(raw.get("fallback", {})),
        exceptions=dict(raw.get("exceptions", {})),
        declarations={k.lower(): v for k, v in raw.get("declarations", {}).items()},
        aliases={k.lower(): v for k, v in raw.get("aliases", {}).items()},
        combinations=combinations,
        sources=sources,
    )


@cache
def _scancode_categories() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in license_index() or get_license_index():
        key = entry.get("spdx_license_key")
        if key and entry.get("category"):
            found[key] = entry["category"]
    return found


def spdx_licensing() -> Any:
    """Building the SPDX licensing index is slow: one instance per process, shared with
    the licence family."""
    return licensing()


@cache
def to_spdx(declared: str) -> str | None:
    """The declaration as a valid SPDX expression, or None when it is not one."""
    text = " ".join(declared.split())
    if not text:
        return None
    policy = load_policy()
    for lowered in (text.lower(), text.lower().strip("()")):
        if lowered in policy.aliases:
            return policy.aliases[lowered]
    known = lone_id(text)  # one known id: no licensing built (spdxlicensing.py)
    if known is not None:
        return known
    if names_an_unknown_licence(text):  # `SEE LICENSE IN LICENSE.md`: an error, nothing built
        return None
    try:
        info = licensing(text).validate(text)
    except (ExpressionError, AttributeError, TypeError, ValueError):
        return None
    if not info.errors and info.normalized_expression:
        return str(info.normalized_expression)
    if info.invalid_symbols and all(
        str(s).startswith(("LicenseRef-", "DocumentRef-")) for s in info.invalid_symbols
    ) and all("Unknown license key" in e for e in info.errors):
        return text
    return None


def category_of(licence_id: str, exception: str | None = None) -> str:
    policy = load_policy()
    if exception and exception in policy.exceptions:
        return policy.exceptions[exception]
    if licence_id in policy.categories:
        return policy.categories[licence_id]
    for pattern, category in policy.patterns:
        if fnmatch.fnmatchcase(licence_id, pattern):
            return category
    scancode = _scancode_categories().get(licence_id)
    if scancode is not None:
        return policy.fallback.get(scancode, UNKNOWN)
    return UNKNOWN


def declared_category(declared: str) -> str | None:
    """The category of a non-SPDX declaration such as npm's `UNLICENSED`."""
    return load_policy().declarations.get(" ".join(declared.split()).lower())


Leaf = tuple[str, str | None]  # (licence id, exception)


@cache
def _tree(expression: str) -> Any:
    known = lone_id(expression)
    if known is not None:
        return LicenseSymbol(known)  # what the licensing's parse gives, as `_leaf` reads it
    return licensing(expression).parse(expression)


def _leaf(node: Any) -> Leaf:
    if isinstance(node, LicenseWithExceptionSymbol):
        return str(node.license_symbol.key), str(node.exception_symbol.key)
    return str(node.key), None


def _fold(node: Any, leaf: Any) -> Verdict:
    """Apply `leaf` to each licence of the tree; OR keeps the best, AND the worst."""
    if isinstance(node, LicenseSymbol | LicenseWithExceptionSymbol):
        result: Verdict = leaf(_leaf(node))
        return result
    children = [_fold(child, leaf) for child in node.args]
    if isinstance(node, OR):
        return min(children, key=lambda v: RANK[v.kind])
    if isinstance(node, AND):
        return max(children, key=lambda v: RANK[v.kind])
    return Verdict(UNKNOWN_LICENCE, UNKNOWN)


def expression_category(expression: str) -> str:
    """The category of a whole expression (best option of an OR, worst part of an AND)."""
    order = [PERMISSIVE, WEAK, STRONG, NETWORK, UNKNOWN, NON_FREE]

    def fold(node: Any) -> str:
        if isinstance(node, LicenseSymbol | LicenseWithExceptionSymbol):
            return category_of(*_leaf(node))
        values = [fold(child) for child in node.args]
        pick = min if isinstance(node, OR) else max
        return pick(values, key=order.index)

    try:
        return fold(_tree(expression))
    except ExpressionError:
        return UNKNOWN


@cache
def judge(spdx: str | None, declared: str | None, project: str | None) -> Verdict:
    """The verdict on one dependency licence within the project's licence (memoised:
    a lockfile repeats a few dozen licences over thousands of packages)."""
    if spdx is None:
        category = declared_category(declared) if declared else None
        if category == NON_FREE:
            return Verdict(NOT_FREE, NON_FREE, licence=declared)
        return Verdict(UNKNOWN_LICENCE, UNKNOWN, licence=declared)
    try:
        dep_tree = _tree(spdx)
        project_tree = _tree(project) if project else None
    except ExpressionError:
        return Verdict(UNKNOWN_LICENCE, UNKNOWN, licence=spdx)

    def against(project_leaf: Leaf | None) -> Verdict:
        return _fold(dep_tree, lambda dep_leaf: _judge_leaf(project_leaf, dep_leaf))

    if project_tree is None:
        return against(None)
    return _fold(project_tree, against)


def _judge_leaf(project: Leaf | None, dependency: Leaf) -> Verdict:
    dep_id, exception = dependency
    category = category_of(dep_id, exception)
    name = f"{dep_id} WITH {exception}" if exception else dep_id
    if category == NON_FREE:
        return Verdict(NOT_FREE, category, licence=name)
    if category == UNKNOWN:
        return Verdict(UNKNOWN_LICENCE, category, licence=name)
    if project is None:
        return Verdict(OK, category, licence=name)
    project_id = project[0]
    if project_id == dep_id and not exception:
        return Verdict(OK, category, licence=name)
    lifted = exception is not None and category in (PERMISSIVE, WEAK)
    if not lifted:
        for combination in load_policy().combinations:
            if _any(project_id, combination.project) and _any(dep_id, combination.dependency):
                return Verdict(combination.verdict, category, combination.why,
                               combination.source, name)
    project_category = category_of(*project)
    if category in COPYLEFT and project_category in (PERMISSIVE, WEAK):
        return Verdict(COPYLEFT_IN_PERMISSIVE, category, licence=name)
    return Verdict(OK, category, licence=name)


def _any(licence_id: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(licence_id, pattern) for pattern in patterns)


def category_title(category: str) -> Text:
    titles = load_policy().titles
    return titles.get(category, Text("inconnue", "unknown"))
