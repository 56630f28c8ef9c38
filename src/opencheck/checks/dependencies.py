# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The dependencies family: licences of dependencies, vendored and copied code, judged
against the project's licence (rules/compatibility.yml)."""

from __future__ import annotations

from collections.abc import Iterator

from opencheck.deps import copied, thirdparty
from opencheck.deps.compat import (
    COPYLEFT_IN_PERMISSIVE,
    INCOMPATIBLE,
    NOT_FREE,
    RELICENSE,
    UNKNOWN_LICENCE,
    Verdict,
    category_title,
)
from opencheck.deps.identify import project_licence_of
from opencheck.deps.inventory import build, options_from_settings, verdicts
from opencheck.deps.locate import Locator
from opencheck.deps.model import DEV, OPTIONAL, Dependency, Inventory
from opencheck.licensing import declarations
from opencheck.model import Finding, Severity, Text
from opencheck.registry import Context, Skip, Started, ahead, check, tree_reader

THIRD_PARTY = ("vendored", "copied")
AGAINST_PROJECT = ("deps-incompatible", "deps-copyleft")  # judged against its licence
EXAMPLES = 8


def inventory(ctx: Context) -> Inventory:
    def compute() -> Inventory:
        settings = ctx.settings.get("dependencies") or {}
        options = options_from_settings(
            settings if isinstance(settings, dict) else {},
            ctx.options.network, ctx.options.allow_private_network,
        )
        project = project_licence_of(declarations(ctx))
        authors = ctx.take_ahead(AUTHORS)
        heads = None
        try:
            heads = ctx.read_tree("deps.copied-heads") if options.copied else None
            if heads is not None:
                heads.authors, authors = authors, None  # `build` reads it or stops it
            return build(ctx.repo, options, project, heads)
        finally:
            for started in (authors, heads and heads.authors):
                if started is not None:  # not read: the build stopped before
                    started.close()

    return ctx.shared("deps.inventory", compute)


# The rules that read the inventory whenever they run: one of them in the run starts
# the commit authors' git ahead (`copied.start_authors`), read if some file's head
# names a holder who may not be the project's.
INVENTORY_READERS = frozenset({
    "deps-manifests-readable", "deps-non-free", "deps-incompatible", "deps-copyleft",
    "deps-licence-known", "deps-vendored-licence", "deps-copied-code"})
AUTHORS = "deps.authors"


@ahead(AUTHORS, INVENTORY_READERS)
def _start_authors(ctx: Context) -> Started | None:
    if not ctx.options.speculative:  # read only if a head looks foreign: no core to spare
        return None
    return copied.start_authors(ctx.repo)


@tree_reader("deps.copied-heads", "dependencies")
def _heads(ctx: Context) -> copied.Heads:
    return copied.Heads(ctx.repo)


third_party_index = thirdparty.shared_index


def judged(ctx: Context) -> list[tuple[Dependency, Verdict]]:
    """Verdicts on what the project distributes: development-only packages are left out
    unless the `include_dev` setting asks for them."""
    settings = ctx.settings.get("dependencies") or {}
    include_dev = isinstance(settings, dict) and bool(settings.get("include_dev"))
    pairs = ctx.shared("deps.verdicts", lambda: verdicts(inventory(ctx)))
    return [(dep, verdict) for dep, verdict in pairs if include_dev or dep.scope != DEV]


def _describe(dep: Dependency) -> Text:
    version = f" {dep.version}" if dep.version else ""
    if dep.ecosystem == "vendored":
        return Text(f"le code tiers {dep.name}{version}", f"the vendored code {dep.name}{version}")
    if dep.ecosystem == "copied":
        return Text(f"le fichier {dep.name} (© {dep.detail})",
                    f"the file {dep.name} (© {dep.detail})")
    kind_fr = {True: "directe", False: "transitive"}.get(dep.direct) if dep.direct is not None \
        else None
    kind_en = {True: "direct", False: "transitive"}.get(dep.direct) if dep.direct is not None \
        else None
    extra_fr = f", {kind_fr}" if kind_fr else ""
    extra_en = f", {kind_en}" if kind_en else ""
    return Text(f"{dep.name}{version} ({dep.ecosystem}{extra_fr})",
                f"{dep.name}{version} ({dep.ecosystem}{extra_en})")


