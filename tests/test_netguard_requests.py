# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How the network guard's requests behave against a real server on 127.0.0.1: which
answers to HEAD make it try GET, the time-out of that GET, the redirect limit, and the
connection made to the checked address rather than to a new resolution of the name."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from http.server import HTTPServer
from typing import ClassVar

import pytest

from http_helpers import QuietHandler, local_server
from opencheck import netguard

pytestmark = pytest.mark.timeout(60)  # hostile answers: a regression fails, never hangs


class Handler(QuietHandler):
    """/status/N answers N to HEAD and 200 to GET; /hang-get refuses HEAD and keeps GET
    waiting; /chain/N redirects N times before answering 200; /located/N answers N with
    a Location header."""

    seen: ClassVar[list[tuple[str, str, str]]] = []
    agents: ClassVar[list[tuple[str, str]]] = []
    release: ClassVar[threading.Event] = threading.Event()

    def _answer(self, method: str) -> None:
        Handler.seen.append((method, self.path, self.headers.get("Host", "")))
        Handler.agents.append((self.headers.get("User-Agent", ""),
                               self.headers.get("Accept", "")))
        parts = self.path.strip("/").split("/")
        if parts[0] == "status":
            self.send_response(int(parts[1]) if method == "HEAD" else 200)
        elif parts[0] == "hang-get" and method == "HEAD":
            self.send_response(405)
        elif parts[0] == "hang-get":
            Handler.release.wait(60)
            self.send_response(200)
        elif parts[0] == "chain" and int(parts[1]) > 0:
            self.send_response(302)
            self.send_header("Location", f"/chain/{int(parts[1]) - 1}")
        elif parts[0] == "located":  # any status, with a Location header
            self.send_response(int(parts[1]))
            self.send_header("Location", "/status/200")
        else:
            self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        if self.path == "/endless":  # a body without end, 64 KiB every 0.1 s
            self.send_response(200)
            self.end_headers()
            with contextlib.suppress(OSError):
                while True:
                    self.wfile.write(b"x" * 65536)
                    if Handler.release.wait(0.1):
                        return
            return
        self._answer("GET")


@pytest.fixture
def server() -> Iterator[str]:
    Handler.seen = []
    Handler.release = threading.Event()
    with local_server(Handler) as url:
        try:
            yield url
        finally:
            Handler.release.set()


@pytest.mark.parametrize("refusal", [403, 405, 501])
def test_head_refused_then_get(server: str, refusal: int) -> None:
    answer = netguard.request(f"{server}/status/{refusal}", allow_private=True)
    assert (answer.status, answer.ok) == (200, True)
    assert [method for method, _, _ in Handler.seen] == ["HEAD", "GET"]


@pytest.mark.parametrize("status", [400, 404, 500, 502])
def test_other_head_answers_are_final(server: str, status: int) -> None:
    answer = netguard.request(f"{server}/status/{status}", allow_private=True)
    assert (answer.status, answer.ok) == (status, False)
    assert [method for method, _, _ in Handler.seen] == ["HEAD"]


def test_the_get_after_a_refused_head_has_the_time_out_too(server: str) -> None:
    url = f"{server}/hang-get"
    answer = netguard.request(url, timeout=0.5, allow_private=True)
    assert answer == netguard.Answer(url, 0, "TimeoutError: timed out")


def test_redirects_up_to_the_limit(server: str) -> None:
    answer = netguard.request(f"{server}/chain/2", max_redirects=2, allow_private=True)
    assert answer == netguard.Answer(f"{server}/chain/0", 200)
    too_many = netguard.request(f"{server}/chain/3", max_redirects=2, allow_private=True)
    assert too_many == netguard.Answer(f"{server}/chain/0", 0, "more than 2 redirects")
    assert len(Handler.seen) == 3 + 3


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_each_redirect_status_is_followed(server: str, status: int) -> None:
    answer = netguard.request(f"{server}/located/{status}", allow_private=True)
    assert answer == netguard.Answer(f"{server}/status/200", 200)


@pytest.mark.parametrize("status", [200, 201, 304, 309])
def test_a_location_header_alone_is_not_a_redirect(server: str, status: int) -> None:
    url = f"{server}/located/{status}"
    assert netguard.request(url, allow_private=True) == netguard.Answer(url, status)
    assert len(Handler.seen) == 1


