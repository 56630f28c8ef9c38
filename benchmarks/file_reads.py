# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How many times a check opens each listed file, and which analysis asked.

    python benchmarks/file_reads.py check --no-history --format json -o /dev/null REPO

Runs the command line given in-process with the snapshot's two ways into a file
(`repository._read_inside`, the whole file; `_open_inside`, a head or a stream)
counted by path, and prints, when the command ends: the opens per file, then per
analysis (the innermost shared analysis or tree read being computed, else the rule)
its whole reads, other opens, megabytes read, opens of a file opened before, and
where those came from (the calling functions). The figures of benchmarks/real_speed.md,
onepass7 section, were read with it.
"""

from __future__ import annotations

import atexit
import collections
import resource
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from opencheck import engine, registry, repository
from opencheck.cli.main import main

opened: collections.Counter[str] = collections.Counter()
kinds: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
megabytes: dict[str, float] = collections.defaultdict(float)
again: collections.Counter[str] = collections.Counter()
again_from: collections.Counter[str] = collections.Counter()
asking: list[str] = []
rule = ["set-up"]


def _asker() -> str:
    return asking[-1] if asking else rule[0]


def _opened(path: str, kind: str) -> str:
    who = _asker()
    opened[path] += 1
    kinds[who][kind] += 1
    if opened[path] > 1:
        again[who] += 1
        stack = traceback.extract_stack(limit=9)[:-2]
        again_from[" < ".join(frame.name for frame in reversed(stack[-6:]))] += 1
    return who


real_read = repository._read_inside
real_open = repository._open_inside


def _read_inside(root: Path, entry: repository.FileEntry, limit: int) -> bytes:
    data = real_read(root, entry, limit)
    megabytes[_opened(entry.path, "whole")] += len(data) / 1e6
    return data


def _open_inside(root: Path, entry: repository.FileEntry) -> Any:
    _opened(entry.path, "open")
    return real_open(root, entry)


def _named(method: Callable[..., Any]) -> Callable[..., Any]:
    """A Context method computing the analysis `key`, its reads counted under it."""
    def wrapper(self: registry.Context, key: str, *args: Any) -> Any:
        asking.append(f"{rule[0].split(':')[0]}:[{key}]")
        try:
            return method(self, key, *args)
        finally:
            asking.pop()
    return wrapper


real_rule = engine._run_rule


def _run_rule(found: Any, *args: Any, **kwargs: Any) -> Any:
    rule[0] = f"{found.family}:{found.id}"
    try:
        return real_rule(found, *args, **kwargs)
    finally:
        rule[0] = "scores"


def report() -> None:
    out = sys.stderr
    twice = sum(1 for count in opened.values() if count > 1)
    print(f"files opened: {len(opened)}; more than once: {twice}; "
          f"opens: {sum(opened.values())}", file=out)
    print("opens per file:", dict(sorted(collections.Counter(opened.values()).items())),
          file=out)
    print("asked by | whole reads | other opens | MB read | opens of a file opened before",
          file=out)
    for who in sorted(kinds, key=lambda who: -sum(kinds[who].values())):
        print(f"{who} | {kinds[who]['whole']} | {kinds[who]['open']} | "
              f"{megabytes[who]:.1f} | {again[who]}", file=out)
    for where, count in again_from.most_common(8):
        print(f"  opened again from {where}: {count}", file=out)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident size {peak:.0f} MB", file=out)


if __name__ == "__main__":
    repository._read_inside = _read_inside  # type: ignore[assignment]
    repository._open_inside = _open_inside
    registry.Context.shared = _named(registry.Context.shared)  # type: ignore[method-assign]
    if hasattr(registry.Context, "read_tree"):
        registry.Context.read_tree = _named(registry.Context.read_tree)  # type: ignore[method-assign]
    engine._run_rule = _run_rule  # type: ignore[assignment]
    atexit.register(report)
    sys.argv = ["opencheck", *sys.argv[1:]]
    main()
