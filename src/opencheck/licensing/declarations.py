# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every place a repository declares its licence, found by static reading only.

Licence files (LICENSE, LICENCE, COPYING, COPYRIGHT, UNLICENSE with any extension or
suffix, the REUSE `LICENSES/` folder), package manifests, the README's licence
section, publiccode.yml `legal.license` and the SPDX headers of files.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from opencheck.folders import Folders
from opencheck.licensing.components import component_notices
from opencheck.licensing.copies import NO_COPIES, OTHERS_LICENCES, Copies, own_parts
from opencheck.licensing.expressions import (
    InvalidExpression,
    all_required,
    equivalent,
    has_exception,
    keys,
    normalise,
    unknown_keys,
    without_exceptions,
)
from opencheck.licensing.identify import (
    LATER_NOTICE,
    Identification,
    identify,
    identify_bytes,
    unwrapped,
)
from opencheck.licensing.manifests import Field, ManifestError, reader_for
from opencheck.licensing.names import named_licences
from opencheck.repository import FileEntry, Repository
from opencheck.textdecode import decode_text
from opencheck.yamlsafe import YamlError, load_yaml

if TYPE_CHECKING:
    from opencheck.diffmode import Base

LICENCE_FILE = re.compile(
    r"^(?:licen[cs]e|copying|copyright|unlicen[cs]e)(?:[-_.][\w.-]*)?$", re.IGNORECASE
)
REUSE_DIR = "LICENSES/"
# LICENSE-THIRD-PARTY.md, COPYING.dependencies...: other people's licences, not the project's
_THIRD_PARTY_NAME = OTHERS_LICENCES
# LICENSE_FONTS, LICENSE-docs.md, COPYING.images: named after a part of the project (its
# fonts, documentation, data, media), the licence of that part only. betagouv/zam's
# LICENSE_FONTS (Adobe's Source fonts, OFL-1.1) beside its LICENSE (AGPL-3.0) made the
# project "AGPL-3.0-only AND OFL-1.1", off the decree's list.
_PART_NAME = re.compile(
    r"^(?:licen[cs]e|copying|copyright)[-_.](?:fonts?|polices?|docs?|documentation|data"
    r"|datasets?|donn[eé]es|images?|img|assets|media|content|artwork|icons?|sounds?|audio)"
    r"(?:\.(?:md|txt|rst|html?))?$", re.IGNORECASE)
MANIFEST_DEPTH = 2  # manifests at the root and one or two folders down
SKIPPED_DIRS = ("node_modules/", "vendor/", "third_party/", "third-party/", "external/")
HEADER_BYTES = 4096
# REUSE-IgnoreStart
_SPDX_HEADER = re.compile(rb"SPDX-License-Identifier:\s*([^\r\n]*)")
# REUSE-IgnoreEnd
# Starts only at the first blank of a run (else each blank rescans the run: quadratic).
_HEADER_END = re.compile(r"(?<!\s)\s*(?:\*/|-->|#\}|\"\"\"|'''|;|\*\)|-\}).*$")
NOT_DECLARED = {"NOASSERTION", "NONE"}
PROPRIETARY = {"UNLICENSED", "PROPRIETARY", "LICENSEREF-PROPRIETARY", "ALL RIGHTS RESERVED"}
# The closing `#` sequence is cut in Python: `(.*?)\s*#*\s*$` was quadratic on a
# heading of blanks and hashes.
_README_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+|~+|\^+|\*+)\s*$")
_LICENCE_TITLE = re.compile(r"licen[cs]|copying|droits? d'auteur", re.IGNORECASE)


@dataclass(frozen=True)
class Declaration:
    """One statement of the licence, and where it is.

    kind: "licence-file" (a root licence file), "reuse-licence" (LICENSES/<id>.txt),
    "manifest", "readme", "publiccode" or "spdx-header".
    `spdx` is the normalised SPDX expression, None when nothing could be identified;
    `problem` says why ("empty", "binary", "too-large", "unreadable", "parse-error",
    "invalid-expression", "unknown-name", "proprietary", "legacy-encoding").
    """

    kind: str
    path: str
    line: int | None
    spdx: str | None
    raw: str
    confidence: float
    where: str = ""
    problem: str | None = None
    detail: str = ""
    identification: Identification | None = None
    files: int = 1
    root: bool = True

    @property
    def project_level(self) -> bool:
        """Says what the whole project is under (not a file of LICENSES/ or a header)."""
        return self.root and self.kind in {"licence-file", "manifest", "readme", "publiccode"}


def text_files_first(found: list[Declaration]) -> list[Declaration]:
    """The root licence files, those holding a whole licence text first: a 5-line
    `COPYRIGHT.txt` notice beside `LICENSE.txt` is not where the text is."""
    files = [d for d in found if d.kind == "licence-file" and d.root]
    return sorted(files, key=lambda d: not holds_text(d))


def holds_text(declaration: Declaration) -> bool:
    """Whether the file holds a licence's whole text, not a notice or an SPDX tag."""
    found = declaration.identification
    return found is not None and found.full_text


def licence_file_paths(repo: Repository) -> list[str]:
    """Licence files at the root, then the texts of the REUSE `LICENSES/` folder. A root
    file that gathers other components' licences (`components.component_notices`) is
    left out when another root licence file is there to state the project's."""
    paths = repo.paths()
    found = [path for path in paths if "/" not in path and _root_licence_name(path)]
    if len(found) > 1:
        # a part's licence file counts when no other file states the project's
        found = [path for path in found if not _PART_NAME.match(path)] or found
    if len(found) > 1:
        own = [path for path in found if not of_components(repo, path)]
        found = own or found
    found += [path for path in paths if path.startswith(REUSE_DIR) and path.count("/") == 1]
    return found


