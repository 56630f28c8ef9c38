# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Validate a publiccode.yml against its version of the standard: every problem at once.

Steps: read (loader), pick the version, run the version's JSON Schema (lengths counted
in grapheme clusters), then the checks a schema cannot express (values, deprecations,
the old code.gouv.fr layout). Each problem is an Issue with its key path and position.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from opencheck.data import load_schema
from opencheck.model import Severity, Text
from opencheck.publiccode import legacy, values
from opencheck.publiccode.issues import Issue, Path, key_path
from opencheck.publiccode.loader import Document, LoadError, load
from opencheck.publiccode.versions import LATEST, Version, older, parse

ERROR, WARNING = Severity.ERROR, Severity.WARNING
MAX_ISSUES = 500
LOGO_FORMATS = (".svg", ".svgz", ".png")
SCREENSHOT_FORMATS = (".png", ".jpg", ".jpeg")
ALIASES = ("gdpr", "eidas", "nis2", "cra", "spid", "cie", "anpr", "pagopa", "io")
TYPE_NAMES = {
    "string": Text("un texte", "a string"),
    "boolean": Text("un booléen (true/false)", "a boolean (true/false)"),
    "array": Text("une liste", "a list"),
    "object": Text("un objet (des clés)", "a mapping (keys)"),
    "integer": Text("un entier", "an integer"),
    "number": Text("un nombre", "a number"),
}


@dataclass
class Result:
    issues: list[Issue] = field(default_factory=list)
    document: Document | None = None
    version: Version | None = None
    legacy: bool = False

    @property
    def data(self) -> Any:
        return self.document.data if self.document else None

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity is ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity is WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors


def validate(content: bytes | str) -> Result:
    result = Result()
    try:
        document = load(content)
    except LoadError as error:
        result.issues.append(Issue(ERROR, "", error.message, error.line, error.column, "yaml"))
        return result
    result.document = document
    data = document.data
    for problem in document.problems:
        result.issues.append(Issue(ERROR, key_path(problem.path), problem.message,
                                   problem.line, problem.column, "yaml"))
    if not isinstance(data, dict):
        result.issues.append(Issue(ERROR, "", Text(
            "Le fichier doit être un objet YAML (des clés : name, url...), pas "
            f"{_kind(data).fr}.",
            f"The file must be a YAML mapping (keys: name, url...), not {_kind(data).en}.",
        ), *document.position(()), "schema"))
        return result
    result.legacy = legacy.is_legacy(data)
    version = parse(data.get("publiccodeYmlVersion"))
    result.version = version
    checker = _Checker(document, version, result.legacy)
    checker.version_issues()
    checker.schema_issues()
    checker.value_issues()
    checker.deprecation_issues()
    result.issues.extend(checker.issues)
    result.issues.sort(key=lambda i: (i.line, i.column, i.severity is not ERROR, i.key))
    if len(result.issues) > MAX_ISSUES:
        hidden = len(result.issues) - MAX_ISSUES
        last = result.issues[MAX_ISSUES - 1]
        del result.issues[MAX_ISSUES:]
        result.issues.append(Issue(last.severity, "", Text(
            f"... et {hidden} autres problèmes non affichés.",
            f"... and {hidden} more problems not shown.",
        ), last.line, last.column, "yaml"))
    return result


def _kind(value: Any) -> Text:
    if isinstance(value, bool):
        return TYPE_NAMES["boolean"]
    if isinstance(value, str):
        return TYPE_NAMES["string"]
    if isinstance(value, list):
        return TYPE_NAMES["array"]
    if isinstance(value, dict):
        return TYPE_NAMES["object"]
    if value is None:
        return Text("vide (null)", "empty (null)")
    return Text(f"le nombre {value}", f"the number {value}")


# -- the schema ---------------------------------------------------------------------


def _grapheme_max(validator: Any, limit: int, instance: Any, schema: Any) -> Iterator[Any]:
    if isinstance(instance, str) and values.graphemes(instance) > limit:
        yield ValidationError(f"longer than {limit}", validator="maxLength", validator_value=limit)


