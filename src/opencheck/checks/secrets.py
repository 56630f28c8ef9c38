# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Secrets, sensitive data and binary artefacts, in the tree and in the whole history.

The tree is scanned once through the snapshot and the history once through the blob
stream (`opencheck.secrets.history`); each rule reads its share of the two analyses.
No finding, message or error ever holds a secret whole: only its masked form.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opencheck.deps import thirdparty
from opencheck.gitcmd import GitError, run_git
from opencheck.model import Finding, Severity, Text
from opencheck.parsing import load_json
from opencheck.registry import BY_BASELINE, BY_COMMENT, Context, Skip, Unjudged, check, tree_reader
from opencheck.repository import BINARY_SNIFF, FileEntry
from opencheck.secrets import blobcache, cachekey, detectors, fingerprints, pkcs12
from opencheck.secrets.allow import (
    BASELINE_LIMIT,
    Reader,
    Settings,
    SettingsError,
    load_settings,
)
from opencheck.secrets.confidence import (
    CONTEXTUAL_KINDS,
    HIGH,
    LOW,
    MANIFEST_FILES,
    README_NAME,
    confidence,
    describes_a_mock,
    place,
    scanner_config,
)
from opencheck.secrets.copies import (
    CommitCopies,
    TreeCopies,
    identified,
    library_example,
    may_be_example,
)
from opencheck.secrets.detectors import (
    HOST,
    SECRET,
    SENSITIVE,
    Hit,
    engine_name,
    scan,
    scan_stream,
    value_key,
)
from opencheck.secrets.files import (
    CERTIFICATE_STORE,
    DEBUG_KEYSTORE,
    SECRET_FILE_KINDS,
    artefact,
    head_matters,
    secret_file_kind,
)
from opencheck.secrets.gitlog import StartedLog
from opencheck.secrets.history import (
    Dating,
    HistoryScan,
    Introduction,
    Occurrence,
    PathKind,
    scan_history,
)
from opencheck.secrets.kinds import label
from opencheck.secrets.logahead import HISTORY_LOG, new_log, stored
from opencheck.secrets.masking import size_class
from opencheck.secrets.testkeys import DeploymentFiles, throwaway_place
from opencheck.secrets.textview import SNIFF, text_reader, text_view
from opencheck.textdecode import decode_text

if TYPE_CHECKING:
    from opencheck.diffmode import Base

# Stores whose content shows they guard nothing secret: they warn.
PUBLIC_STORE_KINDS = frozenset({CERTIFICATE_STORE, DEBUG_KEYSTORE})
# A key store is judged on its whole bytes: one that shows certificates only (a
# truststore) warns instead of blocking.
STORE_KINDS = frozenset({"pkcs12-file", "keystore-file"})

HISTORY_CATEGORIES = frozenset({SECRET, SENSITIVE})
FOLDER_KINDS = frozenset({"dependency-folder", "build-output"})


class ScanError(RuntimeError):
    """A scan failed. Its message never quotes the scanned content."""


CheckBody = Callable[[Context], Iterator[Finding]]


def guarded(function: CheckBody) -> CheckBody:
    """Turn any failure into a ScanError whose message cannot carry a secret.

    An exception raised while scanning could hold a piece of the content in its
    message (a decoding or parsing error quoting its input); the engine prints error
    messages, so only the exception's type goes out, with git's own message for git.
    """

    @functools.wraps(function)
    def wrapper(ctx: Context) -> Iterator[Finding]:
        try:
            yield from function(ctx)
        except (Skip, Unjudged, SettingsError):
            raise
        except GitError as error:
            raise ScanError(f"git failed: {error}") from None
        except Exception as error:
            raise ScanError(f"{type(error).__name__} during the secrets scan") from None

    return wrapper


# -- the tree ------------------------------------------------------------------------


MAX_LOCATIONS = 20


@dataclass
class Grouped:
    """The same value wherever it is in the tree: reported once, at its first place,
    with how many times and where. It blocks when one of its places is not a test,
    an example or documentation."""

    path: str
    hit: Hit
    count: int = 1
    locations: list[tuple[str, int]] = field(default_factory=list)
    confidence: str = LOW
    # Where it blocks, it is only quoted in comments, and the tests use it: see `example`.
    only_commented: bool = True
    in_tests: bool = False
    quoted_example: bool = False  # judged so at the end of the tree scan: it warns

    def add(self, path: str, hit: Hit, level: str) -> None:
        self.count += 1
        if len(self.locations) < MAX_LOCATIONS and (path, hit.line) not in self.locations:
            self.locations.append((path, hit.line))
        self.weigh(path, hit, level)
        if level == HIGH and self.confidence != HIGH:
            self.confidence, self.path, self.hit = HIGH, path, hit

    def weigh(self, path: str, hit: Hit, level: str) -> None:
        if level == HIGH and not hit.in_comment:
            self.only_commented = False
        if place(path) == "test":
            self.in_tests = True

    @property
    def example(self) -> bool:
        """A keyword's value the code quotes only in comments, where it would block,
        and the tests use as their fixture: the example the code documents itself with
        (cwa-app-android's `// "registrationToken":"63b4…"`, counting a request's
        padding, the token of six test files). Commented out alone, or used by the code
        anywhere, it blocks."""
        return self.confidence == HIGH and self.only_commented and self.in_tests and \
            self.hit.kind in CONTEXTUAL_KINDS

    @property
    def files(self) -> int:
        return len({path for path, _ in self.locations})


@dataclass
class TreeScan:
    hits: list[Grouped] = field(default_factory=list)
    files: list[tuple[str, str, int, int]] = field(default_factory=list)  # path, kind, size, n
    # env files whose values are all empty, references or placeholders
    empty_env_files: set[str] = field(default_factory=set)
    digests: set[str] = field(default_factory=set)
    # the values the tree's findings block on (a place that is no test, example or doc)
    blocking_digests: set[str] = field(default_factory=set)
    # the values quoted only in comments that the tests use (`Grouped.example`): in the
    # history, a comment quoting them is that example too
    example_digests: set[str] = field(default_factory=set)
    # (git blob id, path) -> the hits the history scan looks for, for files that have
    # some: what it need not redo (the files of history_sizes have none otherwise).
    history_hits: dict[tuple[str, str], list[Hit]] = field(default_factory=dict)
    # Their sizes, for those whose bytes change nothing of what their path makes them
    # (no magic number): the history scan does not read them from git again. Keyed as
    # git's log names them (bytes), so that no copy of 60,000 keys is made to look up.
    history_sizes: dict[tuple[bytes, bytes], int] = field(default_factory=dict)


def blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob. The header is hashed, then the bytes:
    not a copy of each file with its header in front (25 MB of new memory for
    IGNF/validator's tree, 3 ms of the history rules' run)."""
    digest = hashlib.sha1(b"blob %d\0" % len(data), usedforsecurity=False)
    digest.update(data)
    return digest.hexdigest()


def settings(ctx: Context) -> Settings:
    return ctx.shared(
        "secrets.settings",
        lambda: load_settings(ctx.settings.get("secrets"), ctx.repo.root, _base_files(ctx)),
    )


def _base_files(ctx: Context) -> Reader | None:
    """In merge-request mode, files as the base revision has them (the baseline the
    policy names is the base's, like the policy itself)."""
    base = ctx.options.base
    if base is None:
        return None
    from opencheck import diffmode  # merge-request mode only

    return diffmode.config_reader(ctx.repo.root, base.commit, BASELINE_LIMIT)


def tree_scan(ctx: Context) -> TreeScan:
    scanned: TreeScan = ctx.read_tree("secrets.tree")
    return scanned


def _name_engine(ctx: Context) -> None:
    ctx.metadata["secrets_engine"] = engine_name()


@tree_reader("secrets.tree", "secrets")
class _TreeScanner:
    """The tree's share of the secrets family, file by file, in the run's one read of
    the tree (`treepass`); `result()` is the `TreeScan`."""

    def __init__(self, ctx: Context) -> None:
        pkcs12.new_run()  # the tree comes first, the history's stores after it
        self.ctx = ctx
        # What the history scan may reuse costs a hash of every file: only when it runs.
        self.for_history = ctx.options.history and ctx.repo.git is not None
        expected = sum(entry.size for entry in ctx.repo.files)
        if self.for_history:
            expected += stored(ctx) or 0
        detectors.prepare(len(ctx.repo.files), expected)
        self.config = settings(ctx)
        self.third_party = thirdparty.lookup(ctx)
        self.scanned = TreeScan()
        self.folders: dict[tuple[str, str], list[int]] = {}
        self.grouped: dict[tuple[str, str], Grouped] = {}

    def wants(self, entry: FileEntry) -> bool:
        return not entry.is_symlink and not self.config.path_allowed(entry.path)

    def take(self, entry: FileEntry, data: bytes | None) -> None:
        ctx, result = self.ctx, self.scanned
        head = data[:BINARY_SNIFF] if data is not None else ctx.repo.read_head(entry.path)
        kind = named = secret_file_kind(entry.path, head)
        if kind in STORE_KINDS:  # a key store is judged on its whole bytes
            kind = secret_file_kind(entry.path, data or head)
        found = artefact(entry.path, head)
        if kind is not None:
            result.files.append((entry.path, kind, entry.size, 1))
        elif found is not None and found.kind in FOLDER_KINDS:
            totals = self.folders.setdefault((found.group, found.kind), [0, 0])
            totals[0] += entry.size
            totals[1] += 1
            return
        elif found is not None:
            result.files.append((entry.path, found.kind, entry.size, 1))
        elif entry.size > self.config.large_file_bytes:
            result.files.append((entry.path, "large-file", entry.size, 1))
        if data is None and _streamable(ctx, entry.path, entry.size):
            hits = _scan_large(ctx, entry.path)  # above the snapshot's limit: in windows
        elif data is None:
            return
        elif (text := text_view(data)) is None:
            # binary: not scanned, here or in the history, nothing to find
            if self.for_history:
                _known_to_history(result, entry.path, data, [], named)
            return
        else:
            hits = scan(text, entry.path)
        if kind == "env-file" and not any(hit.category == SECRET for hit in hits):
            result.empty_env_files.add(entry.path)
        foreign = self.third_party(entry.path) if hits else None
        if foreign is not None:
            # another project's source: its keyword matches and, in a vendored copy or a
            # library's file, its internal addresses (OpenTelemetry's documented ones in
            # alphagov/router's vendor/) are its own examples, not the project's network
            hits = [hit for hit in hits if hit.kind not in CONTEXTUAL_KINDS and not (
                hit.category == HOST and foreign.reason in _OTHERS_SOURCE)]
        if data is not None and self.for_history:
            _known_to_history(result, entry.path, data,
                              [hit for hit in hits if hit.category in HISTORY_CATEGORIES], named)
        grouped = self.grouped
        for hit in hits:
            result.digests.add(hit.digest)
            level = _mock_level(ctx, hit, entry.path)
            if level == HIGH and (_tree_example(ctx, entry.path, hit.kind)
                                  or _test_key(ctx, hit.kind, entry.path)):
                level = LOW
            key = (hit.kind, hit.digest)
            if key in grouped:
                grouped[key].add(entry.path, hit, level)
            else:
                grouped[key] = Grouped(entry.path, hit, 1, [(entry.path, hit.line)], level)
                grouped[key].weigh(entry.path, hit, level)

    def result(self) -> TreeScan:
        result = self.scanned
        for group in self.grouped.values():
            if group.example:
                group.confidence, group.quoted_example = LOW, True
                result.example_digests.add(group.hit.digest)
        result.hits.extend(self.grouped.values())
        result.blocking_digests = {group.hit.digest for group in self.grouped.values()
                                   if group.confidence == HIGH}
        for (folder, kind), (size, count) in sorted(self.folders.items()):
            result.files.append((folder, kind, size, count))
        _name_engine(self.ctx)
        return result


# Third-party files copied from another project's source (not a lockfile, which names
# the project's own registries, nor a bundle, which may be built from its own code).
_OTHERS_SOURCE = frozenset({thirdparty.VENDORED, thirdparty.BANNER})


def _tree_example(ctx: Context, path: str, kind: str) -> bool:
    """A key at a test or example place of another project's copy in the tree: a
    vendoring folder's component, or a release committed whole (`boost/`)."""
    if not may_be_example(kind, path):
        return False
    vendored = thirdparty.lookup(ctx)(path)
    if vendored is not None and vendored.reason == thirdparty.VENDORED:
        return library_example(kind, path, vendored.component)
    copies: TreeCopies = ctx.shared("secrets.tree-copies", lambda: TreeCopies(
        ctx.repo.paths(), ctx.repo.read_bytes, thirdparty.project_names(ctx.repo)))
    return library_example(kind, path, copies.component(path))


def _history_example(ctx: Context, kind: str, intro: Introduction | None) -> bool:
    """A key the history brought in a test or example place of another project's copy,
    as the commit that brought it held its folders (the folder may be gone since)."""
    if intro is None or ctx.repo.git is None or not may_be_example(kind, intro.path):
        return False
    vendored = thirdparty.by_path(intro.path)
    if vendored is not None and vendored.reason == thirdparty.VENDORED:
        return library_example(kind, intro.path, vendored.component)
    def made() -> CommitCopies:
        copies = CommitCopies(
            ctx.repo.git.toplevel if ctx.repo.git else ctx.repo.root,
            thirdparty.project_names(ctx.repo),
            lambda: ctx.shared("secrets.tree-licences", lambda: _tree_licences(ctx)))
        ctx.at_end(copies.close)
        return copies
    copies: CommitCopies = ctx.shared("secrets.commit-copies", made)
    return library_example(kind, intro.path, copies.component(intro.commit, intro.path))


def _deployment_files(ctx: Context) -> DeploymentFiles:
    """The tree's files that deploy or run the project, read once, when a key asks."""
    def made() -> DeploymentFiles:
        entries = {entry.path: entry for entry in ctx.repo.files}
        links = {entry.path: (entry.inode, entry.device) for entry in ctx.repo.files
                 if entry.is_symlink and entry.inode is not None}

        def identity(path: str) -> object | None:
            entry = entries.get(path)
            return None if entry is None or entry.inode is None else (entry.inode, entry.device)
        return DeploymentFiles(ctx.repo.paths(), ctx.repo.read_text, links, identity,
                               folder_links=_folder_links(ctx))
    found: DeploymentFiles = ctx.shared("secrets.deployment-files", made)
    return found


def _folder_links(ctx: Context) -> dict[str, str]:
    """Each link of the tree to one of its folders, with that folder from the top (the
    listing keeps no such link among its files: `Repository.not_files`); a link out of
    the tree, or one that loops, is none."""
    try:
        top = ctx.repo.root.resolve()
    except OSError:
        return {}
    found: dict[str, str] = {}
    for name in ctx.repo.not_files:
        full = ctx.repo.root / name
        try:
            if not full.is_symlink():
                continue
            target = full.resolve(strict=True)
            if target.is_dir() and target.is_relative_to(top) and target != top:
                found[name] = target.relative_to(top).as_posix()
        except (OSError, RuntimeError):  # gone since listed, or a loop
            continue
    return found


def _test_key(ctx: Context, kind: str, path: str) -> bool:
    """A private key (or key store) only kept for tests, examples or documentation,
    which no file that deploys or runs the project names (`secrets/testkeys.py`)."""
    return throwaway_place(kind, path) and not _deployment_files(ctx).used(path)


def _says_test_key(ctx: Context, kind: str, path: str) -> bool:
    """Whether a key's warning is told as a test key's (with its advice): not one of a
    published package's (`node_modules/…/test/`), which has its own reason."""
    return confidence(kind, path) == HIGH and _test_key(ctx, kind, path)


def _history_test_key(ctx: Context, kind: str, paths: Iterable[str]) -> bool:
    """A key of the history each of whose places (`paths` as the history names them,
    from the repository's top) is a test key's: none elsewhere, and none named by
    today's deployment files."""
    local = _prefix(ctx)
    places = [local(path) for path in paths]
    return bool(places) and all(_test_key(ctx, kind, path) for path in places)


def _history_paths(history: HistoryScan, occurrence: Occurrence, path: str) -> list[str]:
    """Every path the history held a value under, as far as the log shows it; none when
    the log stopped early (the value then blocks, as any key did)."""
    if history.log_error is not None:
        return []
    paths = {path}
    for oid, (where, _line) in occurrence.blobs.items():
        paths.add(where)
        paths.update(history.names.get(oid, ()))
    return sorted(paths)


def _named_by(ctx: Context, kind: str, path: str) -> Text:
    """Why a key in a test folder blocks: the file that names it."""
    if not throwaway_place(kind, path):
        return Text("", "")
    files = _deployment_files(ctx)
    named = files.naming(path)
    if named is None and files.incomplete:
        return Text(fr=" Rangée avec les tests, mais les fichiers de déploiement sont trop "
                       "grands pour être lus en entier : elle peut servir hors des tests.",
                    en=" Kept with the tests, but the deployment files are too large to be "
                       "read whole: it may be used outside the tests.")
    if named is None:
        return Text("", "")
    return Text(fr=f" Rangée avec les tests, mais {named} la nomme : elle peut servir hors "
                   "des tests.",
                en=f" Kept with the tests, but {named} names it: it may be used outside "
                   "the tests.")


def _held_elsewhere(ctx: Context, kind: str, local: str, paths: list[str]) -> Text:
    """Why a key of the history dated in a test folder blocks: another name the history
    held its blob under, which is no test's (the first one, as the checked folder
    names it)."""
    if not throwaway_place(kind, local):
        return Text("", "")
    if not paths:  # the log stopped early (`_history_paths`)
        return Text(fr=" Rangée avec les tests, mais l'historique n'a pas pu être lu en "
                       "entier : elle a pu être tenue ailleurs.",
                    en=" Kept with the tests, but the history could not be read whole: it "
                       "may have been held elsewhere.")
    prefix = _prefix(ctx)
    other = next((prefix(path) for path in paths if not throwaway_place(kind, prefix(path))),
                 None)
    if other is not None:
        return Text(fr=f" Rangée avec les tests, mais l'historique l'a aussi tenue sous "
                       f"{other}, hors des tests.",
                    en=f" Kept with the tests, but the history also held it as {other}, "
                       "outside the tests.")
    files = _deployment_files(ctx)
    for path in paths:
        named = files.naming(prefix(path))
        if named is not None:
            return Text(fr=f" Rangée avec les tests, mais l'historique l'a aussi tenue sous "
                           f"{prefix(path)}, que {named} nomme.",
                        en=f" Kept with the tests, but the history also held it as "
                           f"{prefix(path)}, which {named} names.")
    return Text("", "")


def _tree_licences(ctx: Context) -> set[str]:
    return {identified(ctx.repo.read_bytes(path)) for path in ctx.repo.paths()
            if "/" not in path and thirdparty.LICENCE_FILE.match(path)}


def _known_to_history(result: TreeScan, path: str, data: bytes, hits: list[Hit],
                      named: str | None) -> None:
    """`named`: what the file's name and first bytes make it (`secret_file_kind`); when
    those bytes do not matter, what its name alone does."""
    key = (blob_id(data), path)
    if hits:  # most files have none: an entry each would cost 60,000 of them on a big tree
        result.history_hits[key] = hits
    # a key store's name is judged with its bytes: the history reads them again
    if not head_matters(data) and named not in STORE_KINDS:
        # a name git cannot have written so (not UTF-8) is read from git instead
        with contextlib.suppress(UnicodeError):
            result.history_sizes[(key[0].encode("ascii"), path.encode("utf-8"))] = len(data)


def _streamable(ctx: Context, path: str, size: int) -> bool:
    """A text file above the snapshot's size limit, which the tree scan reads in windows
    (UTF-16/32 text decoded: `textview`)."""
    if size <= ctx.repo.size_limit:
        return False
    head = ctx.repo.read_head(path)
    return head is not None and text_view(head) is not None


def _scan_large(ctx: Context, path: str) -> list[Hit]:
    try:
        with ctx.repo.open(path) as handle:
            head = handle.read(SNIFF)
            handle.seek(0)
            reader = text_reader(head, handle)
            return [] if reader is None else scan_stream(reader, path)
    except OSError:
        return []  # files-readable reports what could not be read


def _keep(ctx: Context, finding: Finding) -> bool:
    """Whether a finding is not one the configuration's baseline knows; one it hides,
    at the rule's own severity, is counted for the verdict (`Context.waived`)."""
    known = settings(ctx).fingerprints
    if finding.fingerprint in known and not _put_in_a_known_place(ctx, finding):
        _hidden(ctx, finding)
        return False
    if finding.former_fingerprint in known:  # a baseline older versions wrote
        ctx.metadata["secrets_baseline_former"] = \
            int(ctx.metadata.get("secrets_baseline_former") or 0) + 1
        _hidden(ctx, finding)
        return False
    return True


def _hidden(ctx: Context, finding: Finding) -> None:
    if finding.severity is None:  # the rule's own: blocking where the rule blocks
        ctx.waived(BY_BASELINE, finding.rule)


def _put_in_a_known_place(ctx: Context, finding: Finding) -> bool:
    """In merge-request mode, a value of the tree whose place the baseline knows (its
    fingerprint is its place's) but which the base revision's file did not hold: another
    value put in the place of the known one, which the change brings."""
    base = ctx.options.base
    if base is None or finding.path is None or not fingerprints.by_place(finding.public_key):
        return False
    if fingerprints.of_history(finding):
        # a value dated by a commit of the change came in with it: its rank among the
        # file's values, by their commits' dates, is the change's to choose
        return finding.extra.get("commit") in _change_commits(ctx, base)
    if not fingerprints.in_tree(finding):
        return False
    from opencheck.secrets.earlier import EarlierValues  # merge-request mode only

    earlier: EarlierValues = ctx.shared(
        "secrets.base-values", lambda: EarlierValues(ctx.repo.root, base.commit))
    return not earlier.held(finding.key, finding.path)


def _change_commits(ctx: Context, base: Base) -> frozenset[str]:
    """The commits of the change (those HEAD reaches and the base does not), as
    merge-request mode's scope counts them."""
    def listed() -> frozenset[str]:
        if ctx.options.change is not None:
            return ctx.options.change
        try:
            out = run_git(ctx.repo.root, "rev-list", f"{base.commit}..{base.head}", "--")
        except GitError:
            return frozenset()
        return frozenset(out.decode("ascii", "replace").split())
    found: frozenset[str] = ctx.shared("secrets.change-commits", listed)
    return found


def _fingerprint_key(ctx: Context) -> bytes | None:
    """The run's `OPENCHECK_FINGERPRINT_KEY`; a key too short leaves the value rules
    unjudged rather than publishing fingerprints it would not protect."""
    try:
        key = fingerprints.fingerprint_key()
    except fingerprints.ShortKey:
        raise Unjudged(fingerprints.SHORT_KEY) from None
    ctx.metadata["secret_fingerprints"] = fingerprints.KEYED if key else fingerprints.BY_PLACE
    return key


def _tree_public_keys(ctx: Context) -> dict[int, str]:
    """Each value of the tree's public key (`Finding.public_key`), by its group's id:
    ranked by file, line and column."""
    def ranked() -> dict[int, str]:
        groups = sorted(tree_scan(ctx).hits, key=lambda g: (g.path, g.hit.line, g.hit.column))
        keys = fingerprints.public_keys([(g.path, g.hit) for g in groups], _fingerprint_key(ctx))
        return {id(group): key for group, key in zip(groups, keys, strict=True)}
    found: dict[int, str] = ctx.shared("secrets.tree-public-keys", ranked)
    return found


def _spread(group: Grouped) -> Text | None:
    """`(3 occurrences in 2 files)`, or None for a value found once."""
    if group.count <= 1:
        return None
    files = group.files
    if files > 1:
        return Text(fr=f" ({group.count} occurrences dans {files} fichiers)",
                    en=f" ({group.count} occurrences in {files} files)")
    return Text(fr=f" ({group.count} occurrences dans le fichier)",
                en=f" ({group.count} occurrences in the file)")


# Why a secret only warns, said after its message: (French, English).
_LOW_NOTES = {
    "place": (" Trouvé seulement dans des tests, exemples, la documentation ou des paquets "
              "publiés : à vérifier.",
              " Found only in tests, examples, documentation or published packages: to be "
              "checked."),
    "browser-key": (" Le projet la dit publique (une clé que les pages web envoient aux "
                    "navigateurs) : vérifiez qu'elle est restreinte (référents HTTP, API "
                    "autorisées).",
                    " The project names it public (a key web pages send to browsers): check "
                    "that it is restricted (HTTP referrers, allowed APIs)."),
    "anon-key": (" Une clé anon de Supabase, que toutes les pages du site envoient : elle "
                 "ne donne que ce que la sécurité par ligne (RLS) des tables permet à "
                 "chacun ; vérifiez que chaque table l'active.",
                 " A Supabase anon key, which every page of the site sends: it grants only "
                 "what the tables' row-level security lets anyone do; check that every "
                 "table enables it."),
    "local-issuer": (" Émis par un serveur sur le poste du développeur (émetteur local ou "
                     "de test) : seul ce serveur l'accepte ; vérifiez qu'il ne s'agit pas "
                     "d'un jeton réel.",
                     " Issued by a server on the developer's machine (a local or test "
                     "issuer): only that server accepts it; check that it is no real "
                     "token."),
    "mock-package": (" Trouvé dans un paquet qui se décrit comme un serveur factice (mock) : "
                     "à vérifier.",
                     " Found in a package that describes itself as a mock server: to be "
                     "checked."),
    "quoted-example": (" Cité seulement dans des commentaires hors des tests, qui l'emploient "
                       "comme donnée d'essai : une valeur d'exemple, à vérifier.",
                       " Quoted only in comments outside the tests, which use it as their "
                       "fixture: an example value, to be checked."),
    "test-key": (" Clé rangée seulement avec les tests, les exemples ou la documentation, "
                 "et qu'aucun fichier de déploiement, de conteneur ou de CI ne nomme : une "
                 "clé de test, publique dès l'ouverture du code. Vérifiez qu'elle ne protège "
                 "rien, ou mieux, générez-la au lancement des tests.",
                 " A key kept only with the tests, examples or documentation, which no "
                 "deployment, container or CI file names: a test key, public once the code "
                 "is opened. Check that it protects nothing, or better, generate it when "
                 "the tests run."),
    "scanner-allowlist": (" Listé dans la configuration d'un détecteur de secrets du projet "
                          "(une liste d'autorisation) : vérifiez qu'il est révoqué ou n'est "
                          "pas un secret.",
                          " Listed in the project's secret-scanner configuration (an "
                          "allowlist): check that it is revoked or is no secret."),
}


def _level(hit: Hit, path: str) -> str:
    """HIGH when the hit blocks; a key made for browsers, or a token a developer's own
    server issued, only warns, wherever it is."""
    return LOW if hit.browser_key or hit.local_issuer else confidence(hit.kind, path)


def _mock_level(ctx: Context, hit: Hit, path: str) -> str:
    """The level of a hit, LOW also when a keyword's or a JWT's file lies in a package
    that describes itself as a mock server."""
    level = _level(hit, path)
    if level == HIGH and hit.kind in CONTEXTUAL_KINDS and _mock_package(ctx, path):
        return LOW
    return level


def _package_files(paths: Iterable[str]) -> dict[str, tuple[str | None, str]]:
    """The folders holding a package manifest: (its README or None, the manifest)."""
    readmes: dict[str, str] = {}
    manifests: dict[str, str] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        if name in MANIFEST_FILES:
            manifests.setdefault(folder, path)
        elif README_NAME.match(name):
            readmes.setdefault(folder, path)
    return {folder: (readmes.get(folder), manifest) for folder, manifest in manifests.items()}


_DESCRIPTION = re.compile(r'^[ \t]*description[ \t]*=[ \t]*"([^"\n]{1,600})"', re.MULTILINE)


def _manifest_description(text: str, path: str) -> str | None:
    if path.endswith(".toml"):
        found = _DESCRIPTION.search(text)
        return found.group(1) if found else None
    try:  # a manifest nested 100,000 deep raised RecursionError: the whole scan failed
        loaded = load_json(text)
    except (ValueError, RecursionError):
        return None
    value = loaded.get("description") if isinstance(loaded, dict) else None
    return value if isinstance(value, str) else None


def _mock_package(ctx: Context, path: str) -> bool:
    """Whether a folder holding `path` is a package whose README opening or manifest
    describes it as a mock server (io-app's `apps/dev-api-server`)."""
    packages = ctx.shared("secrets.packages", lambda: _package_files(ctx.repo.paths()))
    judged: dict[str, bool] = ctx.shared("secrets.mock-packages", dict)
    # Each folder's answer is kept: a hit climbs only to the first folder already
    # answered (its parent, for the files of one folder). Building every parent of the
    # path for each hit was the square of its depth: a password in each of thousands of
    # files 2,000 levels deep took minutes.
    within: dict[str, bool] = ctx.shared("secrets.mock-folders", dict)
    folder, climbed = path.rpartition("/")[0], []
    while folder not in within:
        # the checked folder's own package is the project itself: its README's first
        # sentence, which any change may rewrite, never makes every hit a test's
        if folder and folder in packages and _mock_manifest(ctx, folder, packages, judged):
            within[folder] = True
            break
        climbed.append(folder)
        if not folder:
            break
        folder = folder.rpartition("/")[0]
    answer = within.get(folder, False)
    for below in climbed:
        within[below] = answer
    return answer


def _mock_manifest(ctx: Context, folder: str, packages: dict[str, tuple[str | None, str]],
                   judged: dict[str, bool]) -> bool:
    """Whether the package of `folder` describes itself as a mock server (once each)."""
    if folder not in judged:
        readme, manifest = packages[folder]
        base = _base_files(ctx)
        if base is None:
            text: str | None = ctx.repo.read_text(manifest) or ""
            opening = ctx.repo.read_text(readme) if readme else None
        else:  # a change cannot make its own package a mock: the base says what it is
            text, opening = _base_text(base, manifest), _base_text(base, readme)
        judged[folder] = text is not None and describes_a_mock(
            opening, _manifest_description(text[:MANIFEST_LIMIT], manifest))
    return judged[folder]


def _base_text(base: Reader, path: str | None) -> str | None:
    """A package file as the base revision has it; None when the base has none (the
    change adds it), or one that is a link, a folder or over 8 MiB."""
    if path is None:
        return None
    try:
        data = base(path)
    except (OSError, GitError):
        return None
    return None if data is None else decode_text(data)


MANIFEST_LIMIT = 1024 * 1024


def _low_note(ctx: Context, hit: Hit, path: str) -> Text:
    reason = "local-issuer" if hit.local_issuer else \
        ("anon-key" if hit.kind == "jwt" else "browser-key") if hit.browser_key \
        else "scanner-allowlist" if scanner_config(path) else \
        "test-key" if _says_test_key(ctx, hit.kind, path) else \
        "mock-package" if _level(hit, path) == HIGH and _mock_level(ctx, hit, path) == LOW \
        else "place"
    return Text(*_LOW_NOTES[reason])


TEST_KEY_FIX = Text(
    fr="Générez la clé au lancement des tests (openssl, ssh-keygen, la bibliothèque de "
       "cryptographie des tests) au lieu de la versionner ; si elle doit rester, "
       "vérifiez qu'aucun serveur, certificat ou jeton réel ne s'y fie.",
    en="Generate the key when the tests run (openssl, ssh-keygen, the tests' crypto "
       "library) instead of committing it; if it must stay, check that no real server, "
       "certificate or token trusts it.",
)


NEW_ALLOW = Text(
    fr=" Le commentaire « opencheck: allow » de cette ligne vient de la modification : en "
       "mode merge request, seuls ceux de la branche de base comptent.",
    en=" The line's 'opencheck: allow' comment comes with the change: in merge-request "
       "mode only the base branch's allow comments count.",
)


POLICY_ALLOW = Text(
    fr=" Le commentaire « opencheck: allow » de cette ligne est écarté : la politique de "
       "l'auditeur ne l'admet pas.",
    en=" The line's 'opencheck: allow' comment is set aside: the auditor's policy does not "
       "take it.",
)


def _allow_note(ctx: Context, hit: Hit) -> Text:
    """What a finding says of its line's allow comment, which did not clear it."""
    if not hit.allowed_inline:
        return Text("", "")
    return NEW_ALLOW if ctx.options.allow_comments else POLICY_ALLOW


def _allowed(ctx: Context, path: str, hit: Hit) -> bool:
    """Whether an inline allow comment clears the hit. In merge-request mode the comment
    must already be on the base branch, next to the same value: a change cannot clear
    its own secret, as it cannot relax the policy. Under an auditor's policy that does
    not take them (`Options.allow_comments`), none does, and they are counted."""
    if not hit.allowed_inline:
        return False
    if not ctx.options.allow_comments:
        set_aside: set[tuple[str, str]] = ctx.shared("secrets.allow-set-aside", set)
        set_aside.add((path, hit.digest))
        ctx.metadata["allow_comments_set_aside"] = len(set_aside)
        return False
    base = _base_files(ctx)
    if base is None:
        return True
    cleared: dict[str, frozenset[str]] = ctx.shared("secrets.base-allowed", dict)
    if path not in cleared:
        try:
            data = base(path)
        except OSError:
            data = None
        text = text_view(data) if data is not None else None
        hits = scan(text, path) if text is not None else []
        cleared[path] = frozenset(h.digest for h in hits if h.allowed_inline)
    return hit.digest in cleared[path]


def _tree_hits(ctx: Context, rule: str, category: str) -> Iterator[Finding]:
    public = _tree_public_keys(ctx)
    for group in tree_scan(ctx).hits:
        hit = group.hit
        if hit.category != category:
            continue
        if _allowed(ctx, group.path, hit):
            if category == SECRET and group.confidence != LOW:
                ctx.waived(BY_COMMENT, rule)
            continue
        more = _spread(group)
        low = category == SECRET and group.confidence == LOW
        note = Text(*_LOW_NOTES["quoted-example"]) if group.quoted_example else \
            _low_note(ctx, hit, group.path) if low else _named_by(ctx, hit.kind, group.path)
        if hit.allowed_inline:
            said = _allow_note(ctx, hit)
            note = Text(note.fr + said.fr, note.en + said.en)
        name = label(hit.kind)
        finding = Finding(
            rule=rule,
            message=Text(
                fr=f"{name.fr} : {hit.masked}{more.fr if more else ''}.{note.fr}",
                en=f"{name.en}: {hit.masked}{more.en if more else ''}.{note.en}",
            ),
            path=group.path,
            line=hit.line,
            column=hit.column,
            key=value_key(hit),
            public_key=public[id(group)],
            severity=Severity.WARNING if low else None,
            fix=TEST_KEY_FIX if low and _says_test_key(ctx, hit.kind, group.path) else None,
            extra={"kind": hit.kind, "in_tree": True, "commit": None, "masked": hit.masked,
                   "confidence": group.confidence, "count": group.count,
                   "locations": [{"path": path, "line": line}
                                 for path, line in group.locations]},
        )
        if not low and all(throwaway_place(hit.kind, path) for path, _ in group.locations):
            # a test key that blocks because a deployment file names it: merge-request
            # mode asks whether the change made that file name it (`diffmode.Scope`)
            deployer = _deployment_files(ctx).naming(group.path)
            if deployer is not None:
                finding.extra["deployed_by"] = deployer
        if _keep(ctx, finding):
            yield finding


@check("secret-in-tree")
@guarded
def secret_in_tree(ctx: Context) -> Iterator[Finding]:
    yield from _tree_hits(ctx, "secret-in-tree", SECRET)


@check("sensitive-data-in-tree")
@guarded
def sensitive_data_in_tree(ctx: Context) -> Iterator[Finding]:
    yield from _tree_hits(ctx, "sensitive-data-in-tree", SENSITIVE)


@check("sensitive-internal-host")
@guarded
def sensitive_internal_host(ctx: Context) -> Iterator[Finding]:
    yield from _tree_hits(ctx, "sensitive-internal-host", HOST)


def human_size(size: int, lang: str = "en") -> str:
    unit = "o" if lang == "fr" else "B"
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} M{unit}"
    if size >= 1024:
        return f"{size / 1024:.0f} K{unit}"
    return f"{size} {unit}"


