# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The opencheck score: licence and secrets weigh most, what cannot be published is capped."""

from __future__ import annotations

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, run_cli
from secret_samples import Samples

RULES = ("--rule", "*-present", "--rule", "licence-*", "--rule", "secret-in-tree",
         "--rule", "readme-*")


def _without(*names: str) -> dict[str, str]:
    return {k: v for k, v in COMPLETE_HOUSE.items() if k not in names}


def test_a_repository_without_licence_does_not_score_like_a_licensed_one(
    make_repo: RepoFactory,
) -> None:
    licensed = check_json(make_repo(COMPLETE_HOUSE), *RULES)
    unlicensed = check_json(make_repo(_without("LICENSE", "LICENSES/MIT.txt", "REUSE.toml")),
                            *RULES)
    assert licensed["verdict"] == "ready"
    assert unlicensed["score"] <= 20 < licensed["score"]
    cap = unlicensed["score_detail"]["cap"]
    assert (cap["kind"], cap["limit"], cap["why"]) == ("no_licence", 20, "no licence text")
    assert unlicensed["score_detail"]["uncapped"] > unlicensed["score"]


def test_a_blocking_secret_caps_the_score(make_repo: RepoFactory) -> None:
    token = Samples().github()
    leaked = check_json(make_repo({**COMPLETE_HOUSE, "deploy.sh": f"TOKEN={token}\n"}), *RULES)
    assert leaked["verdict"] == "not_ready"
    assert leaked["score"] <= 30
    assert leaked["score_detail"]["cap"]["kind"] == "secret"


def test_a_missing_licence_costs_more_than_a_missing_community_file(
    make_repo: RepoFactory,
) -> None:
    # Same number of rules failing at the same severity, in two families.
    rules = ("--rule", "licence-readable", "--rule", "licence-identified",
             "--rule", "contributing-present", "--rule", "code-of-conduct-present")
    no_guide = check_json(make_repo(_without("CONTRIBUTING.md")), *rules)
    doubtful = check_json(make_repo({**COMPLETE_HOUSE,
                                     "LICENSE": "Do what you want with it, mostly.\n"}), *rules)
    failing = {r["id"] for r in doubtful["rules"] if r["status"] == "failed"}
    assert "licence-identified" in failing
    assert doubtful["score"] < no_guide["score"]


def test_the_report_says_how_the_score_is_made(make_repo: RepoFactory) -> None:
    root = make_repo(_without("LICENSE", "LICENSES/MIT.txt", "REUSE.toml"))
    text = run_cli("check", str(root), "--lang", "en", *RULES).stdout
    line = next(x for x in text.splitlines() if x.startswith("Scores · opencheck"))
    assert "weighted by severity" in line and "licence 30" in line
    assert "capped at 20 (no licence text" in line and "docs/score.md" in line
    french = run_cli("check", str(root), "--lang", "fr", "--format", "markdown", *RULES).stdout
    assert "plafonné à 20 (pas de texte de licence" in french
