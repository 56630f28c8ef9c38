# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a path tells of another project's code is worked out once per folder: every path
is classified as reading it part by part classified it (the folders of a vendoring
tool, a saved web site, a build, Yarn's own files, a wrapper, the gem signatures whose
folder the file's name completes, in any case)."""

from __future__ import annotations

import random

from opencheck.deps import thirdparty

FOLDERS = sorted({
    *thirdparty.LIBRARY_DIRS, *thirdparty.ASSET_DIRS, *thirdparty.ASSET_LIBRARY_DIRS,
    *thirdparty.BUILD_DIRS, *thirdparty.WORDPRESS_CORE, *thirdparty.YARN_OWN_DIRS,
    *thirdparty.OUTPUT_DIRS, *thirdparty.WRAPPER_DIRS, thirdparty.GEM_SIGNATURE_COLLECTION,
    ".yarn", "sorbet", "rbi", "gems", "annotations", "wrapper", ".paket", ".mvn", "src",
    "app", "lib", "JitsiMeet.framework", "x.xcframework", "www.youtube.com", "gstatic.com",
    "example.org", "a.b", "Dist", "STATIC", "docs", "node_modules", "vendor",
})
NAMES = sorted({
    *thirdparty.LOCKFILES, *thirdparty.NOT_CODE, *thirdparty.WRAPPER_SCRIPTS,
    "gradle-wrapper.jar", "maven-wrapper.jar", "paket.bootstrapper.exe", "gems",
    "annotations", ".pnp.cjs", "app.min.js", "x-min.js", "main.1a2b3c4d.js",
    "main.abcdefab.chunk.css", "bundle.js", "style.css", "x.js.map", "README.md",
    "index.ts", "App.vue", "Main.MIN.JS", "yarn-4.0.2.cjs",
})


def test_each_path_is_classified_as_part_by_part() -> None:
    rng = random.Random(2026)
    paths = ["gems", "sorbet/rbi/gems", "x/sorbet/rbi/annotations", "gradlew",
             "a/gradle/wrapper/gradle-wrapper.jar", ".paket/paket.bootstrapper.exe",
             "api/.yarn/releases/yarn-4.0.2.cjs", ".yarn/plugins", "static/lib/x/y.js"]
    for _ in range(30_000):
        parts = [rng.choice(FOLDERS) for _ in range(rng.randint(0, 5))]
        parts = [part.upper() if rng.random() < 0.1 else part for part in parts]
        paths.append("/".join([*parts, rng.choice(NAMES)]))
    different = [path for path in paths
                 if thirdparty.by_path(path) != thirdparty._by_parts(path)]
    assert different == []
