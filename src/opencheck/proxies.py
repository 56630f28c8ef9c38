# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Which proxy the network calls go through (the batch's, and `--network`'s): the one
git would use with the user's own configuration, decided by opencheck and then imposed
on git.

git takes a proxy from `remote.<name>.proxy` or `http.proxy` (any configuration file,
the repository's included), else from `https_proxy`, `HTTPS_PROXY`, `all_proxy`,
`ALL_PROXY`, and skips it for the hosts `no_proxy` / `NO_PROXY` name. opencheck reads
the same settings from the user's side only: the environment, the user's global git
configuration (`git config --global`: `~/.gitconfig`, `$XDG_CONFIG_HOME/git/config`
or `GIT_CONFIG_GLOBAL`, their includes, `http.<url>.proxy` for the URL), then the
machine's (`git config --system`, where an administrator sets a workstation's
proxy; no other setting of it is read by opencheck's git), never a repository's.
The answer is handed to git (`gitcmd.Reach.proxy`) and used for opencheck's own
requests (a redirect's target, a forge's API), so a clone and the look-up of where
it was redirected reach the same proxy.

A proxy resolves the names it is asked for itself: what opencheck can still check
is what it asks for (see `netguard.check_before_proxy`).
"""

from __future__ import annotations

import functools
import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from opencheck.gitcmd import GitError, is_ip_literal, run_git
from opencheck.model import Text
from opencheck.urls import basic_authorization

# git's order for an https URL: the lower-case variable first, as curl
HTTPS_VARIABLES = ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
HTTP_VARIABLES = ("http_proxy", "all_proxy", "ALL_PROXY")
BYPASS_VARIABLES = ("no_proxy", "NO_PROXY")
DEFAULT_PORTS = {"http": 1080, "https": 443, "socks4": 1080, "socks4a": 1080,
                 "socks5": 1080, "socks5h": 1080}  # curl's, when the proxy names none


@dataclass(frozen=True)
class Proxy:
    """A proxy as configured. `url` may hold a password: it is given to git and to
    the proxy only, never shown (`shown` names host and port)."""

    url: str = field(repr=False)
    scheme: str
    host: str
    port: int
    source: str  # where it was configured: "https_proxy", "http.proxy (git)"...
    authorization: str | None = field(default=None, repr=False)  # Proxy-Authorization

    @property
    def shown(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port} ({self.source})"


class ProxyError(ValueError):
    """A proxy setting opencheck cannot use; `text` says which and why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def for_url(url: str) -> Proxy | None:
    """The proxy git would use for `url` with the user's configuration, None for a
    direct connection; ProxyError when the setting is not a proxy URL."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None  # not a URL anything connects to
    asked = _without_password(url)
    configured, source = None, ""
    for scope in ("--global", "--system"):  # git's precedence: the user's first
        configured = _git_proxy(asked, scope, _configuration_files())
        if configured is not None:
            source = f"git config {scope} http.proxy"
            break
    if configured is None:
        names = HTTPS_VARIABLES if parts.scheme == "https" else HTTP_VARIABLES
        source, configured = next(((name, os.environ[name]) for name in names
                                   if os.environ.get(name)), ("", ""))
    if not configured.strip() or bypassed(host, port, _bypass_list()):
        return None
    return parse(configured.strip(), source)


def parse(value: str, source: str) -> Proxy:
    """A proxy setting as curl reads it: `[scheme://][user[:password]@]host[:port]`,
    http when no scheme is given."""
    spelled = value if "://" in value else f"http://{value}"
    try:
        parts = urlsplit(spelled)
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:
        scheme, host, port = "", None, None
    if scheme not in DEFAULT_PORTS or not host:
        raise ProxyError(Text(
            f"le proxy donné par {source} n'est pas une adresse de proxy "
            "(attendu : http://hôte:port)",
            f"the proxy {source} names is not a proxy address (expected: "
            "http://host:port)"))
    return Proxy(spelled, scheme, host.lower(), port or DEFAULT_PORTS[scheme], source,
                 basic_authorization(spelled))


def bypassed(host: str, port: int, entries: list[str]) -> bool:
    """Whether `no_proxy`'s `entries` send `host` directly, as curl reads them: `*`,
    a host or domain (with or without a leading dot, its subdomains too), an IP
    address or network (CIDR), any of them with `:port`."""
    for entry in entries:
        name, wanted = _entry_port(entry)
        if name == "*":
            return True
        if wanted is not None and wanted != port:
            continue
        if "/" in name or is_ip_literal(name):
            if is_ip_literal(host) and _in_network(host, name):
                return True
            continue
        name = name.lstrip(".")
        if name and (host == name or host.endswith("." + name)):
            return True
    return False


def _entry_port(entry: str) -> tuple[str, int | None]:
    entry = entry.strip().lower()
    if entry.startswith("["):  # [v6]:port
        address, _, rest = entry[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
        return address, int(port) if port.isdigit() else None
    if entry.count(":") == 1:
        name, _, port = entry.partition(":")
        return name, int(port) if port.isdigit() else None
    return entry, None


def _in_network(host: str, network: str) -> bool:
    try:
        return ipaddress.ip_address(host) in ipaddress.ip_network(network, strict=False)
    except (ValueError, TypeError):
        return False


def _bypass_list() -> list[str]:
    value = next((os.environ[name] for name in BYPASS_VARIABLES if os.environ.get(name)), "")
    return [entry for entry in re.split(r"[,\s]+", value) if entry]


def _without_password(url: str) -> str:
    """`url` for git's look-up, which matches the user name but needs no password (a
    command line is visible to every account of the machine)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"{user}@{host}" if user else host).geturl()


