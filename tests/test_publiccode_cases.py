# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Valid and invalid publiccode.yml files over every version, built from small dicts.

Each invalid case names the key the validator must report and a fragment of the line
it must point at, so both the key path and the line/column are checked.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from opencheck.publiccode import validate

LONG = (
    "Cet outil aide les administrations à publier leur code source comme logiciel "
    "libre : il vérifie les fichiers attendus, la licence, les secrets et la "
    "description du projet, puis dit quoi corriger en premier."
)
LONG_500 = (LONG + " ") * 3 + "Fin."


def base(version: str) -> dict[str, Any]:
    minor = version if version.count(".") == 1 else ".".join(version.split(".")[:2])
    doc: dict[str, Any] = {
        "publiccodeYmlVersion": version,
        "name": "Médusa",
        "url": "https://github.com/example/medusa",
        "softwareVersion": "1.2.0",
        "releaseDate": "2026-03-01",
        "platforms": ["web"],
        "categories": ["it-development"],
        "developmentStatus": "stable",
        "softwareType": "standalone/web",
        "description": {
            "fr": {
                "shortDescription": "Vérifie qu'un dépôt est prêt à être publié.",
                "longDescription": LONG_500 if minor == "0.2" else LONG,
                "features": ["Vérifier la licence", "Chercher les secrets"],
            },
        },
        "legal": {"license": "EUPL-1.2"},
        "maintenance": {
            "type": "internal",
            "contacts": [{"name": "Camille Agent", "email": "camille.agent@numerique.gouv.fr"}],
        },
        "localisation": {"localisationReady": True, "availableLanguages": ["fr", "en"]},
    }
    if minor == "0.2":
        doc["description"]["fr"]["genericName"] = "Vérificateur"
    return doc


Mutation = Callable[[dict[str, Any]], None]


def setp(path: str, value: Any) -> Mutation:
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return apply


