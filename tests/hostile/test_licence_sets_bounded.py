# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Expressions of known ids are read by a licensing of their own symbols (c4e7177), one
built per distinct set of ids, 0.2-1 ms each: 2,000 distinct expressions of three ids
(a tree's headers, a lockfile's packages) took 1 s to normalise, where the whole SPDX
licensing, built once, read them in 0.09 s. Past MAX_OWN_LICENSINGS sets, the whole one
reads them (review14)."""

from __future__ import annotations

import random

from hostile.steps import steps
from opencheck import spdxlicensing
from opencheck.licensing.expressions import normalise


def _expressions(count: int) -> list[str]:
    ids = spdxlicensing.spdx_ids()
    assert ids is not None
    known = sorted(set(ids.licences.values()))
    drawn = random.Random(18)
    return [" OR ".join(drawn.sample(known, 3)) for _ in range(count)]


def test_distinct_sets_of_ids_build_a_bounded_number_of_licensings() -> None:
    expressions = _expressions(600)
    spdxlicensing.spdx_licensing()  # built once in any case, outside the count
    taken, read = steps(lambda: [normalise(expression) for expression in expressions],
                        limit=2_500_000)
    assert len(read) == len(expressions)
    assert all(" OR " in each for each in read)
    # a licensing built per set: about 7,500 steps each, 4.5 million for 600; within the
    # bound, 64 built and the rest parsed by the whole one: 1.2 million
    assert taken < 2_500_000
