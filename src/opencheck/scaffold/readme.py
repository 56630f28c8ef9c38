# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A README skeleton for a repository that has none, in French or English.

Its sections are the ones the government's guides and the readme rules ask for: what
the project is, who publishes it, how to install and use it, its licence, how to
contribute, how to reach the team, whether it is maintained, and code.gouv.fr's badge.
Each is filled with what the repository shows; the rest is a visible marker that
`placeholders-left` names until someone writes it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from opencheck.community import history as hist
from opencheck.repository import Repository
from opencheck.scaffold.texts import todo

BADGE = ("[![code.gouv.fr contributif](https://img.shields.io/badge/"
         "code.gouv.fr-contributif-blue.svg)](https://code.gouv.fr/documentation/)")

# Manifests that tell how a project is installed, first match wins.
INSTALL_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("pyproject.toml", "Python", "python3 -m pip install ."),
    ("setup.py", "Python", "python3 -m pip install ."),
    ("requirements.txt", "Python", "python3 -m pip install -r requirements.txt"),
    ("package.json", "JavaScript", "npm install"),
    ("Gemfile", "Ruby", "bundle install"),
    ("mix.exs", "Elixir", "mix deps.get"),
    ("pom.xml", "Java", "mvn package"),
    ("build.gradle", "Java", "./gradlew build"),
    ("build.gradle.kts", "Kotlin", "./gradlew build"),
    ("go.mod", "Go", "go build ./..."),
    ("Cargo.toml", "Rust", "cargo build --release"),
    ("composer.json", "PHP", "composer install"),
    ("Makefile", "", "make"),
)
LANGUAGES = {
    ".py": "Python", ".js": "JavaScript", ".mjs": "JavaScript", ".ts": "TypeScript",
    ".tsx": "TypeScript", ".vue": "Vue", ".rb": "Ruby", ".ex": "Elixir", ".exs": "Elixir",
    ".java": "Java", ".kt": "Kotlin", ".go": "Go", ".rs": "Rust", ".php": "PHP",
    ".cs": ".NET (C#)", ".c": "C", ".cpp": "C++", ".r": "R", ".R": "R", ".jl": "Julia",
    ".scala": "Scala", ".sh": "Shell", ".f90": "Fortran",
}
# A host name, nothing else: it is quoted inside a marker that must stay whole.
DOMAIN = re.compile(r"[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}")
# Personal mailboxes say nothing of the publisher.
WEBMAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "hotmail.com", "hotmail.fr",
    "outlook.com", "outlook.fr", "live.com", "live.fr", "msn.com", "icloud.com", "me.com",
    "protonmail.com", "proton.me", "pm.me", "free.fr", "orange.fr", "wanadoo.fr",
    "laposte.net", "sfr.fr", "gmx.com", "gmx.fr", "gmx.de", "aol.com", "mailbox.org",
    "posteo.de", "tutanota.com", "zoho.com", "yandex.ru", "qq.com", "163.com",
})


@dataclass
class ReadmeFacts:
    name: str
    lang: str
    publisher: str | None = None
    mail_domain: str | None = None  # a hint only: the person confirms the publisher
    licence: str | None = None
    licence_files: list[str] = field(default_factory=list)  # at the root, linked
    web: str | None = None
    issues: str | None = None
    contact: str | None = None
    languages: list[str] = field(default_factory=list)
    install: list[str] = field(default_factory=list)
    has_contributing: bool = False


def languages(repo: Repository, limit: int = 3) -> list[str]:
    """The main programming languages, by number of files."""
    counts: Counter[str] = Counter()
    for path in repo.paths():
        dot = path.rfind(".")
        if dot > path.rfind("/"):
            language = LANGUAGES.get(path[dot:])
            if language:
                counts[language] += 1
    return [language for language, _ in counts.most_common(limit)]


def install_commands(repo: Repository) -> list[str]:
    return [command for manifest, _, command in INSTALL_COMMANDS if repo.exists(manifest)][:2]


