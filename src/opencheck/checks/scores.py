# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Scores of other referentials, computed from what the repository shows.

code.gouv.fr's automatic score, its Awesome points and the Standard for Public Code
criteria each mix facts a clone shows (files, history) with facts only the forge or
people know (archived, fork, template, funding, review). Each criterion says which it
is: `met` is True, False, or None when it cannot be known locally; publiccode.yml fills
in what it declares (landing page, funding, users).

Criteria reuse the checks of the rules (a check that yields nothing passes), so a score
and the report never disagree, whatever the profile selects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from opencheck.checks import community, history, readme
from opencheck.checks.licence import licence_files
from opencheck.community import facts
from opencheck.community import history as hist
from opencheck.licensing import InvalidExpression, declarations, load_authorised, project_licence
from opencheck.model import Finding, RuleResult, Text
from opencheck.registry import Context, Skip, scorer

CheckFn = Callable[[Context], Iterator[Finding]]


def passes(ctx: Context, function: CheckFn) -> bool | None:
    """True when the check finds nothing, False when it finds something, None on Skip."""
    try:
        return not any(True for _ in function(ctx))
    except Skip:
        return None


def has_file(ctx: Context, *stems: str) -> bool:
    return any(ctx.repo.find_community_file(stem) for stem in stems)


def project_spdx(ctx: Context) -> str | None:
    """The project's licence as the licence family identifies it (files first)."""
    found = project_licence(declarations(ctx))
    return found.spdx if found else None


def known_licence(ctx: Context) -> bool:
    """A licence a forge would recognise: identified from the files or declared."""
    return project_spdx(ctx) is not None


def free_licence(ctx: Context) -> bool | None:
    """Known and free; None when no licence could be identified."""
    spdx = project_spdx(ctx)
    if spdx is None:
        return False
    try:
        return not load_authorised().verdict(spdx).non_free
    except InvalidExpression:
        return None


def criterion(key: str, met: bool | None, fr: str, en: str, points: int | None = None,
              why: Text | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "met": met, "title": {"fr": fr, "en": en}}
    if points is not None:
        item["points"] = points
    if why is not None:
        item["note"] = {"fr": why.fr, "en": why.en}
    return item


FORGE_ONLY = Text(fr="connu de la forge seulement", en="known to the forge only")

# The rules each criterion is judged by: when the user disabled one of them in
# .opencheck.yml, the criterion counts neither as met nor as failed.
CRITERION_RULES: dict[str, tuple[str, ...]] = {
    "licence": ("licence-file-present",),
    "publiccode": ("publiccode-present",),
    "readme": ("readme-present",),
    "contributing": ("contributing-present",),
    "changelog": ("changelog-present",),
    "free-licence": ("licence-non-free",),
    "maintained": ("activity-recent-commit",),
    "commit": ("activity-recent-commit",),
    "release": ("activity-recent-release",),
    "roadmap": ("roadmap-present",),
    "authors": ("authors-present",),
    "code-of-conduct": ("code-of-conduct-present",),
    "governance": ("governance-present",),
    "welcome-contributors": ("contributing-present", "governance-present"),
    "make-contributing-easy": ("readme-contact", "security-policy-present"),
    "document-codebase-objectives": ("readme-description",),
    "document-the-code": ("readme-installation", "readme-usage"),
    "publish-with-an-open-license": ("licence-file-present",),
    "make-the-codebase-findable": ("publiccode-present",),
}


def not_counted(items: list[dict[str, Any]], results: list[RuleResult]) -> list[str]:
    """Set aside the criteria judged by a rule the user disabled: `met` becomes None
    and a note names the rule; returns their ids, which no score nor unknown counts."""
    disabled = {r.rule: r.disabled_reason for r in results if r.disabled_reason is not None}
    set_aside: list[str] = []
    for item in items:
        rules = [rule for rule in CRITERION_RULES.get(item["id"], ()) if rule in disabled]
        if not rules:
            continue
        item["met"] = None
        names = ", ".join(rules)
        item["note"] = {
            "fr": f"non compté : règle {names} désactivée dans .opencheck.yml",
            "en": f"not counted: rule {names} disabled in .opencheck.yml",
        }
        set_aside.append(item["id"])
    return set_aside


