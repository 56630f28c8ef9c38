# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Checks of single values that JSON Schema cannot express: SPDX expressions, BCP 47
tags, ISO 3166-1 codes, dates, URLs, e-mail addresses, lengths in grapheme clusters.

Each returns None when the value is fine, or a Text saying what is wrong.
"""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from opencheck.model import Text

if TYPE_CHECKING:
    from license_expression import Licensing

# `publiccode validate` answers in well under 0.3 s: regex, license-expression,
# langcodes and iso3166 are imported only when a value needs them, and the common
# values (a French description, `EUPL-1.2`, `fr`, `en-GB`) are judged without them.

# Deprecated ids of the SPDX License List 3.27 (licenses.json, isDeprecatedLicenseId).
DEPRECATED_SPDX = frozenset({
    "AGPL-1.0", "AGPL-3.0", "BSD-2-Clause-FreeBSD", "BSD-2-Clause-NetBSD", "bzip2-1.0.5",
    "eCos-2.0", "GFDL-1.1", "GFDL-1.2", "GFDL-1.3", "GPL-1.0", "GPL-1.0+", "GPL-2.0",
    "GPL-2.0+", "GPL-2.0-with-autoconf-exception", "GPL-2.0-with-bison-exception",
    "GPL-2.0-with-classpath-exception", "GPL-2.0-with-font-exception",
    "GPL-2.0-with-GCC-exception", "GPL-3.0", "GPL-3.0+", "GPL-3.0-with-autoconf-exception",
    "GPL-3.0-with-GCC-exception", "LGPL-2.0", "LGPL-2.0+", "LGPL-2.1", "LGPL-2.1+",
    "LGPL-3.0", "LGPL-3.0+", "Net-SNMP", "Nunit", "StandardML-NJ", "wxWindows",
})
_DEPRECATED_UPPER = frozenset(name.upper() for name in DEPRECATED_SPDX)
_LICENSE_REF = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Code points below U+0300 (Latin scripts, no combining mark) are one character each,
# but for CR LF, which is one grapheme cluster.
_SIMPLE_TEXT = re.compile(r"^[\u0000-\u02ff]*$")
# Valid SPDX ids, not deprecated, in their official case: checked without the library.
COMMON_SPDX = frozenset({
    "EUPL-1.2", "EUPL-1.1", "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause",
    "CECILL-2.1", "CECILL-B", "CECILL-C", "GPL-2.0-only", "GPL-2.0-or-later",
    "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later",
    "LGPL-3.0-only", "LGPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later",
    "MPL-2.0", "EPL-2.0", "ISC", "CC0-1.0", "Unlicense", "etalab-2.0", "ODbL-1.0",
})
# ISO 639-1 language subtags the IANA registry knows (as langcodes says; a test keeps
# the two equal), so that `fr` or `en-GB` need not load langcodes' tables.
_LANGUAGE_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr
ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng
nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk
sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
vi vo wa wo xh yi yo za zh zu"""
LANGUAGES_639_1 = frozenset(_LANGUAGE_CODES.split())
_SIMPLE_TAG = re.compile(r"^([a-z]{2})(?:-([A-Z]{2}))?$")


def graphemes(text: str) -> int:
    """User-perceived characters (extended grapheme clusters, Unicode UAX #29)."""
    if _SIMPLE_TEXT.match(text):
        return len(text) - text.count("\r\n")
    runs: list[str] = _grapheme_pattern().findall(text)  # "" for each cluster `\X` matched
    clusters = sum(map(len, runs)) + runs.count("")
    if "\r" in text:
        clusters -= sum(run.count("\r\n") for run in runs)
    return clusters


def first_graphemes(text: str, count: int) -> str:
    """The text of the first `count` grapheme clusters of `text` (all of it if fewer)."""
    end = 0
    for match in _grapheme_pattern().finditer(text):
        run = match.group(1)
        clusters = 1 if run is None else len(run) - run.count("\r\n")
        if clusters <= count:
            count -= clusters
            end = match.end()
            continue
        end = match.start()
        if run is None or "\r" not in run:
            return text[:end + count]
        for _ in range(count):  # a run's clusters are its characters, but for CR LF
            end += 2 if text.startswith("\r\n", end) else 1
        return text[:end]
    return text[:end]


