# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A large generated YAML file (a pnpm lockfile) built straight from libyaml's events.

PyYAML's loader, even on libyaml, builds a node object for every value and resolves
and constructs each in Python: 0.3-0.9 s for a 600-800 KB pnpm-lock.yaml, most of what
kept small web projects over their time budget (benchmarks/real_speed.md, survey11).
Here the events libyaml parses become dicts, lists and strings directly; a plain scalar
is resolved by PyYAML's own implicit resolvers, and one that is not a string, null or
boolean is constructed by the same safe constructor (numbers, dates). Whatever such a
file does not do (an anchor, an alias, a merge key, an explicit tag, a key that is not
a scalar, a second document) goes to `fallback`, so that the value is always the one
the safe loader gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_NO_KEY = object()


class _Unusual(Exception):
    """Something the direct build does not do: the safe loader reads the file."""


def load(text: str, constructor: Any, fallback: Callable[[str], Any]) -> Any:
    """The one document of `text`; `constructor` (a safe constructor, with its checks)
    builds the scalars that are neither strings, nulls nor booleans."""
    try:
        return _build(text, constructor)
    except _Unusual:
        return fallback(text)


def _build(text: str, constructor: Any) -> Any:
    resolve: Callable[..., str] = Resolver().resolve  # type: ignore[no-untyped-call]
    # A quoted scalar, or a plain one whose first character starts none of PyYAML's
    # implicit resolvers (a package name, an integrity hash...), is a string: `resolve`
    # tries no pattern on it. Told from the resolver's own tables, as they are when the
    # file is read (a resolver another library adds is then asked like the others).
    firsts = Resolver.yaml_implicit_resolvers
    plain_is_string = not Resolver.yaml_path_resolvers and not firsts.get(None)
    booleans = constructor.bool_values
    stack: list[list[Any]] = []  # [container, pending key] (lists: [list, None])
    documents = 0
    result: Any = None

    def add(value: Any) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif frame[1] is _NO_KEY:
            if isinstance(value, list | dict):
                raise _Unusual  # a key that is a collection
            frame[1] = value
        else:
            container[frame[1]] = value
            frame[1] = _NO_KEY

    events: Iterator[Any] = yaml.parse(text, Loader=yaml.CSafeLoader)
    for event in events:
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _Unusual
            value = event.value
            if event.tag is not None:
                tag = _STR
            elif plain_is_string and (not event.implicit[0]
                                      or (value and value[0] not in firsts)):
                tag = _STR  # what `resolve` answers without trying a pattern
            else:
                tag = resolve(ScalarNode, value, event.implicit)
            if tag == _STR:
                add(value)
            elif tag == _NULL:
                add(None)
            elif tag == _BOOL:
                add(booleans[value.lower()])
            elif tag.startswith("tag:yaml.org,2002:") and tag[18:] in ("int", "float",
                                                                       "timestamp"):
                add(constructor.construct_object(
                    ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)))
            else:  # a merge key, the value key `=`
                raise _Unusual
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _Unusual
            stack.append([{}, _NO_KEY] if kind is MappingStartEvent else [[], None])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            add(stack.pop()[0])
        elif kind is AliasEvent:
            raise _Unusual
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual  # the safe loader says why it refuses it
    return result
