# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every regular expression of opencheck, and the inputs that make each one slow.

`collect()` imports every module of the package and gathers each compiled pattern it
can reach: module globals, class attributes, patterns held in tuples, lists, dicts and
dataclass instances (the secret detectors), and each `re.<function>(<pattern>, ...)`
call in the source whose pattern can be evaluated with the module's globals (patterns
compiled inside functions). A call whose pattern is built from local values cannot be
evaluated: it is listed in `Sites.dynamic` for a reader to check.

`inputs(pattern)` builds, from the pattern's own parse tree, the runs that make a
backtracking engine go quadratic or worse: each repeated item's sample (one character
of each class, the literal words, the body of a repeated group) repeated without end,
after each literal that starts a candidate and the part of the pattern before each
repeat, then followed by a byte that makes the match fail.

tests/hostile/test_regex_probe.py screens every pattern on each input at small sizes in
a child that is killed past a ceiling, then runs the slowest inputs at 1 MB and 5 MB;
benchmarks/regex_probe.py prints the same as a table (benchmarks/hostile.md).
"""

from __future__ import annotations

import ast
import contextlib
import ctypes
import dataclasses
import hashlib
import importlib
import itertools
import json
import os
import pkgutil
import re
import resource
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

import regex

import opencheck
from opencheck.lazyre import Lazy

_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
          "split"}
# Where each function of `re` takes its flags (position after the pattern).
_FLAGS_AT = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2,
             "findall": 2, "split": 3, "sub": 4, "subn": 4}
_WHOLE = {"search", "finditer", "findall", "sub", "subn", "split"}


# Patterns held in a container, whose callers were read: they only `match` each on a
# short value (the probe cannot see which method a loop variable calls).
MATCHED_ONLY = {
    # reuse's own lists, matched by reuse_adapter.is_covered on one path part each
    "opencheck/reuse_adapter.py:_IGNORE_FILE_PATTERNS",
    "opencheck/reuse_adapter.py:_IGNORE_DIR_PATTERNS",
}


@dataclass
class Site:
    """One pattern, where it is, and whether any caller searches with it (else it only
    anchors with `match`/`fullmatch`, and is probed that way)."""

    where: str
    pattern: Any  # re.Pattern[str] | re.Pattern[bytes] | regex.Pattern
    searched: bool = True

    @property
    def key(self) -> tuple[object, int]:
        return (self.pattern.pattern, self.pattern.flags)


@dataclass
class Sites:
    found: list[Site] = field(default_factory=list)
    dynamic: list[str] = field(default_factory=list)


# lazyre's registry holds the patterns of other modules, found at their own sites (with
# how each is used there): read from the registry, each would be taken as searched
_REGISTRIES = frozenset({"opencheck.lazyre"})


def _modules() -> Iterator[Any]:
    yield opencheck
    for info in pkgutil.walk_packages(opencheck.__path__, "opencheck."):
        if info.name in _REGISTRIES:
            continue
        try:
            yield importlib.import_module(info.name)
        except ImportError:  # an optional dependency that is not installed
            continue


def _is_pattern(value: object) -> bool:
    return isinstance(value, (re.Pattern, regex.Pattern))


def _reachable(value: object, depth: int = 0) -> Iterator[Any]:
    """Patterns inside a module global: itself, or inside containers and dataclasses;
    a pattern compiled on first use (`opencheck.lazyre`) is compiled here."""
    if _is_pattern(value):
        yield value
    elif isinstance(value, Lazy):
        yield value.compiled
    elif depth >= 4:
        return
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in itertools.islice(value, 2000):
            yield from _reachable(item, depth + 1)
    elif isinstance(value, dict):
        for item in itertools.islice(itertools.chain(value.keys(), value.values()), 4000):
            yield from _reachable(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _reachable(getattr(value, item.name, None), depth + 1)


def _methods_used(tree: ast.AST) -> dict[str, set[str]]:
    """For each name, the pattern methods called on it anywhere in the module."""
    used: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            used.setdefault(node.value.id, set()).add(node.attr)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            used.setdefault(node.value.attr, set()).add(node.attr)
    return used


def _flags_of(call: ast.Call, name: str, namespace: dict[str, Any]) -> int:
    for keyword in call.keywords:
        if keyword.arg == "flags":
            return int(eval(compile(ast.Expression(keyword.value), "<flags>", "eval"), namespace))
    position = _FLAGS_AT[name]
    if len(call.args) > position:
        return int(eval(compile(ast.Expression(call.args[position]), "<flags>", "eval"),
                        namespace))
    return 0


def _named(tree: ast.Module) -> set[int]:
    """The values of `NAME = ...` at module or class level: a pattern compiled there is a
    module or class attribute, whose callers `collect` reads by name."""
    statements = list(tree.body)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            statements += node.body
    return {id(node.value) for node in statements
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None}


def _calls_in(module: Any, path: Path, tree: ast.Module, sites: Sites) -> None:
    namespace = dict(vars(module))
    namespace.setdefault("re", re)
    named = _named(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "regex")
                and node.func.attr in _CALLS and node.args):
            continue
        if node.func.attr == "compile" and id(node) in named:
            continue  # a named pattern: found by its name, with the methods called on it
        where = f"{path.relative_to(Path(opencheck.__file__).parent.parent)}:{node.lineno}"
        engine = re if node.func.value.id == "re" else regex
        try:
            source = eval(compile(ast.Expression(node.args[0]), where, "eval"), namespace)
            flags = _flags_of(node, node.func.attr, namespace)
            pattern = engine.compile(source, flags)
        except Exception:  # built from local values: listed for a reader
            sites.dynamic.append(where)
            continue
        searched = node.func.attr in _WHOLE or node.func.attr == "compile"
        sites.found.append(Site(where, pattern, searched))


def collect() -> Sites:
    sites = Sites()
    root = Path(opencheck.__file__).parent
    for module in _modules():
        path = Path(module.__file__)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = _methods_used(tree)
        located = {}
        for site in list(sites.found):
            located[site.key] = site
        _calls_in(module, path, tree, sites)
        for name, value in vars(module).items():
            holders = [(name, value)]
            if isinstance(value, type) and value.__module__ == module.__name__:
                holders += [(f"{name}.{attr}", item) for attr, item in vars(value).items()]
            for label, item in holders:
                for pattern in _reachable(item):
                    methods = used.get(label.rsplit(".", 1)[-1], set())
                    searched = not methods or bool(methods - {"match", "fullmatch"})
                    relative = path.relative_to(root.parent)
                    searched = searched and f"{relative}:{label}" not in MATCHED_ONLY
                    relative = path.relative_to(root.parent)
                    sites.found.append(Site(f"{relative}:{label}", pattern, searched))
    unique: dict[tuple[object, int], Site] = {}
    for site in sites.found:
        known = unique.get(site.key)
        if known is None:
            unique[site.key] = site
        else:
            known.searched = known.searched or site.searched
            if ":" in known.where and known.where.rsplit(":", 1)[1].isdigit():
                known.where = site.where  # a name reads better than a line number
    sites.found = sorted(unique.values(), key=lambda site: site.where)
    return sites


# ---- inputs ---------------------------------------------------------------------------

_CATEGORY_SAMPLE = {
    C.CATEGORY_DIGIT: "1", C.CATEGORY_NOT_DIGIT: "a", C.CATEGORY_SPACE: " ",
    C.CATEGORY_NOT_SPACE: "a", C.CATEGORY_WORD: "a", C.CATEGORY_NOT_WORD: ".",
    C.CATEGORY_LINEBREAK: "\n", C.CATEGORY_NOT_LINEBREAK: "a",
}
_PROBES = "a1 .-_/:=\"'\t\n#*@,;(<[{\\"


def _set_sample(items: list[Any]) -> str:
    """A character the set matches (a NEGATE set: a probe character it does not list)."""
    if items and items[0][0] is C.NEGATE:
        listed = set()
        for op, value in items[1:]:
            if op is C.LITERAL:
                listed.add(chr(value))
            elif op is C.RANGE:
                listed.update(chr(c) for c in range(value[0], min(value[1], value[0] + 300) + 1))
            elif op is C.CATEGORY:
                listed.update(p for p in _PROBES if re.fullmatch(_category_regex(value), p))
        return next((p for p in _PROBES if p not in listed), "\x01")
    for op, value in items:
        if op is C.LITERAL:
            return chr(value)
        if op is C.RANGE:
            return chr(value[0])
        if op is C.CATEGORY:
            return _CATEGORY_SAMPLE.get(value, "a")
    return "a"


def _category_regex(category: Any) -> str:
    return {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
            C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w",
            C.CATEGORY_NOT_WORD: r"\W"}.get(category, ".")


class _Shape:
    """What a pattern's parse tree gives the input builder."""

    def __init__(self) -> None:
        self.units: list[str] = []
        self.prefixes: list[str] = [""]
        self.words: list[str] = []


