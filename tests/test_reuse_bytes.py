# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The raw-byte shortcuts of the REUSE adapter agree with reuse's own reading.

reuse (with libmagic, its encoding detector here) is the oracle: on many kinds of
bytes, the shortcut's answer must be the one reuse reaches the slow way.
"""

from __future__ import annotations

import io
import random

import pytest
from reuse.extract import detect_encoding, reuse_info_of_file

from opencheck.reuse_adapter import (
    _BLANK_RUN,
    HEURISTICS_CHUNK_SIZE,
    MAX_MARKER_LINE,
    MAX_MARKER_PREFIX,
    MarkerBudget,
    _squeezed_head,
    _squeezed_tail,
    cannot_hold_info,
    extract,
    head_is_utf8_text,
    marker_window,
)

# REUSE-IgnoreStart
HEADER = "SPDX-FileCopyrightText: 2026 Société Exemple\nSPDX-License-Identifier: EUPL-1.2\n"


def samples() -> list[bytes]:
    rng = random.Random(7)
    found: list[bytes] = []
    for byte in [*range(32), 127]:
        found.append(b"x = 1\n" + bytes([byte]) + b"\n# SPDX-License-Identifier: MIT\n")
        found.append(b"plain text " + bytes([byte]) + b" without any marker\n")
    accented = ("# é" * 700 + "\n" + HEADER).encode()
    for cut in range(2040, 2056):
        found.append(accented[:cut] + HEADER.encode())
        found.append(b"a" + accented[:cut])
    for encoding in ("latin-1", "cp1252", "mac_roman", "utf-16", "utf-16-le", "utf-16-be",
                     "utf-32", "utf-8-sig", "cp850", "utf-7"):
        found.append(("/* © 2020 Éloïse\n" + HEADER + "*/\n").encode(encoding))
        found.append("Café crème, pas de mention\n".encode(encoding))
    found += [
        b"+/v8-\nSPDX-FileCopyrightText: 2026 X\n",
        b"+/v8-\n+AKk- 2026 Jane Doe\n",
        b"\xef\xbb\xbfSPDX-FileCopyrightText: 2026 X\n",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) + b"SPDX-License-Identifier: MIT\n",
        b"\xa9 2020 Jane Doe\n",
        b"Copyright",
        b"\xc2\xa9",
        "© Jane".encode(),
        b"REUSE-" b"IgnoreStart\nSPDX-License-Identifier: MIT\nREUSE-" b"IgnoreEnd\n",
        b"x" * 70000 + b"\nSPDX-License-Identifier: MIT\n",
        b"\n" * 65535 + b"SPDX-FileCopyrightText: 2026 Straddling chunk\n",
        # UTF-8 French text: every `é` ends with the byte A9 (© in ISO-8859-1)
        "Société générale, aucune mention\n".encode(),
        "é".encode() * 1500 + b"\n\xa9 2020 Jane Doe\n",  # a lone A9 after a UTF-8 head
        "é".encode() * 1023 + b"\xc3\n\xa9 2020 Jane Doe\n",  # the head ends mid-letter
        "é".encode() * 1500 + "\n© 2020 Jane Doe\n".encode(),
        "é".encode() * 40000 + "\n© 2020 Jane Doe\n".encode(),  # past the first chunk
    ]
    for _ in range(300):
        size = rng.choice([1, 2, 50, 500, 3000])
        alphabet = rng.choice([bytes(range(32, 127)) + b"\n\t", bytes(range(256)),
                               "éàç€©\n abc".encode()])
        body = bytes(rng.choice(alphabet) for _ in range(size))
        if rng.random() < 0.5:
            body += rng.choice([b"SPDX-License-Identifier: MIT\n", b"Copyright 2020 X\n",
                                "© X\n".encode(), b"\xa9 X\n"])
        found.append(body)
    return found


SAMPLES = samples()


def reuse_reads(data: bytes) -> tuple[set[str], set[str]]:
    info = reuse_info_of_file(io.BytesIO(data))
    return {str(n) for n in info.copyright_notices}, {str(e) for e in info.spdx_expressions}


@pytest.mark.parametrize("data", SAMPLES, ids=range(len(SAMPLES)))
def test_shortcuts_agree_with_reuse(data: bytes) -> None:
    expected = reuse_reads(data)
    head = data[:2048]
    if head_is_utf8_text(head):
        assert detect_encoding(head) == "utf_8"
    if cannot_hold_info(data, magic=True):
        assert expected == (set(), set())
    info = extract(data, magic=True)
    notices = {str(n) for n in info.copyright_notices}
    assert {str(e) for e in info.spdx_expressions} == expected[1]
    if max(map(len, data.split(b"\n"))) > MAX_MARKER_LINE:
        # A marker line past the window is cut (reuse backtracks on it): the notice's
        # text differs, never whether there is one.
        assert bool(notices) == bool(expected[0])
    else:
        assert notices == expected[0]


def test_the_shortcuts_are_taken_for_ordinary_text() -> None:
    assert head_is_utf8_text(b"print('hello')\n")
    assert head_is_utf8_text("# Société\n".encode())
    assert not head_is_utf8_text(b"\xef\xbb\xbfBOM")
    assert not head_is_utf8_text(b"+/v8-")
    assert cannot_hold_info(b"def f():\n    return 1\n", magic=True)
    assert not cannot_hold_info(b"# Copyright 2020 X\n", magic=True)
    assert not cannot_hold_info("é".encode("utf-16"), magic=True)
    assert not cannot_hold_info("café".encode("latin-1"), magic=False)
    assert not cannot_hold_info("© café".encode("latin-1"), magic=True)
    # read as UTF-8, French text holds no © (C2 A9) for its é (C3 A9)
    assert cannot_hold_info("# Société générale\n".encode(), magic=True)
    assert not cannot_hold_info("# © Société générale\n".encode(), magic=True)
    assert not cannot_hold_info("# Société générale\n".encode(), magic=False)


def test_the_head_read_for_the_encoding_is_reuses() -> None:
    import reuse.extract

    assert HEURISTICS_CHUNK_SIZE == reuse.extract.HEURISTICS_CHUNK_SIZE


@pytest.mark.parametrize("text", [
    "",
    "Copyright 2020 A",
    "x\nCopyright 2020 A\ny\n",
    "a © b Copyright c SPDX-License-Identifier: MIT\nplain\n© 2021 B\n",
    "SPDX-FileCopyrightText: 2020 C\nSPDX-License-Identifier: MIT\n\n\nCopyright 2019 D\n"
    "Copyright 2019 D again Copyright\nlast line Copyright 2018 E",
    "\n".join(f"line {index}" + (" Copyright 2020 F" if index % 7 == 0 else "")
              for index in range(500)),
])
def test_reuse_reads_the_lines_holding_a_marker_in_order(text: str) -> None:
    """What reuse is fed of a file: each line holding `SPDX-`, `Copyright` or `©`, once,
    in the file's order, the last line too when it has no newline."""
    markers = ("SPDX-", "Copyright", "\u00a9")
    wanted = list(dict.fromkeys(line for line in text.split("\n")
                                if any(marker in line for marker in markers)))
    assert MarkerBudget().marker_lines(text) == "\n".join(wanted)


