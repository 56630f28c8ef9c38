# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The licence family: is there a licence, which one, is it allowed, is it declared the
same way everywhere. The analysis lives in `opencheck.licensing`; these checks only
turn it into findings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from opencheck.community import publisher
from opencheck.licensing import (
    Declaration,
    InvalidExpression,
    declarations,
    equivalent,
    load_authorised,
    project_licence,
)
from opencheck.licensing.authorised import Verdict
from opencheck.licensing.declarations import (
    component_licence_texts,
    licence_file_paths,
    licence_files_before,
    licence_folder_texts,
    readme_licence_section,
    readme_paths,
    same_licensing,
)
from opencheck.licensing.expressions import MAX_WAYS, TooManyWays, keys, spdx_id_in_file_name
from opencheck.licensing.official import available_ids
from opencheck.model import Finding, Severity, Text
from opencheck.registry import Context, Skip, Unjudged, check

IDENTIFIED = 0.80  # below this confidence a licence file counts as not identified
CODE_SUFFIXES = frozenset(
    re.findall(
        r"\S+",
        ".py .js .mjs .cjs .ts .tsx .jsx .vue .svelte .java .kt .kts .scala .groovy .c .h .cc"
    " .cpp .hpp .cxx .cs .fs .vb .go .rs .rb .php .pl .pm .swift .m .mm .sh .bash .ps1"
    " .r .jl .lua .ml .mli .hs .erl .ex .exs .clj .dart .f .f90 .f95 .for .ada .adb .pas"
    " .sql .el .lisp .scm .zig .nim .cob .sas .do .ado .ipynb .mts .cts .astro .elm .purs"
    " .css .scss .sass .less .styl .erb .haml .slim .twig .jinja .j2 .njk .hbs .mustache"
    " .liquid .ejs .pug .zsh .fish .bat .cmd .vbs .awk .tcl .cr .nix .rkt .tf .hcl .sol"
    " .gradle .cmake .xsl .xslt",
    )
)
CODE_NAMES = frozenset({"dockerfile", "makefile", "gemfile", "rakefile", "cmakelists.txt",
                        "jenkinsfile", "vagrantfile"})
# Who may use the software narrowed to some: no free licence says that.
_USE_RESTRICTED = (r"ne peut (?:être|etre) utilis[ée]e? que|may only be used by"
                   r"|may be used only by|for internal use only|à usage interne"
                   r"|usage interne (?:uniquement|exclusivement)"
                   r"|r[ée]serv[ée]e? (?:à|a) l'usage exclusif")
_NON_FREE_TERMS = re.compile(
    r"all rights reserved|tous droits r[ée]serv[ée]s|\bproprietary\b|propri[ée]taire"
    r"|\bconfidential\b|confidentiel|non[- ]?commercial|pas d'utilisation commerciale"
    r"|usage commercial (?:est )?interdit|commercial use is (?:not permitted|prohibited)"
    r"|" + _USE_RESTRICTED,
    re.IGNORECASE,
)
NO_PROJECT_LICENCE = Text(
    fr="aucune licence du projet n'a pu être identifiée (voir licence-identified)",
    en="no licence of the project could be identified (see licence-identified)",
)


def licence_files(ctx: Context) -> list[str]:
    """Licence files at the root, plus the texts of the REUSE `LICENSES/` folder."""
    return licence_file_paths(ctx.repo)


def _where(declaration: Declaration) -> str:
    return f"{declaration.path}:{declaration.line}" if declaration.line else declaration.path


def _evidence(declaration: Declaration) -> dict[str, object]:
    return {
        "source": declaration.kind,
        "path": declaration.path,
        "line": declaration.line,
        "detected": declaration.spdx,
        "confidence": declaration.confidence,
    }


@check("licence-file-present")
def licence_file_present(ctx: Context) -> Iterator[Finding]:
    if licence_files(ctx):
        return
    deleted = _deleted_by_change(ctx)
    if deleted is not None:
        yield deleted
        return
    folder = licence_folder_texts(ctx.repo)
    if folder:
        # Frama-C's `licenses/LGPLv2.1`: the texts are there, under a name neither REUSE
        # nor the forges read; what is missing is the file saying which one is the project's.
        ids = ", ".join(sorted({spdx for _path, spdx in folder}))
        where = folder[0][0].split("/", 1)[0]
        yield _texts_elsewhere(folder, Text(
            fr=f"Aucun fichier de licence à la racine (LICENSE, LICENCE, COPYING ou "
               f"LICENSES/), mais {where}/ contient des textes de licence ({ids}).",
            en=f"No licence file at the root (LICENSE, LICENCE, COPYING or LICENSES/), "
               f"but {where}/ holds licence texts ({ids}).",
        ), Text(
            fr=f"Copiez le texte de la licence du projet dans LICENSE à la racine (ou "
               f"renommez {where}/ en LICENSES/, le nom que REUSE lit) et dites dans le "
               "README quelle licence couvre le projet.",
            en=f"Copy the project's licence text to LICENSE at the root (or rename "
               f"{where}/ to LICENSES/, the name REUSE reads) and say in the README "
               "which licence covers the project.",
        ))
        return
    components = component_licence_texts(ctx.repo)
    if components:
        yield _components_without_root(components)
        return
    yield Finding(
        rule="licence-file-present",
        message=Text(
            fr="Aucun fichier de licence (LICENSE, LICENCE, COPYING ou LICENSES/).",
            en="No licence file (LICENSE, LICENCE, COPYING or LICENSES/).",
        ),
        key="LICENSE",
        fix=_declared_licence_fix(ctx),
    )


