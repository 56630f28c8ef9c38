# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a portfolio's repositories and lists name reaches the batch's store, its
terminal and its files without ending the batch or the operator's screen.

A file name that is not UTF-8 (a Latin-1 `café.env`: a legacy repository, or one
made so) or a package.json name holding a `\\ud800` escape ended the whole batch with
an internal error (exit code 3) as its report was stored: no result kept, and every
run after it stopped at the same repository. A downloaded export whose record held the
same escape did it before any audit. A record's URL or owner holding terminal escapes
(ESC, BEL) was written raw to the operator's terminal and into the CSV and dashboard.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
from pathlib import Path

from conftest import COMPLETE_HOUSE, run_cli, write_files
from opencheck.batch.sources import read_sources

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e\ud800-\udfff]")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_a_name_that_is_not_utf8_is_stored_and_shown_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "legacy"
    write_files(repo, {
        "README.md": "# Outil\n",
        "package.json": '{"name": "x", "dependencies": {"left\\ud800pad": "1.0.0"}}',
    })
    (repo / "caf\udce9.env".encode("utf-8", "surrogateescape").decode(
        "utf-8", "surrogateescape")).write_text('password = "Xk9#mQ2vLp8z"\n')
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qm", "x")
    db, out = tmp_path / "r.db", tmp_path / "out"
    result = run_cli("batch", str(repo), "--db", str(db), "--workspace", str(tmp_path / "ws"),
                     "--out", str(out), "--lang", "en", "--retries", "0")
    assert result.exit_code == 1, result.output  # not ready: the key; not exit 3
    with sqlite3.connect(db) as connection:
        status, body = connection.execute(
            "SELECT status, body FROM results JOIN reports ON reports.id = report_id"
        ).fetchone()
        names = [row[0] for row in connection.execute("SELECT name FROM dependencies")]
    assert status == "audited"
    assert "caf\\\\xe9.env" in body  # the JSON reports' spelling: `\\xNN`, escaped
    assert json.loads(body)["opencheck_version"]
    assert names == ["left\\ud800pad"]
    page = next((out / "repos").glob("*.html")).read_text(encoding="utf-8")
    assert "caf\\xe9.env" in page


def test_a_downloaded_lists_escapes_reach_no_terminal_nor_file(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(json.dumps([
        {"id": "https://forge.invalid/org\u001b]0;owned\u0007/re\u001b[2Jpo",
         "owner": "own\u001b[31mer"},
        {"id": "https://forge.invalid/org/left\ud800pad", "owner": "o"},
        {"id": "https://forge.invalid/org/plain", "owner": "gr\u001b[2Joupe\u202e",
         "platform": "Git\u0007Lab"},
    ]), encoding="utf-8")
    listing = read_sources([str(export)])
    assert [target.url for target in listing.targets] == ["https://forge.invalid/org/plain"]
    assert len(listing.warnings) == 2
    assert all(not RAW.search(text) for target in listing.targets
               for text in (target.name, target.organisation, target.platform))
    out = tmp_path / "out"
    result = run_cli("batch", str(export), "--db", str(tmp_path / "r.db"), "--workspace",
                     str(tmp_path / "ws"), "--out", str(out), "--lang", "en",
                     "--retries", "0")
    assert result.exit_code == 1, result.output  # the one kept failed to clone
    assert not RAW.search(result.stderr + result.stdout)
    assert "not an https forge URL" in result.stderr
    for written in [*out.glob("*.csv"), *out.glob("*.html"), *(out / "repos").glob("*")]:
        assert not RAW.search(written.read_text(encoding="utf-8")), written.name
    with open(out / "results.csv", encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["organisation"] == "gr\\x1b[2Joupe\\u202e"


def test_the_summary_shows_a_failures_escapes(tmp_path: Path) -> None:
    """A failure's reason quotes what failed (git's words, an exception's): shown, not
    run by the terminal."""
    from opencheck.batch.orchestrate import BatchSummary
    from opencheck.cli.batch import format_summary

    summary = BatchSummary(run_id=1, resumed=False, total=1)
    summary.failures.append(("na\u001b[2Jme", "Error: caf\udce9\u0007 \u001b]0;x\u0007"))
    summary.warnings.append("list: \u001b[31mred")
    shown = format_summary(summary, "en")
    assert not RAW.search(shown)
    assert "na\\x1b[2Jme: Error: caf\\xe9\\x07" in shown


def test_a_repository_page_shows_a_file_names_controls_escaped(tmp_path: Path) -> None:
    # the repository's page took each finding's path, message and fix from the stored
    # report and escaped it for HTML only: a right-to-left override turned
    # `facture<RLO>fdp.env` into "factureenv.pdf" on the relay's dashboard, and a
    # newline or ESC reached the page raw, where the check's own HTML shows `\u202e`
    repo = tmp_path / "spoof"
    write_files(repo, COMPLETE_HOUSE)  # the key is then the first blocking finding
    (repo / "facture\u202efdp\x1b[2J.env").write_text('password = "Xk9#mQ2vLp8z"\n')
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-qm", "x")
    out = tmp_path / "out"
    result = run_cli("batch", str(repo), "--db", str(tmp_path / "r.db"), "--workspace",
                     str(tmp_path / "ws"), "--out", str(out), "--lang", "en", "--retries", "0")
    assert result.exit_code == 1, result.output
    page = next((out / "repos").glob("*.html")).read_text(encoding="utf-8")
    assert "facture\\u202efdp\\x1b[2J.env" in page
    # the verdict's reason names the first blocking file: the index's and the CSV's too
    for written in (page, (out / "index.html").read_text("utf-8"),
                    (out / "results.csv").read_text("utf-8")):
        assert RAW.findall(written.replace("\n", "").replace("\t", "")) == []
