# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One self-contained HTML page to attach to the decision to open a repository.

No script, no external asset: styles are inline and the page prints to PDF from a
browser as it shows. Verdict and reason first, then the scores, the blocking problems
with their fixes, then the rest grouped by family and rule; a rule with many per-file
findings is shown by folder with counts, so the page stays small on a repository of
60,000 files. Every value from the scanned repository is escaped for HTML after its
control characters are made visible.
"""

from __future__ import annotations

import html
from itertools import groupby

from opencheck import actions as plan
from opencheck.i18n import colon, label
from opencheck.model import Finding, Report, Status, Verdict
from opencheck.report.sanitize import printable
from opencheck.report.summary import (
    by_folder,
    family_title,
    per_family,
    profile_notes,
    rule_of,
    verdict_label,
    verdict_reason,
)
from opencheck.scoring import heaviest_first

PER_RULE_LIMIT = 50  # findings of one rule shown one by one; past that, by folder
FOLDER_ROWS = 30
SCORE_NAMES = {
    "codegouvfr": ("Score code.gouv.fr", "code.gouv.fr score"),
    "awesome": ("Points Awesome CodeGouvFr", "Awesome CodeGouvFr points"),
    "publiccode_standard": ("Standard for Public Code", "Standard for Public Code"),
    "reuse": ("REUSE", "REUSE"),
    "research": ("Science ouverte", "Open science"),
}
WORDS = {
    "title": ("Rapport de publication", "Publication report"),
    "scores": ("Scores", "Scores"),
    "readiness": ("Score de préparation opencheck", "opencheck readiness score"),
    "fix": ("Correction", "Fix"),
    "where": ("Emplacement", "Location"),
    "finding": ("Constat (premier du dossier)", "Finding (first of the folder)"),
    "by_family": ("À améliorer, par famille", "To improve, by family"),
    "folders": ("{n} constats dans {folders} dossiers, par exemple :",
                "{n} findings in {folders} folders, for instance:"),
    "more": ("… et {n} autres constats de cette règle (rapport JSON complet).",
             "… and {n} more findings of this rule (full JSON report)."),
    "repository": ("Dépôt", "Repository"),
    "error": ("Bloquant", "Blocking"),
    "warning": ("Avertissement", "Warning"),
    "info": ("Information", "Information"),
    "commit": ("Commit", "Commit"),
    "generated": ("Produit par opencheck {version}, profil {profile}.",
                  "Made by opencheck {version}, profile {profile}."),
}
STYLE = """
:root { --ok: #18753c; --ko: #ce0500; --unknown: #b34000; --ink: #161616; --soft: #666;
        --line: #ddd; --warn: #b34000; --info: #0063cb; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 70rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.verdict { display: inline-block; padding: .35rem .9rem; border-radius: .3rem; color: #fff;
           font-weight: 700; font-size: 1.3rem; }
