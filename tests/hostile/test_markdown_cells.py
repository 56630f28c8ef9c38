# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A Markdown cell's code spans found in one pass, whatever a repository writes there.

A cell keeps a value's code spans and escapes the rest. They were found by a pattern
searched from each run of backticks to the end of the value: runs of ever longer
lengths, none closed, cost n**1.4 (a commit author's name of 125 KB made the Markdown
report of a merge request take 38 s, five of them minutes). The runs are now paired in
one pass, with the same spans as before.
"""

from __future__ import annotations

import random
import re

from hostile.bounded import under_the_bar
from opencheck.report import markdown

# The pattern the cells were cut by before (CommonMark's code span), kept to compare.
_OLD_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def _old_spans(value: str) -> list[tuple[int, int]]:
    linked = [address.span() for address in markdown._ADDRESS.finditer(value)]
    spans, start = [], 0
    while (span := _OLD_SPAN.search(value, start)) is not None:
        if any(begin < span.start() < end for begin, end in linked):
            start = span.start() + len(span.group(1))
            continue
        spans.append(span.span())
        start = span.end()
    return spans


def _new_spans(value: str) -> list[tuple[int, int]]:
    linked = [address.span() for address in markdown._ADDRESS.finditer(value)]
    return list(markdown._code_spans(value, linked))


def test_the_spans_are_those_commonmarks_pattern_finds() -> None:
    draw = random.Random(8)
    for _ in range(20_000):
        value = "".join(draw.choice("``` a<www.x:/h") for _ in range(draw.randrange(30)))
        assert _new_spans(value) == _old_spans(value), value


def _unclosed_runs() -> int:
    value = "".join("x" + "`" * length for length in range(1, 3_200))  # 5 MB
    return len(markdown._cell(value))


def test_a_cell_of_unclosed_backtick_runs_is_linear() -> None:
    assert int(under_the_bar(_unclosed_runs)) > 5_000_000


def _addresses_and_runs() -> int:
    value = "www.x`a " * 650_000  # 5 MB: an opener inside each address
    return len(markdown._cell(value))


def test_a_cell_of_addresses_holding_backticks_is_linear() -> None:
    assert int(under_the_bar(_addresses_and_runs)) > 5_000_000
