# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What every page of the batch dashboard shares: labels in both languages, the style,
the page frame with its Content-Security-Policy, and the verdict of a stored row."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from opencheck.batch.runners import FAILURES
from opencheck.model import Text

LABELS: dict[str, Text] = {
    "title": Text("Audit du portefeuille", "Portfolio audit"),
    "run": Text("Exécution", "Run"),
    "previous": Text("comparée à l'exécution", "compared with run"),
    "no_previous": Text("première exécution", "first run"),
    "repos": Text("Dépôts", "Repositories"),
    "ready": Text("Prêts", "Ready"),
    "not_ready": Text("Pas prêts", "Not ready"),
    "incomplete": Text("Incomplets", "Incomplete"),
    "failed": Text("Audit impossible", "Audit failed"),
    "mean": Text("Score moyen", "Mean score"),
    "organisation": Text("Organisation", "Organisation"),
    "organisations": Text("Par organisation", "Per organisation"),
    "repository": Text("Dépôt", "Repository"),
    "verdict": Text("Verdict", "Verdict"),
    "score": Text("Score", "Score"),
    "errors": Text("Erreurs", "Errors"),
    "warnings": Text("Avertissements", "Warnings"),
    "failing": Text("Règles en échec", "Failing rules"),
    "change": Text("Évolution", "Change"),
    "commit": Text("Commit", "Commit"),
    "rules_chart": Text("Règles les plus souvent en échec", "Most failed rules"),
    "search": Text("Rechercher", "Search"),
    "all": Text("tous", "all"),
    "min": Text("score min.", "min. score"),
    "max": Text("score max.", "max. score"),
    "shown": Text("dépôts affichés", "repositories shown"),
    "changes": Text("Depuis l'exécution précédente", "Since the previous run"),
    "new": Text("nouveau", "new"),
    "now_ready": Text("devenus prêts", "now ready"),
    "no_longer": Text("plus prêts", "no longer ready"),
    "better": Text("score en hausse", "score up"),
    "worse": Text("score en baisse", "score down"),
    "added": Text("nouveaux dépôts", "new repositories"),
    "removed": Text("dépôts disparus", "repositories gone"),
    "state_ready": Text("prêt", "ready"),
    "state_not-ready": Text("pas prêt", "not ready"),
    "state_failed": Text("échec de l'audit", "audit failed"),
    "state_incomplete": Text("incomplet", "incomplete"),
    "back": Text("Retour au tableau de bord", "Back to the dashboard"),
    "reason": Text("Raison", "Reason"),
    "findings": Text("Problèmes", "Findings"),
    "rules": Text("Règles", "Rules"),
    "severity": Text("Gravité", "Severity"),
    "rule": Text("Règle", "Rule"),
    "message": Text("Message", "Message"),
    "where": Text("Où", "Where"),
    "fix": Text("Correction", "Fix"),
    "status": Text("Statut", "Status"),
    "profile": Text("Profil", "Profile"),
    "none": Text("Aucun problème trouvé.", "No problem found."),
    "repos_in_chart": Text("dépôts", "repositories"),
    "blocking": Text("Problèmes bloquants", "Blocking problems"),
    "blocking_short": Text("Bloquants", "Blocking"),
    "blocking_none": Text("Aucun problème bloquant dans le portefeuille.",
                          "No blocking problem in the portfolio."),
    "examples": Text("Dépôts concernés", "Repositories concerned"),
    "codegouvfr": Text("Score code.gouv.fr", "code.gouv.fr score"),
    "awesome": Text("Awesome (points, badge)", "Awesome (points, badge)"),
    "standard": Text("Standard for Public Code", "Standard for Public Code"),
    "reuse": Text("REUSE", "REUSE"),
    "scores": Text("Scores", "Scores"),
    "downloads": Text("Données", "Data"),
    "forge": Text("forge", "forge"),
    "others": Text("autres", "others"),
    "sev_error": Text("bloquant", "blocking"),
    "sev_warning": Text("avertissement", "warning"),
    "sev_info": Text("info", "info"),
    "by_severity": Text("Règles en échec, par gravité", "Failing rules, by severity"),
    "more_findings": Text("de plus dans", "more in"),
    "full_list": Text("Liste complète des problèmes (JSON compressé)",
                      "Full list of findings (compressed JSON)"),
    "trend": Text("Tendance", "Trend"),
    "history": Text("Exécutions précédentes", "Earlier runs"),
    "badge_yes": Text("oui", "yes"),
    "badge_no": Text("non", "no"),
    "inventory": Text("inventaire du code non publié (CSV)",
                      "inventory of unpublished code (CSV)"),
    "table_cut": Text("autres dépôts, moins urgents, ne sont pas dans ce tableau ; tous sont "
                      "dans", "other, less urgent repositories are not in this table; all are "
                      "in"),
    "census": Text("recensement des dépendances (CSV)", "dependency census (CSV)"),
    "policy": Text("Politique", "Policy"),
    "policy_set_aside": Text("réglage(s) du dépôt écarté(s) par la politique",
                             "setting(s) of the repository set aside by the policy"),
}

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:")

