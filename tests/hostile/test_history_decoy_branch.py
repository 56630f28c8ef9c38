# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a value of the history is dated by the commits HEAD and the base
reach first.

Every ref's log lists the blobs, and the oldest commit adding a blob holding a value is
where the value came in. A branch someone may push (another merge request's ref left in
a runner's clone, a developer's stray branch) could hold an older commit, its dates
chosen, adding the same bytes or the same value: a secret the change added and removed
again was then dated on that branch, outside the change, and the merge request was
READY. The default branch's run still reported it, after the merge.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RepoFactory, commit, git
from test_history_change import AWS, LAST_YEAR, PASSWORD, history, narrowed

# several checks of a repository each: minutes on a loaded machine, not the hostile
# folder's 60 s
pytestmark = pytest.mark.timeout(300)

LONG_AGO = "2001-01-01T10:00:00+00:00"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(tmp_path / "cache"))


def _decoy(root: Path, files: dict[str, str]) -> None:
    """A branch off main whose only commit, dated long ago, adds `files`."""
    git(root, "checkout", "-q", "-b", "decoy", "main")
    commit(root, files, "Notes", date=LONG_AGO)
    git(root, "checkout", "-q", "main")


def _added_then_removed(root: Path, files: dict[str, str]) -> str:
    git(root, "checkout", "-q", "-b", "feature", "main")
    added = commit(root, files, "Configuration")
    git(root, "rm", "-q", *files)
    commit(root, {}, "Oops")
    return added


def test_the_same_bytes_on_an_older_branch_do_not_date_the_changes_secret(
    make_repo: RepoFactory,
) -> None:
    root: Path = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    _decoy(root, {"notes/deploy.py": f'DB_PASSWORD = "{PASSWORD}"\n'})
    added = _added_then_removed(root, {"app/deploy.py": f'DB_PASSWORD = "{PASSWORD}"\n'})
    report = narrowed(root)
    assert history(report) == [("app/deploy.py", added)]
    assert report.ready is False


def test_the_same_value_in_other_bytes_on_an_older_branch(make_repo: RepoFactory) -> None:
    root: Path = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    _decoy(root, {"notes.py": f'# old\nDB_PASSWORD = "{PASSWORD}"\n'})
    added = _added_then_removed(root, {"settings.py": f'DB_PASSWORD = "{PASSWORD}"\n'})
    assert history(narrowed(root)) == [("settings.py", added)]


def test_a_secret_file_on_an_older_branch_does_not_date_the_changes(
    make_repo: RepoFactory,
) -> None:
    """A `.env` is dated by its own arrival under its path: the decoy adds the same
    bytes under the same name."""
    root: Path = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    _decoy(root, {".env": AWS})
    added = _added_then_removed(root, {".env": AWS})
    assert history(narrowed(root)) == [(".env", added)] * 3  # the file and its two values


def test_a_value_only_another_branch_holds_is_not_the_changes(make_repo: RepoFactory) -> None:
    """The control: the stray branch's own secret, which the change does not touch,
    stays out of the merge request's report (the default branch's reports it)."""
    root: Path = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    _decoy(root, {"notes.py": f'DB_PASSWORD = "{PASSWORD}"\n'})
    git(root, "checkout", "-q", "-b", "feature", "main")
    commit(root, {"docs/a.md": "# A\n"}, "Docs")
    report = narrowed(root)
    assert history(report) == []
    assert report.ready is True


def test_a_value_the_base_held_stays_the_bases(make_repo: RepoFactory) -> None:
    """The control on the other side: the base's own history held the value before, a
    branch's decoy commit older still; the change that adds it again brings nothing."""
    root: Path = make_repo({"README.md": "# Projet\n"}, date=LAST_YEAR)
    commit(root, {"legacy/config.py": f'DB_PASSWORD = "{PASSWORD}"\n'}, "Old",
           date=LAST_YEAR)
    git(root, "rm", "-q", "legacy/config.py")
    commit(root, {}, "Old, removed", date=LAST_YEAR)
    _decoy(root, {"legacy/config.py": f'DB_PASSWORD = "{PASSWORD}"\n'})
    _added_then_removed(root, {"legacy/config.py": f'DB_PASSWORD = "{PASSWORD}"\n'})
    assert history(narrowed(root)) == []
