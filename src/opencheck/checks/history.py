# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history family: sign-off, identities, tags and signs of life.

The history is read once per run (`history_of`) and shared. A shallow clone hides
commits, so a rule that could wrongly pass on one skips instead, with the CI hint.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

from opencheck.community import history as hist
from opencheck.globs import too_many
from opencheck.model import Finding, Text
from opencheck.registry import Context, Skip, check
from opencheck.repository import Tag

DEFAULT_ACTIVITY_DAYS = 183


def history_of(ctx: Context) -> hist.History:
    """The summed-up history, read once per run; Skip when there is none to read."""
    if not ctx.options.history:
        raise Skip(Text(fr="Historique non lu (--no-history).",
                        en="History not read (--no-history)."))
    git = ctx.repo.git
    if git is None:
        raise Skip(hist.NO_GIT)
    if git.objects_unavailable:
        raise Skip(git.objects_unavailable)
    if git.head is None:
        raise Skip(hist.NO_COMMIT)
    summary = hist.shared_history(ctx)
    if summary.error and not summary.commits:
        raise Skip(Text(fr=f"git log a échoué : {summary.error}",
                        en=f"git log failed: {summary.error}"))
    if summary.error:  # an absent commit stopped the walk: judge what was read, say so
        ctx.metadata["history_log_stopped"] = {"error": summary.error,
                                               "commits_read": summary.commits}
    return summary


def require_full(ctx: Context) -> None:
    if ctx.repo.git is not None and ctx.repo.git.shallow:
        raise Skip(hist.SHALLOW)


def activity_days(ctx: Context) -> int:
    value = hist.settings(ctx).get("activity_days", DEFAULT_ACTIVITY_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise hist.SettingsError(
            f"settings.history.activity_days: '{value}' is not a number of days above 0"
        )
    return value


def day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).date().isoformat()


@check("history-sign-off")
def sign_off(ctx: Context) -> Iterator[Finding]:
    history = history_of(ctx)
    require_full(ctx)
    if history.non_merge == 0:
        raise Skip(Text(fr="Aucun commit à compter.", en="No commit to count."))
    missing = history.unsigned()
    if missing == 0:
        return
    share = round(100 * history.signed_off / history.non_merge)
    examples = ", ".join(history.unsigned_examples)
    other_fr = other_en = ""
    if history.signed_by_other:
        other_fr = f", dont {history.signed_by_other} signé(s) par un autre que l'auteur"
        other_en = f", {history.signed_by_other} signed off by someone other than the author"
    yield Finding(
        rule="history-sign-off",
        message=Text(
            fr=(
                f"{missing} commit(s) sur {history.non_merge} n'ont pas la ligne "
                f"Signed-off-by de leur auteur ({share} % signés{other_fr}) ; "
                f"par exemple {examples}."
            ),
            en=(
                f"{missing} of {history.non_merge} commit(s) have no Signed-off-by line of "
                f"their author ({share}% signed off{other_en}); for example {examples}."
            ),
        ),
        key="sign-off",
        extra={"signed_off": history.signed_off, "counted": history.non_merge},
    )


def _identities(ctx: Context) -> list[tuple[hist.Identity, str]]:
    """Each identity with its role (author, committer), bots and allowed ones removed."""
    history = history_of(ctx)
    allow = hist.settings(ctx).get("allowed_emails", [])
    if not isinstance(allow, list):
        raise hist.SettingsError("settings.history.allowed_emails: a list of addresses or "
                                 "patterns is expected")
    if (error := too_many("settings.history.allowed_emails", allow)) is not None:
        raise hist.SettingsError(error.en)
    allowed = hist.allowed_by([str(p) for p in allow])
    found = []
    for key, identity in sorted(history.identities.items()):
        if hist.is_bot(identity) or allowed(identity.email):
            continue
        if identity.authored == 0 and key in hist.FORGE_COMMITTERS:
            continue
        role = "author" if identity.authored else "committer"
        found.append((identity, role))
    return found


ROLE = {"author": Text("auteur", "author"), "committer": Text("committeur", "committer")}


@check("history-identity-generic")
def identity_generic(ctx: Context) -> Iterator[Finding]:
    found = []
    for identity, role in _identities(ctx):
        reason = hist.generic_reason(identity.email)
        if reason is not None:
            count = identity.authored or identity.committed
            found.append(Finding(
                rule="history-identity-generic",
                message=_identity_text(identity, role, count, reason),
                key=identity.email.lower(),
            ))
    yield from _found_or_skip(ctx, found)


def _found_or_skip(ctx: Context, found: list[Finding]) -> Iterator[Finding]:
    """What a shallow clone shows is true; its silence proves nothing."""
    if not found:
        require_full(ctx)
    yield from found


def _identity_text(identity: hist.Identity, role: str, count: int, why: Text) -> Text:
    return Text(
        fr=(
            f"« {identity.name} <{identity.email}> » ({ROLE[role].fr}, {count} commit(s), "
            f"ex. {identity.example}) : {why.fr}."
        ),
        en=(
            f"'{identity.name} <{identity.email}>' ({ROLE[role].en}, {count} commit(s), "
            f"e.g. {identity.example}): {why.en}."
        ),
    )


