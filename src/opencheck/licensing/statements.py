# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a file besides the licence files says of the project's licence.

The declarations (`declarations.py`) read the project's licence from the licence
files, and from a manifest's licence fields, the README's licence section or
paragraph and publiccode.yml's `legal.license` at the checked folder's top, and read a
bare GNU licence text as "or later" when the README or a root NOTICE says so. A change
to one of those files most often leaves that statement as it was: a dependency bump
rewrites package.json, not its `license`. Merge-request mode compares the statement
of such a file before and after the change (`diffmode.Scope`), so that only a change
of the licence itself judges every old dependency against it again.
"""

from __future__ import annotations

from opencheck.licensing.declarations import (
    NOTICE_FILE,
    later_notice,
    readme_licence_paragraph,
    readme_licence_section,
)
from opencheck.licensing.manifests import ManifestError, reader_for
from opencheck.textdecode import decode_text
from opencheck.yamlsafe import YamlError, load_yaml

PUBLICCODE = ("publiccode.yml", "publiccode.yaml")
README_FOLDERS = ("", ".github", "docs")  # where the declarations look for the README


def states_licence(path: str) -> bool:
    """Whether the file `path` (relative to the checked folder) is one the project's
    licence may be read from, besides the licence files."""
    folder, _, name = path.rpartition("/")
    if not folder and (reader_for(name) is not None or name in PUBLICCODE
                       or NOTICE_FILE.match(name)):
        return True
    return folder in README_FOLDERS and name.upper().startswith("README")


def licence_statement(path: str, data: bytes | None) -> tuple[str, ...]:
    """What the file `path` of `states_licence` says of the project's licence, as the
    declarations read it (nothing for an absent file, `data` None): equal for two
    versions of the file that state the same licence in the same place."""
    if data is None:
        return ()
    name = path.rpartition("/")[2]
    text = decode_text(data)
    if "/" not in path and name in PUBLICCODE:
        return _publiccode_licence(data)
    reader = reader_for(name) if "/" not in path else None
    if reader is not None:
        try:
            return tuple(f"{field.where}: {field.raw}" for field in reader(text))
        except (ManifestError, ValueError, RecursionError) as error:
            return (f"unreadable: {type(error).__name__}",)
    # a root NOTICE or the README saying "or (at your option) any later version" tells
    # how to read a bare GNU licence text (`declarations._later_notices`)
    later = (f"later: {later_notice(text)}",)
    if "/" not in path and NOTICE_FILE.match(name):
        return later
    section = readme_licence_section(text) or readme_licence_paragraph(text)
    return ((section[1],) if section else ()) + later


def _publiccode_licence(data: bytes) -> tuple[str, ...]:
    try:
        document = load_yaml(data)
    except YamlError as error:
        return (f"unreadable: {type(error).__name__}",)
    legal = document.get("legal") if isinstance(document, dict) else None
    value = legal.get("license") if isinstance(legal, dict) else None
    return (value,) if isinstance(value, str) else ()
