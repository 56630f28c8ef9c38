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
a package they reach counts as runtime. A folder of the lockfile that is no workspace
(a `file:` package) counts only when a link from what runs leads to it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from typing import Any

from opencheck.deps.source import as_dict

# What a package needs at run time. Not its peers: npm 7 installs them, but a project
# with `legacy-peer-deps` (FormSG) or a peer range its copy does not meet (a plugin's
# `vite ^4` beside vite 5) leaves them the root's, flagged dev when the root's are.
RUNTIME_SECTIONS = ("dependencies", "optionalDependencies")
# Characters of candidate locations a walk may build: a real lockfile of 5,000 packages
# builds a few million; past it, every package counts as reached (runtime).
BUDGET = 50_000_000
GLOB_COST = 16  # what trying a workspace glob on a folder costs, in such characters

Entry = Callable[[str, Any], dict[str, Any]]


def runtime_reached(packages: Mapping[str, Any], runtime: set[str],
                    entry_of: Entry) -> set[str] | None:
    """The locations (`node_modules/a/node_modules/b`) the runtime dependencies reach:
    `runtime` names those package.json declares; None past the budget."""
    budget = BUDGET
    root = entry_of("", packages[""]) if "" in packages else {}
    workspaces = _workspace_globs(root)
    development = set(as_dict(root.get("devDependencies")))
    stack: list[tuple[str, str]] = [("", name) for name in {*_runtime_names(root), *runtime}
                                    if name not in development]
    for location, raw in packages.items():
        # a workspace folder's own dependencies run; another folder's (a `file:` package
        # of the development dependencies, Symfony's `vendor/…/assets`) when reached
        if not location or "node_modules/" in location:
            continue
        # every glob tried on every folder: 20,000 of each in a lockfile's 5 MB were
        # 400 million matches, past which the walk's budget stops it as well
        budget -= len(workspaces) * (len(location) + GLOB_COST)
        if budget < 0:
            return None
        if any(fnmatch.fnmatchcase(location, glob) for glob in workspaces):
            stack.extend((location, name) for name in _runtime_names(entry_of(location, raw)))
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


def _workspace_globs(root: dict[str, Any]) -> list[str]:
    """The root's `workspaces` (a list, or Yarn's `{packages: [...]}`), as globs of
    folders (`packages/*`)."""
    declared = root.get("workspaces")
    if isinstance(declared, dict):
        declared = declared.get("packages")
    if not isinstance(declared, list):
        return []
    return [glob.strip("/").removeprefix("./") for glob in declared if isinstance(glob, str)]


def _runtime_names(entry: dict[str, Any]) -> list[str]:
    """What a package needs, but a name its `devDependencies` also list (npm's
    development edge wins: a root's or workspace's `@symfony/webpack-encore` in both
    lists is flagged dev)."""
    development = set(as_dict(entry.get("devDependencies")))
    return [name for section in RUNTIME_SECTIONS for name in as_dict(entry.get(section))
            if name not in development]


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
