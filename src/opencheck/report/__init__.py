# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Renderers: one module per output format. Each turns a Report into text."""

from __future__ import annotations

from collections.abc import Callable

from opencheck.model import Report

Renderer = Callable[[Report, str], str]


def renderers() -> dict[str, Renderer]:
    from opencheck.report import codequality, html, json_report, junit, markdown, sarif, text

    return {
        "text": text.render,
        "json": json_report.render,
        "markdown": markdown.render,
        "sarif": sarif.render,
        "codequality": codequality.render,
        "junit": junit.render,
        "html": html.render,
    }
