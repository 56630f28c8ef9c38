# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Third-party classification, copyright holders and the non-secret filters on input
built to make a careless pattern backtrack: each must finish within the time-out of
this folder, and still answer right."""

from __future__ import annotations

import base64
import random
import re
from pathlib import Path

from conftest import check_json, findings_of, write_files
from opencheck.deps.thirdparty import banner, banner_around, pasted
from opencheck.licensing.holder import copyright_lines
from opencheck.secrets.detectors import scan
from opencheck.secrets.nonsecret import default_named, k8s_entry_value, value_class
from secret_samples import Samples

SPACES = " " * 200_000


def test_copyright_lines_of_spaces_and_years() -> None:
    years = ", ".join(["2020"] * 50_000)
    text = f"Copyright{SPACES}\nCopyright (c) {years}{SPACES}x\nCopyright 2024 Etalab\n"
    assert copyright_lines(text) == ["Etalab"]


def test_banners_of_repeated_comment_openers() -> None:
    text = "/*" * 200_000 + " " * 50 + "a v1.2"
    assert banner(text) is None
    assert banner_around("/*! x " * 100_000, "MIT", set()) is None
    assert pasted("/*! a v1.2 " * 100_000, set()) is None  # versions, never a licence


def test_values_built_against_the_value_patterns() -> None:
    for value in (b"[" * 200, b"a/" * 100, b"npm:" + b"~" * 196, b"1." * 100,
                  b"https://" + b"@" * 190, b"a=" * 100, b"1a" * 100):
        value_class(value)  # any answer, quickly
    assert k8s_entry_value(b"YWRtaW4=" + b" #" * 100_000) == b"YWRtaW4="


def test_a_repository_of_hostile_files_is_checked(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    write_files(root, {
        "LICENSE": "Copyright" + SPACES + "\n",
        "static/app.js": "/*!" + " * " * 100_000 + "\n",
        "k8s/secret.yml": "kind: Secret\ndata:\n" + "".join(
            f"  KEY_{index}: {'A' * 40} #{' #' * 50}\n" for index in range(5_000)),
        "config/app.env": "".join(f"PASSWORD_{i}=[{'[' * 150}\n" for i in range(5_000)),
    })
    report = check_json(root, "--rule", "secret-in-tree", "--rule", "family:reuse",
                        "--rule", "deps-third-party-code")
    assert findings_of(report)
    assert all(hit.kind == "kubernetes-secret" for hit in
               scan((root / "k8s/secret.yml").read_bytes(), "k8s/secret.yml"))


def _segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_a_jwt_nested_past_the_recursion_limit_is_no_jwt_and_stops_no_scan(
        tmp_path: Path) -> None:
    """The jwt detector decodes a candidate's header and payload as JSON: one nested
    100,000 deep raised RecursionError out of the tree scan, and every secret of the
    repository went unreported with it (the rule in error)."""
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    header, payload = _segment(b'{"alg":"HS256"}'), _segment(b'{"sub":"1"}')
    bombs = [f"{header}.{_segment(deep)}.c2lnbmF0dXJlMTIz",
             f"{_segment(deep)}.{payload}.c2lnbmF0dXJlMTIz"]
    key_id, secret = Samples(7).aws_pair()
    root = tmp_path / "hostile"
    write_files(root, {
        "src/tokens.py": "".join(f'TOKEN_{index} = "{bomb}"\n'
                                 for index, bomb in enumerate(bombs)),
        "deploy/backup.env": f"AWS_ACCESS_KEY_ID={key_id}\nAWS_SECRET_ACCESS_KEY={secret}\n",
    })
    report = check_json(root, "--rule", "secret-in-tree")
    found = findings_of(report)
    # the JWT whose payload cannot be decoded is still judged one; the other is none
    assert {(f["path"], f["kind"], f["severity"]) for f in found} == {
        ("deploy/backup.env", "aws-access-key", "error"),
        ("deploy/backup.env", "aws-secret-key", "error"), ("src/tokens.py", "jwt", "error")}
    assert not report["ready"]


def _letters(drawn: random.Random, count: int) -> str:
    return "".join(drawn.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(count))


def test_values_named_like_a_stand_in_over_long_runs_of_letters(tmp_path: Path) -> None:
    """`defaultCitySDKPassword` is a stand-in's name: as one pattern, its words could
    split a run of letters anywhere, and a value of 180 letters after `default` cost
    0.13 s to judge; 50 such values a file (the hits kept of a detector) in a dozen
    files took the check past a minute."""
    drawn = random.Random(7)
    files = {f"app/settings_{number}.py": "".join(
        f'PASSWORD = "default{_letters(drawn, 180)}X9k2"\n' for _ in range(60))
        for number in range(12)}
    root = tmp_path / "stand-ins"
    write_files(root, {**files, "app/other.py": 'PASSWORD = "defaultCitySDKPassword"\n'})
    found = {f["path"] for f in findings_of(check_json(root, "--rule", "secret-in-tree"))}
    assert found == set(files)  # each random value is one, the stand-in's name none


def test_a_stand_in_s_name_is_read_as_the_one_pattern_read_it() -> None:
    """The same answers as the pattern it replaces, on values drawn from its parts."""
    reference = re.compile(rb"^(?i:default|dummy|sample|example|fake|placeholder)[-_]?"
                           rb"(?:(?:[A-Z]?[a-z]{2,}|[A-Z]{2,})[-_]?){0,3}"
                           rb"(?i:password|passwd|pwd|secret|token|api[-_]?key|key)$")
    pieces = [b"default", b"Dummy", b"SAMPLE", b"example", b"fake", b"placeholder", b"-", b"_",
              b"a", b"B", b"xy", b"Ab", b"SDK", b"City", b"smtp", b"password", b"PassWD",
              b"pwd", b"Secret", b"token", b"api", b"API_", b"key", b"Key", b"9"]
    drawn = random.Random(11)
    values = [drawn.choice(pieces[:6]) + b"".join(
        drawn.choice(pieces) for _ in range(drawn.randint(0, 6))) for _ in range(50_000)]
    named = [value for value in values if reference.match(value)]
    assert len(named) > 5_000  # the draw reaches both answers
    assert [value for value in values if default_named(value)] == named
