# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the secrets scan reads of a file whose first bytes hold a NUL.

git calls such a file binary, and the scan used to pass it by: nothing to find in an
image or a compiled object. Two kinds of text hold NULs too, and a secret in them was
never read (READY):

- UTF-16 and UTF-32 text, which Windows tools write (PowerShell scripts, `.reg`
  exports, some Visual Studio configuration files): every ASCII character is followed
  or preceded by a NUL. It is read decoded, as UTF-8;
- text with a few stray NULs, which PHP, shells and Java's `.properties` read without
  a complaint (`<?php // \\0` on the first line hid the rest of `config.php`). It is
  read as it is: the detectors work on bytes.

Binary formats hold other control bytes among their first 8,000 (small integers of
headers and lengths): a file is text here only when at most one in ten of those bytes
is a control other than the blanks, and, decoded from UTF-16/32, when it holds no
character it could not decode nor any such control.
"""

from __future__ import annotations

import codecs

from opencheck.secrets.detectors import Reader

SNIFF = 8000  # git's rule: a NUL in the first 8,000 bytes makes a file binary

# a byte-order mark, and the codec that reads it (and drops it)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# the controls text holds: tab, line feed, vertical tab, form feed, carriage return, escape
_BLANKS = b"\t\n\v\f\r\x1b"
_CONTROLS = bytes(byte for byte in range(32) if byte not in _BLANKS) + b"\x7f"
_CONTROL_CHARS = _CONTROLS.decode("ascii")
_NOT_CONTROLS = bytes(byte for byte in range(256) if byte not in _CONTROLS)
# The share of a head's other bytes (its NULs aside) that may be controls for it to be
# read as text: one control beside a NUL (`<?php // \0\x01`) made a file binary again.
# Images may fall under it (a PNG's head, 1-5%): on the histories of four corpus
# repositories, the 1,490 blobs under it held no hit.
_ODD_SHARE = 0.1
# the share of a UTF-16 head's bytes at odd (or even) places that must be NULs for it to
# be read as UTF-16 without a byte-order mark: ASCII text has all of them
_UTF16_SHARE = 0.9


def text_view(data: bytes) -> bytes | None:
    """The bytes to scan for secrets: `data` itself when its head holds no NUL, or is
    text with stray NULs; UTF-16/32 text as UTF-8; None for a binary file."""
    codec = _codec(data[:SNIFF])
    if codec is None or not codec:
        return None if codec is None else data
    return data.decode(codec, errors="replace").encode("utf-8")


def text_reader(head: bytes, handle: Reader) -> Reader | None:
    """`text_view` for a file read window by window (`head`: its first bytes, which
    `handle` still gives): `handle` itself, a reader that decodes it, or None."""
    codec = _codec(head[:SNIFF])
    if codec is None or not codec:
        return None if codec is None else handle
    return _Decoding(handle, codec)


class _Decoding:
    """UTF-16/32 bytes read as UTF-8."""

    def __init__(self, handle: Reader, codec: str) -> None:
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder(codec)(errors="replace")

    def read(self, size: int = -1, /) -> bytes:
        while True:
            raw = self.handle.read(size)
            text = self.decoder.decode(raw, final=not raw)
            if text or not raw:  # a character cut by the read: read on
                return text.encode("utf-8")


def _codec(head: bytes) -> str | None:
    """How to read a file that starts with `head`: "" as it is, the codec of its UTF-16/32
    text, None for a binary file."""
    if b"\0" not in head:
        return ""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec if _decodes(head, codec) else None
    bomless = _bomless_utf16(head)
    if bomless is not None:
        return bomless if _decodes(head, bomless) else None
    rest = head.translate(None, b"\0")
    odd = len(rest.translate(None, _NOT_CONTROLS))
    if rest and odd <= _ODD_SHARE * len(rest):
        return ""  # text with stray NULs (and a few other controls)
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the head is ASCII-like UTF-16 without a mark:
    (almost) every other byte a NUL, the bytes between them never."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    if odd.count(0) >= _UTF16_SHARE * len(odd) and not even.count(0):
        return "utf-16-le"
    if even.count(0) >= _UTF16_SHARE * len(even) and not odd.count(0):
        return "utf-16-be"
    return None


def _decodes(head: bytes, codec: str) -> bool:
    """Whether the head decodes to text (a character cut by the head's end aside)."""
    width = 4 if codec.startswith("utf-32") else 2
    shown = head[:len(head) - len(head) % width].decode(codec, errors="replace")
    return "\ufffd" not in shown[:-1] and not any(char in shown for char in _CONTROL_CHARS)
