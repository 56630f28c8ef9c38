# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether a repository shows a French publisher or another country's administration.

The dinum profile applies French law and doctrine (the decree's list of licences,
DINUM's "permissive by default"): its notes say nothing useful to a Dutch ministry or
the European Commission, whose rules differ. What the repository shows:

- the e-mail domains of its commits: a French one (`.fr`, webmail left out) or another
  country's administration (gov.uk, gov.sg, bund.de, europa.eu, governo.it...);
- the hosts its README, publiccode.yml, CONTRIBUTING and SECURITY link to or give as a
  contact: gouv.fr, or another administration's (references every project may cite,
  the EUPL's page on joinup, publiccode.yml's documentation, left out);
- publiccode.yml's country section (`it:` is Italy's);
- the README's language (French; Dutch, German, Italian or Spanish);
- a French licence (CeCILL, Licence Ouverte).

A repository is judged published abroad only when something points abroad and nothing
to France: an English README and no evidence either way keeps the French rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from opencheck.community import facts, history
from opencheck.gitcmd import GitError
from opencheck.model import Text
from opencheck.registry import Context

# An administration's domain: gov.uk, gov.sg, gob.es, govt.nz, gv.at, a .gov...
_GOVERNMENT = re.compile(r"(?:^|\.)(?:gov|gouv|gob|govt|gv)(?:\.[a-z]{2,3})?$")
# Administrations whose domains do not say so.
_PUBLIC_ABROAD = ("europa.eu", "bund.de", "admin.ch", "governo.it", "italia.it",
                  "overheid.nl", "rijksoverheid.nl", "belgium.be", "fgov.be", "canada.ca",
                  "gc.ca")
# Pages any project may cite whatever its country: a link there tells nothing.
_REFERENCES = ("joinup.ec.europa.eu", "eur-lex.europa.eu", "interoperable-europe.ec.europa.eu",
               "commission.europa.eu", "developers.italia.it", "docs.italia.it")
# What follows a scheme's `//` or an e-mail's `@`: one greedy run, no backtracking;
# whether it is a host name is checked after.
_HOST = re.compile(r"(?://|@)([a-z0-9.-]{4,100})")
_TLD = re.compile(r"[a-z]{2,24}")
# A commit domain counts from this many commits and this share of them.
MIN_COMMITS = 5
MIN_SHARE = 0.02
LANGUAGES = {
    "nl": Text("néerlandais", "Dutch"), "de": Text("allemand", "German"),
    "it": Text("italien", "Italian"), "es": Text("espagnol", "Spanish"),
}
# publiccode.yml's country sections are keyed by a country's two letters (`IT:`, `it:`
# before 0.4).
_COUNTRY = re.compile(r"[a-zA-Z]{2}")
FRENCH_LICENCES = re.compile(r"^(?:CECILL|etalab-2\.0|LO-)", re.IGNORECASE)


@dataclass
class Publisher:
    """What points to a French publisher, and what to another country's administration."""

    france: list[Text] = field(default_factory=list)
    abroad: list[Text] = field(default_factory=list)

    @property
    def abroad_only(self) -> bool:
        return bool(self.abroad) and not self.france


