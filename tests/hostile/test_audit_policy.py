# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck check --policy FILE`: the auditor's policy over the repository's own
configuration. A repository that turns off `secret-in-tree` beside a token, lowers it,
excludes the folder or allows the path was READY by its own say (adversary13); under
a policy that enforces the rule, or does not allow those settings, it is NOT READY, and
the report names what was set aside. The repository cannot name the policy nor escape
it by breaking its configuration; a bad policy stops the run (exit 2) and writes
nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, commit, findings_of, git, run_cli
from opencheck.data import load_schema
from secret_samples import Samples

TOKEN = Samples(7).github()
ENFORCING = "enforce:\n  secret-in-tree: error\n"


def _leaky(make_repo: RepoFactory, config: str, where: str = "app/settings.py") -> Path:
    return make_repo({**COMPLETE_HOUSE, where: f'GITHUB_TOKEN = "{TOKEN}"\n',
                      ".opencheck.yml": config})


def _policy(tmp_path: Path, text: str, name: str = "policy.yml") -> Path:
    path = tmp_path / "auditor" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("config", [
    "disable:\n  secret-in-tree: données de test\n",
    "severity:\n  secret-in-tree: info\n",
])
def test_an_enforced_rule_blocks_whatever_the_repository_says(
        make_repo: RepoFactory, tmp_path: Path, config: str) -> None:
    root = _leaky(make_repo, config)
    assert check_json(root, "--no-history")["verdict"] == "ready"  # its own say
    policy = _policy(tmp_path, ENFORCING)
    report = check_json(root, "--no-history", "--policy", str(policy))
    assert report["verdict"] == "not_ready"
    assert any(f["rule"] == "secret-in-tree" for f in report["findings"])
    said = report["metadata"]["policy"]
    assert said["name"] == str(policy) and len(said["sha256"]) == 64
    assert said["enforced"] == {"secret-in-tree": "error"}
    [override] = said["overridden"]
    setting = "disable" if config.startswith("disable") else "severity"
    assert (override["setting"], override["name"], override["reason"]) == \
        (setting, "secret-in-tree", "enforced")
    assert f"sets aside 1 setting(s) of the repository's configuration (.opencheck.yml): " \
           f"{setting} secret-in-tree" in report["verdict_reason"]
    assert report["metadata"]["config_relaxed"] is None  # nothing of it applied
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    french = run_cli("check", str(root), "--no-history", "--lang", "fr", "--policy",
                     str(policy))
    assert french.exit_code == 1
    assert f"écarte 1 réglage(s) de la configuration du dépôt (.opencheck.yml) : {setting} " \
           "secret-in-tree" in french.output
    assert "la politique impose cette règle à « error »" in french.output


