# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The actions of many blocking findings name folders of the scanned repository: a
folder named to forge a line of the text report, run a terminal escape, break the
Markdown table or add an element to the HTML page is shown as text in each medium."""

from __future__ import annotations

from pathlib import Path

from conftest import RepoFactory, run_cli
from secret_samples import Samples

HOSTILE = "x\n  9. ✗ forged <img src=x onerror=alert(1)>|`\x1b[2J"
RULES = ("--rule", "secret-in-tree", "--no-history")


def _repo(make_repo: RepoFactory) -> Path:
    files = {f"deploy/k{index}/ca.key": Samples(index).private_key() for index in range(18)}
    for index in range(3):
        files[f"deploy/{HOSTILE}/key{index}.pem"] = Samples(30 + index).private_key()
    return make_repo({"README.md": "# Outil\n", **files})


def test_a_hostile_folder_name_stays_text_in_every_medium(make_repo: RepoFactory,
                                                          tmp_path: Path) -> None:
    root = _repo(make_repo)
    text = run_cli("check", str(root), "--lang", "en", *RULES).stdout
    assert "\x1b" not in text
    assert not any(line.startswith("  9. ") for line in text.splitlines())
    shown = "deploy/x\\n  9. ✗ forged <img src=x onerror=alert(1)>|`\\x1b[2J/ (3)"
    assert f"       mostly in: {shown}, deploy/k0/ (1)" in text

    markdown = run_cli("check", str(root), "--lang", "en", "-f", "markdown", *RULES).stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| 1 | 🛑 |"))
    # the folder is one code span (a fence longer than its backtick), its pipe escaped,
    # its newline a space
    assert ("``deploy/x   9. ✗ forged <img src=x onerror=alert(1)>\\|`\\x1b[2J/`` (3)"
            in row)
    assert row.count(" | ") == 4 and "\x1b" not in markdown

    page = tmp_path / "page.html"
    run_cli("check", str(root), "--lang", "en", "-f", "html", "-o", str(page), *RULES)
    html = page.read_text("utf-8")
    actions = html[html.index('<section id="actions">'):html.index("</section>")]
    assert "<img" not in html and "\x1b" not in html
    # the newline shown as \n, as in text (7fa219c): no line of the page starts with it
    assert ("<code>deploy/x\\n  9. ✗ forged &lt;img src=x onerror=alert(1)&gt;|`\\x1b[2J/"
            "</code> (3)") in actions
    assert not any(line.startswith("  9. ") for line in html.splitlines())


def test_a_hostile_folder_in_the_verdicts_reason_stays_one_line(make_repo: RepoFactory,
                                                                 tmp_path: Path) -> None:
    """Every key in the hostile folder: the reason names it as their area, and every
    format that shows the reason keeps it on its line, as text."""
    from xml.etree import ElementTree

    files = {f"deploy/{HOSTILE}/k{index}.pem": Samples(index).private_key()
             for index in range(21)}
    root = make_repo({"README.md": "# Outil\n", **files})
    lines = run_cli("check", str(root), "--lang", "en", *RULES).stdout.splitlines()
    # the reason's words are squeezed onto one line: the newline is a space
    assert lines[2].endswith(": 21 private key(s) and key store(s) in deploy/x 9. ✗ "
                             "forged <img src=x onerror=alert(1)>|`\\x1b[2J/")
    assert not any(line.startswith("  9. ") for line in lines)
    markdown = run_cli("check", str(root), "--lang", "en", "-f", "markdown", *RULES).stdout
    assert "\x1b" not in markdown  # the folder shows raw only inside code spans
    assert markdown.splitlines()[2].endswith("in deploy/x 9. ✗ forged &lt;img "
                                             "src=x onerror=alert(1)&gt;\\|\\`\\\\x1b\\[2J/")
    junit = run_cli("check", str(root), "--lang", "en", "-f", "junit", *RULES).stdout
    suite = ElementTree.fromstring(junit).find("testsuite")
    assert suite is not None
    reason = next(p.get("value") for p in suite.iter("property")
                  if p.get("name") == "verdict_reason")
    assert reason is not None and "\x1b" not in reason and "forged <img" in reason
