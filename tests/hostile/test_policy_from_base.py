# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 16: a merge request cannot relax the check that judges it.

The change adds a secret in `deploy.env` and, with it, an `.opencheck.yml` that
excludes `*.env` and disables the secret rules. In merge-request mode the base's
configuration applies; `--config` pins one the change cannot touch.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import RepoFactory, commit, findings_of, git, run_cli
from secret_samples import Samples

RELAXING = (
    'exclude: ["*.env"]\n'
    "disable:\n"
    "  secret-in-tree: not our problem\n"
    "  secret-in-history: not our problem\n"
)


def merge_request(make_repo: RepoFactory) -> Path:
    repo = make_repo({"README.md": "# Projet\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"deploy.env": f"GITHUB_TOKEN={Samples().github()}\n",
                  ".opencheck.yml": RELAXING}, "deploy settings")
    return repo


def secret_findings(report: dict[str, object]) -> list[dict[str, object]]:
    findings = findings_of(report)
    assert isinstance(findings, list)
    return [f for f in findings if str(f["rule"]).startswith("secret-")]


def test_the_change_configuration_is_not_applied(make_repo: RepoFactory) -> None:
    repo = merge_request(make_repo)
    result = run_cli("check", str(repo), "--diff-base", "main", "--format", "json",
                     "--lang", "en")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert any(f["path"] == "deploy.env" for f in secret_findings(report))
    assert report["metadata"]["config_origin"].startswith("base main ")
    assert report["metadata"]["config_not_applied"] == ".opencheck.yml"
    rules = {r["id"]: r for r in report["rules"]}
    assert rules["secret-in-tree"]["status"] == "failed"


def test_the_text_report_says_which_configuration_judged(make_repo: RepoFactory) -> None:
    repo = merge_request(make_repo)
    english = run_cli("check", str(repo), "--diff-base", "main", "--lang", "en")
    assert "(from base main " in english.output
    assert "the change's .opencheck.yml is not applied" in english.output
    french = run_cli("check", str(repo), "--diff-base", "main", "--lang", "fr")
    assert ".opencheck.yml de la modification n'est pas appliqué" in french.output


def test_the_base_configuration_applies(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Projet\n",
                      ".opencheck.yml": "disable:\n  roadmap-present: in the tracker\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {".opencheck.yml": "profile: dinum\n"}, "drop the exception")
    report = json.loads(run_cli("check", str(repo), "--diff-base", "main", "--format",
                                "json").stdout)
    roadmap = next(r for r in report["rules"] if r["id"] == "roadmap-present")
    assert roadmap["disabled_reason"] == "in the tracker"
    assert report["metadata"]["config"].startswith(".opencheck.yml (main ")


def test_config_pins_the_policy(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = merge_request(make_repo)
    pinned = tmp_path / "policy.yml"
    pinned.write_text("fail-on: error\n")
    result = run_cli("check", str(repo), "--config", str(pinned), "--format", "json")
    report = json.loads(result.stdout)
    assert report["metadata"]["config_origin"] == f"--config {pinned}"
    assert any(f["path"] == "deploy.env" for f in secret_findings(report))


def test_without_diff_base_the_work_tree_configuration_applies(
    make_repo: RepoFactory,
) -> None:
    repo = merge_request(make_repo)
    report = json.loads(run_cli("check", str(repo), "--format", "json").stdout)
    assert report["metadata"]["config_origin"] == "work tree"
    assert not any(f["path"] == "deploy.env" for f in secret_findings(report))


def _change_that_baselines_its_own_secret(make_repo: RepoFactory, baseline: str,
                                          config: str = "") -> Path:
    """Base: a clean project with an empty baseline. Change: a secret, and the baseline
    rewritten (by `opencheck baseline`) so that it lists the new secret too."""
    files = {"README.md": "# Projet\n", baseline: '{"format": "opencheck-baseline", '
             '"version": 1, "findings": []}\n'}
    if config:
        files[".opencheck.yml"] = config
    repo = make_repo(files)
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"deploy.env": f"GITHUB_TOKEN={Samples().github()}\n"}, "deploy settings")
    written = run_cli("baseline", str(repo), "--output", str(repo / baseline), "--rule", "*")
    assert written.exit_code == 0, written.output
    commit(repo, {}, "known findings")
    return repo