def _set_aside_text(ids: list[str]) -> Text:
    if not ids:
        return Text("", "")
    names = ", ".join(ids)
    return Text(f" ; non comptés (règle désactivée) : {names}",
                f"; not counted (rule disabled): {names}")


# -- code.gouv.fr's automatic repository score ------------------------------------------

@scorer("codegouvfr")
def codegouvfr(ctx: Context, results: list[RuleResult]) -> dict[str, Any]:
    """Weights of code.gouv.fr: high 1000, medium 100, low 10 (negative for penalties)."""
    code = facts.shared_publiccode(ctx)
    items = [
        criterion("licence", known_licence(ctx), "Licence reconnue", "Known licence", 1000),
        criterion("template", None, "Dépôt modèle", "Template repository", 1000, FORGE_ONLY),
        criterion("publiccode", code is not None or ctx.repo.exists("publiccode.yml"),
                  "publiccode.yml présent", "publiccode.yml present", 1000),
        criterion("readme", bool(community.readme_paths(ctx)), "README", "README", 100),
        criterion("contributing", has_file(ctx, "CONTRIBUTING"), "CONTRIBUTING",
                  "CONTRIBUTING", 100),
        criterion("changelog", has_file(ctx, *community.CHANGELOG_STEMS), "CHANGELOG",
                  "CHANGELOG", 10),
        criterion("description", None, "Description sur la forge (sinon -100)",
                  "Description on the forge (else -100)", -100, FORGE_ONLY),
        criterion("archived", None, "Archivé (-1000)", "Archived (-1000)", -1000, FORGE_ONLY),
        criterion("fork", None, "Divergence (fork, -1000)", "Fork (-1000)", -1000, FORGE_ONLY),
        criterion("popularity", None, "Bonus de popularité (étoiles, forks)",
                  "Popularity bonus (stars, forks)", None, FORGE_ONLY),
    ]
    aside = not_counted(items, results)
    score = sum(i["points"] for i in items if i["met"] and i.get("points", 0) > 0)
    best = sum(i["points"] for i in items if i.get("points", 0) > 0 and i["met"] is not None)
    unknown = [i["id"] for i in items if i["met"] is None and i["id"] not in aside]
    extra = _set_aside_text(aside)
    return {
        "score": score,
        "max_known": best,
        "criteria": items,
        "unknown": unknown,
        "summary": {
            "fr": f"{score} points sur {best} connaissables localement "
            f"(inconnus ici : {', '.join(unknown)}{extra.fr})",
            "en": f"{score} of {best} points knowable locally "
            f"(unknown here: {', '.join(unknown)}{extra.en})",
        },
    }


# -- Awesome CodeGouvFr ----------------------------------------------------------------

LOGO = re.compile(r"(?:^|/)(?:logo|logotype)[\w.-]*\.(?:svg|svgz|png|jpe?g|webp)$", re.I)


def has_logo(ctx: Context) -> bool:
    logo = facts.get(facts.shared_publiccode(ctx), "logo")
    if isinstance(logo, str) and ctx.repo.exists(logo.lstrip("/")):
        return True
    return any(LOGO.search(path) for path in ctx.repo.paths())


def _declared(ctx: Context, *keys: str) -> bool | None:
    """True when publiccode.yml declares the value; None (unknown) otherwise."""
    value = facts.get(facts.shared_publiccode(ctx), *keys)
    return True if value else None


def _used_by_several(ctx: Context) -> bool | None:
    used = facts.get(facts.shared_publiccode(ctx), "usedBy")
    if isinstance(used, list) and len(used) >= 2:
        return True
    return None


PUBLICCODE_ONLY = Text(
    fr="inconnu localement (à déclarer dans publiccode.yml)",
    en="unknown locally (declare it in publiccode.yml)",
)


