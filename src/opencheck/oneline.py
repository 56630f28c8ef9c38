# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A value from the scanned repository that opencheck writes into a file on one line
(a copyright holder, a publisher, a contact): one line, printable, short, or nothing.

A holder that holds a newline would add its own licence-identifier line to
every header `opencheck fix` writes; a publisher with a newline would add a section to
a README. Such a value is refused rather than cut, so that nobody signs a half-name.
"""

from __future__ import annotations

import unicodedata

MAX_CHARS = 200


def one_line(value: object, limit: int = MAX_CHARS) -> str | None:
    """`value` stripped when it is a short printable line of text, else None."""
    if not isinstance(value, str):
        return None
    # French typography puts no-break spaces in names: they become plain spaces.
    text = "".join(" " if unicodedata.category(char) == "Zs" else char
                   for char in value).strip()
    if not text or len(text) > limit:
        return None
    # isprintable() is False for controls, line and paragraph separators, bidi
    # overrides and other format characters.
    if not all(char.isprintable() for char in text):
        return None
    return text
