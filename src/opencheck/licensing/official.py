# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The official texts of the licences on the decree's list, to write into a repository.

`texts/<id>.txt` holds the SPDX License List text; `texts/<id>.fr.txt` the official
French text where the licence has one (CeCILL, Licence Ouverte). The texts are written
as published: only the copyright line of the licences that carry one (MIT, BSD) is
filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

TEXTS_DIR = Path(__file__).resolve().parent / "texts"

# `Copyright (c) <year> <copyright holders>` (MIT), `<year> <owner>` (BSD).
_COPYRIGHT_TEMPLATE = re.compile(r"<year> <(?:copyright holders|owner)>")
_OR_LATER_NOTICE = (
    "This project is licensed under version 3 of the licence below or (at your option)\n"
    "any later version (SPDX: {spdx}). The licence text follows.\n\n"
)


@dataclass(frozen=True)
class OfficialText:
    spdx: str
    language: str  # "fr" or "en"
    text: str

    def with_copyright(self, year: int, holder: str) -> str:
        """The text with its copyright line filled in, for the licences that have one."""
        return _COPYRIGHT_TEMPLATE.sub(lambda _: f"{year} {holder}", self.text, count=1)

    def for_licence_file(self, year: int, holder: str | None) -> str:
        """What `LICENSE` holds: the text, its copyright line filled in when there is
        one, and for a GNU `-or-later` id a first paragraph that says so (a bare GNU
        text reads as `-only`)."""
        body = self.with_copyright(year, holder) if holder else self.text
        if self.spdx.endswith("-or-later"):
            return _OR_LATER_NOTICE.format(spdx=self.spdx) + body
        return body

    @property
    def has_copyright_line(self) -> bool:
        return _COPYRIGHT_TEMPLATE.search(self.text) is not None


def available_ids() -> list[str]:
    names = (path.name.removesuffix(".txt").removesuffix(".fr") for path in TEXTS_DIR.glob("*.txt"))
    return sorted(set(names))


def official_text(spdx: str, lang: str) -> OfficialText | None:
    """The licence's text in the user's language when it has an official one there.

    French users get the French text of CeCILL and of the Licence Ouverte; every other
    licence, and English users, get the SPDX text. None when opencheck ships no text.
    """
    candidates = [(f"{spdx}.fr.txt", "fr")] if lang == "fr" else []
    candidates.append((f"{spdx}.txt", "en"))
    for name, language in candidates:
        path = TEXTS_DIR / name
        if path.is_file():
            return OfficialText(spdx, language, path.read_text("utf-8"))
    return None

