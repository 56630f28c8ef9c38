# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Corrections found on real public-sector repositories: governance documents under
other names, LGPL shipped as COPYING + COPYING.LESSER, "any later version" notices,
data licences on code, home-made licences, non-version tags."""

from __future__ import annotations

import pytest

from conftest import RepoFactory
from helpers_docs import report_of, status


@pytest.mark.parametrize("name", ["PSC.md", "TSC.md", "docs/STEERING_COMMITTEE.md",
                                  "CHARTER.md", "GOUVERNANCE.md"])
def test_a_steering_committee_document_is_governance(make_repo: RepoFactory, name: str) -> None:
    repo = make_repo({"README.md": "# Projet\n", name: "# Project Steering Committee\n"})
    assert status(report_of(repo, "governance-present"), "governance-present") == "passed"


def test_no_governance_document_is_still_reported(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Projet\n", "PSC-notes.txt": "not a charter\n"})
    assert status(report_of(repo, "governance-present"), "governance-present") == "failed"
