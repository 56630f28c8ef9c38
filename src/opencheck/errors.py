# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Errors shown to people, in French and English."""

from __future__ import annotations

from collections.abc import Iterable

from opencheck.model import Text


class OpencheckError(Exception):
    """An error whose message is for the user, in both languages."""

    def __init__(self, message: Text | str) -> None:
        self.text = message if isinstance(message, Text) else Text(message, message)
        super().__init__(self.text.en)


class DiffError(OpencheckError):
    """The change cannot be computed (unknown ref, no common history, no git).

    Defined here, not in `diffmode`, so that a run without `--diff-base` or `--staged`
    can catch it without importing merge-request mode."""


def did_you_mean(word: str, choices: Iterable[str]) -> Text:
    """A 'did you mean' suffix in both languages, or empty when nothing is close."""
    import difflib  # only on a mistyped name

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not matches:
        return Text("", "")
    return Text(f" (vouliez-vous dire '{matches[0]}' ?)", f" (did you mean '{matches[0]}'?)")


def joined(*parts: Text | str) -> Text:
    """Concatenate texts and plain strings (paths, ids) into one Text."""
    fr = "".join(p.fr if isinstance(p, Text) else p for p in parts)
    en = "".join(p.en if isinstance(p, Text) else p for p in parts)
    return Text(fr, en)
