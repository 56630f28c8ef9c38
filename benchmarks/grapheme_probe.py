# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
r"""Grapheme clusters counted by runs (mend10): the regex probe's own measure (a forked
child, its CPU time, `finditer` over 1 MB) of `\X` (before) and of
`values._grapheme_pattern()` (after), alternated, on the probe's generic units and on
text where most characters join their neighbour; medians of 5 rounds with the range.

    PYTHONPATH=src:tests nice -n 19 .venv/bin/python benchmarks/grapheme_probe.py
"""

from __future__ import annotations

import statistics

import regex

from hostile.regexprobe import Input, Site, measure
from opencheck.publiccode import values

MB = 1 << 20
UNITS = ["a", "\n", "\r\n", "a ", "\xa0", "l’état de l’art ", "中文", "한국어 ", "😀",
         "e\u0301", "👍🏽", "हिन्दी ", "l’e\u0301tat de\u0301pose\u0301 "]


def main() -> None:
    before = Site("before", regex.compile(r"\X"))
    after = Site("after", values._grapheme_pattern())
    print("| run (unit repeated to 1 MB) | `\\X` CPU s | runs CPU s | after / before |")
    print("|---|---|---|---|")
    for unit in UNITS:
        old: list[float] = []
        new: list[float] = []
        for _ in range(5):
            old.append(measure(before, Input(unit), MB) or float("inf"))
            new.append(measure(after, Input(unit), MB) or float("inf"))
        low, high = statistics.median(old), statistics.median(new)
        print(f"| {unit!r} | {low:.3f} ({min(old):.3f}-{max(old):.3f}) | "
              f"{high:.3f} ({min(new):.3f}-{max(new):.3f}) | {high / low:.2f} |", flush=True)


if __name__ == "__main__":
    main()
