# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Secrets and sensitive data: detectors, masking, allow-listing, the history scanner.

Nothing in this package ever returns a secret to be shown: a `Hit` keeps the raw value
out of its repr and offers only `masked` (a short prefix, the length and a short hash)
and `digest` (a hash used for de-duplication and fingerprints).
"""
