# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A uv.lock in the shape uv writes is read line by line; the packages listed, and the
problems reported, are always those a TOML reading of the same file gives, whatever the
file does to look like that shape without being it (a file TOML refuses is refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencheck.deps import python, uvlock
from opencheck.deps.model import Dependency
from opencheck.deps.source import Source
from opencheck.repository import open_repository

GENERATED = """\
version = 1
revision = 3
requires-python = ">=3.11"
resolution-markers = [
    "python_full_version >= '3.12'",
    "python_full_version < '3.12'",
]

[options]
exclude-newer = "2025-01-01T00:00:00Z"

[manifest]
members = [
    "outil",
    "site",
]

[[package]]
name = "django"
version = "5.1.4"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "asgiref" },
    { name = "tzdata", marker = "sys_platform == 'win32'" },
]
sdist = { url = "https://files.example/django-5.1.4.tar.gz", hash = "sha256:de45", \
size = 10789931, upload-time = "2024-12-04T15:47:01.123Z" }
wheels = [
    { url = "https://files.example/django-5.1.4-py3-none-any.whl", hash = "sha256:2366", \
size = 8276891, upload-time = "2024-12-04T15:46:56.123Z" },
]

[package.optional-dependencies]
argon2 = [
    { name = "argon2-cffi" },
]

[[package]]
name = "outil"
version = "0.1.0"
source = { editable = "outil" }
dependencies = [
    { name = "requests", extra = ["socks"] },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]

[package.metadata]
requires-dist = [{ name = "requests", extras = ["socks"], specifier = ">=2" }]

[package.metadata.requires-dev]
dev = [{ name = "pytest", specifier = ">=8" }]

[[package]]
name = "pytest"
version = "8.3.4"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.example/pytest-8.3.4-py3-none-any.whl", hash = "sha256:50e1" },
]

[[package]]
name = "requests"
version = "2.32.3"
source = { git = "https://github.com/psf/requests?rev=main#0e322af87745eff34caffe4df68456e" }

[[package]]
name = "site"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "django" },
]
"""

Read = tuple[list[Dependency], list[str]]


def _readings(tmp_path: Path, text: str, name: str) -> tuple[Read, Read]:
    """The packages and problems the inventory gives, and those of a TOML reading."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "uv.lock").write_bytes(text.encode("utf-8"))
    source = Source(open_repository(folder))
    listed = python.collect(source, "")
    fast = (listed, [problem.message.en for problem in source.problems])
    source = Source(open_repository(folder))
    shape = source.shape("uv.lock")
    lock = shape.document(source.toml("uv.lock"))
    listed = python._uv_lock(lock, "uv.lock", {}, shape) if lock is not None else []
    return fast, (listed, [problem.message.en for problem in source.problems])


def test_a_generated_lockfile_is_read_without_tomllib_and_lists_the_same(
    tmp_path: Path,
) -> None:
    assert uvlock.document(GENERATED) is not None  # the line reader answered
    listed, as_toml = _readings(tmp_path, GENERATED, "plain")
    assert [(dep.name, dep.version, dep.direct, dep.scope) for dep in listed[0]] == [
        ("django", "5.1.4", True, "runtime"), ("pytest", "8.3.4", True, "dev"),
        ("requests", "2.32.3", True, "runtime")]
    assert listed == as_toml


# Each makes a text TOML refuses.
REFUSED = {
    "a key twice in a package": ('name = "pytest"\n', 'name = "pytest"\nname = "x"\n'),
    "a key twice in a wheel": ('hash = "sha256:50e1" }', 'hash = "sha256:50e1", hash = "x" }'),
    "a key twice in a source": ('{ virtual = "." }', '{ virtual = ".", virtual = "." }'),
    "a key twice in an inline table of the metadata": (
        '[{ name = "pytest", specifier = ">=8" }]',
        '[{ name = "pytest", name = "pytest", specifier = ">=8" }]'),
    "a table declared twice": ("[package.metadata.requires-dev]\n",
                               "[package.metadata]\n[package.metadata.requires-dev]\n"),
    "a header over an inline table": ("[package.metadata]\n", "[package.source]\n"),
    "a header over a key": ("[package.metadata]\n", "[package.dependencies]\n"),
    "an array of tables over a table": ("[package.metadata.requires-dev]\n",
                                        "[[package.metadata]]\n"),
    "a table before the array of tables": ("[options]\n", "[package.options]\n"),
    "a control character": ('version = "0.1.0"', 'version = "0.1\x010"'),
    "a leading zero": ("size = 10789931", "size = 010789931"),
    "a number too long to print": ("size = 8276891", "size = " + "9" * 5000),
    "an array never closed": ('    { name = "django" },\n]\n', '    { name = "django" },\n'),
    "a package as a table": ("[[package]]\nname = \"django\"", "[package]\nname = \"django\""),
}
# Each makes the text say, as TOML, something other than the lines seem to.
DECOYS = {
    "a comment": ("[options]\n", "# the options\n[options]\n"),
    "an escape": ('name = "pytest"', 'name = "py\\u0074est"'),
    "a literal string": ('name = "pytest"', "name = 'pytest'"),
    "a dotted key": ('source = { virtual = "." }', 'source.virtual = "."'),
    "a quoted key": ('name = "pytest"', '"name" = "pytest"'),
    "a multi-line string": ('version = "8.3.4"', 'version = """\n8.3.4"""'),
    "a float": ("size = 8276891", "size = 8276891.5"),
    "a date": ('exclude-newer = "2025-01-01T00:00:00Z"', "exclude-newer = 2025-01-01"),
    "a tab": ('name = "pytest"', 'name =\t"pytest"'),
    "a blank line in an array": ('    { name = "asgiref" },\n', '    { name = "asgiref" },\n\n'),
    "spaces in a header": ("[[package]]\nname = \"pytest\"", "[[ package ]]\nname = \"pytest\""),
    "a source as a table": ('source = { editable = "outil" }\n',
                            '\n[package.source]\neditable = "outil"\n'),
    "dependencies as an array of tables": (
        'dependencies = [\n    { name = "django" },\n]\n',
        '\n[[package.dependencies]]\nname = "django"\n'),
    "dev-dependencies inline": (
        '\n[package.dev-dependencies]\ndev = [\n    { name = "pytest" },\n]\n',
        'dev-dependencies = { dev = ["pytest"] }\n'),
    "a version as a number": ('version = "8.3.4"', "version = 8"),
    "a Windows line end": ('name = "pytest"\n', 'name = "pytest"\r\n'),
}


@pytest.mark.parametrize("decoy", [*DECOYS, *REFUSED])
def test_a_file_that_only_looks_generated_lists_what_toml_reads(tmp_path: Path,
                                                                decoy: str) -> None:
    old, new = {**DECOYS, **REFUSED}[decoy]
    assert old in GENERATED
    text = GENERATED.replace(old, new, 1)
    listed, as_toml = _readings(tmp_path, text, "decoy")
    assert listed == as_toml


@pytest.mark.parametrize("decoy", list(REFUSED))
def test_a_file_toml_refuses_is_reported_invalid(tmp_path: Path, decoy: str) -> None:
    old, new = REFUSED[decoy]
    text = GENERATED.replace(old, new, 1)
    assert uvlock.document(text) is None
    listed, _ = _readings(tmp_path, text, "refused")
    assert listed[0] == []
    assert len(listed[1]) == 1 and listed[1][0].startswith(("invalid TOML", "package:"))
