# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Hostile research inputs: CPU seconds of CITATION.cff validation and of the
identifier search, for this checkout and, with --compare SRC, another checkout's `src/`
(next to its `rules/` and `schemas/`), run in turn in the same session.

    git archive OLD src rules schemas | tar -x -C /tmp/old
    .venv/bin/python benchmarks/research_hostile.py --compare /tmp/old/src
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

PROBE = r'''
import time
from opencheck.research.cff import parse
from opencheck.research.identifiers import identifiers
for n in (1000, 2000, 4000):
    authors = "".join(f"  - family-names: a{i}\n    given-names: b\n" for i in range(n))
    cff = f"cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n{authors}".encode()
    start = time.process_time()
    parse(cff)
    print(f"CITATION.cff, {n} authors ({len(cff)} bytes): {time.process_time() - start:.2f} s")
for count in (25_000, 50_000, 100_000):
    text = " ".join(f"10.1234/a{i}" for i in range(count))
    start = time.process_time()
    identifiers(text)
    print(f"README of {count} distinct DOIs ({len(text)} bytes): "
          f"{time.process_time() - start:.2f} s")
'''


def measure(src: str | None) -> None:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    print(f"== {src or 'this checkout'}", flush=True)
    subprocess.run([sys.executable, "-c", PROBE], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--compare", metavar="SRC", help="another checkout's src/ folder")
    arguments = parser.parse_args()
    measure(None)
    if arguments.compare:
        measure(arguments.compare)


if __name__ == "__main__":
    main()
