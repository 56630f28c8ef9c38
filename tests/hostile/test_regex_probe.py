# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The regex probe (hostile/regexprobe.py) reaches every pattern of opencheck.

benchmarks/regex_probe.py runs it over all of them (each pattern screened at 8 KB on
the runs built from its own parse tree, in children killed past a CPU ceiling, its
slowest run timed at 128 KB, 1 MB and 5 MB): figures and the patterns still open are
in benchmarks/hostile.md. Here: that it finds patterns of every kind, and that each
call it cannot compile alone was read by someone.
"""

from __future__ import annotations

import functools

from hostile.regexprobe import Input, Sites, collect, inputs

# Calls whose pattern is built from local values: the probe cannot compile them alone,
# so each was read and judged here. A new one fails the test until it is.
REVIEWED_DYNAMIC = {
    # `_words(*alternatives)`: its results are module globals, probed as such
    "opencheck/checks/readme.py": "the pattern factory of module-level word lists",
    # `_simple(...)`: module-level table; `_compiled(...)`: escaped licence names joined
    # by an optional literal (" version"/" v"), no repeat
    "opencheck/licensing/names.py": "licence name tables (module globals) and escaped names",
    # `_TITLES`: a module-level tuple, probed as such
    "opencheck/publiccode/consistency.py": "a comprehension building a module global",
    # the publiccode schema's own patternProperties, matched on one key (bounded by YAML)
    "opencheck/publiccode/validate.py": "patterns of opencheck's own JSON schema",
    # re.escape(ref) between two look-arounds: one literal
    "opencheck/publiccode/values.py": "an escaped literal between look-arounds",
    # the README title's first word (`_TITLE`: 3-61 word characters), re.escape'd between
    # two `\b`: one literal
    "opencheck/licensing/declarations.py": "an escaped title word between word boundaries",
    # `Lazy.compiled`: the patterns of `lazy(...)` are module globals, probed as such
    "opencheck/lazyre.py": "patterns compiled on first use (module globals)",
    # the generic secret detector, compiled in a loop into the DETECTORS table
    "opencheck/secrets/detectors.py": "detector table entries (module global)",
    # fullmatch on b"": a test of whether a pattern can match nothing
    "opencheck/secrets/multimatch.py": "matched on the empty string only",
    # a configuration's globs joined: fnmatch.translate's atomic `*` (linear each), at
    # most MAX_GLOBS of them (tests/hostile/test_config_lists.py)
    "opencheck/globs.py": "fnmatch.translate of a configuration's globs, joined",
    # one REUSE.toml or dep5 glob's expression, as reuse or python-debian writes it,
    # compiled only when linearglob finds it cannot backtrack (one run at most, 64
    # characters at most after it); any other is matched by linearglob
    "opencheck/reuse_adapter.py": "one glob's library expression that cannot backtrack",
    # a schema pattern missing from PATTERNS, which holds every pattern of schemas/
    # (probed as module globals; tests/hostile/test_schema_patterns.py): none is
    "opencheck/schemapatterns.py": "a pattern of no shipped schema (never reached)",
}


@functools.cache
def sites() -> Sites:
    return collect()


def test_the_probe_reaches_patterns_of_every_kind() -> None:
    found = {site.where: site for site in sites().found}
    # a module global, a detector table, a call inside a function, another library's
    assert "opencheck/checks/readme.py:PUBLISHER_TEXT" in found
    assert any(where.startswith("opencheck/secrets/detectors.py:DETECTORS") for where in found)
    in_functions = {site.pattern.pattern for where, site in found.items()
                    if where.rsplit(":", 1)[1].isdigit()}
    assert r"[^\W\d_]{2,}" in in_functions  # re.findall(...) in checks/licence.py
    assert "opencheck/reuse_adapter.py:_IGNORE_FILE_PATTERNS" in found
    assert len(sites().found) > 250
    # the pattern the review found quadratic is among them, and its run is generated
    internal = [site for site in sites().found if isinstance(site.pattern.pattern, bytes)
                and b"rie\\.gouv\\.fr" in site.pattern.pattern]
    assert internal and Input("a.", "", "!") in inputs(internal[0].pattern)


def test_every_call_the_probe_cannot_compile_was_reviewed() -> None:
    unreviewed = {where for where in sites().dynamic
                  if where.rsplit(":", 1)[0] not in REVIEWED_DYNAMIC}
    assert not unreviewed, f"read these patterns, then list them in REVIEWED_DYNAMIC: {unreviewed}"