.verdict.ready { background: var(--ok); } .verdict.not_ready { background: var(--ko); }
.verdict.incomplete { background: var(--unknown); }
.meta { color: var(--soft); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #f6f6f6; }
.finding { border-left: 4px solid var(--line); padding: .4rem .8rem; margin: .5rem 0;
           page-break-inside: avoid; break-inside: avoid; }
.finding.error { border-color: var(--ko); } .finding.warning { border-color: var(--warn); }
.finding.info { border-color: var(--info); }
.finding .rule { font-weight: 600; } .finding .where { font-family: monospace; }
.finding .fix { color: #3a3a3a; }
ol.actions { padding-left: 2rem; margin: .5rem 0; }
ol.actions li { margin: .3rem 0; } ol.actions .meta { display: block; }
p.fix { border-left: 4px solid var(--ko); padding: .3rem .8rem; margin: 0 0 1rem; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .verdict { color: #000; border: 2px solid #000; background: none !important; }
}
"""


def _e(value: object) -> str:
    # On one line: the page is also printed (`--format html` without `--output`), and a
    # file name's newline then started a line of its own, read by a CI runner as a
    # command (GitHub's `::stop-commands::`, `::error::`) or taken for a line of ours.
    return html.escape(printable(str(value), one_line=True), quote=True)


def _w(key: str, lang: str) -> str:
    fr, en = WORDS[key]
    return fr if lang == "fr" else en


def render(report: Report, lang: str, every: bool = False) -> str:
    """The page; many findings of a rule counted by folder, unless `every` (--all)."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"fr" if lang == "fr" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>opencheck · {_e(verdict_label(report, lang))} · "
        f"{_e(report.root.rsplit('/', 1)[-1])}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        *_header(report, lang),
        *_actions(report, lang),
        *_scores(report, lang),
        *_blocking(report, lang, every),
        *_others(report, lang, every),
        *_families(report, lang),
        f'<p class="meta">{_e(_generated(report, lang))}</p>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _generated(report: Report, lang: str) -> str:
    return _w("generated", lang).format(version=report.opencheck_version,
                                        profile=report.profile)


def _header(report: Report, lang: str) -> list[str]:
    css = {Verdict.READY: "ready", Verdict.NOT_READY: "not_ready",
           Verdict.INCOMPLETE: "incomplete"}[report.verdict]
    commit = report.metadata.get("commit") if isinstance(report.metadata, dict) else None
    meta = f"{_w('repository', lang)} : " if lang == "fr" else f"{_w('repository', lang)}: "
    meta += f"<code>{_e(report.root)}</code>"
    if commit:
        meta += f" · {_w('commit', lang)} <code>{_e(str(commit)[:12])}</code>"
    return [
        "<header>",
        f"<h1>opencheck · {_e(_w('title', lang))}</h1>",
        f'<p><span class="verdict {css}" id="verdict">'
        f"{_e(verdict_label(report, lang))}</span></p>",
        f'<p id="reason">{_e(verdict_reason(report, lang))}</p>',
        *(f'<p class="note">{_e(note)}</p>' for note in profile_notes(report, lang)),
        f'<p class="meta">{meta}</p>',
        "</header>",
    ]


def _scores(report: Report, lang: str) -> list[str]:
    rows = [f"<tr><th>{_e(_w('readiness', lang))}</th><td>{report.score}/100"]
    if report.score_detail:
        how = report.score_detail.explanation().get(lang)
        rows[-1] += f'<br><span class="meta">{_e(how)}</span>'
    rows[-1] += "</td></tr>"
    for key, (fr, en) in SCORE_NAMES.items():
        value = report.scores.get(key)
        if not isinstance(value, dict):
            continue
        summary = value.get("summary")
        text = summary.get(lang) if isinstance(summary, dict) else None
        if text is None and "error" in value:
            text = str(value["error"])
        if text:
            rows.append(f"<tr><th>{_e(fr if lang == 'fr' else en)}</th><td>{_e(text)}</td></tr>")
    return [f"<h2>{_e(_w('scores', lang))}</h2>", '<table id="scores">', *rows, "</table>"]


def _finding(finding: Finding, lang: str) -> str:
    severity = finding.severity.value if finding.severity else "info"
    rule = rule_of(finding)
    title = f" · {_e(rule.title.get(lang))}" if rule else ""
    where = ""
    if finding.path:
        line = f":{finding.line}" if finding.line else ""
        where = f'<div class="where">{_e(finding.path + line)}</div>'
    fix = ""
    if finding.fix:
        fix = (f'<div class="fix">→ {_e(_w("fix", lang))}{colon(lang)} '
               f"{_e(finding.fix.get(lang))}</div>")
    return (f'<div class="finding {severity}"><div class="rule">{_e(_w(severity, lang))} · '
            f"{_e(finding.rule)}{title}</div>{where}<div>{_e(finding.message.get(lang))}</div>"
            f"{fix}</div>")


def _actions(report: Report, lang: str) -> list[str]:
    return actions_section(report.blocking, lang)


def actions_section(blocking: list[Finding], lang: str) -> list[str]:
    """Many blocking findings as numbered actions (right under the verdict, and on a
    batch's repository page); each kind's fix once, after its actions."""
    if not plan.should_fold(blocking):
        return []
    actions = plan.plan(blocking)
    title = (f"{label('blocking', lang)} ({len(blocking)}){colon(lang)} "
             f"{label('actions', lang, n=len(actions))}")
    out = [f'<section id="actions"><h2>{_e(title)}</h2>']
    for kind in plan.by_kind(actions):
        out.append(f'<ol class="actions" start="{kind.first}">')
        out += [f"<li>{_action(action, lang)}</li>" for action in kind.actions]
        out.append("</ol>")
        if kind.fix:
            out.append(f'<p class="fix">→ {_e(_w("fix", lang))} ({kind.span}){colon(lang)} '
                       f"{_e(kind.fix.get(lang))}</p>")
    return [*out, "</section>"]


def _action(action: plan.Action, lang: str) -> str:
    first = action.findings[0]
    if not action.secret and len(action.findings) == 1:
        line = f":{first.line}" if first.line else ""
        where = f"<code>{_e((first.path or '') + line)}</code> " if first.path else ""
        return f"{where}{_e(first.rule)}{colon(lang)} {_e(first.message.get(lang))}"
    if action.folder is None:
        where = f"{_e(plan.word('elsewhere', lang))}{colon(lang)} "
    else:
        where = f"<code>{_e(action.folder)}</code>{colon(lang)} " if action.folder else ""
    text = where + _e(plan.what(action, lang))
    if not action.secret:
        text += f"{colon(lang)} {_e(first.message.get(lang))}"
    folders = action.largest_folders()
    if action.folder is None or action.folders > 1:
        more = ", …" if plan.more_folders(action, len(folders)) else ""
        word = plan.word("gathered" if action.folder is None else "largest", lang)
        shown = ", ".join(f"<code>{_e(folder or './')}</code> ({count})"
                          for folder, count in folders)
        text += f'<span class="meta">{_e(word)}{colon(lang)} {shown}{more}</span>'
    elif action.secret:
        files, more_files = action.files()
        shown = ", ".join(f"<code>{_e(path)}</code>" for path in files)
        slot = "\ue000"  # a private-use character: the label escaped, then the paths set in
        example = _e(label("for_example", lang, path=slot)).replace(slot, shown)
        text += f'<span class="meta">{example}{", …" if more_files else ""}</span>'
    return text


def _blocking(report: Report, lang: str, every: bool) -> list[str]:
    blocking = report.blocking
    if not blocking:
        return []
    # Every blocking rule is shown; a rule with many per-file findings (every REUSE
    # finding under --fail-on warning) by folder, so that the page stays small.
    by_rule: dict[str, list[Finding]] = {}
    for finding in blocking:
        by_rule.setdefault(finding.rule, []).append(finding)
    title = label("every_blocking" if plan.should_fold(blocking) else "blocking", lang)
    out = [f'<section id="blocking"><h2>{_e(title)} ({len(blocking)})</h2>']
    for items in by_rule.values():
        out += _rule_block(items, lang, every)
    return [*out, "</section>"]


def _others(report: Report, lang: str, every: bool) -> list[str]:
    others = report.to_improve
    if not others:
        return [] if report.findings else [f"<p>{_e(label('no_findings', lang))}</p>"]
    out = [f'<section id="improve"><h2>{_e(_w("by_family", lang))} ({len(others)})</h2>']
    ordered = sorted(others, key=lambda f: (heaviest_first(f.family), f.rule))
    for family, in_family in groupby(ordered, key=lambda f: f.family):
        out.append(f"<h3>{_e(family_title(family, lang))}</h3>")
        for _rule, group in groupby(in_family, key=lambda f: f.rule):
            out += _rule_block(list(group), lang, every)
    out.append("</section>")
    return out


def _rule_block(items: list[Finding], lang: str, every: bool) -> list[str]:
    if every or len(items) <= PER_RULE_LIMIT:
        return [_finding(f, lang) for f in items]
    placed = [f for f in items if f.path]
    first = items[0]
    rule = rule_of(first)
    title = f" · {_e(rule.title.get(lang))}" if rule else ""
    severity = first.severity.value if first.severity else "info"
    out = [f'<div class="finding {severity}"><div class="rule">{_e(_w(severity, lang))} · '
           f"{_e(first.rule)}{title}</div></div>"]
    out += [_finding(f, lang) for f in items if not f.path][:PER_RULE_LIMIT]
    folders = by_folder(placed, FOLDER_ROWS)
    counted = _w("folders", lang).format(n=len(placed), folders=len(folders))
    out.append(f'<p class="meta">{_e(counted)}</p>')
    out.append("<table><tr>"
               f"<th>{_e(_w('where', lang))}</th><th>n</th><th>{_e(_w('finding', lang))}</th></tr>")
    for group in folders[:FOLDER_ROWS]:
        first = group.findings[0]
        out.append(f"<tr><td><code>{_e(group.folder or './')}</code></td>"
                   f"<td>{len(group.findings)}</td><td>{_e(first.message.get(lang))}</td></tr>")
    out.append("</table>")
    rest = sum(len(g.findings) for g in folders[FOLDER_ROWS:])
    if rest:
        out.append(f'<p class="meta">{_e(_w("more", lang).format(n=rest))}</p>')
    return out


def _families(report: Report, lang: str) -> list[str]:
    statuses = list(Status)
    head = "".join(f"<th>{_e(label(s.value, lang))}</th>" for s in statuses)
    rows = [
        f"<tr><th>{_e(family_title(family, lang))}</th>"
        + "".join(f"<td>{counts[s.value]}</td>" for s in statuses) + "</tr>"
        for family, counts in per_family(report).items()
    ]
    return [f"<h2>{_e(label('summary', lang))}</h2>", '<table id="families">',
            f"<tr><th></th>{head}</tr>", *rows, "</table>"]
