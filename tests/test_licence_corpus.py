# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Identification on the development corpus of real licence files (shared/corpus).

Skipped when the corpus is not beside the checkout. The corpus is third-party material:
it is read in place, never copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import check_json, commit, findings_of
from licence_fixtures import corpus_dir
from opencheck.licensing import equivalent, identify, identify_bytes, load_authorised

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="development corpus not present")


def labels() -> dict[str, dict[str, str]]:
    assert CORPUS is not None
    data: dict[str, dict[str, str]] = json.loads(
        (CORPUS / "licences" / "labels.json").read_text("utf-8"))
    return data


def correct(found: str | None, label: str) -> bool:
    if label == "NOASSERTION":
        return found is None
    if found is None:
        return False
    # A bare GNU text is labelled -only; -or-later is accepted too (corpus README).
    return equivalent(found, label) or equivalent(found.replace("-or-later", "-only"), label)


def test_accuracy_and_never_authorising_an_unlisted_licence() -> None:
    assert CORPUS is not None
    authorised = load_authorised()
    wrong: list[str] = []
    false_authorised: list[str] = []
    for name, label in labels().items():
        found = identify_bytes((CORPUS / "licences" / name).read_bytes())
        if not correct(found.spdx, label["spdx"]):
            wrong.append(f"{name}: {found.spdx} (expected {label['spdx']})")
        label_ok = label["spdx"] != "NOASSERTION" and authorised.verdict(label["spdx"]).authorised
        if found.spdx and authorised.verdict(found.spdx).authorised and not label_ok:
            false_authorised.append(name)
    total = len(labels())
    assert (total - len(wrong)) / total >= 0.98, wrong
    assert false_authorised == []


def test_french_texts_are_all_identified() -> None:
    assert CORPUS is not None
    french = {n: v for n, v in labels().items() if v["language"].startswith("fr")}
    assert len(french) >= 10
    for name, label in french.items():
        found = identify_bytes((CORPUS / "licences" / name).read_bytes())
        assert correct(found.spdx, label["spdx"]), name


def test_mac_roman_trap() -> None:
    assert CORPUS is not None
    found = identify_bytes(
        (CORPUS / "licences" / "13-raphaelmarczak_libIscore-LICENSE_FR.txt").read_bytes())
    assert found.encoding == "mac_roman" and found.spdx == "CECILL-C"


def test_bare_gnu_text_agrees_with_an_or_later_manifest(make_repo) -> None:
    assert CORPUS is not None
    gpl = (CORPUS / "licences" / "51-IGNF_circe-LICENSE").read_bytes()
    pyproject = '[project]\nname = "outil"\nversion = "1.0"\nlicense = "GPL-3.0-or-later"\n'
    root = make_repo({"README.md": "# Outil\n", "LICENSE": gpl, "pyproject.toml": pyproject})
    report = check_json(root, "--rule", "licence-*")
    assert [f for f in findings_of(report) if f["rule"] == "licence-declarations-agree"] == []
    commit(root, {"pyproject.toml": pyproject.replace("GPL-3.0-or-later", "AGPL-3.0-or-later")})
    report = check_json(root, "--rule", "licence-*")
    assert [f for f in findings_of(report) if f["rule"] == "licence-declarations-agree"]


def test_two_corpus_files_that_disagree(make_repo) -> None:
    assert CORPUS is not None
    folder = CORPUS / "licences"
    root = make_repo({
        "README.md": "# SEDA tools\n",
        "LICENSE.txt": (folder / "40-ProgrammeVitam_sedatools-LICENSE.txt").read_bytes(),
        "LICENSE.md": (folder / "05-ProgrammeVitam_vitam-LICENSE.md").read_bytes(),
    })
    report = check_json(root, "--rule", "licence-*")
    assert [f for f in findings_of(report) if f["rule"] == "licence-declarations-agree"]


def test_shipped_index_is_what_the_build_makes(tmp_path: Path) -> None:
    assert CORPUS is not None
    from opencheck.licensing.build import build
    from opencheck.licensing.index import INDEX_PATH

    output = tmp_path / "index.bin"
    build(CORPUS / "spdx", INDEX_PATH.parents[3] / "data" / "licence-texts", output)
    assert output.read_bytes() == INDEX_PATH.read_bytes(), "run python -m opencheck.licensing.build"


