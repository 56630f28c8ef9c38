# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Fixtures that build real git repositories in temporary folders."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from licence_fixtures import MIT
from opencheck.cli.main import cli
from opencheck.secrets import cachekey

# The tests run as on a developer's machine, whatever runs them: a run in CI without
# OPENCHECK_CACHE_KEY keeps no history cache (`secrets/cachekey.py`), so the variables
# that say "CI" are not passed on; the tests of the CI integrations set their own.
# Whether the suite itself runs in CI, where a missing test dependency fails instead of
# skipping (`RUN_IN_CI`), is read before.
RUN_IN_CI = os.environ.get("CI") == "true" or os.environ.get("OPENCHECK_TESTS_IN_CI") == "1"
if RUN_IN_CI:
    os.environ["OPENCHECK_TESTS_IN_CI"] = "1"  # for a second import of this module
for _name in (*cachekey.CI_MARKERS, cachekey.KEY_VARIABLE):
    os.environ.pop(_name, None)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Camille Agent",
    "GIT_AUTHOR_EMAIL": "camille.agent@numerique.gouv.fr",
    "GIT_COMMITTER_NAME": "Camille Agent",
    "GIT_COMMITTER_EMAIL": "camille.agent@numerique.gouv.fr",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(root: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    """Run git in a fixture repository with a fixed identity; return its stdout."""
    full_env = {**os.environ, **GIT_ENV, **(env or {})}
    done = subprocess.run(
        ["git", *args], cwd=root, env=full_env, capture_output=True, text=True, check=True
    )
    return done.stdout


def write_files(root: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


RepoFactory = Callable[..., Path]


@pytest.fixture
def make_repo(tmp_path: Path) -> RepoFactory:
    """Build a repository: `make_repo({"README.md": "..."}, git=True, name="repo")`.

    With git, the files are committed in one commit on branch main (message and date
    can be set); without git, it is a plain folder.
    """
    counter = iter(range(1000))

    def factory(
        files: Mapping[str, str | bytes] | None = None,
        *,
        git_init: bool = True,
        name: str | None = None,
        message: str = "Initial commit",
        date: str | None = None,
    ) -> Path:
        root = tmp_path / (name or f"repo{next(counter)}")
        root.mkdir(parents=True)
        write_files(root, files or {})
        if git_init:
            git(root, "init", "--quiet", "--initial-branch=main")
            git(root, "add", "-A")
            env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
            git(root, "commit", "--quiet", "--allow-empty", "-m", message, env=env)
        return root

    return factory


def commit(root: Path, files: Mapping[str, str | bytes], message: str = "Change",
           date: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Write files and commit them; return the new commit id."""
    write_files(root, files)
    git(root, "add", "-A")
    extra = dict(env or {})
    if date:
        extra.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    git(root, "commit", "--quiet", "--allow-empty", "-m", message, env=extra)
    return git(root, "rev-parse", "HEAD").strip()


def commit_unwritable_name(root: Path, folder: str, message: str) -> str:
    """Commit a file whose name (300 bytes) this system cannot write, without writing
    it; returns the name, for the caller to remove from the index on its branch."""
    (root / "note.txt").write_text("hi\n", encoding="utf-8")
    blob = git(root, "hash-object", "-w", "note.txt").strip()
    (root / "note.txt").unlink()
    long_name = f"{folder}/" + "é" * 150 + ".md"  # 300 bytes: too long a name for Linux
    git(root, "update-index", "--add", "--cacheinfo", f"100644,{blob},{long_name}")
    git(root, "commit", "-q", "-m", message)
    return long_name


def run_cli(*args: str, env: Mapping[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, list(args), env=dict(env or {}), catch_exceptions=False)


def findings_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The findings of a JSON report, one flat dict each, read as users' tools read
    them (`report/json_read.py`: schema version 1 or 2)."""
    from opencheck.report.json_read import findings

    return list(findings(report))


def code_quality_widget(base: list[dict[str, Any]],
                        head: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """What GitLab's merge-request widget shows: (new, resolved) issues' rules, by
    fingerprint, the head pipeline's Code Quality report against the base pipeline's."""
    before = {issue["fingerprint"]: issue["check_name"] for issue in base}
    after = {issue["fingerprint"]: issue["check_name"] for issue in head}
    return ({after[f] for f in after.keys() - before.keys()},
            {before[f] for f in before.keys() - after.keys()})


def check_json(path: Path, *args: str) -> dict[str, Any]:
    """Run `opencheck check PATH --format json` and return the parsed report."""
    result = run_cli("check", str(path), "--format", "json", "--lang", "en", *args)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


MIT_TEXT = MIT.format(year=2026, holder="DINUM")

COMPLETE_HOUSE = {
    "README.md": "# Projet\n\nUn outil publié par la DINUM.\n",
    "LICENSE": MIT_TEXT,
    "CONTRIBUTING.md": "# Contribuer\n",
    "CODE_OF_CONDUCT.md": "# Code de conduite\n",
    "SECURITY.md": "# Sécurité\n",
    "CHANGELOG.md": "# Changelog\n",
    "AUTHORS.md": "# Auteurs\n",
    "GOVERNANCE.md": "# Gouvernance\n",
    "ROADMAP.md": "# Feuille de route\n",
    "LICENSES/MIT.txt": MIT_TEXT,
    "REUSE.toml": (
        'version = 1\n\n[[annotations]]\npath = "**"\n'
        'SPDX-FileCopyrightText = "2026 DINUM"\nSPDX-License-Identifier = "MIT"\n'
    ),
}


# -- make mutation ---------------------------------------------------------------------------

# What mutmut sets MUTANT_UNDER_TEST to outside a mutant's own run.
_MUTMUT_PHASES = {"", "stats", "fail", "list_all_tests", "mutant_generation"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make mutation`, run a mutant's tests fastest first, so that a killed mutant
    costs the fastest test that fails. mutmut 3.8's fork server hands the tests over in
    the order of a set, which changes from run to run: one mutant of engine._run ran 122
    tests before the one that fails, 9 in this order (benchmarks/mutation.md)."""
    if os.environ.get("MUTANT_UNDER_TEST", "") in _MUTMUT_PHASES:
        return
    durations = _mutmut_durations()
    items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))


def _mutmut_durations() -> dict[str, float]:
    """Each test's duration from mutmut's run of the clean code (cwd is mutants/)."""
    try:
        stats = json.loads(Path("mutmut-stats.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    durations: dict[str, float] = stats.get("duration_by_test", {})
    return durations
