# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The community files the guides ask for: their presence, then what they say."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from opencheck.community import facts
from opencheck.community import history as hist
from opencheck.community.content import MissingFile, content_check
from opencheck.community.markup import Document, emails, normalise, urls
from opencheck.community.placeholders import (
    GENERATED_METADATA,
    PLACEHOLDER,
    SCAFFOLDED_STEMS,
    placeholders,
)
from opencheck.model import Finding, Text
from opencheck.registry import Context, Skip, check
from opencheck.wordtrie import alternation

MISSING = Text(
    fr="Aucun fichier {stem} trouvé (cherché à la racine, dans docs/ et .github/).",
    en="No {stem} file found (looked at the root, in docs/ and .github/).",
)


def missing(rule: str, ctx: Context, *stems: str) -> Iterator[Finding]:
    """One finding when none of the stems names a community file of the repository."""
    found = [path for stem in stems for path in ctx.repo.find_community_file(stem)]
    yield from _absent(rule, ctx, found, stems[0])


def _absent(rule: str, ctx: Context, found: list[str], stem: str) -> Iterator[Finding]:
    """No file, or only symlinks that lead to no file: forges show none either."""
    links = [ctx.repo.broken_link(path) for path in found]
    if found and not all(links):
        return
    link = links[0] if links else None
    if link is None:
        yield Finding(rule=rule, message=MISSING.format(stem=stem), key=stem)
        return
    yield Finding(
        rule=rule,
        message=Text(
            fr=f"{link.text.fr} : les forges n'affichent donc aucun fichier {stem}. "
            "Remplacez le lien par le fichier lui-même.",
            en=f"{link.text.en}: forges show no {stem} file. Replace the link with the "
            "file itself.",
        ),
        fix=Text(f"Remplacez le lien {link.path} par le fichier (opencheck n'écrit jamais à "
                 "travers un lien).",
                 f"Replace the link {link.path} with the file (opencheck never writes "
                 "through a link)."),
        path=link.path,
        key=f"{stem}:link",
    )


def readme_paths(ctx: Context) -> list[str]:
    """README files in the order forges pick them: .github/, the root, docs/."""
    return facts.readme_paths(ctx.repo)


@check("readme-present")
def readme_present(ctx: Context) -> Iterator[Finding]:
    yield from _absent("readme-present", ctx, readme_paths(ctx), "README")


@check("contributing-present")
def contributing_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("contributing-present", ctx, "CONTRIBUTING")


@check("code-of-conduct-present")
def code_of_conduct_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("code-of-conduct-present", ctx, "CODE_OF_CONDUCT", "CODE-OF-CONDUCT")


@check("security-policy-present")
def security_policy_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("security-policy-present", ctx, "SECURITY")


@check("changelog-present")
def changelog_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("changelog-present", ctx, "CHANGELOG", "CHANGES", "HISTORY", "NEWS")


@check("authors-present")
def authors_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("authors-present", ctx, "AUTHORS", "CONTRIBUTORS", "MAINTAINERS")


# Projects describe their governance under other names: a project or technical
# steering committee (PSC.md, TSC.md, STEERING_COMMITTEE.md), a charter.
GOVERNANCE_STEMS = (
    "GOVERNANCE", "GOUVERNANCE", "GOVERNANCE_MODEL", "PSC", "TSC", "STEERING",
    "STEERING_COMMITTEE", "STEERING-COMMITTEE", "STEERING_COUNCIL", "STEERING-COUNCIL",
    "PROJECT_STEERING_COMMITTEE", "TECHNICAL_STEERING_COMMITTEE", "CHARTER",
)


@check("governance-present")
def governance_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("governance-present", ctx, *GOVERNANCE_STEMS)


@check("roadmap-present")
def roadmap_present(ctx: Context) -> Iterator[Finding]:
    yield from missing("roadmap-present", ctx, "ROADMAP")


@check("placeholders-left")
def placeholders_left(ctx: Context) -> Iterator[Finding]:
    """Each marker a template left in the README or a community file, by line."""
    paths = list(readme_paths(ctx)[:1])
    for stem in SCAFFOLDED_STEMS:
        paths += ctx.repo.find_community_file(stem)[:1]
    paths += [name for name in GENERATED_METADATA if ctx.repo.exists(name)]
    for path in paths:
        text = ctx.repo.read_text(path)
        if text is None:
            continue
        for found in placeholders(text):
            yield Finding(
                rule="placeholders-left",
                message=Text(fr=f"À compléter : « {found.marker} ».",
                             en=f"To be completed: '{found.marker}'."),
                path=path,
                line=found.line,
                key=f"{found.marker}:{found.line}",
            )


