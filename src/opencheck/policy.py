# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which configuration judges a run: the work tree's, the base revision's, or a pinned file.

In merge-request mode (`--diff-base REF`) the change comes from someone the project
does not yet trust. Its own `.opencheck.yml` could exclude `*.env` or disable
`secret-in-history`; so the configuration is read from REF, through hardened git, and
the change's version is reported as not applied. `--config FILE` pins a file instead
(a CI variable the merge request cannot touch).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from opencheck.config import CONFIG_FILES, ConfigError, Reader, pinned_reader, read_config

if TYPE_CHECKING:
    from opencheck.diffmode import Base


@dataclass(frozen=True)
class Policy:
    reader: Reader | None  # None: the work tree
    where: str  # appended to the file name in messages and metadata.config
    origin: str  # "work tree", "base <ref> <commit>", "--config <file>"
    not_applied: str | None = None  # the change's configuration, when it differs

    def metadata(self) -> dict[str, object]:
        return {"config_origin": self.origin, "config_not_applied": self.not_applied}


def choose_policy(root: Path, config_file: Path | None, base: Base | None) -> Policy:
    if config_file is not None and base is not None:
        pinned = _pinned_from_base(root, config_file, base)
        if pinned is not None:
            return pinned
    if config_file is not None:
        reader, where = pinned_reader(config_file)
        return Policy(reader, where, f"--config {config_file}", _work_tree_file(root))
    if base is None:
        return Policy(None, "", "work tree")
    from opencheck import diffmode  # merge-request mode only

    reader = diffmode.config_reader(root, base.commit)
    return Policy(reader, f" ({base.label})", f"base {base.label}", _not_applied(root, reader))


def _pinned_from_base(root: Path, config_file: Path, base: Base) -> Policy | None:
    """`--config FILE` kept in the checkout (the Action's `config` input names a path of
    the checkout): in merge-request mode, the file as the base revision has it, since
    the change could relax it there as it could `.opencheck.yml`; None for a file
    outside the checkout (a CI variable's) or that no commit of it holds (the base
    branch's copy the job checked out there), read as it is."""
    from opencheck import diffmode  # merge-request mode only

    found = diffmode.in_checkout(config_file, root)
    if found is None or not diffmode.committed(*found):
        return None  # outside, or written there by the CI job (the base's, checked out)
    folder, inside = found
    name = "pyproject.toml" if config_file.name == "pyproject.toml" else CONFIG_FILES[0]
    revision = diffmode.config_reader(folder, base.commit)

    def read(wanted: str) -> bytes | None:
        return revision(inside) if wanted == name else None
    return Policy(read, f" (--config {inside}, {base.label})",
                  f"--config {inside} ({base.label})", _work_tree_file(root))


def _work_tree_file(root: Path) -> str | None:
    """The repository's own configuration file, which a pinned policy replaces."""
    try:
        _, name = read_config(root)
    except ConfigError:
        return ".opencheck.yml"
    return name


def _not_applied(root: Path, base: Reader) -> str | None:
    """The work tree's configuration file when it says something the base does not."""
    try:
        ours, name = read_config(root)
    except ConfigError:
        return ".opencheck.yml"
    try:
        theirs, _ = read_config(root, base)
    except ConfigError:
        theirs = None
    return name if name is not None and ours != theirs else None
