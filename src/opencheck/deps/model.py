# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The dependency inventory: what a repository depends on and under which licence."""

from __future__ import annotations

from dataclasses import dataclass, field

from opencheck.model import Text
from opencheck.urls import redact_text

RUNTIME = "runtime"
DEV = "dev"
OPTIONAL = "optional"
PEER = "peer"
BUILD = "build"

SCOPE_ORDER = {RUNTIME: 0, PEER: 1, OPTIONAL: 2, BUILD: 3, DEV: 4}


# as the repository writes them; a name too: one may be a URL (a Maven groupId, a
# requirement's project read from its address), and the SPDX identifiers and purls
# derived from it would carry the credentials the listing hides
_WRITTEN = frozenset({"name", "version", "licence", "detail"})


@dataclass
class Dependency:
    """One package a repository declares or locks, or one piece of vendored code.

    `version` is the exact version when a lockfile pins it, else the requirement as
    written (`^1.2`, `>=2`), else None. `licence` is the licence as declared by its
    source (lockfile, package manifest, registry, licence file), untouched; `spdx` is
    that declaration as an SPDX expression when it can be read as one, else None.
    `direct` is None when the files do not say whether it is direct or transitive.
    """

    ecosystem: str
    name: str
    version: str | None
    declared_in: str
    licence: str | None = None
    licence_source: str | None = None
    direct: bool | None = None
    scope: str = RUNTIME
    locked: bool = False
    spdx: str | None = None
    detail: str | None = None  # e.g. the other copyright holder of a copied file

    def __setattr__(self, name: str, value: object) -> None:
        # A requirement may be a URL with its credentials (`git+https://<token>@…`,
        # `https://user:password@…/pkg.tgz`): kept without them, however it was set,
        # so no listing, SBOM or finding shows them.
        # (`?private_token=…` without an `@` too: a GitLab package's address)
        if name in _WRITTEN and isinstance(value, str) and ("://" in value or "=" in value):
            value = redact_text(value)
        object.__setattr__(self, name, value)

    @property
    def key(self) -> str:
        return f"{self.ecosystem}:{self.name}@{self.version or ''}"


def declared_direct(ecosystem: str, declared: dict[str, tuple[str | None, str]],
                    path: str) -> list[Dependency]:
    """A manifest's own dependencies (name -> (requirement, scope)), all direct, when
    no lockfile says more."""
    return [Dependency(ecosystem, name, spec, path, direct=True, scope=scope)
            for name, (spec, scope) in declared.items()]


@dataclass
class Problem:
    """A file that could not be read or understood; the inventory goes on without it."""

    path: str
    message: Text
    kind: str = "invalid"  # invalid | too-large | unreadable | registry


@dataclass
class Inventory:
    dependencies: list[Dependency] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    manifests: list[str] = field(default_factory=list)
    project_licence: str | None = None
    project_licence_source: str | None = None
    # what of the files' heads says what the project's licence is (merge-request mode
    # then compares that part of the heads of the files a change touched:
    # `diffmode.Scope`)
    project_licence_headers: frozenset[str] = frozenset()
    project_licence_header_counts: tuple[tuple[str, int], ...] = ()


def merge_scope(a: str, b: str) -> str:
    """The scope that matters most when one package is reached twice."""
    return a if SCOPE_ORDER.get(a, 0) <= SCOPE_ORDER.get(b, 0) else b


def dedupe(dependencies: list[Dependency]) -> list[Dependency]:
    """One entry per package and version within one declaring file."""
    seen: dict[tuple[str, str, str, str], Dependency] = {}
    for dep in dependencies:
        key = (dep.declared_in, dep.ecosystem, dep.name, dep.version or "")
        kept = seen.get(key)
        if kept is None:
            seen[key] = dep
            continue
        kept.scope = merge_scope(kept.scope, dep.scope)
        if dep.direct:
            kept.direct = True
        if kept.licence is None and dep.licence is not None:
            kept.licence, kept.licence_source = dep.licence, dep.licence_source
    return list(seen.values())
