# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""HTTP requests to URLs found in an untrusted repository, without SSRF.

A URL written in a scanned file must not make opencheck reach the machine it runs on
or its private network (cloud metadata at 169.254.169.254, an intranet, localhost).
So the host is resolved first, every address it resolves to is checked, and the
connection is made to a checked address itself (not resolved again, which would let
DNS rebinding slip a private address in). Redirects are followed by hand, each hop
checked the same way. Private, loopback, link-local, multicast, reserved and
unspecified addresses are refused unless the caller allows private networks.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

DEFAULT_TIMEOUT = 5.0
MAX_REDIRECTS = 5
USER_AGENT = "opencheck (+https://code.gouv.fr)"


class BlockedAddress(Exception):
    """The URL points to an address that is refused."""


@dataclass(frozen=True)
class Answer:
    """What a URL gave: `status` 0 when there was no HTTP answer (see `error`)."""

    url: str
    status: int
    error: str | None = None
    blocked: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400


def is_refused(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )


def resolve(host: str, port: int, allow_private: bool = False) -> list[str]:
    """Every address of `host`; BlockedAddress if any of them is refused."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        refused = [address for address in addresses if is_refused(address)]
        if refused:
            raise BlockedAddress(
                f"{host} resolves to a private or local address ({refused[0]}); "
                "refused without --allow-private-network"
            )
    return addresses


def request(
    url: str,
    method: str = "HEAD",
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    max_redirects: int = MAX_REDIRECTS,
) -> Answer:
    """Send HEAD (or GET) to an http(s) URL; falls back to GET when HEAD is refused."""
    current = url
    for _ in range(max_redirects + 1):
        try:
            status, location = _once(current, method, timeout, allow_private)
            if method == "HEAD" and status in (403, 405, 501):
                status, location = _once(current, "GET", timeout, allow_private)
        except BlockedAddress as error:
            return Answer(current, 0, str(error), blocked=True)
        except (OSError, http.client.HTTPException, ValueError) as error:
            return Answer(current, 0, f"{type(error).__name__}: {error}")
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            continue
        return Answer(current, status)
    return Answer(current, 0, f"more than {max_redirects} redirects")


def _once(url: str, method: str, timeout: float, allow_private: bool) -> tuple[int, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url}")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = resolve(host, port, allow_private)[0]
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = _PinnedHTTPS(host, address, port, timeout)
    else:
        connection = _PinnedHTTP(host, address, port, timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(method, path, headers={"User-Agent": USER_AGENT,
                                                  "Accept": "*/*"})
        response = connection.getresponse()
        response.read(64 * 1024)  # bounded: only the status matters
        return response.status, response.getheader("Location")
    finally:
        connection.close()


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address
        self._server_name = host

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(raw, server_hostname=self._server_name)
