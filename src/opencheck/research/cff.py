# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""CITATION.cff: how to cite the software, validated against the Citation File Format
1.2.0 JSON Schema that the CFF project publishes (`schemas/cff/`).

YAML reads `2021-05-04` as a date; the schema wants the text, so dates go back to their
ISO form before validation (a time stamp then fails the date pattern, as it should).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from opencheck.data import schemas_dir
from opencheck.model import Text
from opencheck.yamlsafe import YamlError, load_yaml

MAX_NODES = 100_000  # after aliases: a citation file is a few hundred values


class CitationError(ValueError):
    def __init__(self, text: Text, line: int | None = None) -> None:
        super().__init__(text.en)
        self.text = text
        self.line = line


@dataclass(frozen=True)
class SchemaProblem:
    where: str  # a JSON pointer-like path: authors/0/orcid
    message: str


@dataclass
class Citation:
    data: dict[str, Any]
    problems: list[SchemaProblem] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return _text(self.data.get("title"))

    @property
    def version(self) -> str | None:
        value = self.data.get("version")
        return str(value) if isinstance(value, int | float | str) and str(value) else None

    @property
    def licences(self) -> list[str]:
        value = self.data.get("license")
        values = value if isinstance(value, list) else [value]
        return [v for v in values if isinstance(v, str)]

    @property
    def repository(self) -> str | None:
        return _text(self.data.get("repository-code"))

    @property
    def authors(self) -> list[dict[str, Any]]:
        value = self.data.get("authors")
        return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []

    @property
    def doi(self) -> str | None:
        return _text(self.data.get("doi"))


@cache
def _validator() -> Any:
    from jsonschema import Draft7Validator
    from jsonschema.validators import extend

    from opencheck import schemapatterns

    schema = json.loads((schemas_dir() / "cff" / "citation-1.2.0.schema.json").read_text("utf-8"))
    # jsonschema compares items that do not sort (authors are mappings) pair by pair:
    # 12,000 authors took minutes. The same verdict in one pass, on hashable copies.
    # and its `pattern` through schemapatterns: the schema's e-mail pattern backtracks
    linear = extend(Draft7Validator, {"uniqueItems": _unique_items,  # type: ignore[no-untyped-call]
                                      "pattern": schemapatterns.pattern_keyword})
    return linear(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def _unique_items(validator: Any, wanted: Any, instance: Any, schema: Any) -> Any:
    from jsonschema.exceptions import ValidationError

    if not (wanted and validator.is_type(instance, "array")):
        return
    seen: set[Any] = set()
    for index, item in enumerate(instance):
        key = _hashable(item)
        if key in seen:  # named by its index: quoting the whole list says nothing
            yield ValidationError(f"has non-unique elements: item {index} repeats an earlier one")
            return
        seen.add(key)


def _hashable(value: Any) -> Any:
    """A hashable stand-in equal where JSON Schema says equal: 1 == 1.0, True != 1."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return (type(value).__name__, value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(_hashable(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _hashable(item)) for key, item in value.items()))
    return ("other", repr(value))


def parse(data: bytes) -> Citation:
    try:
        value = load_yaml(data)
    except YamlError as error:
        raise CitationError(Text(f"YAML illisible : {error.reason}",
                                 f"unreadable YAML: {error.reason}"), error.line) from error
    if not isinstance(value, dict):
        raise CitationError(Text("le fichier n'est pas une table YAML",
                                 "the file is not a YAML mapping"))
    plain = _as_json(value, [0])
    citation = Citation(plain)
    failures = sorted(_validator().iter_errors(plain), key=lambda e: list(e.absolute_path))
    seen: set[str] = set()
    for failure in failures:
        where = "/".join(str(p) for p in failure.absolute_path) or "(root)"
        if where in seen and where != "(root)":
            continue  # one problem per value: a date is both "not a date" and off-pattern
        seen.add(where)
        citation.problems.append(SchemaProblem(where, _short(failure.message)))
        if len(citation.problems) >= 50:
            break
    return citation


def _as_json(value: Any, count: list[int]) -> Any:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise CitationError(Text("fichier trop grand une fois les alias dépliés",
                                 "file too large once its aliases are expanded"))
    if isinstance(value, dict):
        return {str(k): _as_json(v, count) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v, count) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _short(message: str) -> str:
    # jsonschema quotes the whole instance: a long value is cut, never shown whole.
    return message if len(message) <= 240 else message[:237] + "..."


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
