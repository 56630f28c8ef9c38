# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Vendored folders and files copied from other projects, with their licences."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import check_json, findings_of
from opencheck.deps import copied
from opencheck.deps.copied import holders_in
from opencheck.deps.inventory import build
from opencheck.repository import open_repository

MIT_TEXT = ("MIT License\n\nCopyright (c) {holder}\n\nPermission is hereby granted, free of "
            "charge, to any person obtaining a copy\nof this software...\n")
BSD2_TEXT = (
    "Copyright (c) 2015, Dave Cheney <dave@cheney.net>\nAll rights reserved.\n\n"
    "Redistribution and use in source and binary forms, with or without modification, are "
    "permitted provided that the following conditions are met:\n\n"
    "1. Redistributions of source code must retain the above copyright notice, this list of "
    "conditions and the following disclaimer.\n\n"
    "2. Redistributions in binary form must reproduce the above copyright notice, this list "
    "of conditions and the following disclaimer in the documentation and/or other materials "
    "provided with the distribution.\n\n"
    "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\" AND ANY "
    "EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF "
    "MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL "
    "THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, "
    "SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT "
    "OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS "
    "INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT "
    "LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE "
    "OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.\n"
)


def vendored_repo() -> dict[str, str]:
    return {
        "LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
        "vendor/jquery/LICENSE.txt": MIT_TEXT.format(holder="OpenJS Foundation"),
        "vendor/jquery/dist/jquery.js": "(function(){ /* jQuery */ })();\n",
        "vendor/github.com/pkg/errors/LICENSE": BSD2_TEXT,
        "vendor/github.com/pkg/errors/errors.go": "package errors\n",
        "vendor/modules.txt": "# github.com/pkg/errors v0.9.1\n",
        "third_party/zlib/zlib.h": "/* SPDX-License-Identifier: Zlib */\n#define Z 1\n",
        "external/mystery/lib.c": "int mystery(void) { return 42; }\n",
        "vendor/chart.min.js": "/*! Chart.js v4.4.1 | Released under the MIT License */\n",
        "node_modules/gpl-thing/package.json": json.dumps(
            {"name": "gpl-thing", "version": "2.0.1", "license": "GPL-3.0-or-later"}),
        "node_modules/gpl-thing/index.js": "module.exports = 1;\n",
        "node_modules/@scope/pkg/package.json": json.dumps(
            {"name": "@scope/pkg", "version": "1.0.0", "license": "ISC"}),
        "node_modules/@scope/pkg/index.js": "module.exports = 2;\n",
    }


def test_vendored_components_and_their_licences(make_repo) -> None:
    inventory = build(open_repository(make_repo(vendored_repo())))
    vendored = {d.name: (d.version, d.spdx, d.licence_source)
                for d in inventory.dependencies if d.ecosystem == "vendored"}
    assert vendored == {
        "vendor/jquery": (None, "MIT", "licence-file"),
        "vendor/github.com/pkg/errors": ("v0.9.1", "BSD-2-Clause", "licence-file"),
        "third_party/zlib": (None, "Zlib", "header"),
        "external/mystery": (None, None, None),
        "vendor/chart.min.js": (None, "MIT", "header"),
        "node_modules/gpl-thing": ("2.0.1", "GPL-3.0-or-later", "package.json"),
        "node_modules/@scope/pkg": ("1.0.0", "ISC", "package.json"),
    }


def test_vendored_findings(make_repo) -> None:
    report = check_json(make_repo(vendored_repo()), "--rule", "deps-*")
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for finding in findings_of(report):
        by_rule.setdefault(finding["rule"], []).append(finding)
    assert [f["path"] for f in by_rule["deps-vendored-licence"]] == ["external/mystery"]
    copyleft = by_rule["deps-copyleft"]
    assert len(copyleft) == 1
    assert "node_modules/gpl-thing 2.0.1" in copyleft[0]["message"]
    assert copyleft[0]["path"] == "node_modules/gpl-thing/package.json"


