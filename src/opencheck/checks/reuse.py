# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The REUSE family: `reuse lint`'s verdicts, file by file, as findings.

The analysis is made once per run (`ctx.shared("reuse")`) by `opencheck.reuse_adapter`,
the only module that touches the `reuse` library; it is imported on first use so that
runs without this family do not pay for it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from opencheck import reusetoml
from opencheck.checks.dependencies import third_party_index
from opencheck.community import history as hist
from opencheck.community.facts import shared_publiccode
from opencheck.deps import thirdparty
from opencheck.gitcmd import GitError
from opencheck.ignorefile import ignore_line
from opencheck.licensing import declarations
from opencheck.licensing.declarations import (
    holds_text,
    part_licence_file,
    reuse_exempt_name,
    single_licence,
)
from opencheck.licensing.expressions import (
    equivalent,
    spdx_id_in_file_name,
    spdx_id_spelled,
)
from opencheck.licensing.holder import AUTHORS_FILES, SPDX_HEADERS, Holder, project_holder
from opencheck.model import EndingText, Finding, RuleResult, Severity, Status, Text
from opencheck.registry import Context, Skip, check, scorer, tree_reader
from opencheck.shellwords import is_plain, path_argument, quote

if TYPE_CHECKING:
    from opencheck.licensing.copies import Copies
    from opencheck.reuse_adapter import ConfigProblem, FileVerdict, Linter, ReuseAnalysis

FAMILY = "reuse"
HOLDER_PLACEHOLDER = Text(fr="<titulaire des droits>", en="<copyright holder>")
LICENCE_PLACEHOLDER = Text(fr="<identifiant SPDX>", en="<SPDX identifier>")


def analysis_of(ctx: Context) -> ReuseAnalysis:
    """The analysis, once per run (in the run's one read of the tree)."""
    analysis: ReuseAnalysis = ctx.read_tree("reuse")
    return analysis


@tree_reader("reuse", FAMILY)
def _linter(ctx: Context) -> Linter:
    """`reuse lint` with its options from the settings.

    `.opencheck.yml`: `settings: {reuse: {include_submodules: true,
    include_meson_subprojects: true}}`, like reuse's flags of the same names.
    """
    try:
        from opencheck.reuse_adapter import Linter
    except Exception as error:  # reuse refuses to load without an encoding detector
        raise Skip(Text(
            fr=f"la bibliothèque reuse ne peut pas être chargée ({error})",
            en=f"the reuse library cannot be loaded ({error})",
        )) from error
    settings = ctx.settings.get(FAMILY) or {}
    if not isinstance(settings, dict):
        settings = {}
    return Linter(
        ctx.repo,
        include_submodules=settings.get("include_submodules") is True,
        include_meson_subprojects=settings.get("include_meson_subprojects") is True,
    )


def _linted(ctx: Context) -> ReuseAnalysis:
    """The analysis, or Skip when the configuration stops `reuse lint` itself."""
    analysis = analysis_of(ctx)
    if analysis.config_problem is not None:
        raise Skip(Text(
            fr="la configuration REUSE est illisible (voir reuse-config) : "
               "`reuse lint` ne juge alors aucun fichier",
            en="the REUSE configuration cannot be read (see reuse-config): "
               "`reuse lint` then judges no file",
        ))
    return analysis


# -- fix hints ------------------------------------------------------------------------


def _double_quoted(value: str) -> str:
    return '"' + re.sub(r'(["\\$`])', r"\\\1", value) + '"'


def annotate_command(
    paths: list[str], holder: str | None, licence: str | None, copyright: bool, licensing: bool,
    lang: str,
) -> str:
    """The `reuse annotate` command that gives these files what they lack."""
    parts = ["reuse", "annotate"]
    if copyright:
        year = datetime.now(UTC).year
        parts += ["--copyright", _double_quoted(f"{year} {holder or HOLDER_PLACEHOLDER.get(lang)}")]
    if licensing:
        # one argument: `BSD-2-Clause OR GPL-2.0-or-later` unquoted gave reuse two
        # paths to annotate, `<SPDX identifier>` a redirection to the shell
        chosen = licence if licence else LICENCE_PLACEHOLDER.get(lang)
        parts += ["--license", chosen if is_plain(chosen) else _double_quoted(chosen)]
    parts.append("--fallback-dot-license")
    parts += [path_argument(path) for path in paths]
    return " ".join(parts)


def _project_holder(ctx: Context, analysis: ReuseAnalysis) -> Holder | None:
    """The holder the project declares (publiccode.yml, LICENSE, its own files' SPDX
    headers, README, AUTHORS, e-mails; not the commits' e-mails under `--no-history`,
    which reads no history)."""
    third = third_party_index(ctx)
    headers: Counter[str] = Counter(
        name for verdict in analysis.files if verdict.holders
        and third.code(verdict.path) is None for name in verdict.holders)
    addresses: list[tuple[str, int]] = []
    git = ctx.repo.git
    if ctx.options.history and git is not None and git.head is not None and not git.shallow:
        try:
            history = hist.shared_history(ctx)
        except GitError:
            history = None
        if history is not None:
            addresses = [(identity.email, identity.authored)
                         for identity in history.identities.values() if not hist.is_bot(identity)]
    return project_holder(ctx.repo, shared_publiccode(ctx), addresses, _personal, headers)


