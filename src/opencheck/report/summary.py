# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What every renderer shows the same way: counts per family and per severity."""

from __future__ import annotations

from collections import Counter

from opencheck.catalogue import Rule, load_catalogue
from opencheck.model import Finding, Report, Severity, Status, Text


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


NOTES = {
    "diff": Text(
        fr="Mode merge request : seul ce qu'apporte le changement depuis `{base}` (base "
        "commune `{merge_base}`, {files} fichier(s) modifié(s)) est montré ; {hidden} "
        "constat(s) antérieur(s) masqué(s).",
        en="Merge-request mode: only what the change since `{base}` brings is shown "
        "(merge base `{merge_base}`, {files} changed file(s)); {hidden} earlier finding(s) "
        "hidden.",
    ),
    "staged": Text(
        fr="Mode pre-commit : seuls les constats sur les {files} fichier(s) indexé(s) sont "
        "montrés ; {hidden} autre(s) constat(s) masqué(s).",
        en="Pre-commit mode: only findings on the {files} staged file(s) are shown; "
        "{hidden} other finding(s) hidden.",
    ),
    "baseline": Text(
        fr="{known} constat(s) déjà connu(s) de la base de référence `{file}` masqué(s).",
        en="{known} finding(s) already in the baseline `{file}` hidden.",
    ),
}


def scope_notes(report: Report, lang: str) -> list[str]:
    """What a narrowed report hides (a change, a baseline): one sentence each."""
    notes = []
    diff = report.metadata.get("diff")
    if isinstance(diff, dict):
        base = str(diff.get("merge_base") or "")[:12]
        notes.append(NOTES["staged" if diff.get("staged") else "diff"].format(
            base=diff.get("base"), merge_base=base, files=diff.get("changed_files"),
            hidden=diff.get("hidden_findings"),
        ).get(lang))
    baseline = report.metadata.get("baseline")
    if isinstance(baseline, dict):
        notes.append(NOTES["baseline"].format(
            file=baseline.get("file"), known=baseline.get("known_findings")
        ).get(lang))
    return notes
