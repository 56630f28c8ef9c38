# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck deps [PATH]`: the inventory of dependencies and vendored code with their
licences, as a table, CSV, JSON or an SPDX 2.3 document."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from opencheck.catalogue import load_catalogue
from opencheck.cli.common import EXIT_READY, fail_usage, lang_option, resolve_lang
from opencheck.config import Config, ConfigError, load_config, read_config
from opencheck.report.sanitize import command_output, printable
from opencheck.repository import RepositoryError, checked_root, open_repository
from opencheck.safefile import open_output

FORMATS = ("table", "csv", "json", "spdx")


@click.command("deps")
@click.argument("path", default=".", type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="table",
              help="table (default), csv, json, or spdx (SPDX 2.3 JSON).")
@click.option("--output", "-o", "output_path", type=click.Path(path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--network", is_flag=True,
              help="Ask the package registries for licences the lockfiles do not record.")
@click.option("--allow-private-network", is_flag=True,
              help="With --network, also reach private and loopback addresses.")
@click.option("--registry", "registries", multiple=True, metavar="ECOSYSTEM=URL",
              help="Base URL of a registry mirror, e.g. npm=https://npm.example.org.")
@click.option("--no-vendored", is_flag=True, help="Leave vendored and copied code out.")
@lang_option
def deps_command(path: Path, fmt: str, output_path: Path | None, network: bool,
                 allow_private_network: bool, registries: tuple[str, ...],
                 no_vendored: bool, lang: str | None) -> None:
    """List the dependencies of the repository at PATH with their licences."""
    # Imported here: the licence machinery is not needed to start other commands.
    from opencheck.deps import output
    from opencheck.deps.inventory import build, options_from_settings, verdicts

    language = resolve_lang(lang)
    bases: dict[str, str] = {}
    for item in registries:
        ecosystem, sep, url = item.partition("=")
        if not sep or not url.startswith(("http://", "https://")):
            fail_usage(f"--registry expects ECOSYSTEM=URL, got '{item}'")
        bases[ecosystem.strip()] = url.strip()
    try:
        root = checked_root(path)
        # The catalogue (slow to load) is only needed to validate a configuration file.
        _, source = read_config(root)
        config = load_config(root, load_catalogue()) if source else Config()
        repo = open_repository(root, exclude=config.exclude)
    except (RepositoryError, ConfigError) as error:
        fail_usage(str(error))
        return
    options = options_from_settings(
        config.settings.get("dependencies", {}) or {}, network, allow_private_network)
    options.registries = bases
    options.vendored = options.copied = not no_vendored
    inventory = build(repo, options)
    judged = verdicts(inventory)
    if fmt == "table":
        text = output.render_table(inventory, judged, language)
    elif fmt == "csv":
        text = output.render_csv(inventory, judged, language)
    elif fmt == "json":
        text = output.render_json(inventory, judged, str(repo.root))
    else:
        text = output.render_spdx(inventory, judged, str(repo.root))
    text = command_output(text, json_text=fmt in ("json", "spdx"))  # SPDX is JSON too
    if output_path is None or str(output_path) == "-":
        click.echo(text, nl=False)
    else:
        try:
            with open_output(output_path, repo.root) as stream:
                stream.write(text)
        except OSError as error:
            fail_usage(f"cannot write {output_path}: {error.strerror}")
    if fmt != "table":
        for problem in inventory.problems:
            click.echo(printable(f"opencheck: {problem.path}: {problem.message.get(language)}",
                                 one_line=True), err=True)
    sys.exit(EXIT_READY)
