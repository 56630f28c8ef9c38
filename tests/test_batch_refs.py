# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A cloned target is audited again when a branch or a tag moved, not only its HEAD.

The batch clones every branch and tag and the check reads them all, but a target was
judged unchanged by its HEAD alone: a branch pushed with a secret, the default branch
untouched, kept the earlier READY until the next HEAD move."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from batch_helpers import (
    FakeForge,
    bare_mirrors,
    github_repo,
    make_portfolio,
    serve_forge,
    write_list,
)
from conftest import commit, git, run_cli
from opencheck.batch import refstate
from opencheck.batch.sources import Target
from opencheck.batch.store import Store
from opencheck.batch.workspace import GitSettings, current_version, prepare
from secret_samples import Samples


def _rows(db: Path) -> dict[str, dict[str, Any]]:
    with Store(db) as store:
        run = store.latest_run()
        assert run is not None
        return {row["name"]: row for row in store.results(run)}


def _push_a_branch_with_a_token(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "essai")
    commit(repo, {"deploy.sh": f'curl -H "Authorization: token {Samples(5).github()}" '
                               "https://api.github.com/user\n"})
    git(repo, "checkout", "--quiet", "main")


@pytest.mark.parametrize("reached", ["forge", "mirror"])
def test_a_branch_pushed_without_moving_head_is_audited_again(tmp_path: Path,
                                                               reached: str) -> None:
    (repo,) = make_portfolio(tmp_path / "forge", 1)
    db = tmp_path / "r.db"
    common = ["--db", str(db), "--workspace", str(tmp_path / "ws"), "-j", "1", "--lang", "en"]
    forge = FakeForge(github={"etalab": [github_repo("outil", "etalab", repo)]})
    if reached == "mirror":  # a bare copy given by its path: cloned, probed on disk
        mirror = bare_mirrors([repo], tmp_path / "mirrors")[0]
        source = str(write_list(tmp_path / "repos.txt", [str(mirror)]))
    else:  # a forge's listing: cloned over a transport, probed with ls-remote
        source = str(tmp_path / "comptes.yml")
        Path(source).write_text("github.com:\n  forge: github\n  owners:\n    etalab: {}\n",
                                encoding="utf-8")

    def run() -> dict[str, Any]:
        with serve_forge(forge):
            api = ["--api-url", f"github.com={forge.base}/gh"] if reached == "forge" else []
            result = run_cli("batch", source, *common, *api)
        assert result.exit_code in (0, 1), result.output
        return next(iter(_rows(db).values()))

    first = run()
    assert first["status"] == "audited"
    _push_a_branch_with_a_token(repo)
    if reached == "mirror":
        git(repo, "push", "--quiet", str(mirror), "essai")
    second = run()
    assert second["status"] == "audited", second  # was "unchanged"
    assert second["commit_id"] == first["commit_id"]
    assert "secret-in-history" in second["blocking_rules"]
    assert run()["status"] == "unchanged"  # the probe and the clone agree on the refs


def test_the_probe_and_the_clone_digest_the_same_refs(tmp_path: Path) -> None:
    (repo,) = make_portfolio(tmp_path / "forge", 1)
    git(repo, "tag", "-a", "v1.0", "-m", "Version 1.0")  # an annotated tag: a peeled line
    git(repo, "tag", "v1.1")
    git(repo, "branch", "feature/x")
    target = Target(key="etalab/outil", url=repo.as_uri(), name="etalab/outil",
                    platform="github")
    head, state = current_version(target)
    checkout = prepare(tmp_path / "ws", target, GitSettings(retries=0))
    assert (checkout.commit, checkout.state) == (head, state)
    assert state == refstate.of_repository(repo)
    git(repo, "tag", "-d", "v1.1")
    assert current_version(target)[1] != state  # a tag deleted moves the state too
    assert current_version(target, refs="default")[1] is None  # HEAD alone was cloned


def test_a_shallow_batch_finds_an_untouched_repository_unchanged(tmp_path: Path) -> None:
    # --no-history clones at depth 1, which alone implies one branch and its tags: the
    # clone's refs differed from those the probe lists, and the second run audited the
    # repository again though nothing moved
    (repo,) = make_portfolio(tmp_path / "forge", 1)
    git(repo, "tag", "v0.1")
    commit(repo, {"CHANGES.md": "# Changes\n"})
    git(repo, "branch", "feature/x")
    commit(repo, {"NOTES.md": "# Notes\n"})
    mirror = bare_mirrors([repo], tmp_path / "mirrors")[0]
    source = str(write_list(tmp_path / "repos.txt", [mirror.as_uri()]))
    common = ["--db", str(tmp_path / "r.db"), "--workspace", str(tmp_path / "ws"), "-j", "1",
              "--no-history", "--lang", "en"]
    statuses = []
    for _ in range(2):
        result = run_cli("batch", source, *common)
        assert result.exit_code in (0, 1), result.output
        statuses.append(next(iter(_rows(tmp_path / "r.db").values()))["status"])
    assert statuses == ["audited", "unchanged"]
