# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Large YAML files built from libyaml's events give what the safe loader gives: the
same values, the same errors. On the 14,810 YAML files of the real sets, none differ
(benchmarks/real_speed.md, tenth session); pnpm lockfiles load 3x faster."""

from __future__ import annotations

import datetime
import math
import random
from typing import Any

import pytest
import yaml

from opencheck import yamlevents
from opencheck.yamlsafe import FastLoader, YamlError


def _safe(text: str) -> Any:
    return yaml.load(text, Loader=FastLoader)


def _both(text: str) -> tuple[Any, Any]:
    def attempt(load: Any) -> Any:
        try:
            return ("value", load(text))
        except Exception as error:  # the same failure on both sides is what is asked
            return ("error", type(error).__name__)

    return (attempt(_safe),
            attempt(lambda t: yamlevents.load(t, FastLoader(""), _safe)))


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


TRICKY = [
    "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n"
    "        specifier: ^1.0.0\n        version: 1.2.3\n",
    "a: yes\nb: No\nc: on\nd: ~\ne: null\nf: ''\ng: 'true'\nh: True\n",
    "n: [0o17, 0x1F, 1_000, -5, +3, 1:30, 0b101, 017]\nf: [1.5, .inf, -.Inf, .nan, 1e3, 6.8e+5]\n",
    "d: 2026-12-07\nt: 2026-12-07 10:00:00\nz: 2026-12-07T10:00:00Z\n",
    "base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n",
    "<<: {x: 1}\ny: 2\n",
    "a: !!int '5'\nb: !!str 5\nc: !!float 1\n",
    "a: !custom x\n",
    "? [1, 2]\n: pair\n",
    "? {a: 1}\n: pair\n",
    "one: 1\n---\ntwo: 2\n",
    "",
    "# only a comment\n",
    "a: 1\na: 2\n",
    "a: [1, 2\n",
    "key: value\n\tbad: tab\n",
    "big: " + "9" * 5000 + "\n",
    "=: equals\n",
    "- a\n- - b\n  - c\n- {d: [e, {f: g}]}\n",
    "text: |\n  line one\n  line two\nfolded: >\n  a\n  b\n",
    "'quoted key': \"quoted \\u00e9 value\"\n",
    # plain scalars told strings by their first character, and those resolved
    "v: ^1.0.0\nw: '*'\nx: sha512-abc==\ny: .5\nz: -1\nu: +1\nt: ~\ns: 'null'\nr: Yes\n",
    "q: [-, ., '', \"\", 0, o, O, =, <x]\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_tricky_document_reads_as_the_safe_loader_reads_it(text: str) -> None:
    safe, events = _both(text)
    assert safe[0] == events[0]
    if safe[0] == "value":
        assert _same(safe[1], events[1]), (safe, events)
    else:
        assert safe[1] == events[1]


def test_a_number_too_long_is_refused_as_by_the_safe_loader() -> None:
    with pytest.raises(YamlError, match="number of more than"):
        yamlevents.load("big: " + "9" * 5000 + "\n", FastLoader(""), _safe)


_ODD = ["yes", "No", "~", "1:30", "0x1f", "1_0", ".5", "2026-01-01", "<<", "=", "- x",
        "a: b", "#c", "'", '"', "!tag", "&a", "*a", "? k", "", " lead", "été"]


def _drawn(draw: random.Random, depth: int = 0) -> Any:
    """A value of any kind a safe dump writes: scalars of every type, odd strings
    (numbers, dates, booleans and marks as text), lists and mappings."""
    roll = draw.random()
    if depth < 3 and roll < 0.3:
        return [_drawn(draw, depth + 1) for _ in range(draw.randrange(4))]
    if depth < 3 and roll < 0.6:
        keys = [draw.choice([draw.choice(_ODD), str(draw.randrange(100)),
                             draw.randrange(100), draw.random() < 0.5])
                for _ in range(draw.randrange(4))]
        return {key: _drawn(draw, depth + 1) for key in keys}
    return draw.choice([None, True, False, draw.randrange(-10**12, 10**12),
                        draw.uniform(-1e6, 1e6), draw.choice(_ODD),
                        datetime.date(2000 + draw.randrange(40), 1 + draw.randrange(12), 1),
                        "".join(draw.choice("ab1:-_. é") for _ in range(draw.randrange(8)))])


def test_any_document_dumped_reads_as_the_safe_loader_reads_it() -> None:
    draw = random.Random(20261207)
    for _ in range(400):
        text = yaml.safe_dump(_drawn(draw), default_flow_style=draw.choice([None, False, True]),
                              allow_unicode=True)
        safe, events = _both(text)
        assert safe[0] == events[0] and _same(safe[1], events[1]), (text, safe, events)


def test_dates_and_numbers_are_built_by_the_safe_constructor() -> None:
    value = yamlevents.load("d: 2026-12-07\nn: 017\n", FastLoader(""), _safe)
    assert value == {"d": datetime.date(2026, 12, 7), "n": 15}
