# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The verdict and its reason, from the findings and the rule results.

READY: nothing at or above the threshold, and every blocking rule could be judged.
NOT READY: at least one blocking finding (named in the reason).
INCOMPLETE: no blocking finding, but a blocking rule could not be judged (its check
failed): the report cannot say the repository is ready, and must not say it is not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from opencheck import actions
from opencheck.model import Finding, RuleResult, Severity, Status, Text, Verdict, is_at_least

MESSAGE_LIMIT = 160
NAMED_RULES = 5  # the relaxed rules a reason names; the others are counted
ITEM_LIMIT = 60  # what a reason quotes of a setting's name (a family key is the repository's)


NAMED_PATHS = 3  # the path globs a reason names; the others are counted
SHOWN_PATH = 60  # characters of each glob named


@dataclass(frozen=True)
class Relaxed:
    """What the configuration relaxed of the profile's blocking rules: the rules it
    turns off or lowers under the threshold, a threshold it raises, the paths it leaves
    out of them (`exclude`, and `settings.secrets.allow_paths` for the secrets rules),
    and the blocking findings its secrets baseline hid (`settings.secrets.baseline`). A
    repository's own `.opencheck.yml` decides that in a whole run and in a batch: the
    verdict says so, rather than a READY that the repository granted itself."""

    rules: tuple[str, ...] = ()
    threshold: Severity | None = None
    source: str | None = None
    paths: tuple[str, ...] = ()
    baseline_hidden: int = 0
    profile: str | None = None  # a profile the configuration chose in place of the default
    allowed_inline: int = 0  # blocking findings `opencheck: allow` comments cleared
    # the licence the dependency rules judge against, when the configuration sets it
    # (`settings.dependencies.project_licence`) in place of the one the files declare
    project_licence: str | None = None
    # holders whose files it counts as the project's, not copied code
    # (`settings.dependencies.copyright_holders`)
    holders: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.rules) or self.threshold is not None or bool(self.paths) or \
            self.baseline_hidden > 0 or self.allowed_inline > 0 or \
            bool(self.project_licence) or bool(self.holders)

    def as_dict(self) -> dict[str, Any]:
        return {"rules": list(self.rules),
                "threshold": self.threshold.value if self.threshold else None,
                "source": self.source, "paths": list(self.paths),
                "baseline_hidden": self.baseline_hidden, "profile": self.profile,
                "allowed_inline": self.allowed_inline, "project_licence": self.project_licence,
                "holders": list(self.holders)}

    @staticmethod
    def from_dict(value: Mapping[str, Any] | None) -> Relaxed:
        if not value:
            return Relaxed()
        threshold = value.get("threshold")
        return Relaxed(tuple(value.get("rules") or ()),
                       Severity(threshold) if threshold else None, value.get("source"),
                       tuple(value.get("paths") or ()), int(value.get("baseline_hidden") or 0),
                       value.get("profile"), int(value.get("allowed_inline") or 0),
                       value.get("project_licence"), tuple(value.get("holders") or ()))


@dataclass(frozen=True)
class Overridden:
    """The repository's settings an auditor's policy (`--policy`) set aside: whatever
    the verdict, its reason says so, since the repository's own configuration would
    have judged otherwise."""

    policy: str
    items: tuple[str, ...] = ()  # "disable secret-in-tree", "exclude", ...
    source: str | None = None  # the repository's configuration file

    @staticmethod
    def from_metadata(value: object, source: object) -> Overridden | None:
        """From a report's `metadata.policy` and `metadata.config`."""
        if not isinstance(value, Mapping) or not value.get("overridden"):
            return None
        items = tuple(_short(f"{o.get('setting')} {o['name']}" if o.get("name") else
                             str(o.get("setting")), ITEM_LIMIT)
                      for o in value["overridden"] if isinstance(o, Mapping))
        return Overridden(str(value.get("name")), items,
                          source if isinstance(source, str) else None)


