# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Corrections found on real public-sector repositories: governance documents under
other names, LGPL shipped as COPYING + COPYING.LESSER, "any later version" notices,
data licences on code, home-made licences, non-version tags."""

from __future__ import annotations

from pathlib import Path

import pytest

import opencheck.licensing
from conftest import RepoFactory
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
], ids=["readme-fr", "notice-en", "header", "other-version"])
def test_any_later_version_in_a_notice_makes_the_licence_or_later(
    make_repo: RepoFactory, files: dict[str, str], expected: str,
) -> None:
    assert _project(make_repo(files)) == expected
