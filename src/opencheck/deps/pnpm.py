# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""pnpm-lock.yaml, lockfile versions 5.x, 6.0 and 9.0. pnpm records no licences."""

from __future__ import annotations

from typing import Any

from opencheck.deps.model import DEV, OPTIONAL, RUNTIME, Dependency
from opencheck.deps.source import Source, as_dict, as_str

ECOSYSTEM = "npm"
IMPORTER_SECTIONS = (
    ("dependencies", RUNTIME),
    ("optionalDependencies", OPTIONAL),
    ("devDependencies", DEV),
)


def parse(src: Source, path: str, direct: dict[str, str]) -> list[Dependency] | None:
    shape = src.shape(path)
    lock = shape.document(src.yaml(path))
    if lock is None:
        return None
    try:
        version = float(str(lock.get("lockfileVersion", "5")).split(".")[0])
    except ValueError:
        version = 5.0
    importers = shape.table(lock.get("importers"), "importers") or {".": lock}
    direct_scopes: dict[str, str] = dict(direct)
    roots: list[tuple[str, str]] = []  # (snapshot key, scope)
    for folder, importer in importers.items():
        where = "" if importer is lock else f"importers[{folder!r}]."
        for section, scope in IMPORTER_SECTIONS:
            entries = shape.table(shape.table(importer, where.rstrip(".")).get(section),
                                  where + section)
            for name, raw in entries.items():
                resolved = as_str(as_dict(raw).get("version")) if isinstance(raw, dict) \
                    else as_str(raw)
                direct_scopes.setdefault(name, scope)
                # package.json's word beside the lock's importer: a runtime dependency
                runs = RUNTIME if folder == "." and direct.get(name) == RUNTIME else scope
                if resolved and not resolved.startswith("link:"):
                    roots.append((f"{name}@{resolved}", runs))
    packages = shape.table(lock.get("packages"), "packages")
    snapshots = shape.table(lock.get("snapshots"), "snapshots")
    reached = _by_package(_reach(roots, snapshots)) if snapshots else {}
    found: list[Dependency] = []
    for key, raw in packages.items():
        parsed = package_key(str(key), version)
        if parsed is None:
            continue
        name, pinned = parsed
        entry = shape.table(raw, f"packages[{key!r}]")
        if snapshots:
            scope = reached.get(f"{name}@{pinned}", RUNTIME)
        elif entry.get("dev") is True and direct.get(name) != RUNTIME:
            scope = DEV
        elif entry.get("optional") is True:
            scope = OPTIONAL
        else:
            scope = RUNTIME
        found.append(
            Dependency(
                ECOSYSTEM,
                as_str(entry.get("name")) or name,
                as_str(entry.get("version")) or pinned,
                path,
                direct=name in direct_scopes,
                scope=scope,
                locked=True,
            )
        )
    return found


def package_key(key: str, lockfile_version: float) -> tuple[str, str] | None:
    """`/@scope/name@1.0.0(peer@2)` or `/name/1.0.0_peer@2` -> (name, version)."""
    key = key.removeprefix("/")
    key = key.split("(", 1)[0]
    if lockfile_version < 6:
        name, _, pinned = key.rpartition("/")
        pinned = pinned.split("_", 1)[0]
    else:
        at = key.rfind("@")
        if at <= 0:
            return None
        name, pinned = key[:at], key[at + 1:]
    if not name or not pinned:
        return None
    return name, pinned


def _reach(roots: list[tuple[str, str]], snapshots: dict[str, Any]) -> dict[str, str]:
    """Scope of each snapshot reached from the importers (runtime beats dev)."""
    reached: dict[str, str] = {}
    order = {RUNTIME: 0, OPTIONAL: 1, DEV: 2}
    for start_scope in (RUNTIME, OPTIONAL, DEV):
        stack = [key for key, scope in roots if scope == start_scope]
        while stack:
            key = stack.pop()
            if key in reached and order[reached[key]] <= order[start_scope]:
                continue
            reached[key] = start_scope
            snapshot = as_dict(snapshots.get(key))
            for section in ("dependencies", "optionalDependencies"):
                children = as_dict(snapshot.get(section))
                stack.extend(f"{name}@{version}" for name, version in children.items())
    return reached


def _by_package(reached: dict[str, str]) -> dict[str, str]:
    """Snapshot scopes folded onto `name@version` (peer variants merged, runtime wins)."""
    order = {RUNTIME: 0, OPTIONAL: 1, DEV: 2}
    folded: dict[str, str] = {}
    for key, scope in reached.items():
        base = key.split("(", 1)[0]
        if base not in folded or order[scope] < order[folded[base]]:
            folded[base] = scope
    return folded