def _personal(address: str) -> bool:
    return hist.is_webmail(address) or hist.generic_reason(address) is not None


def _suggestions(ctx: Context) -> tuple[Holder | None, str | None]:
    """The project's declared holder and the licence it uses most: what fixes propose."""
    from opencheck.reuse_adapter import suggested_licence

    analysis = analysis_of(ctx)
    # The licence the files use most with its text in LICENSES/, else the project's own
    # (its LICENSE, manifests), else the headers' commonest: the one `opencheck fix`
    # writes too. Files of others (third-party, or copied with their own notice) say
    # nothing of the project's licence.
    return ctx.shared(
        "reuse-suggestions", lambda: (_project_holder(ctx, analysis), suggested_licence(
            analysis, own=lambda path: not _others(ctx, path),
            declared=single_licence(declarations(ctx))))
    )


def _others(ctx: Context, path: str) -> bool:
    """A third-party file, or one the dependency inventory found copied from another
    project (when the dependencies family made it in this run)."""
    if third_party_index(ctx).code(path) is not None:
        return True
    found = ctx.cached("deps.inventory")
    if found is None:
        return False
    copied: set[str] = ctx.shared("reuse-copied-paths", lambda: {
        dep.name for dep in found.dependencies if dep.ecosystem == "copied"})
    return path in copied


def _holder_text(holder: Holder | None, lang: str) -> str | None:
    if holder is None:
        return None
    if holder.is_domain:  # an organisation known by its address only: the user names it
        return (f"<titulaire des droits : l'organisation de {holder.name}>" if lang == "fr"
                else f"<copyright holder: the organisation behind {holder.name}>")
    return holder.name


def _file_fix(ctx: Context, verdict: FileVerdict) -> Text:
    generated = _generated_fix(ctx, verdict.path) or _copied_fix(ctx, verdict) or \
        _copy_folder_fix(ctx, verdict.path) or _part_licence_fix(ctx, verdict.path)
    if generated is not None:
        return generated
    # A file that lacks both notices gets the same command from both rules: one Text
    # for the two findings (a tree without headers: 120,000 findings, 30 MB of them).
    made: dict[str, Text] = ctx.shared("reuse-file-fixes", dict)
    fix = made.pop(verdict.path, None)
    if fix is None:
        fix = _annotate_fix(ctx, verdict)
        if not verdict.has_copyright and not verdict.has_licensing:
            made[verdict.path] = fix  # taken by the other rule's finding
    return fix


def _copy_folder_fix(ctx: Context, path: str) -> Text | None:
    """For a file of another project's copy (a folder below the root with its own
    licence file and README or build file, `licensing.copies`: CNES/MAJA's Amble fonts
    with their Apache licence and fontsquirrel README): the project's holder and licence
    are not its own; the fix declares the folder in REUSE.toml with the copy's licence
    and holder, as its files say them. One Text per folder."""
    copies, files = ctx.shared("reuse-copies", lambda: _tree_copies(ctx))
    folder = copies.folder_of(path)
    if folder is None:
        return None
    made: dict[str, Text] = ctx.shared("reuse-copy-fixes", dict)
    fix = made.get(folder)
    if fix is None:
        fix = made[folder] = _declare_copy(ctx, folder, sorted(files.get(folder, ())))
    return fix


def _tree_copies(ctx: Context) -> tuple[Copies, dict[str, list[str]]]:
    """The tree's copies, and the files right inside each copy's folder (one pass over
    the listing: a pass per copy took 3 s on 68,000 files)."""
    from opencheck.licensing.declarations import tree_copies

    copies = tree_copies(ctx.repo)
    files: dict[str, list[str]] = {}
    if copies.folders:
        for path in ctx.repo.paths():
            folder = path.rpartition("/")[0]
            if folder in copies.folders:
                files.setdefault(folder, []).append(path)
    return copies, files


