# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""REUSE.toml and dep5 look-ups through opencheck's index give the libraries' answers.

opencheck no longer asks reuse's `NestedReuseTOML` nor python-debian's
`find_files_paragraph` (each tries every glob on every file): the winner (the last
matching annotation of each REUSE.toml, topmost first, an override ending the search,
the closest copyright and licence kept) is compared here with theirs on random
configurations and paths (wildcards, escapes, newlines, nested REUSE.toml files).
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from debian.copyright import Copyright
from reuse.global_licensing import AnnotationsItem, NestedReuseTOML, ReuseTOML

from opencheck import globindex
from opencheck.reuse_adapter import _index_dep5, _TomlLookup, reuse_glob_expression

ROOT = Path("/projet")
SPDX = "SPDX-License-" + "Identifier"
COPYRIGHT = "SPDX-File" + "CopyrightText"
FORMAT = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"


def _glob(rng: random.Random, pieces: list[str]) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))


def _path(rng: random.Random) -> str:
    names = ["".join(rng.choice("ab.*\n\\") for _ in range(rng.randint(1, 3)))
             for _ in range(rng.randint(1, 4))]
    return "/".join("x" if name in (".", "..") else name for name in names)


def _reuse_toml(rng: random.Random, folder: str) -> ReuseTOML:
    pieces = ["a", "b", "/", "*", "**", "\\*", "\\\\", ".", "\n", "a/", "b*"]
    lines = ["version = 1"]
    for number in range(rng.randint(1, 6)):
        paths = [_glob(rng, pieces) for _ in range(rng.randint(1, 3))]
        lines += ["[[annotations]]", f"path = {json.dumps(paths)}"]
        if rng.random() < 0.6:
            lines.append(f'precedence = "{rng.choice(["closest", "aggregate", "override"])}"')
        if rng.random() < 0.7:
            lines.append(f'{COPYRIGHT} = "2026 Holder {folder} {number}"')
        if rng.random() < 0.7:
            lines.append(f'{SPDX} = "{rng.choice(["MIT", "EUPL-1.2", "CC0-1.0"])}"')
    source = ROOT / folder / "REUSE.toml" if folder else ROOT / "REUSE.toml"
    return ReuseTOML.from_toml("\n".join(lines) + "\n", str(source))


def test_each_glob_becomes_reuses_expression() -> None:
    rng = random.Random(10)
    for _ in range(20_000):
        glob = _glob(rng, ["a", "/", "*", "**", "***", "\\", "\\*", "\\\\", ".", "(", "\n"])
        expected = AnnotationsItem(paths={glob})._paths_regex.pattern
        assert f"^({reuse_glob_expression(glob)})$" == expected, glob


def test_reuse_toml_look_ups_are_reuses() -> None:
    rng = random.Random(11)
    compared = matched = 0
    for _ in range(150):
        folders = ["", *rng.sample(["a", "b", "a/b", "a/a", "b/a/b", "*"], rng.randint(0, 3))]
        nested = NestedReuseTOML(reuse_tomls=[_reuse_toml(rng, folder) for folder in folders],
                                 source=str(ROOT))
        lookup = _TomlLookup(ROOT, nested, globindex.Budget())
        for _ in range(40):
            path = _path(rng)
            if path in folders:
                continue  # a file cannot be a folder holding a REUSE.toml
            expected = dict(nested.reuse_info_of(path))
            assert lookup.reuse_info_of(path) == expected, (path, folders)
            compared += 1
            matched += bool(expected)
    assert matched > compared // 10  # the cases are not all misses


def test_dep5_look_ups_are_python_debians() -> None:
    rng = random.Random(12)
    pieces = ["a", "b", "/", "*", "?", "\\*", "\\?", "\\\\", ".", "a/"]
    compared = matched = 0
    for _ in range(150):
        paragraphs = [
            f"Files: {' '.join(_glob(rng, pieces) or 'a' for _ in range(rng.randint(1, 3)))}\n"
            f"Copyright: 2026 X\nLicense: MIT\n"
            for _ in range(rng.randint(1, 8))
        ]
        copyright = Copyright(io.StringIO(FORMAT + "\n" + "\n".join(paragraphs)))
        _index_dep5(copyright, globindex.Budget())
        for _ in range(40):
            name = _path(rng)
            expected = Copyright.find_files_paragraph(copyright, name)
            assert copyright.find_files_paragraph(name) is expected, (name, paragraphs)
            compared += 1
            matched += expected is not None
    assert matched > compared // 10


def test_an_invalid_dep5_glob_fails_every_look_up_as_python_debian_does() -> None:
    copyright = Copyright(io.StringIO(
        FORMAT + "\nFiles: *\nCopyright: X\nLicense: MIT\n\n"
        "Files: bad\\x\nCopyright: X\nLicense: MIT\n"))
    _index_dep5(copyright, globindex.Budget())
    for name in ("a", "bad\\x"):
        try:
            Copyright.find_files_paragraph(copyright, name)
        except ValueError as error:
            expected = str(error)
        try:
            copyright.find_files_paragraph(name)
        except ValueError as error:
            assert str(error) == expected
        else:
            raise AssertionError("no error")