def test_file_with_another_copyright_holder_is_listed_with_its_licence(make_repo) -> None:
    own = "// Copyright 2026 DINUM\n// SPDX-License-Identifier: MIT\n"
    files = {
        "LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
        "src/a.js": own + "export const a = 1;\n",
        "src/b.js": own + "export const b = 2;\n",
        "src/c.js": own + "export const c = 3;\n",
        "src/lib/fastcsv.js": (
            "/*\n * Copyright (c) 2015 Jane Doe <jane@example.org>\n *\n"
            " * Licensed under the Apache License, Version 2.0 (the \"License\");\n */\n"
            "export function parse() {}\n"
        ),
        "src/lib/nolicence.js": "// Copyright 2019 Acme Corp\nexport const x = 1;\n",
    }
    report = check_json(make_repo(files), "--rule", "deps-*")
    copied = {f["path"]: f["message"] for f in findings_of(report)
              if f["rule"] == "deps-copied-code"}
    assert set(copied) == {"src/lib/fastcsv.js", "src/lib/nolicence.js"}
    assert "Jane Doe" in copied["src/lib/fastcsv.js"]
    assert "Apache-2.0" in copied["src/lib/fastcsv.js"]
    unlicensed = [f["path"] for f in findings_of(report) if f["rule"] == "deps-vendored-licence"]
    assert unlicensed == ["src/lib/nolicence.js"]


def test_a_copyright_with_a_colon_names_its_holder(make_repo) -> None:
    # A bundled library's banner (`* Copyright: 2022 Naotoshi Fujita`, Splide in
    # bootstrap-italia) was shown as the copyright of ": 2022 Naotoshi Fujita".
    own = "// Copyright 2026 DINUM\n// SPDX-License-Identifier: MIT\n"
    files = {"LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
             **{f"src/{name}.js": own + "export const a = 1;\n" for name in "abc"},
             "static/js/splide.js": "/*!\n * Splide.js\n * Version  : 4.0.7\n * License  : MIT\n"
                                    " * Copyright: 2022 Naotoshi Fujita\n */\nvar s = 1;\n"}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    [copied] = [f["message"] for f in findings_of(report) if f["rule"] == "deps-copied-code"]
    assert "carries the copyright of Naotoshi Fujita, under MIT." in copied


def test_two_notices_on_one_banner_line_are_two_holders(make_repo) -> None:
    # bootstrap-italia's CSS banner: its fork's notice joined to Bootstrap's on one line
    # was shown as the copyright of "The Bootstrap Authors- Copyright 2011-2022 Twitter, Inc,".
    own = "// Copyright 2026 DINUM\n// SPDX-License-Identifier: MIT\n"
    banner = ("/*!\n * Bootstrap Italia (https://italia.github.io/bootstrap-italia/)\n"
              " * Licensed under BSD-3-Clause license\n"
              " * Copyright 2011-2022 The Bootstrap Authors- Copyright 2011-2022 Twitter, Inc.\n"
              " * Licensed under MIT license\n */:root{--v:'2.18.0'}\n")
    files = {"LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
             **{f"src/{name}.js": own + "export const a = 1;\n" for name in "abc"},
             "static/css/bootstrap-italia.css": banner,
             "static/js/acme.js": "/* Copyright (c) 2019 Acme Corp. All rights reserved. */\n"}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    copied = {f["path"]: f["message"] for f in findings_of(report)
              if f["rule"] == "deps-copied-code"}
    assert "carries the copyright of The Bootstrap Authors; Twitter, Inc., under" in \
        copied["static/css/bootstrap-italia.css"]
    # one notice: its holder as written, the sentence's full stop left out
    assert "carries the copyright of Acme Corp., " in copied["static/js/acme.js"]
    assert holders_in("// Copyright 2020 Jane Doe.\n") == ["jane doe"]
    assert holders_in("// Copyright 2019-present Jane Doe\n") == ["jane doe"]
    # a licence text wrapped so that its prose opens a line (Facebook's SDK in openbach)
    assert holders_in(" * Copyright (c) 2017-present, Facebook, Inc. All rights reserved.\n"
                      " * IN NO EVENT SHALL THE AUTHORS OR\n"
                      " * COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
                      " * Copyright notice and this permission notice\n") == ["facebook inc"]


