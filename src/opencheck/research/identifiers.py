# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Persistent identifiers a research software is cited by: a SWHID or a DOI.

Each pattern starts with its fixed prefix, so that the regex engine jumps from one
occurrence of the prefix to the next (a leading `\\b` would make it try every
position); the word boundary before the prefix is checked on the match. Repetitions
are bounded, and repeats are dropped through a set: a README of 400,000 distinct DOIs
stays linear.
"""

from __future__ import annotations

import re

SWHID = re.compile(r"swh:1:(?:cnt|dir|rev|rel|snp):[0-9a-f]{40}\b")
DOI = re.compile(r"10\.\d{4,9}/[^\s\"'<>()\[\]]{1,200}")
HAL = re.compile(r"hal-\d{8}\b")


def identifiers(text: str) -> list[str]:
    """SWHIDs, DOIs and HAL ids in a text, in order, without repeats."""
    found: dict[str, None] = {}
    for pattern in (SWHID, DOI, HAL):
        position = 0
        while match := pattern.search(text, position):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                position = start + 1  # inside a word: look again just after
                continue
            found.setdefault(match.group(0).rstrip(".,;"), None)
            position = match.end()
    return list(found)
