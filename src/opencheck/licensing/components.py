# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A root notice file that gathers other components' licences, one section each.

DigiDoc4-Client's COPYING is such a file: `qtsingleapplication`, then the LGPL's
text; a rule of underscores; `client/pkcs11.h`, then its notice; a rule; `client/fonts`,
then the Apache licence. Each section says what one component is under, and the
project's own licence is elsewhere (LICENSE.LGPL). Read as the project's licence, it
made DigiDoc4 "Apache-2.0 AND FSFULLR AND GPL-3.0-only AND …", and its holders those of
the components.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A line of one mark repeated (`_____`, `-----`, `=====`, `*****`, `#####`).
_RULE = re.compile(r"^[ \t]*([_=*#-])\1{9,}[ \t]*$", re.MULTILINE)
# A section's heading: one word that names a path or a package, never a sentence.
_HEADING = re.compile(r"^[\w@+.-]+(?:/[\w@+.-]+)*/?$")
_LICENCE_WORDS = re.compile(r"licen[cs]e|copying|copyright|gpl|\bmit\b|bsd|apache|mpl",
                            re.IGNORECASE)
SCANNED = 200_000  # characters of the file read


def component_notices(text: str, in_tree: Callable[[str], bool]) -> bool:
    """Whether `text` is made of sections split by rules, each opened by a heading
    that names a component (a path, a package), one of them a path of the tree: the
    licences of those components, not the project's. A dual licence written as two
    texts under their names (`MIT`, then `Apache-2.0`) is no such file."""
    sections = _RULE.split(text[:SCANNED])[::2]  # split() gives the marks in between
    headings = []
    for section in sections:
        first = next((line.strip() for line in section.splitlines() if line.strip()), None)
        if first is None:
            continue
        if len(first) > 120 or not _HEADING.match(first) or _LICENCE_WORDS.search(first):
            return False
        headings.append(first.rstrip("/"))
    return len(headings) >= 2 and any("/" in heading and in_tree(heading)
                                      for heading in headings)
