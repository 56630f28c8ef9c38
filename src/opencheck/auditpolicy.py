# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The auditor's policy (`--policy FILE`): what no repository's configuration relaxes.

A repository's own `.opencheck.yml` decides how it is judged: it can turn off
`secret-in-tree` beside a token and be READY. Whoever audits a portfolio, or runs CI on
merge requests from strangers, gives a policy instead: the keys of a configuration,
applied to every repository, plus `enforce` (rules judged at a severity at least,
whatever the repository says) and `repository` (which of the repository's settings
apply). A repository's setting the policy does not allow is set aside and listed
(`Override`): in the verdict's reason, `metadata.policy`, and the batch's outputs.

The policy is the auditor's, read from outside the repositories: no key of a
repository's configuration names or includes one, and a policy that cannot be read,
or says nothing, stops the run before anything is judged or written (exit 2). A
repository whose configuration cannot be read is judged by the policy alone, and says
so, rather than failing its audit.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opencheck.catalogue import DEFAULT_PROFILE, Catalogue, Profile, Rule
from opencheck.config import Config, ConfigError, settings_of, shorten, validate
from opencheck.data import load_schema
from opencheck.errors import did_you_mean, joined
from opencheck.model import Severity, Text
from opencheck.safefile import FileRefused, read_regular

if TYPE_CHECKING:
    from opencheck.diffmode import Base

SCHEMA = "config/opencheck-policy.schema.json"
HONOUR, STRICTER, IGNORE = "honour", "stricter", "ignore"
# What the policy does with a repository's setting it does not name: what can make the
# check stricter applies, what can only relax it is set aside.
DEFAULT_MODES: dict[str, str] = {
    "profile": IGNORE, "fail-on": STRICTER, "disable": IGNORE, "severity": STRICTER,
    "exclude": IGNORE, "settings": IGNORE, "allow-comments": IGNORE,
}
# Why a repository's setting was set aside.
ENFORCED, NOT_ALLOWED, UNREADABLE = "enforced", "not_allowed", "unreadable"
MAX_POLICY_BYTES = 1024 * 1024
SHOWN_GLOBS = 5


class PolicyError(ConfigError):
    """The policy file is wrong or cannot be read: exit 2, nothing judged."""


@dataclass(frozen=True)
class Override:
    """One setting of the repository's configuration the policy set aside."""

    setting: str  # disable, severity, fail-on, profile, exclude, settings, allow-comments,
    # configuration
    name: str | None  # the rule, or the family setting (`secrets.allow_paths`)
    value: str | Text  # what the repository says (cut); the error, when unreadable
    applied: str | None  # what applies instead (None: nothing of the repository's)
    reason: str  # enforced, not_allowed, unreadable

    def as_dict(self) -> dict[str, Any]:
        value = ({"fr": self.value.fr, "en": self.value.en} if isinstance(self.value, Text)
                 else self.value)
        return {"setting": self.setting, "name": self.name, "value": value,
                "applied": self.applied, "reason": self.reason}


@dataclass(frozen=True)
class AuditPolicy:
    name: str  # as the auditor named the file
    digest: str  # SHA-256 of its bytes
    data: Mapping[str, Any]  # the validated settings: plain data, which a batch's task carries
    own: Config  # the policy's own settings, applied to every repository
    enforce: dict[str, Severity]  # rule id -> the lowest severity it is judged at
    modes: dict[str, str | tuple[str, ...]]

    def label(self) -> str:
        return f"{self.name} (sha256 {self.digest[:12]})"

    def mode(self, setting: str) -> str | tuple[str, ...]:
        return self.modes.get(setting, DEFAULT_MODES[setting])


@dataclass
class Applied:
    """A repository's configuration under the policy."""

    policy: AuditPolicy
    config: Config  # what judges the run
    honoured: Config  # the repository's own settings that apply (what it relaxed itself)
    profile: str
    fail_on: Severity | None  # None: the profile's
    threshold: Severity | None  # what blocks before the repository's say (None: profile's)
    overrides: list[Override] = field(default_factory=list)


