# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The batch dashboard in a real headless Chromium: loads clean, sorts, filters."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from batch_helpers import make_portfolio, write_list
from chromium import headless_chromium
from conftest import commit
from opencheck.batch.orchestrate import BatchSettings, run_batch
from opencheck.batch.workspace import GitSettings


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with headless_chromium(tmp_path_factory.mktemp("chromium-profile"), "1400,1000") as driver:
        yield driver


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("portfolio")
    repos = make_portfolio(root / "forge", 9)
    listing = write_list(root / "repos.txt", [str(p) for p in repos]
                         + [str(root / "forge" / "org1" / "introuvable")])
    settings = BatchSettings(sources=[str(listing)], db=root / "r.db", workspace=root / "ws",
                             out=root / "out", jobs=2, git=GitSettings(retries=0))
    run_batch(settings)
    commit(repos[3], {"README.md": "# Outil\n", "LICENSE": "MIT License\n"})
    run_batch(settings)
    return root / "out"


def _errors(driver: Any) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _visible_names(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#repos tbody tr")
    return [row.get_attribute("data-name") for row in rows if row.is_displayed()]


def _scores(driver: Any) -> list[float]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, "#repos tbody tr")
    return [float(r.get_attribute("data-score")) for r in rows
            if r.is_displayed() and r.get_attribute("data-score")]


