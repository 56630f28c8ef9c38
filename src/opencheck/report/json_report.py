# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The JSON report: the contract documented by schemas/report/report.schema.json."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from opencheck.model import Finding, Report
from opencheck.report.sanitize import json_escaped, undecodable_escaped
from opencheck.report.summary import per_family, per_severity

SCHEMA_VERSION = "1"


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    base: dict[str, Any] = {
        "rule": finding.rule,
        "family": finding.family,
        "severity": finding.severity.value if finding.severity else None,
        "message": finding.message.get(lang),
        "path": finding.path,
        "line": finding.line,
        "fingerprint": finding.fingerprint,
        "fix": finding.fix.get(lang) if finding.fix else None,
    }
    if finding.column is not None:
        base["column"] = finding.column
    for key, value in finding.extra.items():
        base.setdefault(key, value)
    return base


class _Lazy(list):  # type: ignore[type-arg]
    """A list the JSON encoder walks without holding its items: each finding's dict is
    made when it is written, so a report of 100,000 findings is never held twice."""

    def __init__(self, items: Sequence[Any], convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.items, self.convert = items, convert

    def __iter__(self) -> Iterator[Any]:
        return (self.convert(item) for item in self.items)

    def __len__(self) -> int:
        return len(self.items)


def report_dict(report: Report, lang: str, lazy: bool = False) -> dict[str, Any]:
    findings: list[dict[str, Any]] = (
        _Lazy(report.findings, lambda finding: finding_dict(finding, lang)) if lazy
        else [finding_dict(finding, lang) for finding in report.findings]
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "verdict": report.verdict.value,
        "verdict_reason": report.reason.get(lang),
        "ready": report.ready,
        "score": report.score,
        "score_detail": report.score_detail.as_dict(lang) if report.score_detail else None,
        "profile": report.profile,
        "fail_on": report.fail_on.value,
        "lang": lang,
        "opencheck_version": report.opencheck_version,
        "root": report.root,
        "metadata": report.metadata,
        "counts": per_severity(report),
        "summary": per_family(report),
        "scores": report.scores,
        "findings": findings,
        "rules": [
            {
                "id": result.rule,
                "family": result.family,
                "severity": result.severity.value,
                "status": result.status.value,
                "findings": result.findings,
                "reason": result.reason.get(lang) if result.reason else None,
                "disabled_reason": result.disabled_reason,
            }
            for result in report.rules
        ],
    }


PIECE = 1 << 20


def render(report: Report, lang: str) -> str:
    """Indented, except the findings: one compact line each.

    A repository with one finding per file has tens of thousands of them; indented,
    each took ten lines and most of its bytes in spaces. One line per finding keeps
    the file readable, diffable and about half the size.
    """
    return "".join(pieces(report, lang))


def write(report: Report, lang: str, stream: TextIO) -> None:
    """Write the report piece by piece (a large report is never one string)."""
    for piece in pieces(report, lang):
        stream.write(piece)


def pieces(report: Report, lang: str) -> Iterator[str]:
    """The report in pieces of about 1 MB; each finding's dict is made as it is
    written, so 100,000 findings are never held twice. Each piece goes through the
    sanitiser: names that are not UTF-8 as \\xNN, format characters as \\uXXXX."""
    for piece in _raw_pieces(report, lang):
        yield json_escaped(undecodable_escaped(piece, json_text=True))


def _raw_pieces(report: Report, lang: str) -> Iterator[str]:
    document = report_dict(report, lang, lazy=True)
    findings = document.pop("findings")
    rules = document.pop("rules")
    yield json.dumps(document, ensure_ascii=False, indent=2)[:-2] + ",\n"
    yield from _compact_list("findings", findings, ",\n")
    yield from _compact_list("rules", rules, "\n")
    yield "}\n"


def _compact_list(name: str, items: list[Any], after: str) -> Iterator[str]:
    if not items:
        yield f'  "{name}": []{after}'
        return
    buffered = [f'  "{name}": [\n    ']
    size = 0
    for index, item in enumerate(items):
        if index:
            buffered.append(",\n    ")
        line = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        buffered.append(line)
        size += len(line)
        if size >= PIECE:
            yield "".join(buffered)
            buffered, size = [], 0
    buffered.append(f"\n  ]{after}")
    yield "".join(buffered)
