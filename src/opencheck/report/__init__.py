# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Renderers: one module per output format. Each turns a Report into text."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from functools import partial

from opencheck.model import Report
from opencheck.report.sanitize import json_escaped, undecodable_escaped

Renderer = Callable[[Report, str], str]

# format -> (module of opencheck.report, whether it writes JSON)
FORMATS = {
    "text": ("text", False),
    "markdown": ("markdown", False),
    "junit": ("junit", False),
    "html": ("html", False),
    "json": ("json_report", True),
    "sarif": ("sarif", True),
    "codequality": ("codequality", True),
}
# Formats for people that fold many findings into actions and counts by folder; --all
# (`every`) lists each finding there too. The others always list every finding.
FOLDING = ("text", "markdown", "html")


class _Renderers(Mapping[str, Renderer]):
    """Every format by name; a format's module (XML, HTML...) is imported when asked for,
    so that a run writing text or JSON does not load the others."""

    def __init__(self, every: bool) -> None:
        self.every = every

    def __getitem__(self, name: str) -> Renderer:
        module, json_text = FORMATS[name]
        render = importlib.import_module(f"opencheck.report.{module}").render
        if self.every and name in FOLDING:
            render = partial(render, every=True)
        return _undecodable_shown(render, json_text)

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


def renderers(every: bool = False) -> Mapping[str, Renderer]:
    """Every format; with `every`, those for people list each finding (--all)."""
    return _Renderers(every)


def _undecodable_shown(render: Renderer, json_text: bool) -> Renderer:
    """The renderer, with the bytes of names that are not UTF-8 written as `\\xNN`."""
    def rendered(report: Report, lang: str) -> str:
        text = undecodable_escaped(render(report, lang), json_text)
        return json_escaped(text) if json_text else text
    return rendered