def judge(findings: list[Finding], rules: list[RuleResult],
          fail_on: Severity, relaxed: Relaxed | None = None,
          overridden: Overridden | None = None) -> tuple[Verdict, Text]:
    verdict, reason = _judge(findings, rules, fail_on, relaxed)
    return verdict, _with_overridden(reason, overridden)


def _judge(findings: list[Finding], rules: list[RuleResult],
           fail_on: Severity, relaxed: Relaxed | None) -> tuple[Verdict, Text]:
    blocking = [f for f in findings if is_at_least(f.severity, fail_on)]
    unjudged = [r for r in rules if r.status is Status.ERROR and is_at_least(r.severity, fail_on)]
    if blocking:
        reason = _blocking_reason(blocking)
        if unjudged:
            reason = _joined(reason, _unjudged_reason(unjudged))
        return Verdict.NOT_READY, reason
    if unjudged:
        return Verdict.INCOMPLETE, _with_relaxed(_unjudged_reason(unjudged), relaxed)
    judged = sum(1 for r in rules if r.status in (Status.PASSED, Status.FAILED))
    return Verdict.READY, _with_relaxed(Text(
        fr=f"aucun constat de sévérité « {fail_on.value} » ou plus ; {judged} règle(s) "
           "vérifiée(s).",
        en=f"no finding at or above '{fail_on.value}'; {judged} rule(s) checked.",
    ), relaxed)


def _with_overridden(reason: Text, overridden: Overridden | None) -> Text:
    """`reason`, then the repository's settings the auditor's policy set aside."""
    if overridden is None or not overridden.items:
        return reason
    where = overridden.source or ".opencheck.yml"
    named = ", ".join(overridden.items[:NAMED_RULES])
    more = len(overridden.items) - NAMED_RULES
    if more > 0:
        named += f" (+{more})"
    count = len(overridden.items)
    return Text(
        fr=f"{reason.fr.rstrip('.')} ; la politique ({overridden.policy}) écarte {count} "
           f"réglage(s) de la configuration du dépôt ({where}) : {named}.",
        en=f"{reason.en.rstrip('.')}; the policy ({overridden.policy}) sets aside {count} "
           f"setting(s) of the repository's configuration ({where}): {named}.",
    )


def _with_relaxed(reason: Text, relaxed: Relaxed | None) -> Text:
    """`reason`, then what the configuration relaxed of the blocking rules."""
    if not relaxed:
        return reason
    where = relaxed.source or ".opencheck.yml"
    parts_fr, parts_en = [], []
    if relaxed.rules:
        named = _named(relaxed.rules, NAMED_RULES)
        chosen_fr = chosen_en = ""
        if relaxed.profile:
            chosen_fr = f"choisit le profil « {relaxed.profile} », qui "
            chosen_en = f"chooses the profile '{relaxed.profile}', which "
        parts_fr.append(f"{chosen_fr}désactive ou abaisse {len(relaxed.rules)} règle(s) "
                        f"bloquante(s) : {named}")
        parts_en.append(f"{chosen_en}turns off or lowers {len(relaxed.rules)} blocking "
                        f"rule(s): {named}")
    if relaxed.threshold is not None:
        parts_fr.append(f"relève le seuil à « {relaxed.threshold.value} »")
        parts_en.append(f"raises the threshold to '{relaxed.threshold.value}'")
    if relaxed.paths:
        named = _named([_shown(path) for path in relaxed.paths], NAMED_PATHS)
        parts_fr.append(f"écarte {len(relaxed.paths)} motif(s) de chemins de la "
                        f"vérification : {named}")
        parts_en.append(f"leaves {len(relaxed.paths)} path glob(s) out of the check: {named}")
    if relaxed.project_licence:
        licence = _shown(relaxed.project_licence)
        parts_fr.append(f"juge les dépendances contre la licence « {licence} » qu'elle "
                        "donne au projet (settings.dependencies.project_licence)")
        parts_en.append(f"judges the dependencies against the licence '{licence}' it gives "
                        "the project (settings.dependencies.project_licence)")
    if relaxed.holders:
        named = _named([_shown(holder) for holder in relaxed.holders], NAMED_PATHS)
        parts_fr.append(f"tient les fichiers de {len(relaxed.holders)} titulaire(s) pour "
                        f"ceux du projet, non pour du code copié : {named} "
                        "(settings.dependencies.copyright_holders)")
        parts_en.append(f"takes the files of {len(relaxed.holders)} copyright holder(s) for "
                        f"the project's, not copied code: {named} "
                        "(settings.dependencies.copyright_holders)")
    if relaxed.baseline_hidden:
        parts_fr.append(f"masque {relaxed.baseline_hidden} constat(s) bloquant(s) par sa "
                        "liste de secrets connus (settings.secrets.baseline)")
        parts_en.append(f"hides {relaxed.baseline_hidden} blocking finding(s) through its "
                        "list of known secrets (settings.secrets.baseline)")
    said_fr, said_en = reason.fr.rstrip("."), reason.en.rstrip(".")
    if parts_fr:
        said_fr += f" ; la configuration ({where}) {' et '.join(parts_fr)}"
        said_en += f"; the configuration ({where}) {' and '.join(parts_en)}"
    if relaxed.allowed_inline:
        said_fr += (f" ; {relaxed.allowed_inline} constat(s) bloquant(s) levé(s) par des "
                    "commentaires « opencheck: allow » du dépôt")
        said_en += (f"; {relaxed.allowed_inline} blocking finding(s) cleared by the "
                    "repository's 'opencheck: allow' comments")
    return Text(fr=said_fr + ".", en=said_en + ".")