def test_a_doxygen_line_break_and_a_notice_cut_by_the_head_are_no_part_of_a_holder(
        make_repo) -> None:
    # INRIA's Anima: a header written for Doxygen (`Boston.\n`), whose second notice sits
    # where the head read stops, was shown as "© Children's Hospital Boston.\n,
    # Children's Ho"
    own = "// Copyright 2026 Inria\n// SPDX-License-Identifier: AGPL-3.0-or-later\n"
    header = (" * Copyright (c) 2010-2011 Children's Hospital Boston.\\n\n"
              + " * The wrapper is very easy to use.\n" * 80)
    cut = 3000 - len("/**\n" + header) - len(" *Harvard Medical School. \\n Copyright (c) "
                                              "2010-2011 Children's Ho")
    header += " *" + " " * cut + "Harvard Medical School. \\n Copyright (c) 2010-2011 " \
        "Children's Hospital Boston\n */\n#pragma once\n"
    files = {"LICENSE": MIT_TEXT.format(holder="2026 Inria"),
             **{f"src/{name}.h": own + "int a;\n" for name in "abc"},
             "src/nlopt/wrapper.h": "/**\n" + header}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    [copied] = [f["message"] for f in findings_of(report) if f["rule"] == "deps-copied-code"]
    assert "carries the copyright of Children's Hospital Boston, " in copied, copied
    assert "\\n" not in copied and "Children's Ho," not in copied


def test_a_contributors_file_licensed_to_the_project_is_its_own(make_repo) -> None:
    # Orekit: "Copyright 2002-2026 Guo Xiaozhong / Licensed to CS GROUP (CS) under one
    # or more contributor license agreements" on 408 files, listed as copied code.
    cla = (" * Licensed to {to} under one or more\n * contributor license agreements.  See "
           "the NOTICE file distributed with\n * this work.\n */\npackage x;\n")
    files = {"LICENSE": MIT_TEXT.format(holder="2026 CS GROUP"),
             **{f"src/Own{n}.java": "/* Copyright 2002-2026 CS GROUP\n"
                + cla.format(to="CS GROUP (CS)") for n in range(3)},
             "src/Contributed.java": "/* Copyright 2022 Guo Xiaozhong\n"
                                     + cla.format(to="CS GROUP (CS)"),
             # the same steward under its former name, known by its short name
             "src/Older.java": "/* Copyright 2011 Space Applications Services\n"
                               + cla.format(to="CS Communication & Systèmes (CS)"),
             # a file of an Apache project: licensed to the ASF, not to this project
             "src/Borrowed.java": "/* Copyright 2010 Jane Doe\n"
                                  + cla.format(to="the Apache Software Foundation (ASF)")}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    copied = [f["path"] for f in findings_of(report) if f["rule"] == "deps-copied-code"]
    assert copied == ["src/Borrowed.java"]


def test_declared_holders_are_the_projects_own(make_repo) -> None:
    files = {
        "LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
        "src/lib/helper.js": "// Copyright 2024 Etalab\nexport const x = 1;\n",
        ".opencheck.yml": "settings:\n  dependencies:\n    copyright_holders: [Etalab]\n",
    }
    report = check_json(make_repo(files), "--rule", "deps-*")
    assert [f for f in findings_of(report) if f["rule"] == "deps-copied-code"] == []


def test_go_and_composer_vendor_metadata(make_repo) -> None:
    files = {
        "vendor/modules.txt": (
            "# github.com/pkg/errors v0.9.1\n## explicit\ngithub.com/pkg/errors\n"),
        "vendor/github.com/pkg/errors/LICENSE": BSD2_TEXT,
        "vendor/github.com/pkg/errors/errors.go": "package errors\n",
    }
    inventory = build(open_repository(make_repo(files)))
    [errors] = [d for d in inventory.dependencies if d.ecosystem == "vendored"]
    assert (errors.name, errors.version, errors.spdx) == (
        "vendor/github.com/pkg/errors", "v0.9.1", "BSD-2-Clause")
    php = {
        "vendor/autoload.php": "<?php\n",
        "vendor/composer/installed.json": json.dumps({"packages": [
            {"name": "psr/log", "version": "3.0.0", "license": ["MIT"]}]}),
        "vendor/psr/log/src/LoggerInterface.php": "<?php\ninterface LoggerInterface {}\n",
    }
    inventory = build(open_repository(make_repo(php)))
    vendored = {d.name: (d.version, d.spdx, d.licence_source)
                for d in inventory.dependencies if d.ecosystem == "vendored"}
    assert vendored["vendor/psr/log"] == ("3.0.0", "MIT", "installed.json")