def _sample(items: Any, shape: _Shape | None, before: str = "") -> str:
    """The shortest-ish string the items match; records units and prefixes on the way."""
    out: list[str] = []
    word: list[str] = []

    def flush() -> None:
        if word and shape is not None:
            shape.words.append("".join(word))
        word.clear()

    for op, value in items:
        if op is C.LITERAL:
            word.append(chr(value))
            out.append(chr(value))
            continue
        flush()
        if op is C.NOT_LITERAL:
            out.append("a" if value != ord("a") else "b")
        elif op is C.ANY:
            out.append("a")
        elif op is C.IN:
            out.append(_set_sample(value))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _high, body = value
            unit = _sample(body, shape, before + "".join(out))
            if shape is not None and unit:
                shape.units.append(unit)
                shape.prefixes.append(before + "".join(out))
            out.append(unit * min(low, 1000))
        elif op is C.SUBPATTERN:
            out.append(_sample(value[-1], shape, before + "".join(out)))
        elif op is getattr(C, "ATOMIC_GROUP", None):
            out.append(_sample(value, shape, before + "".join(out)))
        elif op is C.BRANCH:
            samples = [_sample(branch, shape, before + "".join(out)) for branch in value[1]]
            out.append(samples[0] if samples else "")
            if shape is not None:
                shape.units.extend(s for s in samples if s)
        elif op is C.GROUPREF:
            out.append("")
        # anchors, look-arounds and categories at a position add nothing
    flush()
    return "".join(out)


