# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The research family: codemeta.json, CITATION.cff, Software Heritage, identifiers."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from opencheck.community import facts
from opencheck.community import history as hist
from opencheck.licensing import declarations
from opencheck.model import Finding, RuleResult, Severity, Text
from opencheck.registry import Context, Skip, check, scorer
from opencheck.research import crosswalk, swh
from opencheck.research.cff import Citation, CitationError
from opencheck.research.cff import parse as parse_citation
from opencheck.research.codemeta import CodeMeta, CodeMetaError
from opencheck.research.codemeta import parse as parse_codemeta
from opencheck.research.identifiers import identifiers

T = TypeVar("T")
CODEMETA = "codemeta.json"
CITATION = "CITATION.cff"


def _read(ctx: Context, name: str) -> bytes | None:
    return ctx.repo.read_bytes(name) if ctx.repo.exists(name) else None


@dataclass(frozen=True)
class _Loaded(Generic[T]):
    """A research file read and parsed once per run, for the rules and the score."""

    present: bool
    value: T | None = None
    error: Exception | None = None


def _loaded(ctx: Context, name: str, parse: Callable[[bytes], T],
            errors: tuple[type[Exception], ...]) -> _Loaded[T]:
    def load() -> _Loaded[T]:
        data = _read(ctx, name)
        if data is None:
            return _Loaded(False)
        try:
            return _Loaded(True, parse(data))
        except errors as error:
            return _Loaded(True, error=error)
    result: _Loaded[T] = ctx.shared(f"research.{name}", load)
    return result


def _codemeta(ctx: Context) -> _Loaded[CodeMeta]:
    return _loaded(ctx, CODEMETA, parse_codemeta, (CodeMetaError,))


def _citation(ctx: Context) -> _Loaded[Citation]:
    return _loaded(ctx, CITATION, parse_citation, (CitationError,))


def codemeta(ctx: Context) -> CodeMeta | None:
    """codemeta.json parsed; None when absent or not JSON."""
    return _codemeta(ctx).value


def citation(ctx: Context) -> Citation | None:
    return _citation(ctx).value


@check("research-metadata-present")
def metadata_present(ctx: Context) -> Iterator[Finding]:
    missing = [name for name in (CODEMETA, CITATION) if not ctx.repo.exists(name)]
    for name in missing:
        yield Finding(
            rule="research-metadata-present",
            message=Text(f"Pas de {name} à la racine du dépôt.",
                         f"No {name} at the root of the repository."),
            key=name,
            fix=Text("Lancez : opencheck init codemeta" if name == CODEMETA else
                     "Écrivez CITATION.cff (https://citation-file-format.github.io/).",
                     "Run: opencheck init codemeta" if name == CODEMETA else
                     "Write CITATION.cff (https://citation-file-format.github.io/)."),
        )


@check("codemeta-valid")
def codemeta_valid(ctx: Context) -> Iterator[Finding]:
    loaded = _codemeta(ctx)
    if not loaded.present:
        raise Skip(Text("pas de codemeta.json", "no codemeta.json"))
    meta, error = loaded.value, loaded.error
    if meta is None:
        yield Finding(rule="codemeta-valid", path=CODEMETA, key="json",
                      message=Text(f"codemeta.json n'est pas du JSON lisible : {error}",
                                   f"codemeta.json is not readable JSON: {error}"))
        return
    for problem in meta.problems:
        yield Finding(
            rule="codemeta-valid", path=CODEMETA, key=f"{problem.key}:{problem.message.en}",
            message=problem.message,
            severity=Severity.WARNING if problem.severity == "warning" else None,
        )


