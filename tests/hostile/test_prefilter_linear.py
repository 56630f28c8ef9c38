# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The Hyperscan prefilter scans a blob of any size in one pass, in linear time.

Its database once grew with the square of a blob full of near-matches (5 MB of
`glpat-glpat-...`: 106 s), and large blobs were cut into windows for it. With one pass
over the whole blob, this test is what holds it linear: every detector's pathological
runs (built by the regex probe from each pattern's own parse, plus the hand-made cases
of pathological.py) are screened at 128 KB, and the slowest three of each pattern timed
again at 1 MB in CPU time: linear is 8 times more, quadratic 64.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from hostile.pathological import SECRETS
from hostile.regexprobe import encode, inputs
from opencheck.secrets import detectors, multimatch

pytest.importorskip("hyperscan")
# Hundreds of runs screened and timed in CPU time: the ratio says linear or not; the
# wall time is the machine's (47-65 s at a load of 30 on 2 cores, past the folder's 60 s).
pytestmark = pytest.mark.timeout(300)

SMALL = 128 * 1024
BIG = 1024 * 1024
GROWTH = 24.0  # three times linear
NOISE = 0.02  # CPU seconds at 1 MB under which a ratio says nothing
BAR = 2.0 * BIG / (5 * 1024 * 1024)  # the 2 s per 5 MB, at 1 MB
KEEP = 3


def _runs() -> Iterator[tuple[str, bytes, bytes, bytes]]:
    """(pattern, prefix, unit, suffix) of every pathological run."""
    # the detectors held to a word are looked for by their own pattern where it is
    gated = [detectors.DETECTORS[index].pattern for index in sorted(detectors.GATED)]
    for pattern in [spec[0] for spec in detectors.engine_patterns()] + gated:
        for item in inputs(pattern, limit=80):
            yield (repr(pattern.pattern[:40]), encode(pattern, item.prefix),
                   encode(pattern, item.unit) or b" ", encode(pattern, item.suffix))
    for case in SECRETS:
        yield case.name, case.prefix, case.unit, case.suffix


def _data(prefix: bytes, unit: bytes, suffix: bytes, size: int) -> bytes:
    return prefix + unit * max(1, (size - len(prefix) - len(suffix)) // len(unit)) + suffix


def _cpu(engines: list[multimatch.Engine], data: bytes) -> float:
    best = float("inf")
    for _ in range(2):  # the lower of two: a loaded machine only adds
        start = time.process_time()
        for engine in engines:
            engine.first_ends(data)
        best = min(best, time.process_time() - start)
    return best


def test_the_prefilter_is_linear_on_every_pathological_run() -> None:
    # the main database, and that of the detectors held to a word (`detectors.GATED`),
    # which a blob holding the word goes through too
    engines = [multimatch.HyperscanEngine(detectors.engine_patterns()),
              detectors._gated_engine()]
    assert all(isinstance(one, multimatch.HyperscanEngine) for one in engines)
    slowest: dict[str, list[tuple[float, bytes, bytes, bytes]]] = {}
    for name, prefix, unit, suffix in _runs():
        seconds = _cpu(engines, _data(prefix, unit, suffix, SMALL))
        slowest.setdefault(name, []).append((seconds, prefix, unit, suffix))
    faults = []
    for name, timed in slowest.items():
        for small, prefix, unit, suffix in sorted(timed, reverse=True)[:KEEP]:
            big = _cpu(engines, _data(prefix, unit, suffix, BIG))
            if big >= BAR or (big >= NOISE and big > GROWTH * small):
                faults.append(f"{name} on {prefix[:20]!r}+{unit[:20]!r}*: "
                              f"{small:.4f} s at 128 KB, {big:.3f} s at 1 MB")
    assert not faults, "\n".join(faults)
    assert len(slowest) > 30  # every detector and every hand-made case was run
