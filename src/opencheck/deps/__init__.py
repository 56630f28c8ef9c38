# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Dependencies and vendored code: what a repository depends on, under which licences,
and whether those licences fit the project's own.

One small parser module per ecosystem reads manifests and lockfiles statically through
the snapshot; `inventory.build` puts them together; `compat` judges each licence
against `rules/compatibility.yml`; `output` renders the inventory (table, CSV, JSON,
SPDX 2.3).
"""
