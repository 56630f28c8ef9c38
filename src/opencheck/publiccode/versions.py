# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which published version of the standard a `publiccodeYmlVersion` names."""

from __future__ import annotations

import re
from dataclasses import dataclass

LATEST = "0.7"
SCHEMAS = ("0.2", "0.3", "0.4", "0.5", "0.7")
# 0.6 changed nothing in the standard: it is validated as 0.5. 0.2.0-0.2.2 are 0.2.
_SCHEMA_OF = {"2": "0.2", "3": "0.3", "4": "0.4", "5": "0.5", "6": "0.5", "7": "0.7"}
_VERSION = re.compile(r"^0(?:\.(\d+)(?:\.(\d+))?)?$")


@dataclass(frozen=True)
class Version:
    declared: object
    minor: str | None  # "0.2" ... "0.7" as written (0.6 stays 0.6), None if unknown
    schema: str  # the schema used to validate
    is_string: bool

    @property
    def known(self) -> bool:
        return self.minor is not None


def parse(declared: object) -> Version:
    is_string = isinstance(declared, str)
    text = declared.strip() if isinstance(declared, str) else _plain(declared)
    match = _VERSION.match(text or "")
    if match:
        minor = match.group(1)
        if minor is None:  # "0": the latest 0.x, as the standard's own examples write it
            return Version(declared, LATEST, LATEST, is_string)
        if minor in _SCHEMA_OF:
            return Version(declared, f"0.{minor}", _SCHEMA_OF[minor], is_string)
    return Version(declared, None, LATEST, is_string)


def _plain(value: object) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def older(minor: str, than: str) -> bool:
    return tuple(map(int, minor.split("."))) < tuple(map(int, than.split(".")))
