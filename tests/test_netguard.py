# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The SSRF guard against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from http_helpers import QuietHandler, local_server
from opencheck import netguard
from opencheck.engine import RunRequest, run
from opencheck.registry import Options

# Every test here feeds hostile input: a regression must fail, never hang CI.
pytestmark = pytest.mark.timeout(60)


class Handler(QuietHandler):
    def do_HEAD(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/ok")
        elif self.path in ("/ok", "/repo"):
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(404)
        self.end_headers()

    def do_GET(self) -> None:
        git = self.path == "/repo.git/info/refs?service=git-upload-pack"
        self.send_response(200 if self.path in ("/ok", "/no-head", "/repo") or git else 404)
        self.end_headers()
        self.wfile.write(b"hello")


@pytest.fixture
def server() -> Iterator[str]:
    with local_server(Handler) as url:
        yield url


def test_loopback_refused_by_default(server: str) -> None:
    answer = netguard.request(server + "/ok")
    assert answer.blocked and not answer.ok
    assert "127.0.0.1" in (answer.error or "")


def test_loopback_allowed_with_the_flag(server: str) -> None:
    assert netguard.request(server + "/ok", allow_private=True).status == 200
    assert netguard.request(server + "/missing", allow_private=True).status == 404


def test_redirects_followed_and_head_falls_back_to_get(server: str) -> None:
    assert netguard.request(server + "/redirect", allow_private=True).status == 200
    assert netguard.request(server + "/no-head", allow_private=True).status == 200


def test_localhost_name_is_resolved_then_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    assert netguard.request(f"http://localhost:{port}/ok").blocked


@pytest.mark.parametrize("address", ["10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "::1", "fe80::1", "0.0.0.0", "::ffff:127.0.0.1"])
def test_refused_addresses(address: str) -> None:
    assert netguard.is_refused(address)


def test_public_address_is_not_refused() -> None:
    assert not netguard.is_refused("145.242.11.1")


@pytest.mark.timeout(20)  # without the 0.5 s time-out, the request would wait forever
def test_timeout_is_bounded() -> None:
    # a listening socket that never answers
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    try:
        answer = netguard.request(f"http://127.0.0.1:{sock.getsockname()[1]}/",
                                  timeout=0.5, allow_private=True)
        assert answer.status == 0 and answer.error == "TimeoutError: timed out"
    finally:
        sock.close()


def test_check_uses_network_only_when_asked(make_repo: Any, server: str) -> None:
    doc = {"publiccodeYmlVersion": "0.7", "name": "x", "url": server + "/missing",
           "landingURL": server + "/ok"}
    root: Path = make_repo({"publiccode.yml": yaml.safe_dump(doc)})
    request = RunRequest(path=root, only_rules=("publiccode-urls-reachable",))
    report = run(request)
    assert report.rules[0].status.value == "skipped"
    request.options = Options(network=True)
    report = run(request)
    assert sorted(f.extra["key"] for f in report.findings) == ["landingURL", "url"]
    assert all("private" in f.message.en for f in report.findings)
    request.options = Options(network=True, allow_private_network=True)
    report = run(request)
    assert [f.extra["key"] for f in report.findings] == ["url"]
    assert "404" in report.findings[0].message.en


def test_url_must_serve_a_git_repository(make_repo: Any, server: str) -> None:
    options = Options(network=True, allow_private_network=True)
    for url, expected in ((server + "/repo", []), (server + "/ok", ["url"])):
        doc = {"publiccodeYmlVersion": "0.7", "name": "x", "url": url}
        root: Path = make_repo({"publiccode.yml": yaml.safe_dump(doc)})
        request = RunRequest(path=root, only_rules=("publiccode-urls-reachable",),
                             options=options)
        report = run(request)
        assert [f.extra["key"] for f in report.findings] == expected
        if expected:
            assert "git" in report.findings[0].message.en
