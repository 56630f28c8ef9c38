# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licence fields of package manifests, read statically (never run setup.py or a
gemspec: only their text is read).

Each reader gets the manifest's text and returns `(raw value, line, expression-ish)`
tuples; the caller turns them into declarations. A manifest that does not parse raises
ManifestError with a reason a person understands.
"""

from __future__ import annotations

import configparser
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opencheck.parsing import load_json, load_toml

if TYPE_CHECKING:
    import xml.etree.ElementTree as ElementTree


class ManifestError(ValueError):
    """The manifest cannot be parsed."""


@dataclass(frozen=True)
class Field:
    """One licence value found in a manifest."""

    raw: str  # as written
    where: str  # which field, e.g. "project.license"
    line: int | None
    spdx: bool  # the field holds an SPDX expression (else a free name to identify)


# Trove classifiers that name a licence, to SPDX ids (the common ones).
CLASSIFIERS = {
    "MIT License": "MIT", "MIT No Attribution License (MIT-0)": "MIT-0",
    "Apache Software License": "Apache-2.0", "BSD License": "BSD-3-Clause",
    "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU Affero General Public License v3": "AGPL-3.0-only",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
    "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
    "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
    "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    "European Union Public Licence 1.1 (EUPL 1.1)": "EUPL-1.1",
    "CeCILL-2.1": "CECILL-2.1", "CeCILL-B Free Software License Agreement (CECILL-B)": "CECILL-B",
    "CeCILL-C Free Software License Agreement (CECILL-C)": "CECILL-C",
    "CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": "CECILL-2.1",
    "ISC License (ISCL)": "ISC", "The Unlicense (Unlicense)": "Unlicense",
    "Public Domain": "LicenseRef-Public-Domain",
    "Other/Proprietary License": "LicenseRef-Proprietary",
}
# R's DESCRIPTION "License:" short names (from R's share/licenses/license.db).
R_LICENCES = {
    "GPL-2": "GPL-2.0-only", "GPL-3": "GPL-3.0-only", "GPL (>= 2)": "GPL-2.0-or-later",
    "GPL (>= 3)": "GPL-3.0-or-later", "GPL-2 | GPL-3": "GPL-2.0-only OR GPL-3.0-only",
    "GPL": "GPL-2.0-or-later", "LGPL-2": "LGPL-2.0-only", "LGPL-2.1": "LGPL-2.1-only",
    "LGPL-3": "LGPL-3.0-only", "LGPL (>= 2)": "LGPL-2.0-or-later",
    "LGPL (>= 2.1)": "LGPL-2.1-or-later", "LGPL (>= 3)": "LGPL-3.0-or-later",
    "AGPL-3": "AGPL-3.0-only", "AGPL (>= 3)": "AGPL-3.0-or-later", "MIT": "MIT",
    "BSD_2_clause": "BSD-2-Clause", "BSD_3_clause": "BSD-3-Clause",
    "Apache License 2.0": "Apache-2.0", "Apache License (== 2.0)": "Apache-2.0",
    "Apache License (>= 2)": "Apache-2.0", "MPL-2.0": "MPL-2.0", "CeCILL": "CECILL-2.1",
    "CeCILL-2": "CECILL-2.0", "EUPL": "EUPL-1.2", "EUPL-1.2": "EUPL-1.2", "CC0": "CC0-1.0",
    "Unlimited": "LicenseRef-R-Unlimited",
}


def _line_of(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return None if position < 0 else text.count("\n", 0, position) + 1


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _toml(text: str) -> dict[str, object]:
    import tomllib  # TOML and XML manifests are rarer than JSON ones: imported on use

    try:
        return load_toml(text)
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"invalid TOML: {error}") from error
    except RecursionError as error:  # tomllib recurses once per nesting level
        raise ManifestError("invalid TOML: nested too deeply") from error


def _classifiers(text: str, values: list[str], where: str) -> list[Field]:
    found: list[Field] = []
    for value in values:
        if not value.startswith("License ::"):
            continue
        name = value.split("::")[-1].strip()
        spdx = CLASSIFIERS.get(name)
        found.append(Field(spdx or name, where, _line_of(text, name), spdx is not None))
    return found


def read_pyproject(text: str) -> list[Field]:
    data = _toml(text)
    found: list[Field] = []
    project = data.get("project")
    if isinstance(project, dict):
        licence = project.get("license")
        if isinstance(licence, str):
            found.append(Field(licence, "project.license", _line_of(text, "license"), True))
        elif isinstance(licence, dict) and isinstance(licence.get("text"), str):
            value = licence["text"]
            found.append(Field(value, "project.license.text", _line_of(text, value), False))
        found += _classifiers(text, _strings(project.get("classifiers")), "project.classifiers")
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if isinstance(poetry, dict) and isinstance(poetry.get("license"), str):
        value = poetry["license"]
        found.append(Field(value, "tool.poetry.license", _line_of(text, value), True))
    return found


def read_setup_cfg(text: str) -> list[Field]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        raise ManifestError(f"invalid setup.cfg: {error}") from error
    if not parser.has_section("metadata"):
        return []
    found: list[Field] = []
    for key, spdx in (("license_expression", True), ("license", False)):
        value = parser.get("metadata", key, fallback="").strip()
        if value:
            found.append(Field(value, f"metadata.{key}", _line_of(text, value), spdx))
    classifiers = parser.get("metadata", "classifiers", fallback="").splitlines()
    found += _classifiers(text, [c.strip() for c in classifiers], "metadata.classifiers")
    return found


def _json(text: str) -> dict[str, object]:
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        raise ManifestError(f"invalid JSON: {error.msg} (line {error.lineno})") from error
    except RecursionError as error:
        raise ManifestError("invalid JSON: nested too deeply") from error
    if not isinstance(data, dict):
        raise ManifestError("invalid manifest: the top level is not an object")
    return data


def read_package_json(text: str) -> list[Field]:
    data = _json(text)
    found: list[Field] = []
    licence = data.get("license")
    if isinstance(licence, dict):
        licence = licence.get("type")
    if isinstance(licence, str):
        found.append(Field(licence, "license", _line_of(text, '"license"'), True))
    licences = data.get("licenses")
    if isinstance(licences, list):
        names = [item.get("type") if isinstance(item, dict) else item for item in licences]
        values = [name for name in names if isinstance(name, str)]
        if values:
            found.append(Field(" OR ".join(values), "licenses", _line_of(text, '"licenses"'), True))
    return found


def read_composer_json(text: str) -> list[Field]:
    data = _json(text)
    values = _strings(data.get("license"))
    if not values:
        return []
    # composer: a list of licences means the user may choose (OR)
    return [Field(" OR ".join(values), "license", _line_of(text, '"license"'), True)]


def read_cargo_toml(text: str) -> list[Field]:
    data = _toml(text)
    package = data.get("package")
    if not isinstance(package, dict) or not isinstance(package.get("license"), str):
        return []
    value = package["license"].replace("/", " OR ")  # Cargo's old "MIT/Apache-2.0"
    return [Field(value, "package.license", _line_of(text, "license"), True)]


_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _xml(text: str) -> ElementTree.Element:
    import xml.etree.ElementTree as ElementTree

    if _DOCTYPE.search(text.encode("utf-8", "replace")):
        raise ManifestError("XML with a DOCTYPE or entities is not read (unsafe)")
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise ManifestError(f"invalid XML: {error}") from error


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_pom(text: str) -> list[Field]:
    root = _xml(text)
    found: list[Field] = []
    for element in root.iter():
        if _local(element.tag) != "license":
            continue
        parts = {_local(child.tag): (child.text or "").strip() for child in element}
        name = parts.get("name") or parts.get("url") or ""
        if name:
            described = " ".join(filter(None, (parts.get("name"), parts.get("url"))))
            # the name's line within the licences, not a word of a comment above them
            start = max(text.find("<licenses"), 0)
            line = _line_of(text[start:], name)
            found.append(Field(described, "licenses.license",
                               None if line is None else line + text.count("\n", 0, start),
                               False))
    return found


def read_csproj(text: str) -> list[Field]:
    root = _xml(text)
    found: list[Field] = []
    for element in root.iter():
        if _local(element.tag) == "PackageLicenseExpression" and (element.text or "").strip():
            value = (element.text or "").strip()
            found.append(Field(value, "PackageLicenseExpression", _line_of(text, value), True))
    return found


# A list stops at a "[" too: each candidate's scan then ends where the next one starts
# (`[^\]]*` re-read the rest of the file from each `.license = [`: quadratic).
_GEMSPEC = re.compile(r"\.licen[cs]es?\s*=\s*(\[[^\[\]]*\]|['\"][^'\"]+['\"])")


def read_gemspec(text: str) -> list[Field]:
    found: list[Field] = []
    line, counted = 1, 0
    for match in _GEMSPEC.finditer(text):
        values = re.findall(r"['\"]([^'\"]+)['\"]", match.group(1))
        if values:
            line += text.count("\n", counted, match.start())  # from the last match only
            counted = match.start()
            found.append(Field(" OR ".join(values), "spec.license", line, True))
    return found


def read_r_description(text: str) -> list[Field]:
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.lower().startswith("license:"):
            value = line.split(":", 1)[1].strip()
            for more in lines[number:]:
                if more[:1] in (" ", "\t"):
                    value += " " + more.strip()
                else:
                    break
            # the blanks before "+" are matched from their first one only (look-behind),
            # not again from each: a line of blanks was quadratic
            value = re.sub(r"(?<!\s)\s*+\+\s*file\s+LICEN[CS]E\b", "", value).strip()
            spdx = R_LICENCES.get(value)
            return [Field(spdx or value, "License", number, spdx is not None)]
    return []


Reader = Callable[[str], list[Field]]

READERS: dict[str, Reader] = {
    "pyproject.toml": read_pyproject,
    "setup.cfg": read_setup_cfg,
    "package.json": read_package_json,
    "composer.json": read_composer_json,
    "Cargo.toml": read_cargo_toml,
    "pom.xml": read_pom,
    "DESCRIPTION": read_r_description,
}
SUFFIX_READERS: dict[str, Reader] = {".gemspec": read_gemspec, ".csproj": read_csproj}


def reader_for(path: str) -> Reader | None:
    name = path.rsplit("/", 1)[-1]
    if name in READERS:
        return READERS[name]
    for suffix, reader in SUFFIX_READERS.items():
        if name.endswith(suffix):
            return reader
    return None
