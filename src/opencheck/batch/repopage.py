# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One repository's page of the dashboard, bounded whatever the repository holds.

Blocking rules come first with their severity, then every score, then the findings
grouped by rule (at most `PER_RULE` shown for each, messages cut at `MESSAGE_CHARS`);
the full list sits beside the page as `<page>.findings.json.gz`. A repository of
60,000 findings gives a page of a few hundred kilobytes, not tens of megabytes.
"""

from __future__ import annotations

import gzip
import json
from html import escape
from pathlib import Path
from typing import Any

from opencheck.batch import htmlbase as base
from opencheck.batch.digest import SEVERITY_RANK
from opencheck.batch.htmlbase import LABELS, Row, label
from opencheck.model import Finding, Severity, Text
from opencheck.report import json_read
from opencheck.report.policynotes import policy_notes
from opencheck.report.sanitize import printable

PER_RULE = 20
MESSAGE_CHARS = 400


def findings_of(report: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One flat dict per finding, from a stored report of schema version 1 (written by
    an earlier opencheck) or 2; none from a report this version cannot read."""
    try:
        return list(json_read.findings(report or {}))
    except json_read.UnknownReport:
        return []


def _shown(value: object) -> str:
    """A stored report's value (a finding's path, message or fix, a reason) for the
    page: its controls and right-to-left overrides made visible, as the check's HTML
    report shows them (a `facture<RLO>fdp.env` read "factureenv.pdf"), on one line."""
    return escape(printable(str(value), one_line=True))


def write(out: Path, row: Row, report: dict[str, Any] | None, lang: str) -> None:
    findings = findings_of(report)
    full = None
    if findings:
        full = Path(row.page).with_suffix(".findings.json.gz").name
        with gzip.open(out / "repos" / full, "wt", encoding="utf-8", compresslevel=6) as stream:
            json.dump(findings, stream, ensure_ascii=False)
    (out / row.page).write_text(render(row, report, lang, full, findings), encoding="utf-8")


