# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How a secret is shown: never whole, only enough to recognise it."""

from __future__ import annotations

import hashlib

PREFIX_MAX = 4


def digest(value: bytes) -> str:
    """A stable hash of the secret, for de-duplication and fingerprints."""
    return hashlib.sha256(value).hexdigest()


def mask(value: bytes) -> str:
    """`ghp_…(40 chars, sha256:1a2b3c4d)`: a short prefix, the length and a short hash.

    The prefix is at most 4 characters and at most a quarter of the value, so that a
    short password never shows more than a few characters; values under 8 characters
    show no prefix at all.
    """
    text = value.decode("utf-8", "replace")
    shown = min(PREFIX_MAX, len(text) // 4) if len(text) >= 8 else 0
    prefix = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text[:shown])
    return f"{prefix}…({len(text)} chars, sha256:{digest(value)[:8]})"
