# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Research software: codemeta.json, CITATION.cff, Software Heritage and persistent
identifiers, as the national open-science plan asks public research bodies to provide.
"""