def part_licence_file(path: str) -> bool:
    """A root licence file named after a part of the project (`LICENSE_FONTS`)."""
    return "/" not in path and _PART_NAME.match(path) is not None


def reuse_exempt_name(path: str) -> str:
    """The name REUSE asks no licence of (`LICENSE-FONTS`, REUSE's `LICENSE-*`), for a
    root licence file named with an underscore (`LICENSE_FONTS`); the name otherwise."""
    word, sep, rest = path.partition("_")
    return f"{word}-{rest}" if sep and LICENCE_FILE.match(f"{word}-{rest}") else path


def of_components(repo: Repository, path: str) -> bool:
    """Whether the root file `path` gathers other components' licences."""
    text = repo.read_text(path)
    if not text:
        return False
    folders: list[Folders] = []  # sorted once, and only for a file laid out so

    def in_tree(name: str) -> bool:
        if repo.exists(name):
            return True
        if not folders:
            folders.append(Folders(repo.paths()))
        return name in folders[0]

    return component_notices(text, in_tree)


def _root_licence_name(name: str) -> bool:
    return bool(LICENCE_FILE.match(name)) and not _THIRD_PARTY_NAME.search(name)


def licence_files_before(root: Path, base: Base) -> list[str]:
    """The root licence files (and `LICENSES/`) of the checked folder where a merge
    request starts, which a change that has none deleted."""
    from opencheck import diffmode  # merge-request mode only

    return sorted(name + ("/" if kind == "tree" else "")
                  for name, kind in diffmode.top_entries_before(root, base).items()
                  if (kind == "blob" and _root_licence_name(name))
                  or (kind == "tree" and f"{name}/" == REUSE_DIR))


# `licenses/`, `Licences/`: a root folder of licence texts under another name or case
# than REUSE's `LICENSES/` (which licence_file_paths reads).
_LICENCE_FOLDER = re.compile(r"^licen[cs]es?$", re.IGNORECASE)
LICENCE_FOLDER_FILES = 20  # a folder of more files is a dependencies' notices, not read


def licence_folder_texts(repo: Repository) -> list[tuple[str, str]]:
    """The licence texts (path, SPDX id) identified in a root folder named for licences
    in another spelling or case than `LICENSES/`."""
    by_folder: dict[str, list[str]] = {}
    for path in repo.paths():
        folder, _, rest = path.partition("/")
        if rest and "/" not in rest and folder != REUSE_DIR[:-1] and \
                _LICENCE_FOLDER.match(folder):
            by_folder.setdefault(folder, []).append(path)
    found: list[tuple[str, str]] = []
    for folder in sorted(by_folder):
        paths = by_folder[folder]
        if len(paths) > LICENCE_FOLDER_FILES:
            continue
        for path in sorted(paths):
            identified = identify_bytes(repo.read_bytes(path))
            if identified.spdx and identified.confidence >= FOLDER_TEXT_CONFIDENCE and \
                    named_for(path.rsplit("/", 1)[-1], identified.spdx):
                found.append((path, identified.spdx))
    return found


FOLDER_TEXT_CONFIDENCE = 0.8
# A repository of components, each folder with its own licence file and none at the root
# (`opensand-core/COPYING`, `opensand-rt/COPYING.LESSER`): its code is licensed, part by
# part. Two folders at least, so that one copied library's `lib/LICENSE` does not stand
# for the project, each named as the project's part: after the project, or with a first
# word another such folder shares (`opensand-`). Libraries copied whole at the root
# (`leaflet/`, `chartjs/`, each with its licence and README) have names of their own:
# they say nothing of the project's licence, which is still missing.
COMPONENT_FOLDERS = 2


def component_licence_texts(repo: Repository) -> list[tuple[str, str]]:
    """The licence files (path, SPDX id) of the first-level folders that have one, when
    two folders or more named as the project's parts have one; a dependency or vendor
    folder does not count."""
    by_folder: dict[str, list[str]] = {}
    for path in repo.paths():
        folder, _, rest = path.partition("/")
        if rest and "/" not in rest and LICENCE_FILE.match(rest) and \
                not _THIRD_PARTY_NAME.search(path) and f"{folder}/" not in SKIPPED_DIRS and \
                folder != REUSE_DIR[:-1] and not _LICENCE_FOLDER.match(folder):
            by_folder.setdefault(folder, []).append(path)
    by_folder = {folder: paths for folder, paths in by_folder.items()
                 if folder in _named_as_parts(repo, list(by_folder))}
    if len(by_folder) < COMPONENT_FOLDERS:
        return []
    found: list[tuple[str, str]] = []
    for folder in sorted(by_folder):
        for path in sorted(by_folder[folder]):
            identified = identify_bytes(repo.read_bytes(path))
            if identified.spdx and identified.confidence >= FOLDER_TEXT_CONFIDENCE:
                found.append((path, identified.spdx))
    folders = {path.split("/", 1)[0] for path, _spdx in found}
    return found if len(folders) >= COMPONENT_FOLDERS else []


