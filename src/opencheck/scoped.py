# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A run narrowed to a change (`options.diff_base`, staged files) and to new findings
(a baseline): what `opencheck check` and the CI integrations call."""

from __future__ import annotations

from pathlib import Path

from opencheck import baseline as baselines
from opencheck import diffmode, gitcmd
from opencheck.engine import RunRequest, UsageError, run
from opencheck.model import Report, Text
from opencheck.repository import RepositoryError, checked_root


def run_scoped(
    request: RunRequest, *, staged: bool = False, baseline: Path | None = None
) -> Report:
    """Run the checks, then keep what the change brings and what the baseline lacks."""
    return run_both(request, staged=staged, baseline=baseline)[1]


def run_both(
    request: RunRequest, *, staged: bool = False, baseline: Path | None = None
) -> tuple[Report, Report]:
    """The whole repository's report and the narrowed one, from a single run.

    Code scanning and Code Quality compare whole reports between branches themselves,
    so CI integrations upload the first and judge the change on the second. The change
    and the baseline are read before the run, so that a bad ref or file fails at once;
    every problem with them is a UsageError (exit code 2).
    """
    with gitcmd.one_configuration():  # read-only: git's configuration is read once
        return _run_both(request, staged, baseline)


def _run_both(
    request: RunRequest, staged: bool, baseline: Path | None
) -> tuple[Report, Report]:
    diff_base = request.options.diff_base
    if diff_base is not None and staged:
        raise UsageError(Text("--diff-base et --staged ne vont pas ensemble",
                              "--diff-base and --staged cannot be used together"))
    try:
        scope = None
        if diff_base is not None:
            scope = diffmode.since(checked_root(request.path), diff_base)
        elif staged:
            scope = diffmode.staged(checked_root(request.path))
        known = baselines.load(baseline) if baseline is not None else None
    except (RepositoryError, diffmode.DiffError, baselines.BaselineError) as error:
        raise UsageError(error.text) from error
    whole = report = run(request)
    if scope is not None:
        report = diffmode.restrict(report, scope)
    if known is not None:
        report = baselines.only_new(report, known, str(baseline))
    return whole, report
