# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A file the scaffolding proposes to create."""

from __future__ import annotations

from dataclasses import dataclass

from opencheck.model import Text


@dataclass
class Planned:
    path: str
    content: str | None  # None: kept, an existing file stands for it
    existing: str | None = None
    # Why nothing is written although no file stands for it: a symlink that leads
    # nowhere is where the file would go, and opencheck never writes through a link.
    blocked: Text | None = None
