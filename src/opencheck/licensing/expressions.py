# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""SPDX expressions: parse, normalise and compare them with license-expression.

`GPL-3.0+` and `GPL-3.0-or-later` are the same licence, `MIT OR Apache-2.0` equals
`Apache-2.0 OR MIT`; deprecated ids (`GPL-3.0`) read as the id the SPDX list now uses.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from license_expression import ExpressionError, Licensing

from opencheck.spdxlicensing import spdx_ids, spdx_licensing, spdx_licensing_for

# What a bare deprecated GNU id means: the SPDX list says "-only" for GPL-3.0 etc.
_DEPRECATED = {
    "GPL-1.0": "GPL-1.0-only", "GPL-2.0": "GPL-2.0-only", "GPL-3.0": "GPL-3.0-only",
    "LGPL-2.0": "LGPL-2.0-only", "LGPL-2.1": "LGPL-2.1-only", "LGPL-3.0": "LGPL-3.0-only",
    "AGPL-1.0": "AGPL-1.0-only", "AGPL-3.0": "AGPL-3.0-only",
    "GPL-1.0+": "GPL-1.0-or-later", "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0+": "GPL-3.0-or-later", "LGPL-2.0+": "LGPL-2.0-or-later",
    "LGPL-2.1+": "LGPL-2.1-or-later", "LGPL-3.0+": "LGPL-3.0-or-later",
    "AGPL-3.0+": "AGPL-3.0-or-later",
}


class InvalidExpression(ValueError):
    """Not an SPDX expression."""


def licensing(expression: str | None = None) -> Licensing:
    """The SPDX licensing of license-expression, built once (it is slow to build); with
    an expression, one that reads it the same, built of its symbols alone when it names
    only known ids (spdxlicensing.spdx_licensing_for)."""
    return spdx_licensing() if expression is None else spdx_licensing_for(expression)


# One word, as licence ids and their aliases are written (letters, digits, `-.+_`).
_ONE_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+_-]*+")


def lone_id(expression: str) -> str | None:
    """The licence id an expression made of one known id or alias alone reads as (`mit`
    -> `MIT`, `GPL-3.0` -> `GPL-3.0-only`), as the licensing reads it, without building
    the licensing; None for anything else (an exception, an unknown id, two ids)."""
    ids = spdx_ids()
    if ids is None or not _ONE_WORD.fullmatch(expression):
        return None
    return ids.licences.get(expression.lower())


def parse(expression: str) -> Any:
    """The parsed expression, deprecated ids renamed; InvalidExpression if it does not
    parse. Unknown ids (LicenseRef-..., typos) are kept as they are."""
    try:
        parsed = licensing(expression).parse(  # pragma: no mutate
            expression, validate=False, simple=False)
    except ExpressionError as error:
        raise InvalidExpression(str(error)) from error
    except Exception as error:  # license-expression raises other errors on odd input
        raise InvalidExpression(f"{type(error).__name__}: {error}") from error  # pragma: no mutate
    if parsed is None:
        raise InvalidExpression("empty expression")
    return parsed


def normalise(expression: str) -> str:
    """The canonical SPDX form: `GPL-3.0+` -> `GPL-3.0-or-later`, `gpl-3.0` -> `GPL-3.0-only`."""
    known = lone_id(expression)
    text = known if known is not None else str(parse(expression))
    for old in sorted(_DEPRECATED, key=len, reverse=True):  # pragma: no mutate
        text = _replace_id(text, old, _DEPRECATED[old])  # pragma: no mutate
    return text


def _replace_id(text: str, old: str, new: str) -> str:
    tokens = text.replace("(", " ( ").replace(")", " ) ").split()
    return " ".join(new if token == old else token for token in tokens).replace(
        "( ", "(").replace(" )", ")")


def without_exceptions(expression: str) -> str:
    """The expression with every `WITH <exception>` removed, normalised: an exception
    only adds permissions to its licence (`GPL-2.0-only WITH Classpath-exception-2.0`
    -> `GPL-2.0-only`)."""
    tokens = normalise(expression).replace("(", " ( ").replace(")", " ) ").split()
    kept: list[str] = []
    skip = False
    for token in tokens:
        if skip:
            skip = False
        elif token == "WITH":
            skip = True
        else:
            kept.append(token)
    return normalise(" ".join(kept))


def has_exception(expression: str) -> bool:
    """Does the expression add an exception (WITH) to a licence?"""
    return "WITH" in normalise(expression).split()


def keys(expression: str) -> list[str]:
    """The licence ids of an expression, normalised, without exceptions."""
    normal = normalise(expression)
    known = lone_id(normal)
    if known is not None:
        return [known]
    parsed = parse(normal)
    return sorted({str(symbol.key) for symbol in licensing(normal).license_symbols(parsed)
                   if not symbol.is_exception})


def all_required(expression: str) -> bool:
    """Whether the expression joins licences that all apply at its top (`MIT AND
    CC-BY-4.0`, `(MIT OR GPL-2.0) AND CC-BY-4.0`), read by the parser: `MIT OR
    (Apache-2.0 AND BSD-3-Clause)` is a choice, though " AND " is in its text. An
    expression that does not parse is judged by its text."""
    if lone_id(expression) is not None:
        return False
    try:
        return type(parse(expression)).__name__ == "AND"
    except InvalidExpression:
        return " AND " in expression.upper()


def equivalent(first: str, second: str) -> bool:
    """Do two expressions mean the same licensing (order and deprecated ids aside)?"""
    try:
        normal = normalise(first), normalise(second)
        known = lone_id(normal[0]), lone_id(normal[1])
        if known[0] is not None and known[1] is not None:
            return known[0] == known[1]
        return bool(licensing(" ".join(normal)).is_equivalent(*normal))
    except (InvalidExpression, ExpressionError):
        return False