def policy_file(path: Path, root: Path, base: Base | None, catalogue: Catalogue,
                base_ref: str | None = None) -> AuditPolicy:
    """`--policy FILE` for a run on `root`. A file the checkout's commits hold (the
    Action's `policy` input names a path of the checkout) is read as the base revision
    has it in merge-request mode (`base`), or as `base_ref` has it (`--policy-base`,
    CI judging a merge request whole): the change could have relaxed its own copy; a
    base without it is an error, never a run without the policy. A file outside the
    checkout, or one no commit holds (written there by the CI job), is read as it is."""
    if base is None and base_ref is None:
        return read_policy(path, catalogue)
    from opencheck import diffmode  # a policy read from a revision only

    found = diffmode.in_checkout(path, root)
    if found is None or not diffmode.committed(*found):
        return read_policy(path, catalogue)
    if base_ref is not None and (base is None or base.ref != base_ref):
        base = diffmode.resolve_base(root, base_ref)
    assert base is not None
    folder, inside = found
    shown = f"{inside} ({base.label})"
    try:
        data = diffmode.config_reader(folder, base.commit, MAX_POLICY_BYTES)(inside)
    except OSError as error:
        raise PolicyError(Text(
            f"--policy {shown} : illisible ({error.strerror or error})",
            f"--policy {shown}: cannot be read ({error.strerror or error})")) from error
    if data is None:
        raise PolicyError(Text(
            f"--policy {shown} : la révision de base n'a pas ce fichier (ou c'est un "
            "lien) ; la copie de la modification n'est pas lue",
            f"--policy {shown}: the base revision has no such file (or it is a "
            "link); the change's copy is not read"))
    return read_policy(path, catalogue, data, shown)


def read_policy(path: Path, catalogue: Catalogue, data: bytes | None = None,
                shown: str | None = None) -> AuditPolicy:
    """The policy in `path` (or its bytes `data`, read from a revision by the caller),
    validated against the catalogue; PolicyError says what is wrong, where."""
    name = shown or str(path)
    if data is None:
        try:
            data = read_regular(path, MAX_POLICY_BYTES)
        except FileNotFoundError as error:
            raise PolicyError(Text(f"--policy {name} : fichier introuvable",
                                   f"--policy {name}: no such file")) from error
        except OSError as error:
            reason = error.strerror or str(error)
            fr = error.fr if isinstance(error, FileRefused) else reason
            raise PolicyError(Text(f"--policy {name} : illisible ({fr})",
                                   f"--policy {name}: cannot be read ({reason})")) from error
    from opencheck.yamlsafe import YamlError, load_yaml

    try:
        raw = load_yaml(data, max_values=10_000)
    except YamlError as error:
        raise PolicyError(Text(f"--policy {name} : YAML invalide, {error}",
                               f"--policy {name}: invalid YAML, {error}")) from error
    return policy_from(raw, name, hashlib.sha256(data).hexdigest(), catalogue)


def policy_from(raw: object, name: str, digest: str, catalogue: Catalogue) -> AuditPolicy:
    """The policy from its validated data (a batch's worker gets it so)."""
    where = f"--policy {name}"
    if raw is not None and not isinstance(raw, dict):
        raise PolicyError(Text(f"{where} : une table de réglages est attendue au premier niveau",
                               f"{where}: expected a mapping of settings at the top level"))
    if not raw:
        raise PolicyError(Text(
            f"{where} : la politique est vide ; elle doit nommer au moins un réglage "
            "(enforce, repository, fail-on…)",
            f"{where}: the policy is empty; it must name at least one setting (enforce, "
            "repository, fail-on...)"))
    _validate(raw, where, catalogue)
    own_raw = {key: value for key, value in raw.items() if key not in ("enforce", "repository")}
    try:
        validate(own_raw, where, catalogue)
    except ConfigError as error:
        raise PolicyError(error.text) from error
    own = Config(
        source=where, profile=own_raw.get("profile"),
        fail_on=Severity(own_raw["fail-on"]) if "fail-on" in own_raw else None,
        disable=dict(own_raw.get("disable", {})),
        severity={rule: Severity(value) for rule, value in own_raw.get("severity", {}).items()},
        exclude=list(own_raw.get("exclude", [])), settings=settings_of(own_raw))
    enforce: dict[str, Severity] = {}
    for pattern, value in (raw.get("enforce") or {}).items():
        for rule in _matching(pattern, catalogue, f"{where}: enforce: "):
            severity = Severity(value)
            if rule.id not in enforce or severity.rank > enforce[rule.id].rank:
                enforce[rule.id] = severity
    for rule_id, floor in enforce.items():
        if rule_id in own.disable:
            raise PolicyError(joined(f"{where}: disable: {rule_id}: ", Text(
                "la politique impose cette règle (enforce) et la désactive",
                "the policy both enforces this rule and turns it off")))
        lowered = own.severity.get(rule_id)
        if lowered is not None and lowered.rank < floor.rank:
            raise PolicyError(joined(f"{where}: severity: {rule_id}: ", Text(
                f"« {lowered.value} » est sous la sévérité imposée « {floor.value} »",
                f"'{lowered.value}' is below the enforced severity '{floor.value}'")))
    modes: dict[str, str | tuple[str, ...]] = {}
    for setting, mode in (raw.get("repository") or {}).items():
        if isinstance(mode, list):
            if setting in ("disable", "severity"):
                for pattern in mode:
                    _matching(pattern, catalogue, f"{where}: repository.{setting}: ")
            else:
                for item in mode:
                    _family_setting(item, catalogue, where)
            modes[setting] = tuple(mode)
        else:
            modes[setting] = mode
    data = json.loads(json.dumps(raw))  # plain data, as a task carries it
    return AuditPolicy(name, digest, data, own, enforce, modes)