def _named_as_parts(repo: Repository, folders: list[str]) -> set[str]:
    """The `folders` named as parts of the project: after the project itself, or with a
    first word (`opensand` of `opensand-core`) that another of them has."""
    if len(folders) < COMPONENT_FOLDERS:
        return set()
    from opencheck.deps.thirdparty import project_names

    # a name too short to tell (`r/`) names no component: the project's, but not a part
    return {folder for folder in own_parts(folders, project_names(repo)) if len(folder) >= 3}
_LICENCE_WORDS = re.compile(r"\.(?:txt|md|rst|html?)$|licen[cs]es?|copying|[^a-z0-9]")
_SPDX_TAIL = re.compile(r"(?:only|orlater)$")
_LANGUAGE_TAIL = re.compile(r"(?<=[a-z0-9])(?:fr|en)$")


def named_for(name: str, spdx: str) -> bool:
    """Whether a file is named after the licence it holds (`LGPLv2.1`, `LICENSE-MIT.txt`,
    `apache-2.0.txt`), not after a dependency whose notice it is (`licence-es6promise.txt`,
    `jquery.txt`): only the first make a folder of the project's own licence texts."""
    stem = _SPDX_TAIL.sub("", re.sub(r"v(?=[0-9])", "", _LICENCE_WORDS.sub("", name.lower())))
    stem = _LANGUAGE_TAIL.sub("", stem)  # `cecill_v2.1_fr.txt`: the French text
    own = _SPDX_TAIL.sub("", re.sub(r"[^a-z0-9]", "", spdx.lower()))
    return bool(stem) and own.startswith(stem)


def collect(repo: Repository) -> list[Declaration]:
    """Every declaration of the repository, in a stable order."""
    return Collector(repo).read()


