# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One problem in a publiccode.yml, where it is and how to say it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from opencheck.model import Severity, Text

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Issue:
    """`key` is the dotted key path (`maintenance.contacts[0].name`), empty for the file.

    `code` sorts issues into rules: `yaml` (cannot be read), `schema`, `unknown-key`,
    `legacy` (old code.gouv.fr layout), `deprecated`, `version`, `value`.
    """

    severity: Severity
    key: str
    message: Text
    line: int = 1
    column: int = 1
    code: str = "schema"

    def render(self, lang: str, filename: str = "publiccode.yml") -> str:
        where = f"{self.key}: " if self.key else ""
        return (
            f"{filename}:{self.line}:{self.column}: {self.severity.value}: "
            f"{where}{self.message.get(lang)}"
        )

    def as_json(self, lang: str) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "key": self.key,
            "message": self.message.get(lang),
        }


def key_path(path: Sequence[str | int]) -> str:
    """`("maintenance", "contacts", 0, "name")` -> `maintenance.contacts[0].name`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
