# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Values a parser reads but Python cannot convert or print.

Python refuses to convert more than 4,300 digits to an int, or to print a larger int
(CVE-2020-10735), and PyYAML's date constructor refuses `2024-02-31`; json, tomllib
and PyYAML let these refusals out as a bare ValueError, which the handlers of each
format's own errors missed: exit code 3, or every rule of a family in error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, run_cli
from hostile.steps import steps

EN = {"LANG": "C.UTF-8"}
DIGITS = "9" * 5000
HEX = "0x" + "f" * 5000


def _check(root: Path, *args: str) -> dict[str, object]:
    result = run_cli("check", str(root), "--no-history", "-f", "json", "--lang", "en",
                     *args, env=EN)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, object] = json.loads(result.stdout)
    errors = [rule["id"] for rule in report["rules"]  # type: ignore[attr-defined]
              if rule["status"] == "error"]
    assert errors == [], errors
    return report


def _messages(report: dict[str, object], name: str) -> str:
    return "\n".join(f["message"] for f in findings_of(report) if name in f["message"]
                     or f.get("path") == name)


@pytest.mark.parametrize("value", [DIGITS, HEX])
def test_a_huge_number_in_pyproject_is_a_broken_manifest(make_repo: RepoFactory,
                                                           value: str) -> None:
    pyproject = f'[project]\nname = "x"\nversion = "1"\nlicense = {value}\n'
    report = _check(make_repo({**COMPLETE_HOUSE, "pyproject.toml": pyproject}))
    assert "number of more than 4300 digits (at line 4, column 11)" in _messages(
        report, "pyproject.toml")


def test_a_hexadecimal_number_in_the_configuration_is_a_configuration_error(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({**COMPLETE_HOUSE, ".opencheck.yml": f"profile: {HEX}\n"})
    result = run_cli("check", str(root), "--no-history", env=EN)
    assert result.exit_code == 2, result.output
    assert "line 1, column 10: number of more than 1000 characters" in result.stderr


def test_a_huge_number_in_publiccode_yml_is_named(make_repo: RepoFactory) -> None:
    publiccode = f'publiccodeYmlVersion: "0.4"\nname: x\nurl: {DIGITS}\n'
    report = _check(make_repo({**COMPLETE_HOUSE, "publiccode.yml": publiccode}))
    assert "Number of more than 1000 characters: not read." in _messages(
        report, "publiccode.yml")


@pytest.mark.parametrize(("date", "why"), [
    ("2024-02-31", "day is out of range for month"),
    ("2024-13-01", "month must be in 1..12"),
    ("2024-01-01 10:00:00 +99:00", "offset must be a timedelta"),
])
def test_an_impossible_date_in_citation_cff_is_invalid_yaml(
    make_repo: RepoFactory, date: str, why: str
) -> None:
    cff = f"cff-version: 1.2.0\nmessage: x\ntitle: x\ndate-released: {date}\n"
    report = _check(make_repo({**COMPLETE_HOUSE, "CITATION.cff": cff}))
    assert f"value not readable: {why}" in _messages(report, "CITATION.cff")


def test_a_huge_number_in_a_baseline_is_a_usage_error(make_repo: RepoFactory) -> None:
    root = make_repo({**COMPLETE_HOUSE, "base.json": f'{{"fingerprints": [{DIGITS}]}}'})
    result = run_cli("check", str(root), "--no-history", "--baseline",
                     str(root / "base.json"), env=EN)
    assert result.exit_code == 2, result.output
    assert "number of more than 4300 digits" in result.stderr


def test_a_base_60_number_in_a_lockfile_is_refused_before_it_is_computed() -> None:
    """YAML 1.1 reads `1:59:59:…` as one integer, multiplying by 60 per part: quadratic
    (480 KB took 5.8 s of CPU, a 5 MB lockfile about ten minutes)."""
    from opencheck.deps.source import load_lock_yaml

    def load() -> str:
        try:
            load_lock_yaml(b"lockfileVersion: 1" + b":59" * 1_700_000 + b"\n", 6 << 20)
        except ValueError as error:
            return str(error)
        return "read"

    # PyYAML's conversion goes round once per part in Python: the limit stops it at
    # once, where the number is built (a count of steps, no clock); libyaml's scan of the
    # 5 MB, in C, is linear (0.5 s of CPU).
    assert "number of more than 1000 characters" in steps(load, limit=20_000)[1]


# Every other call parses opencheck's own data (schemas, rules, its SQLite store, its
# caches) or catches ValueError itself; repository bytes go through opencheck.parsing or
# opencheck.yamlsafe. A new call here must say which.
OWN_DATA_PARSES = {
    "auditpolicy.py": 1,  # the policy's plain data, dumped and read back as a task does
    "batch/digest.py": 4, "batch/store.py": 2, "data.py": 1,
    "batch/runners.py": 1,  # the policy a batch's task carries, as the batch wrote it
    "catalogue.py": 3,  # rules/*.yml, and the JSON copy of them in the user's cache
    "deps/registry.py": 1, "licensing/authorised.py": 1,
    "licensing/build.py": 1, "licensing/index.py": 1, "research/cff.py": 1,
    "research/codemeta.py": 1,
    "secrets/detectors.py": 1,  # a JWT header: ValueError caught
    "spdxlicensing.py": 1,  # license-expression's own index of licence keys
}


def test_repository_bytes_are_parsed_only_through_the_checked_readers() -> None:
    import re

    import opencheck

    call = re.compile(r"\b(?:json\.loads?|tomllib\.loads?|yaml\.(?:safe_)?load)\(")
    source = Path(opencheck.__file__).parent
    found = {}
    for path in sorted(source.rglob("*.py")):
        name = path.relative_to(source).as_posix()
        count = len(call.findall(path.read_text("utf-8")))
        if count and name != "parsing.py":
            found[name] = count
    assert found == OWN_DATA_PARSES


def test_a_manifest_nested_too_deeply_beside_a_password_leaves_the_scan_whole(
    make_repo: RepoFactory,
) -> None:
    # whether a keyword's file lies in a mock server's package reads the package.json
    # beside it: `json.loads` of one nested 100,000 deep raised RecursionError, which
    # ended the whole tree scan, every secret of the repository not judged (INCOMPLETE)
    depth = 100_000
    root = make_repo({"README.md": "# Outil\n",
                      "app/package.json": '{"a":' * depth + "1" + "}" * depth,
                      "app/config.py": 'password = "Xk9#mQ2vLp8zWq"\n'})
    result = run_cli("check", str(root), "--no-history", "--rule", "secret-in-tree",
                     "--format", "json", "--lang", "en")
    report = json.loads(result.stdout)
    [rule] = [r for r in report["rules"] if r["id"] == "secret-in-tree"]
    assert rule["status"] == "failed", rule
    assert [f["path"] for f in findings_of(report)] == ["app/config.py"]
