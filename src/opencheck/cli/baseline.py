# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck baseline [PATH]`: record today's findings so later runs show only new ones."""

from __future__ import annotations

from pathlib import Path

import click

from opencheck.baseline import DEFAULT_NAME, write
from opencheck.cli.common import fail_usage, lang_option, resolve_lang
from opencheck.engine import RunRequest, UsageError, run
from opencheck.model import Text
from opencheck.registry import Options
from opencheck.safefile import FileRefused


@click.command("baseline")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help=f"Baseline file to write (default: PATH/{DEFAULT_NAME}).")
@click.option("--profile", "-p", help="Profile of rules to run (default: dinum).")
@click.option("--rule", "rules", multiple=True, help="Run only these rules (globs allowed).")
@click.option("--no-history", is_flag=True, help="Skip the rules that read the git history.")
@lang_option
def baseline_command(
    path: Path, output: Path | None, profile: str | None, rules: tuple[str, ...],
    no_history: bool, lang: str | None,
) -> None:
    """Record the findings of PATH; `check --baseline FILE` then reports only new ones."""
    language = resolve_lang(lang)
    request = RunRequest(
        path=path, profile=profile, options=Options(history=not no_history), only_rules=rules
    )
    try:
        report = run(request)
    except UsageError as error:
        fail_usage(error.text, language)
    target = output or Path(report.root) / DEFAULT_NAME
    try:
        count = write(report, target)
    except OSError as error:
        why = error.fr if isinstance(error, FileRefused) else error.strerror
        fail_usage(Text(f"impossible d'écrire {target} : {why}",
                        f"cannot write {target}: {error.strerror}"), language)
    click.echo(Text(f"opencheck : {count} constat(s) enregistré(s) dans {target}",
                    f"opencheck: {count} finding(s) recorded in {target}").get(language))
