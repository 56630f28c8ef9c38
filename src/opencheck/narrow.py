# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Keep part of a report's findings (merge-request mode, baselines) and recompute the
verdict from what is kept, so that every renderer and the exit code agree.

The rule results and the score are left as computed on the whole repository: the
summary per family and the score describe the project, while the findings and the
verdict describe what the narrowed report is about (a change, new findings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from opencheck.model import Finding, Report
from opencheck.verdict import Overridden, Relaxed, judge


def narrow(report: Report, keep: Callable[[Finding], bool], note: dict[str, Any]) -> Report:
    kept = [finding for finding in report.findings if keep(finding)]
    verdict, reason = judge(kept, report.rules, report.fail_on,
                            Relaxed.from_dict(report.metadata.get("config_relaxed")),
                            Overridden.from_metadata(report.metadata.get("policy"),
                                                     report.metadata.get("config")))
    metadata = {**report.metadata, **note}
    return replace(report, findings=kept, verdict=verdict, reason=reason, metadata=metadata)
