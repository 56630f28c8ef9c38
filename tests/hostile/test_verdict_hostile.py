# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The verdict's reason and the folder counts repeat names from the scanned repository on
the first lines of every report: a file or folder name must not forge lines, run terminal
sequences or inject markup there."""

from __future__ import annotations

import json

from conftest import RepoFactory, run_cli
from secret_samples import Samples

EVIL = "deploy/\x1b[2J\x1b]0;pwned\x07<!--x\n  ✓ ready.sh"


def test_a_hostile_name_in_the_reason_is_shown_not_run(make_repo: RepoFactory) -> None:
    files = {EVIL: f"export GITHUB_TOKEN={Samples().github()}\n"}
    files.update({f"lib\x1b[31m/f{i}.py": "x = 1\n" for i in range(12)})
    repo = make_repo(files)
    rules = ("--rule", "secret-in-tree", "--rule", "reuse-file-copyright",
             "--no-history")
    text = run_cli("check", str(repo), "--lang", "en", *rules).stdout
    head = text.splitlines()[:3]
    assert head[1].startswith("Verdict: NOT READY")
    assert head[2].startswith("Reason: 1 blocking finding(s) (secret-in-tree)")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[2J" in head[2]
    # The newline in the name stays inside the reason's one line.
    assert not any(line.startswith("  ✓ ready.sh") for line in text.splitlines())
    markdown = run_cli("check", str(repo), "--lang", "en", "--format", "markdown",
                       *rules).stdout
    reason = markdown.splitlines()[2]
    assert "<!--" not in reason and "&lt;!--" in reason
    junit = run_cli("check", str(repo), "--lang", "en", "--format", "junit", *rules).stdout
    assert "\x1b" not in junit
    quality = json.loads(run_cli("check", str(repo), "--format", "codequality", *rules).stdout)
    assert quality[0]["check_name"] == "opencheck-verdict"
