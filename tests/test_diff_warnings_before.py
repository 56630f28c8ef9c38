# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Merge-request mode: a changed file's warnings that the merge base had already are
held back, counted, and said. A contributor who fixed a typo in an old file without a
REUSE header saw the header's two warnings, which he did not cause; every merge request
of such a project carried them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from conftest import (
    RepoFactory,
    check_json,
    commit,
    commit_unwritable_name,
    findings_of,
    git,
    run_cli,
)
from licence_fixtures import mit
from opencheck.reusetoml import COPYRIGHT_KEY, LICENCE_KEY

REUSE_RULES = ("--rule", "reuse-file-copyright", "--rule", "reuse-file-licensing")
HEADER = f"# {COPYRIGHT_KEY}: 2026 Ville de Lyon\n# {LICENCE_KEY}: MIT\n"
OLD = "def total(items):\n    return sum(item.prix for item in items)  # additionne\n"
FIXED = OLD.replace("additionne", "additionne les prix")


def _shown(report: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["path"]) for f in findings_of(report))


def _project(make_repo: RepoFactory, files: dict[str, str]) -> Path:
    """A project under MIT whose README and module carry headers, and a branch
    `feature` to change it on."""
    base = {"LICENSE": mit(), "README.md": f"<!--\n{HEADER}-->\n# Caisse\n",
            "src/app.py": HEADER + "VERSION = 1\n", **files}
    root = make_repo(base)
    git(root, "checkout", "--quiet", "-b", "feature")
    return root


def test_a_typo_fixed_in_a_file_without_header_shows_no_reuse_warning(
    make_repo: RepoFactory,
) -> None:
    root = _project(make_repo, {"src/total.py": OLD})
    commit(root, {"src/total.py": FIXED}, "Typo")
    whole = _shown(check_json(root, *REUSE_RULES))
    assert whole == [("reuse-file-copyright", "src/total.py"),
                     ("reuse-file-licensing", "src/total.py")]
    report = check_json(root, "--diff-base", "main", *REUSE_RULES)
    assert _shown(report) == []
    assert report["metadata"]["diff"]["warnings_before"] == 2
    assert "found_before" not in report["metadata"]["diff"]  # nothing blocked
    for lang, note in (("en", "Of them, 2 warning(s) or notice(s) the changed files had"),
                       ("fr", "Dont 2 avertissement(s) ou remarque(s) que les fichiers")):
        text = run_cli("check", str(root), "--diff-base", "main", "--lang", lang,
                       *REUSE_RULES)
        assert note in text.stdout


def test_a_new_file_without_header_is_shown(make_repo: RepoFactory) -> None:
    root = _project(make_repo, {"src/total.py": OLD})
    commit(root, {"src/total.py": FIXED, "src/remise.py": "REMISE = 0.1\n"}, "Discount")
    report = check_json(root, "--diff-base", "main", *REUSE_RULES)
    assert _shown(report) == [("reuse-file-copyright", "src/remise.py"),
                              ("reuse-file-licensing", "src/remise.py")]
    assert report["metadata"]["diff"]["warnings_before"] == 2  # total.py's, held back


def test_a_header_the_change_removes_is_shown(make_repo: RepoFactory) -> None:
    root = _project(make_repo, {})
    commit(root, {"src/app.py": "VERSION = 2\n"}, "Version 2")
    report = check_json(root, "--diff-base", "main", *REUSE_RULES)
    assert _shown(report) == [("reuse-file-copyright", "src/app.py"),
                              ("reuse-file-licensing", "src/app.py")]
    assert "warnings_before" not in report["metadata"]["diff"]
    # half of it: the licence line stays, the copyright goes
    root = _project(make_repo, {})
    commit(root, {"src/app.py": f"# {LICENCE_KEY}: MIT\nVERSION = 2\n"}, "Version 2")
    report = check_json(root, "--diff-base", "main", *REUSE_RULES)
    assert _shown(report) == [("reuse-file-copyright", "src/app.py")]


