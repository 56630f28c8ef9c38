# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Secrets benchmark: recall and false positives, history scan speed and memory.

    PYTHONPATH=src /work/devenv/bin/python benchmarks/secrets_bench.py \
        [--peers /work/bench-venv/bin] [--commits 300] [--big 5000]

1. Accuracy: a generated repository of a few hundred commits, with realistic secrets of
   every kind planted (most deleted in later commits, some inside ordinary source
   files) and decoys (environment lookups, placeholders, hashes, UUIDs, documented
   examples). opencheck's history and tree findings against the planted list;
   detect-secrets over every unique blob of the history (it cannot read git history
   itself) and trufflehog 2 over the git history, when they are installed.
2. Speed: a generated history of several thousand commits. opencheck's history scan
   wall time against `git cat-file --batch-all-objects --batch` (reading every object
   once) and against detect-secrets over the same unique blobs.
3. Memory: peak RSS of the history scan on two history sizes.

The repositories are built with `git fast-import`; all content is generated from a
seed, and no value in them is a real credential.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from opencheck.engine import RunRequest, run
from opencheck.registry import Options
from opencheck.secrets.history import iter_blobs
from opencheck.secrets.parallel import default_workers
from secret_samples import Samples

WORDS = ("user", "agent", "config", "request", "session", "record", "service", "cache",
         "token", "key", "value", "index", "payload", "client", "server", "report", "item",
         "account", "document", "password", "field", "secret", "handler", "route", "query")
ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


@dataclass(frozen=True)
class Planted:
    kind: str
    path: str
    needle: str  # a piece of the secret, to tell whether a peer tool found it


# -- generating repositories ---------------------------------------------------------


def source_file(rng: random.Random, lines: int) -> list[str]:
    out: list[str] = []
    for _ in range(lines):
        a, b, c = rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)
        out.append(rng.choice((
            f"def get_{a}_{b}(self, {c}):",
            f"    return self.{a}[{c!r}]",
            f"    {a}_{b} = {c}.get('{a}')",
            f"# Compute the {a} of the {b} before the {c} is sent.",
            f"    if {a} is None or not {b}:",
            f"        raise ValueError('missing {a} for {c}')",
            f"    headers['{a.title()}-{b.title()}'] = {c}",
            f"    logger.debug('%s {a} %s', {b}, {c})",
            f"    {a}_{b}_{rng.randint(0, 999)} = {rng.randint(0, 10**6)}",
            f"class {a.title()}{b.title()}({c.title()}):",
        )))
    return out


