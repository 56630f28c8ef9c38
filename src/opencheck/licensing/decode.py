# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Bytes of a licence file to text, telling Latin-1/Windows-1252 from Mac OS Roman.

Legacy French texts come in both encodings and a wrong guess gives wrong letters
without any error. Each candidate decoding is scored on how French its accented
letters look; the better one wins.
"""

from __future__ import annotations

from opencheck.textdecode import BOMS

_FRENCH = set("éèêàâçîïôûùëœÉÈÊÀÂÇÎÏÔÛÙ«»’")
_LEGACY = ("cp1252", "mac_roman")


def decode_licence(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
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
