# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The inventory for people and tools: a table, CSV, JSON, and an SPDX 2.3 document."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from opencheck import __version__
from opencheck.deps.compat import Verdict
from opencheck.deps.model import BUILD, DEV, OPTIONAL, Dependency, Inventory
from opencheck.report.sanitize import csv_cell

FORMATS = ("table", "csv", "json", "spdx")
COLUMNS = ("ecosystem", "name", "version", "licence", "licence_source", "direct", "scope",
           "verdict", "declared_in")
HEADINGS = {
    "en": ("Ecosystem", "Name", "Version", "Licence", "From", "Direct", "Scope", "Verdict",
           "Declared in"),
    "fr": ("Écosystème", "Nom", "Version", "Licence", "Source", "Directe", "Portée", "Verdict",
           "Déclarée dans"),
}
VERDICT_LABELS = {
    "fr": {"ok": "ok", "relicense": "relicence", "copyleft": "copyleft",
           "unknown": "inconnue", "incompatible": "incompatible", "non-free": "non libre"},
    "en": {"ok": "ok", "relicense": "relicense", "copyleft": "copyleft",
           "unknown": "unknown", "incompatible": "incompatible", "non-free": "not free"},
}
Judged = list[tuple[Dependency, Verdict]]


def _direct(value: bool | None, lang: str) -> str:
    if value is None:
        return "?"
    return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")


def _row(dep: Dependency, verdict: Verdict, lang: str) -> list[str]:
    return [dep.ecosystem, dep.name, dep.version or "", dep.spdx or dep.licence or "?",
            dep.licence_source or "", _direct(dep.direct, lang), dep.scope,
            VERDICT_LABELS[lang].get(verdict.kind, verdict.kind), dep.declared_in]