def _line(ctx: Context, dep: Dependency) -> int | None:
    if dep.ecosystem in THIRD_PARTY:
        return None
    # one locator per file and run: decoded and indexed once, one search budget
    locators: dict[str, Locator | None] = ctx.shared("deps.locators", dict)
    if dep.declared_in not in locators:
        text = ctx.repo.read_text(dep.declared_in)
        locators[dep.declared_in] = Locator(text) if text else None
    locator = locators[dep.declared_in]
    return None if locator is None else locator.line(dep.name, dep.version)


def _finding(ctx: Context, rule: str, dep: Dependency, message: Text,
             severity: Severity | None = None) -> Finding:
    extra: dict[str, object] = {
        "dependency": dep.name, "version": dep.version, "ecosystem": dep.ecosystem,
        "licence": dep.spdx or dep.licence, "licence_source": dep.licence_source,
        "direct": dep.direct, "scope": dep.scope}
    parts = inventory(ctx).project_licence_headers
    if rule in AGAINST_PROJECT and parts:
        # the files' heads say what the project's licence is: merge-request mode asks
        # whether the change touched that part of them (`diffmode.Scope`)
        extra["project_licence_headers"] = sorted(parts)
        if lead := _header_lead(ctx):
            extra["project_licence_header_lead"] = lead
    return Finding(rule=rule, message=message, path=dep.declared_in, line=_line(ctx, dep),
                   key=dep.key, severity=severity, extra=extra)


def _header_lead(ctx: Context) -> list[str | int]:
    """The tree's SPDX header tally as the findings carry it: the leading licence, its
    files and the next one's files, three values whatever the tree (the whole tally per
    finding made a tree of n licences and m packages write n times m pairs)."""
    counts = inventory(ctx).project_licence_header_counts
    if not counts:
        return []
    return [counts[0][0], counts[0][1], counts[1][1] if len(counts) > 1 else 0]


def _project(ctx: Context) -> str:
    licence = inventory(ctx).project_licence
    if licence is None:
        raise Skip(Text(
            fr="la licence du projet est inconnue : la compatibilité ne peut être jugée",
            en="the project's licence is unknown: compatibility cannot be judged",
        ))
    return licence


@check("deps-manifests-readable")
def manifests_readable(ctx: Context) -> Iterator[Finding]:
    for problem in inventory(ctx).problems:
        yield Finding(
            rule="deps-manifests-readable",
            message=Text(fr=f"{problem.path} : {problem.message.fr}",
                         en=f"{problem.path}: {problem.message.en}"),
            path=None if problem.kind == "registry" else problem.path,
            key=f"{problem.kind}:{problem.path}",
        )


PLATFORM_BUILDS_NAMED = 3


def platform_builds(pairs: list[tuple[Dependency, Verdict]]) -> dict[int, list[Dependency]]:
    """Index in `pairs` of each dependency reported, with the optional packages that are
    its builds for one platform each, named after it and under its licence
    (`@sentry/cli` and `@sentry/cli-darwin`, `@sentry/cli-linux-x64`...: one install
    picks one of them, one tool for the user). A build is not reported apart."""
    by_place = {(dep.declared_in, dep.name, verdict.licence): index
                for index, (dep, verdict) in enumerate(pairs)}
    parent_of: dict[int, int] = {}
    for index, (dep, verdict) in enumerate(pairs):
        if dep.scope != OPTIONAL:
            continue
        stem = dep.name
        while "-" in stem:
            stem = stem.rsplit("-", 1)[0]
            parent = by_place.get((dep.declared_in, stem, verdict.licence))
            if parent is not None and parent != index:
                parent_of[index] = parent
                break
    reported: dict[int, list[Dependency]] = {
        index: [] for index in range(len(pairs)) if index not in parent_of}
    for index, parent in parent_of.items():
        while parent in parent_of:  # a build of a build: the first package's
            parent = parent_of[parent]
        reported[parent].append(pairs[index][0])
    return reported


@check("deps-non-free")
def non_free(ctx: Context) -> Iterator[Finding]:
    pairs = [(dep, verdict) for dep, verdict in judged(ctx) if verdict.kind == NOT_FREE]
    for index, builds in platform_builds(pairs).items():
        dep, verdict = pairs[index]
        what = _describe(dep)
        licence = verdict.licence or dep.licence or "?"
        also = _platform_builds_text(builds)
        finding = _finding(ctx, "deps-non-free", dep, Text(
            fr=f"{what.fr}{also.fr} est sous « {licence} », qui n'est pas une licence "
               "libre : le projet ne pourrait pas être publié et réutilisé librement avec "
               "elle.",
            en=f"{what.en}{also.en} is under '{licence}', which is not a free licence: the "
               "project could not be published and freely reused with it.",
        ))
        if builds:
            finding.extra["platform_builds"] = [build.name for build in builds]
            finding.extra["joined_keys"] = [build.key for build in builds]
        yield finding


