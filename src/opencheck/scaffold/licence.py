# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck init licence ID`: the licence text, written where forges and REUSE look.

Only a licence of the decree's list is written, from the official text opencheck ships
(French for CeCILL and the Licence Ouverte when the user reads French). `LICENSE` gets
the text with its copyright line filled in where the licence has one; `LICENSES/ID.txt`
gets the text as published, which is what REUSE expects. Existing files are kept.

An expression of several licences (`MIT OR Apache-2.0`, `MIT AND CC-BY-4.0`) gets every
text it names, never one for all: `LICENSE-<id>` at the root for each, as Rust's dual
licensed crates have `LICENSE-MIT` and `LICENSE-APACHE` (the forges list each licence
found so, and opencheck reads them combined as the manifest or header states), and
each `LICENSES/<id>.txt` for REUSE.
"""

from __future__ import annotations

from opencheck.licensing import InvalidExpression, licence_file_paths, load_authorised, normalise
from opencheck.licensing.authorised import AuthorisedLicence
from opencheck.licensing.expressions import has_exception, keys
from opencheck.licensing.official import OfficialText, official_text
from opencheck.model import Text
from opencheck.repository import Repository
from opencheck.scaffold.planned import Planned


class LicenceNotAllowed(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def authorised_entry(spdx: str) -> AuthorisedLicence:
    """The list's entry for an id the user typed, or a bilingual refusal with the list."""
    entry = load_authorised().find(spdx.strip())
    if entry is None or official_text(entry.id, "en") is None:
        ids = ", ".join(item.id for item in load_authorised().licences)
        raise LicenceNotAllowed(Text(
            fr=f"« {spdx} » n'est pas sur la liste des licences autorisées par le décret. "
               f"Licences possibles : {ids}.",
            en=f"'{spdx}' is not on the decree's list of authorised licences. "
               f"Choose one of: {ids}.",
        ))
    return entry


def chosen_id(spdx: str) -> str:
    """The id to write for a licence the user typed: the list's entry, named as asked
    (`GPL-3.0-only` stays -only, `mit` becomes `MIT`); an expression normalised, each of
    its licences on the list; LicenceNotAllowed otherwise."""
    named = _named(spdx)
    return named[0] if len(named) == 1 and " " not in spdx.strip() else normalise(spdx.strip())


def _named(spdx: str) -> list[str]:
    """The licences a licence or an expression names, each as the list's entry named
    as asked; LicenceNotAllowed for one off the list or for an exception (`WITH`), whose
    text opencheck does not ship."""
    if " " not in spdx.strip() and "(" not in spdx:
        return [_as_asked(spdx, authorised_entry(spdx).id)]
    try:
        excepted = has_exception(spdx)
        ids = keys(spdx)
    except InvalidExpression:
        ids, excepted = [spdx], False
    if excepted:
        raise LicenceNotAllowed(Text(
            fr=f"« {spdx} » ajoute une exception (WITH) dont opencheck n'a pas le texte : "
               "écrivez les textes à la main (LICENSES/ pour REUSE).",
            en=f"'{spdx}' adds an exception (WITH) whose text opencheck does not ship: "
               "write the texts by hand (LICENSES/ for REUSE).",
        ))
    return [_as_asked(spdx_id, authorised_entry(spdx_id).id) for spdx_id in ids]


def licence_files(
    repo: Repository, spdx: str, lang: str, holder: str | None, year: int,
    root: bool = True,
) -> list[Planned]:
    """The root licence file and LICENSES/<id>.txt for an authorised licence, keeping
    what exists; for an expression, one of each per licence it names (`LICENSE-<id>` at
    the root). Without `root`, the texts of LICENSES/ only."""
    texts: list[OfficialText] = []
    for wanted in _named(spdx):
        # Named as asked (`AGPL-3.0-only` stays -only): the headers that cite it must find
        # their text in LICENSES/, and a -only licence gets no "or later" paragraph.
        found = official_text(authorised_entry(wanted).id, lang)
        assert found is not None  # authorised_entry checked it
        texts.append(OfficialText(wanted, found.language, found.text))
    planned: list[Planned] = []
    root_files = [path for path in licence_file_paths(repo) if "/" not in path]
    if root and root_files:
        planned.append(Planned("LICENSE", None, root_files[0]))
    elif root:
        for text in texts:
            name = "LICENSE" if len(texts) == 1 else f"LICENSE-{text.spdx}"
            planned.append(Planned(name, text.for_licence_file(year, holder)))
    for text in texts:
        reuse_path = f"LICENSES/{text.spdx}.txt"
        if repo.exists(reuse_path) or (repo.root / reuse_path).exists():
            planned.append(Planned(reuse_path, None, reuse_path))
        else:
            planned.append(Planned(reuse_path, text.text))
    return planned


def root_names(repo: Repository, spdx: str) -> list[str]:
    """The root licence files a README should link to: those the repository has, else
    those `licence_files` writes for `spdx` (none when it writes no text for it)."""
    existing = [path for path in licence_file_paths(repo) if "/" not in path]
    if existing:
        return existing
    try:
        named = _named(spdx)
    except LicenceNotAllowed:
        return []
    return ["LICENSE"] if len(named) == 1 else [f"LICENSE-{spdx_id}" for spdx_id in named]


def _as_asked(spdx: str, listed: str) -> str:
    try:
        asked = normalise(spdx.strip())
    except InvalidExpression:
        return listed
    return asked if " " not in asked else listed


def choice_help(lang: str, then: bool = True) -> str:
    """How to choose, in three lines, then the authorised ids by kind; with `then`, the
    command that writes the chosen text (`fix` names its own command instead)."""
    listing = load_authorised()
    permissive = [e.id for e in listing.licences if not e.reciprocal and not e.data_only]
    reciprocal = [e.id for e in listing.licences if e.reciprocal and not e.data_only]
    data = [e.id for e in listing.licences if e.data_only]
    if lang == "fr":
        lines = [
            "Choisir une licence est une décision de l'administration qui publie le code.",
            "Par défaut, la doctrine de l'État (DINUM) est une licence permissive ; une",
            "licence à réciprocité quand l'administration veut que les versions modifiées "
            "restent libres.",
            f"  permissives : {', '.join(permissive)}",
            f"  à réciprocité : {', '.join(reciprocal)}",
            f"  données et documents seulement : {', '.join(data)}",
        ] + (["Puis : opencheck init licence ID"] if then else [])
    else:
        lines = [
            "Choosing a licence is a decision of the administration that publishes the code.",
            "By default, the State's doctrine (DINUM) is a permissive licence; a licence",
            "with reciprocity when the administration wants modified versions to stay free.",
            f"  permissive: {', '.join(permissive)}",
            f"  with reciprocity: {', '.join(reciprocal)}",
            f"  data and documents only: {', '.join(data)}",
        ] + (["Then: opencheck init licence ID"] if then else [])
    return "\n".join(lines)
