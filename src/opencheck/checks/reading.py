# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What could not be read is reported, never silently passed over."""

from __future__ import annotations

from collections.abc import Iterator

from opencheck.model import Finding, Text
from opencheck.registry import Context, check


@check("git-readable")
def git_readable(ctx: Context) -> Iterator[Finding]:
    if ctx.repo.git_error:
        yield Finding(
            rule="git-readable",
            message=Text(
                fr="git ne peut pas lire ce dépôt ({error}) : il est examiné comme un dossier.",
                en="git cannot read this repository ({error}): it is scanned as a plain folder.",
            ).format(error=ctx.repo.git_error),
            key="git",
        )


@check("files-readable")
def files_readable(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for entry in repo.files:
        if entry.symlink_escapes or entry.size > repo.size_limit:
            repo.read_bytes(entry.path)  # records the reason without loading the file
    for path, problem in sorted(repo.unreadable.items()):
        yield Finding(
            rule="files-readable",
            message=Text(
                fr=f"Fichier non analysé : {problem.reason_fr or problem.reason}.",
                en=f"File not analysed: {problem.reason}.",
            ),
            path=path,
            key=problem.reason,
        )
