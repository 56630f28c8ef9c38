# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every regular expression of opencheck on its worst 5 MB (issue 14, item 5).

    PYTHONPATH=src:tests .venv/bin/python benchmarks/regex_probe.py [--json FILE] [--only TEXT]
        [--from WHERE] [--first-pass] [--record]

tests/hostile/regexprobe.py finds each pattern (module globals, class attributes,
detector tables, `re.*(...)` calls inside functions) and builds its pathological inputs
from its own parse tree. First pass: each pattern is screened on every input at 8 KB in
a child killed past a CPU ceiling, and its slowest input is run again at 128 KB (a
quadratic pattern shows there: 16 times the 8 KB figure, and more). Second pass, most
expensive first: that input at 1 MB and 5 MB, each in a fresh child, with the CPU time
(user + sys) of the match and the 5 MB / 1 MB ratio (5 when linear, 25 when
quadratic). CPU time, not wall time: the machine is shared.

`--record` writes each screened pattern's slowest runs to tests/hostile/regex_worst.json
(kept for the patterns not screened this time, dropped for those gone from the code):
tests/hostile/test_every_pattern.py runs them on every pattern at each test run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from hostile.regexprobe import (
    SIZE_5MB,
    Estimate,
    collect,
    estimate,
    load_record,
    measure,
    pattern_key,
    record_entry,
    save_record,
)

MB = 1024 * 1024
FLOOR = 2.0


def full(found: Estimate) -> dict[str, object]:
    small = measure(found.site, found.worst, MB)
    large = measure(found.site, found.worst, SIZE_5MB) if small is not None and small < 12 else None
    return {"where": found.site.where, "input": found.worst.label(),
            "killed_8k": [item.label() for item in found.stuck],
            "cpu_8k": found.screen_cpu, "cpu_128k": found.cpu, "cpu_1mb": small,
            "cpu_5mb": large, "searched": found.site.searched}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", help="also write every row to this file")
    parser.add_argument("--only", default="", help="only the sites whose location has it")
    parser.add_argument("--from", dest="start", default="", help="only the sites from this one on")
    parser.add_argument("--first-pass", action="store_true", help="estimates only")
    parser.add_argument("--record", action="store_true",
                        help="write the slowest runs to tests/hostile/regex_worst.json")
    arguments = parser.parse_args()
    sites = collect()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
          f"{len(sites.found)} patterns; not evaluable (checked by hand): "
          f"{', '.join(sites.dynamic)}\n", flush=True)
    estimates = []
    for site in sites.found:
        if arguments.only in site.where and site.where >= arguments.start:
            estimates.append(estimate(site))
            print(f"screened {site.where}: {estimates[-1].per_5mb():.3f} s/5MB estimated",
                  file=sys.stderr, flush=True)
    if arguments.record:
        known = {pattern_key(site.pattern) for site in sites.found}
        record = {key: entry for key, entry in load_record().items() if key in known}
        for found in estimates:
            if found.screened is not None:
                record[pattern_key(found.site.pattern)] = record_entry(found.screened)
        save_record(record)
    estimates.sort(key=lambda found: found.per_5mb(), reverse=True)
    for found in estimates:
        print(f"first pass {found.per_5mb():8.3f} s/5MB {found.site.where} "
              f"{found.worst.label()[:60]}", file=sys.stderr, flush=True)
    rows = []
    for found in [] if arguments.first_pass else estimates:
        rows.append(full(found))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1)

    def cost(row: dict[str, object]) -> float:
        value = row["cpu_5mb"]
        return float("inf") if value is None else float(value)  # type: ignore[arg-type]

    rows.sort(key=cost, reverse=True)
    print("| pattern | worst input (prefix + unit* + suffix) | CPU 1 MB | CPU 5 MB | 5 MB / 1 MB |")
    print("|---|---|---|---|---|")
    for row in rows:
        if cost(row) < 0.25:
            continue
        small, large = row["cpu_1mb"], row["cpu_5mb"]
        ratio = f"{large / small:.1f}" if small and large else "-"  # type: ignore[operator]
        print(f"| `{row['where']}` | `{str(row['input'])[:70]}` | "
              f"{'killed' if small is None else f'{small:.2f}'} | "
              f"{'killed' if large is None else f'{large:.2f}'} | {ratio} |")
    finite = [cost(row) for row in rows if cost(row) != float("inf")]
    print(f"\n{len(rows)} patterns; {sum(1 for c in finite if c <= FLOOR)} under {FLOOR:.0f} s "
          f"CPU at 5 MB, {len(rows) - len(finite)} killed; worst {max(finite, default=0):.2f} s; "
          f"median {sorted(finite)[len(finite) // 2] if finite else 0:.3f} s")


if __name__ == "__main__":
    main()