def _validate(raw: dict[str, Any], where: str, catalogue: Catalogue) -> None:
    schema = load_schema(SCHEMA)
    for key in raw:
        if key not in schema["properties"]:
            hint = (Text(" : c'est un réglage de dépôt, que la politique ne lit pas",
                         ": a repository's setting, which a policy does not take")
                    if key == "lang" else did_you_mean(str(key), schema["properties"]))
            raise PolicyError(joined(f"{where}: ", Text("réglage inconnu", "unknown setting"),
                                     f" '{shorten(str(key))}'", hint))
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=str)
    if errors:
        error = errors[0]
        place = ".".join(str(part) for part in error.absolute_path) or "top level"
        raise PolicyError(joined(f"{where}: {shorten(place)}: ",
                                 Text("valeur invalide, ", "invalid value, "),
                                 shorten(error.message)))


def _matching(pattern: str, catalogue: Catalogue, where: str) -> list[Rule]:
    """The rules a pattern names (an id, a glob, `family:NAME`), at least one."""
    found = [rule for rule in catalogue.rules.values() if _named(rule, (pattern,))]
    if not found:
        raise PolicyError(joined(where, Text("aucune règle ne correspond à ",
                                             "no rule matches "),
                                 f"'{shorten(pattern)}'", did_you_mean(pattern, catalogue.rules)))
    return found


def _named(rule: Rule, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(rule.id, pattern)
               or fnmatch.fnmatchcase(f"family:{rule.family}", pattern) for pattern in patterns)


def _family_setting(item: str, catalogue: Catalogue, where: str) -> None:
    family = item.split(".", 1)[0]
    if family not in catalogue.families:
        raise PolicyError(joined(f"{where}: repository.settings: ",
                                 Text("famille inconnue", "unknown family"),
                                 f" '{shorten(family)}'", did_you_mean(family, catalogue.families)))


def apply(policy: AuditPolicy, repository: Config, catalogue: Catalogue, *,
          profile: str | None, fail_on: Severity | None,
          unreadable: Text | None = None) -> Applied:
    """The configuration that judges a repository: the policy's own settings, then the
    repository's where the policy allows them. `profile` and `fail_on` are the
    command's: they choose as they always do, and the policy names no override of theirs."""
    overrides: list[Override] = []
    if unreadable is not None:
        overrides.append(Override("configuration", None, unreadable, None, UNREADABLE))
    chosen = _profile(policy, repository, profile, overrides)
    honoured = Config(source=repository.source)
    if profile is None and repository.profile is not None and chosen == repository.profile \
            and policy.mode("profile") == HONOUR:
        honoured.profile = chosen  # the repository's choice: said relaxed if it is
    if chosen not in catalogue.profiles:
        raise PolicyError(joined(Text("profil inconnu", "unknown profile"), f" '{chosen}'",
                                 did_you_mean(chosen, catalogue.profiles)))
    judged = catalogue.profiles[chosen]
    runs = {rule.id for rule in catalogue.rules_of(judged)} | set(policy.enforce)
    threshold = fail_on or policy.own.fail_on
    disable = dict(policy.own.disable)
    for rule_id, why in repository.disable.items():
        if rule_id not in runs or rule_id in policy.own.disable:
            continue
        if rule_id in policy.enforce:
            overrides.append(Override("disable", rule_id, shorten(why),
                                      policy.enforce[rule_id].value, ENFORCED))
        elif _allowed(policy.mode("disable"), catalogue.rules[rule_id], relaxes=True):
            disable[rule_id] = honoured.disable[rule_id] = why
        else:
            overrides.append(Override("disable", rule_id, shorten(why), None, NOT_ALLOWED))
    severity = _severities(policy, repository, catalogue, judged, runs, honoured, overrides)
    exclude = list(policy.own.exclude)
    if repository.exclude:
        if policy.mode("exclude") == HONOUR:
            exclude += repository.exclude
            honoured.exclude = list(repository.exclude)
        else:
            shown = ", ".join(repository.exclude[:SHOWN_GLOBS])
            if len(repository.exclude) > SHOWN_GLOBS:
                shown += f" (+{len(repository.exclude) - SHOWN_GLOBS})"
            overrides.append(Override("exclude", None, shorten(shown), None, NOT_ALLOWED))
    config = Config(
        source=repository.source, profile=chosen,
        fail_on=_fail_on(policy, repository, fail_on, threshold or judged.fail_on, overrides),
        lang=repository.lang, disable=disable, severity=severity, exclude=exclude,
        settings=_settings(policy, repository, honoured, overrides))
    honoured.fail_on = config.fail_on if config.fail_on == repository.fail_on else None
    return Applied(policy, config, honoured, chosen, config.fail_on, threshold, overrides)


