# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Batch mode behind a proxy (a ministry's network), without reopening the holes.

The servers of test_batch_rebinding (127.0.0.2 "the internet", 127.0.0.1 this
machine, real git over real HTTPS) are reached through a real forward proxy
(`proxyserver`, CONNECT). The proxy resolves names itself: `proxied.test` is known to
its DNS only, as github.com is on a network whose machines resolve no outside name.
What opencheck guarantees there: it asks the proxy only for hosts it has checked as
far as it can (a literal address or a name that resolves here must be public), it
follows no redirect to a refused one, the proxy is the user's (environment or the
user's git configuration, never a repository's), and a token goes to its own host.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from batch_helpers import running
from conftest import git
from hostile import proxyserver
from hostile import test_batch_rebinding as servers
from hostile.test_batch_rebinding import INTERNAL, PUBLIC, QUICK, Network
from opencheck import netguard, proxies
from opencheck.batch.sources import ListingOptions, Target, read_sources, target_from_url
from opencheck.batch.workspace import GitSettings, WorkspaceError, prepare, remote_head

certificate = servers.certificate
network = servers.network
git_2_36 = servers.git_2_36


@pytest.fixture
def proxy(network: Network, monkeypatch: pytest.MonkeyPatch) -> Iterator[proxyserver.Proxy]:
    """The machine's proxy, named by https_proxy; its DNS knows `proxied.test`."""
    with proxyserver.serve(proxyserver.Proxy(names={"proxied.test": PUBLIC})) as running:
        monkeypatch.setenv("https_proxy", running.url)
        yield running


def _listed(url: str) -> Target:
    """A repository a forge's API listed (downloaded: must be on the internet)."""
    return target_from_url(url, "x", "GitLab", public_only=True)


def test_a_downloaded_list_is_cloned_through_the_proxy_which_resolves_the_name(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    """Nothing resolves `proxied.test` here: only the proxy knows it, as it knows the
    forges of a network whose machines resolve no outside name."""
    target = servers._exported(tmp_path, network.url("proxied.test"))
    checkout = prepare(tmp_path / "ws", target, QUICK)
    assert (checkout.path / "public.txt").is_file()
    assert remote_head(target) == checkout.commit
    # each of git's requests (the test server closes every connection) asks for it
    assert set(proxy.asked) == {f"proxied.test:{network.port}"}
    assert network.internal.seen == []


def test_a_name_that_resolves_here_to_this_machine_is_not_asked_of_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    network.answers["depot.test"] = [PUBLIC, INTERNAL]  # the listing, then the clone
    url = network.url("depot.test")
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", servers._exported(tmp_path, url), QUICK)
    assert raised.value.permanent
    assert raised.value.text.en == (
        f"{url}: refused, depot.test (127.0.0.1) leads to a private or local address (a "
        "repository of a downloaded list must be on the internet)")
    assert proxy.asked == []
    assert network.internal.seen == [] and network.public.seen == []


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "169.254.169.254", "10.1.2.3"])
def test_a_listed_local_host_or_address_is_not_asked_of_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy, host: str) -> None:
    url = network.url(host)
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", _listed(url), QUICK)
    assert raised.value.permanent
    assert "leads to a private or local address" in raised.value.text.en
    assert "mène à une adresse privée ou locale" in raised.value.text.fr
    assert proxy.asked == [] and network.internal.seen == []


@pytest.mark.parametrize(("path", "where"), [
    ("moved/repo.git", "https://localhost:{port}/repo.git/info/refs"),
    ("metadata/repo.git", "https://169.254.169.254:{port}/latest/meta-data/repo.git/info/refs"),
])
def test_a_redirect_to_this_machine_is_not_followed_through_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy, path: str,
        where: str) -> None:
    url = network.url("proxied.test", path)
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", _listed(url), QUICK)
    assert raised.value.permanent
    hop = where.format(port=network.port)
    assert raised.value.text.en == (
        f"{url}: refused, its redirect to {hop}?service=git-upload-pack leads to a private "
        "or local address (a repository of a downloaded list must be on the internet)")
    # git, then opencheck's look-up, asked the proxy for the public host, never more
    assert proxy.asked == [f"proxied.test:{network.port}"] * 2
    agents = [agent for _, agent in network.public.seen]
    assert len(agents) == 2 and agents[0].startswith("git/")
    assert agents[1] == netguard.USER_AGENT
    assert network.internal.seen == []