def _platform_builds_text(builds: list[Dependency]) -> Text:
    if not builds:
        return Text("", "")
    names = ", ".join(build.name for build in builds[:PLATFORM_BUILDS_NAMED])
    more = len(builds) - PLATFORM_BUILDS_NAMED
    return Text(
        fr=f", avec ses {len(builds)} versions par plateforme ({names}"
           + (f" et {more} autre(s))" if more > 0 else ")"),
        en=f", with its {len(builds)} platform builds ({names}"
           + (f" and {more} more)" if more > 0 else ")"),
    )


@check("deps-incompatible")
def incompatible(ctx: Context) -> Iterator[Finding]:
    project = _project(ctx)
    for dep, verdict in judged(ctx):
        if verdict.kind != INCOMPATIBLE:
            continue
        what = _describe(dep)
        why = verdict.why or Text("", "")
        source = f" ({verdict.source})" if verdict.source else ""
        yield _finding(ctx, "deps-incompatible", dep, Text(
            fr=f"{what.fr} est sous {verdict.licence}, incompatible avec la licence du "
               f"projet, {project} : {why.fr}{source}",
            en=f"{what.en} is under {verdict.licence}, incompatible with the project's "
               f"licence, {project}: {why.en}{source}",
        ))


@check("deps-copyleft")
def copyleft(ctx: Context) -> Iterator[Finding]:
    project = _project(ctx)
    for dep, verdict in judged(ctx):
        what = _describe(dep)
        if verdict.kind == COPYLEFT_IN_PERMISSIVE:
            kind = category_title(verdict.category)
            yield _finding(ctx, "deps-copyleft", dep, Text(
                fr=f"{what.fr} est sous {verdict.licence} ({kind.fr}) dans un projet sous "
                   f"{project} : le logiciel qui l'intègre doit être distribué sous "
                   f"{verdict.licence}.",
                en=f"{what.en} is under {verdict.licence} ({kind.en}) in a project under "
                   f"{project}: the software that includes it must be distributed under "
                   f"{verdict.licence}.",
            ))
        elif verdict.kind == RELICENSE:
            why = verdict.why or Text("", "")
            source = f" ({verdict.source})" if verdict.source else ""
            yield _finding(ctx, "deps-copyleft", dep, Text(
                fr=f"{what.fr} est sous {verdict.licence} dans un projet sous {project} : "
                   f"{why.fr}{source}",
                en=f"{what.en} is under {verdict.licence} in a project under {project}: "
                   f"{why.en}{source}",
            ), severity=Severity.INFO)


UNCLASSIFIED_FIX = Text(
    fr="Lisez le texte auquel la déclaration renvoie (par exemple le LICENSE.md du paquet "
       "publié ou de son dépôt) ; s'il s'agit d'une licence libre connue, demandez au "
       "projet de la déclarer par son identifiant SPDX, sinon faites-la examiner avant "
       "d'utiliser le paquet.",
    en="Read the text the declaration points to (for example the LICENSE.md of the "
       "published package or of its repository); if it is a known free licence, ask the "
       "project to declare it by its SPDX identifier, otherwise have it reviewed before "
       "using the package.",
)


@check("deps-licence-known")
def licence_known(ctx: Context) -> Iterator[Finding]:
    unrecorded: dict[str, list[Dependency]] = {}
    for dep, verdict in judged(ctx):
        if verdict.kind != UNKNOWN_LICENCE or dep.ecosystem in THIRD_PARTY:
            continue
        if dep.licence is None:
            unrecorded.setdefault(dep.declared_in, []).append(dep)
            continue
        what = _describe(dep)
        finding = _finding(ctx, "deps-licence-known", dep, Text(
            fr=f"{what.fr} déclare la licence « {dep.licence} », qu'opencheck ne sait pas "
               "classer (pas d'identifiant SPDX précis, ou absent de ses listes) : "
               "vérifiez-la à la main.",
            en=f"{what.en} declares the licence '{dep.licence}', which opencheck cannot "
               "classify (no precise SPDX identifier, or one outside its lists): check it "
               "by hand.",
        ))
        # Its version is known and a registry says the same: pinning or --network (the
        # rule's general advice) would not help.
        finding.fix = UNCLASSIFIED_FIX
        yield finding
    for path, deps in sorted(unrecorded.items()):
        names = ", ".join(d.name for d in deps[:EXAMPLES]) + (", …" if len(deps) > EXAMPLES
                                                               else "")
        hint = _unrecorded_hint(ctx, deps)
        yield Finding(
            rule="deps-licence-known",
            message=Text(
                fr=f"{len(deps)} dépendance(s) de {path} sans licence connue "
                   f"({names}).{hint.fr}",
                en=f"{len(deps)} dependencies of {path} without a known licence "
                   f"({names}).{hint.en}",
            ),
            path=path, key=f"unrecorded:{path}", severity=Severity.INFO,
            # the keys: merge-request mode names only the packages the change brought
            extra={"dependencies": [d.name for d in deps],
                   "dependency_keys": [d.key for d in deps]},
        )