def _deleted_by_change(ctx: Context) -> Finding | None:
    """In merge-request mode, the root licence files the change started from and deletes:
    blocking whatever else holds licence texts (a merge request that deletes LICENSE
    and names two folders as the project's parts would pass as a warning)."""
    base = ctx.options.base
    if base is None:
        return None
    had = licence_files_before(ctx.repo.root, base)
    if not had:
        return None
    names = ", ".join(had)
    return Finding(
        rule="licence-file-present",
        message=Text(
            fr=f"Aucun fichier de licence à la racine : la modification supprime {names}, "
               f"que le projet avait (base {base.label}).",
            en=f"No licence file at the root: the change deletes {names}, which the "
               f"project had (base {base.label}).",
        ),
        key="LICENSE",
        fix=Text(
            fr=f"Remettez {names} à la racine, ou dites dans le README pourquoi le projet "
               "n'a plus de licence à la racine et faites accepter ce choix hors de cette "
               "vérification.",
            en=f"Put {names} back at the root, or say in the README why the project no "
               "longer has a licence at the root and have that choice accepted outside "
               "this check.",
        ),
    )


def _texts_elsewhere(texts: list[tuple[str, str]], message: Text, fix: Text) -> Finding:
    """No licence file at the root, but licence texts elsewhere: a warning."""
    return Finding(rule="licence-file-present", message=message, path=texts[0][0],
                   key="LICENSE", severity=Severity.WARNING,
                   extra={"licence_texts": [path for path, _spdx in texts]}, fix=fix)


COMPONENTS_NAMED = 4


def _components_without_root(components: list[tuple[str, str]]) -> Finding:
    """Each component folder has its licence file, the root none: the code is licensed,
    but nothing at the root says which licence covers which part."""
    ids = ", ".join(sorted({spdx for _path, spdx in components}))
    shown = ", ".join(path for path, _spdx in components[:COMPONENTS_NAMED])
    more = len(components) - COMPONENTS_NAMED
    shown_fr = shown + (f" et {more} autre(s)" if more > 0 else "")
    shown_en = shown + (f" and {more} more" if more > 0 else "")
    folders = len({path.split("/", 1)[0] for path, _spdx in components})
    return _texts_elsewhere(components, Text(
        fr=f"Aucun fichier de licence à la racine, mais {folders} dossiers de composants "
           f"ont le leur ({shown_fr} : {ids}).",
        en=f"No licence file at the root, but {folders} component folders have their "
           f"own ({shown_en}: {ids}).",
    ), Text(
        fr="Dites à la racine quelle licence couvre quelle partie : un LICENSE (ou "
           "COPYING) à la racine pour ce qui n'est dans aucun composant, et une "
           "section « Licence » du README qui renvoie à celle de chaque composant.",
        en="Say at the root which licence covers which part: a LICENSE (or COPYING) "
           "at the root for what lies in no component, and a \"Licence\" section of "
           "the README pointing to each component's.",
    ))


def _declared_licence_fix(ctx: Context) -> Text | None:
    """When the README, a manifest or publiccode.yml already names the licence, the fix
    is to ship its text, not to choose one."""
    declared = [d for d in declarations(ctx) if d.project_level and d.spdx]
    if not declared:
        return None
    spdx, where = str(declared[0].spdx), _where(declared[0])
    command = f" (opencheck init licence {spdx})" if spdx in available_ids() else ""
    return Text(
        fr=f"Le projet déclare {spdx} ({where}) : ajoutez le texte officiel de cette licence "
           f"dans LICENSE à la racine{command}.",
        en=f"The project declares {spdx} ({where}): add the official text of that licence "
           f"as LICENSE at the root{command}.",
    )


