# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The JSON report: the contract documented by schemas/report/report.schema.json.

Schema version 2 keeps every finding but writes what findings share only once: the
findings are runs of consecutive findings of one rule, family and severity with the
same fields ("groups"); a group holds the family fields of its first finding and the
message and fix that give back most of its findings, and each item only its path,
line, column, fingerprint and the fields that differ. In a group's `message` and `fix`,
`{path}` stands for each item's path. `report/json_read.py` turns a report of either
version back into one dict per finding.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from opencheck.model import Finding, Report
from opencheck.report.sanitize import json_escaped, undecodable_escaped
from opencheck.report.summary import per_family, per_severity

SCHEMA_VERSION = "2"
PATH_SLOT = "{path}"
# Fields every finding has, in the order of a finding of schema version 1.
BASE_KEYS = ("rule", "family", "severity", "message", "path", "line", "fingerprint", "fix")
RESERVED = (*BASE_KEYS, "column", "items")  # a family field never takes these names
ITEM_KEYS = ("path", "line", "column", "fingerprint")  # written for each finding
_UNSHARABLE = object()


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding as a flat dict: the shape of schema version 1, which
    `json_read.findings` gives back from a report of either version."""
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
        if key not in RESERVED:
            base[key] = value
    return base


def templated(value: Any, path: str | None) -> Any:
    """`value` with the finding's path written `{path}`, or _UNSHARABLE when that
    would not give `value` back (the text already holds `{path}`)."""
    if not isinstance(value, str) or path is None:
        return value
    if PATH_SLOT in value:
        return _UNSHARABLE
    template = value.replace(path, PATH_SLOT) if path else value
    return template if template.replace(PATH_SLOT, path) == value else _UNSHARABLE


def _same(left: Any, right: Any) -> bool:
    return type(left) is type(right) and left == right  # True is not 1 here


def _rebuilt(shared: Any, path: Any) -> Any:
    """What a reader makes of a group's message or fix for an item at `path`."""
    if isinstance(shared, str) and isinstance(path, str):
        return shared.replace(PATH_SLOT, path)
    return shared


def _commonest(run: list[Finding], value_of: Callable[[Finding], str | None]) -> Any:
    """The message (or fix) template that gives back the most findings of the run: a
    first file named `No` or `e` would otherwise turn every `No` or `e` of the text
    into `{path}`, and the other findings would each carry their own text."""
    counts: Counter[Any] = Counter()
    for finding in run:
        value = value_of(finding)
        template = templated(value, finding.path)
        if template is not _UNSHARABLE:
            counts[template] += 1
        if isinstance(value, str) and value != template and PATH_SLOT not in value:
            counts[value] += 1  # a text without the path gives itself back
    return counts.most_common(1)[0][0] if counts else value_of(run[0])


def _item(flat: dict[str, Any], group: dict[str, Any]) -> dict[str, Any]:
    """What a reader needs beyond the group to give this finding back: the item keys,
    and every field the group does not give exactly (checked by rebuilding it)."""
    item = {key: flat[key] for key in ITEM_KEYS
            if key in flat and (flat[key] is not None or key == "fingerprint")}
    path = flat["path"]
    for key, value in flat.items():
        if key in ITEM_KEYS:
            continue
        shared = _rebuilt(group[key], path) if key in ("message", "fix") else group[key]
        if not _same(value, shared):
            item[key] = value
    return item


def _shape(finding: Finding) -> tuple[Any, ...]:
    """Findings of one shape have the same fields and may share a group."""
    return (finding.rule, finding.family, finding.severity,
            tuple(key for key in finding.extra if key not in RESERVED))


def grouped(findings: list[Finding], lang: str) -> Iterator[tuple[dict[str, Any] | None,
                                                                  dict[str, Any]]]:
    """(group, item) for each finding, in the report's order; `group` is given when a
    new group starts with this item, None when the item joins the current one. A
    finding alone in its group keeps its message and fix as they are, readable."""
    for _, members in itertools.groupby(findings, key=_shape):
        run = list(members)
        first = finding_dict(run[0], lang)
        group = {key: value for key, value in first.items() if key not in ITEM_KEYS}
        if len(run) > 1:
            group["message"] = _commonest(run, lambda f: f.message.get(lang))
            group["fix"] = _commonest(run, lambda f: f.fix.get(lang) if f.fix else None)
        yield group, _item(first, group)
        for finding in run[1:]:
            yield None, _item(finding_dict(finding, lang), group)


def finding_groups(report: Report, lang: str) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for group, item in grouped(report.findings, lang):
        if group is not None:
            groups.append({**group, "items": []})
        groups[-1]["items"].append(item)
    return groups


def report_dict(report: Report, lang: str, findings: bool = True) -> dict[str, Any]:
    """The report as one dict (the batch store keeps it); `findings=False` leaves the
    findings out, for `pieces` to write them one by one."""
    document: dict[str, Any] = {
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
        "finding_count": len(report.findings),
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
    if findings:
        document["findings"] = finding_groups(report, lang)
    return document


PIECE = 1 << 20


def render(report: Report, lang: str) -> str:
    """Indented, except the findings: a line per group, then one compact line per
    finding, so that the file stays readable and diffable at 100,000 findings."""
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


# One encoder for every line: `json.dumps` with options builds a new one per call, a
# third of the cost of writing a report of thousands of findings.
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _raw_pieces(report: Report, lang: str) -> Iterator[str]:
    document = report_dict(report, lang, findings=False)
    rules = document.pop("rules")
    yield json.dumps(document, ensure_ascii=False, indent=2)[:-2] + ",\n"
    yield from _findings(report, lang)
    yield '  "rules": ['
    yield ",".join(f"\n    {_compact(rule)}" for rule in rules)
    yield "\n  ]\n}\n" if rules else "]\n}\n"


def _findings(report: Report, lang: str) -> Iterator[str]:
    if not report.findings:
        yield '  "findings": [],\n'
        return
    buffered, size = ['  "findings": ['], 0
    for index, (group, item) in enumerate(grouped(report.findings, lang)):
        if group is not None:
            head = _compact({**group, "items": []})[:-2]
            buffered.append(f'{"]}," if index else ""}\n    {head}')
        else:
            buffered.append(",")
        line = _compact(item)
        buffered.append(f"\n      {line}")
        size += len(line) + len(buffered[-2])
        if size >= PIECE:
            yield "".join(buffered)
            buffered, size = [], 0
    buffered.append("]}\n  ],\n")
    yield "".join(buffered)
