#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
#
# System packages the tests need beyond Python: Debian's Chromium and its driver, for
# the batch dashboard tests (tests/test_batch_dashboard.py fails without them when
# CI=true). Python packages (selenium, dask[distributed]) come from the `test` extra.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi
