# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Many blocking findings read as a few actions: a development PKI committed in many
folders (keys in the tree, older keys only in the history, key stores) gives, in the
first lines of the text and Markdown reports, one numbered action per area with its
counts and one fix per kind; `--all` lists every finding; JSON keeps every one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import test_secrets_stores as stores
from chromium import headless_chromium
from conftest import RepoFactory, commit, findings_of, git, run_cli
from secret_samples import Samples

RULES = ("--rule", "secret-*")
CAS = ("admin", "batch", "client", "gateway", "ingest", "portal", "search", "storage")


def _pki(make_repo: RepoFactory) -> Path:
    """17 keys and key stores under deploy/pki/ca/ (8 folders), 5 in test folders of
    services that a Compose file mounts, 6 under legacy/pki/ removed from the tree, 2
    tokens: 30 blocking."""
    files: dict[str, str | bytes] = {"README.md": "# Outil\n"}
    for index, name in enumerate(CAS):
        files[f"deploy/pki/ca/{name}/ca.key"] = Samples(index).private_key()
        files[f"deploy/pki/ca/{name}/keystore.jks"] = stores.jks(1)
    files["deploy/pki/ca/admin/admin.key"] = Samples(40).private_key()
    for index in range(5):
        files[f"services/svc{index}/src/test/resources/tls/client.p12"] = stores.p12(True)
    files["compose.yaml"] = ("services:\n  svc:\n    volumes:\n"
                             "      - ./client.p12:/tls/client.p12\n")
    for index, name in enumerate(("root", "server", "client")):
        files[f"legacy/pki/{name}/ca.key"] = Samples(20 + index).private_key()
        files[f"legacy/pki/{name}/server.key"] = Samples(30 + index).private_key()
    files["scripts/deploy.sh"] = (f"export GITHUB_TOKEN={Samples(50).github()}\n"
                                  f"export OTHER_TOKEN={Samples(51).github()}\n")
    root = make_repo(files)
    git(root, "rm", "-q", "-r", "legacy")
    commit(root, {"README.md": "# Outil\n\nSans PKI.\n"}, "Remove the old PKI")
    return root


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_repo as factory

    return _pki(factory.__wrapped__(tmp_path_factory.mktemp("pki")))  # type: ignore[attr-defined]


def test_text_turns_thirty_blocking_findings_into_three_actions(pki: Path) -> None:
    result = run_cli("check", str(pki), "--lang", "en", *RULES)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Verdict: NOT READY")
    assert lines[2].startswith("Reason: 30 blocking finding(s) (")
    # the reason says what blocks and where, not one key among thirty
    assert lines[2].endswith("): 28 private key(s) and key store(s) in deploy/pki/ca/ and "
                             "elsewhere; 2 password(s), token(s) and API key(s) in "
                             "scripts/")
    start = lines.index("Blocking problems (fix these first) (30): 3 action(s), each with "
                        "its fix")
    assert start < 6
    section = lines[start + 1:lines.index("", start)]
    assert section[0] == ("  1. ✗ deploy/pki/ca/: 17 private key(s) and key store(s) in "
                          "8 folder(s)")
    assert section[1] == ("       mostly in: deploy/pki/ca/admin/ (3), deploy/pki/ca/batch/ "
                          "(2), deploy/pki/ca/client/ (2), …")
    assert section[2] == ("  2. ✗ elsewhere: 11 private key(s) and key store(s) in 8 "
                          "folder(s) (6 only in the history)")
    assert section[3] == "       in: legacy/pki/ (6), services/ (5)"
    assert section[4].startswith("      → fix (1-2): Revoke and replace these keys, remove "
                                 "those still in the tree (git rm --cached")
    assert section[5] == ("  3. ✗ scripts/: 2 password(s), token(s) and API key(s) in 1 "
                          "folder(s)")
    assert section[6] == "       e.g. scripts/deploy.sh"  # one folder: its files
    assert section[7].startswith("      → fix (3): Revoke each password or token")
    assert section[8] == ("  Every blocking finding: opencheck check --all, or --format json "
                          "or sarif.")
    # no finding is listed one by one
    assert not [line for line in lines if ".key" in line or ".jks" in line]


def test_all_lists_every_blocking_finding_after_the_actions(pki: Path) -> None:
    text = run_cli("check", str(pki), "--lang", "en", "--all", *RULES).stdout
    lines = text.splitlines()
    every = lines.index("Every blocking finding (30)")
    assert every > lines.index("  3. ✗ scripts/: 2 password(s), token(s) and API key(s) "
                               "in 1 folder(s)")
    listed = [line for line in lines[every:] if line.startswith("  ✗ secret-")]
    assert len(listed) == 30
    assert sum("legacy/pki/" in line and "secret-in-history" in line for line in listed) == 6
    assert any(line.startswith("  ✗ secret-file-committed services/svc3/src/test/resources/"
                               "tls/client.p12:") for line in listed)


