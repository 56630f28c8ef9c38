# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Reading a JSON report back: one flat dict per finding, from schema version 1 (one
object per finding) or 2 (findings grouped, shared fields written once).

The batch store keeps reports written by earlier versions, and users keep theirs: both
versions are read, anything else is refused rather than misread.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

PATH_SLOT = "{path}"
VERSIONS = ("1", "2")


class UnknownReport(ValueError):
    """Not a JSON report of a schema version this opencheck reads."""


def version(document: dict[str, Any]) -> str:
    """The report's schema version; a document without one is read as version 1."""
    found = document.get("schema_version", "1")
    if found not in VERSIONS:
        raise UnknownReport(f"unsupported JSON report schema_version {found!r}")
    return str(found)


def findings(document: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every finding of the report, in its order, with the fields of version 1: rule,
    family, severity, message, path, line, fingerprint, fix, then the family fields."""
    listed = document.get("findings") or []
    if version(document) == "1":
        yield from listed
        return
    for group in listed:
        shared = {key: value for key, value in group.items() if key != "items"}
        for item in group.get("items") or []:
            yield expanded(shared, item)


def expanded(shared: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """One finding of a version-2 group: the group's fields, the item's over them, and
    `{path}` in the group's message and fix replaced by the item's path."""
    finding = {"path": None, "line": None, **shared, **item}
    path = finding["path"]
    if isinstance(path, str):
        for key in ("message", "fix"):
            template = shared.get(key)
            if key not in item and isinstance(template, str):
                finding[key] = template.replace(PATH_SLOT, path)
    return finding


def count(document: dict[str, Any]) -> int:
    """How many findings, without expanding them."""
    if version(document) == "1":
        return len(document.get("findings") or [])
    return sum(len(group.get("items") or []) for group in document.get("findings") or [])
