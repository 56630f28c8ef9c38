# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode (--diff-base), staged mode (--staged) and baselines."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import COMPLETE_HOUSE, commit, findings_of, git
from conftest import check_json as check_json_all_rules
from conftest import run_cli as run_cli_all_rules
from foundation_rules import FOUNDATION_RULES, rule_args
from opencheck import diffmode
from opencheck.engine import RunRequest, run
from opencheck.model import Finding, Severity, Text


def check_json(path: Path, *args: str) -> dict[str, Any]:
    return check_json_all_rules(path, *args, *rule_args())


def run_cli(*args: str) -> Result:
    return run_cli_all_rules(*args, *rule_args())


HOUSE_WITHOUT_CONTRIBUTING = {k: v for k, v in COMPLETE_HOUSE.items() if k != "CONTRIBUTING.md"}


def _link_outside(root: Path, name: str, target: Path) -> None:
    """A symlink out of the repository: `files-readable` reports it, with its path."""
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, root / name)


def _found(report: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(f["rule"], f["path"]) for f in findings_of(report)}


@pytest.fixture
def feature_branch(make_repo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """main: no CONTRIBUTING (a project-level warning) and one link out of the tree;
    branch `feature` adds a second link, and a third one sits untracked in the tree."""
    outside = tmp_path / "outside.txt"
    outside.write_text("hors du dépôt\n", encoding="utf-8")
    root: Path = make_repo(HOUSE_WITHOUT_CONTRIBUTING)
    _link_outside(root, "old-link.txt", outside)
    commit(root, {}, "Old link")
    git(root, "checkout", "--quiet", "-b", "feature")
    _link_outside(root, "docs/new-link.txt", outside)
    commit(root, {"docs/guide.md": "# Guide\n"}, "New link")
    _link_outside(root, "wip-link.txt", outside)
    return root


def test_full_report_sees_everything(feature_branch: Path) -> None:
    found = _found(check_json(feature_branch))
    assert {
        ("files-readable", "old-link.txt"),
        ("files-readable", "docs/new-link.txt"),
        ("files-readable", "wip-link.txt"),
        ("contributing-present", None),
    } <= found


def test_diff_base_reports_only_what_the_change_brings(feature_branch: Path) -> None:
    report = check_json(feature_branch, "--diff-base", "main")
    assert _found(report) == {
        ("files-readable", "docs/new-link.txt"),
        ("files-readable", "wip-link.txt"),
    }
    assert report["ready"] is True
    diff = report["metadata"]["diff"]
    assert diff["base"] == "main"
    assert diff["new_commits"] == 1
    assert diff["hidden_findings"] >= 2
    # Rule results describe the whole repository, as the score does.
    statuses = {r["id"]: r["status"] for r in report["rules"]}
    assert statuses["contributing-present"] == "failed"
    assert statuses["files-readable"] == "failed"


def test_diff_base_keeps_project_level_blocking_findings(feature_branch: Path) -> None:
    git(feature_branch, "rm", "--quiet", "README.md")
    commit(feature_branch, {}, "Drop the README")
    result = run_cli("check", str(feature_branch), "--diff-base", "main", "--format", "json",
                     "--lang", "en")
    assert result.exit_code == 1
    found = _found(json.loads(result.stdout))
    assert ("readme-present", None) in found
    assert ("contributing-present", None) not in found  # a warning, not blocking


def test_diff_base_accepts_a_commit_id_and_works_from_a_merge(feature_branch: Path) -> None:
    base = git(feature_branch, "rev-parse", "main").strip()
    git(feature_branch, "checkout", "--quiet", "main")
    commit(feature_branch, {"main-only.md": "# Ailleurs\n"}, "Moves main ahead")
    git(feature_branch, "checkout", "--quiet", "feature")
    # The merge base, not main's tip: main-only.md is not part of the change.
    report = check_json(feature_branch, "--diff-base", "main")
    assert report["metadata"]["diff"]["merge_base"] == base
    assert ("files-readable", "docs/new-link.txt") in _found(report)


def test_whole_output_keeps_every_finding(feature_branch: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    report = check_json(feature_branch, "--diff-base", "main", "--whole-output", f"json={whole}")
    assert len(findings_of(report)) == 2
    everything = json.loads(whole.read_text("utf-8"))
    assert ("contributing-present", None) in _found(everything)
    assert ("files-readable", "old-link.txt") in _found(everything)
    result = run_cli("check", str(feature_branch), "--whole-output", "pdf=x.pdf")
    assert result.exit_code == 2
    assert "FORMAT=FILE" in result.stderr


def test_findings_of_new_commits_are_kept_and_old_ones_hidden(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(COMPLETE_HOUSE)
    old = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "--quiet", "-b", "feature")
    new = commit(root, {"notes.md": "# Notes\n"}, "New commit")
    report = run(RunRequest(path=root, only_rules=FOUNDATION_RULES))

    def secret(commit_id: str, path: str) -> Finding:
        return Finding(rule="files-readable", message=Text("s", "s"), path=path,
                       severity=Severity.ERROR, extra={"commit": commit_id}, family="x")

    report.findings = [
        secret(new[:12], "config/old.env"),  # a path the change did not touch
        secret(old, "notes.md"),  # an old commit: not brought by the change
        secret(new.upper(), "deleted.env"),
    ]
    narrowed = diffmode.restrict(report, diffmode.since(root, diffmode.resolve_base(root, "main")))
    assert [(f.extra["commit"], f.path) for f in narrowed.findings] == [
        (new[:12], "config/old.env"), (new.upper(), "deleted.env"),
    ]
    assert narrowed.ready is False


@pytest.mark.parametrize(
    ("ref", "message"),
    [("no-such-branch", "unknown base revision 'no-such-branch'"),
     ("--output=/tmp/x", "invalid base revision")],
)
def test_bad_base_is_a_usage_error(feature_branch: Path, ref: str, message: str) -> None:
    result = run_cli("check", str(feature_branch), f"--diff-base={ref}", "--lang", "en")
    assert result.exit_code == 2
    assert message in result.stderr


# What reads the base (the scope, the policy, a baseline kept in the repository, the
# secrets' allow comments) reads the one commit resolved once; a bad base stops the run
# before anything is read, with one message, whatever else is asked.
WITH_A_BASELINE = ("--baseline", "{root}/.opencheck-baseline.json")


@pytest.mark.parametrize("extra", [(), WITH_A_BASELINE])
@pytest.mark.parametrize(("ref", "message"), [
    ("--output={tmp}/written", "invalid base revision '--output="),  # read as an option
    ("-h", "invalid base revision '-h'"),
    ("blob-tag", "unknown base revision 'blob-tag'"),  # names a blob, not a commit
    ("main:README.md", "unknown base revision 'main:README.md'"),
])
def test_a_hostile_or_wrong_base_stops_the_run(
        feature_branch: Path, tmp_path: Path, ref: str, message: str,
        extra: tuple[str, ...]) -> None:
    git(feature_branch, "tag", "blob-tag", git(feature_branch, "rev-parse", "main:README.md")
        .strip())
    run_cli("baseline", str(feature_branch))
    args = [arg.format(root=feature_branch) for arg in extra]
    result = run_cli("check", str(feature_branch), f"--diff-base={ref.format(tmp=tmp_path)}",
                     *args, "--format", "json", "--lang", "en")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count(message) == 1, result.stderr
    assert not (tmp_path / "written").exists()


def test_an_ambiguous_base_is_refused_and_a_full_name_read_from_one_commit(
    feature_branch: Path
) -> None:
    """A tag and a branch both named `main`: git would take the tag (one a push can
    create), so the name is refused; named in full, the tag is what every reader of the
    base reads: the policy, the baseline and the change's scope."""
    tag = git(feature_branch, "rev-parse", "main~1").strip()
    git(feature_branch, "tag", "main", tag)
    run_cli("baseline", str(feature_branch))
    commit(feature_branch, {}, "Baseline")  # in the change: the base's (none) applies
    refused = run_cli("check", str(feature_branch), "--diff-base", "main", "--lang", "en")
    assert refused.exit_code == 2 and "ambiguous base revision 'main'" in refused.output
    report = check_json(feature_branch, "--diff-base", "refs/tags/main", "--baseline",
                        str(feature_branch / ".opencheck-baseline.json"))
    label = f"refs/tags/main {tag[:12]}"
    assert report["metadata"]["config_origin"] == f"base {label}"
    assert report["metadata"]["baseline"] == {
        "file": f".opencheck-baseline.json ({label})", "known_findings": 0}
    assert report["metadata"]["diff"]["merge_base"] == tag
    # the branch's commit "Old link" is in the change when the base is the tag
    assert ("files-readable", "old-link.txt") in _found(report)


def test_diff_base_without_git_is_a_usage_error(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# x\n"}, git_init=False)
    result = run_cli("check", str(root), "--diff-base", "main", "--lang", "en")
    assert result.exit_code == 2
    assert "not a git work tree" in result.stderr
    result = run_cli("check", str(root), "--diff-base", "main", "--lang", "fr")
    assert "n'est pas un dépôt git" in result.stderr


def test_shallow_clone_explains_how_to_fetch_history(feature_branch: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", "--branch", "feature",
         f"file://{feature_branch}", str(clone)],
        check=True, capture_output=True,
    )
    result = run_cli("check", str(clone), "--diff-base", "origin/main", "--lang", "en")
    assert result.exit_code == 2
    assert "fetch-depth: 0" in result.stderr and "GIT_DEPTH: 0" in result.stderr
    # the same with a baseline to read from the base: one message, nothing read
    run_cli("baseline", str(clone))
    result = run_cli("check", str(clone), "--diff-base", "origin/main", "--baseline",
                     str(clone / ".opencheck-baseline.json"), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("unknown base revision 'origin/main'") == 1


def test_staged_reports_only_staged_files(feature_branch: Path, tmp_path: Path) -> None:
    git(feature_branch, "rm", "--quiet", "README.md")  # staged, but project-level
    _link_outside(feature_branch, "staged-link.txt", tmp_path / "outside.txt")
    git(feature_branch, "add", "staged-link.txt")
    report = check_json(feature_branch, "--staged")
    assert _found(report) == {("files-readable", "staged-link.txt")}


def test_staged_works_before_the_first_commit(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "--quiet")
    os.symlink("/etc/hostname", root / "link.txt")
    git(root, "add", "link.txt")
    assert _found(check_json(root, "--staged")) == {("files-readable", "link.txt")}


def test_terminal_report_says_what_the_narrowed_mode_hides(feature_branch: Path) -> None:
    # The per-family counts are the whole repository's: the text report must say so.
    text = run_cli("check", str(feature_branch), "--diff-base", "main", "--lang", "en").stdout
    [note] = [line for line in text.splitlines() if line.startswith("Merge-request mode")]
    assert "since 'main'" in note and "earlier finding(s) hidden" in note
    git(feature_branch, "rm", "--quiet", "README.md")
    text = run_cli("check", str(feature_branch), "--staged", "--lang", "fr").stdout
    assert "Mode pre-commit : seuls les constats sur les 1 fichier(s) indexé(s)" in text


def test_diff_base_before_the_first_commit_says_so(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "--quiet")
    result = run_cli("check", str(root), "--diff-base", "HEAD", "--lang", "en")
    assert result.exit_code == 2
    assert "the repository has no commit yet" in result.output
    assert "shallow" not in result.output


def test_diff_base_and_staged_exclude_each_other(feature_branch: Path) -> None:
    result = run_cli("check", str(feature_branch), "--diff-base", "main", "--staged",
                     "--lang", "en")
    assert result.exit_code == 2
    assert "--diff-base and --staged cannot be used together" in result.output


# -- baselines ---------------------------------------------------------------------


def test_baseline_speaks_french(feature_branch: Path) -> None:
    result = run_cli("baseline", str(feature_branch), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "constat(s) enregistré(s) dans" in result.stdout


def test_baseline_hides_known_findings_and_shows_new_ones(
    feature_branch: Path, tmp_path: Path
) -> None:
    result = run_cli("baseline", str(feature_branch), "--lang", "en")
    assert result.exit_code == 0, result.output
    target = feature_branch / ".opencheck-baseline.json"
    data = json.loads(target.read_text("utf-8"))
    assert data["format"] == "opencheck-baseline"
    recorded = {(e["rule"], e["path"]) for e in data["findings"]}
    assert ("files-readable", "wip-link.txt") in recorded
    assert f"{len(data['findings'])} finding(s) recorded in {target}" in result.stdout

    report = check_json(feature_branch, "--baseline", str(target))
    assert findings_of(report) == []
    assert report["metadata"]["baseline"]["known_findings"] == len(data["findings"])

    _link_outside(feature_branch, "brand-new.txt", tmp_path / "outside.txt")
    git(feature_branch, "rm", "--quiet", "CODE_OF_CONDUCT.md")
    report = check_json(feature_branch, "--baseline", str(target))
    assert _found(report) == {
        ("files-readable", "brand-new.txt"),
        ("code-of-conduct-present", None),
    }


def test_baseline_output_option_and_rule_selection(feature_branch: Path, tmp_path: Path) -> None:
    target = tmp_path / "base.json"
    result = run_cli_all_rules("baseline", str(feature_branch), "--output", str(target),
                               "--rule", "files-readable")
    assert result.exit_code == 0, result.output
    rules = {e["rule"] for e in findings_of(json.loads(target.read_text("utf-8")))}
    assert rules == {"files-readable"}
    report = check_json(feature_branch, "--baseline", str(target))
    assert {f["rule"] for f in findings_of(report)} == {"contributing-present"}


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "is not a JSON baseline"),
     ('{"findings": []}', "is not an opencheck baseline"),
     ('{"format": "opencheck-baseline", "version": 1, "findings": [1]}', "must be a list")],
)
def test_bad_baseline_is_a_usage_error(
    feature_branch: Path, tmp_path: Path, content: str, message: str
) -> None:
    target = tmp_path / "bad.json"
    target.write_text(content, encoding="utf-8")
    result = run_cli("check", str(feature_branch), "--baseline", str(target), "--lang", "en")
    assert result.exit_code == 2
    assert message in result.stderr


def test_missing_baseline_is_a_usage_error(feature_branch: Path, tmp_path: Path) -> None:
    result = run_cli("check", str(feature_branch), "--baseline", str(tmp_path / "none.json"),
                     "--lang", "en")
    assert result.exit_code == 2
    assert "cannot read baseline" in result.stderr


# -- the done-when test: a change that adds one secret and one bare file -----


def test_merge_request_adding_a_secret_and_a_file_without_header(make_repo) -> None:  # type: ignore[no-untyped-def]
    # REUSE-IgnoreStart
    header = "# SPDX-FileCopyrightText: 2026 DINUM\n# SPDX-License-Identifier: MIT\n"
    md_header = "<!--\nSPDX-FileCopyrightText: 2026 DINUM\nSPDX-License-Identifier: MIT\n-->\n"
    # REUSE-IgnoreEnd
    files: dict[str, str | bytes] = {
        name: md_header + text for name, text in COMPLETE_HOUSE.items() if name.endswith(".md")
    }
    files["LICENSE"] = COMPLETE_HOUSE["LICENSE"]
    files["LICENSES/MIT.txt"] = COMPLETE_HOUSE["LICENSE"]
    # REUSE-IgnoreStart
    files["REUSE.toml"] = (
        'version = 1\n[[annotations]]\npath = "LICENSE"\n'
        'SPDX-FileCopyrightText = "2026 DINUM"\nSPDX-License-Identifier = "MIT"\n'
    )
    # REUSE-IgnoreEnd
    files["src/app.py"] = header + "print('bonjour')\n"
    files["legacy/old.py"] = "print('sans en-tête, déjà sur main')\n"  # known problem
    # Built at run time so that this test file carries no secret-shaped literal.
    key_id = "AKIA" + "4QH2TZ7LXW9RBN3K"
    secret = "q8Zr2Lw9Tn4Vb6Xc1Hs7" + "Kd3Mf5Pj0Gy2Ra8Ue4Wo"
    old_key = "AKIA" + "J3MZQ8WX5RT2LKP9"
    root = make_repo(files)
    # An old secret, committed then deleted on main: in the history, not in the change.
    commit(root, {"legacy/settings.py": header + f'KEY = "{old_key}"\n'}, "Old secret")
    git(root, "rm", "--quiet", "legacy/settings.py")
    commit(root, {}, "Remove the old secret")
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, {
        "src/config.py": header + f'AWS_ACCESS_KEY_ID = "{key_id}"\n'
                                  f'AWS_SECRET_ACCESS_KEY = "{secret}"\n',
        "src/new_module.py": "def f():\n    return 1\n",
    }, "Feature with a secret and a file without header")
    whole = {(f["family"], f["path"]) for f in findings_of(check_json_all_rules(root))}
    assert {("reuse", "legacy/old.py"), ("secrets", "legacy/settings.py")} <= whole
    report = check_json_all_rules(root, "--diff-base", "main")
    by_family = {(f["family"], f["path"]) for f in findings_of(report)}
    assert by_family == {("secrets", "src/config.py"), ("reuse", "src/new_module.py")}


