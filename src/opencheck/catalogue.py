# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The rule catalogue and the profiles, loaded from `rules/`.

The files are our own data: `schema_problems()` validates them against
`schemas/catalogue/` in the tests (tests/test_catalogue.py), not in every run, where
jsonschema would cost more than the rest of the start-up.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from opencheck.data import load_schema, rules_dir
from opencheck.model import Severity, Text

DEFAULT_PROFILE = "dinum"


class CatalogueError(Exception):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: Severity
    title: Text
    help: Text
    fix: Text
    reference: str
    weight: int = 1


@dataclass(frozen=True)
class Profile:
    name: str
    title: Text
    description: Text
    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR

    def selects(self, rule: Rule) -> bool:
        return _matches(rule, self.include) and not _matches(rule, self.exclude)


@dataclass(frozen=True)
class Catalogue:
    rules: dict[str, Rule]
    profiles: dict[str, Profile]
    families: dict[str, Text]

    def rules_of(self, profile: Profile) -> list[Rule]:
        return [rule for rule in self.rules.values() if profile.selects(rule)]


def _matches(rule: Rule, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if pattern.startswith("family:"):
            if fnmatch.fnmatchcase(rule.family, pattern.removeprefix("family:")):
                return True
        elif fnmatch.fnmatchcase(rule.id, pattern):
            return True
    return False


def _text(value: dict[str, str]) -> Text:
    return Text(fr=value["fr"].strip(), en=value["en"].strip())


# The catalogue is our own data, so libyaml's safe loader (five times faster) is fine.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


@cache
def load_catalogue(directory: Path | None = None) -> Catalogue:
    base = directory or rules_dir()
    rules: dict[str, Rule] = {}
    families: dict[str, Text] = {}
    for path, document in _rule_files(base):
        family = document["family"]
        families[family] = _text(document["title"])
        for raw in document["rules"]:
            if raw["id"] in rules:
                raise CatalogueError(f"{path.name}: rule {raw['id']} defined twice")
            rules[raw["id"]] = Rule(
                id=raw["id"],
                family=family,
                severity=Severity(raw["severity"]),
                title=_text(raw["title"]),
                help=_text(raw["help"]),
                fix=_text(raw["fix"]),
                reference=raw["reference"],
                weight=raw.get("weight", 1),
            )
    profiles: dict[str, Profile] = {}
    for path in _profile_files(base):
        raw = _load_yaml(path)
        profiles[raw["name"]] = Profile(
            name=raw["name"],
            title=_text(raw["title"]),
            description=_text(raw["description"]),
            include=tuple(raw["include"]),
            exclude=tuple(raw.get("exclude", ())),
            severity={k: Severity(v) for k, v in raw.get("severity", {}).items()},
            fail_on=Severity(raw.get("fail_on", "error")),
        )
    return Catalogue(rules=rules, profiles=profiles, families=families)


def _rule_files(base: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(base.glob("*.yml")):
        document = _load_yaml(path)
        if isinstance(document, dict) and "rules" in document:
            found.append((path, document))
        # else a data file such as licences.yml, which lives beside the rule files
    return found


def _profile_files(base: Path) -> list[Path]:
    return sorted((base / "profiles").glob("*.yml"))


def schema_problems(directory: Path | None = None) -> list[str]:
    """What the rule and profile files break of `schemas/catalogue/` (tests only)."""
    import jsonschema

    base = directory or rules_dir()
    rule_schema = jsonschema.Draft202012Validator(load_schema("catalogue/rules.schema.json"))
    profile_schema = jsonschema.Draft202012Validator(
        load_schema("catalogue/profile.schema.json"))
    problems = [
        f"{path.name}: {error.message}"
        for path, document in _rule_files(base)
        for error in rule_schema.iter_errors(document)
    ]
    problems += [
        f"profiles/{path.name}: {error.message}"
        for path in _profile_files(base)
        for error in profile_schema.iter_errors(_load_yaml(path))
    ]
    return problems
