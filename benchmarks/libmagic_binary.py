# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`reuse_adapter.binary_to_libmagic` against libmagic itself, on real files.

    python benchmarks/libmagic_binary.py REPO...

For each tracked file of each repository (2 MB at most) that reuse would hand to its
encoding detection (it may hold REUSE information and its head is not UTF-8 text), the
head is given to libmagic (python-magic, as reuse asks it) and to the shortcut. Printed:
how many heads the shortcut answers, how many of those libmagic calls "binary" (all of
them, or the shortcut is wrong), how many libmagic calls binary that the shortcut leaves
to it, and the first disagreements.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import magic

from opencheck.reuse_adapter import (
    HEURISTICS_CHUNK_SIZE,
    binary_to_libmagic,
    cannot_hold_info,
    head_is_utf8_text,
)

LARGEST = 2_000_000


def heads(repo: Path) -> list[tuple[str, bytes]]:
    listed = subprocess.run(["git", "-C", str(repo), "ls-files", "-z"],
                            capture_output=True, check=True).stdout.split(b"\0")
    found = []
    for name in filter(None, listed):
        path = repo / name.decode("utf-8", "surrogateescape")
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > LARGEST:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        head = data[:HEURISTICS_CHUNK_SIZE]
        if not head_is_utf8_text(head) and not cannot_hold_info(data, True):
            found.append((str(path), head))
    return found


def main() -> None:
    detector = magic.Magic(mime_encoding=True)
    counts: collections.Counter[str] = collections.Counter()
    wrong: list[tuple[str, str]] = []
    for repo in map(Path, sys.argv[1:]):
        if not (repo / ".git").exists():
            continue
        for path, head in heads(repo):
            answer = detector.from_buffer(head)
            if binary_to_libmagic(head):
                counts["answered"] += 1
                counts["answered, libmagic says binary"] += answer == "binary"
                if answer != "binary" and len(wrong) < 10:
                    wrong.append((path, answer))
            else:
                counts["left to libmagic"] += 1
                counts["left to libmagic, binary"] += answer == "binary"
    for name, count in counts.items():
        print(f"{name}: {count:,}")
    for path, answer in wrong:
        print(f"DISAGREES: {path}: libmagic says {answer}")


if __name__ == "__main__":
    os.environ.setdefault("LC_ALL", "C.UTF-8")
    main()
