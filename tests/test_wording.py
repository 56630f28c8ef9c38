# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Corrections found on real public-sector repositories: governance documents under
other names, LGPL shipped as COPYING + COPYING.LESSER, "any later version" notices,
data licences on code, home-made licences, non-version tags."""

from __future__ import annotations

from pathlib import Path

import pytest

import opencheck.licensing
from conftest import MIT_TEXT, RepoFactory, findings_of, git
from helpers_docs import report_of, status
from opencheck.licensing.declarations import collect, project_licence
from opencheck.repository import open_repository


@pytest.mark.parametrize("name", ["PSC.md", "TSC.md", "docs/STEERING_COMMITTEE.md",
                                  "CHARTER.md", "GOUVERNANCE.md"])
def test_a_steering_committee_document_is_governance(make_repo: RepoFactory, name: str) -> None:
    repo = make_repo({"README.md": "# Projet\n", name: "# Project Steering Committee\n"})
    assert status(report_of(repo, "governance-present"), "governance-present") == "passed"


def test_no_governance_document_is_still_reported(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Projet\n", "PSC-notes.txt": "not a charter\n"})
    assert status(report_of(repo, "governance-present"), "governance-present") == "failed"


# -- licences shipped the GNU way --------------------------------------------------------

TEXTS = Path(opencheck.licensing.__file__).parent / "texts"
GPL3 = (TEXTS / "GPL-3.0-or-later.txt").read_text(encoding="utf-8")
LGPL3 = (TEXTS / "LGPL-3.0-or-later.txt").read_text(encoding="utf-8")


def _project(root: Path) -> str | None:
    found = project_licence(collect(open_repository(root)))
    return found.spdx if found else None


def test_another_projects_header_is_not_the_projects_licence(make_repo: RepoFactory) -> None:
    # MTES-MCT/rapportnav2 has no licence; Gradle's wrapper says Apache-2.0 in its header
    # REUSE-IgnoreStart
    wrapper = "#!/bin/sh\n#\n# Copyright 2015 the original authors.\n#\n" \
              "# SPDX-License-Identifier: Apache-2.0\n#\nexec java \"$@\"\n"
    # REUSE-IgnoreEnd
    files = {"README.md": "# Rapport\n", "backend/gradlew": wrapper,
             "vendor/lib/x.js": wrapper.replace("#", "//"),
             "backend/src/App.kt": "fun main() {}\n"}
    assert _project(make_repo(files)) is None
    own = wrapper.replace("Apache-2.0", "MIT")
    assert _project(make_repo({**files, "backend/src/App.kt": own})) == "MIT"


def test_copying_and_copying_lesser_are_one_lgpl_licence(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# Bibliothèque\n", "COPYING": GPL3,
                      "COPYING.LESSER": LGPL3})
    assert _project(root) == "LGPL-3.0-only"


def test_a_gpl_program_is_not_made_lgpl(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# Programme\n", "COPYING": GPL3})
    assert _project(root) == "GPL-3.0-only"


NOTICE_FR = (
    "Ce programme est un logiciel libre ; vous pouvez le redistribuer ou le modifier "
    "suivant les termes de la GNU Lesser General Public License telle que publiée par la "
    "Free Software Foundation, soit la version 3 de la Licence, ou (à votre choix) toute "
    "version ultérieure.\n"
)
NOTICE_EN = (
    "This program is free software: you can redistribute it and/or modify it under the "
    "terms of the GNU General Public License as published by the Free Software Foundation, "
    "either version 3 of the License, or (at your option) any later version.\n"
)


@pytest.mark.parametrize(("files", "expected"), [
    ({"COPYING": GPL3, "COPYING.LESSER": LGPL3,
      "README.md": f"# Outil\n\n## Licence\n\n{NOTICE_FR}"}, "LGPL-3.0-or-later"),
    ({"COPYING": GPL3, "NOTICE": NOTICE_EN}, "GPL-3.0-or-later"),
    ({"COPYING": GPL3, "src/main.c": f"/*\n * {NOTICE_EN} */\nint main(void) {{}}\n"},
     "GPL-3.0-or-later"),
    # A notice for another version of the licence does not widen this one.
    ({"COPYING": GPL3, "NOTICE": NOTICE_EN.replace("version 3", "version 2")},
     "GPL-3.0-only"),
    # publiccode.yml or a manifest naming the -or-later licence reads the bare text so
    ({"COPYING": GPL3, "publiccode.yml": "legal:\n  license: GPL-3.0-or-later\n"},
     "GPL-3.0-or-later"),
    ({"COPYING": GPL3, "package.json": '{"name": "x", "license": "LGPL-3.0-or-later"}'},
     "GPL-3.0-only"),
], ids=["readme-fr", "notice-en", "header", "other-version", "publiccode", "other-family"])
def test_any_later_version_in_a_notice_makes_the_licence_or_later(
    make_repo: RepoFactory, files: dict[str, str], expected: str,
) -> None:
    assert _project(make_repo(files)) == expected


# -- a data licence on code ----------------------------------------------------------------

ETALAB = (TEXTS / "etalab-2.0.fr.txt").read_text(encoding="utf-8")


def test_licence_ouverte_alone_on_code_blocks(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Outil\n", "LICENSE": ETALAB,
                      "web/static/site.scss": "body { margin: 0; }\n"})
    report = report_of(repo, "licence-*")
    [finding] = [f for f in findings_of(report) if f["rule"] == "licence-data-only"]
    assert finding["severity"] == "error"
    assert report["verdict"] == "not_ready"
    assert "licence-data-only" in report["verdict_reason"]


def test_licence_ouverte_beside_a_software_licence_is_a_warning(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Outil\n", "LICENSE": ETALAB, "LICENSE.MIT": MIT_TEXT,
                      "app.py": "print(1)\n"})
    report = report_of(repo, "licence-*")
    [finding] = [f for f in findings_of(report) if f["rule"] == "licence-data-only"]
    assert finding["severity"] == "warning"


# -- a home-made licence -------------------------------------------------------------------

PARAPHRASE = """Licence

