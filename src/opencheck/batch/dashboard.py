# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Outputs of a batch: a self-contained HTML dashboard, one page per repository,
CSV and JSON.

The HTML carries its style and script inline and a Content-Security-Policy that
forbids any other source, so the folder can be sent by mail or opened offline. The
table is rendered on the server side (it reads without script); the script only sorts
and filters it. The chart of the most failed rules is inline SVG.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from opencheck.batch.runners import FAILED
from opencheck.batch.store import Run, Store
from opencheck.model import Text

LABELS: dict[str, Text] = {
    "title": Text("Audit du portefeuille", "Portfolio audit"),
    "run": Text("Exécution", "Run"),
    "previous": Text("comparée à l'exécution", "compared with run"),
    "no_previous": Text("première exécution", "first run"),
    "repos": Text("Dépôts", "Repositories"),
    "ready": Text("Prêts", "Ready"),
    "not_ready": Text("Pas prêts", "Not ready"),
    "failed": Text("Audit impossible", "Audit failed"),
    "mean": Text("Score moyen", "Mean score"),
    "organisation": Text("Organisation", "Organisation"),
    "organisations": Text("Par organisation", "Per organisation"),
    "repository": Text("Dépôt", "Repository"),
    "verdict": Text("Verdict", "Verdict"),
    "score": Text("Score", "Score"),
    "errors": Text("Erreurs", "Errors"),
    "warnings": Text("Avertissements", "Warnings"),
    "failing": Text("Règles en échec", "Failing rules"),
    "change": Text("Évolution", "Change"),
    "commit": Text("Commit", "Commit"),
    "rules_chart": Text("Règles les plus souvent en échec", "Most failed rules"),
    "search": Text("Rechercher", "Search"),
    "all": Text("tous", "all"),
    "min": Text("score min.", "min. score"),
    "max": Text("score max.", "max. score"),
    "shown": Text("dépôts affichés", "repositories shown"),
    "changes": Text("Depuis l'exécution précédente", "Since the previous run"),
    "new": Text("nouveau", "new"),
    "now_ready": Text("devenus prêts", "now ready"),
    "no_longer": Text("plus prêts", "no longer ready"),
    "better": Text("score en hausse", "score up"),
    "worse": Text("score en baisse", "score down"),
    "added": Text("nouveaux dépôts", "new repositories"),
    "removed": Text("dépôts disparus", "repositories gone"),
    "state_ready": Text("prêt", "ready"),
    "state_not-ready": Text("pas prêt", "not ready"),
    "state_failed": Text("échec de l'audit", "audit failed"),
    "back": Text("Retour au tableau de bord", "Back to the dashboard"),
    "reason": Text("Raison", "Reason"),
    "findings": Text("Problèmes", "Findings"),
    "rules": Text("Règles", "Rules"),
    "severity": Text("Gravité", "Severity"),
    "rule": Text("Règle", "Rule"),
    "message": Text("Message", "Message"),
    "where": Text("Où", "Where"),
    "fix": Text("Correction", "Fix"),
    "status": Text("Statut", "Status"),
    "profile": Text("Profil", "Profile"),
    "none": Text("Aucun problème trouvé.", "No problem found."),
    "repos_in_chart": Text("dépôts", "repositories"),
}

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:")

STYLE = """
:root{--ok:#18753c;--ko:#b34000;--fail:#6a6a6a;--line:#ddd;--accent:#000091}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#161616}
header{background:var(--accent);color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:22px}
main{padding:16px 24px;max-width:1400px}
a{color:var(--accent)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;margin:8px 0 20px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6;position:sticky;top:0}
th.sortable{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}
td.num,th.num{text-align:right}
.ready{color:var(--ok);font-weight:600}
.not-ready{color:var(--ko);font-weight:600}
.failed{color:var(--fail);font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px}
.filters input,.filters select{font:inherit;padding:3px}
.filters input[type=number]{width:6em}
.rules-list{font-size:12px;color:#444}
td.verdict{white-space:nowrap}
.up{color:var(--ok)}.down{color:var(--ko)}
.chart text{font-size:12px}
.chart .bar{fill:var(--ko)}
.chart g.clickable{cursor:pointer}
code{font-size:12px}
"""

