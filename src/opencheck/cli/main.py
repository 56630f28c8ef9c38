# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The `opencheck` command group."""

from __future__ import annotations

import gc

# Python's cyclic collector runs every 700 new container objects: importing the
# families and building a report make it run about 140 times in a 5-file check, a
# tenth of that run's CPU, for little garbage (reference counting frees almost
# everything). Every 10,000 objects it runs 8 times; cyclic garbage still goes. Set
# before the imports below: click's and this package's made it run 21 times (4 ms).
GC_THRESHOLD = (10_000, 10, 10)
gc.set_threshold(*GC_THRESHOLD)

import importlib  # noqa: E402
import sys  # noqa: E402

import click  # noqa: E402

from opencheck import __version__  # noqa: E402
from opencheck.cli.common import EXIT_INTERNAL  # noqa: E402
from opencheck.quietgc import freeze_after_imports, imports_kept  # noqa: E402

# name -> (module, attribute, summary): a command's module, and what it imports (the
# checks, jsonschema, reuse...), is loaded only when that command runs, so `opencheck
# --version`, `--help` and `opencheck rules` do not pay for every family. The summary is
# the first paragraph of the command's own help (tests/test_cli_check.py compares them).
COMMANDS = {
    "check": ("opencheck.cli.check", "check_command",
              "Check that the repository at PATH is ready to be published."),
    "rules": ("opencheck.cli.rules", "rules_command", "List the rules of the catalogue."),
    "explain": ("opencheck.cli.rules", "explain_command",
                "Explain one rule: why it matters and how to fix it."),
    "licence": ("opencheck.cli.licence", "licence_command",
                "Identify the licence of each FILE, or list the repository's licence "
                "declarations."),
    "publiccode": ("opencheck.cli.publiccode", "publiccode_group",
                   "Validate, migrate or write a publiccode.yml."),
    "init": ("opencheck.cli.init", "init_group",
             "Write the community files missing from the repository at PATH."),
    "fix": ("opencheck.cli.fix", "fix_command",
            "Show the safe fixes of the report as a diff; --write applies them."),
    "baseline": ("opencheck.cli.baseline", "baseline_command",
                 "Record the findings of PATH; `check --baseline FILE` then reports only "
                 "new ones."),
    "deps": ("opencheck.cli.deps", "deps_command",
             "List the dependencies of the repository at PATH with their licences."),
    "batch": ("opencheck.cli.batch", "batch_command",
              "Audit many repositories; `opencheck batch SOURCE...` runs a batch."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module when the subcommand is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[cmd_name]
        with imports_kept():  # the command's modules live as long as the process
            command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of `--help`, from the summaries: no command module is imported."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _shortened(summary, limit))
                for name, (_, _, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _shortened(summary: str, limit: int) -> str:
    """The summary, cut at a word and marked with '...' when longer than `limit`."""
    if len(summary) <= limit:
        return summary
    cut = summary[: max(limit - 3, 1)].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "..."


@click.group(cls=LazyGroup)
@click.version_option(__version__, prog_name="opencheck")
def cli() -> None:
    """Is this repository ready to be published as free software?"""


def main() -> None:
    gc.set_threshold(*GC_THRESHOLD)  # again: a caller may have changed it since
    freeze_after_imports()
    for stream in (sys.stdout, sys.stderr):
        # a console or pipe in a legacy encoding (cp1252: Windows, piped to a file) has
        # no ✗ nor a file name's emoji: written as escapes, not an internal error
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        _ending()
        raise
    except Exception as error:  # the last guard: exit 3, one clear line, no traceback
        from opencheck.report.sanitize import printable

        # the message may quote the scanned repository (a value, a file name)
        click.echo(printable(f"opencheck: internal error: {type(error).__name__}: {error}",
                             one_line=True), err=True)
        if "--debug" in sys.argv or __import__("os").environ.get("OPENCHECK_DEBUG"):
            import traceback

            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)


def _ending() -> None:
    """The command is done and the process ends: every object is moved out of the
    cyclic collector's sight (`gc.freeze`), so that the full collection the interpreter
    makes on its way out, over everything the run built, walks nothing: 0.01 s, a
    twentieth of a small repository's history run. The files the command wrote are
    closed by then; the system takes the memory back."""
    gc.freeze()


if __name__ == "__main__":
    main()
