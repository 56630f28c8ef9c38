# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Git processes started by the secret rules of the history, and by what they ask.

    .venv/bin/python benchmarks/copies_git_starts.py REPO [REPO...] [--runs 3]

Runs `secret-in-history`, `secret-file-committed` and `artefact-in-history` in this
process on each repository, counts every git started (`subprocess.Popen` with `git` as
its program, by subcommand) and the time spent in `secrets.copies.CommitCopies`
(judging a key of the history by the folders of the commit that brought it: the
listings and licence reads of old commits). Prints one line per repository and run:
wall seconds of the run, seconds in the copies, git starts (all, then by subcommand;
`copies cat-file` is one started while the copies were asked), and the keys the copies
were asked about: how many, how many were found in a copy, a digest of the answers (the
same digest before and after a change: the same answers).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from opencheck.engine import RunRequest, run
from opencheck.registry import Options
from opencheck.secrets import copies

RULES = ("secret-in-history", "secret-file-committed", "artefact-in-history")


def _subcommand(command: list[str]) -> str:
    words = iter(command[1:])
    for word in words:
        if word == "-c":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return "?"


def measure(repo: Path) -> tuple[float, float, Counter[str], list[str]]:
    started: Counter[str] = Counter()
    answers: list[str] = []
    inside = [False]
    original = subprocess.Popen.__init__

    def counted(self: Any, args: Any, *rest: Any, **options: Any) -> None:
        if isinstance(args, list) and args and args[0] == "git":
            started[("copies " if inside[0] else "") + _subcommand(args)] += 1
        original(self, args, *rest, **options)

    spent = [0.0]
    component = copies.CommitCopies.component

    def timed(self: copies.CommitCopies, commit: str, path: str) -> str | None:
        begun = time.perf_counter()
        inside[0] = True
        try:
            found = component(self, commit, path)
            answers.append(f"{commit} {path} {found}")
            return found
        finally:
            inside[0] = False
            spent[0] += time.perf_counter() - begun

    subprocess.Popen.__init__ = counted  # type: ignore[method-assign]
    copies.CommitCopies.component = timed  # type: ignore[method-assign]
    try:
        begun = time.perf_counter()
        run(RunRequest(path=repo, options=Options(), only_rules=RULES))
        wall = time.perf_counter() - begun
    finally:
        subprocess.Popen.__init__ = original  # type: ignore[method-assign]
        copies.CommitCopies.component = component  # type: ignore[method-assign]
    return wall, spent[0], started, sorted(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    for repo in arguments.repos:
        for _ in range(arguments.runs):
            wall, spent, started, answers = measure(repo)
            detail = " ".join(f"{name}={count}" for name, count in started.most_common())
            copies = sum(not answer.endswith(" None") for answer in answers)
            digest = hashlib.sha256("\n".join(answers).encode()).hexdigest()[:12]
            print(f"{repo.name}: wall {wall:.2f} s, copies {spent:.3f} s, "
                  f"git starts {sum(started.values())} ({detail}); {len(answers)} keys "
                  f"asked, {copies} in a copy, answers {digest}", flush=True)


if __name__ == "__main__":
    main()
