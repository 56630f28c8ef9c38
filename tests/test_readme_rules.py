# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""README content rules on real repositories, with French and English READMEs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git
from helpers_docs import findings, messages, reason, report_of, status
from licence_fixtures import bsd3, french, mit

README_RULES = (
    "readme-description", "readme-publisher", "readme-installation", "readme-usage",
    "readme-licence", "readme-contributing", "readme-contact", "readme-maintenance-status",
    "readme-openness-badge", "readme-links",
)

FRENCH = """# Mon Guichet

[![](https://img.shields.io/badge/code.gouv.fr-contributif-blue.svg)](https://code.gouv.fr/documentation/#quels-degres-douverture-pour-les-codes-sources)

Mon Guichet permet aux usagers de déposer une demande de subvention en ligne et de
suivre son traitement par les services instructeurs.

Ce logiciel est publié par la Direction interministérielle du numérique (DINUM).

## Démarrage

```sh
# Installation
make install
```

## Utilisation

Voir la [documentation](docs/guide.md).

## Contribuer

Lisez [le guide de contribution](CONTRIBUTING.md).

## Nous contacter

Écrivez à mon-guichet@numerique.gouv.fr.

## Licence

Le code est publié sous licence EUPL-1.2, voir [LICENSE](LICENSE).
"""

ENGLISH = """Service Finder
==============

.. image:: https://img.shields.io/badge/code.gouv.fr-ouvert-mediumseagreen.svg

About
-----

Service Finder helps citizens find the public service office closest to their home.
It is maintained by the Ministry of the Interior.

Getting started
---------------

Run ``pip install service-finder``.

Examples
--------

See `the guide <docs/guide.md>`_.

Contributing
------------

See `CONTRIBUTING <CONTRIBUTING.md>`_.

Support
-------

Open an issue.

License
-------

MIT, see `LICENSE <LICENSE>`_.
"""

COMMON = {
    "LICENSE": "MIT License\n",
    "CONTRIBUTING.md": "# Contributing\n",
    "docs/guide.md": "# Guide\n",
}


@pytest.mark.parametrize(("name", "readme"), [("README.md", FRENCH), ("README.rst", ENGLISH)])
def test_complete_readmes_pass_every_rule(make_repo, name: str, readme: str) -> None:
    repo = make_repo({**COMMON, name: readme})
    report = report_of(repo, "readme-*")
    for rule in README_RULES:
        assert status(report, rule) == "passed", (rule, messages(report, rule))


def test_a_title_only_readme_fails_each_content_rule_in_both_languages(make_repo) -> None:
    repo = make_repo({"README.md": "# projet\n", "LICENSE": "MIT License\n"})
    english = report_of(repo, "readme-*")
    for rule in ("readme-description", "readme-publisher", "readme-installation",
                 "readme-usage", "readme-licence", "readme-contributing", "readme-contact",
                 "readme-openness-badge"):
        assert status(english, rule) == "failed", rule
    assert "does not name the administration" in messages(english, "readme-publisher")[0]
    french = report_of(repo, "readme-*", lang="fr")
    assert "ne nomme pas l'administration" in messages(french, "readme-publisher")[0]
    assert "Installation" in messages(french, "readme-installation")[0]
    # no licence named and no link to the licence file: two distinct findings
    assert len(findings(english, "readme-licence")) == 2


def test_without_readme_content_rules_fail_quietly(make_repo) -> None:
    """Deleting a poor README must never raise the score: its content rules fail too,
    at info severity, pointing to readme-present."""
    repo = make_repo({"LICENSE": "MIT\n"})
    report = report_of(repo, "readme-*")
    assert status(report, "readme-present") == "failed"
    assert status(report, "readme-usage") == "failed"
    usage = findings(report, "readme-usage")[0]
    assert usage["severity"] == "info"
    assert usage["message"] == (
        "No readable README file: requirement not met (see readme-present)."
    )
    assert status(report, "readme-links") == "skipped"
    assert "readme-present" in reason(report, "readme-links")
    assert status(report, "readme-maintenance-status") == "passed"  # nothing to state


def test_deleting_a_poor_readme_never_raises_the_score(make_repo) -> None:
    poor = make_repo({"README.md": "# x\n", "LICENSE": "MIT\n"})
    none = make_repo({"LICENSE": "MIT\n"})
    # the README rules alone: other families (REUSE headers...) judge the file too
    assert report_of(poor, "readme-*")["score"] > report_of(none, "readme-*")["score"]


