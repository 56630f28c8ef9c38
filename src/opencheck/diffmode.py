# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: report only what a change brings.

`--diff-base REF` keeps the findings on files changed since the merge base of REF and
HEAD (committed, staged, unstaged or untracked), the findings that name a commit of the
change (`extra["commit"]`, e.g. a secret in history; one whose commit was not found
is kept), and the project-level findings
that block publication (no licence, no README), which a reviewer must see whatever the
change. `--staged` (the pre-commit hook) keeps only the findings on staged files.
"""

from __future__ import annotations

import errno
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from opencheck import gitlayout, gitwait
from opencheck.errors import DiffError  # raised here, caught without importing this module
from opencheck.folders import Folders
from opencheck.gitcmd import GitError, run_git
from opencheck.model import Finding, Report, Severity, Text, is_at_least
from opencheck.narrow import narrow
from opencheck.report.sanitize import printable

if TYPE_CHECKING:
    from opencheck.licensing.changedheads import HeadChanges
    from opencheck.secrets.deployedbefore import DeployedBefore
    from opencheck.secrets.earlier import EarlierValues

SHALLOW_HINT = Text(
    fr="le clone est peut-être superficiel : récupérez tout l'historique (actions/checkout "
    "avec fetch-depth: 0, GitLab avec GIT_DEPTH: 0) ou la branche de base",
    en="the clone may be shallow: fetch the full history (actions/checkout with "
    "fetch-depth: 0, GitLab with GIT_DEPTH: 0) or fetch the base branch",
)


# The tree rules whose finding is a value read in its files (checks/secrets.py): one
# that a place of it held already where the change starts is not the change's.
VALUE_RULES = frozenset({"secret-in-tree", "sensitive-data-in-tree", "sensitive-internal-host"})
# The dependency rules (checks/dependencies.py) whose finding a dependency's own licence
# makes: one its manifest or lockfile declared already where the change starts is not
# the change's. Those judged against the project's licence too count only when the
# change leaves that licence as it was (`Scope._project_licence_touched`).
DEPENDENCY_RULES = frozenset({"deps-non-free", "deps-licence-known"})
PROJECT_LICENCE_RULES = frozenset({"deps-incompatible", "deps-copyleft"})
_LICENCE_NAMES = ("LICENSE", "LICENCE", "COPYING", "UNLICENSE")
# What the scope judges against the merge base by itself (scoped.found_before, which runs
# the other rules on the merge base's tree, leaves them out).
JUDGED_RULES = VALUE_RULES | DEPENDENCY_RULES | PROJECT_LICENCE_RULES
# A secret file's bytes are its secret (a key store, a key file): a change of the file is
# a change of the secret, so its finding is never held back for the merge base's (whose
# fingerprint, rule, path and kind, a replaced key keeps).
CONTENT_RULES = frozenset({"secret-file-committed"})
NAMED = 8  # the packages a restated notice names, as the rule's own message does
STATEMENT_LIMIT = 5 << 20  # a manifest, README or publiccode.yml read past it: changed


@dataclass(frozen=True)
class Scope:
    description: str
    merge_base: str | None
    paths: frozenset[str]
    commits: frozenset[str]
    project_level: bool
    root: Path | None = None  # where the merge base's versions of files are read

    def has_commit(self, commit: str) -> bool:
        if commit in self.commits:
            return True
        return len(commit) >= 7 and any(full.startswith(commit) for full in self.commits)

    def keeps(self, finding: Finding, fail_on: Severity) -> bool:
        commit = finding.extra.get("commit")
        if isinstance(commit, str) and commit:
            return self.has_commit(commit.lower())
        if finding.extra.get("in_tree") is False and "commit" in finding.extra:
            # a value of the history whose commit was not found (a walk stopped early):
            # it may be the change's own, removed again before the last commit
            return True
        if finding.path is not None:
            if finding.rule in VALUE_RULES and finding.key:
                return self.brought_at(finding) is not None or self.deployed_by_change(finding)
            if finding.path in self.paths and self.declared_before(finding):
                return False
            # A finding on a folder (vendored code, a committed node_modules/) belongs
            # to the change when the change touches a file inside it.
            return finding.path in self.paths or finding.path in self._folders
        return self.project_level and is_at_least(finding.severity, fail_on)

    def brought_at(self, finding: Finding) -> tuple[str, int | None] | None:
        """Where the change brought a value of the tree (a token, an address): the first
        of its places in a changed file that did not hold it where the change starts.
        None when it brought it nowhere: the value lies in unchanged files only, or each
        changed file held it already (another line of a configuration file was edited).
        Of a value found in many places, the first MAX_LOCATIONS are known."""
        earlier = self._earlier
        for path, line in _places(finding):
            if path in self.paths and (earlier is None or not earlier.held(finding.key, path)):
                return path, line
        return None

    def deployed_by_change(self, finding: Finding) -> bool:
        """A key kept with the tests that blocks because a deployment file the change
        touched names it (`deployed_by`), which no deployment file of the merge base
        named: the change deployed it (`secrets/deployedbefore.py`)."""
        deployer = finding.extra.get("deployed_by")
        if not isinstance(deployer, str) or deployer not in self.paths \
                or finding.path is None or self.root is None or not self.merge_base:
            return False
        return not self._deployed_before.named(finding.path)

    @functools.cached_property
    def _deployed_before(self) -> DeployedBefore:
        from opencheck.secrets.deployedbefore import DeployedBefore  # only for such keys

        assert self.root is not None and self.merge_base
        return DeployedBefore(self.root, self.merge_base)

    def held_before(self, finding: Finding) -> bool:
        """A value of the tree in a changed file that the change did not bring."""
        return (finding.rule in VALUE_RULES and bool(finding.key)
                and any(path in self.paths for path, _ in _places(finding))
                and self.brought_at(finding) is None)

    def declared_before(self, finding: Finding) -> bool:
        """A dependency the changed manifest or lockfile declared already where the
        change starts, under the same version (a bumped package is the change's) and the
        same licence: one whose `license` the change rewrote is the change's (its name
        and version kept, another package). A licence stated where the merge base stated
        none is not: npm 7 and later state one for every package of a lockfile they
        rewrite, and a change hiding a package would state a free one anyway."""
        if not finding.key or finding.path is None or self.root is None or not self.merge_base:
            return False
        if finding.rule not in DEPENDENCY_RULES and (
                finding.rule not in PROJECT_LICENCE_RULES or self._project_licence_touched
                or self._licence_heads_touched(finding)):
            return False
        folder = finding.path.rpartition("/")[0]
        if folder not in self._declared:
            self.read_declared([finding])
        licence = finding.extra.get("licence")
        declared = self._declared[folder]
        keys = _stood_for(finding)
        if keys is not None:  # a manifest's notice: every package it names was there
            return all((finding.path, key, None) in declared for key in keys)
        if (finding.path, finding.key, licence) in declared:
            return True
        return (finding.path, finding.key, None) in declared

    def restated(self, finding: Finding) -> Finding:
        """A manifest's notice for many packages (those without a known licence) said of
        the packages the change added or bumped alone: a bot's bump repeated the
        lockfile's hundreds. Its fingerprint is kept."""
        keys = _stood_for(finding)
        if keys is None or finding.path not in self.paths or self.root is None \
                or not self.merge_base:
            return finding
        folder = finding.path.rpartition("/")[0]
        declared = self._declared.get(folder, frozenset())
        names = finding.extra.get("dependencies")
        if not isinstance(names, list) or len(names) != len(keys):
            return finding
        brought = [(name, key) for name, key in zip(names, keys, strict=True)
                   if (finding.path, key, None) not in declared]
        if not brought or len(brought) == len(keys):
            return finding
        shown = ", ".join(str(name) for name, _key in brought[:NAMED]) + (
            ", …" if len(brought) > NAMED else "")
        before = len(keys) - len(brought)
        path = printable(finding.path, one_line=True)
        message = Text(
            fr=f"{len(brought)} dépendance(s) de {path} sans licence connue, ajoutée(s) ou "
               f"mise(s) à jour par le changement ({shown}) ; {before} autre(s) sans "
               "licence connue y étaient déjà au point de départ du changement.",
            en=f"{len(brought)} dependencies of {path} without a known licence that the "
               f"change added or bumped ({shown}); {before} other(s) without a known "
               "licence were there already where the change starts.")
        extra = {**finding.extra, "dependencies": [name for name, _key in brought],
                 "dependency_keys": [key for _name, key in brought],
                 "dependencies_before": before}
        return replace(finding, message=message, extra=extra)

    def read_declared(self, findings: list[Finding]) -> None:
        """What the merge base's manifests declared in every folder of these findings
        that is not read yet, in one scratch inventory (a monorepo's bump touches
        hundreds of lockfiles)."""
        folders = {finding.path.rpartition("/")[0] for finding in findings
                   if finding.path is not None and finding.path in self.paths
                   and finding.rule in DEPENDENCY_RULES | PROJECT_LICENCE_RULES
                   } - set(self._declared)
        if not folders or self.root is None or not self.merge_base:
            return
        from opencheck.deps.earlier import declared_before  # only for such findings

        known = declared_before(self.root, self.merge_base, folders)
        for folder in folders:
            self._declared[folder] = known

    @functools.cached_property
    def _declared(self) -> dict[str, frozenset[tuple[str, str, str | None]]]:
        return {}

    @functools.cached_property
    def _project_licence_touched(self) -> bool:
        """Whether the change touched the project's licence: a licence file (as the
        licence family names them) or `LICENSES/` at the checked folder's top, or the
        licence a manifest, the README, a NOTICE or publiccode.yml states there (a
        bump rewrites package.json, not its licence, and the project's one package.json
        lies beside its licence)."""
        from opencheck.licensing.declarations import LICENCE_FILE
        from opencheck.licensing.statements import states_licence

        for path in sorted(self.paths):
            # the licence family's own root licence files, `COPYRIGHT` too
            if path.startswith("LICENSES/") or ("/" not in path and (
                    path.upper().startswith(_LICENCE_NAMES) or LICENCE_FILE.match(path))):
                return True
            if states_licence(path) and self._statement_changed(path):
                return True
        return False

    def _licence_heads_touched(self, finding: Finding) -> bool:
        """Whether the change touched what the files' heads say of the project's
        licence, for a finding judged against a licence they say
        (`project_licence_headers`: the "or any later version" notice beside a GNU
        licence text, or the most common SPDX header): a new file with the usual SPDX
        header beside a licence file changes nothing of it, nor one with the header
        most files have when no licence file says it
        (`project_licence_header_lead`, the tree's tally now)."""
        from opencheck.licensing.declarations import HEAD_SPDX

        parts = finding.extra.get("project_licence_headers")
        if not parts:
            return False
        if not isinstance(parts, list):
            return True
        changes = self._head_changes
        touched = changes.parts.intersection(parts)
        if HEAD_SPDX in touched and changes.header_winner_kept(
                _lead(finding.extra.get("project_licence_header_lead"))):
            touched = touched - {HEAD_SPDX}
        return bool(touched)

    @functools.cached_property
    def _head_changes(self) -> HeadChanges:
        from opencheck.licensing.changedheads import EVERY_CHANGE, parts_changed

        if self.root is None or not self.merge_base:
            return EVERY_CHANGE
        return parts_changed(self.root, self.merge_base, self.paths)

    def _statement_changed(self, path: str) -> bool:
        """Whether the file `path` states another licence than at the merge base; a
        version that cannot be read counts as another."""
        from opencheck.licensing.statements import licence_statement
        from opencheck.safefile import read_regular

        if self.root is None or not self.merge_base:
            return True
        try:
            before = config_reader(self.root, self.merge_base, STATEMENT_LIMIT)(path)
        except (OSError, DiffError):
            return True
        try:
            now: bytes | None = read_regular(self.root / path, STATEMENT_LIMIT, follow=False)
        except FileNotFoundError:
            now = None  # deleted by the change
        except OSError:
            return True
        return licence_statement(path, before) != licence_statement(path, now)

    def anchored(self, finding: Finding) -> Finding:
        """A value's finding shown where the change brought it, not at its first place
        in the tree, which may be a file the change left alone."""
        if finding.rule not in VALUE_RULES or not finding.key:
            return finding
        place = self.brought_at(finding)
        if place is None or place == (finding.path, finding.line):
            return finding
        return replace(finding, path=place[0], line=place[1], column=None)

    @functools.cached_property
    def _folders(self) -> Folders:
        return Folders(self.paths)

    @functools.cached_property
    def _earlier(self) -> EarlierValues | None:
        if self.root is None or not self.merge_base:
            return None
        from opencheck.secrets.earlier import EarlierValues  # only for value findings

        return EarlierValues(self.root, self.merge_base)


