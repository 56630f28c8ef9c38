# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The regular expressions of the JSON Schemas that judge CITATION.cff and
publiccode.yml run on the repository's values, and stay linear there.

jsonschema searches each `pattern` with Python's backtracking engine. CFF 1.2.0's
e-mail pattern, `^[\\S]+@[\\S]+\\.[\\S]{2,}$`, is quadratic: an author's address of
40 KB that fails (a blank at its end) took 5.7 s of CPU, one of 1 MB (the YAML size
limit) about an hour, and a YAML alias repeats that value in every author (up to the
100 aliases a YAML file may hold: a hundred hours). The regex probe read opencheck's own
patterns only, not the schemas'.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from hostile.bounded import CPU_CEILING, under_the_bar
from hostile.regexprobe import collect
from opencheck import schemapatterns
from opencheck.research import cff

CFF_EMAIL = r"^[\S]+@[\S]+\.[\S]{2,}$"
# The child's own ceiling decides; the test's time-out only backs it up.
pytestmark = pytest.mark.timeout(CPU_CEILING * 3)


def _citation(address: str, aliases: int = 0) -> bytes:
    authors = f'  - family-names: A\n    email: &e "{address}"\n' + "".join(
        f"  - family-names: A{n}\n    email: *e\n" for n in range(aliases))
    return f"cff-version: 1.2.0\nmessage: m\ntitle: X\nauthors:\n{authors}".encode()


def test_a_citations_long_address_is_judged_in_linear_time() -> None:
    address = "a@" + "a." * 500_000 + "! "  # 1 MB, the YAML size limit
    said = under_the_bar(lambda: [p.where for p in cff.parse(_citation(address)).problems])
    assert "authors/0" in said  # still an invalid address


def test_an_address_repeated_by_aliases_is_judged_in_linear_time() -> None:
    address = "a@" + "a." * 20_000 + "! "
    said = under_the_bar(lambda: len(cff.parse(_citation(address, aliases=99)).problems))
    assert said == "50"  # every author's address is wrong (50 problems are kept)


def test_the_validators_never_search_with_a_schemas_backtracking_pattern(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema._keywords

    searched: list[str] = []

    class Recording:
        def __getattr__(self, name: str) -> Any:
            return getattr(re, name)

        @staticmethod
        def search(pattern: str, text: str, flags: int = 0) -> Any:
            searched.append(pattern)
            return re.search(pattern, text, flags)

    monkeypatch.setattr(jsonschema._keywords, "re", Recording())
    citation = cff.parse(_citation("someone@example.org"))
    assert not citation.problems
    assert CFF_EMAIL not in searched


def test_the_equivalent_matches_what_the_schemas_pattern_matches() -> None:
    original = re.compile(CFF_EMAIL)
    for length in range(8):
        for letters in itertools.product("a@. \t\n", repeat=length):
            text = "".join(letters)
            assert schemapatterns.matches(CFF_EMAIL, text) == bool(original.search(text)), text
    for address in ("a@b.cd", "@@b.cd", "a@b.c", "a@.cd", "a@b..cd", "x@y.z.fr\n", "a@b.cd e"):
        assert schemapatterns.matches(CFF_EMAIL, address) == bool(original.search(address))


def test_the_probe_reads_every_pattern_of_the_shipped_schemas() -> None:
    """So that tests/hostile/test_every_pattern.py tests each for linear growth, as it
    does opencheck's own: a schema brought in with a backtracking pattern fails there."""
    probed = {site.pattern.pattern for site in collect().found}
    for source in schemapatterns.PATTERNS:
        assert schemapatterns.EQUIVALENTS.get(source, source) in probed, source
    assert {"^(https|http|ftp|sftp)://.+", CFF_EMAIL} <= set(schemapatterns.PATTERNS)
