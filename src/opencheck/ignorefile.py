# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A `.gitignore` line for one path, escaped so that it matches that path only
(`opencheck fix` writes them; a fix text shows them)."""

from __future__ import annotations


def ignore_line(path: str) -> str | None:
    """The .gitignore line that matches `path` and nothing else; None for a name no
    line can hold (a newline), which a person then handles."""
    if "\n" in path or "\r" in path:
        return None
    escaped = "".join("\\" + char if char in "\\*?[" else char for char in path)
    if escaped.endswith(" "):
        escaped = escaped[:-1] + "\\ "  # git drops trailing spaces that are not escaped
    return "/" + escaped