class Collector:
    """The declarations: those of named files first, when made; then each file's
    header as the tree is read (a `treepass.TreeReader`: the licence family's share of
    the run's one read of the tree); `result()` gives them all."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        found: list[Declaration] = []
        for path in licence_file_paths(repo):
            found.append(_licence_file(repo, path))
        for path in repo.paths():
            if _is_manifest(path):
                found.extend(_manifest(repo, path))
        found.extend(_readme(repo))
        found.extend(_publiccode(repo))
        self.notices = _later_notices(repo)
        found.extend(self.notices)
        self.found = found
        # the GNU texts read `-only` that a head's notice would widen
        narrow = {str(d.spdx) for d in found if d.kind == "licence-file" and d.spdx
                  and d.spdx.startswith(_GNU_IDS) and d.spdx.endswith("-only")
                  and " " not in d.spdx}
        self.headers = _Headers({d.path for d in found}, tree_copies(repo), narrow)

    def wants(self, entry: FileEntry) -> bool:
        return self.headers.wants(entry)

    def take(self, entry: FileEntry, data: bytes | None) -> None:
        head = data[:HEADER_BYTES] if data is not None else \
            self.repo.read_head(entry.path, HEADER_BYTES)
        self.headers.take(entry.path, head)

    def result(self) -> list[Declaration]:
        headers = self.headers.declarations()
        return [*self.found,
                *(d for d in headers if d.kind != "later-notice" or not self.notices)]

    def read(self) -> list[Declaration]:
        """The declarations, the tree read for this collector alone."""
        for entry in self.repo.files:
            if self.wants(entry):
                self.headers.take(entry.path, self.repo.read_head(entry.path, HEADER_BYTES))
        return self.result()


def tree_copies(repo: Repository) -> Copies:
    """The folders of the tree that hold another project's copy (`copies.Copies`), made
    once for the latest repository asked: the licence declarations and the REUSE fixes
    both ask (a scan of the listing: 0.17 s on 68,000 files)."""
    from opencheck.deps.thirdparty import project_names  # the deps package imports this one

    global _LAST_COPIES
    if _LAST_COPIES is not None and _LAST_COPIES[0]() is repo:
        return _LAST_COPIES[1]
    copies = Copies.of(repo.paths(), lambda: project_names(repo))
    _LAST_COPIES = (weakref.ref(repo), copies)
    return copies


_LAST_COPIES: tuple[weakref.ref[Repository], Copies] | None = None


# -- licence files ------------------------------------------------------------------


def _licence_file(repo: Repository, path: str) -> Declaration:
    reuse = path.startswith(REUSE_DIR)
    kind = "reuse-licence" if reuse else "licence-file"
    entry = repo.entry(path)
    if entry is not None and entry.size > repo.size_limit:
        return Declaration(kind, path, None, None, "", 0.0, problem="too-large",
                           detail=f"{entry.size} bytes", root=not reuse)
    data = repo.read_bytes(path)
    if data is None:
        reason = repo.unreadable.get(path)
        return Declaration(kind, path, None, None, "", 0.0, problem="unreadable",
                           detail=reason.reason if reason else "", root=not reuse)
    found = identify_bytes(data)
    problem = found.problem
    if problem is None and found.encoding not in (None, "utf-8", "utf-16-le", "utf-16-be"):
        problem = "legacy-encoding"
    spdx = found.spdx
    raw = spdx or ""
    if reuse:
        name = path[len(REUSE_DIR):]
        stem = name.removesuffix(".txt")  # REUSE names them <SPDX id>.txt
        raw = stem
        spdx = _valid(stem) or spdx
    line = found.matches[0].start_line if found.matches else None
    return Declaration(kind, path, line, _valid(spdx) if spdx else None, raw,
                       found.confidence if not reuse or spdx == found.spdx else 1.0,
                       problem=problem, detail=found.encoding or "", identification=found,
                       root=not reuse)


def _valid(expression: str | None) -> str | None:
    if not expression:
        return None
    try:
        return normalise(expression)
    except InvalidExpression:
        return None


# -- manifests ------------------------------------------------------------------------


def _is_manifest(path: str) -> bool:
    if path.count("/") > MANIFEST_DEPTH or any(
        path.startswith(part) or f"/{part}" in path for part in SKIPPED_DIRS
    ):
        return False
    return reader_for(path) is not None


def _manifest(repo: Repository, path: str) -> list[Declaration]:
    reader = reader_for(path)
    root = "/" not in path
    text = repo.read_text(path)
    if reader is None or text is None:
        if repo.entry(path) is not None and repo.read_bytes(path) is None:
            return [Declaration("manifest", path, None, None, "", 0.0, problem="unreadable",
                                root=root)]
        return []
    try:
        fields = reader(text)
    except ManifestError as error:
        return [Declaration("manifest", path, None, None, "", 0.0, problem="parse-error",
                            detail=str(error), root=root)]
    except (ValueError, RecursionError) as error:
        return [Declaration("manifest", path, None, None, "", 0.0, problem="parse-error",
                            detail=f"{type(error).__name__}: {error}", root=root)]
    return [_from_field(path, item, root) for item in fields]


def _from_field(path: str, item: Field, root: bool) -> Declaration:
    raw = item.raw.strip()
    base = Declaration("manifest", path, item.line, None, raw, 0.0, where=item.where, root=root)
    if raw.upper() in PROPRIETARY or raw.upper().startswith("LICENSEREF-PROPRIETARY"):
        return _replace(base, problem="proprietary")
    if raw.upper() in NOT_DECLARED or raw.upper().startswith("SEE LICEN"):
        return base  # points to a file: the licence file is read on its own
    if item.spdx:
        spdx = _known_expression(raw)
        if spdx is not None:
            return _replace(base, spdx=spdx, confidence=1.0)
    spdx, confidence = resolve_name(raw)
    if spdx is None:
        return _replace(base, problem="invalid-expression" if item.spdx else "unknown-name")
    return _replace(base, spdx=spdx, confidence=confidence)


def _replace(declaration: Declaration, **changes: object) -> Declaration:
    return replace(declaration, **changes)  # type: ignore[arg-type]


def _known_expression(raw: str) -> str | None:
    """The normalised expression when it parses and every id is a known SPDX id or a
    LicenseRef; None otherwise."""
    try:
        spdx = normalise(raw)
        unknown = unknown_keys(spdx)
    except (InvalidExpression, Exception):
        return None
    if any(not str(key).startswith("LicenseRef-") for key in unknown):
        return None
    return spdx


# A Maven `<license>`'s name and URL are read together ("MIT https://opensource.org/
# licenses/MIT", INRIA/spoon's pom): the name alone may be the identifier.
_URL_STARTS = ("http://", "https://")


def _versioned_by_url(name: str, spdx: str, words: list[str]) -> str:
    """A name without a version (`GPL`, read GPL-1.0-or-later) beside a URL whose last
    part is an identifier of the same licence with one (geOrchestra's pom:
    `http://opensource.org/licenses/GPL-3.0`): the URL says which version."""
    if any(character.isdigit() for character in name):
        return spdx
    family = name.strip().upper()
    for word in words:
        if not word.lower().startswith(_URL_STARTS):
            continue
        last = word.rstrip("/").rsplit("/", 1)[-1]
        last = re.sub(r"\.(?:html?|txt|php)$", "", last, flags=re.IGNORECASE)
        found = _known_expression(last) if any(c.isdigit() for c in last) else None
        if found is not None and found.upper().startswith(family + "-"):
            return found
    return spdx


def resolve_name(raw: str) -> tuple[str | None, float]:
    """An SPDX expression for a free-form licence name ("GNU GPL v3", "Licence CeCILL-B")."""
    spdx = _known_expression(raw)
    if spdx is not None:
        return spdx, 1.0
    words = raw.split()
    named_alone = " ".join(word for word in words if not word.lower().startswith(_URL_STARTS))
    if len(named_alone) < len(" ".join(words)) and \
            (spdx := _known_expression(named_alone)) is not None:
        return _versioned_by_url(named_alone, spdx, words), 0.9
    named = [n for n in named_licences(raw) if not n.generic] or named_licences(raw)
    if len(named) == 1:
        return _valid(named[0].spdx), 0.8
    return None, 0.0


# -- README, publiccode.yml, SPDX headers -----------------------------------------------


def readme_paths(repo: Repository) -> list[str]:
    return repo.find_community_file("README", directories=(".github", "", "docs"))


def readme_licence_section(text: str) -> tuple[int, str] | None:
    """The first line and the text of the README's licence section, if any."""
    lines = text.splitlines()
    headings: list[tuple[int, int, str]] = []  # (index, level, title)
    fence = ""  # the open code fence: a licence-identifier tag in it is no heading
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and \
                    len(opening.group(1)) >= len(fence) and not opening.group(2).strip():
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _README_HEADING.match(line)
        if match:
            title = match.group(2).rstrip().rstrip("#").rstrip()
            headings.append((index, len(match.group(1)), title))
        elif index and _SETEXT.match(line) and lines[index - 1].strip() and len(line.strip()) >= 3:
            level = 1 if line.strip()[0] == "=" else 2
            headings.append((index - 1, level, lines[index - 1].strip()))
    for position, (index, level, title) in enumerate(headings):
        if not _LICENCE_TITLE.search(title) or len(title) > 60:
            continue
        end = len(lines)
        for later_index, later_level, _ in headings[position + 1 :]:
            if later_level <= level:
                end = later_index
                break
        return index + 1, "\n".join(lines[index:end])
    return None