def test_the_base_is_judged_with_its_own_reuse_configuration(make_repo: RepoFactory) -> None:
    """The base's version of a file is judged with the base's REUSE.toml and `.license`
    files: a change that drops the annotation covering a file it edits brings the
    file's warnings, though the file had no header before either."""
    toml = (f'version = 1\n\n[[annotations]]\npath = "data/**"\n'
            f'"{COPYRIGHT_KEY}" = "2026 Ville de Lyon"\n"{LICENCE_KEY}" = "MIT"\n')
    sidecar = f"{COPYRIGHT_KEY}: 2026 Ville de Lyon\n{LICENCE_KEY}: MIT\n"
    root = _project(make_repo, {"REUSE.toml": toml, "data/prix.csv": "article;prix\n",
                                "logo.svg": "<svg/>\n", "logo.svg.license": sidecar})
    commit(root, {"REUSE.toml": "version = 1\n", "data/prix.csv": "article;prix;tva\n",
                  "logo.svg": "<svg></svg>\n"}, "Prices")
    git(root, "rm", "--quiet", "logo.svg.license")
    git(root, "commit", "--quiet", "-m", "No sidecar")
    report = check_json(root, "--diff-base", "main", *REUSE_RULES)
    assert _shown(report) == [
        ("reuse-file-copyright", "data/prix.csv"), ("reuse-file-copyright", "logo.svg"),
        ("reuse-file-licensing", "data/prix.csv"), ("reuse-file-licensing", "logo.svg")]


def _package(licence: str, version: str) -> str:
    return json.dumps({"name": "caisse", "version": version, "license": licence})


def test_a_licence_declaration_that_disagreed_already_is_held_back(
    make_repo: RepoFactory,
) -> None:
    rule = ("--rule", "licence-declarations-agree")
    root = _project(make_repo, {"package.json": _package("GPL-3.0-only", "1.0.0")})
    commit(root, {"package.json": _package("GPL-3.0-only", "1.1.0")}, "Release 1.1.0")
    assert _shown(check_json(root, *rule)) == [("licence-declarations-agree", "package.json")]
    report = check_json(root, "--diff-base", "main", *rule)
    assert _shown(report) == []
    assert report["metadata"]["diff"]["warnings_before"] == 1
    # the change that makes the manifest disagree brings the warning
    root = _project(make_repo, {"package.json": _package("MIT", "1.0.0")})
    commit(root, {"package.json": _package("GPL-3.0-only", "1.1.0")}, "Relicense?")
    report = check_json(root, "--diff-base", "main", *rule)
    assert _shown(report) == [("licence-declarations-agree", "package.json")]
    # and so does one that names yet another licence than the one that disagreed
    root = _project(make_repo, {"package.json": _package("GPL-3.0-only", "1.0.0")})
    commit(root, {"package.json": _package("Apache-2.0", "1.1.0")}, "Relicense?")
    report = check_json(root, "--diff-base", "main", *rule)
    assert _shown(report) == [("licence-declarations-agree", "package.json")]


def test_the_readme_and_changelog_are_judged_on_the_bases_documents(
    make_repo: RepoFactory,
) -> None:
    """The README's and changelog's rules are run again on the merge base's community
    files alone (not its whole tree): the same findings as the whole tree gave."""
    rules = ("--rule", "readme-installation", "--rule", "readme-usage",
             "--rule", "changelog-versions")
    readme = "# Caisse\n\nUne caisse pour les marchés de la ville.\n\n## Usage\n\nLancez-la.\n"
    changelog = "# Changelog\n\n## [1.0.0]\n\n- Début\n"
    root = _project(make_repo, {"README.md": readme, "CHANGELOG.md": changelog,
                                "docs/guide.md": "# Guide\n"})
    commit(root, {"README.md": readme.replace("marchés", "marchés couverts"),
                  "CHANGELOG.md": changelog + "\n## [1.1.0]\n\n- Marchés couverts\n"},
           "Covered markets")
    report = check_json(root, "--diff-base", "main", *rules)
    # the installation the README never described, the 1.0.0 never dated: the base's;
    # the 1.1.0 without a date: the change's
    assert [(f["rule"], f["message"]) for f in findings_of(report)] == [
        ("changelog-versions", "Version 1.1.0 in the changelog has no date.")]
    assert report["metadata"]["diff"]["warnings_before"] == 2
    # the change that drops the README's usage section brings its warning
    commit(root, {"README.md": readme.split("## Usage")[0]}, "Shorter")
    report = check_json(root, "--diff-base", "main", "--rule", "readme-usage")
    assert _shown(report) == [("readme-usage", "README.md")]


