# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How fast the history rules read a long history, against plain `git log`.

Builds a repository of N commits with git fast-import (varied identities, half of
the commits signed off, a tag every 1000 commits), then times:
  - `git log` with the same format opencheck uses (the floor: git's own work),
  - `opencheck check --rule 'history-*' --rule 'activity-*'` (the whole run),
and reports the peak memory of the opencheck process.

Usage: python benchmarks/history.py [N]   (default 100000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = [
    ("Camille Agent", "camille.agent@numerique.gouv.fr"),
    ("Presta Dev", "dev@societe.fr"),
    ("root", "root@localhost"),
    ("Jean", "jean@gmail.com"),
]


def build(root: Path, count: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    lines: list[str] = []
    start = 1_600_000_000
    for index in range(count):
        name, email = PEOPLE[index % len(PEOPLE)]
        when = start + index * 600
        message = f"Change {index}\n"
        if index % 2:
            message += f"\nSigned-off-by: {name} <{email}>\n"
        data = message.encode()
        lines.append("commit refs/heads/main")
        lines.append(f"mark :{index + 1}")
        lines.append(f"author {name} <{email}> {when} +0000")
        lines.append(f"committer {name} <{email}> {when} +0000")
        lines.append(f"data {len(data)}")
        lines.append(message)
        if index:
            lines.append(f"from :{index}")
        lines.append(f"M 644 inline file{index % 100}.txt")
        content = f"{index}\n"
        lines.append(f"data {len(content)}")
        lines.append(content)
        if index % 1000 == 999:
            lines.append(f"reset refs/tags/v1.{index // 1000}.0")
            lines.append(f"from :{index + 1}")
            lines.append("")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, check=True,
                   input="\n".join(lines).encode())
    subprocess.run(["git", "checkout", "-q", "main"], cwd=root, check=True)


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=False, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="opencheck-bench-") as scratch:
        repo = Path(scratch) / "repo"
        t0 = time.perf_counter()
        build(repo, count)
        print(f"built {count} commits in {time.perf_counter() - t0:.1f}s")
        fmt = ("--format=%H%x00%aN%x00%aE%x00%at%x00%cN%x00%cE%x00%ct%x00%P%x00"
               "%(trailers:key=Signed-off-by,valueonly,separator=%x1f)%x01")
        git_log = min(timed(["git", "log", fmt, "HEAD", "--branches", "--remotes", "--tags"],
                            repo) for _ in range(3))
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-m", "opencheck.cli.main", "check", str(repo),
                   "--rule", "history-*", "--rule", "activity-*", "--format", "json"]
        runs = [timed(command, ROOT, env) for _ in range(3)]
        best = min(runs)
        # a fresh wrapper, so that the peak is that of this run's processes only
        probe = (
            "import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[1:], capture_output=True)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        done = subprocess.run([sys.executable, "-c", probe, *command], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=False)
        peak_kb = int(done.stdout.strip().splitlines()[-1])
        print(f"git log (same format), best of 3: {git_log:.2f}s")
        print(f"opencheck history+activity rules, best of 3: {best:.2f}s "
              f"({best / git_log:.1f}x git log)")
        print(f"peak memory (largest process: opencheck or its git): {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
