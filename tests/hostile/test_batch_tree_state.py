# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A folder of the batch's list is audited in place, work tree and every ref: its
earlier result stands only while they are unchanged, not while its HEAD alone is.

A token written into a file, or committed on another branch, without moving HEAD kept
the earlier READY at the next run (docs/batch.md said so)."""

from __future__ import annotations

import hashlib
import os
import struct
import time
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


def _rewritten_in_place(path: Path, text: str) -> None:
    """`text` written over the file at the file's own size, its times set back."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _index_stat_from_file(folder: Path, name: str) -> None:
    """The index entry of `name` given the file's stat as it is now, its blob id kept
    (what a refresh would write, were the content not read): a version 2 index."""
    index = folder / ".git" / "index"
    data = bytearray(index.read_bytes())
    assert data[:4] == b"DIRC" and struct.unpack(">I", data[4:8])[0] == 2
    count, offset = struct.unpack(">I", data[8:12])[0], 12
    for _ in range(count):
        length = struct.unpack(">H", data[offset + 60:offset + 62])[0] & 0xFFF
        if data[offset + 62:offset + 62 + length] == name.encode():
            found = (folder / name).stat()
            struct.pack_into(">IIII", data, offset, int(found.st_ctime),
                             found.st_ctime_ns % 10**9, int(found.st_mtime),
                             found.st_mtime_ns % 10**9)
            struct.pack_into(">I", data, offset + 36, found.st_size)
            break
        offset += (62 + length + 8) & ~7
    else:
        raise AssertionError(f"{name} not in the index")
    data[-20:] = hashlib.sha1(bytes(data[:-20])).digest()
    index.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["trustctime", "checkstat", "refreshed"])
def test_a_file_rewritten_behind_a_lax_stat_setting_is_audited(
        make_repo: RepoFactory, tmp_path: Path, how: str) -> None:
    """The folder's own configuration tells git status to trust less of the stat data
    (`core.trustctime=false`, `core.checkStat=minimal`): git status
    then said the file was as committed, and the earlier READY stood. Whoever may
    write the folder may also write the rewritten file's stat into the index itself."""
    token = f'TOKEN = "{Samples(73).github()}"\n'
    placeholder = "# " + "x" * (len(token) - 3) + "\n"
    folder = make_repo({**COMPLETE_HOUSE, "src/app.py": placeholder})
    time.sleep(1.1)  # the index newer than the file by a second: not "racily clean"
    git(folder, "update-index", "--really-refresh")
    settings = _settings(tmp_path, folder)
    run_batch(settings)
    assert _ready(settings.db) == ("audited", True)
    setting = {"checkstat": ("core.checkStat", "minimal")}.get(how, ("core.trustctime", "false"))
    git(folder, "config", *setting)
    _rewritten_in_place(folder / "src" / "app.py", token)
    if how == "refreshed":
        git(folder, "config", "--unset", setting[0])
        _index_stat_from_file(folder, "src/app.py")
        assert git(folder, "status", "--porcelain") == ""  # git itself sees nothing
    run_batch(settings)
    assert _ready(settings.db) == ("audited", False)