def test_a_renamed_repository_is_cloned_through_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    network.answers["depot.test"] = [PUBLIC]
    checkout = prepare(tmp_path / "ws", _listed(network.url("proxied.test",
                                                            "renamed/repo.git")), QUICK)
    assert (checkout.path / "public.txt").is_file()
    assert set(proxy.asked) == {f"proxied.test:{network.port}", f"depot.test:{network.port}"}
    assert network.internal.seen == []


@pytest.mark.parametrize("proxied", [True, False])
def test_a_token_goes_to_its_own_host_only_across_a_redirect(
        tmp_path: Path, network: Network, monkeypatch: pytest.MonkeyPatch,
        proxied: bool) -> None:
    """A private repository renamed to another host: git sends the token to the
    forge's host, so does the look-up of where the redirect leads, and neither sends it
    to the other host."""
    network.answers["depot.test"] = [PUBLIC]
    network.answers["mirror.test"] = [PUBLIC]
    token = "Basic " + base64.b64encode(b"oauth2:glpat-s3cr3t").decode()
    target = Target(key="k", url=network.url("depot.test", "elsewhere/repo.git"), name="x/p",
                    auth=token, public_only=True)
    with proxyserver.serve() as proxy:
        if proxied:
            monkeypatch.setenv("https_proxy", proxy.url)
        checkout = prepare(tmp_path / "ws", target, QUICK)
    assert (checkout.path / "public.txt").is_file()
    sent = {(host.split(":")[0], authorization) for host, _, authorization
            in network.public.authorizations}
    assert sent == {("depot.test", token), ("mirror.test", None)}
    assert bool(proxy.asked) is proxied


@pytest.mark.parametrize("proxied", [True, False])
def test_an_account_in_a_url_follows_a_rename_on_its_own_host_only(
        tmp_path: Path, network: Network, monkeypatch: pytest.MonkeyPatch,
        proxied: bool) -> None:
    """A private repository of the user's list, its account in the URL: renamed on
    its forge, the look-up of the redirect needs that account (a private repository
    answers nothing without it), and the clone of the new URL too; moved to another
    host, neither the look-up nor git sends it there."""
    network.answers["depot.test"] = [PUBLIC]
    network.answers["mirror.test"] = [PUBLIC]
    account = f"https://oauth2:pr1vate-t0ken@depot.test:{network.port}{servers.PRIVATE}"
    names = {"depot.test": PUBLIC, "mirror.test": PUBLIC}
    with proxyserver.serve(proxyserver.Proxy(names=names)) as proxy:
        if proxied:
            monkeypatch.setenv("https_proxy", proxy.url)
        checkout = prepare(tmp_path / "ws", target_from_url(f"{account}/renamed/repo.git"),
                           QUICK)
        assert (checkout.path / "public.txt").is_file()
        with pytest.raises(WorkspaceError) as raised:
            prepare(tmp_path / "ws2", target_from_url(f"{account}/elsewhere/repo.git"), QUICK)
    assert "pr1vate-t0ken" not in str(raised.value.text)
    # git reached the new host with no account, and asked for one (no prompt here)
    assert f"could not read Username for 'https://mirror.test:{network.port}'" in (
        raised.value.text.en)
    sent = {(host.split(":")[0], authorization) for host, _, authorization
            in network.public.authorizations}
    assert ("depot.test", servers.ACCOUNT) in sent
    assert {authorization for host, authorization in sent if host == "mirror.test"} == {None}
    assert bool(proxy.asked) is proxied