def _lead(lead: object) -> list[object]:
    """A finding's `project_licence_header_lead` ([licence, files, the next's files]);
    nothing when it has another shape."""
    return lead if isinstance(lead, list) else []


def _stood_for(finding: Finding) -> list[str] | None:
    """The dependency keys a manifest's notice stands for (`deps-licence-known`'s
    packages without a known licence), None for any other finding."""
    keys = finding.extra.get("dependency_keys")
    if finding.rule not in DEPENDENCY_RULES or not isinstance(keys, list):
        return None
    return [str(key) for key in keys]


def _places(finding: Finding) -> list[tuple[str, int | None]]:
    """A value's places in the tree: where it is reported, then those it lists."""
    places: list[tuple[str, int | None]] = [(finding.path or "", finding.line)]
    for place in finding.extra.get("locations") or ():
        if isinstance(place, dict) and isinstance(place.get("path"), str):
            line = place.get("line")
            places.append((place["path"], line if isinstance(line, int) else None))
    return places


def _split(out: bytes) -> set[str]:
    return {name for name in out.decode("utf-8", "surrogateescape").split("\0") if name}


def _git(root: Path, *args: str) -> bytes:
    try:
        return run_git(root, *args)
    except GitError as error:
        raise DiffError(str(error)) from error


def _require_git(root: Path) -> None:
    waiting = gitwait.blocking_file(root)
    if waiting is not None:  # every git call would wait on it until its time-out
        shown = printable(waiting, one_line=True)
        raise DiffError(Text(
            fr=f"git attendrait sans fin un tube ou un périphérique du dépôt, ou mettrait des "
               f"minutes à lire un fichier trop grand : {shown}",
            en=f"git would wait forever on a pipe or a device of the repository, or take "
               f"minutes on a file too large: {shown}",
        ))
    try:
        inside = run_git(root, "rev-parse", "--is-inside-work-tree", check=False).strip()
    except GitError as error:  # git missing or stuck
        raise DiffError(str(error)) from error
    if inside != b"true":
        raise DiffError(Text(
            fr=f"{root} n'est pas un dépôt git : un changement se mesure sur l'historique git",
            en=f"{root} is not a git work tree: a change needs git history",
        ))
    try:
        layout = gitlayout.inspect(root)
    except gitlayout.ForeignGitDir as error:
        raise DiffError(error.text) from error
    except GitError as error:
        raise DiffError(error.text) from error
    if layout.objects_unavailable:
        raise DiffError(layout.objects_unavailable)


