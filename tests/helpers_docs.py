# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Reading a JSON report in the documentation and history tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import findings_of, run_cli


def report_of(
    path: Path, *rules: str, lang: str = "en", extra: tuple[str, ...] = ()
) -> dict[str, Any]:
    args = ["check", str(path), "--format", "json", "--lang", lang, *extra]
    for rule in rules:
        args += ["--rule", rule]
    result = run_cli(*args)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def status(report: dict[str, Any], rule: str) -> str:
    for result in report["rules"]:
        if result["id"] == rule:
            return str(result["status"])
    raise AssertionError(f"rule {rule} not in the report")


def reason(report: dict[str, Any], rule: str) -> str:
    for result in report["rules"]:
        if result["id"] == rule:
            return str(result["reason"])
    raise AssertionError(f"rule {rule} not in the report")


def messages(report: dict[str, Any], rule: str) -> list[str]:
    return [f["message"] for f in findings_of(report) if f["rule"] == rule]


def findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in findings_of(report) if f["rule"] == rule]