STYLE = """
:root{--ok:#18753c;--ko:#b34000;--fail:#6a6a6a;--line:#ddd;--accent:#000091}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#161616}
header{background:var(--accent);color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:22px}
main{padding:16px 24px;max-width:1400px}
a{color:var(--accent)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:130px}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;margin:8px 0 20px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6;position:sticky;top:0}
th.sortable{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}
td.num,th.num{text-align:right}
.ready{color:var(--ok);font-weight:600}
.not-ready{color:var(--ko);font-weight:600}
.failed,.incomplete{color:var(--fail);font-weight:600}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px}
.filters input,.filters select{font:inherit;padding:3px}
.filters input[type=number]{width:6em}
.rules-list{font-size:12px;color:#444}
td.verdict{white-space:nowrap}
.up{color:var(--ok)}.down{color:var(--ko)}
.chart text{font-size:12px}
.chart .bar{fill:var(--ko)}
.chart g.clickable{cursor:pointer}
code{font-size:12px}
.sev{display:inline-block;border-radius:3px;padding:0 4px;font-size:11px;font-weight:600;
 color:#fff;margin-right:3px}
.sev-error{background:#b34000}.sev-warning{background:#a06800}.sev-info{background:#5a6b8c}
.chart .bar-error{fill:#b34000}.chart .bar-warning{fill:#d99100}.chart .bar-info{fill:#8090b0}
.chart .group{font-weight:600}
.blockers li{margin:2px 0}
ol.actions li{margin:3px 0} ol.actions .meta{display:block;color:#666;font-size:12px}
p.fix{border-left:4px solid var(--ko);padding:3px 10px;margin:0 0 12px}
.muted{color:#666;font-size:12px}
header a{color:#fff}
"""



def page(title: str, body: str, lang: str, script: str = "") -> str:
    code = f"<script>{script}</script>" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}{code}</body></html>\n"
    )


def label(key: str, lang: str) -> str:
    return escape(LABELS[key].get(lang))


def state_of(result: dict[str, Any]) -> str:
    """ready, not-ready, incomplete (a blocking rule could not be judged) or failed."""
    if result["status"] in FAILURES:
        return "failed"
    if result.get("verdict") == "incomplete":
        return "incomplete"
    return "ready" if result["ready"] else "not-ready"


def severity_badge(severity: str, lang: str) -> str:
    key = f"sev_{severity}" if f"sev_{severity}" in LABELS else "sev_info"
    return f'<span class="sev sev-{escape(severity)}">{label(key, lang)}</span>'


def forge_link(url: str) -> str | None:
    """A link to the repository's forge page, for https URLs only (never javascript:,
    file: or anything else a listing could carry)."""
    if not url.startswith("https://"):
        return None
    return url[: -len(".git")] if url.endswith(".git") else url


@dataclass
class Row:
    """One repository of the run, with its previous result and its recent history."""

    result: dict[str, Any]
    page: str
    state: str  # ready, not-ready, failed
    previous: dict[str, Any] | None
    change: str = ""
    delta: float | None = None
    trend: list[dict[str, Any]] = field(default_factory=list)


def sparkline(points: list[float | None], width: int = 90, height: int = 22) -> str:
    """A small inline SVG line of scores (0-100) across runs; '' under two points."""
    values = [(i, v) for i, v in enumerate(points) if v is not None]
    if len(values) < 2:
        return ""
    step = width / max(1, len(points) - 1)
    coords = " ".join(f"{i * step:.1f},{height - 2 - (v / 100) * (height - 4):.1f}"
                      for i, v in values)
    last = ", ".join("–" if v is None else f"{v:.0f}" for v in points)
    return (f'<svg class="spark" width="{width}" height="{height}" role="img" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
            f"<title>{escape(last)}</title>"
            f'<polyline fill="none" stroke="#000091" stroke-width="1.5" '
            f'points="{coords}"></polyline></svg>')
