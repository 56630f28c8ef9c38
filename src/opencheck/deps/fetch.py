# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Fetch one JSON document over HTTP(S) within bounds: a deadline for the whole answer
(a server that drips bytes is cut), a size cap, and the project's SSRF guard
(`opencheck.netguard.resolve`): every address of the host is checked, the connection
goes to a checked address (no second resolution for DNS rebinding to exploit), and each
redirect hop is checked the same way. Behind the user's proxy (`proxies.for_url`), the
proxy resolves the host, once it is checked as far as it can be
(`netguard.check_before_proxy`).
"""

from __future__ import annotations

import http.client
import socket
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from opencheck import __version__, proxies
from opencheck.netguard import BlockedAddress, ProxyFailure, Route, route, target
from opencheck.parsing import load_json

MAX_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = f"opencheck/{__version__} (licence audit; +https://code.gouv.fr)"


class FetchError(Exception):
    """The document could not be fetched or is not JSON; the message says why."""


def _route(url: str, deadline: float, allow_private: bool) -> Route:
    """How to reach `url` (directly at a checked address, or through the user's
    proxy); FetchError for a refused URL, address or proxy setting."""
    try:
        target(url)
    except ValueError as error:
        refused = urlsplit(url).scheme
        raise FetchError(f"refused URL scheme or host: {refused or '?'}") from error
    try:
        return route(url, deadline, allow_private, proxies.for_url(url))
    except proxies.ProxyError as error:
        raise FetchError(error.text.en) from error
    except BlockedAddress as error:
        raise FetchError(str(error)) from error
    except TimeoutError as error:
        raise FetchError("no time left") from error
    except OSError as error:
        raise FetchError(str(error)) from error


def fetch_json(url: str, timeout: float, allow_private: bool = False) -> Any:
    """The parsed JSON at `url`; None when the registry answers 404 (unknown package);
    FetchError on refusal, time-out, another HTTP error or garbage."""
    body = fetch_bytes(url, timeout, allow_private)
    if body is None:
        return None
    try:
        return load_json(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise FetchError("the answer is not JSON") from error


def fetch_bytes(url: str, timeout: float, allow_private: bool = False,
                accept: str = "application/json") -> bytes | None:
    """The body at `url` (at most MAX_BYTES); None on 404; FetchError otherwise."""
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location, body = _get(current, deadline, allow_private, accept)
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            continue
        if status == 404:
            return None
        if status != 200:
            raise FetchError(f"HTTP {status}")
        return body
    raise FetchError(f"more than {MAX_REDIRECTS} redirects")


def _get(url: str, deadline: float, allow_private: bool,
         accept: str = "application/json") -> tuple[int, str | None, bytes]:
    way = _route(url, deadline, allow_private)
    connection = way.connection
    try:
        connection.request("GET", way.path, headers={"User-Agent": USER_AGENT,
                                                      "Accept": accept, **way.headers})
        response = connection.getresponse()
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline:
                raise FetchError("no complete answer in time")
            chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_BYTES:
                raise FetchError(f"answer larger than {MAX_BYTES // (1024 * 1024)} MB")
            chunks.append(chunk)
        if connection.expired:  # cut at the deadline: what was read is not the answer
            raise FetchError("no complete answer in time")
        return response.status, response.getheader("Location"), b"".join(chunks)
    except (OSError, http.client.HTTPException) as error:
        if connection.expired:
            raise FetchError("no complete answer in time") from error
        if isinstance(error, TimeoutError | socket.timeout):
            raise FetchError("timed out") from error
        if isinstance(error, ProxyFailure):  # the proxy refused, or is not there
            raise FetchError(str(error)) from error
        raise FetchError(f"unreachable: {type(error).__name__}: {error}") from error
    finally:
        connection.close()
