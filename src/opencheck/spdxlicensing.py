# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""license-expression's SPDX licensing, built once per process for every family.

Building it reads license-expression's whole index of licence keys: the licence family
and the publiccode.yml family both parse expressions, and used to build one each.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from license_expression import Licensing


@cache
def spdx_licensing() -> Licensing:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()