def _declare_copy(ctx: Context, folder: str, own: list[str]) -> Text:
    from opencheck.licensing.copies import licence_name
    from opencheck.licensing.holder import from_files
    from opencheck.licensing.identify import identify_bytes

    licences = [p for p in own if licence_name(p)]
    spdx = next((found for p in licences
                 if (found := identify_bytes(ctx.repo.read_bytes(p) or b"").spdx)), None)
    readmes = [p for p in own if p.rpartition("/")[2].upper().startswith("README")]
    holder = from_files(ctx.repo, [*licences, *readmes])
    shown = licences[0].rpartition("/")[2] if licences else "LICENSE"
    held = f", {spdx}" if spdx else ""

    def block(lang: str) -> str:
        named = holder.name if holder else (
            f"<titulaire des droits de {folder}/>" if lang == "fr"
            else f"<copyright holder of {folder}/>")
        return reusetoml.annotation_line(reusetoml.folder_glob(folder), named,
                                         spdx or LICENCE_PLACEHOLDER.get(lang))

    return Text(
        fr=f"Fichier d'une copie d'un autre projet : {folder}/ a son propre fichier de "
           f"licence ({shown}{held}). Ne lui donnez ni la licence ni le titulaire du "
           f"projet : déclarez ce dossier une fois dans REUSE.toml (une clé par ligne) : "
           f"{block('fr')}.",
        en=f"File of another project's copy: {folder}/ has its own licence file "
           f"({shown}{held}). Give it neither the project's licence nor its holder: "
           f"declare that folder once in REUSE.toml (one key per line): {block('en')}.")


def _part_licence_fix(ctx: Context, path: str) -> Text | None:
    """For a root licence file of a part of the project (zam's `LICENSE_FONTS`, the
    fonts' OFL-1.1): the project's licence is not its own; REUSE asks nothing of a
    licence file named `LICENSE-…`."""
    if not part_licence_file(path):
        return None
    from opencheck.licensing.identify import identify_bytes

    spdx = identify_bytes(ctx.repo.read_bytes(path) or b"").spdx
    held = f" ({spdx})" if spdx else ""
    renamed = reuse_exempt_name(path)
    if renamed == path:
        return Text(
            fr=f"{path} tient la licence d'une partie du projet{held}, pas celle du projet : "
               f"mettez son texte dans LICENSES/ et déclarez-la sur les fichiers qu'elle couvre.",
            en=f"{path} holds the licence of a part of the project{held}, not the project's: "
               f"put its text in LICENSES/ and declare it on the files it covers.")
    return Text(
        fr=f"{path} tient la licence d'une partie du projet{held}, pas celle du projet : "
           f"renommez-le {renamed} (REUSE ne demande rien à un fichier de licence ainsi "
           f"nommé) plutôt que de lui donner la licence du projet.",
        en=f"{path} holds the licence of a part of the project{held}, not the project's: "
           f"rename it {renamed} (REUSE asks nothing of a licence file so named) rather "
           f"than give it the project's licence.")


def _copied_fix(ctx: Context, verdict: FileVerdict) -> Text | None:
    """For a file copied from another project, whose header names its holder and states
    its licence (ORADAD's lz4/xxhash.c: Yann Collet, 'BSD 2-Clause License', in a
    GPL-3.0 project): the tag to add is that licence, not the project's. Read from the
    run's dependency inventory when the dependencies family made it (it runs first);
    a run of the REUSE rules alone proposes the project's licence as before."""
    found = ctx.cached("deps.inventory")
    if found is None:
        return None
    copied: dict[str, Any] = ctx.shared("reuse-copied", lambda: {
        dep.name: dep for dep in found.dependencies if dep.ecosystem == "copied" and dep.spdx})
    dep = copied.get(verdict.path)
    if dep is None:
        return None
    licence, holder = str(dep.spdx), dep.detail or None

    def command(lang: str) -> str:
        return annotate_command([verdict.path], holder, licence, not verdict.has_copyright,
                                not verdict.has_licensing, lang)

    return Text(
        fr=f"Fichier repris d'un autre projet (© {holder}), sous {licence} d'après son "
           f"en-tête : déclarez cette licence, pas celle du projet, et mettez son texte "
           f"dans LICENSES/. Lancez : {command('fr')}",
        en=f"File taken from another project (© {holder}), under {licence} by its "
           f"header: declare that licence, not the project's, and put its text in "
           f"LICENSES/. Run: {command('en')}")


def _annotate_fix(ctx: Context, verdict: FileVerdict) -> Text:
    # The command up to the path is one of three, whatever the file: written once,
    # the path joined when the fix is read (60,000 files: 40 MB less).
    copyright, licensing = not verdict.has_copyright, not verdict.has_licensing
    heads: dict[tuple[bool, bool], Text] = ctx.shared("reuse-fix-heads", dict)
    head = heads.get((copyright, licensing))
    if head is None:
        head = heads[copyright, licensing] = _annotate_head(ctx, copyright, licensing)
    return EndingText(head, path_argument(verdict.path))


def _annotate_head(ctx: Context, copyright: bool, licensing: bool) -> Text:
    """The fix's sentence and `reuse annotate` command, all but the file's path."""
    holder, licence = _suggestions(ctx)
    fr = annotate_command([], _holder_text(holder, "fr"), licence, copyright, licensing, "fr")
    en = annotate_command([], _holder_text(holder, "en"), licence, copyright, licensing, "en")
    origin = holder_origin(holder) if copyright else Text("", "")
    return Text(fr=f"{origin.fr}Lancez : {fr} ", en=f"{origin.en}Run: {en} ")


