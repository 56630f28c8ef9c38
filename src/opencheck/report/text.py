# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The terminal report: verdict first, blocking problems next, then the rest by family."""

from __future__ import annotations

from itertools import groupby

from opencheck import actions as plan
from opencheck.i18n import colon, label
from opencheck.model import Finding, Report, Severity, Status, Text, Verdict
from opencheck.report.sanitize import printable
from opencheck.report.summary import (
    FixRow,
    by_folder,
    family_title,
    fix_kind,
    fix_rows,
    per_family,
    scope_notes,
    verdict_label,
    verdict_reason,
)
from opencheck.scoring import heaviest_first

PER_RULE_LIMIT = 10
MARKS = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}
VERDICT_COLOURS = {Verdict.READY: "32", Verdict.NOT_READY: "31;1", Verdict.INCOMPLETE: "33;1"}
COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def render(report: Report, lang: str, colour: bool = False, every: bool = False) -> str:
    """The report; many blocking findings shown as a few actions and many per-file
    findings of a rule counted by folder, unless `every` (--all) lists each one."""
    def paint(code: str, value: str) -> str:
        return f"\033[{code}m{value}\033[0m" if colour else value

    lines: list[str] = []
    commit = report.metadata.get("commit")
    head = (
        f"opencheck {report.opencheck_version} · {printable(str(report.root), one_line=True)} · "
        f"{label('profile', lang)} {report.profile}"
    )
    if commit:
        head += f" · {label('commit', lang)} {str(commit)[:12]}"
    lines.append(head)
    verdict = verdict_label(report, lang)
    lines.append(
        f"{label('verdict', lang)}: {paint(VERDICT_COLOURS[report.verdict], verdict)}"
        f" · {label('score', lang)}: {report.score}/100"
        f" · {label('findings_count', lang, n=len(report.findings))}"
    )
    lines.append(printable(verdict_reason(report, lang), one_line=True))
    lines += _policy_lines(report, lang)
    # The per-family summary below counts the whole repository: say what is hidden.
    lines += [printable(note.replace("`", "'"), one_line=True)
              for note in scope_notes(report, lang)]
    blocking = report.blocking
    if blocking and plan.should_fold(blocking):
        lines += _actions_lines(blocking, lang, paint, every)
    elif blocking:
        lines += ["", paint("1", label("blocking", lang) + f" ({len(blocking)})")]
        lines += _blocking_lines(blocking, lang, paint)
    others = report.to_improve
    if others:
        lines += ["", paint("1", label("improve", lang) + f" ({len(others)})")]
        # Families that weigh most in the score first: licence, secrets, REUSE before
        # the changelog or the roadmap.
        ordered = sorted(others, key=lambda f: heaviest_first(f.family))
        for family, group in groupby(ordered, lambda f: f.family):
            lines.append(f"  {family_title(family, lang)}")
            items = list(group)
            lines += (_each_lines(items, lang, paint, "  ") if every
                      else _grouped_lines(items, lang, paint, indent="  "))
    if not report.findings:
        lines += ["", label("no_findings", lang)]
    lines += ["", paint("1", label("summary", lang))]
    for family, counts in per_family(report).items():
        parts = [
            f"{counts[s.value]} {label(s.value, lang)}" for s in Status if counts[s.value]
        ]
        lines.append(f"  {family_title(family, lang):<34} {', '.join(parts)}")
    not_applied: dict[tuple[str, str], list[str]] = {}
    for result in report.rules:
        if result.status not in (Status.SKIPPED, Status.ERROR):
            continue
        if result.disabled_reason:
            why = f"{label('disabled', lang)}: {result.disabled_reason}"
        else:
            why = result.reason.get(lang) if result.reason else ""
        not_applied.setdefault((result.status.value, why), []).append(result.rule)
    if not_applied:
        lines += ["", paint("1", label("skipped_rules", lang))]
        for (status, why), rules in not_applied.items():
            shown = label(f"rule_{status}", lang)
            # a reason comes from the configuration: one line, whatever it holds
            lines.append(f"  {', '.join(rules)} [{shown}]: {printable(why, one_line=True)}")
    if report.score_detail:
        lines += ["", f"{label('scores', lang)} · opencheck {report.score}/100: "
                  f"{report.score_detail.explanation().get(lang)}"]
    if report.scores:
        # A score whose family did not run (`--rule secret-*`) has nothing to say.
        extra = {k: v for k, v in report.scores.items()
                 if k != "opencheck" and not (isinstance(v, dict) and v.get("ran") is False)}
        for name, value in extra.items():
            lines.append(f"{label('scores', lang)} · {name}: {_score_line(value, lang)}")
    return "\n".join(lines) + "\n"


