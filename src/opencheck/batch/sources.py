# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Turn the sources given to `opencheck batch` into a list of repositories to audit.

A source is one of:
- a text file of repository URLs or local paths, one a line, `#` comments;
- a code.gouv.fr repositories export (`.json` or `.csv`, new or old field names);
- a `comptes-organismes-publics.yml`, whose organisations are listed through the
  GitHub and GitLab APIs (see `forges`);
- a local repository folder or a URL given directly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from opencheck import netguard, yamlsafe
from opencheck.parsing import load_json
from opencheck.report.sanitize import printable, undecodable_escaped
from opencheck.urls import redact

MAX_SOURCE_BYTES = 64 * 1024 * 1024
URL_SCHEMES = ("https://", "http://", "file://", "ssh://", "git://")
FORGE_SCHEME = "https://"  # the only one a downloaded list (export, forge API) may name
SHOWN_LIMIT = 200  # characters of a list's owner or platform kept to be shown


def shown(value: object) -> str:
    """A list's owner, platform or folder name as the batch shows and stores it: its
    control and format characters (a terminal's escapes) and the surrogates of a JSON
    `\\ud800` escape written as the characters that spell them, on one line."""
    return printable(undecodable_escaped(str(value)), one_line=True)[:SHOWN_LIMIT]


def url_unsafe(url: str) -> bool:
    """Whether a URL holds what no forge's URL does and a terminal, a database or git
    would take as more than text: a space, a control or format character (ESC, BEL,
    U+202E), a surrogate alone."""
    return any(character.isspace() for character in url) or \
        printable(undecodable_escaped(url)) != url


@dataclass(frozen=True)
class Target:
    """One repository to audit."""

    key: str  # stable identity across runs: normalised URL or absolute path
    url: str  # what git clones (or a local folder audited in place)
    name: str  # shown to people: owner/repo or the folder name
    organisation: str = ""
    platform: str = ""
    # known from a forge's API only (inventory of unpublished code)
    visibility: str = "public"  # public, internal or private
    last_activity: str | None = None  # ISO date of the last push or activity
    stars: int | None = None
    forks: int | None = None
    # an HTTP Authorization value for git (private repositories); never shown or stored
    auth: str | None = field(default=None, repr=False, compare=False)
    # named by a downloaded list: its host must be on the internet, when listed and
    # again when git reaches it (see workspace)
    public_only: bool = False


@dataclass
class SourceListing:
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0  # forks, archived or ignored repositories left out


@dataclass
class ListingOptions:
    include_forks: bool = False
    include_archived: bool = False
    tokens: dict[str, str] = field(default_factory=dict)  # host (or "*") -> token
    api_urls: dict[str, str] = field(default_factory=dict)  # host -> API base URL
    unpublished: bool = False  # also list private and internal repositories (a token)
    max_rate_wait: float = 900.0
    retry_backoff: float = 2.0  # seconds before the first retry of a failed API call


class SourceError(Exception):
    """A source cannot be read at all (missing file, unreadable format)."""


def read_sources(specs: Iterable[str], options: ListingOptions | None = None) -> SourceListing:
    """Read every source; duplicates (same key) are kept once, in first-seen order."""
    options = options or ListingOptions()
    listing = SourceListing()
    seen: set[str] = set()
    for spec in specs:
        part = read_source(spec, options)
        listing.warnings.extend(part.warnings)
        listing.skipped += part.skipped
        for target in part.targets:
            if target.key not in seen:
                seen.add(target.key)
                listing.targets.append(target)
    return listing


def read_source(spec: str, options: ListingOptions) -> SourceListing:
    if spec.startswith(URL_SCHEMES):
        return SourceListing(targets=[target_from_line(spec, Path.cwd())])
    path = Path(spec)
    if path.is_dir():
        return SourceListing(targets=[target_from_line(str(path), Path.cwd())])
    if not path.is_file():
        raise SourceError(f"{spec}: no such file or directory")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise SourceError(f"{spec}: larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MiB")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{spec}: cannot read: {error}") from error
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        from opencheck.batch.forges import list_accounts

        try:
            data = yamlsafe.load_yaml(text, max_bytes=MAX_SOURCE_BYTES)
        except Exception as error:
            raise SourceError(f"{spec}: not valid YAML: {error}") from error
        return list_accounts(data, options)
    if suffix == ".json":
        try:
            data = load_json(text)
        except json.JSONDecodeError as error:
            raise SourceError(f"{spec}: not valid JSON: {error}") from error
        return _from_export(_json_records(data), options, spec)
    if suffix == ".csv":
        return _from_export(csv.DictReader(io.StringIO(text)), options, spec)
    return _from_text(text, path.parent)


def _from_text(text: str, base: Path) -> SourceListing:
    """The user's own list: URLs and local folders alike."""
    listing = SourceListing()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            listing.targets.append(target_from_line(line, base))
        except SourceError as error:
            listing.warnings.append(str(error))
    return listing


