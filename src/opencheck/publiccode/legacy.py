# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The older code.gouv.fr layout, key by key, and its migration to the current version.

DINUM's awesome-codegouvfr list (2023-2024) described projects with keys of its own
(`creationDate`, `latestRelease`, `metadataFiles`, `awesomeScore`...) under
`publiccodeYmlVersion: "0.2"`, and several projects copied that layout into their
repository. Those keys are not in any version of the standard.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import yaml

from opencheck.model import Text
from opencheck.publiccode.versions import LATEST

# Keys that only the old layout uses: one of them is enough to recognise it.
MARKERS = (
    "creationDate", "latestRelease", "latestReleaseDate", "latestCommitDate",
    "metadataFiles", "lastUpdated", "awesomeScore", "awesomeShield",
)

EXPLAIN: dict[str, Text] = {
    "creationDate": Text(
        "clé de l'ancien format code.gouv.fr, absente du standard : la date de création "
        "se lit dans l'historique git. Supprimez-la.",
        "key of the old code.gouv.fr layout, not in the standard: the creation date is "
        "read from the git history. Remove it.",
    ),
    "latestRelease": Text(
        "clé de l'ancien format code.gouv.fr : « latestRelease.version » devient "
        "« softwareVersion » et « latestRelease.date » devient « releaseDate » (AAAA-MM-JJ).",
        "key of the old code.gouv.fr layout: 'latestRelease.version' becomes "
        "'softwareVersion' and 'latestRelease.date' becomes 'releaseDate' (YYYY-MM-DD).",
    ),
    "latestReleaseDate": Text(
        "clé de l'ancien format code.gouv.fr : renommez-la « releaseDate » (AAAA-MM-JJ).",
        "key of the old code.gouv.fr layout: rename it 'releaseDate' (YYYY-MM-DD).",
    ),
    "latestCommitDate": Text(
        "clé de l'ancien format code.gouv.fr, calculée par la forge : supprimez-la.",
        "key of the old code.gouv.fr layout, computed by the forge: remove it.",
    ),
    "metadataFiles": Text(
        "clé de l'ancien format code.gouv.fr : les outils trouvent README, LICENSE, "
        "CONTRIBUTING... d'eux-mêmes ; la licence se déclare dans « legal.license » "
        "(SPDX). Supprimez-la.",
        "key of the old code.gouv.fr layout: tools find README, LICENSE, CONTRIBUTING... "
        "by themselves; the licence goes in 'legal.license' (SPDX). Remove it.",
    ),
    "lastUpdated": Text(
        "clé de l'ancien format code.gouv.fr, calculée : supprimez-la.",
        "key of the old code.gouv.fr layout, computed: remove it.",
    ),
    "awesomeScore": Text(
        "score calculé par code.gouv.fr (ancien format), pas une donnée du projet : "
        "supprimez-le.",
        "score computed by code.gouv.fr (old layout), not project data: remove it.",
    ),
    "awesomeShield": Text(
        "badge calculé par code.gouv.fr (ancien format) : mettez-le dans le README et "
        "supprimez-le d'ici.",
        "badge computed by code.gouv.fr (old layout): put it in the README and remove it "
        "from here.",
    ),
    "contact": Text(
        "clé de l'ancien format : les contacts vont dans « maintenance.contacts » "
        "(liste de personnes avec name, email, affiliation).",
        "key of the old layout: contacts go in 'maintenance.contacts' (a list of people "
        "with name, email, affiliation).",
    ),
    "screenshots": Text(
        "au niveau racine dans l'ancien format : les captures vont dans "
        "« description.<langue>.screenshots ».",
        "at the top level in the old layout: screenshots go in "
        "'description.<language>.screenshots'.",
    ),
    "genericName": Text(
        "au niveau racine dans l'ancien format : « genericName » va dans "
        "« description.<langue> » et il est obsolète depuis 0.3.",
        "at the top level in the old layout: 'genericName' goes in "
        "'description.<language>' and is deprecated since 0.3.",
    ),
}