def file_size(kind: str, size: int) -> tuple[Text, dict[str, object]]:
    """A file finding's size, said and in `extra`: an artefact's exactly; a secret
    file's as a class of sizes (`masking.size_class`) or rounded to the kilobyte, never
    its bytes, which told a one-line `.env`'s value's length."""
    said = Text(human_size(size, "fr"), human_size(size))
    if kind not in SECRET_FILE_KINDS:
        return said, {"size": size}
    shown = size_class(size)
    if shown is not None:
        low, high = shown
        said = Text(f"{low}-{high} o", f"{low}-{high} B")
    return said, {"size_class": said.en}


EMPTY_ENV = Text(
    fr=" Aucune valeur n'y ressemble à un secret (vides, références ou exemples).",
    en=" None of its values looks like a secret (empty, references or examples).",
)
# Nothing to revoke: the catalogue's fix (revoke what it held) would contradict the message.
EMPTY_ENV_FIX = Text(
    fr="S'il ne sert que de modèle, renommez-le comme tel (.env.example) ; sinon retirez-le "
    "du dépôt (git rm --cached) et ajoutez-le à .gitignore, avant qu'une vraie valeur y "
    "soit écrite.",
    en="If it is only a template, name it as one (.env.example); otherwise remove it from "
    "the repository (git rm --cached) and add it to .gitignore, before a real value is "
    "written in it.",
)