def mail_domain_publisher(history: hist.History) -> str | None:
    """The organisation behind most commit addresses (its mail domain), webmail left out."""
    counts: Counter[str] = Counter()
    for identity in history.identities.values():
        if hist.is_bot(identity) or hist.generic_reason(identity.email) is not None:
            continue
        domain = identity.email.rpartition("@")[2].lower().strip(">")
        if DOMAIN.fullmatch(domain) and domain not in WEBMAIL:
            counts[domain] += identity.authored
    if not counts:
        return None
    domain, authored = counts.most_common(1)[0]
    return domain if authored * 2 >= sum(counts.values()) else None


def render(facts: ReadmeFacts) -> str:
    def t(fr: str, en: str) -> str:
        return fr if facts.lang == "fr" else en

    def mark(fr_what: str, en_what: str) -> str:
        return todo(facts.lang, fr_what, en_what)

    lines = [f"# {facts.name}", "", BADGE, ""]
    lines += [mark("une phrase qui dit ce qu'est le projet et à qui il sert",
                   "one sentence that says what the project is and whom it serves"), ""]
    lines += [t("## Description", "## Description"), ""]
    lines += [mark("ce que fait le projet, son objectif, son contexte",
                   "what the project does, its objective, its context")]
    if facts.languages:
        lines += ["", t("Langages : ", "Languages: ") + ", ".join(facts.languages) + "."]
    lines += ["", t("## Porteur du projet", "## Publisher"), ""]
    if facts.publisher:
        lines += [t(f"Ce projet est publié par {facts.publisher}.",
                    f"This project is published by {facts.publisher}.")]
    elif facts.mail_domain:
        lines += [mark(f"administration qui publie le projet (les commits viennent de "
                       f"{facts.mail_domain})",
                       f"administration that publishes the project (commits come from "
                       f"{facts.mail_domain})")]
    else:
        lines += [mark("administration qui publie le projet",
                       "administration that publishes the project")]
    lines += ["", "## Installation", ""]
    if facts.install:
        lines += ["```sh", *facts.install, "```"]
    else:
        lines += [mark("comment installer le projet", "how to install the project")]
    lines += ["", t("## Utilisation", "## Usage"), ""]
    lines += [mark("comment utiliser le projet, avec un exemple",
                   "how to use the project, with an example")]
    lines += ["", t("## Licence", "## Licence"), ""]
    if facts.licence:
        links = [f"[{name}]({name})" for name in facts.licence_files]
        if links:
            lines += [t(f"Ce projet est publié sous licence {facts.licence} : voir "
                        f"{' et '.join(links)}.",
                        f"This project is published under the {facts.licence} licence: see "
                        f"{' and '.join(links)}.")]
        else:
            lines += [t(f"Ce projet est publié sous licence {facts.licence}.",
                        f"This project is published under the {facts.licence} licence.")]
    else:
        lines += [mark("licence du projet (opencheck init licence)",
                       "the project's licence (opencheck init licence)")]
    lines += ["", t("## Contribuer", "## Contributing"), ""]
    if facts.has_contributing:
        lines += [t("Les contributions sont bienvenues : voir [CONTRIBUTING.md](CONTRIBUTING.md).",
                    "Contributions are welcome: see [CONTRIBUTING.md](CONTRIBUTING.md).")]
    else:
        lines += [mark("comment contribuer", "how to contribute")]
    lines += ["", "## Contact", ""]
    reach = [value for value in (facts.issues, facts.contact) if value]
    if reach:
        lines += [t("Questions et signalements : ", "Questions and reports: ")
                  + ", ".join(reach) + "."]
    else:
        lines += [mark("adresse ou lien de contact", "contact address or link")]
    lines += ["", t("## Statut du projet", "## Project status"), ""]
    lines += [t("Projet maintenu : ", "Maintained project: ")
              + mark("maintenu activement, en pause ou archivé ; par qui",
                     "actively maintained, paused or archived; by whom")]
    return "\n".join(lines) + "\n"
