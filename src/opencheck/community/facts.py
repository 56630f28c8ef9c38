# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Facts about the project that several rules, the scores and `opencheck init` share:
its README, its publiccode.yml, its web address on the forge."""

from __future__ import annotations

import re
from typing import Any

from opencheck.community.markup import Document, parse
from opencheck.registry import Context
from opencheck.repository import COMMUNITY_DIRS, TEXT_SUFFIXES, Repository
from opencheck.yamlsafe import YamlError, load_yaml

PUBLICCODE_NAMES = ("publiccode.yml", "publiccode.yaml")
# The rules whose finding is read from the README or the changelog alone
# (checks/readme.py, checks/community.py): merge-request mode judges them again on the
# merge base's community files, without writing its whole tree. Not the rules that
# read git (readme-maintenance-status).
DOCUMENT_RULES = frozenset({
    "readme-description", "readme-publisher", "readme-installation", "readme-usage",
    "readme-licence", "readme-contributing", "readme-contact", "readme-openness-badge",
    "changelog-versions",
})
# The rules that read the README or the changelog, and the names of the tree's files or
# the repository's tags, nothing else: judged again on the base's community files, the
# base's listing (`git ls-tree`) and the checkout's tags (the base's changelog against
# today's tags: tags are no part of a change).
LISTING_RULES = frozenset({"readme-links", "changelog-matches-tags"})
_COMMUNITY_DIRS = frozenset(folder.lower() for folder in COMMUNITY_DIRS)
_TEXT_ENDINGS = tuple(suffix for suffix in TEXT_SUFFIXES if suffix)


def community_place(path: str) -> bool:
    """Whether a file could be the README or a community file: a text file where forges
    look for them (`.github/`, the root, `docs/`). Which one is the project's is chosen
    among those, so they are all a document rule reads."""
    folder, _slash, name = path.rpartition("/")
    return folder.lower() in _COMMUNITY_DIRS and (
        "." not in name or name.lower().endswith(_TEXT_ENDINGS))


def readme_paths(repo: Repository) -> list[str]:
    """README files in the order forges pick them: .github/, the root, docs/."""
    return repo.find_community_file("README", directories=(".github", "", "docs"))


def document(repo: Repository, path: str) -> Document | None:
    text = repo.read_text(path)
    return None if text is None else parse(path, text)


def readme(ctx: Context) -> Document | None:
    """The README a forge would show, parsed once per run."""

    def compute() -> Document | None:
        for path in readme_paths(ctx.repo):
            found = document(ctx.repo, path)
            if found is not None:
                return found
        return None

    return ctx.shared("readme-document", compute)


def community_document(ctx: Context, *stems: str) -> Document | None:
    """The first readable text file among the stems (CONTRIBUTING, SECURITY...)."""

    def compute() -> Document | None:
        for stem in stems:
            for path in ctx.repo.find_community_file(stem):
                found = document(ctx.repo, path)
                if found is not None:
                    return found
        return None

    return ctx.shared("document:" + "|".join(stems), compute)


def publiccode(repo: Repository) -> dict[str, Any] | None:
    """publiccode.yml at the root as a mapping, or None when absent or unreadable."""
    for name in PUBLICCODE_NAMES:
        if not repo.exists(name):
            continue
        data = repo.read_bytes(name)
        if data is None:
            return None
        try:
            value = load_yaml(data)
        except YamlError:
            return None
        return value if isinstance(value, dict) else None
    return None


def shared_publiccode(ctx: Context) -> dict[str, Any] | None:
    return ctx.shared("publiccode-mapping", lambda: publiccode(ctx.repo))


def get(mapping: dict[str, Any] | None, *keys: str) -> Any:
    value: Any = mapping
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


# Credentials end at the last "@" before the path (a password may hold one); a query or
# fragment (`?private_token=…`) is dropped: the web address is sent to Software Heritage
# and printed.
FORGE_URL = re.compile(
    r"^(?:https?://|ssh://)?(?:[^/?#]*@)?([\w.-]+)(?::\d+)?[:/]+([^?#]+?)(?:\.git)?/?"
    r"(?:[?#].*)?$"
)

# A forge's project path (`group/sub/project`): the remote is the repository's, and a
# path holding `![p](https://…)` or `<…>` is no forge's; the address is written into
# the files `init` and `fix` add (Markdown), sent to Software Heritage and printed.
WEB_PATH = re.compile(r"[\w.~+-]+(?:/[\w.~+-]+)*")


def web_url(repo: Repository) -> str | None:
    """The repository's web address, from the `origin` remote (or the first one)."""
    if repo.git is None or not repo.git.remotes:
        return None
    remotes = repo.git.remotes
    raw = remotes.get("origin") or next(iter(remotes.values()))
    if raw.startswith(("/", "file:", ".")):
        return None
    match = FORGE_URL.match(raw.strip())
    if not match:
        return None
    host, path = match.group(1), match.group(2)
    if "." not in host or not WEB_PATH.fullmatch(path):
        return None
    return f"https://{host}/{path}"


def project_name(repo: Repository, code: dict[str, Any] | None) -> str:
    name = get(code, "name")
    if isinstance(name, str) and name.strip():
        return name.strip()
    for path in readme_paths(repo):
        doc = document(repo, path)
        if doc is not None and doc.headings:
            return doc.headings[0].text
    return repo.root.name
