# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every private-key finding of the real repositories: where it is, and what else uses it.

    python benchmarks/secrets_keys.py --csv OUT.csv SET=REPORTS:CLONES ...

`REPORTS` is a folder of JSON reports (`real_corpus.py --keep`), `CLONES` the folder of
clones they were made from. For each finding of a key kind (PEM, OpenSSH and PGP keys,
private JWKs, key stores, SSH key files; in the tree and in the history), one CSV row:
its places (`confidence.place` of every location), whether every place is a test key's
(`testkeys.throwaway_place`), the deployment file that names it in today's tree
(`testkeys.DeploymentFiles`), and whether the key's public part (a PEM key's
SubjectPublicKeyInfo, an RSA or EC JWK's `n`/`x`) also appears at a place that is no
test's (a certificate or a public key set the deployment trusts). The `label` column
is left for a person. A summary per set is printed: findings, blocking, at test places,
named, public part elsewhere.

Needs `cryptography` (a test dependency) to read PEM keys and certificates.

    python benchmarks/secrets_keys.py --cost CLONE...

The CPU of reading each clone's deployment files, five alternating rounds.

    python benchmarks/secrets_keys.py --compare BASE_RUN AFTER_RUN

Two runs of `real_corpus.py --keep` per set: verdicts, blocking and key findings, and
every change.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from opencheck.report.json_read import findings
from opencheck.secrets.confidence import place
from opencheck.secrets.copies import KEY_KINDS
from opencheck.secrets.testkeys import DeploymentFiles, throwaway_place

PEM = re.compile(rb"-----BEGIN ([A-Z0-9 ]{0,40})-----[A-Za-z0-9+/=\s:,\-]{0,20000}?"
                 rb"-----END \1-----")
MAX_READ = 5 << 20  # the snapshot's default size limit (repository.DEFAULT_SIZE_LIMIT)


def tracked(root: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True,
                         check=False).stdout
    return [name.decode("utf-8", "replace") for name in out.split(b"\0") if name]


def read(root: Path, path: str) -> bytes | None:
    full = root / path
    try:
        if full.is_symlink() or not full.is_file() or full.stat().st_size > MAX_READ:
            return None
        return full.read_bytes()
    except OSError:
        return None


