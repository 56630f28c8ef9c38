# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck publiccode validate|migrate` and `opencheck init publiccode`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from opencheck.cli.common import EXIT_FINDINGS, EXIT_READY, fail_usage, lang_option, resolve_lang
from opencheck.model import Text
from opencheck.publiccode.validate import validate
from opencheck.report.sanitize import command_output, printable
from opencheck.yamlsafe import MAX_BYTES

if TYPE_CHECKING:
    from opencheck.publiccode.files import FolderFiles

# `publiccode validate` must answer fast: migration, generation and the repository
# snapshot are imported by the commands that use them.

DEFAULT_NAMES = ("publiccode.yml", "publiccode.yaml")


def _find(file: Path | None, language: str) -> Path:
    if file is None:
        found = [Path(name) for name in DEFAULT_NAMES if Path(name).is_file()]
        if not found:
            fail_usage(Text("pas de publiccode.yml dans le dossier courant (donnez un FICHIER)",
                            "no publiccode.yml in the current folder (give a FILE)"), language)
        file = found[0]
    return file


def _read(file: Path, language: str) -> tuple[str, bytes]:
    """The file's name and bytes, read with a bound so a huge file costs nothing."""
    if str(file) == "-":
        return "<stdin>", sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        with file.open("rb") as handle:
            return file.name, handle.read(MAX_BYTES + 1)
    except OSError as error:
        fail_usage(Text(f"impossible de lire {file} : {error.strerror}",
                        f"cannot read {file}: {error.strerror}"), language)
        raise AssertionError from error  # fail_usage exits


@click.group("publiccode")
def publiccode_group() -> None:
    """Validate, migrate or write a publiccode.yml."""


@publiccode_group.command("validate")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False,
                                                        allow_dash=True))
@click.option("--format", "-f", "output", type=click.Choice(["text", "json"]), default="text",
              help="text: one line per problem; json: a list of objects.")
@click.option("--strict", is_flag=True,
              help="Judge as the reference parser does (docs/publiccode.md lists each "
                   "difference); also set by publiccode-strict in .opencheck.yml.")
@click.option("--network", is_flag=True,
              help="Read image URLs and check iPA codes in the Italian registry.")
@click.option("--allow-private-network", is_flag=True,
              help="With --network, also reach private and loopback addresses.")
@lang_option
def validate_command(file: Path | None, output: str, strict: bool, network: bool,
                     allow_private_network: bool, lang: str | None) -> None:
    """Check FILE (default ./publiccode.yml) against its version of the standard.

    Every problem at once, as FILE:LINE:COLUMN: error|warning|info: key: message.
    The logo, screenshots and authorsFile are looked up next to FILE, then at the root
    of its git work tree. Exit 1 when there is an error; warnings alone exit 0.
    """
    from opencheck.publiccode.files import FolderFiles, Remote

    language = resolve_lang(lang)
    file = _find(file, language)
    name, data = _read(file, language)
    files = None if str(file) == "-" else FolderFiles(file.parent)
    strict = strict or (files is not None and _strict_setting(files))
    remote = Remote(allow_private=allow_private_network) if network else None
    result = validate(data, files=files, strict=strict, remote=remote)
    if output == "json":
        click.echo(command_output(json.dumps(
            [issue.as_json(language) for issue in result.issues], ensure_ascii=False,
            indent=2), json_text=True))
    else:
        for issue in result.issues:
            click.echo(printable(issue.render(language, name), one_line=True))
        if result.valid:
            version = result.version.minor if result.version else "?"
            click.echo(Text(
                f"{name} : OK (publiccodeYmlVersion {version}, "
                f"{len(result.warnings)} avertissement(s))",
                f"{name}: OK (publiccodeYmlVersion {version}, "
                f"{len(result.warnings)} warning(s))",
            ).get(language), err=True)
    sys.exit(EXIT_READY if result.valid else EXIT_FINDINGS)


def _strict_setting(files: FolderFiles) -> bool:
    """`publiccode-strict: true` in the repository's .opencheck.yml (or pyproject.toml)
    around the file: validate judges as `check` does there."""
    from opencheck.config import ConfigError, read_config

    try:
        raw, _ = read_config(files.roots()[-1])
    except ConfigError:
        return False  # `opencheck check` reports a broken configuration
    return raw.get("publiccode-strict") is True


@publiccode_group.command("migrate")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False,
                                                        allow_dash=True))
@lang_option
def migrate_command(file: Path | None, lang: str | None) -> None:
    """Print FILE converted to the latest version (the file itself is not changed).

    The changes, key by key, go to standard error; then what is still to fix.
    """
    from opencheck.publiccode.legacy import migrate

    language = resolve_lang(lang)
    name, data = _read(_find(file, language), language)
    result = validate(data)
    if not isinstance(result.data, dict):
        for issue in result.issues:
            click.echo(printable(issue.render(language, name), one_line=True), err=True)
        sys.exit(EXIT_FINDINGS)
    migration = migrate(result.data)
    click.echo(command_output(migration.to_yaml()), nl=False)
    for note in migration.notes:
        click.echo(printable(f"# {note.get(language)}", one_line=True), err=True)
    remaining = validate(migration.to_yaml())
    for issue in remaining.errors:
        click.echo(printable(issue.render(language, "migrated"), one_line=True), err=True)
    sys.exit(EXIT_READY if remaining.valid else EXIT_FINDINGS)


@click.command("publiccode")
@click.argument("path", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--stdout", "to_stdout", is_flag=True, help="Print instead of writing the file.")
@lang_option
@click.pass_context
def init_publiccode_command(
    ctx: click.Context, path: Path, to_stdout: bool, lang: str | None
) -> None:
    """Write PATH/publiccode.yml from what the repository shows; never overwrites."""
    from opencheck.publiccode.generate import generate
    from opencheck.repository import RepositoryError, open_repository

    # `init PATH --lang fr publiccode` gives the path and language to the group.
    group = ctx.parent.params if ctx.parent else {}
    language = resolve_lang(lang or group.get("lang"))
    if ctx.get_parameter_source("path") is click.core.ParameterSource.DEFAULT:
        path = group.get("path") or path
    target = path / "publiccode.yml"
    if not to_stdout and any((path / name).exists() for name in DEFAULT_NAMES):
        fail_usage(Text(f"{target} existe déjà : pas remplacé",
                        f"{target} already exists: not overwritten"), language)
    try:
        repo = open_repository(path)
    except RepositoryError as error:
        fail_usage(error.text, language)
        return
    text = generate(repo)
    if to_stdout:
        click.echo(text, nl=False)
        return
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except OSError as error:
        fail_usage(Text(f"impossible d'écrire {target} : {error.strerror}",
                        f"cannot write {target}: {error.strerror}"), language)
    click.echo(Text(
        f"{target} écrit : remplacez chaque TO_FILL_IN, puis lancez "
        "`opencheck publiccode validate`.",
        f"{target} written: fill in every TO_FILL_IN, then run "
        "`opencheck publiccode validate`.",
    ).get(language), err=True)
