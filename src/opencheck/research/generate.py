# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck init codemeta`: a codemeta.json (CodeMeta 3.0) from what the repository
shows, through the crosswalk with publiccode.yml; what it does not show is a visible
"[TO BE COMPLETED: ...]" value that `placeholders-left` names.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from opencheck.community import facts
from opencheck.gitcmd import GitError, run_git
from opencheck.licensing import InvalidExpression, collect, project_licence
from opencheck.licensing.expressions import choices
from opencheck.licensing.holder import project_holder
from opencheck.report.sanitize import json_escaped
from opencheck.repository import Repository
from opencheck.research.crosswalk import from_repository

CONTEXT = "https://w3id.org/codemeta/3.0"
TODO = "[TO BE COMPLETED: {what}]"


def codemeta_for(repo: Repository) -> dict[str, Any]:
    from opencheck.scaffold import gather
    from opencheck.scaffold.readme import languages

    code = facts.publiccode(repo)
    project = gather(repo)
    described = from_repository(repo)
    data: dict[str, Any] = {"@context": CONTEXT, "@type": "SoftwareSourceCode",
                            "name": project.name}
    description = _publiccode_description(code)
    data["description"] = description or TODO.format(what="what the software does, for whom")
    licence = project_licence(collect(repo))
    if licence is not None:
        urls = [f"https://spdx.org/licenses/{spdx}" for spdx in _ids(licence.spdx)]
        data["license"] = urls[0] if len(urls) == 1 else urls
    else:
        data["license"] = TODO.format(what="https://spdx.org/licenses/<SPDX id>")
    if described.repository:
        data["codeRepository"] = described.repository
        if project.issues:
            data["issueTracker"] = project.issues
    version = facts.get(code, "softwareVersion") or described.version
    if version:
        data["version"] = str(version)
    data["dateModified"] = _last_change(repo)
    if isinstance(facts.get(code, "landingURL"), str):
        data["url"] = facts.get(code, "landingURL")
    if isinstance(facts.get(code, "developmentStatus"), str):
        data["developmentStatus"] = facts.get(code, "developmentStatus")
    holder = project_holder(repo, code)
    if holder is not None:
        data["copyrightHolder"] = {"@type": "Organization", "name": holder.name}
    data["author"] = [{"@type": "Person", "name": name} for name in project.authors[:50]] or [
        {"@type": "Person", "name": TODO.format(what="author")}]
    found = languages(repo)
    if found:
        data["programmingLanguage"] = found
    return data


def render(data: dict[str, Any]) -> str:
    """codemeta.json's text: its values come from the repository (publiccode.yml's
    description, the README's title, the authors), whose C1 controls, right-to-left
    overrides and line separators JSON's quoting leaves raw: written as `\\uXXXX`."""
    return json_escaped(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def _publiccode_description(code: dict[str, Any] | None) -> str | None:
    descriptions = facts.get(code, "description")
    if not isinstance(descriptions, dict):
        return None
    for lang in ("en", "fr", *descriptions):
        short = facts.get(descriptions, lang, "shortDescription")
        if isinstance(short, str) and short.strip():
            return short.strip()
    return None


def _ids(expression: str) -> list[str]:
    try:
        ways = choices(expression)
    except InvalidExpression:
        return [expression]
    return sorted({spdx for way in ways for spdx in way})


def _last_change(repo: Repository) -> str:
    """The date of the last commit, or today for a folder outside git."""
    git = repo.git
    if git is not None and git.head is not None:
        try:
            stamp = run_git(repo.root, "log", "-1", "--format=%ct", git.head).strip()
            return datetime.fromtimestamp(int(stamp), UTC).date().isoformat()
        except (GitError, ValueError):
            pass
    return datetime.now(UTC).date().isoformat()
