# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Write `schemas/publiccode/publiccode-<version>.schema.json`, one per version.

The schemas are written from the standard's text (`schema.core-<version>.rst`, CC0);
building them from one description keeps the differences between versions in one
place, where a reviewer can read them. Run `python scripts/publiccode_schemas.py`
after a change; a test checks that the committed files match.

What JSON Schema cannot say well (SPDX expressions, BCP 47 tags, ISO 3166-1 codes,
"mandatory in at least one language", deprecations) is checked in Python, in
`opencheck.publiccode.validate`. Lengths here are counted by opencheck in grapheme
clusters, as the standard means them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

VERSIONS = ("0.2", "0.3", "0.4", "0.5", "0.7")
OUT = Path(__file__).resolve().parent.parent / "schemas" / "publiccode"

CATEGORIES_02 = [
    "accounting", "agile-project-management", "applicant-tracking",
    "application-development", "appointment-scheduling", "backup",
    "billing-and-invoicing", "blog", "budgeting", "business-intelligence",
    "business-process-management", "cad", "call-center-management", "cloud-management",
    "collaboration", "communications", "compliance-management", "contact-management",
    "content-management", "crm", "customer-service-and-support", "data-analytics",
    "data-collection", "data-visualization", "digital-asset-management",
    "digital-citizenship", "document-management", "donor-management", "e-commerce",
    "e-signature", "email-management", "email-marketing", "employee-management",
    "enterprise-project-management", "enterprise-social-networking", "erp",
    "event-management", "facility-management", "feedback-and-reviews-management",
    "financial-reporting", "fleet-management", "fundraising", "gamification",
    "geographic-information-systems", "grant-management", "graphic-design", "help-desk",
    "hr", "ide", "identity-management", "instant-messaging", "inventory-management",
    "it-asset-management", "it-development", "it-management", "it-security",
    "it-service-management", "knowledge-management", "learning-management-system",
    "marketing", "mind-mapping", "mobile-marketing", "mobile-payment",
    "network-management", "office", "online-booking", "online-community",
    "payment-gateway", "payroll", "predictive-analysis", "procurement",
    "productivity-suite", "project-collaboration", "project-management",
    "property-management", "real-estate-management", "remote-support",
    "resource-management", "sales-management", "seo", "service-desk",
    "social-media-management", "survey", "talent-management", "task-management",
    "taxes-management", "test-management", "time-management", "time-tracking",
    "translation", "video-conferencing", "video-editing", "visitor-management", "voip",
    "warehouse-management", "web-collaboration", "web-conferencing", "website-builder",
    "workflow-management",
]
# CHANGELOG.rst: categories added by each version.
CATEGORIES_ADDED = {
    "0.3": ["educational-content", "whistleblowing"],
    "0.4": ["design", "design-system", "integrated-library-system",
            "regulations-and-directives"],
    "0.5": ["other"],
}
SCOPES = [
    "agriculture", "culture", "defence", "education", "emergency-services", "employment",
    "energy", "environment", "finance-and-economic-development", "foreign-affairs",
    "government", "healthcare", "infrastructures", "justice", "local-authorities",
    "manufacturing", "research", "science-and-technology", "security", "society", "sport",
    "tourism", "transportation", "welfare",
]
SOFTWARE_TYPES = [
    "standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
    "standalone/backend", "standalone/other", "addon", "library", "configurationFiles",
]
DEVELOPMENT_STATUS = ["concept", "development", "beta", "stable", "obsolete"]
MAINTENANCE_TYPES = ["internal", "contract", "community", "none"]

STRING = {"type": "string"}
TEXT = {"type": "string", "minLength": 1}
URL = {"type": "string", "format": "uri"}
# landingURL, roadmap, documentation...: web pages, so http(s) only (a custom format:
# plain JSON Schema tools ignore it and see a string).
WEB = {"type": "string", "format": "http-url"}
DATE = {"type": "string", "format": "date"}
STRINGS = {"type": "array", "items": STRING}


def newer(version: str, than: str) -> bool:
    return tuple(map(int, version.split("."))) >= tuple(map(int, than.split(".")))


def categories(version: str) -> list[str]:
    found = list(CATEGORIES_02)
    for added_in, names in CATEGORIES_ADDED.items():
        if newer(version, added_in):
            found += names
    return sorted(found, key=lambda name: (name == "other", name))


def obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def description_language(version: str) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "localisedName": TEXT,
        "genericName": {"type": "string", "minLength": 1, "maxLength": 35},
        "shortDescription": {"type": "string", "minLength": 1, "maxLength": 150},
        "longDescription": {
            "type": "string",
            "minLength": 500 if version == "0.2" else 150,
            "maxLength": 10000,
        },
        "documentation": WEB,
        "apiDocumentation": WEB,
        "features": {
            "type": "array",
            "items": {"type": "string", "minLength": 1, "maxLength": 100}
            if version == "0.2" else TEXT,
        },
        "screenshots": STRINGS,
        "videos": {"type": "array", "items": WEB},
        "awards": STRINGS,
    }
    required = ["shortDescription"]
    if version == "0.2":
        required.append("genericName")
    return obj(properties, required)