_FILE_PROBLEMS = {
    "empty": Text(fr="{path} est vide.", en="{path} is empty."),
    "binary": Text(fr="{path} est un fichier binaire, pas un texte de licence.",
                   en="{path} is a binary file, not a licence text."),
    "too-large": Text(fr="{path} est trop gros pour être un texte de licence ({detail}).",
                      en="{path} is too large to be a licence text ({detail})."),
    "unreadable": Text(fr="{path} ne peut pas être lu : {detail}.",
                       en="{path} cannot be read: {detail}."),
    "legacy-encoding": Text(
        fr="{path} est encodé en {detail}, pas en UTF-8 : il a été lu, mais convertissez-le.",
        en="{path} is encoded in {detail}, not UTF-8: it was read, but convert it."),
}
_DECLARATION_PROBLEMS = {
    "parse-error": Text(fr="{path} ne peut pas être analysé : {detail}",
                        en="{path} cannot be parsed: {detail}"),
    "invalid-expression": Text(
        fr="{where} : « {raw} » n'est pas une expression SPDX valide (ex. MIT, EUPL-1.2).",
        en="{where}: '{raw}' is not a valid SPDX expression (e.g. MIT, EUPL-1.2)."),
    "unknown-name": Text(
        fr="{where} : la licence « {raw} » n'est pas reconnue ; écrivez son identifiant SPDX.",
        en="{where}: the licence '{raw}' is not recognised; write its SPDX identifier."),
}


_BESIDE_A_TEXT = Text(
    fr=" Le texte de {text} est celui qui est lu : ce fichier en est une copie à lire.",
    en=" The text in {text} is the one read: this file is a copy for reading.")


@check("licence-readable")
def licence_readable(ctx: Context) -> Iterator[Finding]:
    found = declarations(ctx)
    # a PDF of the licence beside its text (LICENSE.pdf and LICENSE.txt): a copy to read
    texts = [d.path for d in found if d.kind == "licence-file" and d.spdx and not d.problem]
    for declaration in found:
        problem = declaration.problem
        if problem in _FILE_PROBLEMS and declaration.kind in {"licence-file", "reuse-licence"}:
            message = _FILE_PROBLEMS[problem].format(path=declaration.path,
                                                     detail=declaration.detail)
            copy = problem == "binary" and declaration.kind == "licence-file" and bool(texts)
            if copy:
                message = Text(message.fr + _BESIDE_A_TEXT.fr.format(text=texts[0]),
                               message.en + _BESIDE_A_TEXT.en.format(text=texts[0]))
            yield Finding(
                rule="licence-readable",
                message=message,
                path=declaration.path,
                severity=Severity.INFO if problem == "legacy-encoding" or copy else None,
                key=f"{problem}:{declaration.path}",
                extra={"problem": problem},
            )
        elif problem in _DECLARATION_PROBLEMS:
            where = f"{declaration.path} ({declaration.where})" if declaration.where else (
                declaration.path)
            yield Finding(
                rule="licence-readable",
                message=_DECLARATION_PROBLEMS[problem].format(
                    path=declaration.path, where=where, raw=declaration.raw,
                    detail=declaration.detail),
                path=declaration.path,
                line=declaration.line,
                severity=Severity.INFO if problem == "unknown-name" else None,
                key=f"{problem}:{declaration.where}:{declaration.raw}",
                extra={"problem": problem, "raw": declaration.raw},
            )


@check("licence-identified")
def licence_identified(ctx: Context) -> Iterator[Finding]:
    found = declarations(ctx)
    files = [d for d in found if d.kind in {"licence-file", "reuse-licence"}]
    full_text_keys = {
        _widen(key)
        for d in files
        if d.spdx and d.identification is not None and d.identification.full_text
        for key in _keys(d.spdx)
    }
    identified = any(d.spdx for d in files if d.kind == "licence-file")
    for declaration in files:
        identification = declaration.identification
        if identification is None or declaration.problem in {"empty", "binary", "too-large",
                                                              "unreadable"}:
            continue
        if (declaration.spdx is None and identified
                and declaration.path.upper().startswith("COPYRIGHT")):
            continue  # a COPYRIGHT file beside an identified licence names the holders only
        if declaration.kind == "reuse-licence":
            yield from _reuse_mismatch(declaration)
            continue
        partial_text = bool(identification.matches) and all(
            m.method == "text" for m in identification.matches
        ) and declaration.confidence < IDENTIFIED
        if declaration.spdx is None or partial_text:
            closest = ", ".join(f"{c.spdx} ({c.score:.2f})" for c in identification.alternatives)
            yield Finding(
                rule="licence-identified",
                message=Text(
                    fr=f"La licence de {declaration.path} n'a pas pu être identifiée"
                    + (f" ; les plus proches : {closest}." if closest else "."),
                    en=f"The licence of {declaration.path} could not be identified"
                    + (f"; closest: {closest}." if closest else "."),
                ),
                path=declaration.path,
                key=f"unidentified:{declaration.path}",
                extra={"detected": declaration.spdx, "confidence": declaration.confidence,
                       "alternatives": [c.spdx for c in identification.alternatives]},
            )
        elif not identification.full_text and not {
            _widen(key) for key in _keys(declaration.spdx)
        } <= full_text_keys:
            paraphrase = _paraphrase(ctx, declaration)
            if paraphrase is not None:
                yield paraphrase
                continue
            yield Finding(
                rule="licence-identified",
                message=Text(
                    fr=f"{_where(declaration)} nomme la licence {declaration.spdx} (confiance "
                    f"{declaration.confidence:.2f}) sans en contenir le texte complet.",
                    en=f"{_where(declaration)} names the licence {declaration.spdx} (confidence "
                    f"{declaration.confidence:.2f}) without holding its full text.",
                ),
                path=declaration.path,
                line=declaration.line,
                severity=Severity.INFO,
                fix=Text(
                    fr="Copiez le texte officiel complet de la licence dans ce fichier (ou "
                    "dans LICENSES/ selon REUSE).",
                    en="Copy the full official text of the licence into this file (or into "
                    "LICENSES/ following REUSE).",
                ),
                key=f"notice:{declaration.path}",
                extra=_evidence(declaration),
            )


