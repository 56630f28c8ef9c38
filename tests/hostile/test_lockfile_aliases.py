# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A YAML lockfile's aliases are counted, however the file hides them.

pnpm and yarn lockfiles are read from libyaml's events, and a file that seems to hold an
anchor or an alias goes to the bounded loader. The guess looks at the byte before `&`
or `*`; libyaml also ends lines at NEL, U+2028 and U+2029, so a flow mapping whose
items follow U+2028 hid its aliases from it, and the events' build handed them to
libyaml's safe loader, which has no bound: one importer of 3,000 dependencies named by
3,000 aliases (92 KB) made 9 million roots, 18 s and 1.2 GB; ten times the size is a
hundred times both.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import RepoFactory, run_cli
from opencheck.deps.source import load_lock_yaml
from opencheck.yamlsafe import YamlError

BREAKS = ("\u2028", "\u2029", "\x85")


def _lockfile(dependencies: int, importers: int, brk: str = "\u2028") -> str:
    """A pnpm lockfile in flow style, each anchor and alias after a line break libyaml
    knows and the guess does not."""
    deps = ", ".join(f"d{i}: 1.0.{i}" for i in range(dependencies))
    named = ",".join(f"{brk}i{j}:{brk}*a" for j in range(importers))
    return (f"{{lockfileVersion: '9.0', importers: {{first:{brk}&a "
            f"{{dependencies: {{{deps}}}}},{named}}}}}\n")


@pytest.mark.parametrize("brk", BREAKS)
def test_aliases_after_a_unicode_line_break_are_counted(brk: str) -> None:
    with pytest.raises(YamlError, match="too many YAML aliases"):
        load_lock_yaml(_lockfile(10, 500, brk).encode(), 1 << 20)


def test_a_few_such_aliases_read_as_yaml_says(brk: str = "\u2028") -> None:
    value = load_lock_yaml(_lockfile(2, 2, brk).encode(), 1 << 20)
    assert value["importers"]["i1"] == {"dependencies": {"d0": "1.0.0", "d1": "1.0.1"}}


def test_the_inventory_reports_the_lockfile_and_lists_nothing_from_it(
    make_repo: RepoFactory,
) -> None:
    root: Path = make_repo({"package.json": '{"name": "front", "license": "MIT"}',
                            "pnpm-lock.yaml": _lockfile(300, 300)})
    result = run_cli("deps", str(root), "--format", "csv")
    assert "pnpm-lock.yaml" in result.stdout + result.stderr
    assert "too many YAML aliases" in result.stdout + result.stderr
    assert "d299" not in result.stdout



STARS = "".join(f"p{i}: '*'\n" for i in range(400))  # a lockfile's `'*'` ranges


@pytest.mark.parametrize("text", [
    "&a {d: 1}\n", "x: [*a]\n", "- &a x\n- *a\n", "a: '*'\nb: 'x&y'\n", "",
    STARS, STARS + "i: &a {d: 1}\nj: *a\n", STARS + "j: *a\n", "'*' " * 5000,
    "*" * 5000,
])
def test_the_guess_sees_every_anchor_the_pattern_sees(text: str) -> None:
    """The guess is asked at each `&` and `*` (and past a few hundred of them, of the
    whole text at once): it answers as the pattern searched over the whole text."""
    from opencheck.deps.source import _ANCHOR_OR_ALIAS, _anchor_or_alias

    data = text.encode()
    assert _anchor_or_alias(data) == (_ANCHOR_OR_ALIAS.search(data) is not None)
