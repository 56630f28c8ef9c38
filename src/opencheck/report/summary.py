# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What every renderer shows the same way: counts per family and per severity."""

from __future__ import annotations

from collections import Counter

from opencheck.catalogue import Rule, load_catalogue
from opencheck.model import Finding, Report, Severity, Status


def per_family(report: Report) -> dict[str, dict[str, int]]:
    families: dict[str, dict[str, int]] = {}
    for result in report.rules:
        counts = families.setdefault(result.family, {status.value: 0 for status in Status})
        counts[result.status.value] += 1
    return dict(sorted(families.items()))


def per_severity(report: Report) -> dict[str, int]:
    counts = Counter(f.severity.value for f in report.findings if f.severity)
    return {severity.value: counts.get(severity.value, 0) for severity in Severity}


def rule_of(finding: Finding) -> Rule | None:
    return load_catalogue().rules.get(finding.rule)


def family_title(family: str, lang: str) -> str:
    text = load_catalogue().families.get(family)
    return text.get(lang) if text else family
