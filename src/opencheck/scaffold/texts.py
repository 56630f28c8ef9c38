# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The community files `opencheck init` writes, in French and English.

The texts are opencheck's own. Each function gets what the repository shows (a
`Project`) and leaves a visible marker where a person must complete it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from opencheck.report.markdown import plain

if TYPE_CHECKING:
    from opencheck.scaffold import Project

TODO = {"fr": "[À COMPLÉTER : {what}]", "en": "[TO BE COMPLETED: {what}]"}
DCO_URL = "https://developercertificate.org/"


def todo(lang: str, fr: str, en: str) -> str:
    return TODO[lang].format(what=fr if lang == "fr" else en)


def _contact(p: Project, lang: str) -> str:
    return p.contact or todo(lang, "adresse de contact", "contact address")


def _publisher(p: Project, lang: str) -> str:
    return p.publisher or todo(lang, "administration qui publie le projet",
                               "administration that publishes the project")


def _issues(p: Project, lang: str) -> str:
    return p.issues or todo(lang, "lien vers les tickets", "link to the issues")


def _licence(p: Project, lang: str) -> str:
    return p.licence or todo(lang, "licence du projet", "the project's licence")


def _latest(p: Project) -> str:
    return f" ({p.releases[0][0]})" if p.releases else ""


def contributing(p: Project, lang: str) -> str:
    if lang == "fr":
        return f"""# Contribuer à {p.name}

Merci de votre intérêt pour {p.name} ! Toute contribution est bienvenue : signalement
de problème, correction, documentation, traduction, idée.

## Signaler un problème ou proposer une idée

Ouvrez un ticket : {_issues(p, lang)}. Décrivez ce que vous faisiez, ce que vous
attendiez et ce qui s'est passé. Pour une faille de sécurité, n'ouvrez pas de ticket
public : suivez [SECURITY.md](SECURITY.md).

## Proposer une modification

1. Créez une branche à partir de la branche principale (dans une copie du dépôt si
   vous n'avez pas les droits d'écriture).
2. Faites des commits courts, dont le message dit pourquoi le changement est utile.
3. Vérifiez que les tests passent.
4. Ouvrez une demande de fusion (merge request ou pull request) qui explique le besoin ;
   une personne de l'équipe la relit avant de l'intégrer.

## Signature des commits (DCO)

Ce projet n'utilise pas d'accord de cession de droits (CLA). Chaque commit doit être
signé selon le [Developer Certificate of Origin]({DCO_URL}) : en ajoutant la ligne
`Signed-off-by: Prénom Nom <adresse>`, vous certifiez avoir le droit de verser cette
contribution sous la licence du projet ({_licence(p, lang)}).

Git ajoute cette ligne pour vous :

```sh
git commit -s -m "Message du commit"
```

Pour signer un commit déjà fait : `git commit --amend -s --no-edit`.

Utilisez votre adresse professionnelle (administration ou entreprise) plutôt qu'une
adresse personnelle ou générique.

## Code de conduite

En participant, vous vous engagez à respecter le [code de conduite](CODE_OF_CONDUCT.md).
"""
    return f"""# Contributing to {p.name}

Thank you for your interest in {p.name}! Every contribution is welcome: bug reports,
fixes, documentation, translations, ideas.

## Reporting a problem or suggesting an idea

Open an issue: {_issues(p, lang)}. Say what you were doing, what you expected and what
happened. For a security vulnerability, do not open a public issue: follow
[SECURITY.md](SECURITY.md).

## Proposing a change

1. Create a branch from the main branch (in a fork if you cannot push to the
   repository).
2. Make small commits whose messages say why the change is useful.
3. Check that the tests pass.
4. Open a merge request (or pull request) that explains the need; someone from the
   team reviews it before merging.

## Signing off commits (DCO)

This project uses no contributor licence agreement (CLA). Each commit must be signed
off following the [Developer Certificate of Origin]({DCO_URL}): by adding the line
`Signed-off-by: Your Name <address>`, you certify that you have the right to contribute
this change under the project's licence ({_licence(p, lang)}).

Git adds the line for you:

```sh
git commit -s -m "Commit message"
```

To sign off a commit already made: `git commit --amend -s --no-edit`.

Please use your professional address (administration or company) rather than a
personal or generic one.

## Code of conduct

By taking part, you agree to follow the [code of conduct](CODE_OF_CONDUCT.md).
"""


