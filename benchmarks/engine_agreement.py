# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every text blob of a repository's history scanned by both engines: same hits?

    python benchmarks/engine_agreement.py [--limit BYTES] REPO...

Each unique blob of every ref (as the history scan reads them) is scanned with the
pure-Python engine (every detector over the whole blob) and with the Hyperscan
prefilter (only the detectors it names, each from its first possible match); any blob
where the two lists of hits differ is printed. Slow: the Python engine is the
reference, not the fast path.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from opencheck.secrets import detectors, history, multimatch


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("repos", nargs="+", type=Path)
    parser.add_argument("--limit", type=int, default=10 * 1024 * 1024,
                        help="blobs above this size are left out (as by the history scan)")
    args = parser.parse_args()
    python = multimatch.PythonEngine()
    fast = multimatch.HyperscanEngine(detectors.engine_patterns())
    status = 0
    for repo in args.repos:
        blobs = hits = differing = 0
        spent = {"python": 0.0, "hyperscan": 0.0}
        for blob in history.iter_blobs(repo, args.limit):
            if blob.data is None or b"\0" in blob.head[:history.HEAD_SIZE]:
                continue
            blobs += 1
            started = time.process_time()
            expected = detectors.scan(blob.data, blob.path, prefilter=python)
            spent["python"] += time.process_time() - started
            started = time.process_time()
            found = detectors.scan(blob.data, blob.path, prefilter=fast)
            spent["hyperscan"] += time.process_time() - started
            hits += len(expected)
            if found != expected:
                differing += 1
                status = 1
                print(f"  differs: {blob.oid} {blob.path}")
        print(f"{repo.name}: {blobs} text blobs, {hits} hits, {differing} differing; "
              f"CPU python {spent['python']:.1f} s, hyperscan {spent['hyperscan']:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
