# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
# REUSE-IgnoreStart: test data and patterns below hold SPDX tags that are not this file's
"""REUSE family against `reuse lint`: verdicts, wall time and peak memory.

    /work/devenv/bin/python benchmarks/reuse_bench.py speed --files 5000
    /work/devenv/bin/python benchmarks/reuse_bench.py memory --files 50000
    /work/devenv/bin/python benchmarks/reuse_bench.py verdicts PATH [PATH...]

`speed` generates a git repository of about N files (sources with and without SPDX
headers, files covered by REUSE.toml, `.license` sidecars, binaries, empty files),
then times side by side, in one run and alternating: `reuse lint --json`, the REUSE
family of opencheck alone (`opencheck check --rule 'family:reuse'`), and the whole
`opencheck check` without history scanning. Each is a fresh process, as a user runs it.
`memory` reports the peak resident size of the REUSE family on a generated repository.
`verdicts` compares per-file verdicts with `reuse lint --json` on existing folders.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(SRC)}

# The generated files' headers are data here, not this file's licensing.
# REUSE-IgnoreStart
HEADER = "# SPDX-FileCopyrightText: 2026 Ministère de l'Exemple\n# SPDX-License-Identifier: {lic}\n"
BODY = (
    "def function_{i}(value):\n"
    "    '''Return a value computed from {i}.'''\n"
    "    total = value * {i}\n"
    "    for step in range(10):\n"
    "        total += step\n"
    "    return total\n"
)


def generate(root: Path, files: int, seed: int = 4) -> None:
    """A repository of about `files` files with a realistic REUSE mix."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "LICENSES").mkdir()
    for lic in ("EUPL-1.2", "MIT", "CC0-1.0"):
        (root / "LICENSES" / f"{lic}.txt").write_text(f"{lic} licence text\n")
    (root / "README.md").write_text("# Bench\n\nSPDX-License-Identifier: EUPL-1.2\n")
    (root / "REUSE.toml").write_text(
        'version = 1\n\n[[annotations]]\npath = "assets/**"\n'
        'SPDX-FileCopyrightText = "2026 Ministère de l\'Exemple"\n'
        'SPDX-License-Identifier = "CC0-1.0"\n'
    )
    (root / ".gitignore").write_text("build/\n*.log\n")
    for i in range(files - 6):
        package = f"pkg{i % 40}/sub{i % 7}"
        roll = rng.random()
        if roll < 0.55:
            name, text = f"src/{package}/mod{i}.py", HEADER.format(lic="EUPL-1.2") + BODY
        elif roll < 0.80:
            name, text = f"src/{package}/plain{i}.py", BODY
        elif roll < 0.90:
            name, text = f"assets/{package}/data{i}.csv", "a,b,c\n1,2,3\n" * 20
        elif roll < 0.95:
            name = f"images/{package}/img{i}.png"
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(2000))
            if i % 2:
                (root / f"{name}.license").write_text(
                    HEADER.format(lic="MIT").replace("# ", "")
                )
            continue
        elif roll < 0.97:
            name, text = f"docs/{package}/page{i}.md", (
                "<!--\nSPDX-FileCopyrightText: 2026 Exemple\n"
                "SPDX-License-Identifier: CC0-1.0\n-->\n# Page\n\nText ©.\n"
            )
        elif roll < 0.98:
            name, text = f"src/{package}/empty{i}.py", ""
        else:
            name, text = f"src/{package}/copyonly{i}.c", "/* Copyright 2020 Someone */\nint x;\n"
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BODY.format(i=i) if text is BODY else text.format(i=i), "utf-8")
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "init", "-q", str(root)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "bench"], cwd=root, check=True)


# REUSE-IgnoreEnd


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    started = time.perf_counter()
    done = subprocess.run(command, env=ENV, capture_output=True, check=False)
    return time.perf_counter() - started, done


def reuse_lint(root: Path) -> list[str]:
    return [PYTHON, "-m", "reuse", "--root", str(root), "lint", "--json"]


def opencheck(root: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "opencheck.cli.main", "check", str(root), "--format", "json", *extra]


