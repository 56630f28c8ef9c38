# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Where the shipped data (`rules/`, `schemas/`) lives: in the package once installed,
at the top of the source tree when running from a checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"opencheck data folder {name!r} not found (broken install?)")


def rules_dir() -> Path:
    return data_dir("rules")


def schemas_dir() -> Path:
    return data_dir("schemas")


@cache
def load_schema(relative: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((schemas_dir() / relative).read_text("utf-8"))
    return schema
