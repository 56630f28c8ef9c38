# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which topic a heading is about, in French, English or Italian.

A heading is matched word by word, not against a list of whole titles: « Comment
utiliser le package », "Descrizione del prodotto" and "How to install" are found by
their words (`utilis-`, `descri-`, `instal-`), whatever comes around them. Each topic
has stems (a word starting with one matches), exact words, and phrases. Strong words
count anywhere in the heading; weak ones (`documentation`, `api`, `docker`...) only as
its first word, so that "Contributing to the documentation" is not a usage section.
Headings are compared normalised (lower case, no accents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that carry no topic: skipped before looking for the first word.
STOP_WORDS = frozenset((
    "a", "an", "and", "the", "to", "of", "for", "with", "how", "our", "your", "this", "my",
    "on", "in", "at", "by", "from",
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "en", "pour", "avec",
    "comment", "votre", "notre", "nos", "vos", "ce", "cette", "son", "sa",
    "il", "lo", "gli", "i", "uno", "una", "del", "della", "dello", "dei", "degli", "delle",
    "di", "da", "per", "con", "come", "e", "ed", "al", "alla", "nel", "nella", "su", "sul",
    "questo", "questa",
))


@dataclass(frozen=True)
class Topic:
    name: str
    strong: tuple[str, ...]  # "instal-" is a stem, "use" an exact word
    weak: tuple[str, ...] = ()  # only as the first word of the heading
    phrases: tuple[str, ...] = ()  # whole words, in this order, anywhere

    def matches(self, key: str) -> bool:
        words = re.findall(r"[a-z]+", key)
        padded = f" {' '.join(words)} "
        if any(f" {phrase} " in padded for phrase in self.phrases):
            return True
        content = [w for w in words if w not in STOP_WORDS]
        for index, word in enumerate(content):
            if _any(word, self.strong) or (index == 0 and _any(word, self.weak)):
                return True
        return False


def _any(word: str, entries: tuple[str, ...]) -> bool:
    for entry in entries:
        if entry.endswith("-"):
            if word.startswith(entry[:-1]):
                return True
        elif word == entry:
            return True
    return False


DESCRIPTION = Topic(
    "description",
    strong=("descri-", "presentation-", "presentazion-", "panoramica", "overview", "apercu",
            "introduc-", "introduz-", "objecti-", "obiettiv-", "purpose", "about", "summary",
            "resume", "sommario", "riassunto", "scopo", "finalita", "goal", "goals", "but",
            "buts", "mission", "enjeux"),
    weak=("contexte", "context", "contesto", "fonctionnalit-", "funzionalit-", "feature-",
          "caratteristic-", "pourquoi", "why", "perche"),
    # "projet" alone is often the title itself: only "le projet", "the project"...
    phrases=("a propos", "what is", "qu est ce", "cos e", "en bref", "in breve", "in short",
             "le projet", "the project", "il progetto", "le produit", "the product",
             "il prodotto"),
)
INSTALL = Topic(
    "installation",
    strong=("instal-", "setup", "demarr-", "quickstart", "deploi-", "deploy-", "prerequis-",
            "prerequisit-", "requisit-", "requirement-", "compil-", "avvio", "avviare"),
    weak=("build-", "lancer", "lancement", "run", "running", "docker", "esecuzione",
          "configurazione", "configuration"),
    phrases=("set up", "mise en place", "getting started", "get started", "prise en main",
             "quick start", "pre requis", "developpement local", "local development",
             "sviluppo locale", "messa in opera", "primi passi"),
)
USAGE = Topic(
    "usage",
    strong=("usage", "utilis-", "utilizz-", "uso", "use", "using", "usare", "esempi-",
            "exampl-", "exempl-", "tutori-", "quickstart"),
    weak=("documentation", "documentazione", "docs", "doc", "guide-", "guida", "manuel",
          "manual", "manuale", "fonctionnement", "funzionamento", "command-", "comand-",
          "api", "configuration", "configurazione", "fonctionnalit-", "funzionalit-",
          "feature-", "demarrage"),
    phrases=("how to use", "mode d emploi", "getting started", "quick start",
             "prise en main", "come usare", "come utilizzare"),
)
LICENCE = Topic(
    "licence",
    strong=("licen-", "copyright"),
    weak=("droits", "droit", "legal", "legale", "diritti"),
    phrases=("mentions legales", "note legali", "droits d auteur"),
)
CONTRIBUTING = Topic(
    "contributing",
    strong=("contribu-", "participer", "participez", "partecipa-"),
    weak=("developpement", "development", "developing", "hacking", "sviluppo"),
    phrases=("comment aider", "how to help", "get involved", "come aiutare"),
)
CONTACT = Topic(
    "contact",
    strong=("contact-", "contatt-", "support", "supporto", "assistenza", "aide", "help",
            "aiuto", "question-", "domande", "communaute", "community", "comunita",
            "feedback", "retour-", "ticket-", "issue-", "bug-", "forum", "discussion-",
            "tchap", "matrix", "mattermost", "slack", "segnala-"),
    weak=("signaler", "report", "reporting", "chat"),
    phrases=("nous contacter", "contact us", "liste de diffusion", "mailing list",
             "ecrivez nous"),
)