class FastImport:
    """Writes a history through `git fast-import`, one commit at a time."""

    def __init__(self, root: Path) -> None:
        subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True, env=ENV)
        self.process = subprocess.Popen(
            ["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE, env=ENV
        )
        self.mark = 0
        self.time = 1_600_000_000

    def commit(self, files: dict[str, str], deleted: tuple[str, ...] = (),
               branch: str = "main", author: str = "Camille Agent") -> None:
        assert self.process.stdin is not None
        self.mark += 1
        self.time += 3600
        message = f"change {self.mark}".encode()
        email = author.lower().replace(" ", ".") + "@numerique.gouv.fr"
        chunks = [
            f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode(),
            f"author {author} <{email}> {self.time} +0000\n".encode(),
            f"committer {author} <{email}> {self.time} +0000\n".encode(),
            f"data {len(message)}\n".encode() + message + b"\n",
        ]
        for path in deleted:
            chunks.append(f"D {path}\n".encode())
        for path, text in files.items():
            data = text.encode()
            chunks.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        self.process.stdin.write(b"".join(chunks) + b"\n")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        if self.process.wait() != 0:
            raise RuntimeError("git fast-import failed")


def generate(root: Path, commits: int, seed: int, plant: bool) -> list[Planted]:
    """A history of `commits` commits over 120 source files; secrets when `plant`."""
    rng = random.Random(seed)
    files = {f"src/{rng.choice(WORDS)}_{index}.py": source_file(rng, rng.randint(60, 300))
             for index in range(120)}
    names = sorted(files)
    writer = FastImport(root)
    planted: list[Planted] = []
    plan: dict[int, list[tuple[str, str, str, str]]] = {}
    removals: dict[int, list[str]] = {}
    restores: dict[int, list[str]] = {}
    if plant:
        samples = Samples(seed)
        first = samples.planted()
        second = Samples(seed + 1).planted()
        decoys = samples.decoys()
        writer.commit({"README.md": "# Projet\n", **decoys})
        for index, (kind, (path, content)) in enumerate(sorted(first.items())):
            at = 5 + index * (commits // 2 // len(first))
            plan.setdefault(at, []).append((kind, path, content, "file"))
            if kind not in ("password-assignment", "internal-host", "nir"):
                removals.setdefault(at + rng.randint(3, 40), []).append(path)
        for index, (kind, (_path, content)) in enumerate(sorted(second.items())):
            if kind in ("env-file", "ssh-key-file", "internal-host"):
                continue  # file-name kinds need their own file; hosts are a tree rule
            host = names[index]
            at = commits // 2 + index * (commits // 3 // len(second))
            plan.setdefault(at, []).append((kind, host, content, "inline"))
            restores.setdefault(at + rng.randint(2, 20), []).append(host)
    for number in range(commits):
        changed: dict[str, str] = {}
        for _ in range(rng.randint(1, 3)):
            name = rng.choice(names)
            lines = files[name]
            start = rng.randrange(len(lines))
            lines[start: start + rng.randint(1, 8)] = source_file(rng, rng.randint(1, 10))
            changed[name] = "\n".join(lines) + "\n"
        deleted: list[str] = []
        for kind, path, content, how in plan.get(number, []):
            if how == "file":
                changed[path] = content
            else:
                changed[path] = "\n".join(files[path]) + "\n" + content
            planted.append(Planted(kind, path, needle(kind, content)))
        for path in removals.get(number, []):
            deleted.append(path)
            changed.pop(path, None)
        for path in restores.get(number, []):
            changed[path] = "\n".join(files[path]) + "\n"
        writer.commit(changed, tuple(deleted))
    writer.close()
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True, env=ENV)
    return planted


def needle(kind: str, content: str) -> str:
    """A distinctive piece of the planted secret, never its whole value."""
    if kind in ("private-key", "openssh-private-key", "pgp-private-key"):
        return content.splitlines()[3][10:40]
    if kind in ("ssh-key-file",):
        return "not a real key"
    if kind == "gcp-service-account":
        return json.loads(content)["private_key_id"][5:30]
    if kind == "nir":
        return content.splitlines()[1].split(";")[1]
    if kind == "iban-fr":
        return content.splitlines()[1].split(";")[1].replace(" ", "")[4:20]
    if kind == "internal-host":
        return "srv-app01.rie.gouv.fr"  # opencheck: allow
    if kind == "kubernetes-secret":
        return content.rsplit(":", 1)[1].strip()[2:20]
    last = content.strip().splitlines()[-1]
    token = max(last.replace('"', " ").replace("'", " ").replace("=", " ").split(), key=len)
    return token[6:26] if len(token) > 26 else token[2:]


# -- measuring -----------------------------------------------------------------------


def opencheck_findings(root: Path) -> tuple[list[dict[str, object]], float]:
    started = time.perf_counter()
    report = run(RunRequest(path=root, options=Options(history=True),
                            only_rules=("secret-*", "sensitive-*")))
    elapsed = time.perf_counter() - started
    return [{"rule": f.rule, "path": f.path, **f.extra} for f in report.findings], elapsed


def dump_blobs(root: Path, target: Path) -> int:
    """Every unique blob of the history as a file, keeping its extension."""
    count = 0
    for blob in iter_blobs(root, 64 * 1024 * 1024):
        name = blob.path.replace("/", "__")
        (target / f"{blob.oid[:12]}_{name}").write_bytes(blob.data or b"")
        count += 1
    return count


def detect_secrets(peers: Path, folder: Path) -> tuple[dict[str, list[dict[str, object]]], float]:
    started = time.perf_counter()
    done = subprocess.run([str(peers / "detect-secrets"), "scan", "--all-files", "."],
                          cwd=folder, capture_output=True, check=True)
    elapsed = time.perf_counter() - started
    results: dict[str, list[dict[str, object]]] = json.loads(done.stdout)["results"]
    return results, elapsed


def accuracy(peers: Path | None, commits: int) -> dict[str, object]:
    scratch = Path(tempfile.mkdtemp(prefix="opencheck-secrets-bench-"))
    try:
        root = scratch / "repo"
        planted = generate(root, commits, seed=42, plant=True)
        found, seconds = opencheck_findings(root)
        hit = [p for p in planted
               if any(f["kind"] == p.kind and f["path"] == p.path for f in found)]
        planted_paths = {p.path for p in planted}
        false = [f for f in found if f["path"] not in planted_paths]
        result: dict[str, object] = {
            "commits": commits, "planted": len(planted),
            "opencheck": {"found": len(hit),
                          "missed": sorted({(p.kind, p.path) for p in planted}
                                           - {(p.kind, p.path) for p in hit}),
                          "false_positives": [(f["kind"], f["path"]) for f in false],
                          "seconds": round(seconds, 2)},
        }
        if peers is not None and (peers / "detect-secrets").exists():
            blobs = scratch / "blobs"
            blobs.mkdir()
            dump_blobs(root, blobs)
            results, ds_seconds = detect_secrets(peers, blobs)
            texts = {name: (blobs / name).read_text("utf-8", "replace") for name in results}
            ds_found = [p for p in planted
                        if any(p.needle in texts[name] for name in results)]
            ds_false = [name for name in results
                        if not any(p.needle in texts[name] for p in planted)]
            result["detect-secrets"] = {
                "found": len(ds_found),
                "missed_kinds": sorted({p.kind for p in planted} - {p.kind for p in ds_found}),
                "false_positive_files": len(ds_false),
                "false_positive_results": sum(len(results[n]) for n in ds_false),
                "seconds": round(ds_seconds, 2),
            }
        if peers is not None and (peers / "trufflehog").exists():
            for label, extra in (("trufflehog", []), ("trufflehog-regex-only",
                                                     ["--entropy", "False"])):
                result[label] = trufflehog(peers, root, planted, extra)
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def trufflehog(peers: Path, root: Path, planted: list[Planted],
               extra: list[str]) -> dict[str, object]:
    """truffleHog 2 over the history. A planted value counts as found when one of the
    reported strings holds it, or when truffleHog reports something at its path (it
    quotes only the header line of a private key); a report elsewhere is a false
    positive."""
    started = time.perf_counter()
    done = subprocess.run([str(peers / "trufflehog"), "--json", "--regex", *extra,
                           f"file://{root}"], capture_output=True, timeout=1800)
    seconds = time.perf_counter() - started
    reports: list[tuple[str, str]] = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            reports += [(item.get("path", ""), found) for found in item.get("stringsFound", [])]
    paths = {p.path for p in planted}
    found = [p for p in planted
             if any(p.needle in text or path == p.path for path, text in reports)]
    false = [text for path, text in reports
             if path not in paths and not any(p.needle in text for p in planted)]
    return {
        "found": len(found),
        "missed_kinds": sorted({p.kind for p in planted} - {p.kind for p in found}),
        "false_positive_strings": len(false),
        "seconds": round(seconds, 2),
    }


SCAN_CHILD = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from opencheck.checks.secrets import HISTORY_CATEGORIES
from opencheck.secrets.allow import Settings
from opencheck.secrets.files import artefact, secret_file_kind
from opencheck.secrets.history import scan_history
settings = Settings()
def by_path(path, size, head):
    kind = secret_file_kind(path, head)
    if kind: return kind, path
    found = artefact(path, head)
    if found: return found.kind, found.group
    return ("large-file", path) if size > settings.large_file_bytes else None
started = time.perf_counter()
workers = int(sys.argv[3]) if sys.argv[3] != "auto" else None
result = scan_history(Path(sys.argv[1]), 5 * 1024 * 1024, by_path, lambda path: True,
                      HISTORY_CATEGORIES, workers)
elapsed = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF)
git = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, result.blobs, result.bytes, len(result.occurrences), own.ru_maxrss,
      git.ru_maxrss,
      own.ru_utime + own.ru_stime + git.ru_utime + git.ru_stime)
