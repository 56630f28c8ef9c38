# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The uv.lock line reader (deps/uvlock.py) stays linear on the lines that come closest
to its patterns without matching them: 5 MB of each is judged under the issue's bar,
and left to tomllib's reading (which refuses it or reads it as TOML does).

Past parsing.MAX_TOML_WORK (commas, lines, `=`, `[`, `.`) a text is not read at all;
these shapes hold few of them, so each is one long line the patterns must walk."""

from __future__ import annotations

import pytest

from hostile.bounded import under_the_bar
from opencheck.deps import uvlock

MB = 5 * 1024 * 1024
HEAD = 'version = 1\n\n[[package]]\nname = "a"\n'

SHAPES = {
    "a string never closed": lambda: HEAD + 'version = "' + "1" * MB + "\n",
    "a long key never assigned": lambda: HEAD + "k" * MB + " 1\n",
    "a long header never closed": lambda: HEAD + "[[" + "p" * MB + "]\n",
    "an inline table never closed": lambda: HEAD + 'source = { registry = "' + "r" * MB + '"\n',
    "an item without its comma": lambda: HEAD + 'wheels = [\n    { url = "' + "u" * MB + '" }\n]\n',
    "spaces before a value": lambda: HEAD + "size =" + " " * MB + "1\n",
    "digits past an integer's": lambda: HEAD + "size = " + "9" * MB + "\n",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_five_megabytes_near_uvs_shape_are_judged_under_the_bar(shape: str) -> None:
    assert under_the_bar(lambda: uvlock.document(SHAPES[shape]())) == "None"