def test_licence_named_but_not_linked(make_repo) -> None:
    repo = make_repo({"README.md": "# X\n\n## Licence\n\nCeCILL-B.\n", "LICENSE": "x"})
    found = messages(report_of(repo, "readme-licence"), "readme-licence")
    assert found == [
        "The README does not link to the licence file (LICENSE, LICENCE, COPYING or LICENSES/)."
    ]


def test_a_licence_section_holding_the_text_without_its_name_says_the_licence(
        make_repo) -> None:
    """lutece-secteur-public/gru-plugin-appointment: the BSD text under "## License",
    never named BSD, no LICENSE file: the README does say its licence (only the link to
    a licence file is missing); a section without a licence's text still does not."""
    text = bsd3(holder="Mairie de Paris")
    repo = make_repo({"README.md": f"# Appointment\n\n## License\n\n{text}\n"})
    found = messages(report_of(repo, "readme-licence"), "readme-licence")
    assert found == [
        "The README does not link to the licence file (LICENSE, LICENCE, COPYING or LICENSES/)."
    ]
    repo = make_repo({"README.md": "# Appointment\n\n## License\n\nSee the headers.\n"})
    assert "The README does not say under which licence the project is published." in \
        messages(report_of(repo, "readme-licence"), "readme-licence")


def test_licence_named_with_its_version_glued_on(make_repo) -> None:
    # LINCnil/CookieViz's README, in a "Contribuer" section
    repo = make_repo({
        "README.md": "# CookieViz\n\n## Contribuer\n\n**CookieViz est disponible sous "
                     "license GPLv3 et peut être enrichi par chacun des utilisateurs.**\n\n"
                     "Pour de plus amples informations, voir le fichier [LICENSE](LICENSE).\n",
        "LICENSE": "x",
    })
    assert status(report_of(repo, "readme-licence"), "readme-licence") == "passed"


def test_licence_link_to_reuse_folder_counts(make_repo) -> None:
    repo = make_repo({
        "README.md": "# X\n\nLicensed under the EUPL-1.2, see [LICENSES](LICENSES/EUPL-1.2.txt).\n",
        "LICENSES/EUPL-1.2.txt": "EUPL",
    })
    assert status(report_of(repo, "readme-licence"), "readme-licence") == "passed"


def test_broken_relative_links_are_reported_with_their_line(make_repo) -> None:
    readme = (
        "# Projet\n\n"
        "Voir [le guide](docs/guide.md), [l'API](docs/api.md#auth), "
        "[le site](https://example.org/x), [haut](#projet), [mail](mailto:a@b.fr).\n"
        "![logo](img/logo.png)\n"
        '<img src="./img/missing.svg">\n'
        "[ref]: ../outside.md\n"
        "```\n[in code](nowhere.md)\n```\n"
        "[dossier](docs/)\n"
    )
    repo = make_repo({"README.md": readme, "docs/guide.md": "g", "img/logo.png": b"\x89PNG"})
    report = report_of(repo, "readme-links")
    broken = {(f["message"], f["line"]) for f in findings(report, "readme-links")}
    assert broken == {
        ("The link to 'docs/api.md' points to a file missing from the repository.", 3),
        ("The link to 'img/missing.svg' points to a file missing from the repository.", 5),
        ("The link to '../outside.md' leaves the repository.", 6),
    }


def test_a_web_address_without_its_scheme_is_said_so(make_repo) -> None:
    # betagouv/mon-suivi-justice: `[documentation.….beta.gouv.fr](documentation.….beta.gouv.fr)`
    readme = "# X\n\nDoc : [doc](documentation.mon-service.beta.gouv.fr)\n[api](docs/api.md)\n"
    report = report_of(make_repo({"README.md": readme}), "readme-links")
    assert {f["message"] for f in findings(report, "readme-links")} == {
        "The link to 'documentation.mon-service.beta.gouv.fr' has no https://: GitHub and "
        "GitLab look for a file of the repository by that name, and there is none.",
        "The link to 'docs/api.md' points to a file missing from the repository.",
    }


def test_links_are_resolved_from_a_readme_in_docs(make_repo) -> None:
    repo = make_repo({"docs/README.md": "# X\n\n[guide](guide.md) [root](/LICENSE)\n",
                      "docs/guide.md": "g", "LICENSE": "MIT"})
    assert status(report_of(repo, "readme-links"), "readme-links") == "passed"


