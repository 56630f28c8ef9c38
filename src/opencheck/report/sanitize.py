# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Text from the scanned repository (paths, package names, quoted lines) is untrusted.

A file name or a dependency name can hold terminal escape sequences that would rewrite
the screen or the CI log. Renderers for people pass every such string through
`printable`, which shows control characters as visible escapes.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, NEL…), then Unicode's invisible format characters: the
# Arabic letter mark, zero-width spaces and joiners, left-to-right and right-to-left
# marks, the line and paragraph separators U+2028/U+2029 (a new line to some viewers),
# bidirectional embeddings, overrides and isolates, word joiners, the BOM.
_FORMAT = "\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_FORMAT}]")
_JSON_UNSAFE = re.compile(f"[\\x7f-\\x9f{_FORMAT}]")
# A CI runner's older command syntax, read anywhere in a line of a step's output:
# GitHub's `##[name]data` (actions/runner, ActionCommand.TryParse: a file named
# `##[stop-commands]tok` stopped every annotation after the line naming it), Azure
# Pipelines' `##vso[...]` and TeamCity's `##teamcity[...]` service messages. Its
# bracket is shown as `\x5b` (`\u005b` in JSON, where the value is unchanged). Spelled
# from its `##`, which `re` looks for as a literal (as look-behinds, it was tried at
# every character: 28 ms a megabyte, a JSON report's whole cost once a fix quoted `##`).
_RUNNER_COMMAND = re.compile(r"(##(?:vso|teamcity)?)\[", re.IGNORECASE)


# A file name that is not UTF-8 is read with surrogateescape: each byte that is not
# UTF-8 becomes one of the code points U+DC80 to U+DCFF, which no output encoding
# accepts. A JSON file's `\ud800` escape gives any other surrogate alone, as
# unwritable: one in a committed package.json's name ended every format's output in an
# internal error (exit code 3, no report).
_UNDECODABLE = re.compile("[\ud800-\udfff]")


def undecodable_escaped(text: str, json_text: bool = False) -> str:
    """Each byte of a name that is not UTF-8 as the four characters `\\xNN`, in every
    format (in JSON, inside a string, the backslash is itself escaped: `\\\\xNN`);
    any other surrogate alone (a JSON escape) as the six characters `\\uXXXX`."""
    backslash = "\\\\" if json_text else "\\"

    def escaped(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"{backslash}x{code - 0xDC00:02x}"
        return f"{backslash}u{code:04x}"

    return _UNDECODABLE.sub(escaped, text)


def json_escaped(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters above
    written as `\\uXXXX` escapes: the decoded values are unchanged, but no viewer of the
    file sees a reordered or broken line. JSON already escapes C0 controls."""
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return _RUNNER_COMMAND.sub(r"\1\\u005b", text) if "##" in text else text


def printable(value: str, one_line: bool = False) -> str:
    """The string with control and bidirectional-override characters made visible.

    With `one_line`, newlines and tabs too: a file name holding a newline must not
    print a second line that looks like a finding (or like none) in a CI log.
    """
    if one_line:
        value = value.replace("\n", "\\n").replace("\t", "\\t")
    value = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                         else f"\\u{ord(m.group()):04x}", value)
    return _RUNNER_COMMAND.sub(r"\1\\x5b", value) if "##" in value else value


def command_output(text: str, json_text: bool = False) -> str:
    """The whole output of a command other than `check` (`licence`, `deps`,
    `publiccode validate`...), built from repository values: the escapes above over all
    of it. Text and CSV lines keep their newlines and tabs; JSON (the SPDX document
    too) keeps its value (its C0 controls are already escaped, the rest become
    `\\uXXXX`)."""
    text = undecodable_escaped(text, json_text)
    return json_escaped(text) if json_text else printable(text)


# What makes a spreadsheet read a CSV cell as a formula (a tab or a carriage return
# before one too).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula: an apostrophe before one
    (spreadsheets hide it); None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
