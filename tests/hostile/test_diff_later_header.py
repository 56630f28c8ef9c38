# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: the project's licence read from the files' headers.

A bare GNU licence text reads `-only`, unless the project says "or (at your option)
any later version": in the README, a root NOTICE, or the header of a source file
(`declarations._Headers`, the first such header found). Without a licence file, the
most common licence header is the project's licence. A change that removed the only
such header narrowed GPL-2.0-or-later to GPL-2.0-only without touching a licence file:
an Apache-2.0 package its lockfile declared before became incompatible, and the
finding was held back as the merge base's ("declared before"): READY.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git
from hostile.test_diff_licence_swap import _lock

# several checks of a repository each: minutes on a loaded machine, not the hostile
# folder's 60 s
pytestmark = pytest.mark.timeout(300)

DEPS = ("--rule", "deps-incompatible", "--rule", "deps-copyleft")
# The opening of the GPL version 2: the licence family identifies it as GPL-2.0-only.
GPL2_OPENING = ("                    GNU GENERAL PUBLIC LICENSE\n"
                "                       Version 2, June 1991\n\n"
                " Copyright (C) 1989, 1991 Free Software Foundation, Inc.,\n"
                " 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301 USA\n"
                " Everyone is permitted to copy and distribute verbatim copies\n"
                " of this license document, but changing it is not allowed.\n")
LATER_HEADER = ("# This program is free software; you can redistribute it and/or modify it\n"
                "# under the terms of the GNU General Public License as published by the\n"
                "# Free Software Foundation; either version 2 of the License,\n"
                "# or (at your option) any later version.\n")
TAG = "SPDX-License-" + "Identifier:"  # split so that REUSE does not read it here


PACKAGES = {"apache-lib": {"license": "Apache-2.0"}, "left-pad": {"license": "MIT"}}
BUMPED = {**PACKAGES, "left-pad": {"license": "MIT", "version": "1.0.1"}}


def _found(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["dependency"]) for f in findings_of(report)
                  if "dependency" in f)


def _base(make_repo: RepoFactory, files: dict[str, str]) -> Path:
    root: Path = make_repo({"README.md": "# Outil\n", **files, **_lock(PACKAGES)})
    git(root, "checkout", "--quiet", "-b", "feature")
    return root


@pytest.mark.parametrize("body", [
    "print('hello')\n",
    # past what is read whole: the merge base's version is read for its head alone
    "TABLE = [\n" + "    'abcdefghijklmnopqrstuvwxyz0123456789',\n" * 40_000 + "]\n",
])
def test_removing_the_only_or_later_header_narrows_the_licence(
    make_repo: RepoFactory, body: str,
) -> None:
    root = _base(make_repo, {"COPYING": GPL2_OPENING, "src/main.py": f"{LATER_HEADER}\n{body}"})
    assert _found(check_json(root, *DEPS)) == []  # GPL-2.0-or-later: Apache-2.0 fits
    commit(root, {"src/main.py": body, **_lock(BUMPED)}, "tidy, bump")
    assert ("deps-incompatible", "apache-lib") in _found(check_json(root, *DEPS))
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-incompatible", "apache-lib") in _found(report)
    assert report["ready"] is False


def test_pushing_the_notice_out_of_the_header_narrows_the_licence(
    make_repo: RepoFactory,
) -> None:
    """The header is a file's first 4 KB: lines added above the notice, none of them
    naming a licence, take it out."""
    root = _base(make_repo, {"COPYING": GPL2_OPENING,
                             "src/main.py": f"{LATER_HEADER}\nprint('hello')\n"})
    padding = "".join(f"# note {n:04}: nothing about licences here\n" for n in range(120))
    commit(root, {"src/main.py": f"{padding}{LATER_HEADER}\nprint('hello')\n",
                  **_lock(BUMPED)}, "notes, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-incompatible", "apache-lib") in _found(report)


def test_licence_headers_turned_by_the_change_make_another_project_licence(
    make_repo: RepoFactory,
) -> None:
    """Two licence texts in LICENSES/ and no licence file: the most common header is
    the project's licence. A change that turns the headers from MIT to GPL-2.0-only
    makes the old Apache-2.0 package incompatible."""
    mit = f"# {TAG} MIT\n"
    gpl = f"# {TAG} GPL-2.0-only\n"
    root = _base(make_repo, {
        "LICENSES/MIT.txt": "MIT License\n\nPermission is hereby granted, free of charge\n",
        "LICENSES/GPL-2.0-only.txt": GPL2_OPENING,
        "src/a.py": f"{mit}print(1)\n", "src/b.py": f"{mit}print(2)\n",
        "src/c.py": f"{gpl}print(3)\n"})
    assert _found(check_json(root, *DEPS)) == []
    commit(root, {"src/a.py": f"{gpl}print(1)\n", "src/b.py": f"{gpl}print(2)\n",
                  **_lock(BUMPED)}, "headers, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-incompatible", "apache-lib") in _found(report)


