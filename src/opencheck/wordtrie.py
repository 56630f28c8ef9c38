# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One regular expression for a list of plain words, factored by prefix.

`a|b|c` with many words costs one try per word at every position of the text:
`alternation("janvier", "january", "jan")` gives `jan(?:uary|vier)?`, which costs
one character test where no word starts. It matches the same strings (where several
words match at one place, the longest is tried first), and a pattern that goes on
after it backtracks into the alternatives as before.
"""

from __future__ import annotations

import re


def alternation(*words: str) -> str:
    """A non-capturing group matching exactly `words` (plain text, escaped here)."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _spell(tree)


def _spell(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = []
    for char in sorted(key for key in node if key):
        child = node[char]
        prefix = re.escape(char)
        while len(child) == 1 and "" not in child:  # one way on: no group needed
            (char, child), = child.items()
            prefix += re.escape(char)
        branches.append(prefix + ("" if child == {"": {}} else _spell(child)))
    body = "|".join(branches)
    if "" in node:  # a word ends here: what follows is optional (longest tried first)
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"
