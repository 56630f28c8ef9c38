# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Regular expressions compiled on their first use, not when their module is imported.

A module-level `re.compile` runs in every process that imports the module. The secrets
family's filters (what a candidate value must not look like, about 70 patterns) cost
5 to 8 ms of CPU to compile, in every run, while a run compiles only those its
candidates reach: none on a repository without a keyword candidate, about half on a
web application. `lazy(source, flags)` keeps the source and compiles it on the first
search; the methods are those of `re.Pattern`.

Only for patterns tried per candidate or per file: a pattern run on every blob of a
history (a detector's) stays a plain `re.Pattern`, without the extra call.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic


class Lazy(Generic[AnyStr]):
    """A pattern compiled when a method is first called (`compiled` compiles it now)."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: AnyStr, flags: int = 0) -> None:
        self.source: AnyStr = source
        self.flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, self.flags)
        return compiled

    def search(self, string: AnyStr, pos: int = 0,
               endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: AnyStr, pos: int = 0,
              endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: AnyStr, pos: int = 0,
                  endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: AnyStr, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match[AnyStr]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr,
            count: int = 0) -> AnyStr:
        return self.compiled.sub(repl, string, count)


_MADE: list[Lazy[Any]] = []  # every pattern `lazy` made, for `compile_all`


def lazy(source: AnyStr, flags: int = 0) -> Lazy[AnyStr]:
    """`re.compile(source, flags)`, done when the pattern is first used."""
    pattern = Lazy(source, flags)
    _MADE.append(pattern)
    return pattern


def compile_all() -> int:
    """Compile every pattern `lazy` made that is not compiled yet; how many were."""
    waiting = [pattern for pattern in _MADE if pattern._compiled is None]
    for pattern in waiting:
        pattern.compiled  # noqa: B018 (compiles it)
    return len(waiting)
