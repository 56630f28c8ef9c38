# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What REUSE reads to judge one file: the file itself, the `.license` file beside it,
the project's REUSE configuration (every REUSE.toml, `.reuse/dep5`) and its licence
texts (`LICENSES/`).

Merge-request mode judges a changed file's per-file REUSE findings again on the merge
base's version of the file: writing these few files of the merge base's tree is enough,
where `reuse lint` on the whole tree would cost as much as the check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

# The REUSE rules whose finding on a file follows from these inputs alone
# (checks/reuse.py: a header, a sidecar or an annotation missing, an expression that
# does not parse, a file REUSE could not read).
FILE_RULES = frozenset({
    "reuse-file-copyright", "reuse-file-licensing", "reuse-spdx-expression",
    "reuse-read-error",
})
SIDECAR_SUFFIX = ".license"
_CONFIGURATION = frozenset({".reuse/dep5"})
_NESTED_CONFIGURATION = "REUSE.toml"
_LICENCE_TEXTS = "LICENSES/"


def judged_from(paths: Iterable[str]) -> Callable[[str], bool]:
    """Whether a path of the tree is one of the inputs of the REUSE verdicts of `paths`
    (paths relative to the checked folder, `/`-separated)."""
    files = set(paths)
    files |= {path + SIDECAR_SUFFIX for path in files}

    def needed(path: str) -> bool:
        return (path in files or path in _CONFIGURATION or path.startswith(_LICENCE_TEXTS)
                or path.rpartition("/")[2] == _NESTED_CONFIGURATION)

    return needed
