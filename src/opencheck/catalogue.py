# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The rule catalogue and the profiles, loaded from `rules/`.

The files are our own data: `schema_problems()` validates them against
`schemas/catalogue/` in the tests (tests/test_catalogue.py), not in every run, where
jsonschema would cost more than the rest of the start-up.

Parsing the YAML (and importing the YAML library) cost every run about 0.03 s of CPU,
as much as the rest of a history run's set-up: the documents parsed are kept as JSON in
the user's cache folder (`usercache`), under a hash of the files' bytes, and read back
from there while the files stay the same. A changed file changes the hash, so the
catalogue is parsed again; a cache that cannot be used is parsed around.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from opencheck import usercache
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


def _load_yaml(path: Path) -> Any:
    return _parse(path.read_bytes())


def _parse(content: bytes) -> Any:
    import yaml

    # The catalogue is our own data, so libyaml's safe loader (five times faster) is fine.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(content.decode("utf-8"), Loader=loader)


@cache
def load_catalogue(directory: Path | None = None) -> Catalogue:
    documents = _documents(directory) if directory else _shipped()
    rules: dict[str, Rule] = {}
    families: dict[str, Text] = {}
    for name, document in documents.files.items():
        if not _is_rule_file(document):
            continue
        family = document["family"]
        families[family] = _text(document["title"])
        for raw in document["rules"]:
            if raw["id"] in rules:
                raise CatalogueError(f"{name}: rule {raw['id']} defined twice")
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
    for raw in documents.profiles:
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


# Part of the cache key: a change in what is kept makes new files.
CACHE_FORMAT = 2
MAX_CACHED = 16 * 1024 * 1024
STALE_DAYS = 1  # the catalogue of another version (or an edit since) is removed after


@dataclass(frozen=True)
class Documents:
    """Every `rules/*.yml` document by file name (rule files and data files such as
    licences.yml), and the profiles' documents."""

    files: dict[str, Any]
    profiles: list[Any]


def _documents(base: Path) -> Documents:
    """The documents of `base`, from the cache when it holds these files' bytes, else
    parsed (and then cached)."""
    paths, profile_paths = sorted(base.glob("*.yml")), _profile_files(base)
    contents = [path.read_bytes() for path in (*paths, *profile_paths)]
    digest = hashlib.sha256(repr((CACHE_FORMAT, [path.name for path in paths],
                                  [path.name for path in profile_paths])).encode())
    for content in contents:
        digest.update(len(content).to_bytes(8, "little") + content)
    folder = usercache.root()
    name = f"{digest.hexdigest()[:32]}.json"
    stored = None if folder is None else usercache.read(folder / "catalogue", name, MAX_CACHED)
    if stored is not None:
        try:
            cached = json.loads(stored)
            if isinstance(cached["files"], dict) and isinstance(cached["profiles"], list):
                return Documents(cached["files"], cached["profiles"])
        except (ValueError, KeyError, TypeError):
            pass  # damaged: parsed again below, and the file replaced
    parsed = [_parse(content) for content in contents]
    documents = Documents({path.name: document for path, document in zip(paths, parsed,
                                                                           strict=False)},
                          parsed[len(paths):])
    if folder is not None:
        _store(folder / "catalogue", name, documents)
    return documents


def _store(folder: Path, name: str, documents: Documents) -> None:
    kept = {"files": documents.files, "profiles": documents.profiles}
    text = json.dumps(kept, ensure_ascii=False)
    # Only what JSON gives back the same is kept (YAML may also give dates or tuples).
    if json.loads(text) == kept and usercache.write(folder, name, text.encode("utf-8")):
        usercache.prune(folder, "*.json", name, STALE_DAYS)


@cache
def _shipped() -> Documents:
    return _documents(rules_dir())


def shipped_document(name: str) -> Any:
    """The parsed document of the shipped data file `rules/<name>` (licences.yml,
    compatibility.yml), read through the catalogue's cache."""
    return _shipped().files[name]


def _is_rule_file(document: Any) -> bool:
    # else a data file such as licences.yml, which lives beside the rule files
    return isinstance(document, dict) and "rules" in document


def _rule_files(base: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(base.glob("*.yml")):
        document = _load_yaml(path)
        if _is_rule_file(document):
            found.append((path, document))
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
