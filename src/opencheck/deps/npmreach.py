# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The packages of an npm lockfile (v2, v3) that the project's runtime dependencies
reach, whatever the lockfile flags say.

npm writes `"dev": true` on a package only the development dependencies need, and the
dependency rules leave those out (unless `include_dev`). The flag is the lockfile's
word, and a lockfile is committed as anyone wrote it: a package that package.json lists
in `dependencies`, or one such a package depends on, flagged `dev` in the lockfile was
left out, its CC-BY-NC licence with it (READY). Here the lockfile's own graph is walked
from the runtime dependencies (package.json's, the root entry's and the workspaces'),
each name resolved as Node does (the nearest `node_modules/` up the folders), so that
a package they reach counts as runtime.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from opencheck.deps.source import as_dict

# What a package needs at run time: npm installs peers since npm 7 (not the optional
# ones).
RUNTIME_SECTIONS = ("dependencies", "optionalDependencies", "peerDependencies")
# Characters of candidate locations a walk may build: a real lockfile of 5,000 packages
# builds a few million; past it, every package counts as reached (runtime).
BUDGET = 50_000_000

Entry = Callable[[str, Any], dict[str, Any]]


def runtime_reached(packages: Mapping[str, Any], runtime: set[str],
                    entry_of: Entry) -> set[str] | None:
    """The locations (`node_modules/a/node_modules/b`) the runtime dependencies reach:
    `runtime` names those package.json declares; None past the budget."""
    budget = BUDGET
    stack: list[tuple[str, str]] = []
    for location, raw in packages.items():
        if "node_modules/" in location:
            continue  # the root package and the workspace folders only
        names = set(_runtime_names(entry_of(location, raw)))
        if location == "":
            names |= runtime
        stack.extend((location, name) for name in names)
    reached: set[str] = set()
    while stack:
        start, name = stack.pop()
        target, spent = _resolve(packages, start, name)
        budget -= spent
        if budget < 0:
            return None
        while target is not None and target not in reached:
            reached.add(target)
            entry = entry_of(target, packages[target])
            stack.extend((target, each) for each in _runtime_names(entry))
            # a workspace's link: its folder's own entry holds its dependencies
            linked = entry.get("resolved") if entry.get("link") else None
            target = linked if isinstance(linked, str) and linked in packages else None
    return reached


def _runtime_names(entry: dict[str, Any]) -> list[str]:
    """What a package needs: an optional peer (`peerDependenciesMeta`, vue's and pinia's
    `typescript`) npm does not install for it."""
    optional = {name for name, meta in as_dict(entry.get("peerDependenciesMeta")).items()
                if as_dict(meta).get("optional") is True}
    return [name for section in RUNTIME_SECTIONS for name in as_dict(entry.get(section))
            if section != "peerDependencies" or name not in optional]


def _resolve(packages: Mapping[str, Any], start: str, name: str) -> tuple[str | None, int]:
    """Where Node finds `name` required from the package at `start`: its own
    `node_modules/`, then each folder's above; and the characters spent."""
    spent = 0
    while True:
        candidate = f"{start}/node_modules/{name}" if start else f"node_modules/{name}"
        spent += len(candidate)
        if candidate in packages:
            return candidate, spent
        if not start:
            return None, spent
        cut = start.rfind("/node_modules/")
        start = start[:cut] if cut >= 0 else ""
