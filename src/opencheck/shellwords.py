# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Words of the shell commands a fix gives: a value quoted so that a POSIX shell reads
it as one argument, and a path spelled as such a command spells it."""

from __future__ import annotations

import re

_SHELL_SAFE = re.compile(r"[\w@%+=:,./-]+")


def is_plain(value: str) -> bool:
    """No character of `value` means anything to the shell."""
    return _SHELL_SAFE.fullmatch(value) is not None


def quote(value: str) -> str:
    """`value` as one shell word: as is when plain, else between single quotes (a quote
    inside closed, escaped and reopened)."""
    if is_plain(value):
        return value
    return "'" + value.replace("'", "'\"'\"'") + "'"


def path_argument(path: str) -> str:
    """A file's path as a command's argument: a name like an option (`-rf`) is given
    from the current folder, so that no command reads it as one."""
    return quote(f"./{path}" if path.startswith("-") else path)


def path_spellings(path: str) -> tuple[str, ...]:
    """The ways a fix's text may name `path`: as a command's argument, then as is."""
    argument = path_argument(path)
    return (argument, path) if argument != path else (path,)
