# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Without a licence file, the findings judged against the project's licence carry the
tree's tally of SPDX headers (merge-request mode asks it whether a change made another
licence the most common: 856d86a). Each finding had the whole tally: a tree naming n
licences in its headers and m packages against the leading one held n times m pairs
(6,000 and 6,000: 3.2 GB and 18 s of CPU, where the run took 47 MB and 1.5 s before),
and its JSON report wrote them all. They now carry three values
(`project_licence_header_lead`: the leader, its files, the next one's files)."""

from __future__ import annotations

import json

from conftest import RepoFactory
from opencheck.engine import RunRequest, run

TAG = "SPDX-License-" + "Identifier:"  # split so that REUSE does not read it here
LICENCES = 40
PACKAGES = 30


def test_the_findings_carry_the_tally_in_three_values(make_repo: RepoFactory) -> None:
    files = {"README.md": "# Outil\n"}
    for index in range(LICENCES):
        files[f"src/other{index}.py"] = f"# {TAG} LicenseRef-x{index}\nprint({index})\n"
        files[f"src/gpl{index}.py"] = f"# {TAG} GPL-2.0-only\nprint({index})\n"
    files["src/main.py"] = f"# {TAG} GPL-2.0-only\nprint(0)\n"
    names = [f"lib{index}" for index in range(PACKAGES)]
    lock = {"": {"name": "app", "dependencies": dict.fromkeys(names, "*")}}
    lock.update({f"node_modules/{name}": {"version": "1.0.0", "license": "Apache-2.0"}
                 for name in names})
    files["package.json"] = json.dumps({"name": "app", "dependencies": dict.fromkeys(names, "*")})
    files["package-lock.json"] = json.dumps({"name": "app", "lockfileVersion": 3,
                                             "packages": lock})
    report = run(RunRequest(path=make_repo(files), only_rules=("deps-incompatible",)))
    leads = [finding.extra["project_licence_header_lead"] for finding in report.findings]
    assert len(leads) == PACKAGES  # Apache-2.0 under GPL-2.0-only, one per package
    assert leads[0] == ["GPL-2.0-only", LICENCES + 1, 1]
