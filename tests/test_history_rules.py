# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""History rules on real repositories: controlled dates, identities, tags, shallow clones."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import commit, git
from helpers_docs import findings, messages, reason, report_of, status


def days_ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def who(name: str, email: str) -> dict[str, str]:
    return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


SIGNED = "Add a feature\n\nSigned-off-by: Camille Agent <camille.agent@numerique.gouv.fr>"


def test_every_commit_signed_off_passes(make_repo) -> None:
    repo = make_repo({"a": "1"}, message=SIGNED)
    commit(repo, {"b": "2"}, message=SIGNED)
    assert status(report_of(repo, "history-sign-off"), "history-sign-off") == "passed"


def test_unsigned_commits_are_counted_and_shown(make_repo) -> None:
    repo = make_repo({"a": "1"}, message=SIGNED)
    sha = commit(repo, {"b": "2"}, message="Quick fix")
    report = report_of(repo, "history-sign-off")
    found = findings(report, "history-sign-off")
    assert found[0]["message"] == (
        "1 of 2 commit(s) have no Signed-off-by line of their author (50% signed off); "
        f"for example {sha[:10]}."
    )
    fr = report_of(repo, "history-sign-off", lang="fr")
    expected = "1 commit(s) sur 2 n'ont pas la ligne Signed-off-by de leur auteur (50 % signés)"
    assert expected in messages(fr, "history-sign-off")[0]


def test_a_sign_off_by_someone_else_does_not_count(make_repo) -> None:
    repo = make_repo({"a": "1"}, message=SIGNED)
    commit(repo, {"b": "2"}, message="Fix\n\nSigned-off-by: Chef <chef@numerique.gouv.fr>",
           env=who("Presta", "presta@societe.fr"))
    found = messages(report_of(repo, "history-sign-off"), "history-sign-off")
    assert "(50% signed off, 1 signed off by someone other than the author)" in found[0]


def test_merge_commits_are_not_counted(make_repo) -> None:
    repo = make_repo({"a": "1"}, message=SIGNED)
    git(repo, "checkout", "-q", "-b", "topic")
    commit(repo, {"b": "2"}, message=SIGNED)
    git(repo, "checkout", "-q", "main")
    commit(repo, {"c": "3"}, message=SIGNED)
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge topic", "topic")
    assert status(report_of(repo, "history-sign-off"), "history-sign-off") == "passed"


def test_sign_off_since_ignores_history_before_the_dco(make_repo) -> None:
    repo = make_repo({"a": "1"}, message="Old work", date="2021-05-01T10:00:00+00:00")
    commit(repo, {".opencheck.yml": "settings:\n  history:\n    sign_off_since: 2024-01-01\n"},
           message=SIGNED)
    assert status(report_of(repo, "history-sign-off"), "history-sign-off") == "passed"


def test_unusable_history_settings_are_errors_not_silent_defaults(make_repo) -> None:
    # `activity_days: "365"` used to fall back to 183 days without a word.
    repo = make_repo({".opencheck.yml": (
        "settings:\n  history:\n    activity_days: '365'\n    allowed_emails: '*@gmail.com'\n"
    )})
    report = report_of(repo, "history-*", "activity-*")
    assert status(report, "activity-recent-commit") == "error"
    assert "activity_days: '365'" in reason(report, "activity-recent-commit")
    assert status(report, "history-identity-webmail") == "error"
    assert "allowed_emails" in reason(report, "history-identity-webmail")
    assert status(report, "history-sign-off") != "error"
    stale = make_repo({".opencheck.yml": "settings:\n  readme:\n    unmaintained_days: 0\n",
                       "README.md": "# x\n"})
    report = report_of(stale, "readme-maintenance-status")
    assert "unmaintained_days: '0'" in reason(report, "readme-maintenance-status")
    dated = make_repo({".opencheck.yml": "settings:\n  history:\n    sign_off_since: last year\n"})
    report = report_of(dated, "history-sign-off")
    assert status(report, "history-sign-off") == "error"
    assert "sign_off_since: 'last year' is not a date" in reason(report, "history-sign-off")