Ce logiciel est distribué sous licence MIT. Toute personne obtenant une copie peut
l'utiliser, le copier, le modifier et le redistribuer gratuitement, y compris pour un
usage commercial, à condition de conserver la mention des auteurs dans chaque copie.
Le logiciel est fourni sans garantie d'aucune sorte ; les auteurs déclinent toute
responsabilité pour les dommages liés à son utilisation. La diffusion de versions
modifiées doit l'indiquer clairement.
"""
NOTICE = "Ce projet est publié sous licence MIT.\n"


def test_a_paraphrased_licence_is_a_warning(make_repo: RepoFactory) -> None:
    report = report_of(make_repo({"README.md": "# Outil\n", "LICENSE": PARAPHRASE}),
                       "licence-identified", lang="fr")
    [finding] = findings_of(report)
    assert finding["severity"] == "warning"
    assert "reformule la licence MIT" in finding["message"]
    assert "pas une licence identifiable" in finding["message"]


def test_the_official_text_with_a_clause_of_its_own_is_not_that_licence(
        make_repo: RepoFactory) -> None:
    # The MIT text whose disclaimer gives way to a home-made clause: two thirds of the
    # words are MIT's, but what binds is a different licence.
    mit = (TEXTS / "MIT.txt").read_text(encoding="utf-8").split("\n\n")
    mit[-1] = ("Le logiciel ne peut être utilisé que par les services de l'administration "
               "centrale, pour leurs besoins propres ; toute autre utilisation, toute revente "
               "et toute mise à disposition de tiers sont soumises à l'accord écrit préalable "
               "du ministère, qui peut le retirer à tout moment sans avoir à le motiver.\n")
    report = report_of(make_repo({"README.md": "# Outil\n", "LICENSE": "\n\n".join(mit)}),
                       "licence-identified")
    [finding] = findings_of(report)
    assert finding["severity"] == "warning"
    assert "restates the licence MIT in its own words" in finding["message"]


def test_a_short_notice_naming_the_licence_stays_an_info(make_repo: RepoFactory) -> None:
    report = report_of(make_repo({"README.md": "# Outil\n", "LICENSE": NOTICE}),
                       "licence-identified")
    [finding] = findings_of(report)
    assert finding["severity"] == "info"
    assert "without holding its full text" in finding["message"]


# -- tags that are not versions ----------------------------------------------------------

CHANGELOG = """# Changelog

