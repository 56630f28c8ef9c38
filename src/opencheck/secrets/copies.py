# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Where a private key sits in another project's copy, as the folders were then.

A library's example and test keys (Boost.Asio's `example/cpp03/ssl/server.pem`, a
vendored OpenSSL's `test/certs/`) are published with each of its releases: found in a
copy of that library, they warn instead of blocking. The copy is told by a vendoring
folder (`third_party/`, `vendor/`...) or by `thirdparty.released_copy`, from the folders
of the tree (for the tree's files) or of the commit that brought the key (for a folder
gone since: the tree no longer says what it was). The project's own test keys are not
concerned: they block, by convention, like any private key of the project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from opencheck.deps import thirdparty
from opencheck.gitobjects import ObjectReader
from opencheck.secrets.confidence import camel_place, place

KEY_KINDS = frozenset({"private-key", "openssh-private-key", "pgp-private-key", "private-jwk",
                       "ssh-key-file", "pkcs12-file", "keystore-file"})
MAX_LICENCE = 256 * 1024  # a licence text is a few KB; a larger "LICENSE" is not read
MAX_TREE = 16 << 20  # a folder of 200,000 entries; a larger one is not listed
# Each old commit asked costs questions to git (a listing per folder level, a licence
# read); when each was a git start, a history of 20,000 commits each adding a key in a
# test folder made 40,000 of them (10 ms each). A copy arrives in a few commits (a
# release, its upgrades); past this many commits asked, a key is not taken for a copy's
# and blocks.
MAX_COMMITS = 256


def library_example(kind: str, path: str, component: str | None) -> bool:
    """Whether a key is at a test, example or documentation place of a copy of another
    project whose folder is `component`: what that project publishes with it."""
    if kind not in KEY_KINDS or not component or not path.startswith(component + "/"):
        return False
    rest = path[len(component) + 1:]
    return place(rest) is not None or camel_place(rest)


def may_be_example(kind: str, path: str) -> bool:
    """Whether a key could be at a test or example place of a copy: the place must show
    in the whole path (asked first: reading the folders costs git calls)."""
    return kind in KEY_KINDS and (place(path) is not None or camel_place(path))


def identified(data: bytes | None) -> str:
    """The SPDX expression a licence file's bytes name, "" when none is known."""
    if data is None or len(data) > MAX_LICENCE:
        return ""
    from opencheck.licensing.identify import identify_bytes  # only when a key asks

    return identify_bytes(data).spdx or ""


def _licences(entries: Iterable[str], licence: Callable[[str], str]) -> set[str]:
    """The licences of the root's licence files (none: an empty set)."""
    return {licence(name) for name in entries if thirdparty.LICENCE_FILE.match(name)}


class TreeCopies:
    """The copies of the working tree, asked only for the keys found there."""

    def __init__(self, paths: Iterable[str], read: Callable[[str], bytes | None],
                 names: set[str]) -> None:
        self.names = names
        self.licence = lambda name: identified(read(name))
        # each folder's entries once (a dict keeps their order): a list per path below
        # it held 254,000 names, 16 MB, for a tree of 64,000 files
        self.children: dict[str, dict[str, None]] = {}
        paths = list(paths)
        for path in paths:  # the first levels only: where a copy is looked for
            parts = path.split("/", thirdparty.COPY_DEPTH + 1)
            for depth in range(min(len(parts), thirdparty.COPY_DEPTH + 1)):
                self.children.setdefault("/".join(parts[:depth]), {})[parts[depth]] = None
        # deeper, the files of a folder holding a contribution guide (a whole project's
        # root, `thirdparty.CONTRIBUTING_FILE`) or named after a release only: a few
        # folders of a tree
        deep = {folder: name for folder, _, name in map(_split, paths)
                if folder.count("/") >= thirdparty.COPY_DEPTH}
        whole = {folder for folder in deep
                 if thirdparty.release_named(folder.rsplit("/", 1)[-1])}
        whole.update(folder for folder, _, name in map(_split, paths)
                     if folder in deep and thirdparty.CONTRIBUTING_FILE.match(name))
        for folder, _, name in map(_split, paths) if whole else ():
            if folder in whole:
                self.children.setdefault(folder, {})[name] = None
        self.project: set[str] | None = None
        self.found: dict[str, str | None] = {}

    def _project(self) -> set[str]:
        if self.project is None:
            self.project = _licences(self.children.get("", {}), self.licence)
        return self.project

    def _entries(self, folder: str) -> list[str] | None:
        found = self.children.get(folder)
        return None if found is None else list(found)

    def component(self, path: str) -> str | None:
        folder = path.rsplit("/", 1)[0]
        if folder not in self.found:
            found = thirdparty.released_copy(path, self._entries, self.licence,
                                             self._project, self.names)
            self.found[folder] = None if found is None else found.component
        return self.found[folder]


