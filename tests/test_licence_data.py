# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The decree's list, SPDX expressions and manifest readers."""

from __future__ import annotations

import pytest

from opencheck.catalogue import load_catalogue
from opencheck.licensing import equivalent, load_authorised, normalise
from opencheck.licensing.manifests import (
    ManifestError,
    read_composer_json,
    read_csproj,
    read_gemspec,
    read_package_json,
    read_pom,
    read_pyproject,
    read_r_description,
    read_setup_cfg,
)


@pytest.mark.parametrize(
    ("first", "second"),
    [("GPL-3.0+", "GPL-3.0-or-later"), ("MIT OR Apache-2.0", "Apache-2.0 OR MIT"),
     ("GPL-3.0", "GPL-3.0-only"), ("mit", "MIT")],
)
def test_equivalent_expressions(first: str, second: str) -> None:
    assert equivalent(first, second)


def test_different_expressions() -> None:
    assert not equivalent("MIT", "Apache-2.0")
    assert not equivalent("MIT AND Apache-2.0", "MIT OR Apache-2.0")
    assert not equivalent("GPL-3.0-only", "GPL-3.0-or-later")


def test_normalise_deprecated_ids() -> None:
    assert normalise("LGPL-2.1+") == "LGPL-2.1-or-later"


@pytest.mark.parametrize(
    "expression",
    ["MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "CECILL-B", "CECILL-2.1", "CECILL-C",
     "GPL-3.0-or-later", "GPL-3.0", "GPL-3.0-only", "LGPL-3.0-or-later", "AGPL-3.0-only",
     "MPL-2.0", "EPL-2.0", "EUPL-1.2", "etalab-2.0", "ODbL-1.0", "MIT OR GPL-2.0-only",
     # "or any later version": the licensee may choose GPL-3.0, EUPL-1.2, CeCILL-2.1
     "GPL-2.0-or-later", "GPL-2.0+", "LGPL-2.1-or-later", "EUPL-1.1+", "CECILL-2.0+"],
)
def test_authorised_licences(expression: str) -> None:
    assert load_authorised().verdict(expression).authorised


@pytest.mark.parametrize(
    "expression",
    ["GPL-2.0-only", "GPL-2.0-with-classpath-exception", "LGPL-2.1-only", "MIT+", "CECILL-2.0",
     "CECILL-1.0",
     "EUPL-1.1", "CC-BY-4.0", "CC-BY-NC-SA-4.0", "Unlicense", "MIT AND LGPL-2.1-only",
     "LicenseRef-Licence-Ouverte-1.0", "LiLiQ-R-1.1", "CC0-1.0"],
)
def test_licences_outside_the_list(expression: str) -> None:
    assert not load_authorised().verdict(expression).authorised


def test_verdict_details() -> None:
    authorised = load_authorised()
    assert authorised.verdict("etalab-2.0").data_only
    assert not authorised.verdict("Apache-2.0 OR etalab-2.0").data_only
    assert authorised.verdict("EUPL-1.2").reciprocal
    assert authorised.verdict("CC-BY-NC-4.0").non_free == ("CC-BY-NC-4.0",)
    assert authorised.find("GPL-3.0+") is not None


def test_licence_list_stays_out_of_the_rule_catalogue() -> None:
    catalogue = load_catalogue()
    assert "licence" in catalogue.families
    assert all(rule.startswith("licence-") for rule in catalogue.rules
               if catalogue.rules[rule].family == "licence")


def test_manifest_readers() -> None:
    assert read_pyproject('[project]\nlicense = "EUPL-1.2"\n')[0].raw == "EUPL-1.2"
    classifiers = read_pyproject(
        '[project]\nclassifiers = ["License :: OSI Approved :: MIT License"]\n')
    assert classifiers[0].raw == "MIT" and classifiers[0].line == 2
    assert read_setup_cfg("[metadata]\nlicense = CeCILL-B\n")[0].raw == "CeCILL-B"
    assert read_package_json('{"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]}')[
        0].raw == "MIT OR Apache-2.0"
    assert read_composer_json('{"license": ["MIT", "GPL-3.0-or-later"]}')[0].raw == (
        "MIT OR GPL-3.0-or-later")
    pom = ("<project xmlns='http://maven.apache.org/POM/4.0.0'><licenses><license>"
           "<name>CeCILL-C</name><url>https://cecill.info</url></license></licenses></project>")
    assert read_pom(pom)[0].raw.startswith("CeCILL-C")
    assert read_csproj("<Project><PropertyGroup><PackageLicenseExpression>MIT"
                       "</PackageLicenseExpression></PropertyGroup></Project>")[0].raw == "MIT"
    assert read_gemspec("Gem::Specification.new do |s|\n  s.licenses = ['MIT']\nend\n")[
        0].raw == "MIT"
    assert read_r_description("Package: x\nLicense: GPL (>= 3) + file LICENSE\n")[0].raw == (
        "GPL-3.0-or-later")


def test_manifests_that_do_not_parse() -> None:
    with pytest.raises(ManifestError):
        read_package_json("{not json")
    with pytest.raises(ManifestError):
        read_pyproject("[project\n")
    with pytest.raises(ManifestError, match="unsafe"):
        read_pom('<!DOCTYPE x [<!ENTITY a "aaaa">]><project>&a;</project>')


