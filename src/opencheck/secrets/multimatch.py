# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which detectors can match a blob, found in one pass over its bytes in C.

Every detector's pattern is compiled, once per process, into one Hyperscan database
(the engine the fastest secret scanners use). Scanning a blob with it tells, in one
pass, which detectors have a candidate in it; only those then run their Python
pattern and validators. Most blobs have none, and the Python cost per blob falls to
one call.

The database is built from the Python patterns themselves, never written twice: each
pattern is parsed by `re`'s own parser and spelled again with what Hyperscan accepts.
Look-arounds, anchors and word boundaries are dropped and very long bounded repeats
left open, so the spelled pattern matches wherever the Python pattern does, and
sometimes more: a detector is never skipped where it would have found something, and
the findings are those of the pure-Python scan (a test compares the two).

Without the `hyperscan` wheel, or where it cannot run (a CPU without SSSE3, a platform
without a wheel), the pure-Python engine runs every detector on every blob, as before;
`engine_name()` says which one ran, and the report's metadata repeats it.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from opencheck.secrets import enginecache

try:  # Python 3.11 names the parser re._parser; older ones sre_parse
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ENGINE_VARIABLE = "OPENCHECK_SECRETS_ENGINE"  # "python" forces the fallback
LONG_REPEAT = 255  # past this, a bounded repeat is left open (a superset, cheaper to build)

_SPACE = frozenset(b" \t\n\r\x0b\x0c")
_DIGIT = frozenset(range(0x30, 0x3A))
_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
ALL_BYTES = frozenset(range(256))
CATEGORIES = {
    "CATEGORY_DIGIT": _DIGIT, "CATEGORY_NOT_DIGIT": ALL_BYTES - _DIGIT,
    "CATEGORY_SPACE": _SPACE, "CATEGORY_NOT_SPACE": ALL_BYTES - _SPACE,
    "CATEGORY_WORD": _WORD, "CATEGORY_NOT_WORD": ALL_BYTES - _WORD,
}


class Unsupported(ValueError):
    """The pattern uses something with no superset spelling (a back-reference)."""


# A spelled pattern may take one byte more on each side than the Python match (the
# byte its boundary test looks at): subtract this too when going back from a match end.
MARGIN = 2


_parsed: dict[tuple[bytes, int], Any] = {}


def parsed(pattern: re.Pattern[bytes]) -> Any:
    """`re`'s own parse of a pattern, once per process: the facts read from it (its
    superset, its widest match, whether a match may hold a newline, its widest
    look-around, the bytes of its runs) each parsed every detector again. Read it,
    never change it."""
    key = (pattern.pattern, pattern.flags)
    found = _parsed.get(key)
    if found is None:
        found = _parsed[key] = sre_parse.parse(pattern.pattern, pattern.flags)
    return found


def superset(pattern: re.Pattern[bytes], caseless: bool = False,
             not_after: bytes = b"") -> bytes:
    """The pattern spelled for Hyperscan, matching at least wherever it matches.

    A leading look-behind or trailing look-ahead that forbids one class of byte, and
    `not_after` (bytes the caller refuses just before a match), become that byte's
    class or the start or end of the data: a 13-digit run inside a longer number then
    no longer makes a blob a NIR candidate. Under `caseless`, only a class closed under
    case is kept so (Hyperscan would fold it and forbid more).
    """
    items = list(parsed(pattern))
    before: frozenset[int] = frozenset(not_after)
    after: frozenset[int] = frozenset()
    if items and str(items[0][0]) == "ASSERT_NOT" and items[0][1][0] == -1:
        forbidden = _one_byte(items[0][1][1])
        if forbidden is not None:
            before, items = before | forbidden, items[1:]
    if items and str(items[-1][0]) == "ASSERT_NOT" and items[-1][1][0] == 1:
        forbidden = _one_byte(items[-1][1][1])
        if forbidden is not None:
            after, items = forbidden, items[:-1]
    spelled = _sequence(items)
    if _usable_bound(before, caseless):
        spelled = b"(?:^|" + _class(ALL_BYTES - before) + b")" + spelled
    if _usable_bound(after, caseless):
        spelled += b"(?:" + _class(ALL_BYTES - after) + b"|$)"
    return spelled


def _one_byte(subpattern: Any) -> frozenset[int] | None:
    """The bytes a one-byte assertion body matches, or None for anything longer."""
    items = list(subpattern)
    if len(items) != 1:
        return None
    op, av = items[0]
    name = str(op)
    if name == "LITERAL":
        return frozenset({av})
    if name == "IN":
        try:
            return members(av)
        except Unsupported:
            return None
    if name == "CATEGORY":
        return CATEGORIES[str(av)]
    return None


def _usable_bound(forbidden: frozenset[int], caseless: bool) -> bool:
    if not forbidden or forbidden == ALL_BYTES:
        return False
    if not caseless:
        return True
    return all((byte ^ 0x20 in forbidden) == (byte in forbidden)
               for byte in range(256) if chr(byte).isascii() and chr(byte).isalpha())


