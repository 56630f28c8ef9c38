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

import pytest

from conftest import RepoFactory, run_cli
from hostile.bounded import under_the_bar
from opencheck.community.history import allowed_by
from opencheck.repository import open_repository
from opencheck.secrets.allow import SettingsError, load_settings

FILES = 3000
GLOBS = [f"nomatch{index}/*.zz" for index in range(500)]


def _config(key: str, count: int) -> str:
    return f"{key}:\n" + "".join(f'  - "nomatch{index}/*.zz"\n' for index in range(count))


def test_the_largest_lists_cost_little_per_path(make_repo: RepoFactory) -> None:
    root = make_repo({f"src/m{index % 50}/f{index}.py": "x = 1\n" for index in range(FILES)})

    def work() -> tuple[int, int, int]:
        repo = open_repository(root, exclude=[*GLOBS[:-1], "src/m7/"])
        allowed = load_settings({"allow_paths": [*GLOBS[:-1], "src/m3/"]}, root).path_allowed
        known = allowed_by([*GLOBS[:-1], "*@numerique.gouv.fr"])
        return (len(repo.files), sum(allowed(entry.path) for entry in repo.files),
                sum(known(f"agent{index}@numerique.gouv.fr") for index in range(FILES)))

    assert under_the_bar(work) == repr((FILES - FILES // 50, FILES // 50, FILES))


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