# The same for an env file of the history none of whose versions held a credential
# (udata-front's 39-byte `.env` of one Vite setting): the history's fix (treat the
# secret as compromised, rewrite the history) would send the user to rewrite it for
# nothing.
EMPTY_ENV_HISTORY = Text(
    fr=" Aucune de ses versions ne contenait de valeur ressemblant à un secret (vides, "
    "références ou exemples).",
    en=" None of its versions held a value that looks like a secret (empty, references "
    "or examples).",
)
EMPTY_ENV_HISTORY_FIX = Text(
    fr="Rien à révoquer ni à réécrire : aucune version n'en contenait de secret. Pour que "
    "les prochains fichiers .env restent hors du dépôt, listez-les dans .gitignore (un "
    "modèle se nomme .env.example).",
    en="Nothing to revoke or rewrite: none of its versions held a secret. To keep the "
    "next .env files out of the repository, list them in .gitignore (a template is named "
    ".env.example).",
)


# Symfony reads `.env` and `.env.<environment>` from the repository for its defaults:
# its recipes commit them, and the machine's own values go in `.env.local`, which its
# .gitignore lists. Renaming them `.env.example` would break the application.
SYMFONY_ENV = Text(
    fr=" Aucune valeur n'y ressemble à un secret, et Symfony lit ce fichier versionné "
    "pour ses valeurs par défaut.",
    en=" None of its values looks like a secret, and Symfony reads this committed file "
    "for its defaults.",
)
SYMFONY_ENV_FIX = Text(
    fr="Gardez-y des valeurs par défaut seulement : les vraies valeurs vont dans "
    ".env.local (ignoré) ou dans le coffre de secrets de Symfony (secrets:set).",
    en="Keep defaults only in it: real values go in .env.local (ignored) or in Symfony's "
    "secrets vault (secrets:set).",
)
_SYMFONY_PACKAGES = (b'"symfony/dotenv"', b'"symfony/framework-bundle"')


