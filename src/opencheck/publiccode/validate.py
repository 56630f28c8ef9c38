# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Validate a publiccode.yml against its version of the standard: every problem at once.

Steps: read (loader), pick the version, run the version's JSON Schema (lengths counted
in grapheme clusters), then the checks a schema cannot express (values, deprecations,
the old code.gouv.fr layout). Each problem is an Issue with its key path and position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from opencheck.model import Severity, Text
from opencheck.publiccode import legacy, values
from opencheck.publiccode.files import FileChecker, Files, Remote
from opencheck.publiccode.issues import Issue, Path, key_path
from opencheck.publiccode.loader import Document, LoadError, load
from opencheck.publiccode.versions import LATEST, Version, older, parse

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
MAX_ISSUES = 500
IPA_URN = "urn:x-italian-pa:"
MAX_VIDEOS = 5
# oEmbed discovery (oembed.com, section 4): the page links to its oEmbed endpoint
# A tag ends at "<" as well as ">": each candidate's scan then stops where the next
# `<link` starts (else 400 bytes re-read per `<link` of a hostile page).
_OEMBED = re.compile(rb"<link[^<>]{0,400}?(?:application/json|text/xml)\+oembed", re.IGNORECASE)
MAX_IPA = 5
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


def validate(content: bytes | str, *, files: Files | None = None, strict: bool = False,
             remote: Remote | None = None) -> Result:
    """Every problem of one publiccode.yml.

    `files`: where the logo, screenshots and authorsFile are read (None: their form is
    checked, not their presence). `strict`: the reference parser's stricter reading
    (docs/publiccode.md). `remote`: with `--network`, URLs of images and iPA codes are
    looked up (through the SSRF guard).
    """
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
    checker = _Checker(document, version, result.legacy, strict, remote)
    checker.version_issues()
    checker.schema_issues()
    checker.value_issues()
    checker.deprecation_issues()
    checker.italian_issues()
    if remote is not None:
        checker.video_issues()
    if strict:
        checker.strict_issues()
    result.issues.extend(checker.issues)
    result.issues.extend(FileChecker(files, remote).issues(checker.data, document.position))
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
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and values.graphemes(instance) > limit:
        yield ValidationError(f"longer than {limit}", validator="maxLength", validator_value=limit)


def _grapheme_min(validator: Any, limit: int, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and values.graphemes(instance) < limit:
        yield ValidationError(f"shorter than {limit}", validator="minLength", validator_value=limit)


@cache
def _validator(schema_version: str) -> Any:
    # jsonschema is imported on first use: `opencheck --help` and the other commands
    # do not pay for it
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker

    from opencheck import schemapatterns
    from opencheck.data import load_schema

    formats = FormatChecker(formats=())
    for name, test in (("date", values.is_date), ("email", values.is_email),
                       ("uri", values.is_uri), ("http-url", values.is_http_url)):
        # a format only judges strings; the type keyword reports the others
        formats.checks(name)(lambda value, test=test: not isinstance(value, str) or test(value))
    extended = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"maxLength": _grapheme_max, "minLength": _grapheme_min,
                               "pattern": schemapatterns.pattern_keyword}
    )
    schema = load_schema(f"publiccode/publiccode-{schema_version}.schema.json")
    return extended(schema, format_checker=formats), schema


