# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licence identification: accuracy on the corpus of real licence files, and time per file.

    PYTHONPATH=src python benchmarks/licence_accuracy.py [--corpus DIR]
        [--askalono-python /path/to/python-with-pyaskalono]

A first answer is correct when it is the labelled SPDX expression (compared with
license-expression); for a bare GNU text labelled -only, -or-later is accepted too, as
the corpus README allows; NOASSERTION expects no answer. "False authorised" counts
files whose answer is on the decree's list while their label is not. Time is the best of
3 runs per file after warm-up (index loaded, one file identified), as wall time and as
CPU time of the process (which other work on a shared machine does not inflate); the
median, mean and worst file are reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from opencheck.licensing import equivalent, identify_bytes, load_authorised
from opencheck.licensing.index import INDEX_PATH, load_index

RUNS = 3
ASKALONO = r"""
import json, sys, time, askalono
out = {}
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        text = data.decode('latin-1')
    askalono.identify(text)  # warm
    best, best_cpu, name = None, None, None
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            found = askalono.identify(text)
            name = found.name if found is not None and found.score >= 0.8 else None
        except Exception:
            name = None
        took, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        best = took if best is None else min(best, took)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    out[path] = [name, best, best_cpu]
print(json.dumps(out))
"""


def find_corpus() -> Path | None:
    here = Path(__file__).resolve().parents[1]
    for candidate in (here.parent / "shared" / "corpus", Path("/work/shared/corpus")):
        if (candidate / "licences" / "labels.json").is_file():
            return candidate
    return None


def correct(found: str | None, label: str) -> bool:
    if label == "NOASSERTION":
        return found is None
    if not found:
        return False
    return equivalent(found, label) or equivalent(found.replace("-or-later", "-only"), label)


def authorised(expression: str | None) -> bool:
    if not expression or expression == "NOASSERTION":
        return False
    try:
        return load_authorised().verdict(expression).authorised
    except ValueError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=find_corpus())
    parser.add_argument("--askalono-python", help="a Python that has pyaskalono installed")
    args = parser.parse_args()
    if args.corpus is None:
        sys.exit("corpus not found: pass --corpus")
    folder = args.corpus / "licences"
    labels: dict[str, dict[str, str]] = json.loads((folder / "labels.json").read_text("utf-8"))
    started = time.perf_counter()
    load_index()
    load_time = time.perf_counter() - started
    identify_bytes((folder / next(iter(labels))).read_bytes())  # warm-up
    rows: list[tuple[str, str, str | None, float, bool, float]] = []
    cpu_ms: list[float] = []
    for name, label in labels.items():
        data = (folder / name).read_bytes()
        times, cpu = [], []
        for _ in range(RUNS):
            start, start_cpu = time.perf_counter(), time.process_time()
            found = identify_bytes(data)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        rows.append((name, label["spdx"], found.spdx, found.confidence,
                     correct(found.spdx, label["spdx"]), min(times)))
        cpu_ms.append(min(cpu) * 1000)
    total = len(rows)
    right = sum(row[4] for row in rows)
    false_ok = [r[0] for r in rows if authorised(r[2]) and not authorised(r[1])]
    french = [r for r in rows if labels[r[0]]["language"].startswith("fr")]
    times_ms = [r[5] * 1000 for r in rows]
    print(f"corpus: {folder} ({total} files, {len(french)} French)")
    print(f"index: {INDEX_PATH.stat().st_size} bytes, {len(load_index().references)} texts, "
          f"loaded in {load_time * 1000:.0f} ms")
    print(f"opencheck: {right}/{total} correct first answers ({100 * right / total:.1f}%), "
          f"French {sum(r[4] for r in french)}/{len(french)}, "
          f"false 'authorised': {len(false_ok)}")
    print(f"opencheck wall time per file: median {statistics.median(times_ms):.1f} ms, "
          f"mean {statistics.mean(times_ms):.1f} ms, worst {max(times_ms):.1f} ms")
    print(f"opencheck CPU time per file: median {statistics.median(cpu_ms):.1f} ms, "
          f"mean {statistics.mean(cpu_ms):.1f} ms, worst {max(cpu_ms):.1f} ms")
    for row in rows:
        if not row[4]:
            print(f"  wrong: {row[0]}: {row[2]} (expected {row[1]})")
    if args.askalono_python:
        paths = [str(folder / name) for name in labels]
        out = subprocess.run([args.askalono_python, "-c", ASKALONO, *paths], check=True,
                             capture_output=True, text=True).stdout
        peer = json.loads(out)
        peer_right = sum(correct(peer[str(folder / n)][0], lab["spdx"])
                         for n, lab in labels.items())
        peer_french = sum(correct(peer[str(folder / r[0])][0], r[1]) for r in french)
        peer_false = sum(authorised(peer[str(folder / n)][0]) and not authorised(lab["spdx"])
                         for n, lab in labels.items())
        peer_ms = [peer[p][1] * 1000 for p in paths]
        peer_cpu = [peer[p][2] * 1000 for p in paths]
        print(f"askalono: {peer_right}/{total} correct ({100 * peer_right / total:.1f}%), "
              f"French {peer_french}/{len(french)}, false 'authorised': {peer_false}")
        print(f"askalono wall time per file: median {statistics.median(peer_ms):.1f} ms, "
              f"mean {statistics.mean(peer_ms):.1f} ms, worst {max(peer_ms):.1f} ms")
        print(f"askalono CPU time per file: median {statistics.median(peer_cpu):.1f} ms, "
              f"mean {statistics.mean(peer_cpu):.1f} ms, worst {max(peer_cpu):.1f} ms")


if __name__ == "__main__":
    main()
