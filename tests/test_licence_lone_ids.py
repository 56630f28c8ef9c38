# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""An expression of one known licence id is answered from license-expression's index
without building its licensing (15-21 ms of every check); every answer is the one the
licensing gives, for every id and alias it knows, however its case is written."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from license_expression import ExpressionError

from opencheck import spdxlicensing
from opencheck.deps import compat
from opencheck.licensing import expressions
from opencheck.publiccode.consistency import licence_ids
from opencheck.spdxlicensing import spdx_ids, spdx_licensing, spdx_licensing_for


def _written() -> list[str]:
    """Every id and alias of the licensing, as it is and in lower and upper case."""
    licensing = spdx_licensing()
    words: set[str] = set()
    for key, symbol in licensing.known_symbols.items():
        for name in [key, *getattr(symbol, "aliases", ())]:
            words.update((name, name.lower(), name.upper()))
    return sorted(words)


def answer(call: Callable[[], object]) -> object:
    """What `call` gives, or the class and words of the error it raises (a check that
    cannot judge the project's licence shows them)."""
    try:
        return call()
    except Exception as error:
        return type(error), str(error)


def _by_the_licensing(expression: str) -> tuple[object, ...]:
    """normalise, keys, choices, all_required and unknown_keys as the licensing answers
    them, each an error's class when it raises."""
    licensing = spdx_licensing()

    def parse(text: str) -> Any:  # expressions.parse, by the whole licensing
        try:
            parsed = licensing.parse(text, validate=False, simple=False)
        except Exception as error:
            raise expressions.InvalidExpression(str(error)) from error
        if parsed is None:
            raise expressions.InvalidExpression("empty expression")
        return parsed

    def normal() -> str:
        text = str(parse(expression))
        for old in sorted(expressions._DEPRECATED, key=len, reverse=True):
            text = expressions._replace_id(text, old, expressions._DEPRECATED[old])
        return text

    def keys() -> list[str]:
        parsed = parse(normal())
        return sorted({str(symbol.key) for symbol in licensing.license_symbols(parsed)
                       if not symbol.is_exception})

    def choices() -> list[list[str]]:
        return expressions._choices(licensing.dedup(parse(normal())))

    def all_required() -> bool:
        try:
            return type(parse(expression)).__name__ == "AND"
        except expressions.InvalidExpression:
            return " AND " in expression.upper()

    return (answer(normal), answer(keys), answer(choices), answer(all_required),
            answer(lambda: [str(key) for key in licensing.unknown_license_keys(expression)]))


def _answered(expression: str) -> tuple[object, ...]:
    return (answer(lambda: expressions.normalise(expression)),
            answer(lambda: expressions.keys(expression)),
            answer(lambda: expressions.choices(expression)),
            answer(lambda: expressions.all_required(expression)),
            answer(lambda: expressions.unknown_keys(expression)))


def test_every_known_id_reads_as_the_licensing_reads_it() -> None:
    assert spdx_ids() is not None
    words = _written()
    answered = [word for word in words if expressions.lone_id(word) is not None]
    assert len(answered) > 4000  # ids and aliases of licences, in three cases
    different = [word for word in answered if _answered(word) != _by_the_licensing(word)]
    assert different == []


def test_every_known_id_is_validated_and_judged_as_the_licensing_does() -> None:
    """A dependency's licence (deps/compat.py) and publiccode.yml's (consistency.py)."""
    licensing = spdx_licensing()
    different = []
    for word in _written():
        known = expressions.lone_id(word)
        if known is None:
            continue
        info = licensing.validate(word)
        parsed = licensing.parse(word)
        if (compat.to_spdx(word) != str(info.normalized_expression) or info.errors
                or compat._leaf(compat._tree(word)) != compat._leaf(parsed)
                or licence_ids(word) != {str(key) for key in licensing.license_keys(
                    licensing.parse(word, strict=False))}):
            different.append(word)
    assert different == []


@pytest.mark.parametrize("expression", [
    "MIT", "mit", "GPL-3.0", "GPL-2.0+", "gpl-2.0-or-later", "LicenseRef-gpl-3.0",
    "EUPL-1.2", "Classpath-exception-2.0", "MIT OR Apache-2.0", " MIT", "MIT ", "(MIT)",
    "MIT+", "LicenseRef-maison", "Etalab-2.0", "", "AND", "MIT AND", "mit/x11",
])
def test_other_expressions_read_as_before(expression: str) -> None:
    assert _answered(expression) == _by_the_licensing(expression)


def test_the_ids_are_those_the_licensing_knows() -> None:
    ids = spdx_ids()
    assert ids is not None
    assert set(ids.keys) == {str(key) for key in spdx_licensing().known_symbols}
    assert expressions.equivalent("GPL-3.0", "gpl-3.0-only")
    assert not expressions.equivalent("MIT", "Apache-2.0")
    assert expressions.later_versions("GPL-2.0-or-later") == ("GPL-3.0-only",
                                                             "GPL-3.0-or-later")


