# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""publiccode.yml with --network, against a real HTTP server on 127.0.0.1: image URLs
judged by their content, iPA codes asked to a registry that answers as indicepa.gov.it's
CKAN datastore does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from http_helpers import QuietHandler, local_server
from opencheck.publiccode import validate
from opencheck.publiccode.files import Remote
from publiccode_samples import PNG

KNOWN_IPA = {"pcm", "c_h501"}


class Handler(QuietHandler):
    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/ipa":
            filters = json.loads(parse_qs(parts.query)["filters"][0])
            total = 1 if filters.get("Codice_IPA") in KNOWN_IPA else 0
            body = json.dumps({"success": True, "result": {"total": total, "records": []}})
            self._send(200, body.encode())
        elif parts.path == "/assets/capture":  # a forge asset link: no extension
            self._send(200, PNG)
        elif parts.path == "/assets/page":
            self._send(200, b"<html><body>sign in</body></html>")
        elif parts.path == "/watch":
            self._send(200, b'<html><head><link rel="alternate" '
                            b'type="application/json+oembed" href="/oembed?u=1">'
                            b"</head><body>video</body></html>")
        else:
            self._send(404, b"")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    with local_server(Handler) as url:
        yield url


def document(screenshots: list[str], extra: str = "") -> str:
    shots = "".join(f"      - {url}\n" for url in screenshots)
    return (
        'publiccodeYmlVersion: "0.5"\nname: Medusa\nurl: https://example.org/medusa\n'
        "platforms: [web]\ndevelopmentStatus: stable\nsoftwareType: standalone/web\n"
        + extra +
        "description:\n  it:\n    shortDescription: Breve.\n    longDescription: >-\n      "
        + "Descrizione lunga del software. " * 6 + "\n    features: [Una]\n"
        + ("    screenshots:\n" + shots if shots else "")
        + "legal:\n  license: EUPL-1.2\nmaintenance:\n  type: community\n  contacts:\n"
        "    - name: Maria Rossi\nlocalisation:\n  localisationReady: true\n"
        "  availableLanguages: [it]\n"
    )


def remote(server: str) -> Remote:
    return Remote(allow_private=True, timeout=5, ipa_url=server + "/ipa?filters=")


def test_an_image_url_without_extension_is_judged_by_its_content(server: str) -> None:
    text = document([server + "/assets/capture", server + "/assets/page",
                     server + "/assets/gone"])
    result = validate(text, remote=remote(server))
    by_key = {issue.key: issue for issue in result.issues if issue.code == "screenshot"}
    assert "description.it.screenshots[0]" not in by_key  # a real PNG
    assert "not a PNG/JPG image" in by_key["description.it.screenshots[1]"].message.en
    assert "HTTP 404" in by_key["description.it.screenshots[2]"].message.en


def test_private_addresses_stay_refused_without_the_flag(server: str) -> None:
    result = validate(document([server + "/assets/capture"]), remote=Remote(timeout=5))
    [issue] = [i for i in result.issues if i.code == "screenshot"]
    assert issue.severity.value == "warning" and "could not be read" in issue.message.en


def test_ipa_codes_are_asked_to_the_registry(server: str) -> None:
    extra = ("organisation:\n  uri: urn:x-italian-pa:pcm\nfundedBy:\n"
             "  - uri: urn:x-italian-pa:no_such_pa\n"
             "IT:\n  countryExtensionVersion: '1.0'\n  riuso:\n    codiceIPA: c_h501\n")
    result = validate(document([], extra), remote=remote(server))
    ipa = {issue.key: issue for issue in result.issues if issue.code == "ipa"}
    assert set(ipa) == {"fundedBy[0].uri"}
    assert ipa["fundedBy[0].uri"].severity.value == "error"
    assert "not in the Italian" in ipa["fundedBy[0].uri"].message.en


def test_ipa_codes_offline_are_said_not_checked() -> None:
    extra = "organisation:\n  uri: urn:x-italian-pa:pcm\n"
    [issue] = [i for i in validate(document([], extra)).issues if i.code == "ipa"]
    assert issue.severity.value == "info" and "not checked" in issue.message.en


def test_an_unreachable_registry_is_a_warning_not_a_verdict(server: str) -> None:
    extra = "organisation:\n  uri: urn:x-italian-pa:pcm\n"
    broken = Remote(allow_private=True, timeout=5, ipa_url=server + "/missing?filters=")
    [issue] = [i for i in validate(document([], extra), remote=broken).issues
               if i.code == "ipa"]
    assert issue.severity.value == "warning" and "did not answer" in issue.message.en


def test_videos_must_be_on_an_oembed_site(server: str) -> None:
    text = document([]).replace(
        "    features: [Una]\n",
        f"    features: [Una]\n    videos: [{server}/watch, {server}/assets/page]\n")
    issues = [i for i in validate(text, remote=remote(server)).issues if i.code == "video"]
    assert [(i.key, i.severity.value) for i in issues] == [
        ("description.it.videos[1]", "warning")]
    assert "announces no oEmbed" in issues[0].message.en
    strict = validate(text, remote=remote(server), strict=True)
    assert [i.key for i in strict.errors] == ["description.it.videos[1]"]


def test_the_number_of_images_read_is_bounded(server: str) -> None:
    urls = [f"{server}/assets/page?{n}" for n in range(60)]
    result = validate(document(urls), remote=remote(server))
    assert len([i for i in result.issues if i.code == "screenshot"]) == 20
