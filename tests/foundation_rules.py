# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The rules the CI tests build their fixtures around.

The CI formats and modes do not depend on which rules exist, but exact assertions on a
fixture do: each family merged later (REUSE, secrets, licence identification...) adds
findings to the same fixtures. The CI tests therefore select these foundation rules.
"""

from __future__ import annotations

FOUNDATION_RULES = (
    "readme-present",
    "contributing-present",
    "code-of-conduct-present",
    "security-policy-present",
    "changelog-present",
    "authors-present",
    "governance-present",
    "roadmap-present",
    "licence-file-present",
    "git-readable",
    "files-readable",
)


def rule_args(rules: tuple[str, ...] = FOUNDATION_RULES) -> list[str]:
    """`--rule ID` for each rule, for the command line."""
    return [arg for rule in rules for arg in ("--rule", rule)]