# A paragraph that says which licence governs the project, with no "Licence" heading:
# the CeCILL notice ("Ce logiciel est régi par la licence CeCILL…"), "This project is
# licensed under the MIT License".
_GRANT = re.compile(
    r"licen[cs]ed under|released under|distributed under|published under|available under"
    r"|under the terms of|r[ée]gie? par la licence|sous (?:la )?licence|publi[ée]e? sous"
    r"|distribu[ée]e? sous|diffus[ée]e? sous", re.IGNORECASE)
_SELF = re.compile(
    r"\b(?:this|the) (?:software|project|program|programme|library|code|source code"
    r"|repository|tool|application)\b|\b(?:ce|le) (?:logiciel|projet|programme|code"
    r"|d[ée]p[ôo]t|outil)\b|\bcette (?:application|biblioth[èe]que)\b", re.IGNORECASE)
PARAGRAPH_SCAN = 20000
PARAGRAPH_MAX = 1500


# The README's title, a Markdown heading or a reStructuredText one: its first word is
# the project's name ("# SecuML [https://…]").
_TITLE = re.compile(r"^#\s*([A-Za-z][\w.+-]{2,60})|^([A-Za-z][\w.+-]{2,60})[^\n]{0,80}\n[=#*-]{3,}",
                    re.MULTILINE)


_HEADING_LINES = re.compile(r"^[ \t]*#[^\n]*$", re.MULTILINE)  # the title itself names nothing
# Words a title opens with that are no name.
_NOT_A_NAME = frozenset({"the", "a", "an", "le", "la", "les", "l", "un", "une", "des", "welcome",
                         "bienvenue", "about", "introduction", "readme", "project", "projet",
                         "table", "overview", "présentation", "presentation", "documentation"})


def _title_word(text: str) -> str | None:
    found = _TITLE.search(text[:2000])
    word = (found.group(1) or found.group(2)) if found else None
    return word if word and word.lower() not in _NOT_A_NAME else None


def readme_licence_paragraph(text: str) -> tuple[int, str] | None:
    """The first line and text of a README paragraph stating the project's licence: one
    that names the project as "this software", "ce logiciel"… or by the README's title
    (ANSSI's SecuML: "SecuML is a Python tool… It is distributed under the GPL2+
    license.")."""
    line = 1
    title = _title_word(text)
    named = re.compile(rf"\b{re.escape(title)}\b") if title else None
    for paragraph in text[:PARAGRAPH_SCAN].split("\n\n"):
        if len(paragraph) <= PARAGRAPH_MAX and _GRANT.search(paragraph) and (
                _SELF.search(paragraph) or (named is not None and named.search(
                    _HEADING_LINES.sub("", paragraph)))):
            lead = len(paragraph) - len(paragraph.lstrip("\n"))
            return line + lead, paragraph.strip("\n")
        line += paragraph.count("\n") + 2
    return None


def _readme(repo: Repository) -> list[Declaration]:
    for path in readme_paths(repo):
        text = repo.read_text(path)
        if text is None:
            continue
        section = readme_licence_section(text)
        where = "licence section"
        if section is None:
            section = readme_licence_paragraph(text)
            where = "licence paragraph"
        if section is None:
            continue
        line, body = section
        found = identify(body)
        if found.spdx is None:
            return []
        return [Declaration("readme", path, line, _valid(found.spdx), found.spdx,
                            found.confidence, where=where, identification=found)]
    return []


def _publiccode(repo: Repository) -> list[Declaration]:
    for path in ("publiccode.yml", "publiccode.yaml"):
        if not repo.exists(path):
            continue
        data = repo.read_bytes(path)
        if data is None:
            return []
        try:
            document = load_yaml(data)
        except YamlError:
            return []  # the publiccode family reports a file that does not parse
        legal = document.get("legal") if isinstance(document, dict) else None
        value = legal.get("license") if isinstance(legal, dict) else None
        if not isinstance(value, str):
            return []
        text = decode_text(data)
        line = next((n for n, t in enumerate(text.splitlines(), 1) if "license:" in t), None)
        spdx = _known_expression(value)
        if spdx is None:
            return [Declaration("publiccode", path, line, None, value, 0.0,
                                where="legal.license", problem="invalid-expression")]
        return [Declaration("publiccode", path, line, spdx, value, 1.0, where="legal.license")]
    return []


# A GNU notice: "... the GNU General Public License ... either version 3 of the License,
# or (at your option) any later version", in English or French.
_GNU_FAMILY = re.compile(
    r"((?:lesser|library) general public licen[cs]e|lesser|library general|lgpl"
    r"|g[ée]n[ée]rale limit[ée]e|amoindrie)|(affero general public licen[cs]e|affero|agpl)"
    r"|(general public licen[cs]e|licence publique g[ée]n[ée]rale|\bgpl\b)",
    re.IGNORECASE,
)
# "any later" too: "or (at your option) any later\n#   version" (CNES/openbach)
_LATER_BYTES = (b"later version", b"ult\xc3\xa9rieure", b"ulterieure", b"or-later", b"or later",
                b"any later")
NOTICE_FILE = re.compile(r"^(?:notice|copyright|authors?)(?:\.(?:md|txt|rst))?$", re.IGNORECASE)