def _head(root: Path) -> str | None:
    out = run_git(root, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    return out.decode().strip() or None


def _untracked(root: Path) -> set[str]:
    return _split(_git(root, "ls-files", "-z", "--others", "--exclude-standard"))


@dataclass(frozen=True)
class Base:
    """The base revision of a merge request, resolved once per run: the policy, the
    baseline, the allow comments and the change's scope are all read from this commit,
    even if the ref moves meanwhile."""

    ref: str  # as the user named it
    commit: str  # the commit it names
    head: str  # the commit checked

    @property
    def label(self) -> str:
        return f"{self.ref} {self.commit[:12]}"


def resolve_base(root: Path, ref: str) -> Base:
    """The commit `ref` names, and HEAD's; DiffError when either is missing, when `ref`
    reads as an option, or when `root` is no git work tree this run may read."""
    _require_git(root)
    _check_ref(ref)
    head = _head(root)  # first: without a commit, no base can be found either
    if head is None:
        raise DiffError(Text("le dépôt n'a encore aucun commit",
                             "the repository has no commit yet"))
    return Base(ref, _resolve(root, ref), head)


def _check_ref(ref: str) -> None:
    if not ref or ref.startswith("-"):
        raise DiffError(Text(f"révision de base invalide '{ref}'",
                             f"invalid base revision '{ref}'"))


def _resolve(root: Path, ref: str) -> str:
    resolved = run_git(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}",
        check=False,
    ).decode().strip()
    if not resolved:
        raise DiffError(Text(
            fr=f"révision de base inconnue '{ref}' ({SHALLOW_HINT.fr})",
            en=f"unknown base revision '{ref}' ({SHALLOW_HINT.en})",
        ))
    named = _named(root, ref)
    if len(named) > 1:
        shown = printable(", ".join(named), one_line=True)
        raise DiffError(Text(
            fr=f"révision de base ambiguë '{ref}' : elle nomme {shown} (git prendrait la "
               "première, une étiquette qu'un push peut créer) ; nommez-la en entier "
               "(refs/remotes/…) ou par l'identifiant entier de son commit",
            en=f"ambiguous base revision '{ref}': it names {shown} (git would take the "
               "first, a tag a push can create); name it in full (refs/remotes/…) or by "
               "its commit's whole id",
        ))
    return resolved


