# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck fix [PATH]`: show (or, with --write, make) the safe fixes of the report."""

from __future__ import annotations

from pathlib import Path

import click

from opencheck.cli.common import fail_usage, lang_option, resolve_lang
from opencheck.model import Text

WORDS = {
    "none": Text("Rien à corriger automatiquement.", "Nothing to fix automatically."),
    "dry": Text("{n} modification(s) proposée(s), rien n'est écrit : relancez avec --write "
                "pour les appliquer.",
                "{n} change(s) proposed, nothing written: run again with --write to apply "
                "them."),
    "done": Text("{n} modification(s) écrite(s). Relisez-les (git diff) avant de les "
                 "valider.",
                 "{n} change(s) written. Review them (git diff) before committing."),
    "skipped": Text("{n} modification(s) non faite(s) : le fichier a changé entre-temps.",
                    "{n} change(s) not made: the file changed meanwhile."),
    "third": Text("Code tiers laissé tel quel ({n}, avec leur nombre de fichiers) :",
                  "Third-party code left alone ({n}, with their number of files):"),
    "manual": Text("Reste à faire par une personne :", "Left for a person to do:"),
}


@click.command("fix")
@click.argument("path", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--write", is_flag=True, help="Apply the changes (default: show them only).")
@click.option("--licence", "--license", "licence", metavar="ID",
              help="The licence to write and declare (an id of the decree's list).")
@click.option("--holder", metavar="NAME", help="Copyright holder for the REUSE headers.")
@lang_option
def fix_command(path: Path, write: bool, licence: str | None, holder: str | None,
                lang: str | None) -> None:
    """Show the safe fixes of the report as a diff; --write applies them.

    Never overwrites a file, never rewrites history, leaves third-party code alone, and
    ends with what only a person can do.
    """
    from opencheck.engine import UsageError
    from opencheck.licensing.holder import holder_refused
    from opencheck.report.sanitize import printable
    from opencheck.scaffold.fix import apply, plan_fix, unified_diff
    from opencheck.scaffold.licence import LicenceNotAllowed, chosen_id

    language = resolve_lang(lang)
    refused = holder_refused(holder) if holder is not None else None
    if refused is not None:
        fail_usage(refused, language)
    try:
        if licence:
            licence = chosen_id(licence)
        plan = plan_fix(path, language, licence, holder)
    except (LicenceNotAllowed, UsageError) as error:
        fail_usage(error.text, language)
    _echo(unified_diff(plan), nl=False)
    count = len(plan.changes)
    if not count:
        _echo(WORDS["none"].get(language))
    elif write:
        done = apply(plan)
        _echo(WORDS["done"].format(n=len(done)).get(language))
        if len(done) < count:
            _echo(WORDS["skipped"].format(n=count - len(done)).get(language))
    else:
        _echo(WORDS["dry"].format(n=count).get(language))
    if plan.third_party:
        _echo(WORDS["third"].format(n=len(plan.third_party)).get(language))
        for item in plan.third_party[:10]:
            _echo(f"  {printable(item, one_line=True)}")
    if plan.manual:
        _echo(WORDS["manual"].get(language))
        for step in plan.manual:
            _echo("  - " + step.get(language).replace("\n", "\n    "))


def _echo(text: str, nl: bool = True) -> None:
    """A line of the command's output, which quotes the repository (paths, findings):
    control characters and surrogates made visible (`sanitize.command_output`), as
    every other command prints them (a lone `\\ud800` of a package.json ended `fix`
    with an internal error)."""
    from opencheck.report.sanitize import command_output

    click.echo(command_output(text), nl=nl)
