# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Presence of the community files the guides ask for."""

from __future__ import annotations

from collections.abc import Iterator

from opencheck.model import Finding, Text
from opencheck.registry import Context, check

MISSING = Text(
    fr="Aucun fichier {stem} trouvé (cherché à la racine, dans docs/ et .github/).",
    en="No {stem} file found (looked at the root, in docs/ and .github/).",
)


def missing(rule: str, ctx: Context, *stems: str) -> Iterator[Finding]:
    """One finding when none of the stems names a community file of the repository."""
    for stem in stems:
        if ctx.repo.find_community_file(stem):
            return
    yield Finding(rule=rule, message=MISSING.format(stem=stems[0]), key=stems[0])


def readme_paths(ctx: Context) -> list[str]:
    """README files in the order forges pick them: .github/, the root, docs/."""
    return ctx.repo.find_community_file("README", directories=(".github", "", "docs"))


@check("readme-present")
def readme_present(ctx: Context) -> Iterator[Finding]:
    if not readme_paths(ctx):
        yield Finding(rule="readme-present", message=MISSING.format(stem="README"), key="README")


@check("contributing-present")
def contributing_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("contributing-present", ctx, "CONTRIBUTING")


@check("code-of-conduct-present")
def code_of_conduct_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("code-of-conduct-present", ctx, "CODE_OF_CONDUCT", "CODE-OF-CONDUCT")


@check("security-policy-present")
def security_policy_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("security-policy-present", ctx, "SECURITY")


@check("changelog-present")
def changelog_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("changelog-present", ctx, "CHANGELOG", "CHANGES", "HISTORY", "NEWS")


@check("authors-present")
def authors_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("authors-present", ctx, "AUTHORS", "CONTRIBUTORS", "MAINTAINERS")


@check("governance-present")
def governance_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("governance-present", ctx, "GOVERNANCE")


@check("roadmap-present")
def roadmap_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("roadmap-present", ctx, "ROADMAP")
