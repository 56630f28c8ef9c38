# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every kind of address the network guard refuses, one by one, through the function
that decides and through a request as a URL from a scanned repository makes it.

A request to a refused address is answered "blocked" before any connection: these
tests open no socket to those addresses.
"""

from __future__ import annotations

import pytest

from opencheck import netguard

pytestmark = pytest.mark.timeout(60)  # hostile input: a regression fails, never hangs

REFUSED = {
    "private 10/8": "10.1.2.3",
    "private 172.16/12": "172.16.0.1",
    "private 192.168/16": "192.168.1.1",
    "unique local fc00::/7": "fd12:3456::1",
    "loopback": "127.0.0.2",
    "loopback v6": "::1",
    "link-local (cloud metadata)": "169.254.169.254",
    "link-local v6": "fe80::1",
    "multicast": "224.0.0.1",
    "multicast SSDP": "239.255.255.250",
    "multicast v6 all nodes": "ff02::1",
    "multicast v6 site": "ff05::1:3",
    "reserved 240/4": "240.0.0.1",
    "broadcast": "255.255.255.255",
    "reserved v6": "4000::1",
    "unspecified": "0.0.0.0",
    "unspecified v6": "::",
    "IPv4-mapped loopback": "::ffff:127.0.0.1",
    "IPv4-mapped private": "::ffff:10.0.0.1",
    "IPv4-mapped multicast": "::ffff:224.0.0.1",
}


@pytest.mark.parametrize("address", list(REFUSED.values()), ids=list(REFUSED))
def test_refused(address: str) -> None:
    assert netguard.is_refused(address)


@pytest.mark.parametrize("address", list(REFUSED.values()), ids=list(REFUSED))
def test_a_request_to_a_refused_address_is_blocked(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    answer = netguard.request(f"http://{host}:8080/repo.git", timeout=2)
    assert answer.blocked, answer
    assert answer.status == 0
    assert answer.error is not None
    assert "refused without --allow-private-network" in answer.error


@pytest.mark.parametrize("address", ["145.242.11.1", "2a01:e0a:1::1", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert not netguard.is_refused(address)


def test_resolve_names_the_refused_address() -> None:
    with pytest.raises(netguard.BlockedAddress, match=r"\(224\.0\.0\.1\)"):
        netguard.resolve("224.0.0.1", 80)
    assert netguard.resolve("224.0.0.1", 80, allow_private=True) == ["224.0.0.1"]