def speed(files: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="reuse-bench-") as scratch:
        root = Path(scratch) / "repo"
        generate(root, files)
        commands = {
            "reuse lint --json": reuse_lint(root),
            "reuse --no-multiprocessing lint": [PYTHON, "-m", "reuse", "--root", str(root),
                                                "--no-multiprocessing", "lint", "--json"],
            "opencheck REUSE family": opencheck(root, "--rule", "family:reuse"),
            "opencheck check (all, no history)": opencheck(root, "--no-history"),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                seconds, done = timed(command)
                if done.returncode not in (0, 1):
                    sys.exit(f"{name} failed:\n{done.stderr.decode()[-2000:]}")
                times[name].append(seconds)
        count = sum(1 for _ in root.rglob("*") if ".git" not in _.parts and _.is_file())
        base = statistics.median(times["reuse lint --json"])
        load = os.getloadavg()[0]
        print(f"files on disk: {count}, rounds: {rounds} (median wall time), "
              f"{os.cpu_count()} CPUs, load average {load:.1f}")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:38} {median:7.2f} s   {median / base:5.2f}x reuse lint")


def memory(files: int) -> None:
    with tempfile.TemporaryDirectory(prefix="reuse-bench-") as scratch:
        root = Path(scratch) / "repo"
        generate(root, files)
        for name, command in {
            "opencheck REUSE family": opencheck(root, "--rule", "family:reuse"),
            "reuse lint --json": reuse_lint(root),
        }.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            seconds, _done = timed(command)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            note = "" if peak > before else " (not above an earlier child's peak)"
            print(f"{name:26} peak RSS {peak / 1024:6.0f} MB{note}, {seconds:.1f} s")


def _relative(root: Path, paths: list[str]) -> set[str]:
    return {os.path.relpath(p, root) if os.path.isabs(p) else p.removeprefix("./") for p in paths}


def verdicts(paths: list[str]) -> None:
    """Per-file and project verdicts of opencheck's adapter against `reuse lint --json`."""
    sys.path.insert(0, str(SRC))
    from opencheck.repository import open_repository
    from opencheck.reuse_adapter import analyse

    for path in paths:
        root = Path(path).resolve()
        done = subprocess.run(reuse_lint(root), capture_output=True, env=ENV, check=False)
        if not done.stdout.strip():
            print(f"{root}: reuse lint stopped: {done.stderr.decode()[-300:]}")
            continue
        lint = json.loads(done.stdout)
        ours = analyse(open_repository(root))
        bad = lint["non_compliant"]
        pairs = {
            "covered files": ({f["path"] for f in lint["files"]}, {v.path for v in ours.files}),
            "missing copyright": (_relative(root, bad["missing_copyright_info"]),
                                  {v.path for v in ours.files if not v.has_copyright}),
            "missing licensing": (_relative(root, bad["missing_licensing_info"]),
                                  {v.path for v in ours.files if not v.has_licensing}),
            "read errors": (_relative(root, bad["read_errors"]), set(ours.read_errors)),
            "bad licences": (set(bad["bad_licenses"]), set(ours.bad_licences)),
            "deprecated licences": (set(bad["deprecated_licenses"]),
                                    set(ours.deprecated_licences)),
            "missing licences": (set(bad["missing_licenses"]), set(ours.missing_licences)),
            "unused licences": (set(bad["unused_licenses"]), set(ours.unused_licences)),
            "licences without extension": (set(bad["licenses_without_extension"]),
                                           set(ours.licences_without_extension)),
        }
        different = [name for name, (theirs, mine) in pairs.items() if theirs != mine]
        summary = lint["summary"]
        print(f"{root}: {summary['files_total']} files, "
              f"{summary['files_with_copyright_info']} with copyright, "
              f"{summary['files_with_licensing_info']} with licensing: "
              + ("verdicts identical" if not different else f"DIFFERENT {different}"))
        for name in different:
            theirs, mine = pairs[name]
            for extra in sorted(mine - theirs)[:5]:
                print(f"  only opencheck, {name}: {extra}")
            for extra in sorted(theirs - mine)[:5]:
                print(f"  only reuse, {name}: {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--files", type=int, default=5000)
    s.add_argument("--rounds", type=int, default=3)
    m = sub.add_parser("memory")
    m.add_argument("--files", type=int, default=50000)
    v = sub.add_parser("verdicts")
    v.add_argument("paths", nargs="+")
    g = sub.add_parser("generate")
    g.add_argument("path")
    g.add_argument("--files", type=int, default=5000)
    args = parser.parse_args()
    if args.command == "speed":
        speed(args.files, args.rounds)
    elif args.command == "memory":
        memory(args.files)
    elif args.command == "verdicts":
        verdicts(args.paths)
    else:
        target = Path(args.path)
        if target.exists():
            shutil.rmtree(target)
        generate(target, args.files)


if __name__ == "__main__":
    main()
# REUSE-IgnoreEnd