def _in(host: str, domains: Iterable[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def french_host(host: str) -> bool:
    return _in(host, ("gouv.fr",))


def public_abroad(host: str) -> bool:
    """An administration's host outside France."""
    return not french_host(host) and not host.endswith(".fr") and (
        bool(_GOVERNMENT.search(host)) or _in(host, _PUBLIC_ABROAD))


def hosts_in(text: str) -> set[str]:
    found = set()
    for match in _HOST.finditer(text.lower()):
        host = match.group(1).strip(".-")
        if "." in host and _TLD.fullmatch(host.rpartition(".")[2]):
            found.add(host)
    return found


def _add(evidence: list[Text], how: Text, names: list[str]) -> None:
    if names:
        listed = ", ".join(names[:3])
        evidence.append(Text(fr=f"{how.fr} {listed}", en=f"{how.en} {listed}"))


def from_commits(publisher: Publisher, addresses: Iterable[tuple[str, int]],
                 is_webmail: Callable[[str], bool] = lambda _address: False) -> None:
    """Commit e-mail domains with enough commits: French ones, foreign administrations'."""
    domains: Counter[str] = Counter()
    for address, commits in addresses:
        domain = address.strip().lower().rpartition("@")[2]
        if domain and "." in domain and not is_webmail(address):
            domains[domain] += commits
    total = sum(domains.values())
    counted = sorted((d for d, n in domains.items() if n >= max(MIN_COMMITS, MIN_SHARE * total)),
                     key=lambda d: -domains[d])
    how = Text("commits de", "commits from")
    _add(publisher.france, how, [d for d in counted if d.endswith(".fr")])
    _add(publisher.abroad, how, [d for d in counted if public_abroad(d)])


def from_texts(publisher: Publisher, texts: Iterable[str]) -> None:
    """Hosts the project's own documents link to or give as a contact."""
    hosts: set[str] = set()
    for text in texts:
        hosts |= hosts_in(text[:200000])
    hosts = {host for host in hosts if not _in(host, _REFERENCES)}
    how = Text("liens vers", "links to")
    _add(publisher.france, how, sorted(host for host in hosts if french_host(host)))
    _add(publisher.abroad, how, sorted(host for host in hosts if public_abroad(host)))


def from_facts(publisher: Publisher, readme_language: str | None,
               country_sections: Iterable[str], licence: str | None) -> None:
    if readme_language == "fr":
        publisher.france.append(Text("README en français", "README in French"))
    elif readme_language in LANGUAGES:
        name = LANGUAGES[readme_language]
        publisher.abroad.append(Text(f"README en {name.fr}", f"README in {name.en}"))
    for country in country_sections:
        where = Text(f"publiccode.yml, section « {country} »",
                     f"publiccode.yml, section '{country}'")
        (publisher.france if country == "fr" else publisher.abroad).append(where)
    if licence and FRENCH_LICENCES.match(licence):
        publisher.france.append(Text(f"licence française {licence}",
                                     f"French licence {licence}"))


def note(publisher: Publisher) -> Text:
    """What the report says at its top when the repository is published abroad."""
    fr = "; ".join(item.fr for item in publisher.abroad)
    en = "; ".join(item.en for item in publisher.abroad)
    return Text(
        fr=f"Ce dépôt semble publié hors de France ({fr}) : les règles tirées du droit et "
           "de la doctrine français (liste de licences du décret, doctrine de la DINUM, "
           "badge de code.gouv.fr) ne le concernent pas. Pour le juger selon le Standard "
           "for Public Code : --profile publiccode-standard.",
        en=f"This repository seems published outside France ({en}): the rules drawn from "
           "French law and doctrine (the decree's list of licences, DINUM's doctrine, "
           "code.gouv.fr's badge) do not concern it. To judge it by the Standard for "
           "Public Code: --profile publiccode-standard.",
    )


def of(ctx: Context, licence: str | None) -> Publisher:
    """The evidence of this run's repository, gathered once."""

    def compute() -> Publisher:
        from opencheck.publiccode.consistency import language_of

        publisher = Publisher()
        from_commits(publisher, _addresses(ctx), history.is_webmail)
        texts = [document.text for document in (
            facts.readme(ctx), facts.community_document(ctx, "CONTRIBUTING"),
            facts.community_document(ctx, "SECURITY")) if document is not None]
        code = facts.shared_publiccode(ctx)
        for name in facts.PUBLICCODE_NAMES:
            texts.append(ctx.repo.read_text(name) or "")
        from_texts(publisher, texts)
        readme = facts.readme(ctx)
        countries = [key.lower() for key, value in (code or {}).items() if isinstance(key, str)
                     and _COUNTRY.fullmatch(key) and isinstance(value, dict)]
        from_facts(publisher, language_of(readme.plain) if readme else None, countries, licence)
        return publisher

    return ctx.shared("publisher", compute)


def _addresses(ctx: Context) -> list[tuple[str, int]]:
    """The commits' addresses; none under `--no-history`, which reads no history: the
    publisher is then judged from the documents and facts alone."""
    git = ctx.repo.git
    if not ctx.options.history or git is None or git.head is None or git.shallow:
        return []
    try:
        found = history.shared_history(ctx)
    except GitError:
        return []
    return [(identity.email, identity.authored) for identity in found.identities.values()
            if not history.is_bot(identity)]