SCRIPT = """
(function () {
  'use strict';
  var table = document.getElementById('repos');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  function el(id) { return document.getElementById(id); }
  function apply() {
    var q = el('f-q').value.trim().toLowerCase();
    var org = el('f-org').value, ready = el('f-ready').value, rule = el('f-rule').value;
    var min = parseFloat(el('f-min').value), max = parseFloat(el('f-max').value);
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var score = d.score === '' ? NaN : Number(d.score);
      var ok = (!q || d.name.indexOf(q) !== -1) &&
        (!org || d.org === org) && (!ready || d.ready === ready) &&
        (!rule || d.rules.split(' ').indexOf(rule) !== -1) &&
        (isNaN(min) || score >= min) && (isNaN(max) || score <= max);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    el('shown').textContent = String(shown);
  }
  ['f-q', 'f-org', 'f-ready', 'f-rule', 'f-min', 'f-max'].forEach(function (id) {
    el(id).addEventListener('input', apply);
    el(id).addEventListener('change', apply);
  });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, index) {
    if (!th.classList.contains('sortable')) { return; }
    th.tabIndex = 0;
    function sort() {
      var descending = th.getAttribute('aria-sort') === 'ascending';
      var numeric = th.dataset.type === 'num';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      rows.sort(function (a, b) {
        var x = a.cells[index].dataset.v, y = b.cells[index].dataset.v;
        var result;
        if (numeric) {
          var nx = x === '' ? NaN : Number(x), ny = y === '' ? NaN : Number(y);
          if (isNaN(nx) || isNaN(ny)) { return isNaN(nx) - isNaN(ny); }
          result = nx - ny;
        } else {
          result = x.localeCompare(y, undefined, {numeric: true});
        }
        return descending ? -result : result;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter]'), function (node) {
    node.addEventListener('click', function (event) {
      event.preventDefault();
      el(node.dataset.filter).value = node.dataset.value;
      apply();
      table.scrollIntoView();
    });
  });
  apply();
})();
"""


@dataclass
class Row:
    result: dict[str, Any]
    page: str
    state: str  # ready, not-ready, failed
    previous: dict[str, Any] | None
    change: str = ""
    delta: float | None = None
    report: dict[str, Any] | None = field(default=None, repr=False)


def state_of(result: dict[str, Any]) -> str:
    if result["status"] == FAILED:
        return "failed"
    return "ready" if result["ready"] else "not-ready"


def page_name(result: dict[str, Any]) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", result["name"]).strip("._")[:60] or "repo"
    digest = hashlib.sha1(result["target"].encode("utf-8")).hexdigest()[:8]
    return f"repos/{slug}-{digest}.html"


def build_rows(store: Store, run: Run, previous_run: Run | None, lang: str) -> list[Row]:
    before = {r["target"]: r for r in store.results(previous_run)} if previous_run else {}
    rows: list[Row] = []
    for result in store.results(run):
        previous = before.get(result["target"])
        row = Row(result, page_name(result), state_of(result), previous)
        row.change, row.delta = _change(row, previous_run is not None, lang)
        rows.append(row)
    return rows


def _change(row: Row, has_previous: bool, lang: str) -> tuple[str, float | None]:
    if not has_previous:
        return "", None
    if row.previous is None:
        return LABELS["new"].get(lang), None
    before = state_of(row.previous)
    score, old = row.result["score"], row.previous["score"]
    delta = float(score - old) if score is not None and old is not None else None
    parts = []
    if before != row.state:
        parts.append(f"{LABELS['state_' + before].get(lang)} → "
                     f"{LABELS['state_' + row.state].get(lang)}")
    if delta:
        parts.append(f"{delta:+.0f}")
    return (" ; ".join(parts) or "="), delta


