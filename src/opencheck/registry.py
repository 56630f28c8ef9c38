# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Maps rule ids to the functions that check them.

A check is a generator: `def check(ctx: Context) -> Iterator[Finding]`. It is
registered with `@check("rule-id")` in a module of `opencheck.checks`, one module per
family. It raises `Skip` when it cannot apply (no git, a shallow clone...).
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from opencheck.model import Finding, RuleResult, Text
from opencheck.quietgc import imports_kept
from opencheck.readahead import usable_cores
from opencheck.repository import Repository
from opencheck.treepass import Pass, TreeReader

if TYPE_CHECKING:  # a type only: `rules` and `explain` import no git module
    from opencheck.diffmode import Base

T = TypeVar("T")


class Skip(Exception):
    """The check cannot apply to this repository; the reason is shown to the user."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.en)
        self.reason = reason


class Unjudged(Exception):
    """The check applies but what it must read is not there (a shallow clone's history):
    the rule is reported as not judged, so a blocking one makes the verdict INCOMPLETE
    instead of letting an unread history pass for a clean one."""

    def __init__(self, reason: Text) -> None:
        super().__init__(reason.en)
        self.reason = reason


@dataclass
class Options:
    """Run-wide choices a check may need (set from the command line)."""

    network: bool = False
    allow_private_network: bool = False
    history: bool = True
    diff_base: str | None = None  # --diff-base as given
    base: Base | None = None  # the same, resolved once by the run (`diffmode.resolve_base`)
    # Merge-request and staged modes when no report of the whole repository is wanted:
    # the commits of the change, whose blobs alone the history scan reads unless they
    # bring something (`secrets/changescan.py`); None reads the whole history.
    change: frozenset[str] | None = None
    # Work a run may not need started on the core it leaves idle (the commit authors'
    # `git log`, asked only when a file's head looks foreign): a batch, which runs one
    # audit a core, has no idle core and turns it off.
    speculative: bool = True
    # Inline `opencheck: allow` comments clear the findings of their line; an auditor's
    # policy that does not take them (`auditpolicy.py`) turns this off.
    allow_comments: bool = True


# `Context.metadata`'s key for the blocking findings the repository itself waived, per
# way (`BY_BASELINE`: its own list of known secrets, `settings.secrets.baseline`;
# `BY_COMMENT`: an `opencheck: allow` comment in a whole run) and rule: the engine takes
# them out of the metadata into what the verdict says was relaxed (`verdict.Relaxed`).
WAIVED = "waived"
BY_BASELINE, BY_COMMENT = "baseline", "comment"


@dataclass
class Context:
    repo: Repository
    options: Options = field(default_factory=Options)
    settings: dict[str, Any] = field(default_factory=dict)
    # Facts about the run a check learns and the report states (objects of the history
    # absent from the clone, the secrets engine...): merged into the report's metadata.
    metadata: dict[str, Any] = field(default_factory=dict)
    # Seconds spent computing each shared analysis, for the report's timings.
    timings: dict[str, float] = field(default_factory=dict)
    # The families whose tree readers join the first read of the tree (`read_tree`):
    # the run's (the engine sets them); none besides the one asked for otherwise.
    families: frozenset[str] = frozenset()
    # The rules and scores the run computes (the engine sets them): what a starter
    # (`@ahead`) starts is started only when one of them reads it.
    runs: frozenset[str] = frozenset()
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _reading: bool = field(default=False, repr=False)
    _ahead: dict[str, Started] = field(default_factory=dict, repr=False)
    _at_end: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def waived(self, how: str, rule: str) -> None:
        """Count a blocking finding of `rule` the repository waived `how` (`WAIVED`)."""
        counts: dict[str, int] = self.metadata.setdefault(WAIVED, {}).setdefault(how, {})
        counts[rule] = counts.get(rule, 0) + 1

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """Compute an analysis once per run and share it between checks.

        An analysis that fails fails once: its exception is kept and raised again to
        every rule that asks, instead of each rule re-running a scan bound to fail.
        """
        if key not in self._memo:
            started = time.perf_counter()
            try:
                self._memo[key] = compute()
            except Exception as error:
                self._memo[key] = _Failed(error, key)
            self.timings[key] = round(time.perf_counter() - started, 3)
        value = self._memo[key]
        if isinstance(value, _Failed):
            raise value.error
        result: T = value
        return result

    def read_tree(self, key: str) -> Any:
        """What the tree reader registered as `key` (`@tree_reader`) makes, once per run.

        Its first ask reads the tree once (`treepass`) for that reader and those of the
        run's other families not read yet: each file's bytes are handed to every one of
        them, instead of each family reading the tree again. A reader that fails, made
        or fed, fails for the rules that ask for it, as in `shared`."""
        if key not in self._memo:
            if self._reading:  # a reader's result is not there before its pass ends
                raise RuntimeError(f"tree reader {key} asked for during the tree's read")
            self._read_tree_for(key)
        return self.shared(key, _never)

    def _read_tree_for(self, key: str) -> None:
        keys = [key, *(other for other, (family, _) in _TREE_READERS.items()
                       if other != key and family in self.families
                       and other not in self._memo)]
        readers: dict[str, TreeReader] = {}
        made: dict[str, float] = {}
        self._reading = True
        try:
            for name in keys:
                started = time.perf_counter()
                try:
                    readers[name] = _TREE_READERS[name][1](self)
                except Exception as error:
                    self._memo[name] = _Failed(error, name)
                made[name] = time.perf_counter() - started
            one = Pass(readers)
            one.run(self.repo)
            for name, reader in readers.items():
                started = time.perf_counter()
                problem = one.errors.get(name)
                if problem is None:
                    try:
                        self._memo[name] = reader.result()
                    except Exception as error:
                        problem = error
                if problem is not None:
                    self._memo[name] = _Failed(problem, name)
                made[name] += one.seconds[name] + time.perf_counter() - started
        finally:
            self._reading = False
        for name, seconds in made.items():
            self.timings[name] = round(seconds, 3)
        if readers:
            self.timings["tree read once"] = round(one.read_seconds, 3)

    def start_ahead(self) -> None:
        """Start what the registered starters (`@ahead`) start: work outside Python (a
        git) whose output a shared analysis reads later, done meanwhile on a core the
        run leaves idle, for a run that computes a rule or score reading it (`runs`).
        On one core there is no such core: nothing is started."""
        if usable_cores() < 2:
            return
        for key, starter in _AHEAD.items():
            if key in self._ahead or key in self._memo or starter.readers.isdisjoint(self.runs):
                continue
            try:
                started = starter.start(self)
            except Exception:  # the analysis reads as it would have without
                continue
            if started is not None:
                self._ahead[key] = started

    def take_ahead(self, key: str) -> Any:
        """What the starter of `key` started, now the caller's to read and close; None
        when nothing was started."""
        return self._ahead.pop(key, None)

    def close_ahead(self) -> None:
        """Stop what was started and not taken (the run asked for none of it), and what
        the analyses asked to stop at the run's end (`at_end`)."""
        while self._ahead:
            _key, started = self._ahead.popitem()
            started.close()
        while self._at_end:
            self._at_end.pop()()

    def at_end(self, close: Callable[[], None]) -> None:
        """Call `close` when the run ends: a git a shared analysis keeps for its later
        questions, which nothing else would stop while the run's objects live on (a
        library caller, the `fix` command; an analysis asked again restarts it)."""
        self._at_end.append(close)

    def cached(self, key: str) -> Any:
        """What `shared(key, ...)` computed earlier in this run, else None."""
        value = self._memo.get(key)
        return None if isinstance(value, _Failed) else value

    def failed_analysis(self, error: BaseException) -> str | None:
        """The shared analysis whose failure `error` is, if it is one."""
        failed = {id(v.error): v.key for v in self._memo.values() if isinstance(v, _Failed)}
        seen: BaseException | None = error
        while seen is not None:  # a check may wrap the analysis' error in its own
            if id(seen) in failed:
                return failed[id(seen)]
            seen = seen.__cause__ or seen.__context__
        return None


@dataclass(frozen=True)
class _Failed:
    error: Exception
    key: str


def _never() -> Any:
    raise AssertionError("read_tree keeps every reader's result before asking for it")


class Started(Protocol):
    def close(self) -> None: ...


class Starter(NamedTuple):
    """What starts, for a shared analysis, what it will read (`Context.start_ahead`),
    and the rules and scores that read that analysis."""

    start: Callable[[Context], Started | None]
    readers: frozenset[str]


# key -> the starter of the shared analysis `key`
_AHEAD: dict[str, Starter] = {}
CheckFunction = Callable[[Context], Iterator[Finding]]
# key -> (its family, what makes its reader from the run's context)
_TREE_READERS: dict[str, tuple[str, Callable[[Context], TreeReader]]] = {}
ScoreFunction = Callable[[Context, "list[RuleResult]"], dict[str, Any]]
_CHECKS: dict[str, CheckFunction] = {}
_SCORERS: dict[str, ScoreFunction] = {}


def check(rule_id: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(function: CheckFunction) -> CheckFunction:
        if rule_id in _CHECKS:
            raise ValueError(f"two checks for rule {rule_id}")
        _CHECKS[rule_id] = function
        return function

    return register


def _add_once(table: dict[str, Any], key: str, value: Any, what: str) -> None:
    if key in table:
        raise ValueError(f"two {what} named {key}")
    table[key] = value


MakeReader = TypeVar("MakeReader", bound="Callable[[Context], TreeReader]")
MakeStarted = TypeVar("MakeStarted", bound="Callable[[Context], Started | None]")


def tree_reader(key: str, family: str) -> Callable[[MakeReader], MakeReader]:
    """Register what makes a family's `TreeReader` (`treepass`) under `key`, for
    `Context.read_tree`: its `result()` is what `read_tree(key)` gives."""
    def register(make: MakeReader) -> MakeReader:
        _add_once(_TREE_READERS, key, (family, make), "tree readers")
        return make

    return register


def ahead(key: str, readers: Iterable[str]) -> Callable[[MakeStarted], MakeStarted]:
    """Register what starts, for the shared analysis `key`, the work it reads later
    (`Context.start_ahead`, before the run's rules, when the run computes one of
    `readers`, the rules and scores that read the analysis); the analysis takes it with
    `Context.take_ahead(key)` and reads it as it would have read it itself."""
    def register(start: MakeStarted) -> MakeStarted:
        _add_once(_AHEAD, key, Starter(start, frozenset(readers)), "starters")
        return start

    return register


def scorer(name: str) -> Callable[[ScoreFunction], ScoreFunction]:
    """Register a score computed after the checks (code.gouv.fr, Awesome...).

    The function gets the context and every rule result, and returns a JSON-ready dict
    that the report shows under `scores[name]`.
    """

    def register(function: ScoreFunction) -> ScoreFunction:
        _SCORERS[name] = function
        return function

    return register


def _import_checks() -> None:
    import pkgutil  # a run narrowed by --rule (`checks_of`) never needs it

    import opencheck.checks as package

    with imports_kept():  # what the imports build lives as long as the process
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")


def all_checks() -> dict[str, CheckFunction]:
    """Every registered check, after importing each module of `opencheck.checks`."""
    _import_checks()
    return dict(_CHECKS)


# The module of `opencheck.checks` of each family whose name differs from the family's.
_FAMILY_MODULES = {"repository": "reading"}


def checks_of(families: Iterable[str], rules: Iterable[str]) -> dict[str, CheckFunction]:
    """The checks of a run narrowed to some families (`--rule`): only those families'
    modules are imported, unless one of `rules` is registered elsewhere (then all are)."""
    with imports_kept():
        for family in families:
            name = _FAMILY_MODULES.get(family, family)
            if importlib.util.find_spec(f"opencheck.checks.{name}") is not None:
                importlib.import_module(f"opencheck.checks.{name}")
    if any(rule not in _CHECKS for rule in rules):
        _import_checks()
    return dict(_CHECKS)


def all_scorers() -> dict[str, ScoreFunction]:
    _import_checks()
    return dict(_SCORERS)


# Every score of the report besides opencheck's own: the module that registers it and
# the families whose rules it is made from. A run narrowed by `--rule` to other
# families does not compute it (a test holds this table to what the modules register).
SCORES: dict[str, tuple[str, frozenset[str]]] = {
    "codegouvfr": ("scores", frozenset({"community", "readme", "licence", "history",
                                        "publiccode"})),
    "awesome": ("scores", frozenset({"community", "readme", "licence", "history",
                                     "publiccode"})),
    "publiccode_standard": ("scores", frozenset({"community", "readme", "licence",
                                                  "history", "publiccode"})),
    "reuse": ("reuse", frozenset({"reuse"})),
    "research": ("research", frozenset({"research"})),
}


def scorers_of(families: Collection[str] | None) -> dict[str, ScoreFunction | None]:
    """Every score by name with its function; None for a score the run does not
    compute: `families`, when the run is narrowed to them, holds none it is made from."""
    if families is None:
        return dict(all_scorers())
    found: dict[str, ScoreFunction | None] = {}
    for name, (module, made_of) in SCORES.items():
        if made_of.isdisjoint(families):
            found[name] = None
            continue
        importlib.import_module(f"opencheck.checks.{module}")
        found[name] = _SCORERS[name]
    # a score registered outside the table (a test's) is always computed
    found.update({name: f for name, f in _SCORERS.items() if name not in SCORES})
    return found
