# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The value a report's finding is about, told by 8 hex digits of its SHA-256, as the
hand labels (`labels/*.csv`, column `masked`) name values.

Reports hold no hash of a value any more (docs/secrets.md, "Masking"): whoever holds one
could test guesses against it. The benchmarks run on clones they have, so they find the
value again here: the finding's file (at the commit that brought it, for the history) is
scanned by the same detectors, and the hits of the finding's kind on its line give the
digest. A report of an earlier version still carries it in its masked form.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from opencheck.gitcmd import GitError, run_git
from opencheck.secrets.detectors import Hit, scan


def from_masked(masked: str) -> str:
    """The digest an earlier version wrote in a masked value (or a label), else ""."""
    return masked.rsplit("sha256:", 1)[-1].rstrip(")") if "sha256:" in masked else ""


@functools.lru_cache(maxsize=256)
def _hits(root: Path, commit: str, path: str) -> tuple[Hit, ...]:
    try:
        if commit:
            data = run_git(root, "cat-file", "blob", f"{commit}:./{path}")
        else:
            data = (root / path).read_bytes()
    except (OSError, GitError):
        return ()
    return tuple(scan(data, path))


def value_digest(root: Path | None, finding: dict[str, Any]) -> str:
    """8 hex digits of the SHA-256 of the finding's value; "" for a finding about no
    value, or one whose file no longer shows it."""
    masked = str(finding.get("masked") or "")
    if not masked:
        return ""
    if from_masked(masked):
        return from_masked(masked)
    path, kind, line = finding.get("path"), finding.get("kind"), finding.get("line")
    if root is None or not isinstance(path, str) or not kind:
        return ""
    hits = _hits(root, str(finding.get("commit") or ""), path)
    found = [hit for hit in hits if hit.kind == kind and (line is None or hit.line == line)]
    return found[0].digest[:8] if found else ""
