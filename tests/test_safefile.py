# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A listed file read whole: what it holds now, never past the limit, never a FIFO or a
file swapped since it was listed; and a repository's reads keep these bounds. A
configuration or baseline file (`read_regular`) keeps the same bounds."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from opencheck.repository import open_repository
from opencheck.safefile import FileRefused, read_listed, read_regular


def test_a_listed_file_is_read_as_it_is_now(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x" * 100)
    assert read_listed(path, 100, 1_000) == b"x" * 100
    assert read_listed(path, 10, 1_000) == b"x" * 100  # grew since it was listed
    assert read_listed(path, 500, 1_000) == b"x" * 100  # shrank
    assert read_listed(path, 100, 40) == b"x" * 41  # one byte past the limit: refused above
    assert read_listed(path, 0, 1_000) == b"x" * 100
    path.write_bytes(b"")
    assert read_listed(path, 0, 1_000) == b""


def test_a_read_refuses_what_is_not_the_listed_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused):
        read_listed(fifo, 0, 1_000)  # never waits for a writer
    target = tmp_path / "target"
    target.write_bytes(b"secret")
    link = tmp_path / "link"
    link.symlink_to(target)
    with pytest.raises(OSError):
        read_listed(link, 6, 1_000, follow=False)
    other = tmp_path / "other"
    other.write_bytes(b"other")
    with pytest.raises(OSError):
        read_listed(other, 5, 1_000, inode=target.stat().st_ino)  # swapped since listed


def test_a_file_grown_past_the_limit_since_it_was_listed_is_unreadable(
        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"small\n")
    repo = open_repository(tmp_path, size_limit=1_000)
    (tmp_path / "a.txt").write_bytes(b"y" * 5_000)  # after the listing
    assert repo.read_bytes("a.txt") is None
    assert "grew past the size limit" in repo.unreadable["a.txt"].reason


def test_a_configuration_file_is_read_whole_within_its_bounds(tmp_path: Path) -> None:
    path = tmp_path / ".opencheck.yml"
    path.write_bytes(b"x" * 2048)
    assert read_regular(path, 2048) == b"x" * 2048
    with pytest.raises(FileRefused) as larger:
        read_regular(path, 2047)
    assert (larger.value.strerror, larger.value.fr) == ("larger than 1 KB", "plus gros que 1 Ko")
    # A file larger than its size says (procfs gives 0: as one that grew since its
    # stat) is refused by the read, which stops a byte past the limit.
    status = Path("/proc/self/status")
    if status.exists() and status.stat().st_size == 0:
        with pytest.raises(FileRefused):
            read_regular(status, 16)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused):
        read_regular(fifo, 1024)  # never waits for a writer
    link = tmp_path / "link.yml"
    link.symlink_to(path)
    assert read_regular(link, 4096) == b"x" * 2048  # --config names the user's own file
    with pytest.raises(OSError) as followed:
        read_regular(link, 4096, follow=False)  # the repository's: never through a link
    assert followed.value.errno == errno.ELOOP