def maintenance(version: str) -> dict[str, Any]:
    contact = obj(
        {"name": TEXT, "email": {"type": "string", "format": "email"},
         "phone": STRING, "affiliation": STRING},
        ["name"],
    )
    contractor = obj(
        {"name": TEXT, "until": DATE, "email": {"type": "string", "format": "email"},
         "website": WEB},
        ["name", "until"],
    )
    schema = obj(
        {
            "type": {"enum": MAINTENANCE_TYPES},
            "contractors": {"type": "array", "minItems": 1, "items": contractor},
            "contacts": {"type": "array", "minItems": 1, "items": contact},
        },
        ["type"],
    )
    rules: list[dict[str, Any]] = [
        {
            "if": {"properties": {"type": {"const": "contract"}}, "required": ["type"]},
            "then": {"required": ["contractors"]},
        },
        {
            "if": {"properties": {"type": {"enum": ["internal", "community"]}},
                   "required": ["type"]},
            "then": {"required": ["contacts"]},
        },
    ]
    if newer(version, "0.5"):
        # 0.5 made explicit that contractors "must not be present otherwise".
        rules.append({
            "if": {"properties": {"type": {"enum": ["internal", "community", "none"]}},
                   "required": ["type"]},
            "then": {"properties": {"contractors": False}},
        })
    schema["allOf"] = rules
    return schema


def italian_section() -> dict[str, Any]:
    """schema.it.rst: countryExtensionVersion "1.0" ("0.2", the older extension, is
    accepted: real files still declare it with the same keys)."""
    boolean = {"type": "boolean"}
    return obj({
        "countryExtensionVersion": {"enum": ["1.0", "0.2"]},
        "conforme": obj({key: boolean for key in (
            "lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza", "gdpr")}),
        "piattaforme": obj({key: boolean for key in ("spid", "cie", "anpr", "pagopa", "io")}),
        "riuso": obj({"codiceIPA": TEXT}),
    })


def build(version: str) -> dict[str, Any]:
    dependency = obj(
        {"name": TEXT, "versionMin": STRING, "versionMax": STRING, "version": STRING,
         "optional": {"type": "boolean"}},
        ["name"],
    )
    dependencies = {"type": "array", "items": dependency}
    properties: dict[str, Any] = {
        "publiccodeYmlVersion": STRING,
        "name": TEXT,
        "applicationSuite": STRING,
        "url": URL,
        "landingURL": WEB,
        "isBasedOn": {"anyOf": [URL, {"type": "array", "items": URL}]},
        "softwareVersion": STRING,
        "releaseDate": DATE,
        "logo": STRING,
        "monochromeLogo": STRING,
        "inputTypes": STRINGS,
        "outputTypes": STRINGS,
        "platforms": {"anyOf": [TEXT, {"type": "array", "minItems": 1, "items": TEXT}]},
        # no minimum: an empty list is the key left out (the standard sets none)
        "categories": {"type": "array", "items": {"enum": categories(version)}},
        "usedBy": STRINGS,
        "roadmap": WEB,
        "developmentStatus": {"enum": DEVELOPMENT_STATUS},
        "softwareType": {"enum": SOFTWARE_TYPES},
        "intendedAudience": obj({
            "countries": STRINGS,
            "unsupportedCountries": STRINGS,
            "scope": {"type": "array", "items": {"enum": SCOPES}},
        }),
        "description": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": description_language(version),
        },
        "legal": obj(
            {"license": TEXT, "mainCopyrightOwner": STRING, "repoOwner": STRING,
             "authorsFile": STRING},
            ["license"],
        ),
        "maintenance": maintenance(version),
        "localisation": obj(
            {"localisationReady": {"type": "boolean"},
             "availableLanguages": {"type": "array", "minItems": 1, "items": TEXT}},
            ["localisationReady", "availableLanguages"],
        ),
        "dependsOn": obj(
            {"open": dependencies, "proprietary": dependencies, "hardware": dependencies}
        ),
    }
    if newer(version, "0.5"):
        # as for `organisation`, the uri identifies a funder; the name is optional
        funder = obj({"name": TEXT, "uri": URL}, ["uri"])
        properties["fundedBy"] = {"type": "array", "items": funder}
        properties["organisation"] = obj({"uri": URL, "name": TEXT}, ["uri"])
    if newer(version, "0.7"):
        properties["supports"] = {
            "type": "array",
            "items": obj({"id": {"type": "string", "format": "uri"}}, ["id"]),
        }
    required = [
        "publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus",
        "softwareType", "description", "legal", "maintenance", "localisation",
    ]
    if not newer(version, "0.4"):
        required.append("releaseDate")
    if not newer(version, "0.5"):
        required.append("categories")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://code.gouv.fr/opencheck/schemas/publiccode/publiccode-{version}.schema.json",
        "title": f"publiccode.yml {version}",
        "description": (
            f"publiccode.yml version {version}, written by opencheck from the standard "
            f"(schema.core-{version}.rst). Lengths are in user-perceived characters. "
            "Two-letter keys are country sections (deprecated from 0.7). The format "
            "http-url is an absolute http(s) URL."
        ),
        "type": "object",
        "required": required,
        "properties": properties,
        # country sections: all upper case (lower case deprecated); Italy's has a schema
        "patternProperties": {"^(?:IT|it)$": italian_section(),
                              "^(?:[A-Z]{2}|[a-z]{2})$": {"type": "object"}},
        "additionalProperties": False,
    }


def render(version: str) -> str:
    return json.dumps(build(version), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for version in VERSIONS:
        (OUT / f"publiccode-{version}.schema.json").write_text(render(version), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
