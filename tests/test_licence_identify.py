# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Identification of licence texts: what a person reading LICENSE would conclude."""

from __future__ import annotations

import pytest

from licence_fixtures import TAG, bsd3, french, mit
from opencheck.licensing import identify, identify_bytes


def test_mit_with_its_copyright_line_filled_in() -> None:
    found = identify(mit())
    assert found.spdx == "MIT"
    assert found.confidence >= 0.95
    assert found.full_text


def test_bsd_3_is_not_taken_for_bsd_2() -> None:
    found = identify(bsd3())
    assert found.spdx == "BSD-3-Clause"
    assert found.confidence >= 0.95
    assert all(c.score < found.confidence for c in found.alternatives)


def test_french_preface_above_an_english_licence() -> None:
    text = ("Le contenu de ce dépôt est placé sous licence MIT, à l'exception des polices.\n"
            "Voir les conditions générales d'utilisation.\n\n" + mit())
    assert identify(text).spdx == "MIT"


@pytest.mark.parametrize(
    ("name", "spdx"),
    [("CECILL-2.1.fr", "CECILL-2.1"), ("CECILL-B.fr", "CECILL-B"),
     ("CECILL-C.fr", "CECILL-C"), ("CECILL-2.0.fr", "CECILL-2.0")],
)
def test_french_cecill_texts(name: str, spdx: str) -> None:
    found = identify(french(name))
    assert found.spdx == spdx
    assert found.confidence >= 0.95


@pytest.mark.parametrize("encoding", ["latin-1", "mac_roman"])
def test_legacy_encodings_of_a_french_text(encoding: str) -> None:
    data = french("CECILL-C.fr").replace("’", "'").encode(encoding, errors="replace")
    found = identify_bytes(data)
    assert found.spdx == "CECILL-C"
    assert found.encoding == encoding
    assert found.confidence >= 0.95


def test_cecill_with_a_deposit_paragraph_and_a_banner() -> None:
    text = french("CECILL-2.1.fr")
    banner = "*" * 60 + "\n* Projet Exemple — Copyright 2026 Inria\n* Licence : CeCILL\n" + "*" * 60
    deposit = ("\nLe logiciel est déposé à l'Agence pour la Protection des Programmes sous le "
               "numéro IDDN.FR.001.123456.000.S.P.2026.000.10000.\n")
    middle = text.index("Article 1")
    found = identify(banner + "\n" + text[:middle] + deposit + text[middle:])
    assert found.spdx == "CECILL-2.1"


def test_two_licences_in_one_file_by_scope() -> None:
    text = ("# Licences\n\n## Code\n\n" + mit() + "\n## Données\n\nLes données exportées sont "
            "sous Licence Ouverte 2.0 (etalab-2.0).\n")
    found = identify(text)
    assert found.spdx == "MIT AND etalab-2.0"


def test_dual_licence_notice_with_an_spdx_tag() -> None:
    text = (f"{TAG} (MIT OR CECILL-C)\n\nThe user may choose either the MIT "
            "License or the CeCILL-C License.\n")
    assert identify(text).spdx == "MIT OR CECILL-C"


def test_notice_that_names_the_licence() -> None:
    text = ("This software is governed by the CeCILL-B license under French law and abiding "
            "by the rules of distribution of free software. See http://www.cecill.info.\n")
    found = identify(text)
    assert found.spdx == "CECILL-B"
    assert not found.full_text
    assert found.confidence < 0.9


def test_licence_ouverte_notice() -> None:
    found = identify("Ce document est distribué sous les termes de la Licence Ouverte V2.0.")
    assert found.spdx == "etalab-2.0"


def test_licence_ouverte_english_text() -> None:
    assert identify(french("etalab-2.0.en")).spdx == "etalab-2.0"


def test_gnu_or_later_comes_from_the_notice_not_the_text() -> None:
    gpl_notice = ("This program is free software: you can redistribute it and/or modify it "
                  "under the terms of the GNU General Public License as published by the Free "
                  "Software Foundation, either version 3 of the License, or (at your option) "
                  "any later version.")
    assert identify(gpl_notice).spdx == "GPL-3.0-or-later"
    assert identify("Licensed under the GNU GPL v3 only.").spdx == "GPL-3.0-only"


def test_a_copyright_alone_names_no_licence() -> None:
    found = identify("2004-2008 Jose Grimm, Inria\nWeb page: http://www.inria.fr/\n")
    assert found.spdx is None
    assert found.confidence == 0.0


def test_all_rights_reserved_is_not_a_licence() -> None:
    assert identify("Copyright 2026 Ministère. Tous droits réservés.").spdx is None


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty"), (b"  \n\n", "empty"), (b"\x89PNG\r\n\x1a\n\0\0\0IHDR", "binary"),
     (None, "unreadable")],
)
def test_bad_input_says_what_is_wrong(data: bytes | None, problem: str) -> None:
    found = identify_bytes(data)
    assert found.spdx is None
    assert found.problem == problem


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_a_huge_file_is_read_only_at_its_start() -> None:
    data = mit().encode() + b"\n" + b"padding line of no meaning\n" * 400_000  # ~10 MB
    found = identify_bytes(data)
    assert found.spdx == "MIT"
    assert "truncated" in found.notes


def test_licence_followed_by_the_licences_it_bundles() -> None:
    bundled = "\n".join(
        f"- lib{number}, licensed as follows:\n  \"\"\"\n{mit(holder=f'Author {number}')}\"\"\"\n"
        for number in range(4)
    )
    text = mit(holder="Astral") + "\nThe externally maintained libraries are:\n\n" + bundled
    found = identify(text)
    assert found.spdx == "MIT"
    assert found.confidence >= 0.95


