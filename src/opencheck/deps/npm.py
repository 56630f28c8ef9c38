# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""JavaScript: package.json with package-lock.json / npm-shrinkwrap.json (v1 to v3),
yarn.lock or pnpm-lock.yaml beside it. The lockfile wins; the manifest says which
packages are direct."""

from __future__ import annotations

import fnmatch
from typing import Any

from opencheck.deps import pnpm, yarn
from opencheck.deps.model import (
    DEV,
    OPTIONAL,
    PEER,
    RUNTIME,
    Dependency,
    declared_direct,
    dedupe,
    merge_scope,
)
from opencheck.deps.npmreach import runtime_reached
from opencheck.deps.source import Shape, Source, as_dict, as_str, in_folder, join_licences
from opencheck.parsing import load_json

ECOSYSTEM = "npm"
TRIGGERS = ("package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml")
MANIFEST_SECTIONS = (
    ("dependencies", RUNTIME),
    ("optionalDependencies", OPTIONAL),
    ("peerDependencies", PEER),
    ("devDependencies", DEV),
)


def collect(src: Source, directory: str) -> list[Dependency]:
    manifest_path = in_folder(directory, "package.json")
    manifest: dict[str, Any] = {}
    if src.exists(manifest_path):
        shape = src.shape(manifest_path)
        manifest = shape.document(src.json(manifest_path)) or {}
        direct = manifest_scopes(manifest, shape)
    else:
        direct = {}
    for name in ("npm-shrinkwrap.json", "package-lock.json"):
        path = in_folder(directory, name)
        if src.exists(path):
            lock = src.json(path)
            shape = src.shape(path)
            if shape.document(lock) is not None:
                return dedupe(parse_package_lock(lock, path, direct, shape))
    path = in_folder(directory, "yarn.lock")
    if src.exists(path):
        found = yarn.parse(src, path, direct)
        if found is not None:
            return dedupe(found)
    path = in_folder(directory, "pnpm-lock.yaml")
    if src.exists(path):
        found = pnpm.parse(src, path, direct)
        if found is not None:
            return dedupe(found)
    if not manifest:
        return []
    return declared_direct(ECOSYSTEM, _manifest_entries(manifest), manifest_path)


def manifest_scopes(manifest: dict[str, Any], shape: Shape | None = None,
                    where: str = "") -> dict[str, str]:
    """Direct dependency name -> scope, from package.json (or a lockfile's copy of it,
    `where` in it)."""
    return {name: scope
            for name, (_, scope) in _manifest_entries(manifest, shape, where).items()}


def _manifest_entries(manifest: dict[str, Any], shape: Shape | None = None,
                      where: str = "") -> dict[str, tuple[str | None, str]]:
    entries: dict[str, tuple[str | None, str]] = {}
    for section, scope in MANIFEST_SECTIONS:
        value = manifest.get(section)
        table = shape.table(value, where + section) if shape else as_dict(value)
        for name, spec in table.items():
            if name not in entries or scope == RUNTIME:
                entries[name] = (as_str(spec), scope)
    return entries


def parse_package_lock(
    lock: Any, path: str, direct: dict[str, str], shape: Shape | None = None
) -> list[Dependency]:
    lock = as_dict(lock)
    packages = lock.get("packages")
    if isinstance(packages, dict):
        return _lock_v2(packages, path, direct, shape)
    if shape is not None:
        shape.table(packages, "packages")  # lockfile v1 has none; anything else is wrong
    dependencies = lock.get("dependencies")
    return _lock_v1(shape.table(dependencies, "dependencies") if shape
                    else as_dict(dependencies), path, direct, shape)


def _lock_v2(packages: dict[str, Any], path: str, direct: dict[str, str],
             shape: Shape | None) -> list[Dependency]:
    def entry_of(location: str, raw: Any) -> dict[str, Any]:
        return shape.table(raw, f"packages[{location!r}]") if shape else as_dict(raw)

    root = entry_of("", packages.get("")) if "" in packages else {}
    if root and not direct:
        direct = manifest_scopes(root, shape, "packages[''].")
    # package.json's own runtime dependencies (a workspace's are read at its folder)
    declared = {name for name, scope in direct.items() if scope == RUNTIME}
    # Workspace folders ("packages/ui") declare direct dependencies of their own.
    direct = {**{name: scope for location, raw in packages.items()
                 if location and "node_modules/" not in location
                 for name, scope in manifest_scopes(
                     entry_of(location, raw), shape, f"packages[{location!r}].").items()},
              **direct}
    # the lockfile's `dev` flags are its word: what the runtime dependencies reach runs
    reached = runtime_reached(packages, declared, entry_of)
    found: list[Dependency] = []
    for location, raw in packages.items():
        marker = location.rfind("node_modules/")
        if marker < 0:
            continue  # the root package or a workspace folder
        entry = entry_of(location, raw)
        if entry.get("link"):
            continue  # a workspace symlink, not a package of its own
        installed_as = location[marker + len("node_modules/"):]
        name = as_str(entry.get("name")) or installed_as
        licence = join_licences(entry.get("license") or entry.get("licenses"))
        top_level = location.startswith("node_modules/") and marker == 0
        found.append(
            Dependency(
                ECOSYSTEM,
                name,
                as_str(entry.get("version")),
                path,
                licence=licence,
                licence_source="lockfile" if licence else None,
                direct=bool(top_level and installed_as in direct),
                scope=_reached_scope(entry, reached is None or location in reached),
                locked=True,
            )
        )
    return found


def _reached_scope(entry: dict[str, Any], reached: bool) -> str:
    """The lockfile's scope, unless it says dev of a package runtime reaches: then
    runtime, or optional for one npm flags `devOptional` (a development dependency and
    an optional one of what runs, which npm installs with it) or optional too (sharp's
    platform builds, `@img/sharp-linux-x64`); both are judged."""
    scope = _lock_scope(entry)
    if scope != DEV or not reached:
        return scope
    return OPTIONAL if entry.get("devOptional") or entry.get("optional") else RUNTIME


def _lock_scope(entry: dict[str, Any]) -> str:
    if entry.get("dev") or entry.get("devOptional"):
        return DEV
    if entry.get("optional"):
        return OPTIONAL
    if entry.get("peer"):
        return PEER
    return RUNTIME


def _lock_v1(
    dependencies: dict[str, Any], path: str, direct: dict[str, str], shape: Shape | None
) -> list[Dependency]:
    found: list[Dependency] = []
    stack: list[tuple[dict[str, Any], bool]] = [(dependencies, True)]
    while stack:
        level, top = stack.pop()
        for name, raw in level.items():
            entry = shape.table(raw, f"dependencies[{name!r}]") if shape else as_dict(raw)
            found.append(
                Dependency(
                    ECOSYSTEM,
                    name,
                    as_str(entry.get("version")),
                    path,
                    direct=(top and name in direct) if direct else None,
                    # package.json's runtime dependency, whatever the lock's flag
                    scope=_reached_scope(entry, top and direct.get(name) == RUNTIME),
                    locked=True,
                )
            )
            nested = entry.get("dependencies")
            if shape is not None:
                nested = shape.table(nested, f"dependencies[{name!r}].dependencies")
            if isinstance(nested, dict) and nested:
                stack.append((nested, False))
    return found


LOCKFILES = ("npm-shrinkwrap.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml")


def fold_workspaces(src: Source, found: list[Dependency]) -> list[Dependency]:
    """A workspace member (`"workspaces": ["api", "packages/*"]` in the root package.json)
    has no lockfile of its own: the root's lockfile pins its packages. Those are direct
    dependencies there, and are not listed again as the member's unpinned requirements;
    a member's requirement the lockfile does not hold stays listed."""
    locked: dict[str, dict[str, Dependency]] = {}  # root folder -> name -> its lock entry
    for dep in found:
        folder, _, name = dep.declared_in.rpartition("/")
        if dep.ecosystem == ECOSYSTEM and name in LOCKFILES:
            locked.setdefault(folder, {}).setdefault(dep.name, dep)
    roots = {folder: patterns for folder in locked
             if (patterns := _workspace_patterns(src, in_folder(folder, "package.json")))}
    if not roots:
        return found
    # The members' own names: a member that requires another is the project's own code.
    members = {str(manifest.get("name")) for path in src.repo.paths()
               if path.endswith("package.json") and path.rpartition("/")[2] == "package.json"
               and _member_of(path.rpartition("/")[0], roots) is not None
               and isinstance(manifest := _manifest_quietly(src, path), dict)}
    kept: list[Dependency] = []
    for dep in found:
        folder, _, name = dep.declared_in.rpartition("/")
        root = _member_of(folder, roots) if name == "package.json" and not dep.locked \
            else None
        if root is not None and dep.name in members:
            continue
        entry = locked[root].get(dep.name) if root is not None else None
        if entry is None:
            kept.append(dep)
            continue
        entry.direct = True
        entry.scope = merge_scope(entry.scope, dep.scope)
    return kept


def _member_of(folder: str, roots: dict[str, list[str]]) -> str | None:
    """The workspace root whose patterns name `folder`, when it has no lockfile itself."""
    for root, patterns in roots.items():
        prefix = f"{root}/" if root else ""
        if folder == root or not folder.startswith(prefix):
            continue
        relative = folder[len(prefix):]
        if any(fnmatch.fnmatchcase(relative, pattern.strip("/").removeprefix("./"))
               for pattern in patterns):
            return root
    return None


def _workspace_patterns(src: Source, path: str) -> list[str]:
    """The `workspaces` of a package.json (a list, or yarn's {"packages": [...]}); the
    file's own problems are reported when it is read as a manifest."""
    manifest = _manifest_quietly(src, path)
    workspaces = manifest.get("workspaces") if isinstance(manifest, dict) else None
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages")
    if not isinstance(workspaces, list):
        return []
    return [pattern for pattern in workspaces if isinstance(pattern, str) and pattern]


def _manifest_quietly(src: Source, path: str) -> Any:
    """A package.json read again for one field; its problems are reported when it is
    read as a manifest."""
    data = src.repo.read_bytes(path) if src.exists(path) else None
    try:
        return load_json(data.decode("utf-8-sig")) if data else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None

