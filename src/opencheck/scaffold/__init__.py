# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck init`: write the community files a repository lacks.

`plan` reads the repository (its snapshot, history, tags, publiccode.yml, remote) and
returns what it would write; `write` creates the files, never replacing one: a file
that exists where forges look for it (root, docs/, .github/) is kept as it is.
What the repository does not show is left as a visible "to be completed" marker.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opencheck.community import facts
from opencheck.community import history as hist
from opencheck.oneline import MAX_CHARS, one_line
from opencheck.registry import Context, Options
from opencheck.report.sanitize import printable
from opencheck.repository import Repository, open_repository
from opencheck.scaffold import readme as readme_skeleton
from opencheck.scaffold import texts
from opencheck.scaffold.planned import Planned
from opencheck.scaffold.safewrite import create

# stem looked up, file written, other stems that stand for the same file
FILES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("CONTRIBUTING", "CONTRIBUTING.md", ()),
    ("CODE_OF_CONDUCT", "CODE_OF_CONDUCT.md", ("CODE-OF-CONDUCT",)),
    ("SECURITY", "SECURITY.md", ()),
    ("CHANGELOG", "CHANGELOG.md", ("CHANGES", "HISTORY", "NEWS")),
    ("GOVERNANCE", "GOVERNANCE.md", ()),
    ("ROADMAP", "ROADMAP.md", ()),
    ("AUTHORS", "AUTHORS.md", ("CONTRIBUTORS",)),
)


@dataclass
class Project:
    """What the repository shows, to fill the texts in."""

    name: str
    publisher: str | None = None
    contact: str | None = None
    issues: str | None = None
    licence: str | None = None
    authors: list[str] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    releases: list[tuple[str, str]] = field(default_factory=list)
    mail_domain: str | None = None  # the organisation behind most commit addresses


def gather(repo: Repository, ctx: Context | None = None) -> Project:
    """What the repository shows; `ctx` is a run's context whose analyses (publiccode.yml,
    the history) are reused rather than read again."""
    # Every fact written into a file is one printable line: a newline in a publiccode.yml
    # value would otherwise add a section of its choosing to the README.
    ctx = ctx or Context(repo=repo, options=Options())
    code = facts.shared_publiccode(ctx)
    name = facts.project_name(repo, code)
    project = Project(name=one_line(name) or printable(name[:MAX_CHARS], one_line=True))
    project.publisher = next(filter(None, (
        one_line(facts.get(code, "organisation", "name")),
        one_line(facts.get(code, "legal", "repoOwner")),
        one_line(facts.get(code, "legal", "mainCopyrightOwner")))), None)
    contacts = facts.get(code, "maintenance", "contacts")
    if isinstance(contacts, list):
        for contact in contacts:
            email = one_line(contact.get("email")) if isinstance(contact, dict) else None
            if email and "@" in email:
                project.contact = email
                break
    web = one_line(facts.web_url(repo))
    if web:
        project.issues = web + ("/-/issues" if "gitlab" in web else "/issues")
    project.licence = _licence(ctx, code)
    if repo.git is not None and repo.git.head is not None and not repo.git.objects_unavailable:
        history = hist.shared_history(ctx)
        _people(project, history)
        project.mail_domain = readme_skeleton.mail_domain_publisher(history)
        releases = sorted(hist.release_tags(repo.git.tags), key=lambda tag: tag.date,
                          reverse=True)
        project.releases = [
            (hist.version_text(tag.name), datetime.fromtimestamp(tag.date, UTC).date().isoformat())
            for tag in releases
        ]
    return project


def _licence(ctx: Context, code: dict[str, Any] | None) -> str | None:
    """publiccode.yml's licence, else the project's as the licence family reads it
    (licence files, LICENSES/, manifests, README, headers): the texts of LICENSES/
    joined with AND made `MIT OR Apache-2.0` a licence of both, and a COPYING or a
    manifest alone said nothing."""
    from opencheck.licensing import declarations, project_licence

    declared = one_line(facts.get(code, "legal", "license"))
    if declared:
        return declared
    found = project_licence(declarations(ctx))
    return one_line(found.spdx) if found is not None else None


def _people(project: Project, history: hist.History) -> None:
    """Authors by first contribution; maintainers are the three most active ones."""
    people: dict[str, tuple[int, int]] = {}
    for identity in history.identities.values():
        if not identity.authored or hist.is_bot(identity) or not one_line(identity.name):
            continue
        if hist.generic_reason(identity.email) is not None and identity.name.lower() in (
            "root", "admin", "user", "ubuntu", "unknown"
        ):
            continue
        first, count = people.get(identity.name, (identity.first, 0))
        people[identity.name] = (min(first, identity.first), count + identity.authored)
    project.authors = sorted(people, key=lambda name: (people[name][0], name))
    project.maintainers = sorted(people, key=lambda name: (-people[name][1], name))[:3]


def plan(
    path: str | os.PathLike[str], lang: str, repo: Repository | None = None,
    project: Project | None = None,
) -> list[Planned]:
    repo = repo or open_repository(path)
    project = project or gather(repo)
    planned: list[Planned] = []
    for stem, target, aliases in FILES:
        existing = [p for s in (stem, *aliases) for p in repo.find_community_file(s)]
        links = [repo.broken_link(path) for path in dict.fromkeys([*existing, target])]
        broken = [link for link in links if link is not None]
        if broken and len(broken) >= len(existing):  # only links that lead nowhere
            planned.append(Planned(target, None, broken[0].path, broken[0].text))
            continue
        if existing or os.path.lexists(repo.root / target):
            planned.append(Planned(target, None, existing[0] if existing else target))
            continue
        planned.append(Planned(target, texts.render(stem, lang, project)))
    return planned


def plan_readme(
    repo: Repository, lang: str, project: Project | None = None, contributing: bool = False
) -> Planned:
    """README.md from what the repository shows, unless a README exists."""
    existing = facts.readme_paths(repo)
    if existing:
        return Planned("README.md", None, existing[0])
    from opencheck.scaffold.licence import root_names

    project = texts.shown(project or gather(repo))
    skeleton = readme_skeleton.ReadmeFacts(
        name=project.name,
        lang=lang,
        publisher=project.publisher,
        mail_domain=project.mail_domain,
        licence=project.licence,
        licence_files=root_names(repo, project.licence) if project.licence else [],
        issues=project.issues,
        contact=project.contact,
        languages=readme_skeleton.languages(repo),
        install=readme_skeleton.install_commands(repo),
        has_contributing=contributing or bool(repo.find_community_file("CONTRIBUTING")),
    )
    return Planned("README.md", readme_skeleton.render(skeleton))


def write(path: str | os.PathLike[str], planned: list[Planned]) -> list[Planned]:
    """Create the planned files; one that appeared meanwhile is kept, never replaced."""
    root = Path(path)
    written: list[Planned] = []
    for item in planned:
        if item.content is None:
            continue
        # A folder that is a symlink (LICENSES -> elsewhere) or a dangling symlink in
        # the file's place: nothing is written there, the item is reported as kept.
        if not create(root, item.path, item.content):
            item.existing, item.content = item.path, None
            continue
        written.append(item)
    return written
