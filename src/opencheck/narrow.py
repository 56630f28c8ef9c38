# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Keep part of a report's findings (merge-request mode, baselines) and recompute what
depends on them, so that every renderer and the exit code agree.

The score is left as computed on the whole repository: it describes the project, while
the verdict (`ready`) then describes only what the narrowed report shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from opencheck.model import Finding, Report, Status, is_at_least


def narrow(report: Report, keep: Callable[[Finding], bool], note: dict[str, Any]) -> Report:
    kept = [finding for finding in report.findings if keep(finding)]
    counts = Counter(finding.rule for finding in kept)
    rules = []
    for result in report.rules:
        if result.status in (Status.FAILED, Status.PASSED):
            count = counts.get(result.rule, 0)
            status = Status.FAILED if count else Status.PASSED
            result = replace(result, findings=count, status=status)
        rules.append(result)
    ready = not any(is_at_least(f.severity, report.fail_on) for f in kept) and not any(
        r.status is Status.ERROR and is_at_least(r.severity, report.fail_on) for r in rules
    )
    metadata = {**report.metadata, **note}
    return replace(report, findings=kept, rules=rules, ready=ready, metadata=metadata)
