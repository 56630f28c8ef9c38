# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Compound SPDX expressions through the licence rules, on real git repositories.

The decree's list (rules/licences.yml) is read as SPDX reads an expression: one listed
alternative is enough for OR, every part must be listed for AND, an exception (WITH)
keeps its licence's verdict, and "or any later version" (`-or-later`, `+`) may be met by
a later version on the list. A non-free alternative beside a free one leaves the code free.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, findings_of, run_cli
from licence_fixtures import TAG, mit
from opencheck.licensing.official import official_text

README = "# Outil\n\nPublié par la DINUM.\n"
GPL_2_NOTICE = (
    "This program is free software; you can redistribute it and/or modify it under the "
    "terms of the GNU General Public License version 2 as published by the Free Software "
    "Foundation.\n"
)


def check(root: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli("check", str(root), "--rule", "licence-*", "--format", "json",
                     "--lang", "en")
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report


def rule(report: dict[str, Any], rule_id: str) -> tuple[str, list[str]]:
    """The rule's status and the messages of its findings."""
    status = next(r["status"] for r in report["rules"] if r["id"] == rule_id)
    return status, [f["message"] for f in findings_of(report) if f["rule"] == rule_id]


def declared(make_repo: RepoFactory, expression: str) -> Path:
    """A LICENSE file that declares the expression (an SPDX tag, as many projects do)."""
    return make_repo({"README.md": README, "LICENSE": f"{TAG} {expression}\n",
                      "outil.py": "print('bonjour')\n"})


# (expression, authorised?, what the finding names as not listed)
AUTHORISED_CASES = [
    ("MIT OR GPL-2.0-only", True, None),
    ("GPL-2.0-only OR MIT", True, None),
    ("Apache-2.0 AND MIT", True, None),
    ("MIT AND GPL-2.0-only", False, "not listed: GPL-2.0-only"),
    ("(MIT OR GPL-2.0-only) AND LicenseRef-Interne", False, "LicenseRef-Interne"),
    ("GPL-3.0-or-later WITH Classpath-exception-2.0", True, None),
    ("GPL-3.0-only WITH GCC-exception-3.1", True, None),
    ("GPL-2.0-only WITH Classpath-exception-2.0", False, "not listed: GPL-2.0-only)"),
    ("LicenseRef-Interne", False, "not listed: LicenseRef-Interne)"),
    ("EUPL-1.2 OR LicenseRef-Interne", True, None),
    ("GPL-3.0+", True, None),
    ("GPL-2.0+", True, None),
    ("GPL-2.0-or-later", True, None),
    ("LGPL-2.1-or-later", True, None),
    ("EUPL-1.1+", True, None),
    ("EUPL-1.1", False, "not listed: EUPL-1.1)"),
    ("MIT+", False, "not listed: MIT+)"),
    ("GPL-2.0-or-later AND LicenseRef-Interne", False, "not listed: LicenseRef-Interne)"),
]


@pytest.mark.parametrize(("expression", "authorised", "unlisted"), AUTHORISED_CASES,
                         ids=[case[0] for case in AUTHORISED_CASES])
def test_licence_authorised_on_compound_expressions(
    make_repo: RepoFactory, expression: str, authorised: bool, unlisted: str | None
) -> None:
    exit_code, report = check(declared(make_repo, expression))
    status, messages = rule(report, "licence-authorised")
    if authorised:
        assert (status, messages) == ("passed", [])
        assert report["ready"] is True and exit_code == 0
    else:
        [message] = messages
        assert status == "failed"
        assert unlisted is not None and unlisted in message
        assert "D. 323-2-2" in message
        assert report["ready"] is False and exit_code == 1


@pytest.mark.parametrize(
    ("expression", "reciprocal"),
    [
        ("MIT OR GPL-3.0-or-later", False),  # the permissive alternative is the choice
        ("CECILL-2.1 OR MIT", False),
        ("EUPL-1.2 OR LicenseRef-Interne", True),  # the only listed way is reciprocal
        ("GPL-3.0-or-later WITH Classpath-exception-2.0", True),
        ("GPL-2.0-or-later", True),
        ("MIT AND MPL-2.0", True),
    ],
)
def test_reciprocity_follows_the_most_favourable_alternative(
    make_repo: RepoFactory, expression: str, reciprocal: bool
) -> None:
    _, report = check(declared(make_repo, expression))
    status, messages = rule(report, "licence-reciprocal")
    if reciprocal:
        [message] = messages
        assert message.startswith(f"The project's licence, {expression}, is a licence with "
                                  "reciprocity.")
    else:
        assert (status, messages) == ("passed", [])


def test_data_licence_as_an_alternative_to_a_software_one(make_repo: RepoFactory) -> None:
    _, report = check(declared(make_repo, "MIT OR etalab-2.0"))
    assert rule(report, "licence-data-only") == ("passed", [])
    _, report = check(declared(make_repo, "MIT AND etalab-2.0"))
    status, [message] = rule(report, "licence-data-only")
    assert status == "failed"
    assert "for data and documents only" in message and "outil.py" in message


@pytest.mark.parametrize(
    ("expression", "non_free"),
    [
        ("MIT OR CC-BY-NC-4.0", False),  # MIT may be chosen: the code is free
        ("MIT AND CC-BY-NC-4.0", True),
        ("CC-BY-NC-4.0 OR CC-BY-ND-4.0", True),
        ("BUSL-1.1", True),
    ],
)
def test_non_free_only_when_no_free_alternative_is_left(
    make_repo: RepoFactory, expression: str, non_free: bool
) -> None:
    exit_code, report = check(declared(make_repo, expression))
    status, messages = rule(report, "licence-non-free")
    if non_free:
        assert status == "failed" and "is not free" in messages[0]
        assert exit_code == 1
    else:
        assert (status, messages) == ("passed", [])
        assert report["ready"] is True and exit_code == 0


@pytest.mark.parametrize(
    ("manifest", "ready"),
    [("MIT OR GPL-2.0-only", True), ("MIT AND GPL-2.0-only", False)],
)
def test_two_licence_files_combined_by_the_manifest(
    make_repo: RepoFactory, manifest: str, ready: bool
) -> None:
    """The usual dual-licence layout: one file per licence, the manifest says how they
    combine."""
    root = make_repo({
        "README.md": README,
        "LICENSE-MIT": mit(),
        "LICENSE-GPL": GPL_2_NOTICE,
        "package.json": json.dumps({"name": "outil", "license": manifest}),
    })
    exit_code, report = check(root)
    assert report["ready"] is ready and exit_code == (0 if ready else 1)
    status, messages = rule(report, "licence-authorised")
    if ready:
        assert (status, messages) == ("passed", [])
        assert rule(report, "licence-reciprocal") == ("passed", [])
        assert rule(report, "licence-declarations-agree") == ("passed", [])
    else:
        [message] = messages
        assert f"The project's licence, {manifest} (LICENSE-GPL" in message or (
            f"The project's licence, {manifest} (LICENSE-MIT" in message)
        assert "not listed: GPL-2.0-only)" in message


def test_messages_quote_the_decree_in_both_languages(make_repo: RepoFactory) -> None:
    root = declared(make_repo, "MIT AND GPL-2.0-only")
    for lang, homologation in (
        ("fr", "Une licence hors de cette liste doit être homologuée par décret (article "
               "D. 323-2-2 du CRPA)"),
        ("en", "A licence outside this list must be approved by decree (homologation, "
               "article D. 323-2-2 CRPA)"),
    ):
        result = run_cli("check", str(root), "--rule", "licence-authorised", "--format",
                         "json", "--lang", lang)
        [finding] = findings_of(json.loads(result.stdout))
        assert homologation in finding["message"]
    doctrine = run_cli("check", str(declared(make_repo, "EUPL-1.2")), "--rule",
                       "licence-reciprocal", "--format", "json", "--lang", "fr")
    [finding] = findings_of(json.loads(doctrine.stdout))
    assert finding["message"] == (
        "La licence du projet, EUPL-1.2, est une licence à réciprocité. La doctrine de "
        "l'État (DINUM) est d'ouvrir le code sous une licence permissive par défaut, et de "
        "ne choisir une licence à réciprocité que lorsqu'un intérêt général le justifie "
        "(par exemple empêcher l'appropriation d'un commun).")


def _shipped(spdx: str) -> str:
    """A full licence text as opencheck ships it (the GPL-3.0 text reads as a bare
    GNU text: `GPL-3.0-only`, or `-or-later` when a notice says so)."""
    official = official_text(spdx, "en")
    assert official is not None
    return official.text


# (what the manifest declares beside a full MIT text and a bare GPL-3.0 text,
#  does it agree with the files?, the project's licence then)
MANIFEST_BESIDE_TWO_TEXTS = [
    ("MIT AND GPL-3.0-only", True, "MIT AND GPL-3.0-only"),
    ("GPL-3.0-only AND MIT", True, "GPL-3.0-only AND MIT"),
    ("MIT AND GPL-3.0", True, "MIT AND GPL-3.0-only"),  # the deprecated id
    ("MIT AND GPL-3.0-or-later", True, "MIT AND GPL-3.0-or-later"),  # a bare text can't tell
    ("MIT AND GPL-3.0+", True, "MIT AND GPL-3.0-or-later"),
    ("MIT OR GPL-3.0-or-later", True, "MIT OR GPL-3.0-or-later"),
    ("MIT AND GPL-3.0-or-later WITH GCC-exception-3.1", True,
     "MIT AND GPL-3.0-or-later WITH GCC-exception-3.1"),
    ("MIT AND Apache-2.0", False, None),
    ("MIT", False, None),
]


@pytest.mark.parametrize(("manifest", "agrees", "project"), MANIFEST_BESIDE_TWO_TEXTS,
                         ids=[case[0] for case in MANIFEST_BESIDE_TWO_TEXTS])
def test_a_manifest_that_names_every_licence_file_says_how_they_combine(
    make_repo: RepoFactory, manifest: str, agrees: bool, project: str | None
) -> None:
    root = make_repo({
        "README.md": README,
        "LICENSE-MIT": mit(),
        "COPYING": _shipped("GPL-3.0-or-later"),
        "package.json": json.dumps({"name": "outil", "license": manifest}),
    })
    _, report = check(root)
    status, messages = rule(report, "licence-declarations-agree")
    if agrees:
        assert (status, messages) == ("passed", [])
        [authorised] = [r for r in report["rules"] if r["id"] == "licence-authorised"]
        assert authorised["status"] == "passed"
        reciprocal = rule(report, "licence-reciprocal")[1]
        if " OR " in str(project):  # MIT may be chosen: no reciprocity
            assert reciprocal == []
        else:
            [message] = reciprocal
            assert message.startswith(f"The project's licence, {project}, is a licence with")
    else:
        assert status == "failed"
        assert any("package.json declares" in m or "licence files disagree" in m
                   for m in messages)


def test_two_licence_files_without_a_combination_still_disagree(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({"README.md": README, "LICENSE-MIT": mit(),
                      "COPYING": _shipped("GPL-3.0-or-later")})
    _, report = check(root)
    status, [message] = rule(report, "licence-declarations-agree")
    assert status == "failed" and message.startswith("The licence files disagree")


@pytest.mark.parametrize(
    ("manifest", "agrees"),
    [
        ("GPL-3.0-only WITH GCC-exception-3.1", True),  # an exception only adds permissions
        ("GPL-3.0-or-later WITH Classpath-exception-2.0", True),
        ("GPL-3.0-only OR MIT", False),  # names a licence no file grants
        ("AGPL-3.0-only", False),
    ],
)
def test_a_manifest_beside_one_bare_gnu_text(
    make_repo: RepoFactory, manifest: str, agrees: bool
) -> None:
    root = make_repo({"README.md": README, "COPYING": _shipped("GPL-3.0-or-later"),
                      "package.json": json.dumps({"name": "outil", "license": manifest})})
    _, report = check(root)
    status, messages = rule(report, "licence-declarations-agree")
    assert (status == "passed") is agrees, messages


def test_or_later_notice_disagrees_with_an_only_manifest(make_repo: RepoFactory) -> None:
    notice = ("This program is free software: you can redistribute it and/or modify it "
              "under the terms of the GNU General Public License as published by the Free "
              "Software Foundation, either version 3 of the License, or (at your option) "
              "any later version.\n")
    root = make_repo({"README.md": README + "\n## Licence\n\n" + notice,
                      "LICENSE-MIT": mit(), "COPYING": _shipped("GPL-3.0-or-later"),
                      "NOTICE": notice,
                      "package.json": json.dumps({"name": "outil",
                                                  "license": "MIT AND GPL-3.0-only"})})
    _, report = check(root)
    status, messages = rule(report, "licence-declarations-agree")
    assert status == "failed"
    assert any("GPL-3.0-only" in m and "GPL-3.0-or-later" in m for m in messages), messages


def test_a_readme_naming_one_part_of_a_combined_licence_agrees(make_repo: RepoFactory) -> None:
    readme = README + "\n## Licence\n\nThe source code is under the MIT licence.\n"
    root = make_repo({"README.md": readme, "LICENSE-MIT": mit(),
                      "COPYING": _shipped("GPL-3.0-or-later"),
                      "package.json": json.dumps({"name": "outil",
                                                  "license": "MIT AND GPL-3.0-only"})})
    _, report = check(root)
    assert rule(report, "licence-declarations-agree") == ("passed", [])


def test_a_short_licence_file_naming_every_text_says_how_they_combine(
    make_repo: RepoFactory,
) -> None:
    """INRIA/spoon: LICENSE-MIT.txt and LICENSE-CECILL-C.txt hold the texts, and
    LICENSE-short.txt, no text, says the user chooses one: the project is under either
    (no reciprocity), not under both."""
    root = make_repo({
        "README.md": README,
        "LICENSE-MIT.txt": mit(),
        "LICENSE-CECILL-C.txt": _shipped("CECILL-C"),
        "LICENSE-short.txt": (
            f"{TAG} (MIT OR CECILL-C)\n\nCopyright (C) 2006-2023 INRIA and contributors\n\n"
            "Spoon is available either under the terms of the MIT License (see "
            "LICENSE-MIT.txt) or the Cecill-C License (see LICENSE-CECILL-C.txt). You as "
            "the user are entitled to choose the terms under which to adopt Spoon.\n"),
    })
    _, report = check(root)
    assert rule(report, "licence-reciprocal") == ("passed", [])
    assert rule(report, "licence-declarations-agree") == ("passed", [])
    assert rule(report, "licence-authorised")[0] == "passed"
