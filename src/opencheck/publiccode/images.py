# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Does a logo or screenshot decode? PNG, JPEG and SVG(Z), checked without an imaging
library: the PNG chunk structure with CRCs, JPEG markers, SVG parsed with defusedxml
(which refuses entity expansion and external entities)."""

from __future__ import annotations

import gzip
import io
import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_SVGZ = 5 * 1024 * 1024


def png_problem(data: bytes) -> str | None:
    if not data.startswith(PNG_SIGNATURE):
        return "not a PNG file (wrong signature)"
    offset = len(PNG_SIGNATURE)
    first = True
    while offset + 12 <= len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        kind = data[offset + 4:offset + 8]
        end = offset + 12 + length
        if end > len(data):
            return f"PNG chunk {kind!r} cut short"
        if first:
            if kind != b"IHDR" or length != 13:
                return "PNG without an IHDR header first"
            width, height = struct.unpack(">II", data[offset + 8:offset + 16])
            if width == 0 or height == 0:
                return "PNG of size zero"
            first = False
        crc = struct.unpack(">I", data[end - 4:end])[0]
        if zlib.crc32(data[offset + 4:end - 4]) & 0xFFFFFFFF != crc:
            return f"PNG chunk {kind.decode('latin-1')} is corrupt (bad CRC)"
        if kind == b"IEND":
            return None
        offset = end
    return "PNG without an IEND end (truncated file)"


def jpeg_problem(data: bytes) -> str | None:
    if not data.startswith(b"\xff\xd8\xff"):
        return "not a JPEG file (wrong signature)"
    if b"\xff\xd9" not in data[-1024:]:
        return "JPEG without an end marker (truncated file)"
    return None


def svg_problem(data: bytes, compressed: bool = False) -> str | None:
    if compressed:
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(MAX_SVGZ + 1)
        except (OSError, EOFError) as error:
            return f"SVGZ that does not decompress ({error})"
        if len(data) > MAX_SVGZ:
            return "SVGZ that decompresses to more than 5 MB"
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_xml  # on use: most runs decode no SVG
    from defusedxml import DefusedXmlException

    try:
        root = safe_xml.fromstring(data, forbid_dtd=False)
    except DefusedXmlException as error:
        return f"SVG refused: {type(error).__name__} (entities are not allowed)"
    except ParseError as error:
        return f"SVG that does not parse ({error})"
    if not (root.tag == "svg" or root.tag.endswith("}svg")):
        return f"XML whose root is <{root.tag}>, not <svg>"
    return None


def image_problem(name: str, data: bytes) -> str | None:
    """Why the file does not decode as the format its extension says; None if it does."""
    lowered = name.lower()
    if lowered.endswith(".png"):
        return png_problem(data)
    if lowered.endswith((".jpg", ".jpeg")):
        return jpeg_problem(data)
    if lowered.endswith(".svgz"):
        return svg_problem(data, compressed=True)
    if lowered.endswith(".svg"):
        return svg_problem(data)
    return "format not allowed"
