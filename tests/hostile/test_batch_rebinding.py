# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A repository of a downloaded list is cloned from the address opencheck checked.

The batch checked an export's host names when it read the list, then git resolved
each name again itself: a DNS answer that changed in between (rebinding), a redirect
or a proxy from the environment took git to this machine or its network all the same.

Here two real HTTPS servers serve real repositories (git's "dumb" protocol, static
files) on one port: one on 127.0.0.2 stands for the internet (the guard is told to
take that one address as public), the other on 127.0.0.1 is the machine's own
service that must never be reached. The names are `localhost`, which git itself
resolves to 127.0.0.1, and `depot.test`, which it cannot resolve at all; opencheck's
resolution is answered by the test (what git sees is not, so only an address handed
to git can take it to 127.0.0.2).
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from batch_helpers import running
from conftest import git, write_files
from hostile import proxyserver
from opencheck import gitcmd, netguard
from opencheck.batch.sources import (
    ListingOptions,
    SourceListing,
    Target,
    read_sources,
    target_from_url,
)
from opencheck.batch.workspace import GitSettings, WorkspaceError, prepare, remote_head
from opencheck.gitcmd import run_git

PUBLIC, INTERNAL = "127.0.0.2", "127.0.0.1"
QUICK = GitSettings(retries=0, timeout=30)


@dataclass
class Site:
    """A server's port and requests: (path, User-Agent), and (Host, path,
    Authorization)."""

    port: int = 0
    seen: list[tuple[str, str]] = field(default_factory=list)
    authorizations: list[tuple[str, str, str | None]] = field(default_factory=list)


REDIRECTS = (
    ("/moved/", "localhost", "/"),  # this machine
    ("/renamed/", "depot.test", "/"),  # the same public server
    ("/elsewhere/", "mirror.test", "/"),  # the same public server, by another name
    ("/metadata/", "169.254.169.254", "/latest/meta-data/"),  # a cloud's metadata
    ("/api/v4/groups/away/", "localhost", "/api/v4/groups/x/"),
)


PRIVATE = "/private"  # the same files, for ACCOUNT only (401 otherwise)
ACCOUNT = "Basic " + base64.b64encode(b"oauth2:pr1vate-t0ken").decode()