def test_diff_base_on_a_subfolder_uses_its_relative_paths(make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"README.md": "# x\n", "services/api/README.md": "# API\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    _link_outside(root, "services/api/escape.txt", tmp_path)
    _link_outside(root, "elsewhere.txt", tmp_path)
    commit(root, {}, "Links")
    report = check_json(root / "services" / "api", "--diff-base", "main")
    assert ("files-readable", "escape.txt") in _found(report)
    assert all(path != "elsewhere.txt" for _, path in _found(report))


def test_a_change_inside_a_vendored_folder_brings_the_folder_s_finding(make_repo) -> None:  # type: ignore[no-untyped-def]
    # The finding names the component's folder, the change one of its files.
    root: Path = make_repo(COMPLETE_HOUSE)
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, {"external/mystery/lib.c": "int mystery(void) { return 1; }\n"}, "Vendor")
    rules = ("--rule", "deps-vendored-licence")
    whole = check_json_all_rules(root, *rules)
    assert _found(whole) == {("deps-vendored-licence", "external/mystery")}
    assert _found(check_json_all_rules(root, "--diff-base", "main", *rules)) == _found(whole)
    # A change elsewhere does not bring it.
    git(root, "checkout", "--quiet", "-b", "later")
    commit(root, {"docs/guide.md": "# Guide\n"}, "Docs")
    assert _found(check_json_all_rules(root, "--diff-base", "feature", *rules)) == set()


def test_a_clone_without_a_renamed_files_old_version_is_judged(make_repo) -> None:  # type: ignore[no-untyped-def]
    """Rename detection read both versions of a renamed file: a clone that lost the old
    one (an incomplete mirror) stopped with git's "unable to read". Renames are now two
    names told apart by their ids, which needs no blob."""
    body = "".join(f"VALUE_{index} = {index}\n" for index in range(60))
    root = make_repo({**COMPLETE_HOUSE, "app/old_name.py": body})
    old = git(root, "rev-parse", "HEAD:app/old_name.py").strip()
    git(root, "checkout", "--quiet", "-b", "feature")
    git(root, "mv", "app/old_name.py", "app/new_name.py")
    commit(root, {"app/new_name.py": body + "EXTRA = 1\n"}, "Rename")
    (root / ".git" / "objects" / old[:2] / old[2:]).unlink()
    report = check_json(root, "--diff-base", "main")
    assert report["metadata"]["diff"]["changed_files"] == 2  # the old name and the new