def spki_digests(data: bytes) -> set[str]:
    """SHA-256 of the SubjectPublicKeyInfo of every PEM key, public key or certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    found = set()
    for match in PEM.finditer(data):
        block, label = match.group(0), match.group(1).decode()
        try:
            if "CERTIFICATE" in label and "REQUEST" not in label:
                public = x509.load_pem_x509_certificate(block).public_key()
            elif "PUBLIC KEY" in label:
                public = serialization.load_pem_public_key(block)
            elif label == "OPENSSH PRIVATE KEY":
                public = serialization.load_ssh_private_key(block, None).public_key()
            elif "PRIVATE KEY" in label and "ENCRYPTED" not in label:
                public = serialization.load_pem_private_key(block, None).public_key()
            else:
                continue
            der = public.public_bytes(serialization.Encoding.DER,
                                      serialization.PublicFormat.SubjectPublicKeyInfo)
        except (ValueError, TypeError, AttributeError):
            continue
        found.add(hashlib.sha256(der).hexdigest())
    return found


def jwk_publics(data: bytes) -> set[str]:
    """The `n` (RSA) or `x` (EC, OKP) of every private JWK of a JSON file."""
    try:
        loaded = json.loads(data)
    except ValueError:
        return set()
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "d" in value:
                for member in ("n", "x"):
                    if isinstance(value.get(member), str) and len(value[member]) > 20:
                        found.add(value[member])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(loaded)
    return found


class Clone:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths = tracked(root)
        self.deploy = DeploymentFiles(self.paths, self._text)
        self._public: dict[str, set[str]] | None = None

    def _text(self, path: str) -> str | None:
        data = read(self.root, path)
        return None if data is None or b"\0" in data[:8000] else data.decode("utf-8", "replace")

    def public_elsewhere(self) -> dict[str, set[str]]:
        """SPKI digest -> the paths outside tests, examples and docs that hold it."""
        if self._public is None:
            self._public = {}
            out = subprocess.run(["git", "-C", str(self.root), "grep", "-l", "-I", "-z", "-e",
                                  "-----BEGIN"], capture_output=True, check=False).stdout
            for name in out.split(b"\0"):
                path = name.decode("utf-8", "replace")
                if not path or place(path) is not None:
                    continue
                data = read(self.root, path)
                for digest in spki_digests(data or b""):
                    self._public.setdefault(digest, set()).add(path)
        return self._public

    def jwk_elsewhere(self, value: str) -> list[str]:
        out = subprocess.run(["git", "-C", str(self.root), "grep", "-l", "-I", "-z", "-F",
                              "-e", value], capture_output=True, check=False).stdout
        return [p for p in (n.decode("utf-8", "replace") for n in out.split(b"\0"))
                if p and place(p) is None]


def key_findings(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for finding in findings(report):
        if finding.get("kind") in KEY_KINDS:
            yield finding


def places_of(finding: dict[str, Any]) -> list[str]:
    listed = [item["path"] for item in finding.get("locations") or [] if item.get("path")]
    return listed or [finding.get("path") or ""]


def public_part(clone: Clone, finding: dict[str, Any], where: list[str]) -> str:
    """A path outside tests holding the key's public part, or ""."""
    if not finding.get("in_tree"):
        return ""
    for path in where:
        data = read(clone.root, path)
        if data is None:
            continue
        if finding["kind"] == "private-jwk":
            for value in jwk_publics(data):
                hits = [p for p in clone.jwk_elsewhere(value) if p not in where]
                if hits:
                    return hits[0]
        else:
            for digest in spki_digests(data):
                hits = sorted(clone.public_elsewhere().get(digest, set()) - set(where))
                if hits:
                    return hits[0]
    return ""


def cost(clones: list[str], rounds: int = 5) -> None:
    """The CPU of reading a clone's deployment files (the first `naming` call), in
    alternating rounds: median and range per clone, as a Markdown table."""
    import statistics
    import time

    from opencheck.secrets.testkeys import deployment_kind

    times: dict[str, list[float]] = {clone: [] for clone in clones}
    for _ in range(rounds):
        for clone in clones:
            files = Clone(Path(clone))
            started = time.process_time()
            files.deploy.naming("tests/x.pem")
            times[clone].append(time.process_time() - started)
    print("| repository | files | deployment files | median ms | range |")
    print("|---|---|---|---|---|")
    for clone in clones:
        paths = tracked(Path(clone))
        deploying = sum(1 for path in paths if deployment_kind(path))
        spent = sorted(times[clone])
        print(f"| {Path(clone).name} | {len(paths)} | {deploying} | "
              f"{statistics.median(spent) * 1000:.0f} | "
              f"{spent[0] * 1000:.0f}-{spent[-1] * 1000:.0f} |")


SETS = ("fresh12", "fresh11", "fresh10", "fresh9", "holdout", "corpus", "fresh")


def _counted(path: Path) -> tuple[dict[str, Any], Counter[tuple[str, ...]]]:
    report = json.loads(path.read_text())
    found: Counter[tuple[str, ...]] = Counter()
    for finding in findings(report):
        found[(finding["rule"], finding.get("kind") or "", finding.get("path") or "",
               finding.get("masked") or "", finding.get("severity") or "")] += 1
    return report, found


