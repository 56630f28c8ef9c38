# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Rust: Cargo.toml and Cargo.lock (no licences recorded in the lock)."""

from __future__ import annotations

from typing import Any

from opencheck.deps.model import BUILD, DEV, RUNTIME, Dependency, declared_direct
from opencheck.deps.source import Shape, Source, as_dict, as_list, as_str, in_folder

ECOSYSTEM = "cargo"
TRIGGERS = ("Cargo.toml", "Cargo.lock")
SECTIONS = (("dependencies", RUNTIME), ("build-dependencies", BUILD),
            ("dev-dependencies", DEV))


def collect(src: Source, directory: str) -> list[Dependency]:
    manifest_path = in_folder(directory, "Cargo.toml")
    lock_path = in_folder(directory, "Cargo.lock")
    declared: dict[str, tuple[str | None, str]] = {}
    if src.exists(manifest_path):
        shape = src.shape(manifest_path)
        declared = manifest_dependencies(shape.document(src.toml(manifest_path)) or {}, shape)
    if src.exists(lock_path):
        shape = src.shape(lock_path)
        lock = shape.document(src.toml(lock_path))
        if lock is not None:
            return parse_lock(lock, lock_path, declared, shape)
    return declared_direct(ECOSYSTEM, declared, manifest_path)


def manifest_dependencies(manifest: dict[str, Any], shape: Shape | None = None
                          ) -> dict[str, tuple[str | None, str]]:
    def table(value: Any, where: str) -> dict[str, Any]:
        return shape.table(value, where) if shape else as_dict(value)

    targets = table(manifest.get("target"), "target")
    tables = [("", manifest), *((f"target.{name}.", value) for name, value in targets.items())]
    found: dict[str, tuple[str | None, str]] = {}
    for prefix, value in tables:
        for section, scope in SECTIONS:
            where = prefix + section
            for key, raw in table(table(value, prefix.rstrip(".") or "top level")
                                  .get(section), where).items():
                if isinstance(raw, dict):
                    if "path" in raw:
                        continue  # a crate of the same repository
                    spec, name = as_str(raw.get("version")), as_str(raw.get("package")) or key
                else:
                    spec, name = as_str(raw), key
                if name not in found or scope == RUNTIME:
                    found[name] = (spec, scope)
    return found


def parse_lock(
    lock: dict[str, Any], path: str, declared: dict[str, tuple[str | None, str]],
    shape: Shape | None = None,
) -> list[Dependency]:
    listed = shape.array(lock.get("package"), "package") if shape \
        else as_list(lock.get("package"))
    packages = [shape.table(raw, f"package[{index}]") if shape else as_dict(raw)
                for index, raw in enumerate(listed)]
    # Packages without a source are the repository's own crates; what they list is direct.
    direct: set[str] = set()
    for entry in packages:
        if entry.get("source") is None:
            for item in as_list(entry.get("dependencies")):
                if isinstance(item, str):
                    direct.add(item.split(" ", 1)[0])
    found: list[Dependency] = []
    for entry in packages:
        name = as_str(entry.get("name"))
        if not name or entry.get("source") is None:
            continue
        found.append(
            Dependency(
                ECOSYSTEM,
                name,
                as_str(entry.get("version")),
                path,
                direct=name in direct or name in declared,
                scope=declared.get(name, (None, RUNTIME))[1],
                locked=True,
            )
        )
    return found
