# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The repository's licence as publiccode.yml's `legal.license` states it: what the
`publiccode-license` rule compares the file with, and what `init publiccode` writes."""

from __future__ import annotations

from opencheck.licensing import declarations, licence_file_paths, project_licence
from opencheck.publiccode.consistency import licence_ids, licences_in_text
from opencheck.registry import Context


def identified_licences(ctx: Context) -> set[str]:
    """The repository's licences as SPDX ids, from the licence family's identification
    (licence texts, REUSE folder, manifests, README, headers), the publiccode.yml itself
    left out; a simple reading of the licence files when it finds nothing."""
    found = [d for d in declarations(ctx) if d.kind != "publiccode"]
    project = project_licence(found)
    if project is not None:
        return licence_ids(project.spdx) or {project.spdx}
    simple: set[str] = set()
    for path in licence_file_paths(ctx.repo):
        if path.startswith("LICENSES/"):
            stem = path.removeprefix("LICENSES/").rsplit(".", 1)[0]
            simple |= licence_ids(stem) or {stem}
            continue
        text = ctx.repo.read_text(path)
        if text:
            simple |= licences_in_text(text)
    return simple


def identified_expression(ctx: Context) -> str | None:
    """The repository's licence as one SPDX expression, for `init publiccode`: the
    project's as the licence family combines it (`MIT OR Apache-2.0` stays a choice),
    else the licences its files hold, all applying."""
    project = project_licence([d for d in declarations(ctx) if d.kind != "publiccode"])
    if project is not None:
        return project.spdx
    return " AND ".join(sorted(identified_licences(ctx))) or None
