# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The links of a documentation file, in each syntax the four formats write them, with
their lines: what the relative-link rules check."""

from __future__ import annotations

from opencheck.community.markup import parse


def _links(path: str, text: str) -> list[tuple[str, int]]:
    return [(link.target, link.line) for link in parse(path, text).links]


def test_every_link_syntax_of_a_line_is_found_in_order() -> None:
    text = (
        "# Guide\n"
        "See [the guide](docs/guide.md \"Guide\") and ![logo](img/logo.png).\n"
        "[ref]: docs/ref.md\n"
        '<a HREF="docs/page.html">page</a> <img src=\'img/x.svg\'>\n'
        "Read `the intro <docs/intro.rst>`_ first.\n"
        "[[docs/org.org][org]] then link:docs/adoc.adoc[adoc] and image::img/a.png[]\n"
        "all on one: [a](x.md) <a href=\"y.md\">y</a> [[z.org]] include::w.adoc[]\n"
        "no link here: a = b, [c] (d), key: value, `e`_\n"
    )
    assert _links("README.md", text) == [
        ("docs/guide.md", 2), ("img/logo.png", 2), ("docs/ref.md", 3),
        ("docs/page.html", 4), ("img/x.svg", 4), ("docs/intro.rst", 5),
        ("docs/org.org", 6), ("docs/adoc.adoc", 6), ("img/a.png", 6),
        ("x.md", 7), ("y.md", 7), ("z.org", 7), ("w.adoc", 7),
    ]


def test_rst_directives_and_links_outside_code_blocks_only() -> None:
    text = (
        "Title\n=====\n\n"
        ".. image:: docs/shot.png\n"
        ".. include:: docs/part.rst\n\n"
        "```\n[not](a/link.md)\n```\n"
        "after: `x <docs/x.rst>`_\n"
    )
    assert _links("README.rst", text) == [
        ("docs/shot.png", 4), ("docs/part.rst", 5), ("docs/x.rst", 10),
    ]
