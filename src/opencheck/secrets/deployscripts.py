# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The deployment commands of a package.json's `scripts` or a Makefile's targets.

A key kept in a test folder warns unless what deploys the project names it
(`testkeys.py`). A project's deployment is often one of its npm scripts or make targets
(`"deploy": "scp tests/certs/prod.key prod:/etc/ssl"`, `make release`): neither file was
read, so such a key warned (READY). Only the scripts and targets named for a deployment
are read (`deploy`, `release`, `publish`, `prod`...): the others run the tests, which
name their keys.
"""

from __future__ import annotations

import re

from opencheck.parsing import load_json

RUNNERS = frozenset({"package.json", "makefile", "gnumakefile"})
_DEPLOY_WORDS = frozenset({"deploy", "deployment", "release", "publish", "prod",
                           "production", "provision", "ship"})
_WORDS = re.compile(r"[-_.:/\s]+")


def runner(name: str) -> bool:
    """Whether a file's name (lower-cased) is a package.json or a Makefile."""
    return name in RUNNERS or name.endswith(".mk")


def deploying_part(name: str, text: str) -> str:
    """The commands of `text`'s scripts or targets named for a deployment."""
    if name == "package.json":
        return "\n".join(_npm_scripts(text))
    return "\n".join(_make_recipes(text))


def _deploys(name: str) -> bool:
    return bool(_DEPLOY_WORDS.intersection(_WORDS.split(name.lower())))


def _npm_scripts(text: str) -> list[str]:
    try:
        manifest = load_json(text)
    except (ValueError, RecursionError):
        return []
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    if not isinstance(scripts, dict):
        return []
    return [command for script, command in scripts.items()
            if isinstance(command, str) and _deploys(str(script))]


def _make_recipes(text: str) -> list[str]:
    kept: list[str] = []
    keeping = False
    for line in text.splitlines():
        if line.startswith("\t"):
            if keeping:
                kept.append(line)
            continue
        targets, rest = _rule(line)
        if targets is not None:
            keeping = any(_deploys(target) for target in targets.split())
            if keeping:
                kept.append(rest)  # its prerequisites
        elif line.strip() and not line.lstrip().startswith("#"):
            keeping = False
    return kept


def _rule(line: str) -> tuple[str | None, str]:
    """A Makefile rule's targets and what follows its `:` (or `::`), told with string
    operations; (None, "") for another line (a variable's `:=`, a comment)."""
    if not line or line[0] in " #":
        return None, ""
    colon = line.find(":")
    if colon <= 0:
        return None, ""
    end = colon + 2 if line.startswith(":", colon + 1) else colon + 1
    targets = line[:colon]
    if line.startswith("=", end) or "=" in targets or "#" in targets:
        return None, ""
    return targets, line[end:]
