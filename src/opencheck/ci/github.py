# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The step of the GitHub Action (`action.yml`): `python -m opencheck.ci.github`.

It reads its inputs from `OPENCHECK_*` variables (the action maps its inputs to them, so
that no input is ever pasted into a shell script), runs the checks, writes the report
files (SARIF and Code Quality cover the whole repository, since code scanning
compares whole analyses between branches; with `whole-history` `change`, their history
findings are the pull request's own and the history is read for its commits only; the
others follow `diff-base` and `baseline`), appends the Markdown report to the job
summary, prints one workflow command per finding (file annotations) and sets the step
outputs `ready`, `score`, `sarif`, `findings` and `report-dir`. It exits 0 whatever the
verdict, so that the SARIF upload can follow; the action's last step fails the job when
the repository is not ready.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from opencheck.engine import RunRequest, UsageError
from opencheck.model import Finding, Report, Severity, Text
from opencheck.registry import Options
from opencheck.report import renderers
from opencheck.report.markdown import sentence
from opencheck.report.sanitize import printable, undecodable_escaped
from opencheck.report.summary import narrowing_notes
from opencheck.safefile import open_output
from opencheck.scoped import run_both

FILE_NAMES = {
    "sarif": "opencheck.sarif",
    "json": "opencheck.json",
    "markdown": "opencheck.md",
    "text": "opencheck.txt",
    "codequality": "opencheck-codequality.json",
    "junit": "opencheck-junit.xml",
}
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
MAX_ANNOTATIONS = 50
# GitHub's limit on a step's job summary: a larger one is not shown at all (the step
# logs an error and the summary stays empty)
SUMMARY_LIMIT = 1024 * 1024
CUT_NOTE = Text(
    "> ✂ Résumé coupé ici : le rapport Markdown ({size} octets) dépasse la limite de "
    "1 Mio que GitHub impose au résumé d'une étape. Le rapport entier est dans "
    "`{path}` (le dossier de la sortie `report-dir` : publiez-le avec "
    "actions/upload-artifact), avec les fichiers SARIF et JSON.\n",
    "> ✂ Summary cut here: the Markdown report ({size} bytes) is over the 1 MiB GitHub "
    "allows a step's summary. The whole report is in `{path}` (the folder of the "
    "`report-dir` output: publish it with actions/upload-artifact), with the SARIF and "
    "JSON files.\n")
WHOLE_REPOSITORY_FORMATS = ("sarif", "codequality")


def _escape_data(value: str) -> str:
    """A workflow command's message: GitHub's escapes for %, CR and LF, after the
    sanitiser has made every other control and format character visible."""
    value = printable(undecodable_escaped(value))
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """A property (file, title): also `:` and `,`, which end a property."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, prefix: str, blocking: bool, lang: str) -> str:
    """One workflow command: `::error file=...,line=...,title=...::message`."""
    command = "error" if blocking else COMMANDS[finding.severity or Severity.INFO]
    properties = []
    if finding.path:
        properties.append(f"file={_escape_property(prefix + finding.path)}")
        if finding.line:
            properties.append(f"line={finding.line}")
            if finding.column:
                properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property('opencheck ' + finding.rule)}")
    message = finding.message.get(lang)
    if finding.fix:
        message += f"\n{finding.fix.get(lang)}"
    return f"::{command} {','.join(properties)}::{_escape_data(message)}"


def annotation_lines(report: Report, prefix: str, lang: str) -> list[str]:
    blocking = {id(finding) for finding in report.blocking}
    ordered = sorted(report.findings, key=lambda f: id(f) not in blocking)
    lines = [annotation(f, prefix, id(f) in blocking, lang) for f in ordered[:MAX_ANNOTATIONS]]
    if len(ordered) > MAX_ANNOTATIONS:
        rest = len(ordered) - MAX_ANNOTATIONS
        lines.append(f"::notice title=opencheck::{rest} more finding(s): see the job summary")
    return lines


def scope_note(report: Report, lang: str) -> str:
    """A line under the summary when the report is narrowed to a change or a baseline."""
    return "".join(f"\n> {sentence(note)}\n" for note in narrowing_notes(report, lang))


CACHE_NOTICES = {
    "no_key": Text(
        "cache de l'historique non utilisé : pas d'entrée cache-key (un secret) ; "
        "l'historique est lu en entier (docs/ci.md)",
        "history cache not used: no cache-key input (a secret); the history is read "
        "whole (docs/ci.md)"),
    "short_key": Text(
        "cache de l'historique non utilisé : cache-key fait moins de 16 caractères",
        "history cache not used: cache-key is under 16 characters"),
    "not_signed": Text(
        "cache de l'historique ignoré : il n'est pas signé avec cache-key (forgé, abîmé "
        "ou d'une autre clé) ; l'historique est lu en entier",
        "history cache ignored: it is not signed with cache-key (forged, damaged or "
        "another key's); the history is read whole"),
}


def cache_notice(report: Report, lang: str) -> str | None:
    """The log's line when the history cache was not used for want of its key."""
    notice = CACHE_NOTICES.get(str(report.metadata.get("history_cache_not_trusted")))
    return None if notice is None else f"::notice title=opencheck::{notice.get(lang)}"


