# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The network guard over TLS, against real HTTPS servers on the loopback: the socket
goes to the checked address, the certificate is verified for the URL's host name, and
the whole request keeps its deadline against a server that trickles its answer. The
servers' certificate is made by `openssl` for the test and trusted through SSL_CERT_FILE,
as a private CA would be."""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from http_helpers import QuietHandler
from opencheck import netguard
from opencheck.deps.fetch import FetchError, fetch_bytes

pytestmark = pytest.mark.timeout(60)


class Handler(QuietHandler):
    """Answers 204 to HEAD and GET; /slow sends headers without end, a byte every 0.2 s."""

    seen: ClassVar[list[tuple[str, str, str]]] = []
    stop: ClassVar[threading.Event] = threading.Event()

    def _answer(self, method: str) -> None:
        Handler.seen.append((method, self.path, self.headers.get("Host", "")))
        if self.path == "/slow":
            with contextlib.suppress(OSError):  # the client hung up
                for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: a\r\n" * 10_000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    if Handler.stop.wait(0.2):
                        return
            return
        self.send_response(204)
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for localhost, depot.test and 127.0.0.2 only."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=depot.test", "-addext",
         "subjectAltName=DNS:localhost,DNS:depot.test,IP:127.0.0.2",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True)
    return cert, key


@contextmanager
def tls_server(address: str, certificate: tuple[Path, Path]) -> Iterator[int]:
    httpd = ThreadingHTTPServer((address, 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    Handler.stop = threading.Event()
    try:
        yield httpd.server_address[1]
    finally:
        Handler.stop.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def trusted(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    return certificate


def test_an_https_url_is_requested_over_tls(trusted: tuple[Path, Path]) -> None:
    with tls_server("127.0.0.1", trusted) as port:
        url = f"https://localhost:{port}/depot.git?x=1"
        assert netguard.request(url, allow_private=True) == netguard.Answer(url, 204)
    assert Handler.seen == [("HEAD", "/depot.git?x=1", f"localhost:{port}")]


def test_https_goes_to_the_checked_address_and_verifies_the_host_name(
    trusted: tuple[Path, Path],
) -> None:
    # A server on 127.0.0.2 only: a connection to a new resolution of the name, or to
    # localhost, would be refused; the certificate is checked for the name, not the address.
    with tls_server("127.0.0.2", trusted) as port:
        connection = netguard.PinnedHTTPS("depot.test", "127.0.0.2", port, 5.0)
        try:
            connection.request("GET", "/")
            assert connection.getresponse().status == 204
        finally:
            connection.close()
        assert Handler.seen == [("GET", "/", f"depot.test:{port}")]
        other = netguard.PinnedHTTPS("autre.test", "127.0.0.2", port, 5.0)
        with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
            other.request("GET", "/")
        other.close()


def test_an_https_url_naming_an_address_goes_to_that_address(
    trusted: tuple[Path, Path],
) -> None:
    with tls_server("127.0.0.2", trusted) as port:  # nothing on 127.0.0.1 at that port
        url = f"https://127.0.0.2:{port}/"
        assert netguard.request(url, allow_private=True) == netguard.Answer(url, 204)


def test_a_certificate_nobody_trusts_is_a_broken_link(certificate: tuple[Path, Path]) -> None:
    with tls_server("127.0.0.1", certificate) as port:
        url = f"https://localhost:{port}/"
        answer = netguard.request(url, allow_private=True)
    assert (answer.url, answer.status, answer.ok, answer.blocked) == (url, 0, False, False)
    assert (answer.error or "").startswith(
        "SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")


@pytest.mark.timeout(30)  # without the deadline on the TLS socket, it never ends
def test_a_slow_https_answer_ends_at_the_deadline(trusted: tuple[Path, Path]) -> None:
    # Each read is quick (a byte every 0.2 s): only the request's deadline stops it.
    with tls_server("127.0.0.1", trusted) as port:
        url = f"https://localhost:{port}/slow"
        answer = netguard.request(url, method="GET", timeout=1.0, allow_private=True)
    assert answer == netguard.Answer(url, 0, "TimeoutError: timed out")


def test_a_tls_server_that_never_answers_the_handshake_times_out() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"https://localhost:{silent.getsockname()[1]}/"
        answer = netguard.request(url, timeout=1.0, allow_private=True)
    assert (answer.status, answer.ok) == (0, False)
    assert (answer.error or "").startswith("TimeoutError:")


@pytest.mark.timeout(30)
def test_a_slow_https_registry_ends_at_the_deadline(trusted: tuple[Path, Path]) -> None:
    # Registries are reached over HTTPS: the same guard, the same deadline.
    with (tls_server("127.0.0.1", trusted) as port,
          pytest.raises(FetchError, match="no complete answer in time")):
        fetch_bytes(f"https://localhost:{port}/slow", timeout=1.0, allow_private=True)




@pytest.mark.timeout(30)
def test_a_handshake_trickled_a_byte_at_a_time_ends_at_the_deadline() -> None:
    # A TLS record announcing 16,000 bytes, sent a byte every 0.2 s: no single read times
    # out (CPython also bounds a whole handshake by the socket's time-out).
    stop = threading.Event()
    with socket.create_server(("127.0.0.1", 0)) as server:

        def trickle() -> None:
            connection, _ = server.accept()
            with connection, contextlib.suppress(OSError):
                for byte in b"\x16\x03\x03\x3e\x80" + b"\x00" * 16_000:
                    connection.sendall(bytes([byte]))
                    if stop.wait(0.2):
                        return

        thread = threading.Thread(target=trickle, daemon=True)
        thread.start()
        url = f"https://localhost:{server.getsockname()[1]}/"
        try:
            answer = netguard.request(url, timeout=1.0, allow_private=True)
        finally:
            stop.set()
    assert answer == netguard.Answer(url, 0, "TimeoutError: timed out")
