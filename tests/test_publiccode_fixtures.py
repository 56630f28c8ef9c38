# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The suite of valid and invalid publiccode.yml files in tests/fixtures/publiccode.

Each file says in its first comments what the validator must answer, per mode:

    # default: valid                      no error
    # default: error KEY                  an error on KEY
    # default: warning KEY                a warning on KEY and no error on it
    # default: info KEY                   a note on KEY (iPA codes not checked offline)
    # default: exactly KEY                the errors are on these keys and no other
    # strict: ...                         the same, with --strict

The files run through `opencheck publiccode validate` itself, next to the images and
authors files they name (written here: a real PNG, JPEG, SVG, a corrupt PNG...).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from opencheck.cli.main import cli
from publiccode_samples import JPEG, SVG, png

FIXTURES = Path(__file__).parent / "fixtures" / "publiccode"
FILES = sorted(FIXTURES.glob("*/*.yml"))


ASSETS = {
    "logo.svg": SVG,
    "logo.png": png(),
    "shot.png": png(8, 6),
    "shot-without-extension": png(4, 4),
    "shot.jpg": JPEG,
    "broken.png": png()[:40],
    "not-svg.svg": b"<html><body>not a logo</body></html>",
    "AUTHORS": b"Camille Agent <camille.agent@numerique.gouv.fr>\n",
    "AUTHORS-empty": b"",
}


def expectations(path: Path) -> dict[str, list[tuple[str, str]]]:
    wanted: dict[str, list[tuple[str, str]]] = {"default": [], "strict": []}
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("# "):
            if line.strip():
                break
            continue
        mode, _, rest = line[2:].partition(": ")
        if mode in wanted:
            kind, _, key = rest.partition(" ")
            wanted[mode].append((kind, key))
    return wanted


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publiccode")
    (root / "assets").mkdir()
    for name, data in ASSETS.items():
        (root / "assets" / name).write_bytes(data)
    return root


def run(workspace: Path, fixture: Path, *options: str) -> list[dict[str, object]]:
    target = workspace / fixture.name
    shutil.copyfile(fixture, target)
    result = CliRunner().invoke(cli, ["publiccode", "validate", "--format", "json",
                                      "--lang", "en", str(target), *options])
    issues: list[dict[str, object]] = json.loads(result.output)
    errors = [i for i in issues if i["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0), result.output
    return issues


def test_the_suite_covers_both_verdicts() -> None:
    assert len([f for f in FILES if f.parent.name == "valid"]) >= 20
    assert len([f for f in FILES if f.parent.name == "invalid"]) >= 30
    for fixture in FILES:
        assert expectations(fixture)["default"], fixture.name


@pytest.mark.parametrize("fixture", FILES, ids=[f"{f.parent.name}/{f.stem}" for f in FILES])
def test_fixture(workspace: Path, fixture: Path) -> None:
    wanted = expectations(fixture)
    for mode, options in (("default", ()), ("strict", ("--strict",))):
        issues = run(workspace, fixture, *options)
        shown = "\n".join(f"{i['severity']} {i['key']}: {i['message']}" for i in issues)
        errors = {str(i["key"]) for i in issues if i["severity"] == "error"}
        checks = wanted[mode]
        if mode == "strict":  # strict is never more lenient than the default
            checks = checks + [c for c in wanted["default"] if c[0] == "error"]
        exactly = {key for kind, key in checks if kind == "exactly"}
        if exactly:
            assert errors == exactly, f"{mode}:\n{shown}"
        for kind, key in checks:
            if kind == "valid":
                assert not errors, f"{mode}:\n{shown}"
            elif kind in ("error", "warning", "info"):
                assert any(i["key"] == key and i["severity"] == kind for i in issues), (
                    f"{mode}: no {kind} on {key}\n{shown}")
                if kind == "warning":
                    assert key not in errors, f"{mode}:\n{shown}"
        if fixture.parent.name == "invalid" and mode == "default":
            assert errors, shown
        if fixture.parent.name == "valid" and mode == "default":
            assert not errors, shown


def test_messages_name_the_item_and_the_problem(workspace: Path) -> None:
    [based] = [i for i in run(workspace, FIXTURES / "invalid" / "isBasedOn-bad-item.yml")
               if i["severity"] == "error"]
    assert "'github.com/italia/medusa'" in str(based["message"])
    assert "no scheme" in str(based["message"]) and "list" not in str(based["message"])
    [version] = [i for i in run(workspace, FIXTURES / "invalid" / "version-as-list.yml")
                 if i["severity"] == "error"]
    assert "quote" not in str(version["message"]) and "[]" not in str(version["message"])
    [contractors] = [i for i in run(workspace, FIXTURES / "invalid" /
                                    "contractors-not-allowed.yml") if i["severity"] == "error"]
    assert "only allowed when maintenance.type is 'contract'" in str(contractors["message"])


def test_the_repository_setting_makes_validate_strict(tmp_path: Path) -> None:
    fixture = FIXTURES / "valid" / "platforms-string.yml"
    (tmp_path / ".git").mkdir()  # the root of a work tree
    (tmp_path / "sub").mkdir()
    shutil.copyfile(fixture, tmp_path / "sub" / "publiccode.yml")
    args = ["publiccode", "validate", "--lang", "en", str(tmp_path / "sub" / "publiccode.yml")]
    assert CliRunner().invoke(cli, args).exit_code == 0
    (tmp_path / ".opencheck.yml").write_text("publiccode-strict: true\n", "utf-8")
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1 and "platforms" in result.output