EXPLAIN["authors"] = Text(
    "clé de l'ancien format code.gouv.fr : les auteurs se listent dans un fichier AUTHORS "
    "du dépôt ; les contacts vont dans « maintenance.contacts ». Supprimez-la.",
    "key of the old code.gouv.fr layout: authors are listed in an AUTHORS file of the "
    "repository; contacts go in 'maintenance.contacts'. Remove it.",
)

FUNDED_BY_BEFORE_05 = Text(
    "« fundedBy » n'existe qu'à partir de la version 0.5 (éléments avec name et uri) : "
    "passez à publiccodeYmlVersion: \"0.7\".",
    "'fundedBy' only exists from version 0.5 (items with name and uri): move to "
    "publiccodeYmlVersion: \"0.7\".",
)
FUNDED_BY_URL = Text(
    "« url » est l'ancien format code.gouv.fr : dans le standard, l'organisation a "
    "« name » et « uri ».",
    "'url' is the old code.gouv.fr layout: in the standard an organisation has 'name' "
    "and 'uri'.",
)


def is_legacy(data: Any) -> bool:
    return isinstance(data, dict) and any(key in data for key in MARKERS)


def is_legacy_key(key: object, data: dict[str, Any], schema_version: str) -> bool:
    """A top-level key of the old code.gouv.fr layout (or `fundedBy` before 0.5)."""
    if key == "fundedBy":
        return schema_version in ("0.2", "0.3", "0.4")
    return key in EXPLAIN


@dataclass
class Migration:
    data: dict[str, Any]
    notes: list[Text]

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True, width=88)


def migrate(original: dict[str, Any]) -> Migration:
    """The same content in the latest version: every change is noted for the user.

    Values are moved, never invented: what the old layout cannot give (platforms,
    developmentStatus...) stays missing and the validator then names it.
    """
    data = copy.deepcopy(original)
    notes: list[Text] = []

    def note(fr: str, en: str) -> None:
        notes.append(Text(fr, en))

    declared = data.get("publiccodeYmlVersion")
    data["publiccodeYmlVersion"] = LATEST
    if declared != LATEST:
        note(f"publiccodeYmlVersion : {declared!r} -> \"{LATEST}\".",
             f"publiccodeYmlVersion: {declared!r} -> \"{LATEST}\".")
    release = data.pop("latestRelease", None)
    if isinstance(release, dict):
        if release.get("version") and "softwareVersion" not in data:
            data["softwareVersion"] = str(release["version"])
            note("latestRelease.version -> softwareVersion.",
                 "latestRelease.version -> softwareVersion.")
        if release.get("date") and "releaseDate" not in data:
            data["releaseDate"] = str(release["date"])[:10]
            note("latestRelease.date -> releaseDate.", "latestRelease.date -> releaseDate.")
    if release is not None:
        note("latestRelease supprimé.", "latestRelease removed.")
    release_date = data.pop("latestReleaseDate", None)
    if release_date and "releaseDate" not in data:
        data["releaseDate"] = str(release_date)[:10]
        note("latestReleaseDate -> releaseDate.", "latestReleaseDate -> releaseDate.")
    for key in ("creationDate", "latestCommitDate", "metadataFiles", "lastUpdated",
                "awesomeScore", "awesomeShield", "authors"):
        if key in data:
            del data[key]
            note(f"{key} supprimé (absent du standard).", f"{key} removed (not in the standard).")
    contact = data.pop("contact", None)
    if contact:
        people = contact if isinstance(contact, list) else [contact]
        maintenance = data.setdefault("maintenance", {})
        if isinstance(maintenance, dict) and not maintenance.get("contacts"):
            maintenance["contacts"] = [p for p in people if isinstance(p, dict)]
            note("contact -> maintenance.contacts.", "contact -> maintenance.contacts.")
    _move_into_description(data, "screenshots", notes)
    _move_into_description(data, "genericName", notes, drop=True)
    _drop_deprecated(data, notes)
    funded = data.get("fundedBy")
    if isinstance(funded, list):
        for item in funded:
            if isinstance(item, dict) and "url" in item and "uri" not in item:
                item["uri"] = item.pop("url")
                note("fundedBy[].url -> fundedBy[].uri.", "fundedBy[].url -> fundedBy[].uri.")
    legal = data.get("legal")
    if isinstance(legal, dict) and "repoOwner" in legal:
        owner = legal.pop("repoOwner")
        if owner and "organisation" not in data:
            data["organisation"] = {"name": owner, "uri": "TODO: https://..."}
            note("legal.repoOwner -> organisation.name (indiquez organisation.uri).",
                 "legal.repoOwner -> organisation.name (fill in organisation.uri).")
    if _drop_empty(data):
        note("Valeurs vides (\"\", [], null) laissées par le modèle supprimées.",
             "Empty values (\"\", [], null) left from the template removed.")
    legal = data.get("legal")
    if isinstance(legal, dict) and isinstance(legal.get("license"), str):
        from opencheck.publiccode.values import spdx_problem

        error, _ = spdx_problem(legal["license"])
        if not error:
            from opencheck.publiccode.values import licensing

            normal = str(licensing(legal["license"]).validate(legal["license"])
                         .normalized_expression)
            if normal != legal["license"]:
                note(f"legal.license : {legal['license']} -> {normal}.",
                     f"legal.license: {legal['license']} -> {normal}.")
                legal["license"] = normal
    for key in [k for k in data if isinstance(k, str) and len(k) == 2 and k.isalpha()]:
        note(f"Section pays « {key} » conservée mais obsolète en 0.7 : utilisez « supports » "
             "et « organisation ».",
             f"Country section '{key}' kept but deprecated in 0.7: use 'supports' and "
             "'organisation'.")
    return Migration(data, notes)


