# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck licence [FILE...]`: which licence does each file hold, is it authorised?

With files, each is identified from its text. Without, every licence declaration of the
repository (`--repo`, default `.`) is listed, with the project's licence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from opencheck.cli.common import EXIT_FINDINGS, EXIT_READY, EXIT_USAGE, lang_option, resolve_lang
from opencheck.licensing import (
    Declaration,
    Identification,
    InvalidExpression,
    collect,
    identify_bytes,
    load_authorised,
    project_licence,
)
from opencheck.licensing.authorised import Verdict
from opencheck.model import Text
from opencheck.report.sanitize import command_output, printable
from opencheck.repository import RepositoryError, open_repository

MAX_FILE = 5 * 1024 * 1024  # read no more of a file: a licence text is never this long

WORDS = {
    "authorised": Text("autorisée", "authorised"),
    "not_authorised": Text("NON autorisée", "NOT authorised"),
    "unidentified": Text("non identifiée", "not identified"),
    "confidence": Text("confiance", "confidence"),
    "closest": Text("plus proches", "closest"),
    "data": Text("données seulement", "data only"),
    "reciprocal": Text("à réciprocité", "reciprocity"),
    "project": Text("Licence du projet :", "Project licence:"),
    "none": Text("aucune déclaration de licence trouvée", "no licence declaration found"),
    "problem": Text("problème", "problem"),
}
# The JSON keeps these codes; the text output says them in words.
PROBLEMS = {
    "empty": Text("fichier vide", "empty file"),
    "binary": Text("fichier binaire", "binary file"),
    "too-large": Text("fichier trop gros", "file too large"),
    "unreadable": Text("illisible", "unreadable"),
    "legacy-encoding": Text("encodage ancien (ni UTF-8 ni UTF-16)",
                            "legacy encoding (neither UTF-8 nor UTF-16)"),
    "parse-error": Text("fichier mal formé", "malformed file"),
    "proprietary": Text("licence propriétaire", "proprietary licence"),
    "invalid-expression": Text("expression SPDX invalide", "invalid SPDX expression"),
    "unknown-name": Text("nom de licence inconnu", "unknown licence name"),
}


def _problem(code: str, language: str) -> str:
    text = PROBLEMS.get(code)
    return text.get(language) if text else code


def _verdict(spdx: str | None) -> Verdict | None:
    if not spdx:
        return None
    try:
        return load_authorised().verdict(spdx)
    except InvalidExpression:
        return None


def _file_record(path: str, found: Identification) -> dict[str, Any]:
    verdict = _verdict(found.spdx)
    return {
        "path": path,
        "spdx": found.spdx,
        "confidence": found.confidence,
        "authorised": bool(verdict and verdict.authorised),
        "data_only": bool(verdict and verdict.data_only),
        "reciprocal": bool(verdict and verdict.reciprocal),
        "full_text": found.full_text,
        "alternatives": [{"spdx": c.spdx, "score": c.score} for c in found.alternatives],
        "matches": [
            {"spdx": m.spdx, "score": m.score, "method": m.method, "start_line": m.start_line,
             "end_line": m.end_line, "language": m.language}
            for m in found.matches
        ],
        "encoding": found.encoding,
        "problem": found.problem,
    }


def _declaration_record(declaration: Declaration) -> dict[str, Any]:
    verdict = _verdict(declaration.spdx)
    return {
        "path": declaration.path,
        "line": declaration.line,
        "kind": declaration.kind,
        "where": declaration.where or None,
        "spdx": declaration.spdx,
        "raw": declaration.raw,
        "confidence": declaration.confidence,
        "authorised": bool(verdict and verdict.authorised),
        "problem": declaration.problem,
        "files": declaration.files,
    }


def _status(record: dict[str, Any], language: str) -> str:
    if not record["spdx"]:
        problem = f" ({_problem(record['problem'], language)})" if record.get("problem") else ""
        return WORDS["unidentified"].get(language) + problem
    parts = [
        f"{record['spdx']}",
        f"{WORDS['confidence'].get(language)} {record['confidence']:.2f}",
        WORDS["authorised" if record["authorised"] else "not_authorised"].get(language),
    ]
    if record.get("data_only"):
        parts.append(WORDS["data"].get(language))
    return " · ".join(parts)


@click.command("licence")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--repo", "-C", "repo", default=".", type=click.Path(path_type=Path),
              help="Repository whose declarations to list when no FILE is given.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text")
@lang_option
def licence_command(files: tuple[Path, ...], repo: Path, fmt: str, lang: str | None) -> None:
    """Identify the licence of each FILE, or list the repository's licence declarations."""
    language = resolve_lang(lang)
    if files:
        sys.exit(_files(files, fmt, language))
    sys.exit(_repository(repo, fmt, language))


def _files(files: tuple[Path, ...], fmt: str, language: str) -> int:
    records: list[dict[str, Any]] = []
    missing = False
    for path in files:
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE + 1)
        except OSError as error:
            click.echo(f"opencheck: {path}: {error.strerror or error}", err=True)
            missing = True
            continue
        if len(data) > MAX_FILE:
            found = Identification(None, 0.0, problem="too-large")
        else:
            found = identify_bytes(data)
        records.append(_file_record(str(path), found))
    if fmt == "json":
        click.echo(command_output(json.dumps(records, ensure_ascii=False, indent=2), True))
    else:
        for record in records:
            line = f"{record['path']}: {_status(record, language)}"
            if record["alternatives"] and (not record["spdx"] or record["confidence"] < 0.9):
                closest = ", ".join(f"{a['spdx']} {a['score']:.2f}" for a in record["alternatives"])
                line += f" ({WORDS['closest'].get(language)}: {closest})"
            click.echo(printable(line, one_line=True))
    if missing:
        return EXIT_USAGE
    return EXIT_READY if all(r["authorised"] for r in records) else EXIT_FINDINGS


def _repository(path: Path, fmt: str, language: str) -> int:
    try:
        repository = open_repository(path)
    except RepositoryError as error:
        click.echo(f"opencheck: {error}", err=True)
        return EXIT_USAGE
    found = collect(repository)
    records = [_declaration_record(declaration) for declaration in found]
    project = project_licence(found)
    verdict = _verdict(project.spdx) if project else None
    if fmt == "json":
        click.echo(command_output(json.dumps(records, ensure_ascii=False, indent=2), True))
    else:
        if not records:
            click.echo(WORDS["none"].get(language))
        for record in records:
            where = record["path"] + (f":{record['line']}" if record["line"] else "")
            detail = f" [{record['where']}]" if record["where"] else ""
            count = f" ×{record['files']}" if record["files"] > 1 else ""
            problem = (f" ({WORDS['problem'].get(language)}: "
                       f"{_problem(record['problem'], language)})"
                       if record["problem"] and record["spdx"] else "")
            click.echo(printable(f"{record['kind']:<14} {where}{detail}{count}: "
                                 f"{_status(record, language)}{problem}", one_line=True))
        if project is not None and verdict is not None:
            status = WORDS["authorised" if verdict.authorised else "not_authorised"]
            extra = ""
            if verdict.reciprocal:
                extra = f" · {WORDS['reciprocal'].get(language)}"
            if verdict.data_only:
                extra += f" · {WORDS['data'].get(language)}"
            click.echo(printable(f"\n{WORDS['project'].get(language)} {project.spdx} · "
                                 f"{status.get(language)}{extra}"))
    return EXIT_READY if verdict is not None and verdict.authorised else EXIT_FINDINGS
