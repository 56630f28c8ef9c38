# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Reading manifests and lockfiles through the snapshot, turning every failure into a
Problem so that one broken file never stops the inventory."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from opencheck import yamlevents
from opencheck.deps.model import Problem
from opencheck.model import Text
from opencheck.parsing import load_json, load_toml
from opencheck.repository import Repository
from opencheck.yamlsafe import FastLoader, YamlError, load_yaml, yaml_text

# Generated lockfiles never use YAML anchors or aliases; when a file seems to, it goes
# through the bounded (slower) loader that counts them. This is a guess, for speed only
# (libyaml also breaks lines at NEL, U+2028 and U+2029, so an alias may follow a byte
# it does not list): the events' build hands any alias it meets to the same loader.
_ANCHOR_OR_ALIAS = re.compile(rb"(?:^|[\s\[{,:-])[&*][^\s,\[\]{}'\"]")
# The same, found from its `&` or `*` (the pattern above, tried at every byte, took
# 17 ms of a 774 KB pnpm lockfile that holds 47 of them); past this many marks, one
# search from the mark on (linear, 8 ms a MB).
_FROM_MARK = re.compile(rb"[&*](?<![^\s\[{,:-].)[^\s,\[\]{}'\"]")
MARKS_LOOKED_AT = 256


class ParseError(ValueError):
    """A file's content does not have the expected structure."""


