# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""HTTP requests to URLs found in an untrusted repository, without SSRF.

A URL written in a scanned file must not make opencheck reach the machine it runs on
or its private network (cloud metadata at 169.254.169.254, an intranet, localhost).
So the host is resolved first, every address it resolves to is checked, and the
connection is made to a checked address itself (not resolved again, which would let
DNS rebinding slip a private address in). Redirects are followed by hand, each hop
checked the same way. Every address that is not globally routable is refused unless
the caller allows private networks: private, loopback, link-local, carrier-grade NAT
(100.64.0.0/10, where some clouds serve their metadata), site-local, unique-local,
multicast, reserved, documentation ranges; IPv6 forms that embed an IPv4 address
(mapped, NAT64) are judged by that address, and the 6to4 and Teredo tunnels refused.

Through a proxy (the user's, `proxies.for_url`), the proxy resolves the name: what
is checked then is what the proxy is asked for (`check_before_proxy`), each redirect's
host too; a tunnel (CONNECT) carries TLS, still verified for the host.

Each request has one deadline for everything (connection, headers, body, redirects):
a socket time-out is per read, so a server sending one byte a second would hold it for
ever. When the deadline passes, the socket is shut down under the reading thread.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from opencheck import proxies
from opencheck.model import Text
from opencheck.proxies import Proxy

ProxyFor = Callable[[str], Proxy | None]  # the proxy for a URL, None: connect directly

DEFAULT_TIMEOUT = 10.0  # seconds for the whole request, redirects included
MAX_REDIRECTS = 5
USER_AGENT = "opencheck (+https://code.gouv.fr)"


class BlockedAddress(Exception):
    """The URL points to an address that is refused: `host` resolves to `address`."""

    def __init__(self, message: str, host: str = "", address: str = "") -> None:
        super().__init__(message)
        self.host = host
        self.address = address


class ProxyFailure(OSError):
    """The proxy refused the request, or could not be reached: `text` says which."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True)
class Answer:
    """What a URL gave: `status` 0 when there was no HTTP answer (see `error`;
    `proxy_failure` when the proxy was the one that failed)."""

    url: str
    status: int
    error: str | None = None
    blocked: bool = False
    proxy_failure: Text | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400


_TUNNELS = (ipaddress.ip_network("2002::/16"), ipaddress.ip_network("2001::/32"))
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


def is_refused(address: str) -> bool:
    """Whether opencheck refuses to connect to `address` (see the module's list)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # without an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif any(ip in network for network in _NAT64):
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        elif any(ip in network for network in _TUNNELS) or ip in _SITE_LOCAL:
            return True  # 6to4 and Teredo reach an embedded IPv4 through a relay
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


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
                "refused without --allow-private-network", host, refused[0],
            )
    return addresses


def check_before_proxy(host: str, port: int, allow_private: bool = False) -> None:
    """What can be checked of a host a proxy will resolve itself: a literal address,
    or a name that resolves here, must be allowed (BlockedAddress otherwise); a name
    this machine cannot resolve is left to the proxy."""
    if allow_private:
        return
    with contextlib.suppress(OSError):  # not resolved here: only the proxy knows it
        resolve(host, port)


def request(
    url: str,
    method: str = "HEAD",
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    max_redirects: int = MAX_REDIRECTS,
    proxy_for: ProxyFor | None = None,
    authorization: str | None = None,
) -> Answer:
    """Send HEAD (or GET) to an http(s) URL; falls back to GET when HEAD is refused.

    `timeout` bounds the whole request, redirects included. `proxy_for` names the
    proxy of each hop (each host checked before the proxy is asked for it).
    `authorization` is sent to the first URL's scheme, host and port only, and to no
    hop after a redirect has left them.
    """
    current = url
    deadline = time.monotonic() + timeout
    origin = _origin(url)
    for _ in range(max_redirects + 1):
        headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
        if authorization is not None and _origin(current) == origin:
            headers["Authorization"] = authorization
        else:
            authorization = None  # a redirect left the host: never sent again
        try:
            proxy = proxy_for(current) if proxy_for is not None else None
            status, location = _once(current, method, deadline, allow_private, proxy,
                                     headers)
            if method == "HEAD" and status in (403, 405, 501):
                status, location = _once(current, "GET", deadline, allow_private, proxy,
                                         headers)
        except BlockedAddress as error:
            return Answer(current, 0, str(error), blocked=True)
        except ProxyFailure as error:
            return Answer(current, 0, str(error), proxy_failure=error.text)
        except (OSError, http.client.HTTPException, ValueError) as error:
            return Answer(current, 0, f"{type(error).__name__}: {error}")
        if status in (301, 302, 303, 307, 308) and location:
            current = urljoin(current, location)
            continue
        return Answer(current, status)
    return Answer(current, 0, f"more than {max_redirects} redirects")


def target(url: str) -> tuple[str, str, int, str]:
    """The scheme, host, port and request path of an http(s) URL; ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def _origin(url: str) -> tuple[str, str, int] | None:
    try:
        scheme, host, port, _ = target(url)
    except ValueError:
        return None
    return scheme, host.lower(), port


@dataclass(frozen=True)
class Route:
    """How to send a request for a URL: `connection` (not yet connected), the request
    target, and the headers a proxy needs besides the caller's."""

    connection: PinnedHTTP | PinnedHTTPS
    path: str
    headers: dict[str, str]


def route(url: str, deadline: float, allow_private: bool, proxy: Proxy | None) -> Route:
    """A connection for `url`: to a checked address of its host (BlockedAddress), or
    through `proxy` once the host is checked as far as it can be; TimeoutError when
    the deadline has passed."""
    scheme, host, port, path = target(url)
    if proxy is None:
        address, via = resolve(host, port, allow_private)[0], None
    else:
        check_before_proxy(host, port, allow_private)
        if proxy.scheme != "http":
            raise ProxyFailure(proxies.unsupported(proxy))
        address, via = proxy.host, proxy
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("timed out")
    if scheme == "https":
        return Route(PinnedHTTPS(host, address, port, remaining, deadline, tunnel=via),
                     path, {})
    connection = PinnedHTTP(host, address, port, remaining, deadline, via=via)
    if via is None:
        return Route(connection, path, {})
    # a plain request to a proxy names the whole URL, and carries the proxy's account
    extra = {"Proxy-Authorization": via.authorization} if via.authorization else {}
    return Route(connection, f"http://{_host_port(host, port)}{path}", extra)


def _once(url: str, method: str, deadline: float, allow_private: bool,
          proxy: Proxy | None, headers: dict[str, str]) -> tuple[int, str | None]:
    way = route(url, deadline, allow_private, proxy)
    connection = way.connection
    try:
        connection.request(method, way.path, headers={**headers, **way.headers})
        response = connection.getresponse()
        response.read(64 * 1024)  # bounded: only the status matters
        if connection.expired:
            raise TimeoutError("timed out")
        return response.status, response.getheader("Location")
    except (OSError, http.client.HTTPException) as error:
        if connection.expired:
            raise TimeoutError("timed out") from error
        raise
    finally:
        connection.close()


class _Deadline:
    """Shuts a socket down when the deadline passes, whatever read is under way."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.expired = False
        self.sock = sock  # TLS replaces it with the wrapped socket (see PinnedHTTPS)
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        with contextlib.suppress(OSError):  # already closed
            # The plain socket's shutdown, also for a TLS one: SSLSocket.shutdown would
            # drop the TLS state under the thread that is reading.
            socket.socket.shutdown(self.sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _connect(address: str, port: int, timeout: float | None,
             deadline: float | None) -> tuple[socket.socket, _Deadline | None]:
    raw = socket.create_connection((address, port), timeout)
    return raw, None if deadline is None else _Deadline(raw, deadline)


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _to_proxy(proxy: Proxy, timeout: float | None,
              deadline: float | None) -> tuple[socket.socket, _Deadline | None]:
    """A connection to the user's proxy (resolved as the system resolves it: it is
    the user's, maybe on the intranet); ProxyFailure when it cannot be reached."""
    try:
        return _connect(proxy.host, proxy.port, timeout, deadline)
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise ProxyFailure(proxies.unreachable(proxy, reason)) from error


def _open_tunnel(sock: socket.socket, host: str, port: int, proxy: Proxy) -> None:
    """Ask the proxy for a tunnel to `host:port` (CONNECT); ProxyFailure if refused."""
    where = _host_port(host, port)
    lines = [f"CONNECT {where} HTTP/1.1", f"Host: {where}", f"User-Agent: {USER_AGENT}"]
    if proxy.authorization:
        lines.append(f"Proxy-Authorization: {proxy.authorization}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
    answer = http.client.HTTPResponse(sock, method="CONNECT")
    try:
        answer.begin()  # the status line and headers, bounded by http.client
        if answer.status != 200:
            raise ProxyFailure(proxies.refused(proxy, host, port, answer.status))
    finally:
        answer.close()


class PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address the guard checked, not to a new resolution of the host.

    With a `deadline` (a `time.monotonic()` value), the connection is cut when it
    passes, and `expired` says so.
    """

    def __init__(self, host: str, address: str, port: int, timeout: float,
                 deadline: float | None = None, via: Proxy | None = None) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._deadline = deadline
        self._via = via
        self._watch: _Deadline | None = None

    @property
    def expired(self) -> bool:
        return self._watch is not None and self._watch.expired

    def connect(self) -> None:
        if self._via is not None:
            self.sock, self._watch = _to_proxy(self._via, self.timeout, self._deadline)
            return
        self.sock, self._watch = _connect(self._address, self.port, self.timeout,
                                          self._deadline)

    def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
        super().close()


class PinnedHTTPS(http.client.HTTPSConnection):
    """`PinnedHTTP` over TLS; with a `tunnel`, through that proxy (CONNECT) instead,
    TLS still verified for `host`."""

    def __init__(self, host: str, address: str, port: int, timeout: float,
                 deadline: float | None = None, tunnel: Proxy | None = None) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address
        self._server_name = host
        self._deadline = deadline
        self._proxy = tunnel
        self._watch: _Deadline | None = None

    @property
    def expired(self) -> bool:
        return self._watch is not None and self._watch.expired

    def connect(self) -> None:
        if self._proxy is None:
            raw, self._watch = _connect(self._address, self.port, self.timeout,
                                        self._deadline)
        else:
            raw, self._watch = _to_proxy(self._proxy, self.timeout, self._deadline)
            try:
                _open_tunnel(raw, self._server_name, self.port, self._proxy)
            except BaseException:
                raw.close()
                raise
        context = ssl.create_default_context()
        # Wrapping takes the descriptor from `raw`: the deadline must shut the wrapped
        # socket down, or a server trickling its answer would hold the request for ever.
        # So the handshake waits until the deadline watches the wrapped socket.
        self.sock = context.wrap_socket(raw, server_hostname=self._server_name,
                                        do_handshake_on_connect=False)
        if self._watch is not None:
            self._watch.sock = self.sock
            if self._watch.expired:
                raise TimeoutError("timed out")
        self.sock.do_handshake()

    def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
        super().close()


def opener(allow_private: bool = False,
           proxy_for: ProxyFor | None = None) -> urllib.request.OpenerDirector:
    """A urllib opener whose direct connections go to an address of the host checked
    at connection time (`resolve`), each redirect's too. Through the proxy `proxy_for`
    names for a URL (no other: the environment's is not read here), the proxy resolves
    the host itself: a literal address or a name that resolves here is checked first
    (`check_before_proxy`), each redirect's too."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _CheckedHTTPHandler(allow_private, proxy_for),
        _CheckedHTTPSHandler(allow_private, proxy_for), _WebRedirects())


Connection = http.client.HTTPConnection


def _checked(make: Callable[..., Connection], allow_private: bool) -> Callable[..., Connection]:
    def connection(host: str, **options: Any) -> Connection:
        made = make(host, **options)

        def create(address: tuple[str, int], timeout: float | None = None,
                   source_address: tuple[str, int] | None = None) -> socket.socket:
            name, port = address
            if made._tunnel_host is None:  # type: ignore[attr-defined]  # not a proxy
                name = resolve(name, port, allow_private)[0]
            return socket.create_connection((name, port), timeout, source_address)

        made._create_connection = create  # type: ignore[attr-defined]
        return made

    return connection


def _through_proxy(req: urllib.request.Request, proxy_for: ProxyFor | None,
                   allow_private: bool) -> bool:
    """Send `req` through its proxy, if it has one, once its host is checked as far
    as it can be (BlockedAddress otherwise)."""
    proxy = proxy_for(req.full_url) if proxy_for is not None else None
    if proxy is None:
        return False
    _, host, port, _ = target(req.full_url)
    check_before_proxy(host, port, allow_private)
    if proxy.scheme != "http":
        raise ProxyFailure(proxies.unsupported(proxy))
    req.set_proxy(_host_port(proxy.host, proxy.port), "http")
    if proxy.authorization:  # for the proxy only: never carried to a redirect's request
        req.add_unredirected_header("Proxy-Authorization", proxy.authorization)
    return True


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, allow_private: bool, proxy_for: ProxyFor | None) -> None:
        super().__init__()
        self._allow_private = allow_private
        self._proxy_for = proxy_for

    def http_open(self, req: urllib.request.Request) -> Any:
        if _through_proxy(req, self._proxy_for, self._allow_private):
            return self.do_open(http.client.HTTPConnection, req)  # to the user's proxy
        return self.do_open(_checked(http.client.HTTPConnection, self._allow_private), req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, allow_private: bool, proxy_for: ProxyFor | None) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(context=self._tls)
        self._allow_private = allow_private
        self._proxy_for = proxy_for

    def https_open(self, req: urllib.request.Request) -> Any:
        _through_proxy(req, self._proxy_for, self._allow_private)  # a tunnel, if any
        return self.do_open(_checked(http.client.HTTPSConnection, self._allow_private), req,
                            context=self._tls)


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects to http(s) only: urllib would follow one to ftp://, whose handler
    connects to any host and port without the check above."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirection to url '{newurl}' is "
                                         "not allowed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