def compare(base: Path, after: Path) -> None:
    """Two runs' reports (`BASE/<set>/*.json`, `AFTER/<set>/*.json`): per set, verdicts,
    blocking findings, and key findings blocking or warning; then every verdict that
    changed and every finding of another kind than a key's that differs."""
    print("| set | repos | NOT READY before | after | blocking before | after | blocking key "
          "findings before | after | key warnings before | after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    changes: list[str] = []
    total: Counter[str] = Counter()
    for name in SETS:
        count: Counter[str] = Counter()
        for path in sorted((base / name).glob("*.json")):
            other = after / name / path.name
            if path.name.endswith(".codequality.json") or not other.exists():
                continue
            before_report, before = _counted(path)
            after_report, now = _counted(other)
            count["repos"] += 1
            for side, report, found in (("b", before_report, before), ("a", after_report, now)):
                count["nr" + side] += report.get("ready") is False
                for key, times in found.items():
                    count["bl" + side] += times * (key[4] == "error")
                    count["kb" + side] += times * (key[4] == "error" and key[1] in KEY_KINDS)
                    count["kw" + side] += times * (key[4] == "warning" and key[1] in KEY_KINDS)
            if before_report.get("ready") != after_report.get("ready"):
                changes.append(f"verdict {name} {path.stem}: {before_report.get('verdict')} "
                               f"-> {after_report.get('verdict')}")
            changes += [f"other {name} {path.stem} {'-' if key in before else '+'} {key}"
                        for key in sorted(set(before) ^ set(now)) if key[1] not in KEY_KINDS]
        total.update(count)
        print(f"| {name} | " + " | ".join(str(count[key]) for key in (
            "repos", "nrb", "nra", "blb", "bla", "kbb", "kba", "kwb", "kwa")) + " |")
    print("| **all** | " + " | ".join(str(total[key]) for key in (
        "repos", "nrb", "nra", "blb", "bla", "kbb", "kba", "kwb", "kwa")) + " |")
    for line in changes:
        print(line)


def main() -> int:
    if sys.argv[1:2] == ["--cost"]:
        cost(sys.argv[2:])
        return 0
    if sys.argv[1:2] == ["--compare"]:
        compare(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, required=True)
    parser.add_argument("sets", nargs="+", help="NAME=REPORTS:CLONES")
    args = parser.parse_args()
    rows = []
    totals: dict[str, Counter[str]] = {}
    for spec in args.sets:
        name, _, folders = spec.partition("=")
        reports, _, clones = folders.partition(":")
        count = totals.setdefault(name, Counter())
        for report_path in sorted(Path(reports).glob("*.json")):
            if report_path.name.endswith(".codequality.json"):
                continue
            repo = report_path.name[:-5]
            report = json.loads(report_path.read_text())
            listed = list(key_findings(report))
            if not listed:
                continue
            clone = Clone(Path(clones) / repo)
            for finding in listed:
                where = places_of(finding)
                test = all(throwaway_place(finding["kind"], path) for path in where)
                named = next((clone.deploy.naming(path) or "" for path in where
                              if clone.deploy.naming(path)), "")
                public = public_part(clone, finding, where) if test else ""
                blocking = finding.get("severity") == "error"
                count["findings"] += 1
                count["blocking"] += blocking
                if test:
                    count["test places"] += 1
                    count["test, blocking"] += blocking
                    count["test, named"] += bool(named)
                    count["test, public part elsewhere"] += bool(public)
                    count["test, neither"] += not named and not public
                rows.append([name, repo, finding["rule"], finding["kind"],
                             finding.get("severity"), finding.get("path"),
                             len(where), ";".join(sorted({place(p) or "-" for p in where})),
                             "yes" if test else "no", named, public,
                             finding.get("in_tree"), finding.get("masked", "")])
    with args.csv.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["set", "repo", "rule", "kind", "severity", "path", "places",
                         "place", "test_only", "named_by", "public_elsewhere", "in_tree",
                         "masked", "label"])
        writer.writerows(rows)
    keys = ["findings", "blocking", "test places", "test, blocking", "test, named",
            "test, public part elsewhere", "test, neither"]
    print("| set | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, count in totals.items():
        print(f"| {name} | " + " | ".join(str(count[key]) for key in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
