# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Judgements of a value alone, remembered for the values met again.

A history holds each file once per version, and every version repeats the lines the
commit did not touch: the same certificate, the same `password => 'changeme'`, judged
again in each blob. The checks that depend on the value's bytes alone (its entropy,
whether it reads as a placeholder, a keyboard run, a PEM body of base64) are computed
once per value here: on alphagov/govuk-puppet's 44,000 blobs they were a quarter of
the scan. Memory is bounded by the bytes of the values kept, never by the history.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

LONGEST = 8 << 10  # a longer value is judged each time (a key store's dump, a bundle)
KEPT_BYTES = 4 << 20  # past this, what was kept is forgotten and kept anew


def remembered(judge: Callable[[bytes], T]) -> Callable[[bytes], T]:
    """`judge`, computed once per value of at most LONGEST bytes (it must depend on
    the value's bytes alone)."""
    known: dict[bytes, T] = {}
    held = 0

    def judged(value: bytes) -> T:
        nonlocal held
        if len(value) > LONGEST:
            return judge(value)
        try:
            return known[value]
        except KeyError:
            pass
        if held + len(value) > KEPT_BYTES:
            known.clear()
            held = 0
        result = known[value] = judge(value)
        held += len(value) + 64  # the dictionary's own share of an entry, roughly
        return result

    judged.__doc__ = judge.__doc__
    judged.__wrapped__ = judge  # type: ignore[attr-defined]
    return judged