def test_a_change_to_a_file_past_sixteen_megabytes_keeps_the_merge_bases_packages(
    make_repo: RepoFactory,
) -> None:
    """A version at the merge base larger than anything read whole (a generated data
    file of 17 MB, past the 16 MB each that were read before 232722b) is compared by its
    head alone: a change below its head leaves the licence, and the old Apache-2.0
    package, incompatible with the GPL-2.0-only text, stays the merge base's."""
    row = '{"code": "%05d", "name": "a place with a long enough name to fill"},\n'
    data = "[\n" + "".join(row % n for n in range(17 * 1024 * 1024 // len(row))) + "]\n"
    root = _base(make_repo, {"COPYING": GPL2_OPENING, "src/main.py": "print('hello')\n",
                             "data/places.json": data})
    assert ("deps-incompatible", "apache-lib") in _found(check_json(root, *DEPS))
    commit(root, {"data/places.json": data.replace('"00001"', '"00002"'),
                  **_lock(BUMPED)}, "fix a code, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []


def test_a_change_that_leaves_the_headers_keeps_the_merge_bases_packages(
    make_repo: RepoFactory,
) -> None:
    """The control: a bare GPL-2.0 text read -only, a change to a source file below
    its header; the old Apache-2.0 package is the merge base's, held back."""
    root = _base(make_repo, {"COPYING": GPL2_OPENING, "src/main.py": "print('hello')\n"})
    assert ("deps-incompatible", "apache-lib") in _found(check_json(root, *DEPS))
    commit(root, {"src/main.py": "print('hello, world')\n", **_lock(BUMPED)}, "bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []


def test_a_source_file_edited_below_its_header_keeps_the_merge_bases_packages(
    make_repo: RepoFactory,
) -> None:
    """The control for the comparison of heads: a project under the MIT by its
    headers, a source file's code edited below its header (and a notice of the GPL's
    "or any later version" in a test fixture's head left alone): the old GPL-2.0-only
    package is the merge base's."""
    mit = f"# {TAG} MIT\n"
    packages = {**PACKAGES, "gpl-lib": {"license": "GPL-2.0-only"}}
    root: Path = make_repo({
        "README.md": "# Outil\n", **_lock(packages),
        "LICENSES/MIT.txt": "MIT License\n\nPermission is hereby granted, free of charge\n",
        "LICENSES/GPL-2.0-only.txt": GPL2_OPENING,
        "src/a.py": f"{mit}print(1)\n", "src/b.py": f"{mit}print(2)\n",
        "tests/data/gnu.py": f"{LATER_HEADER}print(3)\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    assert _found(check_json(root, *DEPS)) == [("deps-copyleft", "gpl-lib")]
    commit(root, {"src/a.py": f"{mit}print('one')\n",
                  "tests/data/gnu.py": f"{LATER_HEADER}print('three')\n",
                  **_lock({**packages, "left-pad": {"license": "MIT", "version": "1.0.1"}})},
           "print words, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []


def test_a_new_file_with_its_spdx_header_beside_a_licence_file_keeps_the_packages(
    make_repo: RepoFactory,
) -> None:
    """Beside a licence file the SPDX headers do not say the project's licence: a change
    that adds a module with the usual header (every new file of a REUSE project) and
    bumps a package leaves the old Apache-2.0 package the merge base's."""
    root = _base(make_repo, {"COPYING": GPL2_OPENING, "src/main.py": "print('hello')\n"})
    assert ("deps-incompatible", "apache-lib") in _found(check_json(root, *DEPS))
    commit(root, {"src/util.py": f"# {TAG} GPL-2.0-only\nprint('util')\n",
                  **_lock(BUMPED)}, "a new module, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []
    assert report["ready"] is True


GPL3_OPENING = ("                    GNU GENERAL PUBLIC LICENSE\n"
                "                       Version 3, 29 June 2007\n\n"
                " Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n"
                " Everyone is permitted to copy and distribute verbatim copies\n"
                " of this license document, but changing it is not allowed.\n")
LATER_HEADER_3 = LATER_HEADER.replace("version 2 of", "version 3 of")


def test_a_new_file_with_the_or_later_notice_keeps_the_packages(
    make_repo: RepoFactory,
) -> None:
    """A project read GPL-3.0-or-later (a bare GPL text and a source file's notice): a
    new module with the same notice cannot make it narrower; the old GPL-2.0-only
    package, incompatible at the merge base already, stays the merge base's."""
    packages = {**PACKAGES, "gpl2-lib": {"license": "GPL-2.0-only"}}
    root: Path = make_repo({
        "README.md": "# Outil\n", **_lock(packages), "COPYING": GPL3_OPENING,
        "src/main.py": f"{LATER_HEADER_3}\nprint('hello')\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    assert _found(check_json(root, *DEPS)) == [("deps-incompatible", "gpl2-lib")]
    commit(root, {"src/util.py": f"{LATER_HEADER_3}\nprint('util')\n",
                  **_lock({**packages, "left-pad": {"license": "MIT", "version": "1.0.1"}})},
           "a new module, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []


def test_a_gnu_text_read_only_beside_a_lesser_one_read_or_later_reads_the_notices() -> None:
    """`GPL-2.0-or-later` is a part of `LGPL-2.0-or-later`'s name, not of the expression:
    a GPL text still read `-only` beside it may be widened or narrowed by a notice."""
    from opencheck.licensing.declarations import HEAD_NOTICE, Declaration, ProjectLicence

    gpl = Declaration("licence-file", "COPYING", None, "GPL-2.0-only", "GPL-2.0", 1.0)
    lesser = Declaration("licence-file", "COPYING.LIB", None, "LGPL-2.0-only", "LGPL-2.0", 1.0)
    assert HEAD_NOTICE in ProjectLicence("LGPL-2.0-or-later AND GPL-2.0-only",
                                         (gpl, lesser)).header_parts
    assert ProjectLicence("GPL-2.0-or-later", (gpl,)).header_parts == frozenset()


MIT_TEXT = "MIT License\n\nPermission is hereby granted, free of charge\n"


def _headers_project(make_repo: RepoFactory) -> Path:
    """Two licence texts in LICENSES/ and no licence file: the project is under the MIT
    by its headers (two files to one); an old GPL-2.0-only package is its copyleft."""
    packages = {**PACKAGES, "gpl-lib": {"license": "GPL-2.0-only"}}
    root: Path = make_repo({
        "README.md": "# Outil\n", **_lock(packages),
        "LICENSES/MIT.txt": MIT_TEXT, "LICENSES/GPL-2.0-only.txt": GPL2_OPENING,
        "src/a.py": f"# {TAG} MIT\nprint(1)\n", "src/b.py": f"# {TAG} MIT\nprint(2)\n",
        "src/c.py": f"# {TAG} GPL-2.0-only\nprint(3)\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    assert _found(check_json(root, *DEPS)) == [("deps-copyleft", "gpl-lib")]
    return root


BUMP = {**PACKAGES, "gpl-lib": {"license": "GPL-2.0-only"},
        "left-pad": {"license": "MIT", "version": "1.0.1"}}


def test_a_new_file_with_the_most_common_header_keeps_the_packages(
    make_repo: RepoFactory,
) -> None:
    """Without a licence file, a new module with the header most files have (what every
    new file of such a project carries) cannot make another licence the most common:
    the old GPL-2.0-only package stays the merge base's, the merge request READY."""
    root = _headers_project(make_repo)
    commit(root, {"src/d.py": f"# {TAG} MIT\nprint(4)\n", **_lock(BUMP)},
           "a new module, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []
    assert report["ready"] is True


def test_new_files_that_make_another_header_the_most_common_judge_every_package(
    make_repo: RepoFactory,
) -> None:
    """Two new modules under the GPL-2.0-only outnumber the MIT headers: the project is
    GPL-2.0-only now, and the old Apache-2.0 package is judged against it."""
    root = _headers_project(make_repo)
    gpl = f"# {TAG} GPL-2.0-only\n"
    commit(root, {"src/d.py": f"{gpl}print(4)\n", "src/e.py": f"{gpl}print(5)\n",
                  **_lock(BUMP)}, "two modules, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-incompatible", "apache-lib") in _found(report)
    assert report["ready"] is False


def test_a_new_header_that_breaks_a_tie_judges_every_package(
    make_repo: RepoFactory,
) -> None:
    """MIT and GPL-2.0-only headers two to two at the merge base: one new GPL-2.0-only
    header decides the licence, so nothing of the merge base's is held back."""
    root = _headers_project(make_repo)
    git(root, "checkout", "--quiet", "main")
    commit(root, {"src/f.py": f"# {TAG} GPL-2.0-only\nprint(6)\n"}, "a tie")
    git(root, "checkout", "--quiet", "-B", "feature")
    commit(root, {"src/d.py": f"# {TAG} GPL-2.0-only\nprint(4)\n", **_lock(BUMP)},
           "a module, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert ("deps-incompatible", "apache-lib") in _found(report)


def test_the_header_winner_is_kept_only_when_the_tally_adds_up() -> None:
    from collections import Counter

    from opencheck.licensing.changedheads import HeadChanges
    from opencheck.licensing.declarations import HEAD_SPDX

    added_mit = HeadChanges(frozenset({HEAD_SPDX}), Counter({"MIT": 1}))
    assert added_mit.header_winner_kept(["MIT", 3, 1])
    assert not added_mit.header_winner_kept(["MIT", 2, 1])  # a tie at the merge base
    # one MIT file at the base, the one added: the licence came with the change
    assert not added_mit.header_winner_kept(["MIT", 1, 0])
    # the tally now cannot hold fewer votes than the change gave
    assert not HeadChanges(frozenset({HEAD_SPDX}), Counter({"MIT": 3})).header_winner_kept(
        ["MIT", 2, 0])
    assert not HeadChanges(frozenset({HEAD_SPDX})).header_winner_kept(["MIT", 5, 0])
    # a licence the change took votes from had at most the next one's files and them
    took = HeadChanges(frozenset({HEAD_SPDX}), Counter({"GPL-2.0-only": -2}))
    assert took.header_winner_kept(["MIT", 5, 1])
    assert not took.header_winner_kept(["MIT", 5, 3])
    assert not added_mit.header_winner_kept(["MIT", "3", 1])  # another shape: a change
