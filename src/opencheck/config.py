# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A repository's own settings: `.opencheck.yml`, or `[tool.opencheck]` in pyproject.toml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opencheck.catalogue import Catalogue
from opencheck.data import load_schema
from opencheck.errors import OpencheckError, did_you_mean, joined
from opencheck.globs import too_many
from opencheck.model import Severity, Text
from opencheck.parsing import load_toml
from opencheck.safefile import FileRefused, read_regular

CONFIG_FILES = (".opencheck.yml", ".opencheck.yaml")
MAX_PYPROJECT_BYTES = 2 * 1024 * 1024
# A configuration holds tens of values. Aliases share nodes, so a few hundred bytes can
# stand for millions of values once walked (a schema error message walks them all).
MAX_CONFIG_VALUES = 10_000
# What a message quotes of a configuration value.
MAX_QUOTED = 200


class ConfigError(OpencheckError):
    """The configuration is wrong; the message says where and what to write instead."""


@dataclass
class Config:
    source: str | None = None
    profile: str | None = None
    fail_on: Severity | None = None
    lang: str | None = None
    disable: dict[str, str] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)


# The bytes of a configuration file by name (`.opencheck.yml`, `pyproject.toml`), None
# when there is none; it may raise OSError or ConfigError.
Reader = Callable[[str], bytes | None]


def folder_reader(root: Path) -> Reader:
    """Configuration files of the work tree (never through a symlink)."""
    def read(name: str) -> bytes | None:
        path = root / name
        if path.is_file() and not path.is_symlink():
            return read_regular(path, _limit(name), follow=False)
        return None
    return read


def _limit(name: str) -> int:
    """Checked before reading: a sparse 1 GB file would otherwise be read whole."""
    if name == "pyproject.toml":
        return MAX_PYPROJECT_BYTES
    # The YAML library is imported only when a repository has a YAML configuration
    # (a history run needs it for nothing else: 0.012 s)
    from opencheck.yamlsafe import MAX_BYTES

    return MAX_BYTES


def _unreadable(name: str, error: OSError) -> ConfigError:
    reason = error.strerror or str(error)
    fr = error.fr if isinstance(error, FileRefused) else reason
    return ConfigError(Text(f"{name} : illisible ({fr})", f"{name}: cannot be read ({reason})"))