def test_committed_node_modules_complete_the_declared_dependencies(make_repo) -> None:
    files = {
        "package.json": json.dumps({"name": "app", "license": "MIT",
                                    "dependencies": {"gpl-thing": "^2.0.0"}}),
        "node_modules/gpl-thing/package.json": json.dumps(
            {"name": "gpl-thing", "version": "2.0.1", "license": "GPL-3.0-or-later"}),
        "node_modules/.bin/gpl-thing": "#!/usr/bin/env node\n",
        "node_modules/.package-lock.json": "{}",
        "node_modules/helper/package.json": json.dumps(
            {"name": "helper", "version": "1.0.0", "license": "ISC"}),
    }
    inventory = build(open_repository(make_repo(files)))
    listed = sorted((d.ecosystem, d.name, d.version, d.spdx, d.licence_source)
                    for d in inventory.dependencies)
    assert listed == [
        ("npm", "gpl-thing", "2.0.1", "GPL-3.0-or-later", "node_modules"),
        ("vendored", "node_modules/helper", "1.0.0", "ISC", "package.json"),
    ]


def test_commit_authors_are_the_projects_own_holders(make_repo) -> None:
    files = {
        "LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
        "src/a.js": "// Copyright 2026 Camille Agent\nexport const a = 1;\n",
        "src/b.js": "// Copyright 2025 Dominique Externe\nexport const b = 1;\n",
    }
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    # conftest commits as "Camille Agent": her header is the project's own.
    assert [f["path"] for f in findings_of(report)] == ["src/b.js"]


def test_the_word_copyright_in_code_names_no_holder() -> None:
    # the word in a comment's prose or in data is not a notice; a notice still is
    text = (
        "    // Add a copyright field to some of the media bundles used in the test.\n"
        "    'field_image_copyright' => 'Copyright for test image ©',\n"
        "  /** The copyright, author, etc. of the item. */\n"
        " * Copyright (c) 2015 Jane Doe\n"
        "# Copyright The Bio Development Group\n"
        "Released under the MIT licence, copyright 2019 Acme Corp.\n"
        # a variable named copyright (Sphinx's conf.py in MinBZK/nl-wallet), set in code
        'copyright = f"2025, {author}"\n'
        "  copyright => $this->holder,\n"
        # a field's type (annuaire-entreprises' records of an API, in TypeScript)
        '  copyright: string | null; // "Direction de l\'information légale",\n'
        "  copyright?: String\n"
    )
    assert holders_in(text) == ["jane doe", "the bio development group", "acme corp"]


def test_a_file_that_only_talks_about_copyright_is_not_copied_code(make_repo) -> None:
    files = {
        "LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
        "src/Gallery.php": "<?php\n// Add a copyright field to each item. Use it below.\n"
                           "$item = ['copyright' => 'Copyright for test image ©'];\n",
    }
    report = check_json(make_repo(files), "--rule", "deps-*")
    assert [f["path"] for f in findings_of(report)
            if f["rule"] in ("deps-copied-code", "deps-vendored-licence")] == []