def target_from_line(line: str, base: Path) -> Target:
    """A URL or a local path (relative to the file that names it)."""
    if line.startswith(URL_SCHEMES[:2] + URL_SCHEMES[3:]):
        if url_unsafe(line):
            raise SourceError(f"{redact(line)[:120]!r}: a URL with spaces, control or "
                              "format characters: left out")
        return target_from_url(line)
    raw = _file_url_path(line) if line.startswith("file://") else line
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = base / path
    path = path.resolve()
    return Target(
        key=f"file://{path}",
        url=str(path),
        name=shown(path.name),
        organisation=shown(path.parent.name or "local"),
        platform="local",
    )


def _file_url_path(url: str) -> str:
    """The path of a file:// URL; one naming another host or carrying a user name or
    password is refused (git would not read it as a local folder, and the password
    would be kept and shown)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise SourceError(f"{redact(url)}: a file:// URL names a folder of this machine "
                          "(file:///path), without host or credentials: left out")
    return unquote(parts.path)


def target_from_url(url: str, organisation: str = "", platform: str = "",
                    public_only: bool = False) -> Target:
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if path.endswith(".git"):
        path = path[: -len(".git")]
    host = (parts.hostname or "").lower()
    segments = [s for s in path.split("/") if s]
    return Target(
        key=f"{host}/{path}".lower(),
        url=url,
        name="/".join(segments[-2:]) if segments else host,
        organisation=organisation or (segments[0] if segments else host),
        platform=platform or _platform_of(host),
        public_only=public_only,
    )


def _platform_of(host: str) -> str:
    if host == "github.com":
        return "GitHub"
    if "gitlab" in host:
        return "GitLab"
    return host


# -- code.gouv.fr exports --------------------------------------------------------------


def _json_records(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        for key in ("repositories", "repos", "data", "items"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = list(data.values()) if all(isinstance(v, dict) for v in data.values()) else []
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict):
                yield item


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("true", "1", "yes", "oui", "t")


def _from_export(
    records: Iterable[dict[str, Any]], options: ListingOptions, spec: str
) -> SourceListing:
    """New export fields: id (web URL), owner, platform, fork, archived;
    old `all.json`: repository_url, organization_name, is_fork, is_archived."""
    listing = SourceListing()
    hosts = _Hosts()
    for number, record in enumerate(records, start=1):
        url = record.get("id") if _looks_like_url(record.get("id")) else None
        url = url or record.get("repository_url") or record.get("url") or record.get("html_url")
        if not _looks_like_url(url):
            listing.warnings.append(f"{spec}: record {number} has no repository URL")
            continue
        if not str(url).startswith(FORGE_SCHEME):
            # a downloaded list names forges; file://, ssh:// or git:// from it would make
            # the batch read this machine's folders or reach elsewhere
            listing.warnings.append(
                f"{spec}: record {number}: {redact(str(url))[:120]!r} is not an https "
                "forge URL: left out (local folders are given on the command line or in "
                "a text file)")
            continue
        if url_unsafe(str(url)):
            # no forge names one so; its escapes would reach the operator's terminal,
            # and a surrogate alone (a JSON `\\ud800`) ended the batch when stored
            listing.warnings.append(
                f"{spec}: record {number}: {redact(str(url))[:120]!r} is not an https "
                "forge URL (spaces, control or format characters): left out")
            continue
        if hosts.refused(str(url)):
            # a forge is on the internet: an export naming 127.0.0.1, 10.x or a name
            # that resolves there would make the batch's git reach this machine's
            # network (its error lines, stored and published, tell what answered)
            listing.warnings.append(
                f"{spec}: record {number}: {redact(str(url))[:120]!r} names a private "
                "or local address: left out (such repositories are given on the command "
                "line or in a text file)")
            continue
        fork = _truthy(record.get("fork", record.get("is_fork")))
        archived = _truthy(record.get("archived", record.get("is_archived")))
        if (fork and not options.include_forks) or (archived and not options.include_archived):
            listing.skipped += 1
            continue
        owner = record.get("owner") or record.get("organization_name") or ""
        listing.targets.append(target_from_url(
            str(url), shown(owner), shown(record.get("platform") or ""), public_only=True))
    return listing


class _Hosts:
    """Whether a URL's host is refused, as `--network` refuses it (netguard): a literal
    address or a name resolving to any address that is not globally routable. Each host
    is resolved once per list; one that does not resolve here is kept (git says why it
    cannot be cloned)."""

    def __init__(self) -> None:
        self._known: dict[str, bool] = {}

    def refused(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port or 443
        except ValueError:  # a port that is not a number
            return True
        if not host:
            return True
        if host not in self._known:
            self._known[host] = _refused_host(host, port)
        return self._known[host]


def _refused_host(host: str, port: int) -> bool:
    try:
        netguard.resolve(host, port)
    except netguard.BlockedAddress:
        return True
    except OSError:
        return False
    return False


def _looks_like_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(URL_SCHEMES)
