# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""README sections recognised by their words in French, English and Italian, as real
public-sector READMEs title them."""

from __future__ import annotations

import pytest

from conftest import RepoFactory
from helpers_docs import report_of, status
from opencheck.community.markup import normalise
from opencheck.community.topics import (
    CONTACT,
    CONTRIBUTING,
    DESCRIPTION,
    INSTALL,
    LICENCE,
    USAGE,
    Topic,
)

SEEN = [
    # Italian administrations (Developers Italia README template and its variants)
    ("Descrizione del prodotto", DESCRIPTION), ("Cos'è", DESCRIPTION),
    ("Panoramica", DESCRIPTION), ("Installazione", INSTALL), ("Requisiti", INSTALL),
    ("Come installare", INSTALL), ("Utilizzo", USAGE), ("Come usare il kit", USAGE),
    ("Documentazione", USAGE), ("Licenza", LICENCE), ("Come contribuire", CONTRIBUTING),
    ("Contatti", CONTACT), ("Segnalazioni", CONTACT),
    # French variants
    ("Comment utiliser le package", USAGE), ("🚀 Utiliser l'API", USAGE),
    ("Présentation du service", DESCRIPTION), ("Qu'est-ce que Mon Guichet ?", DESCRIPTION),
    ("Installer le projet en local", INSTALL), ("1. Prérequis", INSTALL),
    ("Guide d'installation", INSTALL), ("Lancer l'application", INSTALL),
    ("Licence du code", LICENCE), ("Droits d'auteur", LICENCE),
    ("Contribuer au projet", CONTRIBUTING), ("Nous contacter", CONTACT),
    # English
    ("How to install", INSTALL), ("Getting Started", INSTALL), ("Usage examples", USAGE),
    ("About this project", DESCRIPTION), ("License", LICENCE),
]
NOT = [
    ("Contributing to the documentation", USAGE),  # "documentation" only counts first
    ("Mon Guichet", DESCRIPTION), ("projet", DESCRIPTION), ("Changelog", INSTALL),
    ("Remerciements", CONTACT), ("Installation", LICENCE), ("Architecture", USAGE),
]


@pytest.mark.parametrize(("heading", "topic"), SEEN, ids=[h for h, _ in SEEN])
def test_headings_are_recognised_by_their_words(heading: str, topic: Topic) -> None:
    assert topic.matches(normalise(heading)), (heading, topic.name)


@pytest.mark.parametrize(("heading", "topic"), NOT, ids=[h for h, _ in NOT])
def test_headings_of_other_topics_are_not_taken(heading: str, topic: Topic) -> None:
    assert not topic.matches(normalise(heading)), (heading, topic.name)


ITALIAN = """# Kit di sviluppo

## Descrizione del prodotto

Il kit permette agli enti di pubblicare i propri servizi.

## Installazione

```sh
npm install kit
```

## Utilizzo

Vedi gli esempi.

## Come contribuire

Apri una segnalazione.

## Contatti

Scrivi a kit@example.gov.it

## Licenza

Questo software è distribuito sotto licenza BSD-3-Clause, vedi [LICENSE](LICENSE).
"""


def test_an_italian_readme_passes_the_section_rules(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": ITALIAN, "LICENSE": "BSD 3-Clause License\n"})
    report = report_of(repo, "readme-*")
    for rule in ("readme-description", "readme-installation", "readme-usage",
                 "readme-licence", "readme-contributing", "readme-contact"):
        assert status(report, rule) == "passed", rule


TAGLINE = """# ![OTB](logo.png) Orfeo Toolbox

[![pipeline status](https://ci.example.org/badge.svg)](https://ci.example.org)

## Open Source processing of remote sensing images

Orfeo ToolBox (OTB) is an open-source project for state-of-the-art remote
sensing, from ortho-rectification to classification and SAR processing.

## Installation

Download the binaries.
"""


def test_a_tagline_subtitle_introduces_the_paragraph_below_it(make_repo: RepoFactory) -> None:
    # The title holds a logo and badges, the subtitle a tagline, the paragraph under it
    # presents the project (the Orfeo ToolBox's README).
    repo = make_repo({"README.md": TAGLINE, "LICENSE": "MIT License\n"})
    assert status(report_of(repo, "readme-description"), "readme-description") == "passed"
    other = TAGLINE.replace("## Open Source processing of remote sensing images",
                            "## Installation from the sources")
    repo = make_repo({"README.md": other, "LICENSE": "MIT License\n"})
    assert status(report_of(repo, "readme-description"), "readme-description") == "failed"
    # a table of contents (agora-back), a section of prerequisites (carnet-de-bord)
    for subtitle, body in (
            ("Table of Content", "- [1. Pre-requisites](#1-pre-requisites)\n"
                                 "- [2. Launch back-end server](#2-launch-back-end-server)\n"
                                 "- [3. Endpoints and data to add](#3-endpoints)\n"),
            ("local", "**pre-requis**:\n\n- docker (version 20.10.5)\n- docker-compose "
                      "(version 1.29.0)\n- node (version 16) and hasura-cli for the schema\n")):
        readme = f"# Agora\n\n## {subtitle}\n\n{body}\n## Other\n\nText.\n"
        repo = make_repo({"README.md": readme, "LICENSE": "MIT License\n"})
        assert status(report_of(repo, "readme-description"), "readme-description") == "failed"