def render_table(inventory: Inventory, judged: Judged, lang: str = "en") -> str:
    if not judged:
        return _nothing_found(inventory, lang)
    rows = [list(HEADINGS[lang])] + [_row(dep, verdict, lang) for dep, verdict in judged]
    rows = [[_CONTROL.sub("?", cell) for cell in row] for row in rows]
    widths = [min(max(len(row[i]) for row in rows), 48) for i in range(len(COLUMNS))]
    lines = []
    project = inventory.project_licence or ("inconnue" if lang == "fr" else "unknown")
    where = f" ({inventory.project_licence_source})" if inventory.project_licence_source else ""
    lines.append(("Licence du projet : " if lang == "fr" else "Project licence: ")
                 + project + where)
    for index, row in enumerate(rows):
        cells = [_clip(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    counts = Counter(verdict.kind for _, verdict in judged)
    summary = ", ".join(f"{VERDICT_LABELS[lang].get(k, k)}: {n}" for k, n in sorted(counts.items()))
    total = len(judged)
    lines.append("")
    lines.append((f"{total} dépendance(s)" if lang == "fr" else f"{total} dependencies")
                 + (f" — {summary}" if summary else ""))
    for problem in inventory.problems:
        lines.append(_CONTROL.sub("?", f"! {problem.path}: {problem.message.get(lang)}"))
    return "\n".join(lines) + "\n"


def _nothing_found(inventory: Inventory, lang: str) -> str:
    """One line instead of an empty table (and the files that could not be read)."""
    if inventory.manifests:
        files = _CONTROL.sub("?", ", ".join(inventory.manifests))
        line = (f"Aucune dépendance déclarée dans : {files}." if lang == "fr"
                else f"No dependency declared in: {files}.")
    else:
        line = ("Aucun manifeste de dépendances ni fichier de verrouillage trouvé."
                if lang == "fr" else "No dependency manifest or lockfile found.")
    lines = [line] + [_CONTROL.sub("?", f"! {problem.path}: {problem.message.get(lang)}")
                      for problem in inventory.problems]
    return "\n".join(lines) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _clip(text: str, width: int) -> str:
    """One table cell: control characters (terminal escapes in a hostile package name)
    shown as `?`, long text cut."""
    text = _CONTROL.sub("?", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_csv(inventory: Inventory, judged: Judged, lang: str = "en") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*COLUMNS, "spdx", "category", "locked"])
    for dep, verdict in judged:
        # every cell: a requirement, a licence or a path is written as the repository wants
        writer.writerow([csv_cell(cell) for cell in (
            dep.ecosystem, dep.name, dep.version, dep.licence, dep.licence_source,
            "" if dep.direct is None else str(dep.direct).lower(),
            dep.scope, verdict.kind, dep.declared_in, dep.spdx,
            verdict.category, str(dep.locked).lower(),
        )])
    return buffer.getvalue()


def to_json(inventory: Inventory, judged: Judged, root: str) -> dict[str, Any]:
    return {
        "root": root,
        "opencheck_version": __version__,
        "project": {"licence": inventory.project_licence,
                    "licence_source": inventory.project_licence_source},
        "manifests": inventory.manifests,
        "summary": {
            "dependencies": len(judged),
            "verdicts": dict(Counter(verdict.kind for _, verdict in judged)),
            "ecosystems": dict(Counter(dep.ecosystem for dep, _ in judged)),
        },
        "dependencies": [
            {
                "ecosystem": dep.ecosystem, "name": dep.name, "version": dep.version,
                "locked": dep.locked, "direct": dep.direct, "scope": dep.scope,
                "declared_in": dep.declared_in, "licence": dep.licence, "spdx": dep.spdx,
                "licence_source": dep.licence_source, "category": verdict.category,
                "verdict": verdict.kind, "detail": dep.detail,
                "why": {"fr": verdict.why.fr, "en": verdict.why.en} if verdict.why else None,
                "reference": verdict.source,
            }
            for dep, verdict in judged
        ],
        "problems": [
            {"path": p.path, "kind": p.kind, "message": {"fr": p.message.fr, "en": p.message.en}}
            for p in inventory.problems
        ],
    }


def render_json(inventory: Inventory, judged: Judged, root: str) -> str:
    return json.dumps(to_json(inventory, judged, root), ensure_ascii=False, indent=2) + "\n"


# -- SPDX 2.3 ----------------------------------------------------------------------

PURL_TYPES = {"npm": "npm", "pypi": "pypi", "cargo": "cargo", "composer": "composer",
              "golang": "golang", "maven": "maven", "gem": "gem"}
_ID_CHARS = re.compile(r"[^A-Za-z0-9.-]+")
_LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


def purl(dep: Dependency) -> str | None:
    kind = PURL_TYPES.get(dep.ecosystem)
    if kind is None or not dep.locked or not dep.version:
        return None
    if kind == "maven" and ":" in dep.name:
        group, artifact = dep.name.split(":", 1)
        path = f"{quote(group)}/{quote(artifact)}"
    else:
        path = "/".join(quote(part, safe="") for part in dep.name.split("/"))
    return f"pkg:{kind}/{path}@{quote(dep.version, safe='')}"


def to_spdx(inventory: Inventory, judged: Judged, root: str,
            created: datetime | None = None) -> dict[str, Any]:
    name = Path(root).name or "project"
    stamp = (created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    project_id = "SPDXRef-Project"
    packages: list[dict[str, Any]] = [{
        "SPDXID": project_id,
        "name": name,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": False,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": inventory.project_licence or "NOASSERTION",
        "copyrightText": "NOASSERTION",
        "primaryPackagePurpose": "APPLICATION",
    }]
    relationships = [{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                      "relatedSpdxElement": project_id}]
    refs: set[str] = set(_LICENSE_REF.findall(inventory.project_licence or ""))
    for index, (dep, _verdict) in enumerate(judged, start=1):
        spdx_id = f"SPDXRef-Package-{index}-{_ID_CHARS.sub('-', dep.name)[:60].strip('-')}"
        package: dict[str, Any] = {
            "SPDXID": spdx_id,
            "name": dep.name,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": False,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": dep.spdx or "NOASSERTION",
            "copyrightText": "NOASSERTION",
            "primaryPackagePurpose": "LIBRARY",
        }
        if dep.version:
            package["versionInfo"] = dep.version
        locator = purl(dep)
        if locator:
            package["externalRefs"] = [{"referenceCategory": "PACKAGE-MANAGER",
                                        "referenceType": "purl",
                                        "referenceLocator": locator}]
        notes = [f"declared in {dep.declared_in}"]
        if dep.direct is False:
            notes.append("transitive dependency")
        if dep.licence and not dep.spdx:
            notes.append(f"licence declared as: {dep.licence}")
        if dep.licence_source:
            notes.append(f"licence from: {dep.licence_source}")
        package["comment"] = "; ".join(notes)
        refs.update(_LICENSE_REF.findall(dep.spdx or ""))
        packages.append(package)
        relationships.append(_relationship(dep, project_id, spdx_id))
    document: dict[str, Any] = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": f"{name} dependencies",
        "documentNamespace": f"https://spdx.org/spdxdocs/opencheck/{quote(name)}-{uuid.uuid4()}",
        "creationInfo": {"created": stamp, "creators": [f"Tool: opencheck-{__version__}"]},
        "packages": packages,
        "relationships": relationships,
    }
    if refs:
        document["hasExtractedLicensingInfos"] = [
            {"licenseId": ref, "name": ref,
             "extractedText": "Licence named by the package metadata; text not collected."}
            for ref in sorted(refs)
        ]
    return document


def _relationship(dep: Dependency, project_id: str, spdx_id: str) -> dict[str, str]:
    if dep.ecosystem in ("vendored", "copied"):
        return {"spdxElementId": project_id, "relationshipType": "CONTAINS",
                "relatedSpdxElement": spdx_id}
    reverse = {DEV: "DEV_DEPENDENCY_OF", OPTIONAL: "OPTIONAL_DEPENDENCY_OF",
               BUILD: "BUILD_DEPENDENCY_OF"}.get(dep.scope)
    if reverse:
        return {"spdxElementId": spdx_id, "relationshipType": reverse,
                "relatedSpdxElement": project_id}
    return {"spdxElementId": project_id, "relationshipType": "DEPENDS_ON",
            "relatedSpdxElement": spdx_id}


def render_spdx(inventory: Inventory, judged: Judged, root: str) -> str:
    return json.dumps(to_spdx(inventory, judged, root), ensure_ascii=False, indent=2) + "\n"
