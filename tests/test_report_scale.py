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


def _plugin_with_sources_and_build(make_repo: RepoFactory) -> Path:
    """`amd/`'s findings are one folder row once the tree has more folders than rows:
    five built files (declared by folder in REUSE.toml) and their five sources (given a
    header), two fixes."""
    minified = "define([],function(){return{init:function(){}}});" * 60 + "\n"
    files = {"version.php": "<?php\n$plugin->version = 1;\n"}
    for index in range(5):
        files[f"amd/src/m{index}.js"] = "define([], function() {});\n"
        files[f"amd/build/m{index}.min.js"] = minified
    for index in range(11):
        files[f"lib/x{index}/f.php"] = "<?php\n$x = 1;\n"
    return make_repo(files)


def test_a_folder_row_shows_a_fix_that_holds_for_every_file_it_counts(
    make_repo: RepoFactory,
) -> None:
    """regress7 saw grouptool's `amd/ ×27` row give the build folder's REUSE.toml block
    (its example's fix) for the 9 sources it also counted: the row is split by fix."""
    root = _plugin_with_sources_and_build(make_repo)
    args = ("check", str(root), "--no-history", "--rule", "reuse-file-copyright", "--lang", "en")
    rows = [line for line in run_cli(*args, "-f", "markdown").stdout.splitlines()
            if "reuse-file-copyright" in line and "`amd/`" in line]
    assert len(rows) == 2, rows
    built = next(row for row in rows if "e.g. amd/build/" in row)
    sources = next(row for row in rows if "e.g. amd/src/" in row)
    assert "`amd/` ×5" in built and "`amd/` ×5" in sources
    # Markdown escapes the glob's stars; a reader sees path = "amd/build/**"
    assert 'path = "amd/build/\\*\\*"' in built and "Run: reuse annotate" not in built
    assert "Run: reuse annotate" in sources and "amd/build/" not in sources
    lines = run_cli(*args).stdout.splitlines()
    at = lines.index("        amd/ (5), e.g. amd/build/m0.min.js")
    assert lines[at + 1].startswith("        → fix: File the project's build writes in "
                                    "amd/build/ from amd/src/")
    assert lines[at + 2] == "        amd/ (5), e.g. amd/src/m0.js"
    assert lines[at + 3].startswith("        → fix: ") and "Run: reuse annotate" in lines[at + 3]
    french = run_cli(*args[:-1], "fr", "-f", "markdown").stdout
    assert french.count("`amd/` ×5") == 2


def test_a_folder_row_of_many_fixes_says_so() -> None:
    """Past three kinds of fix in one folder, the rest is one row that names no fix."""
    from opencheck.model import Finding, Text
    from opencheck.report.summary import FolderGroup, fix_rows

    findings = [Finding("r", Text("m", "m"), path=f"a/f{n}", fix=Text(f"fix {k}", f"fix {k}"))
                for n, k in enumerate([1, 1, 1, 2, 2, 3, 4])]
    rows = fix_rows(FolderGroup("a/", findings))
    assert [(len(row.findings), row.mixed) for row in rows] == [(3, False), (2, False), (2, True)]
    # a fix naming its own file is one kind whatever the file
    named = [Finding("r", Text("m", "m"), path=f"a/f{n}",
                     fix=Text(f"git rm a/f{n}", f"git rm a/f{n}")) for n in range(5)]
    assert len(fix_rows(FolderGroup("a/", named))) == 1


def test_an_action_of_files_with_different_fixes_gives_each_fix(
    make_repo: RepoFactory,
) -> None:
    """Under --fail-on warning the same files block: the action's one fix names each
    kind of fix with a file it is for, not the first file's for all of them."""
    root = _plugin_with_sources_and_build(make_repo)
    result = run_cli("check", str(root), "--no-history", "--rule", "reuse-file-copyright",
                     "--lang", "en", "--fail-on", "warning")
    fixes = [line for line in result.stdout.splitlines() if line.startswith("      → fix (")]
    assert len(fixes) == 1, fixes
    assert "for files like amd/build/m0.min.js: File the project's build writes" in fixes[0]
    assert "; for files like " in fixes[0] and "Run: reuse annotate" in fixes[0]
    assert "for the first one" not in fixes[0]


def test_files_named_by_one_letter_share_their_folders_fix(make_repo: RepoFactory) -> None:
    """A top-level file named `a` or `e` was a kind of fix of its own: every "a" of its
    `reuse annotate` command was read as its path (review8), so the root's row split
    into a row per file and "each file its own fix"."""
    files = {name: f"echo {name}\n" for name in "abcde"}
    files.update({f"lib/x{index}/f.php": "<?php\n$x = 1;\n" for index in range(11)})
    root = make_repo(files)
    args = ("check", str(root), "--no-history", "--rule", "reuse-file-copyright", "--lang", "en")
    lines = run_cli(*args).stdout.splitlines()
    assert "        ./ (5), e.g. a" in lines, lines
    assert not any("each file its own fix" in line for line in lines)
    rows = [line for line in run_cli(*args, "-f", "markdown").stdout.splitlines()
            if "reuse-file-copyright" in line and "`./`" in line]
    assert len(rows) == 1 and "×5" in rows[0], rows


def test_files_whose_names_the_shell_quotes_share_their_folders_fix(
    make_repo: RepoFactory,
) -> None:
    """A name with a blank or parentheses is quoted in its `reuse annotate` command, and
    one starting with a dash given from `./`: each such file made a kind of fix of its
    own, and a folder's row split into "data/ (3)", "data/ (2)" and "each file its own
    fix" (seen on BRGM/hubeau). One folder, one command, one row."""
    names = ["plain.py", "other.py", "with space.py", "ids_(1-16).json", "-rf.txt",
             "it's.md"]
    files = {f"data/{name}": "x = 1\n" for name in names}
    files.update({f"lib/x{index}/f.php": "<?php\n$x = 1;\n" for index in range(11)})
    root = make_repo(files)
    args = ("check", str(root), "--no-history", "--rule", "reuse-file-copyright", "--lang", "en")
    lines = run_cli(*args).stdout.splitlines()
    rows = [line for line in lines if line.startswith("        data/ (")]
    assert len(rows) == 1 and rows[0].startswith("        data/ (6), e.g. data/"), rows
    assert not any("each file its own fix" in line for line in lines)
    markdown = [line for line in run_cli(*args, "-f", "markdown").stdout.splitlines()
                if "reuse-file-copyright" in line and "`data/`" in line]
    assert len(markdown) == 1 and "×6" in markdown[0], markdown
