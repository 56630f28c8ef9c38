# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The patterns the regex probe (test_regex_probe.py) found slow, each on 5 MB of the
input that made it so, through the function that uses it, and still doing its job.

Each runs in a child killed past a ceiling; the bar is the issue's: 5 MB in under 2 s of
CPU time (user + sys). Before the fixes (benchmarks/hostile.md): a contact URL made of
`github.com/` was quadratic, a heading full of `[a](` read 2,000 bytes per `[`, a
`/*A` banner followed by blanks was tried 40 times over the blanks, and the changelog
date tried five forms and 36 month names at every position; an R DESCRIPTION
licence line of blanks
and a gemspec of unclosed `.license = [` lists were quadratic (20 KB: 0.6 s), so were
the licence titles "A then B on the line" on a line of As; an HTML page of `<link`
tags read 400 bytes per tag; an AsciiDoc or Org heading marker followed by blanks was
quadratic (20 KB: 1.8 s); the copyright holder normaliser tried seven branches per
character.
"""

from __future__ import annotations

import random
import re

import pytest

from hostile.bounded import CPU_CEILING, under_the_bar
from hostile.pathological import SIZE, run
from opencheck.checks.community import DATE, contacts
from opencheck.community.markup import parse
from opencheck.deps.copied import holders_in
from opencheck.deps.thirdparty import _BANNER, banner
from opencheck.licensing.manifests import read_gemspec, read_r_description
from opencheck.publiccode.consistency import _TITLES, licences_in_text
from opencheck.publiccode.validate import _OEMBED
from opencheck.wordtrie import alternation

# The child's ceiling decides; the test's time-out only backs it up.
pytestmark = pytest.mark.timeout(CPU_CEILING * 3)


def test_a_contact_url_made_of_forge_hosts_is_judged_in_linear_time() -> None:
    for host in ("github.com/", "mozilla.org/"):
        text = "Report to https://" + host * (SIZE // len(host)) + " please"
        assert under_the_bar(lambda text=text: len(contacts(text))) == "1"
    # still told apart: a file on a forge is not a contact, an advisory form is
    found = contacts("see https://github.com/o/r/blob/main/SECURITY.md or "
                     "https://github.com/o/r/security/advisories/new and "
                     "https://www.mozilla.org/en-US/about/governance/policies/code-of-conduct/")
    assert found == ["https://github.com/o/r/security/advisories/new"]


def test_a_heading_full_of_link_openings_is_read_once() -> None:
    text = "# " + "[a](" * (SIZE // 4) + "\n\ntext\n"
    assert under_the_bar(lambda: len(parse("README.md", text).headings)) == "1"
    heading = parse("README.md", "# Install [the guide](https://x.org/g) ![logo](l.png)\n")
    assert heading.headings[0].text == "Install the guide logo"


def test_a_banner_opening_followed_by_blanks_is_tried_once() -> None:
    text = run(b" ", b"/*A", b"x").decode()
    assert under_the_bar(lambda: sum(1 for _ in _BANNER.finditer(text))) == "0"
    found = banner("/*! jQuery  v3.7.1 | (c) OpenJS Foundation | jquery.org/license */\n")
    assert found is not None and (found.component, found.version) == ("jQuery", "3.7.1")


def test_changelog_dates_cost_one_test_where_none_starts() -> None:
    for unit in ("1", "a", "jan ", "1 jan "):
        text = unit * (SIZE // len(unit))
        assert under_the_bar(lambda text=text: DATE.search(text)) == "None"
    for dated in ("2024-05-01", "2024/05/01", "1/5/2024", "1er mai 2024", "May 1, 2024",
                  "3 Sept. 2023", "december 31 2020"):
        assert DATE.search(f"## 1.2.0 ({dated})"), dated
    for undated in ("2024-5-1", "mai 2024", "Janv 1, 2024", "1 maybe 2024"):
        assert not DATE.search(f"## 1.2.0 ({undated})"), undated


def test_a_word_trie_matches_the_words_it_was_given_and_no_other() -> None:
    rng = random.Random(7)
    letters = "abc"
    for _ in range(2000):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 4)))
                 for _ in range(rng.randint(1, 6))}
        trie = re.compile(alternation(*words) + r"\Z")
        listed = re.compile("(?:" + "|".join(map(re.escape, words)) + r")\Z")
        for _ in range(20):
            text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 5)))
            assert bool(trie.match(text)) == bool(listed.match(text)), (words, text)
    assert alternation("a.b", "a") == r"a(?:\.b)?"


def test_an_r_licence_line_of_blanks_is_read_once() -> None:
    text = "Package: x\nLicense: MIT" + " " * SIZE + "x\nVersion: 1\n"
    result = under_the_bar(
        lambda: [(f.raw[:4], f.raw[-2:], f.line) for f in read_r_description(text)])
    assert result == repr([("MIT ", " x", 2)])
    fields = read_r_description("License: GPL-3 +   file LICENSE\n")
    assert [(f.raw, f.spdx) for f in fields] == [("GPL-3.0-only", True)]


def test_a_gemspec_of_unclosed_licence_lists_is_read_once() -> None:
    text = ".license = [" * (SIZE // 12) + "\nspec.license = 'MIT'\n"
    assert under_the_bar(lambda: [(f.raw, f.line) for f in read_gemspec(text)]) == \
        repr([("MIT", 2)])
    # many licences, each on its own line: lines counted once, not from the top each time
    text = "spec.license = 'MIT'\n" * (SIZE // 21)
    fields = read_gemspec(text)
    assert under_the_bar(lambda: len(read_gemspec(text))) == str(len(fields))
    assert (fields[0].line, fields[-1].line) == (1, len(fields))


def test_licence_titles_after_a_line_of_openings_are_tried_once() -> None:
    for start in ("Redistributions in binary form ", "LICENCE OUVERTE / OPEN LICENCE "):
        text = start * (SIZE // len(start))
        assert under_the_bar(
            lambda text=text: [spdx for pattern, spdx in _TITLES if pattern.search(text)]
        ) in (repr([]), repr(["etalab-2.0"]))
    assert licences_in_text("LICENCE OUVERTE / OPEN LICENCE version 1.0") == set()
    assert licences_in_text("LICENCE OUVERTE / OPEN LICENCE version 2.0") == {"etalab-2.0"}
    assert licences_in_text("Redistributions in binary form must... Neither the name of") \
        == {"BSD-3-Clause"}


def test_a_page_of_link_tags_is_searched_for_oembed_once() -> None:
    page = b"<link a" * (SIZE // 7)
    assert under_the_bar(lambda: _OEMBED.search(page)) == "None"
    assert _OEMBED.search(b'<head><link rel="alternate" type="application/json+oembed" '
                          b'href="https://v.example/oembed?url=x"></head>')


def test_an_asciidoc_or_org_heading_of_blanks_is_read_once() -> None:
    for name, marker in (("README.adoc", "= "), ("README.org", "* ")):
        text = marker + "\xa0" * SIZE + "\n\ntext\n"
        assert under_the_bar(lambda name=name, text=text: len(parse(name, text).headings)) \
            == "0"
        assert parse(name, f"{marker} Installation  \n").headings[0].text == "Installation"


def test_a_copyright_holder_line_of_punctuation_is_normalised_in_linear_time() -> None:
    line = "Copyright 2024 <" + "-" * SIZE + "\n"
    assert under_the_bar(lambda: len(holders_in(line))) == "0"
    assert holders_in("Copyright (c) 2020-2024 Jane Doe <jane@x.org> and contributors. "
                      "All rights reserved.\n") == ["jane doe"]


def test_a_pom_version_of_unclosed_properties_is_read_once() -> None:
    from opencheck.deps.maven import parse, parse_xml

    def pom(version: str) -> str:
        return ("<project><dependencies><dependency><groupId>g</groupId>"
                f"<artifactId>a</artifactId><version>{version}</version>"
                "</dependency></dependencies><properties><v>1.2</v></properties></project>")
    hostile = pom("${" * (SIZE // 2))
    assert under_the_bar(lambda: len(parse(parse_xml(hostile), "pom.xml"))) == "1"
    (dependency,) = parse(parse_xml(pom("${v}")), "pom.xml")
    assert dependency.version == "1.2"  # a property is still expanded


def test_a_copyright_line_of_blanks_and_brackets_is_cleaned_once() -> None:
    from opencheck.licensing.holder import _clean, copyright_lines

    # _clean is what every holder source (notices, AUTHORS, publiccode.yml) goes through.
    # Before: 100 KB of blanks took 176 s, of `<` 30 s.
    for filler in ("<", "<@"):
        text = "Agence" + filler * (SIZE // len(filler)) + "x"
        under_the_bar(lambda text=text: str(_clean(text)))
    # Blanks and line ends: the words that are no holder's were tried at each position
    # (3.5 s per 5 MB of CRLF); only where one can start now.
    for filler in (" ", " \t", "\r\n", "\u00a0"):
        text = "Agence" + filler * (SIZE // len(filler)) + "x"
        under_the_bar(lambda text=text: str(_clean(text)))
    assert _clean("Name of author") is None and _clean("Agence du Numérique") is not None
    assert copyright_lines("Copyright 2024 Agence du Numérique <contact@agence.fr>. "
                           "All rights reserved.\n") == ["Agence du Numérique"]


def test_a_readme_heading_of_blanks_and_hashes_is_read_once() -> None:
    from opencheck.licensing.declarations import readme_licence_section

    for filler in (" ", " #", "# "):
        text = "# Licence" + filler * (SIZE // len(filler)) + "x\n\nEUPL-1.2\n"
        under_the_bar(lambda text=text: str(readme_licence_section(text)))
    assert readme_licence_section("# Projet\n\n## Licence ##\n\nEUPL-1.2\n") is not None
    assert readme_licence_section("# Projet\n\n## Installation #\n\npip install\n") is None


def test_readme_links_and_maintainer_lines_are_read_once() -> None:
    from opencheck.publiccode.generate import _EMAIL_LINE, _paragraphs

    for text in ("Texte " + "[a](" * (SIZE // 4), "Texte " + "[" * SIZE,
                 "Texte [a](" + "x(" * (SIZE // 2)):
        under_the_bar(lambda text=text: str(len(_paragraphs(text))))
    for line in (" " * SIZE + "x", "-" + " \t" * (SIZE // 2) + "x", "x" + " " * SIZE):
        under_the_bar(lambda line=line: str(_EMAIL_LINE.match(line)))
    assert _paragraphs("Voir [Foo](https://fr.wikipedia.org/wiki/Foo_(bar)) et ![logo](l.png).") \
        == ["Voir Foo et logo."]
    found = _EMAIL_LINE.match("  - Équipe Produit <produit@numerique.gouv.fr>")
    assert found is not None and found.groups() == ("Équipe Produit",
                                                    "produit@numerique.gouv.fr")


def test_licence_identifier_tags_are_read_once() -> None:
    from opencheck.licensing.names import spdx_tags

    tag = "SPDX-" + "License-Identifier:"  # not a tag of this file
    for text in (tag + "a" + "\u00a0" * SIZE + "b", tag + "a" + " " * SIZE + "*",
                 (tag + "*") * (SIZE // 25), (tag + "a-->") * (SIZE // 28),
                 tag * (SIZE // 24) + "a" * 1000 + "*"):
        under_the_bar(lambda text=text: str(len(spdx_tags(text))))
    assert spdx_tags(f"/* {tag} (MIT OR Apache-2.0) */\n<!-- {tag} EUPL-1.2 -->\n"
                     f"# {tag} MIT\n") == ["MIT OR Apache-2.0", "EUPL-1.2", "MIT"]


def test_the_mail_domain_pattern_is_only_matched_whole() -> None:
    # Searched for, it is linear but slow (`.` then 5 MB of digits: about 8 s); opencheck
    # only ever matches a commit address's domain whole, which reads at most 11 labels.
    from pathlib import Path

    from opencheck.scaffold import readme
    source = Path(readme.__file__).read_text("utf-8")
    assert source.count("DOMAIN.") == source.count("DOMAIN.fullmatch(") == 1
    for text in ("." + "1" * SIZE, "1" * SIZE, "a." * (SIZE // 2), ("a" * 62 + ".") * (SIZE // 63)):
        assert under_the_bar(lambda text=text: readme.DOMAIN.fullmatch(text) is None) == "True"
    assert readme.DOMAIN.fullmatch("numerique.gouv.fr") is not None


def test_the_secrets_patterns_slow_when_searched_are_bounded_by_their_use() -> None:
    # The probe's first pass over secrets/ (end of the session): `_K8S_ENTRY` and
    # `_UPPER_NAME` are super-linear when searched; one is matched whole on a manifest's
    # line, the other on a value of at most 200 bytes. Through the scan, on 5 MB:
    from opencheck.secrets.detectors import scan

    head = b"apiVersion: v1\nkind: Secret\ndata:\n"
    for text, path in ((head + b"  a:" + b" " * SIZE + b"\x00\n", "k8s/secret.yaml"),
                       (head + b" " + b"\t" * SIZE + b"\n", "k8s/secret.yaml"),
                       (b'PASSWORD="A_' + b"_" * SIZE + b'!"\n', "config/.env")):
        under_the_bar(lambda text=text, path=path: str(len(scan(text, path))))


def test_contribution_words_cost_one_test_where_none_can_start() -> None:
    from opencheck.checks.community import PROCESS

    for filler in (" ", "\u00a0", "\n", "é"):
        assert under_the_bar(lambda filler=filler: PROCESS.findall(filler * SIZE)) == "[]"
    assert PROCESS.findall("open an issue or a pull request, fork it; forker; une branche, "
                           "un prêt, le mr et la pr") == \
        ["issue", "pull request", "fork", "fork", "branche", "mr", "pr"]


def test_an_upper_case_name_is_recognised_in_one_pass() -> None:
    from opencheck.secrets.detectors import _UPPER_NAME

    # `[A-Z0-9_]*_[A-Z0-9_]+` tried every split of a run of `_` (quadratic)
    for text in (b"A" + b"_" * SIZE + b"\x00", b"A" + b"_" * SIZE, b"A_" + b"0" * SIZE + b"a"):
        under_the_bar(lambda text=text: _UPPER_NAME.match(text))
    assert [bool(_UPPER_NAME.match(name)) for name in
            (b"DB_PASSWORD", b"A_B", b"A__", b"A_", b"AB", b"a_B", b"DB_PASSWORD\n")] == \
        [True, True, True, False, False, False, True]


def test_licence_titles_with_optional_dashes_and_slashes_are_linear() -> None:
    from opencheck.publiccode.consistency import _TITLES

    # Their caller reads 3,000 characters; the patterns themselves no longer backtrack
    # over a run of blanks around an optional `-` or `/` (quadratic: `\s*-?\s*`).
    for title, filler in (("Eclipse Public License", " "), ("LICENCE OUVERTE", "\u00a0"),
                          ("LICENCE OUVERTE OPEN LICENCE", " ")):
        text = title + filler * SIZE + "!"
        under_the_bar(lambda text=text: [spdx for pattern, spdx in _TITLES if pattern.search(text)])
    named = {text: [spdx for pattern, spdx in _TITLES if pattern.search(text)]
             for text in ("Eclipse Public License - v 2.0", "Eclipse Public License v2.0",
                          "LICENCE OUVERTE / OPEN LICENCE\nVersion 2.0")}
    assert named == {"Eclipse Public License - v 2.0": ["EPL-2.0"],
                     "Eclipse Public License v2.0": ["EPL-2.0"],
                     "LICENCE OUVERTE / OPEN LICENCE\nVersion 2.0": ["etalab-2.0"]}


def test_licence_identifier_tags_of_a_licence_file_are_read_once() -> None:
    from opencheck.publiccode.consistency import licences_in_text

    # The caller reads 20,000 characters; a tag then blanks took over 4 s of them
    # (the lazy value retried the blanks after each character).
    tag = "SPDX-" + "License-Identifier:"  # not a tag of this file
    for filler in (" ", "\u00a0", "\t "):
        text = tag + "a" + filler * (19_900 // len(filler)) + "!\n" + "x" * SIZE
        under_the_bar(lambda text=text: licences_in_text(text))
    assert licences_in_text(f"/* {tag} MIT */\n<!-- {tag} EUPL-1.2 -->\n{tag} * x\n") == \
        {"MIT", "EUPL-1.2"}
