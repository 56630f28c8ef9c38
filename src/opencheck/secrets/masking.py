# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How a secret is shown: never whole, and by nothing a reader could test a guess on.

Reports travel further than the repository (a batch dashboard, a ticket, code scanning),
so a masked value holds no function of the value that would confirm a guess offline: no
hash, and no character of a value a person chose or that names a person (a password, a
personal number, an IBAN). A token a service generated shows the prefix its format makes
public (`ghp_`, `AKIA`), its last four characters, as the services' own consoles do, so
that its owner recognises it (at least 16 random characters stay hidden: nothing to
guess from), and its exact length. Other values show only a class of lengths, and so
does a small secret file its size: a one-line `.env` of 24 bytes told its value's 11
characters.
"""

from __future__ import annotations

import hashlib

# The prefixes each kind's format makes public (the detectors' own patterns).
PUBLIC_PREFIXES: dict[str, tuple[str, ...]] = {
    "github-token": ("github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
    "gitlab-token": ("glpat-", "glptt-", "gldt-", "glrt-", "glcbt-", "glimt-", "gloas-",
                     "glsoat-", "GR1348941"),
    "slack-token": ("xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-"),
    "aws-access-key": ("AKIA", "ASIA", "ABIA", "ACCA"),
    "jwt": ("eyJ",),
    "payment-key": ("sk_live_", "rk_live_", "access_token$production$", "sq0atp-",
                    "sq0csp-"),
    "google-api-key": ("AIza",),
    "iban-fr": ("FR",),
}
# The kinds whose values a service generates at random: their last characters are shown.
GENERATED = frozenset(PUBLIC_PREFIXES) - {"iban-fr"}
SUFFIX = 4
HIDDEN_AT_LEAST = 16
# Lengths shown as classes when no public format fixes them: [low, high) each.
LENGTH_CLASSES = ((1, 8), (8, 16), (16, 32), (32, 64), (64, 128))


def digest(value: bytes) -> str:
    """A hash of the secret, for de-duplication on this machine: never reported."""
    return hashlib.sha256(value).hexdigest()


def public_prefix(kind: str, text: str) -> str:
    """The part of `text` that its kind's format makes public, or ""."""
    return next((prefix for prefix in PUBLIC_PREFIXES.get(kind, ())
                 if text.startswith(prefix)), "")


def length_shown(length: int) -> str:
    for low, high in LENGTH_CLASSES:
        if length < high:
            return f"{low}-{high - 1}"
    return f"{LENGTH_CLASSES[-1][1]}+"


# Below this size a secret file's size is shown as a class of sizes (doubling from the
# masks' first class, 1-7 bytes); from it, rounded to the kilobyte, which hides as much.
SIZE_CLASSES_BELOW = 1024


def size_class(size: int) -> tuple[int, int] | None:
    """The class [low, high] of bytes a secret file's size is shown as; None for an empty
    file (nothing to hide) and from SIZE_CLASSES_BELOW (shown rounded)."""
    if size <= 0 or size >= SIZE_CLASSES_BELOW:
        return None
    low = LENGTH_CLASSES[0][0] if size < LENGTH_CLASSES[0][1] else 1 << (size.bit_length() - 1)
    high = LENGTH_CLASSES[0][1] - 1 if size < LENGTH_CLASSES[0][1] else 2 * low - 1
    return low, high


def mask(value: bytes, kind: str) -> str:
    """`ghp_…x7Qz(40 chars)` for a generated token, `FR…(27 chars)` for a format with a
    public prefix, `…(8-15 chars)` otherwise."""
    text = value.decode("utf-8", "replace")
    prefix = public_prefix(kind, text)
    if not prefix:
        return f"…({length_shown(len(text))} chars)"
    suffix = ""
    if kind in GENERATED and len(text) - len(prefix) - SUFFIX >= HIDDEN_AT_LEAST:
        suffix = "".join(c if c.isprintable() and not c.isspace() else "?"
                         for c in text[-SUFFIX:])
    return f"{prefix}…{suffix}({len(text)} chars)"
