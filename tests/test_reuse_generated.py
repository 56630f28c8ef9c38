# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The REUSE fix for a file the project's build or package manager writes again.

`reuse annotate` writes a header in the file: the next build of `amd/build/x.min.js`
from `amd/src/x.js` writes the file anew and the header is gone; a file the build adds
has none. The fix declares the output folder by glob in REUSE.toml instead, which
covers what the build writes there later, or says to stop tracking the output when the
repository need not keep it (never for Moodle, which loads amd/build as committed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import RepoFactory, check_json, git, run_cli
from test_reuse import LICENCE_TEXTS, PY_HEADER, reuse_findings, reuse_lint

MINIFIED = "define([],function(){return{init:function(){}}});" * 60 + "\n"
JS_HEADER = PY_HEADER.replace("# ", "// ")


def _plugin(make_repo: RepoFactory) -> Path:
    """A Moodle plugin and a web front-end, each with its own build output."""
    return make_repo({
        **LICENCE_TEXTS,
        "version.php": "<?php\n" + PY_HEADER.replace("# ", "// ") + "$plugin->version = 1;\n",
        "amd/src/modal.js": JS_HEADER + "define([], function() {});\n",
        "amd/build/modal.min.js": MINIFIED,
        "amd/build/modal.min.js.map": '{"version":3,"sources":["../src/modal.js"]}\n',
        # a YUI module built by Shifter: the -debug.js build is not minified
        "yui/src/dragdrop/build.json": '{"name": "moodle-mod_x-dragdrop"}\n',
        "yui/src/dragdrop/js/dragdrop.js": JS_HEADER + "M.mod_x = {};\n",
        "yui/build/moodle-mod_x-dragdrop/moodle-mod_x-dragdrop-debug.js": "M.mod_x = {};\n",
        "yui/build/moodle-mod_x-dragdrop/moodle-mod_x-dragdrop-min.js": MINIFIED,
        "web/src/app.ts": JS_HEADER + "export const app = 1;\n",
        "web/dist/app.js": "var app=1;" * 300 + "\n",
        "package-lock.json": '{"lockfileVersion": 3, "packages": {}}\n',
        "lib.php": "<?php\n$x = 1;\n",  # the project's own file: annotate it
    })


# the project's own files without headers: `reuse annotate` stays their fix
OWN = {"lib.php", "package-lock.json", "yui/src/dragdrop/build.json"}


def _fixes(report: dict[str, object]) -> dict[str, str]:
    return {f["path"]: f["fix"] for f in reuse_findings(report, "reuse-file-copyright")}


def test_build_output_is_declared_by_folder_in_reuse_toml(make_repo: RepoFactory) -> None:
    fixes = _fixes(check_json(_plugin(make_repo), "--rule", "family:reuse"))
    yui = "yui/build/moodle-mod_x-dragdrop/moodle-mod_x-dragdrop"
    assert set(fixes) == {"amd/build/modal.min.js", "amd/build/modal.min.js.map",
                          f"{yui}-debug.js", f"{yui}-min.js", "web/dist/app.js",
                          "package-lock.json", "lib.php", "yui/src/dragdrop/build.json"}
    assert fixes[f"{yui}-debug.js"] == fixes[f"{yui}-min.js"]
    assert 'path = "yui/build/**"' in fixes[f"{yui}-debug.js"]
    assert "reuse annotate" in fixes["lib.php"]
    amd = fixes["amd/build/modal.min.js"]
    assert fixes["amd/build/modal.min.js.map"] == amd  # one fix for the folder
    assert amd.startswith("File the project's build writes in amd/build/ from amd/src/: "
                          "reuse annotate would have to be run again after every build")
    assert "Run: reuse annotate" not in amd
    # REUSE-IgnoreStart
    assert ('[[annotations]] path = "amd/build/**" precedence = "aggregate" '
            "SPDX-FileCopyrightText = \"2026 Ministère de l'Exemple\" "
            'SPDX-License-Identifier = "EUPL-1.2". ') in amd
    # REUSE-IgnoreEnd
    assert "Moodle loads this folder as committed" in amd and "git rm" not in amd
    web = fixes["web/dist/app.js"]
    assert 'path = "web/dist/**"' in web
    assert web.endswith("stop tracking it: git rm -r --cached web/dist, and the line "
                        "/web/dist/ in .gitignore.")
    assert "reuse annotate" in fixes["package-lock.json"]  # a .license file beside it


def test_the_fix_is_in_french_too(make_repo: RepoFactory) -> None:
    root = _plugin(make_repo)
    result = run_cli("check", str(root), "--format", "json", "--lang", "fr",
                     "--rule", "reuse-file-copyright")
    fixes = {f["path"]: f["fix"] for f in reuse_findings(
        json.loads(result.stdout), "reuse-file-copyright")}
    assert fixes["amd/build/modal.min.js"].startswith(
        "Fichier que la construction du projet écrit dans amd/build/ à partir de amd/src/ : ")
    assert "Moodle charge ce dossier tel qu'il est commité" in fixes["amd/build/modal.min.js"]
    assert "cessez de le suivre : git rm -r --cached web/dist" in fixes["web/dist/app.js"]


def _reuse_toml(fixes: list[str]) -> str:
    """The blocks the fixes show, one key per line, as the fix says to write them."""
    blocks = []
    for fix in fixes:
        line = fix[fix.index("[[annotations]]"):]
        keys = re.findall(r'([\w-]+) = ("(?:[^"\\]|\\.)*")', line)
        blocks.append("[[annotations]]\n" + "".join(f"{k} = {v}\n" for k, v in keys))
    return "version = 1\n\n" + "\n".join(blocks)


def test_the_declaration_outlives_the_next_build(make_repo: RepoFactory) -> None:
    root = _plugin(make_repo)
    fixes = _fixes(check_json(root, "--rule", "family:reuse"))
    generated = [fixes[path] for path in ("amd/build/modal.min.js", "web/dist/app.js",
                                          "yui/build/moodle-mod_x-dragdrop/"
                                          "moodle-mod_x-dragdrop-debug.js")]
    (root / "REUSE.toml").write_text(_reuse_toml(generated), encoding="utf-8")
    git(root, "add", "REUSE.toml")
    assert set(_fixes(check_json(root, "--rule", "family:reuse"))) == OWN
    # the build runs again: new output, a new module; nothing to annotate again
    (root / "amd/build/modal.min.js").write_text(MINIFIED.replace("init", "start"))
    (root / "amd/src/chart.js").write_text(JS_HEADER + "define([], function() {});\n")
    (root / "amd/build/chart.min.js").write_text(MINIFIED)
    git(root, "add", "-A")
    assert set(_fixes(check_json(root, "--rule", "family:reuse"))) == OWN
    _code, lint, _stderr = reuse_lint(root)  # reuse itself reads the declaration so
    assert lint is not None
    missing = lint["non_compliant"]["missing_copyright_info"]
    assert {str(Path(path).relative_to(root)) for path in missing} == OWN


def test_no_folder_glob_over_another_projects_code(make_repo: RepoFactory) -> None:
    """`web/dist/` also holds jQuery's release: `web/dist/**` with the project's licence
    would declare jQuery under it. The built file keeps its own fix (jQuery, another
    project's code, has no REUSE finding of the project's)."""
    jquery = "/*! jQuery v3.7.1 | (c) OpenJS Foundation | jquery.org/license */\n!function(){}();\n"
    root = _plugin(make_repo)
    (root / "web/dist/jquery.min.js").write_text(jquery, encoding="utf-8")
    git(root, "add", "-A")
    fixes = _fixes(check_json(root, "--rule", "family:reuse"))
    assert "web/dist/**" not in fixes["web/dist/app.js"]
    assert "reuse annotate" in fixes["web/dist/app.js"]
    assert 'path = "amd/build/**"' in fixes["amd/build/modal.min.js"]  # others unchanged
