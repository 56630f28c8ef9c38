# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Folders below the root that hold a copy of another project: a folder with a licence
file of its own beside a project's root file (a README, a build file). The heads of
their files state that project's licence, not the checked one's, and must not vote on
it (`declarations._Headers`, `header_facts`).

IGNF/ogam holds GeoExt at `website/htdocs/client/packages/remote/GeoExt/`, with its own
LICENSE: the "or (at your option) any later version" of its build file made ogam's bare
GPL-3.0 text `GPL-3.0-or-later`. A folder is the project's own part, and its heads
vote, when its name is the project's (`MixtComp/` in MixtComp, `r/`: too short to
tell), or when a sibling holding a licence file shares its first word (`opensand-core/`
and `opensand-rt/`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

# A copy sits this many folders down at most (GeoExt in ogam: 6): deeper licence files
# are not looked for, and a path's folders are asked this far only (a tree 200 levels
# deep costs no more than this per file).
COPY_DEPTH = 8
_FIRST_WORD = re.compile(r"[a-z0-9]{3,}(?=[^a-z0-9])")
# LICENSE-THIRD-PARTY.md, COPYING.dependencies: other people's licences listed, not
# the project's (nor do they make a folder a copy)
OTHERS_LICENCES = re.compile(r"third|3rd|notice|dependenc|deps|vendor|bundled", re.IGNORECASE)
_INITIALS = frozenset("lLcCuU")  # of a licence file's name, asked before the pattern
# A name below the root that may be a licence file's, to the end of its line of a listing
_NAMED = re.compile(r"/(?:[a-z0-9]{1,40}[-_.]?)?(?:licen[cs]e|copying|unlicen[cs]e)[^/\n]*+$",
                    re.IGNORECASE | re.MULTILINE)
# A licence file named after its licence (`ApacheLicense.txt` beside the Amble fonts'
# README in CNES/MAJA, jQuery's `MIT-LICENSE.txt`): a text, not a program or a module
# named after licences (`joinup_licence.module`, `check_license.sh`)
_NAMED_LICENCE = re.compile(r"^[a-z0-9]{1,40}[-_.]?licen[cs]e(?:\.(?:txt|md|rst|html?))?$",
                            re.IGNORECASE)
# `install_binaries.rst`, `changes_2019.md`: a page, not the root's INSTALL or CHANGES
_PAGE_NAME = re.compile(r"(?:install|changelog|changes|news|authors|contributors)[-_]",
                        re.IGNORECASE)
_PROGRAM = frozenset({  # the suffixes of a program's or a data file's name, not a text's
    "py", "js", "mjs", "cjs", "ts", "sh", "yml", "yaml", "json", "java", "kt", "go", "rb",
    "php", "c", "h", "cc", "cpp", "hpp", "cs", "pl", "pm", "lua", "sql", "xml", "toml", "ini",
    "cfg", "css", "scss", "vue", "svelte", "erb", "twig", "j2", "jinja", "jinja2", "m4",
    "cmake", "gradle", "properties", "lock", "csv", "png", "svg", "jpg", "jpeg", "gif", "ico"})


def own_parts(folders: Iterable[str], names: set[str]) -> set[str]:
    """Of sibling folders' names, those of the project's parts: named after the project
    itself, or with a first word (`opensand` of `opensand-core`) another of them has."""
    from opencheck.deps.thirdparty import named_after_project  # deps imports licensing

    folders = list(folders)
    first = {folder: found.group(0) if (found := _FIRST_WORD.match(folder.lower()))
             else "" for folder in folders}
    shared = Counter(word for word in first.values() if word)
    return {folder for folder in folders
            if (first[folder] and shared[first[folder]] > 1)
            or named_after_project(folder, names)}


def licence_name(path: str) -> bool:
    """Whether the file `path` is a licence file that can make its folder a copy: not
    at the root, COPY_DEPTH folders down at most, not a list of others' licences, not
    a program named after licences (`license_list_up_to_date.py` in reuse-tool's
    `.forgejo/workflows/`)."""
    from opencheck.deps.thirdparty import LICENCE_FILE

    folder, _, name = path.rpartition("/")
    return bool(folder) and (
        (name[:1] in _INITIALS and LICENCE_FILE.match(name) is not None)
        or _NAMED_LICENCE.match(name) is not None) \
        and not OTHERS_LICENCES.search(name) and name.rpartition(".")[2].lower() not in _PROGRAM \
        and folder.count("/") < COPY_DEPTH


def project_name(path: str) -> bool:
    """Whether the file `path` is one a project's root holds (README, a build file), not
    a documentation page about one of those things (`install_binaries.rst` beside
    `license.rst` in Anima-Public's `docs/source/`)."""
    from opencheck.deps.thirdparty import PROJECT_FILE

    name = path.rpartition("/")[2]
    return PROJECT_FILE.match(name) is not None and not _PAGE_NAME.match(name)


def licence_folders(paths: list[str]) -> set[str]:
    """The folders of the licence files among `paths` (`licence_name`). The listing is
    scanned once for a name that could be one (2 microseconds a path asked one by one:
    0.12 s for 60,000 files)."""
    listing = "\n".join(paths)
    found: set[str] = set()
    for match in _NAMED.finditer(listing):
        path = listing[listing.rfind("\n", 0, match.start()) + 1:match.end()]
        if licence_name(path):
            found.add(path.rpartition("/")[0])
    return found


def project_folders(paths: Iterable[str], licensed: set[str]) -> set[str]:
    """Of the folders `licensed`, those that hold a project's root file beside their
    licence file (`thirdparty.PROJECT_FILE`: a README, a build file): a project's root,
    not a documentation page about the licence (`docs/source/license.rst` in
    Anima-Public)."""
    found: set[str] = set()
    for path in paths:
        folder, _, name = path.rpartition("/")
        if folder in licensed and project_name(name):
            found.add(folder)
    return found


class Copies:
    """The folders of a tree that hold another project's copy (`folders`), and those
    that hold a licence file (`licensed`)."""

    def __init__(self, licensed: Iterable[str] = (), projects: Iterable[str] = (),
                 names: Iterable[str] = ()) -> None:
        self.licensed = frozenset(licensed)
        by_parent: dict[str, list[str]] = {}
        for folder in projects:
            parent, _, name = folder.rpartition("/")
            by_parent.setdefault(parent, []).append(name)
        self.folders: frozenset[str] = frozenset(
            f"{parent}/{name}" if parent else name
            for parent, found in by_parent.items()
            for name in set(found) - own_parts(found, set(names)))
        self.tops = frozenset(folder.partition("/")[0] for folder in self.folders)

    @classmethod
    def of(cls, paths: list[str], names: Callable[[], set[str]]) -> Copies:
        """The copies of a tree listed by `paths`; `names()` (the project's names,
        `thirdparty.project_names`) asked only when a folder holds a licence file."""
        licensed = licence_folders(paths)
        if not licensed:
            return NO_COPIES
        projects = project_folders(paths, licensed)
        return cls(licensed, projects, names() if projects else ())

    def holds(self, path: str) -> bool:
        """Whether the file `path` lies in another project's copy."""
        return self.folder_of(path) is not None

    def folder_of(self, path: str) -> str | None:
        """The outermost copy's folder the file `path` lies in; None when it lies in none."""
        if not self.folders:
            return None
        end = path.find("/")
        if end < 0 or path[:end] not in self.tops:
            return None  # the first folder holds no copy: most files of most trees
        for _ in range(COPY_DEPTH):
            if path[:end] in self.folders:
                return path[:end]
            end = path.find("/", end + 1)
            if end < 0:
                return None
        return None


NO_COPIES = Copies()
