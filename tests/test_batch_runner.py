# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The local pool survives a worker process that dies; the progress bar and summary."""

from __future__ import annotations

import io
from pathlib import Path

from batch_helpers import dying_audit, make_portfolio
from conftest import git
from opencheck.batch.orchestrate import BatchSummary
from opencheck.batch.runners import AUDITED, FAILED, LocalRunner, Outcome, Task
from opencheck.batch.sources import target_from_line
from opencheck.batch.workspace import GitSettings
from opencheck.cli.batch import Progress, format_summary


def test_a_dying_worker_is_recorded_and_the_others_finish(tmp_path: Path) -> None:
    repos = make_portfolio(tmp_path / "forge", 6)
    crash = tmp_path / "forge" / "crash"
    crash.mkdir()
    git(crash, "init", "--quiet")
    targets = [target_from_line(str(p), tmp_path) for p in [*repos[:3], crash, *repos[3:]]]
    tasks = [Task(target=t, workspace=str(tmp_path / "ws"), git=GitSettings(retries=0))
             for t in targets]
    outcomes = {o.key: o for o in LocalRunner(2, function=dying_audit).run(tasks)}
    assert len(outcomes) == 7
    dead = outcomes[targets[3].key]
    assert dead.status == FAILED and dead.reason is not None and "died" in dead.reason
    assert all(outcomes[t.key].status == AUDITED for t in targets if t is not targets[3])


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_the_time_left_on_a_terminal(tmp_path: Path) -> None:
    target = target_from_line(str(tmp_path), tmp_path)
    screen = Terminal()
    bar = Progress(screen)
    bar.start(4, 2)
    bar.update(1, 4, target, Outcome(target.key, AUDITED))
    bar.update(2, 4, target, Outcome(target.key, FAILED, reason="boom"),
               ["org/one", "org/two", "org/three", "org/four"])
    bar.finish()
    text = screen.getvalue()
    assert "> org/one, org/two, org/three +1" in text
    assert "2 already done" in text
    assert "2/4 50% ETA 0:00:0" in text and "failed 1" in text
    quiet = io.StringIO()  # not a terminal: nothing drawn
    other = Progress(quiet)
    other.start(4, 0)
    other.update(1, 4, target, Outcome(target.key, AUDITED))
    assert quiet.getvalue() == ""


def test_summary_in_both_languages() -> None:
    summary = BatchSummary(run_id=3, resumed=True, total=5, audited=2, unchanged=2, failed=1,
                           ready=1, not_ready=3, failures=[("org/x", "cannot clone")],
                           duration=1.5, outputs=[Path("out/index.html")])
    english = format_summary(summary, "en")
    assert "Run 3 (resumed): 5 repositories" in english
    assert "audited 2, unchanged 2" in english and "x org/x: cannot clone" in english
    assert "dashboard: out/index.html" in english
    assert "Exécution 3 (reprise)" in format_summary(summary, "fr")
