# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history scan's log is started before the rules (`@ahead`), for a run that has a
history rule: in a whole check git walks the commits while every family reads the tree.
The findings are those of a run that starts it when the scan asks."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, commit
from opencheck import registry, treepass
from opencheck.engine import RunRequest, run
from opencheck.registry import Context, Options, all_checks
from opencheck.repository import open_repository
from opencheck.secrets import gitlog, logahead
from test_git_stream_cleanup import git_children

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="needs Linux /proc"),
]

# a provider's token, removed from the tree in a later commit: only the history holds it
TOKEN = "ghp_" + "R8kq2Lm4Tz7Vx1Nc5Wb9Yd3Hf6Js0Pa2Ge4Ku"


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`log` when the secrets' log is started, `tree` when the tree's one read begins."""
    seen: list[str] = []
    start_log, tree_run = gitlog.start_log, treepass.Pass.run

    def starting(*args: Any, **kwargs: Any) -> Any:
        seen.append("log")
        return start_log(*args, **kwargs)

    def reading(self: treepass.Pass, *args: Any, **kwargs: Any) -> Any:
        seen.append("tree")
        return tree_run(self, *args, **kwargs)

    monkeypatch.setattr(logahead, "start_log", starting)
    monkeypatch.setattr(treepass.Pass, "run", reading)
    return seen


def _repository(make_repo: RepoFactory) -> Path:
    root = make_repo({"README.md": "# Outil\n", "config.py": f'TOKEN = "{TOKEN}"\n'})
    commit(root, {"config.py": 'TOKEN = os.environ["TOKEN"]\n'})
    return root


def _shown(rules: tuple[str, ...], root: Path) -> list[tuple[str, str]]:
    report = run(RunRequest(path=root, only_rules=rules))
    return [(finding.rule, finding.message.en) for finding in report.findings]


def test_the_log_starts_before_the_tree_is_read_and_finds_the_same(
        make_repo: RepoFactory, events: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("nothing is started ahead on one core")
    root = _repository(make_repo)
    rules = ("readme-present", "secret-in-tree", "secret-in-history")
    ahead = _shown(rules, root)
    assert events[:2] == ["log", "tree"], events
    # the token left the tree in the second commit: the history's scan found it (its
    # mask shows no character of a password's value since 14fe5f5)
    assert any(rule == "secret-in-history" and "entered the history in commit" in message
               for rule, message in ahead), ahead
    assert git_children() == {}
    events.clear()
    monkeypatch.setattr(registry, "usable_cores", lambda: 1)  # nothing started ahead
    assert _shown(rules, root) == ahead
    assert events[:2] == ["tree", "log"], events  # the scan starts it after the tree's read
    assert git_children() == {}


def test_no_log_is_started_for_a_run_without_a_history_rule(
        make_repo: RepoFactory, events: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "usable_cores", lambda: 2)
    root = _repository(make_repo)
    _shown(("readme-present", "secret-in-tree"), root)
    assert "log" not in events
    report = run(RunRequest(path=root, options=Options(history=False),
                            only_rules=("secret-in-history",)))
    assert [rule.status.value for rule in report.rules] == ["skipped"]
    assert "log" not in events
    assert git_children() == {}


def test_the_rules_said_to_read_the_secrets_history_are_those_that_do(
        make_repo: RepoFactory) -> None:
    """Each check run alone: those that scan the history are HISTORY_RULES, for which
    the log is started ahead, and no other."""
    root = _repository(make_repo)
    repo = open_repository(root)
    reading = set()
    for name, check in all_checks().items():
        ctx = Context(repo=repo, options=Options())
        with contextlib.suppress(Exception):  # Skip, and rules this tree cannot judge
            list(check(ctx))
        if "secrets.history" in ctx.timings:
            reading.add(name)
        ctx.close_ahead()
    assert reading == logahead.HISTORY_RULES


ORDER = """
import sys
from opencheck.secrets import gitlog

start_log = gitlog.start_log
seen = []


def starting(*args, **kwargs):
    seen.append("opencheck.checks.secrets" in sys.modules)
    return start_log(*args, **kwargs)


gitlog.start_log = starting  # before any module takes it
from opencheck.cli.main import main  # noqa: E402

sys.argv = ["opencheck", "check", sys.argv[1], "--format", "json", "--lang", "en",
            "--rule", "secret-in-history"]
try:
    main()
except SystemExit:
    pass
print("family imported when the log started:", seen, file=sys.stderr)
"""


def test_the_log_starts_before_the_secrets_family_is_imported(make_repo: RepoFactory) -> None:
    """A fresh process, as a user's run: git walks the commits while the detectors and
    their engine are imported (about 30 ms of Python on a small history)."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("nothing is started ahead on one core")
    root = _repository(make_repo)
    done = subprocess.run([sys.executable, "-c", ORDER, str(root)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert "family imported when the log started: [False]" in done.stderr, done.stderr
    assert "entered the history in commit" in done.stdout