@check("deps-vendored-licence")
def vendored_licence(ctx: Context) -> Iterator[Finding]:
    for dep, _verdict in judged(ctx):
        if dep.ecosystem not in THIRD_PARTY or dep.licence is not None:
            continue
        what = _describe(dep)
        yield _finding(ctx, "deps-vendored-licence", dep, Text(
            fr=f"{what.fr} n'a ni fichier de licence ni en-tête de licence reconnu.",
            en=f"{what.en} has no licence file and no recognised licence header.",
        ))


@check("deps-copied-code")
def copied_code(ctx: Context) -> Iterator[Finding]:
    for dep, _verdict in judged(ctx):
        if dep.ecosystem != "copied":
            continue
        licence = dep.spdx or dep.licence
        under_fr = f"sous {licence}" if licence else "sans licence identifiée"
        under_en = f"under {licence}" if licence else "with no identified licence"
        yield _finding(ctx, "deps-copied-code", dep, Text(
            fr=f"{dep.name} porte le droit d'auteur de {dep.detail}, {under_fr}.",
            en=f"{dep.name} carries the copyright of {dep.detail}, {under_en}.",
        ))


def _unrecorded_hint(ctx: Context, deps: list[Dependency]) -> Text:
    if not any(dep.locked for dep in deps):
        return Text(
            fr=" Aucun fichier de verrouillage ne fixe leurs versions : sans version exacte, "
               "la licence ne peut être cherchée dans les registres.",
            en=" No lockfile pins their versions: without an exact version, the licence "
               "cannot be looked up in the registries.",
        )
    if ctx.options.network:
        return Text("", "")
    return Text(fr=" Relancez avec --network pour interroger les registres.",
                en=" Run again with --network to ask the registries.")


REASONS = {
    thirdparty.VENDORED: Text("dossier de code tiers", "vendored folder"),
    thirdparty.MINIFIED: Text("fichier minifié", "minified file"),
    thirdparty.BUNDLE: Text("paquet généré", "generated bundle"),
    thirdparty.LOCKFILE: Text("fichier de verrouillage", "lockfile"),
    thirdparty.TOOL_RELEASE: Text("outil du gestionnaire de paquets",
                                  "package manager's own release"),
    thirdparty.BUILD_WRAPPER: Text("lanceur d'un outil de construction (Gradle, Maven, Paket)",
                                   "build tool wrapper (Gradle, Maven, Paket)"),
    thirdparty.SAVED_SITE: Text("copie enregistrée des pages d'un service web",
                                "saved copy of a web service's pages"),
    thirdparty.BANNER: Text("bibliothèque reconnue à sa bannière",
                            "library recognised by its banner"),
}


@check("deps-third-party-code")
def third_party_code(ctx: Context) -> Iterator[Finding]:
    """Each third-party component once, with its licence when its banner says it."""
    for (reason, component), paths in third_party_index(ctx).components().items():
        found = third_party_index(ctx).about(paths[0])
        licence = found.licence if found else None
        version = f" {found.version}" if found and found.version else ""
        why = REASONS.get(reason, Text(reason, reason))
        under = Text(f", sous {licence}", f", under {licence}") if licence else Text("", "")
        files = Text(f"{len(paths)} fichier(s), dont {paths[0]}",
                     f"{len(paths)} file(s), first {paths[0]}")
        yield Finding(
            rule="deps-third-party-code",
            message=Text(
                fr=f"{component}{version} ({why.fr}{under.fr}) : {files.fr}.",
                en=f"{component}{version} ({why.en}{under.en}): {files.en}.",
            ),
            path=paths[0] if len(paths) == 1 else None,
            key=f"{reason}:{component}",
            extra={"kind": reason, "component": component, "licence": licence,
                   "version": found.version if found else None, "files": len(paths),
                   "paths": paths[:20]},
        )
