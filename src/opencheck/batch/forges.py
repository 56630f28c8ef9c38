# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""List the repositories of public bodies' accounts through the GitHub and GitLab APIs.

Input: the parsed `comptes-organismes-publics.yml` of code.gouv.fr: forge host names at
the top, each with `forge` (github, gitlab...) and `owners` (organisations or groups).
Pages are followed through the `Link` header; when the API says the rate limit is
spent (`X-RateLimit-Remaining: 0`, `RateLimit-Remaining: 0`, or a 403/429 with
`Retry-After`), the listing waits for the reset, up to `max_rate_wait` seconds.
Tokens are sent in headers only and never shown in messages.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from opencheck import __version__, netguard, proxies
from opencheck.batch.sources import (
    ListingOptions,
    SourceListing,
    Target,
    shown,
    target_from_url,
    url_unsafe,
)
from opencheck.parsing import load_json

PER_PAGE = 100
MAX_PAGES = 1000
HTTP_TIMEOUT = 30.0
RETRIES = 3
# One page of the API's answer (100 repositories: under 1 MB on GitHub and GitLab) is
# read by chunks, up to a size and a deadline: the forge of a downloaded accounts file
# may be anyone's, and urllib's read() took whatever it sent, for as long as it sent
# it (an endless answer filled the batch's memory, one byte every 29 s held it for
# ever: HTTP_TIMEOUT bounds each read, not the answer).
MAX_ANSWER_BYTES = 32 << 20
ANSWER_SECONDS = 120.0


class ForgeError(Exception):
    """The API could not list an account; the message names the account, not the token."""


@dataclass
class Api:
    host: str
    forge: str  # "github" or "gitlab"
    base: str
    token: str | None
    max_rate_wait: float
    backoff: float = 2.0
    unpublished: bool = False
    sleep: Callable[[float], None] = time.sleep
    # the clone URLs it lists must be on the internet (see workspace), unless the user
    # named this API (--api-url: a self-hosted forge, maybe on the intranet)
    public_only: bool = True

    def request(self, url: str) -> urllib.request.Request:
        request = urllib.request.Request(url, headers={"User-Agent": f"opencheck/{__version__}"})
        if self.forge == "github":
            request.add_header("Accept", "application/vnd.github+json")
        # "unredirected": urllib does not carry these to the target of a redirect
        if self.token and self.forge == "github":
            request.add_unredirected_header("Authorization", f"Bearer {self.token}")
        elif self.token:
            request.add_unredirected_header("Private-Token", self.token)
        return request


def api_for(host: str, forge: str, options: ListingOptions) -> Api:
    base = options.api_urls.get(host)
    named = base is not None
    if base is None:
        if forge == "github":
            base = "https://api.github.com" if host == "github.com" else f"https://{host}/api/v3"
        else:
            base = f"https://{host}/api/v4"
    # A token given without its host is github.com's, or a forge's the user named: the
    # accounts file is downloaded, and each of its hundreds of forges would receive it.
    token = options.tokens.get(host) or (
        options.tokens.get("*") if host == "github.com" or named else None)
    return Api(host, forge, base.rstrip("/"), token, options.max_rate_wait,
               options.retry_backoff, unpublished=options.unpublished and token is not None,
               public_only=not named)


def list_accounts(data: Any, options: ListingOptions) -> SourceListing:
    listing = SourceListing()
    if not isinstance(data, dict):
        listing.warnings.append("accounts file: expected a map of forge hosts")
        return listing
    for host, forge_entry in data.items():
        if not isinstance(forge_entry, dict):
            continue
        forge = str(forge_entry.get("forge", "")).lower()
        if forge_entry.get("ignored_since"):
            continue
        owners = forge_entry.get("owners") or {}
        if forge not in ("github", "gitlab"):
            listing.warnings.append(
                f"{host}: forge '{forge}' cannot be listed (only github and gitlab); skipped"
            )
            continue
        api = api_for(str(host).lower(), forge, options)
        if options.unpublished and api.token is None and "*" in options.tokens:
            listing.warnings.append(
                f"{host}: the token given without a host is github.com's only: public "
                f"repositories listed (give --token {host}=TOKEN for its private ones)")
        if isinstance(owners, list):  # a plain list of names
            owners = dict.fromkeys(str(name) for name in owners)
        if not owners:
            # a forge wholly dedicated to public code: every public project on it
            if forge == "gitlab":
                _add(listing, api, None, list_instance(api), options)
            else:
                listing.warnings.append(f"{host}: no owners listed; skipped")
            continue
        for owner, owner_entry in (owners.items() if isinstance(owners, dict) else []):
            if isinstance(owner_entry, dict) and owner_entry.get("ignored_since"):
                continue
            _add(listing, api, str(owner), list_owner(api, str(owner)), options)
    return listing


def _add(listing: SourceListing, api: Api, owner: str | None,
         records: Iterator[dict[str, Any]], options: ListingOptions) -> None:
    try:
        for record in records:
            try:
                target = _target(api, owner, record, options)
            except ValueError as refused:
                listing.warnings.append(str(refused))
                continue
            if target is None:
                listing.skipped += 1
            else:
                listing.targets.append(target)
    except ForgeError as error:
        listing.warnings.append(str(error))


