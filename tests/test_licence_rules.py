# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The licence rules on real git repositories, as `opencheck check` reports them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import check_json, findings_of
from licence_fixtures import french, mit

README = "# Outil\n\nPublié par la DINUM.\n"


def findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in findings_of(report) if f["rule"] == rule]


def status(report: dict[str, Any], rule: str) -> str:
    return next(r["status"] for r in report["rules"] if r["id"] == rule)


def run(path: Path) -> dict[str, Any]:
    return check_json(path, "--rule", "licence-*")


def test_mit_repository_passes_every_licence_rule(make_repo) -> None:
    root = make_repo({"README.md": README, "LICENSE": mit(),
                      "package.json": json.dumps({"name": "outil", "license": "MIT"})})
    report = run(root)
    assert findings_of(report) == []
    assert all(r["status"] == "passed" for r in report["rules"])


def test_missing_licence_file_blocks(make_repo) -> None:
    report = run(make_repo({"README.md": README}))
    assert findings(report, "licence-file-present")
    assert not report["ready"]
    assert status(report, "licence-authorised") == "skipped"


def test_licence_not_on_the_decree_list_blocks_and_explains_homologation(make_repo) -> None:
    report = run(make_repo({"README.md": README, "LICENSE": french("CECILL-2.0.fr")}))
    [finding] = findings(report, "licence-authorised")
    assert finding["severity"] == "error"
    assert "CECILL-2.0" in finding["message"] and "D. 323-2-2" in finding["message"]
    assert finding["path"] == "LICENSE"
    assert not report["ready"]
    # cea-hpc/milkcheck: CeCILL 2.0 lets a later version apply, and 2.1 is on the list
    assert "later version" in finding["fix"] and "init licence CECILL-2.1" in finding["fix"]


def test_french_cecill_in_latin_1_is_identified_and_the_encoding_noted(make_repo) -> None:
    data = french("CECILL-B.fr").replace("’", "'").encode("latin-1", errors="replace")
    report = run(make_repo({"README.md": README, "LICENCE.txt": data}))
    assert findings(report, "licence-authorised") == []
    [note] = findings(report, "licence-readable")
    assert note["severity"] == "info" and "latin-1" in note["message"]
    assert report["ready"]


def test_manifest_that_names_another_licence(make_repo) -> None:
    pyproject = '[project]\nname = "outil"\nversion = "1.0"\nlicense = "GPL-3.0-or-later"\n'
    report = run(make_repo({"README.md": README, "COPYING": french("CECILL-2.1.fr"),
                            "pyproject.toml": pyproject}))
    [finding] = findings(report, "licence-declarations-agree")
    assert "pyproject.toml" in finding["message"] and "CECILL-2.1" in finding["message"]


def test_gnu_notice_without_or_later_disagrees_with_or_later(make_repo) -> None:
    pyproject = '[project]\nname = "outil"\nversion = "1.0"\nlicense = "GPL-3.0+"\n'
    notice = "Ce programme est distribué sous la GNU General Public License version 3.\n"
    report = run(make_repo({"README.md": README, "LICENSE": notice, "pyproject.toml": pyproject}))
    [finding] = findings(report, "licence-declarations-agree")
    assert "GPL-3.0-or-later" in finding["message"] and "GPL-3.0-only" in finding["message"]


def test_a_readme_naming_the_affero_gpl_agrees_with_its_text(make_repo) -> None:
    # monitorfish: "## License / [GNU Affero GPL Version 3](…/LICENCE)" was read as
    # GPL-3.0-only, and said to disagree with the AGPL text of LICENCE
    from opencheck.licensing.official import official_text

    agpl = official_text("AGPL-3.0-or-later", "en").text  # type: ignore[union-attr]
    readme = README + "\n## License\n[GNU Affero GPL Version 3](LICENCE)\n"
    report = run(make_repo({"README.md": readme, "LICENCE": agpl}))
    assert findings(report, "licence-declarations-agree") == []
    # the GPL named so still is the GPL, and disagrees
    readme = README + "\n## License\n[GNU GPL Version 3](LICENCE)\n"
    [finding] = findings(run(make_repo({"README.md": readme, "LICENCE": agpl})),
                         "licence-declarations-agree")
    assert "GPL-3.0-only" in finding["message"]