# Words of licence terms: a text that restates them in its own words is a licence of
# its own, not a notice pointing to one.
_TERMS = re.compile(
    r"\b(?:permission|permitted|autoris\w*|grant\w*|accord\w*|redistribu\w*|"
    r"modif\w*|copy|copier|reproduc\w*|warrant\w*|garanti\w*|liabilit\w*|responsab\w*|"
    r"condition\w*|obligation\w*|commercial\w*|attribution|mention\w*|sublicen\w*|"
    r"sous-licen\w*|diffus\w*|exploit\w*)\b",
    re.IGNORECASE,
)
PARAPHRASE_WORDS = 60
PARAPHRASE_TERMS = 4


def _paraphrase(ctx: Context, declaration: Declaration) -> Finding | None:
    """A licence file that names a licence and restates terms in its own words (more
    than a notice): what binds is that home-made text, which no tool or lawyer can
    identify as the named licence."""
    text = ctx.repo.read_text(declaration.path) or ""
    words = len(re.findall(r"[^\W\d_]{2,}", text))
    terms = {m.group().lower()[:6] for m in _TERMS.finditer(text)}
    if words < PARAPHRASE_WORDS or len(terms) < PARAPHRASE_TERMS:
        return None
    return Finding(
        rule="licence-identified",
        message=Text(
            fr=f"{_where(declaration)} reformule la licence {declaration.spdx} avec ses "
            f"propres mots ({words} mots) au lieu de son texte officiel : c'est ce texte qui "
            "engage, et ce n'est pas une licence identifiable.",
            en=f"{_where(declaration)} restates the licence {declaration.spdx} in its own "
            f"words ({words} words) instead of its official text: that text is what binds, "
            "and it is not an identifiable licence.",
        ),
        path=declaration.path,
        line=declaration.line,
        severity=Severity.WARNING,
        fix=Text(
            fr="Remplacez ce texte par le texte officiel complet de la licence (les "
            "explications vont dans le README).",
            en="Replace this text with the licence's full official text (explanations go "
            "in the README).",
        ),
        key=f"paraphrase:{declaration.path}",
        extra={**_evidence(declaration), "words": words},
    )


def _reuse_mismatch(declaration: Declaration) -> Iterator[Finding]:
    identification = declaration.identification
    if identification is None or not identification.full_text or identification.spdx is None:
        return
    if declaration.raw.startswith("LicenseRef-") or identification.confidence < 0.9:
        return
    # `LICENSES/LICENSE.MIT.md` claims MIT in a name REUSE rejects (reuse-licence-bad)
    claimed = spdx_id_in_file_name(declaration.raw) or declaration.raw
    if _agree(claimed, identification.spdx, bare_text=True):
        return
    yield Finding(
        rule="licence-identified",
        message=Text(
            fr=f"{declaration.path} contient le texte de {identification.spdx} "
            f"(confiance {identification.confidence:.2f}), pas celui de {claimed}.",
            en=f"{declaration.path} holds the text of {identification.spdx} "
            f"(confidence {identification.confidence:.2f}), not that of {claimed}.",
        ),
        path=declaration.path,
        key=f"reuse-mismatch:{declaration.path}",
        extra={"detected": identification.spdx, "confidence": identification.confidence},
    )


def _keys(expression: str | None) -> list[str]:
    if not expression:
        return []
    try:
        return keys(expression)
    except InvalidExpression:
        return []