def _target(api: Api, owner: str | None, record: dict[str, Any], options: ListingOptions
            ) -> Target | None:
    if api.forge == "github":
        fork = bool(record.get("fork"))
        url = record.get("clone_url") or record.get("html_url")
        visibility = str(record.get("visibility") or
                         ("private" if record.get("private") else "public"))
        web = record.get("html_url") or url
        activity, stars = record.get("pushed_at"), record.get("stargazers_count")
    else:
        fork = "forked_from_project" in record and record["forked_from_project"] is not None
        url = record.get("http_url_to_repo") or record.get("web_url")
        visibility = str(record.get("visibility") or "public")
        web = record.get("web_url") or url
        activity, stars = record.get("last_activity_at"), record.get("star_count")
    archived = bool(record.get("archived"))
    if visibility != "public" and not options.unpublished:
        return None
    if not isinstance(url, str) or not isinstance(web, str):
        return None
    if url_unsafe(url) or url_unsafe(web):
        raise ValueError(f"{api.host}: refused clone URL {url[:80]!r} (spaces, control or "
                         "format characters)")
    if not clone_url_allowed(api, url):
        raise ValueError(f"{api.host}: refused clone URL {url[:80]!r} (not https)")
    if (fork and not options.include_forks) or (archived and not options.include_archived):
        return None
    platform = "GitHub" if api.forge == "github" else "GitLab"
    if owner is None:
        namespace = record.get("namespace")
        full_path = namespace.get("full_path") if isinstance(namespace, dict) else None
        owner = str(full_path or api.host)
    owner = shown(owner)
    # A repository is known by its key across lists and runs (the first one listed is
    # kept): a web page that is not the clone URL's names another repository (another
    # forge's, another account's), whose place the clone URL's code would take. The
    # clone URL names it then (file:// comes only from a mirror on this machine).
    identity = target_from_url(web, owner, platform)
    if url.startswith("https://") and target_from_url(url).key != identity.key:
        identity = target_from_url(url, owner, platform)
    forks = record.get("forks_count")
    return Target(key=identity.key, url=url, auth=_auth(api, visibility),
                  name=identity.name, organisation=owner, platform=platform,
                  visibility=visibility,
                  last_activity=str(activity) if isinstance(activity, str) else None,
                  stars=stars if isinstance(stars, int) else None,
                  forks=forks if isinstance(forks, int) else None,
                  public_only=api.public_only)


def _auth(api: Api, visibility: str) -> str | None:
    """The HTTP header value that lets git clone a private repository with the listing's
    token. It travels beside the URL, never in it: a URL is written into the clone's
    .git/config and shown in reports."""
    if visibility == "public" or not api.token:
        return None
    user = "x-access-token" if api.forge == "github" else "oauth2"
    return "Basic " + base64.b64encode(f"{user}:{api.token}".encode()).decode("ascii")


def clone_url_allowed(api: Api, url: str) -> bool:
    """A forge names https clone URLs; file:// only from an API on this machine (a local
    mirror or a test forge), never from a remote one, which could point at local files."""
    scheme = urlsplit(url).scheme
    if scheme == "https":
        return True
    api_host = urlsplit(api.base).hostname or ""
    return scheme == "file" and api_host in ("127.0.0.1", "::1", "localhost")


def list_owner(api: Api, owner: str) -> Iterator[dict[str, Any]]:
    """Every repository of an organisation (or, failing that, a user) on one forge."""
    name = quote(owner, safe="")
    if api.forge == "github":
        kind = "all" if api.unpublished else "public"
        first = f"{api.base}/orgs/{name}/repos?per_page={PER_PAGE}&type={kind}"
        fallback = f"{api.base}/users/{name}/repos?per_page={PER_PAGE}&type=owner"
    else:
        query = f"per_page={PER_PAGE}&include_subgroups=true&with_shared=false"
        first = f"{api.base}/groups/{name}/projects?{query}"
        fallback = f"{api.base}/users/{name}/projects?per_page={PER_PAGE}"
    try:
        yield from _pages(api, first, owner)
    except _NotFound:
        try:
            yield from _pages(api, fallback, owner)
        except _NotFound as error:
            raise ForgeError(f"{api.host}/{owner}: no such organisation or user") from error


def list_instance(api: Api) -> Iterator[dict[str, Any]]:
    """Every public project of a GitLab instance (keyset pagination, for large ones)."""
    url = (f"{api.base}/projects?per_page={PER_PAGE}&visibility=public"
           "&pagination=keyset&order_by=id&sort=asc")
    try:
        yield from _pages(api, url, "*")
    except _NotFound as error:
        raise ForgeError(f"{api.host}: the projects API was not found") from error


class _NotFound(Exception):
    pass


