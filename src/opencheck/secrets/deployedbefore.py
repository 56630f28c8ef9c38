# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether the merge base's deployment files named a key kept with the tests.

A private key in `tests/certs/` warns until a file that deploys the project names it
(`testkeys.DeploymentFiles`). A merge request that adds `COPY tests/certs/prod.key
/etc/ssl/` to a Dockerfile changes no key file, yet it makes that key block: the change
deployed it. Merge-request mode keeps such a finding when the merge base's deployment
files, read through one hardened `git cat-file --batch`, did not name the key. A link
or a file the merge base could not give whole does not count as naming it there, so a
change is never excused by what could not be read.
"""

from __future__ import annotations

from pathlib import Path

from opencheck.basetree import listing
from opencheck.gitobjects import ObjectReader
from opencheck.secrets.testkeys import MAX_TOTAL, DeploymentFiles, deployment_kind
from opencheck.secrets.textview import text_view
from opencheck.textdecode import decode_text


class DeployedBefore:
    """The deployment files of the commit `merge_base`, as seen from the checked folder
    `root`, read on the first question."""

    def __init__(self, root: Path, merge_base: str) -> None:
        self.root = root
        self.merge_base = merge_base
        self._files: DeploymentFiles | None = None

    def named(self, key_path: str) -> bool:
        """Whether a deployment file of the merge base named the key's file or folder
        (`DeploymentFiles.naming`, links aside)."""
        return self._deployments().naming(key_path) is not None

    def _deployments(self) -> DeploymentFiles:
        if self._files is not None:
            return self._files
        entries = listing(self.root, self.merge_base) or []
        blobs = {path: (blob, size) for path, blob, size in entries
                 if deployment_kind(path) is not None}
        reader = ObjectReader(self.root)
        texts: dict[str, str | None] = {}
        total = 0
        try:
            for path, (blob, size) in sorted(blobs.items()):
                total += size
                data = reader.read(blob, "blob", size) if total <= MAX_TOTAL else None
                text = text_view(data) if data is not None else None  # UTF-16 too
                texts[path] = None if text is None else decode_text(text)
        finally:
            reader.close()
        # `incomplete` is not read: it would excuse the change by what was not read
        self._files = DeploymentFiles(sorted(blobs), texts.get)
        return self._files