def test_generic_and_anonymous_identities(make_repo) -> None:
    repo = make_repo({"a": "1"})
    commit(repo, {"b": "1"}, env=who("root", "root@localhost"))
    commit(repo, {"c": "1"}, env=who("Dev", "dev@example.com"))
    commit(repo, {"d": "1"}, env=who("Alex", "12345+alex@users.noreply.github.com"))
    commit(repo, {"e": "1"}, env=who("Sam", "sam@sam-laptop"))
    commit(repo, {"f": "1"}, env=who("dependabot[bot]",
                                     "49699333+dependabot[bot]@users.noreply.github.com"))
    commit(repo, {"f2": "1"},
           env=who("Projet bot", "project_42_bot_1a2b@noreply.gitlab.example.fr"))
    commit(repo, {"f3": "1"}, env=who("Weblate", "noreply@weblate.org"))
    # machine accounts named bots (MinBZK/nl-wallet, NREL's Julia packages); a person
    # whose login ends in "bot" is still a person with an anonymous address
    noreply = "@users.noreply.github.com"
    commit(repo, {"f4": "1"}, env=who("NL Wallet", "200063085+nl-wallet-bot" + noreply))
    commit(repo, {"f5": "1"}, env=who("Julia TagBot", "50554310+JuliaTagBot" + noreply))
    commit(repo, {"f6": "1"}, env=who("J. Talbot", "777+talbot@users.noreply.github.com"))
    commit(repo, {"g": "1"}, env={**who("Camille Agent", "camille.agent@numerique.gouv.fr"),
                                  "GIT_COMMITTER_NAME": "GitHub",
                                  "GIT_COMMITTER_EMAIL": "noreply@github.com"})
    report = report_of(repo, "history-identity-*")
    flagged = {f["fingerprint"]: f["message"] for f in findings(report, "history-identity-generic")}
    text = "\n".join(flagged.values())
    assert len(flagged) == 5, text
    assert "talbot" in text and "nl-wallet-bot" not in text and "JuliaTagBot" not in text
    assert "'root <root@localhost>' (author, 1 commit(s)" in text
    assert "dev@example.com" in text and "placeholder or local domain" in text
    assert "users.noreply.github.com>' (author, 1 commit(s)" in text
    assert "anonymous address (noreply)" in text
    assert "sam@sam-laptop" in text and "a machine name" in text
    assert "dependabot" not in text and "noreply@github.com>" not in text
    assert "project_42_bot" not in text and "weblate" not in text
    fr = report_of(repo, "history-identity-generic", lang="fr")
    assert any("nom de machine" in m for m in messages(fr, "history-identity-generic"))


def test_mailmap_corrects_past_identities(make_repo) -> None:
    repo = make_repo({"a": "1"})
    commit(repo, {"b": "1"}, env=who("root", "root@localhost"))
    assert status(report_of(repo, "history-identity-generic"),
                  "history-identity-generic") == "failed"
    commit(repo, {".mailmap": "Camille Agent <camille.agent@numerique.gouv.fr> <root@localhost>\n"})
    assert status(report_of(repo, "history-identity-generic"),
                  "history-identity-generic") == "passed"


def test_personal_webmail_for_work(make_repo) -> None:
    repo = make_repo({"a": "1"})
    commit(repo, {"b": "1"}, env=who("Jean Dupont", "jean.dupont@gmail.com"))
    commit(repo, {"c": "1"}, env=who("Marie", "marie@orange.fr"))
    report = report_of(repo, "history-identity-*")
    assert len(findings(report, "history-identity-webmail")) == 2
    assert status(report, "history-identity-generic") == "passed"


def test_allowed_emails_setting(make_repo) -> None:
    repo = make_repo({".opencheck.yml": (
        "settings:\n  history:\n    allowed_emails: ['*@gmail.com']\n"
    )})
    commit(repo, {"b": "1"}, env=who("Jean", "jean@gmail.com"))
    report = report_of(repo, "history-identity-webmail")
    assert status(report, "history-identity-webmail") == "passed"


def test_professional_identities_pass(make_repo) -> None:
    repo = make_repo({"a": "1"})
    commit(repo, {"b": "1"}, env=who("Presta", "presta@societe-prestataire.fr"))
    report = report_of(repo, "history-identity-*")
    assert status(report, "history-identity-generic") == "passed"
    assert status(report, "history-identity-webmail") == "passed"


