# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The copyright holder proposed by the REUSE fixes comes from the project's own
declarations, never from third-party code, and is a visible placeholder when unknown."""

from __future__ import annotations

import shlex
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of
from licence_fixtures import bsd3
from opencheck.deps.copied import holders_in
from opencheck.licensing.holder import copyright_lines, from_emails
from test_reuse import reuse_findings

# REUSE-IgnoreStart
THIRD_PARTY = {
    "vendor/d3/d3.js": "// Copyright 2010-2020 Mike Bostock\nexport default {};\n",
    "static/lib/bootstrap.js": "/*!\n * Bootstrap v5.3.0\n * Copyright 2011-2023 Twitter, Inc.\n"
                               " */\nvar b = 1;\n",
    "src/chart.js": "/* Copyright (c) The Linux Foundation */\nexport const c = 1;\n",
    "src/app.js": "export const app = 1;\n",
}
MIT_OF_DINUM = ("MIT License\n\nCopyright (c) 2024 Direction interministérielle du numérique\n\n"
                "Permission is hereby granted, free of charge, to any person obtaining a copy\n")
GPL_HEAD = ("GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\n Copyright (C) 2007 Free "
            "Software Foundation, Inc. <https://fsf.org/>\n")
APACHE_APPENDIX = "   Copyright [yyyy] [name of copyright owner]\n"
# REUSE-IgnoreEnd


def _copyright_fix(report: dict[str, Any], path: str = "src/app.js") -> str:
    found = reuse_findings(report, "reuse-file-copyright")
    return str(next(f["fix"] for f in found if f["path"] == path))


def test_the_licence_files_holder_is_proposed_not_the_third_party_ones(
        make_repo: RepoFactory) -> None:
    root = make_repo({**THIRD_PARTY, "LICENSE": MIT_OF_DINUM}, git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert '--copyright "2026 Direction interministérielle du numérique"' in fix
    for foreign in ("Bostock", "Twitter", "Linux Foundation"):
        assert foreign not in fix


def test_the_projects_licence_is_proposed_when_no_file_has_a_header(
        make_repo: RepoFactory) -> None:
    # No SPDX header anywhere, no LICENSES/: the LICENSE file says MIT, as fix writes.
    root = make_repo({"LICENSE": MIT_OF_DINUM, "src/app.js": "export const app = 1;\n"})
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert "--license MIT " in fix and "<SPDX identifier>" not in fix
    # Several licences that all apply say nothing of one file: a visible placeholder.
    root = make_repo({"LICENSE": MIT_OF_DINUM, "COPYING": GPL_HEAD,
                      "src/app.js": "export const app = 1;\n"})
    assert "--license \"<SPDX identifier>\"" in _copyright_fix(
        check_json(root, "--rule", "family:reuse"))
    # A choice whose one way needs two licences is still one expression a file can
    # state (review10: " AND " was looked for in its text); an AND of choices is not.
    for licence, proposed in (("MIT OR (Apache-2.0 AND BSD-3-Clause)",
                               '"MIT OR (Apache-2.0 AND BSD-3-Clause)"'),
                              ("(MIT OR Apache-2.0) AND CC-BY-4.0", '"<SPDX identifier>"')):
        manifest = f'{{"name": "app", "version": "1.0.0", "license": "{licence}"}}\n'
        root = make_repo({"package.json": manifest, "src/app.js": "export const app = 1;\n"})
        assert f"--license {proposed}" in _copyright_fix(
            check_json(root, "--rule", "family:reuse"))


def test_publiccode_main_copyright_owner_comes_first(make_repo: RepoFactory) -> None:
    publiccode = ("publiccodeYmlVersion: '0.4'\nname: x\nlegal:\n  license: MIT\n"
                  "  mainCopyrightOwner: Ministère de l'Intérieur\n  repoOwner: DNUM\n")
    root = make_repo({**THIRD_PARTY, "LICENSE": MIT_OF_DINUM, "publiccode.yml": publiccode},
                     git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse", "--lang", "fr"))
    assert "--copyright \"2026 Ministère de l'Intérieur\"" in fix


def test_unknown_holder_is_a_visible_placeholder(make_repo: RepoFactory) -> None:
    # Only licence texts (the FSF's line, Apache's template slot) and third-party code
    # name anyone: nothing names the project's holder.
    root = make_repo({**THIRD_PARTY, "COPYING": GPL_HEAD, "LICENSE.txt": APACHE_APPENDIX},
                     git_init=False)
    assert '--copyright "2026 <copyright holder>"' in _copyright_fix(
        check_json(root, "--rule", "family:reuse"))
    french = check_json(root, "--rule", "family:reuse", "--lang", "fr")
    assert '--copyright "2026 <titulaire des droits>"' in _copyright_fix(french)


def test_the_organisation_behind_most_commits_is_named_by_its_domain(
        make_repo: RepoFactory) -> None:
    root = make_repo({**THIRD_PARTY})  # committed from numerique.gouv.fr (conftest)
    for index in range(3):
        commit(root, {f"src/m{index}.js": "export {};\n"}, env={
            "GIT_AUTHOR_EMAIL": f"dev{index}@gmail.com", "GIT_AUTHOR_NAME": f"Dev {index}"})
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    # webmail addresses are people, not an organisation: numerique.gouv.fr is the one
    assert "<copyright holder: the organisation behind numerique.gouv.fr>" in fix


def _webmail(address: str) -> bool:
    return address.endswith("@gmail.com")


def test_a_domain_only_one_person_commits_from_names_no_organisation() -> None:
    personal = _webmail
    # One developer's own domain behind most commits (and the same person's webmail).
    assert from_emails([("jane@janedoe.dev", 900), ("jane.doe@gmail.com", 50),
                        ("a@agency.example", 10)], personal) is None
    # Two people of one company: the company, to be named by the user.
    company = from_emails([("a@agency.example", 300), ("b@Agency.example", 200)], personal)
    assert company is not None and company.name == "agency.example"
    # One agent of an administration: the administration.
    for domain in ("interieur.gouv.fr", "digital.cabinet-office.gov.uk", "ec.europa.eu",
                   "digitalservice.bund.de", "bit.admin.ch"):
        public = from_emails([(f"agent@{domain}", 40)], personal)
        assert public is not None and public.name == domain, domain
    # Lookalikes of an administration's domain are not one.
    assert from_emails([("me@gouv.fr.example", 40)], personal) is None
    assert from_emails([("me@mygov.dev", 40)], personal) is None


def test_authors_with_one_holder(make_repo: RepoFactory) -> None:
    root = make_repo({**THIRD_PARTY, "AUTHORS": "# Authors\nEtalab <contact@etalab.gouv.fr>\n"},
                     git_init=False)
    assert '--copyright "2026 Etalab"' in _copyright_fix(check_json(root, "--rule",
                                                                    "family:reuse"))


def test_authors_names_people_so_the_fix_says_who_holds_an_agents_code(
        make_repo: RepoFactory) -> None:
    # iam-proxy-italia: AUTHORS names its developer; the proposal says where it comes
    # from and that the employer (the administration) holds what agents write.
    root = make_repo({"AUTHORS": "Camille Agent\n", "src/app.js": "export const a = 1;\n"},
                     git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert '--copyright "2026 Camille Agent"' in fix
    assert "Holder read in AUTHORS, which names people:" in fix and "L113-9" in fix
    french = _copyright_fix(check_json(root, "--rule", "family:reuse", "--lang", "fr"))
    assert "Titulaire lu dans AUTHORS, qui nomme des personnes :" in french
    # a licence file's holder is no list of people: only its origin is given
    root = make_repo({"LICENSE": MIT_OF_DINUM, "src/app.js": "export const a = 1;\n"},
                     git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert fix.startswith("Holder read in LICENSE. Run: reuse annotate --copyright")


# REUSE-IgnoreStart
EC_NOTICE = ("EU Digital Identity Wallet\nCopyright (c) 2023 European Commission\n\n"
             "Licensed under the Apache License, Version 2.0 (the \"License\");\n")
EUPL_HEAD = ("Copyright (c) 2016 European Commission\n\n"
             "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL (c) the European Union 2007, 2016\n")
# REUSE-IgnoreEnd


def test_a_licence_stewards_notice_is_skipped_only_atop_its_licence_text(
        make_repo: RepoFactory) -> None:
    # eudi-srv-web-issuing: the European Commission holds this Apache project's rights.
    root = make_repo({"NOTICE.txt": EC_NOTICE, "src/app.js": "export const a = 1;\n"},
                     git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert '--copyright "2026 European Commission"' in fix
    assert fix.startswith("Holder read in NOTICE.txt. ")
    # atop the EUPL's own text, the same name is the licence's steward: not proposed
    root = make_repo({"LICENSE": EUPL_HEAD, "src/app.js": "export const a = 1;\n"},
                     git_init=False)
    assert '--copyright "2026 <copyright holder>"' in _copyright_fix(
        check_json(root, "--rule", "family:reuse"))


def test_the_readmes_copyright_line_names_the_holder(make_repo: RepoFactory) -> None:
    # Test-Compta-Demat (DGFiP): the README's notice is the only one.
    readme = ("Test-Compta-Demat\n=================\n\nCopyright 2014 Direction Générale des "
              "Finances Publiques - France\n\nCe logiciel est régi par la licence CeCILL.\n")
    root = make_repo({**THIRD_PARTY, "README.md": readme}, git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert '--copyright "2026 Direction Générale des Finances Publiques - France"' in fix
    assert fix.startswith("Holder read in README.md. ")
    # the licence file's notice comes first; prose about copyright names nobody
    root = make_repo({**THIRD_PARTY, "README.md": readme, "LICENSE": MIT_OF_DINUM},
                     git_init=False)
    assert "Direction interministérielle du numérique" in _copyright_fix(
        check_json(root, "--rule", "family:reuse"))
    root = make_repo({**THIRD_PARTY, "README.md": "# X\n\nCopyright law applies to this.\n"},
                     git_init=False)
    assert '"2026 <copyright holder>"' in _copyright_fix(check_json(root, "--rule", "family:reuse"))


# REUSE-IgnoreStart
OWN_HEADER = ("// SPDX-FileCopyrightText: 2021-2025 DINUM <floss@numerique.gouv.fr>\n"
              "// SPDX-License-Identifier: MIT\nexport const x = 1;\n")
# REUSE-IgnoreEnd


def test_the_holder_the_projects_own_headers_name(make_repo: RepoFactory) -> None:
    # sill: 218 files headed "SPDX-FileCopyrightText: 2021-2025 DINUM <floss@...>", yet
    # "<the organisation behind data.gouv.fr>" was proposed for the others.
    files = {**THIRD_PARTY, **{f"src/own{n}.js": OWN_HEADER for n in range(3)},
             # a copied library's plain notice and a vendored SPDX tag are not the project's
             "src/lib/es6-promise.js": "/* Copyright (c) 2014 Yehuda Katz, Tom Dale */\n",
             "vendor/x/x.js": OWN_HEADER.replace("DINUM", "Vendor Inc"),
             "vendor/y/y.js": OWN_HEADER.replace("DINUM", "Vendor Inc"),
             "vendor/z/z.js": OWN_HEADER.replace("DINUM", "Vendor Inc"),
             "vendor/w/w.js": OWN_HEADER.replace("DINUM", "Vendor Inc")}
    fix = _copyright_fix(check_json(make_repo(files), "--rule", "family:reuse"))
    assert '--copyright "2026 DINUM"' in fix
    assert fix.startswith("Holder the project's SPDX headers already name. Run: ")
    # the project's licence file, when it names a holder, still comes first
    files["LICENSE"] = MIT_OF_DINUM.replace("Direction interministérielle du numérique", "Etalab")
    assert '--copyright "2026 Etalab"' in _copyright_fix(
        check_json(make_repo(files), "--rule", "family:reuse"))


# REUSE-IgnoreStart
FORK_README = ("# Tchap\n\n## Copyright & License\n\nCopyright (c) 2014-2017 OpenMarket Ltd.\n"
               "Copyright (c) 2017-2025 New Vector Ltd.\n"
               "Copyright (c) 2024-2025, Direction interministérielle du numérique\n")
# REUSE-IgnoreEnd


def test_a_file_naming_several_holders_says_so(make_repo: RepoFactory) -> None:
    # tchap-ios, a fork: its README names the upstream's holders, then DINUM
    root = make_repo({"README.md": FORK_README, "src/app.js": "export const a = 1;\n"},
                     git_init=False)
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert fix.startswith("Holder read in README.md, which also names New Vector Ltd, "
                          "Direction interministérielle du numérique: the first is proposed")
    assert '--copyright "2026 OpenMarket Ltd"' in fix


def test_open_ended_years_and_a_dash_are_no_part_of_the_holder() -> None:
    # code-du-travail-numerique ("2019-present"), developers-italia-api, transdep ("- ANSSI")
    text = ("Copyright (c) 2019-present DSI des Ministères Sociaux\n"
            "Copyright 2015-2017 - ANSSI\nCopyright 2020 – now Presidenza del Consiglio\n"
            "Copyright 2021 Presentations Inc\n")
    assert copyright_lines(text) == ["DSI des Ministères Sociaux", "ANSSI",
                                     "Presidenza del Consiglio", "Presentations Inc"]


def test_copyright_lines_skip_prose_and_template_slots() -> None:
    text = ("This file is under copyright law.\n"
            "Copyright (C) <year>  <name of author>\n"
            "SPDX-FileCopyrightText: 2021-2024 Etalab <contact@etalab.gouv.fr>\n"
            " * Copyright 2019, 2020 Agence nationale de la cohésion des territoires. "
            "All rights reserved.\n")
    assert copyright_lines(text) == ["Etalab",
                                     "Agence nationale de la cohésion des territoires"]


# -- third-party code is the third party's, not the project's REUSE errors ------------

# REUSE-IgnoreStart
DSFR_BANNER = ("/*!\n * DSFR v1.12.1 | SPDX-License-Identifier: MIT | License-Filename: "
               "LICENSE.md | restricted use (see terms and conditions)\n */\n")
# REUSE-IgnoreEnd


def test_third_party_files_are_listed_once_not_as_reuse_errors(make_repo: RepoFactory) -> None:
    root = make_repo({
        "LICENSE": MIT_OF_DINUM,
        "app/assets/stylesheets/dsfr.css": DSFR_BANNER + "a { color: inherit; }\n",
        "app/components/Breadcrumbs.vue": "<template><nav/></template>\n<style>\n"
                                          + DSFR_BANNER + ".fr-x { margin: 0; }\n</style>\n",
        "public/bibliotheques/jquery-3.7.1.min.js": "/*! jQuery v3.7.1 | (c) OpenJS */\n",
        "vendor/acme/lib.rb": "module Acme; end\n",
        "src/app.js": "export const app = 1;\n",
    }, git_init=False)
    report = check_json(root, "--rule", "family:reuse", "--rule", "deps-third-party-code")
    # The banners' expressions are not the project's errors: one note names the files.
    [note] = reuse_findings(report, "reuse-spdx-expression")
    assert note["kind"] == "third-party" and note["severity"] == "info"
    assert note["paths"] == ["app/assets/stylesheets/dsfr.css", "app/components/Breadcrumbs.vue"]
    flagged = {f["path"] for f in reuse_findings(report, "reuse-file-licensing")
               if f.get("kind") != "third-party"}
    assert flagged == {"src/app.js", "app/components/Breadcrumbs.vue"}
    listed = {f["component"]: f for f in findings_of(report)
              if f["rule"] == "deps-third-party-code"}
    assert set(listed) == {"DSFR", "public/bibliotheques/jquery-3.7.1.min.js", "vendor/acme"}
    assert listed["DSFR"]["licence"] == "MIT" and listed["DSFR"]["version"] == "1.12.1"
    # the style sheet and the component that pastes the same styles: one listing
    assert listed["DSFR"]["paths"] == ["app/assets/stylesheets/dsfr.css",
                                       "app/components/Breadcrumbs.vue"]
    assert "DSFR 1.12.1 (library recognised by its banner, under MIT)" in \
        listed["DSFR"]["message"]


def test_the_projects_own_banner_is_its_own(make_repo: RepoFactory) -> None:
    # The design system's own repository: its banner names the project itself.
    root = make_repo({
        "package.json": '{"name": "@gouvfr/dsfr", "version": "1.12.1"}\n',
        "dist/dsfr.css": DSFR_BANNER + "a { color: inherit; }\n",
        "tool/banner.js": "export const banner = `" + DSFR_BANNER + "`;\n",
    }, git_init=False)
    report = check_json(root, "--rule", "family:reuse")
    assert {f["path"] for f in reuse_findings(report, "reuse-spdx-expression")
            if f.get("kind") != "third-party"} == {"tool/banner.js"}


# REUSE-IgnoreStart
OWN_HEADER = ("// SPDX-FileCopyrightText: 2026 DINUM\n"
              "// SPDX-License-Identifier: MIT\n")
OWN_REUSE_TOML = ('version = 1\n\n[[annotations]]\npath = ["LICENSE", "REUSE.toml"]\n'
                  'SPDX-FileCopyrightText = "2026 DINUM"\nSPDX-License-Identifier = "MIT"\n')
# REUSE-IgnoreEnd


def test_not_compliant_because_of_third_party_files_says_why(make_repo: RepoFactory) -> None:
    """The project's own files are all REUSE-compliant; reuse lint still fails on the
    third-party files: the report names them as third-party, never as the project's
    errors, and never leaves `compliant: false` unexplained."""
    root = make_repo({
        "LICENSE": MIT_OF_DINUM,
        "LICENSES/MIT.txt": MIT_OF_DINUM,
        "REUSE.toml": OWN_REUSE_TOML,
        "src/app.js": OWN_HEADER + "export const app = 1;\n",
        "app/assets/stylesheets/dsfr.css": DSFR_BANNER + "a { color: inherit; }\n",
        "vendor/acme/lib.rb": "module Acme; end\n",
    })
    report = check_json(root, "--rule", "family:reuse")
    assert report["scores"]["reuse"]["compliant"] is False
    found = {f["rule"]: f for f in findings_of(report)}
    assert set(found) == {"reuse-file-copyright", "reuse-file-licensing",
                          "reuse-spdx-expression"}
    for finding in found.values():
        assert finding["severity"] == "info" and finding["path"] is None
        assert "third-party" in finding["message"]
    assert found["reuse-file-copyright"]["message"].startswith(
        "2 third-party files have no copyright notice: reuse lint counts them, so the "
        "repository is not REUSE compliant")
    assert "app/assets/stylesheets/dsfr.css" in found["reuse-file-copyright"]["message"]
    assert found["reuse-file-copyright"]["paths"] == [
        "app/assets/stylesheets/dsfr.css", "vendor/acme/lib.rb"]
    assert found["reuse-spdx-expression"]["message"].startswith(
        "1 file holds an invalid SPDX expression in a third-party banner")
    assert report["ready"] is True
    # Declared in REUSE.toml, they are compliant: no finding, compliant.
    declared = OWN_REUSE_TOML + (
        '\n[[annotations]]\npath = ["app/assets/stylesheets/dsfr.css", "vendor/acme/**"]\n'
        'precedence = "override"\n'
        'SPDX-FileCopyrightText = "2024 the DSFR and Acme authors"\n'
        'SPDX-License-Identifier = "MIT"\n')
    commit(root, {"REUSE.toml": declared})
    report = check_json(root, "--rule", "family:reuse")
    assert findings_of(report) == [] and report["scores"]["reuse"]["compliant"] is True


def test_a_licence_file_whose_name_has_the_wrong_case_is_named_right(
        make_repo: RepoFactory) -> None:
    root = make_repo({"LICENSE": MIT_OF_DINUM, "LICENSES/Etalab-2.0.md": "Licence Ouverte\n",
                      "LICENSES/MIT.txt": MIT_OF_DINUM,
                      "src/app.js": OWN_HEADER + "export const app = 1;\n"})
    report = check_json(root, "--rule", "reuse-licence-bad", "--lang", "fr")
    [finding] = reuse_findings(report, "reuse-licence-bad")
    assert finding["message"].endswith("L'identifiant SPDX s'écrit etalab-2.0 (la casse compte).")
    assert finding["fix"].startswith("Renommez le fichier LICENSES/etalab-2.0.md (git mv)")
    # A name that is no SPDX id in any case keeps the general advice.
    commit(root, {"LICENSES/Maison.txt": "Licence maison\n"})
    report = check_json(root, "--rule", "reuse-licence-bad")
    fixes = {f["path"]: f["fix"] for f in reuse_findings(report, "reuse-licence-bad")}
    assert fixes["LICENSES/Maison.txt"].startswith("Rename the file after its SPDX identifier")


# REUSE-IgnoreStart
GRADLEW = ("#!/bin/sh\n#\n# Copyright © 2015 the original authors.\n#\n"
           "# SPDX-License-Identifier: Apache-2.0\n#\nexec java -jar \"$0\"\n")
# REUSE-IgnoreEnd


def test_a_build_tools_wrapper_is_not_the_projects_licence(make_repo: RepoFactory) -> None:
    """Gradle writes gradlew with its own SPDX tag: in a GPL project without REUSE, that
    tag neither blocks publication nor becomes the licence proposed for the files."""
    root = make_repo({
        "LICENSE": GPL_HEAD,
        "backend/gradlew": GRADLEW,
        "backend/gradlew.bat": "@rem SPDX-License-Identifier: Apache-2.0\r\n",
        "backend/gradle/wrapper/gradle-wrapper.properties": "distributionUrl=x\n",
        "backend/src/App.java": "class App {}\n",
    })
    report = check_json(root, "--rule", "family:reuse", "--rule", "deps-third-party-code")
    [missing] = reuse_findings(report, "reuse-licence-missing")
    assert missing["severity"] == "info" and missing["kind"] == "third-party"
    assert missing["paths"] == ["backend/gradlew", "backend/gradlew.bat"]
    assert "third-party files cite a licence" in missing["message"]
    fix = _copyright_fix(report, "backend/src/App.java")
    assert "--license GPL-3.0" in fix and "Apache-2.0" not in fix
    [wrapper] = [f for f in findings_of(report) if f["rule"] == "deps-third-party-code"]
    assert wrapper["component"] == "backend/gradlew" and wrapper["files"] == 3
    assert "build tool wrapper (Gradle, Maven, Paket)" in wrapper["message"]
    # Paket's bootstrapper, which .NET projects commit: the tool's, not an artefact
    commit(root, {".paket/paket.bootstrapper.exe": b"MZ" + b"\0" * 64})
    report = check_json(root, "--rule", "deps-third-party-code", "--rule", "artefact-*")
    paket = [f for f in findings_of(report) if f["rule"] == "deps-third-party-code"
             and f["component"] == ".paket/paket.bootstrapper.exe"]
    assert len(paket) == 1 and "(Gradle, Maven, Paket)" in paket[0]["message"]
    assert not [f for f in findings_of(report) if f["rule"].startswith("artefact-")]
    # the project's own file citing the same licence still blocks
    commit(root, {"backend/src/App.java": "// SPDX-License-Identifier: Apache-2.0\n"
                                          "class App {}\n"})
    report = check_json(root, "--rule", "family:reuse")
    [missing] = reuse_findings(report, "reuse-licence-missing")
    assert missing["severity"] == "error" and missing["files"] == ["backend/src/App.java"]


def test_a_licence_file_named_license_dot_id_is_renamed_not_called_another_text(
        make_repo: RepoFactory) -> None:
    """LICENSES/LICENSE.MIT.md holds MIT: REUSE rejects the name, the fix gives the right
    one, and the licence rules do not call it "the text of MIT, not that of LICENSE.MIT"."""
    from licence_fixtures import mit

    root = make_repo({"LICENSE.md": mit(), "LICENSES/LICENSE.MIT.md": mit(),
                      "LICENSES/LICENSE.Etalab-2.0.md": "Licence Ouverte 2.0\n",
                      "src/app.js": OWN_HEADER + "export const app = 1;\n"})
    report = check_json(root, "--rule", "reuse-licence-bad", "--rule", "licence-identified")
    fixes = {f["path"]: f for f in reuse_findings(report, "reuse-licence-bad")}
    assert fixes["LICENSES/LICENSE.MIT.md"]["fix"].startswith(
        "Rename the file LICENSES/MIT.md (git mv)")
    assert fixes["LICENSES/LICENSE.MIT.md"]["message"].endswith(
        "Its name holds the SPDX identifier MIT, which REUSE wants alone.")
    assert fixes["LICENSES/LICENSE.Etalab-2.0.md"]["fix"].startswith(
        "Rename the file LICENSES/etalab-2.0.md (git mv)")
    assert [f for f in findings_of(report) if f["rule"] == "licence-identified"] == []


def test_a_missing_licence_whose_text_is_in_license_says_where_it_is(
        make_repo: RepoFactory) -> None:
    from licence_fixtures import mit

    root = make_repo({"LICENSE": mit(), "src/app.js": OWN_HEADER + "export const a = 1;\n"})
    [missing] = reuse_findings(check_json(root, "--rule", "reuse-licence-missing"),
                               "reuse-licence-missing")
    assert missing["severity"] == "error"
    assert missing["message"].endswith(
        "LICENSE holds its text, but REUSE looks for it in LICENSES/ only.")
    assert missing["fix"] == "Run: reuse download MIT (or copy LICENSE to LICENSES/MIT.txt)"
    # another licence's text at the root says nothing of this one
    commit(root, {"LICENSE": GPL_HEAD})
    [missing] = reuse_findings(check_json(root, "--rule", "reuse-licence-missing"),
                               "reuse-licence-missing")
    assert missing["message"].endswith("(for instance src/app.js).")
    assert missing["fix"] == "Run: reuse download MIT"


def test_a_copyright_notice_beside_the_licence_text_is_not_called_the_text(
        make_repo: RepoFactory) -> None:
    # A Dutch ministry's layout: COPYRIGHT.txt is a notice with an SPDX tag, the text is in
    # LICENSE.txt; COPYRIGHT.txt sorts first.
    from licence_fixtures import mit

    notice = ("Copyright (c) 2021 De Staat der Nederlanden\n\nLicensed under the MIT licence\n\n"
              "SPDX-License-Identifier: MIT\n")
    root = make_repo({"COPYRIGHT.txt": notice, "LICENSE.txt": mit(), "README.md": "# X\n",
                      "src/app.js": OWN_HEADER + "export const a = 1;\n"})
    report = check_json(root, "--rule", "reuse-licence-missing", "--rule", "readme-licence")
    [missing] = reuse_findings(report, "reuse-licence-missing")
    assert missing["message"].endswith(
        "LICENSE.txt holds its text, but REUSE looks for it in LICENSES/ only.")
    assert missing["fix"] == "Run: reuse download MIT (or copy LICENSE.txt to LICENSES/MIT.txt)"
    fixes = {f["fix"] for f in findings_of(report) if f["rule"] == "readme-licence"}
    assert fixes == {'Add a "Licence" section: "This software is distributed under the MIT '
                     'licence, see [LICENSE.txt](LICENSE.txt)."'}
    # the notice alone holds no text: nothing to copy
    (root / "LICENSE.txt").unlink()
    commit(root, {})
    [missing] = reuse_findings(check_json(root, "--rule", "reuse-licence-missing"),
                               "reuse-licence-missing")
    assert missing["fix"] == "Run: reuse download MIT"



def test_a_licence_is_shown_at_the_file_holding_its_text_not_a_notice(
        make_repo: RepoFactory) -> None:
    from pathlib import Path

    import opencheck.licensing

    eupl = (Path(opencheck.licensing.__file__).parent / "texts" / "EUPL-1.2.txt").read_text(
        encoding="utf-8")
    notice = ("Copyright (c) 2021 De Staat der Nederlanden\n\nLicensed under the EUROPEAN "
              "UNION PUBLIC LICENCE v. 1.2\n\nSPDX-License-Identifier: EUPL-1.2\n")
    root = make_repo({"COPYRIGHT.txt": notice, "LICENSE.txt": eupl, "README.md": "# X\n"})
    [reciprocal] = [f for f in findings_of(check_json(root, "--rule", "licence-reciprocal"))
                    if f["rule"] == "licence-reciprocal"]
    assert reciprocal["path"] == "LICENSE.txt"


# REUSE-IgnoreStart
CREDIT = ("## Project\ndd-trace\n\n### License\nThis work is dual-licensed under Apache 2.0 "
          "or BSD3.\n\n`SPDX-License-Identifier: Apache-2.0 OR BSD-3-Clause`\n\n")
# REUSE-IgnoreEnd


def test_a_licence_only_a_credits_file_quotes_is_a_warning_with_its_fix(
        make_repo: RepoFactory) -> None:
    # FormSG's CREDITS.md quotes dd-trace's tag 2,000 lines down: the repository was
    # NOT READY for want of Apache-2.0 and BSD-3-Clause in LICENSES/.
    credits = "# Credits\n\nThis application uses open source components.\n\n" \
        + "## Project\nleft-pad\n\n### License\nMIT\n\n" * 60 + CREDIT
    root = make_repo({"LICENSE": MIT_OF_DINUM, "CREDITS.md": credits,
                      "src/app.js": "export const a = 1;\n"})
    report = check_json(root, "--rule", "family:reuse")
    missing = reuse_findings(report, "reuse-licence-missing")
    assert {f["licence"] for f in missing} == {"Apache-2.0", "BSD-3-Clause"}
    assert {f["severity"] for f in missing} == {"warning"}
    assert report["verdict"] == "ready"
    assert "only by CREDITS.md, which quotes third-party components' notices" in \
        missing[0]["message"]
    assert missing[0]["fix"].startswith("Surround the quoted notices with 'REUSE-" "IgnoreStart'")
    assert "the project, run: reuse download " in missing[0]["fix"]
    # the same tag in its header, or in another file, is the file's own: it blocks
    for files in ({"CREDITS.md": CREDIT + credits}, {"src/b.js": "// " + CREDIT}):
        root = make_repo({"LICENSE": MIT_OF_DINUM, "src/app.js": "export const a = 1;\n",
                          **files})
        report = check_json(root, "--rule", "family:reuse")
        assert {f["severity"] for f in reuse_findings(report, "reuse-licence-missing")} == \
            {"error"}, files


def test_a_products_name_before_its_notice_names_the_holder() -> None:
    """CNES/Pandora's NOTICE opens with `PANDORA Copyright (c) 2020 … (CNES).` and then
    lists the notices of its dependencies: the first line names the project's holder
    (the fix proposed the Python Software Foundation). A sentence is still no notice."""
    # REUSE-IgnoreStart
    text = ("PANDORA Copyright (c) 2020 Centre National d'Etudes Spatiales (CNES).\n\n"
            "Python: programming language.\n"
            "Copyright (c) 2001-2020 Python Software Foundation. All Rights reserved.\n"
            "This software is Copyright 2020 Someone Else\n"
            "The Copyright 2021 Another One\n")
    # REUSE-IgnoreEnd
    assert copyright_lines(text) == ["Centre National d'Etudes Spatiales (CNES)",
                                     "Python Software Foundation"]
    # the Orfeo ToolBox's NOTICE: the product's words and acronym, then ITK's notice
    # (the fix proposed the Insight Software Consortium for every file of OTB)
    # REUSE-IgnoreStart
    otb = ("Orfeo Toolbox (OTB) Copyright 2005-2019 Centre National d'Etudes Spatiales (CNES)\n"
           "\nThis software includes code from the Insight Segmentation and Registration\n"
           "Toolkit (ITK) project.\n  Copyright 1999-2017, Insight Software Consortium\n"
           "The Product Copyright 2021 Not A Notice\n")
    # REUSE-IgnoreEnd
    assert copyright_lines(otb) == ["Centre National d'Etudes Spatiales (CNES)",
                                    "Insight Software Consortium"]


def test_a_header_licence_the_project_neither_ships_nor_declares_is_not_proposed(
        make_repo: RepoFactory) -> None:
    """InseeFrLab/pynsee tags its pyproject.toml CC0-1.0 (REUSE's habit for configuration)
    and is MIT by its LICENSE, without LICENSES/: the fix for its code proposed CC0-1.0.
    The project's declared licence comes before a header's; a licence whose text is in
    LICENSES/ still comes first."""
    # REUSE-IgnoreStart
    tagged = "# SPDX-License-Identifier: CC0-1.0\n[project]\nname = 'x'\n"
    # REUSE-IgnoreEnd
    root = make_repo({"LICENSE": MIT_OF_DINUM, "pyproject.toml": tagged,
                      "src/app.js": "export const app = 1;\n"})
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    assert "--license MIT " in fix and "CC0-1.0" not in fix
    root = make_repo({"LICENSE": MIT_OF_DINUM, "pyproject.toml": tagged,
                      "LICENSES/CC0-1.0.txt": "Creative Commons Legal Code\n\nCC0 1.0\n",
                      "src/app.js": "export const app = 1;\n"})
    assert "--license CC0-1.0 " in _copyright_fix(check_json(root, "--rule", "family:reuse"))


def test_a_copied_files_licence_is_not_proposed_for_the_projects_files(
        make_repo: RepoFactory) -> None:
    """CNES/opensand has no licence at its root; its only SPDX header is Catch's, a test
    framework copied in (© Two Blue Cubes, BSL-1.0): the fix proposed BSL-1.0 for every
    file of the project. It is a visible placeholder, as when nothing is known."""
    # REUSE-IgnoreStart
    catch = ("/*\n *  Copyright 2017 Two Blue Cubes Ltd. All rights reserved.\n *\n"
             " *  Distributed under the Boost Software License, Version 1.0.\n */\n"
             + "int catch_part;\n" * 400  # a single-header library: its tag far down
             + "// SPDX-License-Identifier: BSL-1.0\nint catch_main;\n")
    # REUSE-IgnoreEnd
    root = make_repo({"README.md": "# Outil\n", "conf/src/tests/catch.hpp": catch,
                      "src/app.c": "int app;\n"})
    fix = _copyright_fix(check_json(root), "src/app.c")
    assert "BSL-1.0" not in fix and "--license \"<SPDX identifier>\"" in fix


def test_the_gpls_definition_of_copyright_names_no_holder() -> None:
    # InseeFr/R-Insee-Data's LICENCE.md, the GPL in Markdown: `*Copyright* also means
    # copyright-like laws…` was proposed as the holder of every file
    # REUSE-IgnoreStart
    assert copyright_lines("*Copyright* also means copyright-like laws that apply\n") == []
    assert copyright_lines('  "Copyright" also means copyright-like laws\n') == []
    assert copyright_lines("**Copyright** (c) 2024 INSEE\n") == ["INSEE"]
    assert copyright_lines("Copyright 2024 INSEE\n") == ["INSEE"]
    # REUSE-IgnoreEnd


def test_a_compound_licence_is_one_argument_of_the_command(make_repo: RepoFactory) -> None:
    # ANSSI's libecc: "a dual BSD/GPLv2 license"; `--license BSD-2-Clause OR GPL-2.0-…`
    # unquoted gave reuse annotate the words OR and GPL-2.0-… as files to annotate
    licence = ("The files in this project are provided under a dual BSD/GPLv2 license.\n\n"
               "This program is free software; you can redistribute it and/or modify it "
               "under the terms of the GNU General Public License as published by the Free "
               "Software Foundation; either version 2 of the License, or (at your option) "
               "any later version.\n\nBSD License\n\n" + bsd3())
    root = make_repo({"LICENSE": licence, "src/app.js": "export const app = 1;\n"})
    fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
    words = shlex.split(fix.split("Run: ", 1)[1])
    given = words[words.index("--license") + 1]
    assert " OR " in given and words[-1] == "src/app.js", fix


# DigiDoc4-Client: COPYING gathers the licences of components, one section each headed
# by the component's path or name, between rules of underscores; LICENSE states the
# project's. The components' holders and licences are not the project's.
RULE = "_" * 79 + "\n"
# REUSE-IgnoreStart
G10_NOTICE = ("   Copyright 2006 g10 Code GmbH\n\n   This file is free software; as a special "
              "exception the author gives\n   unlimited permission to copy and/or distribute "
              "it, with or without\n   modifications, as long as this notice is preserved.\n")
# REUSE-IgnoreEnd


def _components_copying() -> str:
    from opencheck.licensing.official import official_text

    gpl = official_text("GPL-3.0-or-later", "en").text  # type: ignore[union-attr]
    apache = official_text("Apache-2.0", "en").text  # type: ignore[union-attr]
    return (f"qtsingleapplication\n\n{gpl}\n{RULE}client/pkcs11.h\n\n{G10_NOTICE}\n"
            f"{RULE}client/fonts\n\n{apache}")


def test_a_file_of_components_notices_gives_neither_holder_nor_licence(
        make_repo: RepoFactory) -> None:
    root = make_repo({"COPYING": _components_copying(), "LICENSE": MIT_OF_DINUM,
                      "client/pkcs11.h": "#define CK_PTR *\n",
                      "client/fonts/Roboto.txt": "font\n", "src/app.js": "export const a = 1;\n"})
    report = check_json(root, "--no-history", "--rule", "family:reuse", "--rule", "family:licence")
    fix = _copyright_fix(report)
    assert '--copyright "2026 Direction interministérielle du numérique"' in fix
    assert "g10" not in fix and "--license MIT " in fix
    assert not [f for f in findings_of(report) if f["rule"] == "licence-declarations-agree"]
    assert report["ready"] is True


def test_a_dual_licence_or_a_lone_file_of_components_is_still_read(
        make_repo: RepoFactory) -> None:
    from opencheck.licensing.official import official_text

    apache = official_text("Apache-2.0", "en").text  # type: ignore[union-attr]
    dual = f"MIT\n\n{MIT_OF_DINUM}\n{RULE}Apache-2.0\n\n{apache}"
    root = make_repo({"COPYING": dual, "LICENSE": MIT_OF_DINUM, "src/app.js": "a = 1\n"})
    report = check_json(root, "--no-history", "--rule", "family:licence")
    assert any("Apache-2.0" in str(f.get("message")) for f in findings_of(report)
               if f["rule"] == "licence-declarations-agree")
    # the only root licence file: what it says is all there is to read (its holders
    # are still the components')
    root = make_repo({"COPYING": _components_copying(), "client/pkcs11.h": "x\n",
                      "client/fonts/Roboto.txt": "font\n", "src/app.js": "a = 1\n"})
    report = check_json(root, "--no-history", "--rule", "family:licence")
    assert not [f for f in findings_of(report) if f["rule"] == "licence-file-present"]
    assert "g10" not in _copyright_fix(check_json(root, "--no-history", "--rule",
                                                  "family:reuse"))


def test_a_copied_schema_keeps_its_own_licence(make_repo: RepoFactory) -> None:
    # etalab/transpo-rt (AGPL) carries GTFS Realtime's protocol file under Apache-2.0: the
    # fix told to declare the project's licence on it, .proto files being unread.
    # REUSE-IgnoreStart
    proto = ("// Copyright 2015 The GTFS Specifications Authors.\n//\n// Licensed under the "
             "Apache License, Version 2.0 (the \"License\");\n// you may not use this file "
             "except in compliance with the License.\n\nsyntax = \"proto2\";\n")
    # REUSE-IgnoreEnd
    from opencheck.licensing.official import official_text

    agpl = official_text("AGPL-3.0-or-later", "en").text  # type: ignore[union-attr]
    root = make_repo({"LICENSE": agpl, "proto/gtfs-realtime.proto": proto,
                      "src/main.rs": "fn main() {}\n"})
    report = check_json(root, "--no-history")  # the dependencies family reads the heads
    fix = next(str(f["fix"]) for f in reuse_findings(report, "reuse-file-licensing")
               if f["path"] == "proto/gtfs-realtime.proto")
    assert "--license Apache-2.0 " in fix and "AGPL" not in fix
    own = next(str(f["fix"]) for f in reuse_findings(report, "reuse-file-licensing")
               if f["path"] == "src/main.rs")
    assert "AGPL-3.0" in own


def test_a_holder_wrapped_to_the_next_line_or_stated_in_a_sentence_is_whole() -> None:
    """INRIA/zelus's LICENSE: `The Zélus compiler is Copyright by Institut National de`,
    the name going on to the next line: the fix proposed the domain of its developers'
    e-mails (ens.fr) instead of Inria. IGNF/CartAGen's copied GeOxygene headers named
    their holder "Institut" (`Copyright (C) 2005 Institut` then ` * Géographique
    National This library…`)."""
    # REUSE-IgnoreStart
    zelus = ("The Zélus compiler is Copyright by Institut National de\n"
             "Recherche en Informatique et en Automatique (Inria).\n\n"
             "The Zélus compiler is distributed under the terms of the\n")
    assert copyright_lines(zelus) == [
        "Institut National de Recherche en Informatique et en Automatique (Inria)"]
    geoxygene = (" * National (the French National Mapping Agency). See:\n"
                 " * http://oxygene-project.sourceforge.net Copyright (C) 2005 Institut\n"
                 " * Géographique National This library is free software; you can\n")
    assert holders_in(geoxygene) == ["institut géographique national"]
    assert copyright_lines("Copyright 2020 Centre\n * National d'Etudes Spatiales (CNES). "
                           "All rights\n") == ["Centre National d'Etudes Spatiales (CNES)"]
    # a name that ends its line, or a line that goes on with a sentence, stays as written
    assert copyright_lines("Copyright 2020 Inria\nRecherche et Formation\n") == ["Inria"]
    assert copyright_lines("Copyright 2020 Institut\nis a placeholder\n") == ["Institut"]
    assert holders_in("// Copyright 2020 Jane Doe and\n// the contributors\n") == ["jane doe"]
    # a sentence names a holder only after "by" or "of"
    assert copyright_lines("This software is Copyright 2020 Someone Else\n") == []
    # REUSE-IgnoreEnd


# REUSE-IgnoreStart
def test_a_notices_years_in_brackets_and_web_address_are_no_part_of_the_holder(
        make_repo: RepoFactory) -> None:
    """numerique-gouv/francetransfert's LICENSE: `Copyright Ministère de la Culture
    (2022)`; EsupPortail/esup-ecandidat's: `Copyright (C) 2016 Université de Lorraine
    http://www.univ-lorraine.fr`. The holder proposed is the name alone; an acronym in
    brackets stays."""
    for notice, holder in (
            ("Copyright Ministère de la Culture (2022)", "Ministère de la Culture"),
            ("Copyright (C) 2016 Université de Lorraine http://www.univ-lorraine.fr",
             "Université de Lorraine"),
            ("Copyright (c) 2020 Centre National d'Etudes Spatiales (CNES)",
             "Centre National d'Etudes Spatiales (CNES)")):
        licence = MIT_OF_DINUM.replace(
            "Copyright (c) 2024 Direction interministérielle du numérique", notice)
        root = make_repo({**THIRD_PARTY, "LICENSE": licence}, git_init=False)
        fix = _copyright_fix(check_json(root, "--rule", "family:reuse"))
        assert f'--copyright "2026 {holder}"' in fix, fix
# REUSE-IgnoreEnd


@pytest.mark.parametrize("licence_file", ["LICENSE.txt", "BSDLicense.txt", "BSD-LICENSE"])
def test_a_file_of_another_projects_copy_is_declared_with_the_copys_licence_and_holder(
        make_repo: RepoFactory, licence_file: str) -> None:
    """CNES/MAJA keeps the Amble fonts in a folder with their own licence file and
    README: the REUSE fix proposed the project's holder and licence for them. A file of
    such a copy now gets the folder's REUSE.toml annotation, under the copy's licence
    and the holder its licence file names."""
    root = make_repo({
        "LICENSE": MIT_OF_DINUM, "src/app.js": "export const app = 1;\n",
        f"plugins/fonts/amble/{licence_file}": bsd3("2012", "Punchcut"),
        "plugins/fonts/amble/README.txt": "Amble, from fontsquirrel.\n",
        "plugins/fonts/amble/amble.css": "@font-face { font-family: Amble; }\n",
    }, git_init=False)
    report = check_json(root, "--rule", "family:reuse", "--lang", "en")
    fix = _copyright_fix(report, "plugins/fonts/amble/amble.css")
    assert f"plugins/fonts/amble/ has its own licence file ({licence_file}, BSD-3-Clause)" in fix
    assert '"plugins/fonts/amble/**"' in fix and '"BSD-3-Clause"' in fix
    assert "Punchcut" in fix
    assert "Direction interministérielle" not in fix and '"MIT"' not in fix
    # the project's own files keep the project's holder
    assert "Direction interministérielle du numérique" in _copyright_fix(report)


def test_a_licensed_folder_of_the_projects_own_part_keeps_the_projects_fix(
        make_repo: RepoFactory) -> None:
    """The controls: a folder with a licence file but no README nor build file beside
    it is no copy (documentation about the licence), nor is a module named after
    licences beside its README (`joinup_licence.module` in a Drupal module): the
    project's fix stands."""
    root = make_repo({
        "LICENSE": MIT_OF_DINUM, "src/app.js": "export const app = 1;\n",
        "docs/licence/LICENSE.txt": bsd3("2012", "Punchcut"),
        "docs/licence/page.css": "p { color: red; }\n",
        "modules/joinup_licence/joinup_licence.module": "<?php\n",
        "modules/joinup_licence/README.md": "# Licences\n",
    }, git_init=False)
    report = check_json(root, "--rule", "family:reuse", "--lang", "en")
    assert "own licence file" not in _copyright_fix(
        report, "modules/joinup_licence/joinup_licence.module")
    fix = _copyright_fix(report, "docs/licence/page.css")
    assert "Direction interministérielle du numérique" in fix
    assert "own licence file" not in fix
