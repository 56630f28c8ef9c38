# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A git started before its output is wanted (`gitcmd.StartedStream`, started by the
engine through `@ahead` starters: the community history's log): the same records as
read inline, and no git left behind by a run that never asks for them, by a reader
that stops early, or by a failing git."""

from __future__ import annotations

import os
import subprocess
import time
import types
from pathlib import Path

import pytest

from conftest import GIT_ENV, RepoFactory, git
from opencheck import registry
from opencheck.community.history import LOG_ARGS, read_history
from opencheck.engine import RunRequest, run, run_context
from opencheck.gitcmd import GitError, StartedStream, stream_git
from opencheck.repository import open_repository
from test_git_stream_cleanup import git_children

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc"),
]


@pytest.fixture
def history(make_repo: RepoFactory) -> Path:
    """Commits whose log is larger than a pipe holds (git waits until it is read)."""
    assert git_children() == {}
    root = make_repo({"README.md": "# Projet\n"})
    # 120 commits by one git fast-import: a git add and commit each took the fixture past
    # the test's time-out on a loaded machine
    stream, when = [], int(time.time())
    for index in range(120):
        message, content = f"change {index}\n\n" + "x" * 900, f"{index}\n"
        stream += [
            "commit refs/heads/main",
            f"author Camille Agent <a{index % 7}@example.org> {when} +0000",
            f"committer Camille Agent <camille.agent@numerique.gouv.fr> {when} +0000",
            f"data {len(message)}", message,
            *(["from refs/heads/main^0"] if index == 0 else []),
            f"M 100644 inline f{index}.txt", f"data {len(content)}", content,
        ]
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, check=True,
                   input="\n".join(stream) + "\n", text=True, env={**os.environ, **GIT_ENV})
    git(root, "reset", "--hard", "--quiet")
    return root


def test_a_started_log_gives_the_records_read_inline(history: Path) -> None:
    inline = list(stream_git(history, "log", "--format=%H%x00%B%x01", separator=b"\x01"))
    started = StartedStream(history, "log", "--format=%H%x00%B%x01")
    assert list(started.records(b"\x01")) == inline
    assert len([record for record in inline if record.strip()]) == 121
    assert git_children() == {}  # read to its end: git reaped


def test_the_history_read_from_a_started_log_is_the_same(history: Path) -> None:
    repo = open_repository(history)
    inline = read_history(repo)
    ahead = read_history(repo, started=StartedStream(history, *LOG_ARGS))
    assert ahead == inline
    assert ahead.commits == 121 and len(ahead.identities) == 8
    assert git_children() == {}


def test_a_started_git_never_read_is_stopped_and_reaped(history: Path) -> None:
    started = StartedStream(history, "log", "--format=%H%x00%B%x01")
    assert len(git_children()) == 1  # waiting on its full pipe, or done and unreaped
    started.close()
    assert git_children() == {}


def test_a_reader_that_stops_early_leaves_no_git(history: Path) -> None:
    started = StartedStream(history, "log", "--format=%H%x00%B%x01")
    records = started.records(b"\x01")
    assert next(records)
    records.close()
    assert git_children() == {}


def test_a_failing_started_git_raises_its_error_when_read(history: Path) -> None:
    started = StartedStream(history, "log", "no-such-branch")
    with pytest.raises(GitError, match="no-such-branch"):
        list(started.records(b"\n"))
    assert git_children() == {}


def test_a_run_that_never_takes_what_was_started_leaves_no_git(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the engine started ahead (two cores or more) and no rule nor score took is
    stopped at the run's end, even when the run's context lives on (`opencheck fix`):
    not left to the garbage collector, a finished git unreaped meanwhile."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("nothing is started ahead on one core")
    monkeypatch.setitem(registry._AHEAD, "never-taken", registry.Starter(
        lambda ctx: StartedStream(ctx.repo.root, "log", "--format=%H%x00%B%x01"),
        frozenset({"readme-present"})))
    report, _context = run_context(RunRequest(path=history, only_rules=("readme-present",)))
    assert [rule.rule for rule in report.rules] == ["readme-present"]
    assert git_children() == {}


def test_a_run_with_the_log_started_ahead_reports_as_one_without(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history rules say the same whether the log was started ahead (two cores)
    or read when asked (one core: nothing is started)."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("nothing is started ahead on one core")
    rules = ("history-sign-off", "history-identity-generic")
    ahead = run(RunRequest(path=history, only_rules=rules))
    monkeypatch.setattr(registry, "usable_cores", lambda: 1)
    inline = run(RunRequest(path=history, only_rules=rules))
    shown = [(f.rule, f.message.en) for f in ahead.findings]
    assert shown == [(f.rule, f.message.en) for f in inline.findings]
    assert any("121" in message for _rule, message in shown), shown
    assert git_children() == {}


def test_a_history_read_that_fails_midway_leaves_no_git(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An analysis that fails is kept with its exception (`Context.shared`), and with
    it the reading it stopped: the git it read from, started ahead or not, must not
    stay alive (blocked on its full pipe) while the run and its context go on."""
    from opencheck.community import history as hist

    def failing(*args: object) -> None:
        raise RuntimeError("a record this code did not expect")

    monkeypatch.setattr(hist, "_add", failing)
    for cores in (2, 1):  # started ahead, then read when asked
        monkeypatch.setattr(registry, "usable_cores", lambda cores=cores: cores)
        report, context = run_context(RunRequest(path=history,
                                                 only_rules=("history-sign-off",)))
        assert [rule.status.value for rule in report.rules] == ["error"]
        assert git_children() == {}, cores
        del context


def test_the_time_a_run_spends_before_reading_a_started_log_is_not_gits(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log is started before the rules; the first rule that reads it may come after
    a tree read of many minutes (a large repository on a loaded CI runner). Git's time
    limit guards against a git that never ends, not against the run's own work: a log
    git had long finished was refused as 'timed out', and the history rules skipped."""

    from opencheck import gitcmd

    now = [1000.0]
    clock = types.SimpleNamespace(**{name: getattr(time, name) for name in dir(time)
                                     if not name.startswith("_")})
    clock.monotonic = lambda: now[0]
    monkeypatch.setattr(gitcmd, "time", clock)
    started = StartedStream(history, *LOG_ARGS, timeout=600.0)
    now[0] += 601.0  # the rules before the first that reads the history
    read = read_history(open_repository(history), started=started)
    assert read.error is None
    assert read.commits == 121
    assert git_children() == {}


def test_a_run_stopped_while_starting_ahead_leaves_no_git(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while the engine starts what it starts ahead: what was already started is
    stopped, as it is when the rules are interrupted."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("nothing is started ahead on one core")

    def interrupted(ctx: object) -> None:
        raise KeyboardInterrupt

    read_by = frozenset({"history-sign-off"})
    monkeypatch.setitem(registry._AHEAD, "started-first", registry.Starter(
        lambda ctx: StartedStream(ctx.repo.root, "log", "--format=%H%x00%B%x01"), read_by))
    monkeypatch.setitem(registry._AHEAD, "interrupted", registry.Starter(interrupted, read_by))
    with pytest.raises(KeyboardInterrupt):
        run_context(RunRequest(path=history, only_rules=("history-sign-off",)))
    assert git_children() == {}
