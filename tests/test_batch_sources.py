# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Sources of a batch: URL lists, code.gouv.fr exports, accounts listed through APIs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from batch_helpers import FakeForge, github_repo, gitlab_project, serve_forge
from opencheck.batch.forges import next_link
from opencheck.batch.sources import ListingOptions, SourceError, read_sources


def test_text_file_of_urls_and_paths(tmp_path: Path) -> None:
    (tmp_path / "ministere" / "outil").mkdir(parents=True)
    listing_file = tmp_path / "repos.txt"
    listing_file.write_text(
        "# portefeuille\n\nhttps://github.com/etalab/Annuaire.git\n"
        "ministere/outil   \nhttps://github.com/etalab/annuaire\n"
        "file:///srv/other/thing\n",
        encoding="utf-8",
    )
    targets = read_sources([str(listing_file)]).targets
    assert [t.name for t in targets] == ["etalab/Annuaire", "outil", "thing"]
    assert targets[0].organisation == "etalab" and targets[0].platform == "GitHub"
    assert targets[1].url == str(tmp_path / "ministere" / "outil")
    assert targets[1].organisation == "ministere"
    assert targets[2].url == "/srv/other/thing"


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_sources([str(tmp_path / "absent.txt")])


def test_codegouvfr_json_export_skips_forks_and_archived(tmp_path: Path) -> None:
    records = [
        {"id": "https://github.com/etalab/a", "owner": "etalab", "platform": "GitHub",
         "fork": False, "archived": False},
        {"id": "https://github.com/etalab/b", "owner": "etalab", "platform": "GitHub",
         "fork": True, "archived": False},
        {"id": "https://gitlab.adullact.net/dgfip/c", "owner": "dgfip", "platform": "GitLab",
         "fork": False, "archived": True},
        {"description": "no url"},
    ]
    export = tmp_path / "codegouvfr-repositories.json"
    export.write_text(json.dumps(records), encoding="utf-8")
    listing = read_sources([str(export)])
    assert [t.name for t in listing.targets] == ["etalab/a"]
    assert listing.skipped == 2
    assert any("no repository URL" in w for w in listing.warnings)
    every = read_sources([str(export)], ListingOptions(include_forks=True, include_archived=True))
    assert [t.organisation for t in every.targets] == ["etalab", "etalab", "dgfip"]


def test_old_all_json_and_csv_exports(tmp_path: Path) -> None:
    old = tmp_path / "all.json"
    old.write_text(json.dumps([
        {"name": "x", "organization_name": "Etalab", "repository_url":
         "https://github.com/etalab/x", "is_fork": False, "is_archived": False},
        {"name": "y", "organization_name": "Etalab", "repository_url":
         "https://github.com/etalab/y", "is_fork": True, "is_archived": False},
    ]), encoding="utf-8")
    csv_file = tmp_path / "codegouvfr-repositories.csv"
    csv_file.write_text(
        "id,owner,platform,fork,archived,repo_name\n"
        "https://git.example.fr/dinum/z,dinum,GitLab,false,false,z\n"
        "https://git.example.fr/dinum/w,dinum,GitLab,False,True,w\n",
        encoding="utf-8",
    )
    listing = read_sources([str(old), str(csv_file)])
    assert [(t.organisation, t.name) for t in listing.targets] == [
        ("Etalab", "etalab/x"), ("dinum", "dinum/z")]
    assert listing.skipped == 2


def test_link_header_parsing() -> None:
    header = ('<https://api.github.com/orgs/x/repos?page=2>; rel="next", '
              '<https://api.github.com/orgs/x/repos?page=5>; rel="last"')
    assert next_link(header) == "https://api.github.com/orgs/x/repos?page=2"
    assert next_link('<https://a/b?page=1>; rel="prev"') is None
    assert next_link("") is None


ACCOUNTS = """\
github.com:
  forge: github
  pso_id: p1
  owners:
    etalab:
      pso_id: p2
    camille-perso:
      pso_id: p3
    ancien:
      pso_id: p4
      ignored_since: 2023-01-01
gitlab.example.org:
  forge: gitlab
  pso_id: p5
  owners:
    dinum:
      pso_id: p6
git.sr.ht:
  forge: sourcehut
  pso_id: p7
  owners:
    quelqu-un: {}
"""