def symfony_defaults(ctx: Context, path: str) -> bool:
    """A `.env` or `.env.<environment>` (not `.local`) beside a Symfony application's
    `symfony.lock` or a composer.json requiring symfony/dotenv or its framework."""
    folder, _, name = path.rpartition("/")
    if not (name == ".env" or name.startswith(".env.")) or name.endswith(".local"):
        return False
    prefix = f"{folder}/" if folder else ""
    if ctx.repo.exists(f"{prefix}symfony.lock"):
        return True
    manifest = ctx.repo.read_bytes(f"{prefix}composer.json") if \
        ctx.repo.exists(f"{prefix}composer.json") else None
    return manifest is not None and any(name in manifest for name in _SYMFONY_PACKAGES)


FOREIGN_ENV_FIX = Text(
    fr="Rien à faire : c'est un fichier de la copie, qui part avec elle si la dépendance "
       "est déclarée au lieu d'être copiée.",
    en="Nothing to do: it is a file of the copy, gone with it if the dependency is declared "
       "instead of copied.")


def _foreign_env(component: str) -> Text:
    return Text(
        fr=f" Il appartient au code d'un autre projet ({component}) et aucune valeur n'y "
           "ressemble à un secret : rien à faire pour le projet.",
        en=f" It is part of another project's code ({component}) and none of its values "
           "looks like a secret: nothing for the project to do.")


