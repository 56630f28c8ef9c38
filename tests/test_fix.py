# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""From NOT READY to READY: `init licence`, `init readme` and `opencheck fix`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import findings_of, git, run_cli
from helpers_docs import report_of, status
from licence_fixtures import mit
from opencheck.licensing import identify, load_authorised
from opencheck.scaffold.fix import apply, plan_fix

SOURCES = {
    "app.py": "import os\n\nprint(os.name)\n",
    "lib/util.js": "export const one = 1;\n",
    "requirements.txt": "flask==3.0.0\n",
}
HOLDER = "Ministère de l'Exemple"


def blocking(report: dict) -> list[str]:
    return sorted({f["rule"] for f in findings_of(report) if f["severity"] == "error"})


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts
    }


# -- init licence -------------------------------------------------------------------


@pytest.mark.parametrize("entry", load_authorised().licences, ids=lambda e: e.id)
def test_init_licence_writes_a_text_identified_as_the_same_licence(make_repo, entry) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "licence", entry.id, "--holder", HOLDER, "--lang", "en")
    assert result.exit_code == 0, result.output
    licence = (repo / "LICENSE").read_text("utf-8")
    assert identify(licence).spdx == entry.id
    reuse_text = (repo / "LICENSES" / f"{entry.id}.txt").read_text("utf-8")
    assert load_authorised().find(identify(reuse_text).spdx) == entry


def test_init_licence_in_french_for_cecill_and_licence_ouverte(make_repo) -> None:
    repo = make_repo(SOURCES)
    assert run_cli("init", str(repo), "licence", "CECILL-2.1", "--lang", "fr").exit_code == 0
    assert "CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL" in (repo / "LICENSE").read_text("utf-8")
    other = make_repo(SOURCES)
    assert run_cli("init", str(other), "licence", "etalab-2.0", "--lang", "fr").exit_code == 0
    assert "« Réutilisation »" in (other / "LICENSE").read_text("utf-8")
    english = make_repo(SOURCES)
    assert run_cli("init", str(english), "licence", "CECILL-2.1", "--lang", "en").exit_code == 0
    assert "CeCILL FREE SOFTWARE LICENSE AGREEMENT" in (english / "LICENSE").read_text("utf-8")


def test_init_licence_fills_the_copyright_line_from_publiccode(make_repo) -> None:
    repo = make_repo({**SOURCES, "publiccode.yml": (
        'publiccodeYmlVersion: "0.4"\nname: Guichet\nlegal:\n  license: MIT\n'
        "  mainCopyrightOwner: Direction interministérielle du numérique\n"
    )})
    assert run_cli("init", str(repo), "licence", "MIT", "--lang", "en").exit_code == 0
    text = (repo / "LICENSE").read_text("utf-8")
    assert "Direction interministérielle du numérique" in text
    assert "<copyright holders>" not in text
    # LICENSES/ keeps the text as published, which is what REUSE expects.
    assert "<copyright holders>" in (repo / "LICENSES" / "MIT.txt").read_text("utf-8")


def test_init_licence_without_id_explains_the_choice(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "licence", "--lang", "fr")
    assert result.exit_code == 0
    assert "doctrine de l'État" in result.output
    for entry in load_authorised().licences:
        assert entry.id in result.output
    assert not (repo / "LICENSE").exists()


def test_init_licence_refuses_a_licence_off_the_list(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "licence", "WTFPL", "--lang", "en")
    assert result.exit_code == 2
    assert "'WTFPL' is not on the decree's list" in result.output
    assert "CECILL-2.1" in result.output
    assert not (repo / "LICENSE").exists()


def test_init_licence_keeps_an_existing_licence_file(make_repo) -> None:
    repo = make_repo({**SOURCES, "COPYING": "my own words\n"})
    result = run_cli("init", str(repo), "licence", "MIT", "--lang", "en")
    assert result.exit_code == 0
    assert "kept LICENSE (already exists: COPYING)" in result.output
    assert not (repo / "LICENSE").exists()
    assert (repo / "LICENSES" / "MIT.txt").exists()