def test_declarations_compared_as_expressions(make_repo) -> None:
    files = {
        "README.md": README + "\n## Licence\n\nCe projet est sous licence MIT.\n",
        "LICENSE": mit(),
        "composer.json": json.dumps({"name": "dinum/outil", "license": ["MIT"]}),
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n  license: MIT\n",
        "Cargo.toml": '[package]\nname = "outil"\nversion = "0.1.0"\nlicense = "Apache-2.0"\n',
    }
    report = run(make_repo(files))
    [finding] = findings(report, "licence-declarations-agree")
    assert finding["path"] == "Cargo.toml" and "Apache-2.0" in finding["message"]
    assert "LICENSE" in finding["message"]


def test_two_licence_files_that_disagree(make_repo) -> None:
    files = {"README.md": README, "LICENSE.md": french("CECILL-2.1.fr"),
             "LICENSE.txt": french("CECILL-C.fr")}
    [finding] = findings(run(make_repo(files)), "licence-declarations-agree")
    assert "CECILL-2.1" in finding["message"] and "CECILL-C" in finding["message"]


def test_bad_input_gets_clear_findings_and_the_run_goes_on(make_repo) -> None:
    files = {"README.md": README, "LICENSE": b"", "COPYING": b"\x00\x01\x02binary",
             "package.json": '{"name": "outil", "license": MIT}'}
    root = make_repo(files)
    (root / "LICENCE").write_bytes(b"x" * (10 * 1024 * 1024))
    report = run(root)
    problems = {f["path"]: f["message"] for f in findings(report, "licence-readable")}
    assert "empty" in problems["LICENSE"]
    assert "binary" in problems["COPYING"]
    assert "too large" in problems["LICENCE"]
    assert "cannot be parsed" in problems["package.json"]
    assert all(r["status"] != "error" for r in report["rules"])


def test_data_only_licence_for_code_is_flagged(make_repo) -> None:
    files = {"README.md": README, "LICENSE": french("etalab-2.0.en"), "outil.py": "print(1)\n"}
    [finding] = findings(run(make_repo(files)), "licence-data-only")
    assert "etalab-2.0" in finding["message"] and "outil.py" in finding["message"]


def test_data_only_licence_for_documents_is_fine(make_repo) -> None:
    files = {"README.md": README, "LICENSE": french("etalab-2.0.en"), "guide.md": "# Guide\n"}
    assert findings(run(make_repo(files)), "licence-data-only") == []


def test_a_documentation_site_under_a_data_licence_warns(make_repo) -> None:
    # etalab/guides.etalab.gouv.fr, InseeFrLab/utilitR: pages under the Licence Ouverte,
    # a few code files of the site (components, styles, example scripts)
    pages = {f"guides/page-{n}.md": f"# Page {n}\n" for n in range(12)}
    files = {"README.md": README, "LICENSE": french("etalab-2.0.en"), **pages,
             ".vuepress/config.js": "module.exports = {}\n",
             ".vuepress/components/Button.vue": "<template><a/></template>\n",
             "resources/exemple.R": "x <- 1\n"}
    report = run(make_repo(files))
    [finding] = findings(report, "licence-data-only")
    assert finding["severity"] == "warning" and "mostly documentation" in finding["message"]
    assert report["ready"]
    # code with some pages of documentation still blocks
    code = {f"outil/module_{n}.py": "print(1)\n" for n in range(4)}
    files = {"README.md": README, "LICENSE": french("etalab-2.0.en"), **code,
             "docs/index.md": "# Doc\n", "docs/usage.md": "# Usage\n"}
    report = run(make_repo(files))
    [finding] = findings(report, "licence-data-only")
    assert finding["severity"] == "error" and not report["ready"]
    # a software project with a large manual (60 modules, 250 pages) is software
    code = {f"outil/module_{n}.py": "print(1)\n" for n in range(60)}
    pages = {f"docs/page-{n}.md": f"# Page {n}\n" for n in range(250)}
    files = {"README.md": README, "LICENSE": french("etalab-2.0.en"), **code, **pages}
    report = run(make_repo(files))
    [finding] = findings(report, "licence-data-only")
    assert finding["severity"] == "error" and not report["ready"]