def test_the_pre_commit_hook_holds_back_what_head_had(make_repo: RepoFactory) -> None:
    root = _project(make_repo, {"src/total.py": OLD})
    (root / "src" / "total.py").write_text(FIXED, encoding="utf-8")
    (root / "src" / "remise.py").write_text("REMISE = 0.1\n", encoding="utf-8")
    git(root, "add", "src/total.py", "src/remise.py")
    report = check_json(root, "--staged", *REUSE_RULES)
    assert _shown(report) == [("reuse-file-copyright", "src/remise.py"),
                              ("reuse-file-licensing", "src/remise.py")]


def test_the_rules_left_unjudged_at_the_base_need_git(make_repo: RepoFactory,
                                                      tmp_path: Path) -> None:
    """scoped.GIT_RULES: the rules whose findings stay because the merge base's tree,
    written out of git, cannot be judged by them. Each finds its problem in a checkout
    and nothing in the same files without git."""
    from opencheck.scoped import GIT_RULES
    from test_publiccode_checks import publiccode

    long_ago = "2020-01-01T10:00:00+00:00"  # a project left alone for years
    root = make_repo({
        "publiccode.yml": publiccode(softwareVersion="1.0.0",
                                     url="https://github.com/example/other"),
        "CHANGELOG.md": "# Changelog\n\n## [9.9.9] - 2020-01-01\n\n- Début\n",
        "README.md": "# Medusa\n", "LICENSE": mit()}, date=long_ago)
    git(root, "remote", "add", "origin", "git@github.com:example/medusa.git")
    git(root, "tag", "v1.2.0", env={"GIT_COMMITTER_DATE": long_ago})
    rules = [arg for rule in sorted(GIT_RULES) for arg in ("--rule", rule)]
    assert {f["rule"] for f in findings_of(check_json(root, *rules))} == GIT_RULES
    plain = tmp_path / "plain"
    shutil.copytree(root, plain, ignore=shutil.ignore_patterns(".git"))
    assert findings_of(check_json(plain, *rules)) == []


LINKS = ("--rule", "readme-links")
LINKED = ("# Caisse\n\nVoir [le guide](docs/guide.md), [le code](src/app.py) et "
          "[les données](data/).\n")


def _linked_project(make_repo: RepoFactory, files: dict[str, str]) -> Path:
    return _project(make_repo, {"README.md": LINKED, "data/prix.csv": "article;prix\n",
                                **files})


def test_the_readme_links_are_judged_on_the_bases_listing(make_repo: RepoFactory) -> None:
    """A README change that keeps a broken link does not show it; one whose link the
    change broke (the file it named removed) does. The merge base's files are named by
    its listing, not written: its whole tree was written for this warning, and a base
    this system could not write (a name of 300 bytes the change renamed) had every
    warning of the README shown again."""
    root = _linked_project(make_repo, {})
    long_name = commit_unwritable_name(root, "archive", "Archive")
    git(root, "checkout", "-q", "-b", "readme")
    git(root, "rm", "-q", "--cached", long_name)
    commit(root, {"README.md": LINKED + "\nMise à jour.\n"}, "README")
    report = check_json(root, "--diff-base", "feature", *LINKS)
    assert _shown(report) == []
    assert report["metadata"]["diff"]["warnings_before"] == 1  # docs/guide.md, missing
    # the change removes the code the README links to: that link is the change's
    git(root, "rm", "--quiet", "src/app.py")
    commit(root, {"README.md": LINKED + "\nSans code.\n"}, "No code")
    report = check_json(root, "--diff-base", "feature", *LINKS)
    assert [f["message"] for f in findings_of(report)] == [
        "The link to 'src/app.py' points to a file missing from the repository."]
    assert report["metadata"]["diff"]["warnings_before"] == 1


