# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A repository another country's administration publishes is told which rules are
French and which profile judges it otherwise; a French one keeps DINUM's doctrine."""

from __future__ import annotations

from pathlib import Path

from conftest import RepoFactory, check_json, commit, findings_of, run_cli
from opencheck.community.publisher import Publisher, from_texts, hosts_in
from opencheck.licensing.official import official_text

EUPL = official_text("EUPL-1.2", "en").text  # type: ignore[union-attr]
TAG = "SPDX-License-" + "Identifier:"  # split: this file's own tag is the one above

UK = {"GIT_AUTHOR_EMAIL": "dev@digital.cabinet-office.gov.uk", "GIT_AUTHOR_NAME": "Dev"}
README = ("# Wifi service\n\nTerraform for the wifi service of the government. Contact "
          "us at wifi-support@digital.cabinet-office.gov.uk.\n")


def _uk_repository(make_repo: RepoFactory, **extra: str) -> Path:
    """Five commits from gov.uk after one from numerique.gouv.fr (conftest's): one
    commit is too few to count."""
    root = make_repo({"README.md": README, "LICENSE": EUPL, **extra})
    for index in range(5):
        commit(root, {f"main{index}.tf": "# x\n"}, env=UK)
    return root


def _reciprocal(report: dict) -> dict:
    return next(r for r in report["rules"] if r["id"] == "licence-reciprocal")


def test_a_foreign_administration_is_told_the_french_rules_and_another_profile(
        make_repo: RepoFactory) -> None:
    root = _uk_repository(make_repo)
    report = check_json(root)
    rule = _reciprocal(report)
    assert rule["status"] == "skipped"
    assert "DINUM's doctrine is for French administrations" in rule["reason"]
    assert "commits from digital.cabinet-office.gov.uk" in rule["reason"]
    assert not [f for f in findings_of(report) if f["rule"] == "licence-reciprocal"]
    text = run_cli("check", str(root), "--lang", "fr").output.splitlines()
    note = next(line for line in text[:8] if "hors de France" in line)
    assert "liens vers digital.cabinet-office.gov.uk" in note
    assert "--profile publiccode-standard" in note
    markdown = run_cli("check", str(root), "--format", "markdown", "--lang", "en").output
    assert "> This repository seems published outside France" in markdown
    page = run_cli("check", str(root), "--format", "html", "--lang", "fr").output
    assert '<p class="note">Ce dépôt semble publié hors de France' in page
    # the profile the note names does not send the user to itself
    neutral = run_cli("check", str(root), "--profile", "publiccode-standard",
                      "--lang", "en").output
    assert "--profile publiccode-standard" not in neutral


def test_the_profile_the_note_names_applies_no_french_licence_rule(
        make_repo: RepoFactory) -> None:
    """CC0, not on the French decree's list, blocks under dinum; the Standard for Public
    Code asks an open licence only (the CISA's Ansible roles were NOT READY under both)."""
    root = _uk_repository(make_repo, LICENSE=f"{TAG} CC0-1.0\n")
    dinum = check_json(root)
    assert [f["rule"] for f in findings_of(dinum) if f["severity"] == "error"] == [
        "licence-authorised"]
    neutral = check_json(root, "--profile", "publiccode-standard")
    ids = {rule["id"] for rule in neutral["rules"]}
    assert "licence-authorised" not in ids and "licence-reciprocal" not in ids
    assert {"licence-identified", "licence-non-free"} <= ids
    assert neutral["verdict"] == "ready"


def test_a_country_section_of_publiccode_is_that_countrys(make_repo: RepoFactory) -> None:
    # bootstrap-italia's publiccode.yml: an `IT:` section, an English README
    publiccode = ("publiccodeYmlVersion: '0.4'\nname: x\nlegal:\n  license: EUPL-1.2\n"
                  "IT:\n  countryExtensionVersion: '1.0'\n")
    root = make_repo({"README.md": "# Kit\n\nA kit.\n", "LICENSE": EUPL,
                      "publiccode.yml": publiccode})
    reason = _reciprocal(check_json(root))["reason"]
    assert "publiccode.yml, section 'it'" in reason


def test_any_sign_of_france_keeps_the_doctrine(make_repo: RepoFactory) -> None:
    # the same repository with a French README, or a French contributor's many commits,
    # or a gouv.fr contact: DINUM's doctrine note stays, no note on the profile
    french_readme = "# Wifi\n\nLe service wifi de l'État, pour les agents et les visiteurs " \
                    "qui sont dans les locaux. Il est publié par la direction du numérique.\n"
    cases = [
        _uk_repository(make_repo, **{"README.md": french_readme}),
        _uk_repository(make_repo, **{"SECURITY.md": "Write to securite@interieur.gouv.fr\n"}),
    ]
    root = _uk_repository(make_repo)
    for index in range(6):
        commit(root, {f"fr{index}.tf": "# y\n"})  # from numerique.gouv.fr
    cases.append(root)
    for root in cases:
        report = check_json(root)
        assert _reciprocal(report)["status"] == "failed", root
        assert "published_abroad" not in report["metadata"]
        assert "outside France" not in run_cli("check", str(root), "--lang", "en").output


def test_an_english_readme_alone_says_nothing_abroad(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# Tool\n\nA tool. See https://joinup.ec.europa.eu/eupl "
                                   "and https://developers.italia.it/publiccode.\n",
                      "LICENSE": EUPL})
    report = check_json(root)
    assert _reciprocal(report)["status"] == "failed"  # the doctrine note, as before


def test_hosts_of_links_and_contacts() -> None:
    publisher = Publisher()
    from_texts(publisher, ["See https://www.gov.uk/x and mail@tech.gov.sg, "
                           "https://code.gouv.fr.example.org/ and https://x.gouv.fr.evil/."])
    assert [item.en for item in publisher.abroad] == ["links to tech.gov.sg, www.gov.uk"]
    assert publisher.france == []  # lookalikes of gouv.fr are not French
    assert hosts_in("@" + "a." * 60) == set()  # a one-letter last label is no host
