# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
# REUSE-IgnoreStart: test data and patterns below hold SPDX tags that are not this file's
"""Helpers to compare a publiccode.yml with the repository: remotes, licences,
versions, the README's language."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from license_expression import ExpressionError

from opencheck.licensing.expressions import lone_id
from opencheck.publiccode.values import licensing

_SCP = re.compile(r"^(?:[\w.-]+@)?([\w.-]+):(?!//)(.+)$")
# The tag is split so that REUSE does not take this pattern for a licence declaration.
# A value is the rest of its line, less trailing blanks, one closing `*/` or `-->` and
# the blanks before it; it holds no `*`. Cut in Python: a lazy value followed by
# `\s*(?:\*/|-->)?\s*$` read the rest of the line again at each character (quadratic
# on a line of blanks: 20,000 characters, the part read, took over 4 s).
_SPDX_TAG = re.compile(r"SPDX-" r"License-Identifier:\s*+(?=[^\s*/#-])")
_CLOSINGS = ("*/", "-->")
# "A, then B later on the line" is tried from the line's first A only: `A.*?B` tried
# at each A rescanned the line from each one (quadratic on a line made of As).
_FROM_FIRST = r"(?m:^(?:(?!{0}).)*+){0}"
# Titles that name a licence unambiguously in its first lines.
_TITLES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), spdx) for pattern, spdx in (
        (r"^\s*MIT License", "MIT"),
        (r"Permission is hereby granted, free of charge", "MIT"),
        (r"Apache License\s+Version 2\.0", "Apache-2.0"),
        (r"GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3", "AGPL-3.0-only"),
        (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3", "LGPL-3.0-only"),
        (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1", "LGPL-2.1-only"),
        (r"GNU GENERAL PUBLIC LICENSE\s+Version 3", "GPL-3.0-only"),
        (r"GNU GENERAL PUBLIC LICENSE\s+Version 2", "GPL-2.0-only"),
        (r"Mozilla Public License,?\s+v(?:ersion)?\.?\s*2\.0", "MPL-2.0"),
        (r"EUROPEAN UNION PUBLIC LICEN[CS]E\s+v\.?\s*1\.2", "EUPL-1.2"),
        (r"Eclipse Public License\s*+(?:-\s*+)?v\s*2\.0", "EPL-2.0"),
        (r"CeCILL-B", "CECILL-B"),
        (r"CeCILL-C", "CECILL-C"),
        (r"CeCILL\s+(?:FREE SOFTWARE LICENSE AGREEMENT\s+)?Version 2\.1|CeCILL v2\.1",
         "CECILL-2.1"),
        (_FROM_FIRST.format(r"LICENCE OUVERTE\s*+(?:/\s*+)?OPEN LICENCE") + r"\s++.*?2\.0"
         r"|Licence Ouverte 2\.0", "etalab-2.0"),
        (r"BSD 3-Clause|" + _FROM_FIRST.format("Redistributions in binary form")
         + r".*?Neither the name", "BSD-3-Clause"),
    )
)
# Equivalences for comparing: the deprecated ids and their -only/-or-later forms.
_FAMILY = re.compile(r"^((?:A|L)?GPL-\d\.\d)(?:-only|-or-later|\+)?$", re.IGNORECASE)

# The commonest short words of each language, to tell a README's language.
_STOPWORDS = {
    "fr": "le la les des est une pour dans que qui sur avec par pas sont cette aux du au "
          "vous nous ce ses",
    "en": "the and is of to for with that this are on be by from you can it an as use",
    "it": "il di che per con una sono della delle gli alla non questo",
    "de": "der die das und ist mit für nicht ein eine auf dem den zu von",
    "es": "el los las del que para con una por es se su al como",
    "nl": "de het een van en is voor met op dat die niet zijn te",
}


def repository_key(url: str) -> str | None:
    """`https://github.com/Org/Repo.git`, `git@github.com:Org/Repo` -> `github.com/org/repo`."""
    url = url.strip()
    scp = _SCP.match(url)
    if scp and "://" not in url:
        host, path = scp.group(1), scp.group(2)
    else:
        parts = urlsplit(url)
        if not parts.hostname:
            return None
        host, path = parts.hostname, parts.path
    path = path.strip("/")
    path = path.removesuffix(".git").removesuffix("/")
    if not path:
        return None
    return f"{host.lower()}/{path.lower()}"


def licence_ids(expression: str) -> set[str]:
    """The licence ids of an SPDX expression (exceptions left out)."""
    known = lone_id(expression)
    if known is not None:
        return {known}
    try:
        parsed = licensing(expression).parse(expression, strict=False)
    except (ExpressionError, ValueError, AttributeError):
        return set()
    if parsed is None:
        return set()
    return {str(key) for key in licensing(expression).license_keys(parsed)}


def comparable(spdx: str) -> str:
    """GPL-3.0, GPL-3.0-only, GPL-3.0-or-later and GPL-3.0+ compare equal: a bare
    licence text cannot tell them apart; case does not matter in SPDX ids."""
    match = _FAMILY.match(spdx)
    return match.group(1).upper() if match else spdx.upper()


def _spdx_values(text: str) -> list[str]:
    """The value of each licence-identifier tag, in one pass over each line."""
    values = []
    position = 0
    while (tag := _SPDX_TAG.search(text, position)) is not None:
        start = tag.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        value = text[start:end].rstrip()
        closing = next((mark for mark in _CLOSINGS if value.endswith(mark)), "")
        value = value[: len(value) - len(closing)].rstrip()
        if "*" in value:  # no value ends before it: the next tag, if any
            position = tag.start() + 1
            continue
        values.append(value)
        position = end
    return values


def licences_in_text(text: str) -> set[str]:
    """Licence ids a licence file states simply: SPDX tags, else a well-known title."""
    found = set()
    for value in _spdx_values(text[:20000]):
        found |= licence_ids(value)
    if found:
        return found
    head = text[:3000]
    for pattern, spdx in _TITLES:
        if pattern.search(head):
            return {spdx}
    return set()


def language_of(text: str) -> str | None:
    """The language of a README by its commonest short words; None if unclear."""
    words = Counter(re.findall(r"[a-zàâçéèêëîïôûùüÿñæœäößü]+", text[:20000].lower()))
    scores = {lang: sum(words[w] for w in stops.split()) for lang, stops in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 8 or ranked[0] < 1.3 * ranked[1]:
        return None
    return best


def normalise_version(version: str) -> str:
    return re.sub(r"^(?:v|version[-_ ]?|release[-_ ]?)", "", version.strip(), flags=re.I)
# REUSE-IgnoreEnd
