# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What git may take while it reads a hostile repository: memory from its first
instruction, and no more of ours than the end of what it writes to its standard error.

- `popen_git(memory=)` capped git's data with `prlimit` on the running git, a call
  that comes after git started: git had already read the repository's configuration,
  uncapped, whenever this process was not scheduled in between (a loaded CI runner).
  A configuration value of 16 MB makes git take three times that. git now starts
  through a shell that lowers its own limit and becomes git.
- git's standard error was kept whole (in memory: `capture_output`, or an anonymous
  file read back when git failed). A repository makes git write as much as it likes
  there: a warning per ref whose name is broken, 12 MB for 200,000 of them in a
  `packed-refs` file, from each call that lists the refs. Only its end is kept now,
  where git's reason stands.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RepoFactory, git
from opencheck.gitcmd import PIPE, popen_git

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux's resource limits")

BROKEN_REFS = 200_000
MISSING = "1" * 40


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


def _flooding_repository(make_repo: RepoFactory) -> Path:
    """200,000 refs whose names git refuses (one warning each), then a tag of an
    object the clone does not hold (git stops there, with its reason last)."""
    repo = make_repo({"README.md": "# Projet\n"})
    head = git(repo, "rev-parse", "HEAD").strip()
    raw = repo.parent / "tag.txt"
    raw.write_text(f"object {MISSING}\ntype commit\ntag v1\ntagger T <t@t> 1 +0000\n\nv1\n",
                   encoding="ascii")
    tag = git(repo, "hash-object", "-t", "tag", "-w", "--literally", str(raw)).strip()
    lines = ["# pack-refs with: peeled fully-peeled sorted \n"]
    lines += [f"{head} refs/heads/b..{index:07d}\n" for index in range(BROKEN_REFS)]
    lines.append(f"{tag} refs/tags/v1\n")
    (repo / ".git" / "packed-refs").write_text("".join(lines), encoding="ascii")
    return repo


# The child's own peak (VmHWM: ru_maxrss keeps the peak of the process before exec)
CHILD = """
import sys
from pathlib import Path
from opencheck.gitcmd import GitError, run_git, stream_git

def peak():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

repo, way = Path(sys.argv[1]), sys.argv[2]
args = ("for-each-ref", "--format=%(objecttype) %(*objecttype)")
before = peak()
try:
    run_git(repo, *args) if way == "run_git" else list(stream_git(repo, *args))
    message = "no error"
except GitError as error:
    message = str(error)
grown = peak() - before
print(grown, message)
"""


@pytest.mark.parametrize("way", ["run_git", "stream_git"])
def test_gits_warnings_cost_only_their_end(make_repo: RepoFactory, way: str) -> None:
    repo = _flooding_repository(make_repo)
    done = subprocess.run([sys.executable, "-c", CHILD, str(repo), way], check=True,
                          capture_output=True, text=True, timeout=50)
    grown, message = done.stdout.strip().split(" ", 1)
    # git's reason, its last line, is what the error says
    assert message == f"fatal: missing object {MISSING} for refs/tags/v1"
    # 12 MB of warnings went through; kept whole they took 30 MB and more
    assert int(grown) < 6 * 1024, f"{int(grown) >> 10} MB more for git's warnings"
