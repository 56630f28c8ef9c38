# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The language of messages: French or English, French when the locale is French."""

from __future__ import annotations

import os

from opencheck.model import Text

LABELS: dict[str, Text] = {
    "ready": Text("PRÊT à être publié", "READY to be published"),
    "not_ready": Text("PAS PRÊT à être publié", "NOT READY to be published"),
    "incomplete": Text("INCOMPLET : le verdict ne peut pas être donné",
                       "INCOMPLETE: no verdict can be given"),
    "verdict": Text("Verdict", "Verdict"),
    "reason": Text("Raison", "Reason"),
    "score": Text("Score", "Score"),
    "profile": Text("profil", "profile"),
    "blocking": Text("Problèmes bloquants (à corriger d'abord)",
                     "Blocking problems (fix these first)"),
    "improve": Text("À améliorer", "To improve"),
    "actions": Text("{n} action(s), chacune avec sa correction",
                    "{n} action(s), each with its fix"),
    "all_blocking": Text("Chaque constat bloquant : opencheck check --all, ou --format json "
                         "ou sarif.",
                         "Every blocking finding: opencheck check --all, or --format json "
                         "or sarif."),
    "every_blocking": Text("Tous les constats bloquants", "Every blocking finding"),
    "summary": Text("Résumé par famille", "Summary per family"),
    "fix": Text("correction", "fix"),
    "passed": Text("réussies", "passed"),
    "failed": Text("en échec", "failed"),
    "skipped": Text("ignorées", "skipped"),
    "error": Text("en erreur", "errored"),
    "skipped_rules": Text("Règles non appliquées", "Rules not applied"),
    "rule_skipped": Text("ignorée", "skipped"),
    "rule_error": Text("en erreur", "error"),
    "disabled": Text("désactivée par la configuration", "disabled by configuration"),
    "no_findings": Text("Aucun problème trouvé.", "No problem found."),
    "scores": Text("Scores", "Scores"),
    "commit": Text("commit", "commit"),
    "more": Text("et {n} autre(s) constat(s) de {rule} (tous dans --format json)",
                 "and {n} more finding(s) of {rule} (all of them in --format json)"),
    "grouped": Text("{n} constat(s) dans {folders} dossier(s), comme :",
                    "{n} finding(s) in {folders} folder(s), such as:"),
    "for_example": Text("par exemple {path}", "e.g. {path}"),
    "more_folders": Text("et {n} constat(s) dans {folders} autre(s) dossier(s) (tous dans "
                         "--format json)",
                         "and {n} finding(s) in {folders} more folder(s) (all of them in "
                         "--format json)"),
    "fixes_differ": Text("une correction par fichier, différentes : opencheck check --all",
                         "each file its own fix: opencheck check --all"),
    "findings_count": Text("{n} constat(s)", "{n} finding(s)"),
    "timings": Text("Durées (secondes)", "Timings (seconds)"),
    "timings_total": Text("total {total} s, dont préparation {setup} s et scores {scores} s",
                          "total {total} s, of which set-up {setup} s and scores {scores} s"),
    "timings_analyses": Text("analyses partagées (comptées dans la première règle qui les lit)",
                             "shared analyses (counted in the first rule that reads them)"),
    "timings_engine": Text("moteur de recherche des secrets : {engine}",
                           "secrets matching engine: {engine}"),
    "timings_history_cache": Text(
        "historique : {n} blob(s) non relus, sans rien trouvé au passage précédent",
        "history: {n} blob(s) not read again, found clean by an earlier run"),
    "timings_history_cache_no_key": Text(
        "historique : cache non utilisé, en CI sans OPENCHECK_CACHE_KEY (lu en entier)",
        "history: cache not used, in CI without OPENCHECK_CACHE_KEY (read whole)"),
    "timings_history_cache_short_key": Text(
        "historique : cache non utilisé, OPENCHECK_CACHE_KEY fait moins de 16 caractères "
        "(lu en entier)",
        "history: cache not used, OPENCHECK_CACHE_KEY is under 16 characters (read whole)"),
    "timings_history_cache_not_signed": Text(
        "historique : cache ignoré, non signé avec cette clé (forgé, abîmé ou d'une autre "
        "clé ; lu en entier)",
        "history: cache ignored, not signed with this key (forged, damaged or another "
        "key's; read whole)"),
}


def colon(lang: str) -> str:
    """A colon as each language writes it: French puts a space before it."""
    return " :" if lang == "fr" else ":"


def label(name: str, lang: str, **values: object) -> str:
    text = LABELS[name]
    return text.format(**values).get(lang) if values else text.get(lang)


def default_language(environ: dict[str, str] | None = None) -> str:
    """`fr` when the locale is French (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else `en`."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
