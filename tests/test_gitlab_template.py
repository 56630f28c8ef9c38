# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The GitLab CI template: valid for GitLab, and its script works on fixture repositories.

The script runs in a POSIX shell as GitLab's runner runs it, with the template's
variables and the predefined CI variables set; `opencheck` on the PATH runs this
checkout (the before_script's pip install needs an index, so it is not run here).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
import yaml

from conftest import COMPLETE_HOUSE, RepoFactory, code_quality_widget, commit, git, run_cli
from foundation_rules import FOUNDATION_RULES
from opencheck.secrets import blobcache, cachekey
from secret_samples import Samples

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "ci" / "opencheck.gitlab-ci.yml"
SCHEMAS = Path(__file__).parent / "schemas"
# The protected, masked CI/CD variable a project sets for the history cache
KEY = "protected-" + "n4Vq8Lr2Xw6Tz1Bp" * 2
# What a forger without the key can tag a file with: the key of runs outside CI
NO_KEY = cachekey.Signer(b"")


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(TEMPLATE.read_text("utf-8"))
    return data


def test_template_is_valid_gitlab_ci(template: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(
        json.loads((SCHEMAS / "gitlab-ci.json").read_text("utf-8"))
    )
    validator.validate(template)
    # The schema is lenient with hidden jobs: validate the job as `extends` resolves it.
    resolved = {"opencheck": copy.deepcopy(template[".opencheck"])}
    validator.validate(resolved)
    resolved["opencheck"]["artifacts"]["reports"]["codequality"] = {"not": "a path"}
    assert list(validator.iter_errors(resolved))  # the schema does check the reports
    job = template[".opencheck"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json", "junit": "opencheck-junit.xml",
    }
    assert "opencheck-report.md" in job["artifacts"]["paths"]
    assert template["opencheck"] == {"extends": ".opencheck"}


def _run_script(template: dict[str, Any], project: Path, tmp_path: Path,
                **variables: str) -> subprocess.CompletedProcess[str]:
    shim_dir = tmp_path / "bin"
    shim_dir.mkdir(exist_ok=True)
    shim = shim_dir / "opencheck"
    shim.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" '
        '-m opencheck.cli.main "$@"\n',
        encoding="utf-8",
    )
    shim.chmod(0o755)
    job = template[".opencheck"]
    env = {
        "PATH": f"{shim_dir}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "CI": "true",
        "GITLAB_CI": "true",
        "CI_PROJECT_DIR": str(project),
        "CI_COMMIT_REF_PROTECTED": "true",  # GitLab protects the default branch itself
        "OPENCHECK_CACHE_KEY": KEY,  # a protected variable: a protected ref's pipeline
        **{k: str(v) for k, v in job["variables"].items()},
        "OPENCHECK_RULES": " ".join(FOUNDATION_RULES),
        **variables,
    }
    script = "\n".join(job["script"])
    return subprocess.run(
        ["sh", "-e", "-c", script], cwd=project, env=env, capture_output=True, text=True,
        check=False,
    )


def test_default_branch_pipeline_writes_every_report(template, make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = make_repo({k: v for k, v in COMPLETE_HOUSE.items() if k != "SECURITY.md"})
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "READY to be published" in done.stdout
    for name in template[".opencheck"]["artifacts"]["paths"]:
        assert (project / name).is_file(), name
    issues = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    assert [i["check_name"] for i in issues] == ["security-policy-present"]
    ET.parse(project / "opencheck-junit.xml")


def test_merge_request_pipeline(template, make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.txt"
    outside.write_text("x\n", encoding="utf-8")
    project = make_repo({"README.md": "# Projet\n", "LICENSE": "MIT License\n"})
    base = git(project, "rev-parse", "HEAD").strip()
    os.symlink(outside, project / "new-link.txt")
    commit(project, {}, "A change")
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       CI_PIPELINE_SOURCE="merge_request_event",
                       CI_MERGE_REQUEST_DIFF_BASE_SHA=base)
    # The change brings one info finding: the merge request is ready.
    assert done.returncode == 0, done.stdout + done.stderr
    junit = ET.parse(project / "opencheck-junit.xml").getroot()
    named = [c.get("name") for c in junit.iter("testcase") if c.get("file")]
    assert named == ["files-readable · new-link.txt"]
    # Code Quality covers the whole repository, for GitLab's own comparison.
    issues = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    assert "contributing-present" in {i["check_name"] for i in issues}
    report_md = (project / "opencheck-report.md").read_text("utf-8")
    assert "new-link.txt" in report_md
    assert "contributing-present" not in report_md


def test_a_blocking_problem_fails_the_job(template, make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = make_repo({"README.md": "# Projet\n"})  # no licence
    done = _run_script(template, project, tmp_path, OPENCHECK_PROFILE="minimal")
    assert done.returncode == 1
    assert (project / "gl-code-quality-report.json").is_file()  # artifacts still there
    assert "licence-file-present" in (project / "opencheck-report.md").read_text("utf-8")


def test_a_usage_error_fails_the_job_with_its_message(template, make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = make_repo(COMPLETE_HOUSE)
    done = _run_script(template, project, tmp_path, OPENCHECK_PROFILE="no-such-profile",
                       OPENCHECK_LANG="en",
                       CI_MERGE_REQUEST_DIFF_BASE_SHA="HEAD")
    assert done.returncode == 2
    assert "unknown profile 'no-such-profile'" in done.stderr


def test_rule_globs_reach_opencheck_unexpanded(template, make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A file whose name the glob would match if the shell expanded it.
    project = make_repo({"README.md": "# Projet\n", "licence-docs/notes.md": "x\n"})
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES="readme-present licence-*")
    assert done.returncode == 1  # licence-file-present ran: no licence
    junit = ET.parse(project / "opencheck-junit.xml").getroot()
    failed = {c.get("name", "").split(" ")[0] for c in junit.iter("testcase")
              if c.find("failure") is not None}
    assert "licence-file-present" in failed
    families = {c.get("classname") for c in junit.iter("testcase")}
    assert families == {"opencheck.community", "opencheck.licence"}


@pytest.mark.parametrize("diff_mode", ["true", "false"])
def test_a_merge_request_is_judged_by_the_base_s_policy(template, make_repo, tmp_path,  # type: ignore[no-untyped-def]
                                                      diff_mode) -> None:
    """OPENCHECK_POLICY names a file of the project, which enforces the rule the project
    turned off; the merge request relaxes it: on the merge request, judged on its change
    or whole, the base's copy judges it."""
    project = make_repo({"README.md": "# Projet\n",
                         ".opencheck.yml": "disable:\n  licence-file-present: plus tard\n",
                         "ci/opencheck-policy.yml": "enforce:\n  licence-file-present: error\n"})
    base = git(project, "rev-parse", "HEAD").strip()
    commit(project, {"ci/opencheck-policy.yml": "repository:\n  disable: honour\n"})
    own = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                      OPENCHECK_POLICY="ci/opencheck-policy.yml")
    assert own.returncode == 0, own.stdout + own.stderr  # a branch's pipeline: its own copy
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_POLICY="ci/opencheck-policy.yml",
                       OPENCHECK_DIFF_MODE=diff_mode,
                       CI_PIPELINE_SOURCE="merge_request_event",
                       CI_MERGE_REQUEST_DIFF_BASE_SHA=base)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the policy (ci/opencheck-policy.yml (" in done.stdout
    assert "'disable licence-file-present: plus tard' set aside: the policy enforces this " \
           "rule at 'error'." in done.stdout


def test_a_pinned_policy_replaces_the_repository_s(template, make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = make_repo({
        "README.md": "# Projet\n",
        ".opencheck.yml": "disable:\n  licence-file-present: plus tard\n",
    })
    assert _run_script(template, project, tmp_path, OPENCHECK_LANG="en").returncode == 0
    # A "File" CI/CD variable: GitLab writes it outside the checkout and passes its path.
    policy = tmp_path / "policy.yml"
    policy.write_text("fail-on: error\n", encoding="utf-8")
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_CONFIG=str(policy))
    assert done.returncode == 1
    assert f"Configuration: .opencheck.yml (--config {policy})\n" in done.stdout
    assert "the repository's .opencheck.yml is not applied: the policy comes from --config" \
        in done.stdout
    assert "licence-file-present" in (project / "opencheck-report.md").read_text("utf-8")


HISTORY_RULES = "secret-in-history sensitive-data-in-history artefact-in-history"


def _history_project(make_repo: RepoFactory) -> tuple[Path, str, str]:
    """A project whose history, not its tree, holds a token: (root, blob id, path)."""
    token = Samples(23).github()
    project = make_repo(COMPLETE_HOUSE)
    commit(project, {"deploy/token.txt": f"GITHUB_TOKEN={token}\n"}, "Add the token")
    oid = git(project, "rev-parse", "HEAD:deploy/token.txt").strip()
    (project / "deploy" / "token.txt").unlink()
    commit(project, {"src/app.py": "print(1)\n"}, "Remove the token")
    return project, oid, "deploy/token.txt"


def _history_report(project: Path, cache: Path) -> dict[str, Any]:
    """The history rules' JSON report of a run keeping its cache in `cache`."""
    args = [arg for rule in HISTORY_RULES.split() for arg in ("--rule", rule)]
    done = run_cli("check", str(project), "--format", "json", "--lang", "en", *args,
                   env={"OPENCHECK_CACHE_DIR": str(cache), "OPENCHECK_HISTORY_CACHE": "true",
                        "OPENCHECK_CACHE_KEY": KEY})
    assert done.exit_code in (0, 1), done.output
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _forged_cache(make_repo: RepoFactory, tmp_path: Path) -> Path:
    """A project whose history holds a token, and which commits `.opencheck-cache/
    history/` with an entry saying that the token's blob is clean."""
    project = _restored_forged_cache(make_repo, tmp_path)
    git(project, "add", "-f", ".opencheck-cache")
    commit(project, {}, "A cache of our own")
    return project


def _restored_forged_cache(make_repo: RepoFactory, tmp_path: Path,
                           signer: cachekey.Signer = NO_KEY) -> Path:
    """A project whose history holds a token, and the cache GitLab restores into its
    checkout (`.opencheck-cache/history/`, not tracked) saying the token's blob is clean:
    what a merge request's job, under the key it chose, could have archived."""
    project, oid, path = _history_project(make_repo)
    # the file name the job's run looks for, from a run at the same path
    calibration = tmp_path / "calibration"
    _history_report(project, calibration)
    (name,) = [entry.name for entry in (calibration / "history").glob("*.blobs")]
    restored = project / ".opencheck-cache" / "history"
    restored.mkdir(parents=True, mode=0o700)
    size = len(git(project, "cat-file", "blob", oid).encode())
    assert blobcache.save(restored, name, signer, [(oid.encode(), path.encode(), size)])
    return project


@pytest.mark.parametrize("lang, key, protected, says", [
    ("en", "", "false", "no OPENCHECK_CACHE_KEY in this pipeline"),
    ("fr", "", "false", "pas d'OPENCHECK_CACHE_KEY dans ce pipeline"),
    ("en", "", "true", "no OPENCHECK_CACHE_KEY in this pipeline"),
    ("en", KEY, "false", "make it a protected variable"),
    ("fr", KEY, "false", "faites-en une variable protégée"),
])
def test_a_pipeline_without_the_protected_key_never_reads_a_cache(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path, lang, key, protected, says) -> None:
    """A merge request's job (a fork's run in this project, whose .gitlab-ci.yml names
    any key) can write what another pipeline restores: an unprotected default branch
    read the token's blob as clean and said READY. Without the key (a merge request's
    pipeline, a project that set none), or with a key an unprotected ref sees (so any
    merge request's job sees it too), no cache is read, and none is archived."""
    project = _restored_forged_cache(make_repo, tmp_path)
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG=lang,
                       OPENCHECK_RULES=HISTORY_RULES, CI_COMMIT_REF_PROTECTED=protected,
                       OPENCHECK_CACHE_KEY=key)
    assert done.returncode == 1, done.stdout + done.stderr
    assert says in done.stdout
    assert "secret-in-history" in (project / "opencheck-report.md").read_text("utf-8")
    assert not (project / ".opencheck-cache").exists()  # nothing archived from it


def test_a_protected_branch_trusts_only_what_its_key_tagged(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """What GitLab restores on a protected branch may still come from elsewhere (a
    project that turned off "separate caches for protected branches", an MR's key):
    an entry saying the token's blob is clean, without the key's tag, is not read.
    The same entry tagged with the key is (which is why the key must stay secret)."""
    project = _restored_forged_cache(make_repo, tmp_path)
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES=HISTORY_RULES)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "secret-in-history" in (project / "opencheck-report.md").read_text("utf-8")
    assert "OPENCHECK_CACHE_KEY" not in done.stdout
    project = _restored_forged_cache(make_repo, tmp_path / "tagged", cachekey.Signer(KEY.encode()))
    done = _run_script(template, project, tmp_path / "tagged", OPENCHECK_LANG="en",
                       OPENCHECK_RULES=HISTORY_RULES)
    assert done.returncode == 0, done.stdout + done.stderr
    assert KEY not in done.stdout + done.stderr


def test_the_history_cache_is_kept_outside_the_checked_tree(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """What GitLab archives (`.opencheck-cache/history/`) is written at the job's end,
    read from outside the project by the next job, and never checked as a file of the
    repository."""
    project = make_repo({**COMPLETE_HOUSE, "src/app.py": "print(1)\n"})
    for index in range(6):  # six old versions, in the history only
        commit(project, {"src/app.py": f"print({index + 2})\n"})
    rules = f"{HISTORY_RULES} files-readable readme-present"
    first = _run_script(template, project, tmp_path, OPENCHECK_LANG="en", OPENCHECK_RULES=rules)
    assert first.returncode == 0, first.stdout + first.stderr
    kept = list((project / ".opencheck-cache" / "history").glob("*.blobs"))
    assert len(kept) == 1
    second = _run_script(template, project, tmp_path, OPENCHECK_LANG="en", OPENCHECK_RULES=rules)
    assert second.returncode == 0, second.stdout + second.stderr
    assert ".opencheck-cache" not in (project / "opencheck-report.md").read_text("utf-8")
    # the job read it from a folder of its own under $TMPDIR, removed at its end; what
    # it archives is what the next job reads
    assert not list(tmp_path.glob("opencheck-cache*"))
    moved = tmp_path / "next-job"
    shutil.copytree(project / ".opencheck-cache", moved)
    for folder in (moved, moved / "history"):
        folder.chmod(0o700)
    report = _history_report(project, moved)
    assert report["metadata"]["history_blobs_from_cache"] >= 6


def test_a_cache_the_repository_tracks_is_never_read(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """A merge request that commits `.opencheck-cache/history/` with an entry saying its
    token's blob is clean gets no cache: the token in its history is found."""
    _finds_the_token(template, _forged_cache(make_repo, tmp_path), tmp_path)


def _finds_the_token(template: dict[str, Any], project: Path, tmp_path: Path) -> None:
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES=HISTORY_RULES)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "secret-in-history" in (project / "opencheck-report.md").read_text("utf-8")


def test_a_cache_the_repository_tracked_is_not_archived_for_its_next_pipeline(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """GitLab archives `.opencheck-cache/history/` at the job's end, whatever put it
    there: a merge request that commits a forged cache gets none in that pipeline, but
    its files were the branch's cache; the next commit removes them from the tree, and
    the next pipeline restored them and read its token's blob as clean (READY)."""
    project = _forged_cache(make_repo, tmp_path)
    _finds_the_token(template, project, tmp_path)
    # what the runner archives as the branch's cache, then restores into the next job
    archive = tmp_path / "archived"
    if (project / ".opencheck-cache" / "history").is_dir():
        shutil.copytree(project / ".opencheck-cache" / "history", archive)
    git(project, "rm", "-rq", "--cached", ".opencheck-cache")
    shutil.rmtree(project / ".opencheck-cache", ignore_errors=True)
    commit(project, {}, "No cache of our own any more")
    if archive.is_dir():
        shutil.copytree(archive, project / ".opencheck-cache" / "history")
    _finds_the_token(template, project, tmp_path)


def test_two_jobs_on_one_machine_keep_their_caches_apart(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """The folder the job reads its cache from was `$TMPDIR/opencheck-cache` for every
    job: on a runner that runs jobs side by side (shell executor), one job's start
    deleted another's cache under it, and its end archived the other project's cache
    files (their blob ids and history paths) into its own project's cache."""
    other = tmp_path / "opencheck-cache" / "history"
    other.mkdir(parents=True)
    (other / "someone-else.blobs").write_bytes(b"another project's entries")
    project = make_repo({**COMPLETE_HOUSE, "src/app.py": "print(1)\n"})
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES=f"{HISTORY_RULES} readme-present")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (other / "someone-else.blobs").is_file()
    archived = [entry.name for entry in (project / ".opencheck-cache" / "history").iterdir()]
    assert len(archived) == 1 and archived[0].endswith(".blobs")
    assert "someone-else.blobs" not in archived


def test_the_hyperscan_databases_are_never_kept_between_jobs(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """A compiled database is bytes Hyperscan deserialises and runs, behind a checksum
    any writer computes: a job compiles its own (0.1-0.2 s) in its own folder, which
    it removes, and GitLab archives the history's clean blobs only. With its history
    cache off, the job left OPENCHECK_CACHE_DIR unset and the databases went to
    `~/.cache/opencheck`, which a shell executor's jobs share."""
    assert template[".opencheck"]["cache"]["paths"] == [".opencheck-cache/history/"]
    # past detectors.ENGINE_THRESHOLD (4 MB) of text, a run compiles the database
    lines = "".join(f"value_{index} = {index * 7919}\n" for index in range(300_000))
    project = make_repo({**COMPLETE_HOUSE, "src/table.py": lines})
    for cache in ("true", "false"):
        done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                           OPENCHECK_RULES=f"{HISTORY_RULES} secret-in-tree readme-present",
                           OPENCHECK_HISTORY_CACHE=cache)
        assert done.returncode == 0, done.stdout + done.stderr
        if cache == "true":
            assert [entry.name for entry in (project / ".opencheck-cache").iterdir()] == \
                ["history"]
        # tmp_path is the job's $HOME and $TMPDIR
        assert not list(project.rglob("*.db")) and not list(tmp_path.rglob("*.db")), cache
    # the same check outside the template does compile and keep a database (in a
    # process of its own, as the job's: this one may hold a database compiled by an
    # earlier test, and would then compile and keep none)
    calibration = tmp_path.parent / f"{tmp_path.name}-calibration"
    alone = subprocess.run(
        [sys.executable, "-m", "opencheck.cli.main", "check", str(project),
         "--rule", "secret-in-tree"], capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"),
             "OPENCHECK_CACHE_DIR": str(calibration)})
    assert alone.returncode == 0, alone.stdout + alone.stderr
    assert list((calibration / "hyperscan").glob("*.db"))


def test_a_cache_is_not_used_when_git_cannot_say_whether_it_is_tracked(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """The guard asked git whether `.opencheck-cache` is tracked and took no answer for
    "not tracked": where that git fails (a checkout git finds of dubious ownership, which
    opencheck, naming its folder safe, still reads), the tracked forged cache was used."""
    project = _forged_cache(make_repo, tmp_path)
    real = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True,
                          check=True).stdout.strip()
    shims = tmp_path / "failing-git"
    shims.mkdir()
    (shims / "git").write_text(
        '#!/bin/sh\nfor arg in "$@"; do [ "$arg" = .opencheck-cache ] && exit 128; done\n'
        f'exec "{real}" "$@"\n', encoding="utf-8")
    (shims / "git").chmod(0o755)
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES=HISTORY_RULES,
                       PATH=f"{tmp_path / 'bin'}:{shims}:{os.environ['PATH']}")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "secret-in-history" in (project / "opencheck-report.md").read_text("utf-8")


def _cache_key(template: dict[str, Any], variables: dict[str, str]) -> str:
    """The job's cache key as GitLab expands it: `$NAME` and `${NAME}`, a variable the
    pipeline does not set being empty."""
    import re

    key = str(template[".opencheck"]["cache"]["key"])
    return re.sub(r"\$\{(\w+)\}|\$(\w+)",
                  lambda m: variables.get(m[1] or m[2], ""), key)


def test_a_merge_request_never_writes_the_cache_a_branch_pipeline_reads(
        template: dict[str, Any]) -> None:
    """A fork's merge request from its own branch `main` had the default branch's key:
    where a project shares caches between protected and other branches, its job wrote
    what the default branch's next pipeline read as clean."""
    branches = ["main", "7-main", "12-main", "release-2", "x"]
    for slug in branches:
        branch = _cache_key(template, {"CI_COMMIT_REF_SLUG": slug})
        for number in ("7", "12", "1"):
            for source in branches:
                request = _cache_key(template, {"CI_MERGE_REQUEST_IID": number,
                                                "CI_COMMIT_REF_SLUG": source})
                assert request != branch, (slug, number, source)
    assert _cache_key(template, {"CI_COMMIT_REF_SLUG": "main"}) != \
        _cache_key(template, {"CI_COMMIT_REF_SLUG": "other"})


def _pipelines(template: dict[str, Any], make_repo: RepoFactory, tmp_path: Path,
               hostile: bool, **variables: str
               ) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]],
                          list[dict[str, Any]], Path]:
    """The default branch's pipeline, then a merge request's on top of it: (the merge
    request's job, the base's Code Quality report, the merge request's, the project).
    The default branch's history holds a token; a hostile merge request adds a second
    one and removes it again, and commits a cache saying its blob is clean."""
    project, _, _ = _history_project(make_repo)
    rules = f"{HISTORY_RULES} contributing-present readme-present"
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES=rules, **variables)
    assert done.returncode == 1, done.stdout + done.stderr  # the old token blocks main
    base_report = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    base = git(project, "rev-parse", "HEAD").strip()
    # what the default branch's job archived: a merge request's first job gets none
    kept = project / ".opencheck-cache" / "history"
    (name,) = [entry.name for entry in kept.glob("*.blobs")]
    shutil.rmtree(project / ".opencheck-cache")
    git(project, "checkout", "-q", "-b", "feature")
    if hostile:
        token = Samples(24).gitlab()
        commit(project, {"ci/deploy.env": f"GITLAB_TOKEN={token}\n"}, "Deploy settings")
        oid = git(project, "rev-parse", "HEAD:ci/deploy.env").strip()
        size = int(git(project, "cat-file", "-s", oid))
        (project / "ci" / "deploy.env").unlink()
        kept.mkdir(parents=True, mode=0o700)
        assert blobcache.save(kept, name, NO_KEY, [(oid.encode(), b"ci/deploy.env", size)])
        git(project, "add", "-f", ".opencheck-cache")
    commit(project, {"src/app.py": "print(3)\n"}, "A change")
    done = _run_script(template, project, tmp_path, OPENCHECK_LANG="en",
                       OPENCHECK_RULES=rules, CI_PIPELINE_SOURCE="merge_request_event",
                       CI_MERGE_REQUEST_IID="3", CI_MERGE_REQUEST_DIFF_BASE_SHA=base,
                       **variables)
    head_report = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    return done, base_report, head_report, project