@check("citation-valid")
def citation_valid(ctx: Context) -> Iterator[Finding]:
    loaded = _citation(ctx)
    if not loaded.present:
        raise Skip(Text("pas de CITATION.cff", "no CITATION.cff"))
    found, error = loaded.value, loaded.error
    if found is None:
        assert isinstance(error, CitationError)
        yield Finding(rule="citation-valid", path=CITATION, line=error.line, key="yaml",
                      message=Text(f"CITATION.cff : {error.text.fr}",
                                   f"CITATION.cff: {error.text.en}"))
        return
    for problem in found.problems:
        yield Finding(
            rule="citation-valid", path=CITATION, key=f"{problem.where}:{problem.message}",
            message=Text(f"{problem.where} : {problem.message} (schéma CFF 1.2.0)",
                         f"{problem.where}: {problem.message} (CFF 1.2.0 schema)"),
        )


def _described(ctx: Context) -> list[crosswalk.Described]:
    """What each source says, once per run (both consistency rules compare them)."""
    def describe() -> list[crosswalk.Described]:
        sources = [
            crosswalk.from_repository(ctx.repo, declarations(ctx), _commit_authors(ctx)),
            crosswalk.from_publiccode(facts.shared_publiccode(ctx)),
            crosswalk.from_codemeta(codemeta(ctx)),
            crosswalk.from_citation(citation(ctx)),
        ]
        return [source for source in sources if source is not None]
    result: list[crosswalk.Described] = ctx.shared("research.described", describe)
    return result


def _commit_authors(ctx: Context) -> list[str] | None:
    """Names of the people who wrote commits, when the history can be read."""
    git = ctx.repo.git
    if git is None or git.head is None or git.shallow or not ctx.options.history:
        return None
    try:
        history = hist.shared_history(ctx)
    except Exception:  # an unreadable history only means: no author comparison
        return None
    return [identity.name for identity in history.identities.values()
            if identity.authored and not hist.is_bot(identity)]


def _consistency(ctx: Context, rule: str, subject: str) -> Iterator[Finding]:
    described = _described(ctx)
    mine = next((d for d in described if d.source == subject), None)
    if mine is None:
        raise Skip(Text(f"pas de {subject} lisible", f"no readable {subject}"))
    for other in described:
        if other.source == subject:
            continue
        for mismatch in crosswalk.mismatches(mine, other):
            yield Finding(rule=rule, path=subject, message=mismatch.message(),
                          key=f"{mismatch.field}:{other.source}")


@check("codemeta-consistent")
def codemeta_consistent(ctx: Context) -> Iterator[Finding]:
    yield from _consistency(ctx, "codemeta-consistent", CODEMETA)


@check("citation-consistent")
def citation_consistent(ctx: Context) -> Iterator[Finding]:
    # codemeta.json against CITATION.cff is reported once, by codemeta-consistent.
    for finding in _consistency(ctx, "citation-consistent", CITATION):
        if not finding.key.endswith(f":{CODEMETA}"):
            yield finding


@check("research-identifier")
def research_identifier(ctx: Context) -> Iterator[Finding]:
    doc = facts.readme(ctx)
    found = identifiers(doc.text) if doc is not None else []
    meta, cited = codemeta(ctx), citation(ctx)
    if meta is not None:
        for key in ("identifier", "url", "sameAs", "@id", "id"):
            value = meta.data.get(key)
            found += identifiers(value if isinstance(value, str) else json.dumps(value))
    if cited is not None and cited.doi:
        found.append(cited.doi)
    if not found:
        yield Finding(
            rule="research-identifier", key="identifier",
            message=Text("Aucun identifiant pérenne (SWHID, DOI, HAL) dans le README, "
                         "codemeta.json ou CITATION.cff.",
                         "No persistent identifier (SWHID, DOI, HAL) in the README, "
                         "codemeta.json or CITATION.cff."),
        )


