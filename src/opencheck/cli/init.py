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
from opencheck.repository import RepositoryError
from opencheck.scaffold import plan, write

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
        index = 0
        while index < len(args):
            token = args[index]
            if token == "--lang":
                index += 2
                continue
            if token.startswith("-"):
                index += 1
                continue
            if token in self.commands:
                args = [*args[:index], ".", *args[index:]]
                ctx.allow_interspersed_args = False
            break
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
    created = [item for item in planned if item.content is not None]
    if not dry_run:
        try:
            created = write(path, planned)
        except OSError as error:
            fail_usage(f"cannot write in {path}: {error.strerror}")
            return
    verb = WORDS["would" if dry_run else "created"].get(language)
    for item in planned:
        if item in created:
            click.echo(f"  + {verb} {item.path}")
        elif item.content is None:
            colon = " :" if language == "fr" else ":"
            click.echo(f"  = {WORDS['kept'].get(language)} {item.path} "
                       f"({WORDS['exists'].get(language)}{colon} {item.existing})")
    if created:
        click.echo(WORDS["todo"].get(language))
    else:
        click.echo(WORDS["nothing"].get(language))


init_group.add_command(init_publiccode_command)
