# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Portfolio audits: many repositories, a pool of workers, a results database.

`sources` turns the user's inputs into targets, `workspace` clones them, `runners`
audits them on a local process pool or a Dask cluster, `store` keeps every result in
SQLite, `dashboard` renders the results, and `orchestrate` ties the steps together.
"""
