# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether two JSON reports of opencheck say the same: findings, rules, verdict, scores.

    python benchmarks/same_findings.py [--except KEY] [--dates] BEFORE.json AFTER.json [...]

Run times and the date are left out (metadata); everything a user reads is compared,
but the keys named with `--except` (`--except scores` when one side computed scores
the other was not asked for). With `--dates`, findings are compared without the commit
that brought them in (its id, date and author, and where the message names them), and
the number of findings whose commit changed is printed.
Exit status 1 when a pair differs, with the first differences printed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from opencheck.report.json_read import findings as flat_findings

COMPARED = ("verdict", "verdict_reason", "score", "counts", "scores", "findings", "rules")
ORIGIN = ("commit", "date", "author")
# "in commit 0123456789ab (2024-02-01, Name <a@b>)", "au commit ... (...)"
NAMED_ORIGIN = re.compile(r"\b(in|au) commit [0-9a-f]{12} \([^()]*(?:\([^()]*\)[^()]*)*\)")


def differences(before: dict[str, object], after: dict[str, object],
                skipped: frozenset[str] = frozenset()) -> list[str]:
    found = []
    for key in COMPARED:
        if key not in skipped and before.get(key) != after.get(key):
            found.append(key)
    return found


def without_origin(finding: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in finding.items() if key not in ORIGIN}
    if isinstance(kept.get("message"), str):
        kept["message"] = NAMED_ORIGIN.sub(r"\1 commit ?", kept["message"])
    return kept


def redated(before: dict[str, Any], after: dict[str, Any]) -> int | None:
    """How many findings differ only by their origin, or None when others differ."""
    old, new = list(flat_findings(before)), list(flat_findings(after))
    if len(old) != len(new):
        return None
    if [without_origin(f) for f in old] != [without_origin(f) for f in new]:
        return None
    return sum(1 for a, b in zip(old, new, strict=True)
               if tuple(a.get(k) for k in ORIGIN) != tuple(b.get(k) for k in ORIGIN))


def main() -> int:
    arguments, skipped = sys.argv[1:], set()
    dates = False
    while arguments[:1] in (["--except"], ["--dates"]) and len(arguments) > 1:
        if arguments[0] == "--dates":
            dates, arguments = True, arguments[1:]
            continue
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
        findings = len(list(flat_findings(after)))
        moved = redated(before, after) if dates and differing == ["findings"] else None
        if moved is not None:
            print(f"redated   {after_path.name}: {findings} findings, {moved} with another "
                  f"commit, otherwise the same; verdict {after.get('verdict')}")
        elif differing:
            status = 1
            print(f"DIFFERENT {before_path.name} / {after_path.name}: {', '.join(differing)}")
        else:
            print(f"same      {after_path.name}: {findings} findings, "
                  f"verdict {after.get('verdict')}")
    return status


if __name__ == "__main__":
    sys.exit(main())
