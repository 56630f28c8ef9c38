# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Markdown for merge-request comments and CI job summaries."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import groupby

from opencheck import actions as plan
from opencheck.i18n import colon, label
from opencheck.model import Finding, Report, Status, Verdict
from opencheck.report.sanitize import printable
from opencheck.report.summary import (
    FixRow,
    by_folder,
    family_title,
    fix_rows,
    per_family,
    profile_notes,
    rule_of,
    unread_notes,
    verdict_label,
    verdict_reason,
)
from opencheck.scoring import heaviest_first

PER_RULE_LIMIT = 10
VERDICT_ICONS = {Verdict.READY: "✅", Verdict.NOT_READY: "❌", Verdict.INCOMPLETE: "❔"}
ICONS = {"error": "🛑", "warning": "⚠️", "info": "ℹ️"}


# A code span as CommonMark reads it: a run of backticks closed by the next run of the
# same length. Found from the runs themselves (`_code_spans`), not by a pattern searched
# from each opener to the end: backtick runs of ever longer lengths, none closed (a
# commit author's name of 125 KB), made one cell take 38 s, and grew as n**1.4.
_BACKTICKS = re.compile(r"`+")


# What opens inline syntax in text: a link or an image (`[`, `]`), emphasis (`*`, `_`,
# `~`), a code span (a backtick no span of ours closes), and the backslash, which would
# make the next backtick plain and the "code span" after it HTML.
_INLINE = "\\`*_[]~"
# In an address forges link as it shows, up to the next blank, a backslash would be
# part of the link (`data\_pass`): there only what could open a link or code is
# escaped, and a backtick opens no code span.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S*")
_IN_ADDRESS = "\\`[]"


# Each character escaped once, by one table (C): a pattern's substitution per
# character cost a second for a 5 MB cell of backticks.
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE_TABLE = str.maketrans({**{char: "\\" + char for char in _INLINE}, **_HTML})
_IN_ADDRESS_TABLE = str.maketrans({**{char: "\\" + char for char in _IN_ADDRESS}, **_HTML})


def _html_escaped(value: str) -> str:
    """Text outside code spans: shown as written, whatever Markdown or HTML it holds."""
    parts: list[str] = []
    last = 0
    for address in _ADDRESS.finditer(value):
        parts += [value[last:address.start()].translate(_INLINE_TABLE),
                  address.group().translate(_IN_ADDRESS_TABLE)]
        last = address.end()
    parts.append(value[last:].translate(_INLINE_TABLE))
    return "".join(parts)


def plain(value: str) -> str:
    """One line of text from the repository (a name, an address) shown by Markdown as
    written, in any Markdown opencheck writes: no link, image, emphasis or HTML of
    its own; an address stays one, linked by forges as it shows."""
    return _html_escaped(value)


def sentence(value: str) -> str:
    """A sentence of opencheck's that quotes values (a note naming the base ref):
    its code spans kept, the rest shown as text, as in a table cell."""
    return _cell(value)


def _cell(value: str) -> str:
    """A table cell: `<placeholder>` and file names must show, not be read as HTML.

    Forges drop unknown tags (the `<copyright holder>` of a hint vanished) and a file
    name holding `<!--` would hide the rest of the comment. Code spans show `<` as is.
    A repository's values (file names, commit authors) are not code spans: their link,
    image or emphasis syntax is escaped, so the report shows no link opencheck did not
    write.
    """
    value = printable(value).replace("\n", " ")
    # a backtick right after an address is part of the link forges make of it: no
    # code span opens there (its `<img>` would be HTML)
    linked = [address.span() for address in _ADDRESS.finditer(value)]
    parts: list[str] = []
    last = 0
    for opener, end in _code_spans(value, linked):
        parts += [_html_escaped(value[last:opener]), value[opener:end]]
        last = end
    parts.append(_html_escaped(value[last:]))
    return "".join(parts).replace("|", "\\|")


