# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""yarn.lock, classic (v1, its own format) and berry (v2+, YAML). Neither records
licences."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from opencheck.deps.model import RUNTIME, Dependency
from opencheck.deps.source import Source, as_str

ECOSYSTEM = "npm"
_VERSION_LINE = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?\s*$')


def parse(src: Source, path: str, direct: dict[str, str]) -> list[Dependency] | None:
    text = src.text(path)
    if text is None:
        return None
    if "__metadata:" in text[:2000]:
        from opencheck.deps import yarnberry  # its patterns compiled for berry files only

        generated = yarnberry.entries(text)
        if generated is not None:
            return _berry_entries(generated, path, direct)
        return _berry(src, path, direct)
    return _classic(src, text, path, direct)


def spec_name(spec: str) -> str:
    """`@scope/name@^1.0.0` -> `@scope/name`; `name@npm:^1` -> `name`."""
    spec = spec.strip().strip('"')
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


def _classic(src: Source, text: str, path: str, direct: dict[str, str]) -> list[Dependency]:
    found: list[Dependency] = []
    names: list[str] = []
    version: str | None = None
    problems = 0

    def flush() -> None:
        for name in dict.fromkeys(names):
            found.append(_dependency(name, version, path, direct))

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if names:
                flush()
            if not line.rstrip().endswith(":"):
                problems += 1
                if problems == 1:
                    src.problem(path, f"line {number}: not a yarn.lock entry",
                                f"ligne {number} : pas une entrée de yarn.lock")
                names, version = [], None
                continue
            names = [spec_name(spec) for spec in line.rstrip()[:-1].split(",") if spec.strip()]
            version = None
        elif names and version is None:
            match = _VERSION_LINE.match(line)
            if match:
                version = match.group(1)
    if names:
        flush()
    return found


def _berry(src: Source, path: str, direct: dict[str, str]) -> list[Dependency] | None:
    shape = src.shape(path)
    document = shape.document(src.yaml(path))
    if document is None:
        return None
    entries = {str(key): shape.table(raw, repr(key)) for key, raw in document.items()}
    return _berry_entries(entries, path, direct)


def _berry_entries(entries: Mapping[str, Mapping[str, Any]], path: str,
                   direct: dict[str, str]) -> list[Dependency]:
    found: list[Dependency] = []
    for key, entry in entries.items():
        if key == "__metadata":
            continue
        specs = [spec.strip() for spec in key.split(",")]
        if any("@workspace:" in spec for spec in specs) or entry.get("linkType") == "soft":
            continue
        for name in dict.fromkeys(spec_name(spec) for spec in specs):
            found.append(_dependency(name, as_str(entry.get("version")), path, direct))
    return found


def _dependency(name: str, version: str | None, path: str, direct: dict[str, str]) -> Dependency:
    return Dependency(
        ECOSYSTEM,
        name,
        version,
        path,
        direct=(name in direct) if direct else None,
        scope=direct.get(name, RUNTIME),
        locked=True,
    )
