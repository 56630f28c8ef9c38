# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A uv.lock read line by line when it has the shape uv writes.

uv writes its lockfile as a small subset of TOML: bare keys, `[table]` and `[[array]]`
headers, one `key = value` a line, values that are basic strings without escapes,
small integers, booleans, inline tables and arrays on one line, or an array opened by
`key = [` whose items stand one a line, indented by four spaces, each followed by a
comma, closed by `]` alone. `tomllib`, pure Python, read a 974 KB one in 0.3 s; the
inventory only needs each package's `name`, `version`, `source` and, for the project's
own packages, the names of their dependencies.

`document` checks every line against that subset and every table against TOML's rules
(no key twice, no table declared twice, no header over a value), and answers None as
soon as a line leaves it (a comment, an escape, a literal or multi-line string, a
dotted or quoted key, a float, a date, a tab, a Windows line end...): the caller then
reads the file with `tomllib`, so the values are always the ones TOML gives, and a
file TOML refuses is refused the same way. What it answers holds the values the
inventory reads (the other values are left out): each `[[package]]` table with its
scalars, its inline tables (as tables of their scalars), its arrays of inline tables,
and its `dev-dependencies` table.

Every pattern below is linear: its alternatives start with different characters and
strings hold no quote, so nothing is tried twice.
"""

from __future__ import annotations

import re
from typing import Any

from opencheck.parsing import MAX_TOML_WORK, toml_work

_KEY = r"[A-Za-z0-9_-]++"
# A basic string holding no quote, backslash or control character (a tab neither).
_STR = r'"[^"\\\x00-\x1f\x7f]*+"'
# A decimal integer that prints (no sign, no underscore, no leading zero).
_INT = r"(?:0|[1-9][0-9]{0,15}+)(?![0-9])"
_SCALAR = rf"(?:{_STR}|{_INT}|true|false)"
_ARRAY1 = rf"\[(?:{_SCALAR}(?:, {_SCALAR})*+)?+\]"
_TABLE = rf"\{{ {_KEY} = (?:{_SCALAR}|{_ARRAY1})(?:, {_KEY} = (?:{_SCALAR}|{_ARRAY1}))*+ \}}"
_ITEM = rf"(?:{_TABLE}|{_SCALAR})"
_ARRAY2 = rf"\[(?:{_ITEM}(?:, {_ITEM})*+)?+\]"
_VALUE = rf"(?:{_SCALAR}|{_TABLE}|{_ARRAY2})"

_KEY_VALUE = re.compile(rf"({_KEY}) = ({_VALUE}|\[)")
_ARRAY_LINE = re.compile(rf"    ({_ITEM}),")
# At most four parts: the dots of every header then stay far under what
# parsing.MAX_DOTTED_WORK refuses (a key holds none), whatever the file's length.
_HEADER = re.compile(rf"(\[?)\[({_KEY}(?:\.{_KEY}){{0,3}}+)\](\]?)")
# The parts of a validated value: each match starts where the last one ended (commas
# and spaces aside), so no match starts inside a string. A key starts after a character
# that cannot be in one: searched from every character of a long key or scalar (`A =
# "falsefalse…`), the key read each time to its end was quadratic.
_TABLE_PART = re.compile(rf"(?<![A-Za-z0-9_-])({_KEY}) = ({_SCALAR}|{_ARRAY1})")
_ITEM_PART = re.compile(rf"{_TABLE}|{_SCALAR}")
# A wheel as uv writes it: its keys differ, nothing to tell apart (most of the lines).
_WHEEL_LINE = re.compile(
    rf"    \{{ url = {_STR}, hash = {_STR}(?:, size = {_INT})?+(?:, upload-time = {_STR})?+ \}},")

# The keys of a package whose values the inventory reads.
WANTED = frozenset(("name", "version", "source", "dependencies", "dev-dependencies"))


class _Shape(Exception):
    """The text leaves the subset: read it with tomllib."""


class _Tables(list[Any]):
    """An array of tables, made by `[[...]]` headers (a static array is a list)."""


class _Table:
    """A header's table: its keys, and whether a header declared it (`[a.b]` declares
    `a.b` and only creates `a`, which a later `[a]` may still declare)."""

    __slots__ = ("declared", "keys")

    def __init__(self, declared: bool) -> None:
        self.declared = declared
        self.keys: dict[str, Any] = {}


_VALUE_ONLY = object()  # a value the inventory does not read


def document(text: str) -> dict[str, Any] | None:
    """The packages of a uv.lock in uv's own shape, as `{"package": [...]}` with the
    values the inventory reads; None when the text leaves that shape."""
    if "\r" in text or toml_work(text) > MAX_TOML_WORK:
        return None  # tomllib says what it makes of a lone CR, and refuses the rest
    try:
        root = _read(text)
        packages = root.keys.get("package")
        if not isinstance(packages, _Tables):
            return None  # no [[package]], or `package` as something else: tomllib says
        return {"package": [_plain(table) for table in packages]}
    except _Shape:
        return None


def _read(text: str) -> _Table:
    root = _Table(declared=True)
    current = root
    package = False  # the current table is a [[package]]'s
    dev = False  # it is a package's [package.dev-dependencies]
    pending: list[Any] | None = None  # the items of an array opened by `key = [`
    pending_key, kept = "", False
    for line in text.split("\n"):
        if pending is not None:
            if line == "]":
                _set(current, pending_key, pending if kept else _VALUE_ONLY)
                pending = None
                continue
            if not kept and _WHEEL_LINE.fullmatch(line) is not None:
                continue
            match = _ARRAY_LINE.fullmatch(line)
            if match is None:
                raise _Shape
            if kept:
                pending.append(_item(match.group(1)))
            elif line[4] == "{":
                _inline_table(match.group(1))  # its keys told apart, nothing kept
            continue
        if not line:
            continue
        if line[0] == "[":
            current, package, dev = _header(root, line)
            continue
        match = _KEY_VALUE.fullmatch(line)
        if match is None:
            raise _Shape
        key, value = match.group(1, 2)
        if key in current.keys:
            raise _Shape  # a key twice: tomllib refuses it
        kept = (package and key in WANTED) or dev
        if value == "[":
            pending, pending_key = [], key
        elif kept:
            current.keys[key] = _value(value)
        else:
            if "{" in value:
                _value(value)  # its inline tables' keys told apart, nothing kept
            current.keys[key] = _VALUE_ONLY
    if pending is not None:
        raise _Shape  # an array never closed
    return root


def _set(table: _Table, key: str, value: Any) -> None:
    if key in table.keys:
        raise _Shape
    table.keys[key] = value


def _header(root: _Table, line: str) -> tuple[_Table, bool, bool]:
    """The table a header opens, by TOML's rules: a part before the last goes into an
    existing table (the last one of an array of tables) or creates one; the last part
    of `[a]` is declared once, that of `[[a]]` is an array of tables, new or earlier."""
    match = _HEADER.fullmatch(line)
    if match is None or len(match.group(1)) != len(match.group(3)):
        raise _Shape
    parts = match.group(2).split(".")
    table = root
    for part in parts[:-1]:
        found = table.keys.get(part)
        if found is None:
            found = table.keys[part] = _Table(declared=False)
        elif isinstance(found, _Tables):
            found = found[-1]
        elif not isinstance(found, _Table):
            raise _Shape  # a value there: tomllib refuses it
        table = found
    last = parts[-1]
    found = table.keys.get(last)
    if match.group(1):  # [[...]]
        element = _Table(declared=True)
        if found is None:
            table.keys[last] = _Tables([element])
        elif isinstance(found, _Tables):
            found.append(element)
        else:
            raise _Shape
        return element, parts == ["package"], False
    if found is None:
        found = table.keys[last] = _Table(declared=True)
    elif isinstance(found, _Table) and not found.declared:
        found.declared = True
    else:
        raise _Shape  # declared twice, or over a value or an array of tables
    return found, False, parts == ["package", "dev-dependencies"]


def _value(token: str) -> Any:
    """A validated value: a scalar, an inline table of scalars, an array of those."""
    first = token[0]
    if first == "{":
        return _inline_table(token)
    if first == "[":
        return [_item(part.group()) for part in _ITEM_PART.finditer(token, 1, len(token) - 1)]
    return _scalar(token)


def _item(token: str) -> Any:
    return _inline_table(token) if token[0] == "{" else _scalar(token)


def _inline_table(token: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for part in _TABLE_PART.finditer(token, 2, len(token) - 2):
        key, value = part.group(1, 2)
        if key in found:
            raise _Shape  # a key twice in an inline table: tomllib refuses it
        found[key] = _array1(value) if value[0] == "[" else _scalar(value)
    return found


def _array1(token: str) -> list[Any]:
    return [_scalar(part.group()) for part in _ITEM_PART.finditer(token, 1, len(token) - 1)]


def _scalar(token: str) -> Any:
    first = token[0]
    if first == '"':
        return token[1:-1]
    if first == "t":
        return True
    if first == "f":
        return False
    return int(token)


def _plain(table: _Table) -> dict[str, Any]:
    """A package's table as dicts, only the values the inventory reads."""
    found: dict[str, Any] = {}
    for key, value in table.keys.items():
        if key not in WANTED:
            continue
        if isinstance(value, _Table):
            if key != "dev-dependencies":
                raise _Shape  # `[package.source]`: rare enough for tomllib
            value = {group: items for group, items in value.keys.items()}
            if any(isinstance(items, _Table | _Tables) for items in value.values()):
                raise _Shape
        elif isinstance(value, _Tables):
            raise _Shape
        found[key] = value
    return found
