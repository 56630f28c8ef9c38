# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the secrets scan reads of the "binary" blobs of real histories (adversary14).

Every blob reachable from a repository's refs (`history.iter_blobs`, the history scan's
own reading) whose first 8,000 bytes hold a NUL: how many `textview.text_view` reads as
UTF-16/32 or as text with stray NULs, and the secrets hits found in those.

    PYTHONPATH=src .venv/bin/python benchmarks/textview_binary.py GITDIR...
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from opencheck.secrets.detectors import scan
from opencheck.secrets.history import iter_blobs
from opencheck.secrets.textview import text_view


def main(roots: list[str]) -> None:
    for root in roots:
        counts: Counter[str] = Counter()
        spent = scanned = 0.0
        read = 0
        hits = []
        for blob in iter_blobs(Path(root), 5 << 20):
            if blob.data is None or b"\0" not in blob.data[:8000]:
                continue
            counts["binary head"] += 1
            start = time.process_time()
            text = text_view(blob.data)
            spent += time.process_time() - start
            if text is None:
                continue
            counts["utf-16/32" if text is not blob.data else "stray NULs"] += 1
            start = time.process_time()
            found = scan(text, blob.path)
            scanned += time.process_time() - start
            read += len(text)
            hits.extend((blob.path, hit.kind, hit.category) for hit in found)
            print(f"  read as text: {blob.path} ({blob.size} B): {len(found)} hit(s)")
        print(f"{root}: {dict(counts)}, text_view {spent:.3f} s CPU, scan of those "
              f"{read / 1e6:.1f} MB {scanned:.2f} s CPU, hits {len(hits)}")
        for hit in hits[:40]:
            print("   ", hit)


if __name__ == "__main__":
    main(sys.argv[1:])
