# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Hostile-input benchmark: each detector and parser on 5 MB of its worst input.

    PYTHONPATH=src:tests .venv/bin/python benchmarks/hostile_bench.py [--size BYTES]

Runs every case of tests/hostile/pathological.py (secrets detectors through `scan`,
reuse's extraction through the adapter) and the licence/README patterns of
tests/hostile/test_linear.py, in this process, and prints one Markdown row per case:
CPU seconds (user + sys: the wall clock is no measure on a shared machine), and the
ratio to the 2 s floor the issue sets. The machine's load average is printed first.
"""

from __future__ import annotations

import argparse
import os
import time

from hostile.pathological import REUSE, SECRETS, SIZE, Case, run
from opencheck.checks.readme import PUBLISHER_TEXT
from opencheck.deps.copied import _NOISE
from opencheck.licensing.declarations import _HEADER_END
from opencheck.licensing.identify import _GNU_TITLE, _LATER, _THIRD_PARTY, identify
from opencheck.reuse_adapter import extract
from opencheck.secrets.detectors import scan

FLOOR = 2.0


def timed(call: object) -> float:
    start = time.process_time()
    call()  # type: ignore[operator]
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=SIZE)
    size = parser.parse_args().size
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{size / 1024 / 1024:.0f} MB per case\n")
    print("| case | CPU seconds | / 2 s floor |\n|---|---|---|")
    rows: list[tuple[str, float]] = []

    def case(family: str, item: Case, call: object) -> None:
        rows.append((f"{family} `{item.name[:40]!r}`", timed(call)))

    for item in SECRETS:
        data = item.data(size)
        case("secrets", item, lambda data=data: scan(data, "deploy.env"))
    for item in REUSE:
        data = item.data(size)
        case("reuse", item, lambda data=data: extract(data, magic=True))
    patterns = [(_LATER, b" ", b"or"), (_GNU_TITLE, b"\n", b""), (_THIRD_PARTY, b"#", b""),
                (_HEADER_END, b"\t", b"MIT"),
                (_NOISE, b"<", b""), (PUBLISHER_TEXT, b"-", b""), (PUBLISHER_TEXT, b"a.", b"")]
    for pattern, unit, prefix in patterns:
        text = run(unit, prefix, b"x", size).decode("latin-1")
        name = f"pattern `{pattern.pattern[:30]!r}` on {prefix!r}+{unit!r}*"
        rows.append((name, timed(lambda p=pattern, t=text: p.search(t))))
    # the third-party heading pattern tries each line start (about 1 s per 5 MB of blank
    # lines idle): opencheck gives it the first MAX_TEXT characters of a licence text only
    text = run(b"\n", b"# ", b"x", size).decode("latin-1")
    rows.append(("identify (third-party heading) on b'# '+b'\\n'*",
                 timed(lambda: identify(text))))
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / FLOOR:.2f} |")
    worst = max(rows, key=lambda row: row[1])
    print(f"\nworst: {worst[0]} {worst[1]:.2f} s; "
          f"{sum(1 for _, s in rows if s <= FLOOR)} of {len(rows)} under the floor")


if __name__ == "__main__":
    main()