# -- what the community files say ------------------------------------------------------

def _document(ctx: Context, rule: str, *stems: str) -> Document:
    doc = facts.community_document(ctx, *stems)
    if doc is None:
        raise MissingFile(stems[0], rule)
    return doc


SIGN_OFF = re.compile(
    r"signed-off-by|sign[- ]?off|signoff|\bdco\b|developer certificate of origin|"
    r"certificat d'origine|git commit (?:-\w*s|--signoff)|signez vos commits|"
    r"signer (?:vos|ses|les|chaque) commits?",
)
# The look-ahead lists the first letters of the words: `re` tries the seventeen words (most
# behind a `\b`, which it cannot search for) at every position, 0.38 s per MB of blanks;
# where no word can start, one test. Same matches.
PROCESS = re.compile(
    r"(?=[pmdrfbitcs])(?:"
    r"pull request|merge request|demande de (?:fusion|tirage|modification)|"
    r"requete de fusion|\bfork|\bforker|\bbranche?s?\b|\bissues?\b|\btickets?\b|\bpatch|"
    r"correctifs?|\bproposer\b|\bpropose\b|\bsoumettre\b|\bsubmit\b|\bpr\b|\bmr\b)",
)


@content_check("contributing-sign-off")
def contributing_sign_off(ctx: Context) -> Iterator[Finding]:
    doc = _document(ctx, "contributing-present", "CONTRIBUTING")
    if SIGN_OFF.search(normalise(doc.text)) is None:
        yield Finding(
            rule="contributing-sign-off",
            message=Text(
                fr="CONTRIBUTING ne demande pas de signer les commits (DCO, git commit -s).",
                en="CONTRIBUTING does not ask for signed-off commits (DCO, git commit -s).",
            ),
            path=doc.path,
            key="sign-off",
        )


@content_check("contributing-process")
def contributing_process(ctx: Context) -> Iterator[Finding]:
    doc = _document(ctx, "contributing-present", "CONTRIBUTING")
    if len(set(PROCESS.findall(normalise(doc.text)))) < 2:
        yield Finding(
            rule="contributing-process",
            message=Text(
                fr="CONTRIBUTING n'explique pas comment proposer une modification "
                "(ticket, branche, demande de fusion).",
                en="CONTRIBUTING does not explain how to propose a change "
                "(issue, branch, merge or pull request).",
            ),
            path=doc.path,
            key="process",
        )


# "A, then B later on the line" is tested from the line's first A only (the rest of
# the line after it is scanned once): `A.*B` tried at each A of a long URL made of As
# rescanned the line from each one (quadratic).
NOT_A_CONTACT = re.compile(
    r"contributor-covenant\.org|creativecommons\.org|keepachangelog|semver\.org|"
    r"developercertificate\.org|shields\.io|"
    r"^(?:(?!mozilla\.org/).)*+mozilla\.org/.*/code-of-conduct|"
    r"example\.(?:com|org|net|fr)|opensource\.guide|cve\.org|first\.org|"
    r"^(?:(?!github\.com/).)*+github\.com/.*/(?:blob|tree)/|wikipedia\.org|securitytxt\.org",
    re.IGNORECASE | re.MULTILINE,
)


def contacts(text: str) -> list[str]:
    """Addresses and URLs that can reach someone (templates' links and placeholders out)."""
    found = [m for m in emails(text) if not NOT_A_CONTACT.search(m)]
    found += [u for u in urls(text) if not NOT_A_CONTACT.search(u)]
    return [value for value in found if "noreply" not in value.lower()]


def _contact_finding(rule: str, doc: Document, what: Text) -> Iterator[Finding]:
    placeholder = PLACEHOLDER.search(doc.text)
    if placeholder:
        line = doc.text.count("\n", 0, placeholder.start()) + 1
        yield Finding(
            rule=rule,
            message=Text(
                fr=f"{what.fr} : le modèle contient encore « {placeholder.group(0)} ».",
                en=f"{what.en}: the template still holds '{placeholder.group(0)}'.",
            ),
            path=doc.path,
            line=line,
            key="placeholder",
        )
    elif not contacts(doc.text):
        yield Finding(
            rule=rule,
            message=Text(fr=f"{what.fr} : ni adresse ni lien de contact.",
                         en=f"{what.en}: no contact address or link."),
            path=doc.path,
            key="contact",
        )


