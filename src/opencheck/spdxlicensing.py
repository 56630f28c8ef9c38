# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""license-expression's SPDX licensing, built once per process for every family, and
the ids it knows, read without building it.

Building it reads license-expression's whole index of licence keys: the licence family
and the publiccode.yml family both parse expressions, and used to build one each.
Building it (2,447 symbols) and its first parse (the automaton of every key and alias)
took 15-21 ms of every check, most of whose expressions are one known id (`MIT`,
`Apache-2.0`): `spdx_ids` reads the same index into a table of ids (4-5 ms), which
answers those (licensing/expressions.py) as the licensing would.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from license_expression import Licensing

# Where license-expression keeps its index (its `vendored_scancode_licensedb_index_location`).
_INDEX = ("data", "scancode-licensedb-index.json")


@cache
def spdx_licensing() -> Licensing:
    from license_expression import build_spdx_licensing, get_license_index

    return build_spdx_licensing(license_index() or get_license_index())


@dataclass(frozen=True)
class SpdxIds:
    """What `spdx_licensing()` is built from: its keys (`known_symbols`, exceptions
    included) and, for each licence that is no exception, its key and aliases as the
    licensing matches them (lowercased, spaces single), mapped to its key."""

    keys: tuple[str, ...]
    licences: dict[str, str]


@cache
def license_index() -> list[dict[str, Any]] | None:
    """license-expression's index of licences (`get_license_index()`), read once;
    None when it is not where that version keeps it."""
    spec = importlib.util.find_spec("license_expression")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        index = json.loads(Path(next(iter(spec.submodule_search_locations)), *_INDEX)
                           .read_bytes())
    except (OSError, ValueError):
        return None
    return index if isinstance(index, list) else None


@cache
def spdx_ids() -> SpdxIds | None:
    """The ids of license-expression's SPDX licensing, read from its index as
    `build_spdx_licensing` reads it; None when the index cannot be read so (the
    callers then ask the licensing itself)."""
    index = license_index()
    if index is None:
        return None
    try:
        keys: list[str] = []
        licences: dict[str, str] = {}
        for entry in index:
            key = entry.get("spdx_license_key")
            if not key:
                continue
            keys.append(key)
            if entry.get("is_exception", False):
                continue
            for alias in [key, *entry.get("other_spdx_license_keys", [])]:
                licences[" ".join(alias.lower().split())] = key
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return SpdxIds(tuple(keys), licences)
