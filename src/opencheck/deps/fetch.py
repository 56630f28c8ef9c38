# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Fetch one JSON document over HTTP(S) within bounds: a deadline for the whole answer,
a size cap, and no private, loopback or link-local address (SSRF guard), redirects
included.

The interface is one function, `fetch_json(url, timeout, allow_private)`, so that the
project-wide network guard can replace this body without touching the callers.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from opencheck import __version__

MAX_BYTES = 8 * 1024 * 1024
USER_AGENT = f"opencheck/{__version__} (licence audit; +https://code.gouv.fr)"


class FetchError(Exception):
    """The document could not be fetched or is not JSON; the message says why."""


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs that are not http(s) or whose host resolves to a private address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"refused URL scheme or host: {parts.scheme or '?'}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {parts.hostname}: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(
                f"refused {parts.hostname}: private or local address {address} "
                "(use --allow-private-network to allow it)"
            )


class _GuardedRedirect(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_address(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_json(url: str, timeout: float, allow_private: bool = False) -> Any:
    """The parsed JSON at `url`; FetchError on refusal, time-out, HTTP error or garbage.

    A 404 answer returns None: the registry does not know the package.
    """
    check_address(url, allow_private)
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_GuardedRedirect(allow_private))
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"no complete answer within {timeout:g} s")
                chunk = response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"answer larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise FetchError(f"HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"unreachable: {reason}") from error
    try:
        return json.loads(b"".join(chunks).decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise FetchError("the answer is not JSON") from error