def test_french_by_default_under_a_french_locale(pki: Path) -> None:
    text = run_cli("check", str(pki), *RULES, env={"LANG": "fr_FR.UTF-8"}).stdout
    assert text.splitlines()[2].endswith(
        ") : 28 clé(s) privée(s) et magasin(s) de clés dans deploy/pki/ca/ et ailleurs ; 2 "
        "mot(s) de passe, jeton(s) et clé(s) d'API dans scripts/")
    assert "Problèmes bloquants (à corriger d'abord) (30) : 3 action(s), chacune avec sa " \
        "correction" in text
    assert "  1. ✗ deploy/pki/ca/ : 17 clé(s) privée(s) et magasin(s) de clés dans 8 " \
        "dossier(s)" in text
    assert "  2. ✗ ailleurs : 11 clé(s) privée(s) et magasin(s) de clés dans 8 dossier(s) " \
        "(6 seulement dans l'historique)" in text
    assert "      → correction (1-2) : Révoquez et remplacez ces clés" in text
    assert "Chaque constat bloquant : opencheck check --all" in text


def test_markdown_has_an_action_table_and_every_finding_only_with_all(pki: Path) -> None:
    markdown = run_cli("check", str(pki), "--lang", "en", "-f", "markdown", *RULES).stdout
    lines = markdown.splitlines()
    heading = lines.index("### Blocking problems (fix these first) (30): 3 action(s), each "
                          "with its fix")
    assert heading < 12
    assert lines[heading + 4].startswith(
        "| 1 | 🛑 | `deploy/pki/ca/` | 17 private key(s) and key store(s) in 8 folder(s) | "
        "`deploy/pki/ca/admin/` (3), ")
    assert lines[heading + 5].startswith(
        "| 2 | 🛑 | elsewhere | 11 private key(s) and key store(s) in 8 folder(s) (6 only in "
        "the history) | `legacy/pki/` (6), `services/` (5) |")
    assert any(line.startswith("**Fix (1-2)**: Revoke and replace these keys")
               for line in lines)
    assert "<details>" not in markdown and "ca.key" not in markdown
    full = run_cli("check", str(pki), "--lang", "en", "-f", "markdown", "--all",
                   *RULES).stdout
    folded = full[full.index("<details><summary>Every blocking finding (30)</summary>"):]
    rows = [line for line in folded.splitlines() if line.startswith("| 🛑 error |")]
    assert len(rows) == 30


def test_json_and_sarif_keep_every_blocking_finding_and_say_what_blocks(pki: Path) -> None:
    import json

    report = json.loads(run_cli("check", str(pki), "--lang", "en", "-f", "json",
                                *RULES).stdout)
    said = ("28 private key(s) and key store(s) in deploy/pki/ca/ and elsewhere; 2 "
            "password(s), token(s) and API key(s) in scripts/")
    assert report["verdict_reason"].endswith(said)
    sarif = json.loads(run_cli("check", str(pki), "--lang", "en", "-f", "sarif",
                               *RULES).stdout)
    assert sarif["runs"][0]["properties"]["verdictReason"].endswith(said)
    assert sum(1 for result in sarif["runs"][0]["results"] if result["level"] == "error") == 30
    blocking = [f for f in findings_of(report) if f["severity"] == "error"]
    assert len(blocking) == 30
    assert {f["path"] for f in blocking if f["rule"] == "secret-in-history"} == {
        f"legacy/pki/{name}/{file}" for name in ("root", "server", "client")
        for file in ("ca.key", "server.key")}


def test_few_blocking_findings_are_listed_as_before(make_repo: RepoFactory) -> None:
    files = {f"deploy/ca{index}.key": Samples(index).private_key() for index in range(4)}
    root = make_repo({"README.md": "# Outil\n", **files})
    lines = run_cli("check", str(root), "--lang", "en", "--no-history", *RULES).stdout \
        .splitlines()
    assert "Blocking problems (fix these first) (4)" in lines
    assert sum(line.startswith("  ✗ secret-in-tree deploy/ca") for line in lines) == 4
    assert not any("action(s)" in line for line in lines)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(tmp_path_factory.mktemp("chromium-actions"), "1200,1000") as driver:
        yield driver