def takes_allow_comments(policy: AuditPolicy) -> bool:
    """Whether the repository's inline `opencheck: allow` comments clear findings."""
    return policy.mode("allow-comments") == HONOUR


def allow_comments_set_aside(count: int) -> Override:
    """The inline allow comments the policy did not take, once the rules ran."""
    return Override("allow-comments", None,
                    Text(f"{count} commentaire(s) « opencheck: allow »",
                         f"{count} 'opencheck: allow' comment(s)"), None, NOT_ALLOWED)


def _profile(policy: AuditPolicy, repository: Config, asked: str | None,
             overrides: list[Override]) -> str:
    if asked is not None:
        return asked
    if repository.profile is not None and policy.mode("profile") == HONOUR:
        return repository.profile
    chosen = policy.own.profile or DEFAULT_PROFILE
    if repository.profile is not None and repository.profile != chosen:
        overrides.append(Override("profile", None, repository.profile, chosen, NOT_ALLOWED))
    return chosen


def _fail_on(policy: AuditPolicy, repository: Config, asked: Severity | None,
             base: Severity, overrides: list[Override]) -> Severity | None:
    if asked is not None:
        return asked
    theirs = repository.fail_on
    mode = policy.mode("fail-on")
    if theirs is None or theirs == base:
        return policy.own.fail_on
    if mode == HONOUR or (mode == STRICTER and theirs.rank < base.rank):
        return theirs
    overrides.append(Override("fail-on", None, theirs.value, base.value, NOT_ALLOWED))
    return policy.own.fail_on


def _severities(policy: AuditPolicy, repository: Config, catalogue: Catalogue,
                profile: Profile, runs: set[str], honoured: Config,
                overrides: list[Override]) -> dict[str, Severity]:
    """The severity overrides that apply: the policy's, the repository's it allows, and
    the enforced floors where the profile's severity is under them."""
    severity = dict(policy.own.severity)
    mode = policy.mode("severity")
    for rule_id in sorted(runs):
        rule = catalogue.rules[rule_id]
        base = severity.get(rule_id) or profile.severity.get(rule_id) or rule.severity
        floor = policy.enforce.get(rule_id)
        theirs = repository.severity.get(rule_id)
        if theirs is not None and theirs != base:
            lowers = theirs.rank < base.rank
            if floor is not None and theirs.rank < floor.rank:
                overrides.append(Override("severity", rule_id, theirs.value,
                                          max(base, floor, key=_rank).value, ENFORCED))
            elif not lowers or _allowed(mode, rule, relaxes=True):
                severity[rule_id] = honoured.severity[rule_id] = theirs
                continue
            else:
                overrides.append(Override("severity", rule_id, theirs.value, base.value,
                                          NOT_ALLOWED))
        if floor is not None and base.rank < floor.rank:
            severity[rule_id] = floor
    return severity


def _rank(severity: Severity) -> int:
    return severity.rank


def _allowed(mode: str | tuple[str, ...], rule: Rule, relaxes: bool) -> bool:
    """Whether a repository's setting of this mode that relaxes `rule` applies."""
    if isinstance(mode, tuple):
        return _named(rule, mode)
    return mode == HONOUR or (mode == STRICTER and not relaxes)


def _settings(policy: AuditPolicy, repository: Config, honoured: Config,
              overrides: list[Override]) -> dict[str, dict[str, Any]]:
    """The policy's family settings, then the repository's keys it allows (kept in
    `honoured` too: what the repository relaxed itself, `allow_paths`...)."""
    settings = {family: dict(values) if isinstance(values, dict) else values
                for family, values in policy.own.settings.items()}
    mode = policy.mode("settings")
    for family, values in repository.settings.items():
        items = values.items() if isinstance(values, dict) else [(None, values)]
        for key, value in items:
            name = family if key is None else f"{family}.{key}"
            if mode == HONOUR or (isinstance(mode, tuple) and (family in mode or name in mode)):
                if key is None:
                    settings[family] = honoured.settings[family] = value
                else:
                    section = settings.setdefault(family, {})
                    if isinstance(section, dict):
                        section[key] = value
                    honoured.settings.setdefault(family, {})[key] = value
                continue
            overrides.append(Override("settings", shorten(name), _shown(value), None,
                                      NOT_ALLOWED))
    return settings


def _shown(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = str(value)
    return shorten(text)


def metadata(applied: Applied) -> dict[str, Any]:
    """`metadata.policy` of a report judged under the policy."""
    policy = applied.policy
    return {"name": policy.name, "sha256": policy.digest,
            "enforced": {rule: floor.value for rule, floor in sorted(policy.enforce.items())},
            "overridden": [override.as_dict() for override in applied.overrides]}
