# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The commit history, read with one `git log` and summed up as it streams.

The summary keeps what the history rules, the scores and `opencheck init` need (sign-off
counts, identities and their commit counts, the newest commit date), so memory grows
with the number of distinct identities, not with the number of commits.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opencheck.gitcmd import GitError, StartedStream, stream_git
from opencheck.globs import any_glob
from opencheck.model import Text
from opencheck.registry import Context, ahead
from opencheck.repository import Repository, Tag

RECORD = "\x01"
FIELD = "\x00"
# %aN/%aE/%cN/%cE honour the repository's .mailmap, which is how a project corrects
# past identities without rewriting history; in merge-request mode, the base's
# (`log_place`): the change's own would soften the identity rules it is judged by.
FORMAT = (
    "%H%x00%aN%x00%aE%x00%at%x00%cN%x00%cE%x00%ct%x00%P%x00"
    "%(trailers:key=Signed-off-by,valueonly,separator=%x1f)%x01"
)
EXAMPLES = 5
DAY = 86400

SHALLOW = Text(
    fr=(
        "Clone superficiel (shallow) : l'historique est incomplet, cette règle ne peut "
        "pas conclure. En CI, récupérez tout l'historique : `fetch-depth: 0` dans "
        "actions/checkout (GitHub), `GIT_DEPTH: 0` dans les variables (GitLab), ou "
        "`git fetch --unshallow`."
    ),
    en=(
        "Shallow clone: the history is incomplete, so this rule cannot conclude. In CI, "
        "fetch the whole history: `fetch-depth: 0` in actions/checkout (GitHub), "
        "`GIT_DEPTH: 0` in the variables (GitLab), or `git fetch --unshallow`."
    ),
)
NO_GIT = Text(
    fr="Pas de dépôt git lisible : l'historique ne peut pas être lu.",
    en="No readable git repository: the history cannot be read.",
)
NO_COMMIT = Text(fr="Le dépôt n'a encore aucun commit.", en="The repository has no commit yet.")


@dataclass
class Identity:
    name: str
    email: str
    authored: int = 0
    committed: int = 0
    first: int = 0
    last: int = 0
    example: str = ""


@dataclass
class History:
    commits: int = 0
    non_merge: int = 0
    signed_off: int = 0
    signed_by_other: int = 0
    unsigned_examples: list[str] = field(default_factory=list)
    identities: dict[str, Identity] = field(default_factory=dict)
    newest: int = 0
    newest_sha: str = ""
    error: str | None = None

    def unsigned(self) -> int:
        return self.non_merge - self.signed_off


LOG_ARGS = ("log", "--no-color", f"--format={FORMAT}", "HEAD", "--branches", "--remotes",
            "--tags")
LOG_TIMEOUT = 600.0


def _readable(repo: Repository) -> bool:
    return not (repo.git is None or repo.git.head is None or repo.git.objects_unavailable)


def log_place(repo: Repository, base: str | None) -> tuple[Path, tuple[str, ...]]:
    """Where the log runs, and its arguments. git maps identities with the work tree's
    `.mailmap`, which a merge request may edit (`perso@gmail.com` mapped to the
    administration's address hides it from the identity rules). Given the base commit,
    the log runs in the git folder, where git reads no work tree's `.mailmap`, with the
    base's (`mailmap.blob`; none if the base has none)."""
    layout = repo.git.layout if repo.git is not None else None
    if base is None or layout is None:
        return repo.root, LOG_ARGS
    return layout.git_dir, ("-c", f"mailmap.blob={base}:.mailmap", *LOG_ARGS)


def read_history(repo: Repository, since: int | None = None,
                 started: StartedStream | None = None, base: str | None = None) -> History:
    """Every commit reachable from a branch, a remote branch, a tag or HEAD; read from
    `started` (the same log, started ahead by `start_log`) when given; identities
    mapped by the `.mailmap` of `base` when given (`log_place`)."""
    history = History()
    if not _readable(repo):
        if started is not None:
            started.close()
        return history
    if started is not None:
        records = started.records(b"\x01")
    else:
        where, args = log_place(repo, base)
        records = stream_git(where, *args, separator=b"\x01", timeout=LOG_TIMEOUT)
    # closed whatever stops the read: a failure is kept with its frames (`Context.shared`)
    # for the rest of the run, and the git read from would stay alive with them
    with closing(records):
        try:
            for record in records:
                fields = record.decode("utf-8", "replace").strip("\n").split(FIELD)
                if len(fields) < 9 or not fields[0]:
                    continue
                _add(history, fields, since)
        except GitError as error:
            history.error = str(error)
    return history


def settings(ctx: Context) -> dict[str, Any]:
    value = ctx.settings.get("history", {})
    return value if isinstance(value, dict) else {}


class SettingsError(ValueError):
    """A value of settings.history that cannot be used: the rules that need it fail
    with this message rather than silently using the default."""


