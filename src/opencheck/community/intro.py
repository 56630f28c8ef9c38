# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The paragraph a README opens with, the one that says what the project is.

It is the prose below the title, before the second heading. Some READMEs put only a
logo and badges there, then a tagline as a subtitle and the paragraph under it (the
Orfeo ToolBox: `# Orfeo Toolbox`, badges, `## Open Source processing of remote sensing
images`, then "Orfeo ToolBox (OTB) is an open-source project for..."): that section
opens the README too, unless its heading names one of the README's other topics
(installation, usage, licence...) or is a table of contents, or that
section opens with a list or a label rather than a sentence.
"""

from __future__ import annotations

import re

from opencheck.community.markup import Document
from opencheck.community.topics import CONTACT, CONTRIBUTING, INSTALL, LICENCE, USAGE

OTHER_TOPICS = (INSTALL, USAGE, LICENCE, CONTRIBUTING, CONTACT)
# A table of contents lists the sections' names: no presentation
_CONTENTS = frozenset({"table of contents", "table of content", "contents", "toc", "sommaire",
                       "table des matieres", "indice", "summary of contents"})
# The section under the subtitle opens with a sentence: a word, not a list's bullet, a
# number or markup.
_SENTENCE_START = re.compile(r"[^\W\d_]")
_NOT_PROSE = ("[![", "![", "<", "|", "..")  # badges, images, HTML, tables, directives


def _prose_between(doc: Document, start: int, end: int) -> list[str]:
    return [text for line, text in doc.prose
            if start <= line < end and not text.startswith(_NOT_PROSE)]


def _words(lines: list[str]) -> int:
    return sum(len(re.findall(r"[^\W\d_]{2,}", text)) for text in lines)


def intro_words(doc: Document) -> int:
    """Words of the README's opening prose, badges and links excluded."""
    headings = doc.headings
    never = 1 << 30
    second = headings[1].line if len(headings) > 1 else never
    words = _words(_prose_between(doc, 0, second))
    if words or len(headings) < 2:
        return words
    subtitle = headings[1]
    if subtitle.key in _CONTENTS or any(topic.matches(subtitle.key) for topic in OTHER_TOPICS):
        return 0
    third = headings[2].line if len(headings) > 2 else never
    below = _prose_between(doc, subtitle.line, third)
    if not below or not _SENTENCE_START.match(below[0]):
        return 0  # a list, a label in bold (`**pre-requis**:`): the section is no presentation
    return _words(below)
