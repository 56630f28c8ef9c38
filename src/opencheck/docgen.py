# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Writes docs/rules.md from the catalogue: `python -m opencheck.docgen > docs/rules.md`."""

from __future__ import annotations

from opencheck.catalogue import Catalogue, load_catalogue


def rules_markdown(catalogue: Catalogue) -> str:
    lines = [
        "<!--",
        "SPDX-" "FileCopyrightText: 2026 opencheck contributors",  # split: REUSE reads this file
        "SPDX-" "License-Identifier: EUPL-1.2",
        "-->",
        "<!-- REUSE-IgnoreStart: rule texts quote SPDX tags -->",
        "# opencheck rules / Règles d'opencheck",
        "",
        "Generated from `rules/` by `make docs`; do not edit by hand.",
        "Généré depuis `rules/` par `make docs` ; ne pas modifier à la main.",
        "",
        "## Profiles / Profils",
        "",
        "| profile | rules | description |",
        "|---|---|---|",
    ]
    for profile in catalogue.profiles.values():
        count = len(catalogue.rules_of(profile))
        lines.append(f"| `{profile.name}` | {count} | {profile.description.en} |")
    for family, title in sorted(catalogue.families.items()):
        lines += ["", f"## {title.en} / {title.fr} (`{family}`)"]
        for rule in catalogue.rules.values():
            if rule.family != family:
                continue
            profiles = ", ".join(
                f"`{p.name}`" for p in catalogue.profiles.values() if p.selects(rule)
            )
            lines += [
                "",
                f"### `{rule.id}`",
                "",
                f"- Severity / sévérité: **{rule.severity.value}** · profiles: {profiles or '—'}",
                f"- Reference: <{rule.reference}>",
                "",
                f"**EN** {rule.title.en}. {rule.help.en}",
                "",
                f"*Fix:* {rule.fix.en}",
                "",
                f"**FR** {rule.title.fr}. {rule.help.fr}",
                "",
                f"*Correction :* {rule.fix.fr}",
            ]
    lines.append("<!-- REUSE-IgnoreEnd -->")
    return "\n".join(lines) + "\n"


def main() -> None:
    print(rules_markdown(load_catalogue()), end="")


if __name__ == "__main__":
    main()
