# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The heads of a copy of another project do not vote on the project's licence.

A folder below the root with a licence file of its own, beside a README or a build
file, holds another project (`licensing.copies`): IGNF/ogam's copy of GeoExt, with its
LICENSE and package.json, has a build file whose head says "or (at your option) any
later version", which made ogam's bare GPL-3.0 text `GPL-3.0-or-later`. Its SPDX
headers do not count among the project's either; in merge-request mode, a change to
such a head changes nothing of the project's licence, and a file that makes a folder a
copy changes what votes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git
from hostile.test_diff_later_header import GPL2_OPENING, LATER_HEADER, TAG
from hostile.test_diff_licence_swap import _lock

# several checks of a repository each
pytestmark = pytest.mark.timeout(300)

AUTHORISED = ("--rule", "licence-authorised")
DEPS = ("--rule", "deps-incompatible")
BSD = ("Copyright (c) 2008-2012, The Open Source Geospatial Foundation\n"
       "All rights reserved.\n\nRedistribution and use in source and binary forms, with or "
       "without modification, are permitted provided that the following conditions are "
       "met:\n")
JS_LATER = "/*\n" + LATER_HEADER.replace("# ", " * ") + " */\nvar a = 1;\n"
PACKAGES = {"apache-lib": {"license": "Apache-2.0"}, "left-pad": {"license": "MIT"}}
BUMPED = {**PACKAGES, "left-pad": {"license": "MIT", "version": "1.0.1"}}


def _rules(report: dict[str, Any]) -> list[str]:
    return sorted({f["rule"] for f in findings_of(report)})


def _found(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["dependency"]) for f in findings_of(report)
                  if "dependency" in f)


def test_a_copys_or_later_head_leaves_a_bare_gpl_text_only(make_repo: RepoFactory) -> None:
    """GPL-2.0-only is not on the decree's list: the copy's notice hid that."""
    root: Path = make_repo({
        "README.md": "# Outil\n", "COPYING": GPL2_OPENING, "src/main.py": "print(1)\n",
        "web/packages/remote/GeoExt/LICENSE": BSD,
        "web/packages/remote/GeoExt/package.json": '{"name": "GeoExt"}\n',
        "web/packages/remote/GeoExt/build/GeoExt-debug.js": JS_LATER})
    assert _rules(check_json(root, *AUTHORISED)) == ["licence-authorised"]


@pytest.mark.parametrize("folder", [
    "outil-core",  # named after the project (the repository's folder)
    "tool-core",  # a part: its sibling `tool-cli/` has a licence file too
])
def test_the_projects_own_parts_with_a_licence_file_still_vote(
    make_repo: RepoFactory, folder: str,
) -> None:
    """The control: a folder named as the project's part is no copy."""
    root: Path = make_repo({
        "README.md": "# Outil\n", "COPYING": GPL2_OPENING,
        f"{folder}/COPYING": GPL2_OPENING, f"{folder}/README.md": "# Part\n",
        f"{folder}/main.py": f"{LATER_HEADER}print(1)\n",
        "tool-cli/COPYING": GPL2_OPENING, "tool-cli/README.md": "# CLI\n",
        "tool-cli/cli.py": "print(2)\n"}, name="outil")
    assert _rules(check_json(root, *AUTHORISED)) == []


def test_a_page_about_the_licence_is_no_copy(make_repo: RepoFactory) -> None:
    """A documentation page named after the licence, with no project's root file
    beside it (Anima-Public's `docs/source/license.rst`, beside pages such as
    `install_binaries.rst`), is the project's."""
    root: Path = make_repo({
        "README.md": "# Outil\n", "COPYING": GPL2_OPENING,
        "docs/source/license.rst": f"License\n=======\n\n{LATER_HEADER}",
        "docs/source/install_binaries.rst": "Install\n=======\n",
        "docs/source/index.rst": "Outil\n=====\n"})
    assert _rules(check_json(root, *AUTHORISED)) == []


def test_a_copys_spdx_headers_do_not_outvote_the_projects(make_repo: RepoFactory) -> None:
    """No licence file at the root: the most common SPDX header is the project's
    licence, counted over the project's own files only."""
    mit, gpl = f"# {TAG} MIT\n", f"// {TAG} GPL-2.0-only\n"
    root: Path = make_repo({
        "README.md": "# Outil\n",
        "LICENSES/MIT.txt": "MIT License\n\nPermission is hereby granted, free of charge\n",
        "LICENSES/GPL-2.0-only.txt": GPL2_OPENING,
        "src/a.py": f"{mit}print(1)\n", "src/b.py": f"{mit}print(2)\n",
        "src/lib/gnulib/COPYING": GPL2_OPENING, "src/lib/gnulib/README": "gnulib\n",
        **{f"src/lib/gnulib/m{n}.c": f"{gpl}int m{n};\n" for n in range(3)}})
    assert _rules(check_json(root, *AUTHORISED)) == []


def _merge_request(make_repo: RepoFactory, files: dict[str, str]) -> Path:
    root: Path = make_repo({"README.md": "# Outil\n", "COPYING": GPL2_OPENING,
                            "src/main.py": "print(1)\n", **files, **_lock(PACKAGES)})
    git(root, "checkout", "--quiet", "-b", "feature")
    return root


def test_a_change_to_a_copys_head_keeps_the_merge_bases_packages(
    make_repo: RepoFactory,
) -> None:
    """An upgrade of the copy that drops its notice leaves the project GPL-2.0-only,
    as it was: the Apache-2.0 package, incompatible already, stays the merge base's."""
    copy = "web/geoext/"
    root = _merge_request(make_repo, {f"{copy}LICENSE": BSD, f"{copy}README.md": "# GeoExt\n",
                                      f"{copy}geoext.js": JS_LATER})
    assert _found(check_json(root, *DEPS)) == [("deps-incompatible", "apache-lib")]
    commit(root, {f"{copy}geoext.js": "var a = 2;\n", **_lock(BUMPED)}, "geoext 2, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == []


@pytest.mark.parametrize(("there", "added"), [
    ("README.md", "LICENSE"),  # the copy's licence file comes
    ("LICENSE", "README.md"),  # its README comes beside its licence file
])
def test_a_file_that_makes_a_folder_a_copy_narrows_the_licence(
    make_repo: RepoFactory, there: str, added: str,
) -> None:
    """The folder's heads said "or later" for the project until the change made it a
    copy: the project is GPL-2.0-only now, though no head changed, and the Apache-2.0
    package is incompatible with it."""
    files = {"LICENSE": BSD, "README.md": "# GeoExt\n"}
    root = _merge_request(make_repo, {"web/geoext/geoext.js": JS_LATER,
                                      f"web/geoext/{there}": files[there]})
    assert _found(check_json(root, *DEPS)) == []  # GPL-2.0-or-later
    commit(root, {f"web/geoext/{added}": files[added], **_lock(BUMPED)}, "geoext, bump")
    report = check_json(root, "--diff-base", "main", *DEPS)
    assert _found(report) == [("deps-incompatible", "apache-lib")]
    assert report["ready"] is False
