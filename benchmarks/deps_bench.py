# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the dependency audit (issue 10).

1. A generated JavaScript project with PACKAGES locked packages (package-lock.json v3):
   the offline audit (`opencheck check --rule 'deps-*'` in-process, and `opencheck deps`
   as a command) against `npm ls --all --package-lock-only`, which only reads the same
   lockfile without any licence.
2. Every fixture repository of tests/fixtures/deps: dependencies found against the
   expected list (name, version, licence recorded by the lockfile, direct, scope).

Run from the repository root:
    PYTHONPATH=src /work/devenv/bin/python benchmarks/deps_bench.py [PACKAGES]
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from opencheck.deps.inventory import build, verdicts
from opencheck.engine import RunRequest, run
from opencheck.repository import open_repository

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "deps"
LICENCES = (["MIT"] * 80 + ["ISC"] * 8 + ["Apache-2.0"] * 5 + ["BSD-3-Clause"] * 3
            + ["(MIT OR Apache-2.0)"] * 2 + ["GPL-3.0-only", None])
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def generate(root: Path, count: int, seed: int = 10) -> int:
    """A package.json and a lockfile v3 with `count` packages, 5% of them nested."""
    rng = random.Random(seed)
    names = [f"pkg-{index:04d}" for index in range(count)]
    direct = names[:40]
    packages: dict[str, object] = {
        "": {"name": "bench-app", "version": "1.0.0", "license": "MIT",
             "dependencies": {name: "^1.0.0" for name in direct}},
    }
    top_level = names[: int(count * 0.95)]
    nested = names[len(top_level):]
    for index, name in enumerate(top_level):
        children = rng.sample(top_level[index + 1:], k=min(3, len(top_level) - index - 1))
        entry: dict[str, object] = {
            "version": f"1.{index % 7}.{index % 13}",
            "resolved": f"https://registry.npmjs.org/{name}/-/{name}-1.0.0.tgz",
            "integrity": "sha512-" + "A" * 86 + "==",
            "dependencies": {child: "*" for child in children},
        }
        licence = rng.choice(LICENCES)
        if licence:
            entry["license"] = licence
        packages[f"node_modules/{name}"] = entry
    for index, name in enumerate(nested):
        parent = top_level[index]
        packages[f"node_modules/{parent}/node_modules/{name}"] = {
            "version": "2.0.0", "license": "MIT",
            "resolved": f"https://registry.npmjs.org/{name}/-/{name}-2.0.0.tgz",
            "integrity": "sha512-" + "B" * 86 + "==",
        }
        dependencies = packages[f"node_modules/{parent}"]["dependencies"]  # type: ignore[index]
        dependencies[name] = "2.0.0"
    (root / "package.json").write_text(json.dumps(
        {"name": "bench-app", "version": "1.0.0", "license": "MIT",
         "dependencies": {name: "^1.0.0" for name in direct}}, indent=2))
    (root / "package-lock.json").write_text(json.dumps(
        {"name": "bench-app", "version": "1.0.0", "lockfileVersion": 3, "requires": True,
         "packages": packages}, indent=2))
    (root / "LICENSE").write_text("SPDX-License-Identifier: MIT\n")
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=GIT_ENV)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=GIT_ENV)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "bench"], check=True, env=GIT_ENV)
    return len(packages) - 1


def generate_other_locks(root: Path, count: int) -> dict[str, Path]:
    """The same packages as yarn.lock (classic) and pnpm-lock.yaml (v9), one folder each."""
    names = [f"pkg-{index:04d}" for index in range(count)]
    manifest = json.dumps({"name": "bench-app", "dependencies": {n: "^1.0.0" for n in names[:40]}})
    yarn = ["# yarn lockfile v1", ""]
    importers = ["lockfileVersion: '9.0'", "", "importers:", "  .:", "    dependencies:"]
    packages = ["", "packages:", ""]
    snapshots = ["", "snapshots:", ""]
    for index, name in enumerate(names):
        version = f"1.{index % 7}.{index % 13}"
        yarn += [f'{name}@^1.0.0:', f'  version "{version}"',
                 f'  resolved "https://registry.yarnpkg.com/{name}/-/{name}-{version}.tgz#a"',
                 "  integrity sha512-AAAA", ""]
        if index < 40:
            importers += [f"      {name}:", "        specifier: ^1.0.0",
                          f"        version: {version}"]
        packages += [f"  {name}@{version}:", "    resolution: {integrity: sha512-AAAA}", ""]
        snapshots += [f"  {name}@{version}: {{}}", ""]
    folders = {"yarn.lock v1": root / "yarn", "pnpm-lock.yaml v9": root / "pnpm"}
    for folder in folders.values():
        folder.mkdir()
        (folder / "package.json").write_text(manifest)
    (folders["yarn.lock v1"] / "yarn.lock").write_text("\n".join(yarn))
    (folders["pnpm-lock.yaml v9"] / "pnpm-lock.yaml").write_text(
        "\n".join(importers + packages + snapshots) + "\n")
    return folders


