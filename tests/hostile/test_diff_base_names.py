# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The base revision of merge-request mode is the one the job names, not one a push
can put in its place.

git resolves a name through a list of places, tags before branches and remote
branches: `origin/main` is `refs/tags/origin/main` when that tag exists, before
`refs/remotes/origin/main`, and a short commit id is a ref of that name first. CI clones
fetch the project's tags, and anyone who may push a tag (a developer whose merge
request must pass the job) made the base the change's own head: its secrets, its
policy and its findings were all "already there", READY. A name that could name more
than one thing is refused, with what it could name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, git, run_cli, write_files

TOKEN_FILE = {"deploy/prod.env": "AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2\n"
                                 "AWS_SECRET_ACCESS_KEY=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\n"}


@pytest.fixture
def change(tmp_path: Path) -> Path:
    """A clone of a ready project whose branch adds a token, as a CI job checks it out."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    write_files(upstream, COMPLETE_HOUSE)
    git(upstream, "init", "--quiet", "--initial-branch=main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "--quiet", "-m", "Ready")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(upstream), str(clone))
    git(clone, "checkout", "--quiet", "-b", "feature")
    write_files(clone, TOKEN_FILE)
    git(clone, "add", "-A")
    git(clone, "commit", "--quiet", "-m", "Deploy settings")
    return clone


def _check(clone: Path, base: str) -> tuple[int, str, dict | None]:
    result = run_cli("check", str(clone), "--diff-base", base, "--no-history",
                     "--format", "json", "--lang", "en")
    try:
        return result.exit_code, result.output, json.loads(result.stdout)
    except ValueError:
        return result.exit_code, result.output, None


def test_the_change_s_token_is_found_against_the_named_base(change: Path) -> None:
    code, output, report = _check(change, "origin/main")
    assert code == 1, output
    assert report is not None
    assert any(f["rule"] == "secret-in-tree" for f in report["findings"])


@pytest.mark.parametrize("tag", ["origin/main", "main"])
def test_a_tag_named_like_the_base_is_refused_not_taken(change: Path, tag: str) -> None:
    git(change, "tag", tag, "HEAD")  # a push of a tag: the base becomes the change itself
    base = tag  # `main`: the clone's own branch, `origin/main`: the remote's
    code, output, report = _check(change, base)
    assert code == 2, output
    assert report is None or not report["ready"]
    assert f"refs/tags/{tag}" in output and "ambiguous" in output
    result = run_cli("check", str(change), "--diff-base", base, "--no-history", "--lang", "fr")
    assert result.exit_code == 2 and "ambiguë" in result.output


def test_the_base_named_in_full_is_taken_despite_the_tag(change: Path) -> None:
    git(change, "tag", "origin/main", "HEAD")
    code, output, report = _check(change, "refs/remotes/origin/main")
    assert code == 1, output
    assert report is not None
    assert any(f["rule"] == "secret-in-tree" for f in report["findings"])


def test_a_short_commit_id_that_a_tag_also_names_is_refused(change: Path) -> None:
    short = git(change, "rev-parse", "--short=10", "origin/main").strip()
    git(change, "tag", short, "HEAD")
    code, output, _ = _check(change, short)
    assert code == 2, output
    assert f"refs/tags/{short}" in output
    full = git(change, "rev-parse", "origin/main").strip()
    assert _check(change, full)[0] == 1  # the whole id names the commit, whatever the tags