@check("history-identity-webmail")
def identity_webmail(ctx: Context) -> Iterator[Finding]:
    why = Text(fr="messagerie personnelle", en="personal webmail")
    found = [
        Finding(
            rule="history-identity-webmail",
            message=_identity_text(identity, role, identity.authored or identity.committed, why),
            key=identity.email.lower(),
        )
        for identity, role in _identities(ctx)
        if hist.is_webmail(identity.email)
    ]
    yield from _found_or_skip(ctx, found)


def _tags(ctx: Context) -> list[Tag]:
    git = ctx.repo.git
    if git is None:
        raise Skip(hist.NO_GIT)
    if git.objects_unavailable:
        raise Skip(git.objects_unavailable)
    if not git.tags and git.shallow:
        raise Skip(hist.SHALLOW)
    return git.tags


@check("history-semver-tags")
def semver_tags(ctx: Context) -> Iterator[Finding]:
    every = _tags(ctx)
    tags = [tag for tag in every if not hist.is_moving_tag(tag.name)]
    if not tags:
        moving = ", ".join(tag.name for tag in every[:5])
        yield Finding(
            rule="history-semver-tags",
            message=Text(
                fr="Aucune étiquette de version dans le dépôt"
                + (f" (seulement des étiquettes mobiles : {moving})." if moving else "."),
                en="No version tag in the repository"
                + (f" (only moving tags: {moving})." if moving else "."),
            ),
            key="no-tags",
        )
        return
    for tag in tags:
        if hist.semver_of(tag.name) is None:
            yield Finding(
                rule="history-semver-tags",
                message=Text(
                    fr=f"L'étiquette « {tag.name} » ne suit pas semver (ex. v1.2.3).",
                    en=f"Tag '{tag.name}' does not follow semver (e.g. v1.2.3).",
                ),
                key=tag.name,
            )


@check("history-signed-tags")
def signed_tags(ctx: Context) -> Iterator[Finding]:
    releases = hist.release_tags(_tags(ctx))
    if not releases:
        raise Skip(Text(fr="Aucune étiquette de version.", en="No release tag."))
    unsigned = [tag for tag in releases if not tag.signed]
    if not unsigned:
        return
    latest = max(unsigned, key=lambda tag: tag.date)
    yield Finding(
        rule="history-signed-tags",
        message=Text(
            fr=f"{len(unsigned)} étiquette(s) de version sur {len(releases)} ne sont pas "
            f"signées (dont {latest.name}).",
            en=f"{len(unsigned)} of {len(releases)} release tag(s) are not signed "
            f"(including {latest.name}).",
        ),
        key="unsigned",
    )


def _age_days(timestamp: int) -> int:
    return int((time.time() - timestamp) // hist.DAY)


def latest_commit(ctx: Context) -> int:
    """Date of the newest commit on any branch; Skip when it cannot be known."""
    history = history_of(ctx)
    if history.newest == 0:
        raise Skip(NO_DATE)
    return history.newest


NO_DATE = Text(fr="Date des commits illisible.", en="Commit dates cannot be read.")


@check("activity-recent-commit")
def recent_commit(ctx: Context) -> Iterator[Finding]:
    newest = latest_commit(ctx)
    limit = activity_days(ctx)
    age = _age_days(newest)
    if age <= limit:
        return  # a recent commit in a shallow clone is still a recent commit
    require_full(ctx)
    yield Finding(
        rule="activity-recent-commit",
        message=Text(
            fr=f"Le dernier commit date du {day(newest)} ({age} jours, limite {limit}).",
            en=f"The last commit is from {day(newest)} ({age} days ago, limit {limit}).",
        ),
        key="activity",
    )


def latest_release(ctx: Context) -> Tag | None:
    git = ctx.repo.git
    if git is None:
        raise Skip(hist.NO_GIT)
    if git.objects_unavailable:
        raise Skip(git.objects_unavailable)
    releases = hist.release_tags(git.tags)
    return max(releases, key=lambda tag: tag.date) if releases else None


@check("activity-recent-release")
def recent_release(ctx: Context) -> Iterator[Finding]:
    latest = latest_release(ctx)
    limit = activity_days(ctx)
    if latest is not None and _age_days(latest.date) <= limit:
        return
    require_full(ctx)
    if latest is None:
        message = Text(fr="Aucune version étiquetée (semver).", en="No tagged (semver) release.")
    else:
        age = _age_days(latest.date)
        message = Text(
            fr=f"La dernière version, {latest.name}, date du {day(latest.date)} "
            f"({age} jours, limite {limit}).",
            en=f"The last release, {latest.name}, is from {day(latest.date)} "
            f"({age} days ago, limit {limit}).",
        )
    yield Finding(rule="activity-recent-release", message=message, key="release")
