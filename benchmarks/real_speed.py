# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""opencheck on real repositories, next to the floors and the peers, in one run.

    python benchmarks/real_speed.py [--rounds 3] [--peers /path/to/venv/bin]
        [--compare NAME=SRC] [--only WHAT,...] REPO...

For each repository (a work tree), every command below is a fresh process, run in
turn round after round so that all see the same machine load; the figures are medians
of wall time, CPU time (user + system, children included) and the peak resident size
of the largest process of the command (os.wait4's ru_maxrss):

  floor-history   git cat-file --batch-all-objects --batch     (every object, once)
  floor-read      reading every file git lists, in one Python process
  reuse-lint      reuse lint                                     (peer, whole tree)
  detect-secrets  detect-secrets scan                            (peer, tracked files)
  history         opencheck check --rule '*-in-history'          (the history rules)
  history-warm    the same, run again: the blobs found clean     (the history cache)
  no-history      opencheck check --no-history                   (every other rule)
  whole           opencheck check                                (everything)
  version         opencheck --version

`--compare NAME=SRC` adds the opencheck rows once more with `PYTHONPATH=SRC` (an
older source tree exported with `git archive`), so before and after share one run.
Ratios are printed against the floor or the peer named in the row.

Every opencheck tree measured is byte-compiled first, as `pip install` does: an
exported tree has no `__pycache__`, and under `PYTHONDONTWRITEBYTECODE=1` (set on the
shared machine) Python would compile every module from source in every run, 0.05 s of
CPU on a history run and 0.15 s on a whole check that no installed opencheck pays.
`--no-compile` measures the trees as they are.

Every opencheck row but `history-warm` runs with `OPENCHECK_HISTORY_CACHE=off`: a
first run of a repository, what the targets are about. `history-warm` keeps the
history's clean blobs in a cache folder of its own, filled by one run not measured.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HISTORY_RULES = ("secret-in-history", "sensitive-data-in-history", "artefact-in-history")
WARM_CACHE = Path("/tmp/opencheck-bench-warm")
READ_ALL = (
    "import os, subprocess, sys\n"
    "names = subprocess.run(['git', 'ls-files', '-z'], capture_output=True,"
    " check=True).stdout.split(b'\\0')\n"
    "total = 0\n"
    "for name in names:\n"
    "    if name and os.path.isfile(name):\n"
    "        with open(name, 'rb') as handle:\n"
    "            total += len(handle.read())\n"
    "print(total)\n"
)


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)  # KiB

    def add(self, wall: float, cpu: float, rss: int) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.rss.append(rss)

    def spread(self) -> str:
        """The lowest and highest wall and CPU seconds and peaks (MB) of the rounds."""
        peaks = [rss / 1024 for rss in self.rss]
        return (f"{min(self.wall):.2f}-{max(self.wall):.2f}, "
                f"{min(self.cpu):.2f}-{max(self.cpu):.2f}, {min(peaks):.0f}-{max(peaks):.0f}")

    def row(self) -> tuple[float, float, float]:
        return (statistics.median(self.wall), statistics.median(self.cpu),
                max(self.rss) / 1024)


