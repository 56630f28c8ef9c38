# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A TOML file's dotted keys cost tomllib the square of their parts: such a file is
refused before tomllib reads it.

For each part of a dotted key (`a.b.c = 1`), tomllib looks up every key above it again:
`a.a.…a = 1` of 32,000 parts, 64 KB, took 11 s of CPU, a Cargo.toml of 5 MB hours, in
every run that reads it (the dependencies, the licence family, pyproject's settings).
A key stands on one line: the squares of each line's dots bound that work, far above
what real files reach (a poetry.lock of 685 KB with long markers: 126,000)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, run_cli
from hostile.bounded import under_the_bar
from opencheck.parsing import load_toml

PARTS = 24_000  # 48 KB: about 6 s of CPU for tomllib, under a tenth of a second now
DOTTED = "[dependencies]\n" + "a." * PARTS + "b = \"1\"\n"


def _manifest_findings(root: Path) -> list[dict]:
    result = run_cli("check", str(root), "--no-history", "--format", "json", "--lang", "en",
                     "--rule", "family:dependencies", "--rule", "family:licence")
    assert result.exit_code in (0, 1), result.output
    return [f for f in findings_of(json.loads(result.stdout)) if f.get("path") == "Cargo.toml"]


def test_a_manifest_of_long_dotted_keys_is_reported_unreadable(make_repo: RepoFactory) -> None:
    manifest = '[package]\nname = "x"\nversion = "1.0.0"\nlicense = "MIT"\n\n' + DOTTED
    found = _manifest_findings(make_repo({**COMPLETE_HOUSE, "Cargo.toml": manifest}))
    assert any("too many dotted parts" in f["message"] and "line 7" in f["message"]
               for f in found), [f["message"] for f in found]


def test_real_dotted_keys_are_read() -> None:
    text = ('[package]\nname = "x"\n[target.x86_64-unknown-linux-gnu.dependencies]\n'
            'a.b.c = "1"\n' + "".join(f'site{n}.version = "1.2.3.4.5.6.7.8"\n'
                                  for n in range(2000)))
    read = load_toml(text)["target"]["x86_64-unknown-linux-gnu"]["dependencies"]
    assert read["a"] == {"b": {"c": "1"}} and len(read) == 2001


def test_five_megabytes_of_dotted_keys_are_refused_in_linear_time() -> None:
    def refused() -> str:
        try:
            load_toml("a." * (5 * 1024 * 1024 // 2) + "b = 1\n")
        except ValueError as error:  # TOMLDecodeError
            return str(error)
        return "read"

    assert "too many dotted parts" in under_the_bar(refused)


def test_dots_in_strings_and_comments_are_no_dotted_key(make_repo: RepoFactory) -> None:
    """A one-line array of 2,100 dotted names (`"pkg.module"`, a linter's excluded
    modules) is a value: counted as dotted parts, it made a valid pyproject.toml
    "invalid TOML", its licence unread. Its strings and comments are not counted; a
    dotted key after strings on its line still is."""
    names = ", ".join(f'"pkg{index}.module"' for index in range(2100))
    manifest = (f'[project]\nname = "x"\nversion = "1.0"\nlicense = "MIT"\n\n'
                f"[tool.ruff]\nextend-exclude = [{names}]  # {'.' * 3000}\n")
    assert len(load_toml(manifest)["tool"]["ruff"]["extend-exclude"]) == 2100
    root = make_repo({**COMPLETE_HOUSE, "pyproject.toml": manifest})
    result = run_cli("check", str(root), "--no-history", "--format", "json", "--lang", "en",
                     "--rule", "family:dependencies", "--rule", "family:licence")
    assert not [f["message"] for f in findings_of(json.loads(result.stdout))
                if f.get("path") == "pyproject.toml"]
    hidden = '[x]\ny = {"s.s" = 1, ' + "a." * PARTS + 'b = 2}\n'
    try:
        load_toml(hidden)
    except ValueError as error:
        assert "too many dotted parts" in str(error)
    else:
        raise AssertionError("a dotted key after a string was read")


def test_a_lockfile_of_dotted_urls_is_read_and_a_key_among_them_still_refused() -> None:
    """uv.lock's lines of wheel URLs: 6,000 lines of 8 dots, far more dots than the
    limit squared, but few on each line; the same lines with one long dotted key among
    them are refused all the same."""
    wheel = ('{ url = "https://files.example.org/packages/ab/cd/pkg-1.2.3-cp311-cp311-'
             'manylinux_2_17_x86_64.manylinux2014_x86_64.whl", size = 1 }')
    lines = "".join(f"w{index} = {wheel}\n" for index in range(6000))
    assert len(load_toml("[package]\n" + lines)["package"]) == 6000
    try:
        load_toml("[package]\n" + lines + "a." * PARTS + "b = 1\n")
    except ValueError as error:
        assert "too many dotted parts" in str(error) and "line 6002" in str(error)
    else:
        raise AssertionError("a long dotted key among the URLs was read")
