# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The values files held where a change starts (merge-request mode, staged files).

A tree finding of the secrets family is one value, reported at its places in the tree.
When one of those files already held the same value at the merge base, the change did
not bring it: editing another line of a configuration file that carries an old token
must not make a merge request report, nor block on, what the default branch's run
already reports. The files' versions at the merge base are read through one hardened
`git cat-file --batch` and scanned by the same detectors as the tree; what cannot be
read (a path git cannot be asked on one line, a file above the limit, more files than
the budget) holds nothing, so that the finding stays.
"""

from __future__ import annotations

from pathlib import Path

from opencheck.gitobjects import ObjectReader
from opencheck.secrets.detectors import Hit, scan, value_key
from opencheck.secrets.textview import text_view

FILE_LIMIT = 16 << 20  # larger versions are not read: their findings stay
MOST_FILES = 2_000  # versions read for one run; past them, every finding stays


class EarlierValues:
    """The value keys (`value_key`) each file held in `commit`, read when first asked."""

    def __init__(self, root: Path, commit: str) -> None:
        self.root = root
        self.commit = commit
        self._values: dict[str, frozenset[str]] = {}
        self._reader: ObjectReader | None = None

    def held(self, key: str, path: str) -> bool:
        """Whether the file `path` (relative to the checked folder) held the value `key`
        in the commit."""
        return key in self._of(path)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()

    def _of(self, path: str) -> frozenset[str]:
        found = self._values.get(path)
        if found is None:
            found = frozenset()
            if len(self._values) < MOST_FILES:
                found = frozenset(value_key(hit) for hit in _hits(self._read(path), path))
            self._values[path] = found
        return found

    def _read(self, path: str) -> bytes | None:
        if self._reader is None:
            self._reader = ObjectReader(self.root)
        # `./`: the path is the checked folder's, which may be a subfolder of the checkout
        return self._reader.read(f"{self.commit}:./{path}", "blob", FILE_LIMIT)


def _hits(data: bytes | None, path: str) -> list[Hit]:
    text = text_view(data) if data is not None else None
    return [] if text is None else scan(text, path)
