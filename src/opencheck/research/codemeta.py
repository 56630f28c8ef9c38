# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""codemeta.json: the software's description for research repositories and archives.

The file is JSON-LD. Its terms are checked against the CodeMeta context it declares
(2.0, 3.0 or 3.1; the term lists in `schemas/codemeta/terms.json` come from the
contexts the CodeMeta project publishes); the fields the open-science guides expect
(name, description, licence as an SPDX URL, code repository, authors with an
affiliation or ORCID, version, date of the last change) are read into `CodeMeta`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from opencheck.data import schemas_dir
from opencheck.model import Text
from opencheck.parsing import load_json

MAX_BYTES = 1024 * 1024
MAX_PROBLEMS = 50  # per file, as for CITATION.cff
UNKNOWN_NAMED = 20  # unknown keys named one by one; past that, counted
SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/(?P<id>[A-Za-z0-9.+-]{1,80})(?:\.html)?$")
ORCID = re.compile(r"^https?://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.+-]{1,30}Z?)?$")
EXPECTED = ("name", "description", "license", "codeRepository", "author", "version",
            "dateModified")
# JSON-LD keywords and the aliases CodeMeta 3 declares for two of them.
KEYWORDS = frozenset({"@context", "@type", "@id", "type", "id", "@graph", "@language"})


@dataclass(frozen=True)
class Problem:
    key: str
    message: Text
    severity: str = "error"  # "error" or "warning"


@dataclass
class CodeMeta:
    version: str | None  # "2.0", "3.0", "3.1"; None: no CodeMeta context
    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return _text(self.data.get("name"))

    @property
    def software_version(self) -> str | None:
        return _text(self.data.get("softwareVersion")) or _text(self.data.get("version"))

    @property
    def repository(self) -> str | None:
        return _text(self.data.get("codeRepository"))

    @property
    def licences(self) -> list[str]:
        """SPDX ids of the `license` values given as SPDX URLs (or bare ids)."""
        found: list[str] = []
        for value in _list(self.data.get("license")):
            text = _text(value) or _text(value.get("@id") if isinstance(value, dict) else None)
            if text is None:
                continue
            match = SPDX_URL.match(text)
            found.append(match.group("id") if match else text)
        return found

    @property
    def authors(self) -> list[dict[str, Any]]:
        return [a for a in _list(self.data.get("author")) if isinstance(a, dict)]


class CodeMetaError(ValueError):
    """The file cannot be read as JSON at all."""


@cache
def _terms() -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, Any]] = json.loads(
        (schemas_dir() / "codemeta" / "terms.json").read_text("utf-8"))
    return raw


def context_version(context: Any) -> str | None:
    """Which CodeMeta version a `@context` names (a string, or a list holding one)."""
    for item in _list(context):
        if not isinstance(item, str):
            continue
        for version, entry in _terms().items():
            if item.rstrip("/") == entry["context"]:
                return version
        match = re.search(r"codemeta[-/](\d\.\d)", item)
        if match and match.group(1) in _terms():
            return match.group(1)
    return None