def _sequence(items: Iterable[tuple[Any, Any]]) -> bytes:
    return b"".join(_item(op, av) for op, av in items)


def _byte(value: int) -> bytes:
    return b"\\x%02x" % value


def _class(members: frozenset[int] | set[int]) -> bytes:
    if not members:
        raise Unsupported("an empty class")
    if len(members) == 1:
        return _byte(next(iter(members)))
    ranges: list[bytes] = []
    ordered = sorted(members)
    start = previous = ordered[0]
    for value in [*ordered[1:], -1]:
        if value == previous + 1:
            previous = value
            continue
        ranges.append(_byte(start) if start == previous else _byte(start) + b"-" + _byte(previous))
        start = previous = value
    return b"[" + b"".join(ranges) + b"]"


def members(items: Sequence[tuple[Any, Any]]) -> frozenset[int]:
    found: set[int] = set()
    negate = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            found.add(av)
        elif name == "RANGE":
            found.update(range(av[0], av[1] + 1))
        elif name == "CATEGORY":
            found.update(CATEGORIES[str(av)])
        else:
            raise Unsupported(f"{name} in a class")
    return ALL_BYTES - found if negate else frozenset(found)


def _item(op: Any, av: Any) -> bytes:
    name = str(op)
    if name == "LITERAL":
        return _byte(av)
    if name == "NOT_LITERAL":
        return _class(ALL_BYTES - {av})
    if name == "ANY":
        return _class(ALL_BYTES)
    if name == "IN":
        return _class(members(av))
    if name == "CATEGORY":
        return _class(CATEGORIES[str(av)])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        inner = b"(?:" + _sequence(body) + b")"
        low = min(low, LONG_REPEAT)
        if high == sre_constants.MAXREPEAT or high > LONG_REPEAT:
            return inner + (b"*" if low == 0 else b"{%d,}" % low)
        return inner + b"{%d,%d}" % (low, high)
    if name == "SUBPATTERN":
        return b"(?:" + _sequence(av[-1]) + b")"
    if name == "ATOMIC_GROUP":
        return b"(?:" + _sequence(av) + b")"
    if name == "BRANCH":
        return b"(?:" + b"|".join(_sequence(branch) for branch in av[1]) + b")"
    if name in ("ASSERT", "ASSERT_NOT", "AT"):
        return b""  # dropping a condition only widens what matches
    raise Unsupported(name)


class Engine(Protocol):
    name: str

    def candidates(self, data: bytes) -> frozenset[int] | None:
        """Indices of the patterns that may match `data`; None means all of them."""

    def first_ends(self, data: bytes) -> dict[int, int] | None:
        """The patterns that may match `data`, each with an offset that no match of it
        ends before (0 when unknown); None means all of them, from the start."""


class PythonEngine:
    """No prefilter: every detector runs its own pattern (the scan as it always was)."""

    name = "python"

    def __init__(self, reason: str = "") -> None:
        self.reason = reason  # why the fallback runs, for the report

    def candidates(self, data: bytes) -> frozenset[int] | None:
        return None

    def first_ends(self, data: bytes) -> dict[int, int] | None:
        return None


# (pattern, case-insensitive[, bytes refused just before a match])
Spec = tuple[re.Pattern[bytes], bool] | tuple[re.Pattern[bytes], bool, bytes]
Exported = tuple[frozenset[int], bytes | None]


class HyperscanEngine:
    """One Hyperscan database of every pattern's superset: one pass per blob, whatever
    its size.

    Blobs above 68 KB were once scanned twice, bounded patterns in overlapping windows
    and open-ended ones whole, because the spellings of that time made Hyperscan's time
    grow with the square of a blob full of near-matches (5 MB of `glpat-glpat-...`: 106
    s). The spellings since (a boundary class for each refused byte before or after a
    match) scan every pathological run of tests/hostile in linear time, which
    tests/hostile/test_prefilter_linear.py holds; one pass costs half of two on the
    large lockfiles and bundles of a web history.
    """

    name = "hyperscan"

    def __init__(self, patterns: Sequence[Spec],
                 cache: Path | None = None, omit: frozenset[int] = frozenset()) -> None:
        """Compile the database, or load it from the `cache` folder when it holds it
        (and store it there once compiled). The patterns of `omit` (indices) are left
        out: never candidates, where the caller does not run them."""
        import hyperscan

        key = _cache_key(patterns, omit) if cache is not None else ""
        if cache is not None and self._load_stored(cache, key):
            return
        expressions: list[bytes] = []
        ids: list[int] = []
        flags: list[int] = []
        always: set[int] = set()
        for index, (pattern, caseless, *rest) in enumerate(patterns):
            if index in omit:
                continue
            try:
                spelled = superset(pattern, caseless, rest[0] if rest else b"")
            except (Unsupported, re.error, KeyError):
                always.add(index)
                continue
            if _matches_empty(spelled):
                always.add(index)
                continue
            expressions.append(spelled)
            ids.append(index)
            flag = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_DOTALL
            flags.append(flag | (hyperscan.HS_FLAG_CASELESS if caseless else 0))
        self.always = frozenset(always)
        self.single = _compiled(expressions, ids, flags)
        if cache is not None:
            enginecache.write(cache, key, self.always, self.export()[1:])

    @classmethod
    def cached(cls, patterns: Sequence[Spec],
               cache: Path) -> HyperscanEngine | None:
        """The engine stored in `cache` for these patterns, or None (nothing compiled)."""
        engine = cls.__new__(cls)
        return engine if engine._load_stored(cache, _cache_key(patterns)) else None

    def _load_stored(self, cache: Path, key: str) -> bool:
        stored = enginecache.read(cache, key)
        if stored is None or len(stored[1]) != 1:
            return False
        try:
            single = _loaded(stored[1][0])
        except Exception:  # damaged, or made by another Hyperscan: compiled again
            return False
        self.always, self.single = stored[0], single
        return True

    def export(self) -> Exported:
        """The compiled database as bytes, for worker processes (no compiling again)."""
        import hyperscan

        dumped = None if self.single is None else bytes(hyperscan.dumpb(self.single))
        return (self.always, dumped)

    @classmethod
    def load(cls, exported: Exported) -> HyperscanEngine:
        engine = cls.__new__(cls)
        engine.always, single = exported
        engine.single = _loaded(single)
        return engine

    def candidates(self, data: bytes) -> frozenset[int] | None:
        return frozenset(self.first_ends(data))

    def first_ends(self, data: bytes) -> dict[int, int]:
        # A superset has no anchor nor assertion, and with SINGLEMATCH each pattern
        # reports one match: its first end in the blob.
        found = dict.fromkeys(self.always, 0)
        if data and self.single is not None:
            self.single.scan(data, match_event_handler=_first_end, context=found)
        return found


