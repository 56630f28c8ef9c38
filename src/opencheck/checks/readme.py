# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The readme family: what the README says, found by headings in French, English or
Italian (`community/topics.py`: words and stems, not whole titles).

Patterns match normalised text (lower case, no accents), so « Démarrage » and
"DEMARRAGE" are the same heading.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from posixpath import dirname, join, normpath, relpath

from opencheck.community import facts
from opencheck.community import history as hist
from opencheck.community.content import MissingFile, content_check
from opencheck.community.intro import intro_words
from opencheck.community.markup import (
    Document,
    Heading,
    emails,
    host_without_scheme,
    normalise,
    relative_target,
)
from opencheck.community.topics import (
    CONTACT,
    CONTRIBUTING,
    DESCRIPTION,
    INSTALL,
    LICENCE,
    USAGE,
    Topic,
)
from opencheck.folders import Folders
from opencheck.licensing import declarations
from opencheck.licensing.declarations import LICENCE_FILE, project_licence, text_files_first
from opencheck.model import Finding, Text
from opencheck.registry import Context, Skip, check

NO_README = Text(
    fr="Pas de README lisible : aucun lien à vérifier (voir readme-present).",
    en="No readable README: no link to check (see readme-present).",
)


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")


PUBLISHER_HEADING = _words(
    "porteurs?(?: du projet)?", "editeurs?", "publisher", "owners?", "producteurs?",
    "maintainers?", "mainteneurs?", "credits?", "partenaires", "partners", "qui sommes-nous",
    "who we are", "equipe", "team", "auteurs?", "authors?", "gouvernance", "governance",
    "financement", "funding", "sponsors?",
)
PUBLISHER_TEXT = _words(
    r"ministeres?", r"ministry", r"ministries", r"minister(?:e|ial)",
    r"direction (?:generale|interministerielle|regionale|departementale|nationale)",
    r"directorate", r"dinum", r"etalab", r"agences?(?: nationale| regionale| de l'etat)?",
    r"agency", r"prefectures?", r"mairies?", r"(?:commune|ville|metropole) d[e']",
    r"municipality", r"city of", r"conseil (?:departemental|regional|general|municipal)",
    r"departement (?:de|du|des)", r"collectivites?(?: territoriales?)?",
    r"local authorit(?:y|ies)", r"gouvernement", r"government",
    r"french state", r"administrations? (?:publiques?|centrales?|de l'etat)",
    r"public administrations?", r"etablissements? publics?", r"public bod(?:y|ies)",
    r"services? publics?", r"public services?", r"operateurs? publics?",
    r"beta\.gouv(?:\.fr)?", r"incubateur", r"startup d'etat",
    r"universites?", r"university", r"cnrs", r"inria", r"insee", r"ign", r"cnam", r"cnaf",
    r"ademe", r"anssi", r"urssaf", r"assurance maladie", r"pole emploi", r"france travail",
    r"caisse (?:nationale|primaire|d'allocations)", r"assemblee nationale", r"senat",
    r"cour des comptes", r"hopital", r"ap-hp",
    # public establishments named by their acronym (CNES/shareloc: "for CNES studies")
    r"cnes", r"cea", r"inrae", r"inserm", r"ifremer", r"brgm", r"cerema", r"ineris", r"irsn",
    r"anct", r"cnil", r"onera", r"meteo-france", r"ofb", r"ird",
    # a service's domain, both in one branch (the two tried one after the other went
    # past 2 s of CPU on 5 MB of `a.a.a.`): under gouv.fr a label before it at least
    r"(?<!-)(?:[\w-]{1,63}\.){0,6}(?:(?<=\.)gouv\.fr|gov\.uk)",
)
# "l'État" with its capital is the State; "l'état du cache" is not.
STATE = re.compile(r"\bl['’](?:État|ÉTAT|Etat)\b")
INSTALL_LINK = _words("install.*", "onboarding", "deploiement", "deploy.*", "getting started",
                      "demarrage", "mise en place", "setup", "installazione")
USAGE_LINK = _words("documentation", "docs?", "guides?", "mode d'emploi", "manuel", "manual",
                    "usage", "utilisation", "tutori(?:al|el)s?", "wiki", "documentazione",
                    "guida", "manuale", "utilizzo")