def test_dashboard_is_self_contained(dashboard: Path) -> None:
    page = (dashboard / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
    assert "<svg" in page and 'id="rules-chart"' in page


def test_dashboard_in_headless_chromium(browser: Any, dashboard: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((dashboard / "index.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Portfolio audit"
    assert _errors(browser) == []
    assert len(_visible_names(browser)) == 10
    assert browser.find_element(By.ID, "shown").text == "10"
    assert browser.find_element(By.ID, "changes").is_displayed()
    screenshot = tmp_path / "dashboard.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 10_000
    artifacts = os.environ.get("OPENCHECK_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(screenshot, Path(artifacts) / "batch-dashboard.png")

    score_header = browser.find_element(By.CSS_SELECTOR, '#repos th[data-key="score"]')
    score_header.click()
    assert score_header.get_attribute("aria-sort") == "ascending"
    ascending = _scores(browser)
    assert ascending == sorted(ascending) and len(ascending) == 9
    score_header.click()
    assert score_header.get_attribute("aria-sort") == "descending"
    assert _scores(browser) == sorted(ascending, reverse=True)
    browser.find_element(By.CSS_SELECTOR, '#repos th[data-key="repository"]').click()
    names = _visible_names(browser)
    assert names == sorted(names)

    Select(browser.find_element(By.ID, "f-org")).select_by_value("org1")
    assert _visible_names(browser) == ["introuvable", "repo001", "repo004", "repo007"]
    Select(browser.find_element(By.ID, "f-ready")).select_by_value("failed")
    assert _visible_names(browser) == ["introuvable"]
    Select(browser.find_element(By.ID, "f-ready")).select_by_value("")
    Select(browser.find_element(By.ID, "f-org")).select_by_value("")

    minimum = browser.find_element(By.ID, "f-min")
    threshold = sorted(ascending)[len(ascending) // 2]
    minimum.send_keys(str(int(threshold)))
    assert all(score >= threshold for score in _scores(browser))
    assert "introuvable" not in _visible_names(browser)
    minimum.clear()
    browser.execute_script("document.getElementById('f-min').dispatchEvent(new Event('input'))")
    assert len(_visible_names(browser)) == 10

    # a bar of the chart filters on its rule
    bar = browser.find_element(By.CSS_SELECTOR, "#rules-chart g.clickable")
    rule = bar.get_attribute("data-value")
    bar.click()
    assert Select(browser.find_element(By.ID, "f-rule")).first_selected_option.get_attribute(
        "value") == rule
    shown = browser.find_elements(By.CSS_SELECTOR, "#repos tbody tr")
    visible = [r for r in shown if r.is_displayed()]
    assert visible and all(rule in r.get_attribute("data-rules").split() for r in visible)
    assert len(visible) < 10

    Select(browser.find_element(By.ID, "f-rule")).select_by_value("")
    browser.find_element(By.ID, "f-q").send_keys("repo003")
    assert _visible_names(browser) == ["repo003"]

    # the repository's own page
    link = browser.find_element(By.CSS_SELECTOR, '#repos tbody tr[data-name="repo003"] a')
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "repo003"
    assert browser.find_element(By.ID, "verdict").text
    assert browser.find_element(By.ID, "rules").is_displayed()
    assert _errors(browser) == []
    browser.find_element(By.PARTIAL_LINK_TEXT, "Back to the dashboard").click()
    assert browser.find_element(By.ID, "repos").is_displayed()
    assert _errors(browser) == []


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_hostile_names_are_escaped_in_html_and_csv(tmp_path: Path) -> None:
    from opencheck.batch.dashboard import write_outputs
    from opencheck.batch.runners import FAILED, Outcome
    from opencheck.batch.sources import Target
    from opencheck.batch.store import Store

    target = Target(key="evil.example/x", url="javascript:alert(1)",
                    name='<img src=x onerror="alert(1)">', organisation="=HYPERLINK(\"x\")",
                    platform="GitHub")
    with Store(tmp_path / "r.db") as store:
        run, _ = store.start_or_resume("sig", "0+test", "default", True, [])
        store.record(run, target, Outcome(target.key, FAILED, reason="<script>x</script>"))
        store.finish(run)
        write_outputs(store, run, tmp_path / "out")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "&lt;img src=x" in index
    page = next((tmp_path / "out" / "repos").glob("*.html")).read_text(encoding="utf-8")
    assert "<script>x</script>" not in page and 'href="javascript:' not in page
    csv_text = (tmp_path / "out" / "results.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv_text


def test_first_page_puts_blocking_problems_and_every_score_first(dashboard: Path) -> None:
    import csv
    import json

    page = (dashboard / "index.html").read_text(encoding="utf-8")
    data = json.loads((dashboard / "results.json").read_text(encoding="utf-8"))
    assert data["run"]["finished_at"] is not None
    blocking = data["blocking_problems"]
    assert blocking and all(p["severity"] == "error" for p in blocking)
    top = blocking[0]
    # the blocking table comes before the chart and names the rule and its repositories
    assert page.index('id="blocking"') < page.index('id="rules-chart"')
    assert f'data-rule="{top["rule"]}"' in page
    assert top["repositories"] == len(top["names"]) >= 1
    assert page.index('data-severity="error"') < page.index('data-severity="info"')
    assert 'href="results.csv"' in page and 'href="results.json"' in page
    # every total is headed like its neighbours ("Ready", "Incomplete"), not in the
    # lower case of a table cell's state
    assert re.search(r'id="total-incomplete">(Incomplete|Incomplets)<b>', page)
    rows = list(csv.DictReader((dashboard / "results.csv").open(encoding="utf-8")))
    audited = [r for r in rows if r["status"] != "failed"]
    assert audited and all(r["codegouvfr_score"].isdigit() for r in audited)
    assert all(r["awesome_score"].isdigit() and r["awesome_badge"] for r in audited)
    assert all(r["standard_out_of"].isdigit() for r in audited)
    complete = next(r for r in rows if r["name"] == "repo000")  # the complete house
    sparse = next(r for r in rows if r["name"] == "repo005")  # only a README
    assert int(complete["codegouvfr_score"]) > int(sparse["codegouvfr_score"])
    assert "licence-file-present" in sparse["blocking_rules"].split()
    for repo in data["repositories"]:
        if repo["status"] != "failed":
            assert [point["run"] for point in repo["trend"]] == [1, 2]  # both runs
    changed = next(r for r in data["repositories"] if r["name"] == "repo003")
    assert changed["trend"][0]["score"] < changed["trend"][1]["score"]
    assert page.count('<svg class="spark"') >= 9  # a trend line per audited repository
    org_trends = page[page.index("id='organisations'"):page.index('id="filters"')]
    assert org_trends.count('<svg class="spark"') == 3  # one per organisation


def test_severity_filter_and_blocking_table_in_chromium(browser: Any, dashboard: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((dashboard / "index.html").as_uri())
    Select(browser.find_element(By.ID, "f-sev")).select_by_value("error")
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "#repos tbody tr")
               if r.is_displayed()]
    assert visible and all("error" in r.get_attribute("data-sevs").split() for r in visible)
    Select(browser.find_element(By.ID, "f-sev")).select_by_value("")
    link = browser.find_element(By.CSS_SELECTOR, "#blocking tbody tr a[data-filter]")
    rule = link.get_attribute("data-value")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "#repos tbody tr")
               if r.is_displayed()]
    assert visible and all(rule in r.get_attribute("data-rules").split() for r in visible)
    assert _errors(browser) == []


def test_a_repository_with_60000_findings_gives_a_bounded_page(tmp_path: Path) -> None:
    import gzip
    import json

    from opencheck.batch.dashboard import write_outputs
    from opencheck.batch.runners import AUDITED, Outcome
    from opencheck.batch.sources import Target
    from opencheck.batch.store import Store

    findings = [{"rule": f"rule-{i % 3}", "severity": ("error", "warning", "info")[i % 3],
                 "message": "x" * 300, "path": f"dir/file{i}.txt", "line": 1, "fix": "y" * 200}
                for i in range(60_000)]
    report = {"ready": False, "score": 10, "fail_on": "error", "counts": {"error": 20_000},
              "findings": findings,
              "rules": [{"id": f"rule-{i}", "severity": ("error", "warning", "info")[i],
                         "status": "failed", "findings": 20_000} for i in range(3)],
              "scores": {"codegouvfr": {"score": 100, "max_known": 2210}}}
    target = Target("big.example/org/huge", "https://big.example/org/huge", "org/huge",
                    "org", "GitLab")
    with Store(tmp_path / "r.db") as store:
        run, _ = store.start_or_resume("sig", "0+test", "default", True, [])
        store.record(run, target, Outcome(target.key, AUDITED, commit="c" * 40, report=report))
        store.finish(run)
        write_outputs(store, run, tmp_path / "out")
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert max(sizes.values()) < 5 * 1024 * 1024, sizes
    [page] = (tmp_path / "out" / "repos").glob("*.html")
    text = page.read_text(encoding="utf-8")
    assert text.index("rule-0") < text.index("rule-2")  # blocking first
    assert "+19980" in text and ".findings.json.gz" in text
    [full] = (tmp_path / "out" / "repos").glob("*.findings.json.gz")
    with gzip.open(full, "rt", encoding="utf-8") as stream:
        assert len(json.load(stream)) == 60_000


def test_a_huge_portfolio_lists_the_most_urgent_first_and_counts_all(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from opencheck.batch import dashboard
    from opencheck.batch.runners import AUDITED, FAILED, Outcome
    from opencheck.batch.sources import Target
    from opencheck.batch.store import Store

    monkeypatch.setattr(dashboard, "TABLE_ROWS", 3)

    def report(score: int, blocking: int) -> dict[str, Any]:
        rules = [{"id": f"rule-{i}", "severity": "error", "status": "failed", "findings": 1}
                 for i in range(blocking)]
        return {"ready": blocking == 0, "score": score, "fail_on": "error", "rules": rules,
                "findings": [], "counts": {"error": blocking}}

    with Store(tmp_path / "r.db") as store:
        run, _ = store.start_or_resume("sig", "0+test", "default", True, [])
        for name, outcome in (("calme", report(95, 0)), ("moyen", report(70, 1)),
                              ("grave", report(40, 3)), ("propre", report(99, 0)),
                              ("casse", None)):
            target = Target(f"forge.example/o/{name}", f"https://forge.example/o/{name}",
                            f"o/{name}", "o", "GitLab")
            result = (Outcome(target.key, FAILED, reason="cannot clone") if outcome is None
                      else Outcome(target.key, AUDITED, commit="c" * 40, report=outcome))
            store.record(run, target, result)
        store.finish(run)
        dashboard.write_outputs(store, run, tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('<table id="repos"'):]
    assert [n for n in ("o/casse", "o/grave", "o/moyen", "o/calme", "o/propre")
            if f'data-name="{n}"' in table] == ["o/casse", "o/grave", "o/moyen"]
    assert '2 other, less urgent repositories are not in this table' in page
    assert 'id="total-repos">Repositories<b>5</b>' in page
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(data["repositories"]) == 5