def _policy_lines(report: Report, lang: str) -> list[str]:
    """Which configuration judged the run, when it is not simply the work tree's."""
    origin = report.metadata.get("config_origin")
    if not origin or origin == "work tree":
        return []
    source = report.metadata.get("config") or Text("aucune", "none").get(lang)
    pinned = str(origin).startswith("--config")
    lines = [Text(f"Configuration : {source}", f"Configuration: {source}").get(lang) if pinned
             else Text(f"Configuration : {source} (de {origin})",
                       f"Configuration: {source} (from {origin})").get(lang)]
    ignored = report.metadata.get("config_not_applied")
    if ignored and pinned:
        lines.append(Text(
            f"{ignored} du dépôt n'est pas appliqué : la politique vient de --config",
            f"the repository's {ignored} is not applied: the policy comes from --config",
        ).get(lang))
    elif ignored:
        lines.append(Text(
            f"{ignored} de la modification n'est pas appliqué : la politique vient de la base",
            f"the change's {ignored} is not applied: the policy comes from the base",
        ).get(lang))
    return [printable(line, one_line=True) for line in lines]


def _score_line(value: object, lang: str) -> str:
    if isinstance(value, dict):
        summary = value.get("summary")
        if isinstance(summary, dict) and lang in summary:
            return str(summary[lang])
        if summary is not None:
            return str(summary)
        return ", ".join(f"{k}={v}" for k, v in value.items() if not isinstance(v, (dict, list)))
    return str(value)