## [2.0.0-nightly] - 2026-03-01

## [1.0.0] - 2026-01-31

- Première version.
"""


def test_moving_tags_are_not_compared_as_versions(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# Outil\n", "CHANGELOG.md": CHANGELOG})
    for tag in ("v1.0.0", "latest", "nightly", "nightly-20260301", "v2.0.0-nightly.3"):
        git(root, "tag", tag)
    report = report_of(root, "history-semver-tags", "changelog-matches-tags")
    assert status(report, "history-semver-tags") == "passed", findings_of(report)
    assert status(report, "changelog-matches-tags") == "passed", findings_of(report)


def test_only_moving_tags_means_no_version_tag(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# Outil\n"})
    git(root, "tag", "latest")
    report = report_of(root, "history-semver-tags")
    [finding] = findings_of(report)
    assert finding["message"] == "No version tag in the repository (only moving tags: latest)."


def test_the_licence_text_in_licenses_is_the_evidence_of_a_header_licence(
        make_repo: RepoFactory) -> None:
    tag = "SPDX-License-" + "Identifier"
    repo = make_repo({"README.md": "# Outil\n", "LICENSES/GPL-3.0-or-later.txt": GPL3,
                      "LICENSES/MIT.txt": MIT_TEXT, ".clang-format": f"# {tag}: GPL-3.0-or-later\n",
                      "src/a.c": f"// {tag}: GPL-3.0-or-later\nint a;\n"})
    found = project_licence(collect(open_repository(repo)))
    assert found is not None and found.spdx == "GPL-3.0-or-later"
    assert found.evidence[0].path == "LICENSES/GPL-3.0-or-later.txt"


# -- a licence stated in the README's prose ------------------------------------------------

CECILL_NOTICE = """# Outil

Copyright 2014 Direction générale des finances publiques

Ce logiciel est régi par la licence CeCILL V2.1 soumise au droit français et
respectant les principes de diffusion des logiciels libres.

Récupération des sources
========================
"""


def test_a_licence_paragraph_without_heading_declares_the_licence(
        make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": CECILL_NOTICE, "src/app.pl": "print 1;\n"})
    assert _project(repo) == "CECILL-2.1"
    report = report_of(repo, "licence-*")
    [missing] = [f for f in findings_of(report) if f["rule"] == "licence-file-present"]
    assert missing["fix"] == (
        "The project declares CECILL-2.1 (README.md:5): add the official text of that "
        "licence as LICENSE at the root (opencheck init licence CECILL-2.1).")
    french = report_of(repo, "licence-*", lang="fr")
    [missing] = [f for f in findings_of(french) if f["rule"] == "licence-file-present"]
    assert missing["fix"].startswith("Le projet déclare CECILL-2.1 (README.md:5) : ajoutez")
    # the licence is known, so its verdict is given instead of skipped
    assert {r["id"]: r["status"] for r in report["rules"]}["licence-authorised"] == "passed"


def test_a_dependency_s_licence_in_the_readme_is_not_the_project_s(
        make_repo: RepoFactory) -> None:
    readme = ("# Carte\n\nThe map uses Leaflet, distributed under the BSD 2-Clause "
              "licence.\n")
    assert _project(make_repo({"README.md": readme})) is None