_GENERIC_UNITS = ["a", " ", "\n", "a.", "a ", "-", "1", "\t", "a-", "=", "a\n", "#", ". ",
                  "\r\n", "\xa0"]
_FAILS = ["", "!", "\x00"]


@dataclass(frozen=True)
class Input:
    unit: str
    prefix: str = ""
    suffix: str = ""

    def text(self, size: int) -> str:
        count = max(1, (size - len(self.prefix) - len(self.suffix)) // max(1, len(self.unit)))
        return self.prefix + self.unit * count + self.suffix

    def label(self) -> str:
        return f"{self.prefix[:30]!r}+{self.unit[:30]!r}*+{self.suffix!r}"


def inputs(pattern: Any, limit: int = 250) -> list[Input]:
    """The pathological runs for `pattern`, most specific first, at most `limit`."""
    source = pattern.pattern
    text = source.decode("latin-1") if isinstance(source, bytes) else source
    shape = _Shape()
    try:
        parsed = P.parse(text, pattern.flags & ~re.UNICODE if isinstance(source, bytes)
                         else pattern.flags)
        whole = _sample(parsed, shape)
    except Exception:  # a `regex`-only syntax: generic runs only
        whole = ""
    units = list(dict.fromkeys(u[:64] for u in shape.units + shape.words if u))
    units += [u + " " for u in shape.words if u] + [w + "\n" for w in shape.words if w]
    units = list(dict.fromkeys(units + _GENERIC_UNITS))
    prefixes = list(dict.fromkeys(p[-200:] for p in shape.prefixes + shape.words))[:24]
    # every unit alone first, then after each prefix: the limit cuts the least likely
    found = [Input(unit, "", "!") for unit in units]
    for prefix, unit in itertools.product(prefixes[1:], units):
        found += [Input(unit, prefix, suffix) for suffix in _FAILS]
    if whole:  # the whole match repeated, and cut before its last character
        found[:0] = [Input(whole), Input(whole + " "), Input(whole[:-1] or whole)]
    seen: dict[tuple[str, str, str], Input] = {}
    for item in found:
        seen.setdefault((item.unit, item.prefix, item.suffix), item)
    return list(seen.values())[:limit]


def encode(pattern: Any, text: str) -> Any:
    return text.encode("latin-1", "replace") if isinstance(pattern.pattern, bytes) else text


def apply(site: Site, data: Any) -> int:
    """What the callers do: every match in the whole input, or one at its start."""
    if site.searched:
        count = 0
        for _ in site.pattern.finditer(data):
            count += 1
        return count
    return 0 if site.pattern.match(data) is None else 1


def cpu() -> float:
    """This process's CPU time (user + sys), to the nanosecond."""
    return time.process_time()


# ---- screening in a child killed past a ceiling ------------------------------------


@dataclass
class Screened:
    site: Site
    timings: list[tuple[float, Input]]  # CPU seconds at the screen size, slowest first
    stuck: list[Input]  # inputs still running at the ceiling: not linear


_TICKS = os.sysconf("SC_CLK_TCK")


def child_cpu(pid: int) -> float:
    """A running child's CPU time (user + sys), read from /proc; the wall clock is no
    measure on a shared machine."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _die_with_parent() -> None:
    """Linux: this child is killed when its parent dies (a test killed at its time-out
    must not leave a quadratic match running)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _cases_child(cases: list[tuple[Site, Input, int]], start: int, write: int,
                 ceiling: float) -> None:
    _die_with_parent()
    for index in range(start, len(cases)):
        site, item, size = cases[index]
        data = encode(site.pattern, item.text(size))
        # the kernel's backstop for this case alone, should the parent not be watching
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = int(cpu() + ceiling) + 2
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        os.write(write, f"s {index}\n".encode())
        before = cpu()
        apply(site, data)
        os.write(write, f"d {index} {cpu() - before:.6f}\n".encode())
    os._exit(0)


def run_cases(cases: list[tuple[Site, Input, int]], ceiling: float,
              max_stuck: int | None = None) -> list[float | None]:
    """CPU seconds of each (site, run, size) case, run one after another in a forked
    child whose CPU time is read from /proc: a case past `ceiling` seconds is killed
    (infinite) and a new child goes on with the next one. After `max_stuck` killed cases
    the rest are not run (None)."""
    found: list[float | None] = [None] * len(cases)
    stuck = 0
    start = 0
    while start < len(cases):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(read)
            _cases_child(cases, start, write, ceiling)
        os.close(write)
        running, started, since, buffer = -1, 0.0, time.monotonic(), b""
        os.set_blocking(read, False)
        while True:
            try:
                chunk = os.read(read, 65536)
            except BlockingIOError:
                chunk = None
            if chunk == b"":
                break
            if chunk:
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    kind, index, *rest = line.decode().split()
                    if kind == "s":
                        running, started, since = int(index), child_cpu(pid), time.monotonic()
                    else:
                        found[int(index)] = float(rest[0])
                        running = -1
            elif running >= 0 and (child_cpu(pid) - started > ceiling
                                   or time.monotonic() - since > ceiling * 100):
                os.kill(pid, signal.SIGKILL)  # its CPU time past the ceiling
                break
            else:
                time.sleep(0.002)
        os.close(read)
        _pid, status = os.waitpid(pid, 0)
        if running < 0 and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            break
        if running < 0:
            raise RuntimeError(f"probe child died outside a case on {cases[start][0].where}")
        found[running] = float("inf")
        stuck += 1
        if max_stuck is not None and stuck >= max_stuck:
            break
        start = running + 1
    return found


def screen(site: Site, size: int = 16 * 1024, ceiling: float = 5.0,
           max_stuck: int = 2) -> Screened:
    """Every input of the site at `size`, each killed past `ceiling` seconds of CPU."""
    items = inputs(site.pattern)
    timings: list[tuple[float, Input]] = []
    stuck: list[Input] = []
    results = run_cases([(site, item, size) for item in items], ceiling, max_stuck)
    for item, seconds in zip(items, results, strict=True):
        if seconds == float("inf"):
            stuck.append(item)
        elif seconds is not None:
            timings.append((seconds, item))
    timings.sort(key=lambda pair: -pair[0])
    return Screened(site, timings, stuck)


def measure(site: Site, item: Input, size: int, ceiling: float = 60.0) -> float | None:
    """CPU seconds `site` takes on `item` at `size` in a forked child; None past the
    ceiling (killed)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        resource.setrlimit(resource.RLIMIT_CPU, (int(ceiling) + 1, int(ceiling) + 2))
        data = encode(site.pattern, item.text(size))
        before = cpu()
        apply(site, data)
        os.write(write, f"{cpu() - before:.6f}".encode())
        os._exit(0)
    os.close(write)
    deadline = time.monotonic() + ceiling * 4
    chunks = []
    os.set_blocking(read, False)
    while True:
        try:
            chunk = os.read(read, 100)
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                break
            time.sleep(0.01)
            continue
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    text = b"".join(chunks).decode()
    return float(text) if text else None


@dataclass
class Estimate:
    """A site's slowest screened input, timed again at a larger size in a child."""

    site: Site
    worst: Input
    stuck: list[Input]
    screen_cpu: float  # at the screen size
    cpu: float | None  # at `size` (None: killed)
    size: int
    screened: Screened | None = None

    def per_5mb(self) -> float:
        """The 5 MB CPU time a linear pattern would take (infinite when killed)."""
        return float("inf") if self.cpu is None or self.stuck else self.cpu * SIZE_5MB / self.size


SIZE_5MB = 5 * 1024 * 1024


def estimate(site: Site, screen_size: int = 8 * 1024, size: int = 128 * 1024) -> Estimate:
    screened = screen(site, screen_size, ceiling=1.0)
    seconds, worst = screened.timings[0] if screened.timings else (0.0, Input("a"))
    cpu_time = measure(site, worst, size, ceiling=20.0)
    return Estimate(site, worst, screened.stuck, seconds, cpu_time, size, screened)


# ---- the slowest runs of each pattern, recorded --------------------------------------

# Written by `benchmarks/regex_probe.py --record` (the screening of every pattern takes
# minutes); read by tests/hostile/test_every_pattern.py, which screens by itself a
# pattern the file does not know (a new or changed one).
RECORD = Path(__file__).with_name("regex_worst.json")
KEEP = 3  # runs kept per pattern: the slowest at 8 KB is not always the slowest at 1 MB


def pattern_key(pattern: Any) -> str:
    """A name for a pattern that survives moving it: its engine, source and flags."""
    engine = "regex" if isinstance(pattern, regex.Pattern) else "re"
    return hashlib.sha256(repr((engine, pattern.pattern, pattern.flags)).encode()).hexdigest()[:16]


def run_id(item: Input) -> str:
    return hashlib.sha256(repr((item.prefix, item.unit, item.suffix)).encode()).hexdigest()[:8]


def slowest(screened: Screened) -> list[Input]:
    """The runs killed at the screen, then the slowest timed, KEEP in all."""
    return (screened.stuck + [item for _seconds, item in screened.timings])[:KEEP]


def record_entry(screened: Screened) -> dict[str, object]:
    items = inputs(screened.site.pattern)
    return {"where": screened.site.where,
            "runs": [[items.index(item), run_id(item)] for item in slowest(screened)]}


def load_record(path: Path = RECORD) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}


def save_record(entries: dict[str, Any], path: Path = RECORD) -> None:
    lines = [f"{json.dumps(key)}: {json.dumps(entry)}" for key, entry in sorted(entries.items())]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def recorded_runs(site: Site, record: dict[str, Any]) -> list[Input] | None:
    """The site's slowest runs as recorded, or None when the record does not know the
    pattern or its runs are no longer built the same way (`inputs` changed)."""
    entry = record.get(pattern_key(site.pattern))
    if entry is None:
        return None
    items = inputs(site.pattern)
    found = []
    for index, ident in entry["runs"]:
        if index >= len(items) or run_id(items[index]) != ident:
            return None
        found.append(items[index])
    return found
