# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A file's head that libmagic calls binary is known so without asking it: the answer
is libmagic's own for every head it is given for, and a file so judged yields what reuse
makes of it."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from opencheck import reuse_adapter
from opencheck.reuse_adapter import binary_to_libmagic, extract

pytestmark = pytest.mark.skipif(not reuse_adapter._encoding_is_magic(),
                                reason="reuse detects encodings without libmagic here")

MARK = "Copy" + "right 2020 Atelier"  # written apart: this file's own header stays alone


def _png_with_notice() -> bytes:
    """An image whose text chunk says who holds it, as exported by editors."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"tEXt", b"Copyright\0" + MARK.encode())
            + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))


HEADS = {
    "an image": _png_with_notice(),
    "a font table": b"\0\1\0\0\0\x0c\0\x80\0\x03" + MARK.encode() + b"\0" * 40,
    "ISO-8859-1 with a NUL": f"/* {MARK} é */\0".encode("iso-8859-1"),
    "UTF-16 with its mark": ("\ufeff// " + MARK + "\n").encode("utf-16-le"),
    "UTF-16 big-endian with its mark": ("\ufeff// " + MARK + "\n").encode("utf-16-be"),
    "UTF-32 with its mark": ("\ufeff// " + MARK + "\n").encode("utf-32-le"),
    "UTF-32 big-endian with its mark": ("\ufeff// " + MARK + "\n").encode("utf-32-be"),
    "UTF-16 without a mark": ("// " + MARK + "\n").encode("utf-16-le"),
    "ISO-8859-1": f"/* {MARK} é */\n".encode("iso-8859-1"),
}


@pytest.mark.parametrize("name", list(HEADS))
def test_a_head_called_binary_here_is_called_binary_by_libmagic(name: str) -> None:
    head = HEADS[name]
    detected = reuse_adapter._reuse_extract().detect_encoding(head)
    if binary_to_libmagic(head):
        assert detected is None, detected  # libmagic: "binary"
    else:
        assert name.startswith(("UTF", "ISO-8859-1")) and "NUL" not in name


def test_the_shortcut_answers_for_the_heads_with_a_nul_and_no_mark() -> None:
    answered = {name for name, head in HEADS.items() if binary_to_libmagic(head)}
    assert answered == {"an image", "a font table", "ISO-8859-1 with a NUL",
                        "UTF-16 without a mark"}


@pytest.mark.parametrize("name", list(HEADS))
def test_a_file_so_judged_yields_what_reuse_makes_of_it(name: str) -> None:
    data = HEADS[name]
    asked = reuse_adapter.read_info(io.BytesIO(data))  # libmagic asked
    assert extract(data, magic=True) == asked
