# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every TOML file of the real repositories: does `parsing.load_toml` read it as
tomllib does, and how much of its work bound does it use?

    python benchmarks/toml_real.py FOLDER...   (folders of clones: /work/corpus ...)

Reads every tracked `*.toml`, `Cargo.lock`, `poetry.lock`, `uv.lock`, `pdm.lock` and
`Pipfile`; prints the files whose reading differs (refused, or another value), the
five that use most of `MAX_TOML_WORK`, and the CPU time tomllib took on the slowest.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tomllib
from pathlib import Path

from opencheck import parsing

NAMES = ("*.toml", "*Cargo.lock", "*poetry.lock", "*uv.lock", "*pdm.lock", "*Pipfile")


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def work(text: str) -> int:
    return text.count(",") + text.count("\n") + 4 * (
        text.count("=") + text.count("[") + text.count("."))


def main() -> int:
    files: list[tuple[int, float, str]] = []
    differ = 0
    for folder in sys.argv[1:]:
        for repo in sorted(Path(folder).iterdir()):
            if not (repo / ".git").exists():
                continue
            listed = subprocess.run(["git", "-C", str(repo), "ls-files", "-z", *NAMES],
                                    capture_output=True, check=False).stdout
            for name in filter(None, listed.decode("utf-8", "replace").split("\0")):
                try:
                    text = (repo / name).read_bytes().decode("utf-8")
                    started = cpu()
                    expected = tomllib.loads(text)
                    spent = cpu() - started
                except (OSError, ValueError):
                    continue  # not UTF-8 or not valid TOML: tomllib refuses it too
                try:
                    same = parsing.load_toml(text) == expected
                except ValueError as error:
                    same, reason = False, str(error)
                else:
                    reason = "another value"
                if not same:
                    differ += 1
                    print(f"differs: {repo.name} {name}: {reason}")
                files.append((work(text), spent, f"{repo.name} {name} ({len(text):,} chars)"))
    files.sort(reverse=True)
    print(f"{len(files)} TOML files, {differ} read otherwise than by tomllib; "
          f"bound {parsing.MAX_TOML_WORK:,}")
    for counted, spent, where in files[:5]:
        print(f"  {counted:>9,} ({counted / parsing.MAX_TOML_WORK:.0%}) "
              f"tomllib {spent:.3f} s  {where}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
