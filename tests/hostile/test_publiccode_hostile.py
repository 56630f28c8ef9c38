# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A publiccode.yml whose logo, screenshots or authors file try to make opencheck read
outside the folder, or read too much."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from opencheck.cli.main import cli
from opencheck.publiccode.files import MAX_BYTES, FolderFiles

YML = ('publiccodeYmlVersion: "0.7"\nname: x\nurl: https://example.org/x\nplatforms: [web]\n'
       "developmentStatus: stable\nsoftwareType: library\nlogo: {logo}\n"
       "description:\n  en:\n    shortDescription: x\n    longDescription: '{long}'\n"
       "    features: [x]\n    screenshots: [{shot}]\n"
       "legal:\n  license: MIT\n  authorsFile: {authors}\nmaintenance:\n  type: none\n"
       "localisation:\n  localisationReady: false\n  availableLanguages: [en]\n")


def validate_in(folder: Path, **values: str) -> str:
    target = folder / "publiccode.yml"
    target.write_text(YML.format(long="l" * 160, **values), "utf-8")
    result = CliRunner().invoke(cli, ["publiccode", "validate", "--lang", "en", str(target)])
    return result.output


def test_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.png"
    secret.parent.mkdir()
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"SECRET-CONTENT" * 10)
    project = tmp_path / "project"
    project.mkdir()
    os.symlink(secret, project / "logo.png")
    os.symlink(secret.parent, project / "shots")
    os.symlink(secret, project / "AUTHORS")
    output = validate_in(project, logo="logo.png", shot="shots/secret.png", authors="AUTHORS")
    assert "SECRET-CONTENT" not in output
    assert output.count("does not exist") == 3, output  # refused as if absent
    assert FolderFiles(project).read("logo.png") is None


def test_paths_that_climb_or_are_absolute_are_refused_without_reading(tmp_path: Path) -> None:
    output = validate_in(tmp_path, logo="../../../../etc/passwd.png", shot="/etc/shadow.png",
                         authors="file:///etc/passwd")
    assert "leaves the repository" in output and "Absolute path refused" in output
    assert "file: URLs are refused" in output and "root:" not in output


def test_a_huge_image_is_read_up_to_the_bound(tmp_path: Path) -> None:
    with (tmp_path / "big.png").open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(MAX_BYTES * 20)  # 100 MB, sparse
    assert len(FolderFiles(tmp_path).read("big.png") or b"") == MAX_BYTES
    output = validate_in(tmp_path, logo="big.png", shot="big.png", authors="big.png")
    assert "does not read as a valid image" in output