def test_a_pom_licence_named_by_its_identifier_beside_its_url() -> None:
    """INRIA/spoon's spoon-pom/pom.xml: `<name>MIT</name>` with its URL was 'not
    recognised; write its SPDX identifier', on the line of a comment above that says MIT."""
    from opencheck.licensing.declarations import resolve_name

    pom = ("<project>\n<!--\n  Spoon is available under the MIT License or CeCILL-C.\n-->\n"
           "  <licenses>\n    <license>\n      <name>MIT</name>\n"
           "      <url>https://opensource.org/licenses/MIT</url>\n    </license>\n"
           "  </licenses>\n</project>\n")
    [field] = read_pom(pom)
    assert field.line == 7
    assert resolve_name(field.raw)[0] == "MIT"


def test_a_pom_licence_named_without_version_takes_its_urls(make_repo) -> None:  # type: ignore[no-untyped-def]
    """geOrchestra's pom: `<name>GPL</name>` beside `http://opensource.org/licenses/GPL-3.0`
    was read as GPL-1.0-or-later, "declares GPL-1.0-or-later, but LICENSE.txt says
    GPL-3.0"; the URL names the version. Another licence's URL, or a name that has its
    own version, is not rewritten."""
    from conftest import check_json, findings_of
    from opencheck.licensing.declarations import resolve_name
    from opencheck.licensing.official import official_text

    def pom(name: str, url: str) -> str:
        return (f"<project>\n  <licenses>\n    <license>\n      <name>{name}</name>\n"
                f"      <url>{url}</url>\n    </license>\n  </licenses>\n</project>\n")

    gpl = official_text("GPL-3.0-or-later", "en").text  # type: ignore[union-attr]
    root = make_repo({"LICENSE.txt": gpl, "README.md": "# geo\n",
                      "pom.xml": pom("GPL", "http://opensource.org/licenses/GPL-3.0")})
    report = check_json(root, "--no-history", "--rule", "family:licence")
    assert [f for f in findings_of(report) if f["rule"] == "licence-declarations-agree"] == []
    # the licence file read -or-later (the sources' notices say so): the pom does not
    # say "only"
    notice = ("<%--\n geOrchestra is free software: you can redistribute it and/or modify it\n"
              " under the terms of the GNU General Public License as published by the Free\n"
              " Software Foundation, either version 3 of the License, or (at your option)\n"
              " any later version.\n--%>\n<p>geOrchestra</p>\n")
    root = make_repo({"LICENSE.txt": gpl, "views/header.jsp": notice,
                      "pom.xml": pom("GPL", "http://opensource.org/licenses/GPL-3.0")})
    report = check_json(root, "--no-history", "--rule", "family:licence")
    assert [f for f in findings_of(report) if f["rule"] == "licence-declarations-agree"] == []
    root = make_repo({"LICENSE.txt": gpl, "pom.xml": pom("MIT", "https://mit-license.org")})
    report = check_json(root, "--no-history", "--rule", "family:licence")
    assert [f["rule"] for f in findings_of(report)].count("licence-declarations-agree") == 1
    [field] = read_pom(pom("GPL", "https://www.gnu.org/licenses/gpl-3.0.html"))
    assert resolve_name(field.raw)[0] == "GPL-3.0-only"
    [field] = read_pom(pom("GPL", "http://opensource.org/licenses/LGPL-3.0"))
    assert resolve_name(field.raw)[0] == "GPL-1.0-or-later"
    [field] = read_pom(pom("GPL-2.0", "http://opensource.org/licenses/GPL-3.0"))
    assert resolve_name(field.raw)[0] == "GPL-2.0-only"


def test_a_readme_paragraph_that_names_the_project_by_its_title_states_its_licence(
        make_repo) -> None:  # type: ignore[no-untyped-def]
    """ANSSI's SecuML: "SecuML is a Python tool… It is distributed under the GPL2+
    license." beside the GPL-2.0's bare text: read GPL-2.0-only, not on the decree's list,
    it blocked; GPL-2.0-or-later is met by GPL-3.0, which is. A paragraph about something
    else's licence, or under a title that is no name, still says nothing."""
    from conftest import check_json, findings_of
    from licence_fixtures import corpus_dir
    from opencheck.licensing.declarations import readme_licence_paragraph

    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("development corpus not present (the GPL-2.0's text)")
    gpl2 = (corpus / "spdx" / "text" / "GPL-2.0-only.txt").read_text("utf-8")
    readme = ("# SecuML [https://anssi-fr.github.io/SecuML/](https://anssi-fr.github.io/)\n"
              "SecuML is a Python tool for Machine Learning in Computer Security. It is "
              "distributed under the GPL2+ license.\n")
    assert readme_licence_paragraph(readme) is not None
    assert readme_licence_paragraph(
        "# Carto\nThe maps are distributed under the ODbL by IGN.\n") is None
    assert readme_licence_paragraph(
        "# Foo\nIt reads data distributed under the ODbL from Bar.\n") is None
    root = make_repo({"README.md": readme, "LICENSE": gpl2})
    report = check_json(root, "--no-history", "--rule", "family:licence")
    assert not [f for f in findings_of(report) if f["rule"] == "licence-authorised"]
