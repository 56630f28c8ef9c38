# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""An "or (at your option) any later version" notice wrapped under comment leaders.

Pasted into a source file, the GNU notice breaks its lines where the comment's width
says: "either version 2 of the License, or" then "# (at your option) any later
version." The words were read with blanks only between them, so CNES/openbach (212
files saying "any later\\n#   version") was read GPL-3.0-only. GPL-2.0-only is not on
the decree's list, GPL-2.0-or-later is: the user sees a blocking finding go.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RepoFactory, check_json, findings_of
from hostile.test_diff_later_header import GPL2_OPENING

NOTICE = ("This program is free software; you can redistribute it and/or modify it under\n"
          "the terms of the GNU General Public License as published by the Free Software\n"
          "Foundation, either version 2 of the License, or\n"
          "(at your option) any later version.\n")
# openbach's wrap: "any later" ends a line, "version." opens the next
LATE_BREAK = NOTICE.replace("License, or\n(at your option) any later version.",
                            "License, or (at your option) any later\n  version.")


def _commented(notice: str, leader: str, opening: str = "", closing: str = "") -> str:
    lines = "".join(f"{leader}{line}\n".replace(" \n", "\n") if line else f"{leader}\n"
                    for line in notice.splitlines())
    return f"{opening}{lines}{closing}"


@pytest.mark.parametrize(("name", "head"), [
    ("src/main.py", _commented(NOTICE, "# ")),
    ("src/main.c", _commented(NOTICE, " * ", "/*\n", " */\n")),
    ("src/Main.java", _commented(NOTICE, "// ")),
    ("sql/schema.sql", _commented(NOTICE, "-- ")),
    ("lisp/tool.el", _commented(NOTICE, ";; ")),
    ("src/wave.f90", _commented(NOTICE, "! ")),
    ("ansible/deploy.py", _commented(LATE_BREAK, "# ")),
])
def test_a_wrapped_or_later_notice_widens_a_bare_gnu_text(
    make_repo: RepoFactory, name: str, head: str,
) -> None:
    root: Path = make_repo({"README.md": "# Outil\n", "COPYING": GPL2_OPENING,
                            name: f"{head}\ncode = 1\n"})
    report = check_json(root, "--rule", "licence-authorised")
    assert [f["rule"] for f in findings_of(report)] == []


def test_a_notice_without_or_later_still_reads_only(make_repo: RepoFactory) -> None:
    """The control: the same comment, the version alone."""
    only = NOTICE.replace(", or\n(at your option) any later version.", ".")
    root: Path = make_repo({"README.md": "# Outil\n", "COPYING": GPL2_OPENING,
                            "src/main.py": f"{_commented(only, '# ')}\ncode = 1\n"})
    report = check_json(root, "--rule", "licence-authorised")
    assert [f["rule"] for f in findings_of(report)] == ["licence-authorised"]


def test_a_first_notice_of_another_version_does_not_hide_the_licences(
    make_repo: RepoFactory,
) -> None:
    """cea-sec/miasm: its Dockerfile, pasted from another project, says GPL-3 "or
    later" and comes first; its own code says "version 2 ... or later" of its bare
    GPL-2.0 text. Only the first notice was kept: GPL-2.0-only, off the decree's list."""
    docker = _commented(NOTICE.replace("version 2", "version 3"), "# ")
    root: Path = make_repo({"README.md": "# Outil\n", "COPYING": GPL2_OPENING,
                            "Dockerfile": f"{docker}FROM debian\n",
                            "tool/main.py": f"{_commented(NOTICE, '# ')}\ncode = 1\n"})
    report = check_json(root, "--rule", "licence-authorised")
    assert [f["rule"] for f in findings_of(report)] == []


def test_a_short_or_later_far_from_the_licences_name_is_no_notice(
    make_repo: RepoFactory,
) -> None:
    """Fedict/eid-mw: a notice of one version alone, then, in the code below, "Use
    Minidriver if OS is Vista or later"."""
    only = NOTICE.replace(", or\n(at your option) any later version.", ".")
    code = "".join(f"int step{n} = {n};\n" for n in range(20))
    root: Path = make_repo({"README.md": "# Outil\n", "COPYING": GPL2_OPENING,
                            "src/win.c": f"{_commented(only, ' * ', '/*', ' */')}\n{code}"
                                         "// Use Minidriver if OS is Vista or later\n"})
    report = check_json(root, "--rule", "licence-authorised")
    assert [f["rule"] for f in findings_of(report)] == ["licence-authorised"]