# Headers where a notice starts at each place it may: a comment line, mid-line with a
# year, an SPDX tag, a second notice on one line, words that only fold to "copyright"
# or "licensed to" under Unicode rules, CRLF lines, and near-misses.
NOTICE_HEADERS = [
    "/*\n * Copyright 2002-2026 CS GROUP\n * Licensed to CS GROUP (CS) under one or more\n */",
    "# SPDX-FileCopyrightText: 2024 DINUM <contact@example.org>\nx = 1\n",
    "<!-- Copyright (c) 2019 Etalab -->\r\n<p>copyright page</p>\r\n",
    "The Bootstrap Authors- Copyright 2011-2022 Twitter, Inc.\n",
    "Copyrıght 2020 Dotless İnc\n  COPYRİGHT 2021 Other\nlıcensed to ſomeone under one or more\n",
    "var image_copyright = 'Copyright for test image'; // copyright = f'{year}'\n",
    "// CopyrightCopyright 2020 Baz\n.. copyright:: 2020 Sphinx\n;; Copyright © 2018 Émile\n",
    "Licensed to\tthe   ASF\n under \n one  or   more contributor agreements\n" * 3,
    "spdx-filecopyrighttext: 2020 lower\nSPDX-FileCopyrightText:2021 Upper\n" + "y" * 2900,
]


@pytest.mark.parametrize("text", NOTICE_HEADERS)
def test_notices_are_the_ones_a_search_at_every_character_finds(text: str) -> None:
    """The copied-code scan tries its two header patterns only where their word
    stands (a Java project's check spent a quarter of its time trying them at every
    character): it finds the same matches as a search from every character."""
    holder_starts = copied._notice_starts(text)
    steward_starts = copied._places(text, "licensed to", copied._LICENSED_WORDS)
    for pattern, starts in ((copied._HOLDER, holder_starts),
                            (copied._LICENSED_TO, steward_starts)):
        everywhere = [(match.span(), match.groups()) for match in pattern.finditer(text)]
        where_words_are = [(match.span(), match.groups())
                           for match in copied._matches_from(pattern, text, starts)]
        assert where_words_are == everywhere


# cea-hpc/milkcheck: its LICENSE is the CeCILL 2.0 text, every file's header (CEA's) says
# "governed by the CeCILL license", which names no version and reads as the latest.
CECILL_HEADER = ("#\n# Copyright CEA (2011-2012)\n#\n# This file is part of MilkCheck project.\n"
                 "#\n# This software is governed by the CeCILL license under French law and\n"
                 "# abiding by the rules of distribution of free software.\n#\n")


def test_a_header_naming_the_projects_cecill_without_its_version_is_the_projects(
        make_repo) -> None:
    """The project's own files, under "the CeCILL license" in a project whose text is
    CeCILL 2.0 (which lets a later version apply), were copied code "under CECILL-2.1",
    and their REUSE fix told to declare that licence, "not the project's"."""
    from licence_fixtures import french

    own = {f"lib/MilkCheck/Module{n}.py": CECILL_HEADER + f"X = {n}\n" for n in range(4)}
    report = check_json(make_repo({"LICENSE": french("CECILL-2.0.fr"), **own}),
                        "--rule", "deps-*")
    assert [f["path"] for f in findings_of(report)
            if f["rule"] in ("deps-copied-code", "deps-vendored-licence")] == []
    # a file of another holder under CeCILL-B, another licence, is still copied code
    other = CECILL_HEADER.replace("CEA (2011-2012)", "Inria (2009)").replace(
        "CeCILL license", "CeCILL-B license")
    report = check_json(make_repo({"LICENSE": french("CECILL-2.0.fr"), **own,
                                   "lib/ext/graph.py": other + "Y = 1\n"}), "--rule", "deps-*")
    assert [f["path"] for f in findings_of(report) if f["rule"] == "deps-copied-code"] == \
        ["lib/ext/graph.py"]


VITAM_HEADER = (
    "/*\n * Copyright French Prime minister Office/SGMAP/DINSIC/Vitam Program (2015-2022)\n"
    " *\n * This software is governed by the CeCILL 2.1 license under French law and abiding\n"
    " * by the rules of distribution of free software. You can use, modify and/ or\n"
    " * redistribute the software under the terms of the CeCILL 2.1 license.\n */\n")


