# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A value from the scanned repository that opencheck writes into a file on one line
(a copyright holder, a publisher, a contact): one line, printable, short, or nothing.

A holder that holds a newline would add its own licence-identifier line to
every header `opencheck fix` writes; a publisher with a newline would add a section to
a README. Such a value is refused rather than cut, so that nobody signs a half-name.
A holder written into the comment that heads a source file must also leave that
comment as a comment, and not make it a directive (`comment_break`).
"""

from __future__ import annotations

import unicodedata

from opencheck.lazyre import lazy

MAX_CHARS = 200


def one_line(value: object, limit: int = MAX_CHARS) -> str | None:
    """`value` stripped when it is a short printable line of text, else None."""
    if not isinstance(value, str):
        return None
    # French typography puts no-break spaces in names: they become plain spaces.
    text = "".join(" " if unicodedata.category(char) == "Zs" else char
                   for char in value).strip()
    if not text or len(text) > limit:
        return None
    # isprintable() is False for controls, line and paragraph separators, bidi
    # overrides and other format characters.
    if not all(char.isprintable() for char in text):
        return None
    return text


# What ends a comment, or opens code, in a language whose files `opencheck fix` heads
# with a comment (reuse's styles): PHP ends a `//` or `#` comment at `?>` (code then
# starts at `<?php`, also in a file that opens in HTML), ASP at `%>`; the block
# comments reuse writes end at `*/`, `-->`, `#}`, `*)`, `-}`, `*@`, `]]` or `}}`; an
# XML comment may hold no `--`; a backslash carries a C or Makefile comment onto the
# next line. A holder `Mairie ?><?php system($_GET['c']); ?>` in publiccode.yml put
# that code in every PHP file `fix --write` headed. No name holds one of these.
COMMENT_BREAKS = ("?>", "<?", "%>", "<%", "*/", "/*", "--", "#}", "{#", "*)", "(*", "-}",
                  "{-", "*@", "@*", "]]", "[[", "}}", "{{", "\\")


# What makes a comment a directive to the tools that read the file: Python takes a
# comment of the first two lines naming `coding:` or `coding=` as the source's encoding
# (PEP 263; a holder `Mairie coding: utf-7` declared UTF-7 in every Python file headed,
# and a `+AAo-` elsewhere in a comment, a newline in UTF-7, then ran what followed it),
# Emacs reads `-*- ... -*-` (`eval:` included), Vim a modeline (`vim:`, `vi:`, `ex:`),
# REUSE the SPDX tags and its ignore markers (a holder ending with the ignore block's
# start hid the licence line after it, in every file headed).
DIRECTIVES = ("coding:", "coding=", "-*-", "vim:", " vi:", " ex:", "spdx-", "reuse-ignore")
# Vim's modeline for some versions only: `vim700:`, `vim<700:`, `vim=700:`, `vim>700:`
_VIM_VERSIONED = lazy(r"vim[<=>]?[0-9]+:")


def comment_break(text: str) -> str | None:
    """The first sequence of COMMENT_BREAKS or DIRECTIVES `text` holds, or None."""
    lowered = " " + text.lower()  # the header puts a blank before the holder
    versioned = _VIM_VERSIONED.search(lowered)
    return next((mark for mark in COMMENT_BREAKS if mark in text), None) or \
        next((mark.strip() for mark in DIRECTIVES if mark in lowered), None) or \
        (versioned.group() if versioned else None)


def header_line(value: object, limit: int = MAX_CHARS) -> str | None:
    """`one_line(value)` if it can stand in a source file's comment, else None."""
    text = one_line(value, limit)
    return None if text is None or comment_break(text) is not None else text