_VERSION = re.compile(r"\bv(?:ersion)?\s*(\d)(?:\.\d)?\b", re.IGNORECASE)
SHORT_NEAR = 40  # characters from the licence's name to a short "or later"
NOTICE_REACH = 600  # characters from the licence's name to "or any later version"


def later_notice(text: str) -> str | None:
    """The GNU licence a notice says may be used in any later version: "GPL", "LGPL" or
    "AGPL", with "-<major version>" when the notice names it; None if none. Its words
    are read across the lines of a comment (`identify.unwrapped`). The short "or later"
    counts only right after the licence's name ("LGPL v2.1 or later"): Fedict/eid-mw's
    notice of the LGPL version 3.0 alone is followed, below, by "if OS is Vista or
    later"."""
    text = unwrapped(text)
    families: list[re.Match[str]] | None = None  # every licence name, read once
    for later in LATER_NOTICE.finditer(text):
        if families is None:
            families = list(_GNU_FAMILY.finditer(text))
            ends = [found.end() for found in families]
        # the last name that ends before the notice, 600 characters back at most
        index = bisect_right(ends, later.start()) - 1
        if index < 0 or families[index].start() < later.start() - NOTICE_REACH:
            continue
        last = families[index]
        if len(later.group(0)) == len("or later") and later.start() - last.end() > SHORT_NEAR:
            continue
        family = "LGPL" if last.group(1) else "AGPL" if last.group(2) else "GPL"
        versions = _VERSION.findall(text[last.end():later.end()])
        return f"{family}-{versions[-1]}" if versions else family
    return None


def _later_notices(repo: Repository) -> list[Declaration]:
    """Where the project says "or (at your option) any later version" outside its
    licence texts: the README, a NOTICE file at the root, a source file's header."""
    places = [*readme_paths(repo)[:1],
              *[p for p in repo.paths() if "/" not in p and NOTICE_FILE.match(p)]]
    for path in places:
        text = repo.read_text(path)
        family = later_notice(text) if text else None
        if family:
            return [Declaration("later-notice", path, None, None, family, 1.0,
                                where="or any later version", root=False)]
    return []


def _others_file(path: str) -> bool:
    """A file of another project by its path alone (a vendoring folder, a build tool's
    wrapper): its header is that project's. Gradle's `gradlew` says Apache-2.0, and in
    MTES-MCT/rapportnav2, which has no licence, it made the project "under Apache-2.0"
    for the REUSE fix and the dependency rules."""
    from opencheck.deps import thirdparty  # the deps package imports this module's

    found = thirdparty.by_path(path)
    return found is not None and found.reason in thirdparty.OTHERS_BY_PATH


def head_notice(path: str, head: bytes) -> str | None:
    """The GNU licence a file's head says may be used in any later version (the family
    `later_notice` gives); None for a file of any third-party class by its path: a
    lockfile's head lists packages with their licences (one `GPL-2.0-or-later` near
    its top made a bare GPL-2.0 project's licence -or-later), a bundle's opens with
    another library's banner."""
    if not any(marker in head for marker in _LATER_BYTES):
        return None
    family = later_notice(head.decode("utf-8", "replace"))
    if not family:
        return None
    from opencheck.deps import thirdparty  # the deps package imports this module's

    return family if thirdparty.by_path(path) is None else None


def head_licence(path: str, head: bytes) -> tuple[str, int] | None:
    """The licence a file's SPDX header names, and its line; None for another project's
    file."""
    if b"SPDX-License-Identifier" not in head:
        return None
    match = _SPDX_HEADER.search(head)
    if match is None:
        return None
    raw = _HEADER_END.sub("", match.group(1).decode("utf-8", "replace")).strip()
    spdx = _valid(raw)
    if spdx is None or _others_file(path):
        return None
    return spdx, head.count(b"\n", 0, match.start()) + 1


# What a file's head may say of the project's licence, in `header_facts`' order.
HEAD_NOTICE, HEAD_SPDX = "notice", "spdx"


def header_facts(path: str, head: bytes | None,
                 copies: Copies = NO_COPIES) -> tuple[str | None, str | None]:
    """What the project's licence may read in the head (the first HEADER_BYTES) of the
    file `path`: its "or any later version" notice and its SPDX header's licence, as
    `_Headers` reads them; nothing for a file of another project's copy (`copies`, the
    tree's)."""
    if not head or b"\0" in head or copies.holds(path):
        return None, None
    found = head_licence(path, head)
    return head_notice(path, head), found[0] if found else None


