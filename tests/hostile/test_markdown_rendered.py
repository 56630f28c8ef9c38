# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The Markdown report as GitHub renders it (cmarkgfm, GitHub's own parser): what a
repository writes (a file name, a commit's author) shows as text, never as a link, an
image or HTML in the job summary or the merge-request comment.

A stranger's merge request chooses its commits' author names and its file names; the
report is shown as opencheck's word, so a link there ("[Cliquez ici pour corriger]")
would be opencheck's advice. A bare address is linked by GitHub as it shows: it hides
nothing and stays.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, commit, git, run_cli
from secret_samples import Samples

cmarkgfm = pytest.importorskip("cmarkgfm", reason="installed with the test extras")

AUTHOR = "Evil ![px](https://evil.example/p.png) [Cliquez ici](https://evil.example/fix)"
# CommonMark reads a backslash before a backtick as a plain backtick: the "code span"
# after it is no code span, and the HTML in it is HTML.
NAME = "a\\`<img src=x>`__b__*c*.env"
# GitHub links an address up to the next blank, backticks included: the "code span"
# after it is none either (artefact-binary-committed's message opens with the name).
LINKED = "www.evil.example`<img src=y>`.exe"


def _rendered(markdown: str) -> str:
    from cmarkgfm.cmark import Options

    return str(cmarkgfm.github_flavored_markdown_to_html(markdown,
                                                        options=Options.CMARK_OPT_UNSAFE))


def _disguised_links(page: str) -> list[tuple[str, str]]:
    """Links to the attacker's site whose text does not show it (a bare address is
    linked by GitHub as it shows: it hides nothing)."""
    links = re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page)
    return [(href, shown) for href, shown in links if "evil" in href and "evil" not in shown]


@pytest.fixture
def hostile(make_repo: RepoFactory) -> Path:
    root = make_repo(COMPLETE_HOUSE)
    (root / NAME).write_text('password = "Xk9#mQ2vLp8zQ"\n')
    (root / LINKED).write_bytes(b"MZ\x90\x00binary")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Hostile name")
    env = {"GIT_AUTHOR_NAME": AUTHOR}
    commit(root, {"deploy/key.pem": Samples().private_key()}, "Key", env=env)
    git(root, "rm", "--quiet", "deploy/key.pem")
    git(root, "commit", "--quiet", "-m", "Key removed")
    return root


def test_repository_values_render_as_text(hostile: Path) -> None:
    result = run_cli("check", str(hostile), "--format", "markdown", "--lang", "en")
    assert result.exit_code == 1, result.output
    page = _rendered(result.stdout)
    assert "<img" not in page
    assert _disguised_links(page) == []
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert AUTHOR in text  # in the secret-in-history finding, as written
    assert NAME in text  # its underscores and stars kept, not read as emphasis


def test_init_writes_authors_and_maintainers_as_text(make_repo: RepoFactory) -> None:
    # AUTHORS.md and GOVERNANCE.md are filled from the history: a contributor's name
    # is shown by the forge as written, in the project's own files
    root = make_repo({"a.txt": "x\n"})
    env = {"GIT_AUTHOR_NAME": AUTHOR + " # __b__"}
    commit(root, {"b.txt": "y\n"}, "Contribution", env=env)
    result = run_cli("init", str(root), "--lang", "en")
    assert result.exit_code == 0, result.output
    for name in ("AUTHORS.md", "GOVERNANCE.md"):
        page = _rendered((root / name).read_text("utf-8"))
        assert "<img" not in page, name
        assert _disguised_links(page) == [], name
        assert AUTHOR + " # __b__" in html.unescape(re.sub(r"<[^>]+>", "", page)), name
