# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Go: go.mod. Since Go 1.17 it lists every module the build needs, the transitive ones
marked `// indirect`."""

from __future__ import annotations

from opencheck.deps.model import RUNTIME, Dependency
from opencheck.deps.source import Source, in_folder

ECOSYSTEM = "golang"
TRIGGERS = ("go.mod",)


def collect(src: Source, directory: str) -> list[Dependency]:
    path = in_folder(directory, "go.mod")
    text = src.text(path)
    if text is None:
        return []
    return parse(text, path)


def parse(text: str, path: str) -> list[Dependency]:
    found: list[Dependency] = []
    in_block = False
    for raw in text.splitlines():
        line, _, comment = raw.partition("//")
        words = line.split()
        if not words:
            continue
        if in_block:
            if words[0] == ")":
                in_block = False
                continue
        elif words[0] == "require":
            if words[1:2] == ["("]:
                in_block = True
                continue
            words = words[1:]
        else:
            continue
        if len(words) >= 2:
            indirect = comment.strip().startswith("indirect")
            found.append(
                Dependency(ECOSYSTEM, words[0].strip('"'), words[1], path,
                           direct=not indirect, scope=RUNTIME, locked=True)
            )
    return found