def test_licence_texts_in_a_folder_of_another_name_warn(make_repo) -> None:
    # Frama-C keeps its texts in licenses/ (LGPLv2.1 and others), no LICENSE at the root
    root = make_repo({"README.md": README, "licenses/MIT": mit(), "src/main.c": "int x;\n"})
    report = run(root)
    [finding] = findings(report, "licence-file-present")
    assert finding["severity"] == "warning" and "licenses/" in finding["message"]
    assert "MIT" in finding["message"] and "LICENSES/" in finding["fix"]
    assert finding["licence_texts"] == ["licenses/MIT"]
    assert report["score_detail"]["cap"] is None
    # a folder of that name without a licence text, or no folder: no licence, blocking
    for files in ({"README.md": README, "licenses/README.md": "# Licences\n"},
                  {"README.md": README, "docs/licenses/MIT": mit()}):
        report = run(make_repo(files))
        [finding] = findings(report, "licence-file-present")
        assert finding["severity"] == "error" and not report["ready"], files


def test_a_folder_of_dependencies_licences_is_no_licence(make_repo) -> None:
    # IGNF/geoportal-sdk's licences/ holds its dependencies' texts, each named after the
    # dependency: without a root licence the project has none of its own, blocking
    for name in ("licences/licence-es6promise.txt", "licenses/jquery.txt",
                 "Licenses/LICENSE-leaflet"):
        root = make_repo({"README.md": README, name: mit(holder="Someone else"),
                          "src/main.js": "export const x = 1;\n"})
        report = run(root)
        [finding] = findings(report, "licence-file-present")
        assert finding["severity"] == "error" and not report["ready"], name
    # texts named after their licence (Frama-C's licenses/LGPLv2.1) still warn
    for name, text in (("licenses/MIT", mit()), ("licenses/LICENSE-MIT.txt", mit()),
                       ("licences/mit.md", mit()),
                       ("Licences/cecill_v2.1_fr.txt", french("CECILL-2.1.fr"))):
        root = make_repo({"README.md": README, name: text, "src/main.c": "int x;\n"})
        [finding] = findings(run(root), "licence-file-present")
        assert finding["severity"] == "warning", name


def test_non_free_terms_are_caught(make_repo) -> None:
    files = {"README.md": README, "LICENSE": "Copyright 2026 Ministère.\nTous droits réservés.\n",
             "package.json": json.dumps({"name": "outil", "license": "UNLICENSED"})}
    report = run(make_repo(files))
    messages = " ".join(f["message"] for f in findings(report, "licence-non-free"))
    assert "Tous droits réservés" in messages and "UNLICENSED" in messages
    assert findings(report, "licence-identified")
    assert not report["ready"]


def test_all_rights_reserved_in_a_bsd_copyright_line_is_fine(make_repo) -> None:
    from licence_fixtures import bsd3

    report = run(make_repo({"README.md": README, "LICENSE": bsd3()}))
    assert findings(report, "licence-non-free") == []


def test_reciprocal_licence_gets_the_doctrine_note(make_repo) -> None:
    report = run(make_repo({"README.md": README, "LICENSE": french("CECILL-C.fr")}))
    [note] = findings(report, "licence-reciprocal")
    assert note["severity"] == "info" and "permissive" in note["message"]
    assert report["ready"]


def test_notice_only_licence_file_asks_for_the_full_text(make_repo) -> None:
    notice = "Ce logiciel est régi par la licence CeCILL-B. Voir https://cecill.info.\n"
    report = run(make_repo({"README.md": README, "LICENSE": notice}))
    [note] = findings(report, "licence-identified")
    assert note["severity"] == "info" and "CECILL-B" in note["message"]
    assert findings(report, "licence-authorised") == []


def test_reuse_folder_text_must_match_its_name(make_repo) -> None:
    files = {"README.md": README, "LICENSE": mit(), "LICENSES/Apache-2.0.txt": mit()}
    [finding] = findings(run(make_repo(files)), "licence-identified")
    assert finding["path"] == "LICENSES/Apache-2.0.txt" and "MIT" in finding["message"]


def test_publiccode_disagreement_is_reported_once(make_repo) -> None:
    files = {
        "README.md": README,
        "LICENSE": mit(),
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n  license: Apache-2.0\n",
    }
    report = check_json(make_repo(files), "--rule", "licence-*", "--rule", "publiccode-license")
    assert findings(report, "licence-declarations-agree") == []
    [finding] = findings(report, "publiccode-license")
    assert finding["path"] == "publiccode.yml"


def test_copyright_file_beside_a_licence_is_not_a_licence_to_identify(make_repo) -> None:
    files = {"README.md": README, "LICENSE": mit(),
             "COPYRIGHT": "2004-2008 Jose Grimm, Inria\n2019 Vincent Beffara, CNRS\n",
             "LICENSE-THIRD-PARTY.md": "# Third party\n\nlodash: MIT\nleaflet: BSD-2-Clause\n"}
    report = run(make_repo(files))
    assert findings_of(report) == []