@content_check("code-of-conduct-contact")
def code_of_conduct_contact(ctx: Context) -> Iterator[Finding]:
    doc = _document(ctx, "code-of-conduct-present", "CODE_OF_CONDUCT", "CODE-OF-CONDUCT")
    yield from _contact_finding(
        "code-of-conduct-contact", doc,
        Text(fr="Le code de conduite ne donne aucun contact",
             en="The code of conduct gives no contact"),
    )


@content_check("security-policy-contact")
def security_policy_contact(ctx: Context) -> Iterator[Finding]:
    doc = _document(ctx, "security-policy-present", "SECURITY")
    advisory = re.search(r"/security/advisories|/-/issues/new\?.*confidential", doc.text)
    if advisory:
        return
    yield from _contact_finding(
        "security-policy-contact", doc,
        Text(fr="La politique de sécurité ne donne aucun contact",
             en="The security policy gives no contact"),
    )


DISCLOSURE = re.compile(
    r"disclos|divulg|confidenti|\bprive|\bprivate|privately|en prive|public issue|"
    r"ticket public|issue publique|acknowledg|accuse de reception|within \d+|sous \d+|"
    r"dans un delai|delai de|advisor|embargo|coordinated|coordonnee|responsible|"
    r"responsable|correctif|patch|fix",
)


@content_check("security-policy-process")
def security_policy_process(ctx: Context) -> Iterator[Finding]:
    doc = _document(ctx, "security-policy-present", "SECURITY")
    if len(set(DISCLOSURE.findall(normalise(doc.text)))) < 2:
        yield Finding(
            rule="security-policy-process",
            message=Text(
                fr="SECURITY ne décrit pas le signalement privé ni la suite donnée "
                "(accusé de réception, délai, publication coordonnée).",
                en="SECURITY does not describe private reporting nor what follows "
                "(acknowledgement, delay, coordinated disclosure).",
            ),
            path=doc.path,
            key="process",
        )


