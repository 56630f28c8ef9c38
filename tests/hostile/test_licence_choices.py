# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A licence expression's ways to comply are counted before they are listed.

An AND of choices multiplies them: `(A OR B) AND (C OR D) AND …` of 22 terms, 900
characters in package.json's `license` or a file's SPDX header, offers four million
ways, and listing them (the licence verdict, the copied code's licences) took a
gigabyte and minutes of CPU; 30 terms, hours and all the memory. Past MAX_WAYS the
expression is read as one that does not parse: the declaration is reported, the check
goes on.
"""

from __future__ import annotations

import json
import resource

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, run_cli
from hostile.bounded import finishes
from opencheck.licensing.expressions import MAX_WAYS, InvalidExpression, choices

TERMS = 26  # 67 million ways


def _many_ways(terms: int) -> str:
    return " AND ".join(f"(LicenseRef-a{n} OR LicenseRef-b{n})" for n in range(terms))


def _within_two_gigabytes() -> None:
    """In the forked child: an exponential listing fails there, not on the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_a_declaration_of_millions_of_ways_is_reported_and_the_check_goes_on(
    make_repo: RepoFactory
) -> None:
    expression = _many_ways(TERMS)
    root = make_repo({**COMPLETE_HOUSE,
                      "package.json": json.dumps({"name": "x", "version": "1.0.0",
                                                  "license": expression}),
                      "src/main.py": f"# SPDX-License-Identifier: {expression}\nprint(1)\n"})

    def check() -> str:
        _within_two_gigabytes()
        result = run_cli("check", str(root), "--no-history", "--format", "json",
                         "--lang", "en")
        report = json.loads(result.stdout)
        failed = [r["id"] for r in report["rules"] if r["status"] == "error"]
        declared = [f["rule"] for f in findings_of(report) if f.get("path") == "package.json"]
        return f"{result.exit_code} {failed} {declared}"

    code, rest = finishes(check, ceiling=60.0).strip("'\"").split(" ", 1)
    assert code in ("0", "1"), rest
    assert rest.startswith("[] "), rest  # no rule failed
    assert "licence-declarations-agree" in rest  # the declaration is reported


def test_ways_are_listed_up_to_the_bound_and_refused_past_it() -> None:
    assert len(choices(_many_ways(10))) == 1024 == MAX_WAYS
    assert choices("(MIT OR Apache-2.0) AND BSD-3-Clause") == [
        ["MIT", "BSD-3-Clause"], ["Apache-2.0", "BSD-3-Clause"]]
    with pytest.raises(InvalidExpression, match="ways to comply"):
        choices(_many_ways(11))
    deep = "".join(f"(LicenseRef-a{n} OR " for n in range(3000)) + "MIT" + ")" * 3000
    with pytest.raises(InvalidExpression):
        choices(deep)