def _pages(api: Api, url: str, owner: str) -> Iterator[dict[str, Any]]:
    expected_host = urlsplit(api.base).netloc
    for _ in range(MAX_PAGES):
        body, headers = _get(api, url, owner)
        try:
            items = load_json(body.decode("utf-8", "replace"))
        except json.JSONDecodeError as error:
            raise ForgeError(f"{api.host}/{owner}: the API answered something not JSON") from error
        if not isinstance(items, list):
            raise ForgeError(f"{api.host}/{owner}: the API answered no list of repositories")
        for item in items:
            if isinstance(item, dict):
                yield item
        next_url = next_link(headers.get("Link", ""))
        if next_url is None:
            return
        # never send the token to another host than the API's own
        if urlsplit(next_url).netloc != expected_host:
            raise ForgeError(f"{api.host}/{owner}: next page on another host; stopped")
        url = next_url
    raise ForgeError(f"{api.host}/{owner}: more than {MAX_PAGES} pages; stopped")


def next_link(header: str) -> str | None:
    """The `rel="next"` URL of an RFC 8288 Link header."""
    for part in header.split(","):
        section = part.split(";")
        if len(section) < 2:
            continue
        target = section[0].strip()
        params = [p.strip().replace(" ", "") for p in section[1:]]
        if ('rel="next"' in params or "rel=next" in params) and target.startswith("<"):
            return target.strip("<>")
    return None


def _get(api: Api, url: str, owner: str) -> tuple[bytes, dict[str, str]]:
    failures = 0
    while True:
        request = api.request(url)
        try:
            # the API of a forge the accounts file names must be on the internet, each
            # connection at an address checked then (DNS rebinding), each redirect too
            with netguard.opener(not api.public_only, proxies.for_url).open(
                    request, timeout=HTTP_TIMEOUT) as response:
                body = _answer(response, time.monotonic() + ANSWER_SECONDS)
                headers = {k: v for k, v in response.headers.items()}
        except _CutAnswer as error:
            raise ForgeError(f"{api.host}/{owner}: the API's answer was cut: {error}") from None
        except netguard.BlockedAddress as error:
            raise ForgeError(
                f"{api.host}/{owner}: refused, {error.host} is a private or local address "
                f"({error.address}): a forge of the accounts file is listed only on the "
                "internet (--api-url names one of the intranet)") from error
        except (proxies.ProxyError, netguard.ProxyFailure) as error:
            raise ForgeError(f"{api.host}/{owner}: {error.text.en}") from error
        except urllib.error.HTTPError as error:
            headers = {k: v for k, v in error.headers.items()} if error.headers else {}
            if error.code == 404:
                raise _NotFound() from error
            wait = rate_limit_wait(error.code, headers)
            if wait is not None:
                _wait(api, wait, owner)
                continue
            failures += 1
            if error.code >= 500 and failures < RETRIES:
                api.sleep(api.backoff * 2 ** (failures - 1))
                continue
            hint = " (check --token)" if error.code == 401 else ""
            raise ForgeError(f"{api.host}/{owner}: HTTP {error.code}{hint}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            failures += 1
            if failures < RETRIES:
                api.sleep(api.backoff * 2 ** (failures - 1))
                continue
            reason = getattr(error, "reason", error)
            via = proxies.for_url(url)
            through = f" through the proxy {via.shown}" if via is not None else ""
            raise ForgeError(
                f"{api.host}/{owner}: cannot reach the API{through}: {reason}") from error
        # the limit is spent by this answer: wait before the next page
        remaining = _header(headers, "X-RateLimit-Remaining", "RateLimit-Remaining")
        if remaining == "0" and next_link(headers.get("Link", "")):
            _wait(api, _until_reset(headers), owner)
        return body, headers


class _CutAnswer(Exception):
    pass


def _answer(response: Any, deadline: float) -> bytes:
    """The body of one answer, read by chunks within MAX_ANSWER_BYTES and the deadline
    (_CutAnswer past either)."""
    read = getattr(response, "read1", response.read)  # what is there, up to a chunk
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise _CutAnswer(f"more than {MAX_ANSWER_BYTES >> 20} MB")
        if time.monotonic() > deadline:
            raise _CutAnswer(f"not complete after {ANSWER_SECONDS:.0f} s")
        chunks.append(chunk)


def rate_limit_wait(status: int, headers: dict[str, str]) -> float | None:
    """Seconds to wait when an error answer is a rate limit; None otherwise."""
    if status not in (403, 429):
        return None
    retry_after = _header(headers, "Retry-After")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            return 60.0
    if _header(headers, "X-RateLimit-Remaining", "RateLimit-Remaining") == "0":
        return _until_reset(headers)
    return 60.0 if status == 429 else None


def _until_reset(headers: dict[str, str]) -> float:
    reset = _header(headers, "X-RateLimit-Reset", "RateLimit-Reset")
    try:
        return max(0.0, float(reset) - time.time()) + 1.0 if reset else 60.0
    except ValueError:
        return 60.0


def _header(headers: dict[str, str], *names: str) -> str | None:
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()].strip()
    return None


def _wait(api: Api, seconds: float, owner: str) -> None:
    if seconds > api.max_rate_wait:
        raise ForgeError(
            f"{api.host}/{owner}: API rate limit reached; it resets in {seconds:.0f}s, "
            f"more than the {api.max_rate_wait:.0f}s allowed (give a --token?)"
        )
    api.sleep(seconds)
