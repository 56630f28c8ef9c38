# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What git may take while it reads a hostile repository: memory, from its first
instruction.

- `popen_git(memory=)` capped git's data with `prlimit` on the running git, a call
  that comes after git started: git had already read the repository's configuration,
  uncapped, whenever this process was not scheduled in between (a loaded CI runner).
  A configuration value of 16 MB makes git take three times that. git now starts
  through a shell that lowers its own limit and becomes git.
"""

from __future__ import annotations

import sys

import pytest

from conftest import RepoFactory
from opencheck.gitcmd import PIPE, popen_git

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux's resource limits")


def test_git_is_capped_before_it_reads_the_repositorys_configuration(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    import resource

    repo = make_repo({"README.md": "# Projet\n"})
    with (repo / ".git" / "config").open("a", encoding="ascii") as config:
        config.write("[opaque]\n\tvalue = " + "a" * (16 << 20) + "\n")
    # this process not scheduled again before git has read its configuration
    monkeypatch.setattr(resource, "prlimit", lambda *args: None)
    process = popen_git(repo, "log", "--format=%H", memory=16 << 20, stdout=PIPE,
                        stderr=PIPE)
    out, errors = process.communicate()
    assert process.returncode != 0, "git read a 16 MB configuration value uncapped"
    assert b"out of memory" in errors.lower()
    assert out == b""
