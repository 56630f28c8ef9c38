# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Ruby: Gemfile.lock (its DEPENDENCIES section names the direct gems)."""

from __future__ import annotations

import re

from opencheck.deps.model import RUNTIME, Dependency
from opencheck.deps.source import Source, in_folder

ECOSYSTEM = "gem"
TRIGGERS = ("Gemfile.lock",)
_SPEC = re.compile(r"^    ([^\s(]+) \(([^)]+)\)\s*$")
_DIRECT = re.compile(r"^  ([^\s(!]+)")


def collect(src: Source, directory: str) -> list[Dependency]:
    path = in_folder(directory, "Gemfile.lock")
    text = src.text(path)
    if text is None:
        return []
    return parse(text, path)


def parse(text: str, path: str) -> list[Dependency]:
    specs: list[tuple[str, str]] = []
    direct: set[str] = set()
    section = ""
    for line in text.splitlines():
        if line and not line[0].isspace():
            section = line.strip()
            continue
        if section in ("GEM", "GIT", "PATH", "PLUGIN SOURCE"):
            match = _SPEC.match(line)
            if match and section != "PATH":
                specs.append((match.group(1), match.group(2)))
        elif section == "DEPENDENCIES":
            match = _DIRECT.match(line)
            if match:
                direct.add(match.group(1))
    return [
        Dependency(ECOSYSTEM, name, _platformless(version), path,
                   direct=name in direct, scope=RUNTIME, locked=True)
        for name, version in specs
    ]


def _platformless(version: str) -> str:
    """`1.13.10-x86_64-linux` -> `1.13.10`: the platform is not part of the version."""
    head, _, rest = version.partition("-")
    return head if rest and not rest[0].isdigit() and re.match(r"^[\d.]+$", head) else version
