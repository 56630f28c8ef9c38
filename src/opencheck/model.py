# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The plain data that flows from checks to renderers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opencheck.scoring import Score


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


# A dict of the members (their hash is their string's): a literal dict built at each
# ask, read through the enum's `value`, took 2.5 µs, and a report's verdict, score and
# order ask it of every finding, several times (15 ms of 3,082 findings).
_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


class Verdict(StrEnum):
    READY = "ready"
    NOT_READY = "not_ready"
    INCOMPLETE = "incomplete"  # no blocking finding, but a blocking rule was not judged


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    ERROR = "error"


LANGUAGES = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A message for people, in French and English."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en

    def format(self, **values: object) -> Text:
        return Text(self.fr.format(**values), self.en.format(**values))


class EndingText(Text):
    """A Text made of a shared beginning and an end of its own (a file's path), joined
    each time it is read: a tree without SPDX headers has a fix per file and rule, and
    60,000 commands written out in both languages held 40 MB. Equal to, hashed as and
    pickled as the Text it reads as, so that no reader tells them apart."""

    __slots__ = ("head", "tail")
    head: Text
    tail: str

    def __init__(self, head: Text, tail: str) -> None:
        object.__setattr__(self, "head", head)
        object.__setattr__(self, "tail", tail)

    @property  # type: ignore[override]
    def fr(self) -> str:
        return self.head.fr + self.tail

    @property  # type: ignore[override]
    def en(self) -> str:
        return self.head.en + self.tail

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.fr, self.en) == (other.fr, other.en)

    def __hash__(self) -> int:
        return hash((self.fr, self.en))

    def __reduce__(self) -> tuple[type[Text], tuple[str, str]]:
        return Text, (self.fr, self.en)


def text_bytes(text: str) -> bytes:
    """`text` as UTF-8. A name that is not UTF-8 holds surrogates (surrogateescape):
    its own bytes. A surrogate of another kind (a JSON file's `\\ud800` escape, which no
    encoding writes) is kept as surrogatepass writes it."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


@dataclass(slots=True)
class Finding:
    """One problem found by a check.

    `family` and `severity` default to the rule's catalogue entry; a check may give a
    severity of its own when one rule covers problems of different weight.
    `key` is what makes the finding unique within its rule and path; the fingerprint is
    derived from it, never from line numbers, so it survives edits above the finding.
    When the key is a function of a secret's value (its hash), it serves comparisons on
    this machine only and `public_key` is what the fingerprint is made of
    (`secrets/fingerprints.py`).
    """

    rule: str
    message: Text
    path: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity | None = None
    fix: Text | None = None
    key: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    family: str = ""
    public_key: str | None = None

    @property
    def fingerprint(self) -> str:
        if self.public_key is not None:
            return _fingerprint(self.rule, self.path, self.public_key)
        return _fingerprint(self.rule, self.path, self.key or self.message.en)

    @property
    def former_fingerprint(self) -> str | None:
        """The fingerprint earlier versions wrote for a finding about a secret value,
        made from the value's hash: recognised in their baselines, never written."""
        if self.public_key is None or not self.key:
            return None
        return _fingerprint(self.rule, self.path, self.key)

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """Its fingerprint, then those the findings it stands for would have alone (the
        keys in `extra["joined_keys"]`: a package's platform builds, reported with it):
        a baseline knows it only when it knew each of them, so a build added since is
        new."""
        joined = self.extra.get("joined_keys") or ()
        return (self.fingerprint, *(_fingerprint(self.rule, self.path, key) for key in joined))


def _fingerprint(rule: str, path: str | None, key: str) -> str:
    raw = "\0".join((rule, path or "", key))
    return hashlib.sha256(text_bytes(raw)).hexdigest()[:32]


@dataclass
class RuleResult:
    rule: str
    family: str
    severity: Severity
    status: Status
    reason: Text | None = None
    findings: int = 0
    disabled_reason: str | None = None


@dataclass
class Report:
    root: str
    verdict: Verdict
    reason: Text  # why the verdict, in one line: shown first by every format
    score: int
    profile: str
    fail_on: Severity
    opencheck_version: str
    findings: list[Finding]
    rules: list[RuleResult]
    metadata: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, Any] = field(default_factory=dict)
    score_detail: Score | None = None  # how `score` is made, for the report to say

    @property
    def ready(self) -> bool:
        return self.verdict is Verdict.READY

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if is_at_least(f.severity, self.fail_on)]

    @property
    def to_improve(self) -> list[Finding]:
        return [f for f in self.findings if not is_at_least(f.severity, self.fail_on)]


def is_at_least(severity: Severity | None, threshold: Severity) -> bool:
    return severity is not None and _RANKS[severity] >= _RANKS[threshold]
