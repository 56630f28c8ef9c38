# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""REUSE.toml text that opencheck writes (`opencheck fix`) or shows in a fix.

REUSE reads an annotation's `path` as a glob: a path is written with its `*` and `\\`
escaped, so that a folder named `*` names itself only. JSON strings of UTF-8 text are
valid TOML basic strings. The tag names are built from parts, so that REUSE does not
read them as this file's own.
"""

from __future__ import annotations

import json

COPYRIGHT_KEY = f"SPDX-{'File'}CopyrightText"
LICENCE_KEY = f"SPDX-{'License'}-Identifier"


def literal(path: str) -> str:
    """`path` as a REUSE glob that matches it and nothing else."""
    return path.replace("\\", "\\\\").replace("*", "\\*")


def annotation(paths: list[str], copyright: str, licence: str, comment: str) -> str:
    """One `[[annotations]]` block for these exact paths, after a `# comment` line."""
    quoted = ", ".join(json.dumps(literal(path)) for path in paths)
    return f"# {comment}\n" + _block(f"[{quoted}]", copyright, licence)


def folder_annotation(folder: str, copyright: str, licence: str) -> str:
    """One `[[annotations]]` block for every file under `folder`, by its glob: the keys
    `annotation_line` shows, one per line."""
    return _block(json.dumps(folder_glob(folder)), copyright, licence)


def _block(path: str, copyright: str, licence: str) -> str:
    return (
        "[[annotations]]\n"
        f"path = {path}\n"
        'precedence = "aggregate"\n'
        f"{COPYRIGHT_KEY} = {json.dumps(copyright)}\n"
        f"{LICENCE_KEY} = {json.dumps(licence)}\n"
    )


def folder_glob(folder: str) -> str:
    """The glob of every file under `folder`, at any depth."""
    return literal(folder) + "/**"


def annotation_line(glob: str, copyright: str, licence: str) -> str:
    """An annotation for `glob` on one line (a fix is one line): its keys in order, each
    of which goes on a line of its own in REUSE.toml."""
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # read by a person: é stays é

    return (f'[[annotations]] path = {quoted(glob)} precedence = "aggregate" '
            f"{COPYRIGHT_KEY} = {quoted(copyright)} {LICENCE_KEY} = {quoted(licence)}")