def test_tags_semver_and_signed(make_repo, tmp_path: Path) -> None:
    repo = make_repo({"a": "1"})
    git(repo, "tag", "v1.0.0")
    git(repo, "tag", "release-2")
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    git(repo, "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}",
        "tag", "-s", "v1.1.0", "-m", "Version 1.1.0")
    report = report_of(repo, "history-*")
    assert messages(report, "history-semver-tags") == [
        "Tag 'release-2' does not follow semver (e.g. v1.2.3)."
    ]
    assert messages(report, "history-signed-tags") == [
        "1 of 2 release tag(s) are not signed (including v1.0.0)."
    ]


def test_all_release_tags_signed(make_repo, tmp_path: Path) -> None:
    repo = make_repo({"a": "1"})
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    git(repo, "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}",
        "tag", "-s", "pkg@2.0.0-rc.1", "-m", "rc")
    report = report_of(repo, "history-*")
    assert status(report, "history-semver-tags") == "passed"
    assert status(report, "history-signed-tags") == "passed"


def test_no_tags(make_repo) -> None:
    report = report_of(make_repo({"a": "1"}), "history-*", "activity-*", lang="fr")
    assert messages(report, "history-semver-tags") == ["Aucune étiquette de version dans le dépôt."]
    assert status(report, "history-signed-tags") == "skipped"
    assert messages(report, "activity-recent-release") == ["Aucune version étiquetée (semver)."]


def test_activity_recent_and_old(make_repo) -> None:
    fresh = make_repo({"a": "1"}, date=days_ago(20))
    git(fresh, "tag", "v0.1.0")
    report = report_of(fresh, "activity-*")
    assert status(report, "activity-recent-commit") == "passed"
    assert status(report, "activity-recent-release") == "passed"

    stale = make_repo({"a": "1"}, date=days_ago(400))
    git(stale, "tag", "-a", "v0.1.0", "-m", "x", env={"GIT_COMMITTER_DATE": days_ago(400)})
    report = report_of(stale, "activity-*")
    assert messages(report, "activity-recent-commit")[0].startswith("The last commit is from ")
    assert "400 days ago, limit 183" in messages(report, "activity-recent-commit")[0]
    assert "The last release, v0.1.0" in messages(report, "activity-recent-release")[0]


def test_a_recent_commit_on_another_branch_counts(make_repo) -> None:
    repo = make_repo({"a": "1"}, date=days_ago(300))
    git(repo, "checkout", "-q", "-b", "work")
    commit(repo, {"b": "2"}, date=days_ago(3))
    git(repo, "checkout", "-q", "main")
    assert status(report_of(repo, "activity-*"), "activity-recent-commit") == "passed"


def _shallow(make_repo, tmp_path: Path, **dates: str) -> Path:
    origin = make_repo({"a": "1"}, message="First", date=dates.get("first"))
    commit(origin, {"b": "2"}, message="Second", date=dates.get("second"))
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)],
                   check=True, capture_output=True)
    return clone


def test_shallow_clone_skips_with_the_ci_hint(make_repo, tmp_path: Path) -> None:
    clone = _shallow(make_repo, tmp_path, first=days_ago(900), second=days_ago(800))
    report = report_of(clone, "history-*", "activity-*")
    for rule in ("history-sign-off", "history-identity-generic", "history-semver-tags",
                 "activity-recent-commit", "activity-recent-release"):
        assert status(report, rule) == "skipped", rule
        assert "fetch-depth: 0" in reason(report, rule)
        assert "GIT_DEPTH: 0" in reason(report, rule)
    fr = report_of(clone, "history-sign-off", lang="fr")
    assert "Clone superficiel" in reason(fr, "history-sign-off")


def test_shallow_clone_still_reports_what_it_sees(make_repo, tmp_path: Path) -> None:
    origin = make_repo({"a": "1"})
    commit(origin, {"b": "2"}, env=who("root", "root@localhost"))
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)],
                   check=True, capture_output=True)
    report = report_of(clone, "history-*", "activity-*")
    assert status(report, "history-identity-generic") == "failed"
    assert status(report, "activity-recent-commit") == "passed"  # a true recent commit


def test_no_git_skips(make_repo) -> None:
    folder = make_repo({"README.md": "# x"}, git_init=False)
    report = report_of(folder, "history-*", "activity-*")
    for result in report["rules"]:
        assert result["status"] == "skipped", result
    assert "No readable git repository" in reason(report, "history-sign-off")


def test_no_history_option_skips(make_repo) -> None:
    repo = make_repo({"a": "1"})
    report = report_of(repo, "history-sign-off", extra=("--no-history",))
    assert status(report, "history-sign-off") == "skipped"