def _generated_fix(ctx: Context, path: str) -> Text | None:
    """For the project's build output (`amd/build/` from `amd/src/`, `dist/` from
    `src/`, minified or not): a header written in such a file would be gone at the next build, and a
    file the build adds would have none, so the fix is a REUSE.toml annotation of the
    output folder by glob, or no longer tracking what the build makes. One Text per
    folder. (A lockfile keeps `reuse annotate`: for the JSON ones, a `.license` file
    beside it, which the package manager leaves alone; so does an output folder that
    also holds another project's code, which the glob would give the project's
    licence.)"""
    folders = third_party_index(ctx).build_output(path, ctx.repo.exists)
    if folders is None:
        return None
    made: dict[str, Text] = ctx.shared("reuse-generated-fixes", dict)
    fix = made.get(folders[0])
    if fix is None:
        fix = made[folders[0]] = _declare_output(ctx, *folders)
    return fix


def _declare_output(ctx: Context, output: str, source: str) -> Text:
    holder, licence = _suggestions(ctx)
    year = datetime.now(UTC).year

    def block(lang: str) -> str:
        named = _holder_text(holder, lang) or HOLDER_PLACEHOLDER.get(lang)
        return reusetoml.annotation_line(reusetoml.folder_glob(output), f"{year} {named}",
                                         licence or LICENCE_PLACEHOLDER.get(lang))

    fr = (f"Fichier que la construction du projet écrit dans {output}/ à partir de "
          f"{source}/ : il faudrait relancer reuse annotate après chaque construction (un "
          "fichier réécrit perd son en-tête, un nouveau fichier n'en a pas). Déclarez "
          "plutôt le dossier entier, une fois, dans REUSE.toml (une clé par ligne) : "
          f"{block('fr')}")
    en = (f"File the project's build writes in {output}/ from {source}/: reuse annotate "
          "would have to be run again after every build (a file written anew loses its "
          "header, a new file has none). Declare the whole folder once in REUSE.toml "
          f"instead (one key per line): {block('en')}")
    if output.split("/")[-2:-1] in (["amd"], ["yui"]):
        # Moodle loads a plugin's amd/build and yui/build as committed: no build at install
        return Text(fr=f"{fr}. Moodle charge ce dossier tel qu'il est commité : il reste "
                       "dans le dépôt.",
                    en=f"{en}. Moodle loads this folder as committed: it stays in the "
                       "repository.")
    line = ignore_line(output + "/")
    if line is None:
        return Text(fr=f"{fr}.", en=f"{en}.")
    command = f"git rm -r --cached {path_argument(output)}"
    return Text(
        fr=f"{fr} ; ou, si le dépôt n'a pas à garder ce que la construction produit, "
           f"cessez de le suivre : {command}, et la ligne {line} dans .gitignore.",
        en=f"{en}; or, if the repository need not keep what the build makes, stop "
           f"tracking it: {command}, and the line {line} in .gitignore.")


def holder_origin(holder: Holder | None) -> Text:
    """Where the proposed holder was read, so that the user can judge it: a sentence
    before the command, which stays whole at the end for copying."""
    if holder is None:
        return Text("", "")
    if holder.is_domain:
        return Text(fr="Titulaire déduit des adresses des commits : nommez l'organisation. ",
                    en="Holder inferred from the commit addresses: name the organisation. ")
    if holder.source == SPDX_HEADERS:
        return Text(fr="Titulaire que nomment déjà les en-têtes SPDX du projet. ",
                    en="Holder the project's SPDX headers already name. ")
    if holder.source in AUTHORS_FILES:
        # AUTHORS lists people; their employer usually holds the rights.
        return Text(
            fr=f"Titulaire lu dans {holder.source}, qui nomme des personnes : un logiciel écrit "
               "par des agents publics ou des salariés dans leurs fonctions appartient à leur "
               "employeur (en France, article L113-9 du code de la propriété intellectuelle) ; "
               "nommez-le alors (opencheck fix --holder). ",
            en=f"Holder read in {holder.source}, which names people: software written by "
               "public agents or employees in their duties belongs to their employer (in "
               "France, article L113-9 of the intellectual property code); then name it "
               "(opencheck fix --holder). ")
    if holder.others:
        names = ", ".join(holder.others)
        return Text(
            fr=f"Titulaire lu dans {holder.source}, qui nomme aussi {names} : le premier est "
               "proposé, gardez pour chaque fichier ceux qui en détiennent les droits. ",
            en=f"Holder read in {holder.source}, which also names {names}: the first is "
               "proposed, keep for each file those who hold its rights. ")
    return Text(fr=f"Titulaire lu dans {holder.source}. ",
                en=f"Holder read in {holder.source}. ")


# -- per file -------------------------------------------------------------------------

