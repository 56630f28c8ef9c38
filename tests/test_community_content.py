# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What CONTRIBUTING, CODE_OF_CONDUCT, SECURITY and CHANGELOG say."""

from __future__ import annotations

from conftest import commit, git
from helpers_docs import findings, messages, report_of, status

CONTRIBUTING_FR = """# Contribuer

Ouvrez un ticket, puis proposez une demande de fusion depuis une branche.

Chaque commit doit être signé (DCO) : `git commit -s`.
"""
CONTRIBUTING_EN = """Contributing
============

Fork the repository, push a branch and open a pull request.
All commits need a Signed-off-by line (Developer Certificate of Origin).
"""


def test_contributing_with_dco_and_process_passes_in_both_languages(make_repo) -> None:
    for text in (CONTRIBUTING_FR, CONTRIBUTING_EN):
        repo = make_repo({"CONTRIBUTING.md": text})
        report = report_of(repo, "contributing-*")
        assert status(report, "contributing-sign-off") == "passed"
        assert status(report, "contributing-process") == "passed"


def test_contributing_without_dco_fails(make_repo) -> None:
    repo = make_repo({".github/CONTRIBUTING.md": "# Contribuer\n\nMerci !\n"})
    fr = report_of(repo, "contributing-*", lang="fr")
    assert messages(fr, "contributing-sign-off") == [
        "CONTRIBUTING ne demande pas de signer les commits (DCO, git commit -s)."
    ]
    assert findings(fr, "contributing-sign-off")[0]["path"] == ".github/CONTRIBUTING.md"
    assert status(fr, "contributing-process") == "failed"


def test_no_contributing_fails_content_rules_quietly(make_repo) -> None:
    report = report_of(make_repo({"README.md": "# x"}), "contributing-*", lang="fr")
    assert status(report, "contributing-present") == "failed"
    assert status(report, "contributing-sign-off") == "failed"
    found = findings(report, "contributing-sign-off")[0]
    assert found["severity"] == "info"
    assert found["message"] == (
        "Pas de fichier CONTRIBUTING lisible : exigence non remplie (voir contributing-present)."
    )


def test_deleting_a_poor_security_policy_never_raises_the_score(make_repo) -> None:
    poor = make_repo({"README.md": "# x", "SECURITY.md": "# Sécurité\n"})
    none = make_repo({"README.md": "# x"})
    assert report_of(poor, "security-*")["score"] > report_of(none, "security-*")["score"]


def test_code_of_conduct_contact(make_repo) -> None:
    ok = make_repo({"CODE_OF_CONDUCT.md": "# Code\n\nÉcrivez à conduite@anct.gouv.fr.\n"})
    assert status(report_of(ok, "code-of-conduct-*"), "code-of-conduct-contact") == "passed"
    template = make_repo({"CODE_OF_CONDUCT.md": (
        "# Contributor Covenant\n\nAdapted from https://www.contributor-covenant.org/version/2/1/\n\n"
        "Report to the community leaders at\n[INSERT CONTACT METHOD].\n"
    )})
    report = report_of(template, "code-of-conduct-*")
    found = findings(report, "code-of-conduct-contact")
    assert found[0]["line"] == 6
    assert "[INSERT CONTACT METHOD]" in found[0]["message"]
    bare = make_repo({"CODE_OF_CONDUCT.md": "# Code\n\nSoyez gentils.\n"})
    assert messages(report_of(bare, "code-of-conduct-*", lang="fr"),
                    "code-of-conduct-contact") == [
        "Le code de conduite ne donne aucun contact : ni adresse ni lien de contact."
    ]


def test_security_policy_contact_and_process(make_repo) -> None:
    good = make_repo({"SECURITY.md": (
        "# Sécurité\n\nNe signalez pas de faille dans un ticket public : écrivez en privé à "
        "securite@interieur.gouv.fr. Nous accusons réception sous 5 jours ouvrés.\n"
    )})
    report = report_of(good, "security-*")
    assert status(report, "security-policy-contact") == "passed"
    assert status(report, "security-policy-process") == "passed"
    advisory = make_repo({"SECURITY.md": (
        "# Security\n\nReport privately through "
        "https://github.com/org/app/security/advisories/new; we acknowledge within 3 days.\n"
    )})
    report = report_of(advisory, "security-*")
    assert status(report, "security-policy-contact") == "passed"
    assert status(report, "security-policy-process") == "passed"
    empty = make_repo({"SECURITY.md": "# Security\n\nWe care about security.\n"})
    report = report_of(empty, "security-*")
    assert status(report, "security-policy-contact") == "failed"
    assert status(report, "security-policy-process") == "failed"


def test_example_addresses_are_not_contacts(make_repo) -> None:
    repo = make_repo({"SECURITY.md": "# Security\n\nWrite to security@example.com.\n"})
    assert status(report_of(repo, "security-*"), "security-policy-contact") == "failed"


KEEP = """# Changelog

## [Unreleased]

## [1.1.0] - 2026-03-02

### Added
- Export.

## [1.0.0] - 2026-01-10

- First release.
"""


