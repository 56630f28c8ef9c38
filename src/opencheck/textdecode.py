# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Turn the bytes of a text file into text, whatever its legacy encoding.

Legacy French texts come in Windows-1252 (a superset of printable Latin-1) and in
Mac OS Roman, and a wrong guess gives wrong letters without any error. Each
candidate decoding is scored on how French its accented letters look; the better
one wins, Windows-1252 on a tie.
"""

from __future__ import annotations

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_FRENCH = set("éèêàâçîïôûùëœÉÈÊÀÂÇÎÏÔÛÙ«»’")
_LEGACY = ("cp1252", "mac_roman")


def decode_text(data: bytes) -> str:
    """UTF-8 first (with or without BOM), then UTF-16 by BOM, then Windows-1252 or
    Mac OS Roman, whichever reads as French; never fails (undefined bytes replaced)."""
    return decode_with_encoding(data)[0]


def decode_with_encoding(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with ("latin-1" for
    Windows-1252, "mac_roman", "utf-8" or a UTF-16 codec)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best_text, best_codec, best_score = "", "cp1252", -1.0
    for codec in _LEGACY:
        text = data.decode(codec, errors="replace")
        high = [char for char in text if ord(char) > 127]
        score = sum(char in _FRENCH for char in high) / len(high) if high else 1.0
        if score > best_score:
            best_text, best_codec, best_score = text, codec, score
    return best_text, ("latin-1" if best_codec == "cp1252" else best_codec)