def _project(ctx: Context) -> tuple[Declaration, str, Verdict]:
    found = declarations(ctx)
    project = project_licence(found)
    if project is None:
        raise Skip(NO_PROJECT_LICENCE)
    try:
        verdict = load_authorised().verdict(project.spdx)
    except TooManyWays as error:
        # it parses, and cannot be judged: never passed as if it could (INCOMPLETE)
        raise Unjudged(Text(
            fr=f"l'expression de licence du projet offre plus de {MAX_WAYS} façons de s'y "
               f"conformer ({project.evidence[0].path}) : elle n'est pas jugée une à une",
            en=f"the project's licence expression offers more than {MAX_WAYS} ways to "
               f"comply ({project.evidence[0].path}): they are not judged one by one")) from error
    except InvalidExpression as error:
        raise Skip(Text(fr=f"expression de licence illisible : {error}",
                        en=f"unreadable licence expression: {error}")) from error
    return project.evidence[0], project.spdx, verdict


@check("licence-authorised")
def licence_authorised(ctx: Context) -> Iterator[Finding]:
    evidence, spdx, verdict = _project(ctx)
    if verdict.authorised:
        return
    authorised = load_authorised()
    unlisted = ", ".join(verdict.unlisted)
    content = authorised.unlisted_content(spdx)
    if content:
        yield _unlisted_content(evidence, spdx, content)
        return
    yield Finding(
        rule="licence-authorised",
        message=Text(
            fr=f"La licence du projet, {spdx} ({_where(evidence)}, confiance "
            f"{evidence.confidence:.2f}), n'est pas sur la liste des licences autorisées par "
            f"décret (hors liste : {unlisted}). {authorised.homologation.fr}",
            en=f"The project's licence, {spdx} ({_where(evidence)}, confidence "
            f"{evidence.confidence:.2f}), is not on the list of licences authorised by decree "
            f"(not listed: {unlisted}). {authorised.homologation.en}",
        ),
        path=evidence.path,
        line=evidence.line,
        key=f"unauthorised:{spdx}",
        extra={**_evidence(evidence), "unlisted": list(verdict.unlisted)},
        fix=_later_version_fix(spdx),
    )


# CeCILL 1.0 to 2.0 let software under them be distributed under a later version of the
# agreement (article 12.3 of 2.0), and CeCILL 2.1 is on the list: the project does not
# have to change licence, only to ship and name the later version's text.
_LATER_VERSION_LISTED = {"CECILL-1.0": "CECILL-2.1", "CECILL-1.1": "CECILL-2.1",
                         "CECILL-2.0": "CECILL-2.1"}


def _later_version_fix(spdx: str) -> Text | None:
    later = _LATER_VERSION_LISTED.get(spdx)
    if later is None:
        return None
    return Text(
        fr=f"{spdx} permet de distribuer le logiciel sous une version ultérieure de la même "
           f"licence, et {later} est sur la liste : remplacez les textes de licence par "
           f"celui de {later} (opencheck init licence {later}) et nommez-la dans le README "
           "et les en-têtes ; sinon, demandez l'homologation.",
        en=f"{spdx} lets the software be distributed under a later version of the same "
           f"licence, and {later} is on the list: replace the licence texts with {later}'s "
           f"(opencheck init licence {later}) and name it in the README and headers; "
           "otherwise, ask for its approval.",
    )


def _unlisted_content(evidence: Declaration, spdx: str, content: tuple[str, ...]) -> Finding:
    """The code's licence is on the list; the other texts are for documents or data
    (`CECILL-2.1 AND CC-BY-SA-2.0`): the code can be published, the split is to be said."""
    names = ", ".join(content)
    return Finding(
        rule="licence-authorised",
        message=Text(
            fr=f"La licence du projet, {spdx} ({_where(evidence)}), joint à une licence "
            f"logicielle de la liste une licence de contenu hors liste ({names}), pour des "
            "documents ou des données. Le code peut être publié ; pour les documents et les "
            "données, le décret prévoit la Licence Ouverte (etalab-2.0) ou l'ODbL. Indiquez "
            "dans le README quels fichiers chaque licence couvre.",
            en=f"The project's licence, {spdx} ({_where(evidence)}), adds an unlisted content "
            f"licence ({names}), for documents or data, to a software licence of the list. "
            "The code can be published; for documents and data the decree provides the "
            "Licence Ouverte (etalab-2.0) or the ODbL. Say in the README which files each "
            "licence covers.",
        ),
        path=evidence.path,
        line=evidence.line,
        severity=Severity.WARNING,
        fix=Text(
            fr="Placez les documents sous Licence Ouverte (etalab-2.0) si vous le pouvez, et "
            "écrivez dans le README quelle licence couvre le code et laquelle les documents.",
            en="Put the documents under the Licence Ouverte (etalab-2.0) if you can, and "
            "write in the README which licence covers the code and which the documents.",
        ),
        key=f"unlisted-content:{spdx}",
        extra={**_evidence(evidence), "unlisted": list(content)},
    )