def _facts(row: Row, report: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    r = row.result
    verdict = LABELS[f"state_{row.state}"].get(lang)
    facts = [
        ("organisation", escape(r["organisation"])),
        ("verdict", f'<span class="{row.state}" id="verdict">{escape(verdict)}</span>'),
        ("commit", f"<code>{escape(r['commit_id'] or '–')}</code>"),
        ("profile", escape(str(report.get("profile") or r["profile"]))),
    ]
    if row.change:
        facts.append(("change", escape(row.change)))
    line = base.sparkline([p["score"] for p in row.trend])
    if line:
        facts.append(("trend", line))
    reason = r["reason"] or r.get("verdict_reason") or report.get("verdict_reason")
    if reason:
        facts.append(("reason", _shown(reason)))
    metadata = report.get("metadata")
    notes = policy_notes(metadata, lang) if isinstance(metadata, dict) else []
    if notes:  # what the auditor's policy set aside of the repository's configuration
        facts.append(("policy", '<ul id="policy">' + "".join(
            f"<li>{_shown(note)}</li>" for note in notes) + "</ul>"))
    return facts


def _scores(r: dict[str, Any], lang: str) -> str:
    def shown(value: Any, out_of: Any = None) -> str:
        if value is None:
            return "–"
        return f"{value}/{out_of}" if out_of is not None else str(value)

    badge = r["awesome_badge"] or "–"
    reuse = "–" if r["reuse_compliant"] is None else (
        LABELS["badge_yes"].get(lang) if r["reuse_compliant"] else LABELS["badge_no"].get(lang))
    items = [("score", shown(r["score"], 100)),
             ("codegouvfr", shown(r["codegouvfr_score"], r["codegouvfr_max"])),
             ("awesome", f"{shown(r['awesome_score'], r['awesome_out_of'])} · {badge}"),
             ("standard", shown(r["standard_met"], r["standard_out_of"])),
             ("reuse", reuse)]
    return (f"<h2>{label('scores', lang)}</h2><table id='scores'>"
            + "".join(f'<tr><th>{label(k, lang)}</th><td id="score-{k}">{escape(v)}</td></tr>'
                      for k, v in items) + "</table>")


def blocking_findings(report: dict[str, Any],
                      findings: list[dict[str, Any]]) -> list[Finding]:
    """The stored report's findings at or above its threshold, as the renderers take
    them (messages in the language the report was written in)."""
    threshold = SEVERITY_RANK.get(str(report.get("fail_on") or "error"), 3)
    out = []
    for finding in findings:
        severity = str(finding.get("severity") or "info")
        if SEVERITY_RANK.get(severity, 0) < threshold or severity not in SEVERITY_RANK:
            continue
        message, fix = str(finding.get("message") or ""), finding.get("fix")
        path, line = finding.get("path"), finding.get("line")
        out.append(Finding(
            rule=str(finding.get("rule")), message=Text(message, message),
            path=path if isinstance(path, str) else None,
            line=line if isinstance(line, int) else None, severity=Severity(severity),
            fix=Text(str(fix), str(fix)) if fix else None,
            extra={"kind": finding.get("kind"), "in_tree": finding.get("in_tree")}))
    return out


def _actions(report: dict[str, Any], findings: list[dict[str, Any]], lang: str) -> str:
    """A portfolio's repository with many blocking findings: its few actions first."""
    from opencheck.report.html import actions_section

    return "".join(actions_section(blocking_findings(report, findings), lang))


def _blockers(r: dict[str, Any], rules: list[dict[str, Any]], lang: str) -> str:
    if not r["blocking_rules"]:
        return ""
    by_id = {str(rule.get("id")): rule for rule in rules}
    items = []
    for rule_id in r["blocking_rules"]:
        rule = by_id.get(rule_id, {})
        severity = str(rule.get("severity") or r["rule_severities"].get(rule_id, "error"))
        count = rule.get("findings", 0)
        items.append(f"<li>{base.severity_badge(severity, lang)}<code>{escape(rule_id)}</code>"
                     f' <span class="muted">({count})</span></li>')
    return (f"<h2>{label('blocking', lang)}</h2><ul class='blockers' id='blockers'>"
            + "".join(items) + "</ul>")


def _cut(text: str) -> str:
    return text if len(text) <= MESSAGE_CHARS else text[:MESSAGE_CHARS] + " …"


def _findings(findings: list[dict[str, Any]], full: str | None, lang: str) -> str:
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(str(finding.get("rule")), []).append(finding)

    def rank(rule: str) -> tuple[int, int, str]:
        severity = str(groups[rule][0].get("severity") or "info")
        return (-SEVERITY_RANK.get(severity, 0), -len(groups[rule]), rule)

    head = "".join(f"<th>{label(k, lang)}</th>" for k in ("severity", "rule", "message",
                                                          "where", "fix"))
    lines = []
    for rule in sorted(groups, key=rank):
        members = groups[rule]
        for finding in members[:PER_RULE]:
            where = str(finding.get("path") or "")
            if where and finding.get("line"):
                where += f":{finding['line']}"
            lines.append(
                f"<tr><td>{base.severity_badge(str(finding.get('severity') or 'info'), lang)}</td>"
                f"<td><code>{_shown(rule)}</code></td>"
                f"<td>{_shown(_cut(str(finding.get('message') or '')))}</td>"
                f"<td><code>{_shown(_cut(where))}</code></td>"
                f"<td>{_shown(_cut(str(finding.get('fix') or '')))}</td></tr>")
        if len(members) > PER_RULE and full:
            lines.append(f'<tr class="more"><td></td><td><code>{escape(rule)}</code></td>'
                         f'<td colspan="3">+{len(members) - PER_RULE} '
                         f'{label("more_findings", lang)} <a href="{escape(full)}">'
                         f"{escape(full)}</a></td></tr>")
    table = (f"<table id='findings'><thead><tr>{head}</tr></thead>"
             f"<tbody>{''.join(lines)}</tbody></table>")
    link = (f'<p><a id="full-findings" href="{escape(full)}">{label("full_list", lang)}</a></p>'
            if full else "")
    return link + table


def _rules(rules: list[dict[str, Any]], lang: str) -> str:
    def rank(rule: dict[str, Any]) -> tuple[int, int, str]:
        failing = rule.get("status") in ("failed", "error")
        return (0 if failing else 1, -SEVERITY_RANK.get(str(rule.get("severity")), 0),
                str(rule.get("id")))

    head = "".join(f"<th>{label(k, lang)}</th>"
                   for k in ("rule", "status", "severity", "findings", "reason"))
    lines = [
        f"<tr><td><code>{escape(str(rule.get('id')))}</code></td>"
        f"<td>{escape(str(rule.get('status')))}</td>"
        f"<td>{escape(str(rule.get('severity')))}</td>"
        f"<td class='num'>{int(rule.get('findings') or 0)}</td>"
        f"<td>{_shown(_cut(str(rule.get('reason') or rule.get('disabled_reason') or '')))}"
        "</td></tr>"
        for rule in sorted(rules, key=rank)
    ]
    return (f"<h2>{label('rules', lang)}</h2><table id='rules'><thead><tr>{head}"
            f"</tr></thead><tbody>{''.join(lines)}</tbody></table>")


def render(row: Row, report: dict[str, Any] | None, lang: str, full: str | None,
           findings: list[dict[str, Any]]) -> str:
    r = row.result
    report = report or {}
    forge = base.forge_link(r["url"])
    link = (f'<a href="{escape(forge)}" rel="noreferrer">{escape(forge)}</a>' if forge
            else escape(r["url"]))
    parts = [
        f'<header><h1>{escape(r["name"])}</h1><div>{link}</div></header><main>',
        f'<p><a href="../index.html">← {label("back", lang)}</a></p>',
        "<table id='facts'>" + "".join(f"<tr><th>{label(k, lang)}</th><td>{v}</td></tr>"
                                       for k, v in _facts(row, report, lang)) + "</table>",
    ]
    rules = report.get("rules") or []
    parts.append(_actions(report, findings, lang))
    parts.append(_blockers(r, rules, lang))
    if report:
        parts.append(_scores(r, lang))
    parts.append(f"<h2>{label('findings', lang)} ({len(findings)})</h2>")
    if findings:
        parts.append(_findings(findings, full, lang))
    elif report:
        parts.append(f"<p>{label('none', lang)}</p>")
    if rules:
        parts.append(_rules(rules, lang))
    parts.append("</main>")
    return base.page(f"{r['name']} · opencheck", "".join(parts), lang)
