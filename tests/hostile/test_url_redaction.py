# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, item 11: a token in a remote URL is never printed, in any output.

GitLab CI clones with `https://gitlab-ci-token:<job token>@…`; people paste
`https://oauth2:<personal token>@…`; some forges take `?private_token=`. The remotes are
redacted where they are read, and git's own error lines on the way out.
"""

from __future__ import annotations

import pytest

from conftest import RepoFactory, git, run_cli
from opencheck.gitcmd import GitError, run_git
from opencheck.urls import redact, redact_text

SECRETS = ("personalTOKENvalue123", "jobTOKENvalue456", "sshPASSWORD789", "queryTOKEN000")
REMOTES = {
    "origin": f"https://oauth2:{SECRETS[0]}@gitlab.example.org/groupe/projet.git",
    "ci": f"https://gitlab-ci-token:{SECRETS[1]}@gitlab.example.org/groupe/projet.git",
    "ssh": f"ssh://deploy:{SECRETS[2]}@git.example.org/projet.git",
    "query": f"https://forge.example.org/projet.git?private_token={SECRETS[3]}",
}
FORMATS = ("text", "json", "markdown", "sarif", "codequality", "junit")


@pytest.fixture
def leaky_remotes(make_repo: RepoFactory):  # type: ignore[no-untyped-def]
    repo = make_repo({"README.md": "# Projet\n"})
    for name, url in REMOTES.items():
        git(repo, "remote", "add", name, url)
    return repo


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_carries_a_remote_credential(leaky_remotes, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", str(leaky_remotes), "--format", fmt, "--no-history")
    assert result.exit_code in (0, 1), result.output
    for secret in SECRETS:
        assert secret not in result.output, (fmt, secret)


def test_the_json_remotes_keep_host_and_path(leaky_remotes) -> None:  # type: ignore[no-untyped-def]
    import json
    result = run_cli("check", str(leaky_remotes), "--format", "json", "--no-history")
    remotes = json.loads(result.stdout)["metadata"]["remotes"]
    assert remotes["origin"] == "https://***@gitlab.example.org/groupe/projet.git"
    assert remotes["ssh"] == "ssh://***@git.example.org/projet.git"
    assert remotes["query"] == "https://forge.example.org/projet.git?private_token=***"


def test_gits_error_lines_are_redacted(leaky_remotes) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GitError) as raised:
        run_git(leaky_remotes, "rev-parse", "--verify", REMOTES["origin"])
    assert SECRETS[0] not in str(raised.value)
    assert SECRETS[0] not in raised.value.text.fr + raised.value.text.en


@pytest.mark.parametrize("url", list(REMOTES.values()))
def test_one_function_for_urls_and_text(url: str) -> None:
    assert not any(secret in redact(url) for secret in SECRETS)
    assert not any(secret in redact_text(f"fatal: '{url}' failed") for secret in SECRETS)


# A password may hold a raw `@`; git cuts a URL's credentials at its first `@` and
# writes the rest in its error line (`https://55@w0rd@host`), and OAuth's implicit flow
# puts a token in a URL's fragment, which git quotes as it is.
RAW_AT = "deploy:pa@55@w0rdRAW"
HOSTILE_REMOTES = {
    "raw-at": f"https://{RAW_AT}@gitlab.invalid/groupe/projet.git",
    "fragment": "https://gitlab.invalid/projet.git#access_token=fragmentTOKEN321",
}
HOSTILE_PIECES = ("pa@55", "55@w0rd", "w0rdRAW", "fragmentTOKEN321")


@pytest.mark.parametrize("name", list(HOSTILE_REMOTES))
def test_gits_error_lines_mask_a_password_holding_a_raw_at_whole(
        make_repo: RepoFactory, name: str) -> None:
    """git's own line, from a real fetch of the remote (the host does not resolve: no
    network), names the host but none of the credentials."""
    from opencheck.gitcmd import Reach

    repo = make_repo({"README.md": "# Projet\n"})
    git(repo, "remote", "add", "origin", HOSTILE_REMOTES[name])
    with pytest.raises(GitError) as raised:
        run_git(repo, "fetch", "origin", transports=("https",),
                reach=Reach("gitlab.invalid", 443), timeout=60)
    said = raised.value.text.fr + raised.value.text.en + str(raised.value)
    assert "gitlab.invalid" in said, said
    assert not [piece for piece in HOSTILE_PIECES if piece in said], said


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_carries_a_raw_at_password_or_a_fragment_token(
        make_repo: RepoFactory, fmt: str) -> None:
    repo = make_repo({"README.md": "# Projet\n"})
    for name, url in HOSTILE_REMOTES.items():
        git(repo, "remote", "add", name, url)
    result = run_cli("check", str(repo), "--format", fmt, "--no-history")
    assert result.exit_code in (0, 1), result.output
    assert not [piece for piece in HOSTILE_PIECES if piece in result.output], fmt


def test_the_masked_text_keeps_the_host_and_what_follows() -> None:
    line = ("fatal: unable to access 'https://u:p@ss@w0rd@gitlab.invalid/g/p.git/': x; "
            "see https://docs.example.org/a@b and mailto:x@y.fr")
    assert redact_text(line) == (
        "fatal: unable to access 'https://***@gitlab.invalid/g/p.git/': x; "
        "see https://docs.example.org/a@b and mailto:x@y.fr")