def test_copyright_with_all_rights_reserved_beside_a_named_licence(make_repo) -> None:
    notice = "Copyright (c) 2026 Inria. All rights reserved.\nLicensed under the MIT License.\n"
    report = run(make_repo({"README.md": README, "LICENSE": notice}))
    assert findings(report, "licence-non-free") == []


def test_a_templates_proprietary_beside_a_free_licence_file_says_what_to_write(
        make_repo) -> None:
    # histologe, cartes.gouv.fr, aides-territoires-symfony: Symfony's skeleton left
    # "proprietary" in composer.json; the fix was "put the code under a free licence".
    files = {"README.md": README, "LICENSE": mit(),
             "composer.json": json.dumps({"name": "mtes/app", "license": "proprietary"})}
    report = run(make_repo(files))
    [finding] = findings(report, "licence-non-free")
    assert finding["severity"] == "error" and not report["ready"]
    assert finding["message"] == ("composer.json:1 declares the project not free "
                                  "('proprietary'), while LICENSE:1 puts it under MIT.")
    assert finding["fix"].startswith("Write MIT in the licence field of composer.json instead "
                                     "of 'proprietary'")
    # without a free licence file, the choice is the user's: the rule's own fix
    del files["LICENSE"]
    [finding] = findings(run(make_repo(files)), "licence-non-free")
    assert finding["fix"].startswith("Remove the terms and put the code under a free licence")


def test_unlicensed_sub_package_is_a_warning_not_a_blocker(make_repo) -> None:
    files = {"README.md": README, "LICENSE": mit(),
             "front/package.json": json.dumps({"name": "front", "private": True,
                                               "license": "UNLICENSED"})}
    report = run(make_repo(files))
    [finding] = findings(report, "licence-non-free")
    assert finding["severity"] == "warning" and finding["path"] == "front/package.json"
    assert report["ready"]


def test_restriction_added_to_a_free_licence(make_repo) -> None:
    text = mit() + "\nToute utilisation commerciale est interdite : usage commercial interdit.\n"
    report = run(make_repo({"README.md": README, "LICENSE": text}))
    [finding] = findings(report, "licence-non-free")
    assert finding["line"] == text.count("\n") and "MIT" in finding["message"]
    assert not report["ready"]


def test_a_clause_narrowing_who_may_use_the_code_is_not_free(make_repo) -> None:
    # The MIT text whose disclaimer gives way to a home-made restriction of its users.
    paragraphs = mit().split("\n\n")
    paragraphs[-1] = ("Le logiciel ne peut être utilisé que par les services de "
                      "l'administration centrale, pour leurs besoins propres.\n")
    report = run(make_repo({"README.md": README, "LICENSE": "\n\n".join(paragraphs)}))
    [finding] = findings(report, "licence-non-free")
    assert "ne peut être utilisé que" in finding["message"]
    assert not report["ready"]
    # The same narrowing in English, in a licence file that names no licence.
    report = run(make_repo({"README.md": README, "LICENSE": (
        "Copyright 2026 Ministère de l'exemple.\n\nThis software is for internal use only.\n")}))
    [finding] = findings(report, "licence-non-free")
    assert finding["line"] == 3 and "for internal use only" in finding["message"]


def test_publiccode_mismatch_is_left_to_its_own_rule(make_repo) -> None:
    files = {"README.md": README, "LICENSE": mit(),
             "publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n  license: EUPL-1.2\n"}
    report = check_json(make_repo(files), "--rule", "licence-*", "--rule", "publiccode-license")
    assert findings(report, "licence-declarations-agree") == []
    assert findings(report, "publiccode-license")


def test_readme_naming_a_licence_per_part_agrees(make_repo) -> None:
    readme = README + "\n## Licence\n\nLe code est sous licence MIT ; la documentation est " \
        "sous Licence Ouverte 2.0.\n"
    report = run(make_repo({"README.md": readme, "LICENSE": mit()}))
    assert findings(report, "licence-declarations-agree") == []
    other = README + "\n## Licence\n\nCe projet est distribué sous la licence EUPL 1.2.\n"
    report = run(make_repo({"README.md": other, "LICENSE": mit()}))
    [finding] = findings(report, "licence-declarations-agree")
    assert finding["path"] == "README.md" and "EUPL-1.2" in finding["message"]


