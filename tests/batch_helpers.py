# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Build portfolios of real git repositories and a fake forge API for batch tests."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from conftest import COMPLETE_HOUSE, git, write_files

VARIANTS: list[dict[str, str | bytes]] = [
    COMPLETE_HOUSE,
    {"README.md": "# Outil\n\nPublié par la DINUM.\n"},
    {"README.md": "# Outil\n", "LICENSE": "MIT License\n\nCopyright (c) 2026 DINUM\n"},
    {"main.py": "print('hello')\n"},
]


def make_portfolio(root: Path, count: int, organisations: int = 3) -> list[Path]:
    """`count` repositories spread over `organisations` folders, in four shapes."""
    paths = []
    for index in range(count):
        repo = root / f"org{index % organisations}" / f"repo{index:03d}"
        repo.mkdir(parents=True)
        write_files(repo, VARIANTS[index % len(VARIANTS)])
        git(repo, "init", "--quiet", "--initial-branch=main")
        git(repo, "add", "-A")
        git(repo, "commit", "--quiet", "-m", "Initial commit")
        paths.append(repo)
    return paths


def bare_mirrors(repos: list[Path], root: Path) -> list[Path]:
    """Bare copies of `repos`, as a forge or a mirror keeps them: the batch clones
    these (a folder with a work tree is audited in place)."""
    root.mkdir(parents=True, exist_ok=True)
    mirrors = []
    for repo in repos:
        mirror = root / f"{repo.parent.name}-{repo.name}.git"
        git(root, "clone", "--quiet", "--bare", str(repo), str(mirror))
        mirrors.append(mirror)
    return mirrors


def write_list(path: Path, entries: list[str]) -> Path:
    path.write_text("# portfolio\n" + "\n".join(entries) + "\n", encoding="utf-8")
    return path


@dataclass
class FakeForge:
    """Answers like the GitHub and GitLab APIs: pages of 2, Link headers, rate limits."""

    github: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # org -> repos
    github_users: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    gitlab: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # group -> projects
    gitlab_all: list[dict[str, Any]] = field(default_factory=list)  # every public project
    page_size: int = 2
    spent_limit_on: set[str] = field(default_factory=set)  # paths answered with remaining 0
    retry_after_once: set[str] = field(default_factory=set)  # paths answered 429 first
    requests: list[dict[str, Any]] = field(default_factory=list)
    reset_delay: float = 1.0
    base: str = ""


def _handler(forge: FakeForge) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            page = int(query.get("page", ["1"])[0])
            forge.requests.append({"path": parts.path, "page": page, "time": time.time(),
                                   "headers": dict(self.headers.items())})
            if parts.path in forge.retry_after_once:
                forge.retry_after_once.discard(parts.path)
                self._send(429, [], {"Retry-After": "1"})
                return
            items = self._lookup(parts.path)
            if items is None:
                self._send(404, {"message": "Not Found"}, {})
                return
            start = (page - 1) * forge.page_size
            chunk = items[start:start + forge.page_size]
            headers: dict[str, str] = {}
            links = []
            last = max(1, -(-len(items) // forge.page_size))
            if page < last:
                links.append(f'<{forge.base}{parts.path}?per_page=100&page={page + 1}>; rel="next"')
            links.append(f'<{forge.base}{parts.path}?per_page=100&page={last}>; rel="last"')
            headers["Link"] = ", ".join(links)
            reset = str(int(time.time() + forge.reset_delay + 0.999))
            if parts.path.startswith("/gh/"):
                headers["X-RateLimit-Limit"] = "60"
                headers["X-RateLimit-Reset"] = reset
                remaining = "0" if parts.path in forge.spent_limit_on and page == 1 else "42"
                headers["X-RateLimit-Remaining"] = remaining
            else:
                headers["RateLimit-Limit"] = "600"
                headers["RateLimit-Reset"] = reset
                headers["RateLimit-Remaining"] = "599"
            self._send(200, chunk, headers)

        def _lookup(self, path: str) -> list[dict[str, Any]] | None:
            segments = path.strip("/").split("/")
            if segments[0] == "gh" and len(segments) == 4 and segments[3] == "repos":
                table = forge.github if segments[1] == "orgs" else forge.github_users
                return table.get(segments[2])
            if segments == ["gl", "projects"]:
                return forge.gitlab_all
            if segments[0] == "gl" and len(segments) == 4 and segments[1] == "groups":
                return forge.gitlab.get(segments[2].replace("%2F", "/"))
            return None

        def _send(self, status: int, body: Any, headers: dict[str, str]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[int]:
    """`server` answering in a thread, until the block ends; yields its port."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_forge(forge: FakeForge) -> Iterator[FakeForge]:
    with running(ThreadingHTTPServer(("127.0.0.1", 0), _handler(forge))) as port:
        forge.base = f"http://127.0.0.1:{port}"
        yield forge


def github_repo(name: str, owner: str, clone: Path, **flags: Any) -> dict[str, Any]:
    return {"name": name, "full_name": f"{owner}/{name}", "private": False,
            "html_url": f"https://github.com/{owner}/{name}", "clone_url": clone.as_uri(),
            "fork": False, "archived": False, **flags}


def gitlab_project(name: str, group: str, clone: Path, **flags: Any) -> dict[str, Any]:
    return {"path_with_namespace": f"{group}/{name}", "visibility": "public",
            "web_url": f"https://gitlab.example.org/{group}/{name}",
            "http_url_to_repo": clone.as_uri(), "archived": False, **flags}


Waiter = Callable[[], bool]


def wait_for(condition: Waiter, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def result_count(db: Path) -> int:
    """Rows of the results table, 0 while the database does not exist yet."""
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def dying_audit(task: Any) -> Any:
    """Audit like a worker would, except that the worker process dies on 'crash' repos."""
    import os

    from opencheck.batch.runners import audit_one

    if "crash" in task.target.name:
        os._exit(9)
    return audit_one(task)
