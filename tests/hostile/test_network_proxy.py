# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`--network` behind a proxy: registry look-ups, Software Heritage, the files and
iPA codes of publiccode.yml (`deps.fetch`) go through the user's proxy, and a URL
of the scanned repository that names this machine is refused before the proxy is
asked, its redirects too. The servers and the real CONNECT proxy are those of
test_batch_proxy.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_files
from hostile import test_batch_proxy as proxied
from hostile import test_batch_rebinding as servers
from hostile.proxyserver import Proxy
from hostile.test_batch_rebinding import Network
from opencheck.deps.fetch import FetchError, fetch_json

certificate = servers.certificate
network = servers.network
proxy = proxied.proxy


def test_a_registry_is_asked_through_the_proxy(
        tmp_path: Path, network: Network, proxy: Proxy) -> None:
    write_files(tmp_path / "public", {"npm/express": json.dumps({"license": "MIT"})})
    document = fetch_json(network.url("proxied.test", "npm/express"), 10.0)
    assert document == {"license": "MIT"}
    assert proxy.asked == [f"proxied.test:{network.port}"]


@pytest.mark.parametrize("path", ["moved/npm/express", "metadata/npm/express"])
def test_a_redirect_to_this_machine_is_refused_before_the_proxy_is_asked(
        tmp_path: Path, network: Network, proxy: Proxy, path: str) -> None:
    write_files(tmp_path / "internal", {"npm/express": json.dumps({"license": "MIT"})})
    with pytest.raises(FetchError, match="private or local address"):
        fetch_json(network.url("proxied.test", path), 10.0)
    assert proxy.asked == [f"proxied.test:{network.port}"]
    assert network.internal.seen == []


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "169.254.169.254"])
def test_a_url_naming_this_machine_is_not_asked_of_the_proxy(
        network: Network, proxy: Proxy, host: str) -> None:
    with pytest.raises(FetchError, match="private or local address"):
        fetch_json(network.url(host, "npm/express"), 10.0)
    assert proxy.asked == [] and network.internal.seen == []


def test_a_proxy_that_refuses_is_named(network: Network, proxy: Proxy) -> None:
    proxy.refused.add("proxied.test")
    with pytest.raises(FetchError) as raised:
        fetch_json(network.url("proxied.test", "npm/express"), 10.0)
    assert str(raised.value) == (
        f"the proxy 127.0.0.1:{proxy.port} (https_proxy) refused the connection to "
        f"proxied.test:{network.port} (HTTP 403)")
