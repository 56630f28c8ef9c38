# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Baselines: record today's findings, then report only the new ones.

A baseline lists fingerprints, which do not depend on line numbers: a finding stays
known when lines move above it, and becomes new when its rule, file or subject changes.

A finding about a secret value is fingerprinted by its place, or by an HMAC under
`OPENCHECK_FINGERPRINT_KEY` (`secrets/fingerprints.py`), never by the value's hash: a
baseline may be committed and published. A baseline earlier versions wrote holds the
hash-made form; its entries still match (the form is recomputed here from the value),
and the report says to write the baseline again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opencheck.errors import OpencheckError
from opencheck.model import Finding, Report, Text
from opencheck.narrow import narrow
from opencheck.parsing import load_json
from opencheck.report.sanitize import undecodable_escaped
from opencheck.safefile import FileRefused, open_output, read_regular
from opencheck.secrets.fingerprints import VALUE_RULES, by_place, in_tree, of_history

FORMAT = "opencheck-baseline"
VERSION = 1
DEFAULT_NAME = ".opencheck-baseline.json"
MAX_SIZE = 64 * 1024 * 1024


class BaselineError(OpencheckError):
    """The baseline file cannot be read or is not a baseline."""


def baseline_dict(report: Report) -> dict[str, Any]:
    entries = {
        fingerprint: {"fingerprint": fingerprint, "rule": finding.rule, "path": finding.path}
        for finding in report.findings for fingerprint in finding.fingerprints
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "opencheck_version": report.opencheck_version,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": report.profile,
        # how secret values were fingerprinted: "place", or "keyed" (the key is needed
        # to match them); absent from baselines of earlier versions
        "secret_fingerprints": report.metadata.get("secret_fingerprints", "place"),
        "findings": sorted(entries.values(), key=lambda e: (e["rule"], e["path"] or "",
                                                             e["fingerprint"])),
    }


def write(report: Report, target: Path) -> int:
    data = baseline_dict(report)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # its default place is in the repository, whose copy of the name may be a link
    with open_output(target, report.root) as stream:
        stream.write(undecodable_escaped(text, json_text=True))
    return len(data["findings"])


def load(path: Path) -> frozenset[str]:
    try:
        raw = read_regular(path, MAX_SIZE)
    except OSError as error:  # a FIFO would block: only a regular file is read
        reason = error.strerror or str(error)
        raise BaselineError(Text(
            f"impossible de lire la base de référence {path} : "
            f"{error.fr if isinstance(error, FileRefused) else reason}",
            f"cannot read baseline {path}: {reason}",
        )) from error
    return parse(raw, str(path))


class Known(frozenset[str]):
    """A baseline's fingerprints. `secret_form`: how it fingerprinted the secret values
    it lists (`place`, `keyed`); "" when it lists none or an earlier version wrote it."""

    secret_form = ""


def parse(raw: bytes, path: str) -> frozenset[str]:
    """The fingerprints of a baseline's bytes; `path` names it in messages."""
    try:
        data = load_json(raw.decode("utf-8"))
    except RecursionError as error:
        raise BaselineError(Text(f"{path} : JSON imbriqué trop profondément",
                                 f"{path}: JSON nested too deeply")) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(Text(f"{path} n'est pas une base de référence JSON : {error}",
                                 f"{path} is not a JSON baseline: {error}")) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BaselineError(Text(
            f"{path} n'est pas une base de référence opencheck (pas de \"format\": \"{FORMAT}\")",
            f"{path} is not an opencheck baseline (no \"format\": \"{FORMAT}\")",
        ))
    if data.get("version") != VERSION:
        version = data.get("version")
        raise BaselineError(Text(f"{path} : version de base de référence inconnue {version!r}",
                                 f"{path}: unsupported baseline version {version!r}"))
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(item, dict) and isinstance(item.get("fingerprint"), str) for item in findings
    ):
        raise BaselineError(Text(
            f"{path} : \"findings\" doit être une liste de {{\"fingerprint\": ...}}",
            f"{path}: \"findings\" must be a list of {{\"fingerprint\": ...}}",
        ))
    known = Known(item["fingerprint"] for item in findings)
    form = data.get("secret_fingerprints")
    if isinstance(form, str) and any(item.get("rule") in VALUE_RULES for item in findings):
        known.secret_form = form
    return known


def only_new(report: Report, known: frozenset[str], source: str) -> Report:
    before = len(report.findings)
    former = 0
    # Narrowed to a change, a value of the tree is left only where the change brought it:
    # a baseline that knows its place knew another value there.
    changed = isinstance(report.metadata.get("diff"), dict)

    def new(finding: Finding) -> bool:
        nonlocal former
        if known.issuperset(finding.fingerprints) and not (
                changed and by_place(finding.public_key)
                and (in_tree(finding) or of_history(finding))):
            return False
        if finding.former_fingerprint in known:
            former += 1
            return False
        return True

    narrowed = narrow(report, new, {})
    narrowed.metadata["baseline"] = {
        "file": source,
        "known_findings": before - len(narrowed.findings),
    }
    if former:
        narrowed.metadata["baseline"]["former_fingerprints"] = former
    # written with OPENCHECK_FINGERPRINT_KEY and read without it, or the reverse: its
    # secrets are not recognised, and the report says why
    form, ran = getattr(known, "secret_form", ""), report.metadata.get("secret_fingerprints")
    if form and isinstance(ran, str) and form != ran:
        narrowed.metadata["baseline"]["secret_fingerprints"] = {"baseline": form, "run": ran}
    return narrowed
