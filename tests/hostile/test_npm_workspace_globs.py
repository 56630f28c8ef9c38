# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""An npm lockfile's workspace globs are tried within the walk's budget (review14).

`npmreach.runtime_reached` (a1e2391) tried every `workspaces` glob of the lockfile's
root on every folder entry that is no `node_modules/` one, outside the budget that
bounds its walk: the lockfile's own lists made it their product, 4,000 of each 3.8 s of
CPU, 20,000 of each (a few hundred KB of a 5 MB lockfile) about 100 s. The matches are
now charged to the budget: past it the walk stops and every package counts as runtime,
as for a walk too long."""

from __future__ import annotations

from typing import Any

import pytest

from hostile.steps import steps
from opencheck.deps import npmreach

pytestmark = pytest.mark.timeout(300)


def _lockfile(globs: int, folders: int) -> dict[str, Any]:
    packages: dict[str, Any] = {"": {"name": "app", "dependencies": {},
                                     "workspaces": [f"pkgs/w{n}/*" for n in range(globs)]}}
    packages.update({f"libs/l{n}": {"version": "1.0.0"} for n in range(folders)})
    return packages


def test_workspace_globs_times_folders_stay_within_the_budget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(npmreach, "BUDGET", 1_000_000)  # a 50th: the same bound, sooner
    taken, reached = steps(lambda: npmreach.runtime_reached(
        _lockfile(300, 20_000), set(), lambda location, raw: raw), limit=2_000_000)
    assert reached is None  # past the budget: every package counts as runtime
    assert taken < 1_000_000  # without the budget: 6 million matches


def test_a_few_workspaces_are_still_walked() -> None:
    packages = _lockfile(3, 3)
    packages["pkgs/w1/ui"] = {"version": "1.0.0", "dependencies": {"left-pad": "^1"}}
    packages["node_modules/left-pad"] = {"version": "1.0.0", "dev": True}
    reached = npmreach.runtime_reached(packages, set(), lambda location, raw: raw)
    assert reached == {"node_modules/left-pad"}
