# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Schema version 2 of the JSON report writes `{path}` for each finding's path in the
message and fix its findings share. A repository chooses its file names and the texts
opencheck quotes: a holder spelled `{path}`, a first file named like a word of the
message (`No`, `e`), a name that is not UTF-8 or holds a newline must not change what a
reader gets back, nor a fix command it would run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import MIT, RepoFactory, findings_of, git
from opencheck.engine import RunRequest, run
from opencheck.registry import Options
from opencheck.report import json_report
from opencheck.report.sanitize import json_escaped, undecodable_escaped

PUBLICCODE = ('publiccodeYmlVersion: "0.4"\nname: Outil\nlegal:\n  license: MIT\n'
              '  mainCopyrightOwner: "Ministère {path}"\n')


@pytest.fixture
def hostile(make_repo: RepoFactory) -> Path:
    root = make_repo({
        "README.md": "# Outil\n", "LICENSE": MIT.format(year=2026, holder="DINUM"),
        "publiccode.yml": PUBLICCODE,
        "No": "x\n", "e": "x\n", "{path}": "x\n", "src/a.py": "X = 1\n", "src/b.py": "X = 2\n",
        "x\ny.py": "X = 3\n",
    })
    (root / os.fsdecode(b"caf\xe9.py")).write_bytes(b"X = 4\n")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Names an attacker chose")
    return root


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_finding_reads_back_as_version_1_wrote_it(hostile: Path, lang: str) -> None:
    report = run(RunRequest(path=hostile, options=Options(history=False),
                            only_rules=("reuse-file-*",)))
    assert len(report.findings) >= 14
    # Version 1 wrote each finding whole, through the same sanitiser.
    as_version_1 = json.loads(json_escaped(undecodable_escaped(json.dumps(
        [json_report.finding_dict(f, lang) for f in report.findings], ensure_ascii=False),
        json_text=True)))
    document = json.loads(json_report.render(report, lang))
    read = findings_of(document)
    assert read == as_version_1
    # The fix keeps the holder as written, `{path}` included, and names its own file.
    [fix] = [f["fix"] for f in read if f["rule"] == "reuse-file-copyright"
             and f["path"] == "src/a.py"]
    assert '"2026 Ministère {path}"' in fix and fix.endswith(" src/a.py")
    assert "src/b.py" not in fix


def test_a_first_file_named_like_a_word_does_not_spoil_the_shared_message(
    make_repo: RepoFactory,
) -> None:
    files = {"No": "x\n", "e": "x\n", **{f"src/m{n}.py": "X = 1\n" for n in range(10)}}
    root = make_repo({"README.md": "# Outil\n",
                      "LICENSE": MIT.format(year=2026, holder="DINUM"), **files})
    report = run(RunRequest(path=root, options=Options(history=False),
                            only_rules=("reuse-file-copyright",)))
    document = json.loads(json_report.render(report, "en"))
    [group] = document["findings"]
    assert group["items"][0]["path"] == "No"
    assert group["message"] == "No copyright notice (SPDX-FileCopyrightText) for this file."
    assert all(set(item) == {"path", "fingerprint"} for item in group["items"])
