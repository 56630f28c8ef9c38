# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""URLs shown to people: never with the credentials they may carry.

`https://oauth2:glpat-…@gitlab.example.org/g/p.git`, GitLab CI's
`https://gitlab-ci-token:…@…`, `file://user:pw@…`: whatever sits before the `@` of a
URL's authority is replaced by `***`, in a URL (`redact`) and in free text that quotes
URLs, such as git's error messages (`redact_text`). So is the value of a query
parameter that carries a credential (`?private_token=…`, `&access_token=…`,
`X-Amz-Signature=…`, or in the fragment, `#access_token=…`). A password may hold a
raw `@`: the user information is masked up to the authority's last one. Remote URLs
are redacted where they are read (the snapshot's `remotes`), so no report, store or
message sees them whole.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"

# A URL's authority, up to its first `/`, `?`, `#`, blank or quote; its user
# information is whatever stands before its last `@`: a password may hold a raw `@`
# (`https://u:pa@ss@host`), and git, which cuts a URL's credentials at its first `@`,
# then writes `https://ss@host` itself. Bounded, and never read again from within:
# an authority ends before the next "://", so the searches do not overlap.
_AUTHORITY = re.compile(r"\b([A-Za-z][A-Za-z0-9+.-]{0,31}://)([^\s/?#'\"<>]{1,2048})")


# Query keys that carry a credential on the forges, registries and clouds met here.
_SECRET_KEYS = (
    "access_token", "private_token", "job_token", "token", "auth", "apikey", "api_key",
    "key", "password", "passwd", "pwd", "secret", "client_secret", "sig", "signature",
    "x-amz-signature", "x-amz-credential", "x-amz-security-token",
)
# also after `#`: OAuth's implicit flow gives `#access_token=` in a URL's fragment
_QUERY_SECRET = re.compile(
    r"([?&;#](?:" + "|".join(re.escape(key) for key in _SECRET_KEYS) + r")=)[^&#;\s'\"<>]{1,4096}",
    re.IGNORECASE,
)


def redact(url: str) -> str:
    """`url` without the user name, password or token of its authority part, nor the
    value of a credential query parameter."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return redact_text(url)
    if "@" not in parts.netloc:
        return _redact_query(url)
    host = parts.netloc.rpartition("@")[2]
    return _redact_query(urlunsplit((parts.scheme, f"{MASK}@{host}", parts.path,
                                     parts.query, parts.fragment)))


def redact_text(text: str) -> str:
    """`text` with the credentials of every URL in it replaced by `***`."""
    return _redact_query(_AUTHORITY.sub(_without_userinfo, text))


def _without_userinfo(match: re.Match[str]) -> str:
    scheme, authority = match.group(1), match.group(2)
    if "@" not in authority:
        return match.group(0)
    return f"{scheme}{MASK}@{authority.rpartition('@')[2]}"


def _redact_query(text: str) -> str:
    if "=" not in text:
        return text
    return _QUERY_SECRET.sub(lambda match: f"{match.group(1)}{MASK}", text)


def has_credentials(url: str) -> bool:
    try:
        return "@" in urlsplit(url).netloc
    except ValueError:
        return True


def basic_authorization(url: str) -> str | None:
    """The `Basic` Authorization value of the account a URL names
    (`scheme://name:password@host`), None when it names none."""
    try:
        parts = urlsplit(url)
        user, password = parts.username, parts.password
    except ValueError:
        return None
    if user is None:
        return None
    pair = f"{unquote(user)}:{unquote(password or '')}"
    return "Basic " + base64.b64encode(pair.encode()).decode("ascii")
