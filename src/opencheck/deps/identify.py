# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which licence a text carries, and which licence the project itself declares.

`identify` is a stand-in until the licence family's identification lands: it reads
SPDX-License-Identifier tags, then a few unmistakable titles. Swap its body for the
licence family's `identify(text)`; nothing else calls anything here for that.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from opencheck.deps.compat import to_spdx
from opencheck.repository import Repository

# REUSE-IgnoreStart: a pattern, not this file's licence
_SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*([^\n*]+?)\s*(?:\*/|-->|$)", re.MULTILINE)
# REUSE-IgnoreEnd
_LICENSE_TAG = re.compile(r"@licen[cs]e\s+([A-Za-z0-9.+\-]+)")
# Titles or phrases that name one licence without doubt, in the order they are tried.
_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (spdx, re.compile(pattern, re.IGNORECASE))
    for spdx, pattern in (
        ("CECILL-B", r"CeCILL-B"),
        ("CECILL-C", r"CeCILL-C"),
        ("CECILL-2.1", r"CeCILL\s+(?:FREE SOFTWARE LICENSE AGREEMENT\s+)?Version 2\.1"),
        ("LiLiQ-R-1.1", r"Licence Libre du Québec\s*[–-]\s*Réciprocité \(LiLiQ-R\)"),
        ("AGPL-3.0-only", r"GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3"),
        ("LGPL-3.0-only", r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3"),
        ("LGPL-2.1-only", r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1"),
        ("LGPL-2.0-only", r"GNU LIBRARY GENERAL PUBLIC LICENSE\s+Version 2"),
        ("GPL-3.0-only", r"GNU GENERAL PUBLIC LICENSE\s+Version 3"),
        ("GPL-2.0-only", r"GNU GENERAL PUBLIC LICENSE\s+Version 2"),
        ("EUPL-1.2", r"EUROPEAN UNION PUBLIC LICEN[CS]E\s+v\.?\s*1\.2"),
        ("EUPL-1.1", r"EUROPEAN UNION PUBLIC LICEN[CS]E\s+v\.?\s*1\.1"),
        ("MPL-2.0", r"Mozilla Public License,?\s+(?:Version|v\.)\s*2\.0"),
        ("EPL-2.0", r"Eclipse Public License\s*-?\s*v\s*2\.0"),
        ("EPL-1.0", r"Eclipse Public License\s*-?\s*v\s*1\.0"),
        ("Apache-2.0", r"Apache License,?\s+Version 2\.0"),
        ("Unlicense", r"This is free and unencumbered software released into the public domain"),
        ("CC0-1.0", r"CC0 1\.0 Universal"),
        ("ISC", r"Permission to use, copy, modify, and(?:/or)? distribute this software for any"),
        ("MIT", r"Permission is hereby granted, free of charge, to any person obtaining a copy"),
        ("BSD-3-Clause", r"Redistribution and use in source and binary forms(?s:.){0,1200}"
                         r"Neither the name"),
        ("BSD-2-Clause", r"Redistribution and use in source and binary forms(?s:.){0,900}"
                         r"THIS SOFTWARE IS PROVIDED BY"),
        ("MIT", r"^\s*(?:The )?MIT License\s*$"),
        ("MIT", r"Released under the MIT licen[cs]e"),
        ("Apache-2.0", r"Licensed under the Apache License,? Version 2\.0"),
        ("GPL-3.0-or-later", r"either version 3 of the License, or\s+\(at your option\) any"),
        ("GPL-2.0-or-later", r"either version 2 of the License, or\s+\(at your option\) any"),
    )
)
ROOT_LICENCE = re.compile(r"^(?:licen[cs]e|copying)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)


def identify(text: str) -> str | None:
    """The SPDX expression a licence text or file header names, or None."""
    head = text[:20000]
    tags = [to_spdx(match.strip()) for match in _SPDX_TAG.findall(head)]
    tags = [tag for tag in tags if tag]
    if tags:
        unique = list(dict.fromkeys(tags))
        return unique[0] if len(unique) == 1 else " AND ".join(f"({t})" for t in unique)
    tag = _LICENSE_TAG.search(head)
    if tag and to_spdx(tag.group(1)):
        return to_spdx(tag.group(1))
    for window in (head[:600], head):  # a title at the top beats a mention further down
        for spdx, pattern in _TITLES:
            if pattern.search(window):
                return spdx
    return None


def project_licence(repo: Repository) -> tuple[str | None, str | None]:
    """The project's own licence as an SPDX expression, and the file that says so.

    The root licence file first, then what package manifests declare. A stand-in for
    the licence family's verdict on the project; only this function needs to change.
    """
    for path in repo.paths():
        if "/" not in path and ROOT_LICENCE.match(path):
            text = repo.read_text(path)
            found = identify(text) if text else None
            if found:
                return found, path
    for path, read in _MANIFEST_READERS:
        if repo.exists(path):
            data = repo.read_bytes(path)
            declared = read(data) if data is not None else None
            spdx = to_spdx(declared) if declared else None
            if spdx:
                return spdx, path
    return None, None


def _json_field(data: bytes) -> str | None:
    import json

    try:
        value: Any = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    licence = value.get("license") if isinstance(value, dict) else None
    if isinstance(licence, list):
        licence = " OR ".join(str(item) for item in licence)
    return licence if isinstance(licence, str) else None


def _toml_field(section: str) -> Any:
    def read(data: bytes) -> str | None:
        try:
            value = tomllib.loads(data.decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
        table = value.get(section, {})
        licence = table.get("license") if isinstance(table, dict) else None
        if isinstance(licence, dict):
            licence = licence.get("text")
        return licence if isinstance(licence, str) else None

    return read


def _pom_field(data: bytes) -> str | None:
    from opencheck.deps import maven

    try:
        names = maven.declared_licences(maven.parse_xml(data.decode("utf-8-sig")))
    except (ValueError, UnicodeDecodeError):
        return None
    return names[0] if len(names) == 1 else None


_MANIFEST_READERS = (
    ("package.json", _json_field),
    ("composer.json", _json_field),
    ("pyproject.toml", _toml_field("project")),
    ("Cargo.toml", _toml_field("package")),
    ("pom.xml", _pom_field),
)