def cut_note(size: int, whole: Path, lang: str) -> str:
    shown = printable(str(whole), one_line=True).replace("`", "'")
    return CUT_NOTE.get(lang).format(size=f"{size:,}".replace(",", "\u202f"), path=shown)


def within_limit(summary: str, whole: Path, lang: str, limit: int | None = None) -> str:
    """`summary`, or past `limit` bytes (`SUMMARY_LIMIT`) its beginning cut at a line's
    end (a `<details>` block left open closed), then a note saying where the whole
    report is."""
    limit = SUMMARY_LIMIT if limit is None else limit
    size = len(summary.encode("utf-8"))
    if size <= limit:
        return summary
    note = cut_note(size, whole, lang)
    room = max(limit - len(note.encode("utf-8")) - 64, 0)  # 64: the closers below
    kept = summary.encode("utf-8")[:room].decode("utf-8", "ignore")
    kept = kept[:kept.rfind("\n") + 1]
    opened = _open_blocks(kept)
    closers = "\n</details>\n" * opened
    return f"{kept}{closers}\n{note}"


def _open_blocks(markdown: str) -> int:
    """How many `<details>` blocks the renderer opened and did not close. Only its own
    lines count: a file name in a table cell may hold the same tags."""
    opened = 0
    for line in markdown.splitlines():
        if line.startswith("<details>"):
            opened += 1
        elif line == "</details>" and opened:
            opened -= 1
    return opened


def _formats(value: str) -> list[str]:
    chosen = ["sarif", "markdown"]
    for name in re.split(r"[\s,]+", value.strip()):
        if name and name not in chosen:
            chosen.append(name)
    return chosen


def _workspace_prefix(root: Path, workspace: str | None) -> str:
    """The scanned folder relative to the checkout, so that annotations find the file."""
    if not workspace:
        return ""
    try:
        relative = root.relative_to(Path(workspace).resolve())
    except ValueError:
        return ""
    return "" if str(relative) == "." else relative.as_posix() + "/"


