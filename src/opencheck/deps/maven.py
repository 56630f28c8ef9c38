# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Java: pom.xml. Parsed with the standard library after refusing any DTD, so that no
entity can be expanded (billion laughs) or fetched (XXE)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from opencheck.deps.model import DEV, OPTIONAL, RUNTIME, Dependency
from opencheck.deps.source import Source, in_folder

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

ECOSYSTEM = "maven"
TRIGGERS = ("pom.xml",)
# A name holds no `$`, `{` or `}`: each `${` is then read up to the next one only.
_PROPERTY = re.compile(r"\$\{([^${}]+)\}")
# What the `${name}` references of one value may add to it, in characters: a version,
# group or artifact is a few dozen. Unbounded, one property of 10 KB named 5,000 times
# in each of four versions (90 KB of pom.xml) made 200 MB of versions, and a pom.xml
# at the size limit could ask for terabytes. Past it, a reference stays as written
# (a version that is then no version, as an unknown property leaves it).
MAX_EXPANDED = 1024
# What they may add to one pom.xml, all values together: a few MB of references, each
# within the bound above (50,000 dependencies naming three properties of 1,000
# characters in a 5 MB pom.xml), made 150 MB of names and versions (a check's peak
# 186 MB). A real pom.xml's expansions are kilobytes.
MAX_EXPANDED_FILE = 1 << 20
_SCOPES = {"test": DEV, "provided": OPTIONAL, "system": OPTIONAL}


class UnsafeXml(ValueError):
    pass


def parse_xml(text: str) -> ET.Element:
    import xml.etree.ElementTree as ET  # 2.8 ms: a run with a pom.xml only

    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise UnsafeXml("a DTD or entity declaration, which a pom.xml never needs")
    return ET.fromstring(text)


def collect(src: Source, directory: str) -> list[Dependency]:
    path = in_folder(directory, "pom.xml")
    text = src.text(path)
    if text is None:
        return []
    import xml.etree.ElementTree as ET

    try:
        root = parse_xml(text)
    except UnsafeXml as error:
        src.problem(path, f"refused: {error}", f"refusé : {error}")
        return []
    except ET.ParseError as error:
        src.problem(path, f"invalid XML: {error}", f"XML invalide : {error}")
        return []
    module = coordinates(root)
    if module is not None:
        src.own_packages.add((ECOSYSTEM, module))
    return parse(root, path)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element, name: str) -> str | None:
    child = _child(element, name)
    return child.text.strip() if child is not None and child.text else None


def properties(root: ET.Element) -> dict[str, str]:
    values: dict[str, str] = {}
    props = _child(root, "properties")
    if props is not None:
        for child in props:
            if child.text:
                values[_local(child.tag)] = child.text.strip()
    for name in ("version", "groupId", "artifactId"):
        value = _text(root, name)
        if value:
            values[f"project.{name}"] = value
    parent = _child(root, "parent")
    if parent is not None:
        version = _text(parent, "version")
        if version:
            values.setdefault("project.version", version)
            values["project.parent.version"] = version
    return values


def parse(root: ET.Element, path: str) -> list[Dependency]:
    values = properties(root)
    left = MAX_EXPANDED_FILE  # for the whole file

    def expand(value: str | None) -> str | None:
        if value is None:
            return None
        room = MAX_EXPANDED

        def replaced(match: re.Match[str]) -> str:
            nonlocal room, left
            found = values.get(match.group(1))
            if found is None or len(found) > min(room, left):
                return match.group(0)
            room -= len(found)
            left -= len(found)
            return found

        return _PROPERTY.sub(replaced, value)

    managed: dict[str, str] = {}
    management = _child(root, "dependencyManagement")
    listed = _child(management, "dependencies") if management is not None else None
    for dep in listed if listed is not None else []:
        group, artifact = expand(_text(dep, "groupId")), expand(_text(dep, "artifactId"))
        version = expand(_text(dep, "version"))
        if group and artifact and version:
            managed[f"{group}:{artifact}"] = version
    found: list[Dependency] = []
    deps = _child(root, "dependencies")
    for dep in deps if deps is not None else []:
        if _local(dep.tag) != "dependency":
            continue
        group, artifact = expand(_text(dep, "groupId")), expand(_text(dep, "artifactId"))
        if not group or not artifact:
            continue
        scope = _SCOPES.get(_text(dep, "scope") or "", RUNTIME)
        if _text(dep, "optional") == "true":
            scope = OPTIONAL if scope == RUNTIME else scope
        version = expand(_text(dep, "version")) or managed.get(f"{group}:{artifact}")
        found.append(Dependency(ECOSYSTEM, f"{group}:{artifact}", version, path, direct=True,
                                scope=scope, locked=bool(version and "$" not in version)))
    return found


def coordinates(root: ET.Element) -> str | None:
    """`group:artifact` of the module a pom.xml builds (the group inherited from the
    parent when the module does not repeat it)."""
    artifact = _text(root, "artifactId")
    parent = _child(root, "parent")
    group = _text(root, "groupId") or (_text(parent, "groupId") if parent is not None else None)
    return f"{group}:{artifact}" if group and artifact else None