def test_a_baseline_in_the_repository_is_the_base_s(make_repo: RepoFactory) -> None:
    repo = _change_that_baselines_its_own_secret(make_repo, ".opencheck-baseline.json")
    # The control: judged with the change's own baseline, the secret would be hidden.
    whole = run_cli("check", str(repo), "--baseline", str(repo / ".opencheck-baseline.json"),
                    "--format", "json", "--lang", "en")
    assert not secret_findings(json.loads(whole.stdout))
    result = run_cli("check", str(repo), "--diff-base", "main",
                     "--baseline", str(repo / ".opencheck-baseline.json"),
                     "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [f["path"] for f in secret_findings(report)] == ["deploy.env"]
    assert report["metadata"]["baseline"]["file"].startswith(".opencheck-baseline.json (main ")


def test_the_secrets_baseline_the_policy_names_is_the_base_s(make_repo: RepoFactory) -> None:
    config = "settings:\n  secrets:\n    baseline: known-secrets.json\n"
    repo = _change_that_baselines_its_own_secret(make_repo, "known-secrets.json", config)
    whole = run_cli("check", str(repo), "--format", "json", "--lang", "en")
    assert not secret_findings(json.loads(whole.stdout))  # the control
    result = run_cli("check", str(repo), "--diff-base", "main", "--format", "json",
                     "--lang", "en")
    assert result.exit_code == 1, result.output
    assert [f["path"] for f in secret_findings(json.loads(result.stdout))] == ["deploy.env"]


def test_an_allow_comment_the_change_adds_does_not_clear_its_secret(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({"README.md": "# Projet\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    marker = "opencheck" + ": allow"
    commit(repo, {"deploy.env": f"GITHUB_TOKEN={Samples().github()}  # {marker}\n"}, "x")
    whole = run_cli("check", str(repo), "--format", "json", "--lang", "en")
    assert not secret_findings(json.loads(whole.stdout))  # the control: the comment works
    result = run_cli("check", str(repo), "--diff-base", "main", "--format", "json",
                     "--lang", "en")
    assert result.exit_code == 1, result.output
    found = secret_findings(json.loads(result.stdout))
    assert [f["path"] for f in found] == ["deploy.env"]
    assert "only the base branch's allow comments count" in str(found[0]["message"])
    french = run_cli("check", str(repo), "--diff-base", "main", "--lang", "fr")
    assert "seuls ceux de la branche de base comptent" in french.output


def test_an_allow_comment_already_on_the_base_still_counts(make_repo: RepoFactory) -> None:
    marker = "opencheck" + ": allow"
    repo = make_repo({"README.md": "# Projet\n",
                      "deploy.env": f"GITHUB_TOKEN={Samples().github()}  # {marker}\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    content = (repo / "deploy.env").read_text()
    commit(repo, {"deploy.env": "# Réglages de déploiement\n" + content}, "comment")
    result = run_cli("check", str(repo), "--diff-base", "main", "--format", "json",
                     "--lang", "en", "--rule", "secret-*")
    assert result.exit_code == 0, result.output
    assert not secret_findings(json.loads(result.stdout))


def test_a_folder_the_change_commits_is_judged_with_it(make_repo: RepoFactory) -> None:
    """Findings on a folder (a committed node_modules/, vendored code without a licence)
    name the folder, never one of the changed files: merge-request mode hid them all."""
    repo = make_repo({"README.md": "# Projet\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"node_modules/lodash/index.js": "module.exports = 1;\n",
                  "node_modules/lodash/package.json": '{"name": "lodash"}\n'}, "vendor")
    result = run_cli("check", str(repo), "--diff-base", "main", "--format", "json")
    rules = {str(f["rule"]): f["path"] for f in findings_of(json.loads(result.stdout))}
    assert rules.get("artefact-binary-committed") == "node_modules/", rules
    assert rules.get("deps-vendored-licence") == "node_modules/lodash", rules
    # a folder the change does not touch stays out of its scope
    git(repo, "checkout", "-q", "-b", "later")
    commit(repo, {"app.py": "print(1)\n"}, "code")
    later = run_cli("check", str(repo), "--diff-base", "feature", "--format", "json")
    paths = {f["path"] for f in findings_of(json.loads(later.stdout))}
    assert not any(str(path).startswith("node_modules") for path in paths), paths


def test_a_baseline_of_the_checkout_is_the_base_s_when_a_subfolder_is_checked(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `path: app` (the Action) or OPENCHECK_PATH (GitLab) checks a folder of the
    # checkout, `baseline: .opencheck-baseline.json` names the checkout's own file: the
    # baseline was taken from the base only inside the checked folder, so the change's
    # own copy, listing its new secret, hid it
    empty = '{"format": "opencheck-baseline", "version": 1, "findings": []}\n'
    repo = make_repo({"app/README.md": "# Projet\n", ".opencheck-baseline.json": empty})
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"app/deploy.env": f"GITHUB_TOKEN={Samples().github()}\n"}, "deploy")
    monkeypatch.chdir(repo)
    written = run_cli("baseline", "app", "--output", ".opencheck-baseline.json", "--rule", "*")
    assert written.exit_code == 0, written.output
    commit(repo, {}, "known findings")
    whole = run_cli("check", "app", "--baseline", ".opencheck-baseline.json",
                    "--format", "json", "--lang", "en")
    assert not secret_findings(json.loads(whole.stdout))  # the control
    result = run_cli("check", "app", "--diff-base", "main",
                     "--baseline", ".opencheck-baseline.json", "--format", "json",
                     "--lang", "en")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [f["path"] for f in secret_findings(report)] == ["deploy.env"]
    assert report["metadata"]["baseline"]["file"].startswith(".opencheck-baseline.json (main ")


def test_a_pinned_policy_kept_in_the_checkout_is_the_base_s(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `--config .github/opencheck-policy.yml` (the Action's `config` input, relative to
    # the checkout): the pinned file was read as the change left it, so a change that
    # relaxed it there (`exclude: ["*.env"]`) passed with its own secret
    repo = make_repo({"README.md": "# Projet\n",
                      ".github/opencheck-policy.yml": "fail-on: error\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, {"deploy.env": f"GITHUB_TOKEN={Samples().github()}\n",
                  ".github/opencheck-policy.yml": RELAXING}, "deploy settings")
    monkeypatch.chdir(repo)
    whole = run_cli("check", ".", "--config", ".github/opencheck-policy.yml", "--format",
                    "json", "--lang", "en")
    assert not secret_findings(json.loads(whole.stdout))  # the control: it relaxes
    result = run_cli("check", ".", "--diff-base", "main", "--config",
                     ".github/opencheck-policy.yml", "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [f["path"] for f in secret_findings(report)] == ["deploy.env"]
    assert "(main " in report["metadata"]["config_origin"]


def test_a_pinned_policy_the_job_wrote_in_the_checkout_is_read_as_it_is(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the documented other way: the base branch's policy checked out by the job into
    # the workspace, a file no commit holds, is the job's, read as written
    repo = merge_request(make_repo)
    (repo / "pinned-policy.yml").write_text('exclude: ["*.env"]\n', "utf-8")
    monkeypatch.chdir(repo)
    result = run_cli("check", ".", "--diff-base", "main", "--config", "pinned-policy.yml",
                     "--format", "json", "--lang", "en")
    report = json.loads(result.stdout)
    assert report["metadata"]["config_origin"] == "--config pinned-policy.yml"
    assert not any(f["path"] == "deploy.env" for f in secret_findings(report))


def test_a_pinned_policy_behind_a_folder_the_change_made_a_link_is_the_base_s(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the file itself is in no commit when its folder is a link the change committed
    # (`policy` -> `other/`, where its relaxed copy lies): it was taken for the job's
    # own file and read through the link, as the change wrote it
    repo = make_repo({"README.md": "# Projet\n", "policy/opencheck.yml": "fail-on: error\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    git(repo, "rm", "-q", "-r", "policy")
    (repo / "policy").symlink_to("other")
    commit(repo, {"deploy.env": f"GITHUB_TOKEN={Samples().github()}\n",
                  "other/opencheck.yml": RELAXING}, "deploy settings")
    monkeypatch.chdir(repo)
    result = run_cli("check", ".", "--diff-base", "main", "--config", "policy/opencheck.yml",
                     "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [f["path"] for f in secret_findings(report)] == ["deploy.env"]
    assert "(main " in report["metadata"]["config_origin"]
