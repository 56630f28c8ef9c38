# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The holder domain opencheck proposes from commit e-mails, per repository.

    .venv/bin/python benchmarks/holder_domains.py [SRC] REPO...

SRC (optional, a folder holding the `opencheck` package) picks the code to measure, so
that two versions can be compared on the same repositories (benchmarks/reuse.md).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path


def main(argv: list[str]) -> None:
    if argv and (Path(argv[0]) / "opencheck").is_dir():
        sys.path.insert(0, argv.pop(0))
    from opencheck.community import history as hist
    from opencheck.licensing.holder import from_emails

    def personal(address: str) -> bool:
        return hist.is_webmail(address) or hist.generic_reason(address) is not None

    for repo in argv:
        log = subprocess.run(["git", "-C", repo, "log", "--format=%ae"],
                             capture_output=True, text=True, check=False).stdout.split()
        counts = Counter(address for address in log if "[bot]" not in address)
        holder = from_emails(counts.items(), personal)
        print(f"{Path(repo).name:45} {holder.name if holder else '-'}")


if __name__ == "__main__":
    main(sys.argv[1:])