# A repository without headers has a finding per file and rule (120,000 for 60,000
# files): the message and the extra fields are shared, never copied per finding.
NO_COPYRIGHT = Text(
    fr="Aucune mention de droits d'auteur (SPDX-FileCopyrightText) pour ce fichier.",
    en="No copyright notice (SPDX-FileCopyrightText) for this file.",
)
NO_COPYRIGHT_EXTRA = {"kind": "missing-copyright"}
NO_LICENSING = Text(
    fr="Aucune licence (SPDX-License-Identifier) valide pour ce fichier.",
    en="No valid licence (SPDX-License-Identifier) for this file.",
)
NO_LICENSING_EXTRA = {"kind": "missing-licensing"}


def _own(ctx: Context, verdicts: list[FileVerdict]) -> Iterator[FileVerdict]:
    """The project's own files: third-party ones are listed by deps-third-party-code."""
    third = third_party_index(ctx)
    return (verdict for verdict in verdicts if third.code(verdict.path) is None)


def _third_party(ctx: Context, verdicts: list[FileVerdict]) -> list[str]:
    third = third_party_index(ctx)
    return [verdict.path for verdict in verdicts if third.code(verdict.path) is not None]


THIRD_PARTY_FIX = Text(
    fr="Déclarez chaque composant tiers dans REUSE.toml avec sa licence et ses titulaires "
    "d'origine ([[annotations]] path = \"dossier/**\", precedence = \"override\"), son "
    "texte de licence dans LICENSES/.",
    en="Declare each third-party component in REUSE.toml with its original licence and "
    "holders ([[annotations]] path = \"folder/**\", precedence = \"override\"), its "
    "licence text in LICENSES/.",
)


def third_party_left(rule: str, paths: list[str], one: Text, several: Text
                     ) -> Iterator[Finding]:
    """One note for the third-party files `reuse lint` rejects: they are not the
    project's errors (deps-third-party-code lists them), but they are why the
    repository is not REUSE compliant, and the report must say so."""
    if not paths:
        return
    count = len(paths)
    first = ", ".join(paths[:3]) + (", ..." if count > 3 else "")
    what = several if count > 1 else one
    them = Text("les compte", "counts them") if count > 1 else Text("le compte", "counts it")
    yield Finding(
        rule=rule,
        message=Text(
            fr=f"{count} {what.fr} : reuse lint {them.fr}, le dépôt n'est donc pas "
            f"conforme REUSE ({first}). Ce ne sont pas des erreurs du projet.",
            en=f"{count} {what.en}: reuse lint {them.en}, so the repository is not "
            f"REUSE compliant ({first}). They are not the project's own errors.",
        ),
        severity=Severity.INFO,
        fix=THIRD_PARTY_FIX,
        key="third-party",
        extra={"kind": "third-party", "files": count, "paths": paths[:20]},
    )


def _foreign_expression(ctx: Context, path: str, expression: str) -> bool:
    """An expression of a third-party file, or of another library's banner copied in."""
    third = third_party_index(ctx)
    if third.code(path) is not None:
        return True
    text = ctx.repo.read_text(path) or ""
    return thirdparty.banner_around(text, expression, third.names) is not None


@check("reuse-file-copyright")
def file_copyright(ctx: Context) -> Iterator[Finding]:
    analysis = _linted(ctx)
    for verdict in _own(ctx, analysis.files):
        if not verdict.has_copyright:
            yield Finding(
                rule="reuse-file-copyright",
                message=NO_COPYRIGHT,
                path=verdict.path,
                key="missing-copyright",
                fix=_file_fix(ctx, verdict),
                extra=NO_COPYRIGHT_EXTRA,
            )
    missing = [v for v in analysis.files if not v.has_copyright]
    yield from third_party_left("reuse-file-copyright", _third_party(ctx, missing),
        Text("fichier tiers sans mention de droits d'auteur",
             "third-party file has no copyright notice"),
        Text("fichiers tiers sans mention de droits d'auteur",
             "third-party files have no copyright notice"))


@check("reuse-file-licensing")
def file_licensing(ctx: Context) -> Iterator[Finding]:
    analysis = _linted(ctx)
    for verdict in _own(ctx, analysis.files):
        if not verdict.has_licensing:
            yield Finding(
                rule="reuse-file-licensing",
                message=NO_LICENSING,
                path=verdict.path,
                key="missing-licensing",
                fix=_file_fix(ctx, verdict),
                extra=NO_LICENSING_EXTRA,
            )
    missing = [v for v in analysis.files if not v.has_licensing]
    yield from third_party_left("reuse-file-licensing", _third_party(ctx, missing),
        Text("fichier tiers sans licence valide", "third-party file has no valid licence"),
        Text("fichiers tiers sans licence valide", "third-party files have no valid licence"))


