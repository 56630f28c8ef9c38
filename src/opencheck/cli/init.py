# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck init [PATH]`: write the community files the repository lacks.

`init_group` is a group so that other generators hang below it (`opencheck init
publiccode`); run bare, it writes CONTRIBUTING, CODE_OF_CONDUCT, SECURITY, CHANGELOG,
GOVERNANCE, ROADMAP and AUTHORS, never replacing an existing file.
"""

from __future__ import annotations

from pathlib import Path

import click

from opencheck.cli.common import fail_usage, lang_option, resolve_lang
from opencheck.cli.publiccode import init_publiccode_command
from opencheck.model import Text
from opencheck.report.sanitize import printable
from opencheck.repository import RepositoryError, open_repository
from opencheck.scaffold import plan, write
from opencheck.scaffold.planned import Planned

WORDS = {
    "created": Text("créé", "created"),
    "would": Text("serait créé", "would create"),
    "kept": Text("gardé", "kept"),
    "exists": Text("existe déjà", "already exists"),
    "todo": Text(
        "Relisez les fichiers créés et remplacez les marques « [À COMPLÉTER : ...] ».",
        "Read the files created and replace the '[TO BE COMPLETED: ...]' markers.",
    ),
    "nothing": Text("Rien à créer : tous les fichiers existent.",
                    "Nothing to create: every file exists."),
}


class InitGroup(click.Group):
    """A group whose optional PATH argument never swallows a subcommand's name.

    Bare `init PATH --lang en` takes options after PATH; `init publiccode ...` leaves
    everything after the subcommand's name to the subcommand.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_interspersed_args = True
        options: list[str] = []
        path: list[str] = []
        index = 0
        while index < len(args):
            token = args[index]
            if token == "--lang":
                options += args[index:index + 2]
                index += 2
                continue
            if token.startswith("-"):
                options.append(token)
                index += 1
                continue
            if token in self.commands:
                # The group's options, then its PATH, then everything that follows the
                # subcommand's name, which is the subcommand's own.
                args = [*options, *(path or ["."]), *args[index:]]
                ctx.allow_interspersed_args = False
                break
            if path:
                break
            path = [token]
            index += 1
        return super().parse_args(ctx, args)


@click.group("init", cls=InitGroup, invoke_without_command=True)
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@lang_option
@click.pass_context
def init_group(ctx: click.Context, path: Path, dry_run: bool, lang: str | None) -> None:
    """Write the community files missing from the repository at PATH."""
    if ctx.invoked_subcommand is not None:
        return
    language = resolve_lang(lang)
    try:
        planned = plan(path, language)
    except RepositoryError as error:
        fail_usage(error.text, language)
        return
    created = _write_planned(path, planned, language, dry_run)
    click.echo(WORDS["todo" if created else "nothing"].get(language))


def _group_path(ctx: click.Context) -> Path:
    group = ctx.parent.params if ctx.parent else {}
    return Path(group.get("path") or ".")


def _group_lang(ctx: click.Context, lang: str | None) -> str:
    group = ctx.parent.params if ctx.parent else {}
    return resolve_lang(lang or group.get("lang"))


def _write_planned(path: Path, planned: list[Planned], language: str,
                   dry_run: bool) -> list[Planned]:
    """Write (or with `dry_run`, show) the planned files; those written (or that would
    be)."""
    created = [item for item in planned if item.content is not None]
    if not dry_run:
        try:
            created = write(path, planned)
        except OSError as error:
            fail_usage(Text(f"impossible d'écrire dans {path} : {error.strerror}",
                            f"cannot write in {path}: {error.strerror}"), language)
    verb = WORDS["would" if dry_run else "created"].get(language)
    for item in planned:
        if item in created:
            click.echo(f"  + {verb} {item.path}")
        elif item.content is None:
            _kept(item, language)
    return created