def test_files_opening_with_one_header_are_matched_once(make_repo, monkeypatch) -> None:
    # Vitam's 1,060 Java files, copied into a MIT project: each head went through the
    # licence matcher (3 s of a 64,000-file check), though they open with 100 headers.
    matched: list[str] = []
    identify = copied.identify

    def counted(text: str) -> str | None:
        matched.append(text)
        return identify(text)

    monkeypatch.setattr(copied, "identify", counted)
    files = {"LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
             **{f"vitam/src/Class{n}.java": VITAM_HEADER + f"package fr.gouv.vitam;\n"
                f"public class Class{n} {{ int value = {n}; }}\n" for n in range(30)},
             # the notice after a line of code: this head is read whole, as before
             "vitam/deploy.sh": "#!/bin/bash\nset -e\n" + VITAM_HEADER.replace("/*", "#")
             .replace(" */", "#").replace(" *", "#") + "echo done\n"}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    copied_files = {f["path"]: f["message"] for f in findings_of(report)
                    if f["rule"] == "deps-copied-code"}
    assert len(copied_files) == 31
    assert all("under CECILL-2.1" in message for message in copied_files.values()), \
        copied_files
    # the Java files' one header, and the script's: its own (no licence) and its head
    assert len(matched) == 3, len(matched)


def test_a_header_reaches_the_first_line_of_code() -> None:
    text = ("#!/usr/bin/env python3\n# Copyright 2020 Jane Doe\n\n// two\n/* a block\n"
            "   over lines */\n/* one line */\n-- lua\nimport os  # code\n# after code\n")
    assert copied.header_of(text) == text[:text.index("import")]
    assert copied.header_of("/* Copyright 2020 Jane */ int x;\n") == ""
    assert copied.header_of("package x;\n/* Copyright 2020 Jane */\n") == ""
    # a head cut inside its header is all header
    cut = "/*\n * Copyright 2020 Jane\n * MIT"
    assert copied.header_of(cut) == cut


def test_a_dual_licence_header_over_long_code_keeps_both_licences(make_repo) -> None:
    # offlinequiz's jquery-1.7.2.js: "Dual licensed under the MIT or GPL Version 2
    # licenses" was read as MIT alone, the code after the header making the head a long
    # text, whose first licence name only counts.
    header = ("/*!\n * jQuery JavaScript Library v1.7.2\n * Copyright 2011, John Resig\n"
              " * Dual licensed under the MIT or GPL Version 2 licenses.\n"
              " * http://jquery.org/license\n */\n")
    code = "".join(f"var rule{n} = function (selector, context) {{ return context; }};\n"
                   for n in range(60))
    own = "// Copyright 2026 DINUM\n// SPDX-License-Identifier: MIT\n"
    files = {"LICENSE": MIT_TEXT.format(holder="2026 DINUM"),
             **{f"src/{name}.js": own + "export const a = 1;\n" for name in "abc"},
             "jquery/jquery-1.7.2.js": header + code}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    [copied_file] = [f["message"] for f in findings_of(report) if f["rule"] == "deps-copied-code"]
    assert "carries the copyright of John Resig, under MIT OR GPL-2.0-only." in copied_file


def test_the_word_by_before_a_holder_is_not_theirs() -> None:
    """cea-hpc/clustershell's fastsubprocess.py: `Copyright (c) 2003-2005 by Peter
    Astrand`, shown as "the copyright of by Peter Astrand"."""
    assert holders_in("# Copyright (c) 2003-2005 by Peter Astrand <astrand@lysator.liu.se>\n"
                      "# Copyright 2020 Bypass Inc\n# Copyright 2021 par Jean Dupont\n") == \
        ["peter astrand", "bypass inc", "jean dupont"]


def test_a_cpython_module_licensed_to_the_psf_states_its_licence(make_repo) -> None:
    # clustershell's fastsubprocess.py, a revision of CPython's subprocess.py: "Licensed
    # to PSF under a Contributor Agreement": the PSF's licence, not "no licence header";
    # the same notice without that line still has none.
    own = "# Copyright 2026 CEA\n# SPDX-License-Identifier: LGPL-2.1-or-later\n"
    head = ("# Copyright (c) 2003-2005 by {} <astrand@lysator.liu.se>\n#\n{}"
            "\n\"\"\"Subprocesses.\"\"\"\n")
    psf = ("# Licensed to PSF under a Contributor Agreement.\n"
           "# See http://www.python.org/2.4/license for licensing details.\n")
    files = {"COPYING": "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1, February 1999\n",
             **{f"lib/{name}.py": own + "x = 1\n" for name in "abc"},
             "lib/fastsubprocess.py": head.format("Peter Astrand", psf),
             "lib/other.py": head.format("John Doe", "")}
    report = check_json(make_repo(files), "--rule", "deps-*")
    copied = {f["path"]: f["message"] for f in findings_of(report)
              if f["rule"] == "deps-copied-code"}
    assert "PSF-2.0" in copied["lib/fastsubprocess.py"]
    unlicensed = [f["path"] for f in findings_of(report) if f["rule"] == "deps-vendored-licence"]
    assert unlicensed == ["lib/other.py"]