def test_any_spdx_licence_named_in_a_notice() -> None:
    assert identify("Distributed under the Boost Software License, Version 1.0.").spdx == (
        "BSL-1.0")


def test_french_names_of_gnu_licences() -> None:
    notice = ("Ce programme est un logiciel libre ; vous pouvez le redistribuer selon les termes "
              "de la Licence Publique Générale GNU version 3, ou toute version ultérieure.")
    assert identify(notice).spdx == "GPL-3.0-or-later"
    assert identify("Distribué sous Licence Publique Générale Limitée GNU v2.1").spdx == (
        "LGPL-2.1-only")


def test_licence_saved_as_a_web_page() -> None:
    page = "<html><body><p>" + french("CECILL-C.fr").replace("é", "&eacute;").replace(
        "\n\n", "</p><p>") + "</p></body></html>"
    assert identify(page).spdx == "CECILL-C"


def test_a_pdf_named_license_is_not_read_as_text() -> None:
    assert identify_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").problem == "binary"


def test_licences_named_for_comparison_only_do_not_count() -> None:
    assert identify("Released under CeCILL-B, a BSD-like and GPL-compatible licence.").spdx == (
        "CECILL-B")
    assert identify("Développé par Etalab, sous licence MIT.").spdx == "MIT"
    assert identify("This project uses an open licence.").spdx is None


def test_a_cecill_file_named_with_its_version_glued_to_v_names_that_version() -> None:
    """cea-hpc/milkcheck's README: "See Licence_CeCILL_V2-en.txt": CeCILL 2.0, not the
    latest version a name without version reads as."""
    from opencheck.licensing.names import named_licences

    assert [n.spdx for n in named_licences("See Licence_CeCILL_V2-en.txt")] == ["CECILL-2.0"]
    assert [n.spdx for n in named_licences("Licence_CeCILL_V2.1-fr.txt")] == ["CECILL-2.1"]
    assert [(n.spdx, n.generic) for n in named_licences("the CeCILL license")] == \
        [("CECILL-2.1", True)]


def test_a_short_gpl_name_then_its_or_later_notice_reads_or_later() -> None:
    """ANSSI's libecc: "provided under a dual BSD/GPLv2 license", then the GPL's notice
    "either version 2 of the License, or (at your option) any later version": the notice
    says which; a name that says "only" keeps its word."""
    notice = ("This program is free software; you can redistribute it and/or modify it "
              "under the terms of the GNU General Public License as published by the Free "
              "Software Foundation; either version 2 of the License, or (at your option) "
              "any later version.\n")
    dual = "The files in this project are provided under a dual BSD/GPLv2 license.\n\n"
    assert identify(dual + notice).spdx == "GPL-2.0-or-later"
    assert identify(dual).spdx == "GPL-2.0-only"
    assert identify("Licensed under the GPLv2 only.\n\n" + notice).spdx == "GPL-2.0-only"


def test_the_classpath_exception_is_read_with_its_gpl() -> None:
    """javadoc's scripts and OpenJDK's files: GPL 2 "subject to the "Classpath"
    exception"; other GPL texts and other licences are left as they are."""
    header = ("This code is free software; you can redistribute it and/or modify it under "
              "the terms of the GNU General Public License version 2 only, as published by "
              "the Free Software Foundation.{}\n")
    oracle = ("  Oracle designates this particular file as subject to the \"Classpath\" "
              "exception as provided by Oracle in the LICENSE file that accompanied this code.")
    assert identify(header.format(oracle)).spdx == "GPL-2.0-only WITH Classpath-exception-2.0"
    assert identify(header.format("")).spdx == "GPL-2.0-only"
    assert identify("Licensed under the MIT licence. No Classpath exception here.").spdx == "MIT"


def test_bootstraps_banner_names_mit() -> None:
    """"Licensed under MIT (https://github.com/twbs/bootstrap/blob/main/LICENSE)": every
    copy of Bootstrap warned "no recognised licence header" (esup-signature); "under"
    alone, outside a licensing verb, names no licence."""
    assert identify(" * Bootstrap v4.3.1 (https://getbootstrap.com/)\n * Copyright 2011-2019 "
                    "The Bootstrap Authors\n * Licensed under MIT (https://github.com/twbs/"
                    "bootstrap/blob/master/LICENSE)\n").spdx == "MIT"
    assert identify("Released under MIT.").spdx == "MIT"
    assert identify("Work done under MIT supervision.").spdx is None


def test_a_notice_that_states_its_licence_names_it() -> None:
    """Copyright lines are left out of the comparison, and the licence they state went
    with them: acme-tiny's "Copyright Daniel Roesler, under MIT license" (pagopa/io-infra)
    and jQuery UI's "Copyright jQuery Foundation and other contributors; Licensed MIT"
    (das-recruit) warned "no recognised licence header". A notice alone names none."""
    # REUSE-IgnoreStart
    assert identify("# Copyright Daniel Roesler, under MIT license, see LICENSE at "
                    "github.com/diafygi/acme-tiny\n").spdx == "MIT"
    assert identify("* Copyright jQuery Foundation and other contributors; Licensed MIT */"
                    ).spdx == "MIT"
    assert identify("Copyright (c) 2020 Distributed Systems Lab\n").spdx is None
    assert identify("Copyright (C) 2007 Free Software Foundation, Inc.\n").problem == "empty"
    # REUSE-IgnoreEnd
