# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""JSON and TOML from a scanned repository: every failure is the format's own error.

Python refuses to turn more than `sys.get_int_max_str_digits()` digits (4,300) into an
int, since that conversion is quadratic (CVE-2020-10735). `json` and `tomllib` let that
refusal out as a bare ValueError, not as their decode error, so a handler written for
`json.JSONDecodeError` or `tomllib.TOMLDecodeError` missed it: one 5,000-digit number
in pyproject.toml ended every run with exit code 3. These two readers raise the
format's error instead, with the place of the number. The same limit stops Python from
printing a larger int (`str`, `repr`, a JSON-Schema message), and a hexadecimal TOML or
YAML number of 5,000 digits is read without complaint: such a value is refused too.
yamlsafe does the same for YAML.
"""

from __future__ import annotations

import json
import operator
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tomllib

_DECIMAL = re.compile(r"[0-9]+")
_ANY_BASE = re.compile(r"[0-9a-fA-F_xob]+")
# 3 bits per decimal digit: a little under log2(10), so an int this function accepts
# always prints (4,300 digits hold at least 14,284 bits).
_MAX_BITS_PER_DIGIT = 3


def load_json(text: str) -> Any:
    """`json.loads`; a number too long to convert is a `json.JSONDecodeError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        raise json.JSONDecodeError(too_long_message(), text,
                                   long_number_at(text, _DECIMAL)) from error


# tomllib looks up every parent of a dotted key's last part again for each part, the
# square of their number: `a.a.…a = 1` of 32,000 parts (64 KB) took 11 s of CPU, a file
# of 5 MB hours. A key stands on one line, so the squares of each line's dots bound that
# work; real TOML files stay under 130,000 (a poetry.lock of 685 KB with long markers).
MAX_DOTTED_WORK = 4_000_000


# Past the squares, tomllib's pure-Python reader still spends about 2 µs of CPU per
# value in an array and up to 9 µs per key or table header: 5 MB of `1,1,…` took 4.4 s,
# of `a1.b = 1` lines 2.9 s, of empty `[tN]` tables 4.7 s (benchmarks/toml_cost.md).
# The work counted below (commas and lines, four for each `=`, `[` and `.`) keeps the
# 5 MB texts tried under 2 s of CPU there (1.6 s at most); real TOML stays far below it
# (the largest of 302 real files, a uv.lock of 974 KB: 158,000).
MAX_TOML_WORK = 800_000


def load_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads`; a number too long to convert or print is a `TOMLDecodeError`,
    and so is a text whose dotted keys would take tomllib the square of their parts, or
    a text of more values and keys than tomllib reads in time."""
    import tomllib  # 0.003 s, paid only by a run that reads a TOML file

    _refuse_long_dotted_keys(text)
    work = toml_work(text)
    if work > MAX_TOML_WORK:
        raise tomllib.TOMLDecodeError(
            f"too many values and keys to read in time ({work:,} counted, "
            f"{MAX_TOML_WORK:,} at most)")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except ValueError as error:
        raise _toml_error(text) from error
    if not all(printable_int(value) for value in _scalars(document)):
        raise _toml_error(text)
    return document


def toml_work(text: str) -> int:
    """The work `load_toml` counts (MAX_TOML_WORK at most)."""
    return text.count(",") + text.count("\n") + 4 * (
        text.count("=") + text.count("[") + text.count("."))


def _refuse_long_dotted_keys(text: str) -> None:
    dots = text.count(".")
    if dots * dots <= MAX_DOTTED_WORK:  # the sum of squares is at most the square of the sum
        return
    lines = text.split("\n")
    # each line's dots, its strings' and comment's too, bound the dots of its key: a
    # lockfile's lines of URLs (8 dots each) stay far under the limit without reading
    # each line's strings (5 ms for a 274 KB uv.lock, 40 ms for 1 MB)
    if sum(count * count for count in map(_dots_in, lines)) <= MAX_DOTTED_WORK:
        return
    work, worst, worst_line = 0, 0, 0
    for number, line in enumerate(lines, start=1):
        count = line.count(".")
        if count and ('"' in line or "'" in line or "#" in line):
            count = _key_dots(line)
        work += count * count
        if count > worst:
            worst, worst_line = count, number
    if work > MAX_DOTTED_WORK:
        import tomllib

        raise tomllib.TOMLDecodeError(
            f"too many dotted parts to read in time ({worst} dots at line {worst_line})")


_dots_in = operator.methodcaller("count", ".")


# A line's start outside a comment and an open string: plain characters and whole
# strings (a basic one's escapes read), each read once (possessive, no alternative
# shares a first character); then its strings, taken out to count what is left.
_BEFORE_COMMENT = re.compile(r"""(?:[^"'#]++|'[^']*+'|"(?:[^"\\]++|\\.)*+")*+""")
_STRINGS = re.compile(r"'[^']*+'|" r'"(?:[^"\\]++|\\.)*+"')


def _key_dots(line: str) -> int:
    """The dots of a line outside its strings and its comment, those a key may hold: a
    one-line array of 2,000 dotted names (`"pkg.module"`) is a value, no key, and was
    refused as one. A string left open runs to the line's end (a multi-line string's
    content)."""
    found = _BEFORE_COMMENT.match(line)
    end = found.end() if found else 0
    return _STRINGS.sub("", line[:end]).count(".")


def _toml_error(text: str) -> tomllib.TOMLDecodeError:
    import tomllib

    position = long_number_at(text, _ANY_BASE)
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return tomllib.TOMLDecodeError(f"{too_long_message()} (at line {line}, column {column})")


def _scalars(value: Any) -> Iterator[Any]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            yield item


def printable_int(value: Any) -> bool:
    """False for an int whose decimal form Python refuses to write (too many digits)."""
    if type(value) is not int:
        return True
    limit = sys.get_int_max_str_digits()
    return not limit or value.bit_length() <= _MAX_BITS_PER_DIGIT * limit


def too_long_message() -> str:
    return f"number of more than {sys.get_int_max_str_digits()} digits"


def long_number_at(text: str, digits: re.Pattern[str]) -> int:
    """Where the first number too long to convert or print may start (0 if none): one
    pass. With `_ANY_BASE`, a run of hexadecimal digits counts (4 bits each)."""
    limit = sys.get_int_max_str_digits()
    if digits is _ANY_BASE:
        limit //= 4
    for found in digits.finditer(text):
        if limit and found.end() - found.start() > limit:
            return found.start()
    return 0
