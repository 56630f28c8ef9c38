# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A folder of clones, one per repository, brought up to date on later runs.

Every git call goes through `gitcmd.run_git` (no hooks, no fsmonitor, no filters, no
transport at all), plus, for the calls that fetch, the settings below and the one
transport the URL needs (https, or file for a local source): no submodules, no LFS
download, no template hooks, time-outs and a few retries. A clone is made in a temporary folder and
renamed when complete, so a killed batch never leaves a half clone that looks whole.

An https host is resolved here, once per call, and git connects to those addresses
(`gitcmd.Reach`): for a repository of a downloaded list (`Target.public_only`) each
must be on the internet (netguard). Behind a proxy (the user's, `proxies.for_url`),
git goes through that proxy and no other, which resolves the name itself: a literal
address, or a name that resolves here, is still checked before the proxy is asked.
git follows no redirect: where the server sends it is asked with netguard (each hop
checked, through the same proxy, the token sent to the repository's host only), and
that URL cloned instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from opencheck import gitwait, netguard, proxies
from opencheck.batch import footprint, refstate, roomclaims
from opencheck.batch.sources import Target
from opencheck.batch.treestate import tree_state
from opencheck.errors import OpencheckError
from opencheck.gitcmd import GitError, Reach, run_git
from opencheck.model import Text
from opencheck.safefile import open_regular, read_regular
from opencheck.urls import basic_authorization, redact, redact_text

FETCH_CONFIG = (
    "-c", "submodule.recurse=false",
    "-c", "fetch.recurseSubmodules=false",
    "-c", "filter.lfs.required=false",
    "-c", "filter.lfs.smudge=",
    "-c", "filter.lfs.process=",
    "-c", "http.lowSpeedLimit=1024",
    "-c", "http.lowSpeedTime=60",
    "-c", "advice.detachedHead=false",
)


REFS_ALL = "all"  # every branch and tag, as `opencheck check` reads a full clone
REFS_DEFAULT = "default"  # the default branch only: faster, blind to other branches
REFS_CHOICES = (REFS_ALL, REFS_DEFAULT)


@dataclass(frozen=True)
class GitSettings:
    history: bool = True  # False: shallow clones (depth 1)
    timeout: float = 600.0
    retries: int = 2
    backoff: float = 1.0
    refs: str = REFS_ALL
    keep_free: int = footprint.RESERVE  # bytes a checkout leaves free on its disk


@dataclass(frozen=True)
class Access:
    """How a repository's host may be reached: only on the internet (`public_only`,
    a downloaded list's), and with which Authorization header (`auth`, a private
    repository's token: for its own host only)."""

    public_only: bool = False
    auth: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Checkout:
    path: Path
    commit: str | None  # None for a plain folder audited in place
    in_place: bool = False
    # in place: its refs and changed files (`treestate`); a clone of every ref: its
    # branches and tags (`refstate`)
    state: str | None = None


class WorkspaceError(OpencheckError):
    """The repository could not be cloned or updated; `text` says why (fr and en).
    `permanent`: trying again would not help (no such repository, access refused)."""

    def __init__(self, message: Text | str, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


# git's words for failures that another try may not meet (network, server, time-out)
TRANSIENT = re.compile(
    r"timed out|time-out|could not resolve host|connection (?:reset|refused|timed)|"
    r"early eof|rpc failed|the remote end hung up|operation too slow|"
    r"returned error: 5\d\d|\b50[0-4]\b|ssl|tls|gnutls|temporary failure|"
    r"network is unreachable|unexpected disconnect|failed to connect|couldn.t connect",
    re.IGNORECASE,
)


def transient(error: GitError) -> bool:
    return TRANSIENT.search(str(error)[:2000]) is not None


REDIRECTED = re.compile(r"returned error: 30[12378]\b")
SMART_REFS = "/info/refs?service=git-upload-pack"  # git's first request to a repository
T = TypeVar("T")
Remote = Callable[[str, Reach | None], T]  # a git call at a URL, reaching it as told


def route(url: str, public_only: bool) -> tuple[Reach | None, proxies.Proxy | None]:
    """Where git may connect for `url`, and through which proxy: None for a local
    source; for https, the user's proxy if one applies (the host checked as far as
    it can be first), else the addresses its host resolves to now; each on the
    internet if `public_only` (WorkspaceError otherwise)."""
    if not url.startswith("https://"):
        return None, None
    try:
        _, host, port, _ = netguard.target(url)
    except ValueError as error:  # a port that is not a number
        raise GitError(f"invalid URL: {error}") from error
    if public_only and not plain_host_name(host):
        # git pins `host:port:addresses` for curl, which looks the name up as it spells
        # it: an international name in ASCII (IDNA: `localhoſt` is `localhost` to curl;
        # only git's C locale with libidn2 stops that today), and an entry starting
        # with `-` removes one instead of adding it. Either way git would resolve the
        # name itself.
        shown = redact(url)
        raise WorkspaceError(Text(
            f"{shown} : refusé, {host} n'est pas un nom d'hôte en lettres ASCII, chiffres "
            "et tirets (git le résoudrait lui-même, sans la vérification d'un dépôt d'une "
            "liste téléchargée)",
            f"{shown}: refused, {host} is not a host name of ASCII letters, digits and "
            "hyphens (git would resolve it itself, past the check a repository of a "
            "downloaded list gets)",
        ), permanent=True)
    try:
        proxy = proxies.for_url(url)
    except proxies.ProxyError as error:
        raise WorkspaceError(error.text, permanent=True) from error
    if proxy is not None:
        if public_only:
            try:  # the proxy resolves the name: what can be checked is what it is asked
                netguard.check_before_proxy(host, port)
            except netguard.BlockedAddress as blocked:
                raise _refused(url, _where(host, blocked.address)) from blocked
        return Reach(host, port, checked=public_only, proxy=proxy.url, url=url), proxy
    try:
        addresses = netguard.resolve(host, port, allow_private=True)
    except OSError as error:
        if public_only:
            raise GitError(f"Could not resolve host: {host}") from error  # tried again
        return Reach(host, port), None  # the user's host: git resolves it
    refused = [address for address in addresses if netguard.is_refused(address)]
    if public_only and refused:
        raise _refused(url, _where(host, refused[0]))
    # an IPv6 zone (fe80::1%eth0) means nothing to curl; such addresses are private
    pinned = tuple(address for address in addresses if "%" not in address)
    return Reach(host, port, pinned, checked=public_only), None


def _where(host: str, address: str) -> Text:
    where = host if host == address else f"{host} ({address})"
    return Text(where, where)


_LABEL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")


def plain_host_name(host: str) -> bool:
    """Whether `host` is a name curl looks up as written: labels of ASCII letters,
    digits, hyphens (none at either end) and underscores, a final dot allowed."""
    labels = host.lower().removesuffix(".").split(".")
    return all(0 < len(label) <= 63 and not label.startswith("-")
               and not label.endswith("-") and _LABEL_CHARACTERS.issuperset(label)
               for label in labels)


def _refused(url: str, where: Text) -> WorkspaceError:
    shown = redact(url)
    return WorkspaceError(Text(
        f"{shown} : refusé, {where.fr} mène à une adresse privée ou locale (un dépôt "
        "d'une liste téléchargée doit être sur internet)",
        f"{shown}: refused, {where.en} leads to a private or local address (a "
        "repository of a downloaded list must be on the internet)",
    ), permanent=True)


def over_network(url: str, access: Access, call: Remote[T]) -> T:
    """`call(url, reach)`; when the server redirects (git follows none), `call` once
    more at the URL the redirect leads to, found with each hop checked."""
    try:
        return _through(url, access, call)
    except GitError as error:
        if REDIRECTED.search(str(error)[:2000]) is None:
            raise
        moved = _moved(url, access)
        if moved is None:
            raise
        return _through(moved, access, call)


def _through(url: str, access: Access, call: Remote[T]) -> T:
    """`call` at `url`; git's failure said in terms of the proxy when it is the
    proxy's (refused, unreachable)."""
    reached, proxy = route(url, access.public_only)
    try:
        return call(url, reached)
    except GitError as error:
        if reached is None or proxy is None:
            raise
        text = proxies.explained(str(error)[:2000], proxy, reached.host, reached.port)
        if text is None:
            raise
        raise GitError(str(error), text) from error


def _moved(url: str, access: Access) -> str | None:
    """The https URL of the repository a redirect of `url` leads to, else None.

    A private repository answers with its redirect only to its account: the token
    (or the account the URL names) goes with the look-up to the repository's own
    scheme, host and port, never to a hop after the redirect leaves them; an account
    named in the URL is kept in the new URL only when it stays on that host."""
    first = url.rstrip("/") + SMART_REFS
    answer = netguard.request(first, "GET", allow_private=not access.public_only,
                              proxy_for=proxies.for_url,
                              authorization=access.auth or basic_authorization(url))
    if answer.blocked:
        hop = redact(answer.url)
        raise _refused(url, Text(f"sa redirection vers {hop}", f"its redirect to {hop}"))
    if answer.proxy_failure is not None:
        raise GitError(answer.error or answer.proxy_failure.en, answer.proxy_failure)
    if answer.url == first or not answer.url.startswith("https://") or not (
            answer.url.endswith(SMART_REFS)):
        return None
    return _same_account(url, answer.url[:-len(SMART_REFS)])


def _same_account(url: str, moved: str) -> str:
    """`moved` with the account `url` names, if it is on `url`'s host and names none."""
    before, after = urlsplit(url), urlsplit(moved)
    try:
        same = (before.hostname, before.port) == (after.hostname, after.port)
    except ValueError:
        return moved
    if before.username is None or after.username is not None or not same:
        return moved
    account = before.netloc.rsplit("@", 1)[0]
    return after._replace(netloc=f"{account}@{after.netloc}").geturl()


def clone_dir(workspace: Path, target: Target) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", target.key).strip("._")[:80] or "repo"
    digest = hashlib.sha1(target.key.encode("utf-8")).hexdigest()[:10]
    return workspace / f"{slug}-{digest}"


def remote_url(target: Target) -> str:
    """What git is given: local folders become file:// URLs so shallow clones work."""
    if target.platform == "local":
        return Path(target.url).as_uri()
    return target.url


def transports(url: str) -> tuple[str, ...]:
    """The one transport a clone of `url` may use: file for a local source, https for
    an https URL, none for any other (git then says which transport is not allowed)."""
    if url.startswith("file://"):
        return ("file",)
    return ("https",) if url.startswith("https://") else ()


def local_folder(target: Target) -> Path | None:
    """The folder of a repository named by its path (command line or text file); a
    file:// URL from a forge listing is a mirror, cloned like any remote."""
    return Path(target.url) if target.platform == "local" else None


def _bare(folder: Path) -> bool:
    return not (folder / ".git").exists() and (folder / "HEAD").is_file() and (
        folder / "objects").is_dir()


def head_commit(path: Path) -> str | None:
    out = run_git(path, "rev-parse", "--verify", "--quiet", "HEAD", check=False)
    return out.decode().strip() or None


def prepare(workspace: Path, target: Target, settings: GitSettings,
            known_commit: str | None = None) -> Checkout:
    """Clone the target or bring its clone up to date; return where and at which commit.

    When `known_commit` is the commit the remote's HEAD still points at, the clone is
    left as it is (no fetch): the caller already has a result for it.
    """
    folder = local_folder(target)
    if folder is not None:
        if not folder.is_dir():
            raise WorkspaceError(Text(f"{folder} : dossier introuvable",
                                      f"{folder}: no such directory"), permanent=True)
        if not _bare(folder):
            # audited where it is, read only, as `opencheck check FOLDER` would: every
            # ref it has, its work tree as it is, no clone to fail on absent objects
            commit = _local_head(folder) if (folder / ".git").exists() else None
            state = tree_state(folder, settings.timeout) if commit is not None else None
            return Checkout(folder, commit, in_place=True, state=state)
    destination = clone_dir(workspace, target)
    url = remote_url(target)
    with _authorised(target, url):
        return _clone_or_update(destination, url, settings, known_commit, _access(target))


def _access(target: Target) -> Access:
    return Access(target.public_only, target.auth if target.url.startswith("https://")
                  else None)


@contextlib.contextmanager
def _authorised(target: Target, url: str) -> Iterator[None]:
    """git sends the target's token as an HTTP header to its host only, through the
    environment (GIT_CONFIG_*): never in the URL, the clone's config or a command line."""
    if target.auth is None or not url.startswith("https://"):
        yield
        return
    host = urlsplit(url)
    saved = {key: os.environ.get(key) for key in
             ("GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0")}
    os.environ.update(GIT_CONFIG_COUNT="1",
                      GIT_CONFIG_KEY_0=f"http.https://{host.netloc}/.extraHeader",
                      GIT_CONFIG_VALUE_0=f"Authorization: {target.auth}")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _clone_or_update(destination: Path, url: str, settings: GitSettings,
                     known_commit: str | None, access: Access) -> Checkout:
    checkout = None
    if (destination / ".git").is_dir():
        try:
            checkout = _update(destination, url, settings, known_commit, access)
        except GitError:
            remove_tree(destination)
    if checkout is None:
        checkout = _with_retries(lambda: _clone(destination, url, settings, access),
                                 settings, url)
    if settings.refs != REFS_ALL:
        return checkout
    return Checkout(checkout.path, checkout.commit,
                    state=refstate.of_clone(checkout.path, settings.timeout))


def _with_retries(action: Callable[[], Checkout], settings: GitSettings, url: str) -> Checkout:
    last = Text("", "")
    tries, permanent = 0, False
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * attempt)
        tries += 1
        try:
            return action()
        except GitError as error:
            last = error.text
            if not transient(error):  # no such repository, refused: another try is waste
                permanent = True
                break
    shown = redact(url)
    raise WorkspaceError(Text(
        f"impossible de cloner {shown} ({tries} essai{'s' if tries > 1 else ''}) : "
        f"{redact_in(last.fr, url)}",
        f"cannot clone {shown} ({tries} tr{'ies' if tries > 1 else 'y'}): "
        f"{redact_in(last.en, url)}",
    ), permanent=permanent)


def redact_in(text: str, url: str) -> str:
    """`text` (git's words) with `url` and any credential in a URL it quotes hidden."""
    return redact_text(text.replace(url, redact(url)))


def _clone(destination: Path, url: str, settings: GitSettings,
           access: Access) -> Checkout:
    destination.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(destination, settings)
    # a name of its own: a git left running by a killed worker may still write elsewhere
    temporary = destination.with_name(f".partial-{destination.name}-{secrets.token_hex(4)}")
    # no checkout: its files are written once the disk is known to have room for them
    args = ["clone", "--quiet", "--template=", "--no-recurse-submodules", "--no-checkout"]
    if settings.refs == REFS_DEFAULT:
        args += ["--single-branch", "--no-tags"]
    if not settings.history:
        args += ["--depth", "1"]
        if settings.refs == REFS_ALL:
            # --depth alone implies one branch and its tags: the probe's ls-remote lists
            # them all (`refstate`), and the clone's would differ until a later fetch
            args += ["--no-single-branch"]
    def clone(source: str, reached: Reach | None) -> bytes:
        remove_tree(temporary)  # what a redirected first try left
        return run_git(destination.parent, *FETCH_CONFIG, *args, "--", source,
                       str(temporary), timeout=settings.timeout,
                       transports=transports(source), reach=reached)

    try:
        over_network(url, access, clone)
        if head_commit(temporary) is not None:
            _check_out(temporary, "HEAD", url, settings)
        if destination.exists():
            remove_tree(destination)
        temporary.rename(destination)
    except BaseException:
        remove_tree(temporary)
        raise
    commit = head_commit(destination)
    if commit is None:
        raise WorkspaceError(Text("dépôt vide : aucun commit à auditer",
                                  "empty repository: no commit to audit"), permanent=True)
    return Checkout(destination, commit)


def _check_out(path: Path, revision: str, url: str, settings: GitSettings,
               replacing: str | None = None) -> None:
    """Write `revision`'s files into the clone at `path` (`replacing` those of the
    revision checked out there), when its file system has room for them; else
    WorkspaceError, nothing written."""
    limit = footprint.room(path, settings.keep_free)
    given_back = footprint.Room(0, 0)
    if replacing is not None:  # the files it replaces give their room back
        unlimited = footprint.Room(1 << 62, None)
        now = footprint.footprint(path, replacing, unlimited, settings.timeout)
        given_back = footprint.Room(now.size, now.entries)
        limit = footprint.Room(limit.free + now.size, None if limit.inodes is None
                               else limit.inodes + now.entries)
    needed = footprint.footprint(path, revision, limit, settings.timeout)
    try:
        with roomclaims.claimed(path.parent, path, needed, settings.keep_free, given_back,
                                patience=settings.timeout) as judged:
            if not judged.fits:
                raise _no_room(url, needed, judged.room, settings.keep_free)
            run_git(path, "reset", "--quiet", "--hard", revision, timeout=settings.timeout)
    except roomclaims.Crowded:
        raise _crowded(url, needed, settings.timeout) from None


def _crowded(url: str, needed: footprint.Footprint, waited: float) -> WorkspaceError:
    size = footprint.shown_size(needed.size)
    return WorkspaceError(Text(
        f"{redact(url)} : ses fichiers ({size}) tiennent sur le disque de l'espace de "
        f"travail, mais pas à côté des autres dépôts en cours d'écriture, attendus "
        f"{waited:.0f} s ; rien n'a été écrit, un autre essai le pourra",
        f"{redact(url)}: its files ({size}) fit on the workspace's disk, but not beside "
        f"the other repositories being written, waited for {waited:.0f} s; nothing was "
        "written, another try may",
    ), permanent=False)


def _no_room(url: str, needed: footprint.Footprint, limit: footprint.Room,
             keep_free: int) -> WorkspaceError:
    shown, size = redact(url), footprint.shown_size(needed.size)
    free, kept = footprint.shown_size(limit.free), footprint.shown_size(keep_free)
    files = limit.inodes is not None
    return WorkspaceError(Text(
        f"{shown} : ses fichiers prendraient plus de {size} ({needed.entries} fichiers et "
        f"dossiers), plus que la place libre de l'espace de travail ({free}"
        f"{f' et {limit.inodes} fichiers' if files else ''}, {kept} gardés libres en "
        "plus) ; rien n'a été écrit (git stocke une fois un contenu nommé par mille "
        "chemins : un petit dépôt peut remplir un disque)",
        f"{shown}: its files would take more than {size} ({needed.entries} files and "
        f"folders), more than the workspace's free room ({free}"
        f"{f' and {limit.inodes} files' if files else ''}, {kept} kept free besides); "
        "nothing was written (git stores a content named by a thousand paths once: a "
        "small repository can fill a disk)",
    ), permanent=True)


def remove_tree(path: Path) -> None:
    """Delete a clone, as deep as git could write it, never following a symlink.

    `shutil.rmtree` recurses once per folder level: a repository 1,500 folders deep
    made it raise RecursionError (past `ignore_errors`) in place of the error that
    made the clone useless. This walks with a list instead; what cannot be removed
    stays, as with `ignore_errors`.
    """
    pending: list[tuple[str, bool]] = [(str(path), False)]
    while pending:
        current, emptied = pending.pop()
        if emptied:
            with contextlib.suppress(OSError):
                os.rmdir(current)
            continue
        try:
            is_folder = stat.S_ISDIR(os.lstat(current).st_mode)
        except OSError:
            continue
        if not is_folder:  # a file or a symlink: the link itself goes
            with contextlib.suppress(OSError):
                os.unlink(current)
            continue
        pending.append((current, True))
        with contextlib.suppress(OSError), os.scandir(current) as entries:
            pending.extend((entry.path, False) for entry in entries)


def _remove_stale_partials(destination: Path, settings: GitSettings) -> None:
    """Half clones left by a killed batch, once no git can still be writing them."""
    limit = time.time() - 2 * settings.timeout
    for partial in destination.parent.glob(f".partial-{destination.name}-*"):
        try:
            if partial.stat().st_mtime < limit:
                remove_tree(partial)
        except OSError:
            continue


def _update(path: Path, url: str, settings: GitSettings, known: str | None,
            access: Access) -> Checkout:
    run_git(path, "remote", "set-url", "origin", url)
    current = head_commit(path)
    shallow = run_git(path, "rev-parse", "--is-shallow-repository").strip() == b"true"
    history_ok = not (settings.history and shallow)
    if known is not None and current == known and history_ok:
        # no fetch while HEAD and, for a clone of every ref, the branches and tags are
        # those of the clone
        every = settings.refs == REFS_ALL
        head, refs = refstate.listed(_ls_remote(path, url, settings.timeout, access, every))
        if head == current and (not every or refstate.digest(refs) == refstate.of_clone(
                path, settings.timeout)):
            return Checkout(path, current)
    args = ["fetch", "--quiet", "--force", "--no-recurse-submodules"]
    refspecs = ["HEAD"]  # first: FETCH_HEAD's first line is the default branch
    if settings.refs == REFS_ALL:
        args += ["--tags", "--prune", "--prune-tags"]
        refspecs.append("+refs/heads/*:refs/remotes/origin/*")
    if not settings.history:
        args += ["--depth", "1"]
    elif shallow:
        args += ["--unshallow"]
    def fetch(source: str, reached: Reach | None) -> bytes:
        run_git(path, "remote", "set-url", "origin", source)
        return run_git(path, *FETCH_CONFIG, *args, "origin", *refspecs,
                       timeout=settings.timeout, transports=transports(source),
                       reach=reached)

    over_network(url, access, fetch)
    _check_out(path, "FETCH_HEAD", url, settings, replacing="HEAD")
    run_git(path, "clean", "-ffdqx")
    return Checkout(path, head_commit(path))


SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def current_version(target: Target, timeout: float = 60.0, refs: str = REFS_ALL
                    ) -> tuple[str | None, str | None]:
    """The target's HEAD now, and what else its audit reads: for a folder audited in
    place, the state of its refs and work tree (`treestate`); for a clone of every ref,
    its branches and tags (`refstate`). An earlier result stands only when both are the
    same."""
    folder = local_folder(target)
    if folder is not None and not _bare(folder):
        head = remote_head(target, timeout)
        if head is None or not (folder / ".git").exists():
            return head, None
        return head, tree_state(folder, timeout)
    every = refs == REFS_ALL
    if folder is not None:
        head = remote_head(target, timeout)
        if head is None or not every:
            return head, None
        return head, refstate.of_repository(folder, timeout)
    try:
        head, listed = _remote_refs(target, timeout, every)
    except (GitError, WorkspaceError):
        return None, None
    return head, refstate.digest(listed) if every and head is not None else None


def remote_head(target: Target, timeout: float = 60.0) -> str | None:
    """The commit the target's HEAD points at now, without cloning; None if unknown.

    A local repository's HEAD is read from its files (no process started; anything
    unusual falls back to git); a remote one is asked with `git ls-remote`.
    """
    folder = local_folder(target)
    if folder is not None:
        if not (folder / ".git").exists() and not (folder / "HEAD").is_file():
            return None
        if gitwait.blocking_file(folder) is not None:
            return None  # reading its files or asking git would wait for ever
        try:
            head = _read_local_head(folder)
        except (OSError, UnicodeDecodeError):
            head = None
        if head is not None:
            return head
    try:
        head, _ = _remote_refs(target, timeout, every=False)
    except (GitError, WorkspaceError):
        return None
    return head


def _remote_refs(target: Target, timeout: float, every: bool
                 ) -> tuple[str | None, list[tuple[str, str]]]:
    url = remote_url(target)
    with _authorised(target, url):
        listed = _ls_remote(Path.cwd(), url, timeout, _access(target), every)
    head, refs = refstate.listed(listed)
    return (head if head is not None and SHA.fullmatch(head) else None), refs


def _ls_remote(cwd: Path, url: str, timeout: float, access: Access,
               every: bool = False) -> bytes:
    patterns = refstate.PATTERNS if every else ("HEAD",)

    def ls_remote(source: str, reached: Reach | None) -> bytes:
        return run_git(cwd, *FETCH_CONFIG, "ls-remote", "--", source, *patterns,
                       timeout=timeout, transports=transports(source), reach=reached)

    return over_network(url, access, ls_remote)


def _local_head(folder: Path) -> str | None:
    if gitwait.blocking_file(folder) is not None:
        return None  # audited as a plain folder, as `opencheck check` does
    try:
        head = _read_local_head(folder)
    except (OSError, UnicodeDecodeError):
        head = None
    return head or head_commit(folder)


# A `.git` file, HEAD, `commondir` or a loose ref holds a line of a few dozen bytes;
# `packed-refs` one line per ref. The folder is handed over as it is: each was read
# whole, from this process, before any worker, and a sparse `.git/HEAD` of gigabytes
# (no disk used) took that much of the batch's memory. A file past these bounds, or a
# ref name with a control character (a NUL ended the batch: ValueError), is no answer
# (the HEAD is then asked of git, in the audit's own process).
SMALL_FILE = 4096
PACKED_REFS_LIMIT = 64 << 20


def _small(path: Path) -> str:
    """The stripped text of a file of one short line (OSError when it is not one)."""
    return read_regular(path, SMALL_FILE).decode("utf-8").strip()


def _read_local_head(folder: Path) -> str | None:
    git_dir = folder / ".git"
    if git_dir.is_file():
        pointer = _small(git_dir)
        if not pointer.startswith("gitdir:"):
            return None
        git_dir = (folder / _name(pointer[len("gitdir:"):].strip())).resolve()
    elif not git_dir.is_dir():
        git_dir = folder  # a bare repository
    head = _small(git_dir / "HEAD")
    if SHA.fullmatch(head):
        return head
    if not head.startswith("ref: "):
        return None
    ref = _name(head[len("ref: "):].strip())
    if not ref.startswith("refs/") or ".." in ref.split("/"):
        return None
    common = git_dir
    if (git_dir / "commondir").is_file():
        common = (git_dir / _name(_small(git_dir / "commondir"))).resolve()
    for base in (git_dir, common):
        loose = base / ref
        if loose.is_file():
            value = _small(loose)
            return value if SHA.fullmatch(value) else None
    packed = common / "packed-refs"
    if packed.is_file():
        return _packed_ref(packed, ref.encode("utf-8"))
    return None


def _name(text: str) -> str:
    """A path or ref name read from the folder; OSError when it holds a control
    character, which no name git writes does (a NUL raised ValueError from the path)."""
    if any(ord(character) < 32 or ord(character) == 127 for character in text):
        raise OSError(f"not a name: {text[:40]!r}")
    return text


def _packed_ref(packed: Path, ref: bytes) -> str | None:
    """The commit `packed-refs` gives `ref`, read line by line within bounds."""
    read = 0
    with open_regular(packed) as handle:
        while read <= PACKED_REFS_LIMIT:
            line = handle.readline(SMALL_FILE)
            if not line:
                return None
            read += len(line)
            value, _, name = line.partition(b" ")
            if name.strip() == ref and SHA.fullmatch(value.decode("ascii", "replace")):
                return value.decode("ascii")
    return None
