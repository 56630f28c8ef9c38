# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Telling third-party files from the project's own, by path and by first bytes."""

from __future__ import annotations

import pytest

from opencheck.deps.thirdparty import (
    BANNER,
    BUILD_WRAPPER,
    BUNDLE,
    LOCKFILE,
    MINIFIED,
    SAVED_SITE,
    TOOL_RELEASE,
    VENDORED,
    banner,
    by_content,
    by_path,
    is_lockfile,
)


@pytest.mark.parametrize(("path", "reason", "component"), [
    ("vendor/github.com/acme/x/x.go", VENDORED, "vendor/github.com"),
    ("third_party/zlib/zlib.h", VENDORED, "third_party/zlib"),
    ("public/bibliotheques/jquery-3.7.1.min.js", VENDORED,
     "public/bibliotheques/jquery-3.7.1.min.js"),
    ("static/lib/leaflet/leaflet.js", VENDORED, "static/lib/leaflet"),
    ("web/static/js/jquery.easy-autocomplete.min.js", MINIFIED, "web/static/js"),
    ("packages/ui/dist/index.js", BUNDLE, "packages/ui/dist"),
    ("storybook/sb-manager/globals-runtime.js", BUNDLE, "storybook/sb-manager"),
    (".yarn/releases/yarn-4.1.0.cjs", TOOL_RELEASE, ".yarn/releases/yarn-4.1.0.cjs"),
    # a workspace that pins its own Yarn (SocialGouv/ozensemble's api/ and expo/)
    ("api/.yarn/releases/yarn-4.0.2.cjs", TOOL_RELEASE, "api/.yarn/releases/yarn-4.0.2.cjs"),
    ("apps/web/.yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs", TOOL_RELEASE,
     "apps/web/.yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs"),
    # build tools' wrappers, written by Gradle and Maven
    ("gradlew", BUILD_WRAPPER, "gradlew"),
    ("backend/gradlew.bat", BUILD_WRAPPER, "backend/gradlew"),
    ("backend/gradle/wrapper/gradle-wrapper.jar", BUILD_WRAPPER, "backend/gradlew"),
    ("mvnw.cmd", BUILD_WRAPPER, "mvnw"),
    (".mvn/wrapper/MavenWrapperDownloader.java", BUILD_WRAPPER, "mvnw"),
    ("api/.mvn/wrapper/maven-wrapper.jar", BUILD_WRAPPER, "api/mvnw"),
    (".paket/paket.bootstrapper.exe", BUILD_WRAPPER, ".paket/paket.bootstrapper.exe"),
    ("front/yarn.lock", LOCKFILE, "front/yarn.lock"),
    # a committed virtualenv: each installed package as published, pip's own copies too
    ("venv/lib/python3.7/site-packages/oauthlib/oauth2/parameters.py", VENDORED,
     "venv/lib/python3.7/site-packages/oauthlib"),
    ("env/lib/python2.7/site-packages/pip/_vendor/urllib3/util.py", VENDORED,
     "env/lib/python2.7/site-packages/pip"),
    ("usr/lib/python3/dist-packages/yaml/__init__.py", VENDORED,
     "usr/lib/python3/dist-packages/yaml"),
    # WordPress core committed with a site, a compiled Apple framework, a saved copy of
    # a web service's pages
    ("wp-admin/includes/class-ftp.php", VENDORED, "wp-admin"),
    ("web/wp-includes/js/tinymce/tinymce.js", VENDORED, "web/wp-includes"),
    ("Riot/libs/jitsi-meet/JitsiMeet.framework/main.jsbundle", VENDORED,
     "Riot/libs/jitsi-meet/JitsiMeet.framework"),
    ("www/site/www.youtube.com/embed/x", SAVED_SITE, "www/site/www.youtube.com"),
    # gems' type signatures and their documentation, written by tapioca or `rbs
    # collection` (18F/identity-idp)
    ("sorbet/rbi/gems/aws-sdk-core@3.201.4.rbi", VENDORED,
     "sorbet/rbi/gems/aws-sdk-core@3.201.4.rbi"),
    (".gem_rbs_collection/activemodel/7.1/activemodel-generated.rbs", VENDORED,
     ".gem_rbs_collection/activemodel"),
    # a site built on a gh-pages branch: names hashed by the bundler
    ("zh-CN/assets/js/1147.f1c10c2c.js", BUNDLE, "zh-CN/assets/js"),
    ("static/css/main.3e4f5a6b.chunk.css", BUNDLE, "static/css"),
])
def test_by_path(path: str, reason: str, component: str) -> None:
    found = by_path(path)
    assert found is not None and (found.reason, found.component) == (reason, component)
    assert is_lockfile(path) == (reason == LOCKFILE)  # the history's cheap question


@pytest.mark.parametrize("path", [
    "back/libs/oidc-client/src/index.ts",  # a monorepo's own libraries
    "src/lib/utils.py",
    "sorbet/rbi/dsl/user.rbi",  # tapioca's signatures of the project's own classes
    "vendor/.keep",
    "app/assets/javascript/application.js",
    "docs/build/index.md",
    "db/migrate/backup.20240101.js",  # a date, not a hash
    "src/facade.deadbeef.js",
    "src/gradle/Plugin.kt",  # the project's own Gradle code
    "docs/wrapper/index.md",
    "src/releases/yarn.ts",  # the project's own code about releases
    ".yarn/README.md",
    ".paket/paket.dependencies",  # Paket's list is the project's own
])
def test_the_projects_own_paths(path: str) -> None:
    assert by_path(path) is None and not is_lockfile(path)


