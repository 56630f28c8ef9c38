# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The dependency census of a portfolio: which libraries (and licences) its
repositories use most, across ecosystems.

The action plan "Free Software and digital commons" asks administrations to highlight
the free libraries they significantly use: `census.csv` lists each library with the
number of repositories (and organisations) that declare it, its licences as declared,
and whether it is a direct dependency somewhere. Each audit keeps a compact list of its
dependencies (`collect`), stored beside its result.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MAX_PER_REPOSITORY = 20_000  # a generated lockfile beyond this is cut, not stored whole


def collect(path: Path) -> list[dict[str, Any]]:
    """Every dependency of the repository at `path` (manifests and lockfiles read
    statically, no network), one entry per ecosystem and name."""
    from opencheck.deps.identify import NO_LICENCE
    from opencheck.deps.inventory import Options, build
    from opencheck.repository import open_repository

    try:
        inventory = build(open_repository(path), Options(copied=False),
                          project=NO_LICENCE)
    except Exception:  # the report already says what could not be read
        return []
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for dep in inventory.dependencies:
        key = (dep.ecosystem, dep.name)
        entry = found.setdefault(key, {"ecosystem": dep.ecosystem, "name": dep.name,
                                       "version": dep.version, "licence": None,
                                       "direct": False})
        entry["licence"] = entry["licence"] or dep.spdx or dep.licence
        entry["direct"] = entry["direct"] or bool(dep.direct)
        if len(found) >= MAX_PER_REPOSITORY:
            break
    return list(found.values())


CENSUS_FIELDS = ["ecosystem", "name", "repositories", "organisations", "direct_in",
                 "licences", "versions", "examples"]


def tally(rows: Iterable[dict[str, Any]], limit_examples: int = 5) -> list[dict[str, Any]]:
    """Rows of (organisation, repository name, ecosystem, name, version, licence,
    direct) into one line per library, most used first."""
    libraries: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["ecosystem"], row["name"])
        entry = libraries.setdefault(key, {
            "ecosystem": row["ecosystem"], "name": row["name"], "repos": set(),
            "orgs": set(), "direct": set(), "licences": set(), "versions": set()})
        entry["repos"].add(row["repository"])
        entry["orgs"].add(row["organisation"])
        if row["direct"]:
            entry["direct"].add(row["repository"])
        if row["licence"]:
            entry["licences"].add(str(row["licence"]))
        if row["version"]:
            entry["versions"].add(str(row["version"]))
    lines = []
    for entry in libraries.values():
        lines.append({
            "ecosystem": entry["ecosystem"], "name": entry["name"],
            "repositories": len(entry["repos"]), "organisations": len(entry["orgs"]),
            "direct_in": len(entry["direct"]),
            "licences": " | ".join(sorted(entry["licences"])),
            "versions": len(entry["versions"]),
            "examples": " ".join(sorted(entry["repos"])[:limit_examples]),
        })
    return sorted(lines, key=lambda e: (-e["repositories"], -e["direct_in"],
                                        e["ecosystem"], e["name"]))


def write_csv(path: Path, lines: list[dict[str, Any]]) -> None:
    from opencheck.batch.exports import safe_cell

    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=CENSUS_FIELDS, lineterminator="\n")
        writer.writeheader()
        for line in lines:
            writer.writerow({k: safe_cell(v) for k, v in line.items()})