def parse(data: bytes) -> CodeMeta:
    if len(data) > MAX_BYTES:
        raise CodeMetaError(f"more than {MAX_BYTES} bytes")
    try:
        value = load_json(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise CodeMetaError(str(error)[:200]) from error
    if not isinstance(value, dict):
        raise CodeMetaError("the top level is not a JSON object")
    meta = CodeMeta(context_version(value.get("@context")), value)
    problems = list(_problems(meta))
    if len(problems) > MAX_PROBLEMS:  # twenty thousand authors without affiliation
        more = len(problems) - MAX_PROBLEMS + 1
        problems = [*problems[:MAX_PROBLEMS - 1], Problem("more", Text(
            f"… et {more} autres problèmes du même fichier.",
            f"… and {more} more problems in the same file.",
        ), "warning")]
    meta.problems = problems
    return meta


def _problems(meta: CodeMeta) -> Any:
    data = meta.data
    if meta.version is None:
        yield Problem("@context", Text(
            "@context ne désigne pas un contexte CodeMeta (2.0, 3.0 ou 3.1), par exemple "
            "« https://w3id.org/codemeta/3.0 ».",
            "@context names no CodeMeta context (2.0, 3.0 or 3.1), for instance "
            "'https://w3id.org/codemeta/3.0'.",
        ))
        return
    kind = data.get("@type", data.get("type"))
    if kind not in ("SoftwareSourceCode", "SoftwareApplication"):
        yield Problem("@type", Text(
            f"@type vaut {_show(kind)} : « SoftwareSourceCode » est attendu.",
            f"@type is {_show(kind)}: 'SoftwareSourceCode' is expected.",
        ))
    terms = _terms()[meta.version]["terms"]
    unknown = [key for key in data
               if key not in terms and key not in KEYWORDS and ":" not in key]
    for key in unknown[:UNKNOWN_NAMED]:
        shown = _cut(key)
        yield Problem(shown, Text(
            f"« {shown} » n'est pas un terme CodeMeta {meta.version} : il sera ignoré par "
            "les archives et les catalogues.",
            f"'{shown}' is not a CodeMeta {meta.version} term: archives and catalogues "
            "will ignore it.",
        ), "warning")
    if len(unknown) > UNKNOWN_NAMED:
        more = len(unknown) - UNKNOWN_NAMED
        yield Problem("unknown-terms", Text(
            f"… et {more} autres clés qui ne sont pas des termes CodeMeta {meta.version}.",
            f"… and {more} more keys that are not CodeMeta {meta.version} terms.",
        ), "warning")
    for key in EXPECTED:
        if key == "version" and data.get("softwareVersion"):
            continue
        if not data.get(key):
            yield Problem(key, Text(
                f"« {key} » manque : les guides de la science ouverte l'attendent.",
                f"'{key}' is missing: the open-science guides expect it.",
            ), "warning")
    for value in _list(data.get("license")):
        text = _text(value) or (_text(value.get("@id")) if isinstance(value, dict) else None)
        if text and not SPDX_URL.match(text):
            yield Problem("license", Text(
                f"licence {_show(text)} : une URL SPDX est attendue, par exemple "
                "« https://spdx.org/licenses/EUPL-1.2 ».",
                f"licence {_show(text)}: an SPDX URL is expected, for instance "
                "'https://spdx.org/licenses/EUPL-1.2'.",
            ))
    for key in ("dateModified", "dateCreated", "datePublished"):
        value = data.get(key)
        if value is not None and not (isinstance(value, str) and DATE.match(value)):
            yield Problem(key, Text(f"{key} {_show(value)} n'est pas une date AAAA-MM-JJ.",
                                    f"{key} {_show(value)} is not a YYYY-MM-DD date."))
    for index, author in enumerate(meta.authors, start=1):
        yield from _author_problems(index, author)


def _author_problems(index: int, author: dict[str, Any]) -> Any:
    person = author.get("@type", author.get("type")) == "Person"
    identifier = _text(author.get("@id") or author.get("id"))
    if identifier and "orcid.org" in identifier and not ORCID.match(identifier):
        yield Problem(f"author[{index}]", Text(
            f"auteur {index} : ORCID {_show(identifier)} mal formé "
            "(https://orcid.org/0000-0000-0000-0000).",
            f"author {index}: malformed ORCID {_show(identifier)} "
            "(https://orcid.org/0000-0000-0000-0000).",
        ))
    if person and not author.get("affiliation") and not identifier:
        yield Problem(f"author[{index}]", Text(
            f"auteur {index} : ni affiliation ni identifiant (ORCID).",
            f"author {index}: neither an affiliation nor an identifier (ORCID).",
        ), "warning")


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 80 else text[:77] + "..."