@check("software-heritage-archived")
def software_heritage_archived(ctx: Context) -> Iterator[Finding]:
    origin = facts.web_url(ctx.repo)
    if origin is None:
        raise Skip(Text("pas d'adresse publique du dépôt (remote origin)",
                        "no public address for the repository (remote origin)"))
    if not ctx.options.network:
        raise Skip(Text("vérifié seulement avec --network", "checked only with --network"))
    from opencheck.deps.fetch import FetchError  # network modules: only with --network
    from opencheck.netguard import BlockedAddress

    try:
        # One question per run: the research score reads the same answer.
        visit = ctx.shared("research.swh-visit",
                           lambda: swh.latest_visit(origin, ctx.options.allow_private_network))
    except swh.RateLimited as error:
        raise Skip(Text("Software Heritage limite les requêtes : réessayez plus tard",
                        "Software Heritage is rate-limiting: try again later")) from error
    except (FetchError, BlockedAddress, OSError) as error:
        raise Skip(Text(f"Software Heritage injoignable : {error}",
                        f"Software Heritage unreachable: {error}")) from error
    yield from _visit_findings(visit, datetime.datetime.now(datetime.UTC))


def _visit_findings(visit: swh.Visit, now: datetime.datetime) -> Iterator[Finding]:
    save = Text(f"Demandez l'archivage : {swh.SAVE_URL} (origine {visit.origin}).",
                f"Ask for archiving: {swh.SAVE_URL} (origin {visit.origin}).")
    if not visit.archived:
        yield Finding(rule="software-heritage-archived", key="never", fix=save,
                      message=Text("Le dépôt n'a jamais été archivé par Software Heritage.",
                                   "The repository was never archived by Software Heritage."))
        return
    age = visit.age_days(now)
    day = visit.date.date().isoformat() if visit.date else "?"
    if age is not None and age > swh.STALE_DAYS:
        yield Finding(rule="software-heritage-archived", key="stale", fix=save,
                      message=Text(f"Dernière visite de Software Heritage le {day} "
                                   f"({age} jours) : l'archive est ancienne.",
                                   f"Software Heritage last visited on {day} ({age} days "
                                   "ago): the archive is old."))
        return
    yield Finding(rule="software-heritage-archived", key="archived", severity=Severity.INFO,
                  message=Text(f"Archivé par Software Heritage (dernière visite le {day}).",
                               f"Archived by Software Heritage (last visit on {day})."),
                  extra={"archive": swh.BROWSE_URL + visit.origin})


def _no_findings(ctx: Context, function: Any) -> bool | None:
    """True when the check finds nothing to fix; an info finding (such as 'archived
    by Software Heritage') says the expectation is met."""
    try:
        return not any(f.severity is not Severity.INFO for f in function(ctx))
    except Skip:
        return None


@scorer("research")
def research_score(ctx: Context, results: list[RuleResult]) -> dict[str, Any]:
    """The open-science expectations a clone can show: licence, codemeta.json,
    CITATION.cff, a persistent identifier, the Software Heritage archive (with
    --network only)."""
    from opencheck.checks.scores import criterion, free_licence

    archived = _no_findings(ctx, software_heritage_archived)
    valid_meta = ctx.repo.exists(CODEMETA) and bool(_no_findings(ctx, codemeta_valid))
    valid_cff = ctx.repo.exists(CITATION) and bool(_no_findings(ctx, citation_valid))
    items = [
        criterion("licence", free_licence(ctx), "Licence libre", "Free licence"),
        criterion("codemeta", valid_meta, "codemeta.json valide", "Valid codemeta.json"),
        criterion("citation", valid_cff, "CITATION.cff valide", "Valid CITATION.cff"),
        criterion("identifier", bool(_no_findings(ctx, research_identifier)),
                  "Identifiant pérenne (SWHID, DOI, HAL)",
                  "Persistent identifier (SWHID, DOI, HAL)"),
        criterion("archive", archived, "Archivé dans Software Heritage",
                  "Archived in Software Heritage",
                  why=None if archived is not None else Text("avec --network seulement",
                                                             "with --network only")),
    ]
    met = sum(1 for item in items if item["met"])
    return {
        "score": met,
        "out_of": len(items),
        "criteria": items,
        "summary": {"fr": f"{met}/{len(items)} attentes de la science ouverte",
                    "en": f"{met}/{len(items)} open-science expectations"},
    }
