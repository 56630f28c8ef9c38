# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`--format html`: one self-contained page, opened in headless Chromium like the batch
dashboard: verdict and reasons first, scores, blocking problems with their fixes, no
script, no external request, printable to PDF, escaped file names."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chromium import headless_chromium
from conftest import run_cli

HOSTILE = "<img src=x onerror=alert(1)>.py"

@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(tmp_path_factory.mktemp("chromium-html"), "1200,1000") as driver:
        yield driver


def _page(make_repo, tmp_path: Path, lang: str) -> Path:
    repo = make_repo({
        "README.md": "# Outil\n",
        "app.py": "print(1)\n",
        HOSTILE: "x = 1\n",
        "deploy/.env": "DB_PASSWORD=correct-horse-battery-staple-42\n",
    })
    out = tmp_path / f"report-{lang}.html"
    result = run_cli("check", str(repo), "--no-history", "--lang", lang, "-f", "html",
                     "-o", str(out))
    assert result.exit_code == 1, result.output
    return out


def test_html_report_in_chromium(browser, make_repo, tmp_path) -> None:
    page = _page(make_repo, tmp_path, "en")
    text = page.read_text("utf-8")
    assert "<script" not in text.lower() and "http://" not in text.split("<body>")[0]
    browser.get(page.as_uri())
    from selenium.webdriver.common.by import By

    body = browser.find_element(By.TAG_NAME, "body").text
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[1] == "NOT READY to be published"
    assert lines[2].startswith("Reason: ") and "licence-file-present" in lines[2]
    blocking = browser.find_element(By.ID, "blocking").text
    assert "licence-file-present" in blocking and "secret-file-committed" in blocking
    assert "→ Fix:" in blocking
    assert body.index("Blocking problems") < body.index("To improve, by family")
    scores = browser.find_element(By.ID, "scores").text
    assert "code.gouv.fr score" in scores and "Awesome CodeGouvFr points" in scores
    assert "correct-horse" not in body  # secrets stay masked
    # The hostile file name is text, not an element, and nothing ran or was fetched.
    assert HOSTILE in body
    assert browser.execute_script("return document.images.length") == 0
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script(
        "return performance.getEntriesByType('resource').length") == 0
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    # Print media: the verdict loses its coloured background for a black outline.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    style = browser.execute_script(
        "const s = getComputedStyle(document.getElementById('verdict'));"
        "return [s.backgroundColor, s.borderTopStyle];")
    assert style == ["rgba(0, 0, 0, 0)", "solid"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert base64.b64decode(pdf["data"]).startswith(b"%PDF")


def test_html_report_in_french(browser, make_repo, tmp_path) -> None:
    page = _page(make_repo, tmp_path, "fr")
    browser.get(page.as_uri())
    assert browser.execute_script("return document.documentElement.lang") == "fr"
    from selenium.webdriver.common.by import By

    assert browser.find_element(By.ID, "verdict").text == "PAS PRÊT à être publié"
    assert "→ Correction :" in browser.find_element(By.ID, "blocking").text


def test_html_report_groups_many_findings_by_folder(make_repo, tmp_path) -> None:
    files = {f"src/module{n // 150}/file{n}.py": "x = 1\n" for n in range(3000)}
    repo = make_repo({"README.md": "# Outil\n", **files})
    out = tmp_path / "big.html"
    run_cli("check", str(repo), "--no-history", "--lang", "en", "-f", "html", "-o", str(out),
            "--rule", "reuse-*")
    text = out.read_text("utf-8")
    # 20 module folders and the root (README.md): one row each.
    assert "3001 findings in 21 folders, for instance:" in text
    assert "<code>src/module0/</code></td><td>150</td>" in text
    assert text.count('class="where"') < 60  # one line per folder, not per file
    assert len(text.encode()) < 200_000


def test_html_report_groups_many_blocking_findings_by_folder(make_repo, tmp_path) -> None:
    """With --fail-on warning every REUSE finding blocks: 3,000 files must not become
    3,000 paragraphs (a 60,000-file repository gave a page of tens of megabytes)."""
    files = {f"src/module{n // 150}/file{n}.py": "x = 1\n" for n in range(3000)}
    repo = make_repo({"README.md": "# Outil\n", **files})
    out = tmp_path / "blocking.html"
    result = run_cli("check", str(repo), "--no-history", "--lang", "en", "-f", "html",
                     "-o", str(out), "--rule", "reuse-*", "--fail-on", "warning")
    assert result.exit_code == 1, result.output
    text = out.read_text("utf-8")
    blocking = text[text.index('id="blocking"'):]
    assert "3001 findings in 21 folders, for instance:" in blocking
    assert text.count('class="where"') < 60
    assert len(text.encode()) < 200_000
