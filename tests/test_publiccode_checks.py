# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The publiccode family on real git repositories, through `opencheck check`."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import commit, git
from opencheck.engine import RunRequest
from opencheck.engine import run as run_engine
from opencheck.model import Finding, Report
from publiccode_samples import SVG, png

EUPL = "                      EUROPEAN UNION PUBLIC LICENCE v. 1.2\n  EUPL © the EU 2007, 2016\n"
README_FR = (
    "# Médusa\n\nMédusa est un outil publié par la DINUM pour les administrations. Il "
    "vérifie que le dépôt est prêt : la licence, les fichiers, les secrets. Il dit ce qui "
    "manque et comment le corriger avec des exemples pour chaque problème trouvé dans le "
    "dépôt.\n"
)
LONG = ("Médusa vérifie qu'un dépôt de code est prêt à être publié comme logiciel libre : "
        "licence, fichiers attendus, secrets, description du projet pour les catalogues.")




def publiccode(**changes: Any) -> str:
    doc: dict[str, Any] = {
        "publiccodeYmlVersion": "0.7",
        "name": "medusa",
        "url": "https://github.com/example/medusa",
        "softwareVersion": "1.2.0",
        "releaseDate": "2026-03-01",
        "logo": "logo.svg",
        "platforms": ["web"],
        "developmentStatus": "stable",
        "softwareType": "standalone/web",
        "description": {"fr": {"shortDescription": "Vérifie un dépôt.", "longDescription": LONG,
                               "features": ["Vérifier la licence"]}},
        "legal": {"license": "EUPL-1.2"},
        "maintenance": {"type": "internal", "contacts": [
            {"name": "Camille Agent", "email": "camille.agent@numerique.gouv.fr"}]},
        "localisation": {"localisationReady": True, "availableLanguages": ["fr"]},
    }
    for key, value in changes.items():
        if value is None:
            doc.pop(key, None)
        else:
            doc[key] = value
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def repo_with(make_repo: Any, files: dict[str, str | bytes], tag: str | None = "v1.2.0",
              remote: str = "git@github.com:example/medusa.git") -> Path:
    base: dict[str, str | bytes] = {"README.md": README_FR, "LICENSE": EUPL, "logo.svg": SVG,
                                    "publiccode.yml": publiccode()}
    base.update(files)
    root: Path = make_repo(base, date="2026-03-01T10:00:00+00:00")
    git(root, "remote", "add", "origin", remote)
    if tag:
        git(root, "tag", tag, env={"GIT_COMMITTER_DATE": "2026-03-01T10:00:00+00:00"})
    return root


