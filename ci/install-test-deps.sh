#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
#
# System packages the tests need beyond Python: Debian's Chromium and its driver, for
# the batch dashboard tests (tests/test_batch_dashboard.py fails without them when
# CI=true), and the PostgreSQL server, which tests/test_batch_postgres.py starts on
# 127.0.0.1. Python packages (selenium, dask[distributed], psycopg) come from the `test`
# extra.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=()
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  packages+=(chromium chromium-driver)
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  packages+=(postgresql)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