class _Files(SimpleHTTPRequestHandler):
    """Serves a folder of bare repositories; a path under a prefix of REDIRECTS
    redirects to the rest of it under that host and path (GitLab's API for the group
    `away` to the group `x` on `localhost`); under PRIVATE, only to ACCOUNT."""

    site: Site

    def do_GET(self) -> None:
        self.site.seen.append((self.path, self.headers.get("User-Agent", "")))
        self.site.authorizations.append((self.headers.get("Host", ""), self.path,
                                         self.headers.get("Authorization")))
        port = self.server.server_address[1]
        area = PRIVATE if self.path.startswith(PRIVATE + "/") else ""
        if area and self.headers.get("Authorization") != ACCOUNT:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="forge"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.path = self.path[len(area):]
        for prefix, host, to in REDIRECTS:
            if self.path.startswith(prefix):
                self.send_response(301)
                self.send_header("Location", f"https://{host}:{port}{area}{to}"
                                             f"{self.path[len(prefix):]}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One certificate for both names (the pair of servers stands for one host that
    DNS moved), trusted by git (GIT_SSL_CAINFO) and by Python (SSL_CERT_FILE)."""
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=depot.test", "-addext",
         "subjectAltName=DNS:localhost,DNS:depot.test,DNS:mirror.test,DNS:proxied.test",
         "-keyout", str(folder / "key.pem"),
         "-out", str(folder / "cert.pem")],
        check=True, capture_output=True)
    return folder


def _bare(folder: Path, name: str) -> None:
    """folder/repo.git: a bare repository holding one file, `name`, ready for HTTP."""
    work = folder / "work"
    write_files(work, {name: "content\n"})
    git(work, "init", "--quiet", "--initial-branch=main")
    git(work, "add", "-A")
    git(work, "commit", "--quiet", "-m", "One file")
    git(folder, "clone", "--quiet", "--bare", str(work), "repo.git")
    git(folder / "repo.git", "update-server-info")


@contextlib.contextmanager
def _serve(address: str, port: int, folder: Path, certificate: Path) -> Iterator[Site]:
    site = Site()
    handler = type("Handler", (_Files,), {"site": site})
    httpd = ThreadingHTTPServer((address, port), functools.partial(handler, directory=str(folder)))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate / "cert.pem", certificate / "key.pem")
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    with running(httpd) as site.port:
        yield site


@dataclass
class Network:
    port: int
    public: Site
    internal: Site
    answers: dict[str, list[str]]  # name -> what opencheck's next resolutions give

    def url(self, host: str, path: str = "repo.git") -> str:
        return f"https://{host}:{self.port}/{path}"


@pytest.fixture
def network(tmp_path: Path, certificate: Path,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Network]:
    _bare(tmp_path / "public", "public.txt")
    _bare(tmp_path / "internal", "internal.txt")
    monkeypatch.setenv("GIT_SSL_CAINFO", str(certificate / "cert.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate / "cert.pem"))
    for name in ("no_proxy", "NO_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    # no proxy of this machine's git configuration either (a test names its own)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", "/dev/null")
    answers: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def resolve(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in answers:
            return real(host, port, *args, **kwargs)
        queue = answers[host]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    refused = netguard.is_refused
    monkeypatch.setattr(netguard, "is_refused",
                        lambda address: address != PUBLIC and refused(address))
    with contextlib.ExitStack() as stack:
        internal = stack.enter_context(_serve(INTERNAL, 0, tmp_path / "internal", certificate))
        public = stack.enter_context(
            _serve(PUBLIC, internal.port, tmp_path / "public", certificate))
        yield Network(internal.port, public, internal, answers)


def _exported(tmp_path: Path, url: str) -> Target:
    """The target an export (downloaded, untrusted) names."""
    export = tmp_path / "repos.json"
    export.write_text(json.dumps([{"id": url, "owner": "x"}]), encoding="utf-8")
    listing = read_sources([str(export)])
    assert listing.warnings == []
    [target] = listing.targets
    return target


def test_git_connects_to_the_address_checked_not_to_its_own_resolution(
        tmp_path: Path, network: Network) -> None:
    network.answers["localhost"] = [PUBLIC]
    target = _exported(tmp_path, network.url("localhost"))
    checkout = prepare(tmp_path / "ws", target, QUICK)
    assert (checkout.path / "public.txt").is_file()
    assert not (checkout.path / "internal.txt").exists()
    assert network.internal.seen == []
    assert remote_head(target) == checkout.commit


def test_a_name_rebound_to_a_local_address_after_the_listing_is_refused(
        tmp_path: Path, network: Network) -> None:
    network.answers["localhost"] = [PUBLIC, INTERNAL]  # the listing, then the clone
    target = _exported(tmp_path, network.url("localhost"))
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, QUICK)
    assert raised.value.permanent
    assert raised.value.text.en == (
        f"{network.url('localhost')}: refused, localhost (127.0.0.1) leads to a private "
        "or local address (a repository of a downloaded list must be on the internet)")
    assert "mène à une adresse privée ou locale" in raised.value.text.fr
    assert network.internal.seen == [] and network.public.seen == []
    assert not any((tmp_path / "ws").iterdir())
    assert remote_head(target) is None


def test_a_redirect_to_this_machine_is_not_followed(tmp_path: Path, network: Network) -> None:
    network.answers["depot.test"] = [PUBLIC]
    network.answers["localhost"] = [INTERNAL]
    target = _exported(tmp_path, network.url("depot.test", "moved/repo.git"))
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, QUICK)
    assert raised.value.permanent
    assert (f"refused, its redirect to {network.url('localhost')}/info/refs"
            in raised.value.text.en)
    assert network.internal.seen == []
    # git asked once and stopped at the redirect; opencheck's guard asked where it leads
    agents = [agent for _, agent in network.public.seen]
    assert len(agents) == 2 and agents[0].startswith("git/")
    assert agents[1] == netguard.USER_AGENT


def test_a_redirect_to_an_address_allowed_is_followed_with_its_own_check(
        tmp_path: Path, network: Network) -> None:
    """A renamed repository (a forge redirects its old name) is still cloned."""
    network.answers["depot.test"] = [PUBLIC]
    target = _exported(tmp_path, network.url("depot.test", "renamed/repo.git"))
    checkout = prepare(tmp_path / "ws", target, QUICK)
    assert (checkout.path / "public.txt").is_file()
    assert network.internal.seen == []


def test_an_http_call_must_say_where_it_goes(tmp_path: Path) -> None:
    """The one wrapper refuses a git call allowed https without checked addresses."""
    with pytest.raises(ValueError, match="needs a Reach"):
        run_git(tmp_path, "ls-remote", "https://example.org/r.git", transports=("https",))


@pytest.fixture
def git_2_36(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The installed git, saying it is 2.36 (too old for http.curloptResolve)."""
    old = tmp_path / "old-git"
    old.mkdir()
    real = shutil.which("git")
    assert real is not None
    (old / "git").write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "git version 2.36.6"; exit 0; fi\n'
        f'exec {real} "$@"\n', encoding="utf-8")
    (old / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{old}{os.pathsep}{os.environ['PATH']}")
    gitcmd._check_version.cache_clear()
    yield
    gitcmd._check_version.cache_clear()


def test_a_git_too_old_to_be_pinned_clones_no_downloaded_list(
        tmp_path: Path, network: Network, git_2_36: None) -> None:
    """git before 2.37 ignores http.curloptResolve without a word: it would resolve
    the name itself. A repository of a downloaded list is then not cloned; the user's
    own list still is (nothing was checked there)."""
    network.answers["depot.test"] = [PUBLIC]
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", _exported(tmp_path, network.url("depot.test")), QUICK)
    assert raised.value.permanent
    assert "git 2.37 or later is needed (found 2.36) to clone a repository of a " \
        "downloaded list" in raised.value.text.en
    assert "git 2.37 ou plus récent est nécessaire" in raised.value.text.fr
    assert network.public.seen == [] and network.internal.seen == []
    checkout = prepare(tmp_path / "ws2", target_from_url(network.url("depot.test")), QUICK)
    assert (checkout.path / "public.txt").is_file()


def test_a_resolution_entry_of_the_users_git_configuration_does_not_move_the_pin(
        tmp_path: Path, network: Network, monkeypatch: pytest.MonkeyPatch) -> None:
    global_config = tmp_path / "gitconfig"
    global_config.write_text(
        f"[http]\n\tcurloptResolve = localhost:{network.port}:{INTERNAL}\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    network.answers["localhost"] = [PUBLIC]
    checkout = prepare(tmp_path / "ws", _exported(tmp_path, network.url("localhost")), QUICK)
    assert (checkout.path / "public.txt").is_file()
    assert network.internal.seen == []


def test_a_name_that_does_not_resolve_is_tried_again_never_left_to_git(
        tmp_path: Path, network: Network) -> None:
    url = f"https://nowhere.invalid:{network.port}/repo.git"
    target = _exported(tmp_path, url)  # kept by the listing: git says why it fails
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, GitSettings(retries=1, backoff=0.0, timeout=30))
    assert raised.value.text.en == (
        f"cannot clone {url} (2 tries): Could not resolve host: nowhere.invalid")
    assert not raised.value.permanent


def _listed(tmp_path: Path, host: str, group: str) -> SourceListing:
    """The projects of a GitLab group through the API of a forge an accounts file
    (code.gouv.fr's, downloaded) names; each server lists one project of group x."""
    project = [{"path_with_namespace": "x/p", "visibility": "public", "archived": False,
                "web_url": "https://gitlab.example.org/x/p",
                "http_url_to_repo": "https://gitlab.example.org/x/p.git"}]
    for side in ("public", "internal"):
        write_files(tmp_path / side, {"api/v4/groups/x/projects": json.dumps(project)})
    accounts = tmp_path / "comptes-organismes-publics.yml"
    accounts.write_text(f'"{host}":\n  forge: gitlab\n  owners:\n    {group}: {{}}\n',
                        encoding="utf-8")
    return read_sources([str(accounts)], ListingOptions(retry_backoff=0.0))


def test_a_forge_of_the_accounts_file_on_this_machine_is_not_listed(
        tmp_path: Path, network: Network) -> None:
    listing = _listed(tmp_path, f"localhost:{network.port}", "x")
    assert listing.targets == []
    assert listing.warnings == [
        f"localhost:{network.port}/x: refused, localhost is a private or local address "
        "(127.0.0.1): a forge of the accounts file is listed only on the internet "
        "(--api-url names one of the intranet)"]
    assert network.internal.seen == []


def test_a_forge_api_redirect_to_this_machine_is_not_followed(
        tmp_path: Path, network: Network) -> None:
    network.answers["depot.test"] = [PUBLIC]
    listing = _listed(tmp_path, f"depot.test:{network.port}", "away")
    assert listing.targets == []
    [warning] = listing.warnings
    assert warning.startswith(f"depot.test:{network.port}/away: refused, localhost is a "
                              "private or local address (127.0.0.1)")
    assert [path for path, _ in network.public.seen] == [
        "/api/v4/groups/away/projects?per_page=100&include_subgroups=true&with_shared=false"]
    assert network.internal.seen == []


def test_a_forge_api_on_the_internet_is_listed_at_the_address_checked(
        tmp_path: Path, network: Network) -> None:
    network.answers["localhost"] = [PUBLIC]
    listing = _listed(tmp_path, f"localhost:{network.port}", "x")
    assert [target.url for target in listing.targets] == ["https://gitlab.example.org/x/p.git"]
    assert listing.targets[0].public_only
    assert network.internal.seen == []


def test_a_forge_api_is_listed_through_the_proxy_of_the_environment(
        tmp_path: Path, network: Network, monkeypatch: pytest.MonkeyPatch) -> None:
    """A listing has no other way out of a proxied network than its proxy: the proxy
    is asked for the name and resolves it itself (its policy refuses it here)."""
    with proxyserver.serve(proxyserver.Proxy(refused={"depot.test"})) as proxy:
        monkeypatch.setenv("https_proxy", proxy.url)
        listing = _listed(tmp_path, f"depot.test:{network.port}", "x")
    assert proxy.asked and set(proxy.asked) == {f"depot.test:{network.port}"}
    assert listing.targets == [] and "cannot reach the API" in listing.warnings[0]


@pytest.mark.parametrize("host", ["localho\u017ft", "-depot.test"])
def test_a_name_curl_would_look_up_otherwise_is_refused_not_left_to_git(
        tmp_path: Path, network: Network, host: str) -> None:
    """git hands curl `host:port:addresses`, looked up as curl spells the name. curl
    turns an international name into ASCII (libidn2) first: `localhoſt` (a long s) is
    `localhost` to curl, so checked as public it would reach this machine (here git's C
    locale makes libidn2 refuse the name; a libcurl with another IDN library does not).
    An entry starting with `-` removes one: curl resolves `-depot.test` itself."""
    network.answers[host] = [PUBLIC]
    target = _exported(tmp_path, network.url(host))
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", target, QUICK)
    assert raised.value.permanent
    assert raised.value.text.en == (
        f"{network.url(host)}: refused, {host} is not a host name of ASCII letters, digits "
        "and hyphens (git would resolve it itself, past the check a repository of a "
        "downloaded list gets)")
    assert "n'est pas un nom d'hôte en lettres ASCII" in raised.value.text.fr
    assert network.internal.seen == [] and network.public.seen == []
    assert remote_head(target) is None
