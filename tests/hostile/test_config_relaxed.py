# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A repository's own configuration decides its verdict in a whole run and in a batch:
turning off `secret-in-tree` beside a GitHub token gave "READY · 100/100" with nothing
said (adversary13). The verdict's reason now names the blocking rules the configuration
turns off or lowers, and a threshold it raises; the JSON report lists them.

The same READY came, with nothing said, from a configuration that left the token's file
out (`exclude`, `settings.secrets.allow_paths`) or listed the token in its own baseline
(`settings.secrets.baseline`, which any file of 32-hex-digit words fills): the reason
now names the globs and counts the blocking findings the baseline hid; and from one
that chose a lighter profile (`profile: minimal`, without `deps-non-free`) beside a
package under CC-BY-NC-4.0: the rules it leaves out of the default profile's blocking
ones are named; and from `opencheck: allow` comments beside the tree's or the
history's token, which the reason now counts (adversary14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, commit, git, run_cli
from secret_samples import Samples

TOKEN = Samples(7).github()


def _leaky(make_repo: RepoFactory, config: str) -> Path:
    return make_repo({**COMPLETE_HOUSE, "app/settings.py": f'GITHUB_TOKEN = "{TOKEN}"\n',
                      ".opencheck.yml": config})


@pytest.mark.parametrize("config", [
    "disable:\n  secret-in-tree: données de test\n",
    "severity:\n  secret-in-tree: info\n",
])
def test_a_blocking_rule_the_repository_relaxes_is_named_in_the_verdict(
        make_repo: RepoFactory, config: str) -> None:
    root = _leaky(make_repo, config)
    report = check_json(root, "--no-history", "--lang", "en")
    assert report["verdict"] == "ready"  # the configuration applies, as before
    reason = report["verdict_reason"]
    assert "the configuration (.opencheck.yml) turns off or lowers" in reason
    assert "secret-in-tree" in reason
    assert report["metadata"]["config_relaxed"]["rules"] == ["secret-in-tree"]
    french = check_json(root, "--no-history", "--lang", "fr")
    assert "la configuration (.opencheck.yml) désactive ou abaisse 1 règle(s) bloquante(s) " \
           ": secret-in-tree" in french["verdict_reason"]


def test_the_commands_threshold_decides_what_blocks(make_repo: RepoFactory) -> None:
    """Under `--fail-on warning` a warning rule blocks: the repository turning it off is
    named; under the profile's threshold it is not a blocking rule."""
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": "disable:\n  roadmap-present: non\n"})
    strict = check_json(root, "--no-history", "--lang", "en", "--fail-on", "info")
    assert "roadmap-present" in strict["metadata"]["config_relaxed"]["rules"]
    usual = check_json(root, "--no-history", "--lang", "en")
    assert usual["metadata"]["config_relaxed"] is None


def test_a_configuration_that_relaxes_no_blocking_rule_says_nothing(
        make_repo: RepoFactory) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": "disable:\n  roadmap-present: non\n"})
    report = check_json(root, "--no-history", "--lang", "en")
    assert report["metadata"]["config_relaxed"] is None
    assert "configuration" not in report["verdict_reason"]


@pytest.mark.parametrize(("config", "said"), [
    ('exclude:\n  - "app/**"\n', "leaves 1 path glob(s) out of the check: app/**"),
    ("settings:\n  secrets:\n    allow_paths: [app/]\n",
     "leaves 1 path glob(s) out of the check: app/"),
])
def test_paths_the_repository_leaves_out_are_named_in_the_verdict(
        make_repo: RepoFactory, config: str, said: str) -> None:
    root = _leaky(make_repo, config)
    report = check_json(root, "--no-history", "--lang", "en")
    assert report["verdict"] == "ready"  # the configuration applies, as before
    assert said in report["verdict_reason"]
    assert report["metadata"]["config_relaxed"]["paths"] == [said.rsplit(": ", 1)[1]]
    french = check_json(root, "--no-history", "--lang", "fr")
    assert "écarte 1 motif(s) de chemins de la vérification" in french["verdict_reason"]