def sign_off_since(ctx: Context) -> int | None:
    raw = settings(ctx).get("sign_off_since")
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(str(raw))
    except ValueError:
        raise SettingsError(
            f"settings.history.sign_off_since: '{raw}' is not a date (YYYY-MM-DD)"
        ) from None
    return int(moment.replace(tzinfo=moment.tzinfo or UTC).timestamp())


def shared_history(ctx: Context) -> History:
    """The history of this run, read once whichever rule asks first."""
    return ctx.shared("history", lambda: read_history(ctx.repo, sign_off_since(ctx),
                                                      ctx.take_ahead("history"),
                                                      base_commit(ctx)))


def base_commit(ctx: Context) -> str | None:
    """The merge request's base commit (`--diff-base`), or None."""
    return ctx.options.base.commit if ctx.options.base is not None else None


# The rules and scores that read the history (`shared_history`): the log is started
# ahead only for a run that computes one of them (tests/test_no_history.py runs every
# check and score and holds this list to those that read it).
READERS = frozenset({
    "history-sign-off", "history-identity-generic", "history-identity-webmail",
    "activity-recent-commit", "readme-maintenance-status", "codemeta-consistent",
    "citation-consistent", "reuse-file-copyright", "reuse-file-licensing",
    "licence-reciprocal", "awesome",
})


@ahead("history", READERS)
def start_log(ctx: Context) -> StartedStream | None:
    """The log of `read_history`, started before the rules run: git walks the commits
    (0.1 s for 12,600 commits, seconds on the largest histories) while the tree is read;
    never under `--no-history`, where nothing reads it."""
    if not ctx.options.history or not _readable(ctx.repo):
        return None
    where, args = log_place(ctx.repo, base_commit(ctx))
    return StartedStream(where, *args, timeout=LOG_TIMEOUT)


def _add(history: History, fields: list[str], since: int | None) -> None:
    sha, a_name, a_mail, a_time, c_name, c_mail, c_time, parents, trailers = fields[:9]
    authored, committed = _int(a_time), _int(c_time)
    history.commits += 1
    if committed > history.newest:
        history.newest, history.newest_sha = committed, sha
    _identity(history, a_name, a_mail, authored, sha).authored += 1
    _identity(history, c_name, c_mail, committed, sha).committed += 1
    if len(parents.split()) > 1:
        return
    if since is not None and authored < since:
        return
    history.non_merge += 1
    if _signed_by_author(trailers, a_name, a_mail):
        history.signed_off += 1
        return
    if trailers.strip():
        history.signed_by_other += 1  # forge DCO checks reject these too
    if len(history.unsigned_examples) < EXAMPLES:
        history.unsigned_examples.append(sha[:10])


def _signed_by_author(trailers: str, name: str, email: str) -> bool:
    """A Signed-off-by of the author, as forge DCO checks want it: by address, or by
    name when .mailmap has changed the author's address since."""
    address = email.strip().lower()
    prefix = f"{name.strip()} <".lower()
    for value in trailers.split("\x1f"):
        value = value.strip().lower()
        if value and ((address and f"<{address}>" in value) or value.startswith(prefix)):
            return True
    return False


def _identity(history: History, name: str, email: str, when: int, sha: str) -> Identity:
    key = email.strip().lower()
    found = history.identities.get(key)
    if found is None:
        found = Identity(name=name.strip(), email=email.strip(), first=when, last=when,
                         example=sha[:10])
        history.identities[key] = found
    found.first = min(found.first, when)
    found.last = max(found.last, when)
    return found


def _int(value: str) -> int:
    return int(value) if value.strip().isdigit() else 0


# -- identities ------------------------------------------------------------------------

GENERIC_LOCAL = {
    "root", "admin", "administrator", "administrateur", "user", "utilisateur", "test",
    "dev", "developer", "git", "ubuntu", "debian", "vagrant", "nobody", "anonymous",
    "unknown", "none", "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply",
}
GENERIC_DOMAINS = (
    "localhost", "localdomain", "local", "lan", "home", "internal", "invalid", "test",
    "example", "example.com", "example.org", "example.net", "example.fr", "domain.com",
    "email.com", "mail.com", "users.noreply.github.com", "users.noreply.gitlab.com",
    "noreply.github.com", "noreply.gitlab.com", "noreply.codeberg.org",
)
WEBMAIL = (
    "gmail.com", "googlemail.com", "yahoo.*", "ymail.com", "hotmail.*", "outlook.*",
    "live.*", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.*",
    "protonmail.*", "proton.me", "pm.me", "tutanota.*", "tuta.io", "yandex.*", "mail.ru",
    "zoho.com", "posteo.*", "mailo.com", "laposte.net", "orange.fr", "wanadoo.fr",
    "free.fr", "sfr.fr", "neuf.fr", "bbox.fr", "numericable.fr", "aliceadsl.fr",
    "club-internet.fr", "hotmail.fr", "yahoo.fr", "live.fr", "outlook.fr",
)
# The forge itself signs the commits it makes on a user's behalf (merges in the web UI).
FORGE_COMMITTERS = {"noreply@github.com", "noreply@gitlab.com"}