def _first_end(pattern_id: int, _start: int, end: int, _flags: int,
               found: dict[int, int]) -> None:
    """Hyperscan's match handler: keep each pattern's smallest end offset."""
    known = found.get(pattern_id)
    if known is None or end < known:
        found[pattern_id] = end


def _compiled(expressions: list[bytes], ids: list[int], flags: list[int]) -> Any:
    import hyperscan

    if not expressions:
        return None
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
    return database


def _loaded(serialized: bytes | None) -> Any:
    import hyperscan

    if serialized is None:
        return None
    database = hyperscan.loadb(serialized, hyperscan.HS_MODE_BLOCK)
    database.scratch = hyperscan.Scratch(database)
    return database


def _cache_key(patterns: Sequence[Spec], omit: frozenset[int] = frozenset()) -> str:
    import hyperscan

    # This file's own text is part of the name: a change in how patterns are spelled
    # or grouped never reuses databases made the old way.
    return enginecache.cache_key(
        getattr(hyperscan, "__version__", ""), Path(__file__).read_bytes(),
        [(spec[0].pattern, spec[0].flags, *spec[1:]) for spec in patterns], sorted(omit))


def widest(pattern: re.Pattern[bytes]) -> int:
    """The most bytes one match of the Python pattern can span (huge when unbounded)."""
    try:
        return int(parsed(pattern).getwidth()[1])
    except (re.error, OverflowError):
        return 1 << 62


def _matches_empty(spelled: bytes) -> bool:
    return re.fullmatch(spelled, b"", re.DOTALL) is not None


def _forced_python() -> bool:
    return os.environ.get(ENGINE_VARIABLE, "").strip().lower() == "python"


def describe(engine: Engine) -> str:
    """`hyperscan`, or `python` with why the fallback runs."""
    reason = getattr(engine, "reason", "")
    return f"{engine.name} ({reason})" if reason else engine.name


def expected_name() -> str:
    """What `describe(build(...))` would say, without building (it takes 0.2 s)."""
    if _forced_python():
        return describe(PythonEngine(FORCED))
    if importlib.util.find_spec("hyperscan") is None:
        return describe(PythonEngine(MISSING))
    return HyperscanEngine.name


FORCED = f"{ENGINE_VARIABLE}=python"
MISSING = "hyperscan is not installed"


def build(patterns: Sequence[Spec], omit: frozenset[int] = frozenset()) -> Engine:
    """The fastest engine that runs here; `patterns` are (pattern, case-insensitive),
    those of `omit` left out of a Hyperscan database."""
    if _forced_python():
        return PythonEngine(FORCED)
    try:
        return HyperscanEngine(patterns, enginecache.cache_root(), omit)
    except ImportError:
        return PythonEngine(MISSING)
    except Exception as error:  # an unsupported CPU, a broken wheel: the fallback runs
        return PythonEngine(f"hyperscan failed: {type(error).__name__}")


def load_cached(patterns: Sequence[Spec]) -> Engine | None:
    """The Hyperscan engine the cache holds for `patterns`, else None (loading it costs
    next to nothing, so even a small input may use it)."""
    cache = enginecache.cache_root()
    if cache is None or _forced_python() or importlib.util.find_spec("hyperscan") is None:
        return None
    try:
        return HyperscanEngine.cached(patterns, cache)
    except Exception:  # a broken wheel: the caller builds, or falls back, as usual
        return None
