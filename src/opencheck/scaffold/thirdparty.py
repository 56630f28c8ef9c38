# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files `opencheck fix` must not claim for the project: other people's code.

A header written on a vendored library or a minified bundle would state a false
copyright, so these are listed and left alone.
"""

from __future__ import annotations

import re

from opencheck.deps.vendored import vendored_index

BUNDLED = re.compile(
    r"(?:^|/)(?:dist|build|\.yarn/releases|\.yarn/plugins|static/vendor|assets/vendor)/"
    r"|\.min\.(?:js|css|mjs)$|[.-]bundle\.js$|\.chunk\.js$",
    re.IGNORECASE,
)
LOCKFILES = frozenset({
    "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock",
    "Gemfile.lock", "composer.lock", "Cargo.lock", "go.sum", "mix.lock", "uv.lock",
})


def is_third_party(path: str) -> bool:
    if vendored_index(path.split("/")) >= 0 or BUNDLED.search(path):
        return True
    return path.rsplit("/", 1)[-1] in LOCKFILES
