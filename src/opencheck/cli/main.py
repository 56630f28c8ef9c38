# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The `opencheck` command group."""

from __future__ import annotations

import sys
import traceback

import click

from opencheck import __version__
from opencheck.cli.baseline import baseline_command
from opencheck.cli.batch import batch_command
from opencheck.cli.check import check_command
from opencheck.cli.common import EXIT_INTERNAL
from opencheck.cli.deps import deps_command
from opencheck.cli.fix import fix_command
from opencheck.cli.init import init_group
from opencheck.cli.licence import licence_command
from opencheck.cli.publiccode import publiccode_group
from opencheck.cli.rules import explain_command, rules_command


@click.group()
@click.version_option(__version__, prog_name="opencheck")
def cli() -> None:
    """Is this repository ready to be published as free software?"""


cli.add_command(check_command)
cli.add_command(rules_command)
cli.add_command(explain_command)
cli.add_command(licence_command)
cli.add_command(publiccode_group)
cli.add_command(init_group)
cli.add_command(fix_command)
cli.add_command(baseline_command)
cli.add_command(deps_command)
cli.add_command(batch_command)


def main() -> None:
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as error:  # the last guard: exit 3, one clear line, no traceback
        click.echo(f"opencheck: internal error: {type(error).__name__}: {error}", err=True)
        if "--debug" in sys.argv or __import__("os").environ.get("OPENCHECK_DEBUG"):
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