def test_init_licence_writes_each_text_of_a_dual_licence(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "licence", "MIT OR Apache-2.0", "--holder", HOLDER,
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert not (repo / "LICENSE").exists()  # no one text for both
    assert identify((repo / "LICENSE-MIT").read_text("utf-8")).spdx == "MIT"
    assert HOLDER in (repo / "LICENSE-MIT").read_text("utf-8")
    assert identify((repo / "LICENSE-Apache-2.0").read_text("utf-8")).spdx == "Apache-2.0"
    for spdx in ("MIT", "Apache-2.0"):
        assert identify((repo / "LICENSES" / f"{spdx}.txt").read_text("utf-8")).spdx == spdx


def test_init_licence_refuses_an_expression_with_a_licence_off_the_list(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "licence", "MIT OR WTFPL", "--lang", "en")
    assert result.exit_code == 2
    assert "'WTFPL' is not on the decree's list" in result.output
    excepted = run_cli("init", str(repo), "licence",
                       "GPL-2.0-only WITH Classpath-exception-2.0", "--lang", "en")
    assert excepted.exit_code == 2
    assert "exception (WITH) whose text opencheck does not ship" in excepted.output
    assert snapshot(repo) == {path: text.encode() for path, text in SOURCES.items()}


# -- init readme --------------------------------------------------------------------


def test_init_readme_passes_the_readme_rules_and_names_only_its_markers(make_repo) -> None:
    repo = make_repo(SOURCES)
    assert run_cli("init", str(repo), "licence", "MIT", "--holder", HOLDER).exit_code == 0
    git(repo, "remote", "add", "origin", "https://github.com/etalab/guichet.git")
    result = run_cli("init", str(repo), "readme", "--lang", "en")
    assert result.exit_code == 0, result.output
    readme = (repo / "README.md").read_text("utf-8")
    assert "## Installation" in readme and "python3 -m pip install -r requirements.txt" in readme
    assert "published under the MIT licence" in readme
    assert "https://github.com/etalab/guichet/issues" in readme
    assert "code.gouv.fr-contributif" in readme
    report = report_of(repo, "readme-*", "placeholders-left")
    assert status(report, "readme-present") == "passed"
    rules = {f["rule"] for f in findings_of(report)}
    assert rules == {"placeholders-left"}, findings_of(report)
    markers = [f["message"] for f in findings_of(report)]
    assert any("how to use the project" in m for m in markers)


def test_the_readme_links_the_licence_files_there_are(make_repo) -> None:
    # It linked LICENSE whatever the repository held: COPYING, or each text of a choice.
    dual = make_repo({
        **SOURCES,
        "package.json": '{"name": "demo", "version": "1.0.0", "license": "MIT OR Apache-2.0"}\n',
    })
    result = run_cli("fix", str(dual), "--holder", HOLDER, "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    readme = (dual / "README.md").read_text("utf-8")
    assert "see [LICENSE-Apache-2.0](LICENSE-Apache-2.0) and [LICENSE-MIT](LICENSE-MIT)." in readme
    git(dual, "add", "-A")
    assert status(report_of(dual, "readme-links"), "readme-links") == "passed"
    copying = make_repo({**SOURCES, "COPYING": mit()})
    result = run_cli("fix", str(copying), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "see [COPYING](COPYING)." in (copying / "README.md").read_text("utf-8")


def test_init_readme_states_the_licence_the_project_has(make_repo) -> None:
    # Only publiccode.yml or LICENSES/ were read, LICENSES/' texts joined by AND: a
    # COPYING with its manifest said nothing, a choice became a licence of both.
    copying = make_repo({**SOURCES, "COPYING": mit(), "package.json":
                         '{"name": "demo", "version": "1.0.0", "license": "MIT"}\n'})
    assert run_cli("init", str(copying), "readme", "--lang", "en").exit_code == 0
    assert ("published under the MIT licence: see [COPYING](COPYING)."
            in (copying / "README.md").read_text("utf-8"))
    dual = make_repo({**SOURCES, "package.json":
                      '{"name": "demo", "version": "1.0.0", "license": "MIT OR Apache-2.0"}\n'})
    assert run_cli("init", str(dual), "licence", "MIT OR Apache-2.0", "--lang", "en").exit_code == 0
    assert run_cli("init", str(dual), "readme", "--lang", "en").exit_code == 0
    assert "published under the MIT OR Apache-2.0 licence" in (
        dual / "README.md").read_text("utf-8")


def test_init_readme_in_french_with_the_commit_domain_as_a_hint(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "readme", "--lang", "fr")
    assert result.exit_code == 0
    readme = (repo / "README.md").read_text("utf-8")
    assert "## Porteur du projet" in readme
    # The conftest's commits come from numerique.gouv.fr: a hint, never asserted as fact.
    assert "[À COMPLÉTER : administration qui publie le projet (les commits viennent de " \
           "numerique.gouv.fr)]" in readme


def test_init_readme_never_replaces_a_readme(make_repo) -> None:
    repo = make_repo({**SOURCES, "docs/README.md": "# Mine\n"})
    result = run_cli("init", str(repo), "readme", "--lang", "en")
    assert "kept README.md (already exists: docs/README.md)" in result.output
    assert not (repo / "README.md").exists()


# -- fix ------------------------------------------------------------------------------


def test_fix_is_a_dry_run_by_default(make_repo) -> None:
    repo = make_repo(SOURCES)
    before = snapshot(repo)
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--lang", "en")
    assert result.exit_code == 0
    assert "+++ b/README.md" in result.output
    assert "+++ b/LICENSES/MIT.txt" in result.output
    assert "+# SPDX-FileCopyrightText: 20" in result.output  # the header of app.py
    assert "nothing written: run again with --write" in result.output
    assert snapshot(repo) == before


def test_fix_write_takes_a_bare_repository_to_ready_and_agrees_with_reuse_lint(make_repo) -> None:
    repo = make_repo(SOURCES)
    assert blocking(report_of(repo)) == ["licence-file-present", "readme-present"]
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    report = report_of(repo)
    assert report["ready"] is True, blocking(report)
    assert {f["rule"] for f in findings_of(report) if f["family"] == "reuse"} == set()
    lint = subprocess.run([sys.executable, "-m", "reuse", "--root", str(repo), "lint"],
                          capture_output=True, text=True, check=False)
    assert lint.returncode == 0, lint.stdout
    assert (repo / "app.py").read_text("utf-8").startswith(
        "# SPDX-FileCopyrightText: 20")
    assert "print(os.name)" in (repo / "app.py").read_text("utf-8")


def test_fix_write_twice_changes_nothing_the_second_time(make_repo) -> None:
    repo = make_repo({**SOURCES, ".env": "DB_PASSWORD=s3cr3t-value-here\n",
                      ".gitignore": "node_modules\n"})
    first = run_cli("fix", str(repo), "--licence", "EUPL-1.2", "--holder", HOLDER, "--write")
    assert first.exit_code == 0
    after_first = snapshot(repo)
    second = run_cli("fix", str(repo), "--licence", "EUPL-1.2", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert "Nothing to fix automatically." in second.output
    assert snapshot(repo) == after_first


def test_fix_without_a_licence_lists_the_decision_and_writes_the_rest(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("fix", str(repo), "--write", "--lang", "en")
    assert result.exit_code == 0
    assert "Choose the project's licence, then: opencheck fix --licence ID --write" in result.output
    assert ("REUSE headers of 3 files: give the copyright holder (--holder; commits come from "
            "numerique.gouv.fr) and the licence (--licence).") in result.output
    assert not (repo / "LICENSE").exists()
    assert (repo / "README.md").exists() and (repo / "CONTRIBUTING.md").exists()
    assert blocking(report_of(repo)) == ["licence-file-present"]


def test_fix_uses_a_declared_licence_and_holder(make_repo) -> None:
    repo = make_repo({**SOURCES, "publiccode.yml": (
        'publiccodeYmlVersion: "0.4"\nname: Guichet\nlegal:\n  license: EUPL-1.2\n'
        "  mainCopyrightOwner: Ville de Paris\n"
    )})
    result = run_cli("fix", str(repo), "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert identify((repo / "LICENSE").read_text("utf-8")).spdx == "EUPL-1.2"
    header = (repo / "app.py").read_text("utf-8")
    assert "SPDX-FileCopyrightText: 20" in header and "Ville de Paris" in header
    assert "SPDX-License-Identifier: EUPL-1.2" in header


def test_fix_writes_both_texts_of_a_dual_licence_and_the_licence_reads_the_choice(
        make_repo) -> None:
    # The manifest and the headers say `MIT OR Apache-2.0`, no licence file: REUSE
    # misses both texts, and LICENSE got Apache's alone (the last one REUSE named).
    tag = "SPDX-License-" + "Identifier:"
    repo = make_repo({
        "package.json": '{"name": "demo", "version": "1.0.0", "license": "MIT OR Apache-2.0"}\n',
        "index.js": f"// {tag} MIT OR Apache-2.0\nconsole.log(1);\n",
        "README.md": "# Demo\n\nA demo.\n",
    })
    result = run_cli("fix", str(repo), "--holder", HOLDER, "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert not (repo / "LICENSE").exists()
    assert identify((repo / "LICENSE-MIT").read_text("utf-8")).spdx == "MIT"
    assert identify((repo / "LICENSE-Apache-2.0").read_text("utf-8")).spdx == "Apache-2.0"
    assert sorted(path.name for path in (repo / "LICENSES").iterdir()) == [
        "Apache-2.0.txt", "MIT.txt"]
    listed = run_cli("licence", "--repo", str(repo), "--lang", "en")
    assert "Project licence: MIT OR Apache-2.0" in listed.output


def test_fix_leaves_third_party_code_alone_and_lists_it(make_repo) -> None:
    bundle = "/*! jQuery v3.7.1 | (c) OpenJS Foundation | jquery.org/license */\n!function(){}();\n"
    repo = make_repo({**SOURCES, "vendor/lib/lib.js": "var x = 1;\n",
                      "static/js/jquery.min.js": bundle})
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert "Third-party code left alone (2, with their number of files):" in result.output
    assert "vendor/lib (1)" in result.output
    assert (repo / "static/js/jquery.min.js").read_text("utf-8") == bundle
    assert (repo / "vendor/lib/lib.js").read_text("utf-8") == "var x = 1;\n"
    assert "Ministère" in (repo / "app.py").read_text("utf-8")


# ANSSI-FR/ORADAD's lz4/xxhash.c: another project's file, its holder and licence in its
# header, in a project whose own files name no holder.
XXHASH = """/*
*  xxHash - Fast Hash algorithm
*  Copyright (C) 2012-2016, Yann Collet
*
*  BSD 2-Clause License (http://www.opensource.org/licenses/bsd-license.php)
*
*  Redistribution and use in source and binary forms, with or without
*  modification, are permitted provided that the following conditions are
*  met:
*
*  * Redistributions of source code must retain the above copyright
*  notice, this list of conditions and the following disclaimer.
*  * Redistributions in binary form must reproduce the above
*  copyright notice, this list of conditions and the following disclaimer
*  in the documentation and/or other materials provided with the
*  distribution.
*
*  THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
*  "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
*  LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR
*  A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT
*  OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL,
*  SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
*  LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
*  DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
*  THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
*  (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
*  OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
*/
#include "xxhash.h"
"""


def test_a_file_copied_under_its_own_licence_keeps_it(make_repo) -> None:
    """Two files under Yann Collet's copyright and the BSD licence, the only notices of an
    MIT project: copied code, not the project's own for being all its notices. The
    REUSE fix names their licence; `opencheck fix` does not give them the project's."""
    files = {**SOURCES, "LICENSE": mit(), "lz4/xxhash.c": XXHASH, "lz4/xxhash.h": XXHASH}
    report = report_of(make_repo(files), "reuse-file-licensing", "deps-copied-code")
    copied = [f["path"] for f in findings_of(report) if f["rule"] == "deps-copied-code"]
    assert copied == ["lz4/xxhash.c", "lz4/xxhash.h"]
    [fix] = [f["fix"] for f in findings_of(report)
             if f["rule"] == "reuse-file-licensing" and f.get("path") == "lz4/xxhash.c"]
    assert fix.endswith("Run: reuse annotate --license BSD-2-Clause --fallback-dot-license "
                        "lz4/xxhash.c")
    repo = make_repo(files)
    result = run_cli("fix", str(repo), "--holder", HOLDER, "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Third-party code left alone" in result.output
    assert (repo / "lz4/xxhash.c").read_text("utf-8") == XXHASH
    assert "SPDX-License-Identifier: MIT" in (repo / "app.py").read_text("utf-8")


def test_fix_declares_the_projects_build_output_in_reuse_toml(make_repo) -> None:
    """A Moodle plugin's `amd/build/` (its `amd/src/` minified) is the project's own:
    declared in REUSE.toml with the project's licence, as the build rewrites it, not
    given a header, nor listed as third-party code."""
    built = "define([],function(){return{init:function(){}}});\n"
    repo = make_repo({**SOURCES, "amd/src/modal.js": "define([], function() {});\n",
                      "amd/build/modal.min.js": built})
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (repo / "amd/build/modal.min.js").read_text("utf-8") == built
    assert 'path = "amd/build/**"' in (repo / "REUSE.toml").read_text("utf-8")
    assert "Third-party code left alone" not in result.output
    assert "SPDX-License-Identifier: MIT" in (repo / "amd/src/modal.js").read_text("utf-8")


# REUSE-IgnoreStart (the REUSE.toml texts below are examples)
EXISTING_TOML = """version = 1

# the documentation's pictures
[[annotations]]
path = "docs/**"
precedence = "aggregate"
SPDX-FileCopyrightText = "2024 Ministère de l'Exemple"
SPDX-License-Identifier = "MIT"
"""
# REUSE-IgnoreEnd
BUILT = "var a=1;" * 300 + "\n"


def _built_project(make_repo, files: int) -> Path:
    """A web front-end whose build output is committed: `dist/` from `src/` (in
    subfolders too), and a Moodle plugin's `amd/build/` from `amd/src/`."""
    tree = {**SOURCES, "docs/logo.svg": "<svg/>\n", "REUSE.toml": EXISTING_TOML,
            "amd/src/modal.js": "define([], function() {});\n",
            "amd/build/modal.min.js": "define([],function(){});\n"}
    for number in range(files):
        folder = f"pages{number % 4}/" if number % 2 else ""
        tree[f"src/{folder}page{number}.ts"] = f"export const page = {number};\n"
        tree[f"dist/{folder}page{number}.min.js"] = BUILT
    return make_repo(tree)


def test_fix_declares_build_output_folders_by_glob_and_reuse_agrees(make_repo) -> None:
    """What the check's fix says: one annotation of the output folder by its glob, added
    after the REUSE.toml already there, not one path per built file."""
    from test_reuse import reuse_lint

    repo = _built_project(make_repo, 600)
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    toml = (repo / "REUSE.toml").read_text("utf-8")
    assert toml.startswith(EXISTING_TOML)  # kept as it was, the new blocks after it
    assert toml.count('path = "dist/**"') == 1 and toml.count('path = "amd/build/**"') == 1
    assert "page" not in toml and "modal" not in toml  # no built file named one by one
    assert len(toml.splitlines()) < 40
    assert (repo / "dist/page0.min.js").read_text("utf-8") == BUILT  # no header written
    code, lint, stderr = reuse_lint(repo)
    assert lint is not None, stderr
    assert code == 0, lint["non_compliant"]  # reuse itself: every file covered
    report = report_of(repo)
    assert not [f for f in findings_of(report) if f["family"] == "reuse"]
    # the next build adds a page: the glob already covers it
    header = f"// SPDX-{'File'}CopyrightText: 2026 X\n// SPDX-{'License'}-Identifier: MIT\n"
    (repo / "src/page9999.ts").write_text(header + "export const page = 9999;\n", "utf-8")
    (repo / "dist/page9999.min.js").write_text(BUILT, encoding="utf-8")
    git(repo, "add", "-A")
    assert reuse_lint(repo)[0] == 0


def test_fix_leaves_a_reuse_toml_that_cannot_take_the_blocks(make_repo) -> None:
    """Annotations written as an inline array: appending `[[annotations]]` would make
    the file invalid TOML, so it is kept as it is and the blocks are listed to add."""
    repo = _built_project(make_repo, 4)
    # REUSE-IgnoreStart
    inline = ('version = 1\nannotations = [{path = "docs/**", '
              'SPDX-FileCopyrightText = "2024 X", SPDX-License-Identifier = "MIT"}]\n')
    # REUSE-IgnoreEnd
    (repo / "REUSE.toml").write_text(inline, encoding="utf-8")
    git(repo, "add", "-A")
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert result.exit_code == 0, result.output
    assert (repo / "REUSE.toml").read_text("utf-8") == inline
    assert "REUSE.toml: add by hand" in result.output
    assert 'path = "dist/**"' in result.output


def test_fix_puts_secret_files_in_gitignore_without_deleting_them(make_repo) -> None:
    repo = make_repo({**SOURCES, ".env": "DB_PASSWORD=s3cr3t-value-here\n"})
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write",
                     "--lang", "en")
    assert (repo / ".env").read_text("utf-8") == "DB_PASSWORD=s3cr3t-value-here\n"
    assert not (repo / ".env.license").exists()
    assert "/.env" in (repo / ".gitignore").read_text("utf-8").splitlines()
    assert ".env: take it out of the repository (git rm --cached), revoke what it holds" \
        in result.output
    assert "s3cr3t" not in result.output


def test_fix_never_overwrites_a_file_changed_after_the_plan(make_repo) -> None:
    repo = make_repo(SOURCES)
    planned = plan_fix(repo, "en", "MIT", HOLDER)
    (repo / "app.py").write_text("print('edited meanwhile')\n", encoding="utf-8")
    (repo / "README.md").write_text("# Written meanwhile\n", encoding="utf-8")
    done = {change.path for change in apply(planned)}
    assert "app.py" not in done and "README.md" not in done
    assert (repo / "app.py").read_text("utf-8") == "print('edited meanwhile')\n"
    assert (repo / "README.md").read_text("utf-8") == "# Written meanwhile\n"
    assert "CONTRIBUTING.md" in done


@pytest.mark.timeout(60)
def test_fix_never_writes_through_a_symlink_out_of_the_tree(make_repo, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = make_repo(SOURCES)
    os.symlink(outside, repo / "LICENSES")
    run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write")
    assert list(outside.iterdir()) == []
    assert (repo / "LICENSE").exists()


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_fix_output_escapes_hostile_names(make_repo) -> None:
    repo = make_repo({**SOURCES, "evil\x1b[31m.env": "PASSWORD=abcdefgh12345\n"})
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--lang", "en")
    assert "\x1b" not in result.output
    assert "evil\\x1b[31m.env" in result.output


def test_init_takes_the_group_language_and_path_before_the_subcommand(make_repo) -> None:
    repo = make_repo(SOURCES)
    result = run_cli("init", str(repo), "--lang", "fr", "licence", "CECILL-B", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+ serait créé LICENSE" in result.output
    assert not (repo / "LICENSE").exists()
    result = run_cli("init", "--lang", "en", "readme", "--dry-run")
    assert result.exit_code == 0, result.output


def test_fix_sidecar_of_an_env_template_is_not_a_secret_file(make_repo) -> None:
    repo = make_repo({**SOURCES, ".env.template": "DB_PASSWORD=\n"})
    run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--write")
    assert (repo / ".env.template.license").exists()
    report = report_of(repo)
    assert report["ready"] is True, blocking(report)
    again = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--lang", "en")
    assert "Nothing to fix automatically." in again.output


def test_fix_gives_new_files_the_project_licence_even_off_the_list(make_repo) -> None:
    repo = make_repo({**SOURCES,
                      "pyproject.toml": '[project]\nname = "x"\nlicense = "Unlicense"\n'})
    result = run_cli("fix", str(repo), "--holder", HOLDER, "--write", "--lang", "en")
    assert result.exit_code == 0
    assert "SPDX-License-Identifier: Unlicense" in (repo / "CONTRIBUTING.md").read_text("utf-8")
    assert "SPDX-License-Identifier: Unlicense" in (repo / "app.py").read_text("utf-8")
    assert not (repo / "LICENSE").exists()  # no official text of an unlisted licence


def test_init_licence_keeps_the_id_as_asked_for_gnu_only(make_repo) -> None:
    repo = make_repo(SOURCES)
    assert run_cli("init", str(repo), "licence", "AGPL-3.0-only").exit_code == 0
    assert (repo / "LICENSES" / "AGPL-3.0-only.txt").exists()
    assert identify((repo / "LICENSE").read_text("utf-8")).spdx == "AGPL-3.0-only"


def test_fix_takes_the_holder_from_the_project_licence_never_from_third_party(make_repo) -> None:
    from licence_fixtures import MIT

    repo = make_repo({
        **SOURCES,
        "LICENSE": MIT.format(year=2024, holder="Ville de Lyon"),
        "src/vendored.js": "// Copyright 2013 Twitter, Inc.\nvar t = 1;\n",
    })
    result = run_cli("fix", str(repo), "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "SPDX-FileCopyrightText: 20" in (repo / "app.py").read_text("utf-8")
    assert "Ville de Lyon" in (repo / "app.py").read_text("utf-8")
    assert "Twitter" not in (repo / "app.py").read_text("utf-8")


def test_fix_writes_the_holder_the_projects_own_headers_name(make_repo) -> None:
    # a project half way to REUSE (sill): the headers it has say who holds the rest
    header = "# SPDX-FileCopyrightText: 2024 DINUM\n# SPDX-License-Identifier: MIT\n"
    repo = make_repo({**SOURCES, **{f"lib/m{n}.py": header + "x = 1\n" for n in range(3)}})
    result = run_cli("fix", str(repo), "--licence", "MIT", "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "SPDX-FileCopyrightText: 20" in (repo / "app.py").read_text("utf-8")
    assert "DINUM" in (repo / "app.py").read_text("utf-8")


def test_fix_keeps_the_gnu_id_as_asked(make_repo) -> None:
    """`fix --licence GPL-3.0-only` must write -only everywhere, as `init licence` does,
    not the list's -or-later entry."""
    repo = make_repo({"app.py": "print(1)\n"})
    result = run_cli("fix", str(repo), "--licence", "GPL-3.0-only", "--holder", HOLDER,
                     "--write", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "SPDX-License-Identifier: GPL-3.0-only" in (repo / "app.py").read_text("utf-8")
    assert (repo / "LICENSES" / "GPL-3.0-only.txt").exists()
    assert not (repo / "LICENSES" / "GPL-3.0-or-later.txt").exists()
    assert identify((repo / "LICENSE").read_text("utf-8")).spdx == "GPL-3.0-only"


def test_fix_lists_the_blocking_findings_it_cannot_fix(make_repo) -> None:
    """A LICENSES/ text named by no SPDX id blocks, and fix cannot rename it: the plan
    must say so instead of leaving a NOT READY check after --write unexplained."""
    repo = make_repo({**SOURCES, "LICENSES/Etalab-2.0.md": "Licence Ouverte\n",
                      "LICENSE": "MIT License\n"})
    result = run_cli("fix", str(repo), "--licence", "MIT", "--holder", HOLDER, "--lang", "en")
    assert result.exit_code == 0, result.output
    manual = result.output.split("Left for a person to do:")[1]
    assert "reuse-licence-bad" in manual and "Etalab-2.0" in manual


def test_fix_reads_the_repository_once_with_the_report(make_repo, monkeypatch) -> None:
    """The plan goes on from the report's own snapshot: one listing of the tree, one
    reading of the licence declarations, one walk of the history (for the authors)."""
    import importlib

    history = importlib.import_module("opencheck.community.history")
    declarations = importlib.import_module("opencheck.licensing.declarations")
    repository = importlib.import_module("opencheck.repository")

    # every reading of the declarations makes one Collector (`collect` too)
    calls = {"open_repository": 0, "Collector": 0, "read_history": 0}

    def counted(name: str, real):  # the real function, counted
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    # Wherever a module imported the function by name, it is counted there too.
    for owner in (repository, declarations, history):
        for name in calls:
            real = getattr(owner, name, None)
            if real is None:
                continue
            for module in list(sys.modules.values()):
                if module is not None and module.__name__.startswith("opencheck") \
                        and getattr(module, name, None) is real:
                    monkeypatch.setattr(module, name, counted(name, real))
    repo = make_repo({"README.md": "# Outil\n", "main.py": "print(1)\n",
                      "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: outil\n"})
    plan = plan_fix(repo, "en", licence="MIT", holder="DINUM")
    assert calls == {"open_repository": 1, "Collector": 1, "read_history": 1}
    authors = next(change.after for change in plan.changes if change.path == "AUTHORS.md")
    assert "Camille Agent" in authors  # the history was read, once, for the authors


def test_without_licence_nor_holder_the_steps_name_both_and_one_command(make_repo) -> None:
    repo = make_repo({"README.md": "# Outil\n", "main.py": "print(1)\n"})
    result = run_cli("fix", str(repo), "--lang", "en")
    assert result.exit_code == 0, result.output
    steps = result.output.split("Left for a person to do:")[1]
    assert "give the copyright holder (--holder" in steps
    assert "and the licence (--licence)" in steps
    assert "then: opencheck fix --licence ID --write" in steps
    assert "opencheck init licence" not in steps  # one command to run, not two
