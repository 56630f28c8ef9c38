# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every detector and parser that reads repository bytes stays linear on 5 MB of the
input that would make a backtracking pattern quadratic, and still does its job after.

Each case runs in a forked child (hostile/bounded.py) and must take under 2 s of CPU
time (user + sys) on 5 MB, the issue's bar; a child past the ceiling of CPU time is
stopped (a quadratic pattern takes hours on these inputs). The figures are in
benchmarks/hostile.md. What a file's size does not bound is bounded by its caller: a
licence text is read up to `MAX_TEXT`, and tested through the function that cuts it.
"""

from __future__ import annotations

import random
import re

import pytest
from reuse.extract import REUSE_IGNORE_END, REUSE_IGNORE_START, filter_ignore_block

from hostile.bounded import CPU_CEILING, under_the_bar
from hostile.pathological import REUSE, SECRETS, SIZE, Case, numbered_lines, run
from opencheck.checks.readme import PUBLISHER_TEXT
from opencheck.deps.copied import _NOISE
from opencheck.licensing.declarations import _HEADER_END
from opencheck.licensing.identify import _GNU_TITLE, _LATER, _THIRD_PARTY, MAX_TEXT, identify
from opencheck.reuse_adapter import extract, without_ignored_blocks
from opencheck.secrets.detectors import scan
from secret_samples import Samples

TOKEN = Samples().github()
# The child's own ceiling decides; the test's time-out only backs it up.
pytestmark = pytest.mark.timeout(CPU_CEILING * 3)


def _secret_kinds(case: Case) -> list[str]:
    data = case.data() + b"\nGITHUB=" + TOKEN.encode() + b"\n"
    return sorted({hit.kind for hit in scan(data, "deploy.env")})


@pytest.mark.parametrize("case", SECRETS, ids=lambda case: case.name)
def test_secret_detectors_stay_linear_and_find_the_token_after(case: Case) -> None:
    assert "github-token" in under_the_bar(lambda: _secret_kinds(case))


def test_many_distinct_near_matches_stay_bounded() -> None:
    data = numbered_lines(b'secret="Value{n}x"\n')
    assert "github-token" in under_the_bar(
        lambda: sorted({hit.kind for hit in scan(data + b"\n" + TOKEN.encode(), "x.env")})
    )


def _reuse_reads(data: bytes) -> tuple[list[str], list[str]]:
    """The expressions, then the start of each copyright notice."""
    info = extract(data + b"\n# SPDX-License-Identifier: EUPL-1.2\n", magic=True)
    return (sorted(map(str, info.spdx_expressions)),
            sorted(str(notice)[:40] for notice in info.copyright_notices))


@pytest.mark.parametrize("case", REUSE, ids=lambda case: case.name)
def test_reuse_extraction_stays_bounded(case: Case) -> None:
    assert "EUPL-1.2" in under_the_bar(lambda: _reuse_reads(case.data()))


def test_reuse_reads_a_header_line_padded_with_blanks() -> None:
    line = b"# SPDX-License-Identifier: MIT" + b" \t" * 1500 + b"\n"
    assert under_the_bar(lambda: _reuse_reads(line)) == repr((["EUPL-1.2", "MIT"], []))
    # reuse takes minutes on this line (its patterns backtrack over the blanks)
    line = b"# SPDX-License-Identifier: MIT" + b" \t" * 1500 + b"OR Apache-2.0\n"
    assert under_the_bar(lambda: _reuse_reads(line)) == \
        repr((["EUPL-1.2", "MIT OR Apache-2.0"], []))


def test_reuse_extraction_of_many_distinct_header_lines_stays_bounded() -> None:
    data = numbered_lines(b"# SPDX-FileCopyrightText: 2020 Jane Doe {n}\n")
    assert "Jane Doe 0" in under_the_bar(lambda: _reuse_reads(data))


def test_ignored_blocks_are_those_reuse_drops() -> None:
    rng = random.Random(3)
    atoms = [REUSE_IGNORE_START, REUSE_IGNORE_END, "a", "\n"]
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 8)))
        in_block = rng.random() < 0.5
        assert without_ignored_blocks(text, in_block) == tuple(
            filter_ignore_block(text, in_block)
        ), (text, in_block)


LICENCE_TEXT_PATTERNS = [
    # "or" then blanks: `\s+` and `\s*` split the run every way (80 KB: minutes)
    (_LATER, run(b" ", b"or", b"x"), None),
    (_LATER, run(b" ", b"or", b"any later"), "or"),
    (_GNU_TITLE, run(b"\n"), None),
    (_THIRD_PARTY, run(b"#"), None),
    (_HEADER_END, run(b"\t", b"MIT", b"x"), None),
    (_NOISE, run(b"<"), "<"),
    (PUBLISHER_TEXT, run(b"-"), None),
    (PUBLISHER_TEXT, run(b"a.", b"", b"gouv.fr"), "gouv.fr"),
]


@pytest.mark.parametrize(("pattern", "data", "found"), LICENCE_TEXT_PATTERNS,
                         ids=lambda value: getattr(value, "pattern", "")[:30] or None)
def test_licence_and_readme_patterns_stay_linear(
    pattern: re.Pattern[str], data: bytes, found: str | None
) -> None:
    def first() -> str | None:
        match = pattern.search(data.decode("latin-1"))
        return None if match is None else match.group(0)[:2] + match.group(0)[-7:]

    result = under_the_bar(first)
    if found is None:
        assert result in ("None", repr(" ")), result
    else:
        assert found in result


def test_a_licence_text_is_read_up_to_its_bound_whoever_passes_it() -> None:
    # The third-party heading pattern tries each line start: 5 MB of blank lines is
    # about 1 s of CPU alone (2 s on a loaded machine), so `identify` reads only the
    # first MAX_TEXT characters of any text, as `identify_bytes` does of a file.
    text = "# " + "\n" * SIZE + "Third-party code\n"
    assert under_the_bar(lambda: (_THIRD_PARTY.search(text, 0, MAX_TEXT), identify(text).notes)) \
        == repr((None, ("truncated",)))


def test_an_allow_marker_counts_anywhere_on_a_long_line_read_once() -> None:
    line = b"".join(b'password="Xy7kq9Lm3Qz%d" ' % n for n in range(SIZE // 26))

    def allowed(data: bytes) -> list[bool]:
        return sorted({hit.allowed_inline for hit in scan(data, "deploy.env")})

    assert under_the_bar(lambda: allowed(line + b"# opencheck: allow\n")) == "[True]"
    assert under_the_bar(lambda: allowed(line + b"\n# opencheck: allow\n")) == "[False]"
