# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A real forward proxy on 127.0.0.1, as a ministry network has one: it answers
CONNECT, resolves the name itself (its own DNS, `names`, before the system's), and
then carries the bytes both ways; plain requests (`GET http://host/path`) are
forwarded too. It notes what it was asked for and with which account, and refuses
what its policy refuses (403), or anything without its account (407).
"""

from __future__ import annotations

import contextlib
import selectors
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from batch_helpers import running


@dataclass
class Proxy:
    port: int = 0
    names: dict[str, str] = field(default_factory=dict)  # the proxy's own DNS
    refused: set[str] = field(default_factory=set)  # host names its policy refuses
    account: str | None = None  # a Proxy-Authorization value it requires
    asked: list[str] = field(default_factory=list)  # host:port, in order
    accounts: list[str | None] = field(default_factory=list)  # Proxy-Authorization seen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class _Handler(BaseHTTPRequestHandler):
    proxy: Proxy
    # a refusal keeps the connection: curl asks again on it with the account (git's
    # http.proxyAuthMethod=anyauth first asks without one)
    protocol_version = "HTTP/1.1"

    def _allowed(self, host: str, port: int) -> bool:
        self.proxy.asked.append(f"{host}:{port}")
        account = self.headers.get("Proxy-Authorization")
        self.proxy.accounts.append(account)
        if self.proxy.account is not None and account != self.proxy.account:
            self._refuse(407)
            return False
        if host in self.proxy.refused:
            self._refuse(403)
            return False
        return True

    def _refuse(self, status: int) -> None:
        self.send_response(status)
        if status == 407:
            self.send_header("Proxy-Authenticate", 'Basic realm="proxy"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _upstream(self, host: str, port: int) -> socket.socket | None:
        try:
            return socket.create_connection((self.proxy.names.get(host, host), port),
                                            timeout=10)
        except OSError:
            self._refuse(502)
            return None

    def do_CONNECT(self) -> None:
        host, _, port = self.path.rpartition(":")
        host = host.strip("[]")
        if not self._allowed(host, int(port)):
            return
        upstream = self._upstream(host, int(port))
        if upstream is None:
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        with upstream:
            _carry(self.connection, upstream)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        host, port = parts.hostname or "", parts.port or 80
        if not self._allowed(host, port):
            return
        upstream = self._upstream(host, port)
        if upstream is None:
            return
        lines = [f"GET {parts.path or '/'}{'?' + parts.query if parts.query else ''} HTTP/1.0"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()
                  if name.lower() not in ("proxy-authorization", "connection")]
        self.close_connection = True
        with upstream:
            upstream.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            while data := upstream.recv(65536):
                self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def _carry(one: socket.socket, other: socket.socket) -> None:
    with selectors.DefaultSelector() as selector:
        selector.register(one, selectors.EVENT_READ, other)
        selector.register(other, selectors.EVENT_READ, one)
        while events := selector.select(timeout=30):
            for key, _ in events:
                source: socket.socket = key.fileobj  # type: ignore[assignment]
                try:
                    data = source.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
                except OSError:
                    return


@contextlib.contextmanager
def serve(proxy: Proxy | None = None) -> Iterator[Proxy]:
    proxy = proxy or Proxy()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {"proxy": proxy}))
    with running(httpd) as proxy.port:
        yield proxy


def closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
