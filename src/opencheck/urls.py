# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""URLs shown to people: never with the credentials they may carry.

`https://oauth2:glpat-…@gitlab.example.org/g/p.git`, GitLab CI's
`https://gitlab-ci-token:…@…`, `file://user:pw@…`: whatever sits before the `@` of a
URL's authority is replaced by `***`, in a URL (`redact`) and in free text that quotes
URLs, such as git's error messages (`redact_text`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"

# bounded repetitions: linear on any input, however long a line without "://"
_USERINFO = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]{0,31}://)[^\s/?#@'\"<>]{1,2048}@")


def redact(url: str) -> str:
    """`url` without the user name, password or token of its authority part."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, f"{MASK}@{host}", parts.path, parts.query,
                       parts.fragment))


def redact_text(text: str) -> str:
    """`text` with the credentials of every URL in it replaced by `***`."""
    return _USERINFO.sub(lambda match: f"{match.group(1)}{MASK}@", text)


def has_credentials(url: str) -> bool:
    try:
        return "@" in urlsplit(url).netloc
    except ValueError:
        return True