CHANGELOG_STEMS = ("CHANGELOG", "CHANGES", "HISTORY", "NEWS")
VERSION = re.compile(r"(?<![\w.])v?(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?)(?![\w])")
MONTHS = alternation(
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)
DATE_WINDOW = 1000
# 2024-05-01, 2024/05/01, 1/5/2024, 1er mai 2024, May 1, 2024. Factored by first
# character (and the months by prefix): the five forms tried one after the other at
# every position took 2.5 s on 5 MB of digits or letters.
DATE = re.compile(
    r"(?=\d)(?:\d{4}(?:-\d{2}-|/\d{2}/)\d{2}"
    rf"|\d{{1,2}}(?:[/.]\d{{1,2}}[/.]\d{{4}}|(?:er)? {MONTHS}\.? \d{{4}}))"
    rf"|{MONTHS}\.? \d{{1,2}},? \d{{4}}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Entry:
    version: str
    line: int
    dated: bool


def changelog_entries(doc: Document) -> list[Entry]:
    entries: list[Entry] = []
    for heading in doc.headings:
        match = VERSION.search(heading.text)
        if match is None:
            continue
        nearby = doc.prose_below(heading.line, 3)
        # A date goes next to its version: the first characters are enough, and a
        # bound keeps a hostile megabyte-long heading from costing seconds per heading.
        dated = any(DATE.search(normalise(text[:DATE_WINDOW]))
                    for text in [heading.text, *([nearby] if nearby is not None else [])])
        entries.append(Entry(match.group(1), heading.line, dated))
    return entries


@content_check("changelog-versions")
def changelog_versions(ctx: Context) -> Iterator[Finding]:
    doc = _document(ctx, "changelog-present", *CHANGELOG_STEMS)
    entries = changelog_entries(doc)
    if not entries and _unreleased_only(ctx, doc):
        return  # nothing released yet, and the changelog is ready for it
    if not entries:
        yield Finding(
            rule="changelog-versions",
            message=Text(
                fr="Le CHANGELOG n'a aucune section de version (ex. « ## [1.0.0] - 2026-01-31 »).",
                en="The changelog has no version section (e.g. '## [1.0.0] - 2026-01-31').",
            ),
            path=doc.path,
            key="no-versions",
        )
        return
    for entry in [e for e in entries if not e.dated][:20]:
        yield Finding(
            rule="changelog-versions",
            message=Text(
                fr=f"La version {entry.version} du CHANGELOG n'a pas de date.",
                en=f"Version {entry.version} in the changelog has no date.",
            ),
            path=doc.path,
            line=entry.line,
            key=f"undated:{entry.version}",
        )


UNRELEASED = re.compile(r"unreleased|non publie|a venir|upcoming|en cours|prochaine version")


def _unreleased_only(ctx: Context, doc: Document) -> bool:
    """An "Unreleased" section and no release tag: a project before its first release."""
    if not any(UNRELEASED.search(heading.key) for heading in doc.headings):
        return False
    git = ctx.repo.git
    return git is not None and not hist.release_tags(git.tags)


@content_check("changelog-matches-tags")
def changelog_matches_tags(ctx: Context) -> Iterator[Finding]:
    git = ctx.repo.git
    if git is None:
        raise Skip(hist.NO_GIT)
    if git.objects_unavailable:
        raise Skip(git.objects_unavailable)
    tags = {hist.version_text(tag.name): tag.name for tag in hist.release_tags(git.tags)}
    if not tags:
        raise Skip(Text(fr="Aucune étiquette de version (voir history-semver-tags).",
                        en="No release tag (see history-semver-tags)."))
    doc = _document(ctx, "changelog-present", *CHANGELOG_STEMS)
    entries = changelog_entries(doc)
    if not entries:
        raise Skip(Text(fr="Le CHANGELOG n'a aucune version (voir changelog-versions).",
                        en="The changelog has no version (see changelog-versions)."))
    listed = {entry.version.removeprefix("v"): entry for entry in entries
              if not hist.is_moving_tag(entry.version)}
    oldest = min((_triple(v) for v in listed), default=(0, 0, 0))
    for version, name in sorted(tags.items(), key=lambda item: _triple(item[0])):
        if version not in listed and _triple(version) >= oldest:
            yield Finding(
                rule="changelog-matches-tags",
                message=Text(
                    fr=f"La version étiquetée {name} n'a pas d'entrée dans le CHANGELOG.",
                    en=f"Tagged version {name} has no entry in the changelog.",
                ),
                path=doc.path,
                key=f"untracked:{version}",
            )
    for version, entry in listed.items():
        if version not in tags:
            yield Finding(
                rule="changelog-matches-tags",
                message=Text(
                    fr=f"La version {version} du CHANGELOG n'a pas d'étiquette git.",
                    en=f"Version {version} in the changelog has no git tag.",
                ),
                path=doc.path,
                line=entry.line,
                key=f"untagged:{version}",
            )


def _triple(version: str) -> tuple[int, ...]:
    numbers = re.findall(r"\d+", version.split("-", 1)[0])
    return tuple(int(n) for n in numbers[:3]) + (0,) * (3 - min(3, len(numbers)))


DOC_STEMS = (
    "README", "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "CHANGELOG", "GOVERNANCE",
    "ROADMAP", "AUTHORS", "INSTALL", "MAINTAINERS",
)
OFFICE = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages", ".ppt", ".pptx", ".odp")
TEXT_DOC = (".md", ".markdown", ".rst", ".txt", ".adoc", ".asciidoc", ".org", ".html",
            ".htm", ".tex", ".textile", ".ipynb")
DOC_DIRS = ("doc", "docs", "documentation")


@check("docs-plain-text")
def docs_plain_text(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for stem in DOC_STEMS:
        office = repo.find_community_file(stem, suffixes=OFFICE)
        if office and not repo.find_community_file(stem):
            yield Finding(
                rule="docs-plain-text",
                message=Text(
                    fr=f"{stem} n'existe qu'en PDF ou en bureautique ({office[0]}).",
                    en=f"{stem} exists only as PDF or office file ({office[0]}).",
                ),
                path=office[0],
                key=stem,
            )
    for folder in DOC_DIRS:
        inside = [p for p in repo.paths() if p.lower().startswith(folder + "/")]
        office_files = [p for p in inside if p.lower().endswith(OFFICE)]
        if office_files and not any(p.lower().endswith(TEXT_DOC) for p in inside):
            yield Finding(
                rule="docs-plain-text",
                message=Text(
                    fr=f"Le dossier {folder}/ ne contient que des PDF ou fichiers bureautiques "
                    f"({len(office_files)}).",
                    en=f"Folder {folder}/ holds only PDF or office files ({len(office_files)}).",
                ),
                path=office_files[0],
                key=f"folder:{folder}",
            )