def delp(path: str) -> Mutation:
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]
    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(doc: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(doc)
    return apply


@dataclass
class Case:
    id: str
    version: str
    mutation: Mutation | None = None
    key: str | None = None  # None: the file is valid (no error)
    line_has: str = ""  # a fragment of the line the issue must point at
    severity: str = "error"
    raw: str | None = None  # text appended/replaced after dumping, for YAML-level cases


V = ("0.2", "0.3", "0.4", "0.5", "0.6", "0.7")
MANDATORY_ALL = ("name", "url", "platforms", "developmentStatus", "softwareType",
                 "description", "legal", "maintenance", "localisation")

CASES: list[Case] = []
# -- valid files, every version and version spelling
for v in (*V, "0", "0.2.2", "0.3.0", "0.5.0", "0.7.0"):
    CASES.append(Case(f"valid-{v}", v))
CASES += [
    Case("valid-0.4-no-releaseDate", "0.4", delp("releaseDate")),
    Case("valid-0.5-no-categories", "0.5", delp("categories")),
    Case("valid-0.7-no-categories", "0.7", delp("categories")),
    Case("valid-platforms-string", "0.7", setp("platforms", "web")),
    Case("valid-with-exception", "0.7",
         setp("legal.license", "GPL-2.0-or-later WITH Classpath-exception-2.0")),
    Case("valid-or-expression", "0.7", setp("legal.license", "EUPL-1.2 OR AGPL-3.0-or-later")),
    Case("valid-licenseref", "0.7", setp("legal.license", "LicenseRef-Licence-Ouverte-1.0")),
    Case("valid-contract", "0.7", setp("maintenance", {
        "type": "contract", "contractors": [{"name": "ACME", "until": "2027-01-01"}]})),
    Case("valid-none-no-contacts", "0.7", setp("maintenance", {"type": "none"})),
    Case("valid-supports-alias", "0.7", setp("supports", [{"id": "alias:gdpr"},
                                                          {"id": "urn:x-eu:reg:2016:679"}])),
    Case("valid-organisation-0.5", "0.5", setp("organisation", {
        "uri": "https://www.numerique.gouv.fr", "name": "DINUM"})),
    Case("valid-fundedBy-0.5", "0.5", setp("fundedBy", [{"name": "DINUM",
                                                         "uri": "https://numerique.gouv.fr"}])),
    Case("valid-dependsOn", "0.7", setp("dependsOn", {"open": [
        {"name": "PostgreSQL", "versionMin": "14", "optional": False}]})),
    Case("valid-features-long-0.3", "0.3",
         setp("description.fr.features", ["x" * 300])),
    # 150 user-perceived characters written with 300 code points (e + combining accent)
    Case("valid-short-graphemes", "0.7",
         setp("description.fr.shortDescription", "e\u0301" * 150)),
    Case("valid-bcp47-region", "0.7",
         setp("localisation.availableLanguages", ["fr-CA", "sl-IT-nedis"])),
    Case("valid-countries", "0.7", setp("intendedAudience", {"countries": ["FR", "BE"],
                                                            "scope": ["government"]})),
    Case("valid-logo-svg", "0.7", setp("logo", "docs/logo.svg")),
    Case("valid-screenshots", "0.7", setp("description.fr.screenshots", ["img/a.png", "b.jpg"])),
]
# -- every mandatory key, every version
for v in V:
    for key in MANDATORY_ALL:
        CASES.append(Case(f"missing-{key}-{v}", v, delp(key), key, "publiccodeYmlVersion"))
CASES += [
    Case("missing-version", "0.7", delp("publiccodeYmlVersion"), "publiccodeYmlVersion", "name:"),
    # what only an older declared version asks for is a warning: catalogues (and the
    # reference parser) read every 0.x file with the latest rules
    Case("missing-releaseDate-0.2", "0.2", delp("releaseDate"), "releaseDate",
         "publiccodeYmlVersion", "warning"),
    Case("missing-releaseDate-0.3", "0.3", delp("releaseDate"), "releaseDate",
         "publiccodeYmlVersion", "warning"),
    Case("missing-categories-0.4", "0.4", delp("categories"), "categories",
         "publiccodeYmlVersion", "warning"),
    Case("missing-genericName-0.2", "0.2", delp("description.fr.genericName"),
         "description.fr.genericName", "fr:", "warning"),
    Case("missing-shortDescription", "0.7", delp("description.fr.shortDescription"),
         "description.fr.shortDescription", "fr:"),
    # one language: the key it lacks is named, at the language
    Case("missing-longDescription-all-languages", "0.7", delp("description.fr.longDescription"),
         "description.fr.longDescription", "fr:"),
    Case("missing-features-all-languages", "0.5", delp("description.fr.features"),
         "description.fr.features", "fr:"),
    Case("missing-features-two-languages", "0.7", both(
        delp("description.fr.features"),
        setp("description.en", {"shortDescription": "Checks a repository."})),
        "description", "description:"),
    Case("missing-license", "0.7", setp("legal", {"mainCopyrightOwner": "DINUM"}),
         "legal.license", "legal:"),
    Case("missing-maintenance-type", "0.7", setp("maintenance", {"contacts": [{"name": "A"}]}),
         "maintenance.type", "maintenance:"),
    Case("missing-localisationReady", "0.7", delp("localisation.localisationReady"),
         "localisation.localisationReady", "localisation:"),
    Case("missing-availableLanguages", "0.7", delp("localisation.availableLanguages"),
         "localisation.availableLanguages", "localisation:"),
    Case("missing-contact-name", "0.7", setp("maintenance.contacts", [{"email": "a@b.fr"}]),
         "maintenance.contacts[0].name", "email:"),
    Case("missing-contractor-until", "0.7", setp("maintenance", {
        "type": "contract", "contractors": [{"name": "ACME"}]}),
         "maintenance.contractors[0].until", "name: ACME"),
    Case("empty-description", "0.7", setp("description", {}), "description", "description:"),
]
# -- enums and lists
CASES += [
    Case("enum-developmentStatus", "0.7", setp("developmentStatus", "production"),
         "developmentStatus", "developmentStatus:"),
    Case("enum-softwareType", "0.7", setp("softwareType", "standalone"), "softwareType",
         "softwareType:"),
    Case("enum-softwareAddon", "0.2", setp("softwareType", "softwareAddon"), "softwareType",
         "softwareType:"),
    Case("enum-maintenance-type", "0.7", setp("maintenance.type", "individual"),
         "maintenance.type", "type: individual"),
    Case("enum-category", "0.7", setp("categories", ["utilities"]), "categories[0]",
         "- utilities"),
    Case("enum-category-other-0.4", "0.4", setp("categories", ["other"]), "categories[0]",
         "- other", "warning"),
    Case("enum-category-whistleblowing-0.2", "0.2", setp("categories", ["whistleblowing"]),
         "categories[0]", "- whistleblowing", "warning"),
    Case("enum-category-design-system-0.3", "0.3", setp("categories", ["design-system"]),
         "categories[0]", "- design-system", "warning"),
    Case("enum-category-unknown-0.7", "0.7", setp("categories", ["web-sites"]),
         "categories[0]", "- web-sites"),
    Case("valid-category-design-system-0.4", "0.4", setp("categories", ["design-system"])),
    Case("enum-scope", "0.7", setp("intendedAudience", {"scope": ["public-sector"]}),
         "intendedAudience.scope[0]", "- public-sector"),
    Case("empty-platforms", "0.7", setp("platforms", []), "platforms", "platforms:"),
    Case("empty-availableLanguages", "0.7", setp("localisation.availableLanguages", []),
         "localisation.availableLanguages", "availableLanguages:"),
    # an empty list is the key left out: then contacts are missing for type internal
    Case("empty-contacts", "0.7", setp("maintenance.contacts", []), "maintenance.contacts",
         "maintenance:"),
]
# -- lengths, counted in grapheme clusters
CASES += [
    Case("short-151", "0.7", setp("description.fr.shortDescription", "é" * 151),
         "description.fr.shortDescription", "shortDescription:"),
    Case("short-151-graphemes", "0.7",
         setp("description.fr.shortDescription", "👩‍👩‍👧" * 151),
         "description.fr.shortDescription", "shortDescription:"),
    Case("genericName-36", "0.2", setp("description.fr.genericName", "g" * 36),
         "description.fr.genericName", "genericName:"),
    Case("long-149-0.3", "0.3", setp("description.fr.longDescription", "l" * 149),
         "description.fr.longDescription", "longDescription:"),
    Case("long-499-0.2", "0.2", setp("description.fr.longDescription", "l" * 499),
         "description.fr.longDescription", "longDescription:", "warning"),
    Case("long-149-0.2", "0.2", setp("description.fr.longDescription", "l" * 149),
         "description.fr.longDescription", "longDescription:"),
    Case("valid-long-150-0.7", "0.7", setp("description.fr.longDescription", "l" * 150)),
    Case("long-10001", "0.7", setp("description.fr.longDescription", "l" * 10001),
         "description.fr.longDescription", "longDescription:"),
    Case("feature-101-0.2", "0.2", setp("description.fr.features", ["f" * 101]),
         "description.fr.features[0]", "- fff", "warning"),
    Case("empty-name", "0.7", setp("name", ""), "name", "name:"),
]
# -- conditional maintenance rules
CASES += [
    Case("contract-without-contractors", "0.7", setp("maintenance", {"type": "contract"}),
         "maintenance.contractors", "maintenance:"),
    Case("internal-with-contractors-0.7", "0.7",
         setp("maintenance.contractors", [{"name": "ACME", "until": "2027-01-01"}]),
         "maintenance.contractors", "contractors:"),
    Case("community-without-contacts", "0.4", setp("maintenance", {"type": "community"}),
         "maintenance.contacts", "maintenance:"),
    Case("internal-without-contacts-0.2", "0.2", setp("maintenance", {"type": "internal"}),
         "maintenance.contacts", "maintenance:"),
]
# -- values: SPDX, BCP 47, ISO 3166-1, dates, URLs, e-mail, paths
CASES += [
    Case("license-unknown", "0.7", setp("legal.license", "Licence Ouverte"), "legal.license",
         "license:"),
    Case("license-bad-with", "0.7", setp("legal.license", "Apache-2.0 WITH MIT"),
         "legal.license", "license:"),
    Case("license-dangling-or", "0.7", setp("legal.license", "MIT OR"), "legal.license",
         "license:"),
    Case("license-deprecated", "0.7", setp("legal.license", "GPL-3.0"), "legal.license",
         "license:", "warning"),
    Case("license-case", "0.7", setp("legal.license", "mit"), "legal.license", "license:",
         "warning"),
    Case("language-key-not-bcp47", "0.7", setp("description", {"english": {
        "shortDescription": "x", "longDescription": LONG, "features": ["a"]}}),
         "description.english", "english:"),
    Case("language-underscore", "0.7", setp("localisation.availableLanguages", ["en_US"]),
         "localisation.availableLanguages[0]", "- en_US"),
    Case("country-unknown", "0.7", setp("intendedAudience", {"countries": ["XX"]}),
         "intendedAudience.countries[0]", "- XX"),
    Case("country-lowercase-0.7", "0.7", setp("intendedAudience", {"countries": ["fr"]}),
         "intendedAudience.countries[0]", "- fr", "warning"),
    Case("date-month-13", "0.7", setp("releaseDate", "2026-13-01"), "releaseDate",
         "releaseDate:"),
    Case("date-french-format", "0.7", setp("releaseDate", "01/03/2026"), "releaseDate",
         "releaseDate:"),
    Case("date-contractor", "0.7", setp("maintenance", {
        "type": "contract", "contractors": [{"name": "ACME", "until": "2027"}]}),
         "maintenance.contractors[0].until", "until:"),
    Case("url-not-url", "0.7", setp("url", "medusa"), "url", "url:"),
    Case("url-file", "0.7", setp("url", "file:///srv/git/medusa"), "url", "url:"),
    Case("documentation-not-url", "0.7", setp("description.fr.documentation", "docs/"),
         "description.fr.documentation", "documentation:"),
    Case("email-invalid", "0.7", setp("maintenance.contacts.0.email", "camille at gouv"),
         "maintenance.contacts[0].email", "email:"),
    # a whole number means the same digits (the reference parser reads it as text)
    Case("phone-number", "0.7", setp("maintenance.contacts.0.phone", 33123456789),
         "maintenance.contacts[0].phone", "phone:", "warning"),
    Case("version-float", "0.7", setp("softwareVersion", 1.10),
         "softwareVersion", "softwareVersion:"),
    Case("logo-absolute", "0.7", setp("logo", "/srv/logo.svg"), "logo", "logo:"),
    Case("logo-file-url", "0.7", setp("logo", "file:///srv/logo.svg"), "logo", "logo:"),
    Case("logo-jpg", "0.7", setp("logo", "logo.jpg"), "logo", "logo:"),
    Case("logo-escapes", "0.7", setp("logo", "../logo.svg"), "logo", "logo:"),
    Case("screenshot-gif", "0.7", setp("description.fr.screenshots", ["a.gif"]),
         "description.fr.screenshots[0]", "- a.gif"),
    Case("supports-unknown-alias", "0.7", setp("supports", [{"id": "alias:rgpd"}]),
         "supports[0].id", "id: alias:rgpd"),
    Case("supports-0.5-unknown", "0.5", setp("supports", [{"id": "alias:gdpr"}]),
         "supports", "supports:", "warning"),
    Case("organisation-0.4-unknown", "0.4", setp("organisation", {"uri": "https://a.fr"}),
         "organisation", "organisation:", "warning"),
    Case("organisation-without-uri", "0.7", setp("organisation", {"name": "DINUM"}),
         "organisation.uri", "organisation:"),
    Case("optional-not-boolean", "0.7", setp("dependsOn", {"open": [
        {"name": "PostgreSQL", "optional": "yes please"}]}),
         "dependsOn.open[0].optional", "optional:"),
]
# -- wrong types
CASES += [
    Case("type-platforms-number", "0.7", setp("platforms", 3), "platforms", "platforms:"),
    Case("type-isBasedOn", "0.7", setp("isBasedOn", {"url": "x"}), "isBasedOn", "isBasedOn:"),
    Case("valid-isBasedOn-list", "0.7", setp("isBasedOn", ["https://github.com/a/b.git"])),
    Case("type-language-section", "0.7", setp("description.fr", "Un outil."),
         "description.fr", "fr:"),
    Case("type-localisationReady", "0.7", setp("localisation.localisationReady", "true"),
         "localisation.localisationReady", "localisationReady:"),
    Case("type-features", "0.7", setp("description.fr.features", "Tout"),
         "description.fr.features", "features:"),
    Case("type-legal", "0.7", setp("legal", "EUPL-1.2"), "legal", "legal:"),
    Case("type-usedBy", "0.7", setp("usedBy", "DINUM"), "usedBy", "usedBy:"),
    Case("type-country-section", "0.7", setp("FR", "oui"), "FR", "FR:"),
    Case("unknown-country-section", "0.7", setp("ZZ", {"a": 1}), "ZZ", "ZZ:"),
]
# -- versions, unknown and deprecated keys, the old code.gouv.fr layout
CASES += [
    Case("version-unknown", "0.7", setp("publiccodeYmlVersion", "1.0"), "publiccodeYmlVersion",
         "publiccodeYmlVersion"),
    Case("version-number", "0.7", setp("publiccodeYmlVersion", 0.4), "publiccodeYmlVersion",
         "publiccodeYmlVersion"),
    Case("version-old", "0.4", None, "publiccodeYmlVersion", "publiccodeYmlVersion", "warning"),
    Case("unknown-top-key", "0.7", setp("homepage", "https://a.fr"), "homepage", "homepage:"),
    Case("unknown-typo-licence", "0.7", setp("legal.licence", "MIT"), "legal.licence",
         "licence:"),
    Case("unknown-in-description", "0.7", setp("description.fr.summary", "x"),
         "description.fr.summary", "summary:"),
    Case("deprecated-monochromeLogo", "0.7", setp("monochromeLogo", "logo-mono.svg"),
         "monochromeLogo", "monochromeLogo:", "warning"),
    Case("deprecated-genericName-0.3", "0.3", setp("description.fr.genericName", "Outil"),
         "description.fr.genericName", "genericName:", "warning"),
    Case("deprecated-authorsFile-0.4", "0.4", setp("legal.authorsFile", "AUTHORS"),
         "legal.authorsFile", "authorsFile:", "warning"),
    Case("deprecated-repoOwner-0.5", "0.5", setp("legal.repoOwner", "DINUM"),
         "legal.repoOwner", "repoOwner:", "warning"),
    Case("deprecated-country-section-0.7", "0.7", setp("IT", {"countryExtensionVersion": "1.0"}),
         "IT", "IT:", "warning"),
    # one stray key of the old code.gouv.fr layout is a warning; the layout is an error
    Case("legacy-creationDate", "0.2", setp("creationDate", "2020-01-01"), "creationDate",
         "creationDate:", "warning"),
    Case("legacy-latestRelease", "0.2", setp("latestRelease", {"version": "1", "date": "x"}),
         "latestRelease", "latestRelease:", "warning"),
    Case("legacy-metadataFiles", "0.2", setp("metadataFiles", {"readme": "README.md"}),
         "metadataFiles", "metadataFiles:", "warning"),
    Case("legacy-layout", "0.2", both(setp("creationDate", "2020-01-01"),
                                      setp("metadataFiles", {"readme": "README.md"})),
         "metadataFiles", "metadataFiles:"),
    Case("legacy-authors", "0.2", both(setp("creationDate", "2020-01-01"),
                                       setp("authors", ["A. Agent"])), "authors", "authors:"),
    Case("legacy-fundedBy-0.2", "0.2", both(setp("creationDate", "2020-01-01"),
                                            setp("fundedBy", [{"name": "DINUM"}])),
         "fundedBy", "fundedBy:"),
    Case("legacy-fundedBy-url", "0.5", setp("fundedBy", [{"name": "D", "url": "https://d.fr"}]),
         "fundedBy[0].url", "url: https://d.fr", "warning"),
    Case("legacy-contact", "0.2", setp("contact", {"name": "A", "email": "a@b.fr"}), "contact",
         "contact:", "warning"),
]
# -- YAML-level traps, written as text
CASES += [
    # text for the reference parser (YAML 1.2), a boolean for PyYAML: to quote, not an
    # error (`- no`, Norwegian, in InseeFrLab/onyxia's availableLanguages)
    Case("yaml11-boolean-name", "0.7", None, "name", "name: yes", "warning",
         raw="name: yes\n"),
    Case("yaml11-boolean-language", "0.7", None, "localisation.availableLanguages[1]", "- no",
         "warning", raw="localisation:\n  localisationReady: true\n  availableLanguages:\n"
         "    - fr\n    - no\n"),
    Case("yaml11-boolean-localisationReady", "0.7", None, "localisation.localisationReady",
         "localisationReady: yes", "warning", raw="localisation:\n  localisationReady: yes\n"
         "  availableLanguages: [fr]\n"),
    Case("duplicate-key", "0.7", None, "name", "name: Second", raw="name: Second\n"),
    Case("unquoted-date-is-text", "0.7", None, None, raw="releaseDate: 2026-03-01\n"),
]


def render(case: Case) -> str:
    doc = base(case.version)
    if case.mutation:
        case.mutation(doc)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=10000)
    if case.raw is None:
        return text
    if case.id == "duplicate-key":
        return text + case.raw
    # replace the top-level keys the raw text defines
    raw_keys = {line.split(":")[0] for line in case.raw.splitlines() if line[:1].isalpha()}
    kept = [k for k in doc if k not in raw_keys]
    trimmed = {k: doc[k] for k in kept}
    return yaml.safe_dump(trimmed, sort_keys=False, allow_unicode=True, width=10000) + case.raw


