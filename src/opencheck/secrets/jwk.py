# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A JSON Web Key's private or secret member (RFC 7517, 7518, 8037).

A private JWK holds `d` (RSA, EC, OKP: with `p`, `q`, `dp`, `dq`, `qi` for RSA, which
never come without `d`); a symmetric one (`"kty": "oct"`) its secret in `k`. They are
written as JSON (a `.json` key set, a `.env` value holding a JSON array of keys), as a
JavaScript object (`d: '…'`), or as YAML (`d: …`). A member counts when a `kty` of the
matching type stands in the same object: no brace, nor a YAML list item, between them.
A public JWK has neither member and is never a candidate.
"""

from __future__ import annotations

import re

from opencheck.lazyre import lazy
from opencheck.secrets.masking import digest

# The member, quoted, escaped in a JSON string or bare, and its base64url value: 22
# characters hold a 128-bit key, 2,048 an RSA key of 12,000 bits. The look-behind lets
# no word ending in the member's letter (`id: …`, `field: …`) start a match.
# (Spelled whole, each: the regex probe reads a pattern it can compile by itself.)
PRIVATE = re.compile(  # RSA, EC, OKP
    rb"(?<![\w$.-])(?:\\?[\"'])?(d)(?:\\?[\"'])?[ \t]*[:=][ \t]*"
    rb"(?:\\?[\"'`])?([A-Za-z0-9_-]{22,2048})(?![A-Za-z0-9_-])")
SECRET = re.compile(  # oct
    rb"(?<![\w$.-])(?:\\?[\"'])?(k)(?:\\?[\"'])?[ \t]*[:=][ \t]*"
    rb"(?:\\?[\"'`])?([A-Za-z0-9_-]{22,2048})(?![A-Za-z0-9_-])")


# Where a key's members may stand apart: an RSA key of 4,096 bits spells `n` and `d` in
# 683 characters each, and a certificate chain (`x5c`) may come between.
WINDOW = 16 * 1024
_KTY = lazy(rb"kty\\?[\"']?[ \t]*[:=][ \t]*\\?[\"'`]?(RSA|EC|OKP|oct)(?![\w-])")
# A YAML list's next item: another key of the set
_NEXT_ITEM = lazy(rb"\n[ \t]*- ")
_TYPES = {b"d": (b"RSA", b"EC", b"OKP"), b"k": (b"oct",)}
# A string spelled over several lines (`"abc"\n    "def"`, `'abc' +\n 'def'`): the
# fragments joined are the value a sample is recognised by.
_CONTINUED = lazy(rb"\\?[\"']\s{0,40}\+?\s{0,40}\\?[\"']([A-Za-z0-9_-]{1,2048})")

# The private and secret keys the RFCs publish as examples (RFC 7515 A.1 to A.4,
# RFC 7516 A.1 to A.3, RFC 7517 A.2, A.3 and C.1, RFC 7520's keys, RFC 8037 A.1), as
# their SHA-256: every library's tests and many tutorials copy them, and they sign
# nothing anyone trusts.
PUBLISHED_SAMPLES = frozenset({
    "a45404ae333dd955dcff82cf28972e0f81b1e673cb70e2fc2d7d0d4c42a893bc",
    "8f0d5d5f8ad386f971ee420446d9908516ab243d8c81b24c1b519c00f66d237f",
    "243cd6766dfc55feb19c57a662e8e712c0a37e6c44a00467255e0b4ac21182b7",
    "f8123081a22e5c009615a2458e0cdf1553d2238af9a04fa23cabb83502d4176f",
    "8b1b17a9740c068accab5c3d0d652c8e3cc13206e70bb73b42ea41d4c2de3c12",
    "ecaa6793a6374193dea5b273e7948faf02afef87add8f5aa2dd46fbbb2749a85",
    "deeda324b508f83b25fa926ca22c040924ab6e85450e1cfe7133596d8b600b7f",
    "c10838189a432c839e70d3cbe43c097c51ceb86c787caa91daea524faef8485e",
    "57afc11665beb68de7ccd6df1b38453be8682ac63bb8ccdf67cce63c2db9afd2",
    "e0fa8ed1bbd209fd0d266a04bddebfaa46b4b7ab623dc326aad3ebc2570ac983",
    "f05bc60099e0ea1ae228110ca033fe4824e3ac885b23ec77e99e22346e667341",
    "2e4ff57e9c832edab47dcc5a7ba5ef544a7c42b526248e088a8ae374d3c19677",
    "8580dd90707d8c5158d6cb777938febb4f6f4567809b698aa4b293826709aa46",
    "92a7d7ea52e43e7051a891902253e914208d166249aa7cda741739912c59de61",
    "0330b11998cbc9abd5a585e755cb5df2f73f1a5632fdcc2abb19e05e3eceddb9",
    "44e6c89ad9f1cbaf6aeb4062c5f2838879206dfe03f2b4ecf61db9cedd27a86e",
    "5ccf2edb4f070f0b180f1adadb1be7c568d04181e7938433c4503db2d2bf8b3e",
    "dd663fe0ef531be224afc34d3a869b26a90de29070533c7a23f5a04f6b3b07d4",
    "2677a14a465f8bf0f2f2f372f5870a097a4d13814aa68868e0467b27b3c641cf",
    "190edf59d5736c3b3ea6bb36d57f5eb415a9b79f3201b381b8f3cb089135981f",
    "fde65288758ade656d00d03a11dee9d4df0835b5950fdea8e1186c2fe1dd8fa7",
    "79bd8cb5ce94f16b65a975159d6546a3e46ce0aff662cfba61a8f65c61c92b29",
})


def _member_type(member: bytes, data: bytes, kty: int) -> bool:
    found = _KTY.match(data, kty, kty + 64)
    return found is not None and found.group(1) in _TYPES[member]


def _same_object(data: bytes, start: int, end: int) -> bool:
    return data.find(b"{", start, end) < 0 and data.find(b"}", start, end) < 0 and \
        _NEXT_ITEM.search(data, start, end) is None


def in_key(data: bytes, m: re.Match[bytes]) -> bool:
    """Whether the member matched stands in a JWK of a type that has it: the nearest
    `kty` before it, or else after it, in the same object."""
    member = m.group(1)
    before = data.rfind(b"kty", max(0, m.start() - WINDOW), m.start())
    if before >= 0 and _same_object(data, before, m.start()):
        return _member_type(member, data, before)
    after = data.find(b"kty", m.end(), m.end() + WINDOW)
    return after >= 0 and _same_object(data, m.end(), after) and \
        _member_type(member, data, after)


def whole_value(data: bytes, m: re.Match[bytes]) -> bytes:
    """The value with the fragments that continue it on the next lines, if any."""
    value, at = m.group(2), m.end(2)
    while len(value) <= 2048:
        more = _CONTINUED.match(data, at)
        if more is None:
            break
        value += more.group(1)
        at = more.end(1)
    return value


def published_sample(data: bytes, m: re.Match[bytes]) -> bool:
    return digest(whole_value(data, m)) in PUBLISHED_SAMPLES