def test_gnu_text_beside_an_or_later_notice_is_one_licence(make_repo) -> None:
    notice = ("This program is free software: you can redistribute it under the terms of the "
              "GNU Affero General Public License as published by the Free Software Foundation, "
              "either version 3 of the License, or (at your option) any later version.\n")
    copying = "GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n"
    # a real AGPL text is only in the corpus; the notice alone shows the combination rule
    report = run(make_repo({"README.md": README, "LICENSE": notice, "COPYING": copying}))
    assert findings(report, "licence-declarations-agree") == []


def test_a_header_shown_in_a_readme_code_block_is_not_its_licence_section(make_repo) -> None:
    tag = "SPDX-License-" + "Identifier:"
    readme = (README + "\n## Usage\n\nExample of header:\n\n```\n# SPDX-FileCopyrightText: "
              f"2017 Someone\n#\n# {tag} CC-BY-SA-4.0\n```\n\n## Licensing\n\n"
              "All original source code is licensed under the MIT licence.\n"
              "All documentation is licensed under CC-BY-SA-4.0.\n")
    report = run(make_repo({"README.md": readme, "LICENSE": mit()}))
    assert findings(report, "licence-declarations-agree") == []
    # A code block still hides nothing when the section really disagrees.
    other = readme.replace("the MIT licence", "the EUPL 1.2").replace(
        "All documentation is licensed under CC-BY-SA-4.0.\n", "")
    report = run(make_repo({"README.md": other, "LICENSE": mit()}))
    [finding] = findings(report, "licence-declarations-agree")
    assert finding["path"] == "README.md" and "EUPL-1.2" in finding["message"]


def _declared(expression: str) -> dict[str, str]:
    return {"README.md": README,
            "package.json": json.dumps({"name": "outil", "license": expression})}


def test_a_content_licence_beside_a_listed_software_licence_is_a_warning(make_repo) -> None:
    # Documentation under Creative Commons next to code under CeCILL: the code can be
    # published; the decree's list is wanted for the documents too, but that blocks nothing.
    report = run(make_repo(_declared("CECILL-2.1 AND CC-BY-SA-2.0")))
    [finding] = findings(report, "licence-authorised")
    assert finding["severity"] == "warning"
    assert "unlisted content licence (CC-BY-SA-2.0)" in finding["message"]
    assert "etalab-2.0" in finding["fix"]


def test_an_unlisted_licence_is_still_blocking_beside_a_content_one(make_repo) -> None:
    for expression in ("CECILL-2.0 AND CC-BY-4.0",  # the code's licence is not listed
                       "MIT AND CC-BY-NC-4.0",  # a non-free text is no content licence
                       "CC-BY-4.0 AND etalab-2.0",  # no software licence at all
                       "MIT AND WTFPL"):  # not a content licence
        report = run(make_repo(_declared(expression)))
        [finding] = findings(report, "licence-authorised")
        assert finding["severity"] == "error", expression


def test_licence_files_of_component_folders_warn_one_folder_still_blocks(make_repo) -> None:
    """A repository of components, each folder with its own licence file and none at the
    root (CNES/opensand: opensand-core/COPYING, opensand-rt/COPYING...), is licensed part
    by part: a warning asking to say so at the root, not "no licence file"."""
    root = make_repo({"README.md": README, "acme-core/COPYING": mit(),
                      "acme-core/main.c": "int x;\n",
                      "acme-rt/COPYING": french("CECILL-B.fr"), "acme-rt/rt.c": "int y;\n",
                      "deploy/run.sh": "echo\n"})
    report = run(root)
    [finding] = findings(report, "licence-file-present")
    assert finding["severity"] == "warning"
    assert "2 component folders" in finding["message"]
    assert "acme-core/COPYING" in finding["message"] and "CECILL-B, MIT" in finding["message"]
    assert finding["licence_texts"] == ["acme-core/COPYING", "acme-rt/COPYING"]
    # one folder's licence (a copied library's), a vendor folder's or a dependency's
    # notice does not stand for the project's, nor do libraries copied whole at the root
    # under their own names beside unlicensed code: no licence, blocking
    for files in ({"lib/LICENSE": mit(), "src/main.c": "int x;\n"},
                  {"lib/LICENSE": mit(), "vendor/LICENSE": mit(holder="Someone else")},
                  {"lib/LICENSE": mit(), "src/LICENSE-THIRD-PARTY.md": mit()},
                  {"leaflet/LICENSE": mit(holder="Vladimir Agafonkin"),
                   "leaflet/README.md": "# Leaflet\n", "leaflet/leaflet.js": "L={};\n",
                   "chartjs/LICENSE": french("CECILL-B.fr"),
                   "chartjs/package.json": '{"name": "chart.js"}\n',
                   "src/app.py": "print(1)\n"}):
        report = run(make_repo({"README.md": README, **files}))
        [finding] = findings(report, "licence-file-present")
        assert finding["severity"] == "error" and not report["ready"], files


