# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Helpers that compare a publiccode.yml with the repository, and image decoding."""

from __future__ import annotations

import pytest

from opencheck.publiccode.consistency import (
    comparable,
    language_of,
    licences_in_text,
    normalise_version,
    repository_key,
)
from opencheck.publiccode.images import image_problem, jpeg_problem, png_problem, svg_problem
from opencheck.publiccode.versions import parse

TAG = "SPDX-" + "License-Identifier"  # split so that REUSE does not read it here


@pytest.mark.parametrize("url", [
    "https://github.com/Example/Medusa", "https://github.com/example/medusa.git",
    "git@github.com:example/medusa.git", "ssh://git@github.com/example/medusa.git",
    "https://github.com/example/medusa/",
])
def test_repository_key_forms(url: str) -> None:
    assert repository_key(url) == "github.com/example/medusa"


def test_repository_key_without_path() -> None:
    assert repository_key("https://github.com/") is None


def test_licence_from_spdx_tag_then_title() -> None:
    assert licences_in_text(f"// {TAG}: EUPL-1.2 OR MIT\n") == {"EUPL-1.2", "MIT"}
    assert licences_in_text("Apache License\n   Version 2.0, January 2004\n") == {"Apache-2.0"}
    assert licences_in_text("Tous droits réservés.") == set()


def test_gnu_variants_compare_equal() -> None:
    assert comparable("GPL-3.0-only") == comparable("GPL-3.0-or-later") == comparable("gpl-3.0")
    assert comparable("LGPL-2.1") != comparable("GPL-2.0")


def test_language_of() -> None:
    assert language_of("Ce logiciel est publié par la DINUM pour les administrations. " * 3) == "fr"
    assert language_of("This tool is used by the administrations to check their code. " * 3) \
        == "en"
    assert language_of("# Title\n") is None


def test_versions() -> None:
    assert normalise_version("v1.2.0") == normalise_version("1.2.0")
    assert parse("0.6").schema == "0.5" and parse("0.6").minor == "0.6"
    assert parse("0.2.1").schema == "0.2"
    assert parse("0").minor == "0.7"
    assert not parse("1.0").known and parse(0.4).minor == "0.4" and not parse(0.4).is_string


def test_images() -> None:
    assert png_problem(b"GIF89a") == "not a PNG file (wrong signature)"
    assert jpeg_problem(b"\xff\xd8\xff\xe0" + b"\0" * 20 + b"\xff\xd9") is None
    assert jpeg_problem(b"\xff\xd8\xff\xe0" + b"\0" * 20) == (
        "JPEG without an end marker (truncated file)")
    assert svg_problem(b"<html/>") == "XML whose root is <html>, not <svg>"
    assert svg_problem(b"<svg") == "SVG that does not parse (unclosed token: line 1, column 0)"
    external = (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<svg>&x;</svg>")
    assert svg_problem(external) == "SVG refused: EntitiesForbidden (entities are not allowed)"
    assert image_problem("a.gif", b"GIF89a") == "format not allowed"


def test_fast_paths_agree_with_the_libraries() -> None:
    """The values judged without langcodes, license-expression or regex (for start-up
    time) get the answer those libraries give."""
    import itertools
    import string

    import langcodes
    import regex

    from opencheck.publiccode import values

    two_letters = {a + b for a, b in itertools.product(string.ascii_lowercase, repeat=2)}
    known = {code for code in two_letters if langcodes.tag_is_valid(code)}
    assert known == values.LANGUAGES_639_1
    for expression in values.COMMON_SPDX:
        info = values.licensing().validate(expression, strict=True)
        assert not info.errors and str(info.normalized_expression) == expression
        assert expression not in values.DEPRECATED_SPDX
    for text in ("Médusa vérifie un dépôt", "ligne\r\nsuivante", "ASCII only", "ÿ"):
        assert values.graphemes(text) == len(regex.findall(r"\X", text)), text
    assert values.graphemes("e\u0301") == 1  # a combining accent: the slow path
    for tag in ("fr-FR", "fr-AB", "fr-UK", "xx", "en-GB"):  # fast path or langcodes: same
        assert (values.bcp47_problem(tag) is None) == langcodes.tag_is_valid(tag), tag


# One character of each kind the grapheme rules tell apart (UAX #29): Other (Latin,
# typographic apostrophe, CJK, an emoji, an Indic consonant, Unicode 17's cluster-initial
# RA which is Other but an Indic linker), Control, CR, LF, Extend (acute accent, skin
# tone, variation selector), ZWJ, SpacingMark, Prepend, a regional indicator, Hangul
# L, V, T, LV, LVT, a virama (linker).
_BREAK_KINDS = ["a", "\u2019", "\u4e2d", "\U0001f600", "\u0915", "\U00011a3a", "\x01",
                "\r", "\n", "\u0301", "\U0001f3fd", "\ufe0f", "\u200d", "\u093f", "\u0600",
                "\U0001f1eb", "\u1100", "\u1161", "\u11a8", "\uac00", "\uac01", "\u094d"]


def test_graphemes_are_counted_as_regex_counts_them_whatever_the_neighbours() -> None:
    import itertools
    import random

    import regex

    from opencheck.publiccode import values

    def expected(text: str) -> int:
        return len(regex.findall(r"\X", text))

    for size in (1, 2, 3):
        for letters in itertools.product(_BREAK_KINDS, repeat=size):
            text = "é" + "".join(letters)  # past the Latin-only shortcut
            assert values.graphemes(text) == expected(text), [hex(ord(c)) for c in text]
    draw = random.Random(10)
    for _ in range(3000):
        text = "".join(draw.choice(_BREAK_KINDS) for _ in range(draw.randint(4, 30)))
        assert values.graphemes(text) == expected(text), [hex(ord(c)) for c in text]


def test_a_description_beyond_latin_is_counted_by_runs_not_character_by_character() -> None:
    """`\\X` alone was one match per character, 0.43 s of CPU per MB on a loaded CI runner
    (the regex probe's bar is 0.40): letters, apostrophes, CJK, emoji and Hangul
    syllables no neighbour joins are counted a run at a time (the probe times it)."""
    from opencheck.publiccode import values

    description = ("L’application gère les dépôts 中文 😀 한국어.\r\n" * 300)
    assert values.graphemes(description) == len(description) - 300
    assert len(values._grapheme_pattern().findall(description)) == 1


def test_the_first_graphemes_of_a_text_are_those_regex_cuts() -> None:
    import random

    import regex

    from opencheck.publiccode import values

    draw = random.Random(7)
    for _ in range(2000):
        text = "".join(draw.choice(_BREAK_KINDS) for _ in range(draw.randint(0, 20)))
        clusters = regex.findall(r"\X", text)
        for count in range(len(clusters) + 2):
            assert values.first_graphemes(text, count) == "".join(clusters[:count]), (
                [hex(ord(c)) for c in text], count)
