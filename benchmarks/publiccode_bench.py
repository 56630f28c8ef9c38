# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Time and memory of publiccode.yml validation: the corpus, and hostile input.

Run: PYTHONPATH=src python benchmarks/publiccode_bench.py [CORPUS_DIR] [--compare OTHER/src]
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import yaml

from opencheck.publiccode import validate


def timed(label: str, data: bytes | str, repeat: int = 1) -> None:
    validate(data)  # warm caches (schemas, SPDX licensing)
    started = time.perf_counter()
    for _ in range(repeat):
        result = validate(data)
    elapsed = (time.perf_counter() - started) / repeat
    print(f"{label:40s} {elapsed * 1000:8.2f} ms  {len(result.issues):3d} issue(s)")


def startup(file: Path, older: str | None = None, runs: int = 10) -> None:
    """`opencheck publiccode validate FILE` as a user runs it: a new process each time.
    With `--compare SRC` (the src/ folder of another checkout), both run in turn, so
    that they share the machine's load. Wall time depends on that load; CPU time (user +
    system) much less."""
    sources = {"this": str(Path(__file__).resolve().parents[1] / "src")}
    if older:
        sources["compared"] = older
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in sources}
    for _ in range(runs):
        for name, src in sources.items():
            env = dict(os.environ, PYTHONPATH=src)
            command = [sys.executable, "-m", "opencheck.cli.main", "publiccode", "validate",
                       str(file)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=env)
            times[name][0].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[name][1].append(after.ru_utime - before.ru_utime
                                  + after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    for name, (walls, cpus) in times.items():
        print(f"publiccode validate ({name}), {runs} runs: wall min {min(walls) * 1000:.0f} ms "
              f"median {sorted(walls)[runs // 2] * 1000:.0f} ms; CPU min "
              f"{min(cpus) * 1000:.0f} ms median {sorted(cpus)[runs // 2] * 1000:.0f} ms "
              f"(load average {load:.1f})")


def main() -> int:
    args = sys.argv[1:]
    older = None
    if "--compare" in args:
        at = args.index("--compare")
        older = args[at + 1]
        del args[at:at + 2]
    corpus = Path(args[0] if args else "../shared/corpus/publiccode")
    started = time.perf_counter()
    files = sorted(corpus.glob("*.y*ml"))
    if files:
        startup(files[0], older)
    plain = time.perf_counter()
    for file in files:
        with contextlib.suppress(yaml.YAMLError):
            yaml.safe_load(file.read_bytes())
    plain_total = time.perf_counter() - plain
    begin = time.perf_counter()
    for file in files:
        validate(file.read_bytes())
    total = time.perf_counter() - begin
    if files:
        print(f"{len(files)} corpus files{'':27s} {total * 1000:8.2f} ms  "
              f"({total / len(files) * 1000:.2f} ms per file; PyYAML safe_load alone "
              f"{plain_total * 1000:.2f} ms, ratio {total / plain_total:.1f}x)")
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{chr(ord(level) - 1)}"] * 9) + "]")
    timed("billion laughs", "\n".join(bomb) + "\n")
    fan = ["a0: &a0 [1,2,3,4,5,6,7,8,9,10]"] + [
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 6)]
    timed("alias fan-out (10^5 values)", "\n".join(fan) + "\n")
    timed("deep nesting (5000 levels)", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    timed("50 MB file", b"name: " + b"x" * (50 * 1024 * 1024) + b"\n")
    timed("1 MB of keys (at the size limit)",
          "".join(f"k{i}: v\n" for i in range(120_000))[: 1024 * 1024 - 10])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {time.perf_counter() - started:.2f} s, peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
