# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Markers a template leaves for a person to fill: `[À COMPLÉTER : ...]`, `[TODO ...]`.

The pattern is bounded (200 characters inside the brackets, no nested bracket), so a
long line of brackets stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(
    r"\[ {0,4}(?:insert|ins[ée]rer|ins[ée]rez|[àa] compl[ée]ter|to be completed|todo)"
    r"[^\]\[\n]{0,200}\]",
    re.IGNORECASE,
)
# The files `opencheck init` writes, besides the README: where markers are looked for.
SCAFFOLDED_STEMS = ("CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "CHANGELOG", "GOVERNANCE",
                    "ROADMAP", "AUTHORS")

# Metadata files opencheck writes with markers too (`init codemeta`).
GENERATED_METADATA = ("codemeta.json",)


@dataclass(frozen=True)
class Placeholder:
    line: int
    marker: str


def placeholders(text: str, limit: int = 50) -> list[Placeholder]:
    """The markers of a text with their line, at most `limit` of them."""
    found: list[Placeholder] = []
    line, position = 1, 0
    for match in PLACEHOLDER.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        found.append(Placeholder(line, match.group(0)))
        if len(found) >= limit:
            break
    return found
