# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Turn the bytes of a text file into text, whatever its legacy encoding."""

from __future__ import annotations

BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(data: bytes) -> str:
    """UTF-8 first (with or without BOM), then UTF-16 by BOM, then Windows-1252.

    Windows-1252 is a superset of the printable Latin-1 range, so Latin-1 French
    texts come out right; it never fails because undefined bytes are replaced.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