def code_of_conduct(p: Project, lang: str) -> str:
    if lang == "fr":
        return f"""# Code de conduite

{p.name} est un projet public : chacun doit pouvoir y participer sans craindre d'être
mal traité, quels que soient son expérience, son origine, son genre, son handicap, son
âge, son apparence ou ses convictions.

## Ce que nous attendons

- Écrire avec courtoisie et patience, y compris en cas de désaccord.
- Critiquer des idées ou du code, jamais des personnes.
- Accueillir les questions des débutants et les contributions imparfaites.
- Reconnaître ses erreurs et en tirer les leçons.

## Ce que nous n'acceptons pas

- Insultes, moqueries, propos discriminatoires ou sexualisés.
- Harcèlement, public ou privé, et intimidation.
- Publication d'informations privées sans accord.
- Tout comportement qui serait déplacé dans un cadre professionnel.

## Signaler un comportement

Écrivez à {_contact(p, lang)}. Les signalements sont lus par l'équipe du projet,
traités avec discrétion, et la personne qui signale est protégée. L'équipe peut
demander de cesser un comportement, retirer un contenu, ou exclure temporairement ou
définitivement une personne des espaces du projet.

Ce code s'applique dans tous les espaces du projet (dépôt, tickets, discussions,
événements) et lorsque quelqu'un représente le projet.
"""
    return f"""# Code of conduct

{p.name} is a public project: everyone must be able to take part without fear of being
mistreated, whatever their experience, background, gender, disability, age, appearance
or beliefs.

## What we expect

- Writing with courtesy and patience, disagreements included.
- Criticising ideas or code, never people.
- Welcoming beginners' questions and imperfect contributions.
- Owning one's mistakes and learning from them.

## What we do not accept

- Insults, mockery, discriminatory or sexualised remarks.
- Harassment, public or private, and intimidation.
- Publishing private information without consent.
- Any behaviour that would be out of place in a professional setting.

## Reporting behaviour

Write to {_contact(p, lang)}. Reports are read by the project team, handled with
discretion, and the person reporting is protected. The team may ask for a behaviour to
stop, remove content, or exclude someone from the project's spaces for a time or for
good.

This code applies in all the project's spaces (repository, issues, discussions, events)
and whenever someone represents the project.
"""


def security(p: Project, lang: str) -> str:
    if lang == "fr":
        return f"""# Politique de sécurité

## Signaler une faille

Ne signalez pas une faille dans un ticket public. Écrivez en privé à
{_contact(p, lang)} en décrivant le problème, la version concernée et, si possible,
comment le reproduire.

## Ce qui se passe ensuite

1. Nous accusons réception de votre signalement sous 5 jours ouvrés.
2. Nous évaluons la faille et vous tenons informé de sa correction.
3. Une fois le correctif publié, la faille est rendue publique de façon coordonnée
   avec vous (au plus tard 90 jours après le signalement, sauf accord contraire), et
   nous vous remercions si vous le souhaitez.

## Versions suivies

Les correctifs de sécurité portent sur la dernière version publiée{_latest(p)}.
"""
    return f"""# Security policy

## Reporting a vulnerability

Do not report a vulnerability in a public issue. Write privately to
{_contact(p, lang)}, describing the problem, the affected version and, if you can, how
to reproduce it.

## What happens next

1. We acknowledge your report within 5 working days.
2. We assess the vulnerability and keep you informed of the fix.
3. Once the fix is released, the vulnerability is disclosed in coordination with you
   (at most 90 days after the report, unless agreed otherwise), and we credit you if
   you wish.

## Supported versions

Security fixes apply to the latest release{_latest(p)}.
"""


def changelog(p: Project, lang: str) -> str:
    fr = lang == "fr"
    lines = [
        "# Journal des modifications" if fr else "# Changelog",
        "",
        (
            "Les changements notables de ce projet sont consignés ici, selon\n"
            "[Keep a Changelog](https://keepachangelog.com/fr/1.1.0/) ; les versions suivent\n"
            "le [versionnage sémantique](https://semver.org/lang/fr/)."
            if fr else
            "Notable changes to this project are recorded here, following\n"
            "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow\n"
            "[semantic versioning](https://semver.org/)."
        ),
        "",
        "## [Non publié]" if fr else "## [Unreleased]",
        "",
    ]
    for version, day in p.releases:
        lines += [
            f"## [{version}] - {day}",
            "",
            "- " + todo(lang, "changements de cette version", "changes in this version"),
            "",
        ]
    return "\n".join(lines)


# Commit authors choose their names (`[Fix](https://…)`, `![](…)`) and publiccode.yml its
# values, and the files written here are shown by the forge as the project's own: each
# is shown as text (`report.markdown.plain`, as the report shows them).

# An address to write as it is (forges link it as it shows): nothing else around it.
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}")


# What makes a line's start a block of its own: a heading, a quote, a list item (`-`,
# `+`, `1.`, `1)`), a setext underline or a thematic break (`===`, `---`), a table row.
# `*`, `_`, `` ` ``, `~` and `<` are escaped wherever they stand (`plain`).
_BLOCK_START = re.compile(r"[#>+=|-]|\d{1,9}[.)]")


