# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The licence family: is there a licence, which one, is it allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from opencheck.model import Finding, Text
from opencheck.registry import Context, check

LICENCE_FILE = re.compile(
    r"^(?:licen[cs]e|copying|copyright|unlicen[cs]e)(?:[-_.][\w.-]*)?$", re.IGNORECASE
)


def licence_files(ctx: Context) -> list[str]:
    """Licence files at the root, plus the texts of the REUSE `LICENSES/` folder."""
    found = [path for path in ctx.repo.paths() if "/" not in path and LICENCE_FILE.match(path)]
    found += [path for path in ctx.repo.paths() if path.startswith("LICENSES/")]
    return found


@check("licence-file-present")
def licence_file_present(ctx: Context) -> Iterator[Finding]:
    if not licence_files(ctx):
        yield Finding(
            rule="licence-file-present",
            message=Text(
                fr="Aucun fichier de licence (LICENSE, LICENCE, COPYING ou LICENSES/).",
                en="No licence file (LICENSE, LICENCE, COPYING or LICENSES/).",
            ),
            key="LICENSE",
        )