def test_the_readme_links_of_the_base_honour_its_folders_and_exclusions(
    make_repo: RepoFactory,
) -> None:
    """A link to a folder the base held, or to a file its `.opencheck.yml` excludes, is
    judged at the base as in the checkout: a folder exists through its files; an
    excluded file is missing there too."""
    root = _linked_project(make_repo, {".opencheck.yml": "exclude:\n  - docs/guide.md\n",
                                       "docs/guide.md": "# Guide\n"})
    commit(root, {"README.md": LINKED + "\nMise à jour.\n"}, "README")
    assert _shown(check_json(root, *LINKS)) == [("readme-links", "README.md")]
    report = check_json(root, "--diff-base", "main", *LINKS)
    assert _shown(report) == []
    assert report["metadata"]["diff"]["warnings_before"] == 1
    # the change empties the folder the README links to
    git(root, "rm", "--quiet", "data/prix.csv")
    commit(root, {"README.md": LINKED + "\nSans données.\n"}, "No data")
    report = check_json(root, "--diff-base", "main", *LINKS)
    assert [f["message"] for f in findings_of(report)] == [
        "The link to 'data' points to a file missing from the repository."]


def test_the_changelog_is_judged_at_the_base_against_today_s_tags(
    make_repo: RepoFactory,
) -> None:
    """`changelog-matches-tags`: the merge base's changelog, against the checkout's
    tags (tags are no part of a change). An entry added to an old changelog no longer
    shows each tag it never had; a version the change adds without its tag does."""
    rule = ("--rule", "changelog-matches-tags")
    changelog = ("# Changelog\n\n## [1.0.0] - 2026-01-10\n\n- Premier\n\n"
                 "## [0.9.0] - 2025-12-01\n\n- Essai\n")
    root = _project(make_repo, {"CHANGELOG.md": changelog})
    git(root, "tag", "v1.0.0", "main")
    git(root, "tag", "v1.1.0", "main")  # released without its entry
    commit(root, {"CHANGELOG.md": changelog.replace("- Premier", "- Premier, corrigé")},
           "Typo")
    assert [f["message"] for f in findings_of(check_json(root, *rule))] == [
        "Tagged version v1.1.0 has no entry in the changelog.",
        "Version 0.9.0 in the changelog has no git tag."]
    report = check_json(root, "--diff-base", "main", *rule)
    assert findings_of(report) == []
    assert report["metadata"]["diff"]["warnings_before"] == 2
    commit(root, {"CHANGELOG.md": changelog.replace("# Changelog\n", "# Changelog\n\n"
                                                    "## [1.2.0] - 2026-02-01\n\n- Suite\n")},
           "1.2.0")
    report = check_json(root, "--diff-base", "main", *rule)
    assert [f["message"] for f in findings_of(report)] == [
        "Version 1.2.0 in the changelog has no git tag."]
    assert report["metadata"]["diff"]["warnings_before"] == 2


def test_the_changelog_s_tags_are_judged_when_the_whole_base_is_written(
    make_repo: RepoFactory,
) -> None:
    """A change that also brings a whole-tree rule's suspect (a licence declaration
    that disagreed already) writes the base's whole tree: the changelog's notices are
    still judged there against the checkout's tags (dsfr's release: 22 shown)."""
    rules = ("--rule", "changelog-matches-tags", "--rule", "licence-declarations-agree")
    changelog = "# Changelog\n\n## [1.0.0] - 2026-01-10\n\n- Premier\n"
    root = _project(make_repo, {"CHANGELOG.md": changelog,
                                "package.json": _package("GPL-3.0-only", "1.0.0")})
    git(root, "tag", "v0.9.0", "main")  # a tag the changelog never had
    commit(root, {"CHANGELOG.md": changelog.replace("- Premier", "- Premier, corrigé"),
                  "package.json": _package("GPL-3.0-only", "1.0.1")}, "1.0.1")
    assert sorted(f["rule"] for f in findings_of(check_json(root, *rules))) == [
        "changelog-matches-tags", "licence-declarations-agree"]
    report = check_json(root, "--diff-base", "main", *rules)
    assert findings_of(report) == []
    assert report["metadata"]["diff"]["warnings_before"] == 2
