# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Research files and READMEs built to make the research family slow, or its report
huge: a citation file whose authors jsonschema compares pairwise, a README of distinct
DOIs, a codemeta.json of twenty thousand unknown terms or a name of 300,000 letters."""

from __future__ import annotations

from typing import ClassVar

import pytest

from conftest import check_json, findings_of, git, run_cli
from http_helpers import QuietHandler, local_server
from opencheck.research.cff import parse as parse_cff
from opencheck.research.identifiers import identifiers
from opencheck.research.swh import latest_visit

CODEMETA_HEAD = '{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode"'


def test_many_authors_are_checked_for_repeats_in_linear_time() -> None:
    """jsonschema's uniqueItems compares unsortable items pair by pair: 12,000 authors
    under 1 MB took minutes. The same verdict comes from one pass."""
    authors = "".join(f"  - family-names: a{i}\n    given-names: b\n" for i in range(12000))
    cff = f"cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n{authors}"
    assert parse_cff(cff.encode()).problems == []
    repeated = cff + "  - family-names: a7\n    given-names: b\n"
    problems = parse_cff(repeated.encode()).problems
    assert [p.where for p in problems] == ["authors"]
    assert "non-unique" in problems[0].message and len(problems[0].message) <= 240


def test_identifiers_of_a_readme_of_distinct_dois_in_linear_time() -> None:
    text = " ".join(f"10.1234/a{i}" for i in range(400_000))  # 5 MB
    found = identifiers(text)
    assert len(found) == 400_000 and found[:2] == ["10.1234/a0", "10.1234/a1"]


def test_a_pathological_readme_gives_no_identifier() -> None:
    for text in ("10.12345" * 700_000, "swh:1:cnt:" * 500_000, "xhal-12345678" * 400_000):
        assert identifiers(text) == []


def test_codemeta_findings_are_few_and_short(make_repo) -> None:
    unknown = ", ".join(f'"k{i}": 1' for i in range(20_000))
    codemeta = (f'{CODEMETA_HEAD}, "name": "{"N" * 300_000}", {unknown}, '
                f'"{"K" * 200_000}": 1, "codeRepository": "https://u:glpat-SECRET@example.org/x"}}')
    repo = make_repo({"README.md": "# x\n", "codemeta.json": codemeta,
                      "publiccode.yml": 'publiccodeYmlVersion: "0.4"\nname: other\n'
                                        "url: https://example.org/y\n"})
    report = check_json(repo, "--profile", "research")
    research = [f for f in findings_of(report) if f["rule"].startswith("codemeta-")]
    assert 2 < len(research) <= 60, len(research)
    assert max(len(f["message"]) for f in research) < 500
    assert any("20000" in f["message"] or "19" in f["message"] for f in research)
    assert not any("glpat-SECRET" in f["message"] for f in findings_of(report))


class _Archive(QuietHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.mark.parametrize("remote", [
    "https://first.last:s3cr@t-tok@gitlab.example.org/g/p.git",  # '@' in the password
    "https://gitlab.example.org/g/p.git?private_token=s3cr@t-tok",
])
def test_software_heritage_never_gets_nor_prints_remote_credentials(make_repo, remote) -> None:
    repo = make_repo({"README.md": "# x\n"})
    git(repo, "remote", "add", "origin", remote)
    _Archive.seen = []
    with local_server(_Archive) as base:
        result = run_cli("check", str(repo), "--format", "json", "--lang", "en", "--network",
                         "--allow-private-network", "--profile", "research",
                         env={"OPENCHECK_SWH_API": base + "/api/1/"})
    assert _Archive.seen == ["/api/1/origin/https://gitlab.example.org/g/p/visit/latest/"]
    assert "s3cr" not in result.output


def test_dot_segments_of_a_remote_stay_inside_the_origin_path() -> None:
    _Archive.seen = []
    with local_server(_Archive) as base:
        visit = latest_visit("https://example.org/../../../save/x", allow_private=True,
                             api=base + "/api/1/")
    assert not visit.archived
    assert _Archive.seen == ["/api/1/origin/https://example.org/%2E%2E/%2E%2E/%2E%2E/save/x"
                             "/visit/latest/"]
