# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The publiccode family: the file is valid for its version and agrees with the
repository (licence, remote, logo, screenshots, tags, README language, contacts)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from opencheck.community.facts import readme_paths
from opencheck.model import Finding, Severity, Text
from opencheck.publiccode import Issue, Result, validate
from opencheck.publiccode.consistency import (
    comparable,
    language_of,
    licence_ids,
    normalise_version,
    repository_key,
)
from opencheck.publiccode.files import Remote, RepositoryFiles, is_url
from opencheck.publiccode.licence import identified_licences
from opencheck.registry import Context, Skip, check

NAMES = ("publiccode.yml", "publiccode.yaml")
MAX_URLS = 20
# issues each file rule reports itself; publiccode-valid and -deprecated leave them out
OWN_RULE = {"legacy": "publiccode-legacy-layout", "logo": "publiccode-logo",
            "screenshot": "publiccode-screenshots"}
# a dated or numbered build of a channel (nightly-2024-01-01, edge-2) is no version either
# (a tag without a digit, `stable`, `main`, is never one)
MOVING_WORDS = frozenset({"latest", "nightly", "edge", "unstable", "head", "canary",
                          "snapshot", "rolling", "tip", "trunk"})
# issues about validity that publiccode-valid reports at any severity
VALIDITY_NOTES = ("authors-file", "ipa", "video")
GENERIC_MAILBOXES = {"info", "contact", "contacts", "admin", "support", "noreply",
                     "no-reply", "webmaster", "hello", "bonjour", "secretariat", "accueil"}


@dataclass
class Parsed:
    path: str
    result: Result

    @property
    def data(self) -> dict[str, Any]:
        data = self.result.data
        return data if isinstance(data, dict) else {}

    def where(self, *path: str | int) -> tuple[int, int]:
        if self.result.document is None:
            return 1, 1
        return self.result.document.position(tuple(path))


def _parse(ctx: Context) -> Parsed | None:
    for name in NAMES:
        if ctx.repo.exists(name):
            data = ctx.repo.read_bytes(name)
            if data is None:
                reason = ctx.repo.unreadable.get(name)
                message = reason.reason if reason else "unreadable"
                result = Result(issues=[Issue(Severity.ERROR, "", Text(
                    f"Fichier illisible : {message}.", f"Unreadable file: {message}."),
                    code="yaml")])
                return Parsed(name, result)
            settings = ctx.settings.get("publiccode")
            strict = isinstance(settings, dict) and bool(settings.get("strict"))
            remote = Remote(allow_private=ctx.options.allow_private_network) \
                if ctx.options.network else None
            return Parsed(name, validate(data, files=RepositoryFiles(ctx.repo), strict=strict,
                                         remote=remote))
    return None


def parsed(ctx: Context) -> Parsed:
    """The repository's publiccode.yml, validated once per run; Skip when absent."""
    found = ctx.shared("publiccode", lambda: _parse(ctx))
    if found is None:
        raise Skip(Text("pas de publiccode.yml à la racine", "no publiccode.yml at the root"))
    return found


def _finding(rule: str, parsed_file: Parsed, issue: Issue, severity: Severity | None = None
             ) -> Finding:
    stable = re.sub(r"\d+", "N", issue.message.en)[:80]
    message = issue.message
    if issue.key:  # the report shows no key column: name the key in the message
        message = Text(f"{issue.key} : {message.fr}", f"{issue.key}: {message.en}")
    return Finding(
        rule=rule,
        message=message,
        path=parsed_file.path,
        line=issue.line,
        column=issue.column,
        severity=severity or issue.severity,
        key=f"{issue.key}|{issue.code}|{stable}",
        extra={"key": issue.key},
    )


def _at(rule: str, parsed_file: Parsed, key: tuple[str | int, ...], message: Text,
        severity: Severity | None = None) -> Finding:
    line, column = parsed_file.where(*key)
    dotted = ".".join(str(k) for k in key)
    return Finding(rule=rule, message=message, path=parsed_file.path, line=line,
                   column=column, severity=severity, key=dotted, extra={"key": dotted})


@check("publiccode-present")
def publiccode_present(ctx: Context) -> Iterator[Finding]:
    if ctx.shared("publiccode", lambda: _parse(ctx)) is None:
        elsewhere = [p for p in ctx.repo.paths() if p.lower().endswith(NAMES)]
        hint = Text(f" (trouvé ailleurs : {elsewhere[0]})", f" (found elsewhere: {elsewhere[0]})"
                    ) if elsewhere else Text("", "")
        yield Finding(rule="publiccode-present", message=Text(
            "Aucun publiccode.yml à la racine du dépôt" + hint.fr + ".",
            "No publiccode.yml at the root of the repository" + hint.en + ".",
        ), key="publiccode.yml")


