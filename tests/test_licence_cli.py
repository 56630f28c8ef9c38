# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck licence`: a person checking a file or a repository from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from licence_fixtures import TAG, french, mit


def test_files_as_json(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(mit(), encoding="utf-8")
    (tmp_path / "LICENCE.fr").write_bytes(french("CECILL-2.0.fr").encode("latin-1", "replace"))
    (tmp_path / "EMPTY").write_bytes(b"")
    result = run_cli("licence", "--format", "json", str(tmp_path / "LICENSE"),
                     str(tmp_path / "LICENCE.fr"), str(tmp_path / "EMPTY"))
    assert result.exit_code == 1  # one licence is not authorised
    records = {Path(r["path"]).name: r for r in json.loads(result.stdout)}
    assert records["LICENSE"]["spdx"] == "MIT" and records["LICENSE"]["authorised"] is True
    assert records["LICENSE"]["confidence"] > 0.95
    assert records["LICENCE.fr"]["spdx"] == "CECILL-2.0"
    assert records["LICENCE.fr"]["authorised"] is False
    assert records["EMPTY"]["spdx"] is None and records["EMPTY"]["problem"] == "empty"
    for record in records.values():
        assert {"path", "spdx", "confidence", "authorised"} <= set(record)


def test_file_as_text_in_french(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(french("CECILL-B.fr"), encoding="utf-8")
    result = run_cli("licence", "--lang", "fr", str(tmp_path / "LICENSE"))
    assert result.exit_code == 0
    assert "CECILL-B" in result.output and "autorisée" in result.output


def test_why_a_file_is_not_identified_is_said_in_words(tmp_path: Path) -> None:
    (tmp_path / "EMPTY").write_bytes(b"")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    result = run_cli("licence", "--lang", "fr", str(tmp_path / "EMPTY"),
                     str(tmp_path / "logo.png"))
    assert "EMPTY: non identifiée (fichier vide)" in result.output
    assert "logo.png: non identifiée (fichier binaire)" in result.output


def test_missing_file_is_a_usage_error_and_the_others_still_print(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(mit(), encoding="utf-8")
    result = run_cli("licence", str(tmp_path / "nope"), str(tmp_path / "LICENSE"))
    assert result.exit_code == 2
    assert "MIT" in result.stdout and "nope" in result.stderr


def test_repository_declarations(make_repo) -> None:
    root = make_repo({
        "LICENSE": mit(),
        "package.json": json.dumps({"name": "x", "license": "MIT"}),
        "src/app.py": f"# {TAG} MIT\nprint(1)\n",
        "README.md": "# X\n\n## License\n\nMIT, see LICENSE.\n",
    })
    result = run_cli("licence", "--repo", str(root), "--format", "json")
    assert result.exit_code == 0
    kinds = {(r["kind"], r["path"]): r for r in json.loads(result.stdout)}
    assert kinds[("licence-file", "LICENSE")]["spdx"] == "MIT"
    assert kinds[("manifest", "package.json")]["line"] == 1
    assert kinds[("spdx-header", "src/app.py")]["files"] == 1
    assert kinds[("readme", "README.md")]["line"] == 3
    text = run_cli("licence", "-C", str(root), "--lang", "en")
    assert "Project licence: MIT · authorised" in text.output


def test_repository_without_licence(make_repo) -> None:
    result = run_cli("licence", "-C", str(make_repo({"README.md": "# X\n"})), "--lang", "en")
    assert result.exit_code == 1
    assert "no licence declaration found" in result.output