def test_settings_that_only_relax_are_set_aside_unless_the_policy_allows_them(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """No `enforce` at all: what the policy does not name of `exclude` and family
    settings (`allow_paths`) is set aside; `repository:` allows it back."""
    excluded = _leaky(make_repo, "exclude:\n  - vendor/\n", "vendor/client.py")
    allowed = _leaky(make_repo, "settings:\n  secrets:\n    allow_paths: [\"conf/\"]\n",
                     "conf/prod.py")
    strict = _policy(tmp_path, "fail-on: error\n", "strict.yml")
    lenient = _policy(tmp_path, "repository:\n  exclude: honour\n  settings: "
                      "[secrets.allow_paths]\n", "lenient.yml")
    for root, setting in ((excluded, "exclude"), (allowed, "settings")):
        assert check_json(root, "--no-history")["verdict"] == "ready"
        report = check_json(root, "--no-history", "--policy", str(strict))
        assert report["verdict"] == "not_ready", setting
        [override] = report["metadata"]["policy"]["overridden"]
        assert (override["setting"], override["reason"]) == (setting, "not_allowed")
        kept = check_json(root, "--no-history", "--policy", str(lenient))
        assert kept["verdict"] == "ready", setting
        assert kept["metadata"]["policy"]["overridden"] == []


def test_a_policy_allowing_disable_still_holds_its_enforced_rules(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    root = _leaky(make_repo, "disable:\n  secret-in-tree: non\n  roadmap-present: ailleurs\n")
    policy = _policy(tmp_path, ENFORCING + "repository:\n  disable: honour\n")
    report = check_json(root, "--no-history", "--fail-on", "info", "--policy", str(policy))
    rules = {r["id"]: r for r in report["rules"]}
    assert rules["roadmap-present"]["status"] == "skipped"  # allowed, and said relaxed
    assert report["metadata"]["config_relaxed"]["rules"] == ["roadmap-present"]
    assert rules["secret-in-tree"]["status"] == "failed"
    assert [o["name"] for o in report["metadata"]["policy"]["overridden"]] == ["secret-in-tree"]


def test_the_repository_cannot_raise_the_threshold_under_the_policy(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": "fail-on: error\n"})
    policy = _policy(tmp_path, "fail-on: warning\n")
    report = check_json(root, "--no-history", "--policy", str(policy))
    assert report["fail_on"] == "warning"
    assert report["verdict"] == "not_ready"  # the README's warnings now block
    [override] = report["metadata"]["policy"]["overridden"]
    assert (override["setting"], override["value"], override["applied"]) == \
        ("fail-on", "error", "warning")
    stricter = _policy(tmp_path, "fail-on: error\n", "loose.yml")
    root2 = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": "fail-on: warning\n"})
    kept = check_json(root2, "--no-history", "--policy", str(stricter))
    assert kept["fail_on"] == "warning"  # stricter: the repository's applies
    assert kept["metadata"]["policy"]["overridden"] == []


def test_an_enforced_rule_runs_outside_the_profile(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    root = make_repo({k: v for k, v in COMPLETE_HOUSE.items() if k != "CHANGELOG.md"})
    assert check_json(root, "--no-history", "--profile", "minimal")["verdict"] == "ready"
    policy = _policy(tmp_path, "enforce:\n  changelog-present: error\n")
    report = check_json(root, "--no-history", "--profile", "minimal", "--policy", str(policy))
    assert report["verdict"] == "not_ready"
    assert any(r["id"] == "changelog-present" and r["status"] == "failed"
               for r in report["rules"])


@pytest.mark.parametrize("config", [
    "policy: /dev/null\ndisable:\n  secret-in-tree: non\n",  # naming a policy: unknown key
    "include: ../../auditor/policy.yml\n",
    "disable: [secret-in-tree\n",  # broken YAML
    "disable:\n  secret-in-treee: non\n",  # a rule that does not exist
])
def test_a_repository_cannot_escape_the_policy_by_its_configuration(
        make_repo: RepoFactory, tmp_path: Path, config: str) -> None:
    """Without a policy such a configuration stops the run (exit 2, as before); under
    one it is set aside whole, said so, and the policy alone judges."""
    root = _leaky(make_repo, config)
    alone = run_cli("check", str(root), "--no-history", "--lang", "en")
    assert alone.exit_code == 2
    policy = _policy(tmp_path, ENFORCING)
    report = check_json(root, "--no-history", "--policy", str(policy))
    assert report["verdict"] == "not_ready"
    [override] = report["metadata"]["policy"]["overridden"]
    assert override["setting"] == "configuration" and override["reason"] == "unreadable"
    assert override["value"]["en"] and override["value"]["fr"]
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    text = run_cli("check", str(root), "--no-history", "--lang", "en", "--policy", str(policy))
    assert "The repository's configuration cannot be read and is set aside whole" in text.output


BAD_POLICIES = [
    ("", "the policy is empty"),
    ("# nothing\n", "the policy is empty"),
    ("enforced:\n  secret-in-tree: error\n", "did you mean 'enforce'?"),
    ("enforce:\n  secret-in-tre: error\n", "no rule matches 'secret-in-tre'"),
    ("enforce:\n  secret-in-tree: blocking\n", "enforce.secret-in-tree: invalid value"),
    ("enforce:\n  secret-in-tree: error\ndisable:\n  secret-in-tree: x\n",
     "both enforces this rule and turns it off"),
    ("enforce:\n  secret-in-tree: error\nseverity:\n  secret-in-tree: info\n",
     "'info' is below the enforced severity 'error'"),
    ("repository:\n  disable: sometimes\n", "repository.disable: invalid value"),
    ("repository:\n  settings: [secretz.allow_paths]\n", "unknown family 'secretz'"),
    ("lang: fr\n", "a repository's setting, which a policy does not take"),
    ("enforce: [secret-in-tree\n", "invalid YAML"),
    ("- secret-in-tree\n", "expected a mapping of settings"),
]


@pytest.mark.parametrize(("text", "said"), BAD_POLICIES)
def test_a_bad_policy_stops_the_run_and_writes_nothing(
        make_repo: RepoFactory, tmp_path: Path, text: str, said: str) -> None:
    root = _leaky(make_repo, "disable:\n  secret-in-tree: non\n")
    policy = _policy(tmp_path, text)
    output = root / "report.json"
    output.write_text("earlier report\n", encoding="utf-8")
    result = run_cli("check", str(root), "--no-history", "--lang", "en", "--policy",
                     str(policy), "--format", "json", "--output", str(output))
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert result.stdout == ""
    assert output.read_text(encoding="utf-8") == "earlier report\n"


def test_a_policy_that_is_not_a_readable_file_is_an_error(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    root = _leaky(make_repo, "disable:\n  secret-in-tree: non\n")
    missing = run_cli("check", str(root), "--lang", "en", "--policy", str(tmp_path / "none.yml"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    fifo = tmp_path / "policy.fifo"
    os.mkfifo(fifo)  # a reader would wait for ever
    waited = run_cli("check", str(root), "--lang", "en", "--policy", str(fifo))
    assert waited.exit_code == 2 and "cannot be read" in waited.stderr
    large = _policy(tmp_path, "enforce:\n  secret-in-tree: error\n" + "#" * 2_000_000)
    refused = run_cli("check", str(root), "--lang", "en", "--policy", str(large))
    assert refused.exit_code == 2 and "cannot be read" in refused.stderr


def test_in_merge_request_mode_a_committed_policy_is_the_bases(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """The Action's `policy` input names a file of the checkout: the change could
    relax it there, as it could `.opencheck.yml`. It is read as the base has it."""
    root = make_repo({**COMPLETE_HOUSE, ".github/opencheck-policy.yml": ENFORCING})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"app/settings.py": f'GITHUB_TOKEN = "{TOKEN}"\n',
                  ".opencheck.yml": "disable:\n  secret-in-tree: non\n",
                  ".github/opencheck-policy.yml": "repository:\n  disable: honour\n"})
    policy = root / ".github" / "opencheck-policy.yml"
    result = run_cli("check", str(root), "--no-history", "--diff-base", "main", "--format",
                     "json", "--lang", "en", "--policy", str(policy))
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["metadata"]["policy"]["name"].startswith(".github/opencheck-policy.yml (main ")
    assert report["metadata"]["policy"]["enforced"] == {"secret-in-tree": "error"}
    assert any(f["rule"] == "secret-in-tree" for f in report["findings"])
    # a policy the base lacks is an error, never a run without it
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-q", "-b", "other")
    commit(root, {"audit.yml": "repository:\n  disable: honour\n"})
    missing = run_cli("check", str(root), "--no-history", "--diff-base", "main", "--lang", "en",
                      "--policy", str(root / "audit.yml"))
    assert missing.exit_code == 2
    assert "the base revision has no such file" in missing.stderr
    # written by the CI job, not committed: read as it is
    (root / "job-policy.yml").write_text(ENFORCING, encoding="utf-8")
    written = run_cli("check", str(root), "--no-history", "--diff-base", "main", "--lang", "en",
                      "--format", "json", "--policy", str(root / "job-policy.yml"))
    assert written.exit_code == 0, written.output
    assert json.loads(written.stdout)["metadata"]["policy"]["enforced"] == \
        {"secret-in-tree": "error"}


def test_a_merge_request_judged_whole_reads_the_policy_from_the_base_branch(
        make_repo: RepoFactory) -> None:
    """CI that judges the whole merge request (no --diff-base: the GitLab template's
    OPENCHECK_DIFF_MODE false) names the base with --policy-base: the change's copy of
    the policy file is not read."""
    root = make_repo({**COMPLETE_HOUSE, "ci/policy.yml": ENFORCING})
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"app/settings.py": f'GITHUB_TOKEN = "{TOKEN}"\n',
                  ".opencheck.yml": "disable:\n  secret-in-tree: non\n",
                  "ci/policy.yml": "repository:\n  disable: honour\n"})
    policy = str(root / "ci" / "policy.yml")
    own = check_json(root, "--no-history", "--policy", policy)
    assert own["verdict"] == "ready"  # the change's copy lets it off
    report = check_json(root, "--no-history", "--policy", policy, "--policy-base", "main")
    assert report["verdict"] == "not_ready"
    assert report["metadata"]["policy"]["name"].startswith("ci/policy.yml (main ")
    alone = run_cli("check", str(root), "--lang", "en", "--policy-base", "main")
    assert alone.exit_code == 2 and "--policy-base needs --policy" in alone.stderr
    unknown = run_cli("check", str(root), "--lang", "en", "--policy", policy,
                      "--policy-base", "nowhere")
    assert unknown.exit_code == 2 and "unknown base revision 'nowhere'" in unknown.stderr
    # a policy outside the checkout needs no base (a shallow CI clone lacks it)
    outside = root.parent / "outside-policy.yml"
    outside.write_text(ENFORCING, encoding="utf-8")
    read = check_json(root, "--no-history", "--policy", str(outside), "--policy-base", "nowhere")
    assert read["verdict"] == "not_ready"


def test_what_a_policy_set_aside_is_said_in_bounded_and_escaped_words(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """The names set aside are the repository's: thousands of keys, or one holding a
    newline and a right-to-left override, cannot flood nor forge a report's lines."""
    from opencheck.batch import digest

    keys = "".join(f"    key{i}: {i}\n" for i in range(300))
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": "settings:\n  readme:\n"
                      '    "forged\\nFORGED-LINE \\u202e": 1\n' + keys})
    policy = _policy(tmp_path, "fail-on: error\n")
    report = check_json(root, "--no-history", "--policy", str(policy))
    assert len(report["metadata"]["policy"]["overridden"]) == 301
    assert "(+296)" in report["verdict_reason"]
    row = digest.summarise(report)
    items = json.loads(row["policy_overrides"])
    assert len(items) == 21 and items[-1] == "+281"
    assert all("\n" not in item and "\u202e" not in item for item in items)
    text = run_cli("check", str(root), "--no-history", "--lang", "en", "--policy", str(policy))
    assert not any(line.startswith("FORGED-LINE") for line in text.output.splitlines())
    assert "forged\\nFORGED-LINE" in text.output  # shown with its escape
    assert "\u202e" not in text.output
    assert "... and 291 more: see the JSON report (metadata.policy)." in text.output


def test_an_inline_allow_comment_does_not_clear_a_secret_under_the_policy(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """`# opencheck: allow` beside the token is the repository's own waiver, as
    gitleaks' and Semgrep's: a policy takes it only when it says so."""
    root = make_repo({**COMPLETE_HOUSE,
                      "app/settings.py": f'GITHUB_TOKEN = "{TOKEN}"  # opencheck: allow\n'})
    assert check_json(root)["verdict"] == "ready"  # history read too
    policy = _policy(tmp_path, "fail-on: error\n")
    report = check_json(root, "--policy", str(policy))
    assert report["verdict"] == "not_ready"
    [finding] = [f for f in findings_of(report) if f["rule"].startswith("secret-")]
    assert finding["rule"] == "secret-in-tree"
    assert "comment is set aside: the auditor's policy does not take it" in finding["message"]
    [override] = report["metadata"]["policy"]["overridden"]
    assert override["setting"] == "allow-comments"
    assert override["value"] == {"fr": "1 commentaire(s) « opencheck: allow »",
                                 "en": "1 'opencheck: allow' comment(s)"}
    assert "allow_comments_set_aside" not in report["metadata"]
    jsonschema.validate(report, load_schema("report/report.schema.json"))
    taken = _policy(tmp_path, "repository:\n  allow-comments: honour\n", "taken.yml")
    kept = check_json(root, "--policy", str(taken))
    assert kept["verdict"] == "ready" and kept["metadata"]["policy"]["overridden"] == []


def test_the_documented_policy_is_a_valid_one() -> None:
    """docs/policy.md's example and README's are read as the command reads a policy,
    and the policy schema is a valid JSON Schema."""
    import re

    from opencheck.auditpolicy import policy_from
    from opencheck.catalogue import load_catalogue
    from opencheck.yamlsafe import load_yaml

    jsonschema.Draft202012Validator.check_schema(
        load_schema("config/opencheck-policy.schema.json"))
    top = Path(__file__).resolve().parents[2]
    for doc in ("docs/policy.md", "README.md"):
        blocks = re.findall(r"```yaml\n(.*?)```", (top / doc).read_text("utf-8"), re.S)
        examples = [b for b in blocks if "enforce:" in b]
        assert examples, doc
        for block in examples:
            policy = policy_from(load_yaml(block.encode()), doc, "0" * 64, load_catalogue())
            assert policy.enforce


def test_a_rule_the_policy_makes_blocking_and_the_repository_lowers_is_said_relaxed(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """`repository: severity: honour` lets the repository lower a rule the policy
    raised to blocking: it applies, and the verdict names it as the repository's."""
    root = make_repo({**{k: v for k, v in COMPLETE_HOUSE.items() if k != "ROADMAP.md"},
                      ".opencheck.yml": "severity:\n  roadmap-present: info\n"})
    policy = _policy(tmp_path, "severity:\n  roadmap-present: error\n"
                     "repository:\n  severity: honour\n")
    report = check_json(root, "--no-history", "--policy", str(policy))
    assert report["verdict"] == "ready"
    assert report["metadata"]["config_relaxed"]["rules"] == ["roadmap-present"]
    assert report["metadata"]["config_relaxed"]["profile"] is None
    strict = _policy(tmp_path, "severity:\n  roadmap-present: error\n", "strict.yml")
    blocked = check_json(root, "--no-history", "--policy", str(strict))
    assert blocked["verdict"] == "not_ready"
    assert blocked["metadata"]["config_relaxed"] is None
