# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history scan's `git log` started ahead: registered here, where the engine imports
it, so that the engine starts it before it imports the families. The secrets family's
import (its detectors, their engine) then passes while git walks the commits on the
other core, and a history run's log is read before its blobs are wanted.

Kept apart from `checks/secrets` and `secrets/history` for that: this module imports
nothing the engine does not import already but `gitlog`.
"""

from __future__ import annotations

from pathlib import Path

from opencheck import gitlayout
from opencheck.registry import Context, ahead
from opencheck.secrets.gitlog import StartedLog, start_log

# the rules that read the history scan (`checks/secrets.history_scan`)
HISTORY_RULES = frozenset({"secret-in-history", "sensitive-data-in-history",
                           "artefact-in-history"})
HISTORY_LOG = "secrets.history-log"


@ahead(HISTORY_LOG, HISTORY_RULES)
def start_history_log(ctx: Context) -> StartedLog | None:
    """The history scan's log, started before the families are imported: in a whole
    check git then walks the commits while the tree is read for every family."""
    git = ctx.repo.git
    if not ctx.options.history or git is None or git.shallow or git.objects_unavailable:
        return None
    return new_log(ctx, git.toplevel)


def new_log(ctx: Context, toplevel: Path) -> StartedLog | None:
    """The history's log, started now (`gitlog.start_log`), from what the run knows:
    the object store's size and whether HEAD is a branch's."""
    return start_log(toplevel, stored(ctx), bool(ctx.repo.git and ctx.repo.git.branch))


def stored(ctx: Context) -> int | None:
    """The object store's bytes, read from its folders once (a git start less), or
    None."""
    layout = ctx.repo.git.layout if ctx.repo.git else None
    common = layout.common if layout else None
    return ctx.shared("git.stored", lambda: gitlayout.stored_bytes(common)) if common else None
