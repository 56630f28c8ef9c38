# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""yarn berry lockfiles: the line reader (`deps/yarnberry.py`) against the YAML reading,
entries and time, on real files.

    python benchmarks/yarn_berry.py [--rounds 3] REPO_OR_LOCKFILE...

A folder is searched for the yarn.lock files git tracks; a file holding `__metadata:`
near its top is a berry lockfile. For each: whether the line reader answered (or gave
the file to YAML), whether its entries are those of the YAML reading (each key's
`version` and `linkType`, `__metadata` left out as the inventory leaves it), and both
readings' best time of `--rounds`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from opencheck.deps import yarnberry
from opencheck.deps.source import load_lock_yaml


def lockfiles(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    listed = subprocess.run(["git", "-C", str(target), "ls-files", "-z", "*yarn.lock"],
                            capture_output=True, check=True).stdout
    found = [target / name for name in listed.decode().split("\0") if name]
    return [path for path in found if b"__metadata:" in path.read_bytes()[:2000]]


def as_yaml(data: bytes) -> dict[str, dict[str, Any]]:
    document = load_lock_yaml(data, 1 << 30)
    return {str(key): ({} if key == yarnberry.METADATA else
                       {name: value[name] for name in yarnberry.WANTED if name in value})
            for key, value in document.items()}


def best(rounds: int, read: Any, argument: Any) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        read(argument)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("targets", nargs="+", type=Path)
    args = parser.parse_args()
    print("| lockfile | KB | line reader | entries | line reader s | YAML s |")
    print("|---|---:|---|---|---:|---:|")
    for target in args.targets:
        for path in lockfiles(target):
            data = path.read_bytes()
            text = data.decode("utf-8-sig")
            fast = yarnberry.entries(text)
            answered = "read" if fast is not None else "gave it to YAML"
            same = "-" if fast is None else ("same" if fast == as_yaml(data) else "DIFFERENT")
            print(f"| {path} | {len(data) >> 10} | {answered} | {same} | "
                  f"{best(args.rounds, yarnberry.entries, text):.3f} | "
                  f"{best(args.rounds, lambda raw: load_lock_yaml(raw, 1 << 30), data):.3f} |")


if __name__ == "__main__":
    main()
