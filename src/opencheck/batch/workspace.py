# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A folder of clones, one per repository, brought up to date on later runs.

Every git call goes through `gitcmd.run_git` (no hooks, no fsmonitor, no ssh), plus the
settings below: only https and file transports, no submodules, no LFS download, no
template hooks, time-outs and a few retries. A clone is made in a temporary folder and
renamed when complete, so a killed batch never leaves a half clone that looks whole.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from opencheck.batch.sources import Target
from opencheck.errors import OpencheckError
from opencheck.gitcmd import GitError, run_git
from opencheck.model import Text

FETCH_CONFIG = (
    "-c", "protocol.https.allow=always",
    "-c", "submodule.recurse=false",
    "-c", "fetch.recurseSubmodules=false",
    "-c", "filter.lfs.required=false",
    "-c", "filter.lfs.smudge=",
    "-c", "filter.lfs.process=",
    "-c", "http.lowSpeedLimit=1024",
    "-c", "http.lowSpeedTime=60",
    "-c", "advice.detachedHead=false",
)


@dataclass(frozen=True)
class GitSettings:
    history: bool = True  # False: shallow clones (depth 1)
    timeout: float = 600.0
    retries: int = 2
    backoff: float = 1.0


@dataclass(frozen=True)
class Checkout:
    path: Path
    commit: str | None  # None for a plain folder audited in place
    in_place: bool = False


class WorkspaceError(OpencheckError):
    """The repository could not be cloned or updated; `text` says why (fr and en)."""


def clone_dir(workspace: Path, target: Target) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", target.key).strip("._")[:80] or "repo"
    digest = hashlib.sha1(target.key.encode("utf-8")).hexdigest()[:10]
    return workspace / f"{slug}-{digest}"


def redact(url: str) -> str:
    """A URL without the password or token it may carry."""
    parts = urlsplit(url)
    if parts.password or parts.username:
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        return urlunsplit((parts.scheme, f"***@{netloc}", parts.path, parts.query, ""))
    return url


def remote_url(target: Target) -> str:
    """What git is given: local folders become file:// URLs so shallow clones work."""
    if target.platform == "local" or target.url.startswith("/"):
        return Path(target.url).as_uri()
    return target.url


def local_folder(target: Target) -> Path | None:
    if target.platform == "local" or target.url.startswith("/"):
        return Path(target.url)
    if target.url.startswith("file://"):
        return Path(urlsplit(target.url).path)
    return None


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
                                      f"{folder}: no such directory"))
        if not (folder / ".git").exists():
            return Checkout(folder, None, in_place=True)
    destination = clone_dir(workspace, target)
    url = remote_url(target)
    if (destination / ".git").is_dir():
        try:
            return _update(destination, url, settings, known_commit)
        except GitError:
            shutil.rmtree(destination, ignore_errors=True)
    return _with_retries(lambda: _clone(destination, url, settings), settings, url)


def _with_retries(action: Callable[[], Checkout], settings: GitSettings, url: str) -> Checkout:
    last = Text("", "")
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * attempt)
        try:
            return action()
        except GitError as error:
            last = error.text
    tries, shown = settings.retries + 1, redact(url)
    raise WorkspaceError(Text(
        f"impossible de cloner {shown} ({tries} essais) : {last.fr.replace(url, shown)}",
        f"cannot clone {shown} ({tries} tries): {last.en.replace(url, shown)}",
    ))


def _clone(destination: Path, url: str, settings: GitSettings) -> Checkout:
    destination.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_partials(destination, settings)
    # a name of its own: a git left running by a killed worker may still write elsewhere
    temporary = destination.with_name(f".partial-{destination.name}-{secrets.token_hex(4)}")
    args = ["clone", "--quiet", "--template=", "--no-recurse-submodules"]
    if not settings.history:
        args += ["--depth", "1"]
    try:
        run_git(destination.parent, *FETCH_CONFIG, *args, "--", url, str(temporary),
                timeout=settings.timeout)
        if destination.exists():
            shutil.rmtree(destination, ignore_errors=True)
        temporary.rename(destination)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return Checkout(destination, head_commit(destination))


def _remove_stale_partials(destination: Path, settings: GitSettings) -> None:
    """Half clones left by a killed batch, once no git can still be writing them."""
    limit = time.time() - 2 * settings.timeout
    for partial in destination.parent.glob(f".partial-{destination.name}-*"):
        try:
            if partial.stat().st_mtime < limit:
                shutil.rmtree(partial, ignore_errors=True)
        except OSError:
            continue


def _update(path: Path, url: str, settings: GitSettings, known: str | None) -> Checkout:
    run_git(path, "remote", "set-url", "origin", url)
    current = head_commit(path)
    shallow = run_git(path, "rev-parse", "--is-shallow-repository").strip() == b"true"
    history_ok = not (settings.history and shallow)
    if known is not None and current == known and history_ok:
        listed = run_git(path, *FETCH_CONFIG, "ls-remote", "--", "origin", "HEAD",
                         timeout=settings.timeout)
        remote_head = listed.decode().split("\t", 1)[0].strip()
        if remote_head == current:
            return Checkout(path, current)
    args = ["fetch", "--quiet", "--force", "--tags", "--no-recurse-submodules"]
    if not settings.history:
        args += ["--depth", "1"]
    elif shallow:
        args += ["--unshallow"]
    run_git(path, *FETCH_CONFIG, *args, "origin", "HEAD", timeout=settings.timeout)
    run_git(path, "reset", "--quiet", "--hard", "FETCH_HEAD")
    run_git(path, "clean", "-ffdqx")
    return Checkout(path, head_commit(path))


SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def remote_head(target: Target, timeout: float = 60.0) -> str | None:
    """The commit the target's HEAD points at now, without cloning; None if unknown.

    A local repository's HEAD is read from its files (no process started; anything
    unusual falls back to git); a remote one is asked with `git ls-remote`.
    """
    folder = local_folder(target)
    if folder is not None:
        if not (folder / ".git").exists() and not (folder / "HEAD").is_file():
            return None
        try:
            head = _read_local_head(folder)
        except (OSError, UnicodeDecodeError):
            head = None
        if head is not None:
            return head
    try:
        listed = run_git(Path.cwd(), *FETCH_CONFIG, "ls-remote", "--", remote_url(target),
                         "HEAD", timeout=timeout)
    except GitError:
        return None
    first = listed.decode("ascii", "replace").split("\t", 1)[0].strip()
    return first if SHA.fullmatch(first) else None


def _read_local_head(folder: Path) -> str | None:
    git_dir = folder / ".git"
    if git_dir.is_file():
        pointer = git_dir.read_text(encoding="utf-8").strip()
        if not pointer.startswith("gitdir:"):
            return None
        git_dir = (folder / pointer[len("gitdir:"):].strip()).resolve()
    elif not git_dir.is_dir():
        git_dir = folder  # a bare repository
    head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    if SHA.fullmatch(head):
        return head
    if not head.startswith("ref: "):
        return None
    ref = head[len("ref: "):].strip()
    if not ref.startswith("refs/") or ".." in ref.split("/"):
        return None
    common = git_dir
    if (git_dir / "commondir").is_file():
        common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    for base in (git_dir, common):
        loose = base / ref
        if loose.is_file():
            value = loose.read_text(encoding="utf-8").strip()
            return value if SHA.fullmatch(value) else None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8").splitlines():
            value, _, name = line.partition(" ")
            if name.strip() == ref and SHA.fullmatch(value):
                return value
    return None