def measure(command: list[str], cwd: Path, env: dict[str, str],
            output: Path | None = None) -> tuple[float, float, int]:
    started = time.perf_counter()
    with open(output or os.devnull, "wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=sink,
                                   stdin=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(process.pid, 0)
        process.returncode = 0
    wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def byte_compile(src: str) -> None:
    """Compile the opencheck tree at `src` (the installed one when empty) to bytecode,
    as `pip install` does, so that no measured run pays for compiling its modules."""
    if src:
        folder = Path(src)
    else:
        spec = importlib.util.find_spec("opencheck")
        if spec is None or not spec.submodule_search_locations:
            return
        folder = Path(next(iter(spec.submodule_search_locations)))
    compileall.compile_dir(folder, quiet=1)


def commands(repo: Path, peers: Path | None, variants: dict[str, str],
             only: set[str] | None) -> dict[str, tuple[list[str], dict[str, str]]]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C.UTF-8"}
    bin_dir = Path(sys.executable).parent
    found: dict[str, tuple[list[str], dict[str, str]]] = {
        "floor-history": (["git", "cat-file", "--batch-all-objects", "--batch"], env),
        "floor-read": ([sys.executable, "-c", READ_ALL], env),
        "reuse-lint": ([str(bin_dir / "reuse"), "lint", "--quiet"], env),
    }
    if peers is not None:
        found["detect-secrets"] = ([str(peers / "detect-secrets"), "scan"], env)
    for name, src in variants.items():
        variant_env = {**env, "OPENCHECK_HISTORY_CACHE": "off"}
        if src:
            variant_env["PYTHONPATH"] = src
        warm_env = {key: value for key, value in variant_env.items()
                    if key != "OPENCHECK_HISTORY_CACHE"}
        warm_env["OPENCHECK_CACHE_DIR"] = str(WARM_CACHE / f"{name.strip('/') or 'main'}")
        opencheck = [sys.executable, "-m", "opencheck.cli.main"]
        history = [arg for rule in HISTORY_RULES for arg in ("--rule", rule)]
        base = [*opencheck, "check", str(repo), "--format", "json", "--lang", "en"]
        found[f"{name}history"] = ([*base, *history], variant_env)
        found[f"{name}history-warm"] = ([*base, *history], warm_env)
        found[f"{name}no-history"] = ([*base, "--no-history"], variant_env)
        found[f"{name}whole"] = (base, variant_env)
        found[f"{name}version"] = ([*opencheck, "--version"], variant_env)
    if only:
        found = {key: value for key, value in found.items()
                 if key in only or key.split("/")[-1] in only}
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--peers", type=Path, help="bin folder holding detect-secrets")
    parser.add_argument("--compare", action="append", default=[], metavar="NAME=SRC")
    parser.add_argument("--only", default="", help="comma-separated row names")
    parser.add_argument("--save", type=Path, help="keep each opencheck row's report here "
                        "(REPO.ROW.json), to compare the findings of two variants")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile the opencheck trees first")
    parser.add_argument("--spread", action="store_true",
                        help="print each row's lowest and highest figures too")
    args = parser.parse_args()
    variants = {"": ""}
    for item in args.compare:
        name, _, src = item.partition("=")
        variants[f"{name}/"] = src
    if not args.no_compile:
        for src in variants.values():
            byte_compile(src)
    only = set(filter(None, args.only.split(","))) or None
    print(f"load average at start: {os.getloadavg()}")
    for repo in args.repos:
        repo = repo.resolve()
        rows = commands(repo, args.peers, variants, only)
        samples = {name: Sample() for name in rows}
        for name, (command, env) in rows.items():
            if name.endswith("history-warm"):  # the first run fills the cache
                measure(command, repo, env, None)
        for _ in range(args.rounds):
            for name, (command, env) in rows.items():
                output = None
                if args.save is not None and "opencheck.cli.main" in command:
                    args.save.mkdir(parents=True, exist_ok=True)
                    output = args.save / f"{repo.name}.{name.replace('/', '.')}.json"
                samples[name].add(*measure(command, repo, env, output))
        print(f"\n## {repo.name}  (load average {os.getloadavg()[0]:.1f})\n")
        spread = (" wall, cpu, peak (min-max) |", "---|") if args.spread else ("", "")
        print("| command | wall s | cpu s | peak MB | wall ratio | cpu ratio |" + spread[0])
        print("|---|---:|---:|---:|---|---|" + spread[1])
        figures = {name: sample.row() for name, sample in samples.items()}
        for name, (wall, cpu, rss) in figures.items():
            kind = name.split("/")[-1]
            against = {"history": "floor-history", "history-warm": "floor-history",
                       "no-history": "reuse-lint", "whole": "reuse-lint"}.get(kind)
            ratio = cpu_ratio = ""
            if against in figures:
                ratio = f"{wall / figures[against][0]:.2f}x {against}"
                cpu_ratio = f"{cpu / figures[against][1]:.2f}x"
            print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {ratio} | {cpu_ratio} |"
                  + (f" {samples[name].spread()} |" if args.spread else ""))


if __name__ == "__main__":
    main()