def write_outputs(store: Store, run: Run, out: Path, lang: str = "en") -> list[Path]:
    """Write index.html, repos/*.html, results.csv and results.json into `out`."""
    previous_run = store.previous_run(run)
    rows = build_rows(store, run, previous_run, lang)
    (out / "repos").mkdir(parents=True, exist_ok=True)
    for row in rows:
        row.report = store.report(row.result["report_id"])
        (out / row.page).write_text(repository_page(row, run, lang), encoding="utf-8")
        row.report = None  # keep memory bounded on large portfolios
    gone = _gone(store, previous_run, rows)
    written = [out / "index.html", out / "results.csv", out / "results.json"]
    written[0].write_text(index_page(rows, run, previous_run, gone, lang), encoding="utf-8")
    written[1].write_text(to_csv(rows), encoding="utf-8")
    written[2].write_text(
        json.dumps(to_json(rows, run, previous_run, gone), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return written


def _gone(store: Store, previous_run: Run | None, rows: list[Row]) -> list[str]:
    if previous_run is None:
        return []
    present = {row.result["target"] for row in rows}
    return sorted(r["name"] for r in store.results(previous_run) if r["target"] not in present)


# -- aggregates ------------------------------------------------------------------------


def organisation_totals(rows: list[Row]) -> list[dict[str, Any]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.result["organisation"], []).append(row)
    totals = []
    for name, members in sorted(groups.items(), key=lambda item: item[0].lower()):
        scores = [r.result["score"] for r in members if r.result["score"] is not None]
        totals.append({
            "organisation": name,
            "repositories": len(members),
            "ready": sum(r.state == "ready" for r in members),
            "not_ready": sum(r.state == "not-ready" for r in members),
            "failed": sum(r.state == "failed" for r in members),
            "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        })
    return totals


def rule_failures(rows: list[Row]) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for row in rows:
        counter.update(set(row.result["failed_rules"]))
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def change_totals(rows: list[Row], gone: list[str]) -> dict[str, int]:
    totals = {"now_ready": 0, "no_longer": 0, "better": 0, "worse": 0, "added": 0,
              "removed": len(gone)}
    for row in rows:
        if row.previous is None:
            totals["added"] += 1
            continue
        before = state_of(row.previous)
        if before != "ready" and row.state == "ready":
            totals["now_ready"] += 1
        if before == "ready" and row.state != "ready":
            totals["no_longer"] += 1
        if row.delta and row.delta > 0:
            totals["better"] += 1
        if row.delta and row.delta < 0:
            totals["worse"] += 1
    return totals


# -- HTML ------------------------------------------------------------------------------


def _page(title: str, body: str, lang: str, script: bool) -> str:
    code = f"<script>{SCRIPT}</script>" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}{code}</body></html>\n"
    )


def _label(key: str, lang: str) -> str:
    return escape(LABELS[key].get(lang))


def _run_line(run: Run, previous_run: Run | None, lang: str) -> str:
    when = escape(run.finished_at or run.started_at)
    compared = (f"{_label('previous', lang)} {previous_run.id}" if previous_run
                else _label("no_previous", lang))
    return (f"{_label('run', lang)} {run.id} · {when} · {_label('profile', lang)} "
            f"{escape(run.profile)} · opencheck {escape(run.opencheck_version)} · {compared}")


def index_page(rows: list[Row], run: Run, previous_run: Run | None, gone: list[str],
               lang: str) -> str:
    scores = [r.result["score"] for r in rows if r.result["score"] is not None]
    mean = f"{sum(scores) / len(scores):.0f}" if scores else "–"
    cards = [("repos", str(len(rows))),
             ("ready", str(sum(r.state == "ready" for r in rows))),
             ("not_ready", str(sum(r.state == "not-ready" for r in rows))),
             ("failed", str(sum(r.state == "failed" for r in rows))),
             ("mean", mean)]
    parts = [f"<header><h1>{_label('title', lang)}</h1>"
             f"<div>{_run_line(run, previous_run, lang)}</div></header><main>"]
    parts.append('<section class="cards" id="totals">' + "".join(
        f'<div class="card" id="total-{key}">{_label(key, lang)}<b>{value}</b></div>'
        for key, value in cards) + "</section>")
    if previous_run is not None:
        changes = change_totals(rows, gone)
        parts.append(f"<h2>{_label('changes', lang)}</h2><section class='cards' id='changes'>"
                     + "".join(f'<div class="card">{_label(k, lang)}<b>{v}</b></div>'
                               for k, v in changes.items()) + "</section>")
        if gone:
            parts.append("<p>" + _label("removed", lang) + " : "
                         + ", ".join(escape(n) for n in gone) + "</p>")
    failures = rule_failures(rows)
    parts.append(f"<h2>{_label('rules_chart', lang)}</h2>{rules_chart(failures[:15], lang)}")
    parts.append(_organisations_table(organisation_totals(rows), lang))
    parts.append(_filters(rows, failures, lang))
    parts.append(_repositories_table(rows, lang))
    parts.append("</main>")
    return _page(LABELS["title"].get(lang), "".join(parts), lang, script=True)


def rules_chart(failures: list[tuple[str, int]], lang: str) -> str:
    if not failures:
        return f"<p>{_label('none', lang)}</p>"
    bar_height, gap, label_width, width = 20, 6, 260, 760
    top = max(count for _, count in failures)
    height = len(failures) * (bar_height + gap) + gap
    items = []
    for index, (rule, count) in enumerate(failures):
        y = gap + index * (bar_height + gap)
        length = max(2, round((width - label_width - 60) * count / top))
        items.append(
            f'<g class="clickable" data-filter="f-rule" data-value="{escape(rule)}">'
            f"<title>{escape(rule)}: {count} {_label('repos_in_chart', lang)}</title>"
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(rule)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y}" width="{length}" '
            f'height="{bar_height}" rx="2"></rect>'
            f'<text x="{label_width + length + 6}" y="{y + 14}">{count}</text></g>'
        )
    return (f'<svg class="chart" id="rules-chart" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg" aria-label="{_label("rules_chart", lang)}">'
            + "".join(items) + "</svg>")


def _organisations_table(totals: list[dict[str, Any]], lang: str) -> str:
    head = "".join(f"<th{cls}>{_label(k, lang)}</th>" for k, cls in (
        ("organisation", ""), ("repos", ' class="num"'), ("ready", ' class="num"'),
        ("not_ready", ' class="num"'), ("failed", ' class="num"'), ("mean", ' class="num"')))
    body = []
    for total in totals:
        name = escape(total["organisation"])
        mean = "–" if total["mean_score"] is None else f"{total['mean_score']:.0f}"
        body.append(
            f'<tr><td><a href="#repos" data-filter="f-org" data-value="{name}">{name}</a></td>'
            f'<td class="num">{total["repositories"]}</td><td class="num">{total["ready"]}</td>'
            f'<td class="num">{total["not_ready"]}</td><td class="num">{total["failed"]}</td>'
            f'<td class="num">{mean}</td></tr>'
        )
    return (f"<h2>{_label('organisations', lang)}</h2><table id='organisations'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _options(values: list[tuple[str, str]], lang: str) -> str:
    return f'<option value="">{_label("all", lang)}</option>' + "".join(
        f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in values)


def _filters(rows: list[Row], failures: list[tuple[str, int]], lang: str) -> str:
    orgs = sorted({r.result["organisation"] for r in rows}, key=str.lower)
    states = [(s, LABELS[f"state_{s}"].get(lang)) for s in ("ready", "not-ready", "failed")]
    rules = sorted(rule for rule, _ in failures)
    return (
        '<section class="filters" id="filters">'
        f'<label>{_label("search", lang)}<input id="f-q" type="search"></label>'
        f'<label>{_label("organisation", lang)}<select id="f-org">'
        f"{_options([(o, o) for o in orgs], lang)}</select></label>"
        f'<label>{_label("verdict", lang)}<select id="f-ready">{_options(states, lang)}'
        "</select></label>"
        f'<label>{_label("min", lang)}<input id="f-min" type="number" min="0" max="100">'
        "</label>"
        f'<label>{_label("max", lang)}<input id="f-max" type="number" min="0" max="100">'
        "</label>"
        f'<label>{_label("failing", lang)}<select id="f-rule">'
        f"{_options([(r, r) for r in rules], lang)}</select></label>"
        f'<span><b id="shown">{len(rows)}</b> {_label("shown", lang)}</span></section>'
    )


def _repositories_table(rows: list[Row], lang: str) -> str:
    columns = [("repository", "text"), ("organisation", "text"), ("verdict", "text"),
               ("score", "num"), ("errors", "num"), ("warnings", "num"),
               ("failing", "num"), ("change", "num"), ("commit", "text")]
    head = "".join(
        f'<th class="sortable{" num" if kind == "num" and key != "failing" else ""}" '
        f'data-type="{kind}" '
        f'data-key="{key}">{_label(key, lang)}</th>' for key, kind in columns)
    body = []
    for row in rows:
        r = row.result
        rules = r["failed_rules"]
        score = "" if r["score"] is None else str(r["score"])
        shown_rules = escape(", ".join(rules[:4]) + (" …" if len(rules) > 4 else ""))
        verdict = LABELS[f"state_{row.state}"].get(lang)
        title = f' title="{escape(r["reason"] or "")}"' if row.state == "failed" else ""
        delta = "" if row.delta is None else f"{row.delta:g}"
        change_class = " up" if (row.delta or 0) > 0 else " down" if (row.delta or 0) < 0 else ""
        commit = (r["commit_id"] or "")[:10]
        body.append(
            f'<tr data-name="{escape(r["name"].lower())}" data-org="{escape(r["organisation"])}"'
            f' data-ready="{row.state}" data-score="{score}"'
            f' data-rules="{escape(" ".join(rules))}">'
            f'<td data-v="{escape(r["name"].lower())}"><a href="{row.page}">{escape(r["name"])}'
            f"</a></td>"
            f'<td data-v="{escape(r["organisation"].lower())}">{escape(r["organisation"])}</td>'
            f'<td data-v="{row.state}" class="verdict {row.state}"{title}>{escape(verdict)}</td>'
            f'<td class="num" data-v="{score}">{score or "–"}</td>'
            f'<td class="num" data-v="{r["errors"] if r["errors"] is not None else ""}">'
            f'{r["errors"] if r["errors"] is not None else "–"}</td>'
            f'<td class="num" data-v="{r["warnings"] if r["warnings"] is not None else ""}">'
            f'{r["warnings"] if r["warnings"] is not None else "–"}</td>'
            f'<td data-v="{len(rules)}"><b>{len(rules)}</b> '
            f'<span class="rules-list">{shown_rules}</span></td>'
            f'<td class="num{change_class}" data-v="{delta}">{escape(row.change)}</td>'
            f'<td data-v="{escape(commit)}"><code>{escape(commit)}</code></td></tr>'
        )
    return (f'<table id="repos"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def repository_page(row: Row, run: Run, lang: str) -> str:
    r = row.result
    report = row.report or {}
    verdict = LABELS[f"state_{row.state}"].get(lang)
    facts = [
        ("organisation", escape(r["organisation"])),
        ("verdict", f'<span class="{row.state}" id="verdict">{escape(verdict)}</span>'),
        ("score", escape("–" if r["score"] is None else str(r["score"]))),
        ("commit", f"<code>{escape(r['commit_id'] or '–')}</code>"),
        ("profile", escape(str(report.get("profile") or r["profile"]))),
    ]
    if row.change:
        facts.append(("change", escape(row.change)))
    if r["reason"]:
        facts.append(("reason", escape(r["reason"])))
    url = escape(r["url"])
    link = f'<a href="{url}">{url}</a>' if r["url"].startswith(("https://", "http://")) else url
    parts = [
        f'<header><h1>{escape(r["name"])}</h1><div>{link}</div></header><main>',
        f'<p><a href="../index.html">← {_label("back", lang)}</a></p>',
        "<table id='facts'>" + "".join(f"<tr><th>{_label(k, lang)}</th><td>{v}</td></tr>"
                                       for k, v in facts) + "</table>",
    ]
    findings = report.get("findings") or []
    parts.append(f"<h2>{_label('findings', lang)} ({len(findings)})</h2>")
    if findings:
        head = "".join(f"<th>{_label(k, lang)}</th>"
                       for k in ("severity", "rule", "message", "where", "fix"))
        lines = []
        for finding in findings:
            where = finding.get("path") or ""
            if where and finding.get("line"):
                where += f":{finding['line']}"
            lines.append(
                f"<tr><td>{escape(str(finding.get('severity') or ''))}</td>"
                f"<td><code>{escape(str(finding.get('rule')))}</code></td>"
                f"<td>{escape(str(finding.get('message') or ''))}</td>"
                f"<td><code>{escape(where)}</code></td>"
                f"<td>{escape(str(finding.get('fix') or ''))}</td></tr>"
            )
        parts.append(f"<table id='findings'><thead><tr>{head}</tr></thead>"
                     f"<tbody>{''.join(lines)}</tbody></table>")
    elif report:
        parts.append(f"<p>{_label('none', lang)}</p>")
    rules = report.get("rules") or []
    if rules:
        head = "".join(f"<th>{_label(k, lang)}</th>"
                       for k in ("rule", "status", "severity", "findings", "reason"))
        lines = [
            f"<tr><td><code>{escape(str(rule.get('id')))}</code></td>"
            f"<td>{escape(str(rule.get('status')))}</td>"
            f"<td>{escape(str(rule.get('severity')))}</td>"
            f"<td class='num'>{rule.get('findings', 0)}</td>"
            f"<td>{escape(str(rule.get('reason') or rule.get('disabled_reason') or ''))}</td></tr>"
            for rule in rules
        ]
        parts.append(f"<h2>{_label('rules', lang)}</h2><table id='rules'><thead><tr>{head}"
                     f"</tr></thead><tbody>{''.join(lines)}</tbody></table>")
    parts.append("</main>")
    return _page(f"{r['name']} · opencheck", "".join(parts), lang, script=False)


# -- CSV and JSON ----------------------------------------------------------------------

CSV_FIELDS = ["organisation", "name", "url", "platform", "status", "verdict", "score",
              "errors", "warnings", "findings", "failed_rules", "commit", "previous_score",
              "change", "reason", "page"]


def _flat(row: Row) -> dict[str, Any]:
    r = row.result
    return {
        "organisation": r["organisation"], "name": r["name"], "url": r["url"],
        "platform": r["platform"], "status": r["status"], "verdict": row.state,
        "score": r["score"], "errors": r["errors"], "warnings": r["warnings"],
        "findings": r["findings"], "failed_rules": r["failed_rules"],
        "commit": r["commit_id"],
        "previous_score": row.previous["score"] if row.previous else None,
        "change": row.change, "reason": r["reason"], "page": row.page,
    }


def to_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = _flat(row)
        flat["failed_rules"] = " ".join(flat["failed_rules"])
        writer.writerow({k: _cell(v) for k, v in flat.items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run as a formula (names come from forges)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_json(rows: list[Row], run: Run, previous_run: Run | None, gone: list[str]
            ) -> dict[str, Any]:
    return {
        "run": {"id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
                "profile": run.profile, "history": run.history,
                "opencheck_version": run.opencheck_version},
        "previous_run": previous_run.id if previous_run else None,
        "totals": {
            "repositories": len(rows),
            "ready": sum(r.state == "ready" for r in rows),
            "not_ready": sum(r.state == "not-ready" for r in rows),
            "failed": sum(r.state == "failed" for r in rows),
        },
        "changes": change_totals(rows, gone) if previous_run else None,
        "organisations": organisation_totals(rows),
        "rule_failures": [{"rule": rule, "repositories": n} for rule, n in rule_failures(rows)],
        "repositories": [_flat(row) for row in rows],
    }