# A character that no neighbour joins is a cluster of its own: between two of them
# (a letter, a symbol, an emoji, a Hangul syllable, a control) there is always a break,
# whatever precedes them (UAX #29: only Extend, ZWJ, SpacingMark, Hangul V and T join
# what is before them; Prepend, L, V, T, RI, ZWJ and the Indic conjunct marks are not
# among them). A run of them is one match, counted by its length, less its CR LF pairs;
# its last character is left to `\X` when what follows joins it. `\X` alone was one
# match per character: 0.43 s of CPU per MB of plain text, over the probe's bar.
_ALONE = r"\p{GCB=Other}\p{GCB=Control}\r\n\p{GCB=LV}\p{GCB=LVT}"
_JOINS = r"(?![\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=V}\p{GCB=T}]|(?<=\r)\n)"
# Unicode 15.1's Indic conjunct rule (GB9c) looks back at these marks, some not Extend
_GRAPHEMES = rf"(?V1)([[{_ALONE}]--[\p{{InCB=Linker}}\p{{InCB=Extend}}]]+{_JOINS})|\X"
_GRAPHEMES_BEFORE_15_1 = rf"(?V1)([{_ALONE}]+{_JOINS})|\X"  # no InCB, nor GB9c


@cache
def _grapheme_pattern() -> Any:
    import regex

    try:
        return regex.compile(_GRAPHEMES)
    except regex.error:  # a `regex` older than Unicode 15.1: no such property, nor rule
        return regex.compile(_GRAPHEMES_BEFORE_15_1)


def licensing(expression: str | None = None) -> Licensing:
    """The SPDX licensing; with an expression, one that reads it the same
    (spdxlicensing.spdx_licensing_for)."""
    from opencheck.licensing.expressions import licensing as shared

    return shared(expression)


def spdx_problem(expression: str) -> tuple[Text | None, Text | None]:
    """(error, warning) for an SPDX licence expression; WITH exceptions allowed."""
    if expression in COMMON_SPDX:
        return None, None
    from license_expression import ExpressionError

    refs = {word for word in re.split(r"[\s()]+", expression) if _LICENSE_REF.match(word)}
    checked = expression
    for ref in refs:  # LicenseRef-* are valid by definition: check the rest of the syntax
        checked = re.sub(rf"(?<![\w.-]){re.escape(ref)}(?![\w.-])", "MIT", checked)
    hidden = next((c for c in expression if not c.isprintable() and c not in " \t\r\n"), None)
    try:
        info = licensing(checked).validate(checked, strict=True)
        errors = list(info.errors)
    except (ExpressionError, ValueError) as error:
        errors = [str(error) or "invalid expression"]
    except AttributeError:  # the library's own slip on some inputs: no words of ours
        errors = ["invalid expression"]
    detail = detail_fr = "; ".join(errors)
    if hidden is not None:  # the library's words about it are no help
        detail = f"a control or invisible character, U+{ord(hidden):04X}"
        detail_fr = f"un caractère de contrôle ou invisible, U+{ord(hidden):04X}"
    if errors or hidden is not None:
        return Text(
            f"« {expression} » n'est pas une expression SPDX valide ({detail_fr}). "
            "Exemples : « EUPL-1.2 », « MIT OR Apache-2.0 », "
            "« GPL-2.0-or-later WITH Classpath-exception-2.0 ».",
            f"'{expression}' is not a valid SPDX expression ({detail}). Examples: "
            "'EUPL-1.2', 'MIT OR Apache-2.0', 'GPL-2.0-or-later WITH Classpath-exception-2.0'.",
        ), None
    words = [w for w in re.split(r"[\s()]+", expression) if w and w.upper() not in
             ("AND", "OR", "WITH")]
    deprecated = [w for w in words if w.upper() in _DEPRECATED_UPPER]
    if deprecated:
        normal = str(info.normalized_expression)
        return None, Text(
            f"Identifiant SPDX obsolète ({', '.join(deprecated)}) : écrivez « {normal} » "
            "(ou la variante -or-later voulue).",
            f"Deprecated SPDX id ({', '.join(deprecated)}): write '{normal}' "
            "(or the -or-later variant you mean).",
        )
    normal = str(info.normalized_expression)
    if not refs and normal != expression and normal.lower() == expression.lower():
        return None, Text(
            f"Écrivez les identifiants SPDX avec leur casse officielle : « {normal} ».",
            f"Write SPDX ids in their official case: '{normal}'.",
        )
    return None, None


