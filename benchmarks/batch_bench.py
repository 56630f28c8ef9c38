# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Throughput of `opencheck batch` on generated repositories.

    PYTHONPATH=src python benchmarks/batch_bench.py --count 200

Measures, on `count` fresh local git repositories (four shapes, a few dozen files and
commits each): repositories per minute with --jobs 1 and --jobs 2 (clone + audit +
store), a second run over the unchanged repositories, and the naive way, a shell loop
of `opencheck check --format json` per repository, as the baseline.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from opencheck.batch.orchestrate import BatchSettings, run_batch

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Camille Agent", "GIT_AUTHOR_EMAIL": "camille.agent@numerique.gouv.fr",
    "GIT_COMMITTER_NAME": "Camille Agent",
    "GIT_COMMITTER_EMAIL": "camille.agent@numerique.gouv.fr",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}

SHAPES: list[dict[str, str]] = [
    {"README.md": "# Outil\n\nPublié par la DINUM.\n", "LICENSE": "MIT License\n",
     "CONTRIBUTING.md": "# Contribuer\n", "CHANGELOG.md": "# Changelog\n",
     "SECURITY.md": "# Sécurité\n", "CODE_OF_CONDUCT.md": "# Code\n"},
    {"README.md": "# Outil\n"},
    {"README.md": "# Outil\n", "LICENSE": "EUPL-1.2\n"},
    {},
]


def make_repo(root: Path, index: int) -> Path:
    repo = root / f"org{index % 5}" / f"repo{index:04d}"
    (repo / "src").mkdir(parents=True)
    for name, text in SHAPES[index % len(SHAPES)].items():
        (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, env=GIT_ENV, check=True)
    for step in range(3):
        for number in range(10):
            module = repo / "src" / f"module{number}.py"
            module.write_text(f"# step {step}\n" + "x = 1\n" * (20 * number), encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=repo, env=GIT_ENV, check=True)
        subprocess.run(["git", "commit", "-qm", f"Step {step}"], cwd=repo, env=GIT_ENV,
                       check=True)
    return repo


def timed_batch(listing: Path, work: Path, name: str, jobs: int) -> tuple[float, int]:
    settings = BatchSettings(sources=[str(listing)], db=work / f"{name}.db",
                             workspace=work / f"{name}-ws", out=work / f"{name}-out", jobs=jobs)
    started = time.perf_counter()
    summary = run_batch(settings)
    elapsed = time.perf_counter() - started
    assert summary.failed == 0, summary.failures
    return elapsed, summary.audited


def naive_loop(repos: list[Path]) -> float:
    started = time.perf_counter()
    for repo in repos:
        subprocess.run([sys.executable, "-m", "opencheck.cli.main", "check", str(repo),
                        "--format", "json"], capture_output=True, check=False,
                       env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--naive-sample", type=int, default=40,
                        help="repositories checked one by one for the baseline")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="opencheck-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    repos = [make_repo(work / "forge", i) for i in range(args.count)]
    print(f"generated {len(repos)} repositories in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)
    listing = work / "repos.txt"
    listing.write_text("\n".join(str(r) for r in repos) + "\n", encoding="utf-8")

    rows = []
    first_one, audited = timed_batch(listing, work, "jobs1", 1)
    rows.append(("batch --jobs 1, first run", first_one, audited))
    first_two, audited = timed_batch(listing, work, "jobs2", 2)
    rows.append(("batch --jobs 2, first run", first_two, audited))
    again, audited = timed_batch(listing, work, "jobs2", 2)
    rows.append(("batch --jobs 2, second run (unchanged)", again, args.count))
    sample = repos[: args.naive_sample]
    naive = naive_loop(sample) * len(repos) / len(sample)
    rows.append((f"loop of `opencheck check` (from {len(sample)})", naive, len(repos)))

    print(f"| {args.count} repositories | seconds | repositories/min |")
    print("| --- | ---: | ---: |")
    for label, seconds, count in rows:
        print(f"| {label} | {seconds:.1f} | {60 * count / seconds:.0f} |")
    print()
    print(f"second run vs first (--jobs 2): {first_two / again:.1f}x faster")
    print(f"--jobs 2 vs --jobs 1: {first_one / first_two:.2f}x")
    print(f"batch --jobs 1 vs loop of `opencheck check`: {naive / first_one:.1f}x")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
