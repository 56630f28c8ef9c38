# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A pattern searched only in the runs of the bytes its matches are made of gives what
`finditer` gives: every detector that can be planned, on data built to cross every edge
(runs cut by a newline, a start inside a run, a look-ahead on the byte after, `2A`)."""

from __future__ import annotations

import random

import pytest

from opencheck.secrets import detectors, runs
from opencheck.secrets.detectors import DETECTORS, scan
from secret_samples import Samples

PLANNED = [(index, detector) for index, detector in enumerate(DETECTORS)
           if runs.plan(detector.pattern) is not None]


def _data(seed: int) -> bytes:
    """Digits and separators (numbers, NIR-like and IBAN-like runs), identifiers,
    base64, keywords of the token detectors, newlines, in random pieces."""
    randomly = random.Random(seed)
    samples = Samples(seed)
    pieces = [b"1", b"2", b" ", b".", b"2A", b"2b", b",", b"/", b"-", b"\n", b"x", b"_",
              b"Key=", b"AccountKey=", b"sk_live_", b"sq0atp-", b"FR76", b"10.", b"192.168.",
              b"AKIA", b"ghp_", b"glpat-", b"xoxb-", b"eyJ", b"AIza", b"=", b"+", b"/"]
    out = bytearray()
    while len(out) < 120_000:
        roll = randomly.random()
        if roll < 0.5:
            out += randomly.choice(pieces)
        elif roll < 0.8:
            out += str(randomly.randint(0, 10 ** randomly.randint(1, 18))).encode()
        elif roll < 0.95:
            out += bytes(randomly.choice(b"ABCDEFabcdef0123456789+/_-")
                         for _ in range(randomly.randint(1, 60)))
        else:
            out += (samples.nir() if randomly.random() < 0.7 else samples.iban()).encode()
    return bytes(out)


@pytest.mark.parametrize(("index", "detector"), PLANNED,
                         ids=[f"{index}-{detector.kind}" for index, detector in PLANNED])
def test_the_runs_give_what_finditer_gives(index: int, detector: detectors.Detector) -> None:
    plan = runs.plan(detector.pattern)
    assert plan is not None
    for seed in range(4):
        data = _data(seed * 100 + index)
        haystack = data.lower() if detector.lowered else data
        for start in (0, 1, 7_777, 60_001):
            expected = [(m.span(), m.groups()) for m in detector.pattern.finditer(haystack, start)]
            got = [(m.span(), m.groups()) for m in runs.finditer(detector.pattern, haystack,
                                                                 start, plan)]
            assert got == expected, (detector.kind, seed, start)


def test_the_nir_detector_is_searched_by_runs_and_finds_its_numbers() -> None:
    """A valid NIR after 200 KB of numbers (a data file, a notebook's outputs)."""
    nir = Samples(3).nir()
    numbers = b"\n".join(b"%d.%d;%d" % (n * 7919, n % 97, n * 1234567) for n in range(20_000))
    data = numbers + b"\nnumero_secu: " + nir.encode() + b"\n"
    (nir_detector,) = [detector for detector in DETECTORS if detector.kind == "nir"]
    # searched by runs: a plan is worked out for it (None would search it as before)
    assert nir_detector.by_runs and detectors._run_plan(nir_detector) is not None
    hits = [hit for hit in scan(data, "data/export.csv") if hit.kind == "nir"]
    assert [hit.line for hit in hits] == [data.count(b"\n")]


def test_what_cannot_be_planned_is_searched_as_it_is() -> None:
    import re

    for pattern in (rb"^\d{15}$", rb"(\d)\1{14}", rb"\d{3}", rb"[^x]{20}", rb"\d{15}(?=.*x)"):
        assert runs.plan(re.compile(pattern)) is None, pattern
