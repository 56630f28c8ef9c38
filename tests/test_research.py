# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Research software: codemeta.json, CITATION.cff, Software Heritage, the research
profile and score, `init codemeta`.

Real files in tests/fixtures/research/ (licences in REUSE.toml): the CodeMeta project's
own codemeta.json (3.0), a HAL-generated codemeta.json of a CRIStAL / Université de
Lille project (2.0, CeCILL-2.1), the CFF project's own CITATION.cff, and the ls1-mardyn
CITATION.cff from the CFF examples, valid and broken.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import findings_of, git, run_cli
from helpers_docs import report_of, status
from http_helpers import QuietHandler, local_server
from licence_fixtures import MIT
from opencheck.research.cff import parse as parse_cff
from opencheck.research.codemeta import parse as parse_codemeta

FIXTURES = Path(__file__).parent / "fixtures" / "research"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def findings(report: dict, rule: str) -> list[dict]:
    return [f for f in findings_of(report) if f["rule"] == rule]


# -- codemeta.json ------------------------------------------------------------------


def test_real_codemeta_files_are_valid() -> None:
    project = parse_codemeta((FIXTURES / "codemeta-project.codemeta.json").read_bytes())
    assert project.version == "3.0"
    assert [p for p in project.problems if p.severity == "error"] == []
    hal = parse_codemeta((FIXTURES / "hal-pipcore.codemeta.json").read_bytes())
    assert hal.version == "2.0"
    assert hal.licences == ["CECILL-2.1"]
    assert [p for p in hal.problems if p.severity == "error"] == []


def test_broken_codemeta_names_each_problem(make_repo) -> None:
    broken = {
        "@context": "https://doi.org/10.5063/schema/codemeta-2.0",
        "@type": "SoftwareSourceCode",
        "name": "outil",
        "license": "CeCILL 2.1",
        "dateModified": "le 3 mars",
        "authors": ["typo for author"],
        "author": [{"@type": "Person", "name": "A", "@id": "https://orcid.org/1234"}],
    }
    repo = make_repo({"codemeta.json": json.dumps(broken)})
    report = report_of(repo, "codemeta-valid")
    messages = [f["message"] for f in findings(report, "codemeta-valid")]
    errors = [f["message"] for f in findings(report, "codemeta-valid") if f["severity"] == "error"]
    assert any("licence 'CeCILL 2.1': an SPDX URL is expected" in m for m in errors)
    assert any("dateModified 'le 3 mars' is not a YYYY-MM-DD date" in m for m in errors)
    assert any("malformed ORCID 'https://orcid.org/1234'" in m for m in errors)
    assert any("'authors' is not a CodeMeta 2.0 term" in m for m in messages)
    assert any("'description' is missing" in m for m in messages)


def test_codemeta_without_a_codemeta_context_is_an_error(make_repo) -> None:
    repo = make_repo({"codemeta.json": json.dumps({"@context": "https://schema.org",
                                                   "name": "x"})})
    report = report_of(repo, "codemeta-valid")
    assert [f["message"] for f in findings(report, "codemeta-valid")] == [
        "@context names no CodeMeta context (2.0, 3.0 or 3.1), for instance "
        "'https://w3id.org/codemeta/3.0'."]
    not_json = make_repo({"codemeta.json": "{ not json"})
    assert findings(report_of(not_json, "codemeta-valid"), "codemeta-valid")[0][
        "message"].startswith("codemeta.json is not readable JSON")


def test_codemeta_agrees_with_the_repository_licence_remote_and_tag(make_repo) -> None:
    repo = make_repo({"codemeta.json": fixture("hal-pipcore.codemeta.json"),
                      "LICENSE": MIT.format(year=2024, holder="Université de Lille")})
    git(repo, "remote", "add", "origin", "git@github.com:2xs/pipcore.git")
    git(repo, "tag", "-a", "v2.0.0", "-m", "2.0.0")
    report = report_of(repo, "codemeta-consistent")
    messages = [f["message"] for f in findings(report, "codemeta-consistent")]
    assert "licence: codemeta.json says 'CECILL-2.1', the repository says 'MIT'." in messages
    # The remote and the tag agree; the authors (researchers) are not this test's committer.
    assert [m.split(":")[0] for m in messages] == ["licence", "authors"]


def test_codemeta_against_publiccode(make_repo) -> None:
    repo = make_repo({"codemeta.json": fixture("codemeta-project.codemeta.json"),
                      "publiccode.yml": (
                          'publiccodeYmlVersion: "0.4"\nname: Another name\n'
                          "url: https://github.com/codemeta/codemeta\n"
                          "softwareVersion: '3.1'\nlegal:\n  license: EUPL-1.2\n")})
    messages = [f["message"] for f in findings(report_of(repo, "codemeta-consistent"),
                                               "codemeta-consistent")]
    assert ("licence: codemeta.json says 'Apache-2.0', publiccode.yml says 'EUPL-1.2'."
            in messages)
    assert any(m.startswith("name: codemeta.json says 'CodeMeta: Minimal") for m in messages)
    assert not any(m.startswith(("version", "repository")) for m in messages)


