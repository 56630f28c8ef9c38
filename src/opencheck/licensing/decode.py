# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Bytes of a licence file to text, telling Latin-1/Windows-1252 from Mac OS Roman.

The guess itself lives in `opencheck.textdecode`, shared with every text the
snapshot reads, so a licence file and the same bytes read elsewhere agree.
"""

from __future__ import annotations

from opencheck.textdecode import decode_with_encoding


def decode_licence(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    return decode_with_encoding(data)
