# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licence expressions written to make their judgement explode.

An expression is judged way by way (`(A OR B) AND C`: A with C, or B with C), and
`(A OR B) AND (C OR D) AND …` has two to the power of its pairs: twenty pairs in a
package.json's `license` held a check for hours, a change could bring them into a
merge request's CI, and a portfolio's repository into a batch.
"""

from __future__ import annotations

import json
from typing import Any

from conftest import RepoFactory, run_cli

# Each pair offers a licence of the decree's list or another one.
LISTED = ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0", "EUPL-1.2",
          "CECILL-2.1", "CECILL-B", "CECILL-C", "EPL-2.0", "GPL-3.0-or-later"]
OTHERS = ["ISC", "Zlib", "MIT-0", "BSL-1.0", "0BSD", "Unlicense", "OFL-1.1", "PostgreSQL",
          "Python-2.0", "X11", "NCSA", "OSL-3.0", "AFL-3.0", "CDDL-1.0", "MS-PL", "MS-RL",
          "UPL-1.0", "W3C", "Zed", "ECL-2.0", "EFL-2.0", "Artistic-2.0", "EPL-1.0", "CC0-1.0"]


def _pairs(count: int) -> str:
    return " AND ".join(f"({LISTED[index % len(LISTED)]} OR {OTHERS[index]})"
                        for index in range(count))


def _report(make_repo: RepoFactory, licence: str, lang: str = "en") -> dict[str, Any]:
    root = make_repo({"README.md": "# Outil\n",
                      "package.json": json.dumps({"name": "outil", "license": licence})})
    result = run_cli("check", str(root), "--no-history", "--format", "json", "--lang", lang,
                     "--rule", "family:licence")
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _rule(report: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(entry for entry in report["rules"] if entry["id"] == rule)


def test_an_expression_of_twenty_choices_is_left_unjudged_not_expanded(
    make_repo: RepoFactory,
) -> None:
    report = _report(make_repo, _pairs(20))
    authorised = _rule(report, "licence-authorised")
    # unjudged: never passed as if it had been judged, the verdict cannot be READY
    assert authorised["status"] == "error"
    assert "more than 1024 ways to comply (package.json)" in authorised["reason"]
    assert report["ready"] is False
    french = _rule(_report(make_repo, _pairs(20), "fr"), "licence-authorised")
    assert "plus de 1024 façons de s'y conformer" in french["reason"]


def test_an_expression_of_a_few_choices_is_judged_as_before(make_repo: RepoFactory) -> None:
    report = _report(make_repo, _pairs(3) + " AND (LicenseRef-Proprietary OR CC-BY-NC-4.0)")
    authorised = _rule(report, "licence-authorised")
    assert authorised["status"] == "failed"  # 16 ways, none of them all listed
    assert _rule(_report(make_repo, _pairs(10)), "licence-authorised")["status"] == "passed"
