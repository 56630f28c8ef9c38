# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Registry lookups against a real HTTP server on 127.0.0.1: good answers, slow
answers, garbage, unknown packages, the cache, and the private-address guard."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from conftest import run_cli
from opencheck.deps.fetch import FetchError, fetch_bytes
from opencheck.deps.model import Dependency
from opencheck.deps.registry import LookupSettings, lookup
from test_deps_ecosystems import fixture_files

ANSWERS: dict[str, Any] = {
    "/express/4.19.2": {"name": "express", "version": "4.19.2", "license": "MIT"},
    "/@scope%2Fpkg/1.0.0": {"name": "@scope/pkg", "license": {"type": "ISC"}},
    "/old/1.0.0": {"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]},
    "/pypi/requests/2.31.0/json": {"info": {"license": "Apache 2.0", "classifiers": [
        "License :: OSI Approved :: Apache Software License"]}},
    "/pypi/newstyle/1.0/json": {"info": {"license_expression": "MIT OR Apache-2.0"}},
    "/pypi/classified/1.0/json": {"info": {"license": "", "classifiers": [
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)"]}},
    "/api/v1/crates/serde/1.0.197": {"version": {"num": "1.0.197",
                                                 "license": "MIT OR Apache-2.0"}},
    "/p2/monolog/monolog.json": {"packages": {"monolog/monolog": [
        {"version": "3.5.0", "license": ["MIT"]}, {"version": "3.4.0", "license": ["MIT"]}]}},
    "/api/v2/rubygems/rack/versions/3.0.9.json": {"licenses": ["MIT"]},
    "/v3/systems/go/packages/github.com%2Fgoogle%2Fuuid/versions/v1.6.0": {
        "licenses": ["BSD-3-Clause"]},
    # React's 16 yarn fixtures: the lockfile records no licence.
    "/react/18.2.0": {"license": "MIT"},
    "/prettier/3.2.5": {"license": "MIT"},
}


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []
    # Slow answers last a minute, unless the test is over: a client that does not give
    # up in time hangs, and the test's time-out fails it (no timing in the assertions).
    release: ClassVar[threading.Event] = threading.Event()

    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        if self.path.startswith("/slow/"):
            Handler.release.wait(60)
        if self.path.startswith("/moved/"):
            self.send_response(302)
            self.send_header("Location", "/express/4.19.2")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/loop/"):
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/garbage/"):
            self._send(200, b"<html>Bad gateway</html>")
            return
        if self.path.startswith("/drip/"):
            self.send_response(200)
            self.end_headers()
            for _ in range(600):  # a byte every 0.1 s: each read is quick, the whole is not
                if Handler.release.wait(0.1):
                    break
                self.wfile.write(b" ")
                self.wfile.flush()
            return
        answer = ANSWERS.get(self.path)
        if answer is None:
            self._send(404, b'{"error": "not found"}')
        else:
            self._send(200, json.dumps(answer).encode())

    def _send(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits = []
    Handler.release = threading.Event()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


def dep(ecosystem: str, name: str, version: str) -> Dependency:
    return Dependency(ecosystem, name, version, "lock", locked=True)


def settings_for(base: str, tmp_path: Path, **extra: Any) -> LookupSettings:
    bases = {eco: base for eco in ("npm", "pypi", "cargo", "composer", "gem", "golang")}
    extra.setdefault("allow_private", True)
    return LookupSettings(bases=bases, cache_dir=tmp_path / "cache", **extra)


def test_licences_from_each_registry(server: str, tmp_path: Path) -> None:
    deps = [dep("npm", "express", "4.19.2"), dep("npm", "@scope/pkg", "1.0.0"),
            dep("npm", "old", "1.0.0"), dep("pypi", "requests", "2.31.0"),
            dep("pypi", "newstyle", "1.0"), dep("pypi", "classified", "1.0"),
            dep("cargo", "serde", "1.0.197"), dep("composer", "monolog/monolog", "3.5.0"),
            dep("gem", "rack", "3.0.9"), dep("golang", "github.com/google/uuid", "v1.6.0")]
    problems = lookup(deps, settings_for(server, tmp_path))
    assert problems == []
    assert [(d.name, d.spdx, d.licence_source) for d in deps] == [
        ("express", "MIT", "registry"),
        ("@scope/pkg", "ISC", "registry"),
        ("old", "MIT OR Apache-2.0", "registry"),
        # The classifier names no version: the short licence field is kept as declared.
        ("requests", "Apache-2.0", "registry"),
        ("newstyle", "MIT OR Apache-2.0", "registry"),
        ("classified", "GPL-2.0-only", "registry"),
        ("serde", "MIT OR Apache-2.0", "registry"),
        ("monolog/monolog", "MIT", "registry"),
        ("rack", "MIT", "registry"),
        ("github.com/google/uuid", "BSD-3-Clause", "registry"),
    ]


# Slow and dripping answers last a minute: the 0.5 s time-out must cut them, or the
# test's ceiling fails it.
@pytest.mark.timeout(30)
def test_slow_garbage_and_unknown_answers_leave_licences_unknown(
        server: str, tmp_path: Path) -> None:
    deps = [dep("npm", "slow", "1.0.0"), dep("npm", "garbage", "1.0.0"),
            dep("npm", "drip", "1.0.0"), dep("npm", "missing", "1.0.0"),
            dep("npm", "express", "4.19.2")]
    problems = lookup(deps, settings_for(server, tmp_path, timeout=0.5))
    assert [d.licence for d in deps] == [None, None, None, None, "MIT"]
    assert len(problems) == 1
    message = problems[0].message.en
    assert "npm registry (127.0.0.1:" in message
    assert "3 licence(s) not obtained (3 failure(s)" in message


def test_redirects_are_followed_within_limits(server: str, tmp_path: Path) -> None:
    deps = [dep("npm", "moved", "1.0.0"), dep("npm", "loop", "1.0.0")]
    problems = lookup(deps, settings_for(server, tmp_path))
    assert deps[0].spdx == "MIT"
    assert deps[1].licence is None
    assert "more than 5 redirects" in problems[0].message.en


def test_a_failing_registry_is_left_alone_after_a_few_failures(
        server: str, tmp_path: Path) -> None:
    deps = [dep("npm", "garbage", f"1.0.{n}") for n in range(20)]
    problems = lookup(deps, settings_for(server, tmp_path, workers=1, max_failures=3))
    assert len(Handler.hits) == 3
    assert "20 licence(s) not obtained (3 failure(s)" in problems[0].message.en


def test_answers_are_cached(server: str, tmp_path: Path) -> None:
    settings = settings_for(server, tmp_path)
    lookup([dep("npm", "express", "4.19.2"), dep("npm", "missing", "1.0.0")], settings)
    assert len(Handler.hits) == 2
    again = [dep("npm", "express", "4.19.2"), dep("npm", "missing", "1.0.0")]
    lookup(again, settings)
    assert len(Handler.hits) == 2
    assert again[0].spdx == "MIT"


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_private_addresses_are_refused_by_default(server: str, tmp_path: Path) -> None:
    deps = [dep("npm", "express", "4.19.2")]
    problems = lookup(deps, settings_for(server, tmp_path, allow_private=False))
    assert deps[0].licence is None
    assert Handler.hits == []
    assert "private or local address (127.0.0.1)" in problems[0].message.en


@pytest.mark.timeout(60)  # hostile input: fail, never hang
@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://[::1]/x", "http://10.1.2.3/",
                                 "http://169.254.169.254/latest/meta-data/",
                                 "file:///etc/passwd", "ftp://example.org/"])
def test_guard_refuses(url: str) -> None:
    with pytest.raises(FetchError, match=r"refused URL scheme|private or local address"):
        fetch_bytes(url, 5.0)


def test_deps_command_with_network(server: str, tmp_path: Path, make_repo) -> None:
    root = make_repo(fixture_files("yarn-v1"))
    result = run_cli("deps", str(root), "--format", "json", "--network",
                     "--allow-private-network", "--registry", f"npm={server}",
                     env={"OPENCHECK_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    licences = {d["name"]: d["spdx"] for d in document["dependencies"]}
    assert licences["react"] == "MIT" and licences["prettier"] == "MIT"
    assert licences["loose-envify"] is None  # the registry said 404: unknown, not guessed


def test_a_cache_folder_in_the_checked_repository_is_neither_read_nor_written(
        server: str, tmp_path: Path, make_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # `OPENCHECK_CACHE_DIR: .opencheck-cache` (GitLab caches only the project's folder):
    # the registry's answers were read from the checkout, where a change committed its
    # own ("react is GPL"), and written there with `write_text`, through the `.tmp` link
    # the change committed beside them, onto a file outside the checkout
    from opencheck.deps import registry

    root = make_repo(fixture_files("yarn-v1"))
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    key = ("npm", "react", "18.2.0")
    answer = registry._cache_path(root / ".opencheck-cache" / "registry", key)
    answer.parent.mkdir(parents=True)
    answer.write_text(json.dumps({"licence": "GPL-3.0-only", "time": 4e9}), "utf-8")
    for name in ("prettier", "loose-envify", "js-tokens"):
        for version in ("3.0.0", "3.2.5", "1.4.0", "4.0.0"):
            link = registry._cache_path(root / ".opencheck-cache" / "registry",
                                        ("npm", name, version)).with_suffix(".tmp")
            link.symlink_to(victim)
    monkeypatch.chdir(root)
    result = run_cli("deps", ".", "--format", "json", "--network", "--allow-private-network",
                     "--registry", f"npm={server}", env={"OPENCHECK_CACHE_DIR": ".opencheck-cache"})
    assert result.exit_code == 0, result.output
    licences = {d["name"]: d["spdx"] for d in json.loads(result.stdout)["dependencies"]}
    assert licences["react"] == "MIT"
    assert victim.read_text() == "precious\n"
