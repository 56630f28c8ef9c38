# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A dependency's licence is no notice of the project's.

A bare GNU licence text reads `-only` unless the project says "or any later version":
the first head of a file that says so was taken for the project's own notice. A
lockfile's head lists packages with their licences: one package under
`GPL-2.0-or-later` near its top made a project under a bare GPL-2.0 text
GPL-2.0-or-later. GPL-2.0-only is not on the decree's list and an Apache-2.0 package
is incompatible with it; both blocking findings went, and the repository was READY. So
did a minified bundle's banner, or a vendored library's header.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, findings_of
from hostile.test_diff_later_header import GPL2_OPENING, LATER_HEADER
from hostile.test_diff_licence_swap import _lock

RULES = ("--rule", "deps-incompatible", "--rule", "licence-authorised")
PACKAGES = {"a-gpl-helper": {"license": "GPL-2.0-or-later"},
            "apache-lib": {"license": "Apache-2.0"}}


def _rules(report: dict[str, Any]) -> list[str]:
    return sorted({f["rule"] for f in findings_of(report)})


@pytest.mark.parametrize("others", [
    {},  # the lockfile alone
    {"static/vendor.min.js": f"/*!\n{LATER_HEADER}*/\nvar a=1;\n"},
    {"vendor/lib/gpl.c": f"/*\n{LATER_HEADER}*/\nint a;\n"},
])
def test_another_projects_or_later_does_not_widen_the_projects_licence(
    make_repo: RepoFactory, others: dict[str, str],
) -> None:
    # the lockfile's or-later package only when no other file brings the notice
    packages = PACKAGES if not others else {"apache-lib": PACKAGES["apache-lib"]}
    files = {"README.md": "# Outil\n", "COPYING": GPL2_OPENING, **_lock(packages, ""),
             "src/main.py": "print('hello')\n", **others}
    root: Path = make_repo(files)
    report = check_json(root, *RULES)
    assert _rules(report) == ["deps-incompatible", "licence-authorised"]
    assert report["ready"] is False


def test_the_projects_own_header_still_widens_it(make_repo: RepoFactory) -> None:
    """The control: the notice in the project's own source file's head."""
    root: Path = make_repo({"README.md": "# Outil\n", "COPYING": GPL2_OPENING,
                            **_lock(PACKAGES, ""),
                            "src/main.py": f"{LATER_HEADER}\nprint('hello')\n"})
    report = check_json(root, *RULES)
    assert _rules(report) == []
