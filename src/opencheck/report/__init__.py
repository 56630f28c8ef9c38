# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Renderers: one module per output format. Each turns a Report into text."""

from __future__ import annotations

from collections.abc import Callable

from opencheck.model import Report
from opencheck.report.sanitize import json_escaped, undecodable_escaped

Renderer = Callable[[Report, str], str]


def renderers() -> dict[str, Renderer]:
    from opencheck.report import codequality, html, json_report, junit, markdown, sarif, text

    plain = {
        "text": text.render,
        "markdown": markdown.render,
        "junit": junit.render,
        "html": html.render,
    }
    json_formats = {
        "json": json_report.render,
        "sarif": sarif.render,
        "codequality": codequality.render,
    }
    return {
        **{name: _undecodable_shown(render, False) for name, render in plain.items()},
        **{name: _undecodable_shown(render, True) for name, render in json_formats.items()},
    }


def _undecodable_shown(render: Renderer, json_text: bool) -> Renderer:
    """The renderer, with the bytes of names that are not UTF-8 written as `\\xNN`."""
    def rendered(report: Report, lang: str) -> str:
        text = undecodable_escaped(render(report, lang), json_text)
        return json_escaped(text) if json_text else text
    return rendered