def test_changelog_with_dated_versions_matching_tags(make_repo) -> None:
    repo = make_repo({"CHANGELOG.md": KEEP})
    git(repo, "tag", "v1.0.0")
    git(repo, "tag", "-a", "v1.1.0", "-m", "1.1.0")
    git(repo, "tag", "0.9.0")  # before the changelog started: not counted
    report = report_of(repo, "changelog-*")
    assert status(report, "changelog-versions") == "passed"
    assert status(report, "changelog-matches-tags") == "passed"


def test_changelog_without_dates_and_out_of_step_with_tags(make_repo) -> None:
    text = (
        "Changes\n=======\n\n1.2.0\n-----\n\n- b\n\n"
        "1.0.0 (12 mars 2025)\n------------------\n\n- a\n"
    )
    repo = make_repo({"CHANGES.rst": text})
    git(repo, "tag", "v1.0.0")
    git(repo, "tag", "v1.1.0")
    report = report_of(repo, "changelog-*")
    assert messages(report, "changelog-versions") == ["Version 1.2.0 in the changelog has no date."]
    assert sorted(messages(report, "changelog-matches-tags")) == [
        "Tagged version v1.1.0 has no entry in the changelog.",
        "Version 1.2.0 in the changelog has no git tag.",
    ]
    fr = report_of(repo, "changelog-*", lang="fr")
    assert "La version 1.2.0 du CHANGELOG n'a pas de date." in messages(fr, "changelog-versions")


def test_changelog_date_read_from_the_first_prose_line_below_a_version(make_repo) -> None:
    text = (
        "# Changelog\n\n## 2.0.0\n\nPublished 2026-02-01.\n\n"  # two lines below: dated
        "## 1.0.0\n\n\n\nPublished 2025-01-01.\n\n"  # four lines below: too far
        "## 0.9.0\n- First draft.\nPublished 2024-06-01.\n"  # not the first prose line
    )
    report = report_of(make_repo({"CHANGELOG.md": text}), "changelog-versions")
    assert sorted(messages(report, "changelog-versions")) == [
        "Version 0.9.0 in the changelog has no date.",
        "Version 1.0.0 in the changelog has no date.",
    ]


def test_changelog_of_thousands_of_dated_releases(make_repo) -> None:
    # what semantic-release writes: a version heading, its date on the next line
    releases = "".join(f"## {n // 100}.{n % 100}.0\n\n2025-03-{n % 28 + 1:02d}\n\n- fix {n}\n\n"
                       for n in range(3000, 0, -1))
    repo = make_repo({"CHANGELOG.md": "# Changelog\n\n" + releases})
    git(repo, "tag", "v30.0.0")
    report = report_of(repo, "changelog-*")
    assert status(report, "changelog-versions") == "passed"
    assert len(findings(report, "changelog-matches-tags")) == 2999  # every untagged one


def test_changelog_without_versions(make_repo) -> None:
    repo = make_repo({"CHANGELOG.md": "# Changelog\n\nLots of things changed.\n"})
    report = report_of(repo, "changelog-*")
    assert findings(report, "changelog-versions")[0]["message"].startswith(
        "The changelog has no version section")
    assert status(report, "changelog-matches-tags") == "skipped"


def test_changelog_before_the_first_release(make_repo) -> None:
    text = "# Journal\n\n## [Non publié]\n\n- Première version en préparation.\n"
    repo = make_repo({"CHANGELOG.md": text})
    assert status(report_of(repo, "changelog-*"), "changelog-versions") == "passed"
    git(repo, "tag", "v0.1.0")  # released, but the changelog does not say so
    assert status(report_of(repo, "changelog-*"), "changelog-versions") == "failed"


def test_changelog_tags_rule_skips_without_tags(make_repo) -> None:
    report = report_of(make_repo({"CHANGELOG.md": KEEP}), "changelog-*")
    assert status(report, "changelog-matches-tags") == "skipped"


def test_documentation_only_as_pdf(make_repo) -> None:
    repo = make_repo({
        "README.md": "# x",
        "CONTRIBUTING.pdf": b"%PDF-1.4\0",
        "docs/manuel.docx": b"PK\3\4\0",
        "docs/annexe.pdf": b"%PDF-1.4\0",
        "doc/spec.pdf": b"%PDF\0",
        "doc/spec.md": "# Spec\n",
    })
    report = report_of(repo, "docs-plain-text", lang="fr")
    assert sorted(messages(report, "docs-plain-text")) == [
        "CONTRIBUTING n'existe qu'en PDF ou en bureautique (CONTRIBUTING.pdf).",
        "Le dossier docs/ ne contient que des PDF ou fichiers bureautiques (2).",
    ]


def test_pdf_beside_markdown_is_fine(make_repo) -> None:
    repo = make_repo({"README.md": "# x", "README.pdf": b"%PDF\0"})
    commit(repo, {"docs/guide.md": "# g", "docs/guide.pdf": b"%PDF\0"})
    assert status(report_of(repo, "docs-plain-text"), "docs-plain-text") == "passed"