# git's places for a name, in its order (`git help revisions`), after `$GIT_DIR/<name>`
_PLACES = ("refs/{}", "refs/tags/{}", "refs/heads/{}", "refs/remotes/{}",
           "refs/remotes/{}/HEAD")
_EXPRESSION = re.compile(r"[~^:]|@\{")
_HEX = re.compile(r"[0-9a-fA-F]{7,63}")  # git abbreviates to 7 at least: shorter, a name


def _named(root: Path, ref: str) -> list[str]:
    """Every ref, and objects for a short hexadecimal id, that the name `ref` starts
    with could stand for: more than one, and git picks by its order, tags before
    branches and remote branches, a ref before a short commit id."""
    name = _EXPRESSION.split(ref, maxsplit=1)[0]
    if not name or any(c in name for c in "*?[\\ "):
        return []
    places = [place.format(name) for place in _PLACES]
    if name.startswith("refs/"):
        places.insert(0, name)
    out = run_git(root, "for-each-ref", "--format=%(refname)", "--", *places, check=False)
    wanted = set(places)
    named = [line for line in out.decode("utf-8", "replace").splitlines() if line in wanted]
    if named and _HEX.fullmatch(name) and len(name) not in (40, 64):  # a whole id wins
        objects = run_git(root, "rev-parse", f"--disambiguate={name}", check=False)
        named += [f"{line} (commit)" for line in objects.decode().split() if line]
    return sorted(named, key=lambda n: places.index(n) if n in wanted else len(places))


