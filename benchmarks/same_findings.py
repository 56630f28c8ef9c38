# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether two JSON reports of opencheck say the same: findings, rules, verdict, scores.

    python benchmarks/same_findings.py [--except KEY] BEFORE.json AFTER.json [...]

Run times and the date are left out (metadata); everything a user reads is compared,
but the keys named with `--except` (`--except scores` when one side computed scores
the other was not asked for).
Exit status 1 when a pair differs, with the first differences printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COMPARED = ("verdict", "verdict_reason", "score", "counts", "scores", "findings", "rules")


def differences(before: dict[str, object], after: dict[str, object],
                skipped: frozenset[str] = frozenset()) -> list[str]:
    found = []
    for key in COMPARED:
        if key not in skipped and before.get(key) != after.get(key):
            found.append(key)
    return found


def main() -> int:
    arguments, skipped = sys.argv[1:], set()
    while arguments[:1] == ["--except"] and len(arguments) > 1:
        skipped.add(arguments[1])
        arguments = arguments[2:]
    paths = [Path(argument) for argument in arguments]
    if not paths or len(paths) % 2:
        print(__doc__)
        return 2
    status = 0
    for before_path, after_path in zip(paths[::2], paths[1::2], strict=True):
        before = json.loads(before_path.read_text(encoding="utf-8"))
        after = json.loads(after_path.read_text(encoding="utf-8"))
        differing = differences(before, after, frozenset(skipped))
        findings = len(after.get("findings", []))
        if differing:
            status = 1
            print(f"DIFFERENT {before_path.name} / {after_path.name}: {', '.join(differing)}")
        else:
            print(f"same      {after_path.name}: {findings} findings, "
                  f"verdict {after.get('verdict')}")
    return status


if __name__ == "__main__":
    sys.exit(main())
