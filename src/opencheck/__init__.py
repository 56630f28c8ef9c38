# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""opencheck: is this repository ready to be published as free software?"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("opencheck")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.1.0"