def test_html_shows_the_actions_under_the_verdict(browser: Any, pki: Path,
                                                  tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    out = tmp_path / "pki.html"
    run_cli("check", str(pki), "--lang", "en", "-f", "html", "-o", str(out), *RULES)
    browser.get(out.as_uri())
    body = browser.find_element(By.TAG_NAME, "body").text
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[1] == "NOT READY to be published"
    assert lines[2].startswith("Reason: 30 blocking finding(s)")
    actions = browser.find_element(By.ID, "actions").text.splitlines()
    assert actions[0] == "Blocking problems (fix these first) (30): 3 action(s), each with its fix"
    # the browser numbers the actions on: the fix after action 2 names actions 1 and 2
    assert browser.execute_script(
        "return [...document.querySelectorAll('#actions ol')].map(l => l.start)") == [1, 3]
    assert actions[1] == "deploy/pki/ca/: 17 private key(s) and key store(s) in 8 folder(s)"
    assert actions[2].startswith("mostly in: deploy/pki/ca/admin/ (3), ")
    assert actions[3] == ("elsewhere: 11 private key(s) and key store(s) in 8 folder(s) "
                          "(6 only in the history)")
    assert actions[4] == "in: legacy/pki/ (6), services/ (5)"
    assert actions[5].startswith("→ Fix (1-2): Revoke and replace these keys")
    assert actions[6] == "scripts/: 2 password(s), token(s) and API key(s) in 1 folder(s)"
    assert actions[7] == "e.g. scripts/deploy.sh"
    assert body.index("Blocking problems (fix these first) (30)") < body.index("Scores")
    # every blocking finding is still on the page, after the scores
    assert browser.find_element(By.ID, "blocking").text.startswith("Every blocking finding (30)")
    assert "services/svc3/src/test/resources/tls/client.p12" in body


def test_batch_repository_page_shows_the_actions(browser: Any, pki: Path,
                                                 tmp_path: Path) -> None:
    """A portfolio's page of a repository: the stored JSON report gives the same
    actions, in the report's language, above the blocking rules."""
    import json

    from selenium.webdriver.common.by import By

    from opencheck.batch.dashboard import write_outputs
    from opencheck.batch.runners import AUDITED, Outcome
    from opencheck.batch.sources import Target
    from opencheck.batch.store import Store

    report = json.loads(run_cli("check", str(pki), "--lang", "fr", "-f", "json",
                                *RULES).stdout)
    target = Target("forge.example/org/pki", "https://forge.example/org/pki", "org/pki",
                    "org", "GitLab")
    with Store(tmp_path / "r.db") as store:
        run, _ = store.start_or_resume("sig", "0+test", "default", True, [])
        store.record(run, target, Outcome(target.key, AUDITED, commit="c" * 40,
                                          report=report))
        store.finish(run)
        write_outputs(store, run, tmp_path / "out", lang="fr")
    [page] = (tmp_path / "out" / "repos").glob("*.html")
    browser.get(page.as_uri())
    actions = browser.find_element(By.ID, "actions").text.splitlines()
    assert actions[0] == ("Problèmes bloquants (à corriger d'abord) (30) : 3 action(s), "
                          "chacune avec sa correction")
    assert actions[1] == ("deploy/pki/ca/ : 17 clé(s) privée(s) et magasin(s) de clés dans "
                          "8 dossier(s)")
    assert actions[3] == ("ailleurs : 11 clé(s) privée(s) et magasin(s) de clés dans 8 "
                          "dossier(s) (6 seulement dans l'historique)")
    assert actions[4] == "dans : legacy/pki/ (6), services/ (5)"
    assert actions[5].startswith("→ Correction (1-2) : Révoquez et remplacez ces clés")
    assert browser.execute_script(  # the actions come before the blocking rules' list
        "return document.getElementById('actions').compareDocumentPosition("
        "document.getElementById('blockers')) & Node.DOCUMENT_POSITION_FOLLOWING") > 0
    # what blocks, for the relay's spreadsheet, the index and the page's facts
    said = ("28 clé(s) privée(s) et magasin(s) de clés dans deploy/pki/ca/ et ailleurs ; 2 "
            "mot(s) de passe, jeton(s) et clé(s) d'API dans scripts/")
    facts = browser.find_element(By.ID, "facts").text
    assert "Raison" in facts and said in facts
    import csv

    with (tmp_path / "out" / "results.csv").open(encoding="utf-8") as stream:
        [row] = list(csv.DictReader(stream))
    assert row["verdict_reason"].endswith(said) and row["reason"] == ""
    browser.get((tmp_path / "out" / "index.html").as_uri())
    cell = browser.find_element(By.CSS_SELECTOR, "#repos tbody td.verdict")
    assert cell.get_attribute("title").endswith(said)


def test_a_rule_with_many_blocking_findings_is_one_action(make_repo: RepoFactory) -> None:
    """Under --fail-on warning every file without REUSE headers blocks: one action per
    rule, its folders counted, its per-file fix given as the first one's."""
    files = {f"src/module{n % 3}/file{n}.py": "x = 1\n" for n in range(30)}
    root = make_repo({"README.md": "# Outil\n", **files})
    result = run_cli("check", str(root), "--no-history", "--lang", "en", "--rule",
                     "reuse-file-*", "--fail-on", "warning")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2] == (
        "Reason: 62 blocking finding(s) (reuse-file-copyright ×31, reuse-file-licensing "
        "×31): reuse-file-copyright ×31, e.g. README.md: No copyright notice "
        "(SPDX-FileCopyrightText) for this file; reuse-file-licensing ×31, e.g. README.md: "
        "No valid licence (SPDX-License-Identifier) for this file")
    first = lines.index("  1. ! reuse-file-copyright ×31 in 4 folder(s)")
    assert lines[first + 1] == ("       mostly in: src/module0/ (10), src/module1/ (10), "
                                "src/module2/ (10), …")
    assert lines[first + 2] == ("       e.g. README.md: No copyright notice "
                                "(SPDX-FileCopyrightText) for this file.")
    assert lines[first + 3].startswith("      → fix (1): for the first one: ")
    assert lines[first + 3].endswith("--fallback-dot-license README.md")
    assert lines[first + 4] == "  2. ! reuse-file-licensing ×31 in 4 folder(s)"
