# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""opencheck: is this repository ready to be published as free software?"""

# The single source of the version: hatch reads it from here when building. Kept as a
# literal because importlib.metadata costs a fifth of a second at every start.
__version__ = "0.1.0"