def test_ignored_file_is_a_broken_link(make_repo) -> None:
    repo = make_repo({"README.md": "# X\n\n[config](config.local.yml)\n",
                      ".gitignore": "config.local.yml\n", "config.local.yml": "a: 1\n"})
    assert status(report_of(repo, "readme-links"), "readme-links") == "failed"


def _old_repo(make_repo, readme: str) -> Path:
    return make_repo({"README.md": readme}, date="2020-01-15T10:00:00+00:00")


def test_an_old_project_must_state_its_maintenance_status(make_repo) -> None:
    repo = _old_repo(make_repo, "# Outil\n\nUn outil.\n")
    report = report_of(repo, "readme-maintenance-status", lang="fr")
    assert status(report, "readme-maintenance-status") == "failed"
    assert "le dernier commit a" in messages(report, "readme-maintenance-status")[0]


def test_an_old_project_that_says_it_is_unmaintained_passes(make_repo) -> None:
    repo = _old_repo(make_repo, "# Outil\n\n> Ce projet n'est plus maintenu.\n")
    report = report_of(repo, "readme-maintenance-status")
    assert status(report, "readme-maintenance-status") == "passed"


def test_publiccode_maintenance_none_requires_a_statement(make_repo) -> None:
    repo = make_repo({
        "README.md": "# Tool\n\nA tool.\n",
        "publiccode.yml": 'publiccodeYmlVersion: "0.4"\nmaintenance:\n  type: none\n',
    })
    report = report_of(repo, "readme-maintenance-status")
    assert "maintenance.type: none" in messages(report, "readme-maintenance-status")[0]


def test_a_recent_project_needs_no_status(make_repo) -> None:
    repo = make_repo({"README.md": "# Outil\n"})
    assert status(report_of(repo, "readme-maintenance-status"),
                  "readme-maintenance-status") == "passed"


def test_github_readme_takes_precedence(make_repo) -> None:
    repo = make_repo({".github/README.md": "# X\n", "README.md": FRENCH})
    report = report_of(repo, "readme-usage")
    assert findings(report, "readme-usage")[0]["path"] == ".github/README.md"


def test_publisher_in_english_heading(make_repo) -> None:
    repo = make_repo({"README.md": "# X\n\n## Maintainers\n\nThe platform team.\n"})
    assert status(report_of(repo, "readme-publisher"), "readme-publisher") == "passed"


def test_badge_published_with_accent(make_repo) -> None:
    repo = make_repo({"README.md": "# X\n![](https://img.shields.io/badge/code.gouv.fr-publi%C3%A9-orange)\n"})
    assert status(report_of(repo, "readme-openness-badge"), "readme-openness-badge") == "passed"


def test_a_linked_line_stands_for_a_section(make_repo) -> None:
    repo = make_repo({
        "README.md": (
            "# Cantine\n\n"
            "Pour installer le projet en local, suivez [ONBOARDING](docs/onboarding.md).\n\n"
            "> Voir la [documentation](https://cantine.example.gouv.fr/doc).\n"
        ),
        "docs/onboarding.md": "# Onboarding\n",
    })
    report = report_of(repo, "readme-installation", "readme-usage")
    assert status(report, "readme-installation") == "passed"
    assert status(report, "readme-usage") == "passed"


def test_ordinary_words_do_not_name_a_publisher(make_repo) -> None:
    repo = make_repo({"README.md": (
        "# Cache\n\nAffiche l'état du cache dans l'interface d'administration, "
        "dans la direction choisie par la région sélectionnée.\n"
    )})
    assert status(report_of(repo, "readme-publisher"), "readme-publisher") == "failed"
    named = make_repo({"README.md": "# Cache\n\nUn service de la Ville de Lyon.\n"})
    assert status(report_of(named, "readme-publisher"), "readme-publisher") == "passed"
    # a public establishment by its acronym (CNES/shareloc), GOV.UK (alphagov)
    for text in ("a full python component for CNES studies", "GOV.UK Notify's API"):
        named = make_repo({"README.md": f"# Outil\n\nBuilt as {text}.\n"})
        assert status(report_of(named, "readme-publisher"), "readme-publisher") == "passed"


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_hostile_lines_are_read_in_linear_time(make_repo) -> None:
    """Lines built to make naive patterns backtrack (each took minutes before their
    repetitions were bounded); the run must simply finish with ordinary verdicts."""
    hostile = "\n".join(unit * 40000 for unit in ("[", "[x](", "[[", "link:", "1.", "# " + " "))
    repo = make_repo({"README.md": "# Outil\n\n" + hostile + "\n", "CONTRIBUTING.md": hostile})
    report = report_of(repo, "readme-*", "contributing-*")
    assert status(report, "readme-links") == "passed"
    assert status(report, "contributing-sign-off") == "failed"