def in_checkout(path: Path, root: Path) -> tuple[Path, str] | None:
    """Where git reads the file `path` names in a revision, when the change could have
    written it: (the folder git runs in, `path` relative to it), for a file in the
    checked folder or, failing that, in the checkout it lies in (with a subfolder
    checked, a policy or baseline at the checkout's top is the change's to write too);
    None for a file outside, which the change does not touch."""
    from opencheck.safefile import checkout_top

    for folder in (root, Path(checkout_top(os.path.abspath(root)))):
        for named, base in ((Path(os.path.abspath(path)), Path(os.path.abspath(folder))),
                            (path.resolve(), folder.resolve())):
            if named.is_relative_to(base):
                return folder, named.relative_to(base).as_posix()
    return None


def committed(folder: Path, path: str) -> bool:
    """Whether HEAD holds `path` (relative to `folder`), or a link or a submodule on its
    way (`policy` -> `other/`, where the change wrote its own copy): a file of the
    change, not one the CI job wrote beside it."""
    parts = path.split("/")
    ways = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
    listed = _git(folder, "ls-tree", "-z", "HEAD", "--", *ways)
    return any(entry and not entry.startswith(b"040000 ") for entry in listed.split(b"\0"))


def config_reader(root: Path, commit: str,
                  limit: int | None = None) -> Callable[[str], bytes | None]:
    """Configuration files as they are in `commit`, read through hardened git.

    In merge-request mode the policy is the base's: a change cannot relax the check
    that judges it (adding `exclude: ["*.env"]` or `disable: secret-in-history`).
    A symlink, a folder or a file above `limit` (by default the YAML size cap) counts
    as no file.
    """
    if limit is None:
        from opencheck.yamlsafe import MAX_BYTES  # not imported by runs without a base

        limit = MAX_BYTES
    bound = limit

    def read(name: str) -> bytes | None:
        listed = _git(root, "ls-tree", "-l", "-z", commit, "--", name).split(b"\0")[0]
        meta = listed.partition(b"\t")[0].split()
        if len(meta) != 4 or meta[0] == b"120000" or meta[1] != b"blob":
            return None
        if not meta[3].isdigit() or int(meta[3]) > bound:
            raise OSError(errno.EFBIG, f"larger than {bound} bytes")
        return _git(root, "cat-file", "blob", meta[2].decode("ascii"))
    return read


