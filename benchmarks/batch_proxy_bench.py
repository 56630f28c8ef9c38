# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What choosing the proxy costs the batch, next to the clone it comes before.

Each https git call of the batch first asks `proxies.for_url` which proxy to use: the
names of the proxy settings of the user's and the machine's git configuration (asked
once per process), then, only where an `http.<url>.proxy` exists, one `git config
--get-urlmatch` per URL, each through the hardened wrapper. This measures, in one run,
the CPU time (this process and its children, user + system) of:
  - N `proxies.for_url` calls on distinct URLs, a proxy named by https_proxy, none in
    git's configuration (the usual case), then the same with an `http.<url>.proxy` in
    the user's configuration (the worst case: asked per URL);
  - the batch's clone of each bare repository given (`workspace.prepare`, file://:
    no network, so a floor for a real clone's cost).
A repository costs the batch two proxy choices (its clone, and later runs' look-up
of its head) and one clone at least.

Usage: python benchmarks/batch_proxy_bench.py BARE_REPO... [N]   (default N=50)
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
from pathlib import Path

from opencheck import proxies
from opencheck.batch.sources import target_from_line
from opencheck.batch.workspace import GitSettings, prepare


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def choices(count: int, configuration: str) -> float:
    os.environ["https_proxy"] = "http://proxy.example:3128"
    os.environ["GIT_CONFIG_GLOBAL"] = configuration
    started = cpu()
    for index in range(count):
        proxies.for_url(f"https://forge.example.org/group/project-{index}.git")
    return (cpu() - started) / count


def clone(bare: Path) -> float:
    with tempfile.TemporaryDirectory() as workspace:
        started = cpu()
        prepare(Path(workspace), target_from_line(str(bare), Path.cwd()), GitSettings())
        return cpu() - started


def main(arguments: list[str]) -> None:
    count = int(arguments[-1]) if arguments[-1].isdigit() else 50
    repositories = [Path(name) for name in arguments if not name.isdigit()]
    usual = choices(count, os.devnull)
    with tempfile.NamedTemporaryFile("w", suffix=".gitconfig") as user:
        user.write('[http "https://intranet.example/"]\n\tproxy = ""\n')
        user.flush()
        worst = choices(count, user.name)
    print(f"proxy choice: {usual * 1000:.2f} ms CPU each, {worst * 1000:.1f} ms with an "
          f"http.<url>.proxy ({count} calls)")
    print("| repository | clone CPU (s) | two choices, usual (s) | share | "
          "two choices, worst (s) | share |")
    print("|---|---|---|---|---|---|")
    for bare in repositories:
        spent = clone(bare)
        print(f"| {bare.parent.name} | {spent:.3f} | {2 * usual:.4f} | "
              f"{2 * usual / spent:.1%} | {2 * worst:.3f} | {2 * worst / spent:.1%} |")


if __name__ == "__main__":
    main(sys.argv[1:])
