# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every place a repository declares its licence, found by static reading only.

Licence files (LICENSE, LICENCE, COPYING, COPYRIGHT, UNLICENSE with any extension or
suffix, the REUSE `LICENSES/` folder), package manifests, the README's licence
section, publiccode.yml `legal.license` and the SPDX headers of files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from opencheck.licensing.expressions import InvalidExpression, licensing, normalise
from opencheck.licensing.identify import Identification, identify, identify_bytes
from opencheck.licensing.manifests import Field, ManifestError, reader_for
from opencheck.licensing.names import named_licences
from opencheck.repository import Repository
from opencheck.textdecode import decode_text
from opencheck.yamlsafe import YamlError, load_yaml

LICENCE_FILE = re.compile(
    r"^(?:licen[cs]e|copying|copyright|unlicen[cs]e)(?:[-_.][\w.-]*)?$", re.IGNORECASE
)
REUSE_DIR = "LICENSES/"
# LICENSE-THIRD-PARTY.md, COPYING.dependencies...: other people's licences, not the project's
_THIRD_PARTY_NAME = re.compile(r"third|3rd|notice|dependenc|deps|vendor|bundled", re.IGNORECASE)
MANIFEST_DEPTH = 2  # manifests at the root and one or two folders down
SKIPPED_DIRS = ("node_modules/", "vendor/", "third_party/", "third-party/", "external/")
HEADER_BYTES = 4096
# REUSE-IgnoreStart
_SPDX_HEADER = re.compile(rb"SPDX-License-Identifier:\s*([^\r\n]*)")
# REUSE-IgnoreEnd
_HEADER_END = re.compile(r"\s*(?:\*/|-->|#\}|\"\"\"|'''|;|\*\)|-\}).*$")
NOT_DECLARED = {"NOASSERTION", "NONE"}
PROPRIETARY = {"UNLICENSED", "PROPRIETARY", "LICENSEREF-PROPRIETARY", "ALL RIGHTS RESERVED"}
_README_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
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


def licence_file_paths(repo: Repository) -> list[str]:
    """Licence files at the root, then the texts of the REUSE `LICENSES/` folder."""
    paths = repo.paths()
    found = [
        path for path in paths
        if "/" not in path and LICENCE_FILE.match(path) and not _THIRD_PARTY_NAME.search(path)
    ]
    found += [path for path in paths if path.startswith(REUSE_DIR) and path.count("/") == 1]
    return found


def collect(repo: Repository) -> list[Declaration]:
    """Every declaration of the repository, in a stable order."""
    found: list[Declaration] = []
    for path in licence_file_paths(repo):
        found.append(_licence_file(repo, path))
    for path in repo.paths():
        if _is_manifest(path):
            found.extend(_manifest(repo, path))
    found.extend(_readme(repo))
    found.extend(_publiccode(repo))
    found.extend(_headers(repo, {d.path for d in found}))
    return found


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
        unknown = licensing().unknown_license_keys(spdx)
    except (InvalidExpression, Exception):
        return None
    if any(not str(key).startswith("LicenseRef-") for key in unknown):
        return None
    return spdx


def resolve_name(raw: str) -> tuple[str | None, float]:
    """An SPDX expression for a free-form licence name ("GNU GPL v3", "Licence CeCILL-B")."""
    spdx = _known_expression(raw)
    if spdx is not None:
        return spdx, 1.0
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
    for index, line in enumerate(lines):
        match = _README_HEADING.match(line)
        if match:
            headings.append((index, len(match.group(1)), match.group(2)))
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


def _readme(repo: Repository) -> list[Declaration]:
    for path in readme_paths(repo):
        text = repo.read_text(path)
        if text is None:
            continue
        section = readme_licence_section(text)
        if section is None:
            continue
        line, body = section
        found = identify(body)
        if found.spdx is None:
            return []
        return [Declaration("readme", path, line, _valid(found.spdx), found.spdx,
                            found.confidence, where="licence section", identification=found)]
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


def _headers(repo: Repository, skip: set[str]) -> list[Declaration]:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, int]] = {}
    for entry in repo.files:
        if entry.path in skip or entry.path.startswith(REUSE_DIR) or entry.symlink_escapes:
            continue
        head = repo.read_head(entry.path, HEADER_BYTES)
        if not head or b"SPDX-License-Identifier" not in head or b"\0" in head:
            continue
        match = _SPDX_HEADER.search(head)
        if match is None:
            continue
        raw = _HEADER_END.sub("", match.group(1).decode("utf-8", "replace")).strip()
        spdx = _valid(raw)
        if spdx is None:
            continue
        counts[spdx] += 1
        if spdx not in first:
            first[spdx] = (entry.path, head.count(b"\n", 0, match.start()) + 1)
    return [
        Declaration("spdx-header", first[spdx][0], first[spdx][1], spdx, spdx, 1.0,
                    files=count, root=False)
        for spdx, count in counts.most_common()
    ]


# -- the project's licence -----------------------------------------------------------------


@dataclass(frozen=True)
class ProjectLicence:
    """What the project as a whole is licensed under, and the declarations saying so."""

    spdx: str
    evidence: tuple[Declaration, ...]


def project_licence(found: list[Declaration]) -> ProjectLicence | None:
    """The root licence files first (their texts are what binds), then the manifests,
    README and publiccode.yml, then the REUSE folder or the most common SPDX header."""
    files = [d for d in found if d.kind == "licence-file" and d.spdx]
    if files:
        expressions: list[str] = []
        for declaration in files:
            spdx = str(declaration.spdx)
            # COPYING (a bare GNU text, read -only) beside a notice saying "or later":
            # one licence, and the notice tells which reading.
            same = [e for e in expressions if gnu_widened(e) == gnu_widened(spdx)]
            if not same:
                expressions.append(spdx)
            elif "-or-later" in spdx and "-or-later" not in same[0]:
                expressions[expressions.index(same[0])] = spdx
        return ProjectLicence(_combine(expressions, found), tuple(files))
    declared = [d for d in found if d.project_level and d.spdx]
    if declared:
        return ProjectLicence(str(declared[0].spdx), tuple(declared))
    reuse = [d for d in found if d.kind == "reuse-licence" and d.spdx]
    if len(reuse) == 1:
        return ProjectLicence(str(reuse[0].spdx), tuple(reuse))
    headers = [d for d in found if d.kind == "spdx-header" and d.spdx]
    if headers:
        return ProjectLicence(str(headers[0].spdx), (headers[0],))
    return None


def gnu_widened(expression: str) -> str:
    """The expression with every GNU `-only` read as `-or-later`: what a bare GNU text
    cannot tell apart."""
    return expression.replace("-only", "-or-later")


def _combine(expressions: list[str], found: list[Declaration]) -> str:
    """Several licence files: a declaration that names them all tells how they combine
    (`MIT OR Apache-2.0` in Cargo.toml); otherwise they all apply (AND)."""
    if len(expressions) == 1:
        return expressions[0]
    wanted = set(expressions)
    for declaration in found:
        if declaration.project_level and declaration.kind != "licence-file" and declaration.spdx:
            try:
                keys = {str(k) for k in licensing().license_keys(declaration.spdx)}
            except Exception:
                continue
            if keys == wanted:
                return declaration.spdx
    return normalise(" AND ".join(f"({e})" for e in expressions))
