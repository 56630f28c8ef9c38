# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every finding of the readme, community and history families reads in both languages."""

from __future__ import annotations

from conftest import commit, findings_of, git
from helpers_docs import report_of

FAMILIES = ("family:readme", "family:community", "family:history")


def test_each_failing_rule_speaks_french_and_english(make_repo) -> None:
    repo = make_repo({
        "README.md": "# x\n\n[manque](absent.md)\n",
        "CONTRIBUTING.md": "# Contribuer\n",
        "CODE_OF_CONDUCT.md": "# Code\n",
        "SECURITY.md": "# Sécurité\n",
        "CHANGES.md": "# Changes\n\n## 2.0.0\n\n- x\n",
        "GOVERNANCE.pdf": b"%PDF-1.4\0",
    }, date="2020-01-01T00:00:00+00:00")
    commit(repo, {"a": "1"}, env={"GIT_AUTHOR_EMAIL": "x@gmail.com",
                                  "GIT_COMMITTER_EMAIL": "root@localhost"},
           date="2020-02-01T00:00:00+00:00")
    git(repo, "tag", "release-1", env={"GIT_COMMITTER_DATE": "2020-02-01T00:00:00+00:00"})
    git(repo, "tag", "v1.0.0", env={"GIT_COMMITTER_DATE": "2020-02-01T00:00:00+00:00"})
    english = report_of(repo, *FAMILIES)
    french = report_of(repo, *FAMILIES, lang="fr")
    failed = {r["id"] for r in english["rules"] if r["status"] == "failed"}
    expected = {
        "readme-description", "readme-publisher", "readme-installation", "readme-usage",
        "readme-licence", "readme-contributing", "readme-contact", "readme-maintenance-status",
        "readme-openness-badge", "readme-links", "contributing-sign-off",
        "contributing-process", "code-of-conduct-contact", "security-policy-contact",
        "security-policy-process", "changelog-versions", "changelog-matches-tags",
        "docs-plain-text", "history-sign-off", "history-identity-generic",
        "history-identity-webmail", "history-semver-tags", "history-signed-tags",
        "activity-recent-commit", "activity-recent-release",
    }
    assert expected <= failed, expected - failed
    in_french = {f["fingerprint"]: f for f in findings_of(french)}
    assert len(in_french) == len(findings_of(english))
    for en in findings_of(english):
        fr = in_french[en["fingerprint"]]  # fingerprints do not depend on the language
        assert en["message"] and fr["message"] and en["message"] != fr["message"], en
        assert en["fix"] and fr["fix"] and en["fix"] != fr["fix"], en
