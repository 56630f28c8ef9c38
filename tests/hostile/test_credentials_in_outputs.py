# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A URL a repository writes with its credentials is shown without them, in every format.

A dependency written as one (`git+https://<token>@github.com/…` in package.json or
pyproject.toml, a tarball behind `user:password@`) is listed by `opencheck deps` and by
the dependency rules without them: an SPDX document or a CSV inventory is made to be
shared. A finding that quotes one (publiccode-logo quotes the logo's address) too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import RepoFactory, findings_of, run_cli

TOKEN = "gho_Tok3nInPkgJsonAbCdEfGhIjKlMnOpQrStUv"
PASSWORD = "Pa55InTarballZq8"
PY_TOKEN = "PyTok3nAbCdEfGhIjKl"
PACKAGE = {"name": "x", "version": "1.0.0", "license": "MIT", "dependencies": {
    "privpkg": f"git+https://{TOKEN}@github.com/org/privpkg.git",
    "other": f"https://deploy:{PASSWORD}@npm.internal.example.fr/other-1.0.tgz",
}}
PYPROJECT = f"""[project]
name = "x"
version = "1"
license = "MIT"
dependencies = ["privpy @ git+https://{PY_TOKEN}:x-oauth-basic@github.com/org/privpy.git"]
"""
SECRETS = (TOKEN, PASSWORD, PY_TOKEN)


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    return make_repo({"package.json": json.dumps(PACKAGE), "pyproject.toml": PYPROJECT,
                      "LICENSE": "MIT License\n"})


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "spdx"])
def test_deps_lists_url_dependencies_without_their_credentials(repo: Path, fmt: str) -> None:
    result = run_cli("deps", str(repo), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert [secret for secret in SECRETS if secret in result.output] == []
    # still listed, with what they are
    assert "privpkg" in result.output and "privpy" in result.output
    if fmt != "table":  # the table cuts long cells
        assert "git+https://***@github.com/org/privpkg.git" in result.output
        assert "https://***@npm.internal.example.fr/other-1.0.tgz" in result.output


def test_the_dependency_rules_name_them_without_their_credentials(repo: Path) -> None:
    result = run_cli("check", str(repo), "--format", "json", "--rule", "family:dependencies")
    assert [secret for secret in SECRETS if secret in result.stdout] == []
    report = json.loads(result.stdout)
    assert any("privpkg" in str(f["message"]) for f in findings_of(report))


LOGO_PASSWORD = "PcLogoPa55Qz7"
PUBLICCODE = f"""publiccodeYmlVersion: "0.4"
name: x
url: "https://example.fr/x.git"
logo: "https://deploy:{LOGO_PASSWORD}@www.example.fr/logo.png"
"""


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "html", "junit",
                                 "codequality"])
def test_a_finding_quoting_a_url_shows_it_without_its_credentials(
    make_repo: RepoFactory, fmt: str
) -> None:
    # publiccode-logo quotes the logo's address; any rule quoting a repository's URL
    # goes through the same place
    root = make_repo({"publiccode.yml": PUBLICCODE})
    result = run_cli("check", str(root), "--no-history", "--format", fmt, "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    assert LOGO_PASSWORD not in result.stdout
    shown = result.stdout.replace("\\/", "/").replace("\\*", "*")  # JSON, Markdown escapes
    assert "https://***@www.example.fr/logo.png" in shown


NAME_TOKEN = "glpat-NameFromUrlAbCdEf12"
NAME_PASSWORD = "GroupIdPa55Wq3"
QUERY_TOKEN = "glpat-InTheQueryZx81Yw"
QUERY_PACKAGE = {"name": "x", "version": "1.0.0", "license": "MIT", "dependencies": {
    "generic": "https://gitlab.example.fr/api/v4/projects/7/packages/generic/g/1/g.tgz"
               f"?private_token={QUERY_TOKEN}"}}
POM = f"""<project><modelVersion>4.0.0</modelVersion>
<groupId>g</groupId><artifactId>a</artifactId><version>1</version>
<dependencies><dependency><groupId>https://deploy:{NAME_PASSWORD}@repo.example.fr</groupId>
<artifactId>lib</artifactId><version>1.0</version></dependency></dependencies></project>
"""


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "spdx"])
def test_a_dependency_named_from_its_address_is_named_without_its_credentials(
    make_repo: RepoFactory, fmt: str
) -> None:
    # a requirement given by its URL is named after its path; one with no path gave its
    # account and token as the name; a name that is an address (a Maven groupId) went
    # whole into the SPDX identifiers and purls derived from it; a token in the query of
    # an address without `@` was not looked for
    root = make_repo({"requirements.txt": f"git+https://oauth2:{NAME_TOKEN}@gitlab.example.fr\n"
                                          "git+https://github.com/org/kept.git@v1\n",
                      "pom.xml": POM, "package.json": json.dumps(QUERY_PACKAGE)})
    result = run_cli("deps", str(root), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert [secret for secret in (NAME_TOKEN, NAME_PASSWORD, QUERY_TOKEN)
            if secret in result.output] == []
    assert "kept" in result.output  # a URL requirement with a path is still named by it


def test_the_dependency_rules_name_no_credential_of_a_dependency_name(
    make_repo: RepoFactory
) -> None:
    root = make_repo({"pom.xml": POM})
    result = run_cli("check", str(root), "--format", "json", "--rule", "family:dependencies")
    assert NAME_PASSWORD not in result.stdout
    assert "repo.example.fr" in result.stdout  # the dependency is still named


def test_a_text_many_findings_share_is_masked_for_each_once() -> None:
    """A fix shared by thousands of findings (a copy folder's REUSE.toml annotation,
    with its `path = ...`) is cleaned once per rule, not once per finding (3 s of CPU
    on 68,000 files), and every finding still shows it masked."""
    from opencheck.engine import _without_credentials
    from opencheck.model import EndingText, Text

    shared = Text(fr="Voir https://deploy:Pa55Shared@dl.example.fr/x",
                  en="See https://deploy:Pa55Shared@dl.example.fr/x")
    cleaned: dict[int, Text] = {}
    first, second = (_without_credentials(shared, cleaned) for _ in range(2))
    assert first is second
    assert "Pa55Shared" not in first.en and "https://***@dl.example.fr/x" in first.en
    plain = Text(fr="path = x", en="path = x")  # nothing to mask: the same object
    assert _without_credentials(plain, cleaned) is plain
    own = EndingText(shared, " a.txt")  # one finding's own text is not kept
    assert "Pa55Shared" not in _without_credentials(own, cleaned).en
    assert id(own) not in cleaned
