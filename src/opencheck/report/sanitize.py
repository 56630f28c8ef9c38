# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Text from the scanned repository (paths, package names, quoted lines) is untrusted.

A file name or a dependency name can hold terminal escape sequences that would rewrite
the screen or the CI log. Renderers for people pass every such string through
`printable`, which shows control characters as visible escapes.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# A file name that is not UTF-8 is read with surrogateescape: each byte that is not
# UTF-8 becomes one of these code points, which no output encoding accepts.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def undecodable_escaped(text: str, json_text: bool = False) -> str:
    """Each byte of a name that is not UTF-8 as the four characters `\\xNN`, in every
    format (in JSON, inside a string, the backslash is itself escaped: `\\\\xNN`)."""
    backslash = "\\\\" if json_text else "\\"
    return _UNDECODABLE.sub(lambda m: f"{backslash}x{ord(m.group()) - 0xDC00:02x}", text)


def printable(value: str, one_line: bool = False) -> str:
    """The string with control and bidirectional-override characters made visible.

    With `one_line`, newlines and tabs too: a file name holding a newline must not
    print a second line that looks like a finding (or like none) in a CI log.
    """
    if one_line:
        value = value.replace("\n", "\\n").replace("\t", "\\t")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                        else f"\\u{ord(m.group()):04x}", value)
