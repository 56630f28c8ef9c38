# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Write a publiccode.yml for the latest version from what a repository shows.

Name and url come from the git remote, the licence from the licence files, version
and date from the latest tag, languages and descriptions from the README, contacts
from AUTHORS or the history. What only a person can say (status, type, platforms,
features...) is written as `TO_FILL_IN` with a comment: the file then fails
validation exactly on those keys, and validates once they are filled in.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from opencheck.community.facts import readme_paths
from opencheck.gitcmd import GitError, run_git
from opencheck.publiccode.consistency import language_of, normalise_version, repository_key
from opencheck.publiccode.licence import identified_expression
from opencheck.publiccode.values import first_graphemes, graphemes
from opencheck.publiccode.versions import LATEST
from opencheck.registry import Context
from opencheck.report.sanitize import json_escaped
from opencheck.repository import Repository

PLACEHOLDER = "TO_FILL_IN"
# Blanks are read once (possessive), and the name ends on a visible character, so a line
# of blanks is not split in every way.
_EMAIL_LINE = re.compile(r"^\s*+(?:[-*]\s*+)?([^<>\n@]{0,79}?[^\s<>@])\s*+<([^<>\s@]+@[^<>\s@]+)>")
# A Markdown link or image: its text up to the next bracket, its target with one level of
# parentheses (`Foo_(bar)`); possessive, so a run of `[` or `[a](` is read once.
_LINK = re.compile(r"!?\[([^\[\]]*+)\]\((?:[^()]++|\([^()]*+\))*+\)")


@dataclass
class Facts:
    name: str
    url: str | None = None
    licence: str | None = None
    version: str | None = None
    release_date: str | None = None
    language: str | None = None
    short: str | None = None
    long: str | None = None
    contacts: list[tuple[str, str]] = field(default_factory=list)
    logo: str | None = None


def gather(repo: Repository) -> Facts:
    ctx = Context(repo=repo)
    facts = Facts(name=repo.root.name)
    git = repo.git
    if git and git.remotes:
        remote = git.remotes.get("origin") or next(iter(git.remotes.values()))
        key = repository_key(remote)
        if key:
            facts.url = f"https://{key}"
            facts.name = key.rsplit("/", 1)[-1]
    facts.licence = identified_expression(ctx)
    if git and git.tags:
        latest = max(git.tags, key=lambda tag: tag.date)
        facts.version = normalise_version(latest.name)
        if latest.date:
            facts.release_date = datetime.datetime.fromtimestamp(
                latest.date, datetime.UTC).date().isoformat()
    readmes = readme_paths(repo)
    text = repo.read_text(readmes[0]) if readmes else None
    if text:
        facts.language = language_of(text)
        paragraphs = _paragraphs(text)
        if paragraphs:
            facts.short = _first_sentence(paragraphs[0], 150)
            long = "\n\n".join(paragraphs[:6])
            if graphemes(long) >= 150:
                facts.long = _cut(long, 10000)
    facts.contacts = _contacts(ctx)
    for candidate in ("logo.svg", "logo.png", "docs/logo.svg", "docs/logo.png",
                      "assets/logo.svg", "assets/logo.png", "img/logo.svg", "img/logo.png"):
        if repo.exists(candidate):
            facts.logo = candidate
            break
    return facts


def _paragraphs(markdown: str) -> list[str]:
    found = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith(("#", "[![", "![", "<", "```", "|", "---", "===")):
            continue
        if re.match(r"^[-*+] |^\d+\. ", block):
            continue
        plain = _LINK.sub(r"\1", block)
        plain = re.sub(r"[*_`]+", "", plain)
        found.append(" ".join(plain.split()))
    return found


def _first_sentence(text: str, limit: int) -> str:
    """The paragraph if it fits, else its first sentence if that fits, else cut."""
    if graphemes(text) <= limit:
        return text
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return sentence if graphemes(sentence) <= limit else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    if graphemes(text) <= limit:
        return text
    return first_graphemes(text, limit - 1).rstrip() + "…"