def test_blocking_findings_the_repositorys_baseline_hides_are_counted(
        make_repo: RepoFactory) -> None:
    root = _leaky(make_repo, "")
    assert run_cli("baseline", str(root)).exit_code == 0
    commit(root, {".opencheck.yml": "settings:\n  secrets:\n"
                                    "    baseline: .opencheck-baseline.json\n"})
    report = check_json(root, "--lang", "en")
    assert report["verdict"] == "ready"
    relaxed = report["metadata"]["config_relaxed"]
    assert relaxed["baseline_hidden"] >= 1
    assert f"hides {relaxed['baseline_hidden']} blocking finding(s) through its list of " \
           "known secrets (settings.secrets.baseline)" in report["verdict_reason"]


def test_a_configuration_with_lists_that_hide_nothing_blocking_still_says_them(
        make_repo: RepoFactory) -> None:
    """A glob the repository leaves out is named whether or not it hid a problem: only
    a run without it could tell, and the auditor is told where to look."""
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": 'exclude:\n  - "vendor/"\n'})
    report = check_json(root, "--no-history", "--lang", "en")
    assert report["metadata"]["config_relaxed"]["paths"] == ["vendor/"]


def test_a_profile_the_repository_chooses_is_judged_against_the_default(
        make_repo: RepoFactory) -> None:
    lock = ('{"name": "outil", "version": "1.0.0", "lockfileVersion": 3, "packages": {'
            '"": {"name": "outil", "version": "1.0.0", "dependencies": {"privlib": "^1.0.0"}},'
            ' "node_modules/privlib": {"version": "1.0.0", "license": "CC-BY-NC-4.0"}}}\n')
    files = {**COMPLETE_HOUSE, "package-lock.json": lock, "package.json":
             '{"name": "outil", "version": "1.0.0", "license": "MIT",'
             ' "dependencies": {"privlib": "^1.0.0"}}\n'}
    assert check_json(make_repo(files), "--no-history")["verdict"] == "not_ready"
    root = make_repo({**files, ".opencheck.yml": "profile: minimal\n"})
    report = check_json(root, "--no-history", "--lang", "en")
    assert report["verdict"] == "ready"  # the configuration applies, as before
    relaxed = report["metadata"]["config_relaxed"]
    assert relaxed["profile"] == "minimal" and "deps-non-free" in relaxed["rules"]
    assert "chooses the profile 'minimal', which turns off or lowers" in \
        report["verdict_reason"]
    # the command's own profile is the user's choice: nothing to say
    asked = check_json(root, "--no-history", "--lang", "en", "--profile", "minimal")
    assert asked["metadata"]["config_relaxed"] is None


def test_blocking_secrets_the_repositorys_allow_comments_clear_are_counted(
        make_repo: RepoFactory) -> None:
    root = make_repo({**COMPLETE_HOUSE, "app/settings.py":
                      f'GITHUB_TOKEN = "{TOKEN}"  # opencheck: allow\n',
                      "old/deploy.py": 'AWS_KEY = "AKIAQ7H3XKZP5WLM2NVR"  # opencheck: allow\n'})
    git(root, "rm", "-q", "old/deploy.py")
    commit(root, {}, "Retire le déploiement")
    report = check_json(root, "--lang", "en")
    assert report["verdict"] == "ready"  # the comments apply in a whole run, as before
    assert report["metadata"]["config_relaxed"]["allowed_inline"] == 2
    assert "2 blocking finding(s) cleared by the repository's 'opencheck: allow' " \
           "comments" in report["verdict_reason"]
    french = check_json(root, "--lang", "fr")
    assert "levé(s) par des commentaires « opencheck: allow » du dépôt" in \
        french["verdict_reason"]
