# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Repository configuration: what it changes, and clear errors when it is wrong."""

from __future__ import annotations

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, commit, findings_of, git, run_cli


def test_disabled_rule_is_shown_with_its_reason(make_repo: RepoFactory) -> None:
    repo = make_repo({
        "a.py": "",
        ".opencheck.yml": "disable:\n  roadmap-present: the roadmap lives in our ticket tracker\n",
    })
    report = check_json(repo)
    roadmap = next(r for r in report["rules"] if r["id"] == "roadmap-present")
    assert roadmap["status"] == "skipped"
    assert roadmap["disabled_reason"] == "the roadmap lives in our ticket tracker"
    assert not any(f["rule"] == "roadmap-present" for f in findings_of(report))
    text = run_cli("check", str(repo), "--lang", "en").stdout
    assert "roadmap-present [skipped]: disabled by configuration: the roadmap lives" in text


def test_severity_override_and_fail_on(make_repo: RepoFactory) -> None:
    files = dict(COMPLETE_HOUSE)
    del files["ROADMAP.md"]
    files[".opencheck.yml"] = "severity:\n  roadmap-present: error\n"
    report = check_json(make_repo(files))
    assert report["ready"] is False
    assert findings_of(report)[0]["rule"] == "roadmap-present"
    assert findings_of(report)[0]["severity"] == "error"


def test_profile_and_excluded_paths(make_repo: RepoFactory) -> None:
    repo = make_repo({
        "README.md": "x",
        "vendor/big/LICENSE": "x",
        ".opencheck.yml": "profile: minimal\nexclude:\n  - vendor/\n",
    })
    report = check_json(repo)
    assert report["profile"] == "minimal"
    assert report["metadata"]["files"] == 2  # README.md and .opencheck.yml


def test_pyproject_section(make_repo: RepoFactory) -> None:
    repo = make_repo({"pyproject.toml": '[tool.opencheck]\nprofile = "minimal"\n'})
    assert check_json(repo)["profile"] == "minimal"


def test_unknown_key_suggests_the_closest(make_repo: RepoFactory) -> None:
    repo = make_repo({".opencheck.yml": "profil: minimal\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "unknown setting 'profil' (did you mean 'profile'?)" in result.stderr


def test_unknown_rule_suggests_the_closest(make_repo: RepoFactory) -> None:
    repo = make_repo({".opencheck.yml": "disable:\n  readme-presnt: no\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "did you mean 'readme-present'" in result.stderr


def test_broken_yaml_gives_its_line(make_repo: RepoFactory) -> None:
    repo = make_repo({".opencheck.yml": "profile: [minimal\nexclude: x\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert result.stderr.startswith("opencheck: .opencheck.yml: invalid YAML, line ")
    assert "Traceback" not in result.stderr


def test_wrong_type_is_a_usage_error(make_repo: RepoFactory) -> None:
    repo = make_repo({".opencheck.yml": "exclude: vendor\n"})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "exclude" in result.stderr


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_yaml_bomb_in_config_is_refused(make_repo: RepoFactory) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    repo = make_repo({".opencheck.yml": bomb})
    result = run_cli("check", str(repo))
    assert result.exit_code == 2
    assert "aliases" in result.stderr


def test_configuration_errors_speak_french(make_repo: RepoFactory) -> None:
    repo = make_repo({".opencheck.yml": "profil: minimal\n"})
    result = run_cli("check", str(repo), "--lang", "fr")
    assert result.exit_code == 2
    assert "réglage inconnu 'profil' (vouliez-vous dire 'profile' ?)" in result.stderr


def test_excluded_folder_hides_findings_from_history_too(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "x", ".opencheck.yml": "exclude:\n  - vendor/**\n"})
    # A provider token (36 characters after ghp_): it counts even in vendored code, where
    # generic "secret = literal" heuristics do not, so only the exclusion can hide it.
    token = "ghp_" + "Zq7Lw2Nx9Tb4Vc6Hs1Kd3Mf5Pj8Gy0Ra2UeW"
    commit(repo, {"vendor/lib/conf.py": f'TOKEN = "{token}"\n'}, "Vendored code")
    git(repo, "rm", "--quiet", "-r", "vendor")
    commit(repo, {}, "Drop vendored code")
    paths = {f["path"] for f in findings_of(check_json(repo, "--rule", "secret-*"))}
    assert paths == set()
    (repo / ".opencheck.yml").write_text("exclude: []\n")
    paths = {f["path"] for f in findings_of(check_json(repo, "--rule", "secret-*"))}
    assert "vendor/lib/conf.py" in paths