def findings(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def status(report: Report, rule: str) -> str:
    return next(r.status.value for r in report.rules if r.rule == rule)


def run(root: Path) -> Report:
    return run_engine(RunRequest(path=root, only_rules=("publiccode-*",)))


def test_consistent_repository_passes_every_rule(make_repo: Any) -> None:
    report = run(repo_with(make_repo, {}))
    for rule in ("publiccode-present", "publiccode-valid", "publiccode-license",
                 "publiccode-url", "publiccode-logo", "publiccode-version",
                 "publiccode-languages", "publiccode-contacts", "publiccode-legacy-layout",
                 "publiccode-deprecated", "publiccode-screenshots"):
        assert status(report, rule) == "passed", (rule, [f.message.en for f in report.findings])
    assert status(report, "publiccode-urls-reachable") == "skipped"


def test_absent_file(make_repo: Any) -> None:
    report = run(make_repo({"README.md": README_FR}))
    assert findings(report, "publiccode-present")
    assert status(report, "publiccode-valid") == "skipped"
    # one cause, one finding: publiccode-present asks for the file, the logo rule is quiet
    assert status(report, "publiccode-logo") == "skipped"
    assert not findings(report, "publiccode-logo")


def test_invalid_file_gives_located_findings(make_repo: Any) -> None:
    text = publiccode(developmentStatus="production").replace(
        "name: medusa", "name: medusa\nfoo: 1")
    report = run(repo_with(make_repo, {"publiccode.yml": text}))
    found = findings(report, "publiccode-valid")
    keys = {f.extra["key"] for f in found}
    assert any("developmentStatus" in k for k in keys) and any("foo" in k for k in keys)
    lines = text.splitlines()
    for finding in found:
        assert finding.path == "publiccode.yml"
        assert finding.line and finding.column
        written = lines[finding.line - 1].split(":")[0].strip()
        assert finding.extra["key"].endswith(written) or finding.extra["key"] == ""


def test_licence_mismatch(make_repo: Any) -> None:
    report = run(repo_with(make_repo, {"publiccode.yml": publiccode(legal={"license": "MIT"})}))
    [finding] = findings(report, "publiccode-license")
    assert "EUPL-1.2" in finding.message.en


def test_licence_from_reuse_folder(make_repo: Any) -> None:
    root = repo_with(make_repo, {"LICENSE": "see LICENSES/", "LICENSES/EUPL-1.2.txt": EUPL})
    assert status(run(root), "publiccode-license") == "passed"


def test_gpl_only_and_or_later_compare_equal(make_repo: Any) -> None:
    gpl = "GNU AFFERO GENERAL PUBLIC LICENSE\n   Version 3, 19 November 2007\n"
    root = repo_with(make_repo, {"LICENSE": gpl, "publiccode.yml": publiccode(
        legal={"license": "AGPL-3.0-or-later"})})
    assert status(run(root), "publiccode-license") == "passed"


def test_url_against_remote(make_repo: Any) -> None:
    root = repo_with(make_repo, {}, remote="https://gitlab.example.org/other/project.git")
    [finding] = findings(run(root), "publiccode-url")
    assert "gitlab.example.org/other/project" in finding.message.en


def test_a_clone_from_a_folder_on_disk_names_no_forge(make_repo: Any, tmp_path: Path) -> None:
    # `git clone /some/folder` leaves a path as origin: nothing to compare url or a
    # logo URL with, so neither is reported as naming another repository.
    logo_url = "https://raw.githubusercontent.com/example/medusa/main/logo.svg"
    root = repo_with(make_repo, {"publiccode.yml": publiccode(logo=logo_url)},
                     remote=str(tmp_path / "elsewhere"))
    report = run(root)
    assert status(report, "publiccode-url") == "skipped"
    assert status(report, "publiccode-logo") == "passed"


def test_missing_logo_file_is_an_error(make_repo: Any) -> None:
    root = repo_with(make_repo, {"publiccode.yml": publiccode(logo="img/Logo.svg")})
    [finding] = findings(run(root), "publiccode-logo")
    assert finding.severity.value == "error" and finding.line


def test_logo_case_mismatch_is_explained(make_repo: Any) -> None:
    root = repo_with(make_repo, {"publiccode.yml": publiccode(logo="LOGO.svg")})
    [finding] = findings(run(root), "publiccode-logo")
    assert "case" in finding.message.en


def test_png_logo_decodes_and_corrupt_one_does_not(make_repo: Any) -> None:
    good = repo_with(make_repo, {"logo.png": png(), "publiccode.yml": publiccode(logo="logo.png")})
    assert status(run(good), "publiccode-logo") == "passed"
    broken = bytearray(png())
    broken[40] ^= 0xFF
    bad = repo_with(make_repo, {"logo.png": bytes(broken),
                                "publiccode.yml": publiccode(logo="logo.png")})
    [finding] = findings(run(bad), "publiccode-logo")
    assert "CRC" in finding.message.en or "PNG" in finding.message.en


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_svg_entity_bomb_is_refused(make_repo: Any) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>')
    root = repo_with(make_repo, {"logo.svg": bomb})
    [finding] = findings(run(root), "publiccode-logo")
    assert "entities" in finding.message.en


def test_svgz_logo(make_repo: Any) -> None:
    root = repo_with(make_repo, {"logo.svgz": gzip.compress(SVG),
                                 "publiccode.yml": publiccode(logo="logo.svgz")})
    assert status(run(root), "publiccode-logo") == "passed"


def test_no_logo_key(make_repo: Any) -> None:
    root = repo_with(make_repo, {"publiccode.yml": publiccode(logo=None)})
    [finding] = findings(run(root), "publiccode-logo")
    assert finding.severity.value == "warning"


def test_screenshots_exist(make_repo: Any) -> None:
    description = {"fr": {"shortDescription": "x", "longDescription": LONG, "features": ["a"],
                          "screenshots": ["shots/a.png", "shots/missing.jpg"]}}
    root = repo_with(make_repo, {"shots/a.png": png(),
                                 "publiccode.yml": publiccode(description=description)})
    [finding] = findings(run(root), "publiccode-screenshots")
    assert "missing.jpg" in finding.message.en


def test_version_behind_latest_tag(make_repo: Any) -> None:
    root = repo_with(make_repo, {})
    commit(root, {"x.txt": "x"}, date="2026-06-01T10:00:00+00:00")
    git(root, "tag", "v1.3.0", env={"GIT_COMMITTER_DATE": "2026-06-01T10:00:00+00:00"})
    [finding] = findings(run(root), "publiccode-version")
    assert "v1.3.0" in finding.message.en


def test_release_date_against_tag_date(make_repo: Any) -> None:
    root = repo_with(make_repo, {"publiccode.yml": publiccode(releaseDate="2025-01-01")})
    [finding] = findings(run(root), "publiccode-version")
    assert "2026-03-01" in finding.message.en


def test_no_tag_skips_version(make_repo: Any) -> None:
    assert status(run(repo_with(make_repo, {}, tag=None)), "publiccode-version") == "skipped"


def test_readme_language_missing_from_declared(make_repo: Any) -> None:
    description = {"en": {"shortDescription": "x", "longDescription": LONG, "features": ["a"]}}
    root = repo_with(make_repo, {"publiccode.yml": publiccode(
        description=description, localisation={"localisationReady": True,
                                               "availableLanguages": ["en"]})})
    assert len(findings(run(root), "publiccode-languages")) == 2


def test_generic_contact_address(make_repo: Any) -> None:
    maintenance = {"type": "internal", "contacts": [{"name": "Équipe", "email": "contact@a.fr"}]}
    root = repo_with(make_repo, {"publiccode.yml": publiccode(maintenance=maintenance)})
    [finding] = findings(run(root), "publiccode-contacts")
    assert "generic" in finding.message.en


def test_legacy_layout_is_its_own_rule(make_repo: Any) -> None:
    text = publiccode() + "creationDate: '2020-01-01'\nawesomeScore: 7\n"
    report = run(repo_with(make_repo, {"publiccode.yml": text}))
    assert {f.extra["key"] for f in findings(report, "publiccode-legacy-layout")} == {
        "creationDate", "awesomeScore"}
    assert not findings(report, "publiccode-valid")


def test_deprecated_are_warnings_and_do_not_block(make_repo: Any) -> None:
    text = publiccode(publiccodeYmlVersion="0.5", monochromeLogo="logo.svg")
    report = run(repo_with(make_repo, {"publiccode.yml": text}))
    found = findings(report, "publiccode-deprecated")
    assert {f.extra["key"] for f in found} == {"publiccodeYmlVersion", "monochromeLogo"}
    assert all(f.severity and f.severity.value == "warning" for f in found)


def test_an_unreadable_file_is_reported_once_not_also_as_a_missing_logo(
    make_repo: Any,
) -> None:
    for broken in ("", "name: [unclosed\n", "\0binary"):
        report = run(repo_with(make_repo, {"publiccode.yml": broken}))
        assert findings(report, "publiccode-valid")
        assert status(report, "publiccode-logo") == "skipped"


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_file_too_large_for_the_snapshot(make_repo: Any) -> None:
    root = repo_with(make_repo, {"publiccode.yml": "name: " + "x" * (6 * 1024 * 1024) + "\n"})
    [finding] = findings(run(root), "publiccode-valid")
    assert "Unreadable" in finding.message.en


def test_logo_url_of_another_repository(make_repo: Any) -> None:
    outside = publiccode(logo="https://github.com/opendatateam.png")
    root = repo_with(make_repo, {"publiccode.yml": outside})
    [finding] = findings(run(root), "publiccode-logo")
    assert "external address" in finding.message.en
    inside = publiccode(logo="https://raw.githubusercontent.com/example/medusa/main/logo.svg")
    root = repo_with(make_repo, {"publiccode.yml": inside})
    assert status(run(root), "publiccode-logo") == "passed"


CECILL_FR = Path("/work/shared/corpus/licences/05-ProgrammeVitam_vitam-LICENSE.md")


@pytest.mark.skipif(not CECILL_FR.is_file(), reason="shared corpus not present")
def test_french_cecill_text_is_identified(make_repo: Any) -> None:
    text = CECILL_FR.read_bytes()
    agree = repo_with(make_repo, {"LICENSE": text, "publiccode.yml": publiccode(
        legal={"license": "CECILL-2.1"})})
    assert status(run(agree), "publiccode-license") == "passed"
    differ = repo_with(make_repo, {"LICENSE": text, "publiccode.yml": publiccode(
        legal={"license": "MIT"})})
    [finding] = findings(run(differ), "publiccode-license")
    assert "CECILL-2.1" in finding.message.en


# -- issue 13 / 16: one cause, one finding; what real repositories showed --------------


def test_a_missing_logo_is_one_finding_of_the_logo_rule(make_repo: Any) -> None:
    report = run(repo_with(make_repo, {"publiccode.yml": publiccode(logo="img/absent.svg")}))
    assert [f.rule for f in report.findings if "absent.svg" in f.message.en] == [
        "publiccode-logo"]
    assert status(report, "publiccode-valid") == "passed"


def test_monochrome_logo_and_authors_file_are_checked(make_repo: Any) -> None:
    text = publiccode(monochromeLogo="mono.png",
                      legal={"license": "EUPL-1.2", "authorsFile": "AUTHORS.md"})
    report = run(repo_with(make_repo, {"publiccode.yml": text, "mono.png": b"not a png"}))
    [logo] = findings(report, "publiccode-logo")
    assert logo.extra["key"] == "monochromeLogo" and "valid image" in logo.message.en
    valid = findings(report, "publiccode-valid")
    assert [f.extra["key"] for f in valid] == ["legal.authorsFile"]
    assert "does not exist" in valid[0].message.en


def test_screenshot_urls_without_extension_are_not_rejected_offline(make_repo: Any) -> None:
    shots = ["https://github.com/user-attachments/assets/0b9d6c6e-8f2a-4a0e-9c56",
             "https://raw.githubusercontent.com/example/medusa/main/docs/capture"]
    description = {"fr": {"shortDescription": "Vérifie un dépôt.", "longDescription": LONG,
                          "features": ["Vérifier la licence"], "screenshots": shots}}
    report = run(repo_with(make_repo, {"publiccode.yml": publiccode(description=description)}))
    found = findings(report, "publiccode-screenshots")
    assert not [f for f in found if f.severity.value == "error"]
    assert not any("PNG" in f.message.en for f in found)
    # the first one is a forge asset of another place: said to be external, as a warning
    assert [f.extra["key"] for f in found] == ["description.fr.screenshots.0"]


def test_an_external_logo_is_said_external_even_without_remote(make_repo: Any,
                                                               tmp_path: Path) -> None:
    text = publiccode(logo="https://www.example.gouv.fr/static/logo.svg")
    root = repo_with(make_repo, {"publiccode.yml": text}, remote=str(tmp_path / "elsewhere"))
    [finding] = findings(run(root), "publiccode-logo")
    assert "external address" in finding.message.en and "no git remote" in finding.message.en


def test_maintenance_none_needs_no_contacts(make_repo: Any) -> None:
    text = publiccode(maintenance={"type": "none"})
    report = run(repo_with(make_repo, {"publiccode.yml": text}))
    assert status(report, "publiccode-contacts") == "skipped"
    assert status(report, "publiccode-valid") == "passed"


def test_moving_tags_are_not_versions(make_repo: Any) -> None:
    root = repo_with(make_repo, {})
    for name in ("nightly", "latest", "edge"):
        git(root, "tag", name, env={"GIT_COMMITTER_DATE": "2026-09-01T10:00:00+00:00"})
    assert status(run(root), "publiccode-version") == "passed"
    only_moving = repo_with(make_repo, {}, tag="nightly")
    assert status(run(only_moving), "publiccode-version") == "skipped"


def test_one_stray_legacy_key_warns_without_invalidating(make_repo: Any) -> None:
    text = publiccode().replace("name: medusa", "name: medusa\ncreationDate: '2021-03-04'")
    report = run(repo_with(make_repo, {"publiccode.yml": text}))
    assert status(report, "publiccode-valid") == "passed"
    [finding] = findings(report, "publiccode-legacy-layout")
    assert finding.severity.value == "warning" and finding.extra["key"] == "creationDate"


def test_publiccode_strict_setting(make_repo: Any) -> None:
    text = publiccode(platforms="web")
    default = run(repo_with(make_repo, {"publiccode.yml": text}))
    assert status(default, "publiccode-valid") == "passed"
    strict = run(repo_with(make_repo, {"publiccode.yml": text,
                                       ".opencheck.yml": "publiccode-strict: true\n"}))
    assert [f.extra["key"] for f in findings(strict, "publiccode-valid")] == ["platforms"]