def _configuration_files() -> tuple[str, ...]:
    """What `git config --global` and `--system` read, so that a changed setting is
    read again."""
    return tuple(os.environ.get(name, "") for name in (
        "GIT_CONFIG_GLOBAL", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_SYSTEM"))


def _git_proxy(url: str, scope: str, files: tuple[str, ...]) -> str | None:
    """The proxy `scope` names for `url`. Asked per URL only when the configuration
    has a proxy for some URLs (`http.<url>.proxy`): a plain `http.proxy`, or none,
    is the same answer for every URL, asked once."""
    names = _proxy_names(scope, *files)
    if not names:
        return None
    if names == {"http.proxy"}:
        url = "https://opencheck.invalid/"  # any URL: the one setting applies to all
    return _git_setting(url, scope, *files)


@functools.lru_cache(maxsize=16)
def _proxy_names(scope: str, *configuration: str) -> frozenset[str]:
    """The names of the proxy settings of `scope` (`http.proxy`, `http.<url>.proxy`)."""
    del configuration  # only part of the cache's key
    try:
        out = run_git(Path(os.sep), "config", scope, "--includes", "-z", "--name-only",
                      "--get-regexp", r"^http\..*proxy$", check=False, timeout=30)
    except GitError:
        return frozenset()
    return frozenset(name.decode("utf-8", "replace") for name in out.split(b"\0") if name)


@functools.lru_cache(maxsize=256)
def _git_setting(url: str, scope: str, *configuration: str) -> str | None:
    """`http.proxy` for `url` in the user's (`--global`) or the machine's (`--system`)
    git configuration ("" when set empty: no proxy), None when it sets none."""
    del configuration  # only part of the cache's key
    try:
        # that one scope's files only, never a repository's; includes followed
        out = run_git(Path(os.sep), "config", scope, "--includes", "-z",
                      "--get-urlmatch", "http.proxy", url, check=False, timeout=30)
    except GitError:
        return None
    if not out:
        return None
    return out.split(b"\0", 1)[0].decode("utf-8", "replace")


def _target(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def refused(proxy: Proxy, host: str, port: int, status: int) -> Text:
    """The proxy answered `status` to the request for `host:port`."""
    where = _target(host, port)
    if status == 407:
        return Text(
            f"le proxy {proxy.shown} demande une authentification pour {where} (HTTP 407) : "
            "indiquez le nom et le mot de passe du compte dans l'adresse du proxy, avant "
            "l'hôte",
            f"the proxy {proxy.shown} asks for authentication for {where} (HTTP 407): "
            "give the account's name and password in the proxy's address, before the host")
    if status >= 500:
        return Text(f"le proxy {proxy.shown} n'a pas pu joindre {where} (HTTP {status})",
                    f"the proxy {proxy.shown} could not reach {where} (HTTP {status})")
    return Text(f"le proxy {proxy.shown} a refusé la connexion à {where} (HTTP {status})",
                f"the proxy {proxy.shown} refused the connection to {where} (HTTP {status})")


def unreachable(proxy: Proxy, reason: str) -> Text:
    return Text(f"impossible de joindre le proxy {proxy.shown} : {reason}",
                f"cannot reach the proxy {proxy.shown}: {reason}")


def unsupported(proxy: Proxy) -> Text:
    return Text(
        f"le proxy {proxy.shown} est de type {proxy.scheme} : opencheck ne passe que par "
        "un proxy http:// pour ses propres requêtes (une redirection, l'API d'une forge)",
        f"the proxy {proxy.shown} is a {proxy.scheme} proxy: opencheck's own requests (a "
        "redirect, a forge's API) go through http:// proxies only")


# curl's words (7.x and 8.x) when a proxy answers CONNECT with an error, or is not there
_CONNECT_REFUSED = re.compile(r"(?:Received HTTP code|CONNECT tunnel failed, response) (\d{3})")
_NOT_REACHED = re.compile(
    r"Could not resolve proxy|Failed to connect to \S{1,260} port (\d{1,5})[^:\n]{0,40}: ?"
    r"(.{0,80})")


def explained(message: str, proxy: Proxy, host: str, port: int) -> Text | None:
    """git's `message` said in terms of the proxy, when it is about the proxy."""
    refusal = _CONNECT_REFUSED.search(message)
    if refusal is not None:
        return refused(proxy, host, port, int(refusal.group(1)))
    missed = _NOT_REACHED.search(message)
    if missed is not None and (missed.group(1) in (None, str(proxy.port))):
        return unreachable(proxy, (missed.group(2) or message).strip())
    return None
