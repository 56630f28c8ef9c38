# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The files `opencheck init` and `fix --write` add, as GitHub renders them: what the
repository chose (publiccode.yml's name, publisher, licence and contact, the remote's
address) shows as text, never as HTML, a link or an image.

These files are committed and shown by the forge as the project's own: a contact
`[securite@mairie.fr](https://evil.example/c)` made SECURITY.md send vulnerability
reports to another site, and a name holding `<img src=…>` put an image of another
site on the project's pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import RepoFactory, git, run_cli

cmarkgfm = pytest.importorskip("cmarkgfm", reason="installed with the test extras")

PUBLICCODE = """\
publiccodeYmlVersion: "0.4"
name: "Outil <img src=https://evil.example/n.png> [Aide](https://evil.example/n)"
organisation:
  name: "Mairie <a href='https://evil.example/o'>ici</a> ![o](https://evil.example/o.png)"
legal:
  license: "MIT ![l](https://evil.example/l.png) <b>x</b>"
maintenance:
  contacts:
    - name: "Sécurité"
      email: "[securite@mairie.fr](https://evil.example/c)"
"""
REMOTE = "https://git.mairie.fr/org/x/![p](https://evil.example/r.png)"
WRITTEN = ("README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md",
           "GOVERNANCE.md", "ROADMAP.md", "AUTHORS.md", "CHANGELOG.md")


def _rendered(markdown: str) -> str:
    from cmarkgfm.cmark import Options

    return str(cmarkgfm.github_flavored_markdown_to_html(markdown,
                                                        options=Options.CMARK_OPT_UNSAFE))


def _hostile(make_repo: RepoFactory) -> Path:
    root = make_repo({"publiccode.yml": PUBLICCODE, "main.py": "print('x')\n"})
    git(root, "remote", "add", "origin", REMOTE)
    return root


def _assert_shown_as_text(root: Path, names: tuple[str, ...]) -> None:
    for name in names:
        page = _rendered((root / name).read_text("utf-8"))
        images = re.findall(r"<img [^>]*>", page)  # the README's badge is opencheck's
        assert all('src="https://img.shields.io/' in image for image in images), name
        assert "<b>" not in page, name
        # no image of the other site, no link to it whose text does not show it (a bare
        # address is linked by GitHub as it shows: it hides nothing)
        assert not re.search(r'src="[^"]*evil', page), name
        links = re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page)
        assert not [(href, text) for href, text in links
                    if "evil" in href and "evil" not in text], name
        assert "<a href='https://evil" not in page, name


def test_init_writes_the_repositorys_values_as_text(make_repo: RepoFactory) -> None:
    root = _hostile(make_repo)
    assert run_cli("init", str(root), "--lang", "en").exit_code == 0
    assert run_cli("init", str(root), "readme", "--lang", "en").exit_code == 0
    _assert_shown_as_text(root, WRITTEN)
    # the values are still there, as written
    contributing = (root / "CONTRIBUTING.md").read_text("utf-8")
    assert "Outil &lt;img src=https://evil.example/n.png&gt;" in contributing
    assert "MIT !\\[l\\](https://evil.example/l.png)" in contributing


def test_fix_writes_the_repositorys_values_as_text(make_repo: RepoFactory) -> None:
    root = _hostile(make_repo)
    result = run_cli("fix", str(root), "--write", "--licence", "MIT", "--holder", "Mairie",
                     "--lang", "fr")
    assert result.exit_code in (0, 1), result.stderr
    _assert_shown_as_text(root, tuple(name for name in WRITTEN if (root / name).exists()))
    assert (root / "SECURITY.md").exists() and (root / "README.md").exists()


def test_a_contact_or_remote_that_is_not_an_address_is_left_to_complete(
    make_repo: RepoFactory,
) -> None:
    root = _hostile(make_repo)
    assert run_cli("init", str(root), "--lang", "en").exit_code == 0
    security = (root / "SECURITY.md").read_text("utf-8")
    assert "[TO BE COMPLETED: contact address]" in security
    assert "[TO BE COMPLETED: link to the issues]" in (root / "ROADMAP.md").read_text("utf-8")


def test_the_actions_summary_quotes_the_base_ref_as_text(
    make_repo: RepoFactory, tmp_path: Path,
) -> None:
    # the summary's note names the diff base as given; a branch name may hold a
    # backtick (which closed the note's code span) and `<details>` (which hid the rest
    # of the job summary)
    from opencheck.ci import github

    root = make_repo({"README.md": "# x\n"})
    base = "feature`<details>`x"
    git(root, "branch", base)
    summary = tmp_path / "summary.md"
    env = {"OPENCHECK_PATH": str(root), "OPENCHECK_RULES": "readme-present",
           "OPENCHECK_LANG": "en", "OPENCHECK_DIFF_BASE": base, "RUNNER_TEMP": str(tmp_path),
           "GITHUB_OUTPUT": str(tmp_path / "out"), "GITHUB_STEP_SUMMARY": str(summary)}
    assert github.main(env) == 0
    page = _rendered(summary.read_text("utf-8"))
    assert "<details>" not in page
    assert "&lt;details&gt;" in page


def test_names_that_start_a_line_make_no_heading_list_or_quote(
    make_repo: RepoFactory,
) -> None:
    """review9: a commit author named `# X` made a heading inside AUTHORS.md's list
    (`- # X`), and publiccode.yml's name starts GOVERNANCE.md's lines; so would a
    quote, a list, a rule or an indented code block."""
    from conftest import commit

    names = ["# Titre", "1. Ordonné", "- Imbriqué", "+ Plus", "---", "= Égal", "| Cellule |"]
    root = make_repo({"publiccode.yml": 'publiccodeYmlVersion: "0.4"\nname: "> Citation"\n',
                      "main.py": "print('x')\n"})
    for index, name in enumerate(names):
        commit(root, {f"f{index}.py": "x = 1\n"}, "Change", env={
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": f"a{index}@mairie.fr"})
    assert run_cli("init", str(root), "--lang", "fr").exit_code == 0
    authors = _rendered((root / "AUTHORS.md").read_text("utf-8"))
    assert authors.count("<h1>") == 1 and "<h2>" not in authors  # the file's own title
    assert "<ol" not in authors and "<hr" not in authors and "<table" not in authors
    assert authors.count("<ul>") == 1 and "<blockquote>" not in authors
    for name in ("# Titre", "1. Ordonné", "- Imbriqué", "+ Plus", "---", "| Cellule |"):
        assert f"<li>{name}</li>" in authors, name
    governance = _rendered((root / "GOVERNANCE.md").read_text("utf-8"))
    assert "<blockquote>" not in governance and "&gt; Citation est publié" in governance