@check("reuse-spdx-expression")
def spdx_expression(ctx: Context) -> Iterator[Finding]:
    analysis = _linted(ctx)
    foreign: list[str] = []
    for path, expressions in sorted(analysis.invalid_expressions.items()):
        for expression in expressions:
            if _foreign_expression(ctx, path, expression):
                if path not in foreign:
                    foreign.append(path)
                continue
            yield Finding(
                rule="reuse-spdx-expression",
                message=Text(
                    fr="Expression de licence SPDX invalide : « {expression} ».",
                    en="Invalid SPDX licence expression: '{expression}'.",
                ).format(expression=expression),
                path=path,
                key=expression,
                extra={"kind": "invalid-spdx-expression", "expression": expression},
            )
    yield from third_party_left(
        "reuse-spdx-expression", foreign,
        Text("fichier porte une expression SPDX invalide dans la bannière d'un code tiers",
             "file holds an invalid SPDX expression in a third-party banner"),
        Text("fichiers portent une expression SPDX invalide dans la bannière d'un code tiers",
             "files hold an invalid SPDX expression in a third-party banner"))


@check("reuse-read-error")
def read_error(ctx: Context) -> Iterator[Finding]:
    analysis = _linted(ctx)
    for path, reason in sorted(analysis.read_errors.items()):
        yield Finding(
            rule="reuse-read-error",
            message=Text(
                fr="Fichier illisible pour REUSE : {reason}.",
                en="File that cannot be read for REUSE: {reason}.",
            ).format(reason=reason),
            path=path,
            key="read-error",
            extra={"kind": "read-error"},
        )


# -- per project ----------------------------------------------------------------------


@check("reuse-licence-missing")
def licence_missing(ctx: Context) -> Iterator[Finding]:
    analysis = _linted(ctx)
    third = third_party_index(ctx)
    foreign: list[str] = []
    for licence, cited in analysis.missing_licences.items():
        # a licence only third-party files cite (Gradle's wrapper scripts) is theirs
        paths = [path for path in cited if third.code(path) is None]
        if not paths:
            foreign += [path for path in cited if path not in foreign]
            continue
        if all(_quotes_third_parties(ctx, path) for path in paths):
            yield _quoted_licence(licence, paths)
            continue
        message = Text(
            fr="La licence {licence} est citée par {count} fichier(s) mais son texte "
               "manque dans LICENSES/ (par exemple {first}).",
            en="Licence {licence} is referred to by {count} file(s) but its text is "
               "missing from LICENSES/ (for instance {first}).",
        ).format(licence=licence, count=len(paths), first=paths[0])
        fix = _download_fix(licence)
        # `LICENSE` already holds it: REUSE reads LICENSES/ only, the user must not
        # think the text is absent from the repository
        root = _root_text_of(ctx, licence)
        if root is not None:
            message = Text(
                fr=f"{message.fr} Son texte est dans {root}, mais REUSE ne le cherche que "
                "dans LICENSES/.",
                en=f"{message.en} {root} holds its text, but REUSE looks for it in "
                "LICENSES/ only.")
            fix = Text(fr=f"{fix.fr} (ou copiez {root} en LICENSES/{licence}.txt)",
                       en=f"{fix.en} (or copy {root} to LICENSES/{licence}.txt)")
        yield Finding(
            rule="reuse-licence-missing",
            message=message,
            path=None,
            key=licence,
            fix=fix,
            extra={"kind": "missing-licence", "licence": licence, "files": paths},
        )
    yield from third_party_left(
        "reuse-licence-missing", sorted(foreign),
        Text("fichier tiers cite une licence dont le texte manque dans LICENSES/",
             "third-party file cites a licence whose text is missing from LICENSES/"),
        Text("fichiers tiers citent une licence dont le texte manque dans LICENSES/",
             "third-party files cite a licence whose text is missing from LICENSES/"))


# A file that lists the third parties' notices (FormSG's CREDITS.md quotes dd-trace's
# licence tag, Apache-2.0 OR BSD-3-Clause, 2,000 lines down).
_NOTICES_FILE = re.compile(
    r"(?:^|/)(?:credits|third[-_ ]?party[-_ ]?(?:notices?|licen[cs]es?)?|notices"
    r"|attributions?|acknowledge?ments|(?:open[-_ ]?source|oss)[-_ ]?licen[cs]es)"
    r"(?:\.[a-z]{1,8})?$", re.IGNORECASE)
# A tag further down than a header reaches is quoted, not the file's own.
HEADER_CHARS = 2000


def _quotes_third_parties(ctx: Context, path: str) -> bool:
    """A notices file whose licence tags all lie below its header: it quotes them."""
    if not _NOTICES_FILE.search(path):
        return False
    text = ctx.repo.read_text(path) or ""
    first = text.find("SPDX-" + "License-Identifier")
    return first < 0 or first > HEADER_CHARS


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


