# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Size and load time of `check --format html` pages in headless Chromium.

    python benchmarks/html_report.py . /work/corpus/betagouv+mon-service-securise \
        --generated 60000

`--generated N` adds a generated git repository of N source files without REUSE
headers (one finding per file: the worst case for the page's size). Prints, per
repository: files, findings, HTML size, and the time from navigation start to the load
event in Chromium (the median of three loads).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from opencheck.report.json_read import count

OPENCHECK = [sys.executable, "-m", "opencheck.cli.main"]


def generated(root: Path, count: int) -> Path:
    repo = root / f"generated-{count}"
    for n in range(count):
        folder = repo / "src" / f"package{n % 40}" / f"module{n % 25}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file{n}.py").write_text(f"VALUE = {n}\n")
    (repo / "README.md").write_text("# Generated\n")
    env = {"GIT_AUTHOR_NAME": "B", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "B", "GIT_COMMITTER_EMAIL": "b@example.org", "PATH": "/usr/bin"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), "commit", "-qm", "init"], check=True, env=env)
    return repo


def load_time(driver, page: Path) -> float:
    times = []
    for _ in range(3):
        driver.get(page.as_uri())
        timing = driver.execute_script(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return t.loadEventEnd - t.startTime;")
        times.append(float(timing) / 1000)
    return statistics.median(times)


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"),
                            options=options)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repos", nargs="*", type=Path)
    parser.add_argument("--generated", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        repos = list(args.repos)
        if args.generated:
            repos.append(generated(root, args.generated))
        driver = browser(root / "profile")
        print("| repository | files | findings | HTML size | load in Chromium |")
        print("|---|---|---|---|---|")
        try:
            for repo in (path.resolve() for path in repos):
                page = root / f"{repo.name}.html"
                data = root / f"{repo.name}.json"
                subprocess.run([*OPENCHECK, "check", str(repo), "--no-history", "--lang", "en",
                                "-f", "html", "-o", str(page), "-f", "json", "-o", str(data)],
                               capture_output=True, check=False)
                report = json.loads(data.read_text("utf-8"))
                files = report["scores"].get("reuse", {}).get("files_total", "?")
                print(f"| {repo.name} | {files} | {count(report)} "
                      f"| {page.stat().st_size / 1e6:.2f} MB | {load_time(driver, page):.2f} s |")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
