# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Where CI formats place a finding that concerns the whole project.

GitHub code scanning rejects a whole SARIF file when one result has no file location,
and GitLab's Code Quality widget needs a path too. A project-level finding (a missing
LICENSE, a missing README) is therefore anchored on the file a reviewer opens first.
"""

from __future__ import annotations

from pathlib import Path

from opencheck.model import Finding, Report

ANCHORS = ("README.md", "README", "README.rst", "README.txt", "README.org", "README.adoc")
DEFAULT_ANCHOR = "README.md"


def project_anchor(report: Report) -> str:
    """The repository's README when it has one at the root, else `README.md`."""
    root = Path(report.root)
    for name in ANCHORS:
        if (root / name).is_file():
            return name
    return DEFAULT_ANCHOR


def finding_path(finding: Finding, anchor: str) -> str:
    return finding.path or anchor


def finding_line(finding: Finding) -> int:
    """A 1-based line: project-level and whole-file findings start at line 1."""
    return finding.line if finding.line and finding.line > 0 else 1