class Source:
    """Reads files of one repository for the parsers and records what went wrong."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.problems: list[Problem] = []
        self._formats: dict[str, str] = {}
        # (ecosystem, name) of the packages this repository builds itself, such as the
        # modules of a multi-module Maven project: they depend on each other, and those
        # dependencies are the project's own code, not third-party packages.
        self.own_packages: set[tuple[str, str]] = set()

    def shape(self, path: str) -> Shape:
        """Typed access to the parsed content of `path` (read by json/toml/yaml)."""
        return Shape(self, path)

    def format_of(self, path: str) -> str:
        """"json", "toml" or "yaml": how `path` was parsed."""
        return self._formats.get(path, "json")

    def problem(self, path: str, en: str, fr: str, kind: str = "invalid") -> None:
        self.problems.append(Problem(path, Text(fr=fr, en=en), kind))

    def exists(self, path: str) -> bool:
        return self.repo.exists(path)

    def read(self, path: str) -> bytes | None:
        data = self.repo.read_bytes(path)
        if data is not None:
            return data
        entry = self.repo.entry(path)
        unreadable = self.repo.unreadable.get(path)
        reason = unreadable.reason if unreadable else "cannot be read"
        if entry is not None and entry.size > self.repo.size_limit:
            size_mb = entry.size / (1024 * 1024)
            limit_mb = self.repo.size_limit // (1024 * 1024)
            self.problem(
                path,
                f"{size_mb:.0f} MB, above the {limit_mb} MB limit: its dependencies are "
                "not listed",
                f"{size_mb:.0f} Mo, au-delà de la limite de {limit_mb} Mo : ses dépendances "
                "ne sont pas listées",
                "too-large",
            )
        else:
            self.problem(path, f"cannot be read: {reason}", f"illisible : {reason}",
                         "unreadable")
        return None

    def text(self, path: str) -> str | None:
        data = self.read(path)
        if data is None:
            return None
        if b"\0" in data[:8000]:
            self.problem(path, "binary content, not a text manifest",
                         "contenu binaire, pas un manifeste texte")
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            self.problem(path, f"not UTF-8 (byte {error.start})",
                         f"pas en UTF-8 (octet {error.start})")
            return None

    def json(self, path: str) -> Any:
        text = self.text(path)
        if text is None:
            return None
        self._formats[path] = "json"
        try:
            return load_json(text)
        except (json.JSONDecodeError, RecursionError) as error:
            where = getattr(error, "lineno", None)
            at = f" (line {where})" if where else ""
            at_fr = f" (ligne {where})" if where else ""
            message = getattr(error, "msg", "nested too deeply")
            self.problem(path, f"invalid JSON{at}: {message}", f"JSON invalide{at_fr} : {message}")
            return None

    def toml(self, path: str, subset: Callable[[str], Any] | None = None) -> Any:
        """The file's TOML; `subset` is tried first, a reader of the shape a tool
        writes that answers None when the text leaves it (uvlock.document)."""
        text = self.text(path)
        if text is None:
            return None
        self._formats[path] = "toml"
        if subset is not None and (found := subset(text)) is not None:
            return found
        import tomllib  # a run without a TOML manifest never needs it

        try:
            return load_toml(text)
        except (tomllib.TOMLDecodeError, RecursionError) as error:
            self.problem(path, f"invalid TOML: {error}", f"TOML invalide : {error}")
            return None

    def yaml(self, path: str) -> Any:
        data = self.read(path)
        if data is None:
            return None
        self._formats[path] = "yaml"
        try:
            return load_lock_yaml(data, self.repo.size_limit)
        except YamlError as error:
            self.problem(path, f"invalid YAML: {error}", f"YAML invalide : {error}")
            return None


# What each container is called in the file's own format, in English and French.
_TABLE = {"json": ("an object", "un objet"), "toml": ("a table", "une table"),
          "yaml": ("a mapping", "un dictionnaire")}
_ARRAY = {"json": ("an array", "un tableau"), "toml": ("an array", "un tableau"),
          "yaml": ("a list", "une liste")}


class Shape:
    """The parsed content of one manifest read by the type each place should have.

    A value of the wrong type (a package.json that is an array, a composer.lock whose
    `packages` is an object) is reported as a problem naming the file and the place,
    once per file, and read as empty: a malformed manifest is never silently taken for
    one that declares nothing. An absent value (missing key, null) is simply empty.
    """

    def __init__(self, src: Source, path: str) -> None:
        self.src, self.path = src, path

    @property
    def format(self) -> str:
        return self.src.format_of(self.path)

    def document(self, value: Any) -> dict[str, Any] | None:
        """The whole file, which must be a table; None when it could not be parsed
        (already reported) or is anything else (reported here, null and empty too)."""
        if isinstance(value, dict):
            return value
        if not self._reported():
            self._wrong(value, "top level" if value is not None else "the file",
                        _TABLE[self.format], report_none=True)
        return None

    def table(self, value: Any, where: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self._wrong(value, where, _TABLE[self.format])
        return {}

    def array(self, value: Any, where: str) -> list[Any]:
        if isinstance(value, list):
            return value
        self._wrong(value, where, _ARRAY[self.format])
        return []

    def _reported(self) -> bool:
        return any(problem.path == self.path for problem in self.src.problems)

    def _wrong(self, value: Any, where: str, expected: tuple[str, str],
               report_none: bool = False) -> None:
        if (value is None and not report_none) or self._reported():
            return
        found_en, found_fr = self._kind(value)
        where_fr = "le fichier" if where == "the file" else (
            "le premier niveau" if where == "top level" else where)
        self.src.problem(
            self.path,
            f"{where}: {expected[0]} was expected, not {found_en}; what it should list is "
            "not read",
            f"{where_fr} : {expected[1]} était attendu, pas {found_fr} ; ce qu'il devrait "
            "lister n'est pas lu",
        )

    def _kind(self, value: Any) -> tuple[str, str]:
        if value is None:
            return "nothing (null or empty)", "rien (null ou vide)"
        if isinstance(value, dict):
            return _TABLE[self.format]
        if isinstance(value, list):
            return _ARRAY[self.format]
        if isinstance(value, bool):
            return "a boolean", "un booléen"
        if isinstance(value, int | float):
            return "a number", "un nombre"
        if isinstance(value, str):
            return "a string", "une chaîne"
        return "a date", "une date"


def in_folder(directory: str, name: str) -> str:
    """The path of `name` in a folder of the tree (`""`: its top)."""
    return f"{directory}/{name}" if directory else name


def _anchor_or_alias(data: bytes) -> bool:
    """Whether `_ANCHOR_OR_ALIAS` is found in `data`: asked at each `&` and `*` (a
    match holds one right after its first byte, or as its first byte at the start)."""
    looked = 0
    for mark in (b"&", b"*"):
        at = data.find(mark)
        while at >= 0:
            looked += 1
            if looked > MARKS_LOOKED_AT:
                return _FROM_MARK.search(data) is not None
            if _ANCHOR_OR_ALIAS.match(data, max(at - 1, 0)):
                return True
            at = data.find(mark, at + 1)
    return False


def load_lock_yaml(data: bytes, max_bytes: int) -> Any:
    """A YAML lockfile, with libyaml when it holds no anchor, else the bounded loader."""
    if _anchor_or_alias(data) or not yaml.__with_libyaml__:
        return load_yaml(data, max_bytes=max_bytes)
    text = yaml_text(data)
    try:
        return yamlevents.load(text, FastLoader(""),
                               lambda unusual: load_yaml(unusual, max_bytes=max_bytes))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise YamlError(
            error.problem or "invalid YAML",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from error
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlError(str(error)) from error


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def join_licences(values: Any) -> str | None:
    """A licence field that may be a string, a list (a choice), or npm's old objects."""
    if isinstance(values, str):
        return values.strip() or None
    if isinstance(values, dict):
        return join_licences(values.get("type"))
    if isinstance(values, list):
        parts = [part for part in (join_licences(v) for v in values) if part]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return " OR ".join(f"({p})" if " " in p else p for p in parts)
    return None
