# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck check [PATH]`: the readiness report of one repository."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from opencheck.cli.common import EXIT_FINDINGS, EXIT_READY, fail_usage, lang_option, resolve_lang
from opencheck.engine import RunRequest, UsageError
from opencheck.model import Report, Severity
from opencheck.registry import Options
from opencheck.report import json_report, renderers
from opencheck.report.sanitize import undecodable_escaped
from opencheck.report.text import render as render_text
from opencheck.report.text import render_timings
from opencheck.safefile import open_output
from opencheck.scoped import run_both


@click.command("check")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--profile", "-p", help="Profile of rules to run (default: dinum).")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    help="Lowest severity that makes the run fail (default: error).",
)
@click.option(
    "--format", "-f", "formats", multiple=True,
    help="Output format, may be repeated: text, json, markdown...",
)
@click.option(
    "--output", "-o", "outputs", multiple=True, type=click.Path(path_type=Path),
    help="File for the matching --format (in order); '-' or none means standard output.",
)
@click.option("--rule", "rules", multiple=True, help="Run only these rules (globs allowed).")
@click.option("--network", is_flag=True, help="Allow checks that use the network.")
@click.option("--allow-private-network", is_flag=True,
              help="With --network, also reach private and loopback addresses.")
@click.option("--no-history", is_flag=True,
              help="Read no git history: its rules skip, the others judge without commits.")
@click.option("--diff-base", metavar="REF",
              help="Merge-request mode: report only what the change since REF brings.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Judge with this configuration file instead of the repository's "
              "(CI: a policy the merge request cannot change).")
@click.option("--policy", "policy_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The auditor's policy: rules enforced whatever the repository's "
              "configuration says, and which of its settings apply (docs/policy.md).")
@click.option("--policy-base", metavar="REF",
              help="With --policy: a policy file the checkout's commits hold is read as REF "
              "has it (CI on a merge request judged whole; default: --diff-base).")
@click.option("--staged", is_flag=True,
              help="Report only findings on the files staged for commit (pre-commit hook).")
@click.option("--baseline", "baseline", type=click.Path(path_type=Path),
              help="Hide the findings recorded by `opencheck baseline` in this file.")
@click.option("--whole-output", "whole_outputs", multiple=True, metavar="FORMAT=FILE",
              help="Also write FORMAT for the whole repository, ignoring --diff-base, "
              "--staged and --baseline (for Code Quality and code scanning).")
@click.option("--whole-history", type=click.Choice(["whole", "change"]), default="whole",
              show_default=True,
              help="What the --whole-output reports hold of the history's secrets and "
              "artefacts: the whole history's (every blob read), or only the change's "
              "(none without --diff-base or --staged; the history is then read for the "
              "change only), so that a merge request's report and the default branch's "
              "differ by the change alone.")
@click.option("--all", "every", is_flag=True,
              help="List every finding in the text, Markdown and HTML reports, instead of "
              "actions for many blocking ones and counts by folder (JSON, SARIF and the "
              "CI formats always list every finding).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code.")
@click.option("--timings", is_flag=True,
              help="After the text report, show how long each rule and analysis took.")
@lang_option
def check_command(
    path: Path,
    profile: str | None,
    fail_on: str | None,
    formats: tuple[str, ...],
    outputs: tuple[Path, ...],
    rules: tuple[str, ...],
    network: bool,
    allow_private_network: bool,
    no_history: bool,
    diff_base: str | None,
    config_file: Path | None,
    policy_file: Path | None,
    policy_base: str | None,
    staged: bool,
    baseline: Path | None,
    whole_outputs: tuple[str, ...],
    whole_history: str,
    every: bool,
    quiet: bool,
    timings: bool,
    lang: str | None,
) -> None:
    """Check that the repository at PATH is ready to be published."""
    available = renderers(every)
    chosen = list(formats) or ["text"]
    for name in chosen:
        if name not in available:
            fail_usage(f"unknown format '{name}' (choose from {', '.join(available)})")
    if len(outputs) > len(chosen):
        fail_usage("more --output than --format")
    if policy_base is not None and policy_file is None:
        fail_usage("--policy-base needs --policy")
    wholes = [spec.partition("=") for spec in whole_outputs]
    for name, equals, file in wholes:
        if not equals or not file or name not in available:
            fail_usage(f"--whole-output needs FORMAT=FILE with a known format, "
                       f"not '{name}{equals}{file}'")
    request = RunRequest(
        path=path,
        profile=profile,
        fail_on=Severity(fail_on) if fail_on else None,
        options=Options(
            network=network, allow_private_network=allow_private_network,
            history=not no_history, diff_base=diff_base,
        ),
        only_rules=rules,
        config_file=config_file,
        policy_file=policy_file,
        policy_base=policy_base,
    )
    try:
        whole, report = run_both(request, staged=staged, baseline=baseline,
                                 whole=bool(wholes), whole_history=whole_history == "whole")
    except UsageError as error:
        fail_usage(error.text, lang)
    language = resolve_lang(lang)
    for name, _, file in wholes:
        try:
            with open_output(file, whole.root) as stream:
                stream.write(available[name](whole, language))
        except OSError as error:
            fail_usage(f"cannot write {file}: {error.strerror}")
    for index, name in enumerate(chosen):
        target = outputs[index] if index < len(outputs) else None
        if name == "json" and not (quiet and (target is None or str(target) == "-")):
            _write_json(report, language, target)
            continue
        if target is None or str(target) == "-":
            if quiet:
                continue
            if name == "text":
                text = undecodable_escaped(
                    render_text(report, language, colour=sys.stdout.isatty(), every=every))
                if timings:
                    text += render_timings(whole, language)
            else:
                text = available[name](report, language)
            click.echo(text, nl=False)
        else:
            try:
                with open_output(target, report.root) as stream:
                    stream.write(available[name](report, language))
            except OSError as error:
                fail_usage(f"cannot write {target}: {error.strerror}")
    sys.exit(EXIT_READY if report.ready else EXIT_FINDINGS)


def _write_json(report: Report, language: str, target: Path | None) -> None:
    """JSON is written piece by piece: on 60,000 files it is tens of megabytes."""
    if target is None or str(target) == "-":
        for piece in json_report.pieces(report, language):
            click.echo(piece, nl=False)
        return
    try:
        with open_output(target, report.root) as stream:
            json_report.write(report, language, stream)
    except OSError as error:
        fail_usage(f"cannot write {target}: {error.strerror}")