def test_files_under_another_licence_beside_the_projects_are_copied(make_repo) -> None:
    # InseeFrLab/formation-python-initiation: Font Awesome's CSS ("Icons: CC BY 4.0, Fonts:
    # SIL OFL 1.1, Code: MIT License", © Fonticons) twice in an MIT project whose own
    # files name no holder. Read as "CC-BY-4.0 AND MIT" since its header alone is read,
    # its holder was the project's for sharing MIT; two files of a holder under MIT alone
    # still are.
    banner = ("/*!\n * Font Awesome Free 6.4.2 by @fontawesome - https://fontawesome.com\n"
              " * License - https://fontawesome.com/license/free (Icons: CC BY 4.0, Fonts: "
              "SIL OFL 1.1, Code: MIT License)\n * Copyright 2023 Fonticons, Inc.\n */\n"
              ".fa { display: inline-block; }\n")
    own = "/*\n * Copyright 2024 Jane Doe\n * Licensed under the MIT License.\n */\nvar a;\n"
    files = {"LICENSE": MIT_TEXT.format(holder="2024 INSEE"),
             "_extensions/fontawesome/all.css": banner,
             "slides/_extensions/fontawesome/all.css": banner,
             "src/a.js": own, "src/b.js": own}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    copied = {f["path"]: f["message"] for f in findings_of(report)}
    assert sorted(copied) == ["_extensions/fontawesome/all.css",
                              "slides/_extensions/fontawesome/all.css"]
    assert "CC-BY-4.0 AND MIT" in copied["_extensions/fontawesome/all.css"]
    # a fork's files offering the project's licence among others (Tchap's, Element's
    # "AGPL-3.0-only OR GPL-3.0-only OR LicenseRef-…") are its own: no note for each
    tag = "SPDX-License-" + "Identifier: AGPL-3.0-only OR GPL-3.0-only\n"
    fork = {"LICENSE": "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n",
            **{f"src/{name}.js": f"// Copyright 2024 New Vector Ltd\n// {tag}var a;\n"
               for name in "abc"}}
    report = check_json(make_repo(fork), "--rule", "deps-copied-code")
    assert findings_of(report) == []


def test_a_choice_inside_a_conjunction_is_no_choice_of_the_projects_licence(make_repo) -> None:
    # review10: the choices were split on " OR " as text, so "(MIT OR GPL-2.0-only) AND
    # CC-BY-4.0" offered "(MIT" and an MIT project took these files for its own. Every way
    # to comply with it needs CC-BY-4.0 as well: they are another project's code.
    tag = "SPDX-License-" + "Identifier: (MIT OR GPL-2.0-only) AND CC-BY-4.0\n"
    files = {"LICENSE": MIT_TEXT.format(holder="2024 INSEE"),
             **{f"src/{name}.js": f"// Copyright 2023 Fonticons, Inc.\n// {tag}var a;\n"
                for name in "abc"}}
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    assert sorted(f["path"] for f in findings_of(report)) == [
        "src/a.js", "src/b.js", "src/c.js"]
    # the same files offering MIT alone as one of the ways are the project's
    tag = "SPDX-License-" + "Identifier: MIT OR (GPL-2.0-only AND CC-BY-4.0)\n"
    files.update({f"src/{name}.js": f"// Copyright 2023 Fonticons, Inc.\n// {tag}var a;\n"
                  for name in "abc"})
    report = check_json(make_repo(files), "--rule", "deps-copied-code")
    assert findings_of(report) == []
