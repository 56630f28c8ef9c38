# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files `opencheck fix` must not annotate as the project's: other people's code, and
files a package manager writes.

A header written on a vendored library or a minified bundle would state a false
copyright, so these are listed and left alone. Lockfiles are the project's, but the
package manager rewrites them: they are covered by REUSE.toml instead of a header.
"""

from __future__ import annotations

import re
from enum import StrEnum

from opencheck.deps.vendored import vendored_index

BUNDLED = re.compile(
    r"(?:^|/)(?:dist|\.yarn/releases|\.yarn/plugins|static/vendor|assets/vendor)/"
    r"|\.min\.(?:js|css|mjs)$|[.-]bundle\.js$|\.chunk\.js$",
    re.IGNORECASE,
)
LOCKFILES = frozenset({
    "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock",
    "Pipfile.lock", "Gemfile.lock", "composer.lock", "Cargo.lock", "go.sum", "mix.lock",
    "uv.lock", "pdm.lock", "bun.lockb", "packages.lock.json", "gradle.lockfile",
})
MINIFIED_LINE = 1000  # a line this long in code is a build's output, not written by hand
MINIFIED_SAMPLE = 65536
MINIFIABLE = (".js", ".mjs", ".cjs", ".css")


class Origin(StrEnum):
    VENDORED = "vendored"
    BUNDLED = "bundled"
    LOCKFILE = "lockfile"


def origin(path: str, data: bytes | None) -> Origin | None:
    """Why a file is not the project's own hand-written code, or None when it is."""
    name = path.rsplit("/", 1)[-1]
    if name in LOCKFILES:
        return Origin.LOCKFILE
    if vendored_index(path.split("/")) >= 0:
        return Origin.VENDORED
    if BUNDLED.search(path):
        return Origin.BUNDLED
    if name.lower().endswith(MINIFIABLE) and data is not None and _minified(data):
        return Origin.BUNDLED
    return None


def _minified(data: bytes) -> bool:
    return any(len(line) >= MINIFIED_LINE for line in data[:MINIFIED_SAMPLE].split(b"\n"))
