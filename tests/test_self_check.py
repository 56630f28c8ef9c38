# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""opencheck passes its own check: READY, REUSE compliant, a valid publiccode.yml.

A comment that quotes a licence tag in prose, a fixture without its licence, or a rule
change that blocks on our own layout shows up here before a user sees it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import findings_of, run_cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(600)
def test_opencheck_is_ready_by_its_own_check() -> None:
    result = run_cli("check", str(ROOT), "--no-history", "--format", "json", "--lang", "en")
    report = json.loads(result.stdout)
    blocking = [(f["rule"], f.get("path"), f["message"]) for f in findings_of(report)
                if f["severity"] == "error"]
    assert blocking == []
    # not even a warning of the secrets family: an address or a token quoted in our own
    # comments is one a user's check of our tree reports too
    tree_secrets = ("secret-in-tree", "sensitive-data-in-tree", "sensitive-internal-host",
                    "secret-file-committed")
    assert [(f["rule"], f.get("path"), f.get("line")) for f in findings_of(report)
            if f["rule"] in tree_secrets] == []
    assert report["ready"] is True and result.exit_code == 0
    assert report["scores"]["reuse"]["compliant"] is True
    validate = run_cli("publiccode", "validate", str(ROOT / "publiccode.yml"), "--lang", "en")
    assert validate.exit_code == 0, validate.output
