# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck init ...`: write starting files from what the repository shows."""

from __future__ import annotations

import click

from opencheck.cli.publiccode import init_publiccode_command


@click.group("init")
def init_group() -> None:
    """Write a starting file for the repository (never overwrites)."""


init_group.add_command(init_publiccode_command)