def _contacts(ctx: Context) -> list[tuple[str, str]]:
    for path in ctx.repo.find_community_file("AUTHORS") + ctx.repo.find_community_file(
            "MAINTAINERS"):
        text = ctx.repo.read_text(path) or ""
        people = [(m.group(1).strip(" -*"), m.group(2)) for line in text.splitlines()
                  if (m := _EMAIL_LINE.match(line))]
        if people:
            return people[:3]
    git = ctx.repo.git
    if git is None or git.head is None or git.objects_unavailable:
        return []
    try:
        out = run_git(ctx.repo.root, "log", "-n", "500", "--no-merges", "--format=%an%x00%ae",
                      "HEAD")
    except GitError:
        return []
    counts = Counter(tuple(line.split("\0", 1)) for line in
                     out.decode("utf-8", "replace").splitlines() if "\0" in line)
    return [(name, email) for (name, email), _ in counts.most_common(2)
            if "noreply" not in email]


def _q(value: str) -> str:
    """A double-quoted YAML value (JSON's escapes are YAML's): a history's author named
    with a C1 control or a bidirectional override (U+009B, U+202E) reached the written
    file and the terminal of `--stdout` raw; they are written as `\\uXXXX`."""
    return json_escaped(json.dumps(value, ensure_ascii=False))


def render(facts: Facts) -> str:
    todo = "# À REMPLIR / TO FILL IN"
    lang = facts.language or "fr"
    lines = [
        "# publiccode.yml written by `opencheck init publiccode`.",
        f"# Replace every {PLACEHOLDER}, then run `opencheck publiccode validate`.",
        f"# Remplacez chaque {PLACEHOLDER}, puis lancez `opencheck publiccode validate`.",
        f"publiccodeYmlVersion: {_q(LATEST)}",
        "",
        f"name: {_q(facts.name)}",
        f"url: {_q(facts.url) if facts.url else PLACEHOLDER}" + ("" if facts.url else
                                                   f"  {todo}: https://... du dépôt"),
    ]
    if facts.version:
        lines.append(f"softwareVersion: {_q(facts.version)}")
    if facts.release_date:
        lines.append(f"releaseDate: {_q(facts.release_date)}")
    if facts.logo:
        lines.append(f"logo: {_q(facts.logo)}")
    lines += [
        "platforms:",
        f"  - {PLACEHOLDER}  {todo}: web, windows, mac, linux, ios, android",
        f"developmentStatus: {PLACEHOLDER}  {todo}: concept, development, beta, stable, "
        "obsolete",
        f"softwareType: {PLACEHOLDER}  {todo}: standalone/web, standalone/desktop, "
        "standalone/backend, standalone/mobile, library, addon, configurationFiles...",
        "",
        "description:",
        f"  {lang}:",
        f"    shortDescription: {_q(facts.short) if facts.short else PLACEHOLDER}"
        + ("" if facts.short else f"  {todo}: 150 caractères au plus / at most 150"),
    ]
    if facts.long:
        lines.append("    longDescription: |")
        lines += [f"      {line}" if line else "" for line in facts.long.splitlines()]
    else:
        lines.append(f"    longDescription: {PLACEHOLDER}  {todo}: 150 à 10000 caractères / "
                     "150 to 10000 characters")
    lines += [
        "    features:",
        f"      - {PLACEHOLDER}  {todo}: ce que le logiciel permet / what it lets users do",
        "",
        "legal:",
        f"  license: {_q(facts.licence) if facts.licence else PLACEHOLDER}"
        + ("" if facts.licence else f"  {todo}: SPDX, ex. EUPL-1.2"),
        "",
        "maintenance:",
        f"  type: {PLACEHOLDER}  {todo}: internal, contract, community, none",
        "  contacts:",
    ]
    if facts.contacts:
        for name, email in facts.contacts:
            lines += [f"    - name: {_q(name)}", f"      email: {_q(email)}"]
    else:
        lines.append(f"    - name: {PLACEHOLDER}  {todo}: une personne / a person")
    lines += [
        "",
        "localisation:",
        "  localisationReady: false  # À VÉRIFIER / TO CHECK: true if built to be translated",
        f"  availableLanguages:  # À VÉRIFIER / TO CHECK: the README is in {_q(lang)}",
        f"    - {_q(lang)}",
        "",
    ]
    return "\n".join(lines)


def generate(repo: Repository) -> str:
    return render(gather(repo))
