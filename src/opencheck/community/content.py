# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Content rules whose file is missing fail, quietly.

"SECURITY gives a contact" is not met when there is no SECURITY file. If such rules
skipped instead, deleting a poor file would raise the readiness score; so they fail,
with one finding at `info` severity that points to the presence rule, which carries
the real message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps

from opencheck.model import Finding, Severity, Text
from opencheck.registry import CheckFunction, Context, check


class MissingFile(Exception):
    """The file a content rule reads does not exist (or cannot be read)."""

    def __init__(self, stem: str, presence_rule: str) -> None:
        super().__init__(stem)
        self.stem = stem
        self.presence_rule = presence_rule


WRITTEN_BY_INIT = {"CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "CHANGELOG"}


def _fix(stem: str) -> Text:
    if stem in WRITTEN_BY_INIT:
        return Text(fr=f"Créez {stem}.md : `opencheck init` en écrit un, à compléter.",
                    en=f"Create {stem}.md: `opencheck init` writes one for you to complete.")
    return Text(fr=f"Créez {stem}.md.", en=f"Create {stem}.md.")


def content_check(rule_id: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check that may raise MissingFile before it yields anything."""

    def register(function: CheckFunction) -> CheckFunction:
        @wraps(function)
        def wrapper(ctx: Context) -> Iterator[Finding]:
            try:
                found = list(function(ctx))
            except MissingFile as missing:
                yield Finding(
                    rule=rule_id,
                    message=Text(
                        fr=f"Pas de fichier {missing.stem} lisible : exigence non remplie "
                        f"(voir {missing.presence_rule}).",
                        en=f"No readable {missing.stem} file: requirement not met "
                        f"(see {missing.presence_rule}).",
                    ),
                    severity=Severity.INFO,
                    fix=_fix(missing.stem),
                    key="missing-file",
                )
                return
            yield from found

        check(rule_id)(wrapper)
        return wrapper

    return register
