# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Reports that scale: per-file findings counted by folder in text and Markdown, every
blocking finding listed first, every finding kept in a compact JSON."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, run_cli
from secret_samples import Samples


def _big(make_repo: RepoFactory) -> Path:
    files: dict[str, str] = {}
    for index in range(60):
        files[f"web/static/part{index % 4}/asset{index}.js"] = f"var a{index} = 1;\n"
        files[f"api/handlers/h{index}.py"] = f"X = {index}\n"
    for seed in range(12):
        files[f"deploy/env{seed}.sh"] = f"export GITHUB_TOKEN={Samples(seed).github()}\n"
    house = {k: v for k, v in COMPLETE_HOUSE.items() if k != "REUSE.toml"}
    return make_repo({**house, **files})


def test_text_counts_per_file_findings_by_folder_and_lists_every_blocking_one(
    make_repo: RepoFactory,
) -> None:
    root = _big(make_repo)
    rules = ("--rule", "reuse-file-*", "--rule", "secret-in-tree", "--no-history")
    text = run_cli("check", str(root), "--lang", "en", *rules).stdout
    lines = text.splitlines()
    # Every one of the 12 blocking secrets is listed, past the old cap of ten per rule.
    blocking = [line for line in lines if line.startswith("  ✗ secret-in-tree deploy/")]
    assert len(blocking) == 12
    # The per-file REUSE findings come after, counted by folder.
    assert "web/static/part0/ (15), e.g. web/static/part0/asset0.js" in text
    assert "api/handlers/ (60), e.g. api/handlers/h0.py" in text
    first_reuse = next(i for i, line in enumerate(lines) if "reuse-file" in line)
    assert first_reuse > max(lines.index(line) for line in blocking)
    assert len(lines) < 80


def test_markdown_counts_per_file_findings_by_folder(make_repo: RepoFactory) -> None:
    root = _big(make_repo)
    markdown = run_cli("check", str(root), "--lang", "fr", "--format", "markdown",
                       "--rule", "reuse-file-*", "--no-history").stdout
    rows = [line for line in markdown.splitlines() if "reuse-file-copyright" in line]
    assert any("`api/handlers/` ×60" in row for row in rows)
    assert len(rows) < 10


def test_json_keeps_every_finding_one_line_each(make_repo: RepoFactory) -> None:
    root = _big(make_repo)
    output = run_cli("check", str(root), "--lang", "en", "--format", "json",
                     "--rule", "reuse-file-*", "--rule", "secret-in-tree", "--no-history").stdout
    report = json.loads(output)
    findings = findings_of(report)
    copyright_paths = {f["path"] for f in findings if f["rule"] == "reuse-file-copyright"}
    assert len(copyright_paths) >= 120 + 12
    assert findings[0]["rule"] == "secret-in-tree"  # blocking first
    assert [f["rule"] for f in findings[:12]] == ["secret-in-tree"] * 12
    # A line per group of findings of one rule, then one line per finding.
    item_lines = [line for line in output.splitlines() if line.startswith('      {"path":')]
    assert len(item_lines) == len(findings) == report["finding_count"]


def test_a_fix_is_shown_once_for_consecutive_findings_of_a_rule(
    make_repo: RepoFactory,
) -> None:
    """Three minified copies in three folders have one fix: the text report writes it
    once, the Markdown table says "same" below the first (vitam-ui: 115 fix lines, 61
    of them repeats; its Markdown 90 KB, 74 KB without them)."""
    banner = "/*! jQuery v3.6.0 | (c) OpenJS Foundation */" + "var x=function(){return 1};" * 200
    root = make_repo({"README.md": "# x\n",
                      **{f"web/{d}/lib.min.js": banner + "\n" for d in "abc"}})
    args = ("check", str(root), "--no-history", "--rule", "deps-third-party-code")
    lines = run_cli(*args, "--lang", "en").stdout.splitlines()
    first = lines.index("    i deps-third-party-code web/a/lib.min.js: web/a (minified file): "
                        "1 file(s), first web/a/lib.min.js.")
    assert lines[first + 1].startswith("        → fix: Declare each component in REUSE.toml")
    assert lines[first + 2].startswith("    i deps-third-party-code web/b/lib.min.js:")
    assert lines[first + 3].startswith("    i deps-third-party-code web/c/lib.min.js:")
    rows = [line for line in run_cli(*args, "--lang", "fr", "-f", "markdown").stdout
            .splitlines() if "deps-third-party-code" in line]
    assert len(rows) == 3 and "Déclarez chaque composant" in rows[0]
    assert rows[1].endswith("| ↑ idem |") and rows[2].endswith("| ↑ idem |")