def test_a_proxy_that_refuses_says_so_in_both_languages(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    proxy.refused.add("proxied.test")
    # a listed URL with a token in it: shown masked, as everywhere
    url = f"https://oauth2:glpat-t0ken@proxied.test:{network.port}/repo.git"
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", _listed(url), QUICK)
    assert raised.value.permanent  # the proxy's policy: another try would be refused too
    where = f"proxied.test:{network.port}"
    shown = f"https://***@proxied.test:{network.port}/repo.git"
    assert raised.value.text.en == (
        f"cannot clone {shown} (1 try): the proxy 127.0.0.1:"
        f"{proxy.port} (https_proxy) refused the connection to {where} (HTTP 403)")
    assert raised.value.text.fr == (
        f"impossible de cloner {shown} (1 essai) : le proxy 127.0.0.1:"
        f"{proxy.port} (https_proxy) a refusé la connexion à {where} (HTTP 403)")


def test_behind_a_proxy_a_git_too_old_to_be_pinned_clones_a_downloaded_list(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy, git_2_36: None) -> None:
    """Pinning is the proxy's resolution then: the git version does not matter."""
    checkout = prepare(tmp_path / "ws", _listed(network.url("proxied.test")), QUICK)
    assert (checkout.path / "public.txt").is_file()
    with pytest.raises(WorkspaceError, match="leads to a private or local address"):
        prepare(tmp_path / "ws2", _listed(network.url("localhost")), QUICK)


def test_an_unreachable_proxy_says_so_and_is_tried_again(
        tmp_path: Path, network: Network, monkeypatch: pytest.MonkeyPatch) -> None:
    port = proxyserver.closed_port()
    monkeypatch.setenv("https_proxy", f"http://127.0.0.1:{port}")
    network.answers["depot.test"] = [PUBLIC]
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", _listed(network.url("depot.test")),
                GitSettings(retries=1, backoff=0.0, timeout=30))
    assert not raised.value.permanent
    assert raised.value.text.en.startswith(
        f"cannot clone {network.url('depot.test')} (2 tries): cannot reach the proxy "
        f"127.0.0.1:{port} (https_proxy): ")
    assert f"impossible de joindre le proxy 127.0.0.1:{port} (https_proxy) : " in (
        raised.value.text.fr)
    assert network.public.seen == []


def test_the_proxys_password_is_sent_to_the_proxy_and_never_shown(
        tmp_path: Path, network: Network, monkeypatch: pytest.MonkeyPatch) -> None:
    account = "Basic " + base64.b64encode(b"agent:pr0xy-s3cret").decode()
    names = {"proxied.test": PUBLIC, "depot.test": PUBLIC}
    with proxyserver.serve(proxyserver.Proxy(names=names, account=account)) as proxy:
        monkeypatch.setenv("https_proxy", f"http://agent:pr0xy-s3cret@127.0.0.1:{proxy.port}")
        checkout = prepare(tmp_path / "ws", _listed(network.url("proxied.test",
                                                                "renamed/repo.git")), QUICK)
        assert (checkout.path / "public.txt").is_file()
        # git asks without the account first (http.proxyAuthMethod=anyauth), then
        # with it; opencheck's look-up sends it at once
        assert set(proxy.accounts) == {account, None}
        monkeypatch.setenv("https_proxy", f"http://agent:wr0ng@127.0.0.1:{proxy.port}")
        with pytest.raises(WorkspaceError) as raised:
            prepare(tmp_path / "ws2", _listed(network.url("proxied.test")), QUICK)
    assert raised.value.text.en.endswith(
        f"the proxy 127.0.0.1:{proxy.port} (https_proxy) asks for authentication for "
        f"proxied.test:{network.port} (HTTP 407): give the account's name and password in "
        "the proxy's address, before the host")
    assert "wr0ng" not in str(raised.value.text) and "agent" not in raised.value.text.en


