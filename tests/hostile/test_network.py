# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""With --network: no request to an address that is not global, none that lasts forever."""

from __future__ import annotations

import http.server
import socket
import threading
import time
import urllib.error
from collections.abc import Iterator

import pytest

from opencheck import netguard
from opencheck.deps.fetch import FetchError, fetch_bytes

DEADLINE = 2.0


@pytest.fixture
def slow_loris() -> Iterator[str]:
    """A server on 127.0.0.1 that answers one byte every 0.2 s, headers without end."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def drip(connection: socket.socket) -> None:
        answer = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: a\r\n" * 10_000
        with connection:
            for byte in answer:
                if stop.is_set():
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.2)

    def serve() -> None:
        # accept() polls: a thread blocked in accept() on a closed socket would take
        # the connections of the next socket given the same descriptor number.
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.settimeout(None)
            threading.Thread(target=drip, args=(connection,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        server.join()
        listener.close()


@pytest.mark.timeout(30)  # without a total deadline, the headers alone last minutes
def test_a_url_check_against_a_slow_server_ends_at_its_deadline(slow_loris: str) -> None:
    answer = netguard.request(slow_loris, timeout=DEADLINE, allow_private=True)
    assert answer.status == 0
    assert answer.error == "TimeoutError: timed out"


@pytest.mark.timeout(30)
def test_a_registry_look_up_against_a_slow_server_ends_at_its_deadline(
    slow_loris: str,
) -> None:
    with pytest.raises(FetchError, match="no complete answer in time"):
        fetch_bytes(slow_loris, timeout=DEADLINE, allow_private=True)


NOT_GLOBAL = [
    "100.64.0.1", "100.127.255.254",  # carrier-grade NAT (some clouds' metadata)
    "10.1.2.3", "172.31.0.1", "192.168.0.10", "127.0.0.2", "169.254.169.254", "0.0.0.0",
    "192.0.2.1", "198.18.0.1", "240.0.0.1", "255.255.255.255", "224.0.0.1",
    "fec0::1",  # site-local
    "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%eth0", "::1", "::", "ff02::1",
    "2001:db8::1",
    "2002:7f00:1::1", "2002:a00:1::1", "2002:808:808::1",  # 6to4, whatever it embeds
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "::ffff:10.0.0.1", "::ffff:100.64.0.1", "64:ff9b::a00:1", "64:ff9b::6440:1",
]


@pytest.mark.parametrize("address", NOT_GLOBAL)
def test_an_address_that_is_not_global_is_refused(address: str) -> None:
    assert netguard.is_refused(address)


@pytest.mark.parametrize("address", ["100.64.0.1", "[fec0::1]", "[2002:a00:1::1]"])
def test_a_request_to_such_an_address_never_connects(address: str) -> None:
    answer = netguard.request(f"http://{address}/latest/meta-data/", timeout=DEADLINE)
    assert answer.blocked
    assert "refused without --allow-private-network" in (answer.error or "")


@pytest.mark.parametrize("address", ["145.242.11.1", "2a01:e0c:1::1", "64:ff9b::808:808"])
def test_global_addresses_are_allowed(address: str) -> None:
    assert not netguard.is_refused(address)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP service of this machine (127.0.0.1) that notes each connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    seen: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                seen.append(b"connected")
                connection.sendall(b"220 service\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join()
        server.close()


def test_the_checked_opener_follows_no_redirect_to_another_scheme(
        listener: tuple[int, list[bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib follows a redirect to ftp:// and its FTP handler connects unchecked: a
    forge API (named by a downloaded accounts file) redirecting there reached any port
    of this machine or its network, past the address check of each http(s) hop."""
    port, seen = listener
    for name in ("http_proxy", "HTTP_PROXY", "ftp_proxy", "FTP_PROXY", "all_proxy",
                 "ALL_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    target = f"ftp://127.0.0.1:{port}/api/v4/groups"

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    forge = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Redirect)
    threading.Thread(target=forge.serve_forever, daemon=True).start()
    refused = netguard.is_refused
    monkeypatch.setattr(netguard, "is_refused",
                        lambda address: address != "127.0.0.2" and refused(address))
    try:
        with pytest.raises(urllib.error.HTTPError,
                           match=r"redirection to url .ftp://.* is not allowed"):
            netguard.opener().open(f"http://127.0.0.2:{forge.server_address[1]}/api", timeout=5)
    finally:
        forge.shutdown()
        forge.server_close()
    assert seen == []