def bcp47_problem(tag: object) -> Text | None:
    if not isinstance(tag, str):
        return Text("Une étiquette de langue doit être un texte (BCP 47, ex. « fr »).",
                    "A language tag must be text (BCP 47, e.g. 'fr').")
    simple = _SIMPLE_TAG.match(tag)
    if simple and simple.group(1) in LANGUAGES_639_1 and (
            simple.group(2) is None or simple.group(2) in _countries()):
        return None
    import langcodes  # 0.2 s of tables at import: only for the less common tags

    if "_" in tag or not tag or not langcodes.tag_is_valid(tag):
        hint = f" (« {tag.replace('_', '-')} » ?)" if "_" in tag else ""
        hint_en = f" ('{tag.replace('_', '-')}'?)" if "_" in tag else ""
        return Text(
            f"« {tag} » n'est pas une étiquette de langue BCP 47 valide{hint} "
            "(ex. « fr », « en », « fr-CA »).",
            f"'{tag}' is not a valid BCP 47 language tag{hint_en} (e.g. 'fr', 'en', 'fr-CA').",
        )
    return None


def country_problem(code: object) -> tuple[Text | None, Text | None]:
    """(error, warning) for an ISO 3166-1 alpha-2 code; lower case is deprecated, mixed
    case (`Fr`) is neither form."""
    if not isinstance(code, str) or len(code) != 2 or code.upper() not in _countries():
        return Text(
            f"« {code} » n'est pas un code pays ISO 3166-1 alpha-2 (ex. « FR »).",
            f"'{code}' is not an ISO 3166-1 alpha-2 country code (e.g. 'FR').",
        ), None
    if code not in (code.upper(), code.lower()):
        return Text(
            f"« {code} » : un code pays s'écrit en majuscules (« {code.upper()} »), pas en "
            "casse mélangée.",
            f"'{code}': a country code is written in upper case ('{code.upper()}'), not in "
            "mixed case.",
        ), None
    if code != code.upper():
        return None, Text(
            f"Code pays en minuscules, obsolète depuis 0.5 : écrivez « {code.upper()} ».",
            f"Lower-case country code, deprecated since 0.5: write '{code.upper()}'.",
        )
    return None, None


@cache
def _countries() -> frozenset[str]:
    import iso3166

    return frozenset(iso3166.countries_by_alpha2)


def is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_email(value: Any) -> bool:
    return isinstance(value, str) and bool(_EMAIL.match(value))


def is_uri(value: Any) -> bool:
    """An absolute URI without spaces; http(s) needs a host; file: is refused."""
    if not isinstance(value, str) or not _SCHEME.match(value) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "file":
        return False
    if scheme in ("http", "https", "git", "ssh", "svn", "ftp", "ftps"):
        return bool(parts.hostname)
    return True


_MIME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/"
                   r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(?:\s*;.{0,200})?$")


def is_mime_type(value: str) -> bool:
    """type/subtype as RFC 6838 names them (restricted-name), parameters allowed."""
    return bool(_MIME.match(value))


def is_http_url(value: Any) -> bool:
    """An absolute http(s) URL with a host: the form of landingURL, roadmap, ..."""
    if not isinstance(value, str) or not is_uri(value):
        return False
    return urlsplit(value).scheme.lower() in ("http", "https")


def uri_problem(value: Any) -> Text:
    """Why `value` is not an absolute URI, in a few words."""
    if not isinstance(value, str) or not _SCHEME.match(value):
        return Text("pas de schéma (https://...)", "no scheme (https://...)")
    if any(c.isspace() for c in value):
        return Text("elle contient une espace", "it contains a space")
    if value.lower().startswith("file:"):
        return Text("les URL file: sont refusées", "file: URLs are refused")
    return Text("pas de nom d'hôte", "no host name")