# Automation that commits under its own identity: GitHub apps ("[bot]"), GitLab project
# and group access tokens, Weblate's translation commits.
BOT_ADDRESS = re.compile(r"\[bot\]@|^(?:project|group)_\d+_bot|^noreply@weblate\.org$")


# A GitHub machine account named a bot (`nl-wallet-bot`, `JuliaTagBot`), committing
# through its noreply address; `talbot` or `abbot`, people's names, are not.
_BOT_LOGIN = re.compile(r"^(?:\d+\+)?[\w.-]*(?:[-_.][Bb]ot|[a-z0-9]Bot)"
                        r"@users\.noreply\.github\.com$")


def is_bot(identity: Identity) -> bool:
    return identity.name.endswith("[bot]") or bool(BOT_ADDRESS.search(identity.email.lower())) \
        or bool(_BOT_LOGIN.match(identity.email.strip()))


def generic_reason(email: str) -> Text | None:
    """Why an address is generic or anonymous, or None when it names a person."""
    address = email.strip().lower()
    if "@" not in address:
        return Text(fr="adresse absente ou invalide", en="missing or invalid address")
    local, _, domain = address.rpartition("@")
    if any(word in address for word in ("noreply", "no-reply", "donotreply", "do-not-reply")):
        return Text(fr="adresse anonyme (noreply)", en="anonymous address (noreply)")
    if any(domain == d or domain.endswith("." + d) for d in GENERIC_DOMAINS):
        return Text(fr="domaine fictif ou local", en="placeholder or local domain")
    if "." not in domain:
        return Text(fr="nom de machine, pas une adresse de messagerie",
                    en="a machine name, not a mail address")
    if local in GENERIC_LOCAL:
        return Text(fr="adresse générique", en="generic address")
    return None


def is_webmail(email: str) -> bool:
    domain = email.strip().lower().rpartition("@")[2]
    return any(fnmatch.fnmatchcase(domain, pattern) for pattern in WEBMAIL)


def allowed_by(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether an address matches one of `settings.history.allowed_emails` (any case),
    the list matched as one (`globs.py`)."""
    matches = any_glob(pattern.lower() for pattern in patterns)
    return lambda email: matches(email.strip().lower())


# -- tags ------------------------------------------------------------------------------

SEMVER = re.compile(
    r"^(?:[\w.-]+[/@])?v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


# A project with thousands of tags (a monorepo's `@scope/package@1.2.3`, one per package
# and release: 6,415 in navikt/aksel) has each name judged by several rules: 0.09 s for
# the same answers; each name's are kept, for that many names at most.
_NAMES_KEPT = 1 << 16


@functools.lru_cache(maxsize=_NAMES_KEPT)
def semver_of(tag: str) -> tuple[int, int, int] | None:
    match = SEMVER.match(tag)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def version_text(tag: str) -> str:
    """`v1.2.3` and `pkg@1.2.3` both name version `1.2.3` (pre-release kept)."""
    bare = re.split(r"[/@]", tag)[-1]
    return bare[1:] if bare[:1] in ("v", "V") else bare


# Tags that move with each build rather than name a version: `latest`, `nightly`,
# `nightly-20260101`, `edge`... and builds marked as such (`v2.0.0-nightly.3`,
# `1.4.0-SNAPSHOT`). They are not releases: never compared as versions.
_MOVING_NAME = re.compile(
    r"^(?:[\w.-]+[/@])?(?:(?:latest|nightly|stable|edge|canary|dev|develop|development|main|"
    r"master|head|current|next|unstable|rolling|continuous|snapshot|preview|beta|alpha|prod|"
    r"production|staging|testing)"
    r"|(?:nightly|snapshot|canary|edge|continuous|rolling)[-_.][\w.-]*)$",
    re.IGNORECASE,
)
_BUILD_MARKER = re.compile(r"(?:^|[-_.+])(?:nightly|snapshot|canary|dev)(?:$|[-_.+\d])",
                           re.IGNORECASE)


@functools.lru_cache(maxsize=_NAMES_KEPT)
def is_moving_tag(name: str) -> bool:
    """A tag that names a channel or a build (`latest`, `nightly-…`), not a version."""
    if _MOVING_NAME.match(name):
        return True
    return semver_of(name) is not None and bool(_BUILD_MARKER.search(version_text(name)))


def release_tags(tags: list[Tag]) -> list[Tag]:
    return [tag for tag in tags if semver_of(tag.name) and not is_moving_tag(tag.name)]