def _quoted_licence(licence: str, paths: list[str]) -> Finding:
    files = ", ".join(paths[:3])
    download = _download_fix(licence)
    return Finding(
        rule="reuse-licence-missing",
        message=Text(
            fr=f"La licence {licence} n'est citée que par {files}, qui reprend les mentions "
               "de composants tiers : REUSE lit ces étiquettes citées comme la licence du "
               "fichier lui-même, et cherche leur texte dans LICENSES/.",
            en=f"Licence {licence} is referred to only by {files}, which quotes third-party "
               "components' notices: REUSE reads these quoted tags as the file's own licence "
               "and looks for their text in LICENSES/."),
        severity=Severity.WARNING,
        key=licence,
        fix=Text(
            fr="Entourez les mentions citées de lignes « REUSE-" "IgnoreStart » et "
               "« REUSE-" "IgnoreEnd », et donnez au fichier son propre en-tête ; si cette "
               f"licence s'applique aussi au projet, {_lower_first(download.fr)}",
            en="Surround the quoted notices with 'REUSE-" "IgnoreStart' and 'REUSE-" "IgnoreEnd' "
               "lines, and give the file its own header; if this licence also applies to "
               f"the project, {_lower_first(download.en)}"),
        extra={"kind": "quoted-licence", "licence": licence, "files": paths},
    )


def _root_text_of(ctx: Context, licence: str) -> str | None:
    """The root licence file (LICENSE, COPYING) that holds this licence's whole text."""
    for declaration in declarations(ctx):
        if declaration.kind == "licence-file" and declaration.spdx is not None \
                and holds_text(declaration) and _same_licence(declaration.spdx, licence):
            return declaration.path
    return None


def _same_licence(first: str, second: str) -> bool:
    """Same licence; a bare GNU text does not tell -only from -or-later."""
    return equivalent(first, second) or _GNU_READING.sub("", first) == \
        _GNU_READING.sub("", second)


_GNU_READING = re.compile(r"(?:-only|-or-later|\+)$")


def _download_fix(licence: str) -> Text:
    if licence.startswith("LicenseRef-"):
        return Text(
            fr=f"Ajoutez le texte de cette licence dans LICENSES/{licence}.txt.",
            en=f"Add the text of this licence as LICENSES/{licence}.txt.",
        )
    return Text(fr=f"Lancez : reuse download {quote(licence)}",
                en=f"Run: reuse download {quote(licence)}")


def _licence_findings(
    rule: str, licences: dict[str, str], message: Text, kind: str
) -> Iterator[Finding]:
    for licence, path in sorted(licences.items()):
        yield Finding(
            rule=rule,
            message=message.format(licence=licence),
            path=path,
            key=licence,
            extra={"kind": kind, "licence": licence},
        )


@check("reuse-licence-bad")
def licence_bad(ctx: Context) -> Iterator[Finding]:
    for finding in _licence_findings(
        "reuse-licence-bad", _linted(ctx).bad_licences,
        Text(fr="« {licence} » n'est ni un identifiant SPDX ni une licence LicenseRef-.",
             en="'{licence}' is neither an SPDX identifier nor a LicenseRef- licence."),
        "bad-licence",
    ):
        _name_the_right_file(finding)
        yield finding


def _name_the_right_file(finding: Finding) -> None:
    """The SPDX id with its case wrong (LICENSES/Etalab-2.0.md), or inside a licence
    file's usual name (LICENSES/LICENSE.MIT.md): say which name to use."""
    licence = str(finding.extra["licence"])
    spelled = spdx_id_spelled(licence)
    right = spelled or spdx_id_in_file_name(licence)
    if right is None or finding.path is None:
        return
    folder, _, name = finding.path.rpartition("/")
    suffix = name[len(licence):]
    renamed = f"{folder}/{right}{suffix}" if folder else f"{right}{suffix}"
    why = Text(
        fr=f"L'identifiant SPDX s'écrit {right} (la casse compte).",
        en=f"The SPDX identifier is spelled {right} (case matters).",
    ) if spelled else Text(
        fr=f"Son nom contient l'identifiant SPDX {right}, que REUSE veut seul.",
        en=f"Its name holds the SPDX identifier {right}, which REUSE wants alone.")
    finding.message = Text(fr=f"{finding.message.fr} {why.fr}", en=f"{finding.message.en} {why.en}")
    finding.fix = Text(
        fr=f"Renommez le fichier {renamed} (git mv), et écrivez {right} dans les "
        "en-têtes qui citent cette licence.",
        en=f"Rename the file {renamed} (git mv), and write {right} in the headers "
        "that name this licence.")


@check("reuse-licence-deprecated")
def licence_deprecated(ctx: Context) -> Iterator[Finding]:
    yield from _licence_findings(
        "reuse-licence-deprecated", _linted(ctx).deprecated_licences,
        Text(fr="L'identifiant SPDX {licence} est déprécié.",
             en="The SPDX identifier {licence} is deprecated."),
        "deprecated-licence",
    )


@check("reuse-licence-unused")
def licence_unused(ctx: Context) -> Iterator[Finding]:
    yield from _licence_findings(
        "reuse-licence-unused", _linted(ctx).unused_licences,
        Text(fr="Aucun fichier n'est sous la licence {licence}, dont le texte est fourni.",
             en="No file is under licence {licence}, whose text is provided."),
        "unused-licence",
    )


