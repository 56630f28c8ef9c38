# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Baselines: record today's findings, then report only the new ones.

A baseline lists fingerprints, which do not depend on line numbers: a finding stays
known when lines move above it, and becomes new when its rule, file or subject changes.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opencheck.model import Report
from opencheck.narrow import narrow

FORMAT = "opencheck-baseline"
VERSION = 1
DEFAULT_NAME = ".opencheck-baseline.json"
MAX_SIZE = 64 * 1024 * 1024


class BaselineError(Exception):
    """The baseline file cannot be read or is not a baseline."""


def baseline_dict(report: Report) -> dict[str, Any]:
    entries = {
        finding.fingerprint: {
            "fingerprint": finding.fingerprint, "rule": finding.rule, "path": finding.path,
        }
        for finding in report.findings
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "opencheck_version": report.opencheck_version,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": report.profile,
        "findings": sorted(entries.values(), key=lambda e: (e["rule"], e["path"] or "",
                                                             e["fingerprint"])),
    }


def write(report: Report, target: Path) -> int:
    data = baseline_dict(report)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(data["findings"])


def load(path: Path) -> frozenset[str]:
    try:
        if path.stat().st_size > MAX_SIZE:
            raise BaselineError(f"{path}: larger than {MAX_SIZE // (1024 * 1024)} MB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot read baseline {path}: {error.strerror}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path} is not a JSON baseline: {error}") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BaselineError(f"{path} is not an opencheck baseline (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(item, dict) and isinstance(item.get("fingerprint"), str) for item in findings
    ):
        raise BaselineError(f"{path}: \"findings\" must be a list of {{\"fingerprint\": ...}}")
    return frozenset(item["fingerprint"] for item in findings)


def only_new(report: Report, known: frozenset[str], source: str) -> Report:
    before = len(report.findings)
    narrowed = narrow(report, lambda f: f.fingerprint not in known, {})
    narrowed.metadata["baseline"] = {
        "file": source,
        "known_findings": before - len(narrowed.findings),
    }
    return narrowed
