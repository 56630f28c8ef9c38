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
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub")


class Lazy(Generic[AnyStr]):
    """A pattern compiled when a method is first called (`compiled` compiles it now).

    Once compiled, the compiled pattern's own methods are stored in the instance: a
    call is then the C method's, with no Python frame in between (a history's scan
    makes hundreds of thousands of them)."""

    __slots__ = ("_compiled", "flags", "source", *_METHODS)

    search: Callable[..., re.Match[AnyStr] | None]
    match: Callable[..., re.Match[AnyStr] | None]
    fullmatch: Callable[..., re.Match[AnyStr] | None]
    finditer: Callable[..., Iterator[re.Match[AnyStr]]]
    findall: Callable[..., list[Any]]
    split: Callable[..., list[AnyStr | Any]]
    sub: Callable[..., AnyStr]

    def __init__(self, source: AnyStr, flags: int = 0) -> None:
        self.source: AnyStr = source
        self.flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.source, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:
        # only for a method not stored yet: the first call compiles the pattern
        if name not in _METHODS:
            raise AttributeError(name)
        return getattr(self.compiled, name)


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
