# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A secret in a file above the size limit is still found (the file is read in windows).

Before, a 5.7 MB `.env` full of passwords was skipped with an information note and the
repository read "ready".
"""

from __future__ import annotations

import io
import json

from conftest import COMPLETE_HOUSE, RepoFactory, commit, findings_of, git, run_cli
from opencheck.secrets.detectors import scan_stream
from secret_samples import Samples


def test_a_large_env_file_full_of_passwords_is_not_ready(make_repo: RepoFactory) -> None:
    samples = Samples(11)
    lines = [f"SETTING_{n}=value{n}\n" for n in range(300_000)]
    token = samples.github()
    lines[250_000] = f"GITHUB_TOKEN={token}\n"
    lines[299_000] = f'DB_PASSWORD="{samples.password()}"\n'
    body = "".join(lines)
    assert len(body) > 5.5 * 1024 * 1024
    root = make_repo({**COMPLETE_HOUSE, "deploy.env": body})
    result = run_cli("check", str(root), "--no-history", "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    found = {(f["rule"], f["path"], f.get("line")) for f in findings_of(report)}
    assert ("secret-in-tree", "deploy.env", 250_001) in found
    assert ("secret-in-tree", "deploy.env", 299_001) in found
    assert report["verdict"] != "ready"


def test_a_secret_across_a_window_boundary_is_found_once_at_its_line() -> None:
    token = Samples(5).github()
    head = b"x = 1\n" * 200  # 1,200 bytes: the token starts before 1,024 and ends after
    data = head[:1000] + b"\nTOKEN=" + token.encode() + b"\n" + b"y = 2\n" * 400
    hits = scan_stream(io.BytesIO(data), "config.env", window=1024, overlap=256)
    tokens = [hit for hit in hits if hit.kind == "github-token"]
    assert [(hit.line, hit.column) for hit in tokens] == [(data[:1001].count(b"\n") + 1, 7)]


def test_a_large_file_removed_from_the_tree_is_still_scanned_in_the_history(
        make_repo: RepoFactory) -> None:
    """History blobs above the size limit are read in windows too, never held whole."""
    samples = Samples(12)
    lines = [f"SETTING_{n}=value{n}\n" for n in range(300_000)]
    lines[280_000] = f'DB_PASSWORD="{samples.password()}"\n'
    root = make_repo({**COMPLETE_HOUSE, "deploy.env": "".join(lines)})
    commit(root, {}, "Nothing yet")
    git(root, "rm", "--quiet", "deploy.env")
    commit(root, {}, "Remove the settings")
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "secret-*")
    report = json.loads(result.stdout)
    found = {(f["rule"], f["path"], f.get("line")) for f in findings_of(report)}
    assert ("secret-in-history", "deploy.env", 280_001) in found
    assert result.exit_code == 1
