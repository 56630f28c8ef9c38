# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The globs of deployment files are tried on the test keys within a bound (review14).

Each key of a test folder is tried on every glob of its shape (10c787d): deployment
files holding 50,000 globs of one shape (the bound on globs) cost 94 ms a key, a tree of
10,000 test keys a quarter of an hour. Past MAX_MATCHES tries in a run, the keys left
count as named (they keep blocking), as past the other bounds."""

from __future__ import annotations

import pytest

from hostile.steps import steps
from opencheck.secrets import testkeys

KEYS = [f"tests/certs/k{n}.pem" for n in range(1_000)]
# a CI job's lines: a container file would name the folder `tests/certs` itself
DECOYS = "deploy:\n  script:\n" + "".join(
    f"    - scp tests/certs/*x{n} prod:/etc/\n" for n in range(1_000))
CI = ".gitlab-ci.yml"


def test_the_tries_of_globs_on_keys_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # the same bound, sooner (raising=False: a tree without it fails on its steps)
    monkeypatch.setattr(testkeys, "MAX_MATCHES", 20_000, raising=False)
    files = testkeys.DeploymentFiles([CI, *KEYS], {CI: DECOYS}.get)
    taken, used = steps(lambda: [files.used(key) for key in KEYS], limit=3_000_000)
    # the first keys were tried (no glob matches them); past the bound, the others
    # count as named
    assert not used[0] and all(used[len(used) // 2:])
    assert taken < 1_500_000  # without it: a million tries, 15 million steps


def test_under_the_bound_a_key_no_glob_matches_is_not_named() -> None:
    files = testkeys.DeploymentFiles([CI, *KEYS[:3]], {CI: DECOYS}.get)
    assert not files.used(KEYS[0])
    assert not files.incomplete
