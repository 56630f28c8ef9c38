# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 9: `LICENSES` links never take the REUSE analysis out of the tree.

reuse's own `LICENSES/**` glob follows links: `LICENSES -> /usr` walked the machine
(its file names ended up in findings) and two links back to `LICENSES/` made the glob
explode.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import COMPLETE_HOUSE, RepoFactory, git, run_cli
from opencheck.repository import open_repository
from opencheck.reuse_adapter import analyse

OUTSIDE_NAMES = ("GPL-3.0-or-later.txt", "LicenseRef-outside-secret.txt")


def outside_folder(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere-on-the-machine"
    outside.mkdir()
    for name in OUTSIDE_NAMES:
        (outside / name).write_text("text from outside the repository\n")
    return outside


def test_a_licenses_link_out_of_the_tree_is_not_walked(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    files = {k: v for k, v in COMPLETE_HOUSE.items() if not k.startswith("LICENSES/")}
    repo = make_repo(files, git_init=False)
    (repo / "LICENSES").symlink_to(outside_folder(tmp_path), target_is_directory=True)
    analysis = analyse(open_repository(repo))
    assert analysis.licences == {}
    result = run_cli("check", str(repo), "--format", "json", "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    for name in OUTSIDE_NAMES:
        assert Path(name).stem not in result.stdout
    assert "elsewhere-on-the-machine" not in json.dumps(json.loads(result.stdout))


def test_a_licenses_link_to_usr_is_not_walked(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# Projet\n"}, git_init=False)
    (repo / "LICENSES").symlink_to("/usr", target_is_directory=True)
    analysis = analyse(open_repository(repo))
    assert analysis.licences == {}
    assert analysis.config_problem is None


def test_links_back_into_licenses_do_not_explode(make_repo: RepoFactory) -> None:
    repo = make_repo(COMPLETE_HOUSE, git_init=False)
    (repo / "LICENSES" / "a").symlink_to(".", target_is_directory=True)
    (repo / "LICENSES" / "b").symlink_to(".", target_is_directory=True)
    (repo / "LICENSES" / "self").symlink_to("self")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "links")
    analysis = analyse(open_repository(repo))
    assert analysis.config_problem is None  # no "MIT" found twice through a and b
    assert analysis.licences == {"MIT": "LICENSES/MIT.txt"}


def test_a_link_to_a_licence_text_inside_the_tree_still_counts(
    make_repo: RepoFactory,
) -> None:
    files = {k: v for k, v in COMPLETE_HOUSE.items() if not k.startswith("LICENSES/")}
    repo = make_repo(files, git_init=False)
    (repo / "LICENSES").mkdir()
    (repo / "LICENSES" / "MIT.txt").symlink_to("../LICENSE")
    assert analyse(open_repository(repo)).licences == {"MIT": "LICENSES/MIT.txt"}
