# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every JWK hit on the real repositories, for labelling by hand, with both engines.

    python benchmarks/secrets_jwk.py FOLDER...   (folders of clones: /work/corpus ...)

For each clone, every tracked text file that holds `kty` (the detectors read no other)
is scanned with the pure-Python engine and with the Hyperscan prefilter; a file where
the two disagree is printed. Then every `private-jwk` and `secret-jwk` hit, one line
each (repository, kind, path, line, masked value, confidence), and the candidates'
fate: the members matched, those standing in a key of their type, and those refused
as an RFC's published sample.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from opencheck.secrets import detectors, jwk, multimatch
from opencheck.secrets.confidence import confidence

KINDS = ("private-jwk", "secret-jwk")


def clones(folders: list[str]) -> list[Path]:
    return [path for folder in folders for path in sorted(Path(folder).iterdir())
            if (path / ".git").exists()]


def files_with_kty(root: Path) -> list[str]:
    listed = subprocess.run(["git", "-C", str(root), "grep", "-l", "-I", "-z", "kty"],
                            capture_output=True, check=False).stdout
    return [name.decode("utf-8", "replace") for name in listed.split(b"\0") if name]


def main() -> int:
    python = multimatch.PythonEngine()
    fast = multimatch.HyperscanEngine(detectors.engine_patterns())
    repos = clones(sys.argv[1:])
    files = candidates = in_key = samples = disagree = 0
    hits: list[str] = []
    for root in repos:
        for path in files_with_kty(root):
            try:
                data = (root / path).read_bytes()
            except OSError:
                continue
            files += 1
            expected = detectors.scan(data, path, prefilter=python)
            if detectors.scan(data, path, prefilter=fast) != expected:
                disagree += 1
                print("engines disagree:", root.name, path)
            for pattern in (jwk.PRIVATE, jwk.SECRET):
                for match in pattern.finditer(data):
                    candidates += 1
                    if jwk.in_key(data, match):
                        in_key += 1
                        samples += jwk.published_sample(data, match)
            hits += [f"{root.name}\t{hit.kind}\t{path}\t{hit.line}\t{hit.masked}\t"
                     f"{confidence(hit.kind, path)}" for hit in expected if hit.kind in KINDS]
    print("\n".join(hits))
    print(f"repositories {len(repos)}, files holding kty {files}, engines disagree on "
          f"{disagree}; members matched {candidates}, in a key of their type {in_key}, "
          f"RFC samples {samples}; hits {len(hits)}")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