def read_config(root: Path, reader: Reader | None = None,
                where: str = "") -> tuple[dict[str, Any], str | None]:
    """The raw settings and the name of the file they came from (with `where`, e.g.
    " (base main)", appended), from the work tree unless a reader is given."""
    read = reader or folder_reader(root)
    for name in CONFIG_FILES:
        try:
            data = read(name)
        except OSError as error:
            raise _unreadable(name, error) from error
        if data is None:
            continue
        return _yaml_settings(data, name), name + where
    try:
        data = read("pyproject.toml")
    except FileRefused as error:  # too large, or not a regular file
        raise _unreadable("pyproject.toml", error) from error
    except OSError:
        data = None
    if data is not None:
        import tomllib  # a run on a repository without pyproject.toml never needs it

        try:
            parsed = load_toml(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return {}, None  # the licence family reports a broken manifest
        except RecursionError as error:  # tomllib recurses once per nesting level
            raise ConfigError(Text(
                "pyproject.toml : imbriqué trop profondément pour être lu",
                "pyproject.toml: nested too deeply to be read",
            )) from error
        section = parsed.get("tool", {}).get("opencheck")
        if isinstance(section, dict):
            return section, "pyproject.toml [tool.opencheck]" + where
    return {}, None


def _yaml_settings(data: bytes, name: str) -> dict[str, Any]:
    from opencheck.yamlsafe import YamlError, load_yaml

    try:
        raw = load_yaml(data, max_values=MAX_CONFIG_VALUES)
    except YamlError as error:
        raise ConfigError(
            Text(f"{name} : YAML invalide, {error}", f"{name}: invalid YAML, {error}")
        ) from error
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(
            Text(f"{name} : une table de réglages est attendue au premier niveau",
                 f"{name}: expected a mapping of settings at the top level")
        )
    return raw


def pinned_reader(path: Path) -> tuple[Reader, str]:
    """`--config FILE`: that file stands for `.opencheck.yml` (or `pyproject.toml`)."""
    name = "pyproject.toml" if path.name == "pyproject.toml" else CONFIG_FILES[0]
    if not path.is_file():
        raise ConfigError(Text(f"--config {path} : fichier introuvable",
                               f"--config {path}: no such file"))

    def read(wanted: str) -> bytes | None:
        return read_regular(path, _limit(name)) if wanted == name else None
    return read, f" (--config {path})"


def load_config(root: Path, catalogue: Catalogue, reader: Reader | None = None,
                where: str = "") -> Config:
    raw, source = read_config(root, reader, where)
    validate(raw, source or ".opencheck.yml", catalogue)
    return Config(
        source=source,
        profile=raw.get("profile"),
        fail_on=Severity(raw["fail-on"]) if "fail-on" in raw else None,
        lang=raw.get("lang"),
        disable=dict(raw.get("disable", {})),
        severity={rule: Severity(value) for rule, value in raw.get("severity", {}).items()},
        exclude=list(raw.get("exclude", [])),
        settings=settings_of(raw),
    )


def settings_of(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`settings`, with the top-level `publiccode-strict` given to its family."""
    settings = {family: dict(values) if isinstance(values, dict) else values
                for family, values in raw.get("settings", {}).items()}
    if "publiccode-strict" in raw:
        settings.setdefault("publiccode", {})["strict"] = bool(raw["publiccode-strict"])
    return settings


def shorten(message: str, limit: int = MAX_QUOTED) -> str:
    """A message quoting a value, cut: a value can be as long as the file."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _glob_lists(raw: dict[str, Any]) -> list[tuple[str, object]]:
    """The configuration's lists of globs, by the name an error gives them."""
    settings = raw.get("settings")
    settings = settings if isinstance(settings, dict) else {}

    def inner(family: str, key: str) -> object:
        section = settings.get(family)
        return section.get(key) if isinstance(section, dict) else None

    return [("exclude", raw.get("exclude")),
            ("settings.secrets.allow_paths", inner("secrets", "allow_paths")),
            ("settings.history.allowed_emails", inner("history", "allowed_emails"))]


def validate(raw: dict[str, Any], source: str, catalogue: Catalogue) -> None:
    schema = load_schema("config/opencheck.schema.json")
    for key in raw:
        if key not in schema["properties"]:
            raise ConfigError(joined(
                f"{source}: ", Text("réglage inconnu", "unknown setting"), f" '{key}'",
                did_you_mean(str(key), schema["properties"]),
            ))
    for section in ("disable", "severity"):
        for rule in raw.get(section) or {}:
            if isinstance(raw[section], dict) and rule not in catalogue.rules:
                raise ConfigError(joined(
                    f"{source}: {section}: ", Text("règle inconnue", "unknown rule"),
                    f" '{rule}'", did_you_mean(rule, catalogue.rules),
                ))
    if not raw:
        return  # no configuration: nothing to validate, and jsonschema is not imported
    # each is matched against each path, finding or identity
    for name, value in _glob_lists(raw):
        if (error := too_many(name, value)) is not None:
            raise ConfigError(joined(f"{source}: ", error))
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(raw), key=str)
    if errors:
        error = errors[0]
        where = ".".join(str(part) for part in error.absolute_path) or "top level"
        raise ConfigError(joined(
            f"{source}: {where}: ", Text("valeur invalide, ", "invalid value, "),
            shorten(error.message),
        ))
    for section in ("disable", "severity"):
        for rule in raw.get(section, {}):
            if rule not in catalogue.rules:
                raise ConfigError(joined(
                    f"{source}: {section}: ", Text("règle inconnue", "unknown rule"),
                    f" '{rule}'", did_you_mean(rule, catalogue.rules),
                ))
    profile = raw.get("profile")
    if profile is not None and profile not in catalogue.profiles:
        raise ConfigError(joined(
            f"{source}: ", Text("profil inconnu", "unknown profile"), f" '{profile}'",
            did_you_mean(profile, catalogue.profiles),
        ))
    for family in raw.get("settings", {}):
        if family not in catalogue.families:
            raise ConfigError(joined(
                f"{source}: settings: ", Text("famille inconnue", "unknown family"),
                f" '{family}'", did_you_mean(family, catalogue.families),
            ))