class _Headers:
    """The SPDX headers of the files, counted by licence, and the notices saying "or
    any later version" in them: the first of each family, looked for until one was
    found for each GNU text read `-only` (`narrow`), or the first one when there is
    none. A first notice of another family or version does not hide the one of the
    licence: cea-sec/miasm's Dockerfile (Miasm-Docker's GPL-3 notice) comes before the
    "version 2 ... or (at your option) any later version" of its own code."""

    def __init__(self, skip: set[str], copies: Copies = NO_COPIES,
                 narrow: set[str] | None = None) -> None:
        self.skip = skip
        self.copies = copies  # their files' heads are another project's
        self.counts: Counter[str] = Counter()
        self.first: dict[str, tuple[str, int]] = {}
        self.notices: dict[str, Declaration] = {}
        self.unwidened = set(narrow or ())  # the texts no notice found yet widens
        self.looking = True

    def wants(self, entry: FileEntry) -> bool:
        return not (entry.path in self.skip or entry.path.startswith(REUSE_DIR)
                    or entry.symlink_escapes or self.copies.holds(entry.path))

    def take(self, path: str, head: bytes | None) -> None:
        # another project's file (`_others_file`) is asked for only once a head holds a
        # notice or a header: its path's folders are read one by one, and asked of every
        # file of a tree 200 levels deep that took a step per level of each path
        if not head or b"\0" in head:
            return
        if self.looking:
            family = head_notice(path, head)
            if family and family not in self.notices:
                self.notices[family] = Declaration(
                    "later-notice", path, None, None, family, 1.0,
                    where="or any later version", files=1, root=False)
                self.unwidened = {spdx for spdx in self.unwidened
                                  if _widened_by_notice(spdx, {family}) == spdx}
                self.looking = bool(self.unwidened)
        found = head_licence(path, head)
        if found is None:
            return
        spdx, line = found
        self.counts[spdx] += 1
        if spdx not in self.first:
            self.first[spdx] = (path, line)

    def declarations(self) -> list[Declaration]:
        return [
            Declaration("spdx-header", self.first[spdx][0], self.first[spdx][1], spdx, spdx,
                        1.0, files=count, root=False)
            for spdx, count in self.counts.most_common()
        ] + list(self.notices.values())


# -- the project's licence -----------------------------------------------------------------


@dataclass(frozen=True)
class ProjectLicence:
    """What the project as a whole is licensed under, and the declarations saying so."""

    spdx: str
    evidence: tuple[Declaration, ...]
    # Several licence files: the manifest, README or publiccode.yml that names them all
    # and so says how they combine (`MIT OR Apache-2.0`, `MIT AND GPL-2.0-only`).
    combined_by: Declaration | None = None
    # The GNU ids read `-only` from a bare licence text (no notice said "or later"): the
    # text cannot tell `-only` from `-or-later`, so either reading agrees with it.
    bare_gnu: frozenset[str] = frozenset()
    # Read from the files' SPDX headers: every licence they name and how many files
    # name it, most common first (merge-request mode tells from it whether a change's
    # headers could have made another licence the most common).
    header_counts: tuple[tuple[str, int], ...] = ()

    @property
    def header_parts(self) -> frozenset[str]:
        """What of the files' heads may have made the licence other than it is now (a
        change of a source file's head changes it through that part only): HEAD_SPDX,
        the most common SPDX header, when no licence file nor statement says it;
        HEAD_NOTICE, a head's "or any later version" notice, when a GNU licence text is
        read `-only` now (one read `-or-later` is as wide as a notice makes it, and the
        SPDX headers are not read beside a licence file)."""
        parts = set()
        for declaration in self.evidence:
            spdx = str(declaration.spdx)
            if declaration.kind == "spdx-header":
                parts.add(HEAD_SPDX)
            elif (declaration.kind == "licence-file" and spdx.startswith(_GNU_IDS)
                  and spdx.endswith("-only")
                  and spdx.removesuffix("-only") + "-or-later" not in _ids(self.spdx)):
                parts.add(HEAD_NOTICE)
        return frozenset(parts)


def project_licence(found: list[Declaration]) -> ProjectLicence | None:
    """The root licence files first (their texts are what binds), then the manifests,
    README and publiccode.yml, then the REUSE folder or the most common SPDX header."""
    files = [d for d in found if d.kind == "licence-file" and d.spdx]
    notices = {d.raw for d in found if d.kind == "later-notice"}
    # publiccode.yml, a manifest or the README saying `AGPL-3.0-or-later` tells how to
    # read a bare GNU licence text at the root (not a notice that names its version).
    later_declared = {f"{match.group(1)}-{match.group(2)}" for d in found
                      if d.project_level and d.kind != "licence-file" and d.spdx
                      for match in _OR_LATER_ID.finditer(d.spdx)}
    if files:
        expressions: list[str] = []
        bare: set[str] = set()  # read -only from a bare GNU text: -or-later as well
        for declaration in _lesser_with_its_gpl(files):
            full_text = declaration.identification is not None and \
                declaration.identification.full_text
            spdx = _widened_by_notice(str(declaration.spdx),
                                      notices | later_declared if full_text else notices)
            if spdx == declaration.spdx and full_text:
                bare.add(spdx)
            # COPYING (a bare GNU text, read -only) beside a notice saying "or later":
            # one licence, and the notice tells which reading.
            same = [e for e in expressions if gnu_widened(e) == gnu_widened(spdx)]
            if not same:
                expressions.append(spdx)
            elif "-or-later" in spdx and "-or-later" not in same[0]:
                expressions[expressions.index(same[0])] = spdx
        bare_gnu = frozenset(key for spdx in bare for key in _ids(spdx)
                             if key.endswith("-only"))
        if len(expressions) == 1:
            # the file with the whole text is the evidence shown, not a notice before it
            return ProjectLicence(expressions[0], tuple(text_files_first(files)),
                                  bare_gnu=bare_gnu)
        combined_by = _combining(expressions, bare_gnu, found)
        if combined_by is not None:
            return ProjectLicence(str(combined_by.spdx), tuple(files), combined_by, bare_gnu)
        return ProjectLicence(normalise(" AND ".join(f"({e})" for e in expressions)),
                              tuple(files), bare_gnu=bare_gnu)
    declared = [d for d in found if d.project_level and d.spdx]
    if declared:
        return ProjectLicence(str(declared[0].spdx), tuple(declared))
    reuse = [d for d in found if d.kind == "reuse-licence" and d.spdx]
    if len(reuse) == 1:
        return ProjectLicence(str(reuse[0].spdx), tuple(reuse))
    headers = [d for d in found if d.kind == "spdx-header" and d.spdx]
    if headers:
        # the licence's text in LICENSES/ says it better than the first file's header
        texts = [d for d in reuse if d.spdx == headers[0].spdx]
        return ProjectLicence(str(headers[0].spdx), (*texts, headers[0]),
                              header_counts=tuple((str(d.spdx), d.files) for d in headers))
    return None