def person(name: str) -> str:
    """A value the repository chose (a name of the history or of publiccode.yml, a
    licence file's stem), shown by Markdown as written: no link, image or HTML, and no
    heading, quote, list or code block where it starts a line (`- {author}` in AUTHORS.md,
    `{name} est publié par…`); blanks before it, which would indent it as code, dropped."""
    shown = plain(name.lstrip(" \t"))
    start = _BLOCK_START.match(shown)
    if start is None:
        return shown
    mark = start.end() - 1
    return f"{shown[:mark]}\\{shown[mark:]}"


def shown(p: Project) -> Project:
    """The project with each value as Markdown shows it written: names escaped, the
    contact kept only when it is an e-mail address and nothing more (the issues'
    address is the forge's, made of a host and a path: `facts.web_url`). publiccode.yml
    and the remote are the repository's: a name `<img src=…>` or a contact
    `[security@…](https://…)` was written as HTML and a link into the files `init`
    and `fix --write` add, shown by the forge as the project's own."""
    def escaped(value: str | None) -> str | None:
        return person(value) if value is not None else None

    contact = p.contact if p.contact and _EMAIL.fullmatch(p.contact) else None
    return replace(p, name=person(p.name), publisher=escaped(p.publisher), contact=contact,
                   licence=escaped(p.licence), authors=[person(a) for a in p.authors],
                   maintainers=[person(m) for m in p.maintainers])


def governance(p: Project, lang: str) -> str:
    people = ", ".join(p.maintainers) if p.maintainers else todo(
        lang, "noms des mainteneurs", "maintainers' names")
    if lang == "fr":
        return f"""# Gouvernance

## Qui porte le projet

{p.name} est publié par {_publisher(p, lang)}, qui en est responsable et décide de
ses orientations.

## Qui maintient le projet

Mainteneurs : {people}. Ils relisent et intègrent les contributions, publient les
versions et tiennent à jour la [feuille de route](ROADMAP.md).

## Comment les décisions sont prises

Les propositions se discutent en public, dans les tickets ou les demandes de fusion.
Les mainteneurs cherchent l'accord ; à défaut, l'administration qui porte le projet
tranche et explique sa décision.

## Devenir mainteneur

Une personne qui contribue régulièrement peut être invitée à devenir mainteneur par
les mainteneurs en place.
"""
    return f"""# Governance

## Who owns the project

{p.name} is published by {_publisher(p, lang)}, which is responsible for it and decides
its direction.

## Who maintains the project

Maintainers: {people}. They review and merge contributions, publish releases and keep
the [roadmap](ROADMAP.md) up to date.

## How decisions are made

Proposals are discussed in public, in issues or merge requests. Maintainers seek
agreement; failing that, the owning administration decides and explains its decision.

## Becoming a maintainer

Someone who contributes regularly may be invited to become a maintainer by the current
maintainers.
"""


def roadmap(p: Project, lang: str) -> str:
    if lang == "fr":
        return f"""# Feuille de route

Ce que l'équipe de {p.name} prévoit. Les propositions sont bienvenues dans les tickets :
{_issues(p, lang)}.

## En cours

- {todo(lang, "travaux en cours", "work in progress")}

## Prochainement

- {todo(lang, "prochaines étapes", "next steps")}

## Plus tard

- {todo(lang, "idées à plus long terme", "longer-term ideas")}
"""
    return f"""# Roadmap

What the {p.name} team plans. Suggestions are welcome in the issues:
{_issues(p, lang)}.

## In progress

- {todo(lang, "travaux en cours", "work in progress")}

## Next

- {todo(lang, "prochaines étapes", "next steps")}

## Later

- {todo(lang, "idées à plus long terme", "longer-term ideas")}
"""


def authors(p: Project, lang: str) -> str:
    fr = lang == "fr"
    head = [
        "# Auteurs" if fr else "# Authors",
        "",
        (f"Les personnes qui ont écrit {p.name}, par ordre de première contribution "
         "(d'après l'historique git)." if fr else
         f"The people who wrote {p.name}, in order of first contribution (from the git "
         "history)."),
        "",
    ]
    names = [f"- {name}" for name in p.authors] or [
        "- " + todo(lang, "noms des auteurs", "authors' names")]
    return "\n".join(head + names) + "\n"


RENDERERS: dict[str, Callable[[Project, str], str]] = {
    "CONTRIBUTING": contributing,
    "CODE_OF_CONDUCT": code_of_conduct,
    "SECURITY": security,
    "CHANGELOG": changelog,
    "GOVERNANCE": governance,
    "ROADMAP": roadmap,
    "AUTHORS": authors,
}


def render(stem: str, lang: str, project: Project) -> str:
    return RENDERERS[stem](shown(project), lang)