def test_each_reference_reads_back_its_own_word_pairs(tmp_path: Path) -> None:
    """References are stored one by one (inflated only when compared): each gives back
    exactly its codes, large gaps included, and a cut file is refused."""
    from opencheck.licensing.index import dump, load_index

    entries = [("A-1", "A licence", "en", 3, {1 << 16 | 2, 2 << 16 | 3}),
               ("B-2", "B licence", "fr", 4, {5, 70_000, 1 << 24 | 9, 0xFFFF_FFFF}),
               ("C-3", "C licence", "en", 1, set())]
    path = tmp_path / "index.bin"
    dump("9.9", {"a": 1, "b": 2, "c": 3}, entries, path)
    index = load_index.__wrapped__(path)
    assert [(r.spdx, r.language, r.words, r.codes) for r in index.references] == [
        (spdx, language, words, frozenset(codes)) for spdx, _, language, words, codes in entries]
    assert index.rare.get(70_000) is not None
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(ValueError):
        load_index.__wrapped__(path)


def test_copying_with_an_or_later_notice(make_repo) -> None:
    assert CORPUS is not None
    notice = ("This program is free software: you can redistribute it under the terms of the "
              "GNU Affero General Public License as published by the Free Software Foundation, "
              "either version 3 of the License, or (at your option) any later version.\n")
    agpl = (CORPUS / "licences" / "54-opendatateam_udata-LICENSE").read_bytes()
    root = make_repo({"README.md": "# udata\n", "LICENSE": notice, "COPYING": agpl})
    report = check_json(root, "--rule", "licence-*")
    rules = {f["rule"] for f in findings_of(report)}
    assert rules == {"licence-reciprocal"}
    [note] = findings_of(report)
    assert "AGPL-3.0-or-later" in note["message"]


def _spdx_text(spdx: str) -> str:
    assert CORPUS is not None
    return (CORPUS / "spdx" / "text" / f"{spdx}.txt").read_text("utf-8")


def test_a_licence_version_is_the_one_its_title_declares() -> None:
    """Frama-C's CDDL 1.0 (licenses/CDDL-1.0 in Frama-C/Frama-C-snapshot) holds the
    patent clause 1.1 added, under 1.0's title and steward: its clauses are closer to
    1.1's, but it is the 1.0 its title and steward say, and the same goes the other way."""
    cddl_11 = _spdx_text("CDDL-1.1")
    as_10 = cddl_11.replace("Version 1.1", "Version 1.0", 1).replace(
        "Oracle is the initial", "Sun Microsystems, Inc. is the initial", 1)
    found = identify(as_10)
    assert found.spdx == "CDDL-1.0"
    assert "CDDL-1.1" in {c.spdx for c in found.alternatives}
    as_11 = _spdx_text("CDDL-1.0").replace("Version 1.0", "Version 1.1", 1).replace(
        "Sun Microsystems, Inc. is the initial", "Oracle is the initial", 1)
    assert identify(as_11).spdx == "CDDL-1.1"
    assert identify(_spdx_text("EUPL-1.1").replace("V. 1.1", "V. 1.0", 1)).spdx == "EUPL-1.0"


@pytest.mark.parametrize(("spdx", "title", "other"), [
    ("GPL-3.0-only", "Version 3, 29 June 2007", "Version 2, June 1991"),
    ("GPL-2.0-only", "Version 2, June 1991", "Version 3, 29 June 2007"),
    ("MPL-2.0", "Version 2.0", "Version 1.1"),
    ("MPL-1.1", "Version 1.1", "Version 2.0"),
    ("Apache-2.0", "Version 2.0", "Version 1.1"),
    ("EUPL-1.2", "v. 1.2", "v. 1.1"),
    ("EUPL-1.1", "V. 1.1", "V. 1.2"),
    ("CDDL-1.0", "Version 1.0", "Version 2.0"),
])
def test_a_title_does_not_outweigh_the_clauses_of_another_version(
        spdx: str, title: str, other: str) -> None:
    """Versions whose texts differ by more than a clause or two are told apart by their
    clauses: a mistyped title names no other version, nor one the index does not hold."""
    text = _spdx_text(spdx)
    assert title in text
    assert identify(text.replace(title, other, 1)).spdx == spdx


@pytest.mark.parametrize("spdx", ["CDDL-1.0", "CDDL-1.1", "CECILL-2.0", "CECILL-2.1",
                                  "EUPL-1.0", "EUPL-1.1", "EUPL-1.2", "GPL-2.0-only",
                                  "GPL-3.0-only", "MPL-1.1", "MPL-2.0", "Apache-1.1",
                                  "Apache-2.0", "LGPL-2.0-only", "LGPL-2.1-only"])
def test_each_version_of_a_family_is_itself(spdx: str) -> None:
    assert identify(_spdx_text(spdx)).spdx == spdx
