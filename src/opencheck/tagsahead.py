# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The tags' `git for-each-ref` started ahead: registered here, where the engine imports
it, so that the engine starts it before it imports the families (0.1 s of Python while
git reads the tags on the other core; the first rules of a run read them, no later)."""

from __future__ import annotations

from opencheck.registry import Context, ahead
from opencheck.repository import StartedTags, TagReader

# Rules that read the tags whenever they run on a git work tree whose objects may be
# read (tests/test_tags_ahead.py holds each to it): one of them in the run starts the
# tags' git ahead. Others read them only sometimes (with a changelog, a publiccode.yml):
# alone in a run, they ask git when they need the tags.
TAG_READERS = frozenset({"history-semver-tags", "history-signed-tags",
                         "activity-recent-release"})


@ahead("tags", TAG_READERS)
def start_tags(ctx: Context) -> StartedTags | None:
    git = ctx.repo.git
    reader = git.read_tags if git is not None else None
    if git is None or not isinstance(reader, TagReader) or git.tags_read:
        return None
    return reader.start()
