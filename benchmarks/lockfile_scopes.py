# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Each dependency's scope on real repositories, and the CPU of the inventory
(adversary14: a lockfile's `dev` flags checked against what the runtime dependencies
reach). Run it with two `PYTHONPATH`s and compare the JSON lines it prints:

    PYTHONPATH=src .venv/bin/python benchmarks/lockfile_scopes.py CLONE... > after.jsonl
"""

from __future__ import annotations

import json
import sys
import time

from opencheck.deps.inventory import build
from opencheck.repository import open_repository


def main(roots: list[str]) -> None:
    for root in roots:
        repo = open_repository(root)
        start = time.process_time()
        inventory = build(repo)
        spent = time.process_time() - start
        scopes = sorted({f"{d.declared_in}|{d.name}|{d.version}|{d.scope}"
                         for d in inventory.dependencies})
        print(json.dumps({"root": root, "cpu": round(spent, 3), "scopes": scopes}))


if __name__ == "__main__":
    main(sys.argv[1:])
