# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A git that writes nothing, for ever: each read of a git's output ends all the same.

git opens what the repository holds and reads it to the end: a loose object that is a
FIFO blocks it in `open()`, with no output and no time of its own. `gitwait` finds the
ones it knows of before git runs; these tests call the readers directly (as a pipe
gitwait does not know of would reach them). Before, `stream_git` and a started log
looked at their deadline only when a chunk came, `batch_check` and the history's log
and `cat-file` had none: a plain `opencheck check` waited for ever.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import RepoFactory, git
from opencheck import gitcmd
from opencheck.gitcmd import GitError, StartedStream, batch_check, stream_git

pytestmark = pytest.mark.timeout(120)


def _fifo_object(root: Path, oid: str) -> None:
    loose = root / f".git/objects/{oid[:2]}/{oid[2:]}"
    loose.unlink()
    os.mkfifo(loose)


@pytest.fixture
def fifo_blob(make_repo: RepoFactory) -> tuple[Path, str]:
    """A repository whose removed file's blob, in the history only, is a FIFO."""
    root = make_repo({"README.md": "# x\n", "old.txt": "gone\n"})
    oid = git(root, "rev-parse", "HEAD:old.txt").strip()
    git(root, "rm", "-q", "old.txt")
    git(root, "commit", "-q", "-m", "remove")
    _fifo_object(root, oid)
    return root, oid


def test_a_streamed_git_that_writes_nothing_ends_at_its_deadline(
    fifo_blob: tuple[Path, str],
) -> None:
    root, oid = fifo_blob
    with pytest.raises(GitError, match="timed out after 3s"):
        list(stream_git(root, "cat-file", "blob", oid, timeout=3))


def test_a_started_git_that_writes_nothing_ends_at_its_deadline(
    fifo_blob: tuple[Path, str],
) -> None:
    root, oid = fifo_blob
    started = StartedStream(root, "cat-file", "blob", oid, timeout=3)
    with pytest.raises(GitError, match="timed out after 3s") as raised:
        list(started.records(b"\n"))
    assert "délai dépassé" in raised.value.text.fr


def test_a_batch_check_that_waits_ends_at_its_deadline(fifo_blob: tuple[Path, str]) -> None:
    root, oid = fifo_blob
    with pytest.raises(GitError, match="timed out"):
        batch_check(root, [oid.encode()], "%(objecttype)", timeout=3)


@pytest.mark.parametrize("read_ahead", [True, False])
def test_the_historys_cat_file_that_writes_nothing_is_stopped(
    fifo_blob: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, read_ahead: bool,
) -> None:
    from opencheck.secrets.history import iter_blobs

    root, _ = fifo_blob
    monkeypatch.setattr(gitcmd, "IDLE_LIMIT", 2.0, raising=False)
    with pytest.raises(GitError) as raised:
        list(iter_blobs(root, 1 << 20, read_ahead=read_ahead))
    assert "cat-file wrote nothing for 2s" in str(raised.value)
    assert "n'a rien écrit en 2 s" in raised.value.text.fr


def test_the_historys_log_that_writes_nothing_is_stopped(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from opencheck.secrets.history import list_blobs

    root = make_repo({"README.md": "# x\n"})
    git(root, "commit", "-q", "--allow-empty", "-m", "second")
    _fifo_object(root, git(root, "rev-parse", "HEAD~1").strip())  # the first commit
    monkeypatch.setattr(gitcmd, "IDLE_LIMIT", 2.0, raising=False)
    listing = list_blobs(root)
    assert listing is not None and not listing.complete
    assert listing.error is not None and "log wrote nothing for 2s" in listing.error


def test_the_historys_cat_file_waiting_on_a_log_that_goes_on_is_not_stopped(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """cat-file reads the blobs the log names as it goes: while a long log walks commits
    whose blobs an earlier run found clean (or names a few small ones, which `--buffer`
    holds), cat-file writes nothing. That is no stall: a history whose log took longer
    than the idle limit was stopped as 'waits on a file of the repository', INCOMPLETE."""
    import io
    import time

    from opencheck.secrets.history import Listing, iter_blobs

    root = make_repo({f"file{index}.txt": f"line {index}\n" for index in range(30)})
    add = Listing.add

    def slow(self: Listing, oid: bytes, header: bytes, path: bytes) -> None:
        time.sleep(0.05)  # a log that takes its time (a large history's walk)
        add(self, oid, header, path)

    monkeypatch.setattr(Listing, "add", slow)
    monkeypatch.setattr(gitcmd, "IDLE_LIMIT", 0.5, raising=False)
    listing = Listing(io.BytesIO())
    blobs = list(iter_blobs(root, 1 << 20, listing=listing, log_alongside=True))
    assert len(blobs) == 30 and listing.complete


def test_the_historys_cat_file_fed_by_the_log_that_writes_nothing_is_stopped(
    fifo_blob: tuple[Path, str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the log's lines count as progress only while they come: once it has named the
    # FIFO's blob and ended, cat-file's silence is a stall again
    import io

    from opencheck.secrets.history import Listing, iter_blobs

    root, _ = fifo_blob
    monkeypatch.setattr(gitcmd, "IDLE_LIMIT", 2.0, raising=False)
    with pytest.raises(GitError, match="cat-file wrote nothing for 2s"):
        list(iter_blobs(root, 1 << 20, listing=Listing(io.BytesIO()), log_alongside=True))


def test_an_object_read_that_waits_is_given_up(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the copies of old commits ask their trees of one long-lived cat-file: a tree
    # that is a FIFO held it for ever; it is now unreadable, and nothing more is asked
    # of that repository (each further FIFO would cost IDLE_LIMIT again: review9)
    from opencheck.gitobjects import ObjectReader

    root = make_repo({"lib/a.txt": "a\n", "doc/b.txt": "b\n"})
    _fifo_object(root, git(root, "rev-parse", "HEAD:lib").strip())
    monkeypatch.setattr(gitcmd, "IDLE_LIMIT", 2.0, raising=False)
    reader = ObjectReader(root)
    try:
        assert reader.read("HEAD:lib", "tree", 1 << 20) is None
        assert reader.stalled
        assert reader.read("HEAD:doc", "tree", 1 << 20) is None
        assert reader._process is None  # no git started again
    finally:
        reader.close()
    honest = ObjectReader(make_repo({"lib/a.txt": "a\n"}))
    try:  # an object that is not there stops nothing
        assert honest.read("HEAD:none", "tree", 1 << 20) is None
        assert honest.read("HEAD:lib", "tree", 1 << 20) is not None
    finally:
        honest.close()