def test_a_merge_request_deleting_the_root_licence_blocks_whatever_components_say(
        make_repo) -> None:
    """review9: a merge request from anyone that deletes LICENSE and names two folders as
    the project's parts, each with a licence file, passed as a warning, which a
    `--diff-base` run did not even show (the warning's file is not in the change). A
    change that deletes the root licence file blocks; components licensed apart since
    the start (CNES/opensand) still warn, in the change's run as in the whole one."""
    from conftest import commit, git

    parts = {"acme-core/COPYING": mit(), "acme-core/main.c": "int x;\n",
             "acme-rt/COPYING": french("CECILL-B.fr"), "acme-rt/rt.c": "int y;\n"}
    root = make_repo({"README.md": README, "LICENSE": mit(), **parts})
    git(root, "checkout", "--quiet", "-b", "feature")
    git(root, "rm", "--quiet", "LICENSE")
    commit(root, {"acme-rt/rt.c": "int z;\n"}, "Split the licence")
    report = check_json(root, "--rule", "licence-file-present", "--diff-base", "main")
    [finding] = findings(report, "licence-file-present")
    assert finding["severity"] == "error" and not report["ready"]
    assert "the change deletes LICENSE" in finding["message"]
    # opensand: no root licence since the first commit; a change elsewhere
    root = make_repo({"README.md": README, **parts})
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, {"acme-rt/rt.c": "int z;\n"}, "Change")
    report = check_json(root, "--rule", "licence-file-present", "--diff-base", "main")
    assert report["ready"] and all(
        f["severity"] == "warning" for f in findings(report, "licence-file-present"))
    [finding] = findings(run(root), "licence-file-present")
    assert finding["severity"] == "warning"


def test_a_pdf_of_the_licence_beside_its_text_is_a_copy_to_read(make_repo) -> None:
    """minvws/nl-covid19-notification-app-backend ships LICENSE.txt and LICENSE.pdf: the
    PDF was "a binary file, not a licence text" (a warning). Beside a readable text it is
    a copy: a note. Alone, it still warns."""
    pdf = b"%PDF-1.4\n\x00\x01\x02 binary"
    report = run(make_repo({"README.md": README, "LICENSE.txt": mit(), "LICENSE.pdf": pdf}))
    [note] = findings(report, "licence-readable")
    assert note["severity"] == "info" and "LICENSE.txt is the one read" in note["message"]
    report = run(make_repo({"README.md": README, "LICENSE.pdf": pdf}))
    [alone] = findings(report, "licence-readable")
    assert alone["severity"] == "warning" and "one read" not in alone["message"]


def test_a_licence_file_named_after_a_part_is_that_parts_not_the_projects(make_repo) -> None:
    # betagouv/zam: LICENSE (the code's) beside LICENSE_FONTS (the fonts'): the project
    # was read "under both", and the fonts' licence, off the list, blocked it.
    files = {"README.md": README, "LICENSE": mit(), "LICENSE_FONTS": french("CECILL-2.0.fr")}
    report = run(make_repo(files))
    assert findings(report, "licence-authorised") == []
    assert report["ready"]
    # REUSE asks a licence of LICENSE_FONTS (not of LICENSE-*): the fix no longer gives
    # it the project's licence (MIT here, AGPL-3.0 for zam) but says to rename it
    report = check_json(make_repo(files), "--rule", "reuse-file-licensing")
    [fonts] = [f for f in findings_of(report) if f.get("path") == "LICENSE_FONTS"]
    assert "rename it LICENSE-FONTS" in fonts["fix"] and "CECILL-2.0" in fonts["fix"]
    assert "--license MIT" not in fonts["fix"]
    # alone, such a file is still the only licence the project states: it is read
    del files["LICENSE"]
    [finding] = findings(run(make_repo(files)), "licence-authorised")
    assert finding["path"] == "LICENSE_FONTS" and "CECILL-2.0" in finding["message"]
