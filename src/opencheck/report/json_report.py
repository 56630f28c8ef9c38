# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The JSON report: the contract documented by schemas/report/report.schema.json.

Schema version 2 keeps every finding but writes what findings share only once: the
findings are runs of consecutive findings of one rule, family and severity ("groups");
a group holds the message, the fix and the family fields of its first finding, and each
item only its path, line, column, fingerprint and the fields that differ. In a group's
`message` and `fix`, `{path}` stands for each item's path. `report/json_read.py` turns
a report of either version back into one dict per finding.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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


def _shared_part(flat: dict[str, Any], following: dict[str, Any] | None) -> dict[str, Any]:
    """A finding's fields that a group may hold. When another finding follows in the
    group, the message and fix become templates: the first finding's or the next
    one's, whichever gives both back (a first file named `No` or `e` would otherwise
    turn every `No` or `e` of the text into `{path}`, and no other finding would
    share it)."""
    shared = {key: value for key, value in flat.items() if key not in ITEM_KEYS}
    if following is None:
        return shared
    for key in ("message", "fix"):
        candidates = [templated(flat[key], flat["path"]),
                      templated(following[key], following["path"])]
        for candidate in candidates:
            if candidate is _UNSHARABLE:
                continue
            if (_same(_rebuilt(candidate, flat["path"]), flat[key])
                    and _same(_rebuilt(candidate, following["path"]), following[key])):
                shared[key] = candidate
                break
        else:
            first = candidates[0]
            shared[key] = flat[key] if first is _UNSHARABLE else first
    return shared


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


def _joins(flat: dict[str, Any], group: dict[str, Any] | None) -> bool:
    if group is None:
        return False
    keys = [key for key in flat if key not in ITEM_KEYS]
    return (keys == list(group) and flat["rule"] == group["rule"]
            and flat["family"] == group["family"] and flat["severity"] == group["severity"])


def grouped(findings: list[Finding], lang: str) -> Iterator[tuple[dict[str, Any] | None,
                                                                  dict[str, Any]]]:
    """(group, item) for each finding, in the report's order; `group` is given when a
    new group starts with this item, None when the item joins the current one. A
    finding that no other joins keeps its message and fix as they are, readable."""
    flats = (finding_dict(finding, lang) for finding in findings)
    flat = next(flats, None)
    group: dict[str, Any] | None = None
    while flat is not None:
        following = next(flats, None)
        if _joins(flat, group):
            assert group is not None
            yield None, _item(flat, group)
        else:
            joined = following is not None and _joins(following, _shared_part(flat, None))
            group = _shared_part(flat, following if joined else None)
            yield group, _item(flat, group)
        flat = following


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


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
