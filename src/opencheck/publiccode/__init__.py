# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""publiccode.yml: loading with positions, validation per version, migration of the old
code.gouv.fr layout, and generation from what a repository shows."""

from opencheck.publiccode.issues import Issue
from opencheck.publiccode.validate import Result, validate

__all__ = ["Issue", "Result", "validate"]
