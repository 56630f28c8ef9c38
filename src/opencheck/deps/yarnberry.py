# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A yarn berry lockfile read line by line when it has the shape yarn writes.

yarn (v2 and later) writes its lockfile as a small subset of YAML: keys at the left
margin, two spaces more for each level, one `key: value` or `key:` a line, values plain
or double-quoted. Read as YAML, even from libyaml's events, a 1 MB file costs 0.09-0.11
s, and its many objects more later (navikt/aksel, a 1.3 s no-history check); the
inventory only needs each package's key, `version` and `linkType`. `entries` reads them
in one pass over the lines and answers None as soon as a line leaves that shape (a
comment inside a value, a multi-line scalar, an anchor, a flow collection, a tab, an
escape, a duplicate entry, a value that YAML would not read as a string...; a Windows
line end is read as YAML reads it): the caller then reads the file as YAML, so the
values are always the ones YAML gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yaml.nodes import ScalarNode
from yaml.reader import Reader
from yaml.resolver import Resolver

_STR = "tag:yaml.org,2002:str"
WANTED = ("version", "linkType")
METADATA = "__metadata"  # the lockfile's own version and cache key, numbers
# PyYAML and libyaml look for a key's `:` within 1,024 characters of its start, and
# refuse the file past that: a key that merges many ranges of a package can be longer.
MAX_KEY = 1000

# A character outside what a generated file holds, or that YAML reads otherwise than
# as itself somewhere (a line break of another kind, an escape, a single quote, a tab).
_UNUSUAL = re.compile(Reader.NON_PRINTABLE.pattern + r"|[\t\r\x85\u2028\u2029\\']")
_UNUSUAL_ASCII = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\t\r\\']")  # the same, cheaper
# `name:` or `name: value`, after the indentation. A plain name or value starts with no
# YAML indicator and holds no `: ` nor ` #`, nor ends with `:` (YAML reads a mapping
# there: `version: 1.3.0:` is an error, not a version); a quoted one holds no quote.
_PLAIN = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#]*(?:(?::(?=[^ ])|(?<! )#)[^:#]*)*"
_QUOTED = r'"[^"]*"'
_LINE = re.compile(rf"( *)({_QUOTED}|{_PLAIN}?):(?: ({_QUOTED}|{_PLAIN}))?")
_resolve: Callable[..., str] = Resolver().resolve  # type: ignore[no-untyped-call]


def entries(text: str) -> dict[str, dict[str, str]] | None:
    """Each top-level key with its `version` and `linkType` where stated (nothing read
    of `__metadata`); None when the text is not in the shape yarn writes."""
    text = text.replace("\r\n", "\n")  # a file written on Windows
    if (_UNUSUAL_ASCII if text.isascii() else _UNUSUAL).search(text):
        return None
    found: dict[str, dict[str, str]] = {}
    entry: dict[str, str] | None = None
    opened = False  # the last line was `name:`, its value the lines below
    depths = [0]  # the indentation of each mapping open above
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        match = _LINE.fullmatch(line)
        if match is None or line[-1] == " ":
            return None
        indent = len(match.group(1))
        if opened:
            if indent != depths[-1] + 2:
                return None  # an empty value (null), or a deeper block
            depths.append(indent)
        else:
            while depths and depths[-1] > indent:
                depths.pop()
            if not depths or depths[-1] != indent:
                return None
        token, value = match.group(2, 3)
        opened = value is None
        if token[-1:] == " " or len(token) > MAX_KEY:
            return None  # YAML would not keep the space; would read no key
        if indent == 0:
            key = _scalar(token)
            if not opened or key is None or key in found:
                return None
            found[key] = {}
            entry = None if key == METADATA else found[key]
        elif indent == 2 and entry is not None and (name := _unquoted(token)) in WANTED:
            text_value = None if value is None else _scalar(value)
            if text_value is None or name in entry:
                return None
            entry[name] = text_value
    return None if opened else found


def _scalar(token: str) -> str | None:
    """The string YAML reads from a plain or double-quoted token; None when it would
    read something else (a number, a date, a null)."""
    if token[:1] != '"' and _resolve(ScalarNode, token, (True, False)) != _STR:
        return None
    return _unquoted(token)


def _unquoted(token: str) -> str:
    """A double-quoted token's text (no escape is let in), a plain one as it is."""
    return token[1:-1] if token[:1] == '"' else token
