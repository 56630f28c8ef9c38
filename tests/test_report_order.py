# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What to fix first: the families that weigh most in the score come first in every
human report, licence and REUSE before the changelog and the roadmap."""

from __future__ import annotations

from conftest import RepoFactory, run_cli
from licence_fixtures import MIT


def test_to_improve_lists_the_heaviest_families_first(make_repo: RepoFactory) -> None:
    # no CHANGELOG, CONTRIBUTING, SECURITY... (community) and no REUSE header (reuse)
    root = make_repo({"LICENSE": MIT.format(year=2026, holder="DINUM"),
                      "README.md": "# Outil\n\nUn outil.\n", "src/app.py": "x = 1\n"})
    text = run_cli("check", str(root), "--lang", "en", "--no-history").output.splitlines()
    families = [line.strip() for line in text
                if line.startswith("  ") and not line.startswith("   ")
                and line.strip() in ("REUSE compliance", "Community files", "README content")]
    assert families[:3] == ["REUSE compliance", "Community files", "README content"]
    markdown = run_cli("check", str(root), "--lang", "en", "--no-history",
                       "--format", "markdown").output
    assert markdown.index("reuse-file-copyright") < markdown.index("changelog-present")
    page = run_cli("check", str(root), "--lang", "en", "--no-history", "--format", "html").output
    assert page.index("reuse-file-copyright") < page.index("changelog-present")
