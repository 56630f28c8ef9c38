# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Options and helpers shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from opencheck.i18n import default_language

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


def fail_usage(message: str) -> None:
    """One line on standard error, exit code 2."""
    click.echo(f"opencheck: {message}", err=True)
    sys.exit(EXIT_USAGE)