def _file_finding(rule: str, path: str, kind: str, size: int, count: int,
                  severity: Severity | None = None, empty: bool = False,
                  symfony: bool = False, test_key: bool = False,
                  named: Text | None = None, foreign: str | None = None) -> Finding:
    name = label(kind)
    files = Text(fr=f", {count} fichiers", en=f", {count} files") if count > 1 else Text("", "")
    note = _foreign_env(foreign) if foreign else \
        (SYMFONY_ENV if symfony else EMPTY_ENV) if empty else \
        Text(*_LOW_NOTES["test-key"]) if test_key else named or Text("", "")
    fix = FOREIGN_ENV_FIX if foreign else \
        (SYMFONY_ENV_FIX if symfony else EMPTY_ENV_FIX) if empty else \
        TEST_KEY_FIX if test_key else None
    shown, sized = file_size(kind, size)
    return Finding(
        rule=rule,
        message=Text(
            fr=f"{path} ({name.fr}, {shown.fr}{files.fr}) est versionné.{note.fr}",
            en=f"{path} ({name.en}, {shown.en}{files.en}) is committed.{note.en}",
        ),
        path=path,
        severity=severity,
        fix=fix,
        key=kind,
        extra={"kind": kind, **sized, "in_tree": True, "commit": None},
    )


@check("secret-file-committed")
@guarded
def secret_file_committed(ctx: Context) -> Iterator[Finding]:
    scan_result = tree_scan(ctx)
    third_party = thirdparty.lookup(ctx)
    for path, kind, size, count in scan_result.files:
        if kind in SECRET_FILE_KINDS:
            empty = path in scan_result.empty_env_files
            test_key = _test_key(ctx, kind, path)
            weak = empty or kind in PUBLIC_STORE_KINDS or _tree_example(ctx, path, kind) \
                or test_key
            symfony = empty and symfony_defaults(ctx, path)
            # a vendored module's own test `.env` (oblik's vendor/github.com/subosito/
            # gotenv/.env): another project's file, with nothing in it
            foreign = third_party(path) if empty and not symfony else None
            if foreign is not None and foreign.reason in thirdparty.OWN_GENERATED:
                foreign = None
            severity = Severity.INFO if symfony or foreign else \
                Severity.WARNING if weak else None
            finding = _file_finding("secret-file-committed", path, kind, size, count,
                                    severity, empty, symfony,
                                    test_key=test_key and not empty and not symfony,
                                    named=_named_by(ctx, kind, path) if not weak else None,
                                    foreign=foreign.component if foreign else None)
            if _keep(ctx, finding):
                yield finding


@check("artefact-binary-committed")
@guarded
def artefact_binary_committed(ctx: Context) -> Iterator[Finding]:
    for path, kind, size, count in tree_scan(ctx).files:
        if kind not in SECRET_FILE_KINDS and kind != "large-file":
            finding = _file_finding("artefact-binary-committed", path, kind, size, count)
            if _keep(ctx, finding):
                yield finding


@check("artefact-large-file")
@guarded
def artefact_large_file(ctx: Context) -> Iterator[Finding]:
    for path, kind, size, count in tree_scan(ctx).files:
        if kind == "large-file":
            finding = _file_finding("artefact-large-file", path, kind, size, count)
            if _keep(ctx, finding):
                yield finding


# -- the history ---------------------------------------------------------------------

NO_HISTORY = Text(
    fr="L'historique n'est pas analysé (--no-history).",
    en="The history is not scanned (--no-history).",
)
NO_GIT = Text(
    fr="Pas de dépôt git : aucun historique à analyser.",
    en="Not a git repository: no history to scan.",
)
UNREADABLE = Text(
    fr="git ne peut pas lire ce dépôt (voir git-readable) : son historique existe mais "
       "n'est pas analysé. Analysez un clone que cette version de git sait lire.",
    en="git cannot read this repository (see git-readable): its history exists but is "
       "not scanned. Scan a clone that this version of git can read.",
)
SHALLOW = Text(
    fr="Clone superficiel : l'historique est incomplet. Clonez tout l'historique "
       "(git fetch --unshallow, ou fetch-depth: 0 dans actions/checkout, "
       "GIT_DEPTH: 0 dans GitLab CI).",
    en="Shallow clone: the history is incomplete. Fetch the whole history "
       "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout, "
       "GIT_DEPTH: 0 in GitLab CI).",
)


def history_scan(ctx: Context) -> HistoryScan:
    if not ctx.options.history:
        raise Skip(NO_HISTORY)
    git = ctx.repo.git
    if git is None:
        # A .git this git refuses (an extension it does not know, such as a newer git's
        # reftable, or a forged one) still holds a history that another git publishes.
        if ctx.repo.git_error and "dubious ownership" not in ctx.repo.git_error:
            raise Unjudged(UNREADABLE)
        raise Skip(NO_GIT)
    # The history exists but cannot be read here: not judged, never taken as clean.
    if git.shallow:
        raise Unjudged(SHALLOW)
    if git.objects_unavailable:
        raise Unjudged(git.objects_unavailable)  # never read an object git would fetch
    scan = ctx.shared("secrets.history", lambda: _scan_history(ctx, git.toplevel))
    if scan.absent:
        ctx.metadata["history_objects_not_read"] = scan.absent
    if scan.log_error:
        ctx.metadata["history_origins_incomplete"] = scan.log_error
    return scan


def _scan_history(ctx: Context, toplevel: Path) -> HistoryScan:
    config = settings(ctx)
    prefix = _prefix(ctx)

    # Per path, once (a history has many blobs per path): whether its content is
    # scanned, its path from the checked folder, and what its name alone makes it.
    per_path: dict[str, tuple[bool, str, tuple[str, str] | None]] = {}

    def by_name(local: str, head: bytes | None) -> tuple[str, str] | None:
        kind = secret_file_kind(local, head)
        if kind is not None:
            return kind, local
        found = artefact(local, head)
        return None if found is None else (found.kind, found.group)

    def facts(path: str) -> tuple[bool, str, tuple[str, str] | None]:
        found = per_path.get(path)
        if found is None:
            local = prefix(path)
            wanted = not config.path_allowed(local)
            found = per_path[path] = (wanted, local, by_name(local, None) if wanted else None)
        return found

    def content_wanted(path: str) -> bool:
        return facts(path)[0]

    def by_path(path: str, size: int, head: bytes) -> tuple[str, str] | None:
        wanted, local, kind = facts(path)
        if not wanted:
            return None
        if head_matters(head) or (head and kind is not None and kind[0] in STORE_KINDS):
            kind = by_name(local, head)
        if kind is None and size > config.large_file_bytes:
            return "large-file", local
        return kind

    # git walks the commits while the working tree is scanned
    head_on_branch = bool(ctx.repo.git and ctx.repo.git.branch)
    started = ctx.take_ahead(HISTORY_LOG) or new_log(ctx, toplevel)
    try:
        # The working tree first: the history's hit rules need it anyway, and its
        # files, the newest blobs of the history, are then not scanned a second time.
        try:
            tree: TreeScan | None = tree_scan(ctx)
        except Exception:  # its own rules say why; the history is scanned all the same
            tree = None
        known: dict[tuple[str, str], list[Hit]] | None = None
        unread: dict[tuple[bytes, bytes], int] | None = None
        if tree is not None:
            above = _folder_in_toplevel(ctx)
            known, unread = tree.history_hits, tree.history_sizes
            if above:  # a subfolder is checked: its paths as the history names them
                known = {(oid, above + path): hits for (oid, path), hits in known.items()}
                raw = above.encode("utf-8")
                unread = {(oid, raw + path): size for (oid, path), size in unread.items()}
        # the blobs an earlier run found nothing in are not read again
        cache = _blob_cache(ctx, toplevel, config)
        kept = blobcache.load(*cache) if cache is not None else None
        if cache is not None and kept is None:  # a file this run's key does not vouch for
            ctx.metadata["history_cache_not_trusted"] = cachekey.NOT_SIGNED
        change = ctx.options.change
        if change is not None and tree is not None:
            narrowed = _scan_change(ctx, toplevel, change, tree, known, unread, kept,
                                    paths=(by_path, content_wanted), started=started)
            started = None  # taken: the whole scan, if it runs, starts its own
            if narrowed is not None:
                return narrowed
        # a lockfile's old versions: searched for the secrets that work on their own
        found = scan_history(toplevel, ctx.repo.size_limit, by_path, content_wanted,
                             HISTORY_CATEGORIES, known=known, unread=unread,
                             standalone_only=thirdparty.is_lockfile,
                             head_on_branch=head_on_branch,
                             paths_filtered=bool(config.allow_paths), stored=stored(ctx),
                             started=started, keep_clean=cache is not None, cached=kept,
                             dating=_dating(ctx, toplevel))
        if cache is not None:
            blobcache.save(*cache, found.clean)
            found.clean = []
            if found.from_cache:
                ctx.metadata["history_blobs_from_cache"] = found.from_cache
    finally:
        if started is not None:
            started.discard()  # not taken by the scan's log pass (it stopped before)
    _name_engine(ctx)
    return found