def single_licence(found: list[Declaration]) -> str | None:
    """The project's licence when it can be written on one file: several licences that
    all apply (AND) say nothing of which one a given file is under."""
    project = project_licence(found)
    if project is None or all_required(project.spdx):
        return None
    return project.spdx


_GNU_IDS = ("GPL-", "LGPL-", "AGPL-")
_OR_LATER_ID = re.compile(r"\b((?:A|L)?GPL)-(\d)\.\d-or-later\b")


def _widened_by_notice(spdx: str, families: set[str]) -> str:
    """A bare GNU text reads `-only`; a notice of the project saying "or (at your
    option) any later version" for that licence makes it `-or-later`."""
    for family in families:
        name, _, major = family.partition("-")
        if not spdx.startswith(f"{name}-{major}") or not spdx.endswith("-only"):
            continue
        if " " not in spdx:
            return spdx.removesuffix("-only") + "-or-later"
    return spdx


_LESSER_NAME = re.compile(r"lesser|\.lib\b|lgpl", re.IGNORECASE)


def _lesser_with_its_gpl(files: list[Declaration]) -> list[Declaration]:
    """COPYING (the GPL text) beside COPYING.LESSER (the LGPL text) is an LGPL project:
    the LGPL-3.0 is a set of permissions added to the GPL-3.0, whose text must come
    with it (and COPYING + COPYING.LIB is the same habit for the LGPL-2.x)."""
    lesser = [d for d in files if str(d.spdx).startswith("LGPL-")]
    if not lesser:
        return files
    kept: list[Declaration] = []
    for declaration in files:
        spdx = str(declaration.spdx)
        version = spdx.removeprefix("GPL-").split("-")[0]
        pairs = [d for d in lesser if str(d.spdx).startswith(f"LGPL-{version}")
                 or (version == "2.0" and _LESSER_NAME.search(d.path)
                     and str(d.spdx).startswith(("LGPL-2.0", "LGPL-2.1")))]
        if spdx.startswith("GPL-") and pairs:
            continue
        kept.append(declaration)
    return kept


def gnu_widened(expression: str) -> str:
    """The expression with every GNU `-only` read as `-or-later`: what a bare GNU text
    cannot tell apart."""
    return expression.replace("-only", "-or-later")


def _combining(expressions: list[str], bare_gnu: frozenset[str],
               found: list[Declaration]) -> Declaration | None:
    """Several licence files: the first project-level declaration (manifest, README,
    publiccode.yml) that names exactly the licences of the files tells how they combine
    (`MIT OR Apache-2.0` in Cargo.toml, `MIT AND GPL-2.0-only` in package.json); so does
    a licence file that is no text but a short statement naming them all (Spoon's
    `LICENSE-short.txt`, an SPDX licence tag `(MIT OR CECILL-C)`, beside
    `LICENSE-MIT.txt` and `LICENSE-CECILL-C.txt`). A licence read from a bare GNU text
    may be named `-only` or `-or-later`; exceptions (WITH) only add permissions and are
    not compared."""
    wanted = {key for expression in expressions for key in _ids(expression)}
    for declaration in found:
        if not declaration.project_level or not declaration.spdx:
            continue
        if declaration.kind == "licence-file" and (
                holds_text(declaration) or len(_ids(declaration.spdx)) < 2):
            continue
        named = _ids(declaration.spdx)
        if named and {_bare_read(key, bare_gnu) for key in named} == wanted:
            return declaration
    return None


def _ids(expression: str) -> set[str]:
    """The licence ids of an expression, normalised, exceptions left out; none when it
    does not parse."""
    try:
        return set(keys(expression))
    except InvalidExpression:
        return set()

def same_licensing(first: str, second: str, bare_gnu: frozenset[str] = frozenset()) -> bool:
    """Do two declarations say the same licensing? Order, parentheses and deprecated ids
    aside; a GNU id of `bare_gnu` (read from a bare text) agrees in either reading; an
    exception (WITH) on one side only adds permissions to the same licence, so it
    agrees, while two different exceptions do not."""
    try:
        first, second = _bare_reading(first, bare_gnu), _bare_reading(second, bare_gnu)
        if equivalent(first, second):
            return True
        if has_exception(first) and has_exception(second):
            return False
        return equivalent(without_exceptions(first), without_exceptions(second))
    except InvalidExpression:
        return False


def _bare_read(key: str, bare_gnu: frozenset[str]) -> str:
    """`GPL-3.0-or-later` read as `GPL-3.0-only` when the only text is a bare GPL-3.0."""
    narrowed = key.removesuffix("-or-later") + "-only"
    return narrowed if key.endswith("-or-later") and narrowed in bare_gnu else key


def _bare_reading(expression: str, bare_gnu: frozenset[str]) -> str:
    tokens = normalise(expression).replace("(", " ( ").replace(")", " ) ").split()
    return " ".join(_bare_read(token, bare_gnu) for token in tokens)
