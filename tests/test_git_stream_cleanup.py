# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A reader that stops reading `stream_git` early leaves no git process behind: not a
git blocked on a full pipe, not a finished one left unreaped (a zombie).

The processes are read from /proc, as `ps` would: git's output here is larger than a
pipe holds, so without the clean-up git stays blocked for as long as opencheck runs
(a batch audit runs for hours).
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from conftest import RepoFactory
from opencheck.gitcmd import stream_git

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc"),
]


def git_children() -> dict[int, str]:
    """The state (R, S, Z...) of each git process this test process started, by pid."""
    states = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # ended meanwhile
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        state, parent = text[text.rindex(")") + 2:].split()[:2]
        if name == "git" and int(parent) == os.getpid():
            states[int(stat.parent.name)] = state
    return states


@pytest.fixture
def big_repo(make_repo: RepoFactory) -> Iterator[Path]:
    """Objects worth about 400 KB: more than a pipe buffer, so git blocks on writing.
    No git child may be there before the test, so that one test's leak fails only it."""
    assert git_children() == {}
    yield make_repo({f"f{i}.txt": f"{i} " * 4000 for i in range(50)})


def _started(repo: Path) -> Generator[bytes, None, None]:
    stream = stream_git(repo, "cat-file", "--batch-all-objects", "--batch")
    first = next(stream)
    assert re.fullmatch(rb"[0-9a-f]{40} (blob|tree|commit) [0-9]+", first)
    assert len(git_children()) == 1  # the test does see git while it runs
    return stream


def test_closing_the_stream_kills_and_reaps_git(big_repo: Path) -> None:
    stream = _started(big_repo)
    stream.close()
    assert git_children() == {}


def test_a_dropped_stream_kills_and_reaps_git(big_repo: Path) -> None:
    stream = _started(big_repo)
    del stream
    gc.collect()
    assert git_children() == {}


def test_a_reader_that_fails_mid_stream_leaves_no_git(big_repo: Path) -> None:
    def reader() -> None:
        for record in stream_git(big_repo, "cat-file", "--batch-all-objects", "--batch"):
            if record:
                raise ValueError("the reader gave up")

    with pytest.raises(ValueError, match="gave up"):
        reader()
    gc.collect()
    assert git_children() == {}


def test_a_stream_read_to_the_end_leaves_no_git(big_repo: Path) -> None:
    records = list(stream_git(big_repo, "cat-file", "--batch-all-objects", "--batch"))
    assert sum(len(r) for r in records) > 400_000
    assert git_children() == {}
