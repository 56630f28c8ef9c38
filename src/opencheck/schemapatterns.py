# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The regular expressions of the JSON Schemas shipped in `schemas/`.

jsonschema runs each `pattern` (and each `patternProperties` key) with Python's
backtracking engine on the repository's values: CITATION.cff and publiccode.yml are
validated so. They are gathered here, each compiled on first use, so that the regex
probe (tests/hostile/regexprobe.py) tests them for linear growth like opencheck's own;
where a schema's own expression backtracks, `pattern_keyword` (the validators' `pattern`
keyword) searches with an equivalent that does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from opencheck.data import load_schema, schemas_dir
from opencheck.lazyre import Lazy, lazy

# CFF 1.2.0's e-mail: three unbounded runs of non-blanks, each of which may take the @
# and the dots, tried against each other: an address of 40 KB that fails (a blank at
# its end) took 5.7 s of CPU, four times that for twice the length, and YAML aliases
# repeat one value in every author (a 10 KB file named eight times: 2.7 s). The same
# strings match the equivalent: the first @ after the first character, then a dot with
# at least two characters after it (the earliest @ leaves the most room after it, so a
# later one matches only where it does), with no blank anywhere (tested on every
# string of up to seven characters of `a@. \t\n`).
EQUIVALENTS = {
    r"^[\S]+@[\S]+\.[\S]{2,}$": r"^(?=\S+$)(?>.[^@]*@).+\..{2,}$",
}


def _sources(node: Any) -> Iterator[str]:
    """Every `pattern` value and `patternProperties` key of a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            elif key == "patternProperties" and isinstance(value, dict):
                yield from value
            yield from _sources(value)
    elif isinstance(node, list):
        for item in node:
            yield from _sources(item)


def _collected() -> dict[str, Lazy[str]]:
    found: dict[str, Lazy[str]] = {}
    top = schemas_dir()
    for path in sorted(top.glob("*/*.json")):
        for source in _sources(load_schema(path.relative_to(top).as_posix())):
            if source not in found:
                found[source] = lazy(EQUIVALENTS.get(source, source))
    return found


# the schema's expression -> what is searched for it
PATTERNS = _collected()


def matches(source: str, text: str) -> bool:
    """Whether `text` matches a schema's `pattern` (searched, as JSON Schema says)."""
    pattern = PATTERNS.get(source)
    found = pattern.search(text) if pattern is not None else re.search(source, text)
    return found is not None


def pattern_keyword(validator: Any, source: str, instance: Any, schema: Any) -> Iterator[Any]:
    """jsonschema's `pattern` keyword, its message included, through `matches`."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not matches(source, instance):
        yield ValidationError(f"{instance!r} does not match {source!r}")