def _workspace_path(value: str | None, workspace: str | None) -> Path | None:
    """An input naming a file: relative paths start from the checkout, as in a workflow."""
    if not value:
        return None
    path = Path(value)
    return Path(workspace) / path if workspace and not path.is_absolute() else path


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def main(env: Mapping[str, str] = os.environ) -> int:
    available = renderers()
    formats = _formats(env.get("OPENCHECK_FORMATS", ""))
    unknown = [name for name in formats if name not in available]
    if unknown:
        print(f"::error title=opencheck::unknown format(s): {', '.join(unknown)}")
        return 2
    lang = env.get("OPENCHECK_LANG") or "fr"
    if lang not in ("fr", "en"):
        print(f"::error title=opencheck::unknown language '{lang}' (fr or en)")
        return 2
    fail_on = env.get("OPENCHECK_FAIL_ON") or None
    if fail_on is not None and fail_on not in {s.value for s in Severity}:
        print(f"::error title=opencheck::fail-on must be error, warning or info, not '{fail_on}'")
        return 2
    history = env.get("OPENCHECK_WHOLE_HISTORY") or "whole"
    if history not in ("change", "whole"):
        said = Text(f"whole-history vaut change ou whole, pas « {history} »",
                    f"whole-history must be change or whole, not '{history}'")
        print(f"::error title=opencheck::{_escape_data(said.get(lang))}")
        return 2
    workspace = env.get("GITHUB_WORKSPACE")
    path = Path(env.get("OPENCHECK_PATH") or ".")
    if not path.is_absolute() and workspace:
        path = Path(workspace) / path
    baseline_path = _workspace_path(env.get("OPENCHECK_BASELINE"), workspace)
    diff_base = env.get("OPENCHECK_DIFF_BASE") or None
    policy_file = _workspace_path(env.get("OPENCHECK_POLICY"), workspace)
    request = RunRequest(
        path=path,
        profile=env.get("OPENCHECK_PROFILE") or None,
        fail_on=Severity(fail_on) if fail_on else None,
        options=Options(diff_base=diff_base),
        only_rules=tuple(env.get("OPENCHECK_RULES", "").split()),
        config_file=_workspace_path(env.get("OPENCHECK_CONFIG"), workspace),
        policy_file=policy_file,
        policy_base=(env.get("OPENCHECK_POLICY_BASE") or None) if policy_file else None,
    )
    try:
        # on a push, the whole history: the default branch's alerts stay in code scanning
        whole, report = run_both(request, baseline=baseline_path,
                                 whole_history=diff_base is None or history == "whole")
    except UsageError as error:
        print(f"::error title=opencheck::{_escape_data(error.text.get(lang))}")
        return 2
    default_dir = Path(env.get("RUNNER_TEMP") or ".") / "opencheck"
    out_dir = Path(env.get("OPENCHECK_REPORT_DIR") or default_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name in formats:
        target = out_dir / FILE_NAMES[name]
        # Code scanning compares whole analyses between branches: it gets every finding
        # (of the history, on a pull request, those of its own commits if so asked).
        source = whole if name in WHOLE_REPOSITORY_FORMATS else report
        try:  # OPENCHECK_REPORT_DIR may lie in the checkout, whose names may be links
            with open_output(target, source.root) as stream:
                stream.write(available[name](source, lang))
        except OSError as error:
            print(f"::error title=opencheck::{_escape_data(f'{target}: {error.strerror}')}")
            return 2
        written[name] = target
    summary = written["markdown"].read_text("utf-8") + scope_note(report, lang)
    fitted = within_limit(summary + "\n", written["markdown"], lang)
    _append(env.get("GITHUB_STEP_SUMMARY"), fitted)
    if fitted != summary + "\n":
        cut = cut_note(len(summary.encode("utf-8")), written["markdown"], lang)
        print(f"::warning title=opencheck::{_escape_data(cut.strip('> ✂').strip())}")
    for line in annotation_lines(report, _workspace_prefix(Path(report.root), workspace), lang):
        print(line)
    outputs = {
        "ready": "true" if report.ready else "false",
        "verdict": report.verdict.value,
        "score": str(report.score),
        "findings": str(len(report.findings)),
        "blocking": str(len(report.blocking)),
        "sarif": str(written["sarif"]),
        "report-dir": str(out_dir),
    }
    _append(env.get("GITHUB_OUTPUT"), "".join(f"{k}={v}\n" for k, v in outputs.items()))
    print(f"opencheck: {report.verdict.value.replace('_', ' ').upper()}, "
          f"score {report.score}/100, {len(report.findings)} finding(s), reports in {out_dir}")
    print(f"opencheck: {_escape_data(printable(report.reason.get(lang), one_line=True))}")
    notice = cache_notice(report, lang)
    if notice is not None:
        print(notice)
    return 0


def _guarded() -> int:
    try:
        return main()
    except Exception as error:  # one clear line in the log, exit 3 as the CLI does
        # its words may quote the repository: a newline there would start a workflow
        # command of its own (`::add-mask::`, `::stop-commands::`, a forged `::error`)
        said = _escape_data(f"internal error: {type(error).__name__}: {error}")
        print(f"::error title=opencheck::{said}")
        return 3


if __name__ == "__main__":
    sys.exit(_guarded())