def _grapheme_min(validator: Any, limit: int, instance: Any, schema: Any) -> Iterator[Any]:
    if isinstance(instance, str) and values.graphemes(instance) < limit:
        yield ValidationError(f"shorter than {limit}", validator="minLength", validator_value=limit)


_FORMATS = FormatChecker(formats=())
for _name, _test in (("date", values.is_date), ("email", values.is_email),
                     ("uri", values.is_uri)):
    # a format only judges strings; the type keyword reports the others
    _FORMATS.checks(_name)(lambda value, test=_test: not isinstance(value, str) or test(value))
PublicCodeValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"maxLength": _grapheme_max, "minLength": _grapheme_min}
)


@cache
def _validator(schema_version: str) -> Any:
    schema = load_schema(f"publiccode/publiccode-{schema_version}.schema.json")
    return PublicCodeValidator(schema, format_checker=_FORMATS)


class _Checker:
    def __init__(self, document: Document, version: Version, is_legacy: bool) -> None:
        self.document = document
        self.data: dict[str, Any] = document.data
        self.version = version
        self.legacy = is_legacy
        self.issues: list[Issue] = []
        self.reported_missing: set[tuple[Path, str]] = set()

    def add(self, severity: Severity, path: Path, message: Text, code: str = "value",
            at: tuple[int, int] | None = None) -> None:
        line, column = at or self.document.position(path)
        self.issues.append(Issue(severity, key_path(path), message, line, column, code))

    # -- version --

    def version_issues(self) -> None:
        version = self.version
        path: Path = ("publiccodeYmlVersion",)
        if "publiccodeYmlVersion" not in self.data:
            return  # the schema reports the missing key
        if not version.is_string and version.declared is not None:
            self.add(ERROR, path, Text(
                f"La version doit être un texte entre guillemets : "
                f"publiccodeYmlVersion: \"{version.declared}\" (sans guillemets, YAML lit "
                f"{_kind(version.declared).fr}).",
                f"The version must be a quoted string: publiccodeYmlVersion: "
                f"\"{version.declared}\" (unquoted, YAML reads {_kind(version.declared).en}).",
            ), "version")
        if not version.known:
            self.add(ERROR, path, Text(
                f"Version inconnue {version.declared!r} : les versions publiées sont 0.2 à "
                f"{LATEST}. Le fichier est vérifié selon {LATEST}.",
                f"Unknown version {version.declared!r}: the published versions are 0.2 to "
                f"{LATEST}. The file is checked against {LATEST}.",
            ), "version")
        elif version.minor and older(version.minor, LATEST):
            self.add(WARNING, path, Text(
                f"Version {version.minor} ancienne : la dernière est {LATEST} "
                "(opencheck publiccode migrate aide à passer à la dernière).",
                f"Old version {version.minor}: the latest is {LATEST} "
                "(opencheck publiccode migrate helps moving to it).",
            ), "version")

    # -- schema --

    def schema_issues(self) -> None:
        validator = _validator(self.version.schema)
        for error in validator.iter_errors(self.data):
            self._translate(error)

    def _translate(self, error: ValidationError) -> None:
        path: Path = tuple(error.absolute_path)
        kind: Any = error.validator
        value: Any = error.instance
        schema: Any = error.schema
        expected: Any = error.validator_value
        if kind == "additionalProperties":
            allowed = set(schema.get("properties", {}))
            for key in value:
                if key not in allowed and not (schema.get("patternProperties")
                                               and len(key) == 2 and key.isalpha()):
                    self._unknown_key(path, key, allowed)
            return
        if kind == "required":
            for missing in expected:
                if isinstance(value, dict) and missing not in value \
                        and (path, missing) not in self.reported_missing:
                    self.reported_missing.add((path, missing))
                    self.add(ERROR, (*path, missing), self._required_text(path, missing),
                             "schema", self.document.position(path) if path else (1, 1))
            return
        if kind in (None, False) or schema is False:
            if path == ("maintenance",):  # the only `false` schema: contractors
                path = (*path, "contractors")
            self.add(ERROR, path, Text(
                "« contractors » n'est permis que si maintenance.type vaut « contract ».",
                "'contractors' is only allowed when maintenance.type is 'contract'.",
            ) if path[-1:] == ("contractors",) else Text(
                "Clé non permise ici.", "Key not allowed here."), "schema")
            return
        if kind == "type":
            self._type_error(path, expected, value)
            return
        if kind == "anyOf":
            self.add(ERROR, path, Text(
                f"Doit être un texte ou une liste de textes, pas {_kind(value).fr}.",
                f"Must be a string or a list of strings, not {_kind(value).en}.",
            ), "schema")
            return
        if kind == "enum":
            self._enum_error(path, value, list(expected))
            return
        if kind in ("maxLength", "minLength"):
            count = values.graphemes(value)
            limit = expected
            if kind == "maxLength":
                text = Text(f"{count} caractères : {limit} au plus.",
                            f"{count} characters: at most {limit}.")
            elif limit == 1:
                text = Text("Ne doit pas être vide.", "Must not be empty.")
            else:
                text = Text(f"{count} caractères : {limit} au moins.",
                            f"{count} characters: at least {limit}.")
            self.add(ERROR, path, text, "schema")
            return
        if kind == "minItems":
            self.add(ERROR, path, Text("La liste ne doit pas être vide.",
                                       "The list must not be empty."), "schema")
            return
        if kind == "minProperties":
            self.add(ERROR, path, Text(
                "Au moins une langue est obligatoire (ex. « fr: »).",
                "At least one language is mandatory (e.g. 'fr:')."), "schema")
            return
        if kind == "format":
            self._format_error(path, expected, value)
            return
        self.add(ERROR, path, Text(error.message, error.message), "schema")

    def _required_text(self, path: Path, missing: str) -> Text:
        if path == ("maintenance",) and missing == "contractors":
            return Text(
                "« contractors » est obligatoire quand maintenance.type vaut « contract ».",
                "'contractors' is mandatory when maintenance.type is 'contract'.",
            )
        if path == ("maintenance",) and missing == "contacts":
            return Text(
                "« contacts » est obligatoire quand maintenance.type vaut « internal » ou "
                "« community ».",
                "'contacts' is mandatory when maintenance.type is 'internal' or 'community'.",
            )
        where = f" (version {self.version.schema})" if missing in (
            "releaseDate", "categories", "genericName") else ""
        return Text(f"Clé obligatoire absente : « {missing} »{where}.",
                    f"Mandatory key missing: '{missing}'{where}.")

    def _unknown_key(self, path: Path, key: str, allowed: set[str]) -> None:
        full = (*path, key)
        if not path and key in legacy.EXPLAIN and (self.legacy or key in ("contact",
                                                                            "screenshots",
                                                                            "genericName")):
            self.add(ERROR, full, legacy.EXPLAIN[key], "legacy")
            return
        if not path and key == "fundedBy":
            self.add(ERROR, full, legacy.FUNDED_BY_BEFORE_05, "legacy")
            return
        if len(path) == 2 and path[0] == "fundedBy" and key == "url":
            self.add(ERROR, full, legacy.FUNDED_BY_URL, "legacy")
            return
        close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.75)
        if close:
            hint = (f" Vouliez-vous dire « {close[0]} » ?", f" Did you mean '{close[0]}'?")
        else:
            hint = ("", "")
        where = f"version {self.version.schema}"
        self.add(ERROR, full, Text(
            f"Clé inconnue « {key} » (absente du standard, {where}).{hint[0]}",
            f"Unknown key '{key}' (not in the standard, {where}).{hint[1]}",
        ), "unknown-key")

    def _type_error(self, path: Path, expected: str, value: Any) -> None:
        wanted = TYPE_NAMES.get(expected, Text(expected, expected))
        text = Text(f"Doit être {wanted.fr}, pas {_kind(value).fr}.",
                    f"Must be {wanted.en}, not {_kind(value).en}.")
        if path in self.document.yaml11_booleans and expected == "string":
            text = Text(
                text.fr + " En YAML 1.1, yes/no/on/off sont des booléens : mettez la valeur "
                "entre guillemets.",
                text.en + " In YAML 1.1, yes/no/on/off are booleans: quote the value.",
            )
        elif expected == "string" and isinstance(value, int | float) and value is not True:
            text = Text(text.fr + f" Écrivez \"{value}\" entre guillemets.",
                        text.en + f" Write \"{value}\" in quotes.")
        if path == ("publiccodeYmlVersion",):
            return  # version_issues says it with the right advice
        self.add(ERROR, path, text, "schema")

    def _enum_error(self, path: Path, value: Any, allowed: list[Any]) -> None:
        shown = ", ".join(str(v) for v in allowed) if len(allowed) <= 12 else ""
        close = difflib.get_close_matches(str(value), [str(v) for v in allowed], n=1)
        if close:
            hint = (f" Vouliez-vous dire « {close[0]} » ?", f" Did you mean '{close[0]}'?")
        elif shown:
            hint = (f" Valeurs permises : {shown}.", f" Allowed values: {shown}.")
        else:
            hint = (" Voir la liste du standard.", " See the standard's list.")
        self.add(ERROR, path, Text(f"Valeur « {value} » non permise.{hint[0]}",
                                   f"Value '{value}' not allowed.{hint[1]}"), "schema")

    def _format_error(self, path: Path, fmt: str, value: Any) -> None:
        if fmt == "date":
            text = Text(f"« {value} » n'est pas une date AAAA-MM-JJ valide.",
                        f"'{value}' is not a valid YYYY-MM-DD date.")
        elif fmt == "email":
            text = Text(f"« {value} » n'est pas une adresse électronique valide.",
                        f"'{value}' is not a valid e-mail address.")
        else:
            text = Text(f"« {value} » n'est pas une URL absolue valide (https://...).",
                        f"'{value}' is not a valid absolute URL (https://...).")
        self.add(ERROR, path, text, "schema")

    # -- values the schema cannot judge --

    def value_issues(self) -> None:
        data = self.data
        legal = data.get("legal")
        if isinstance(legal, dict) and isinstance(legal.get("license"), str) and legal["license"]:
            error, warning = values.spdx_problem(legal["license"])
            if error:
                self.add(ERROR, ("legal", "license"), error)
            if warning:
                self.add(WARNING, ("legal", "license"), warning)
        description = data.get("description")
        if isinstance(description, dict):
            self._descriptions(description)
        localisation = data.get("localisation")
        if isinstance(localisation, dict):
            languages = localisation.get("availableLanguages")
            if isinstance(languages, list):
                for index, tag in enumerate(languages):
                    problem = values.bcp47_problem(tag)
                    if problem:
                        self.add(ERROR, ("localisation", "availableLanguages", index), problem)
        audience = data.get("intendedAudience")
        if isinstance(audience, dict):
            for key in ("countries", "unsupportedCountries"):
                codes = audience.get(key)
                if isinstance(codes, list):
                    for index, code in enumerate(codes):
                        self._country(("intendedAudience", key, index), code)
        for key in ("logo", "monochromeLogo"):
            if isinstance(data.get(key), str):
                self._file_reference((key,), data[key], LOGO_FORMATS)
        supports = data.get("supports")
        if isinstance(supports, list):
            for index, item in enumerate(supports):
                ident = item.get("id") if isinstance(item, dict) else None
                if isinstance(ident, str) and ident.startswith("alias:"):
                    name = ident.removeprefix("alias:")
                    if name not in ALIASES:
                        self.add(ERROR, ("supports", index, "id"), Text(
                            f"Alias inconnu « {name} » : les alias sont {', '.join(ALIASES)}.",
                            f"Unknown alias '{name}': the aliases are {', '.join(ALIASES)}.",
                        ))
        for key in data:
            if isinstance(key, str) and len(key) == 2 and key.isalpha():
                error, _ = values.country_problem(key.upper())
                if error:
                    self._unknown_key((), key, set())
        for path in sorted(self.document.yaml11_booleans, key=str):
            if self._expects_boolean(path):
                self.add(WARNING, path, Text(
                    "Booléen YAML 1.1 (yes/no/on/off) : écrivez true ou false (YAML 1.2).",
                    "YAML 1.1 boolean (yes/no/on/off): write true or false (YAML 1.2).",
                ), "deprecated")

    def _descriptions(self, description: dict[str, Any]) -> None:
        long_found = features_found = False
        for language, text in description.items():
            problem = values.bcp47_problem(language)
            if problem:
                self.add(ERROR, ("description", language), problem)
            if not isinstance(text, dict):
                continue
            long_found = long_found or "longDescription" in text
            features_found = features_found or "features" in text
            shots = text.get("screenshots")
            if isinstance(shots, list):
                for index, shot in enumerate(shots):
                    if isinstance(shot, str):
                        self._file_reference(("description", language, "screenshots", index),
                                             shot, SCREENSHOT_FORMATS)
        if description and not long_found:
            self.add(ERROR, ("description",), Text(
                "« longDescription » est obligatoire dans au moins une langue.",
                "'longDescription' is mandatory in at least one language."), "schema")
        if description and not features_found:
            self.add(ERROR, ("description",), Text(
                "« features » est obligatoire dans au moins une langue.",
                "'features' is mandatory in at least one language."), "schema")

    def _country(self, path: Path, code: Any) -> None:
        error, warning = values.country_problem(code)
        if error:
            self.add(ERROR, path, error)
        elif warning and not older(self.version.schema, "0.5"):
            self.add(WARNING, path, warning, "deprecated")

    def _file_reference(self, path: Path, value: str, formats: tuple[str, ...]) -> None:
        problem = values.relative_path_problem(value)
        if problem:
            self.add(ERROR, path, problem)
            return
        name = value.split("?", 1)[0].split("#", 1)[0].lower()
        if not name.endswith(formats):
            self.add(ERROR, path, Text(
                f"Format non permis : {', '.join(f[1:].upper() for f in formats)} seulement.",
                f"Format not allowed: {', '.join(f[1:].upper() for f in formats)} only.",
            ))

    def _expects_boolean(self, path: Path) -> bool:
        return path == ("localisation", "localisationReady") or (
            len(path) == 4 and path[0] == "dependsOn" and path[-1] == "optional"
        ) or (len(path) >= 2 and isinstance(path[0], str) and path[0].lower() == "it")

    # -- deprecations --

    def deprecation_issues(self) -> None:
        schema = self.version.schema
        data = self.data
        deprecated: list[tuple[Path, str, Text]] = []
        if not older(schema, "0.3"):
            for key in ("monochromeLogo", "inputTypes", "outputTypes"):
                deprecated.append(((key,), "0.3", Text("à supprimer", "remove it")))
            description = data.get("description")
            if isinstance(description, dict):
                for language in description:
                    deprecated.append((("description", language, "genericName"), "0.3",
                                       Text("à supprimer", "remove it")))
        if not older(schema, "0.4"):
            deprecated.append((("legal", "authorsFile"), "0.4",
                               Text("à supprimer", "remove it")))
        if not older(schema, "0.5"):
            deprecated.append((("legal", "repoOwner"), "0.5", Text(
                "utilisez « organisation.name »", "use 'organisation.name'")))
            for section in ("it", "IT"):
                deprecated.append(((section, "conforme"), "0.5", Text(
                    "utilisez « supports »", "use 'supports'")))
                deprecated.append(((section, "riuso", "codiceIPA"), "0.5", Text(
                    "utilisez « organisation.uri »", "use 'organisation.uri'")))
        if not older(schema, "0.7"):
            for key in data:
                if isinstance(key, str) and len(key) == 2 and key.isalpha():
                    deprecated.append(((key,), "0.7", Text(
                        "les sections pays sont remplacées par « supports » et "
                        "« organisation »",
                        "country sections are replaced by 'supports' and 'organisation'")))
        for path, since, advice in deprecated:
            if _present(data, path):
                self.add(WARNING, path, Text(
                    f"Clé obsolète depuis la version {since} : {advice.fr}.",
                    f"Key deprecated since version {since}: {advice.en}.",
                ), "deprecated")


def _present(data: Any, path: Path) -> bool:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True