def _code_spans(value: str, linked: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Where the code spans of `value` start and end, left to right: a run of backticks
    opens one when a later run has its length (the first such closes it), unless it
    stands inside an address of `linked` (in order, apart). One pass over the runs."""
    runs = [match.span() for match in _BACKTICKS.finditer(value)]
    closing: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}  # a length -> the index of the next run of it
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        closing[index] = seen.get(length)
        seen[length] = index
    starts = [begin for begin, _ in linked]
    index = 0
    while index < len(runs):
        opener, closer = runs[index][0], closing[index]
        within = bisect.bisect_left(starts, opener) - 1
        if closer is None or (within >= 0 and opener < linked[within][1]):
            index += 1
            continue
        yield opener, runs[closer][1]
        index = closer + 1


def _code(value: str) -> str:
    """`value` as a code span, whatever backticks it holds."""
    value = printable(value).replace("\n", " ").replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


# A row's fix cell when the row above, of the same rule, has the same fix.
SAME_FIX = {"fr": "↑ idem", "en": "↑ same"}
# A row of a table: its rule and fix (None for a row of counts) and its other cells.
Row = tuple[str | None, str, str]


def _row(finding: Finding, lang: str) -> Row:
    severity = finding.severity.value if finding.severity else "info"
    line = f":{finding.line}" if finding.line else ""
    where = _code(f"{finding.path}{line}") if finding.path else ""
    fix = finding.fix.get(lang) if finding.fix else ""
    return (finding.rule, fix, f"| {ICONS[severity]} {severity} | {_rule_cell(finding)} | "
            f"{where} | {_cell(finding.message.get(lang))} | ")


def _rows(rows: list[Row], lang: str) -> list[str]:
    """The rows with their fix cell; a fix the row above (same rule) gave is not
    repeated: ten vendored folders with one fix made the comment pass forges' limits."""
    out: list[str] = []
    above: tuple[str | None, str] | None = None
    for rule, fix, cells in rows:
        if rule is None:
            out.append(cells)
            continue
        same = bool(fix) and above == (rule, fix)
        out.append(f"{cells}{SAME_FIX[lang] if same else _cell(fix)} |")
        above = (rule, fix)
    return out


def _table(findings: list[Finding], lang: str) -> list[str]:
    header = {
        "fr": "| Sévérité | Règle | Emplacement | Constat | Correction |",
        "en": "| Severity | Rule | Location | Finding | Fix |",
    }[lang]
    return [header, "|---|---|---|---|---|", *_rows([_row(f, lang) for f in findings], lang)]


def _grouped_table(findings: list[Finding], lang: str) -> list[str]:
    """Like `_table`, but a rule with more than PER_RULE_LIMIT per-file findings gets
    one row per folder with its count, so that the comment stays readable (and under
    the forges' size limits) on a repository with one finding per file."""
    rows: list[Row] = []
    for rule, group in groupby(sorted(findings, key=_rule_order), key=lambda f: f.rule):
        items = list(group)
        placed = [f for f in items if f.path]
        if len(items) <= PER_RULE_LIMIT or not placed:
            rows += [_row(f, lang) for f in items]
            continue
        rows += [_row(f, lang) for f in items if not f.path]
        folders = by_folder(placed, PER_RULE_LIMIT)
        for folder in folders[:PER_RULE_LIMIT]:
            rows += [_folder_row(rule, part, lang) for part in fix_rows(folder)]
        rest = folders[PER_RULE_LIMIT:]
        if rest:
            more = label("more_folders", lang, folders=len(rest),
                         n=sum(len(g.findings) for g in rest))
            rows.append((None, "", f"… {_cell(more)}"))
    return _table([], lang) + _rows(rows, lang)


def _rule_order(finding: Finding) -> tuple[int, tuple[int, str], str]:
    return (-(finding.severity.rank if finding.severity else 0),
            heaviest_first(finding.family), finding.rule)


def _folder_row(rule: str, folder: FixRow, lang: str) -> Row:
    """A folder's findings that one fix stands for (`fix_rows`)."""
    first = folder.findings[0]
    severity = first.severity.value if first.severity else "info"
    where = f"{_code(folder.folder or './')} ×{len(folder.findings)}"
    example = label("for_example", lang, path=first.path or "")
    fix = label("fixes_differ", lang) if folder.mixed else first.fix.get(lang) if first.fix else ""
    return (rule, fix, f"| {ICONS[severity]} {severity} | {_rule_cell(first)} | {where} | "
            f"{_cell(first.message.get(lang))} ({_cell(example)}) | ")


def _actions(blocking: list[Finding], lang: str, every: bool) -> list[str]:
    """Many blocking findings as a table of numbered actions, then each kind's fix
    once; with `every`, every finding in a folded block (the comment stays short)."""
    actions = plan.plan(blocking)
    lines = [f"### {label('blocking', lang)} ({len(blocking)}){colon(lang)} "
             f"{label('actions', lang, n=len(actions))}", "",
             "| # | | " + " | ".join(ACTION_COLUMNS[lang]) + " |", "|---|---|---|---|---|"]
    fixes: list[str] = []
    for kind in plan.by_kind(actions):
        lines += [_action_row(number, action, lang) for number, action in kind.numbered]
        if kind.fix:
            fixes.append(f"**{label('fix', lang).capitalize()} ({kind.span})**{colon(lang)} "
                         f"{_cell(kind.fix.get(lang))}")
    lines += ["", *(f"{fix}\n" for fix in fixes)]
    if not every:
        return [*lines, _cell(label("all_blocking", lang))]
    summary = _html_escaped(f"{label('every_blocking', lang)} ({len(blocking)})")
    return [*lines, f"<details><summary>{summary}</summary>", "", *_table(blocking, lang),
            "", "</details>"]


ACTION_COLUMNS = {"fr": ("Où", "Quoi", "Surtout dans"), "en": ("Where", "What", "Mostly in")}


def _action_row(number: int, action: plan.Action, lang: str) -> str:
    first = action.findings[0]
    icon = ICONS[first.severity.value if first.severity else "info"]
    if not action.secret and len(action.findings) == 1:
        line = f":{first.line}" if first.line else ""
        where = _code(f"{first.path}{line}") if first.path else ""
        return (f"| {number} | {icon} | {where} | {_rule_cell(first)}{colon(lang)} "
                f"{_cell(first.message.get(lang))} | |")
    if action.folder is None:
        where = _cell(plan.word("elsewhere", lang))
    else:
        where = _code(action.folder) if action.folder else ""
    what = _cell(plan.what(action, lang))
    if not action.secret:
        example = label("for_example", lang, path=first.path or "")
        what = (f"{_rule_cell(first)} {_cell(plan.what(action, lang, named=False))}"
                f"{colon(lang)} {_cell(first.message.get(lang))} ({_cell(example)})")
    folders = action.largest_folders()
    more = ", …" if plan.more_folders(action, len(folders)) else ""
    largest = ", ".join(f"{_code(folder or './')} ({count})" for folder, count in folders)
    return f"| {number} | {icon} | {where} | {what} | {largest}{more} |"


def _rule_cell(finding: Finding) -> str:
    rule = rule_of(finding)
    return f"[{finding.rule}]({rule.reference})" if rule else finding.rule


def render(report: Report, lang: str, every: bool = False) -> str:
    """The Markdown report; many blocking findings as actions and many per-file findings
    of a rule counted by folder, unless `every` (--all)."""
    verdict = verdict_label(report, lang)
    icon = VERDICT_ICONS[report.verdict]
    lines = [
        f"## {icon} opencheck: {verdict}",
        "",
        _cell(verdict_reason(report, lang)),
        "",
        *(f"> {_cell(note)}\n" for note in unread_notes(report, lang)
          + profile_notes(report, lang)),
        f"**{label('score', lang)}: {report.score}/100** · {label('profile', lang)} "
        f"`{report.profile}` · opencheck {report.opencheck_version}",
    ]
    if report.score_detail:
        lines.append(f"<sub>{_cell(report.score_detail.explanation().get(lang))}</sub>")
    blocking = report.blocking
    if blocking and plan.should_fold(blocking):
        lines += ["", *_actions(blocking, lang, every)]
    elif blocking:
        lines += ["", f"### {label('blocking', lang)} ({len(blocking)})", ""]
        lines += _table(blocking, lang)
    others = report.to_improve
    if others:
        lines += ["", f"### {label('improve', lang)} ({len(others)})", ""]
        lines += _table(others, lang) if every else _grouped_table(others, lang)
    if not report.findings:
        lines += ["", label("no_findings", lang)]
    lines += ["", f"### {label('summary', lang)}", ""]
    statuses = [s for s in Status]
    lines.append("| | " + " | ".join(label(s.value, lang) for s in statuses) + " |")
    lines.append("|---|" + "---|" * len(statuses))
    for family, counts in per_family(report).items():
        cells = " | ".join(str(counts[s.value]) for s in statuses)
        lines.append(f"| {family_title(family, lang)} | {cells} |")
    return "\n".join(lines) + "\n"
