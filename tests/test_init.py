# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck init` writes the missing community files and never overwrites one."""

from __future__ import annotations

import click

from conftest import commit, git, run_cli
from helpers_docs import report_of, status
from opencheck.cli.init import init_group

FILES = ("CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md", "CHANGELOG.md",
         "GOVERNANCE.md", "ROADMAP.md", "AUTHORS.md")


def who(name: str, email: str) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


def test_init_writes_french_files_filled_from_the_repository(make_repo) -> None:
    repo = make_repo({"README.md": "# Guichet\n", "publiccode.yml": (
        'publiccodeYmlVersion: "0.4"\nname: Guichet\nlegal:\n  license: EUPL-1.2\n'
        "maintenance:\n  type: internal\n  contacts:\n"
        "    - name: Équipe\n      email: guichet@numerique.gouv.fr\n"
    )}, date="2024-05-01T10:00:00+00:00")
    commit(repo, {"a": "1"}, env=who("Zoé Presta", "zoe@societe.fr"),
           date="2025-01-01T00:00:00+00:00")
    commit(repo, {"bot": "1"},
           env=who("dependabot[bot]", "1+dependabot[bot]@users.noreply.github.com"))
    git(repo, "tag", "-a", "v1.0.0", "-m", "v1",
        env={"GIT_COMMITTER_DATE": "2026-02-03T10:00:00+00:00"})
    git(repo, "remote", "add", "origin", "git@github.com:etalab/guichet.git")
    result = run_cli("init", str(repo), "--lang", "fr")
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert f"+ créé {name}" in result.output
        assert (repo / name).exists()
    contributing = (repo / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert contributing.startswith("# Contribuer à Guichet")
    assert "git commit -s" in contributing and "https://developercertificate.org/" in contributing
    assert "https://github.com/etalab/guichet/issues" in contributing
    assert "(EUPL-1.2)" in contributing
    assert "guichet@numerique.gouv.fr" in (repo / "SECURITY.md").read_text(encoding="utf-8")
    assert "## [1.0.0] - 2026-02-03" in (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    authors = (repo / "AUTHORS.md").read_text(encoding="utf-8")
    assert authors.splitlines()[-2:] == ["- Camille Agent", "- Zoé Presta"]
    assert "dependabot" not in authors
    # the files it writes satisfy the rules they answer
    report = report_of(repo, "contributing-*", "security-*", "code-of-conduct-*", "changelog-*")
    for rule in ("contributing-present", "contributing-sign-off", "contributing-process",
                 "security-policy-contact", "security-policy-process",
                 "code-of-conduct-contact", "changelog-versions", "changelog-matches-tags"):
        assert status(report, rule) == "passed", rule


def test_init_in_english_marks_what_it_cannot_know(make_repo) -> None:
    repo = make_repo({"README.md": "# Tool\n"}, name="tool")
    result = run_cli("init", str(repo), "--lang", "en")
    assert result.exit_code == 0, result.output
    conduct = (repo / "CODE_OF_CONDUCT.md").read_text(encoding="utf-8")
    assert conduct.startswith("# Code of conduct")
    assert "[TO BE COMPLETED: contact address]" in conduct
    assert "Read the files created" in result.output
    governance = (repo / "GOVERNANCE.md").read_text(encoding="utf-8")
    assert "[TO BE COMPLETED: administration that publishes the project]" in governance
    assert "Maintainers: Camille Agent." in governance
    # a marker is not a contact: the rule still asks for one
    report = report_of(repo, "code-of-conduct-*")
    assert status(report, "code-of-conduct-contact") == "failed"


def test_init_never_overwrites(make_repo) -> None:
    repo = make_repo({".github/SECURITY.md": "mine\n", "CHANGES.rst": "mine\n",
                      "CONTRIBUTING.md": "mine\n"})
    result = run_cli("init", str(repo), "--lang", "en")
    assert "= kept SECURITY.md (already exists: .github/SECURITY.md)" in result.output
    assert "= kept CHANGELOG.md (already exists: CHANGES.rst)" in result.output
    assert (repo / "CONTRIBUTING.md").read_text() == "mine\n"
    assert not (repo / "SECURITY.md").exists() and not (repo / "CHANGELOG.md").exists()
    again = run_cli("init", str(repo), "--lang", "en")
    assert "Nothing to create: every file exists." in again.output


def test_dry_run_writes_nothing(make_repo) -> None:
    repo = make_repo({"README.md": "# x\n"})
    result = run_cli("init", str(repo), "--dry-run", "--lang", "en")
    assert "+ would create ROADMAP.md" in result.output
    assert not (repo / "ROADMAP.md").exists()


def test_init_without_git(make_repo) -> None:
    folder = make_repo({"README.md": "# Outil\n"}, git_init=False, name="outil")
    result = run_cli("init", str(folder), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "[À COMPLÉTER : noms des auteurs]" in (folder / "AUTHORS.md").read_text(encoding="utf-8")


def test_a_write_that_fails_is_said_in_the_users_language(make_repo, monkeypatch) -> None:
    import errno

    import opencheck.cli.init as init

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(init, "write", full)
    repo = make_repo({"README.md": "# x\n"})
    result = run_cli("init", str(repo), "--lang", "fr")
    assert result.exit_code == 2
    assert f"impossible d'écrire dans {repo} : No space left on device" in result.stderr
    result = run_cli("init", str(repo), "--lang", "en")
    assert f"cannot write in {repo}: No space left on device" in result.stderr


def test_missing_path_is_a_usage_error(tmp_path) -> None:
    result = run_cli("init", str(tmp_path / "nope"), "--lang", "en")
    assert result.exit_code == 2
    assert "nope: no such file or directory" in result.output


def test_subcommands_hang_below_init_without_being_taken_for_a_path(make_repo) -> None:
    seen: list[str] = []

    @init_group.command("demo-sub")
    @click.argument("where", default=".")
    def demo(where: str) -> None:
        seen.append(where)

    try:
        result = run_cli("init", "demo-sub", "somewhere")
        assert result.exit_code == 0, result.output
        assert seen == ["somewhere"]
        result = run_cli("init", "--lang", "en", "demo-sub")
        assert seen == ["somewhere", "."]
    finally:
        init_group.commands.pop("demo-sub")
