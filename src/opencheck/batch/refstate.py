# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The branches and tags of a cloned target, summed up as one digest.

A batch clones every branch and tag (`--refs all`) and the check reads them all (the
history rules), but a remote target was judged unchanged by its HEAD alone: a branch
pushed with a secret, the default branch untouched, kept the earlier READY until the
next HEAD move. The probe now asks `ls-remote` for HEAD, `refs/heads/*` and
`refs/tags/*` at once (the same one question) and digests the branches and tags; the
worker takes the same digest from its clone (`refs/remotes/origin/*` read back as
`refs/heads/*`, the tags as they are) after it fetched. Peeled lines (`^{}`) and the
clone's `origin/HEAD` are left out: each side lists what the other does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from opencheck.gitcmd import GitError, run_git

PATTERNS = ("HEAD", "refs/heads/*", "refs/tags/*")
_ORIGIN = "refs/remotes/origin/"


def digest(refs: Iterable[tuple[str, str]]) -> str:
    """One value for a set of (object id, ref name) pairs, in any order."""
    lines = sorted(f"{oid} {name}" for oid, name in refs
                   if name.startswith(("refs/heads/", "refs/tags/")) and
                   not name.endswith("^{}"))
    return "refs:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()


def listed(output: bytes) -> tuple[str | None, list[tuple[str, str]]]:
    """HEAD's object id and the refs of `ls-remote`'s or `for-each-ref`'s lines."""
    head = None
    refs: list[tuple[str, str]] = []
    for line in output.decode("utf-8", "replace").splitlines():
        oid, _, name = line.replace("\t", " ").partition(" ")
        if name == "HEAD":
            head = oid
        elif name:
            refs.append((oid, name))
    return head, refs


def of_clone(path: Path, timeout: float = 60.0) -> str | None:
    """The digest of a clone's remote branches and tags, as the remote names them."""
    try:
        out = run_git(path, "for-each-ref", "--format=%(objectname) %(refname)",
                      _ORIGIN, "refs/tags/", timeout=timeout)
    except GitError:
        return None
    _, refs = listed(out)
    return digest((oid, "refs/heads/" + name.removeprefix(_ORIGIN)
                   if name.startswith(_ORIGIN) else name)
                  for oid, name in refs if name != _ORIGIN + "HEAD")


def of_repository(path: Path, timeout: float = 60.0) -> str | None:
    """The digest of a repository's own branches and tags (a bare mirror given by path)."""
    try:
        out = run_git(path, "for-each-ref", "--format=%(objectname) %(refname)",
                      "refs/heads/", "refs/tags/", timeout=timeout)
    except GitError:
        return None
    return digest(listed(out)[1])