def _dating(ctx: Context, toplevel: Path) -> Dating | None:
    """Merge-request mode: a value is dated by the commits HEAD and the base reach
    first, not by another branch's older commit adding the same bytes."""
    base = ctx.options.base
    return Dating(toplevel, (base.head, base.commit)) if base is not None else None


def _scan_change(
    ctx: Context, toplevel: Path, change: frozenset[str], tree: TreeScan,
    known: dict[tuple[str, str], list[Hit]] | None,
    unread: dict[tuple[bytes, bytes], int] | None,
    kept: dict[tuple[bytes, bytes], int] | None,
    paths: tuple[PathKind, Callable[[str], bool]], started: StartedLog | None,
) -> HistoryScan | None:
    """Merge-request mode: the history scan of the blobs the change's commits add,
    when it shows that the change brings no history finding (none then), else None:
    the whole history decides (`secrets/changescan.py`). Nothing is kept in the blob
    cache from it (it lists a few blobs, and the cache's file holds a run's whole list)."""
    from opencheck.secrets import changescan  # merge-request mode only

    by_path, content_wanted = paths
    config = settings(ctx)
    try:
        narrowed = changescan.scan_change(
            toplevel, ctx.repo.size_limit, by_path, content_wanted, change,
            HISTORY_CATEGORIES, known=known, unread=dict(unread) if unread is not None else None,
            standalone_only=thirdparty.is_lockfile,
            head_on_branch=bool(ctx.repo.git and ctx.repo.git.branch),
            paths_filtered=bool(config.allow_paths), stored=stored(ctx), started=started,
            cached=dict(kept) if kept is not None else None, dating=_dating(ctx, toplevel))
    except GitError:  # a budget passed, an object refused: the whole scan judges, as before
        narrowed = None
    if narrowed is None:
        ctx.metadata["history_scope"] = "whole"
        return None

    prefix = _prefix(ctx)

    def settled(hit: Hit, path: str | None) -> bool:
        """Whether `_history_hits` writes no finding of this value when it is dated at
        `path` (as the history names it; None: at any path). Only what the value's kind
        and digest decide counts, never this hit's own facts (a browser key, an allow
        comment): the whole scan may hold another hit of the value first."""
        if hit.digest in tree.blocking_digests or (
                hit.category != SECRET and hit.digest in tree.digests):
            return True  # the tree's finding names it, as severely
        if path is None:
            return False
        local = prefix(path)
        if hit.kind in CONTEXTUAL_KINDS and thirdparty.by_path(local) is not None:
            return True  # a keyword match in third-party code
        # the tree's finding names it, and there it would only warn too
        return hit.digest in tree.digests and confidence(hit.kind, local) != HIGH

    def in_tree(path: str) -> bool:
        return ctx.repo.exists(path) or path in _tree_folders(ctx)

    if changescan.brings(narrowed, change, settled, in_tree):
        ctx.metadata["history_scope"] = "whole"
        return None
    ctx.metadata["history_scope"] = "change"
    return HistoryScan(blobs=narrowed.blobs, bytes=narrowed.bytes,
                       skipped_large=narrowed.skipped_large, absent=narrowed.absent,
                       from_cache=narrowed.from_cache)


def _blob_cache(ctx: Context, toplevel: Path,
                config: Settings) -> tuple[Path, str, cachekey.Signer] | None:
    """Where the history's blobs found clean are kept for the next run of this
    repository with these settings (`blobcache`), and the key that vouches for them;
    None without a cache folder, or without a key in CI (`cachekey`)."""
    folder = blobcache.cache_root()
    if folder is None or \
            os.environ.get("OPENCHECK_HISTORY_CACHE", "").lower() in ("off", "false", "0", "no"):
        return None
    signer = cachekey.signer()
    if signer.key is None:
        ctx.metadata["history_cache_not_trusted"] = signer.refused
        return None
    name = blobcache.cache_name(toplevel.resolve(), _folder_in_toplevel(ctx),
                                config.allow_paths, config.large_file_bytes,
                                ctx.repo.size_limit, sorted(HISTORY_CATEGORIES))
    return None if name is None else (folder, name, signer)


def _folder_in_toplevel(ctx: Context) -> str:
    """What makes a snapshot's path the history's, relative to the repository's top: the
    checked folder (`sub/dir/`), or "" when the repository's top is checked."""
    git = ctx.repo.git
    if git is None or git.toplevel.resolve() == ctx.repo.root:
        return ""
    return ctx.repo.root.relative_to(git.toplevel.resolve()).as_posix() + "/"


def _prefix(ctx: Context) -> Callable[[str], str]:
    """History paths are relative to the repository's top; the snapshot's to its root.

    When a subfolder is checked, the history is still the whole repository's: a path
    outside the folder is given from it (`../other.py`), never as if it were inside.
    """
    git = ctx.repo.git
    if git is None or git.toplevel.resolve() == ctx.repo.root:
        return lambda path: path
    relative = ctx.repo.root.relative_to(git.toplevel.resolve()).as_posix()
    return lambda path: posixpath.relpath(path, relative)


def _state(in_tree: bool, path: str) -> Text:
    if in_tree:
        return STILL
    return OUTSIDE if path.startswith("../") else GONE


def _where(intro: Introduction | None, path: str) -> tuple[Text, dict[str, object]]:
    if intro is None:
        # not by its blob id: a SHA-1 of the file's bytes, against which a reader could
        # test guesses of a small `.env` whole
        return (
            Text(fr=f"dans une version de {path} dont le commit n'a pas été trouvé",
                 en=f"in a version of {path} whose commit was not found"),
            {"commit": None, "author": None, "date": None},
        )
    day = intro.date[:10]
    return (
        Text(
            fr=f"au commit {intro.commit[:12]} ({day}, {intro.author})",
            en=f"in commit {intro.commit[:12]} ({day}, {intro.author})",
        ),
        {"commit": intro.commit, "author": intro.author, "date": intro.date},
    )


STILL = Text(fr="toujours dans l'arborescence",
             en="still in the tree")
GONE = Text(fr="plus dans l'arborescence, mais dans chaque clone",
            en="removed from the tree, but in every clone")
OUTSIDE = Text(fr="hors du dossier vérifié, mais dans l'historique du dépôt",
               en="outside the checked folder, but in the repository's history")


def _history_public_keys(ctx: Context) -> dict[int, str]:
    """Each value of the history's public key, by its occurrence's id: ranked by file,
    then by the commit that brought it (oldest first: a value committed later does not
    change the rank of those before it)."""
    def ranked() -> dict[int, str]:
        history, local = history_scan(ctx), _prefix(ctx)
        placed = []
        for occurrence in history.occurrences.values():
            intro, path, line = history.introduction(occurrence)
            order = (intro.timestamp, intro.commit) if intro is not None else (1 << 62, "")
            placed.append(((local(path), *order, line, occurrence.hit.column), occurrence))
        placed.sort(key=lambda item: item[0])
        keys = fingerprints.public_keys(
            [(where[0], occurrence.hit) for where, occurrence in placed], _fingerprint_key(ctx))
        return {id(occurrence): key for (_, occurrence), key in zip(placed, keys, strict=True)}
    found: dict[int, str] = ctx.shared("secrets.history-public-keys", ranked)
    return found