LICENCE_NAME = _words(
    "mit", "apache", "bsd", "gpl", "agpl", "lgpl", "gnu", "mpl", "mozilla public",
    "eupl", "european union public", "cecill(?:-[bc])?", "epl", "eclipse public",
    "licence ouverte", "open licence", "etalab(?:-2\\.0)?", "odbl", "cc0", "cc-by.*",
    "creative commons", "unlicense", "isc", "wtfpl", "zlib", "artistic", "spdx",
    r"[a-z]+-\d\.\d(?:-(?:only|or-later))?",
    # a version glued to the name: "disponible sous license GPLv3" (LINCnil/CookieViz),
    # LGPLv2.1, MPL2, GPLv2+
    r"(?:(?:a|l)?gpl|mpl|eupl|epl)v?\d(?:\.\d)?\+?",
)
CONTACT_LINK = re.compile(r"(/issues|/-/issues|/discussions|mailto:|tchap|matrix\.to)", re.I)
STATUS = _words(
    "n'est plus maintenu", "plus maintenu", "non maintenu", "pas maintenu", "unmaintained",
    "not maintained", "no longer maintained", "not actively maintained", "maintenu",
    "maintained", "maintenance", "deprecated", "obsolete", "archive", "archived",
    "abandonne", "abandoned", "statut", "status", "en pause", "paused", "inactive",
    "inactif", "end of life", "fin de vie",
)
BADGE = re.compile(
    r"img\.shields\.io/badge/code\.gouv\.fr-(?:contributif|ouvert|publi(?:%C3%A9|é|e))",
    re.IGNORECASE,
)


def readme(ctx: Context) -> Document:
    doc = facts.readme(ctx)
    if doc is None:
        raise MissingFile("README", "readme-present")
    return doc


def heading_matching(doc: Document, topic: Topic | re.Pattern[str]) -> Heading | None:
    for heading in doc.headings:
        if isinstance(topic, Topic):
            if topic.matches(heading.key):
                return heading
        elif topic.fullmatch(heading.key) or topic.match(heading.key):
            return heading
    return None


def linked_line(doc: Document, pattern: re.Pattern[str]) -> bool:
    """A prose line that names the topic and links somewhere: "see the [guide](...)"."""
    linked = {link.line for link in doc.links}
    return any(line in linked and pattern.search(normalise(text)) for line, text in doc.prose)


def _missing(rule: str, fr: str, en: str, doc: Document) -> Finding:
    return Finding(rule=rule, message=Text(fr=fr, en=en), path=doc.path, key=rule)


