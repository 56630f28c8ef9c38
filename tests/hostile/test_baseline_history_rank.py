# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a baseline that knows a place of the history does not hide
another value a change puts there.

Without `OPENCHECK_FINGERPRINT_KEY`, a history value's fingerprint is its place: the
file, the kind, the name it is given and its rank among that file's values of that kind
and name, ranked by the date of the commit that brought each. A baseline accepting an
old leaked password (rotated since, the usual reason for a baseline) knew
`password@DB_PASSWORD#0` of that file. A change that added another password at the same
place and removed it, in a commit dated before the old one (an author date is the
committer's to choose), took rank #0: the baseline hid it, and the old value, now #1,
was not the change's. The merge request was READY.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, commit, findings_of, git, run_cli

# several checks of a repository each: minutes on a loaded machine, not the hostile
# folder's 60 s
pytestmark = pytest.mark.timeout(300)

OLD = "Marianne1789?Liberte"
NEW = "Soleil2024!Production"
LONG_AGO = "2001-01-01T10:00:00+00:00"
LAST_YEAR = "2025-03-01T10:00:00+00:00"


def _history(root: Path, *args: str) -> list[tuple[str, str]]:
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "secret-in-history", *args)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return [(f["path"], f["commit"]) for f in findings_of(report)]


@pytest.mark.parametrize("where", ["--baseline", "settings.secrets.baseline"])
def test_a_value_dated_before_the_known_one_takes_no_place_from_the_baseline(
    make_repo: RepoFactory, tmp_path: Path, where: str,
) -> None:
    root: Path = make_repo({"README.md": "# Outil\n"}, date=LAST_YEAR)
    commit(root, {"app/settings.py": f'DB_PASSWORD = "{OLD}"\n'}, "Settings", date=LAST_YEAR)
    commit(root, {"app/settings.py": 'DB_PASSWORD = os.environ["DB_PASSWORD"]\n'},
           "Read it from the environment", date=LAST_YEAR)
    assert run_cli("baseline", str(root), "--rule", "secret-in-history").exit_code == 0
    args: tuple[str, ...] = ("--baseline", str(root / ".opencheck-baseline.json"))
    if where != "--baseline":
        args = ()
        (root / ".opencheck.yml").write_text(
            "settings:\n  secrets:\n    baseline: .opencheck-baseline.json\n", encoding="utf-8")
    commit(root, {}, "Baseline", date=LAST_YEAR)
    assert _history(root, *args) == []  # the old password, known
    git(root, "checkout", "-q", "-b", "feature")
    commit(root, {"README.md": "# Outil\n\nUn outil.\n"}, "Describe")
    assert _history(root, "--diff-base", "main", *args) == []  # nothing of the change's
    added = commit(root, {"app/settings.py": f'DB_PASSWORD = "{NEW}"\n'}, "Try",
                   date=LONG_AGO)
    commit(root, {"app/settings.py": 'DB_PASSWORD = os.environ["DB_PASSWORD"]\n'}, "Undo")
    kept = [("app/settings.py", added)]
    empty = tmp_path / "empty.yml"
    empty.write_text("{}\n", encoding="utf-8")
    assert _history(root, "--diff-base", "main", "--config", str(empty)) == kept  # control
    assert _history(root, "--diff-base", "main", *args) == kept