@check("reuse-licence-extension")
def licence_extension(ctx: Context) -> Iterator[Finding]:
    yield from _licence_findings(
        "reuse-licence-extension", _linted(ctx).licences_without_extension,
        Text(fr="Le texte de la licence {licence} n'a pas d'extension de fichier.",
             en="The text of licence {licence} has no file extension."),
        "licence-without-extension",
    )


@check("reuse-config")
def config(ctx: Context) -> Iterator[Finding]:
    problem = analysis_of(ctx).config_problem
    if problem is not None:
        yield Finding(
            rule="reuse-config",
            message=_config_message(problem),
            path=problem.path,
            key=problem.kind,
            extra={"kind": f"config-{problem.kind}", "detail": problem.detail},
        )


def _config_message(problem: ConfigProblem) -> Text:
    detail = problem.detail.strip().splitlines()[0] if problem.detail.strip() else ""
    if problem.kind == "conflict":
        return Text(
            fr="REUSE.toml et .reuse/dep5 sont présents ensemble ; "
               "la spécification l'interdit.",
            en="REUSE.toml and .reuse/dep5 are both present; the specification forbids it.",
        )
    if problem.kind == "duplicate-licence":
        return Text(
            fr=f"Deux textes de LICENSES/ ont le même identifiant ({detail}).",
            en=f"Two texts in LICENSES/ have the same identifier ({detail}).",
        )
    if problem.kind == "too-many-tries":
        return Text(
            fr="Configuration REUSE trop lourde à appliquer : ses chemins sans dossier ni "
               "fin de nom fixes demanderaient trop d'essais sur les fichiers du dépôt "
               "(opencheck s'arrête là, sans juger aucun fichier).",
            en="REUSE configuration too heavy to apply: its paths with no fixed folder or "
               "name ending would take too many tries on the repository's files "
               "(opencheck stops there and judges no file).",
        )
    if problem.kind == "too-large":
        return Text(
            fr="Configuration REUSE trop grande pour être lue en entier : les fichiers "
               "REUSE.toml (ou .reuse/dep5) dépassent 1 Mio à eux tous, ou 2 048 fichiers "
               "(aucun fichier n'est jugé).",
            en="REUSE configuration too large to be read whole: the REUSE.toml files (or "
               ".reuse/dep5) exceed 1 MiB together, or 2,048 files (no file is judged).",
        )
    if problem.kind == "unreadable":
        return Text(fr=f"Fichier de configuration REUSE illisible : {detail}.",
                    en=f"REUSE configuration file cannot be read: {detail}.")
    return Text(fr=f"Fichier de configuration REUSE invalide : {detail}",
                en=f"Invalid REUSE configuration file: {detail}")


@check("reuse-dep5-deprecated")
def dep5_deprecated(ctx: Context) -> Iterator[Finding]:
    analysis = analysis_of(ctx)
    if analysis.global_licensing == ".reuse/dep5":
        yield Finding(
            rule="reuse-dep5-deprecated",
            message=Text(
                fr=".reuse/dep5 est déprécié : REUSE.toml le remplace.",
                en=".reuse/dep5 is deprecated: REUSE.toml replaces it.",
            ),
            path=".reuse/dep5",
            key="dep5",
        )


# -- summary --------------------------------------------------------------------------


@scorer(FAMILY)
def summary(ctx: Context, results: list[RuleResult]) -> dict[str, Any]:
    """`reuse lint`'s summary, when the family ran."""
    ran = [r for r in results if r.family == FAMILY and r.status is not Status.SKIPPED]
    if not ran:
        return {"ran": False, "summary": {"fr": "non évaluée (aucune règle REUSE exécutée)",
                                          "en": "not assessed (no REUSE rule ran)"}}
    analysis = analysis_of(ctx)
    total = analysis.files_total
    data: dict[str, Any] = {
        "ran": True,
        "compliant": analysis.compliant,
        "spec_version": analysis.spec_version,
        "reuse_tool_version": analysis.tool_version,
        "files_total": total,
        "files_with_copyright": analysis.files_with_copyright,
        "files_with_licensing": analysis.files_with_licensing,
        "used_licences": analysis.used_licences,
        "global_licensing": analysis.global_licensing,
        "global_licensing_files": analysis.global_files,
        "summary": {
            "fr": f"{analysis.files_with_copyright} fichiers sur {total} avec droits d'auteur, "
                  f"{analysis.files_with_licensing} sur {total} avec licence "
                  f"(spécification REUSE {analysis.spec_version}).",
            "en": f"{analysis.files_with_copyright} of {total} files with copyright, "
                  f"{analysis.files_with_licensing} of {total} with licensing information "
                  f"(REUSE spec {analysis.spec_version}).",
        },
    }
    if analysis.config_problem is not None:
        data["config_problem"] = analysis.config_problem.path
    return data