"""


def history_scan(root: Path, workers: str) -> dict[str, float]:
    src = str(Path(__file__).resolve().parent.parent / "src")
    out = subprocess.run([sys.executable, "-c", SCAN_CHILD, str(root), src, workers],
                         capture_output=True, check=True, text=True).stdout.split()
    return {"seconds": float(out[0]), "blobs": int(out[1]), "bytes": int(out[2]),
            "values": int(out[3]), "max_rss_mb": int(out[4]) / 1024,
            "children_rss_mb": int(out[5]) / 1024, "cpu": float(out[6])}


CAT_CHILD = """
import resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=sys.argv[1],
               stdout=subprocess.DEVNULL, check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - started, usage.ru_utime + usage.ru_stime)
"""


def cat_file(root: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", CAT_CHILD, str(root)], capture_output=True,
                         check=True, text=True, env=ENV).stdout.split()
    return float(out[0]), float(out[1])


def speed(peers: Path | None, sizes: list[int], with_peers: bool) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for commits in sizes:
        scratch = Path(tempfile.mkdtemp(prefix="opencheck-secrets-speed-"))
        try:
            root = scratch / "repo"
            generate(root, commits, seed=commits, plant=False)
            subprocess.run(["git", "gc", "-q"], cwd=root, check=True, env=ENV)
            cat_seconds, cat_cpu = min(cat_file(root) for _ in range(3))
            single = min((history_scan(root, "1") for _ in range(3)),
                         key=lambda r: r["seconds"])
            ours = single
            if default_workers() > 1:
                ours = min((history_scan(root, "auto") for _ in range(3)),
                           key=lambda r: r["seconds"])
            row: dict[str, object] = {
                "commits": commits, "blobs": ours["blobs"],
                "blob_mb": round(ours["bytes"] / 1e6, 1),
                "cat_file_s": round(cat_seconds, 2), "opencheck_s": round(ours["seconds"], 2),
                "ratio_to_cat_file": round(ours["seconds"] / cat_seconds, 2),
                "opencheck_1_worker_s": round(single["seconds"], 2),
                "ratio_1_worker": round(single["seconds"] / cat_seconds, 2),
                "cat_file_cpu_s": round(cat_cpu, 2), "opencheck_cpu_s": round(single["cpu"], 2),
                "python_max_rss_mb": round(single["max_rss_mb"], 1),
                "git_max_rss_mb": round(single["children_rss_mb"], 1),
                "workers": default_workers(),
                "load_average": os.getloadavg()[0],
            }
            if with_peers and peers is not None and (peers / "detect-secrets").exists():
                blobs = scratch / "blobs"
                blobs.mkdir()
                dump_blobs(root, blobs)
                _results, ds_seconds = detect_secrets(peers, blobs)
                row["detect_secrets_s"] = round(ds_seconds, 2)
                row["speedup_vs_detect_secrets"] = round(ds_seconds / ours["seconds"], 1)
            rows.append(row)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peers", type=Path, default=None,
                        help="folder holding detect-secrets and trufflehog executables")
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--big", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--skip-accuracy", action="store_true")
    parser.add_argument("--skip-peer-speed", action="store_true",
                        help="do not time detect-secrets on the big histories (slow)")
    args = parser.parse_args()
    report: dict[str, object] = {}
    if not args.skip_accuracy:
        report["accuracy"] = accuracy(args.peers, args.commits)
        print(json.dumps(report["accuracy"], indent=2), flush=True)
    report["speed"] = speed(args.peers, args.big, not args.skip_peer_speed)
    print(json.dumps(report["speed"], indent=2))
    print("peak RSS of this process (MB):",
          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)


if __name__ == "__main__":
    main()