@content_check("readme-description")
def readme_description(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if heading_matching(doc, DESCRIPTION) is not None or intro_words(doc) >= 12:
        return
    yield _missing(
        "readme-description",
        "Le README ne présente pas le projet : ni paragraphe d'introduction (12 mots au "
        "moins), ni section « Description » ou « Objectif ».",
        "The README does not present the project: no introductory paragraph (12 words or "
        "more), no 'Description' or 'Purpose' section.",
        doc,
    )


@content_check("readme-publisher")
def readme_publisher(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if heading_matching(doc, PUBLISHER_HEADING) is not None or PUBLISHER_TEXT.search(doc.plain):
        return
    if STATE.search(doc.text):
        return
    yield _missing(
        "readme-publisher",
        "Le README ne nomme pas l'administration qui publie le projet.",
        "The README does not name the administration that publishes the project.",
        doc,
    )


@content_check("readme-installation")
def readme_installation(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if heading_matching(doc, INSTALL) is None and not linked_line(doc, INSTALL_LINK):
        yield _missing(
            "readme-installation",
            "Le README n'a pas de section « Installation » (ou « Démarrage », « Prise en main »).",
            "The README has no 'Installation' section (or 'Getting started', 'Setup').",
            doc,
        )


@content_check("readme-usage")
def readme_usage(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if heading_matching(doc, USAGE) is None and not linked_line(doc, USAGE_LINK):
        yield _missing(
            "readme-usage",
            "Le README n'a pas de section « Utilisation » (ou « Usage », « Exemples », "
            "« Documentation »).",
            "The README has no 'Usage' section (or 'Examples', 'Documentation').",
            doc,
        )


def _link_targets(doc: Document) -> list[tuple[str, int]]:
    base = dirname(doc.path)
    found = []
    for link in doc.links:
        target = relative_target(link.target)
        if target is None:
            continue
        path = target.lstrip("/") if target.startswith("/") else join(base, target)
        found.append((normpath(path), link.line))
    return found


def _is_licence_path(path: str) -> bool:
    return path.startswith("LICENSES/") or path == "LICENSES" or (
        "/" not in path and LICENCE_FILE.match(path) is not None
    )


FORGE_LICENCE = re.compile(r"/(?:blob|-/blob|src|tree)/[^/]{1,200}/(?:licen[cs]e|copying)", re.I)


def _links_to_licence(doc: Document) -> bool:
    if any(_is_licence_path(path) for path, _ in _link_targets(doc)):
        return True
    # an absolute link to the licence file on the forge counts too
    return any(FORGE_LICENCE.search(link.target) for link in doc.links)


def _licence_section_fix(ctx: Context, doc: Document) -> Text | None:
    """The section to add, with the licence the project declares and its own file.

    The catalogue's text suggests the EUPL-1.2 and LICENSE: wrong advice for a CeCILL
    project whose text is in LICENSES/ or not written yet, and a choice made for a
    project without a licence, whose choice DINUM's doctrine leans to permissive.
    """
    found = declarations(ctx)
    project = project_licence(found)
    if project is None:  # no licence yet: the catalogue's EUPL-1.2 would choose for them
        return Text(
            fr="Choisissez d'abord la licence du projet (voir licence-file-present), puis "
               "ajoutez une section « Licence » : « Ce logiciel est distribué sous licence "
               "<identifiant SPDX>, voir [LICENSE](LICENSE). »",
            en="First choose the project's licence (see licence-file-present), then add a "
               '"Licence" section: "This software is distributed under the <SPDX '
               'identifier> licence, see [LICENSE](LICENSE)."')
    files = [d.path for d in text_files_first(found)]
    files += [d.path for d in found if d.kind == "reuse-licence" and d.spdx
              and d.spdx in project.spdx]
    if not files:  # declared (README, manifest) without its text: LICENSE is to be written
        root = relpath("LICENSE", dirname(doc.path) or ".")
        return Text(
            fr=f"Ajoutez le texte de {project.spdx} dans LICENSE (opencheck init licence "
               f"{project.spdx}) et une section « Licence » : « Ce logiciel est distribué "
               f"sous licence {project.spdx}, voir [LICENSE]({root}). »",
            en=f"Add the text of {project.spdx} as LICENSE (opencheck init licence "
               f'{project.spdx}) and a "Licence" section: "This software is distributed '
               f'under the {project.spdx} licence, see [LICENSE]({root})."')
    target = relpath(files[0], dirname(doc.path) or ".")
    return Text(
        fr=f"Ajoutez une section « Licence » : « Ce logiciel est distribué sous licence "
           f"{project.spdx}, voir [{files[0]}]({target}). »",
        en=f'Add a "Licence" section: "This software is distributed under the '
           f'{project.spdx} licence, see [{files[0]}]({target})."',
    )


@content_check("readme-licence")
def readme_licence(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    fix = _licence_section_fix(ctx, doc)
    heading = heading_matching(doc, LICENCE)
    text = normalise(doc.section_text(heading)) if heading else doc.plain
    named = LICENCE_NAME.search(text) is not None and (heading is not None or "licen" in text)
    # a section holding the licence's text without its name (lutece's plug-ins: the BSD
    # text under "## License"), which the licence reading identified
    named = named or any(found.kind == "readme" and found.path == doc.path and found.spdx
                         for found in declarations(ctx))
    if not named:
        missing = _missing(
            "readme-licence",
            "Le README ne dit pas sous quelle licence le projet est publié.",
            "The README does not say under which licence the project is published.",
            doc,
        )
        missing.fix = fix
        yield missing
    if not _links_to_licence(doc):
        yield Finding(
            rule="readme-licence",
            message=Text(
                fr="Le README ne renvoie pas au fichier de licence "
                "(LICENSE, LICENCE, COPYING ou LICENSES/).",
                en="The README does not link to the licence file "
                "(LICENSE, LICENCE, COPYING or LICENSES/).",
            ),
            path=doc.path,
            key="readme-licence-link",
            fix=fix,
        )


@content_check("readme-contributing")
def readme_contributing(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if heading_matching(doc, CONTRIBUTING) is not None:
        return
    if any("contributing" in path.lower() for path, _ in _link_targets(doc)):
        return
    yield _missing(
        "readme-contributing",
        "Le README ne dit pas comment contribuer "
        "(ni section « Contribuer », ni lien vers CONTRIBUTING).",
        "The README does not say how to contribute "
        "(no 'Contributing' section, no link to CONTRIBUTING).",
        doc,
    )


@content_check("readme-contact")
def readme_contact(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if heading_matching(doc, CONTACT) is not None:
        return
    if emails(doc.text) or any(CONTACT_LINK.search(link.target) for link in doc.links):
        return
    yield _missing(
        "readme-contact",
        "Le README ne donne aucun contact (adresse, lien vers les tickets, section « Contact »).",
        "The README gives no contact (address, link to the issues, 'Contact' section).",
        doc,
    )


def _unmaintained_days(ctx: Context) -> int:
    raw = ctx.settings.get("readme", {})
    value = raw.get("unmaintained_days", 365) if isinstance(raw, dict) else 365
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise hist.SettingsError(
            f"settings.readme.unmaintained_days: '{value}' is not a number of days above 0"
        )
    return value


@content_check("readme-maintenance-status")
def readme_maintenance_status(ctx: Context) -> Iterator[Finding]:
    declared_none = facts.get(facts.shared_publiccode(ctx), "maintenance", "type") == "none"
    why: Text | None = None
    if declared_none:
        why = Text(fr="publiccode.yml déclare `maintenance.type: none`",
                   en="publiccode.yml declares `maintenance.type: none`")
    elif ctx.repo.git is not None and ctx.repo.git.head is not None and ctx.options.history:
        history = hist.shared_history(ctx)
        limit = _unmaintained_days(ctx)
        if history.newest and time.time() - history.newest > limit * hist.DAY:
            days = int((time.time() - history.newest) // hist.DAY)
            why = Text(fr=f"le dernier commit a {days} jours",
                       en=f"the last commit is {days} days old")
    if why is None:
        return  # nothing suggests the project is unmaintained
    doc = readme(ctx)
    if STATUS.search(doc.plain):
        return
    yield Finding(
        rule="readme-maintenance-status",
        message=Text(
            fr=f"Le README ne dit pas si le projet est maintenu, alors que {why.fr}.",
            en=f"The README does not say whether the project is maintained, although {why.en}.",
        ),
        path=doc.path,
        key="readme-maintenance-status",
    )


@content_check("readme-openness-badge")
def readme_openness_badge(ctx: Context) -> Iterator[Finding]:
    doc = readme(ctx)
    if BADGE.search(doc.text) is None:
        yield _missing(
            "readme-openness-badge",
            "Le README n'affiche pas le badge de degré d'ouverture de code.gouv.fr.",
            "The README does not show code.gouv.fr's openness badge.",
            doc,
        )


@check("readme-links")
def readme_links(ctx: Context) -> Iterator[Finding]:
    found = facts.readme(ctx)
    if found is None:
        raise Skip(NO_README)
    doc = found
    repo = ctx.repo
    directories = Folders(repo.paths())
    seen: set[str] = set()
    for path, line in _link_targets(doc):
        if path in seen:
            continue
        seen.add(path)
        if path in ("", ".") or repo.exists(path) or path in directories:
            continue
        if not path.startswith("..") and _is_folder(repo.root, path):
            continue  # a submodule or an empty folder: git lists no file in it
        outside = path.startswith("..")
        if host_without_scheme(path):
            message = Text(
                fr=f"Le lien vers « {path} » n'a pas de https:// : GitHub et GitLab y "
                   "cherchent un fichier du dépôt, absent.",
                en=f"The link to '{path}' has no https://: GitHub and GitLab look for a "
                   "file of the repository by that name, and there is none.")
        else:
            message = Text(
                fr=f"Le lien vers « {path} » sort du dépôt." if outside
                else f"Le lien vers « {path} » mène à un fichier absent du dépôt.",
                en=f"The link to '{path}' leaves the repository." if outside
                else f"The link to '{path}' points to a file missing from the repository.",
            )
        yield Finding(
            rule="readme-links",
            message=message,
            path=doc.path,
            line=line,
            key=path,
        )


def _is_folder(root: Path, path: str) -> bool:
    try:
        full = (root / path).resolve()
    except (OSError, RuntimeError):
        return False
    return full.is_relative_to(root) and full.is_dir()

