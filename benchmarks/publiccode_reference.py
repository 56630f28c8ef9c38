# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How often opencheck agrees with the reference parser's own test expectations.

The reference implementation (italia/publiccode-parser-go) keeps valid and invalid
files in `testdata/` and, in its Go tests, the errors it expects for each invalid file.
This script reads those expectations from the Go test sources (nothing is copied into
opencheck), runs opencheck's validator on each file, offline, with and without
`--strict`, and prints:

- valid accepted: files the reference accepts (no error) that opencheck accepts;
- invalid rejected: files the reference rejects that opencheck rejects;
- expected key: invalid files where every key the reference names in an error is
  named by one of opencheck's errors (the same key, or a key inside it); "any key":
  at least one of them.

Figures are given over all files, and over the v0 files only: the 161 files of
`testdata/v1` differ only by `publiccodeYmlVersion: "1"`, which both tools reject.

Expected errors that only a network request can find (URL not reachable, not a code
repository, a remote file missing, an iPA code absent from the registry) are left out;
a file with only such errors is counted apart as "network-only".

Run: PYTHONPATH=src python benchmarks/publiccode_reference.py PATH/TO/publiccode-parser-go
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from opencheck.publiccode import validate
from opencheck.publiccode.files import FolderFiles

# a request to a server, or to the Italian iPA registry (the reference ships a copy of
# the registry; opencheck asks it with --network)
NETWORK_ONLY = ("not reachable", "not a valid code repository", "HTTP GET failed",
                "Italian Public Administration Code")
_ENTRY = re.compile(r'^\s*"([^"]+\.yml)":\s*ValidationResults\{', re.M)
_RESULT = re.compile(r'Validation(Error|Warning)\{\s*"([^"]*)",\s*"((?:[^"\\]|\\.)*)"')
_DIR = re.compile(r'dir := "([^"]+)"')


@dataclass
class Case:
    path: Path
    errors: list[tuple[str, str]] = field(default_factory=list)  # (key, message)

    @property
    def offline_keys(self) -> set[str]:
        return {key for key, message in self.errors
                if not any(mark in message for mark in NETWORK_ONLY)}


def expectations(root: Path) -> tuple[list[Case], list[Case]]:
    """(valid cases, invalid cases) as the reference's tests state them."""
    testdata = root / "testdata"
    valid = [Case(p) for folder in ("v0/valid", "v0/valid/no-network",
                                    "v0/valid_with_warnings",
                                    "v0/valid_with_warnings/no-network")
             for p in sorted((testdata / folder).glob("*.yml"))]
    invalid: list[Case] = []
    source = (root / "v0_test.go").read_text("utf-8")
    # each expectation map is followed by the folder its files are in
    for block in re.split(r"\n\s*for file := range expected", source):
        folder = _DIR.search(block)
        if not folder or "/invalid/" not in folder.group(1) + "/":
            continue
        entries = list(_ENTRY.finditer(block))
        for index, entry in enumerate(entries):
            end = entries[index + 1].start() if index + 1 < len(entries) else len(block)
            case = Case(root / folder.group(1) / entry.group(1))
            for kind, key, message in _RESULT.findall(block[entry.end():end]):
                if kind == "Error":
                    case.errors.append((key, message))
            invalid.append(case)
    for folder in ("v1/invalid", "v1/invalid_valid_in_v0", "v1/invalid_valid_with_warnings_in_v0"):
        for sub in ("", "/no-network"):
            for p in sorted((testdata / (folder + sub)).glob("*.yml")):
                invalid.append(Case(p, [("publiccodeYmlVersion", "unsupported version")]))
    return valid, invalid


def _normal(key: str) -> str:
    """`description[en-US].features` -> `description.en-US.features`; the country
    section's case is not part of the key's identity."""
    key = re.sub(r"\[([^\]\d][^\]]*)\]", r".\1", key)
    if re.match(r"^(it|It|IT)(\.|$)", key):
        key = "IT" + key[2:]
    return key


def named(expected: str, found: set[str]) -> bool:
    want = _normal(expected)
    return any(key == want or key.startswith((want + ".", want + "[")) for key in found)


def run(root: Path, strict: bool, only_v0: bool = False) -> dict[str, object]:
    valid, invalid = expectations(root)
    if only_v0:
        invalid = [case for case in invalid if "/testdata/v0/" in str(case.path)]
    accepted = [case for case in valid if _errors(case.path, strict) == set()]
    rejected = keyed = any_keyed = network_only = 0
    missed: list[str] = []
    wrong_key: list[str] = []
    for case in invalid:
        keys = case.offline_keys
        if not keys:
            network_only += 1
            continue
        found = _errors(case.path, strict)
        if found:
            rejected += 1
        else:
            missed.append(case.path.name)
        any_keyed += any(named(key, found) for key in keys)
        if all(named(key, found) for key in keys):
            keyed += 1
        else:
            wrong_key.append(f"{case.path.relative_to(root / 'testdata')}: want "
                             f"{sorted(keys)} got {sorted(found)}")
    counted = len(invalid) - network_only
    return {
        "valid": (len(accepted), len(valid)),
        "invalid": (rejected, counted),
        "keyed": (keyed, counted),
        "any_keyed": (any_keyed, counted),
        "network_only": network_only,
        "not_accepted": sorted(str(c.path.relative_to(root / "testdata")) for c in valid
                               if c not in accepted),
        "missed": missed,
        "wrong_key": wrong_key,
    }


def _errors(path: Path, strict: bool) -> set[str]:
    result = validate(path.read_bytes(), files=FolderFiles(path.parent), strict=strict)
    return {_normal(issue.key) for issue in result.errors}


def _ratio(pair: object) -> str:
    done, total = pair  # type: ignore[misc]
    return f"{done}/{total} = {100 * done / total:.1f}%"


def main() -> int:
    args = [arg for arg in sys.argv[1:] if arg != "-v"]
    root = Path(args[0] if args else "/work/corpus/italia+publiccode-parser-go")
    verbose = "-v" in sys.argv
    started = time.perf_counter()
    print("| files | mode | valid accepted | invalid rejected | expected key (all) | "
          "expected key (any) | network-only |")
    print("|---|---|---|---|---|---|---|")
    details = {}
    for only_v0 in (False, True):
        for strict in (False, True):
            figures = run(root, strict, only_v0)
            if not only_v0:
                details[strict] = figures
            print(f"| {'v0 only' if only_v0 else 'all'} | "
                  f"{'--strict' if strict else 'default'} | {_ratio(figures['valid'])} | "
                  f"{_ratio(figures['invalid'])} | {_ratio(figures['keyed'])} | "
                  f"{_ratio(figures['any_keyed'])} | {figures['network_only']} |")
    print(f"\n{time.perf_counter() - started:.1f} s")
    if verbose:
        for strict, figures in details.items():
            print(f"\n== {'strict' if strict else 'default'}")
            for label in ("not_accepted", "missed", "wrong_key"):
                for line in figures[label]:  # type: ignore[attr-defined]
                    print(f"{label}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
