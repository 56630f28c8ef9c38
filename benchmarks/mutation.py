# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Mutation testing of the modules that decide a verdict (`make mutation`).

mutmut changes one small thing at a time in those modules (a comparison turned around,
a constant or a string altered, an argument dropped) and runs the tests that reach the
changed function; a mutant no test notices "survives". The modules and the tests are
set in pyproject.toml ([tool.mutmut]); mutmut works in `mutants/`, a copy, and never
changes the work tree.

    python benchmarks/mutation.py          # the default scope (DEFAULT), then the figures
    python benchmarks/mutation.py --all    # every mutant of the modules (three times longer)
    python benchmarks/mutation.py --only 'opencheck.verdict.*'   # some functions only
    python benchmarks/mutation.py --report # the figures of the last run only

The default scope is the functions that decide what a user sees: the verdict, the exit
code, the severity and threshold of each finding, the licence verdict, the masked value,
the refused address, the level of each finding in the CI formats. `--all` adds the rest
of the same modules: the engine's metadata, the network guard's connections and
redirects, and the layout of the CI formats (SARIF log, JUnit suites, Code Quality list).

Prints, per module, killed / total and the names of the surviving mutants
(`mutmut show NAME` shows one). Exits 0 whatever survives: the figures are the output,
and benchmarks/mutation.md says what each survivor means.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
KILLED = {1, 3}  # tests failed, or pytest itself failed: either way the change was seen
SURVIVED = {0}
TIMEOUT = {36, 24, -24, 152, 255}
NO_TESTS = {5, 33}
DEFAULT = (
    "opencheck.engine.x_run*", "opencheck.engine.x__run*",  # run, run_context, _run, _run_rule
    "opencheck.engine.x__selected*", "opencheck.engine.x__finding_order*",
    "opencheck.model.*", "opencheck.verdict.*", "opencheck.narrow.*",
    "opencheck.secrets.masking.*", "opencheck.licensing.authorised.*",
    "opencheck.licensing.expressions.*",
    "opencheck.netguard.x_is_refused*", "opencheck.netguard.x_resolve*",
    "opencheck.report.sarif.x__result*", "opencheck.report.sarif.x__rule_entry*",
    "opencheck.report.codequality.x__issue*", "opencheck.report.junit.x__rule_cases*",
)


def outcome(exit_code: int | None) -> str:
    if exit_code is None:
        return "not checked"
    if exit_code in KILLED:
        return "killed"
    if exit_code in SURVIVED:
        return "survived"
    if exit_code in TIMEOUT:
        return "time-out"
    if exit_code in NO_TESTS:
        return "no tests"
    return "other"


def results() -> dict[str, dict[str, list[str]]]:
    """Per module, mutant names by outcome, from mutmut's `.meta` files."""
    table: dict[str, dict[str, list[str]]] = {}
    for meta in sorted(MUTANTS.glob("src/**/*.py.meta")):
        module = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        exit_codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
        per_outcome = table.setdefault(module, {})
        for name, exit_code in exit_codes.items():
            per_outcome.setdefault(outcome(exit_code), []).append(name)
    return table


def report(table: dict[str, dict[str, list[str]]]) -> None:
    totals: Counter[str] = Counter()
    print("| module | killed / checked | survived | time-out | no tests | not checked |")
    print("|---|---|---|---|---|---|")
    for module, outcomes in table.items():
        counts = Counter({key: len(names) for key, names in outcomes.items()})
        checked = sum(counts.values()) - counts["not checked"]
        totals.update(counts)
        totals["checked"] += checked
        print(f"| {module} | {counts['killed']} / {checked} | {counts['survived']} "
              f"| {counts['time-out']} | {counts['no tests']} | {counts['not checked']} |")
    print(f"| all | {totals['killed']} / {totals['checked']} | {totals['survived']} "
          f"| {totals['time-out']} | {totals['no tests']} | {totals['not checked']} |")
    for outcomes in table.values():
        for name in sorted(outcomes.get("survived", [])):
            print(f"survived: {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--report", action="store_true", help="only the last run's figures")
    parser.add_argument("--max-children", default="2", help="mutants tested at once")
    parser.add_argument("--only", nargs="*", default=[],
                        help="mutant names or globs, e.g. 'opencheck.verdict.*'")
    parser.add_argument("--all", action="store_true", help="every mutant, not only DEFAULT")
    args = parser.parse_args()
    if not args.report:
        # pytest's temporary folders of their own: each session removes the old ones it
        # finds under its temporary root, and a tree it cannot remove (another session's
        # deep test folder) makes it raise, which mutmut counts as a time-out.
        with tempfile.TemporaryDirectory(prefix="opencheck-mutation-") as temproot:
            env = {**os.environ, "LANG": "C.UTF-8", "PYTEST_DEBUG_TEMPROOT": temproot}
            names = [] if args.all else args.only or list(DEFAULT)
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "mutmut_guarded.py"),
                            "run", "--max-children", args.max_children, *names],
                           cwd=ROOT, env=env, check=False)
    table = results()
    if not table:
        print("no mutmut results in mutants/: run without --report first", file=sys.stderr)
        return 1
    report(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
