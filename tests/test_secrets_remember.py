# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Judgements of a value alone are computed once per value (a history repeats each
file's lines in every version), give what the judgement gives, and keep a bounded
number of bytes whatever the values met."""

from __future__ import annotations

import random

from opencheck.secrets import remember
from opencheck.secrets.detectors import entropy, looks_placeholder
from opencheck.secrets.remember import remembered


def test_a_value_met_again_is_judged_once() -> None:
    calls: list[bytes] = []

    @remembered
    def judge(value: bytes) -> int:
        calls.append(value)
        return len(value)

    assert [judge(b"secret"), judge(b"secret"), judge(b"other")] == [6, 6, 5]
    assert calls == [b"secret", b"other"]
    long = b"x" * (remember.LONGEST + 1)  # too long to keep: judged each time
    assert judge(long) == judge(long)
    assert calls.count(long) == 2


def test_what_is_kept_stays_within_its_bytes() -> None:
    calls = 0

    @remembered
    def judge(value: bytes) -> bytes:
        nonlocal calls
        calls += 1
        return value

    size = remember.LONGEST
    kept = remember.KEPT_BYTES // (size + 64)
    values = [index.to_bytes(4, "big") * (size // 4) for index in range(kept + 100)]
    for value in values * 2:
        assert judge(value) == value
    assert calls > len(values)  # more than it may keep: some were judged again
    held = next(cell.cell_contents for cell in judge.__closure__ or ()
                if isinstance(cell.cell_contents, dict))
    assert 0 < sum(len(value) + 64 for value in held) <= remember.KEPT_BYTES


def test_the_remembered_judgements_answer_as_computed_each_time() -> None:
    randomly = random.Random(5)
    alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=_-.*"
    values = [bytes(randomly.choice(alphabet) for _ in range(randomly.randint(0, 80)))
              for _ in range(2_000)]
    values += [b"changeme", b"xxxxxxxx", b"<your-password>", b"${DB_PASSWORD}", b"..."]
    for value in values + values:
        assert entropy(value) == entropy.__wrapped__(value)  # type: ignore[attr-defined]
        assert looks_placeholder(value) == \
            looks_placeholder.__wrapped__(value)  # type: ignore[attr-defined]