def top_entries_before(root: Path, base: Base) -> dict[str, str]:
    """The entries of the checked folder where the change starts (the merge base of the
    base and HEAD; name -> `blob`, `tree`, `commit`): what the change may have deleted.
    Nothing without a merge base (`since` says why)."""
    start = _merge_base(root, base)
    entries: dict[str, str] = {}
    if not start:
        return entries
    for line in _git(root, "ls-tree", "-z", start).split(b"\0"):
        meta, tab, name = line.partition(b"\t")
        if tab:
            entries[name.decode("utf-8", "surrogateescape")] = meta.split()[1].decode()
    return entries


def since(root: Path, base: Base) -> Scope:
    """What changed between the merge base of the base and HEAD, and the work tree."""
    head = base.head
    merge_base = _merge_base(root, base)
    if not merge_base:
        raise DiffError(Text(
            fr=f"'{base.ref}' et HEAD n'ont pas d'historique commun ({SHALLOW_HINT.fr})",
            en=f"'{base.ref}' and HEAD have no common history ({SHALLOW_HINT.en})",
        ))
    # --no-renames: a rename is its old and its new name, told apart by ids alone. Rename
    # detection reads both blobs (a clone that lacks one stopped here, "unable to
    # read"), and compares every deleted file with every added one.
    changed = _split(_git(root, "diff", "--name-only", "-z", "--relative", "--no-ext-diff",
                          "--no-renames", merge_base))
    commits = _git(root, "rev-list", f"{merge_base}..{head}").decode().split()
    return Scope(
        description=base.ref,
        merge_base=merge_base,
        paths=frozenset(changed | _untracked(root)),
        commits=frozenset(commits),
        project_level=True,
        root=root,
    )


def _merge_base(root: Path, base: Base) -> str:
    return run_git(root, "merge-base", base.commit, base.head, check=False).decode().strip()


def staged(root: Path) -> Scope:
    """The files in git's index that differ from HEAD (all of them before a first commit)."""
    _require_git(root)
    changed = _split(_git(root, "diff", "--cached", "--name-only", "-z", "--relative",
                          "--no-ext-diff", "--no-renames"))
    return Scope(
        description="staged",
        merge_base=_head(root),
        paths=frozenset(changed),
        commits=frozenset(),
        project_level=False,
        root=root,
    )


def restrict(report: Report, scope: Scope) -> Report:
    kept_before = len(report.findings)
    held = sum(1 for finding in report.findings if scope.held_before(finding))
    scope.read_declared(report.findings)
    declared = sum(1 for finding in report.findings
                   if finding.path in scope.paths and scope.declared_before(finding))
    report = replace(report, findings=[scope.restated(scope.anchored(finding))
                                       for finding in report.findings])
    narrowed = narrow(report, lambda f: scope.keeps(f, report.fail_on), {})
    narrowed.metadata["diff"] = {
        "base": scope.description,
        "staged": not scope.project_level,
        "merge_base": scope.merge_base,
        "changed_files": len(scope.paths),
        "new_commits": len(scope.commits),
        "hidden_findings": kept_before - len(narrowed.findings),
        "values_held_before": held,
        "dependencies_declared_before": declared,
    }
    earlier = scope.__dict__.get("_earlier")  # read only when a value finding asked
    if earlier is not None:
        earlier.close()
    return narrowed
