# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Python's cyclic collector kept off the objects that imports build.

Importing a command and the families builds tens of thousands of objects that live as
long as the process (functions, classes, compiled patterns) and almost no garbage. The
collector still walked them: a collection of the youngest objects every 10,000 new
ones, and more of them later, each time they moved up a generation (20 ms of a 0.6 s
check on a 1,500-file project, measured with `gc.callbacks`, for a few dozen objects
freed). Inside `imports_kept` nothing is collected, and if modules were imported every
object alive at its end is moved out of the collector's sight (`gc.freeze`): those are
never walked again. What the rules build afterwards is collected as before.

Freezing is for the `opencheck` command's own process only (`freeze_after_imports`,
called by the command's entry point): a program that imports opencheck as a library may
hold cyclic garbage of its own when the families are first imported, and freezing it
would keep that garbage for the rest of its life.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator

_freezing = False


def freeze_after_imports() -> None:
    """This process is opencheck's command: what imports build may be frozen."""
    global _freezing
    _freezing = True


@contextlib.contextmanager
def imports_kept() -> Iterator[None]:
    """Imports inside it: no collection meanwhile; after, in the command's process and
    when some module was imported, what is alive is frozen; the collector as it was (a
    caller that turned it off keeps it off). A call that imports nothing new freezes
    nothing."""
    before = len(sys.modules)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _freezing and len(sys.modules) > before:
            gc.freeze()
        if enabled:
            gc.enable()
