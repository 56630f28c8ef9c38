# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A real headless Chromium for the tests of HTML outputs (dashboard, HTML report).

In CI (`CI=true`) a missing browser fails the test instead of skipping it:
ci/install-test-deps.sh must install Debian's chromium and chromium-driver.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import RUN_IN_CI

CHROMIUM = os.environ.get("OPENCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("OPENCHECK_CHROMEDRIVER", "/usr/bin/chromedriver")


def _unavailable(reason: str) -> None:
    if RUN_IN_CI:
        pytest.fail(f"{reason}: ci/install-test-deps.sh must install it in CI")
    pytest.skip(f"{reason} (apt-get install chromium chromium-driver; pip install selenium)")


@contextmanager
def headless_chromium(profile: Path, window: str = "1400,1000") -> Iterator[Any]:
    """A selenium driver of headless Chromium with browser logs, closed on exit."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed")
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        _unavailable(f"{CHROMIUM} or {CHROMEDRIVER} is missing")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                 f"--window-size={window}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