def _is_list(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    return schema.get("type") == "array" or any(
        _is_list(option) for option in schema.get("anyOf", ()))


def without_empty(value: Any, schema: Any) -> Any:
    """The data with optional keys written without a value (`roadmap:`) or as an empty
    list (`categories: []`) left out: the standard reads them as absent."""
    if not isinstance(schema, dict):
        return value
    if isinstance(value, dict):
        required = set(schema.get("required", ()))
        properties = schema.get("properties", {})
        out = {}
        for key, item in value.items():
            sub = properties.get(key)
            if sub is None and isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
            if key not in required and (item is None or (item == [] and _is_list(sub))):
                continue
            out[key] = without_empty(item, sub) if sub is not None else item
        return out
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [without_empty(item, schema["items"]) for item in value]
    return value


class _Checker:
    def __init__(self, document: Document, version: Version, is_legacy: bool,
                 strict: bool = False, remote: Remote | None = None) -> None:
        self.document = document
        self.version = version
        self.legacy = is_legacy
        self.strict = strict
        self.remote = remote
        # Errors follow the latest rules, as the reference parser reads every 0.x file
        # (catalogues accept what it accepts); what only the declared older version
        # asks for is a warning that names the version (schema_issues).
        self.schema_version = LATEST
        self.validator, schema = _validator(LATEST)
        self.data: dict[str, Any] = without_empty(document.data, schema)
        self.issues: list[Issue] = []
        self.reported_missing: set[tuple[Path, str]] = set()
        self.disallowed: list[Path] = []
        legacy_keys = [key for key in self.data if legacy.is_legacy_key(key, self.data,
                                                                         version.schema)]
        funders = self.data.get("fundedBy")
        legacy_keys += [item for item in funders if isinstance(item, dict) and "url" in item
                        ] if isinstance(funders, list) else []
        # one old code.gouv.fr key left in a standard file is a warning; the old
        # layout as a whole (several of its keys) makes the file invalid
        self.legacy_severity = ERROR if strict or len(legacy_keys) > 1 else WARNING

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
        if isinstance(version.declared, list | dict):
            self.add(ERROR, path, Text(
                f"La version doit être un texte (ex. \"{LATEST}\"), pas "
                f"{_kind(version.declared).fr}.",
                f"The version must be a string (e.g. \"{LATEST}\"), not "
                f"{_kind(version.declared).en}.",
            ), "version")
        elif not version.is_string and version.declared is not None:
            self.add(ERROR, path, Text(
                f"La version doit être un texte entre guillemets : "
                f"publiccodeYmlVersion: \"{version.declared}\" (sans guillemets, YAML lit "
                f"{_kind(version.declared).fr}).",
                f"The version must be a quoted string: publiccodeYmlVersion: "
                f"\"{version.declared}\" (unquoted, YAML reads {_kind(version.declared).en}).",
            ), "version")
        if not version.known and not isinstance(version.declared, list | dict):
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
        self._schema_pass(self.validator)
        declared = self.version.schema
        if self.version.known and declared != LATEST:
            latest = list(self.issues)
            flagged = {issue.key for issue in latest if issue.severity is ERROR}
            self.issues, self.schema_version, self.disallowed = [], declared, []
            self._schema_pass(_validator(declared)[0])
            older_rules = self.issues
            self.issues, self.schema_version = latest, LATEST
            for issue in older_rules:
                if issue.key in flagged:
                    continue
                flagged.add(issue.key)
                if issue.code == "legacy":
                    self.issues.append(issue)
                elif issue.severity is ERROR:
                    self.issues.append(Issue(WARNING, issue.key, Text(
                        f"{issue.message.fr} Seule la version {declared} le demande ; les "
                        f"catalogues lisent le fichier avec les règles de {LATEST} : "
                        f"déclarez publiccodeYmlVersion \"{LATEST}\".",
                        f"{issue.message.en} Only version {declared} asks for it; "
                        f"catalogues read the file with the rules of {LATEST}: declare "
                        f"publiccodeYmlVersion \"{LATEST}\".",
                    ), issue.line, issue.column, "version"))

    def _schema_pass(self, validator: Any) -> None:
        errors = sorted(validator.iter_errors(self.data),
                        key=lambda e: (e.validator not in (None, False), len(e.absolute_path)))
        for error in errors:
            path = tuple(error.absolute_path)
            if any(path[:len(bad)] == bad and path != bad for bad in self.disallowed):
                continue  # inside a key that is not allowed at all: said once, on the key
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
                if key not in allowed and not any(
                        re.match(pattern, key) for pattern in schema.get("patternProperties", {})):
                    self._unknown_key(path, key, allowed)
            return
        if kind == "required":
            for missing in expected:
                if path[:1] == ("fundedBy",) and missing == "uri" and isinstance(value, dict) \
                        and "url" in value:
                    continue  # the old layout's `url`: said once, by the legacy message
                if isinstance(value, dict) and missing not in value \
                        and (path, missing) not in self.reported_missing:
                    self.reported_missing.add((path, missing))
                    self.add(ERROR, (*path, missing), self._required_text(path, missing),
                             "schema", self.document.position(path) if path else (1, 1))
            return
        if kind in (None, False) or schema is False:
            if path == ("maintenance",):  # the only `false` schema: contractors
                path = (*path, "contractors")
            self.disallowed.append(path)
            self.add(ERROR, path, Text(
                "« contractors » n'est permis que si maintenance.type vaut « contract ».",
                "'contractors' is only allowed when maintenance.type is 'contract'.",
            ) if path[-1:] == ("contractors",) else Text(
                "Clé non permise ici.", "Key not allowed here."), "schema")
            return
        if kind == "type":
            self._type_error(path, expected, value)
            return
        if kind == "anyOf" and path == ("isBasedOn",):
            self._is_based_on(value)
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

    def _is_based_on(self, value: Any) -> None:
        """isBasedOn is a URL or a list of URLs: name the item and what is wrong."""
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            path: Path = ("isBasedOn", index) if isinstance(value, list) else ("isBasedOn",)
            if not isinstance(item, str):
                self._type_error(path, "string", item)
            elif not values.is_uri(item):
                self._format_error(path, "uri", item)

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
        if not path and key in legacy.EXPLAIN:
            self.add(self.legacy_severity, full, legacy.EXPLAIN[key], "legacy")
            return
        if not path and key == "fundedBy":
            self.add(self.legacy_severity, full, legacy.FUNDED_BY_BEFORE_05, "legacy")
            return
        if len(path) == 2 and path[0] == "fundedBy" and key == "url":
            self.add(self.legacy_severity, full, legacy.FUNDED_BY_URL, "legacy")
            return
        if not path and len(key) == 2 and key.isalpha() and key not in (key.upper(),
                                                                        key.lower()):
            self.add(ERROR, full, Text(
                f"Section pays « {key} » en casse mélangée : écrivez « {key.upper()} ».",
                f"Country section '{key}' in mixed case: write '{key.upper()}'.",
            ), "unknown-key")
            return
        import difflib

        close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.75)
        if close:
            hint = (f" Vouliez-vous dire « {close[0]} » ?", f" Did you mean '{close[0]}'?")
        else:
            hint = ("", "")
        where = f"version {self.schema_version}"
        self.add(ERROR, full, Text(
            f"Clé inconnue « {key} » (absente du standard, {where}).{hint[0]}",
            f"Unknown key '{key}' (not in the standard, {where}).{hint[1]}",
        ), "unknown-key")

    def _type_error(self, path: Path, expected: str, value: Any) -> None:
        wanted = TYPE_NAMES.get(expected, Text(expected, expected))
        text = Text(f"Doit être {wanted.fr}, pas {_kind(value).fr}.",
                    f"Must be {wanted.en}, not {_kind(value).en}.")
        if expected == "string" and isinstance(value, int | float) \
                and not isinstance(value, bool):
            text = Text(text.fr + f" Écrivez \"{value}\" entre guillemets.",
                        text.en + f" Write \"{value}\" in quotes.")
        if path == ("publiccodeYmlVersion",):
            return  # version_issues says it with the right advice
        if path in self.document.yaml11_booleans and expected == "string":
            # `- no` (Norwegian) in availableLanguages, `name: yes`: text for the reference
            # parser (YAML 1.2: only true and false are booleans), a boolean for YAML 1.1
            # readers (PyYAML): to quote, not a file the standard refuses
            word = self.document.yaml11_booleans[path]
            self.add(WARNING, path, Text(
                f"« {word} » est un texte pour le validateur de référence (YAML 1.2), mais un "
                "booléen pour les lecteurs YAML 1.1 : mettez-le entre guillemets.",
                f"'{word}' is text for the reference parser (YAML 1.2), but a boolean for "
                "YAML 1.1 readers: quote it.",
            ), "value")
            return
        if expected == "string" and self._whole_number_as_written(path, value):
            # `phone: 391624231322` means the same digits: the reference parser reads it
            # as text; a float (1.10 read as 1.1) or a leading zero would lose them
            self.add(WARNING, path, text, "value")
            return
        self.add(ERROR, path, text, "schema")

    def _whole_number_as_written(self, path: Path, value: Any) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        line = self.document.position(path)[0]
        lines = self.document.text.splitlines()
        written = lines[line - 1] if 0 < line <= len(lines) else ""
        return not re.search(r"(?:^|[:\-\[,])\s*[-+]?0\d", written)

    def _enum_error(self, path: Path, value: Any, allowed: list[Any]) -> None:
        shown = ", ".join(str(v) for v in allowed) if len(allowed) <= 12 else ""
        import difflib

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
        elif fmt == "http-url":
            text = Text(f"« {value} » n'est pas une adresse web http(s) valide "
                        "(https://...).",
                        f"'{value}' is not a valid http(s) web address (https://...).")
        else:
            problem = values.uri_problem(value)
            text = Text(f"« {value} » n'est pas une URL absolue valide : {problem.fr}.",
                        f"'{value}' is not a valid absolute URL: {problem.en}.")
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
        description = self.document.data.get("description")  # `features: []` is there
        if isinstance(description, dict):
            self._descriptions(description)
        localisation = data.get("localisation")
        if isinstance(localisation, dict):
            languages = localisation.get("availableLanguages")
            if isinstance(languages, list):
                for index, tag in enumerate(languages):
                    where = ("localisation", "availableLanguages", index)
                    tag = self.document.yaml11_booleans.get(where, tag)  # `no`: Norwegian
                    problem = values.bcp47_problem(tag)
                    if problem:
                        self.add(ERROR, where, problem)
        audience = data.get("intendedAudience")
        if isinstance(audience, dict):
            for key in ("countries", "unsupportedCountries"):
                codes = audience.get(key)
                if isinstance(codes, list):
                    for index, code in enumerate(codes):
                        self._country(("intendedAudience", key, index), code)
        for key in ("inputTypes", "outputTypes"):
            types = data.get(key)
            if isinstance(types, list):
                for index, item in enumerate(types):
                    if isinstance(item, str) and not values.is_mime_type(item):
                        self.add(ERROR, (key, index), Text(
                            f"« {item} » n'est pas un type MIME (type/sous-type, ex. "
                            "« text/csv », RFC 6838).",
                            f"'{item}' is not a MIME type (type/subtype, e.g. 'text/csv', "
                            "RFC 6838)."))
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
        self._country_sections()
        for path in sorted(self.document.yaml11_booleans, key=str):
            if self._expects_boolean(path) and self.strict:
                self.add(ERROR, path, Text(
                    "Booléen YAML 1.1 (yes/no/on/off) refusé en mode strict (comme le "
                    "validateur de référence) : écrivez true ou false.",
                    "YAML 1.1 boolean (yes/no/on/off) refused in strict mode (as by the "
                    "reference parser): write true or false.",
                ), "schema")
            elif self._expects_boolean(path):
                self.add(WARNING, path, Text(
                    "Booléen YAML 1.1 (yes/no/on/off) : écrivez true ou false (YAML 1.2).",
                    "YAML 1.1 boolean (yes/no/on/off): write true or false (YAML 1.2).",
                ), "deprecated")

    def _country_sections(self) -> None:
        """Two-letter keys: known countries, in one case; one section per country."""
        seen: dict[str, str] = {}
        for key in self.data:
            if not (isinstance(key, str) and len(key) == 2 and key.isalpha()):
                continue
            if key not in (key.upper(), key.lower()):
                continue  # mixed case: reported as an unknown key by the schema
            error, _ = values.country_problem(key.upper())
            if error:
                self._unknown_key((), key, set())
                continue
            other = seen.get(key.upper())
            if other is not None:
                first, second = sorted((other, key), key=lambda k: k != k.upper())
                self.add(ERROR, (second,), Text(
                    f"Section « {second} » en double : « {first} » existe déjà (un pays, une "
                    f"section). Fusionnez-les sous « {first.upper()} ».",
                    f"Duplicate section '{second}': '{first}' is already there (one country, "
                    f"one section). Merge them under '{first.upper()}'.",
                ), "schema")
            else:
                seen[key.upper()] = key
                if key != key.upper() and not older(self.version.schema, "0.5") \
                        and older(self.version.schema, "0.7"):  # 0.7: every section is
                    self.add(WARNING, (key,), Text(
                        f"Section pays en minuscules, obsolète : écrivez « {key.upper()} ».",
                        f"Lower-case country section, deprecated: write '{key.upper()}'.",
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
        # with one language, the key it lacks is named; with several, the section
        languages = [k for k, v in description.items() if isinstance(v, dict)]
        for found, key in ((long_found, "longDescription"), (features_found, "features")):
            if description and not found and not (self.strict and len(languages) == 1):
                path: Path = ("description", languages[0], key) if len(languages) == 1 \
                    else ("description",)
                at = self.document.position(path[:2])
                self.add(ERROR, path, Text(
                    f"« {key} » est obligatoire dans au moins une langue.",
                    f"'{key}' is mandatory in at least one language."), "schema", at)

    def _country(self, path: Path, code: Any) -> None:
        error, warning = values.country_problem(code)
        if error:
            self.add(ERROR, path, error)
        elif warning and not older(self.version.schema, "0.5"):
            self.add(WARNING, path, warning, "deprecated")

    def _expects_boolean(self, path: Path) -> bool:
        return path == ("localisation", "localisationReady") or (
            len(path) == 4 and path[0] == "dependsOn" and path[-1] == "optional"
        ) or (len(path) >= 2 and isinstance(path[0], str) and path[0].lower() == "it")

    # -- the Italian section and iPA codes --

    def italian_issues(self) -> None:
        section_key = "IT" if isinstance(self.data.get("IT"), dict) else "it"
        section = self.data.get(section_key)
        codes: list[tuple[Path, str]] = []
        if isinstance(section, dict):
            if section.get("countryExtensionVersion") == "0.2":
                self.add(WARNING, (section_key, "countryExtensionVersion"), Text(
                    "Version 0.2 de l'extension italienne (ancienne) : la version en "
                    "vigueur est « 1.0 ».",
                    "Version 0.2 of the Italian extension (old): the current one is '1.0'.",
                ), "deprecated")
            riuso = section.get("riuso")
            if isinstance(riuso, dict) and isinstance(riuso.get("codiceIPA"), str):
                codes.append(((section_key, "riuso", "codiceIPA"), riuso["codiceIPA"]))
        organisations: list[tuple[Path, Any]] = [(("organisation", "uri"),
                                                  _get(self.data, "organisation", "uri"))]
        funders = self.data.get("fundedBy")
        if isinstance(funders, list):
            organisations += [(("fundedBy", index, "uri"), _get(funder, "uri"))
                              for index, funder in enumerate(funders)]
        for path, uri in organisations:
            if isinstance(uri, str) and uri.lower().startswith(IPA_URN):
                codes.append((path, uri[len(IPA_URN):]))
        for path, code in codes[:MAX_IPA]:
            self._ipa_code(path, code)

    def _ipa_code(self, path: Path, code: str) -> None:
        from opencheck.publiccode import ipa

        if not ipa.well_formed(code):
            self.add(ERROR, path, Text(
                f"« {code} » n'a pas la forme d'un code iPA (lettres, chiffres, _ ; "
                "ex. « c_h501 »).",
                f"'{code}' is not shaped like an iPA code (letters, digits, _; e.g. "
                "'c_h501').",
            ), "ipa")
            return
        if self.remote is None:
            self.add(INFO, path, Text(
                f"Code iPA « {code} » non vérifié : le registre iPA n'est lu qu'avec "
                "--network (aucun fichier de données hors ligne n'est livré).",
                f"iPA code '{code}' not checked: the iPA registry is only read with "
                "--network (no offline data file is shipped).",
            ), "ipa")
            return
        known, why = ipa.lookup(code, self.remote)
        if known is None:
            self.add(WARNING, path, Text(
                f"Code iPA « {code} » non vérifié : le registre iPA n'a pas répondu ({why}).",
                f"iPA code '{code}' not checked: the iPA registry did not answer ({why}).",
            ), "ipa")
        elif not known:
            self.add(ERROR, path, Text(
                f"Code iPA « {code} » absent du registre des administrations italiennes "
                "(indicepa.gov.it).",
                f"iPA code '{code}' is not in the Italian public administrations' registry "
                "(indicepa.gov.it).",
            ), "ipa")

    # -- videos: on a site that supports oEmbed (read with --network only) --

    def video_issues(self) -> None:
        assert self.remote is not None
        description = self.data.get("description")
        checked = 0
        for language, text in (description.items() if isinstance(description, dict) else ()):
            videos = text.get("videos") if isinstance(text, dict) else None
            for index, url in enumerate(videos if isinstance(videos, list) else []):
                if not values.is_http_url(url) or checked >= MAX_VIDEOS:
                    continue
                checked += 1
                page, why = self.remote.read(url)
                path: Path = ("description", language, "videos", index)
                if why or page is None:
                    self.add(WARNING, path, Text(
                        f"« {url} » n'a pas pu être lu ({why or 'HTTP 404'}).",
                        f"'{url}' could not be read ({why or 'HTTP 404'})."), "video")
                elif not _OEMBED.search(page[:200_000]):
                    self.add(ERROR if self.strict else WARNING, path, Text(
                        f"« {url} » n'annonce pas d'oEmbed : le standard veut une vidéo sur "
                        "un site qui le prend en charge (YouTube, Vimeo, PeerTube...).",
                        f"'{url}' announces no oEmbed: the standard wants a video on a site "
                        "that supports it (YouTube, Vimeo, PeerTube...)."), "video")

    # -- what only --strict checks: the reference parser's stricter reading --

    def strict_issues(self) -> None:
        if isinstance(self.data.get("platforms"), str):
            self.add(ERROR, ("platforms",), Text(
                "Mode strict : « platforms » doit être une liste (- web), comme le veut le "
                "validateur de référence.",
                "Strict mode: 'platforms' must be a list (- web), as the reference parser "
                "wants.",
            ), "schema")
        description = self.data.get("description")
        if not isinstance(description, dict):
            return
        for language, text in description.items():
            if not isinstance(text, dict):
                continue
            if not text.get("features"):
                self.add(ERROR, ("description", language, "features"), Text(
                    "Mode strict : chaque langue a une liste « features » non vide.",
                    "Strict mode: each language has a non-empty 'features' list.",
                ), "schema")
            if "longDescription" not in text:
                self.add(ERROR, ("description", language, "longDescription"), Text(
                    "Mode strict : chaque langue a sa « longDescription ».",
                    "Strict mode: each language has its 'longDescription'.",
                ), "schema")

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


def _get(data: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _present(data: Any, path: Path) -> bool:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return False
        data = data[part]
    return True
