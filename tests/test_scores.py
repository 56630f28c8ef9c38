# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""code.gouv.fr, Awesome and Standard for Public Code scores in the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from conftest import COMPLETE_HOUSE, git, run_cli
from helpers_docs import report_of
from opencheck.data import load_schema

PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Guichet
url: https://gitlab.example.gouv.fr/dinum/guichet
landingURL: https://guichet.numerique.gouv.fr
logo: img/logo.svg
developmentStatus: stable
legal:
  license: MIT
usedBy:
  - Ministère de l'Intérieur
  - Ville de Lyon
maintenance:
  type: internal
"""


def by_id(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {item["id"]: item["met"] for item in items}


def test_awesome_full_house_earns_the_badge(make_repo) -> None:
    repo = make_repo({**COMPLETE_HOUSE, "publiccode.yml": PUBLICCODE,
                      "img/logo.svg": "<svg/>"})
    git(repo, "tag", "v1.0.0")
    score = report_of(repo)["scores"]["awesome"]
    assert score["score"] == 10
    assert score["badge"] == "yes"
    assert score["unknown"] == []
    assert by_id(score["prerequisites"]) == {
        "free-licence": True, "maintained": True, "funded": None, "used": True,
    }
    assert score["summary"]["en"].startswith("10/10 (badge earned")


def test_awesome_empty_repo_says_what_is_unknown(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n"})
    score = report_of(repo)["scores"]["awesome"]
    points = by_id(score["points"])
    assert points["web-page"] is None
    assert points["commit"] is True
    assert points["release"] is False and points["roadmap"] is False
    assert score["score"] == 1
    assert score["badge"] == "no"
    assert "web-page" in score["summary"]["fr"] and "inconnus localement" in score["summary"]["fr"]


def test_codegouvfr_points(make_repo) -> None:
    repo = make_repo({**COMPLETE_HOUSE, "publiccode.yml": PUBLICCODE})
    score = report_of(repo)["scores"]["codegouvfr"]
    assert score["score"] == 1000 + 1000 + 100 + 100 + 10
    assert score["max_known"] == 2210
    assert set(score["unknown"]) == {"template", "description", "archived", "fork", "popularity"}
    bare = report_of(make_repo({"README.md": "# x\n"}))["scores"]["codegouvfr"]
    assert bare["score"] == 100


def test_publiccode_standard_criteria(make_repo) -> None:
    repo = make_repo({
        **COMPLETE_HOUSE,
        "README.md": (
            "# Guichet\n\nUn guichet en ligne pour déposer des demandes de subvention, "
            "publié par la DINUM pour les collectivités.\n\n## Installation\n\nmake\n\n"
            "## Utilisation\n\nVoir la doc.\n\n## Contact\n\nOuvrez un ticket.\n"
        ),
        "publiccode.yml": PUBLICCODE,
        ".gitlab-ci.yml": "test:\n  script: make test\n",
        ".editorconfig": "root = true\n",
    })
    score = report_of(repo)["scores"]["publiccode_standard"]
    met = by_id(score["criteria"])
    assert score["out_of"] == 16
    for key in ("welcome-contributors", "make-contributing-easy", "maintain-version-control",
                "document-codebase-objectives", "document-the-code",
                "use-continuous-integration", "publish-with-an-open-license",
                "make-the-codebase-findable", "use-a-coherent-style",
                "document-codebase-maturity"):
        assert met[key] is True, key
    assert met["require-review-of-contributions"] is None
    assert score["met"] == 10 and score["not_met"] == 0
    bare = report_of(make_repo({"README.md": "# x\n"}))["scores"]["publiccode_standard"]
    assert by_id(bare["criteria"])["use-continuous-integration"] is False


def test_text_report_prints_each_summary_in_the_reader_language(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n"})
    french = run_cli("check", str(repo), "--lang", "fr").output
    assert "Scores · awesome: 1/10 (pas de badge (7 points requis)" in french
    assert "Scores · publiccode_standard:" in french
    english = run_cli("check", str(repo), "--lang", "en").output
    assert "Scores · codegouvfr: 100 of 2210 points knowable locally" in english


def test_this_repository_reports_its_own_scores() -> None:
    root = Path(__file__).resolve().parents[1]
    report = report_of(root)
    for name in ("opencheck", "codegouvfr", "awesome", "publiccode_standard"):
        assert name in report["scores"], name
        value = report["scores"][name]
        assert not (isinstance(value, dict) and "error" in value), value


def test_publiccode_standard_profile_runs_the_checkable_requirements(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n"})
    report = report_of(repo, extra=("--profile", "publiccode-standard"))
    ids = {rule["id"] for rule in report["rules"]}
    assert {"governance-present", "readme-contact", "security-policy-contact",
            "history-semver-tags", "licence-file-present"} <= ids
    assert "readme-openness-badge" not in ids  # a French badge, not the Standard's
    severity = {rule["id"]: rule["severity"] for rule in report["rules"]}
    assert severity["governance-present"] == "warning"


def test_scores_follow_the_report_schema(make_repo) -> None:
    repo = make_repo({**COMPLETE_HOUSE, "publiccode.yml": PUBLICCODE})
    jsonschema.validate(report_of(repo), load_schema("report/report.schema.json"))


DISABLED = ("disable:\n  contributing-present: contributions go through the ministry's forge\n"
            "  activity-recent-release: releases are made by another team\n"
            "  readme-contact: the contact is on the web page\n")


def test_a_disabled_rule_counts_neither_as_met_nor_as_failed(make_repo) -> None:
    files = {"README.md": "# x\n", "LICENSE": COMPLETE_HOUSE["LICENSE"]}
    plain = report_of(make_repo(files))["scores"]
    repo = make_repo({**files, ".opencheck.yml": DISABLED})
    scores = report_of(repo)["scores"]
    # code.gouv.fr: the CONTRIBUTING point is out of reach, not a missed point.
    cgf = scores["codegouvfr"]
    contributing = next(c for c in cgf["criteria"] if c["id"] == "contributing")
    assert contributing["met"] is None
    assert "contributing-present" in contributing["note"]["en"]
    assert "disabled in .opencheck.yml" in contributing["note"]["en"]
    assert "désactivée dans .opencheck.yml" in contributing["note"]["fr"]
    assert cgf["max_known"] == plain["codegouvfr"]["max_known"] - 100
    assert cgf["score"] == plain["codegouvfr"]["score"]
    assert "contributing" not in cgf["unknown"]
    assert "not counted (rule disabled): contributing" in cgf["summary"]["en"]
    # Awesome: neither point counts; the summary says so.
    awesome = scores["awesome"]
    points = by_id(awesome["points"])
    assert points["contributing"] is None and points["release"] is None
    assert "not counted (rule disabled): release, contributing" in awesome["summary"]["en"]
    # The Standard: the criterion that needs the disabled rule is not judged.
    standard = scores["publiccode_standard"]
    criteria = by_id(standard["criteria"])
    assert criteria["welcome-contributors"] is None
    assert criteria["make-contributing-easy"] is None
    assert standard["not_met"] == plain["publiccode_standard"]["not_met"] - 2
    assert "2 not counted (rule disabled)" in standard["summary"]["en"]
    jsonschema.validate(report_of(repo), load_schema("report/report.schema.json"))


def test_a_run_narrowed_to_other_families_says_the_scores_are_not_computed(
    make_repo,
) -> None:
    repo = make_repo(COMPLETE_HOUSE)
    report = report_of(repo, "family:secrets")
    for name in ("codegouvfr", "awesome", "publiccode_standard", "research", "reuse"):
        assert report["scores"][name] == {"ran": False, "summary": {
            "fr": "non calculé : --rule n'a retenu aucune règle des familles dont il est fait",
            "en": "not computed: --rule selected no rule of the families it is made from"}}
    assert report["scores"]["opencheck"] == report["score"]
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    text = run_cli("check", str(repo), "--rule", "family:secrets", "--lang", "en").stdout
    assert "codegouvfr" not in text and "not computed" not in text
    # one rule of a family a score is made from is enough for it to be computed
    narrowed = report_of(repo, "contributing-present")
    assert narrowed["scores"]["codegouvfr"] == report_of(repo)["scores"]["codegouvfr"]
    assert narrowed["scores"]["research"]["ran"] is False


def test_the_table_of_scores_names_every_registered_score() -> None:
    from opencheck import registry

    registered = registry.all_scorers()
    assert set(registry.SCORES) == set(registered)
    for name, (module, _families) in registry.SCORES.items():
        assert registered[name].__module__ == f"opencheck.checks.{module}"