def _drop_deprecated(data: dict[str, Any], notes: list[Text]) -> None:
    """Keys deprecated by 0.3-0.5 go; lower-case countries are written in upper case."""
    for key in ("monochromeLogo", "inputTypes", "outputTypes"):
        if key in data:
            del data[key]
            notes.append(Text(f"{key} supprimé (obsolète depuis 0.3).",
                              f"{key} removed (deprecated since 0.3)."))
    description = data.get("description")
    if isinstance(description, dict):
        for language, text in description.items():
            if isinstance(text, dict) and "genericName" in text:
                del text["genericName"]
                notes.append(Text(
                    f"description.{language}.genericName supprimé (obsolète depuis 0.3).",
                    f"description.{language}.genericName removed (deprecated since 0.3)."))
    legal = data.get("legal")
    if isinstance(legal, dict) and "authorsFile" in legal:
        del legal["authorsFile"]
        notes.append(Text("legal.authorsFile supprimé (obsolète depuis 0.4).",
                          "legal.authorsFile removed (deprecated since 0.4)."))
    audience = data.get("intendedAudience")
    if isinstance(audience, dict):
        for key in ("countries", "unsupportedCountries"):
            codes = audience.get(key)
            if isinstance(codes, list) and any(isinstance(c, str) and c != c.upper()
                                               for c in codes):
                audience[key] = [c.upper() if isinstance(c, str) else c for c in codes]
                notes.append(Text(f"intendedAudience.{key} en majuscules (ISO 3166-1).",
                                  f"intendedAudience.{key} in upper case (ISO 3166-1)."))


def _drop_empty(value: Any) -> bool:
    """Remove empty strings, lists, mappings and nulls, depth first; True if any."""
    dropped = False
    if isinstance(value, dict):
        for key in list(value):
            dropped |= _drop_empty(value[key])
            if value[key] in ("", None, [], {}):
                del value[key]
                dropped = True
    elif isinstance(value, list):
        for item in value:
            dropped |= _drop_empty(item)
        kept = [item for item in value if item not in ("", None, [], {})]
        dropped |= len(kept) != len(value)
        value[:] = kept
    return dropped


def _move_into_description(
    data: dict[str, Any], key: str, notes: list[Text], drop: bool = False
) -> None:
    if key not in data:
        return
    value = data.pop(key)
    description = data.get("description")
    if drop or not isinstance(description, dict) or not description:
        notes.append(Text(f"{key} (racine) supprimé.", f"{key} (top level) removed."))
        return
    for language in description.values():
        if isinstance(language, dict):
            language.setdefault(key, value)
    notes.append(Text(f"{key} -> description.<langue>.{key}.",
                      f"{key} -> description.<language>.{key}."))
