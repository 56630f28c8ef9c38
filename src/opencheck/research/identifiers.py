# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Persistent identifiers a research software is cited by: a SWHID or a DOI.

Both patterns are bounded and anchored on a fixed prefix, so a long line stays linear.
"""

from __future__ import annotations

import re

SWHID = re.compile(r"\bswh:1:(?:cnt|dir|rev|rel|snp):[0-9a-f]{40}\b")
DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"'<>()\[\]]{1,200}")
HAL = re.compile(r"\bhal-\d{8}\b")


def identifiers(text: str) -> list[str]:
    """SWHIDs, DOIs and HAL ids in a text, in order, without repeats."""
    found: list[str] = []
    for pattern in (SWHID, DOI, HAL):
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(".,;")
            if value not in found:
                found.append(value)
    return found