@scorer("awesome")
def awesome(ctx: Context, results: list[RuleResult]) -> dict[str, Any]:
    """The 10 points of Awesome CodeGouvFr; a badge from 7."""
    web = _declared(ctx, "landingURL")
    commit = passes(ctx, history.recent_commit)
    maintained = commit
    if facts.get(facts.shared_publiccode(ctx), "maintenance", "type") == "none":
        maintained = False
    prerequisites = [
        criterion("free-licence", free_licence(ctx), "Licence libre", "Free licence"),
        criterion("maintained", maintained, "Activement maintenu", "Actively maintained"),
        criterion("funded", _declared(ctx, "fundedBy"), "Financé", "Funded",
                  why=None if _declared(ctx, "fundedBy") else PUBLICCODE_ONLY),
        criterion("used", _used_by_several(ctx), "Utilisé par plusieurs administrations",
                  "Used by several administrations",
                  why=None if _used_by_several(ctx) else PUBLICCODE_ONLY),
    ]
    points = [
        criterion("web-page", web, "Une page web en plus du dépôt",
                  "A web page besides the repository", 1,
                  None if web else PUBLICCODE_ONLY),
        criterion("release", passes(ctx, history.recent_release),
                  "Une version de moins de 6 mois", "A release less than 6 months old", 1),
        criterion("commit", commit, "Un commit de moins de 6 mois",
                  "A commit less than 6 months old", 1),
        criterion("logo", has_logo(ctx), "Un logo", "A logo", 1),
        criterion("roadmap", has_file(ctx, "ROADMAP"), "ROADMAP.md", "ROADMAP.md", 1),
        criterion("authors", has_file(ctx, "AUTHORS"), "AUTHORS.md", "AUTHORS.md", 1),
        criterion("contributing", has_file(ctx, "CONTRIBUTING"), "CONTRIBUTING.md",
                  "CONTRIBUTING.md", 1),
        criterion("changelog", has_file(ctx, "CHANGELOG"), "CHANGELOG.md", "CHANGELOG.md", 1),
        criterion("code-of-conduct", has_file(ctx, "CODE_OF_CONDUCT", "CODE-OF-CONDUCT"),
                  "CODE_OF_CONDUCT.md", "CODE_OF_CONDUCT.md", 1),
        criterion("governance", has_file(ctx, "GOVERNANCE"), "GOVERNANCE.md",
                  "GOVERNANCE.md", 1),
    ]
    not_counted(prerequisites, results)
    aside = not_counted(points, results)
    score = sum(1 for p in points if p["met"])
    unknown = [p["id"] for p in points if p["met"] is None and p["id"] not in aside]
    reachable = score + len(unknown) + len(aside)  # a point set aside is not lost
    badge = "yes" if score >= 7 else "possible" if reachable >= 7 else "no"
    badge_text = {
        "yes": Text("badge obtenu", "badge earned"),
        "possible": Text("badge possible selon les points inconnus",
                         "badge possible depending on the unknown points"),
        "no": Text("pas de badge (7 points requis)", "no badge (7 points needed)"),
    }[badge]
    unknown_text = ", ".join(unknown) if unknown else "-"
    extra = _set_aside_text(aside)
    return {
        "score": score,
        "out_of": 10,
        "badge": badge,
        "prerequisites": prerequisites,
        "points": points,
        "unknown": unknown,
        "summary": {
            "fr": f"{score}/10 ({badge_text.fr} ; inconnus localement : {unknown_text}"
            f"{extra.fr})",
            "en": f"{score}/10 ({badge_text.en}; unknown locally: {unknown_text}{extra.en})",
        },
    }


# -- Standard for Public Code ----------------------------------------------------------

CI_FILES = re.compile(
    r"^(?:\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.woodpecker(?:\.ya?ml|/.+)|"
    r"Jenkinsfile|\.circleci/config\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|"
    r"\.drone\.ya?ml|bitbucket-pipelines\.ya?ml|\.forgejo/workflows/.+|\.gitea/workflows/.+)$"
)
STYLE_FILES = re.compile(
    r"(?:^|/)(?:\.editorconfig|\.eslintrc[\w.]*|eslint\.config\.\w+|\.prettierrc[\w.]*|"
    r"prettier\.config\.\w+|\.flake8|ruff\.toml|\.ruff\.toml|\.pylintrc|\.rubocop\.ya?ml|"
    r"\.golangci\.ya?ml|rustfmt\.toml|\.rustfmt\.toml|\.clang-format|biome\.jsonc?|"
    r"\.stylelintrc[\w.]*|checkstyle[\w-]*\.xml|\.php-cs-fixer[\w.]*|phpcs\.xml(?:\.dist)?|"
    r"\.pre-commit-config\.ya?ml|\.markdownlint[\w.]*|\.yamllint[\w.]*)$"
)
HUMAN = Text(fr="à vérifier par une personne", en="to be checked by a person")


