# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The shapes added from the held-out repositories, on input built to make them slow:
copyright notices, file paths and names, the README licence paragraph, content-hashed
names and key stores that claim more entries than they hold."""

from __future__ import annotations

from hostile.bounded import finishes
from hostile.steps import steps
from opencheck.deps.copied import holders_in
from opencheck.deps.thirdparty import by_path
from opencheck.licensing.declarations import readme_licence_paragraph
from opencheck.secrets.files import android_debug_store, certificate_store_only
from opencheck.secrets.nonsecret import value_class


def _holders() -> object:
    text = (" " * 200_000 + "\n") * 5 + ("#" * 100_000 + " " * 100_000 + "\n") \
        + "copyright " * 100_000 + "\n# Copyright 2024 Etalab\n"
    return holders_in(text)[-1]


def test_copyright_notices_on_runs_of_comment_marks_and_spaces() -> None:
    assert finishes(_holders) == "'etalab'"


def test_paths_names_and_substitutions() -> None:
    for value in (b"./" + b"a/" * 100, b"a/" * 100 + b".pem", b"a@" * 100 + b"/x",
                  b"keyword.$0" * 20, b"a:" * 100, b"s/" + b".*" * 100, b"a_1" * 60):
        value_class(value)  # any answer, quickly
    assert by_path("a" * 100_000 + ".1a2b3c4d5e.js") is not None


def _paragraphs() -> object:
    return readme_licence_paragraph(("this project " * 2000 + "\n\n") * 50
                                    + "sous licence " * 50_000)


def test_readme_paragraphs_of_repeated_words() -> None:
    assert finishes(_paragraphs) == "None"  # too long to be one statement


def test_a_key_store_claiming_billions_of_entries() -> None:
    header = b"\xfe\xed\xfe\xed" + (2).to_bytes(4, "big") + (0xFFFFFFFF).to_bytes(4, "big")
    entry = (2).to_bytes(4, "big") + b"\0\0" + b"\0" * 8 + b"\0\0" + b"\0\0\0\0"
    assert not certificate_store_only(header + entry * 250_000 + b"\0" * 20)
    assert not certificate_store_only(b"\x30\x84\xff\xff\xff\xff" + b"\0" * 1000)


def _der(tag: int, content: bytes) -> bytes:
    return bytes([tag, 0x82]) + len(content).to_bytes(2, "big") + content


def _sealed_store(iterations: bytes) -> bytes:
    """A PKCS#12 outline under the debug key's name, its MAC asking `iterations`."""
    safe = _der(0x30, bytes.fromhex("06092a864886f70d010701")
                + _der(0xA0, _der(0x04, "androiddebugkey".encode("utf-16-be") * 20)))
    digest = _der(0x30, _der(0x30, bytes.fromhex("0609608648016503040201") + b"\x05\x00")
                  + _der(0x04, b"\0" * 32))
    mac = _der(0x30, digest + _der(0x04, b"\1" * 20) + bytes([0x02, len(iterations)])
               + iterations)
    return _der(0x30, b"\x02\x01\x03" + safe + mac)


def _debug_stores() -> object:
    return [android_debug_store(_sealed_store(count)) for count in
            (b"\x7f\xff\xff\xff", b"\xff\xff\xff\xff", b"\x00\x01\x86\xa1")]


def test_a_pkcs12_store_asking_billions_of_mac_iterations() -> None:
    # the seal is checked only within what tools write (keytool 10,000, OpenSSL 2,048):
    # 2**31 - 1, a negative count and 100,001 answer "does not open" at once. A Python
    # step per iteration: the limit stops a seal computed anyway (a count, no clock).
    assert steps(_debug_stores, limit=5_000)[1] == [False, False, False]
