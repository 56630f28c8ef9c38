# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`pip install .` ships the catalogue and the schemas inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_rules_and_schemas(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("opencheck-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "opencheck/_data/rules/community.yml" in names
    assert "opencheck/_data/rules/profiles/dinum.yml" in names
    assert "opencheck/_data/schemas/report/report.schema.json" in names
    # `init licence` and `fix` write these texts from the installed package.
    assert "opencheck/licensing/texts/EUPL-1.2.txt" in names
    assert "opencheck/licensing/texts/CECILL-2.1.fr.txt" in names
    assert any(name.endswith("entry_points.txt") for name in names)
    metadata = next(n for n in names if n.endswith("METADATA"))
    assert "License-Expression: EUPL-1.2" in zipfile.ZipFile(wheel).read(metadata).decode()
