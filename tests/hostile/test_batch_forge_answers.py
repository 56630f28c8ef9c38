# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A forge API of the accounts file answers within bounds.

`comptes-organismes-publics.yml` is downloaded, and names hundreds of forges run by as
many administrations: the batch lists each one's repositories through its API, from
the batch's own process, before any audit. The answer was read whole by urllib, for as
long as it came: an API that never ends its answer filled the batch's memory, one
that sends a byte every 29 seconds (under the time-out of each read) held the batch
for ever. Here a real HTTP server on the loopback (named with --api-url, as an
intranet forge is) sends both.
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from http_helpers import QuietHandler, local_server
from opencheck.batch import forges, sources
from opencheck.batch.sources import ListingOptions


class Oversized(QuietHandler):
    """64 MB, sixteen times the bound the test sets (an endless answer, read whole,
    would take the test machine's memory when the bound is gone)."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        item = b'{"name": "x", "path": "x"},' * 1000
        try:
            self.wfile.write(b"[")
            for _ in range((64 << 20) // len(item)):
                self.wfile.write(item)
        except OSError:  # the client went away
            return


class Dripping(QuietHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            return


def _listed(handler: type[BaseHTTPRequestHandler]) -> list[str]:
    with local_server(handler) as base:
        options = ListingOptions(api_urls={"forge.test": f"{base}/api/v4"},
                                 retry_backoff=0.0)
        listing = forges.list_accounts({"forge.test": {"forge": "gitlab",
                                                       "owners": ["dinum"]}}, options)
    assert listing.targets == []
    return listing.warnings


def test_an_oversized_answer_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forges, "MAX_ANSWER_BYTES", 4 << 20, raising=False)
    [warning] = _listed(Oversized)
    assert "forge.test/dinum: the API's answer was cut: more than 4 MB" in warning


def test_a_dripping_answer_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forges, "ANSWER_SECONDS", 1.0, raising=False)
    [warning] = _listed(Dripping)
    assert "the API's answer was cut: not complete after 1 s" in warning


class TwoForges(QuietHandler):
    """`hostile.test` lists a project whose web page it says is another forge's
    (`legit.test/dinum/app`) while its clone URL is its own; `legit.test` lists that
    project as it is."""

    def do_GET(self) -> None:
        if "/owners" in self.path or "/page2" in self.path:
            self.send_response(404)
            self.end_headers()
            return
        hostile = self.path.startswith("/hostile/")
        record = {"web_url": "https://legit.test/dinum/app",
                  "http_url_to_repo": "https://hostile.test/fake/app.git" if hostile
                  else "https://legit.test/dinum/app.git",
                  "visibility": "public", "archived": False,
                  "namespace": {"full_path": "fake" if hostile else "dinum"}}
        body = json.dumps([record]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_forge_cannot_take_the_place_of_another_forges_repository(tmp_path: Path) -> None:
    # a repository is known by its key (host and path) across runs and lists, the first
    # one listed kept: the key came from the record's web page, the clone from its clone
    # URL, so a forge of the accounts file (hundreds, each an administration's) listing
    # a project of its own under another forge's page had its code audited, stored and
    # shown in that repository's place, the real one left out as a duplicate
    accounts = tmp_path / "comptes-organismes-publics.yml"
    accounts.write_text("hostile.test:\n  forge: gitlab\n  owners: []\n"
                        "legit.test:\n  forge: gitlab\n  owners: []\n", "utf-8")
    with local_server(TwoForges) as base:
        options = ListingOptions(api_urls={"hostile.test": f"{base}/hostile/api/v4",
                                           "legit.test": f"{base}/legit/api/v4"},
                                 retry_backoff=0.0)
        listing = sources.read_sources([str(accounts)], options)
    cloned = {target.key: target.url for target in listing.targets}
    assert cloned.get("legit.test/dinum/app") == "https://legit.test/dinum/app.git"
    assert all(url.startswith("https://legit.test/") for key, url in cloned.items()
               if key.startswith("legit.test/"))


def test_a_token_without_host_goes_to_no_forge_the_downloaded_list_names() -> None:
    # `opencheck batch comptes-organismes-publics.yml --token "$GITHUB_TOKEN"` (the
    # documented command) sent that token to every forge of the downloaded file, as
    # `PRIVATE-TOKEN` to each administration's GitLab (hundreds of hosts, any of them
    # able to keep it): a token without host is github.com's, or a forge's whose API
    # the user named (--api-url)
    options = ListingOptions(tokens={"*": "ghp_for_github_only"},
                             api_urls={"gitlab.ministere.fr": "https://gitlab.ministere.fr/api/v4"})
    assert forges.api_for("github.com", "github", options).token == "ghp_for_github_only"
    assert forges.api_for("gitlab.ministere.fr", "gitlab", options).token == "ghp_for_github_only"
    assert forges.api_for("gitlab.any-body.fr", "gitlab", options).token is None
    assert forges.api_for("github.any-body.fr", "github", options).token is None
    named = ListingOptions(tokens={"*": "x", "gitlab.any-body.fr": "glpat-its-own"})
    assert forges.api_for("gitlab.any-body.fr", "gitlab", named).token == "glpat-its-own"