def test_there_are_at_least_80_cases() -> None:
    assert len(CASES) >= 80
    assert sum(1 for c in CASES if c.key) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    text = render(case)
    result = validate(text)
    lines = text.splitlines()
    if case.key is None:
        assert result.errors == [], "\n".join(i.render("en") for i in result.errors) + "\n" + text
        return
    matching = [i for i in result.issues if i.key == case.key and i.severity.value == case.severity]
    assert matching, (f"no {case.severity} on {case.key}; got:\n"
                      + "\n".join(i.render("en") for i in result.issues) + "\n" + text)
    issue = matching[0]
    assert case.line_has in lines[issue.line - 1], (issue.render("en"), lines[issue.line - 1])
    assert issue.column >= 1
    assert issue.message.fr and issue.message.en and issue.message.fr != ""
    if case.severity == "warning":
        assert not [i for i in result.errors if i.key == case.key]


def test_copy_of_base_is_independent() -> None:
    a = base("0.7")
    b = copy.deepcopy(a)
    setp("legal.license", "MIT")(b)
    assert a["legal"]["license"] == "EUPL-1.2"


def test_a_licence_the_library_stumbles_on_gets_our_words_not_its_internal_error() -> None:
    from opencheck.publiccode.values import spdx_problem

    for expression, detail in (("MIT OR", "(invalid expression)"),
                               ("MIT\x07", "(a control or invisible character, U+0007)"),
                               ("MIT\u2028OR Apache-2.0",
                                "(a control or invisible character, U+2028)")):
        error, warning = spdx_problem(expression)
        assert error is not None and warning is None
        assert detail in error.en and "attribute" not in error.en, expression
    error, _ = spdx_problem("MIT\x07")
    assert error is not None and "(un caractère de contrôle ou invisible, U+0007)" in error.fr
    assert spdx_problem("MIT\tOR Apache-2.0") == (None, None)  # a tab is a blank