# Ways to comply an expression may offer. An AND of choices multiplies them: 22 terms of
# `(A OR B)` (900 characters in a package.json or a file's header) are four million
# ways, and their lists took a gigabyte and minutes of CPU, 30 terms hours.
MAX_WAYS = 1024


class TooManyWays(InvalidExpression):
    """An expression that parses and offers more than MAX_WAYS ways to comply: it is not
    judged way by way (the project's licence rules say so)."""


def choices(expression: str) -> list[list[str]]:
    """The ways to comply: each is a list of licence ids that apply together
    (`MIT OR (Apache-2.0 AND BSD-3-Clause)` -> [[MIT], [Apache-2.0, BSD-3-Clause]]).
    InvalidExpression when it does not parse, is nested past the interpreter's depth, or
    offers more than MAX_WAYS ways (counted before any is listed)."""
    try:
        normal = normalise(expression)
        known = lone_id(normal)
        if known is not None:
            return [[known]]
        parsed = licensing(normal).dedup(parse(normal))
        if _count(parsed) > MAX_WAYS:
            raise TooManyWays(f"more than {MAX_WAYS} ways to comply")
        return _choices(parsed)
    except RecursionError as error:
        raise InvalidExpression("nested too deeply") from error


def _count(node: Any) -> int:
    """How many ways `_choices` would list, counted no further than MAX_WAYS + 1."""
    name = type(node).__name__
    if name == "OR":
        return min(sum(_count(arg) for arg in node.args), MAX_WAYS + 1)
    if name == "AND":
        total = 1
        for arg in node.args:
            total = min(total * _count(arg), MAX_WAYS + 1)
        return total
    return 1


def _choices(node: Any) -> list[list[str]]:
    name = type(node).__name__
    if name == "OR":
        return [choice for arg in node.args for choice in _choices(arg)]
    if name == "AND":
        result: list[list[str]] = [[]]
        for arg in node.args:
            result = [done + more for done in result for more in _choices(arg)]
        return result
    if hasattr(node, "license_symbol"):  # LicenseWithExceptionSymbol
        return [[str(node.license_symbol.key)]]
    return [[str(getattr(node, "key", node))]]  # pragma: no mutate


def spdx_id_spelled(name: str) -> str | None:
    """The SPDX id `name` means when only its case is wrong (`Etalab-2.0` ->
    `etalab-2.0`, `mit` -> `MIT`); None when it is already right or names none."""
    found = _by_lower().get(name.lower())
    return found if found is not None and found != name else None


# `LICENSE.MIT`, `LICENCE-EUPL-1.2`, `COPYING_GPL-3.0`: a licence file's usual name
# around the SPDX id, which REUSE wants alone (LICENSES/MIT.txt).
_LICENCE_FILE_PREFIX = re.compile(r"^(?:licen[cs]e|copying)[-._ ]", re.IGNORECASE)
_TEXT_SUFFIX = re.compile(r"\.(?:txt|md|markdown|rst)$", re.IGNORECASE)


def spdx_id_in_file_name(name: str) -> str | None:
    """The SPDX id a licence file's name gives once its usual prefix and text suffix are
    dropped (`LICENSE.MIT.md` -> `MIT`, `LICENSE.Etalab-2.0` -> `etalab-2.0`); None when
    the name has no such prefix or the rest is no SPDX id."""
    stem = _TEXT_SUFFIX.sub("", name)
    rest = _LICENCE_FILE_PREFIX.sub("", stem, count=1)
    if rest == stem:
        return None
    return _by_lower().get(rest.lower())


@cache
def _by_lower() -> dict[str, str]:
    return {key.lower(): key for key in _known_keys()}


def _known_keys() -> tuple[str, ...]:
    """The licensing's keys (`known_symbols`), exceptions included."""
    ids = spdx_ids()
    if ids is not None:
        return ids.keys
    return tuple(str(key) for key in licensing().known_symbols)


def unknown_keys(expression: str) -> list[str]:
    """The ids of an expression the licensing does not know (LicenseRef-... among
    them); ExpressionError (or another error) when it does not parse."""
    if lone_id(expression) is not None:
        return []
    return [str(key) for key in licensing(expression).unknown_license_keys(expression)]


_OR_LATER = ("-or-later", "+")


@cache
def later_versions(spdx_id: str) -> tuple[str, ...]:
    """The SPDX ids a `-or-later` (or `+`) licence may also be used under: the later
    versions of the same licence on the SPDX list (`GPL-2.0-or-later` -> GPL-3.0-only,
    GPL-3.0-or-later; `EUPL-1.1+` -> EUPL-1.2). Empty for any other id."""
    suffix = next((end for end in _OR_LATER if spdx_id.endswith(end)), None)
    if suffix is None:
        return ()
    name, _, version = spdx_id[: -len(suffix)].rpartition("-")
    floor = _version(version)
    if not name or floor is None:
        return ()
    later: list[tuple[tuple[int, ...], str]] = []
    for known in _known_keys():
        base = known.removesuffix("-only").removesuffix("-or-later")
        known_name, _, known_version = base.rpartition("-")
        number = _version(known_version)
        if known_name == name and number is not None and number > floor:
            later.append((number, known))
    return tuple(known for _, known in sorted(later))


def _version(text: str) -> tuple[int, ...] | None:
    parts = text.split(".")
    if not all(part.isdigit() and len(part) < 4 for part in parts):
        return None
    return tuple(int(part) for part in parts)