@check("licence-data-only")
def licence_data_only(ctx: Context) -> Iterator[Finding]:
    evidence, spdx, verdict = _project(ctx)
    if not verdict.data_only:
        return
    code = [path for path in ctx.repo.paths() if _is_code(path)]
    if not code:
        return
    # Only data licences, and code: nothing lets anyone reuse the code as software.
    # Beside a software licence (`MIT AND etalab-2.0`), the split is to be made clear.
    only_data = all(licence.data_only for licence in verdict.choice)
    # A documentation site or book (etalab's guides, INSEE's utilitR): its pages are the
    # work the Licence Ouverte covers; its few code files (theme, components, example
    # scripts) still need a software licence, which is a warning, not a blocker.
    pages = sum(1 for path in ctx.repo.paths() if path.lower().endswith(_PAGE_SUFFIXES))
    documentation = pages >= DOCUMENTATION_RATIO * len(code) and \
        len(code) <= DOCUMENTATION_CODE_FILES
    note = Text(fr="", en="")
    if only_data and documentation:
        note = Text(fr=f" Le dépôt est surtout de la documentation ({pages} pages) : "
                       "seul son code est à placer sous une licence logicielle.",
                    en=f" The repository is mostly documentation ({pages} pages): only its "
                       "code needs a software licence.")
    yield Finding(
        rule="licence-data-only",
        message=Text(
            fr=f"La licence du projet, {spdx} ({_where(evidence)}), est réservée aux données "
            f"et documents, or le dépôt contient du code ({len(code)} fichiers, dont "
            f"{code[0]}).{note.fr}",
            en=f"The project's licence, {spdx} ({_where(evidence)}), is for data and documents "
            f"only, yet the repository holds code ({len(code)} files, e.g. {code[0]})."
            f"{note.en}",
        ),
        path=evidence.path,
        line=evidence.line,
        key=f"data-only:{spdx}",
        severity=Severity.ERROR if only_data and not documentation else None,
        extra={**_evidence(evidence), "code_files": len(code), "only_data": only_data,
               "pages": pages},
    )


