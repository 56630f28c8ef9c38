# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the documentation and the history of a repository say: shared by the readme,
community and history checks, the scores and `opencheck init`."""