def _kept(item: Planned, language: str) -> None:
    """A file not written: one exists, or a link that leads nowhere stands in its place."""
    if item.blocked is not None:
        click.echo(f"  ! {printable(item.blocked.get(language), one_line=True)}")
        return
    colon = " :" if language == "fr" else ":"
    click.echo(f"  = {WORDS['kept'].get(language)} {item.path} "
               f"({WORDS['exists'].get(language)}{colon} {item.existing})")


@click.command("licence")
@click.argument("spdx", metavar="[ID]", required=False)
@click.option("--holder", metavar="NAME", help="Copyright holder for the licence's copyright line.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@lang_option
@click.pass_context
def init_licence_command(ctx: click.Context, spdx: str | None, holder: str | None,
                         dry_run: bool, lang: str | None) -> None:
    """Write LICENSE and LICENSES/ID.txt for a licence of the decree's list.

    Without ID, explain how to choose and list the authorised licences.
    """
    from datetime import UTC, datetime

    from opencheck.community import facts
    from opencheck.licensing.holder import holder_refused, project_holder
    from opencheck.scaffold.licence import LicenceNotAllowed, choice_help, licence_files

    language = _group_lang(ctx, lang)
    if not spdx:
        click.echo(choice_help(language))
        return
    refused = holder_refused(holder) if holder is not None else None
    if refused is not None:
        fail_usage(refused, language)
    path = _group_path(ctx)
    try:
        repo = open_repository(path)
        found = project_holder(repo, facts.publiccode(repo))
        holder = holder or (found.name if found else None)
        planned = licence_files(repo, spdx, language, holder, datetime.now(UTC).year)
    except RepositoryError as error:
        fail_usage(error.text, language)
    except LicenceNotAllowed as error:
        fail_usage(error.text, language)
    _write_planned(path, planned, language, dry_run)


@click.command("readme")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@lang_option
@click.pass_context
def init_readme_command(ctx: click.Context, dry_run: bool, lang: str | None) -> None:
    """Write a README.md skeleton from what the repository shows, unless one exists."""
    from opencheck.scaffold import plan_readme

    language = _group_lang(ctx, lang)
    path = _group_path(ctx)
    try:
        planned = [plan_readme(open_repository(path), language)]
    except RepositoryError as error:
        fail_usage(error.text, language)
    _write_planned(path, planned, language, dry_run)
    if planned[0].content is not None:
        click.echo(WORDS["todo"].get(language))


@click.command("codemeta")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print instead of writing the file.")
@lang_option
@click.pass_context
def init_codemeta_command(ctx: click.Context, to_stdout: bool, lang: str | None) -> None:
    """Write codemeta.json (CodeMeta 3.0) from what the repository shows; never overwrites."""
    from opencheck.research.generate import codemeta_for, render

    language = _group_lang(ctx, lang)
    path = _group_path(ctx)
    target = path / "codemeta.json"
    if not to_stdout and target.exists():
        fail_usage(Text(f"{target} existe déjà : pas remplacé",
                        f"{target} already exists: not overwritten"), language)
    try:
        text = render(codemeta_for(open_repository(path)))
    except RepositoryError as error:
        fail_usage(error.text, language)
    if to_stdout:
        click.echo(text, nl=False)
        return
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        fail_usage(Text(f"impossible d'écrire {target} : {error.strerror}",
                        f"cannot write {target}: {error.strerror}"), language)
    click.echo(Text(
        f"{target} écrit : complétez chaque « TO BE COMPLETED », ajoutez l'affiliation ou "
        "l'ORCID des auteurs, puis lancez `opencheck check --profile research`.",
        f"{target} written: fill in every 'TO BE COMPLETED', add the authors' affiliation "
        "or ORCID, then run `opencheck check --profile research`.",
    ).get(language), err=True)


init_group.add_command(init_publiccode_command)
init_group.add_command(init_codemeta_command)
init_group.add_command(init_licence_command)
init_group.add_command(init_readme_command)
