# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The batch dashboard: a self-contained `index.html` that puts the blocking problems
first, one page per repository (`repopage`), and the CSV and JSON (`exports`).

The HTML carries its style and script inline and a Content-Security-Policy that
forbids any other source, so the folder can be sent by mail or opened offline. The
tables are rendered on the server side (they read without script); the script only
sorts and filters. Charts are inline SVG. Reports are read from the store one at a
time, so memory does not grow with the portfolio's findings.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from opencheck.batch import census, exports, inventory, repopage
from opencheck.batch.digest import SEVERITIES, SEVERITY_RANK, worst
from opencheck.batch.htmlbase import (
    LABELS,
    Row,
    forge_link,
    label,
    page,
    severity_badge,
    sparkline,
    state_of,
)
from opencheck.batch.store import Run, Store

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
    var sev = el('f-sev').value;
    var min = parseFloat(el('f-min').value), max = parseFloat(el('f-max').value);
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var score = d.score === '' ? NaN : Number(d.score);
      var ok = (!q || d.name.indexOf(q) !== -1) &&
        (!org || d.org === org) && (!ready || d.ready === ready) &&
        (!rule || d.rules.split(' ').indexOf(rule) !== -1) &&
        (!sev || d.sevs.split(' ').indexOf(sev) !== -1) &&
        (isNaN(min) || score >= min) && (isNaN(max) || score <= max);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    el('shown').textContent = String(shown);
  }
  ['f-q', 'f-org', 'f-ready', 'f-rule', 'f-sev', 'f-min', 'f-max'].forEach(function (id) {
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


TREND_RUNS = 12  # runs shown in a trend line
CHART_RULES = 8  # bars per severity in the chart
EXAMPLES = 6  # repositories named per blocking problem
TABLE_ROWS = 2000  # repositories listed in the first page's table (all in the CSV/JSON)


def page_name(result: dict[str, Any]) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", result["name"]).strip("._")[:60] or "repo"
    digest = hashlib.sha1(result["target"].encode("utf-8")).hexdigest()[:8]
    return f"repos/{slug}-{digest}.html"


def build_rows(store: Store, run: Run, previous_run: Run | None, lang: str) -> list[Row]:
    before = {r["target"]: r for r in store.results(previous_run)} if previous_run else {}
    trends = store.trends(run, TREND_RUNS)
    rows: list[Row] = []
    for result in store.results(run):
        previous = before.get(result["target"])
        row = Row(result, page_name(result), state_of(result), previous,
                  trend=trends.get(result["target"], []))
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
    """Write index.html, repos/*.html (+ full findings as .json.gz), results.csv and
    results.json into `out`."""
    run = store.run(run.id) or run  # finished_at as stored now
    previous_run = store.previous_run(run)
    rows = build_rows(store, run, previous_run, lang)
    (out / "repos").mkdir(parents=True, exist_ok=True)
    for row in rows:
        report = store.report(row.result["report_id"])  # one at a time
        repopage.write(out, row, report, lang)
        del report
    gone = _gone(store, previous_run, rows)
    written = [out / "index.html", out / "results.csv", out / "results.json"]
    written[0].write_text(index_page(rows, run, previous_run, gone, lang,
                                     store.organisation_trends(TREND_RUNS)),
                          encoding="utf-8")
    exports.write_csv(written[1], rows)
    written.append(out / "census.csv")
    census.write_csv(written[-1], census.tally(store.dependency_rows(run)))
    unpublished = inventory.rank([(row.result, row.page) for row in rows])
    if unpublished:
        written.append(out / "inventory.csv")
        inventory.write_csv(written[-1], unpublished)
    written[2].write_text(
        json.dumps(exports.to_json(rows, run, previous_run, gone, blocking_problems(rows),
                                   change_totals(rows, gone) if previous_run else None,
                                   organisation_totals(rows), rule_failures(rows)),
                   ensure_ascii=False, indent=1) + "\n",
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
            "blocking": sum(bool(r.result["blocking_rules"]) for r in members),
            "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        })
    return totals


def rule_failures(rows: list[Row]) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for row in rows:
        counter.update(set(row.result["failed_rules"]))
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _severities(rows: list[Row]) -> dict[str, str]:
    """Each failing rule's severity as the reports give it (the highest if profiles
    differ between repositories)."""
    found: dict[str, str] = {}
    for row in rows:
        for rule, severity in row.result["rule_severities"].items():
            if SEVERITY_RANK.get(severity, 0) > SEVERITY_RANK.get(found.get(rule, ""), 0):
                found[rule] = severity
    return found


def blocking_problems(rows: list[Row]) -> list[dict[str, Any]]:
    """Blocking rule x repositories failing it, most widespread first."""
    by_rule: dict[str, list[Row]] = {}
    for row in rows:
        for rule in row.result["blocking_rules"]:
            by_rule.setdefault(rule, []).append(row)
    severities = _severities(rows)
    problems = [{"rule": rule, "severity": severities.get(rule, "error"),
                 "repositories": len(members),
                 "names": sorted(r.result["name"] for r in members)}
                for rule, members in by_rule.items()]
    return sorted(problems, key=lambda p: (-SEVERITY_RANK.get(p["severity"], 0),
                                           -p["repositories"], p["rule"]))


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


def _run_line(run: Run, previous_run: Run | None, lang: str) -> str:
    when = escape(run.finished_at or run.started_at)
    compared = (f"{label('previous', lang)} {previous_run.id}" if previous_run
                else label("no_previous", lang))
    return (f"{label('run', lang)} {run.id} · {when} · {label('profile', lang)} "
            f"{escape(run.profile)} · opencheck {escape(run.opencheck_version)} · {compared}"
            f' · {label("downloads", lang)} : <a href="results.csv" id="csv-link">CSV</a>, '
            '<a href="results.json" id="json-link">JSON</a>, '
            f'<a href="census.csv" id="census-link">{label("census", lang)}</a>')


def _inventory_link(rows: list[Row], lang: str) -> str:
    if not any(row.result.get("visibility", "public") != "public" for row in rows):
        return ""
    return f' · <a href="inventory.csv" id="inventory-link">{label("inventory", lang)}</a>'


def _mean(values: list[Any]) -> str:
    known = [v for v in values if v is not None]
    return f"{sum(known) / len(known):.0f}" if known else "–"


def index_page(rows: list[Row], run: Run, previous_run: Run | None, gone: list[str],
               lang: str, org_trends: dict[str, list[dict[str, Any]]] | None = None) -> str:
    cards = [("repos", str(len(rows))),
             ("ready", str(sum(r.state == "ready" for r in rows))),
             ("not_ready", str(sum(r.state == "not-ready" for r in rows))),
             ("incomplete", str(sum(r.state == "incomplete" for r in rows))),
             ("blocking_short", str(sum(bool(r.result["blocking_rules"]) for r in rows))),
             ("failed", str(sum(r.state == "failed" for r in rows))),
             ("mean", _mean([r.result["score"] for r in rows])),
             ("codegouvfr", _mean([r.result["codegouvfr_score"] for r in rows]))]
    parts = [f"<header><h1>{label('title', lang)}</h1>"
             f"<div>{_run_line(run, previous_run, lang)}{_inventory_link(rows, lang)}</div>"
             "</header><main>"]
    parts.append('<section class="cards" id="totals">' + "".join(
        f'<div class="card" id="total-{key}">{label(key, lang)}<b>{value}</b></div>'
        for key, value in cards) + "</section>")
    parts.append(_blocking_table(blocking_problems(rows), rows, lang))
    if previous_run is not None:
        changes = change_totals(rows, gone)
        parts.append(f"<h2>{label('changes', lang)}</h2><section class='cards' id='changes'>"
                     + "".join(f'<div class="card">{label(k, lang)}<b>{v}</b></div>'
                               for k, v in changes.items()) + "</section>")
        if gone:
            parts.append("<p>" + label("removed", lang) + " : "
                         + ", ".join(escape(n) for n in gone) + "</p>")
    severities = _severities(rows)
    failures = rule_failures(rows)
    parts.append(f"<h2>{label('by_severity', lang)}</h2>"
                 f"{rules_chart(failures, severities, lang)}")
    parts.append(_organisations_table(organisation_totals(rows), org_trends or {}, lang))
    shown = table_rows(rows)
    parts.append(_filters(shown, failures, lang))
    if len(shown) < len(rows):
        parts.append(f'<p id="table-cut">{len(rows) - len(shown)} '
                     f'{label("table_cut", lang)} <a href="results.csv">results.csv</a>, '
                     '<a href="results.json">results.json</a></p>')
    parts.append(_repositories_table(shown, severities, lang))
    parts.append("</main>")
    return page(LABELS["title"].get(lang), "".join(parts), lang, script=SCRIPT)


def table_rows(rows: list[Row]) -> list[Row]:
    """The rows of the repositories table: all of them up to `TABLE_ROWS`; beyond, the
    ones to act on first (failed audits, then the most blocking problems, then the
    lowest scores), so the page stays small on a portfolio of 20,000 repositories. The
    totals, the blocking-problems and organisation tables count every repository."""
    if len(rows) <= TABLE_ROWS:
        return rows

    def urgency(row: Row) -> tuple[int, int, float, str]:
        score = row.result["score"]
        return (row.state != "failed", -len(row.result["blocking_rules"]),
                score if score is not None else -1.0, row.result["name"])
    return sorted(rows, key=urgency)[:TABLE_ROWS]


def _blocking_table(problems: list[dict[str, Any]], rows: list[Row], lang: str) -> str:
    title = f"<h2 id='blocking-title'>{label('blocking', lang)}</h2>"
    if not problems:
        return title + f'<p id="blocking">{label("blocking_none", lang)}</p>'
    pages = {row.result["name"]: row.page for row in rows}
    head = "".join(f"<th{cls}>{label(k, lang)}</th>" for k, cls in (
        ("rule", ""), ("severity", ""), ("repos", ' class="num"'), ("examples", "")))
    body = []
    for problem in problems:
        rule = escape(problem["rule"])
        names = problem["names"]
        shown = ", ".join(f'<a href="{pages[n]}">{escape(n)}</a>' for n in names[:EXAMPLES])
        if len(names) > EXAMPLES:
            shown += f" … +{len(names) - EXAMPLES}"
        body.append(
            f'<tr data-rule="{rule}"><td><a href="#repos" data-filter="f-rule" '
            f'data-value="{rule}"><code>{rule}</code></a></td>'
            f"<td>{severity_badge(problem['severity'], lang)}</td>"
            f'<td class="num">{problem["repositories"]}</td><td>{shown}</td></tr>')
    return (title + f'<table id="blocking"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def rules_chart(failures: list[tuple[str, int]], severities: dict[str, str],
                lang: str) -> str:
    """Bars of the most failed rules, in one group per severity, blocking ones first."""
    if not failures:
        return f"<p>{label('none', lang)}</p>"
    groups = [(severity, [(rule, n) for rule, n in failures
                          if severities.get(rule, "info") == severity][:CHART_RULES])
              for severity in SEVERITIES]
    groups = [(severity, items) for severity, items in groups if items]
    bar_height, gap, label_width, width = 18, 5, 260, 760
    top = max(count for _, count in failures)
    items, y = [], gap
    for severity, members in groups:
        items.append(f'<text class="group" x="4" y="{y + 13}">'
                     f"{escape(LABELS['sev_' + severity].get(lang))}</text>")
        y += bar_height + gap
        for rule, count in members:
            length = max(2, round((width - label_width - 60) * count / top))
            items.append(
                f'<g class="clickable" data-filter="f-rule" data-value="{escape(rule)}" '
                f'data-severity="{severity}">'
                f"<title>{escape(rule)}: {count} {label('repos_in_chart', lang)}</title>"
                f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">'
                f"{escape(rule)}</text>"
                f'<rect class="bar bar-{severity}" x="{label_width}" y="{y}" '
                f'width="{length}" height="{bar_height}" rx="2"></rect>'
                f'<text x="{label_width + length + 6}" y="{y + 13}">{count}</text></g>')
            y += bar_height + gap
    return (f'<svg class="chart" id="rules-chart" role="img" width="{width}" '
            f'height="{y}" viewBox="0 0 {width} {y}" '
            f'xmlns="http://www.w3.org/2000/svg" aria-label="{label("by_severity", lang)}">'
            + "".join(items) + "</svg>")


def _organisations_table(totals: list[dict[str, Any]],
                         trends: dict[str, list[dict[str, Any]]], lang: str) -> str:
    head = "".join(f"<th{cls}>{label(k, lang)}</th>" for k, cls in (
        ("organisation", ""), ("repos", ' class="num"'), ("ready", ' class="num"'),
        ("not_ready", ' class="num"'), ("blocking_short", ' class="num"'),
        ("failed", ' class="num"'), ("mean", ' class="num"'), ("trend", "")))
    body = []
    for total in totals:
        name = escape(total["organisation"])
        mean = "–" if total["mean_score"] is None else f"{total['mean_score']:.0f}"
        line = sparkline([p["mean_score"] for p in trends.get(total["organisation"], [])])
        body.append(
            f'<tr><td><a href="#repos" data-filter="f-org" data-value="{name}">{name}</a></td>'
            f'<td class="num">{total["repositories"]}</td><td class="num">{total["ready"]}</td>'
            f'<td class="num">{total["not_ready"]}</td><td class="num">{total["blocking"]}</td>'
            f'<td class="num">{total["failed"]}</td>'
            f'<td class="num">{mean}</td><td>{line}</td></tr>'
        )
    return (f"<h2>{label('organisations', lang)}</h2><table id='organisations'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _options(values: list[tuple[str, str]], lang: str) -> str:
    return f'<option value="">{label("all", lang)}</option>' + "".join(
        f'<option value="{escape(v)}">{escape(text)}</option>' for v, text in values)


def _filters(rows: list[Row], failures: list[tuple[str, int]], lang: str) -> str:
    orgs = sorted({r.result["organisation"] for r in rows}, key=str.lower)
    states = [(s, LABELS[f"state_{s}"].get(lang))
              for s in ("ready", "not-ready", "incomplete", "failed")]
    severities = [(s, LABELS[f"sev_{s}"].get(lang)) for s in SEVERITIES]
    rules = sorted(rule for rule, _ in failures)
    return (
        '<section class="filters" id="filters">'
        f'<label>{label("search", lang)}<input id="f-q" type="search"></label>'
        f'<label>{label("organisation", lang)}<select id="f-org">'
        f"{_options([(o, o) for o in orgs], lang)}</select></label>"
        f'<label>{label("verdict", lang)}<select id="f-ready">{_options(states, lang)}'
        "</select></label>"
        f'<label>{label("severity", lang)}<select id="f-sev">{_options(severities, lang)}'
        "</select></label>"
        f'<label>{label("min", lang)}<input id="f-min" type="number" min="0" max="100">'
        "</label>"
        f'<label>{label("max", lang)}<input id="f-max" type="number" min="0" max="100">'
        "</label>"
        f'<label>{label("failing", lang)}<select id="f-rule">'
        f"{_options([(r, r) for r in rules], lang)}</select></label>"
        f'<span><b id="shown">{len(rows)}</b> {label("shown", lang)}</span></section>'
    )


def failing_cell(result: dict[str, Any], lang: str, limit: int = 4) -> str:
    """Blocking rules first, with their severity, then how many others fail."""
    severities: dict[str, str] = result["rule_severities"]
    ordered = sorted(severities, key=lambda r: (-SEVERITY_RANK.get(severities[r], 0), r))
    blocking = [r for r in ordered if r in set(result["blocking_rules"])]
    shown = blocking[:limit] if blocking else []
    parts = [f"{severity_badge(severities.get(rule, 'error'), lang)}<code>{escape(rule)}</code>"
             for rule in shown]
    rest = len(ordered) - len(shown)
    if rest:
        parts.append(f'<span class="muted">+{rest} {label("others", lang)}</span>')
    return "<br>".join(parts)


def _num(value: Any) -> tuple[str, str]:
    return ("", "–") if value is None else (str(value), str(value))


def _set_aside(result: dict[str, Any], lang: str) -> str:
    """The settings of the repository's configuration the auditor's policy set aside:
    counted in its verdict's cell, named in the cell's title."""
    items = result.get("policy_overrides") or []
    if not items:
        return ""
    said = f"{len(items)} {LABELS['policy_set_aside'].get(lang)}"
    return (f' <small class="muted policy" title="{escape("; ".join(items))}">'
            f"({escape(said)})</small>")


def _repositories_table(rows: list[Row], severities: dict[str, str], lang: str) -> str:
    columns = [("repository", "text"), ("organisation", "text"), ("verdict", "text"),
               ("blocking_short", "num"), ("score", "num"), ("codegouvfr", "num"),
               ("awesome", "num"), ("standard", "num"), ("errors", "num"),
               ("warnings", "num"), ("change", "num"), ("trend", "none"), ("commit", "text")]
    head = "".join(
        f'<th class="{"sortable" if kind != "none" else ""}'
        f'{" num" if kind == "num" and key != "blocking_short" else ""}" '
        f'data-type="{kind}" data-key="{key if key != "blocking_short" else "failing"}">'
        f"{label(key, lang)}</th>" for key, kind in columns)
    body = []
    for row in rows:
        r = row.result
        rules = r["failed_rules"]
        score = "" if r["score"] is None else str(r["score"])
        verdict = LABELS[f"state_{row.state}"].get(lang)
        why = r["reason"] if row.state == "failed" else r.get("verdict_reason")
        title = f' title="{escape(why)}"' if why else ""
        delta = "" if row.delta is None else f"{row.delta:g}"
        change_class = " up" if (row.delta or 0) > 0 else " down" if (row.delta or 0) < 0 else ""
        commit = (r["commit_id"] or "")[:10]
        forge = forge_link(r["url"])
        forge_a = (f' <a class="muted" href="{escape(forge)}" rel="noreferrer">'
                   f'{label("forge", lang)}</a>' if forge else "")
        sevs = sorted({severities.get(rule, "info") for rule in rules})
        cgf_v, cgf = _num(r["codegouvfr_score"])
        awesome_v, awesome = _num(r["awesome_score"])
        if r["awesome_score"] is not None:
            awesome = f"{r['awesome_score']}/{r['awesome_out_of']} · {r['awesome_badge'] or '–'}"
        std_v, std = _num(r["standard_met"])
        if r["standard_met"] is not None:
            std = f"{r['standard_met']}/{r['standard_out_of']}"
        errors_v, errors = _num(r["errors"])
        warnings_v, warnings = _num(r["warnings"])
        spark = sparkline([p["score"] for p in row.trend])
        body.append(
            f'<tr data-name="{escape(r["name"].lower())}" data-org="{escape(r["organisation"])}"'
            f' data-ready="{row.state}" data-score="{score}"'
            f' data-rules="{escape(" ".join(rules))}" data-sevs="{" ".join(sevs)}"'
            f' data-worst="{worst(r)}">'
            f'<td data-v="{escape(r["name"].lower())}"><a href="{row.page}">{escape(r["name"])}'
            f"</a>{forge_a}</td>"
            f'<td data-v="{escape(r["organisation"].lower())}">{escape(r["organisation"])}</td>'
            f'<td data-v="{row.state}" class="verdict {row.state}"{title}>{escape(verdict)}'
            f"{_set_aside(r, lang)}</td>"
            f'<td data-v="{len(r["blocking_rules"])}" class="blockers">'
            f"{failing_cell(r, lang)}</td>"
            f'<td class="num" data-v="{score}">{score or "–"}</td>'
            f'<td class="num" data-v="{cgf_v}">{escape(cgf)}</td>'
            f'<td class="num" data-v="{awesome_v}">{escape(awesome)}</td>'
            f'<td class="num" data-v="{std_v}">{escape(std)}</td>'
            f'<td class="num" data-v="{errors_v}">{errors}</td>'
            f'<td class="num" data-v="{warnings_v}">{warnings}</td>'
            f'<td class="num{change_class}" data-v="{delta}">{escape(row.change)}</td>'
            f"<td>{spark}</td>"
            f'<td data-v="{escape(commit)}"><code>{escape(commit)}</code></td></tr>'
        )
    return (f'<table id="repos"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")
