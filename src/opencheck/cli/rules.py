# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck rules` and `opencheck explain RULE`: the catalogue, for people."""

from __future__ import annotations

import json

import click

from opencheck.catalogue import load_catalogue
from opencheck.cli.common import fail_usage, lang_option, resolve_lang
from opencheck.errors import did_you_mean, joined
from opencheck.model import Text


@click.command("rules")
@click.option("--family", help="Only the rules of this family.")
@click.option("--profile", "-p", help="Only the rules this profile runs.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text")
@lang_option
def rules_command(family: str | None, profile: str | None, fmt: str, lang: str | None) -> None:
    """List the rules of the catalogue."""
    language = resolve_lang(lang)
    catalogue = load_catalogue()
    rules = list(catalogue.rules.values())
    if profile is not None:
        if profile not in catalogue.profiles:
            fail_usage(joined(Text("profil inconnu", "unknown profile"), f" '{profile}'",
                              did_you_mean(profile, catalogue.profiles)), lang)
        rules = catalogue.rules_of(catalogue.profiles[profile])
    if family is not None:
        if family not in catalogue.families:
            fail_usage(joined(Text("famille inconnue", "unknown family"), f" '{family}'",
                              did_you_mean(family, catalogue.families)), lang)
        rules = [rule for rule in rules if rule.family == family]
    if fmt == "json":
        items = [
            {"id": r.id, "family": r.family, "severity": r.severity.value,
             "title": r.title.get(language), "reference": r.reference}
            for r in rules
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for rule in rules:
        click.echo(f"{rule.id:<36} {rule.family:<12} {rule.severity.value:<8} "
                   f"{rule.title.get(language)}")


@click.command("explain")
@click.argument("rule_id")
@lang_option
def explain_command(rule_id: str, lang: str | None) -> None:
    """Explain one rule: why it matters and how to fix it."""
    language = resolve_lang(lang)
    catalogue = load_catalogue()
    rule = catalogue.rules.get(rule_id)
    if rule is None:
        fail_usage(joined(Text("règle inconnue", "unknown rule"), f" '{rule_id}'",
                          did_you_mean(rule_id, catalogue.rules)), lang)
    heading = {"fr": ("Famille", "Sévérité", "Pourquoi", "Correction", "Référence"),
               "en": ("Family", "Severity", "Why", "Fix", "Reference")}[language]
    click.echo(f"{rule.id}: {rule.title.get(language)}")
    click.echo(f"{heading[0]}: {rule.family} · {heading[1]}: {rule.severity.value}")
    click.echo(f"\n{heading[2]}:\n  {rule.help.get(language)}")
    click.echo(f"\n{heading[3]}:\n  {rule.fix.get(language)}")
    click.echo(f"\n{heading[4]}: {rule.reference}")
