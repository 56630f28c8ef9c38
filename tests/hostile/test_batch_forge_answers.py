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

import time
from http.server import BaseHTTPRequestHandler

import pytest

from http_helpers import QuietHandler, local_server
from opencheck.batch import forges
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
