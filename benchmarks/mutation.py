# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Mutation testing of the modules that decide a verdict (`make mutation`).

mutmut 2 rewrites one module at a time with a small change (a comparison turned
around, a constant or a string altered, a line dropped) and runs the tests that guard
that module; a mutant that no test notices "survives". mutmut 2 rather than 3: mutmut 3
only mutates the bodies of undecorated functions, and the constants that decide what a
user sees here live at module level (SARIF levels, Code Quality grades, the masked
prefix length) or behind @property (a severity's rank).

Each module gets its own, small test selection so that a run fits a shared 2-core
machine. mutmut rewrites files in place: this script copies the checkout to a scratch
folder first and mutates the copy, so the work tree is never left mutated.

    python benchmarks/mutation.py [--only engine,model] [--jobs 2] [--keep DIR] [--report]

Prints, per module, killed / total and the surviving mutants (`mutmut show ID` in the
module's scratch folder shows one); exits 0 whatever survives (the figures are the
output). Each module is mutated in its own copy, `--jobs` of them at a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = "-m pytest -x -q -p no:cacheprovider"
GUARDS = "tests/test_mutation_guards.py"
MATRIX = "tests/test_verdict_matrix.py::test_cli_exit_code_and_json_ready"

# module -> the tests that guard it (files or node ids), fastest first: pytest stops at
# the first failure, so a killed mutant costs little; a survivor runs them all.
SELECTIONS: dict[str, str] = {
    "model": f"{GUARDS} {MATRIX}",
    "verdict": f"{GUARDS} tests/test_verdicts.py",
    "narrow": f"{GUARDS} tests/test_verdict_matrix.py::test_merge_request_mode",
    "engine": f"{GUARDS} tests/test_engine.py {MATRIX} "
              "tests/test_verdict_matrix.py::test_a_crashed_rule_blocks_at_or_above_the_threshold",
    "licensing/authorised": "tests/test_licence_data.py tests/test_licence_compound.py",
    "licensing/expressions": "tests/test_licence_data.py tests/test_licence_compound.py",
    "secrets/masking": f"{GUARDS}::test_mask_shows_at_most_a_short_prefix "
                       f"{GUARDS}::test_digest_is_the_full_sha256 "
                       "tests/test_secrets_detectors.py",
    "netguard": "tests/test_netguard_refusals.py tests/test_netguard.py",
    "report/sarif": f"{GUARDS}::test_sarif_levels_locations_and_notifications "
                    f"{GUARDS}::test_sarif_provenance_only_from_a_plain_https_remote "
                    "tests/test_report_ci.py",
    "report/codequality": f"{GUARDS}::test_codequality_grades tests/test_report_ci.py",
    "report/junit": f"{GUARDS}::test_junit_failures_are_the_blocking_findings "
                    "tests/test_report_ci.py",
}
STATUSES = {
    "ok_killed": "killed",
    "ok_suspicious": "killed",  # killed, but slowly (a loaded machine)
    "bad_survived": "survived",
    "bad_timeout": "timeout",
    "skipped": "skipped",
    "untested": "untested",
}
# Seconds added to twice the unmutated run's time before a mutant counts as a time-out:
# the machine is shared, so times vary.
TIME_BASE = 30.0


def prepare(scratch: Path) -> None:
    """A copy of the checkout without the virtual environment and git's data."""
    if not (scratch / "src").is_dir():
        shutil.copytree(ROOT, scratch, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".venv", ".git", "__pycache__", ".mutmut-cache", "build", "dist", "mutants"))


def mutate(scratch: Path, module: str, python: str) -> Path:
    """Run mutmut on one module in its own copy; return the copy."""
    folder = scratch / module.replace("/", "-")
    prepare(folder)
    path = f"src/opencheck/{module}.py"
    runner = f"{python} {PYTEST} {SELECTIONS[module]}"
    command = [python, "-m", "mutmut", "run", "--paths-to-mutate", path, "--runner", runner,
               "--test-time-base", str(TIME_BASE), "--no-progress", "--CI"]
    env = {**os.environ, "PYTHONPATH": str(folder / "src"), "LANG": "C.UTF-8"}
    with open(folder / "mutmut.log", "w", encoding="utf-8") as log:
        subprocess.run(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
                       check=False)
    print(f"done: {path}", flush=True)
    return folder


def results(folder: Path) -> dict[str, dict[str, list[int]]]:
    """Per source file, the mutant ids by outcome, from mutmut's cache."""
    cache = folder / ".mutmut-cache"
    if not cache.is_file():
        return {}
    database = sqlite3.connect(cache)
    rows = database.execute(
        "SELECT SourceFile.filename, Mutant.id, Mutant.status FROM Mutant "
        "JOIN Line ON Mutant.line = Line.id JOIN SourceFile ON Line.sourcefile = SourceFile.id"
    ).fetchall()
    database.close()
    table: dict[str, dict[str, list[int]]] = {}
    for filename, mutant, status in rows:
        outcome = STATUSES.get(status, status)
        table.setdefault(filename, {}).setdefault(outcome, []).append(mutant)
    return table


def report(tables: dict[Path, dict[str, dict[str, list[int]]]]) -> None:
    print("\n| module | killed / total | survived | time-out | survivors (mutmut ids) |")
    print("|---|---|---|---|---|")
    for table in (tables[folder] for folder in sorted(tables)):
        for filename, outcomes in sorted(table.items()):
            total = sum(len(ids) for ids in outcomes.values())
            killed = len(outcomes.get("killed", []))
            survived = outcomes.get("survived", [])
            timeout = outcomes.get("timeout", [])
            ids = " ".join(str(i) for i in sorted(survived))
            print(f"| {filename} | {killed} / {total} | {len(survived)} | {len(timeout)} "
                  f"| {ids} |")
    print("\nSee one: cd SCRATCH/MODULE && mutmut show ID")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--only", default="", help="modules, comma-separated (e.g. model)")
    parser.add_argument("--keep", default="", help="scratch folder to use and keep")
    parser.add_argument("--jobs", type=int, default=2, help="modules mutated at once")
    parser.add_argument("--report", action="store_true",
                        help="only print the figures of an earlier run (with --keep)")
    args = parser.parse_args()
    chosen = [m for m in args.only.split(",") if m] or list(SELECTIONS)
    unknown = [m for m in chosen if m not in SELECTIONS]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(SELECTIONS)}")
    scratch = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="opencheck-mut-"))
    folders = [scratch / m.replace("/", "-") for m in chosen]
    if not args.report:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            folders = list(pool.map(lambda m: mutate(scratch, m, sys.executable), chosen))
    report({folder: results(folder) for folder in folders})
    print(f"scratch folder: {scratch}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