def _shown(value: str) -> str:
    """A value of the configuration as a reason quotes it: SHOWN_PATH characters."""
    return value if len(value) <= SHOWN_PATH else value[:SHOWN_PATH - 1] + "…"


def _named(items: Sequence[str], limit: int) -> str:
    """The first `limit` items, and how many more."""
    named = ", ".join(items[:limit])
    return f"{named} (+{len(items) - limit})" if len(items) > limit else named


def _blocking_reason(blocking: list[Finding]) -> Text:
    per_rule = Counter(f.rule for f in blocking)
    rules = ", ".join(f"{rule} ×{count}" if count > 1 else rule
                      for rule, count in per_rule.most_common())
    if actions.should_fold(blocking):
        # many: what blocks and where, by kind, rather than one finding among hundreds
        said = actions.summary(actions.plan(blocking), _short)
        return Text(fr=f"{len(blocking)} constat(s) bloquant(s) ({rules}) : {said.fr}",
                    en=f"{len(blocking)} blocking finding(s) ({rules}): {said.en}")
    first = blocking[0]
    where = first.path or ""
    if where and first.line:
        where += f":{first.line}"
    where = f" {where}" if where else ""
    return Text(
        fr=f"{len(blocking)} constat(s) bloquant(s) ({rules}) ; d'abord {first.rule}{where} : "
           f"{_short(first.message.fr)}",
        en=f"{len(blocking)} blocking finding(s) ({rules}); first {first.rule}{where}: "
           f"{_short(first.message.en)}",
    )


def _unjudged_reason(unjudged: list[RuleResult]) -> Text:
    first = unjudged[0]
    why = first.reason or Text("cause inconnue", "unknown cause")
    names = ", ".join(r.rule for r in unjudged)
    return Text(
        fr=f"{len(unjudged)} règle(s) bloquante(s) non jugée(s) ({names}) : "
           f"{_short(why.fr)}",
        en=f"{len(unjudged)} blocking rule(s) could not be judged ({names}): "
           f"{_short(why.en)}",
    )


def _joined(first: Text, second: Text) -> Text:
    return Text(f"{first.fr} ; {second.fr}", f"{first.en}; {second.en}")


def _short(message: str, limit: int = MESSAGE_LIMIT) -> str:
    line = " ".join(message.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"