def _actions_lines(blocking: list[Finding], lang: str, paint, every: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """Many blocking findings as numbered actions, the fix once per kind of action;
    with `every`, each finding follows."""
    actions = plan.plan(blocking)
    lines = ["", paint("1", f"{label('blocking', lang)} ({len(blocking)}){colon(lang)} "
                       + label("actions", lang, n=len(actions)))]
    for kind in plan.by_kind(actions):
        for number, action in kind.numbered:
            lines += _action_lines(number, action, lang, paint)
        if kind.fix:
            lines.append(f"      → {label('fix', lang)} ({kind.span}){colon(lang)} "
                         f"{printable(kind.fix.get(lang), one_line=True)}")
    if not every:
        lines.append("  " + label("all_blocking", lang))
        return lines
    lines += ["", paint("1", label("every_blocking", lang) + f" ({len(blocking)})")]
    return lines + _blocking_lines(blocking, lang, paint)


def _action_lines(number: int, action: plan.Action, lang: str, paint) -> list[str]:  # type: ignore[no-untyped-def]
    first = action.findings[0]
    severity = first.severity or Severity.INFO
    mark = f"  {number}. {paint(COLOURS[severity], MARKS[severity])} "
    if not action.secret and len(action.findings) == 1:
        return [mark + _finding_head(first, lang)]
    if action.folder is None:
        where = plan.word("elsewhere", lang) + colon(lang) + " "
    elif action.folder:
        where = printable(action.folder, one_line=True) + colon(lang) + " "
    else:
        where = ""
    lines = [mark + where + plan.what(action, lang)]
    folders = action.largest_folders()
    if action.folder is None or action.folders > 1:
        shown = ", ".join(f"{printable(folder or './', one_line=True)} ({count})"
                          for folder, count in folders)
        more = ", …" if plan.more_folders(action, len(folders)) else ""
        word = plan.word("gathered" if action.folder is None else "largest", lang)
        lines.append(f"       {word}{colon(lang)} {shown}{more}")
    elif action.secret:
        files, more_files = action.files()
        shown = ", ".join(printable(path, one_line=True) for path in files)
        lines.append("       " + label("for_example", lang, path=shown)
                     + (", …" if more_files else ""))
    if not action.secret:
        lines.append("       " + label("for_example", lang, path=_where(first)) + colon(lang)
                     + " " + printable(first.message.get(lang), one_line=True))
    return lines


def _where(finding: Finding) -> str:
    where = printable(finding.path or "", one_line=True)
    return f"{where}:{finding.line}" if where and finding.line else where


def _blocking_lines(findings: list[Finding], lang: str, paint) -> list[str]:  # type: ignore[no-untyped-def]
    """Every blocking finding, never cut: they are what must be fixed."""
    return _each_lines(findings, lang, paint)


def _each_lines(findings: list[Finding], lang: str, paint, indent: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Each finding on its line; a fix that the previous finding of the same rule
    already showed is not repeated (ten vendored folders, one fix)."""
    lines: list[str] = []
    for _, group in groupby(findings, lambda f: f.rule):
        shown: str | None = None
        for finding in group:
            fix = finding.fix.get(lang) if finding.fix else None
            lines += _finding_lines(finding, lang, paint, indent, with_fix=fix != shown)
            shown = fix
    return lines


def _grouped_lines(findings: list[Finding], lang: str, paint, indent: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Up to PER_RULE_LIMIT findings of a rule one by one; past that, its per-file
    findings counted by folder (a repository without REUSE headers has one finding per
    file). The JSON and CI formats keep every finding."""
    lines: list[str] = []
    for rule, group in groupby(findings, lambda f: f.rule):
        items = list(group)
        if len(items) <= PER_RULE_LIMIT:
            lines += _each_lines(items, lang, paint, indent)
            continue
        loose = [f for f in items if not f.path]
        lines += _each_lines(loose[:PER_RULE_LIMIT], lang, paint, indent)
        if len(loose) > PER_RULE_LIMIT:
            lines.append(indent + "    … " + label("more", lang, n=len(loose) - PER_RULE_LIMIT,
                                                   rule=rule))
        placed = [f for f in items if f.path]
        if placed:
            lines += [indent + line for line in _folder_lines(rule, placed, lang, paint)]
    return lines


def _folder_lines(rule: str, findings: list[Finding], lang: str, paint) -> list[str]:  # type: ignore[no-untyped-def]
    first = findings[0]
    severity = first.severity or Severity.INFO
    groups = by_folder(findings, PER_RULE_LIMIT)
    lines = [
        f"  {paint(COLOURS[severity], MARKS[severity])} {rule}: "
        + label("grouped", lang, n=len(findings), folders=len(groups))
        + f" {printable(first.message.get(lang), one_line=True)}"
    ]
    # one fix for the rule when it holds for every finding; else each row its own,
    # written when it is not the row above's
    kinds = {id(finding): fix_kind(finding) for finding in findings}  # once each

    def kind_of(finding: Finding) -> object:
        return kinds[id(finding)]

    one_fix = len(set(kinds.values())) == 1
    rows = [row for group in groups[:PER_RULE_LIMIT]
            for row in ([FixRow(group.folder, group.findings)] if one_fix
                        else fix_rows(group, kind_of=kind_of))]
    above: object = None
    for row in rows:
        example = printable(row.findings[0].path or "", one_line=True)
        folder = printable(row.folder or "./", one_line=True)
        lines.append(f"      {folder} ({len(row.findings)}), "
                     + label("for_example", lang, path=example))
        kind = row if row.mixed else kind_of(row.findings[0])
        fix = _row_fix(row, lang)
        if not one_fix and fix and kind != above:
            lines.append(f"      → {label('fix', lang)}{colon(lang)} {fix}")
        above = kind
    rest = groups[PER_RULE_LIMIT:]
    if rest:
        lines.append("      … " + label("more_folders", lang, folders=len(rest),
                                         n=sum(len(g.findings) for g in rest)))
    if one_fix and first.fix:
        fix = printable(first.fix.get(lang), one_line=True)
        lines.append(f"      → {label('fix', lang)}{colon(lang)} {fix}")
    return lines


def _row_fix(row: FixRow, lang: str) -> str:
    if row.mixed:
        return label("fixes_differ", lang)
    fix = row.findings[0].fix
    return printable(fix.get(lang), one_line=True) if fix else ""


def _finding_lines(finding: Finding, lang: str, paint, indent: str = "",  # type: ignore[no-untyped-def]
                   with_fix: bool = True) -> list[str]:
    severity = finding.severity or Severity.INFO
    lines = [f"  {paint(COLOURS[severity], MARKS[severity])} {_finding_head(finding, lang)}"]
    if finding.fix and with_fix:
        fix = printable(finding.fix.get(lang), one_line=True)
        lines.append(f"      → {label('fix', lang)}{colon(lang)} {fix}")
    return [indent + line for line in lines]


def _finding_head(finding: Finding, lang: str) -> str:
    """`rule path:line: message`, one line whatever the repository's values hold."""
    where = _where(finding)
    location = f" {where}" if where else ""
    return f"{finding.rule}{location}: {printable(finding.message.get(lang), one_line=True)}"


def render_timings(report: Report, lang: str, top: int = 15) -> str:
    """Where the run's time went: the slowest rules, then the shared analyses."""
    timings = report.metadata.get("timings")
    if not isinstance(timings, dict):
        return ""
    lines = ["", label("timings", lang)]
    lines.append("  " + label(
        "timings_total", lang, total=report.metadata.get("duration_seconds", 0),
        setup=timings.get("setup", 0), scores=timings.get("scores", 0),
    ))
    engine = report.metadata.get("secrets_engine")
    if engine:
        lines.append("  " + label("timings_engine", lang, engine=engine))
    kept = report.metadata.get("history_blobs_from_cache")
    if isinstance(kept, int) and kept:
        lines.append("  " + label("timings_history_cache", lang, n=kept))
    refused = report.metadata.get("history_cache_not_trusted")
    if refused in ("no_key", "short_key", "not_signed"):
        lines.append("  " + label(f"timings_history_cache_{refused}", lang))
    rules = sorted(dict(timings.get("rules") or {}).items(), key=lambda item: -item[1])
    lines += [f"  {seconds:8.3f}  {rule}" for rule, seconds in rules[:top]]
    analyses = sorted(dict(timings.get("analyses") or {}).items(), key=lambda item: -item[1])
    if analyses:
        lines.append("  " + label("timings_analyses", lang))
        lines += [f"  {seconds:8.3f}  {printable(name, one_line=True)}"
                  for name, seconds in analyses]
    return "\n".join(lines) + "\n"
