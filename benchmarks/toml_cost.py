# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""CPU time of tomllib and of `parsing.load_toml` on 5 MB TOML texts of small values.

    python benchmarks/toml_cost.py [--rounds N]

For each shape, in alternating rounds: `tomllib.loads` alone, then `load_toml` (which
refuses the text first when it counts more work than `MAX_TOML_WORK`). Medians (spread)
of CPU seconds. The last shapes fill the bound with the costliest values (integers in
an array), the rest of the 5 MB with the cheapest text tomllib still walks.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tomllib
from collections.abc import Callable

from opencheck.parsing import MAX_TOML_WORK, load_toml

MB = 5 * 1024 * 1024


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def lines(line: str) -> str:
    count = MB // (len(line.format(0)) + 3)
    return "".join(line.format(index) + "\n" for index in range(count))


def at_bound(padding: Callable[[int], str]) -> str:
    values = "x = [" + "1," * (MAX_TOML_WORK - 20) + "]\n"
    return values + padding(MB - len(values))


SHAPES: dict[str, Callable[[], str]] = {
    "array of integers": lambda: "x = [" + "1," * (MB // 2) + "]\n",
    "array of floats": lambda: "x = [" + "1.5," * (MB // 4) + "]\n",
    "inline tables": lambda: "x = [" + "{a=1}," * (MB // 6) + "]\n",
    "empty tables": lambda: lines("[t{}]"),
    "keys `k = 1`": lambda: lines("k{} = 1"),
    "two-part keys": lambda: lines("a{}.b = 1"),
    "keys and strings": lambda: lines('key_{0} = "some value here {0}"'),
    "array of dates": lambda: "x = [" + "1979-05-27," * (MB // 11) + "]\n",
    "string escapes": lambda: 'x = "' + "\\u0041" * (MB // 6) + '"\n',
    "bound + one string": lambda: at_bound(lambda size: "y = '" + "a" * size + "'\n"),
    "bound + one comment": lambda: at_bound(lambda size: "#" + "c" * size + "\n"),
}


def timed(read: Callable[[str], object], text: str) -> tuple[float, str]:
    started = cpu()
    try:
        read(text)
        outcome = "read"
    except ValueError as error:
        outcome = "refused" if "in time" in str(error) else "invalid"
    return cpu() - started, outcome


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("| 5 MB of | tomllib (s) | load_toml (s) | load_toml |")
    print("|---|---:|---:|---|")
    for name, build in SHAPES.items():
        text = build()
        before: list[float] = []
        after: list[float] = []
        outcome = ""
        for _ in range(args.rounds):
            before.append(timed(tomllib.loads, text)[0])
            spent, outcome = timed(load_toml, text)
            after.append(spent)
        print(f"| {name} | {spread(before)} | {spread(after)} | {outcome} |")


if __name__ == "__main__":
    main()
