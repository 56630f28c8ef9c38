# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
# REUSE-IgnoreStart: test data and patterns below hold SPDX tags that are not this file's
"""CI integration costs: merge-request mode, the CI renderers and the pre-commit hook.

    PYTHONPATH=src python benchmarks/ci_bench.py [--files 5000] [--links 500] [--runs 3]

Builds a repository of FILES files on `main` with LINKS symlinks pointing out of the tree
(one `files-readable` finding each), then a branch changing 50 files and adding 5 links.
Prints median wall times and ratios:
- `check --diff-base main` against a plain `check` (the cost of merge-request mode);
- each renderer against the JSON renderer, on the full report;
- the pre-commit hook (`check --staged --no-history`, 5 staged files) against
  `reuse lint` (the peer a project would otherwise run before committing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}
# REUSE-IgnoreStart
HEADER = "# SPDX-FileCopyrightText: 2026 Bench\n# SPDX-License-Identifier: MIT\n"
README = "<!-- SPDX-License-Identifier: MIT -->\n# Bench\n"
# REUSE-IgnoreEnd


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True)


def build(base: Path, files: int, links: int) -> Path:
    root = base / "repo"
    (root / "LICENSES").mkdir(parents=True)
    (root / "LICENSES" / "MIT.txt").write_text("MIT License\n", encoding="utf-8")
    (root / "README.md").write_text(README, encoding="utf-8")
    for index in range(files):
        path = root / f"pkg{index // 100}" / f"module{index}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(HEADER + f"VALUE = {index}\n" * 20, encoding="utf-8")
    outside = base / "outside.txt"
    outside.write_text("x\n")
    for index in range(links):
        os.symlink(outside, root / f"pkg{index % max(1, files // 100)}" / f"link{index}.txt")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Base")
    git(root, "checkout", "--quiet", "-b", "feature")
    for index in range(50):
        path = root / f"pkg{index % max(1, files // 100)}" / f"module{index}.py"
        path.write_text(HEADER + "VALUE = 'changed'\n", encoding="utf-8")
    for index in range(5):
        os.symlink(outside, root / f"new-link{index}.txt")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Change")
    return root


def timed(function: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def cli(*args: str, cwd: Path | None = None) -> Callable[[], object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def call() -> object:
        return subprocess.run([sys.executable, "-m", "opencheck.cli.main", *args], cwd=cwd,
                              env=env, capture_output=True, check=False)

    return call


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--links", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from opencheck.engine import RunRequest, run
    from opencheck.report import renderers

    with tempfile.TemporaryDirectory(prefix="opencheck-ci-bench-") as scratch:
        root = build(Path(scratch), args.files, args.links)
        print(f"repository: {args.files} files, {args.links + 5} links out of the tree")
        full = timed(cli("check", str(root), "-f", "json", "-q"), args.runs)
        diff = timed(cli("check", str(root), "-f", "json", "-q", "--diff-base", "main"),
                     args.runs)
        print(f"check                     {full:7.3f} s")
        print(f"check --diff-base main    {diff:7.3f} s   ratio {diff / full:.2f}")

        report = run(RunRequest(path=root))
        print(f"\nrenderers, {len(report.findings)} findings (in process)")
        for name in renderers():  # warm the caches (catalogue, imports) first
            renderers()[name](report, "en")
        reference = timed(lambda: renderers()["json"](report, "en"), args.runs)
        for name in ("json", "sarif", "codequality", "junit", "markdown"):
            seconds = timed(lambda n=name: renderers()[n](report, "en"), args.runs)  # type: ignore[misc]
            ratio = seconds / reference
            print(f"  {name:<12} {seconds * 1000:8.1f} ms   ratio to json {ratio:.2f}")

        for index in range(5):
            path = root / f"staged{index}.py"
            path.write_text("print('no header')\n", encoding="utf-8")
            git(root, "add", path.name)
        hook = timed(cli("check", "--staged", "--no-history", "-q", cwd=root), args.runs)
        print(f"\npre-commit hook (5 staged files)   {hook:7.3f} s")
        reuse = shutil.which("reuse") or str(Path(sys.executable).parent / "reuse")
        if Path(reuse).exists():
            peer = timed(lambda: subprocess.run([reuse, "lint", "-q"], cwd=root,
                                                capture_output=True, check=False), args.runs)
            print(f"reuse lint (whole tree)            {peer:7.3f} s   "
                  f"ratio hook/reuse {hook / peer:.2f}")


if __name__ == "__main__":
    main()
# REUSE-IgnoreEnd
