# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Long lists of globs in the repository's own configuration.

`.opencheck.yml` is the scanned repository's (in a batch, in a check of the default
branch), and its lists are matched against every path, every finding and every commit
identity. Asked one glob at a time, each path cost each glob a `fnmatch` and a
`PurePosixPath`: 9,900 `exclude` globs (the YAML value cap allows 10,000) made a check
of a 3,000-file tree take 135 s of CPU. Each list is now matched as one, and holds at
most 500 globs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RepoFactory, run_cli
from hostile.steps import steps
from opencheck.community.history import allowed_by
from opencheck.repository import open_repository
from opencheck.secrets.allow import SettingsError, load_settings

FILES = 3000
GLOBS = [f"nomatch{index}/*.zz" for index in range(500)]


def _config(key: str, count: int) -> str:
    return f"{key}:\n" + "".join(f'  - "nomatch{index}/*.zz"\n' for index in range(count))


def _lists(root: Path, files: int, globs: int) -> Callable[[], tuple[int, int, int]]:
    """The snapshot with `exclude`, the secrets' `allow_paths` and the history's
    `allowed_emails`, each a list of `globs` globs, asked of every path or identity."""
    patterns = GLOBS[:globs - 1]

    def work() -> tuple[int, int, int]:
        repo = open_repository(root, exclude=[*patterns, "src/m7/"])
        allowed = load_settings({"allow_paths": [*patterns, "src/m3/"]}, root).path_allowed
        known = allowed_by([*patterns, "*@numerique.gouv.fr"])
        return (len(repo.files), sum(allowed(entry.path) for entry in repo.files),
                sum(known(f"agent{index}@numerique.gouv.fr") for index in range(files)))
    return work


def test_the_largest_lists_cost_little_per_path(make_repo: RepoFactory) -> None:
    """Counted in Python steps (hostile/steps.py), not seconds: what 375 more globs add
    must not grow with the number of paths (a glob asked of each path in turn would add
    a step per path and glob: 850,000 more for 2,250 more paths)."""
    trees = {files: make_repo({f"src/m{index % 50}/f{index}.py": "x = 1\n"
                               for index in range(files)}) for files in (FILES // 4, FILES)}
    for globs in (125, 500):  # each list made once (cached): not counted below
        _lists(trees[FILES // 4], FILES // 4, globs)()
    counted = {(files, globs): steps(_lists(trees[files], files, globs))
               for files in trees for globs in (125, 500)}
    assert counted[FILES, 500][1] == (FILES - FILES // 50, FILES // 50, FILES)
    more_globs = {files: counted[files, 500][0] - counted[files, 125][0] for files in trees}
    assert more_globs[FILES] - more_globs[FILES // 4] < FILES * 3 // 4, more_globs


def test_a_list_past_the_cap_is_a_clear_configuration_error(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# Projet\n", ".opencheck.yml": _config("exclude", 501)})
    result = run_cli("check", str(root), "--lang", "en")
    assert result.exit_code == 2
    assert "exclude: 501 globs, more than the 500 a list may hold" in result.output

    # the settings' lists too: the run stops (exit 2), as the README says, rather than
    # leaving the secrets and history rules unjudged
    for key, name in (("secrets:\n    allow_paths", "settings.secrets.allow_paths"),
                      ("history:\n    allowed_emails", "settings.history.allowed_emails")):
        config = "settings:\n  " + key + ":\n" + "".join(
            f'      - "nomatch{index}/"\n' for index in range(501))
        root = make_repo({"README.md": "# Projet\n", ".opencheck.yml": config})
        result = run_cli("check", str(root), "--lang", "en")
        assert result.exit_code == 2, result.output
        assert f"{name}: 501 globs, more than the 500 a list may hold" in result.output

    with pytest.raises(SettingsError, match="allow_paths: 501 globs, more than the 500"):
        load_settings({"allow_paths": [*GLOBS, "one/more/"]}, root)
