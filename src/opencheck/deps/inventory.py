# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Builds the inventory of one repository: every manifest and lockfile read statically,
vendored and copied code, licences read as SPDX, optionally completed from registries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from opencheck.deps import cargo, composer, copied, gomod, maven, npm, python, ruby, vendored
from opencheck.deps.compat import Verdict, judge, to_spdx
from opencheck.deps.identify import DeclaredLicence, project_licence
from opencheck.deps.model import Dependency, Inventory, dedupe
from opencheck.deps.source import Source, in_folder
from opencheck.deps.thirdparty import VENDOR_DIRS
from opencheck.repository import Repository

ECOSYSTEMS: tuple[ModuleType, ...] = (npm, composer, python, cargo, gomod, maven, ruby)
# Folders whose manifests are not the project's own: vendored packages, test fixtures.
SKIPPED_DIRS = VENDOR_DIRS | {"fixtures", "__fixtures__", "testdata", ".git"}


@dataclass
class Options:
    network: bool = False
    allow_private_network: bool = False
    vendored: bool = True
    copied: bool = True
    copyright_holders: tuple[str, ...] = ()
    project_licence: str | None = None
    registries: dict[str, str] | None = None
    timeout: float = 5.0
    budget: float = 60.0


def options_from_settings(settings: dict[str, Any], network: bool = False,
                          allow_private_network: bool = False) -> Options:
    """The `dependencies:` section of `.opencheck.yml` settings, read leniently."""
    holders = settings.get("copyright_holders") or ()
    licence = settings.get("project_licence")
    return Options(
        network=network,
        allow_private_network=allow_private_network,
        copyright_holders=tuple(str(h) for h in holders) if isinstance(holders, list) else (),
        project_licence=str(licence) if licence else None,
    )


def manifest_groups(paths: Iterable[str]) -> tuple[dict[str, set[str]], list[str]]:
    """Manifest names per folder, and the requirements files, outside skipped folders."""
    triggers = {name for module in ECOSYSTEMS for name in module.TRIGGERS}
    groups: dict[str, set[str]] = {}
    requirements: list[str] = []
    for path in paths:
        directory, _, name = path.rpartition("/")
        if directory and any(part in SKIPPED_DIRS for part in directory.split("/")):
            continue
        if name in triggers:
            groups.setdefault(directory, set()).add(name)
        elif name.endswith(".txt") and python.REQUIREMENTS.search(path):
            requirements.append(path)
    return groups, requirements


def build(repo: Repository, options: Options | None = None,
          project: DeclaredLicence | None = None,
          heads: copied.Heads | None = None) -> Inventory:
    """The inventory of `repo`; `project` is its licence and where it is declared, when
    the caller already knows it (else the licence family works it out); `heads`, the
    code files' heads when the tree's one read gathered them (`copied.Heads`)."""
    options = options or Options()
    src = Source(repo)
    inventory = Inventory()
    groups, requirements = manifest_groups(repo.paths())
    for directory in sorted(groups):
        names = groups[directory]
        for module in ECOSYSTEMS:
            present = names & set(module.TRIGGERS)
            if not present:
                continue
            inventory.manifests.extend(
                in_folder(directory, name) for name in sorted(present))
            try:
                inventory.dependencies.extend(module.collect(src, directory))
            except Exception as error:  # a parser surprise never stops the inventory
                where = f"{directory}/" if directory else ""
                src.problem(
                    f"{where}{sorted(present)[0]}",
                    f"unexpected structure ({type(error).__name__}: {error})",
                    f"structure inattendue ({type(error).__name__} : {error})",
                )
    for path in requirements:
        inventory.manifests.append(path)
        inventory.dependencies.extend(python.collect_requirements(src, path))
    inventory.dependencies = dedupe([
        dep for dep in npm.fold_workspaces(src, inventory.dependencies)
        if (dep.ecosystem, dep.name) not in src.own_packages])
    if options.vendored:
        inventory.dependencies = _merge_installed(inventory.dependencies, vendored.collect(repo))
    if options.project_licence:
        inventory.project_licence = to_spdx(options.project_licence) or options.project_licence
        inventory.project_licence_source = ".opencheck.yml"
    else:
        declared = project if project is not None else project_licence(repo)
        inventory.project_licence, inventory.project_licence_source = declared[:2]
        inventory.project_licence_headers = declared.header_parts
        inventory.project_licence_header_counts = declared.header_counts
    if options.copied:
        inventory.dependencies.extend(copied.collect(
            repo, options.copyright_holders, heads, inventory.project_licence))
    for dep in inventory.dependencies:
        if dep.licence and dep.spdx is None:
            dep.spdx = to_spdx(dep.licence)
    inventory.problems.extend(src.problems)
    if options.network:
        from opencheck.deps.registry import LookupSettings, lookup  # network code only if asked

        settings = LookupSettings(
            bases=dict(options.registries or {}), timeout=options.timeout,
            budget=options.budget, allow_private=options.allow_private_network,
        )
        inventory.problems.extend(lookup(inventory.dependencies, settings))
    return inventory


def _merge_installed(declared: list[Dependency], found: list[Dependency]) -> list[Dependency]:
    """A committed `node_modules/<name>` that a manifest declares is that dependency,
    installed: its package.json gives the licence and the exact version, and it is not
    listed a second time as vendored code."""
    installed = {dep.name: dep for dep in found if "node_modules/" in dep.name}
    used: set[str] = set()
    for dep in declared:
        if dep.ecosystem != "npm":
            continue
        folder = dep.declared_in.rpartition("/")[0]
        component = installed.get(f"{folder}/node_modules/{dep.name}" if folder
                                  else f"node_modules/{dep.name}")
        if component is None:
            continue
        used.add(component.name)
        if dep.licence is None and component.licence:
            dep.licence, dep.licence_source = component.licence, "node_modules"
        if not dep.locked and component.version:
            dep.version, dep.locked = component.version, True
    return declared + [dep for dep in found if dep.name not in used]


def verdicts(inventory: Inventory) -> list[tuple[Dependency, Verdict]]:
    return [
        (dep, judge(dep.spdx, dep.licence, inventory.project_licence))
        for dep in inventory.dependencies
    ]