def _history_hits(ctx: Context, rule: str, category: str) -> Iterator[Finding]:
    history = history_scan(ctx)
    tree = tree_scan(ctx)
    public = _history_public_keys(ctx)
    for occurrence in history.occurrences.values():
        hit = occurrence.hit
        if hit.category != category:
            continue
        if hit.allowed_inline and ctx.options.base is None and ctx.options.allow_comments:
            # a value the tree no longer holds, cleared where the history held it
            if category == SECRET and hit.digest not in tree.digests and \
                    confidence(hit.kind, history.introduction(occurrence)[1]) == HIGH:
                ctx.waived(BY_COMMENT, rule)
            continue
        intro, path, line = history.introduction(occurrence)
        local = _prefix(ctx)(path)
        # a key each of whose versions sat in tests only warns, as in the tree
        level = LOW if category == SECRET and throwaway_place(hit.kind, local) and \
            _history_test_key(ctx, hit.kind, _history_paths(history, occurrence, path)) \
            else _mock_level(ctx, hit, local)
        if hit.digest in tree.digests and (
                hit.digest in tree.blocking_digests or category != SECRET
                or level != HIGH
                or (hit.digest in tree.example_digests and not occurrence.blocks_in_code)):
            # the tree's finding already names this value, as severely: a password
            # once in database.yml, now only in database.yml.example, still blocks;
            # so does an example some version used in code, not only quoted in comments
            continue
        if hit.kind in CONTEXTUAL_KINDS and thirdparty.by_path(local) is not None:
            continue
        if _allowed(ctx, local, hit):
            if category == SECRET and level == HIGH:
                ctx.waived(BY_COMMENT, rule)
            continue
        where, extra = _where(intro, path)
        in_tree = False
        state = _state(in_tree, local)
        low = category == SECRET and (level == LOW or _history_example(ctx, hit.kind, intro))
        note = _low_note(ctx, hit, local) if low else _named_by(ctx, hit.kind, local)
        if not low and not note.en:
            note = _held_elsewhere(ctx, hit.kind, local,
                                   _history_paths(history, occurrence, path))
        name = label(hit.kind)
        finding = Finding(
            rule=rule,
            message=Text(
                fr=f"{name.fr} {hit.masked} — entrée dans l'historique {where.fr} ; {state.fr}."
                   f"{note.fr}"
                   f"{_allow_note(ctx, hit).fr}",
                en=f"{name.en} {hit.masked} entered the history {where.en}; {state.en}."
                   f"{note.en}"
                   f"{_allow_note(ctx, hit).en}",
            ),
            path=local,
            line=line,
            key=value_key(hit),
            public_key=public[id(occurrence)],
            severity=Severity.WARNING if low else None,
            fix=TEST_KEY_FIX if low and _says_test_key(ctx, hit.kind, local) else None,
            extra={"kind": hit.kind, "in_tree": in_tree, "masked": hit.masked,
                   "confidence": LOW if low else HIGH, **extra},
        )
        if _keep(ctx, finding):
            yield finding


def _history_files(ctx: Context, rule: str, wanted: Callable[[str], bool],
                   only_gone: bool) -> Iterator[Finding]:
    history = history_scan(ctx)
    # by blob: a `.env` renamed since holds the values found under its newer name
    with_values = {oid for occurrence in history.occurrences.values()
                   if occurrence.hit.category == SECRET for oid in occurrence.blobs}
    for item in history.files.values():
        if not wanted(item.kind):
            continue
        in_tree = ctx.repo.exists(item.path) or item.path in _tree_folders(ctx)
        if only_gone and in_tree:
            continue
        # an env file none of whose versions held a credential value only warns
        empty = item.kind == "env-file" and not any(oid in with_values
                                                    for oid, _path in item.blobs)
        intro = history.arrival(item)
        test_key = not empty and _history_test_key(
            ctx, item.kind, [where for _oid, where in item.blobs])
        weak = empty or item.kind in PUBLIC_STORE_KINDS or test_key or \
            _history_example(ctx, item.kind, intro)
        where, extra = _where(intro, item.path)
        name = label(item.kind)
        state = _state(in_tree, item.path)
        note = EMPTY_ENV_HISTORY if empty else Text(*_LOW_NOTES["test-key"]) if test_key \
            else Text("", "") if weak else _named_by(ctx, item.kind, item.path)
        shown, sized = file_size(item.kind, item.size)
        finding = Finding(
            rule=rule,
            message=Text(
                fr=f"{item.path} ({name.fr}, {shown.fr}) — entrée dans "
                   f"l'historique {where.fr} ; {state.fr}.{note.fr}",
                en=f"{item.path} ({name.en}, {shown.en}) entered the history "
                   f"{where.en}; {state.en}.{note.en}",
            ),
            path=item.path,
            key=item.kind,
            severity=Severity.WARNING if weak else None,
            fix=EMPTY_ENV_HISTORY_FIX if empty else TEST_KEY_FIX if test_key else None,
            extra={"kind": item.kind, "in_tree": in_tree, **sized, **extra},
        )
        if _keep(ctx, finding):
            yield finding
    kinds = {kind: count for kind, count in history.dropped_files.items() if wanted(kind)}
    dropped = sum(kinds.values())
    if dropped:  # a tiny history can name hundreds of thousands of such files
        yield Finding(
            rule=rule,
            message=Text(
                fr=f"{dropped} autres ajouts de fichiers de ce genre dans l'historique ne "
                   "sont pas listés (au-delà de 20 000 fichiers) : l'historique entier est "
                   "à nettoyer.",
                en=f"{dropped} more additions of such files to the history are not listed "
                   "(past 20,000 files): the whole history needs cleaning.",
            ),
            key="dropped-files",
            # .env files alone: a value they hold is a finding of its own, not dropped
            severity=Severity.WARNING if set(kinds) == {"env-file"} else None,
            extra={"kind": "truncated", "count": dropped},
        )


def _tree_folders(ctx: Context) -> set[str]:
    """Every folder of the tree (`a/`, `a/b/`), made once per run and only when asked:
    a file item of the history names a folder (a dependency or build folder)."""
    return ctx.shared("secrets.tree-folders", lambda: _folders(ctx.repo.paths()))


def _folders(paths: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for path in paths:
        end = path.rfind("/")
        # a folder already found has its parents found too: stop there
        while end >= 0 and path[: end + 1] not in found:
            found.add(path[: end + 1])
            end = path.rfind("/", 0, end)
    return found


@check("secret-in-history")
@guarded
def secret_in_history(ctx: Context) -> Iterator[Finding]:
    yield from _history_hits(ctx, "secret-in-history", SECRET)
    # a secret file still in the tree is secret-file-committed's finding
    yield from _history_files(ctx, "secret-in-history", SECRET_FILE_KINDS.__contains__, True)
    dropped = history_scan(ctx).dropped_values
    if dropped:
        yield Finding(
            rule="secret-in-history",
            message=Text(
                fr=f"{dropped} autres valeurs trouvées dans l'historique ne sont pas listées "
                   "(au-delà de 20 000) : l'historique entier est à nettoyer.",
                en=f"{dropped} more values found in the history are not listed (past "
                   "20,000): the whole history needs cleaning.",
            ),
            key="dropped-values",
            extra={"kind": "truncated", "count": dropped},
        )


@check("sensitive-data-in-history")
@guarded
def sensitive_data_in_history(ctx: Context) -> Iterator[Finding]:
    yield from _history_hits(ctx, "sensitive-data-in-history", SENSITIVE)


@check("artefact-in-history")
@guarded
def artefact_in_history(ctx: Context) -> Iterator[Finding]:
    yield from _history_files(ctx, "artefact-in-history",
                              lambda kind: kind not in SECRET_FILE_KINDS, True)
