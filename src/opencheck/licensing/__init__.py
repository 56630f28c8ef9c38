# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licences: identify a licence text, find every declaration, judge them against the
decree's list. The plain API other families call:

- `identify(text)` / `identify_bytes(data)` -> `Identification(spdx, confidence,
  alternatives)`
- `declarations(ctx)` -> list of `Declaration` (memoised for the run)
- `project_licence(declarations(ctx))` -> `ProjectLicence | None`
- `load_authorised()` -> the list in `rules/licences.yml`; `.verdict(expression)`
- `equivalent(a, b)`, `normalise(expression)` on SPDX expressions
"""

from __future__ import annotations

from opencheck.licensing.authorised import AuthorisedList, Verdict, load_authorised
from opencheck.licensing.declarations import (
    Collector,
    Declaration,
    ProjectLicence,
    collect,
    licence_file_paths,
    project_licence,
)
from opencheck.licensing.expressions import InvalidExpression, equivalent, normalise
from opencheck.licensing.identify import Candidate, Identification, identify, identify_bytes
from opencheck.registry import Context, tree_reader

__all__ = [
    "AuthorisedList", "Candidate", "Declaration", "Identification", "InvalidExpression",
    "ProjectLicence", "Verdict", "collect", "declarations", "equivalent", "identify",
    "identify_bytes", "licence_file_paths", "load_authorised", "normalise", "project_licence",
]


@tree_reader("licence.declarations", "licence")
def _collector(ctx: Context) -> Collector:
    return Collector(ctx.repo)


def declarations(ctx: Context) -> list[Declaration]:
    """Every licence declaration of the repository, computed once per run (the files'
    headers in the run's one read of the tree)."""
    found: list[Declaration] = ctx.read_tree("licence.declarations")
    return found
