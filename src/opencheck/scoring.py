# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The opencheck readiness score: what matters for publication weighs most.

Each family scores the share of its applicable rules that pass, each rule weighted by
its severity (error 10, warning 3, info 1); the families are then weighted (licence and
secrets most: without a licence the code is not free software, and a leaked secret must
be revoked before anything is published). Caps keep a repository that cannot be
published below any that can: no licence text caps at 20, a blocking secret at 30, any
other blocking finding at 60, a blocking rule not judged at 80. docs/score.md says the
same for users.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from opencheck.model import Finding, RuleResult, Severity, Status, Text, Verdict, is_at_least

SEVERITY_WEIGHT = {Severity.ERROR: 10, Severity.WARNING: 3, Severity.INFO: 1}
FAMILY_WEIGHT = {
    "licence": 30, "secrets": 25, "reuse": 10, "dependencies": 10, "publiccode": 8,
    "community": 6, "readme": 6, "history": 3, "repository": 2,
}
OTHER_FAMILY = 3
NO_LICENCE_RULE = "licence-file-present"
SECRET_RULES = frozenset({"secret-in-tree", "secret-in-history", "secret-file-committed"})


@dataclass(frozen=True)
class Cap:
    limit: int
    why: Text


CAPS = {
    "no_licence": Cap(20, Text("pas de texte de licence", "no licence text")),
    "secret": Cap(30, Text("secret bloquant", "blocking secret")),
    "blocking": Cap(60, Text("constat bloquant", "blocking finding")),
    "incomplete": Cap(80, Text("règle bloquante non jugée", "blocking rule not judged")),
}


@dataclass
class Score:
    value: int
    uncapped: int
    families: dict[str, int] = field(default_factory=dict)  # family -> 0..100
    cap: str | None = None

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "value": self.value,
            "uncapped": self.uncapped,
            "families": self.families,
            "family_weights": {f: FAMILY_WEIGHT.get(f, OTHER_FAMILY) for f in self.families},
            "cap": {"kind": self.cap, "limit": CAPS[self.cap].limit,
                    "why": CAPS[self.cap].why.get(lang)} if self.cap else None,
            "explanation": self.explanation().get(lang),
        }

    def explanation(self) -> Text:
        weights = ", ".join(f"{f} {FAMILY_WEIGHT.get(f, OTHER_FAMILY)}"
                            for f in sorted(self.families, key=heaviest_first))
        fr = (f"règles réussies par famille (pondérées par sévérité), familles pondérées "
              f"({weights})")
        en = f"rules passed per family (weighted by severity), families weighted ({weights})"
        if self.cap:
            cap = CAPS[self.cap]
            fr += f" ; plafonné à {cap.limit} ({cap.why.fr}, {self.uncapped} sans plafond)"
            en += f"; capped at {cap.limit} ({cap.why.en}, {self.uncapped} uncapped)"
        return Text(fr + " ; voir docs/score.md.", en + "; see docs/score.md.")


def heaviest_first(family: str) -> tuple[int, str]:
    """The order of families in the score and the reports: what weighs most first."""
    return (-FAMILY_WEIGHT.get(family, OTHER_FAMILY), family)


def readiness_score(results: list[RuleResult], findings: list[Finding] | None = None,
                    verdict: Verdict | None = None, fail_on: Severity = Severity.ERROR) -> Score:
    """Out of 100. Skipped and disabled rules do not count; a rule whose check failed
    counts as not passed."""
    totals: dict[str, list[int]] = {}
    for result in results:
        if result.status is Status.SKIPPED:
            continue
        weight = SEVERITY_WEIGHT[result.severity]
        passed, total = totals.setdefault(result.family, [0, 0])
        totals[result.family] = [passed + (weight if result.status is Status.PASSED else 0),
                                 total + weight]
    families = {f: round(100 * p / t) for f, (p, t) in totals.items() if t}
    weight_sum = sum(FAMILY_WEIGHT.get(f, OTHER_FAMILY) for f in families)
    raw = (sum(FAMILY_WEIGHT.get(f, OTHER_FAMILY) * p / t for f, (p, t) in totals.items() if t)
           / weight_sum) if weight_sum else 1.0
    uncapped = round(100 * raw)
    cap = _cap(results, findings or [], verdict, fail_on)
    value = min(uncapped, CAPS[cap].limit) if cap else uncapped
    ordered = dict(sorted(families.items(), key=lambda item: heaviest_first(item[0])))
    return Score(value, uncapped, ordered, cap if cap and uncapped > CAPS[cap].limit else None)


def _cap(results: list[RuleResult], findings: list[Finding], verdict: Verdict | None,
         fail_on: Severity) -> str | None:
    blocking = [f for f in findings if is_at_least(f.severity, fail_on)]
    # Whatever severity a configuration gives it, a repository without a licence text is
    # not free software: that cap does not depend on the threshold. Texts kept in a
    # folder of another name (`licenses/`) are licence texts: no cap for them.
    if any(f.rule == NO_LICENCE_RULE and not f.extra.get("licence_texts") for f in findings):
        return "no_licence"
    if any(f.rule in SECRET_RULES for f in blocking):
        return "secret"
    if blocking:
        return "blocking"
    if verdict is Verdict.INCOMPLETE:
        return "incomplete"
    return None
