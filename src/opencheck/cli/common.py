# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from opencheck.i18n import default_language
from opencheck.model import Text
from opencheck.report.sanitize import printable, undecodable_escaped

EXIT_READY = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

F = TypeVar("F", bound=Callable[..., Any])


def lang_option(function: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["fr", "en"]),
        default=None,
        help="Language of messages (default: French when the locale is French).",
    )(function)


def resolve_lang(lang: str | None) -> str:
    return lang or default_language()


def fail_usage(message: Text | str, lang: str | None = None) -> NoReturn:
    """One line on standard error, in the user's language; exit code 2."""
    text = message.get(resolve_lang(lang)) if isinstance(message, Text) else message
    # a message may quote a path or a value from the repository: one visible line
    click.echo(f"opencheck: {printable(undecodable_escaped(text), one_line=True)}", err=True)
    sys.exit(EXIT_USAGE)
