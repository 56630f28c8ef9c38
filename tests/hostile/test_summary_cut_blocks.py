# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A file name holding `<details>` or `</details>` in a table cell does not move where
the GitHub summary's cut closes its folded block."""

from __future__ import annotations

from pathlib import Path

from opencheck.ci import github


def _structure(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines()
            if line.startswith("<details>") or line == "</details>"]


def _summary(cell: str) -> str:
    rows = [f"| ❌ | secret-in-tree | `{cell}{number}.env` | a key |" for number in range(400)]
    return "\n".join(["## opencheck", "", "<details><summary>Every finding</summary>", "",
                      "| | rule | where | what |", "|---|---|---|---|", *rows, "",
                      "</details>", ""])


def test_closing_tags_in_file_names_do_not_leave_the_block_open(tmp_path: Path) -> None:
    shown = github.within_limit(_summary("a</details>"), tmp_path / "opencheck.md", "en",
                                limit=8_000)
    before_note = shown[:shown.index("> ✂")]
    assert _structure(before_note) == ["<details><summary>Every finding</summary>", "</details>"]


def test_opening_tags_in_file_names_add_no_closer(tmp_path: Path) -> None:
    summary = "\n".join(f"| ❌ | secret-in-tree | `<details>{n}.env` | a key |"
                        for n in range(400))
    shown = github.within_limit(summary, tmp_path / "opencheck.md", "en", limit=8_000)
    assert "\n</details>\n" not in shown