def test_a_merge_request_s_code_quality_shows_what_it_changes_only(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    done, base, head, _ = _pipelines(template, make_repo, tmp_path, hostile=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert code_quality_widget(base, head) == (set(), set())
    assert not {issue["check_name"] for issue in base} & set(HISTORY_RULES.split())
    assert "contributing-present" not in {issue["check_name"] for issue in base}
    # the old reading, asked for: the old token on both sides, nothing new either
    (tmp_path / "whole").mkdir()
    done, base, head, _ = _pipelines(template, make_repo, tmp_path / "whole", hostile=False,
                                     OPENCHECK_WHOLE_HISTORY="whole")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "secret-in-history" in {issue["check_name"] for issue in base}
    assert code_quality_widget(base, head) == (set(), set())


def test_a_hostile_merge_request_is_blocked_whatever_cache_it_commits(  # type: ignore[no-untyped-def]
        template, make_repo, tmp_path) -> None:
    """Its token, added then removed within its commits, is read in its history; the
    cache it commits to say that blob is clean is not read."""
    done, base, head, project = _pipelines(template, make_repo, tmp_path, hostile=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert code_quality_widget(base, head) == ({"secret-in-history", "opencheck-verdict"}, set())
    junit = ET.parse(project / "opencheck-junit.xml").getroot()
    failed = [c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None]
    assert failed == ["secret-in-history · ci/deploy.env"]