# Pages of a documentation site or book; four pages or more per code file make one.
_PAGE_SUFFIXES = (".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".qmd", ".rmd", ".tex")
DOCUMENTATION_RATIO = 4
# A site's or book's own code is small (a theme, components, example scripts: utilitR
# 18 files, etalab's guides 4); a software project with a large manual is software.
DOCUMENTATION_CODE_FILES = 50


def _is_code(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    if name in CODE_NAMES:
        return True
    return "." in name and name[name.rindex("."):] in CODE_SUFFIXES


@check("licence-non-free")
def licence_non_free(ctx: Context) -> Iterator[Finding]:
    for declaration in declarations(ctx):
        if declaration.problem == "proprietary":
            finding = _non_free(declaration, declaration.raw, Text(
                fr=f"{_where(declaration)} déclare le projet non libre (« {declaration.raw} »).",
                en=f"{_where(declaration)} declares the project not free ('{declaration.raw}')."))
            _against_the_licence_file(finding, declaration, declarations(ctx))
            if not declaration.root:  # a sub-package's manifest, often a private app's
                finding.severity = Severity.WARNING
            yield finding
            continue
        bad = _non_free_ids(declaration.spdx)
        if bad and (declaration.project_level or declaration.kind == "reuse-licence"):
            confidence = f"{declaration.confidence:.2f}"
            yield _non_free(declaration, ", ".join(bad), Text(
                fr=f"{_where(declaration)} : la licence {', '.join(bad)} (confiance "
                f"{confidence}) n'est pas libre (usage commercial ou modification interdits, "
                "ou droits réservés).",
                en=f"{_where(declaration)}: the licence {', '.join(bad)} (confidence "
                f"{confidence}) is not free (commercial use or changes forbidden, or rights "
                "reserved)."))
            continue
        if declaration.kind == "licence-file" and declaration.problem is None:
            if declaration.spdx is None:
                yield from _terms(ctx, declaration.path)
            else:  # "All rights reserved" beside a licence (BSD's copyright line) is fine,
                yield from _added_terms(ctx, declaration)  # a clause added to it is not
    for path in readme_paths(ctx.repo)[:1]:
        text = ctx.repo.read_text(path)
        section = readme_licence_section(text) if text else None
        if section is not None:
            found = [d for d in declarations(ctx) if d.kind == "readme" and d.spdx]
            if not found:
                yield from _terms(ctx, path, section[1], section[0])


_ADDED_TERMS = re.compile(
    r"non[- ]?commercial|pas d'utilisation commerciale|usage commercial (?:est )?interdit"
    r"|commercial use is (?:not permitted|prohibited|forbidden)|(?:à|a) des fins non commerciales"
    r"|interdit(?:e)? (?:à|a) (?:toute )?(?:utilisation|fin|usage)s? commercia"
    r"|" + _USE_RESTRICTED,
    re.IGNORECASE,
)


def _added_terms(ctx: Context, declaration: Declaration) -> Iterator[Finding]:
    """A restriction written beside a recognised licence text (outside the lines that
    matched it): "MIT, but no commercial use" is not the MIT licence."""
    identification = declaration.identification
    text = ctx.repo.read_text(declaration.path)
    if identification is None or not text:
        return
    covered: set[int] = set()
    for match in identification.matches:
        if match.method == "text" and match.start_line and match.end_line:
            covered.update(range(match.start_line, match.end_line + 1))
    for number, line in enumerate(text.splitlines(), start=1):
        found = _ADDED_TERMS.search(line)
        if found is None or number in covered:
            continue
        yield Finding(
            rule="licence-non-free",
            message=Text(
                fr=f"{declaration.path}:{number} ajoute « {found.group(0)} » à la licence "
                f"{declaration.spdx} : le code n'est alors pas libre.",
                en=f"{declaration.path}:{number} adds '{found.group(0)}' to the licence "
                f"{declaration.spdx}: the code is then not free software.",
            ),
            path=declaration.path,
            line=number,
            key=f"added:{declaration.path}:{found.group(0).lower()}",
            extra=_evidence(declaration),
        )
        return


def _against_the_licence_file(finding: Finding, manifest: Declaration,
                              found: list[Declaration]) -> None:
    """A manifest's 'proprietary' beside a free licence file is a value the project's
    template left (Symfony's skeleton writes it, npm's private packages UNLICENSED): the
    fix is to write the licence there, not to choose one."""
    free = [d for d in found if d.kind == "licence-file" and d.spdx and d.root
            and not _non_free_ids(d.spdx)]
    if not free:
        return
    licence, where = free[0].spdx, _where(free[0])
    finding.message = Text(
        fr=f"{finding.message.fr[:-1]}, alors que {where} le place sous {licence}.",
        en=f"{finding.message.en[:-1]}, while {where} puts it under {licence}.")
    finding.fix = Text(
        fr=f"Écrivez {licence} dans le champ de licence de {manifest.path} à la place de "
           f"« {manifest.raw} », valeur que laissent des modèles de projet (le squelette de "
           "Symfony, un paquet npm privé).",
        en=f"Write {licence} in the licence field of {manifest.path} instead of "
           f"'{manifest.raw}', a value project templates leave (Symfony's skeleton, a "
           "private npm package).")


def _non_free_ids(expression: str | None) -> list[str]:
    """The non-free licences of an expression that leaves no free choice."""
    if not expression:
        return []
    try:
        return list(load_authorised().verdict(expression).non_free)
    except InvalidExpression:
        return []


def _terms(ctx: Context, path: str, text: str | None = None, first: int = 1) -> Iterator[Finding]:
    body = text if text is not None else ctx.repo.read_text(path)
    if not body:
        return
    match = _NON_FREE_TERMS.search(body)
    if match is None:
        return
    line = first + body.count("\n", 0, match.start())
    phrase = match.group(0)
    yield Finding(
        rule="licence-non-free",
        message=Text(
            fr=f"{path}:{line} dit « {phrase} » sans accorder de licence libre : le code n'est "
            "pas libre.",
            en=f"{path}:{line} says '{phrase}' without granting a free licence: the code is "
            "not free software.",
        ),
        path=path,
        line=line,
        key=f"terms:{path}:{phrase.lower()}",
        extra={"phrase": phrase},
    )


def _non_free(declaration: Declaration, what: str, message: Text) -> Finding:
    return Finding(
        rule="licence-non-free",
        message=message,
        path=declaration.path,
        line=declaration.line,
        key=f"non-free:{declaration.kind}:{what}",
        extra=_evidence(declaration),
    )


def _agree(first: str, second: str, bare_text: bool = False) -> bool:
    """Same licensing; a bare GNU text cannot tell -only from -or-later, so with
    `bare_text` either reading agrees."""
    if equivalent(first, second):
        return True
    if not bare_text:
        return False
    return equivalent(_widen(first), _widen(second))


def _covers(wider: str, narrower: str) -> bool:
    """Every licence of `narrower` is named in `wider` (either GNU reading accepted)."""
    named = {_widen(key) for key in _keys(wider)}
    return bool(named) and {_widen(key) for key in _keys(narrower)} <= named


_STATES_EXTENT = re.compile(r"only|later|\+", re.IGNORECASE)


def _widen(expression: str) -> str:
    return expression.replace("-only", "-or-later")


@check("licence-declarations-agree")
def licence_declarations_agree(ctx: Context) -> Iterator[Finding]:
    found = declarations(ctx)
    project = project_licence(found)
    if project is None:
        raise Skip(NO_PROJECT_LICENCE)
    files = [d for d in found if d.kind == "licence-file" and d.spdx]
    reference = project.combined_by or project.evidence[0]
    if project.combined_by is None:
        yield from _files_disagree(files, project.spdx)
    for declaration in found:
        # publiccode-license compares legal.license with the same reference: one
        # problem, one finding.
        if not declaration.project_level or declaration.kind in ("licence-file", "publiccode"):
            continue
        if declaration.spdx is None or declaration is reference:
            continue
        if same_licensing(declaration.spdx, project.spdx, project.bare_gnu):
            continue
        if declaration.kind == "manifest" and not _STATES_EXTENT.search(declaration.raw) and \
                _widen(declaration.spdx) == _widen(project.spdx):
            # a manifest that names the GPL without "only" nor "or later" (geOrchestra's
            # pom: `GPL` and a link to version 3's text) is read -only for want of more:
            # it does not contradict a licence file read -or-later
            continue
        if declaration.kind == "readme" and (_covers(declaration.spdx, project.spdx)
                                             or _covers(project.spdx, declaration.spdx)):
            # "code under MIT, documentation under Licence Ouverte" is consistent, and so
            # is a README naming one part of a project whose parts have several licences
            continue
        yield Finding(
            rule="licence-declarations-agree",
            message=Text(
                fr=f"{_where(declaration)} déclare {declaration.spdx}, mais "
                f"{_where(reference)} indique {project.spdx} (confiance "
                f"{reference.confidence:.2f}).",
                en=f"{_where(declaration)} declares {declaration.spdx}, but "
                f"{_where(reference)} says {project.spdx} (confidence "
                f"{reference.confidence:.2f}).",
            ),
            path=declaration.path,
            line=declaration.line,
            key=f"disagree:{declaration.kind}:{declaration.where}:{declaration.spdx}",
            extra={**_evidence(declaration), "expected": project.spdx,
                   "reference": reference.path},
        )


def _files_disagree(files: list[Declaration], combined: str) -> Iterator[Finding]:
    """Two root licence files that name different licences, unless one of them, or a
    manifest, says how they combine (`MIT OR Apache-2.0`)."""
    distinct = {_widen(str(d.spdx)) for d in files}
    if len(distinct) < 2:
        return  # a bare GNU text beside its "or later" notice is one licence
    every = {key for d in files for key in _keys(d.spdx)}
    if any(set(_keys(d.spdx)) == every and len(_keys(d.spdx)) > 1 for d in files):
        return
    if " AND " not in combined or any(" OR " in str(d.spdx) for d in files):
        return
    listed = "; ".join(f"{_where(d)} : {d.spdx}" for d in files)
    listed_en = "; ".join(f"{_where(d)}: {d.spdx}" for d in files)
    yield Finding(
        rule="licence-declarations-agree",
        message=Text(
            fr=f"Les fichiers de licence ne disent pas la même chose ({listed}). Dites lequel "
            "s'applique, ou comment ils se combinent (ex. « MIT OR Apache-2.0 »).",
            en=f"The licence files disagree ({listed_en}). Say which one applies, or how they "
            "combine (e.g. 'MIT OR Apache-2.0').",
        ),
        path=files[0].path,
        key="files-disagree:" + ",".join(sorted(str(d.spdx) for d in files)),
        extra={"files": {d.path: d.spdx for d in files}},
    )


@check("licence-reciprocal")
def licence_reciprocal(ctx: Context) -> Iterator[Finding]:
    project = project_licence(declarations(ctx))
    found = publisher.of(ctx, project.spdx if project else None)
    if found.abroad_only:
        # The report says so at its top, with the profile to use instead.
        note = publisher.note(found)
        ctx.metadata["published_abroad"] = {"fr": note.fr, "en": note.en}
        raise Skip(Text(
            fr="la doctrine de la DINUM s'adresse aux administrations françaises ; ce dépôt "
               f"semble publié hors de France ({'; '.join(e.fr for e in found.abroad)})",
            en="DINUM's doctrine is for French administrations; this repository seems "
               f"published outside France ({'; '.join(e.en for e in found.abroad)})"))
    evidence, spdx, verdict = _project(ctx)
    if not verdict.reciprocal:
        return
    doctrine = load_authorised().doctrine
    yield Finding(
        rule="licence-reciprocal",
        message=Text(
            fr=f"La licence du projet, {spdx}, est une licence à réciprocité. {doctrine.fr}",
            en=f"The project's licence, {spdx}, is a licence with reciprocity. {doctrine.en}",
        ),
        path=evidence.path,
        line=evidence.line,
        key=f"reciprocal:{spdx}",
        extra=_evidence(evidence),
    )