class CommitCopies:
    """The copies of old commits, asked of git once per commit and folder: a key of a
    folder the tree no longer has is judged by what the commit that brought it held.
    `tree_licences()` stand for the project's when that commit had no licence file.
    Folders and licence files are read through one `git cat-file --batch`."""

    def __init__(self, toplevel: Path, names: set[str],
                 tree_licences: Callable[[], set[str]]) -> None:
        self.names, self.tree_licences = names, tree_licences
        self.objects = ObjectReader(toplevel)
        self.listed: dict[tuple[str, str], dict[str, str]] = {}  # name -> object id
        self.licences: dict[str, str] = {}  # blob id -> SPDX
        self.asked: set[str] = set()

    def close(self) -> None:
        """Stop the `git cat-file` (a later question starts another)."""
        self.objects.close()

    def _entries(self, commit: str, folder: str) -> dict[str, str]:
        key = (commit, folder)
        if key not in self.listed:
            # an absent commit or tree: nothing known, the key blocks
            data = self.objects.read(f"{commit}:{folder}", "tree", MAX_TREE)
            self.listed[key] = {} if data is None else _tree_entries(data, len(commit) // 2)
        return self.listed[key]

    def _licence(self, commit: str, path: str) -> str:
        folder, _, name = path.rpartition("/")
        oid = self._entries(commit, folder).get(name)
        if oid is None:
            return ""
        if oid not in self.licences:
            self.licences[oid] = identified(self.objects.read(oid, "blob", MAX_LICENCE))
        return self.licences[oid]

    def component(self, commit: str, path: str) -> str | None:
        """The copy holding `path` (from the repository's top) in `commit`, or None;
        None too for a commit past the first `MAX_COMMITS` asked (its key blocks)."""
        if commit not in self.asked:
            if len(self.asked) >= MAX_COMMITS:
                return None
            self.asked.add(commit)

        def licence(name: str) -> str:
            return self._licence(commit, name)

        def project() -> set[str]:
            return _licences(self._entries(commit, ""), licence) or self.tree_licences()

        found = thirdparty.released_copy(
            path, lambda folder: list(self._entries(commit, folder)), licence, project,
            self.names)
        return None if found is None else found.component


def _split(path: str) -> tuple[str, str, str]:
    return path.rpartition("/")


def _tree_entries(data: bytes, id_size: int) -> dict[str, str]:
    """A tree object's entries, name -> object id: `MODE NAME\\0` then the id's bytes
    (20 for SHA-1, 32 for SHA-256, as long as the commit's id says)."""
    found: dict[str, str] = {}
    position = 0
    while (space := data.find(b" ", position)) >= 0:
        end = data.find(b"\0", space)
        if end < 0 or end + 1 + id_size > len(data):
            break  # cut short: what came before stands
        name = data[space + 1:end].decode("utf-8", "replace")
        found[name] = data[end + 1:end + 1 + id_size].hex()
        position = end + 1 + id_size
    return found