def best(function, repeat: int = 5) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def bench_js(count: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="opencheck-deps-bench-"))
    try:
        locked = generate(scratch, count)
        size = (scratch / "package-lock.json").stat().st_size
        print(f"generated project: {locked} locked packages, "
              f"package-lock.json {size / 1024:.0f} KB")

        def inventory_only() -> None:
            inventory = build(open_repository(scratch))
            verdicts(inventory)

        def check_rules() -> None:
            run(RunRequest(path=scratch, only_rules=("deps-*",)))

        inventory = build(open_repository(scratch))
        judged = verdicts(inventory)
        kinds: dict[str, int] = {}
        for _, verdict in judged:
            kinds[verdict.kind] = kinds.get(verdict.kind, 0) + 1
        print(f"found {len(inventory.dependencies)} dependencies, verdicts {kinds}")
        low, median = best(inventory_only)
        print(f"inventory + verdicts (in-process):        best {low:.3f} s, median {median:.3f} s")
        low, median = best(check_rules)
        print(f"opencheck check --rule 'deps-*' (in-process): best {low:.3f} s, "
              f"median {median:.3f} s")
        others = Path(tempfile.mkdtemp(prefix="opencheck-deps-bench-other-"))
        try:
            for label, folder in generate_other_locks(others, count).items():
                repo = open_repository(folder)
                found = len(build(repo).dependencies)
                low, median = best(lambda f=folder: verdicts(build(open_repository(f))))
                print(f"same project, {label:<18} {found} found: best {low:.3f} s, "
                      f"median {median:.3f} s")
        finally:
            shutil.rmtree(others, ignore_errors=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-m", "opencheck.cli.main", "deps", str(scratch), "-f", "json"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        low, median = best(lambda: subprocess.run(command, env=env, check=True,
                                                  capture_output=True), repeat=3)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / 3
        print(f"opencheck deps -f json (new process):     best {low:.3f} s, median {median:.3f} s"
              f", CPU {cpu:.3f} s per run")
        npm = shutil.which("npm")
        if npm:
            peer = [npm, "ls", "--all", "--package-lock-only", "--json", "--prefix", str(scratch)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            low_npm, median_npm = best(lambda: subprocess.run(peer, capture_output=True),
                                       repeat=3)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_npm = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / 3
            print(f"peer: npm ls --all --package-lock-only:   best {low_npm:.3f} s, "
                  f"median {median_npm:.3f} s, CPU {cpu_npm:.3f} s per run  "
                  f"(opencheck deps / npm ls: wall {low / low_npm:.2f}, CPU {cpu / cpu_npm:.2f})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def bench_fixtures() -> bool:
    complete = True
    print("\nfixture              expected  found  missing  extra")
    for fixture in sorted(path for path in FIXTURES.iterdir() if path.is_dir()):
        expected = {tuple(item) for item in json.loads((fixture / "expected.json").read_text())}
        with tempfile.TemporaryDirectory(prefix="opencheck-fixture-") as scratch:
            target = Path(scratch) / fixture.name
            shutil.copytree(fixture, target, ignore=shutil.ignore_patterns("expected.json"))
            inventory = build(open_repository(target))
        found = {(d.name, d.version, d.licence, d.direct, d.scope)
                 for d in inventory.dependencies}
        missing, extra = expected - found, found - expected
        complete &= not missing and not extra
        print(f"{fixture.name:<20} {len(expected):>8}  {len(found):>5}  {len(missing):>7}  "
              f"{len(extra):>5}")
    return complete


if __name__ == "__main__":
    bench_js(int(sys.argv[1]) if len(sys.argv) > 1 else 1600)
    ok = bench_fixtures()
    print("\nevery fixture found completely" if ok else "\nSOME FIXTURES INCOMPLETE")
    sys.exit(0 if ok else 1)