def test_a_blocked_answer_names_its_url() -> None:
    url = "http://169.254.169.254/latest/meta-data/"
    answer = netguard.request(url)
    assert answer.url == url and answer.blocked
    assert answer.error == ("169.254.169.254 resolves to a private or local address "
                            "(169.254.169.254); refused without --allow-private-network")


def test_the_connection_goes_to_the_checked_address(server: str) -> None:
    """The host name is only sent in the request: the socket goes to the address the
    guard checked (a second resolution would let DNS rebinding in)."""
    port = int(server.rsplit(":", 1)[1])
    connection = netguard.PinnedHTTP("depot.invalid", "127.0.0.1", port, 5.0)
    try:
        connection.request("HEAD", "/status/204")
        assert connection.getresponse().status == 204
    finally:
        connection.close()
    assert Handler.seen == [("HEAD", "/status/204", f"depot.invalid:{port}")]


def test_a_name_that_does_not_resolve_is_named() -> None:
    answer = netguard.request("http://depot.invalid/x")
    assert (answer.status, answer.blocked) == (0, False)
    assert (answer.error or "").startswith("OSError: cannot resolve depot.invalid: ")


def test_the_pinned_address_is_used_even_on_another_loopback() -> None:
    """A server on 127.0.0.2 only: a connection that resolved the name again, or fell
    back to localhost, would be refused."""
    httpd = HTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    try:
        connection = netguard.PinnedHTTP("depot.invalid", "127.0.0.2", httpd.server_port, 5.0)
        connection.request("HEAD", "/status/204")
        assert connection.getresponse().status == 204
        connection.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/depot", "file:///etc/passwd",
                                 "gopher://10.0.0.1:70/", "http:///sans-hote"])
def test_only_http_urls_with_a_host_are_requested(url: str) -> None:
    answer = netguard.request(url, allow_private=True)
    assert answer == netguard.Answer(url, 0, f"ValueError: not an http(s) URL: {url}")


def test_an_https_url_is_guarded_like_an_http_one() -> None:
    answer = netguard.request("https://10.0.0.1/depot.git", timeout=2)
    assert answer == netguard.Answer(
        "https://10.0.0.1/depot.git", 0, "10.0.0.1 resolves to a private or local address "
        "(10.0.0.1); refused without --allow-private-network", blocked=True)


def test_the_port_of_the_url_is_the_one_connected_to(server: str) -> None:
    Handler.agents = []
    answer = netguard.request(f"{server}/depot?x=1", allow_private=True)
    assert answer == netguard.Answer(f"{server}/depot?x=1", 200)
    assert [(method, path) for method, path, _ in Handler.seen] == [("HEAD", "/depot?x=1")]
    # Said who asks: some forges refuse a request without a User-Agent.
    assert Handler.agents == [("opencheck (+https://code.gouv.fr)", "*/*")]


def test_an_http_url_naming_an_address_goes_to_that_address() -> None:
    httpd = HTTPServer(("127.0.0.2", 0), Handler)  # nothing on 127.0.0.1 at that port
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.2:{httpd.server_port}/status/204"
        assert netguard.request(url, allow_private=True) == netguard.Answer(url, 204)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_target_of_a_url_is_its_scheme_host_port_and_path() -> None:
    assert [netguard.target(url) for url in (
        "https://forge.example/depot.git?x=1", "http://forge.example",
        "HTTPS://Forge.Example:8443/a b", "http://[::1]:8080/")] == [
        ("https", "forge.example", 443, "/depot.git?x=1"), ("http", "forge.example", 80, "/"),
        ("https", "forge.example", 8443, "/a b"), ("http", "::1", 8080, "/")]


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_port_nobody_listens_on_is_a_broken_link(scheme: str) -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    url = f"{scheme}://127.0.0.1:{port}/"
    assert netguard.request(url, timeout=5.0, allow_private=True) == netguard.Answer(
        url, 0, "ConnectionRefusedError: [Errno 111] Connection refused")


def test_a_request_with_no_time_left_is_not_sent(server: str) -> None:
    assert netguard.request(server, timeout=0, allow_private=True) == netguard.Answer(
        server, 0, "TimeoutError: timed out")
    assert Handler.seen == []


def test_only_the_start_of_a_body_is_read(server: str) -> None:
    # The status is all a link check needs: a body without end is not read to its end
    # (read whole, it would last until the deadline, and fill the memory on a fast link).
    url = f"{server}/endless"
    assert netguard.request(url, method="GET", timeout=5.0,
                            allow_private=True) == netguard.Answer(url, 200)
