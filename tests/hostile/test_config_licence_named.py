# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A project's licence the repository's configuration sets is named in the verdict.

`settings.dependencies.project_licence` replaces, for the dependency rules, the licence
the files declare: beside an Apache-2.0 LICENSE, a package under GPL-2.0-only is
deps-incompatible (NOT READY); with `project_licence: GPL-2.0-only` in the repository's
own .opencheck.yml the same tree read READY with config_relaxed null (review14). The
reason now says which licence the configuration judges the dependencies against."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import COMPLETE_HOUSE, RepoFactory, check_json

APACHE = ("                                 Apache License\n"
          "                           Version 2.0, January 2004\n")
LOCK = {"name": "app", "lockfileVersion": 3, "packages": {
    "": {"name": "app", "dependencies": {"old-gpl2": "*"}},
    "node_modules/old-gpl2": {"version": "1.0.0", "license": "GPL-2.0-only"}}}


def _apache_project(make_repo: RepoFactory, config: str | None,
                    more: dict[str, str] | None = None, lock: bool = True) -> Path:
    files = {**COMPLETE_HOUSE, **(more or {}), "LICENSE": APACHE, "LICENSES/Apache-2.0.txt": APACHE,
             "REUSE.toml": 'version = 1\n\n[[annotations]]\npath = "**"\n'
                           'SPDX-FileCopyrightText = "2026 DINUM"\n'
                           'SPDX-License-Identifier = "Apache-2.0"\n',
             "package.json": json.dumps({"name": "app", "dependencies": {"old-gpl2": "*"}}),
             "package-lock.json": json.dumps(LOCK)}
    del files["LICENSES/MIT.txt"]
    if not lock:
        del files["package.json"], files["package-lock.json"]
    if config is not None:
        files[".opencheck.yml"] = config
    return make_repo(files)


def test_a_licence_the_configuration_sets_for_the_dependencies_is_named(
        make_repo: RepoFactory) -> None:
    assert check_json(_apache_project(make_repo, None), "--no-history")["verdict"] == \
        "not_ready"
    root = _apache_project(make_repo, "settings:\n  dependencies:\n"
                                      "    project_licence: GPL-2.0-only\n")
    report = check_json(root, "--no-history", "--lang", "en")
    assert report["verdict"] == "ready"  # the configuration applies, as before
    assert report["metadata"]["config_relaxed"]["project_licence"] == "GPL-2.0-only"
    assert "judges the dependencies against the licence 'GPL-2.0-only' it gives the " \
           "project (settings.dependencies.project_licence)" in report["verdict_reason"]
    french = check_json(root, "--no-history", "--lang", "fr")
    assert "juge les dépendances contre la licence « GPL-2.0-only »" in \
        french["verdict_reason"]


HEADER = ("/*\n * Copyright (c) 2019 Evil Corp\n"
          " * SPDX-License-" + "Identifier: GPL-2.0-only\n */\n")


def test_holders_the_configuration_takes_for_the_projects_are_named(
        make_repo: RepoFactory) -> None:
    """Two files of another holder under GPL-2.0-only beside an Apache-2.0 LICENSE are
    copied code, deps-incompatible; `copyright_holders: [Evil Corp]` made them the
    project's own: READY with config_relaxed null."""
    files = {"src/lib/a.c": HEADER + "int a;\n", "src/lib/b.c": HEADER + "int b;\n"}
    root = _apache_project(make_repo, None, files, lock=False)
    assert check_json(root, "--no-history", "--rule", "deps-*")["verdict"] == "not_ready"
    root = _apache_project(make_repo, "settings:\n  dependencies:\n"
                                      "    copyright_holders: [Evil Corp]\n", files,
                           lock=False)
    report = check_json(root, "--no-history", "--rule", "deps-*", "--lang", "en")
    assert report["verdict"] == "ready"
    assert report["metadata"]["config_relaxed"]["holders"] == ["Evil Corp"]
    assert "takes the files of 1 copyright holder(s) for the project's, not copied code: " \
           "Evil Corp (settings.dependencies.copyright_holders)" in report["verdict_reason"]
    french = check_json(root, "--no-history", "--rule", "deps-*", "--lang", "fr")
    assert "tient les fichiers de 1 titulaire(s) pour ceux du projet" in \
        french["verdict_reason"]
