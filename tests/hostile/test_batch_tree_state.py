# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A folder of the batch's list is audited in place, work tree and every ref: its
earlier result stands only while they are unchanged, not while its HEAD alone is.

A token written into a file, or committed on another branch, without moving HEAD kept
the earlier READY at the next run (docs/batch.md said so)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, commit, git
from opencheck.batch.orchestrate import BatchSettings, run_batch
from opencheck.batch.store import Store
from secret_samples import Samples


def _ready(db: Path) -> tuple[str, bool]:
    with Store(db) as store:
        run = store.latest_run()
        assert run is not None
        (row,) = store.results(run)
        return row["status"], bool(row["ready"])


def _settings(tmp_path: Path, folder: Path) -> BatchSettings:
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{folder}\n", encoding="utf-8")
    return BatchSettings(sources=[str(listing)], db=tmp_path / "r.db",
                         workspace=tmp_path / "ws", out=tmp_path / "out", jobs=1)


@pytest.mark.parametrize("how", ["untracked", "modified", "other-branch", "assume-unchanged",
                                 "skip-worktree"])
def test_a_secret_added_without_moving_head_is_audited(
        make_repo: RepoFactory, tmp_path: Path, how: str) -> None:
    folder = make_repo({**COMPLETE_HOUSE, "src/app.py": "print(1)\n"})
    settings = _settings(tmp_path, folder)
    run_batch(settings)
    assert _ready(settings.db) == ("audited", True)
    run_batch(settings)
    assert _ready(settings.db) == ("unchanged", True)  # nothing changed: not audited again
    token = f'TOKEN = "{Samples(71).github()}"\n'
    if how == "untracked":
        (folder / "src" / "deploy.py").write_text(token, encoding="utf-8")
    elif how == "modified":
        (folder / "src" / "app.py").write_text(token, encoding="utf-8")
    elif how in ("assume-unchanged", "skip-worktree"):
        # git status no longer looks at the file; the audit reads it all the same
        git(folder, "update-index", f"--{how}", "src/app.py")
        (folder / "src" / "app.py").write_text(token, encoding="utf-8")
    else:
        git(folder, "checkout", "-q", "-b", "wip")
        commit(folder, {"src/deploy.py": token})
        git(folder, "checkout", "-q", "main")
    run_batch(settings)
    assert _ready(settings.db) == ("audited", False)
    run_batch(settings)
    assert _ready(settings.db) == ("unchanged", False)


def test_a_file_edited_again_is_audited_again(make_repo: RepoFactory, tmp_path: Path) -> None:
    """Modified before the first run and still modified (the same `M` in git status),
    with other bytes: the state follows the file, not its status letter."""
    folder = make_repo({**COMPLETE_HOUSE, "src/app.py": "print(1)\n"})
    (folder / "src" / "app.py").write_text("print(2)\n", encoding="utf-8")
    settings = _settings(tmp_path, folder)
    run_batch(settings)
    assert _ready(settings.db) == ("audited", True)
    (folder / "src" / "app.py").write_text(f'KEY = "{Samples(72).github()}"\n',
                                           encoding="utf-8")
    run_batch(settings)
    assert _ready(settings.db) == ("audited", False)