def _all(*values: bool | None) -> bool | None:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def _style(ctx: Context) -> bool:
    if any(STYLE_FILES.search(path) for path in ctx.repo.paths()):
        return True
    text = ctx.repo.read_text("pyproject.toml") if ctx.repo.exists("pyproject.toml") else None
    return bool(text and re.search(r"^\[tool\.(?:ruff|black|pylint|isort)", text, re.M))


def _maturity(ctx: Context) -> bool:
    if facts.get(facts.shared_publiccode(ctx), "developmentStatus"):
        return True
    git = ctx.repo.git
    return bool(git and any(hist.semver_of(t.name) for t in git.tags))


@scorer("publiccode_standard")
def publiccode_standard(ctx: Context, results: list[RuleResult]) -> dict[str, Any]:
    """The 16 criteria of the Standard for Public Code, as far as a clone shows them."""
    git = ctx.repo.git
    in_git = bool(git and git.head)
    licence = bool(licence_files(ctx)) and known_licence(ctx)
    readme_contact = passes(ctx, readme.readme_contact)
    items = [
        criterion("code-in-the-open", None, "Code ouvert", "Code in the open", why=HUMAN),
        criterion("bundle-policy-and-source-code", None, "Politique et code ensemble",
                  "Bundle policy and source code", why=HUMAN),
        criterion("create-reusable-and-portable-code", None, "Code réutilisable et portable",
                  "Create reusable and portable code", why=HUMAN),
        criterion("welcome-contributors", has_file(ctx, "CONTRIBUTING")
                  and has_file(ctx, "GOVERNANCE"), "Accueillir les contributeurs",
                  "Welcome contributors"),
        criterion("make-contributing-easy",
                  _all(readme_contact, has_file(ctx, "SECURITY")),
                  "Faciliter la contribution (tickets liés, signalement de sécurité)",
                  "Make contributing easy (linked issues, security reporting)"),
        criterion("maintain-version-control", in_git, "Gestion de versions",
                  "Maintain version control"),
        criterion("require-review-of-contributions", None, "Relecture des contributions",
                  "Require review of contributions", why=FORGE_ONLY),
        criterion("document-codebase-objectives", passes(ctx, readme.readme_description),
                  "Objectifs documentés", "Document codebase objectives"),
        criterion("document-the-code", _all(passes(ctx, readme.readme_installation),
                                            passes(ctx, readme.readme_usage)),
                  "Code documenté", "Document the code"),
        criterion("use-plain-english", None, "Langage clair", "Use plain English", why=HUMAN),
        criterion("use-open-standards", None, "Standards ouverts", "Use open standards",
                  why=HUMAN),
        criterion("use-continuous-integration",
                  any(CI_FILES.match(path) for path in ctx.repo.paths()),
                  "Intégration continue", "Use continuous integration"),
        criterion("publish-with-an-open-license", licence, "Licence ouverte",
                  "Publish with an open license"),
        criterion("make-the-codebase-findable",
                  facts.shared_publiccode(ctx) is not None or ctx.repo.exists("codemeta.json"),
                  "Code trouvable (publiccode.yml)", "Make the codebase findable (publiccode.yml)"),
        criterion("use-a-coherent-style", _style(ctx), "Style cohérent", "Use a coherent style"),
        criterion("document-codebase-maturity", _maturity(ctx), "Maturité documentée",
                  "Document codebase maturity"),
    ]
    aside = not_counted(items, results)
    met = sum(1 for i in items if i["met"] is True)
    failed = sum(1 for i in items if i["met"] is False)
    unknown = [i["id"] for i in items if i["met"] is None and i["id"] not in aside]
    extra = Text(f", {len(aside)} non comptés (règle désactivée)",
                 f", {len(aside)} not counted (rule disabled)") if aside else Text("", "")
    return {
        "met": met,
        "not_met": failed,
        "out_of": len(items),
        "criteria": items,
        "unknown": unknown,
        "summary": {
            "fr": f"{met}/{len(items)} critères remplis, {failed} non remplis, "
            f"{len(unknown)} à vérifier hors du dépôt{extra.fr}",
            "en": f"{met}/{len(items)} criteria met, {failed} not met, "
            f"{len(unknown)} to check outside the repository{extra.en}",
        },
    }