def test_a_marker_line_is_squeezed_and_cut_as_a_whole_squeeze_would() -> None:
    """A long line is cut to the window around its first marker after its blank runs
    are squeezed: squeezing only the window's part gives what squeezing the whole line
    gives, on lines of every mix of blanks (Unicode ones too), words and markers."""
    def whole(line: str) -> str:
        squeezed = _BLANK_RUN.sub(" ", line)
        first = min(i for i in map(squeezed.find, ("SPDX-", "Copyright", "\u00a9")) if i >= 0)
        return squeezed[max(0, first - MAX_MARKER_PREFIX): first + MAX_MARKER_LINE]

    rng = random.Random(11)
    pieces = [" ", "\t", "    ", " " * 70, "\u00a0", "\x0b", "\u3000", "a", "bc", "\u00e9",
              "x" * 300, "\u00a9", "Copyright", "SPDX-"]
    for _ in range(3_000):
        parts = [rng.choice(pieces) for _ in range(rng.choice([3, 20, 200, 900]))]
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(["\u00a9", "Copyright", "SPDX-"]))
        line = "".join(parts)
        assert marker_window(line) == whole(line)


def test_a_squeeze_stops_at_a_cut_in_a_run_of_blanks_as_a_whole_squeeze() -> None:
    """Windows of every size, cut anywhere in runs of tabs and spaces of every length:
    the part squeezed gives what the whole squeeze gives (a run cut short is squeezed as
    the whole run is)."""
    rng = random.Random(5)
    for _ in range(5_000):
        line = "".join(rng.choice(["\t", " ", "\u00a0", "a", "b", "\u00a9"])
                       for _ in range(rng.randrange(1, 60)))
        places = [index for index, char in enumerate(line) if char.strip()]
        if not places:
            continue
        at, size = rng.choice(places), rng.randrange(1, 12)
        assert _squeezed_head(line, at, size) == _BLANK_RUN.sub(" ", line[at:])[:size]
        before = _BLANK_RUN.sub(" ", line[:at])
        assert _squeezed_tail(line, at, size) == before[max(0, len(before) - size):]

# REUSE-IgnoreEnd
# REUSE-IgnoreEnd
