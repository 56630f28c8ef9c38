# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which encodings write a line end as ASCII does, asked one encoding at a time.

reuse's extraction module, when imported, tries `"\\r\\n"` in every encoding name of
Python's alias table (about 400 names) to learn which ones give `b"\\r\\n"`, so that
`detect_newline` can look for ASCII line ends in their bytes. Each try imports the
codec's module: 98 modules, 17 ms or more of a 0.6 s check, in every run that reads a
file's REUSE information, while a run asks about one or two encodings (UTF-8, and
whatever libmagic names for the odd file).

`survey_deferred` imports the module over an empty alias table (its loop then tries
nothing) and puts in place of the set it built an `AsciiLineEnds`, which answers each
name with the same test when first asked: the same answers, for the names asked only.
The table Python's own codec search reads is the same dict throughout: only the
module attribute reuse reads is swapped during the import.
"""

from __future__ import annotations

import codecs
import contextlib
import sys
from collections.abc import Iterator, Set
from itertools import chain

# What reuse adds to its set after its loop (a BOM-writing codec it wants treated as
# ASCII); an import over an empty table leaves exactly this.
ALWAYS = frozenset({"utf_8_sig"})
_SET_NAME = "_LINE_ENDING_ENCODINGS_ASCII"


def writes_ascii_line_ends(name: str) -> bool:
    """reuse's test for one encoding name: `"\\r\\n"` encodes to `b"\\r\\n"`."""
    try:
        return codecs.encode("\r\n", name) == b"\r\n"
    except Exception:  # reuse suppresses any failure of a codec the same way
        return False


class AsciiLineEnds(Set[str]):
    """The set reuse's loop builds over `table` (plus ALWAYS), each member worked out
    when first asked about; iterating it works them all out."""

    def __init__(self, table: dict[str, str]) -> None:
        self._names = frozenset(chain.from_iterable(table.items()))
        self._known: dict[str, bool] = {}

    def __contains__(self, name: object) -> bool:
        if name in ALWAYS:
            return True
        if not isinstance(name, str) or name not in self._names:
            return False
        known = self._known.get(name)
        if known is None:
            known = self._known[name] = writes_ascii_line_ends(name)
        return known

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(ALWAYS | {name for name in self._names if name in self}))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@contextlib.contextmanager
def survey_deferred(module_name: str) -> Iterator[None]:
    """Import `module_name` (reuse.extract) inside this block without its survey of
    every codec; afterwards its set answers name by name. When the module did not
    build the set expected (another reuse), it is left as that import made it."""
    from encodings import aliases

    table = aliases.aliases
    aliases.aliases = {}
    try:
        yield
    finally:
        aliases.aliases = table
    module = sys.modules.get(module_name)
    if module is not None and getattr(module, _SET_NAME, None) == ALWAYS:
        setattr(module, _SET_NAME, AsciiLineEnds(table))