def test_one_known_id_is_read_without_building_the_licensing(tmp_path: Path) -> None:
    probe = (
        "from opencheck.licensing import expressions\n"
        "from opencheck import spdxlicensing\n"
        "assert expressions.normalise('mit') == 'MIT'\n"
        "assert expressions.keys('Apache-2.0') == ['Apache-2.0']\n"
        "assert expressions.choices('EUPL-1.2') == [['EUPL-1.2']]\n"
        "assert spdxlicensing.spdx_licensing.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=tmp_path)


def _expressions(count: int) -> list[str]:
    """Expressions of known ids, aliases and exceptions, in any case, joined by AND, OR
    and WITH in any case, some in parentheses, some malformed (an operator too many, a
    parenthesis left open)."""
    rng = random.Random(1518)
    words = _written()
    operators = ["AND", "OR", "WITH", "and", "or", "with", "And", "oR"]
    found = []
    for _ in range(count):
        parts: list[str] = []
        for index in range(rng.randint(1, 4)):
            if index:
                parts.append(rng.choice(operators))
            word = rng.choice(words)
            parts.append(f"({word})" if rng.random() < 0.1 else word)
        if rng.random() < 0.2:
            cut = rng.randrange(len(parts))
            parts[cut] = f"({parts[cut]}"
            parts.append(")" if rng.random() < 0.7 else "")
        if rng.random() < 0.05:
            parts.append(rng.choice(operators))
        found.append(" ".join(parts).strip())
    return found


def _read_by(licensing: Any, text: str) -> tuple[object, ...]:
    """The text validated (strictly too), parsed, its ids listed, by `licensing`."""
    return (answer(lambda: sorted(licensing.validate(text, strict=True).errors)),
            answer(lambda: str(licensing.validate(text).normalized_expression)),
            answer(lambda: sorted(licensing.validate(text).errors)),
            answer(lambda: repr(licensing.parse(text))),
            answer(lambda: sorted(map(str, licensing.license_keys(
                licensing.parse(text, strict=False))))))


def test_expressions_of_known_ids_read_as_the_whole_licensing_reads_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each is read by a licensing of its own symbols (spdx_licensing_for): normalised,
    split into ids and ways, validated (strictly too), judged, the same as by the whole.
    (Past MAX_OWN_LICENSINGS sets a process reads them by the whole one: lifted here.)"""
    monkeypatch.setattr(spdxlicensing, "MAX_OWN_LICENSINGS", 10_000)
    monkeypatch.setattr(spdxlicensing, "_OWN", {})
    whole = spdx_licensing()
    texts = _expressions(1500)
    reduced = [text for text in texts if spdx_licensing_for(text) is not whole]
    assert len(reduced) > 1400  # all but those holding an alias of several words
    different = [text for text in texts
                 if _answered(text) != _by_the_licensing(text)
                 or _read_by(spdx_licensing_for(text), text) != _read_by(whole, text)]
    assert different == []


def test_an_unknown_word_is_read_by_the_whole_licensing() -> None:
    whole = spdx_licensing()
    for text in ("MIT OR GPLv3", "SEE LICENSE IN LICENSE.md", "MIT | Apache-2.0",
                 "LicenseRef-maison AND MIT", "Apache 2.0", "GPL 2.0 OR MIT"):
        assert spdx_licensing_for(text) is whole


def _to_spdx_by_the_whole_licensing(declared: str) -> str | None:
    """deps/compat.to_spdx as it was: the whole licensing validates every declaration."""
    text = " ".join(declared.split())
    if not text:
        return None
    policy = compat.load_policy()
    for lowered in (text.lower(), text.lower().strip("()")):
        if lowered in policy.aliases:
            return policy.aliases[lowered]
    try:
        info = spdx_licensing().validate(text)
    except (ExpressionError, AttributeError, TypeError, ValueError):
        return None
    if not info.errors and info.normalized_expression:
        return str(info.normalized_expression)
    if info.invalid_symbols and all(
        str(s).startswith(("LicenseRef-", "DocumentRef-")) for s in info.invalid_symbols
    ) and all("Unknown license key" in e for e in info.errors):
        return text
    return None


UNKNOWN_WORDS = ["foo", "Apache2", "GPLv3", "SEE", "LICENSE", "IN", "LICENSE.md", "|",
                 "http://cecill.info/x.html", "LicenseRef-maison", "licenseref-lower",
                 "DocumentRef-a:LicenseRef-b", "GPL", "2.0", "2.0+", "proprietary", "BSD",
                 "(c)", "MIT/X11", "Apache-2", "UNLICENSED", "+"]


def test_a_dependencys_declaration_is_validated_as_the_whole_licensing_does() -> None:
    """compat.to_spdx: one known id, known ids, or a declaration naming an unknown
    licence (an error without building anything): the answer the whole licensing gives."""
    rng = random.Random(1814)
    words = _written()
    texts = []
    for _ in range(1500):
        parts: list[str] = []
        for index in range(rng.randint(1, 4)):
            if index and rng.random() < 0.7:
                parts.append(rng.choice(["AND", "OR", "WITH", "and", "or"]))
            parts.append(rng.choice(UNKNOWN_WORDS if rng.random() < 0.4 else words))
        texts.append(" ".join(parts))
    texts += ["SEE LICENSE IN LICENSE.md", "GPL 2.0", "gpl 2.0+ OR MIT", "MIT OR Apache2",
              "LicenseRef-maison OR foo", "foo OR LicenseRef-maison", "Apache 2.0"]
    compat.to_spdx.cache_clear()
    different = [text for text in texts
                 if compat.to_spdx(text) != _to_spdx_by_the_whole_licensing(text)]
    assert different == []
    assert spdxlicensing.names_an_unknown_licence("SEE LICENSE IN LICENSE.md")
    assert not spdxlicensing.names_an_unknown_licence("GPL 2.0")