def test_link_to_a_submodule_is_not_broken(make_repo) -> None:
    lib = make_repo({"README.md": "# lib\n"}, name="lib")
    repo = make_repo({"README.md": "# X\n\nVoir [la bibliothèque](vendor/lib).\n"})
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(lib),
        "vendor/lib")
    git(repo, "commit", "-qm", "Add submodule")
    assert status(report_of(repo, "readme-links"), "readme-links") == "passed"


def test_licence_fix_names_the_projects_licence_and_its_file(make_repo) -> None:
    # A REUSE-style CeCILL project: the advice must not propose the EUPL nor LICENSE.
    repo = make_repo({
        "README.md": "# X\n\nA library.\n",
        "LICENSES/CECILL-2.1.txt": french("CECILL-2.1.fr"),
        "LICENSES/MIT.txt": mit(),
        "src/a.c": "// SPDX-License-Identifier: CECILL-2.1\nint a;\n",
        "src/b.c": "// SPDX-License-Identifier: CECILL-2.1\nint b;\n",
    })
    english = findings(report_of(repo, "readme-licence"), "readme-licence")
    assert {f["fix"] for f in english} == {
        'Add a "Licence" section: "This software is distributed under the CECILL-2.1 '
        'licence, see [LICENSES/CECILL-2.1.txt](LICENSES/CECILL-2.1.txt)."'}
    french_report = findings(report_of(repo, "readme-licence", lang="fr"), "readme-licence")
    assert {f["fix"] for f in french_report} == {
        "Ajoutez une section « Licence » : « Ce logiciel est distribué sous licence "
        "CECILL-2.1, voir [LICENSES/CECILL-2.1.txt](LICENSES/CECILL-2.1.txt). »"}


def test_licence_fix_without_a_licence_file_keeps_the_declared_licence(make_repo) -> None:
    # Test-Compta-Demat (DGFiP): the README states CeCILL V2.1, no licence file; the fix
    # proposed "distributed under the EUPL-1.2, see [LICENSE](LICENSE)"
    readme = ("# Test-Compta-Demat\n\nCe logiciel est régi par la licence CeCILL V2.1 "
              "soumise au droit français.\n")
    found = findings(report_of(make_repo({"README.md": readme}), "readme-licence"),
                     "readme-licence")
    assert {f["fix"] for f in found} == {
        "Add the text of CECILL-2.1 as LICENSE (opencheck init licence CECILL-2.1) and a "
        '"Licence" section: "This software is distributed under the CECILL-2.1 licence, '
        'see [LICENSE](LICENSE)."'}
    # nothing declared: no licence is chosen for the project
    found = findings(report_of(make_repo({"README.md": "# X\n\nA tool.\n"}),
                               "readme-licence"), "readme-licence")
    assert {f["fix"] for f in found} == {
        "First choose the project's licence (see licence-file-present), then add a "
        '"Licence" section: "This software is distributed under the <SPDX identifier> '
        'licence, see [LICENSE](LICENSE)."'}


def test_licence_fix_links_from_a_readme_in_docs(make_repo) -> None:
    repo = make_repo({"docs/README.md": "# X\n\nA library.\n", "LICENSE": mit()})
    found = findings(report_of(repo, "readme-licence"), "readme-licence")
    assert len(found) == 2  # neither named nor linked
    assert {f["fix"] for f in found} == {
        'Add a "Licence" section: "This software is distributed under the MIT licence, '
        'see [LICENSE](../LICENSE)."'}


def test_an_asciidoc_readme_is_a_readme(make_repo) -> None:
    """`README.asciidoc` (cea-hpc/sshproxy), which forges render like `README.adoc`, is
    the project's README: its sections are read, none is said missing."""
    text = ("= sshproxy\n\nsshproxy forwards SSH connections to a pool of servers.\n\n"
            "== Installation\n\nRun `make install`.\n\n== Usage\n\nRun `sshproxy`.\n")
    report = report_of(make_repo({"README.asciidoc": text, "LICENSE": "MIT\n"}), "readme-*")
    assert status(report, "readme-present") == "passed"
    assert status(report, "readme-usage") == "passed"
