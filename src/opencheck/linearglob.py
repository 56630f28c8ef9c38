# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The path globs of REUSE.toml and `.reuse/dep5`, matched in linear time.

reuse turns an annotation's glob into a regular expression (`*` as `[^/]*`, `**` as
`.*`) and python-debian a dep5 one (`*` as `.*`, `?` as `.`), both matched by Python's
backtracking engine: `**a**a**a**b` against a path of 400 `a` took 2.7 s, and the time
grows with the fourth power of the path (4,096 characters: hours, in C, where no
time-out reaches). Both are in the scanned repository. Here the expression each library
made is read back into its tokens (a character, one of any character, a run within a
folder, any run) and matched as a set of positions that advances one character at a
time: each character costs a few integer operations whatever the glob, and the answer
is the expression's own (`^(...)$` for reuse, a dollar that also ends before a final
newline; `fullmatch` for dep5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ANY, RUN, SEGMENT_RUN = "any", "run", "segment-run"  # `.`, `.*`, `[^/]*`


def tokens(expression: str) -> list[str | tuple[str]] | None:
    """The tokens of one alternative of such an expression: a one-character string is
    that character, `(ANY,)`, `(RUN,)`, `(SEGMENT_RUN,)`; None for anything else."""
    found: list[str | tuple[str]] = []
    index = 0
    while index < len(expression):
        if expression.startswith("[^/]*", index):
            found.append((SEGMENT_RUN,))
            index += 5
        elif expression.startswith(".*", index):
            found.append((RUN,))
            index += 2
        elif expression[index] == ".":
            found.append((ANY,))
            index += 1
        elif expression[index] == "\\" and index + 1 < len(expression):
            found.append(expression[index + 1])
            index += 2
        elif expression[index] in "()[]{}|^$*+?\\":
            return None  # not what either library writes
        else:
            found.append(expression[index])
            index += 1
    return found


@dataclass(frozen=True)
class Glob:
    """One glob's positions as bits: bit i is "the next token to match is i"."""

    literal: dict[str, int]
    any_char: int
    run: int
    segment_run: int
    accept: int
    dotall: bool  # `.*` also crosses a newline (dep5's flag; reuse's `.*` stops there)

    @classmethod
    def of(cls, parts: list[str | tuple[str]], dotall: bool) -> Glob:
        # A run next to a run of its kind adds nothing (python-debian writes `**` as
        # `.*.*`); kept, each costs a step of `_closed` per character: a dep5 glob of
        # 4,000 stars took 0.75 ms a try on a 40-character path.
        parts = [part for index, part in enumerate(parts)
                 if not (index and part == parts[index - 1] and part in ((RUN,), (SEGMENT_RUN,)))]
        literal: dict[str, int] = {}
        any_char = run = segment_run = 0
        for position, part in enumerate(parts):
            bit = 1 << position
            if part == (ANY,):
                any_char |= bit
            elif part == (RUN,):
                run |= bit
            elif part == (SEGMENT_RUN,):
                segment_run |= bit
            else:
                literal[str(part)] = literal.get(str(part), 0) | bit
        return cls(literal, any_char, run, segment_run, 1 << len(parts), dotall)

    def _closed(self, state: int) -> int:
        """A run may match nothing: a position on one also stands after it."""
        runs = self.run | self.segment_run
        while True:
            wider = state | ((state & runs) << 1)
            if wider == state:
                return state
            state = wider

    def ends(self, text: str) -> tuple[bool, bool]:
        """Whether the glob matches all of `text`, and all of it but its last character."""
        state = self._closed(1)
        before_last = False
        for index, char in enumerate(text):
            if index == len(text) - 1:
                before_last = bool(state & self.accept)
            moved = (state & (self.literal.get(char, 0) | self.any_char)) << 1
            runs = self.segment_run if char != "/" else 0
            if char != "\n" or self.dotall:
                runs |= self.run
            kept = state & runs
            state = self._closed(moved | kept)
            if not state:
                return False, before_last
        return bool(state & self.accept), before_last


# An expression with at most one run, and a short text after it, backtracks over that
# text from each position at most: linear, and faster left to the library.
SAFE_TAIL = 64


def _backtracks(alternatives: list[list[str | tuple[str]]]) -> bool:
    for parts in alternatives:
        runs = [index for index, part in enumerate(parts) if part in ((RUN,), (SEGMENT_RUN,))]
        if len(runs) > 1 or (runs and len(parts) - runs[0] > SAFE_TAIL):
            return True
    return False


def reuse_alternatives(pattern: str) -> list[str] | None:
    """The expression of each glob in reuse's `^(A)$|^(B)$` (None for another form).
    reuse escapes every `)`, `$`, `|`, `^` and `(` of a glob, so the separator is never
    part of one."""
    if not (pattern.startswith("^(") and pattern.endswith(")$")):
        return None
    return pattern[2:-2].split(")$|^(")


def dep5_alternatives(pattern: str) -> list[str]:
    """The expression of each glob in python-debian's `A|B` (escaped `|` kept)."""
    found: list[str] = []
    alternative: list[str] = []
    index = 0
    while index <= len(pattern):
        if index == len(pattern) or pattern[index] == "|":
            found.append("".join(alternative))
            alternative = []
            index += 1
            continue
        step = 2 if pattern[index] == "\\" else 1
        alternative.append(pattern[index:index + step])
        index += step
    return found


def reuse_matcher(pattern: str) -> Callable[[str], bool] | None:
    """For reuse's `^(A)$|^(B)$`: whether a path matches, as `re.match` says; None
    when the expression cannot backtrack (or is not one reuse writes)."""
    texts = reuse_alternatives(pattern)
    if texts is None:
        return None
    alternatives = [tokens(alternative) for alternative in texts]
    known = [parts for parts in alternatives if parts is not None]
    if len(known) < len(alternatives) or not _backtracks(known):
        return None
    globs = [Glob.of(parts, dotall=False) for parts in known]

    def matches(path: str) -> bool:
        for glob in globs:
            whole, before_last = glob.ends(path)
            if whole or (before_last and path.endswith("\n")):
                return True
        return False

    return matches


def dep5_matcher(pattern: str) -> Callable[[str], bool] | None:
    """For python-debian's `A|B` (DOTALL): whether a file name matches, as
    `fullmatch` says; None when the expression cannot backtrack."""
    known: list[list[str | tuple[str]]] = []
    for alternative in dep5_alternatives(pattern):
        parts = tokens(alternative)
        if parts is None:
            return None
        known.append(parts)
    if not _backtracks(known):
        return None
    globs = [Glob.of(parts, dotall=True) for parts in known]
    return lambda name: any(glob.ends(name)[0] for glob in globs)