# -- CITATION.cff -------------------------------------------------------------------


def test_real_citation_files_pass_the_cff_schema() -> None:
    for name in ("cff-project.CITATION.cff", "ls1-mardyn.CITATION.cff"):
        assert parse_cff((FIXTURES / name).read_bytes()).problems == [], name


def test_broken_citation_gets_one_problem_per_value(make_repo) -> None:
    repo = make_repo({"CITATION.cff": fixture("ls1-mardyn-broken.CITATION.cff")})
    found = findings(report_of(repo, "citation-valid"), "citation-valid")
    # The example's README also blames `pages`, which the published schema now accepts.
    assert [f["message"].split(":")[0] for f in found] == ["date-released"]
    assert all(f["severity"] == "error" for f in found)


def test_citation_against_the_repository(make_repo) -> None:
    repo = make_repo({"CITATION.cff": (
        "cff-version: 1.2.0\nmessage: cite\ntitle: outil\nversion: 1.0.0\n"
        "license: MIT\nauthors:\n  - name: DINUM\n")})
    git(repo, "tag", "-a", "v1.1.0", "-m", "1.1.0")
    assert [f["message"] for f in findings(report_of(repo, "citation-consistent"),
                                           "citation-consistent")] == [
        "version: CITATION.cff says '1.0.0', the repository says '1.1.0'."]


@pytest.mark.timeout(30)
def test_hostile_citation_alias_bomb_is_refused(make_repo) -> None:
    bomb = "cff-version: 1.2.0\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, 9):
        bomb += f"{chr(97 + level)}: &{chr(97 + level)} [" + ", ".join(
            [f"*{chr(96 + level)}"] * 10) + "]\n"
    repo = make_repo({"CITATION.cff": bomb})
    found = findings(report_of(repo, "citation-valid"), "citation-valid")
    assert len(found) == 1 and "CITATION.cff:" in found[0]["message"]


# -- Software Heritage --------------------------------------------------------------