def test_accounts_listed_through_apis_with_pages_and_rate_limits(tmp_path: Path) -> None:
    clone = tmp_path / "somewhere"
    forge = FakeForge(
        github={"etalab": [github_repo(f"r{i}", "etalab", clone) for i in range(5)]
                + [github_repo("fourche", "etalab", clone, fork=True),
                   github_repo("vieux", "etalab", clone, archived=True)]},
        github_users={"camille-perso": [github_repo("perso", "camille-perso", clone)]},
        gitlab={"dinum": [gitlab_project("p1", "dinum", clone),
                          gitlab_project("p2", "dinum", clone,
                                         forked_from_project={"id": 3}),
                          gitlab_project("p3", "dinum", clone)]},
        spent_limit_on={"/gh/orgs/etalab/repos"},
        retry_after_once={"/gl/groups/dinum/projects"},
    )
    accounts = tmp_path / "comptes-organismes-publics.yml"
    accounts.write_text(ACCOUNTS, encoding="utf-8")
    with serve_forge(forge):
        options = ListingOptions(
            tokens={"github.com": "ghp_secret123456", "*": "glpat-other"},
            api_urls={"github.com": f"{forge.base}/gh", "gitlab.example.org": f"{forge.base}/gl"},
        )
        listing = read_sources([str(accounts)], options)

    names = sorted(t.name for t in listing.targets)
    assert names == ["camille-perso/perso", "dinum/p1", "dinum/p3", "etalab/r0", "etalab/r1",
                     "etalab/r2", "etalab/r3", "etalab/r4"]
    assert listing.skipped == 3  # one fork and one archived on GitHub, one fork on GitLab
    assert any("sourcehut" in w for w in listing.warnings)
    etalab = [r for r in forge.requests if r["path"] == "/gh/orgs/etalab/repos"]
    assert [r["page"] for r in etalab] == [1, 2, 3, 4]
    # page 1 said the limit was spent: page 2 waited for the reset
    assert etalab[1]["time"] - etalab[0]["time"] >= 0.9
    assert all(r["headers"]["Authorization"] == "Bearer ghp_secret123456" for r in etalab)
    gitlab = [r for r in forge.requests if r["path"] == "/gl/groups/dinum/projects"]
    assert len(gitlab) == 3  # one 429 answer, then two pages
    assert gitlab[1]["time"] - gitlab[0]["time"] >= 0.9
    assert all(r["headers"]["Private-Token"] == "glpat-other" for r in gitlab)
    assert not any("ancien" in r["path"] for r in forge.requests)
    etalab_target = next(t for t in listing.targets if t.name == "etalab/r0")
    assert etalab_target.key == "github.com/etalab/r0"
    assert etalab_target.url == clone.as_uri()


def test_unknown_account_and_unreachable_api_are_warnings(tmp_path: Path) -> None:
    accounts = tmp_path / "comptes.yml"
    accounts.write_text(
        "github.com:\n  forge: github\n  owners:\n    absent: {}\n"
        "gitlab.example.org:\n  forge: gitlab\n  owners:\n    dinum: {}\n",
        encoding="utf-8",
    )
    with serve_forge(FakeForge()) as forge:
        options = ListingOptions(tokens={"*": "tok-very-secret"}, retry_backoff=0.05, api_urls={
            "github.com": f"{forge.base}/gh",
            # nothing listens on port 9 of the loopback
            "gitlab.example.org": "http://127.0.0.1:9/api",
        })
        listing = read_sources([str(accounts)], options)
    assert listing.targets == []
    assert any("absent: no such organisation or user" in w for w in listing.warnings)
    assert any("cannot reach the API" in w for w in listing.warnings)
    assert not any("tok-very-secret" in w for w in listing.warnings)


def test_forge_without_owners_lists_every_public_project(tmp_path: Path) -> None:
    clone = tmp_path / "somewhere"
    projects = [gitlab_project(f"p{i}", "labo/equipe", clone,
                               namespace={"full_path": "labo/equipe"}) for i in range(3)]
    forge = FakeForge(gitlab_all=projects)
    accounts = tmp_path / "comptes-organismes-publics.yml"
    accounts.write_text(
        "forge.example.fr:\n  forge: gitlab\n  pso_id: x\n"
        "vieille.example.fr:\n  forge: gitlab\n  ignored_since: 2024-08-09\n"
        "gitlab.adullact.net:\n  forge: gitlab\n  owners:\n    sans-details:\n",
        encoding="utf-8",
    )
    with serve_forge(forge):
        options = ListingOptions(api_urls={"forge.example.fr": f"{forge.base}/gl",
                                           "gitlab.adullact.net": f"{forge.base}/gl"})
        listing = read_sources([str(accounts)], options)
    assert [t.name for t in listing.targets] == ["equipe/p0", "equipe/p1", "equipe/p2"]
    assert {t.organisation for t in listing.targets} == {"labo/equipe"}
    first = next(r for r in forge.requests if r["path"] == "/gl/projects")
    assert first["page"] == 1
    assert any("sans-details: no such organisation" in w for w in listing.warnings)


def test_token_is_not_sent_to_the_target_of_a_redirect(tmp_path: Path) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    clone = tmp_path / "somewhere"
    accounts = tmp_path / "comptes.yml"
    accounts.write_text("github.com:\n  forge: github\n  owners:\n    etalab: {}\n",
                        encoding="utf-8")
    with serve_forge(FakeForge(github={"etalab": [github_repo("a", "etalab", clone)]})) as real:

        class Redirect(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self.send_response(301)
                self.send_header("Location", f"{real.base}/gh{self.path}")
                self.send_header("Content-Length", "0")
                self.end_headers()

        server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
        Thread(target=server.serve_forever, daemon=True).start()
        try:
            options = ListingOptions(tokens={"*": "ghp_not_for_others"}, api_urls={
                "github.com": f"http://127.0.0.1:{server.server_address[1]}"})
            listing = read_sources([str(accounts)], options)
        finally:
            server.shutdown()
            server.server_close()
    assert [t.name for t in listing.targets] == ["etalab/a"]
    assert real.requests and all("Authorization" not in r["headers"] for r in real.requests)


def test_a_remote_api_cannot_point_at_local_files(tmp_path: Path) -> None:
    from opencheck.batch.forges import Api, clone_url_allowed

    remote = Api("github.com", "github", "https://api.github.com", None, 10.0)
    local = Api("github.com", "github", "http://127.0.0.1:8080", None, 10.0)
    assert clone_url_allowed(remote, "https://github.com/etalab/x.git")
    assert not clone_url_allowed(remote, "file:///home/agent/private")
    assert not clone_url_allowed(remote, "ext::sh -c id")
    assert clone_url_allowed(local, "file:///srv/mirror/x")
