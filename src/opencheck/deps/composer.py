# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""PHP: composer.json and composer.lock (which records each package's licences)."""

from __future__ import annotations

import re
from typing import Any

from opencheck.deps.model import DEV, RUNTIME, Dependency, declared_direct
from opencheck.deps.source import (
    Shape,
    Source,
    as_dict,
    as_list,
    as_str,
    in_folder,
    join_licences,
)

ECOSYSTEM = "composer"
TRIGGERS = ("composer.json", "composer.lock")
# Platform requirements are not packages: the PHP version, extensions, system libraries.
_PLATFORM = re.compile(r"^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-.+)?)$",
                       re.IGNORECASE)


def collect(src: Source, directory: str) -> list[Dependency]:
    manifest_path = in_folder(directory, "composer.json")
    lock_path = in_folder(directory, "composer.lock")
    direct = _required(src, manifest_path) if src.exists(manifest_path) else {}
    if src.exists(lock_path):
        lock_shape = src.shape(lock_path)
        lock = lock_shape.document(src.json(lock_path))
        if lock is not None:
            return parse_lock(lock, lock_path, direct, lock_shape)
    return declared_direct(ECOSYSTEM, direct, manifest_path)


def _required(src: Source, path: str) -> dict[str, tuple[str | None, str]]:
    """composer.json's packages (lower-cased name -> requirement and scope)."""
    shape = src.shape(path)
    manifest = shape.document(src.json(path)) or {}
    direct: dict[str, tuple[str | None, str]] = {}
    for section, scope in (("require-dev", DEV), ("require", RUNTIME)):
        for name, spec in shape.table(manifest.get(section), section).items():
            if not _PLATFORM.match(name):
                direct[name.lower()] = (as_str(spec), scope)
    return direct


def parse_lock(
    lock: dict[str, object], path: str, direct: dict[str, tuple[str | None, str]],
    shape: Shape | None = None,
) -> list[Dependency]:
    found: list[Dependency] = []
    entries = [(section, scope, shape.table(raw, f"{section}[{index}]") if shape
                else as_dict(raw))
               for section, scope in (("packages", RUNTIME), ("packages-dev", DEV))
               for index, raw in enumerate(shape.array(lock.get(section), section) if shape
                                           else as_list(lock.get(section)))]
    runtime = _runtime_reached(
        [entry for _, _, entry in entries],
        {name for name, (_, scope) in direct.items() if scope == RUNTIME})
    for _section, scope, entry in entries:
        name = as_str(entry.get("name"))
        if not name:
            continue
        # the lock's `packages-dev` is its word: what composer.json's `require` reaches runs
        if scope == DEV and name.lower() in runtime:
            scope = RUNTIME
        licence = join_licences(entry.get("license"))
        found.append(
            Dependency(
                ECOSYSTEM,
                name,
                as_str(entry.get("version")),
                path,
                licence=licence,
                licence_source="lockfile" if licence else None,
                direct=(name.lower() in direct) if direct else None,
                scope=scope,
                locked=True,
            )
        )
    return found


def _runtime_reached(entries: list[dict[str, Any]], roots: set[str]) -> set[str]:
    """The lower-cased names composer.json's `require` reaches through the lock's
    packages' own `require`, whichever list (`packages`, `packages-dev`) holds them."""
    requires: dict[str, list[str]] = {}
    for entry in entries:
        name = as_str(entry.get("name"))
        if name:
            requires.setdefault(name.lower(), [str(each).lower()
                                               for each in as_dict(entry.get("require"))])
    reached: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name not in reached:
            reached.add(name)
            stack.extend(requires.get(name, ()))
    return reached