def _archive(status_code: int, body: dict | None = None) -> type[QuietHandler]:
    class Archive(QuietHandler):
        seen: ClassVar[list[str]] = []

        def do_GET(self) -> None:
            Archive.seen.append(self.path)
            payload = json.dumps(body or {}).encode()
            self.send_response(status_code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Archive


def _swh_report(repo: Path, base: str) -> dict:
    result = run_cli("check", str(repo), "--format", "json", "--lang", "en", "--network",
                     "--allow-private-network", "--rule", "software-heritage-archived",
                     env={"OPENCHECK_SWH_API": base + "/api/1/"})
    return json.loads(result.stdout)


@pytest.fixture
def public_repo(make_repo) -> Path:
    repo = make_repo({"README.md": "# x\n"})
    git(repo, "remote", "add", "origin", "https://github.com/etalab/outil.git")
    return repo


def test_archived_recently_is_an_info_with_the_visit_date(public_repo) -> None:
    recent = (datetime.now(UTC) - timedelta(days=10)).isoformat()
    handler = _archive(200, {"date": recent, "status": "full"})
    with local_server(handler) as base:
        report = _swh_report(public_repo, base)
    found = findings(report, "software-heritage-archived")
    assert [f["severity"] for f in found] == ["info"]
    assert found[0]["message"].startswith("Archived by Software Heritage (last visit on ")
    assert handler.seen == ["/api/1/origin/https://github.com/etalab/outil/visit/latest/"]


def test_never_archived_is_a_warning_with_the_save_url(public_repo) -> None:
    with local_server(_archive(404)) as base:
        report = _swh_report(public_repo, base)
    found = findings(report, "software-heritage-archived")
    assert [f["severity"] for f in found] == ["warning"]
    assert "https://archive.softwareheritage.org/save/" in found[0]["fix"]


def test_stale_archive_is_a_warning(public_repo) -> None:
    old = (datetime.now(UTC) - timedelta(days=800)).isoformat()
    with local_server(_archive(200, {"date": old})) as base:
        found = findings(_swh_report(public_repo, base), "software-heritage-archived")
    assert "the archive is old" in found[0]["message"]


def test_rate_limit_skips_with_the_reason(public_repo) -> None:
    with local_server(_archive(429)) as base:
        report = _swh_report(public_repo, base)
    assert status(report, "software-heritage-archived") == "skipped"
    assert "rate-limiting" in json.dumps(report["rules"])


def test_offline_the_archive_is_not_asked(public_repo) -> None:
    report = report_of(public_repo, "software-heritage-archived")
    assert status(report, "software-heritage-archived") == "skipped"
    assert "checked only with --network" in json.dumps(report["rules"])


def test_private_addresses_stay_refused_without_the_flag(public_repo) -> None:
    with local_server(_archive(200, {"date": datetime.now(UTC).isoformat()})) as base:
        result = run_cli("check", str(public_repo), "--format", "json", "--lang", "en",
                         "--network", "--rule", "software-heritage-archived",
                         env={"OPENCHECK_SWH_API": base + "/api/1/"})
    report = json.loads(result.stdout)
    assert status(report, "software-heritage-archived") == "skipped"
    assert "unreachable" in json.dumps(report["rules"])


# -- profile, score, init -----------------------------------------------------------


def test_research_profile_and_score(make_repo) -> None:
    repo = make_repo({
        "README.md": "# Pip\n\nCite it: https://doi.org/10.5281/zenodo.1234567\n",
        "LICENSE": MIT.format(year=2024, holder="Université de Lille"),
        "CITATION.cff": fixture("ls1-mardyn.CITATION.cff"),
    })
    report = report_of(repo, extra=("--profile", "research"))
    assert report["profile"] == "research"
    present = findings(report, "research-metadata-present")
    assert [(f["severity"], f["message"]) for f in present] == [
        ("warning", "No codemeta.json at the root of the repository.")]
    research = report["scores"]["research"]
    met = {c["id"]: c["met"] for c in research["criteria"]}
    assert met == {"licence": True, "codemeta": False, "citation": True,
                   "identifier": True, "archive": None}
    assert research["summary"]["en"] == "3/5 open-science expectations"
    # The default profile does not ask a ministry's application for citation metadata.
    assert findings(report_of(repo), "research-metadata-present") == []


def test_init_codemeta_writes_a_valid_consistent_file(make_repo) -> None:
    repo = make_repo({"README.md": "# Outil\n", "app.py": "print(1)\n",
                      "LICENSE": MIT.format(year=2024, holder="DINUM"),
                      "publiccode.yml": (
                          'publiccodeYmlVersion: "0.4"\nname: Outil\n'
                          "description:\n  fr:\n    shortDescription: Un outil de test\n")})
    git(repo, "remote", "add", "origin", "https://github.com/etalab/outil.git")
    git(repo, "tag", "-a", "v1.2.0", "-m", "1.2.0")
    result = run_cli("init", str(repo), "codemeta", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = json.loads((repo / "codemeta.json").read_text("utf-8"))
    assert data["license"] == "https://spdx.org/licenses/MIT"
    assert data["codeRepository"] == "https://github.com/etalab/outil"
    assert data["version"] == "1.2.0"
    assert data["description"] == "Un outil de test"
    assert data["author"][0]["name"] == "Camille Agent"
    report = report_of(repo, "codemeta-*")
    assert [f for f in findings_of(report) if f["severity"] == "error"] == []
    assert findings(report, "codemeta-consistent") == []
    again = run_cli("init", str(repo), "codemeta", "--lang", "en")
    assert again.exit_code == 2 and "already exists: not overwritten" in again.output


def test_authors_of_codemeta_and_citation_against_the_history(make_repo) -> None:
    meta = json.loads(fixture("codemeta-project.codemeta.json"))
    repo = make_repo({"codemeta.json": json.dumps(meta),
                      "CITATION.cff": fixture("cff-project.CITATION.cff")})
    messages = [f["message"] for f in findings(report_of(repo, "codemeta-consistent"),
                                               "codemeta-consistent")]
    # The conftest's commits are Camille Agent's, nobody of the CodeMeta or CFF teams.
    assert any(m.startswith("authors: none of the authors of codemeta.json (")
               and m.endswith("is in the repository (agent).") for m in messages)
    assert any(m.startswith("authors: none of the authors of codemeta.json")
               and "CITATION.cff (" in m for m in messages)
    meta["author"].append({"@type": "Person", "givenName": "Camille", "familyName": "Agent"})
    (repo / "codemeta.json").write_text(json.dumps(meta), encoding="utf-8")
    messages = [f["message"] for f in findings(report_of(repo, "codemeta-consistent"),
                                               "codemeta-consistent")]
    assert not any("is in the repository" in m for m in messages)


def test_an_archived_repository_meets_the_archive_criterion(public_repo) -> None:
    """The check says 'archived' with an info finding: the score must count it as met."""
    recent = (datetime.now(UTC) - timedelta(days=10)).isoformat()
    with local_server(_archive(200, {"date": recent, "status": "full"})) as base:
        result = run_cli("check", str(public_repo), "--format", "json", "--lang", "en",
                         "--network", "--allow-private-network", "--profile", "research",
                         env={"OPENCHECK_SWH_API": base + "/api/1/"})
    report = json.loads(result.stdout)
    assert [f["severity"] for f in findings(report, "software-heritage-archived")] == ["info"]
    met = {c["id"]: c["met"] for c in report["scores"]["research"]["criteria"]}
    assert met["archive"] is True