@check("publiccode-valid")
def publiccode_valid(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    for issue in found.result.issues:
        if issue.code in OWN_RULE:
            continue
        # errors, and what concerns validity only (authors file, iPA codes, videos)
        if issue.severity is Severity.ERROR or issue.code in VALIDITY_NOTES:
            yield _finding("publiccode-valid", found, issue)


def _own_rule(rule: str, ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    for issue in found.result.issues:
        if OWN_RULE.get(issue.code) == rule:
            yield _finding(rule, found, issue)


@check("publiccode-legacy-layout")
def publiccode_legacy_layout(ctx: Context) -> Iterator[Finding]:
    yield from _own_rule("publiccode-legacy-layout", ctx)


@check("publiccode-deprecated")
def publiccode_deprecated(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    for issue in found.result.warnings:
        if issue.code not in OWN_RULE and issue.code not in VALIDITY_NOTES:
            yield _finding("publiccode-deprecated", found, issue)


# -- consistency with the repository ------------------------------------------------


@check("publiccode-license")
def publiccode_license(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    legal = found.data.get("legal")
    declared = legal.get("license") if isinstance(legal, dict) else None
    if not isinstance(declared, str) or not declared.strip():
        raise Skip(Text("legal.license absent", "legal.license missing"))
    wanted = {comparable(key) for key in licence_ids(declared)}
    if not wanted:
        raise Skip(Text("legal.license n'est pas une expression SPDX lisible",
                        "legal.license is not a readable SPDX expression"))
    identified = identified_licences(ctx)
    present = {comparable(key) for key in identified}
    if not present:
        raise Skip(Text("licence du dépôt non identifiée", "repository licence not identified"))
    if not wanted & present:
        yield _at("publiccode-license", found, ("legal", "license"), Text(
            f"legal.license vaut « {declared} » mais les fichiers de licence du dépôt disent "
            f"{', '.join(sorted(identified))}.",
            f"legal.license is '{declared}' but the repository's licence files say "
            f"{', '.join(sorted(identified))}.",
        ))


@check("publiccode-url")
def publiccode_url(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    url = found.data.get("url")
    if not isinstance(url, str):
        raise Skip(Text("url absente", "url missing"))
    git = ctx.repo.git
    if git is None or not git.remotes:
        raise Skip(Text("aucun remote git", "no git remote"))
    remotes = {repository_key(remote) for remote in git.remotes.values()} - {None}
    if not remotes:  # a clone of a folder on disk names no forge to compare with
        raise Skip(Text("aucun remote git sur une forge", "no git remote on a forge"))
    if repository_key(url) not in remotes:
        shown = git.remotes.get("origin") or next(iter(git.remotes.values()))
        yield _at("publiccode-url", found, ("url",), Text(
            f"url « {url} » ne correspond pas au remote git ({shown}) : url doit désigner "
            "le dépôt où vit ce fichier (sauf fork maintenu à part).",
            f"url '{url}' does not match the git remote ({shown}): url must name the "
            "repository this file lives in (unless a separately maintained fork).",
        ))


_RAW_FILE = re.compile(r"^https?://(?:raw\.githubusercontent\.com/|[^/?#]+/[^?#]*/-/raw/"
                       r"|[^/?#]+/[^?#]*/raw/)", re.IGNORECASE)


def _outside_repository(ctx: Context, url: str) -> bool | None:
    """Whether an absolute logo or screenshot URL names none of the repository's
    remotes; None when the repository has no forge remote to compare with.

    The standard wants the file in the same repository, even when given as a URL
    (a raw URL of the forge).
    """
    git = ctx.repo.git
    wanted = [key.split("/", 1)[1] for remote in (git.remotes.values() if git else ())
              if (key := repository_key(remote)) and "/" in key]
    if not wanted:
        return None
    lowered = url.lower()
    return not any(f"/{path}/" in lowered for path in wanted)


def _external(rule: str, ctx: Context, found: Parsed, key: tuple[str | int, ...],
              value: str) -> Iterator[Finding]:
    """An http(s) URL: in this repository (a raw URL of it), or said to be external."""
    outside = _outside_repository(ctx, value)
    if outside is False or (outside is None and _RAW_FILE.search(value)):
        return  # a raw file URL of a forge: the repository's own, as far as can be told
    because = (" (aucun remote git pour le vérifier)", " (no git remote to confirm it)"
               ) if outside is None else ("", "")
    yield _at(rule, found, key, Text(
        f"« {value} » est une adresse externe, pas un fichier de ce dépôt{because[0]} : le "
        "standard veut le fichier dans le dépôt du publiccode.yml (chemin relatif, ou URL "
        "brute de ce dépôt).",
        f"'{value}' is an external address, not a file of this repository{because[1]}: the "
        "standard wants the file in the publiccode.yml's repository (a relative path, or a "
        "raw URL of it).",
    ), Severity.WARNING)


@check("publiccode-logo")
def publiccode_logo(ctx: Context) -> Iterator[Finding]:
    found = ctx.shared("publiccode", lambda: _parse(ctx))
    if found is None:  # publiccode-present says it, once
        raise Skip(Text("pas de publiccode.yml (voir publiccode-present)",
                        "no publiccode.yml (see publiccode-present)"))
    if not isinstance(found.result.data, dict):  # empty, not YAML, binary: said once
        raise Skip(Text("publiccode.yml vide ou illisible (voir publiccode-valid)",
                        "publiccode.yml empty or unreadable (see publiccode-valid)"))
    logo = found.data.get("logo")
    if not isinstance(logo, str) or not logo:
        yield Finding(rule="publiccode-logo", message=Text(
            "Aucun logo déclaré (clé « logo », SVG de préférence).",
            "No logo declared ('logo' key, SVG preferably).",
        ), path=found.path, key="logo", extra={"key": "logo"})
        return
    own = list(_own_rule("publiccode-logo", ctx))
    yield from own
    if not own and is_url(logo) and logo.lower().startswith(("http://", "https://")):
        yield from _external("publiccode-logo", ctx, found, ("logo",), logo)


@check("publiccode-screenshots")
def publiccode_screenshots(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    own = list(_own_rule("publiccode-screenshots", ctx))
    yield from own
    reported = {finding.extra.get("key") for finding in own}
    description = found.data.get("description")
    if not isinstance(description, dict):
        return
    for language, text in description.items():
        shots = text.get("screenshots") if isinstance(text, dict) else None
        for index, shot in enumerate(shots if isinstance(shots, list) else []):
            key = ("description", language, "screenshots", index)
            if isinstance(shot, str) and shot.lower().startswith(("http://", "https://")) \
                    and f"description.{language}.screenshots[{index}]" not in reported:
                yield from _external("publiccode-screenshots", ctx, found, key, shot)


def is_version_tag(name: str) -> bool:
    """`v1.2.0`, `2024.03`, `release-4`: yes; `nightly`, `latest`, `edge-2`: no."""
    words = {word for word in re.split(r"[^a-z]+", name.lower()) if word}
    return any(c.isdigit() for c in name) and not words & MOVING_WORDS


@check("publiccode-version")
def publiccode_version(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    git = ctx.repo.git
    if git is not None and git.objects_unavailable:
        raise Skip(git.objects_unavailable)
    if git is None or not git.tags:
        raise Skip(Text("aucune étiquette git", "no git tag"))
    versions = [tag for tag in git.tags if is_version_tag(tag.name)]
    if not versions:
        raise Skip(Text("aucune étiquette de version (nightly, latest... ne sont pas des "
                        "versions)", "no version tag (nightly, latest... are not versions)"))
    latest = max(versions, key=lambda tag: tag.date)
    version = found.data.get("softwareVersion")
    if isinstance(version, str | int | float) and not isinstance(version, bool):
        if normalise_version(str(version)) != normalise_version(latest.name):
            yield _at("publiccode-version", found, ("softwareVersion",), Text(
                f"softwareVersion vaut « {version} » mais la dernière étiquette est "
                f"« {latest.name} ».",
                f"softwareVersion is '{version}' but the latest tag is '{latest.name}'.",
            ))
            return
    elif version is None:
        yield _at("publiccode-version", found, (), Text(
            f"softwareVersion absent alors que la dernière étiquette est « {latest.name} ».",
            f"softwareVersion missing while the latest tag is '{latest.name}'.",
        ))
        return
    date = found.data.get("releaseDate")
    if isinstance(date, str) and latest.date:
        tagged = datetime.datetime.fromtimestamp(latest.date, datetime.UTC).date()
        try:
            declared = datetime.date.fromisoformat(date)
        except ValueError:
            return  # publiccode-valid reports the format
        if abs((declared - tagged).days) > 1:
            yield _at("publiccode-version", found, ("releaseDate",), Text(
                f"releaseDate vaut {date} mais l'étiquette « {latest.name} » date du "
                f"{tagged.isoformat()}.",
                f"releaseDate is {date} but tag '{latest.name}' is dated "
                f"{tagged.isoformat()}.",
            ))


@check("publiccode-languages")
def publiccode_languages(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    readmes = readme_paths(ctx.repo)
    text = ctx.repo.read_text(readmes[0]) if readmes else None
    language = language_of(text) if text else None
    if language is None:
        raise Skip(Text("langue du README indéterminée", "README language unclear"))
    localisation = found.data.get("localisation")
    available = localisation.get("availableLanguages") if isinstance(localisation, dict) else None
    description = found.data.get("description")
    described = {str(k).split("-")[0].lower() for k in description} if isinstance(
        description, dict) else set()
    if isinstance(available, list):
        primary = {str(tag).split("-")[0].lower() for tag in available}
        if language not in primary and language not in described:
            yield _at("publiccode-languages", found, ("localisation", "availableLanguages"), Text(
                f"Le README est en « {language} », absent de availableLanguages et de "
                "description.",
                f"The README is in '{language}', missing from availableLanguages and "
                "description.",
            ))
    if described and language not in described:
        yield _at("publiccode-languages", found, ("description",), Text(
            f"Aucune description en « {language} », la langue du README.",
            f"No description in '{language}', the README's language.",
        ))


@check("publiccode-contacts")
def publiccode_contacts(ctx: Context) -> Iterator[Finding]:
    found = parsed(ctx)
    maintenance = found.data.get("maintenance")
    if not isinstance(maintenance, dict):
        return  # publiccode-valid reports it
    if maintenance.get("type") == "none":
        raise Skip(Text("maintenance.type vaut « none » : personne n'est attendu",
                        "maintenance.type is 'none': no one is expected"))
    listed = maintenance.get("contacts")
    contacts: list[Any] = listed if isinstance(listed, list) else []
    contractors = maintenance.get("contractors")
    if not contacts and not contractors:
        yield _at("publiccode-contacts", found, ("maintenance",), Text(
            "Aucun contact de maintenance : indiquez au moins une personne joignable.",
            "No maintenance contact: name at least one person who can be reached.",
        ))
        return
    for index, contact in enumerate(contacts):
        if not isinstance(contact, dict):
            continue
        email = contact.get("email")
        if not email and not contact.get("phone"):
            yield _at("publiccode-contacts", found, ("maintenance", "contacts", index), Text(
                "Contact sans adresse électronique ni téléphone : comment le joindre ?",
                "Contact with neither e-mail nor phone: how can they be reached?",
            ))
        elif isinstance(email, str) and email.split("@")[0].lower() in GENERIC_MAILBOXES:
            yield _at("publiccode-contacts", found, ("maintenance", "contacts", index, "email"),
                      Text(
                f"« {email} » est une adresse générique : le standard demande l'adresse "
                "d'une personne.",
                f"'{email}' is a generic address: the standard asks for a person's address.",
            ))


def _urls(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for key in ("url", "landingURL", "roadmap", "logo"):
        if isinstance(data.get(key), str):
            yield (key,), data[key]
    description = data.get("description")
    if isinstance(description, dict):
        for language, text in description.items():
            if isinstance(text, dict):
                for key in ("documentation", "apiDocumentation"):
                    if isinstance(text.get(key), str):
                        yield ("description", language, key), text[key]


def _git_repository(ctx: Context, found: Parsed, url: str) -> Iterator[Finding]:
    """`url` must be a repository: a git server answers the smart-HTTP discovery."""
    base = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").removesuffix(".git")
    probe = f"{base}.git/info/refs?service=git-upload-pack"
    from opencheck import netguard, proxies

    answer = netguard.request(probe, method="GET",
                              allow_private=ctx.options.allow_private_network,
                              proxy_for=proxies.for_url)
    if answer.status != 200:
        reason = answer.error or f"HTTP {answer.status}"
        yield _at("publiccode-urls-reachable", found, ("url",), Text(
            f"« {url} » répond mais ne sert pas de dépôt git public ({reason}) : url doit "
            "être l'adresse du dépôt de code.",
            f"'{url}' answers but serves no public git repository ({reason}): url must be "
            "the address of the code repository.",
        ))


@check("publiccode-urls-reachable")
def publiccode_urls_reachable(ctx: Context) -> Iterator[Finding]:
    if not ctx.options.network:
        raise Skip(Text("réseau non autorisé (--network)", "network not allowed (--network)"))
    from opencheck import netguard, proxies  # loaded only with --network: start-up counts

    found = parsed(ctx)
    checked = 0
    for key, url in _urls(found.data):
        if not url.lower().startswith(("http://", "https://")) or checked >= MAX_URLS:
            continue
        checked += 1
        answer = netguard.request(url, allow_private=ctx.options.allow_private_network,
                                  proxy_for=proxies.for_url)
        if answer.ok and key == ("url",):
            yield from _git_repository(ctx, found, url)
            continue
        if answer.ok:
            continue
        reason = answer.error or f"HTTP {answer.status}"
        yield _at("publiccode-urls-reachable", found, key, Text(
            f"« {url} » ne répond pas : {reason}.", f"'{url}' does not answer: {reason}.",
        ))
