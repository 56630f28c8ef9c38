# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The paragraph a README opens with, the one that says what the project is.

It is the prose below the title, before the second heading. Some READMEs put only a
logo and badges there, then a tagline as a subtitle and the paragraph under it (the
Orfeo ToolBox: `# Orfeo Toolbox`, badges, `## Open Source processing of remote sensing
images`, then "Orfeo ToolBox (OTB) is an open-source project for..."): that section
opens the README too, unless its heading names one of the README's other topics
(installation, usage, licence...) or is a table of contents.
"""

from __future__ import annotations

import re

from opencheck.community.markup import Document
from opencheck.community.topics import CONTACT, CONTRIBUTING, INSTALL, LICENCE, USAGE

OTHER_TOPICS = (INSTALL, USAGE, LICENCE, CONTRIBUTING, CONTACT)
# A table of contents lists the sections' names: no presentation
_CONTENTS = frozenset({"table of contents", "contents", "toc", "sommaire", "table des matieres",
                       "indice", "summary of contents"})
_NOT_PROSE = ("[![", "![", "<", "|", "..")  # badges, images, HTML, tables, directives


def _words_between(doc: Document, start: int, end: int) -> int:
    words = 0
    for line, text in doc.prose:
        if line >= end:
            break
        if line < start or text.startswith(_NOT_PROSE):
            continue
        words += len(re.findall(r"[^\W\d_]{2,}", text))
    return words


def intro_words(doc: Document) -> int:
    """Words of the README's opening prose, badges and links excluded."""
    headings = doc.headings
    never = 1 << 30
    second = headings[1].line if len(headings) > 1 else never
    words = _words_between(doc, 0, second)
    if words or len(headings) < 2:
        return words
    subtitle = headings[1]
    if subtitle.key in _CONTENTS or any(topic.matches(subtitle.key) for topic in OTHER_TOPICS):
        return 0
    third = headings[2].line if len(headings) > 2 else never
    return _words_between(doc, subtitle.line, third)
