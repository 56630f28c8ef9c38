# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which licence a text carries, and which licence the project itself declares: both
delegated to the licence family (`opencheck.licensing`), so that a vendored licence
file and the project's LICENSE are identified the same way everywhere."""

from __future__ import annotations

import re
from typing import NamedTuple

from opencheck import licensing
from opencheck.repository import Repository

ROOT_LICENCE = re.compile(r"^(?:licen[cs]e|copying)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)


def identify(text: str) -> str | None:
    """The SPDX expression a licence text or file header names, or None."""
    return licensing.identify(text).spdx


class DeclaredLicence(NamedTuple):
    """The project's licence, the file that says so, and what of the files' heads says
    what it is (`licensing.ProjectLicence.header_parts`)."""

    spdx: str | None
    where: str | None
    header_parts: frozenset[str] = frozenset()
    header_counts: tuple[tuple[str, int], ...] = ()  # `ProjectLicence.header_counts`


NO_LICENCE = DeclaredLicence(None, None)


def project_licence_of(found: list[licensing.Declaration]) -> DeclaredLicence:
    """The project's licence and the file that says so, from the licence family's
    declarations (root licence files first, then manifests, README, publiccode.yml)."""
    project = licensing.project_licence(found)
    if project is None:
        return NO_LICENCE
    where = project.evidence[0].path if project.evidence else None
    return DeclaredLicence(project.spdx, where, project.header_parts, project.header_counts)


def project_licence(repo: Repository) -> DeclaredLicence:
    return project_licence_of(licensing.collect(repo))