def test_minified_by_its_lines() -> None:
    minified = b"!function(e){" + b"var a=e+1;" * 400 + b"}(window);\n"
    found = by_content("assets/app.js", minified)
    assert found is not None and (found.reason, found.component) == (MINIFIED, "assets")
    written = b"function add(a, b) {\n  return a + b;\n}\n" * 200
    assert by_content("assets/app.js", written) is None
    assert by_content("assets/app.py", minified) is None  # only scripts and style sheets


# REUSE-IgnoreStart
def test_banners() -> None:
    dsfr = banner("/*!\n * DSFR v1.12.1 | SPDX-License-Identifier: MIT | License-Filename: "
                  "LICENSE.md\n */\n")
    assert dsfr is not None and (dsfr.reason, dsfr.component, dsfr.version, dsfr.licence) == (
        BANNER, "DSFR", "1.12.1", "MIT")
    bootstrap = banner("/*!\n * Bootstrap v5.3.0 (https://getbootstrap.com/)\n"
                       " * Copyright 2011-2023 The Bootstrap Authors\n"
                       " * Licensed under MIT\n */")
    assert bootstrap is not None and bootstrap.component == "Bootstrap"
    # A version in a comment is not a banner without a licence or copyright beside it.
    assert banner("/* Compatible with Node v18.2 and later */") is None
# REUSE-IgnoreEnd


def test_one_path_at_a_time_says_what_the_whole_index_says(make_repo) -> None:
    """The secrets rules alone ask about the few files with hits (`lookup`), the other
    families build the index of every file: both must give the same answers."""
    from opencheck.deps.thirdparty import lookup, shared_index
    from opencheck.registry import Context
    from opencheck.repository import open_repository

    root = make_repo({
        "package.json": '{"name": "@dinum/guichet"}\n',
        "src/app.js": "console.log(1)\n",
        "vendor/acme/lib.go": "package acme\n",
        "public/js/app.min.js": "var a=1;" * 400 + "\n",
        "dist/guichet.js": "/*! guichet v1.0.0 | MIT */\nvar x = 1;\n",
        "static/dsfr.js": "/*! DSFR v1.12.1 | SPDX-License-Identifier: MIT */\nvar y;\n",
        "front/yarn.lock": "# yarn lockfile v1\n",
    })
    alone = lookup(Context(repo=open_repository(root)))
    ctx = Context(repo=open_repository(root))
    index = shared_index(ctx)
    assert lookup(ctx) == index.get  # the run's index, once built
    answers = {path: alone(path) for path in ctx.repo.paths()}
    assert answers == {path: index.get(path) for path in ctx.repo.paths()}
    assert {path for path, found in answers.items() if found} == {
        "vendor/acme/lib.go", "public/js/app.min.js", "dist/guichet.js", "static/dsfr.js",
        "front/yarn.lock"}


@pytest.mark.parametrize(("path", "present", "source"), [
    # Moodle's AMD modules: amd/src/*.js built into amd/build/*.min.js and its map
    ("amd/build/modal.min.js", "amd/src/modal.js", "amd/src/modal.js"),
    ("amd/build/modal.min.js.map", "amd/src/modal.js", "amd/src/modal.js"),
    ("amd/build/local/form/x.min.js", "amd/src/local/form/x.js", "amd/src/local/form/x.js"),
    ("web/dist/app.js", "web/src/app.ts", "web/src/app.ts"),
    ("dist/theme.min.css", "src/theme.scss", "src/theme.scss"),
    # Moodle's YUI modules, built by Shifter from a source folder's build.json
    ("yui/build/moodle-mod_quiz-dragdrop/moodle-mod_quiz-dragdrop-min.js",
     "yui/src/dragdrop/build.json", "yui/src/dragdrop/build.json"),
    ("yui/build/moodle-mod_quiz-util-page/moodle-mod_quiz-util-page-min.js",
     "yui/src/util/build.json", "yui/src/util/build.json"),
    ("yui/build/moodle-mod_quiz-dragdrop/moodle-mod_quiz-dragdrop-min.js",
     "yui/src/dragdrop/js/dragdrop.js", None),
    # no source of that name beside it: nothing to say it is the project's build
    ("amd/build/jquery.min.js", "amd/src/modal.js", None),
    ("amd/build/modal.min.js", "src/modal.js", None),
    ("static/js/modal.min.js", "static/src/modal.js", None),
])
def test_the_source_a_build_output_comes_from(path: str, present: str,
                                               source: str | None) -> None:
    from opencheck.deps.thirdparty import own_source

    assert own_source(path, {present}.__contains__) == source


def test_a_build_of_the_projects_own_sources_is_not_a_copy(make_repo) -> None:
    """A Moodle plugin's `amd/build/` is its `amd/src/` minified: the project's own
    build output, no third-party code; a minified file with no source beside it, or
    built from a library's copy, still is."""
    from conftest import check_json, findings_of

    minified = "define([],function(){return{init:function(){}}});" * 60 + "\n"
    root = make_repo({
        "version.php": "<?php\n$plugin->component = 'mod_quizz';\n",
        "amd/src/modal.js": "define([], function() {\n    return {init: function() {}};\n});\n",
        "amd/build/modal.min.js": minified,
        "amd/build/modal.min.js.map": '{"version":3,"sources":["../src/modal.js"]}\n',
        "amd/build/chart.min.js": minified,
        "web/src/lib.js": "/*! Chart.js v4.4.1 | Released under the MIT License */\nvar c;\n",
        "web/dist/lib.min.js": minified,
    })
    report = check_json(root, "--rule", "deps-third-party-code")
    listed = {f["component"]: f["files"] for f in findings_of(report)}
    assert listed == {"amd/build": 1, "Chart.js": 1, "web/dist": 1}
    [amd] = [f for f in findings_of(report) if f["component"] == "amd/build"]
    assert amd["path"] == "amd/build/chart.min.js"
