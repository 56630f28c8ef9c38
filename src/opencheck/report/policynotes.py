# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What an auditor's policy (`--policy`, `metadata.policy`) set aside of the
repository's configuration, one sentence each, for the text, Markdown and HTML reports
and the batch's repository pages. The values quoted are the repository's: the callers
show them as every other value of it (escapes, one line)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opencheck.model import Text

SHOWN = 10  # the overrides listed one by one; the JSON report has every one

HEAD = Text(
    fr="Politique {name} (sha256 {digest}) : {count} réglage(s) de la configuration du dépôt "
       "écarté(s).",
    en="Policy {name} (sha256 {digest}): {count} setting(s) of the repository's "
       "configuration set aside.",
)
QUIET = Text(fr="Politique {name} (sha256 {digest}) : aucun réglage du dépôt écarté.",
             en="Policy {name} (sha256 {digest}): no setting of the repository set aside.")
WHY = {
    "enforced": Text(fr="la politique impose cette règle à « {applied} »",
                     en="the policy enforces this rule at '{applied}'"),
    "not_allowed": Text(fr="la politique ne l'autorise pas", en="the policy does not allow it"),
}
UNREADABLE = Text(
    fr="La configuration du dépôt est illisible et écartée en entier ({value}) : la "
       "politique seule juge.",
    en="The repository's configuration cannot be read and is set aside whole ({value}): "
       "the policy alone judges.",
)
MORE = Text(fr="… et {count} autre(s) : voir le rapport JSON (metadata.policy).",
            en="... and {count} more: see the JSON report (metadata.policy).")


def policy_notes(metadata: Mapping[str, Any], lang: str) -> list[str]:
    said = metadata.get("policy")
    if not isinstance(said, Mapping):
        return []
    overridden = [o for o in said.get("overridden") or [] if isinstance(o, Mapping)]
    name, digest = str(said.get("name")), str(said.get("sha256") or "")[:12]
    if not overridden:
        return [QUIET.format(name=name, digest=digest).get(lang)]
    notes = [HEAD.format(name=name, digest=digest, count=len(overridden)).get(lang)]
    notes += [_line(override, lang) for override in overridden[:SHOWN]]
    if len(overridden) > SHOWN:
        notes.append(MORE.format(count=len(overridden) - SHOWN).get(lang))
    return notes


def _line(override: Mapping[str, Any], lang: str) -> str:
    value = override.get("value")
    if override.get("reason") == "unreadable":
        shown = value.get(lang) if isinstance(value, Mapping) else value
        return UNREADABLE.format(value=str(shown)).get(lang)
    if isinstance(value, Mapping):  # a count said in both languages
        value = value.get(lang) or value.get("en")
    setting = str(override.get("setting"))
    name = override.get("name")
    said = f"{setting} {name}: {value}" if name else f"{setting}: {value}"
    applied = override.get("applied")
    why = WHY.get(str(override.get("reason")), WHY["not_allowed"])
    reason = why.format(applied=applied).get(lang)
    if lang == "fr":
        instead = f", « {applied} » s'applique" if applied and setting != "disable" else ""
        return f"« {said} » écarté{instead} : {reason}."
    instead = f", '{applied}' applies" if applied and setting != "disable" else ""
    return f"'{said}' set aside{instead}: {reason}."