def test_the_proxy_of_the_users_git_configuration_is_used(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("https_proxy")
    config = tmp_path / "gitconfig"
    config.write_text(f"[http]\n\tproxy = {proxy.url}\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    checkout = prepare(tmp_path / "ws", _listed(network.url("proxied.test")), QUICK)
    assert (checkout.path / "public.txt").is_file()
    assert set(proxy.asked) == {f"proxied.test:{network.port}"}


def test_a_clones_own_configuration_names_no_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    """A repository's configuration is not the user's: a proxy written into a clone's
    .git/config (for every URL, or for this one) is not the one its next fetch, or
    the look-up of its head (`ls-remote URL`, run in the clone), uses."""
    target = _listed(network.url("proxied.test"))
    checkout = prepare(tmp_path / "ws", target, QUICK)
    with proxyserver.serve(proxyserver.Proxy(names={"proxied.test": PUBLIC})) as other:
        for key in ("http.proxy", f"http.{network.url('proxied.test')}.proxy",
                    "remote.origin.proxy"):
            git(checkout.path, "config", key, other.url)
        unchanged = prepare(tmp_path / "ws", target, QUICK, known_commit=checkout.commit)
        again = prepare(tmp_path / "ws", target, QUICK)
    assert unchanged == checkout
    assert again.path == checkout.path and (again.path / "public.txt").is_file()
    assert other.asked == []
    assert set(proxy.asked) == {f"proxied.test:{network.port}"}


def test_no_proxy_sends_a_host_directly_pinned_to_the_address_checked(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "example.org,.test")
    network.answers["depot.test"] = [PUBLIC]
    checkout = prepare(tmp_path / "ws", _listed(network.url("depot.test")), QUICK)
    assert (checkout.path / "public.txt").is_file()
    network.answers["depot.test"] = [INTERNAL]
    with pytest.raises(WorkspaceError, match="leads to a private or local address"):
        prepare(tmp_path / "ws2", _listed(network.url("depot.test")), QUICK)
    assert proxy.asked == [] and network.internal.seen == []


def test_the_users_own_list_goes_through_the_proxy_unchecked(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    """A text list is the user's: its hosts may be on the intranet, as the proxy
    resolves them (here `localhost`, the proxy's own machine)."""
    checkout = prepare(tmp_path / "ws", target_from_url(network.url("localhost")), QUICK)
    assert (checkout.path / "internal.txt").is_file()
    assert set(proxy.asked) == {f"localhost:{network.port}"}


@pytest.mark.parametrize(("value", "no_proxy", "expected"), [
    ("http://proxy.example:3128", "", ("http", "proxy.example", 3128)),
    ("proxy.example", "", ("http", "proxy.example", 1080)),  # curl's default port
    ("http://u:p%40ss@proxy.example:8080/", "", ("http", "proxy.example", 8080)),
    ("socks5h://proxy.example", "", ("socks5h", "proxy.example", 1080)),
    ("http://proxy.example:3128", "*", None),
    ("http://proxy.example:3128", "forge.example.org", None),
    ("http://proxy.example:3128", ".example.org", None),
    ("http://proxy.example:3128", "example.org:443", None),
    ("http://proxy.example:3128", "example.org:8443", ("http", "proxy.example", 3128)),
    ("http://proxy.example:3128", "ample.org", ("http", "proxy.example", 3128)),
    ("", "", None),
])
def test_the_proxy_is_read_as_git_and_curl_read_it(
        monkeypatch: pytest.MonkeyPatch, value: str, no_proxy: str,
        expected: tuple[str, str, int] | None) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", "/dev/null")
    for name in (*proxies.HTTPS_VARIABLES, *proxies.BYPASS_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", value)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    found = proxies.for_url("https://forge.example.org/g/p.git")
    assert (found and (found.scheme, found.host, found.port)) == expected
    if value.startswith("http://u:"):
        assert found is not None and found.authorization == "Basic " + base64.b64encode(
            b"u:p@ss").decode()
        assert "p%40ss" not in repr(found) and "p%40ss" not in found.shown


def test_git_configuration_comes_before_the_environment_the_users_before_the_machines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    machine, user = tmp_path / "system", tmp_path / "global"
    machine.write_text("[http]\n\tproxy = http://machine.example:3128\n", encoding="utf-8")
    # the user sends one forge directly, whatever the machine says
    user.write_text('[http "https://forge.example.org/"]\n\tproxy = ""\n', encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", str(machine))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(user))
    monkeypatch.setenv("https_proxy", "http://environment.example:8080")
    assert proxies.for_url("https://forge.example.org/g/p.git") is None
    found = proxies.for_url("https://github.com/o/r.git")
    assert found is not None
    assert found.shown == "machine.example:3128 (git config --system http.proxy)"
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", "/dev/null")
    found = proxies.for_url("https://github.com/o/r.git")
    assert found is not None and found.shown == "environment.example:8080 (https_proxy)"


def test_a_proxy_setting_that_is_no_address_is_a_clear_refusal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", "/dev/null")
    monkeypatch.setenv("https_proxy", "ftp://proxy.example")
    with pytest.raises(WorkspaceError) as raised:
        prepare(tmp_path / "ws", _listed("https://forge.example.org/g/p.git"), QUICK)
    assert raised.value.permanent
    assert raised.value.text.en == ("the proxy https_proxy names is not a proxy address "
                                    "(expected: http://host:port)")
    assert "n'est pas une adresse de proxy" in raised.value.text.fr


def test_a_forge_api_is_listed_through_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    listing = servers._listed(tmp_path, f"proxied.test:{network.port}", "x")
    assert listing.warnings == []
    assert [target.url for target in listing.targets] == ["https://gitlab.example.org/x/p.git"]
    assert set(proxy.asked) == {f"proxied.test:{network.port}"}


def test_a_forge_api_on_this_machine_is_not_asked_of_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    listing = servers._listed(tmp_path, f"localhost:{network.port}", "x")
    assert listing.targets == []
    assert listing.warnings == [
        f"localhost:{network.port}/x: refused, localhost is a private or local address "
        "(127.0.0.1): a forge of the accounts file is listed only on the internet "
        "(--api-url names one of the intranet)"]
    assert proxy.asked == [] and network.internal.seen == []


def test_a_forge_api_redirect_to_this_machine_is_not_followed_through_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    listing = servers._listed(tmp_path, f"proxied.test:{network.port}", "away")
    assert listing.targets == []
    [warning] = listing.warnings
    assert warning.startswith(f"proxied.test:{network.port}/away: refused, localhost is a "
                              "private or local address (127.0.0.1)")
    assert proxy.asked == [f"proxied.test:{network.port}"]
    assert network.internal.seen == []


def test_a_forge_api_the_proxy_refuses_names_the_proxy(
        tmp_path: Path, network: Network, proxy: proxyserver.Proxy) -> None:
    proxy.refused.add("proxied.test")
    listing = servers._listed(tmp_path, f"proxied.test:{network.port}", "x")
    assert listing.targets == []
    assert listing.warnings == [
        f"proxied.test:{network.port}/x: cannot reach the API through the proxy 127.0.0.1:"
        f"{proxy.port} (https_proxy): Tunnel connection failed: 403 Forbidden"]


class _Plain(BaseHTTPRequestHandler):
    """A plain http server (an intranet forge's API): /away redirects to this
    machine, GitLab's projects of group x are listed, anything else is a page."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        body = b"page"
        if self.path.startswith("/away"):
            self.send_response(301)
            self.send_header("Location", f"http://localhost:{port}/page")
            body = b""
        else:
            self.send_response(200)
            if self.path.startswith("/api/v4/groups/x/projects"):
                body = json.dumps([{"path_with_namespace": "x/p", "visibility": "public",
                                    "web_url": "https://forge.intra/x/p",
                                    "http_url_to_repo": "https://forge.intra/x/p.git"}]).encode()
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def plain_port(network: Network, proxy: proxyserver.Proxy,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The port of a plain http server on the "internet" address, which the proxy
    (named by http_proxy too) knows as `proxied.test`."""
    monkeypatch.setenv("http_proxy", proxy.url)
    with running(ThreadingHTTPServer((PUBLIC, 0), _Plain)) as port:
        yield port


def test_a_plain_http_request_goes_to_the_proxy_whole_and_checked(
        network: Network, proxy: proxyserver.Proxy, plain_port: int) -> None:
    answer = netguard.request(f"http://proxied.test:{plain_port}/page", "GET",
                              proxy_for=proxies.for_url)
    assert (answer.status, answer.error) == (200, None)
    answer = netguard.request(f"http://proxied.test:{plain_port}/away", "GET",
                              proxy_for=proxies.for_url)
    assert answer.blocked and answer.url == f"http://localhost:{plain_port}/page"
    assert proxy.asked == [f"proxied.test:{plain_port}"] * 2
    assert network.internal.seen == []


def test_an_intranet_forge_api_over_plain_http_is_listed_through_the_proxy(
        tmp_path: Path, proxy: proxyserver.Proxy, plain_port: int) -> None:
    accounts = tmp_path / "comptes-organismes-publics.yml"
    accounts.write_text("forge.intra:\n  forge: gitlab\n  owners:\n    x: {}\n",
                        encoding="utf-8")
    api = f"http://proxied.test:{plain_port}/api/v4"
    listing = read_sources([str(accounts)], ListingOptions(api_urls={"forge.intra": api}))
    assert listing.warnings == []
    assert [target.url for target in listing.targets] == ["https://forge.intra/x/p.git"]
    assert proxy.asked == [f"proxied.test:{plain_port}"]
