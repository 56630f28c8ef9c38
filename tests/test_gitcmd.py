# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""git runs hardened, and long outputs stream record by record."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import RepoFactory, commit
from opencheck.gitcmd import GitError, Reach, popen_git, run_git, stream_git


def test_stream_yields_each_record_in_order(make_repo: RepoFactory) -> None:
    repo = make_repo({"a.txt": "1"}, message="first")
    commit(repo, {"a.txt": "2"}, "second")
    commit(repo, {"a.txt": "3"}, "third")
    records = list(stream_git(repo, "log", "--format=%s%x01", separator=b"\x01"))
    subjects = [r.strip(b"\n").decode() for r in records if r.strip()]
    assert subjects == ["third", "second", "first"]


def test_stream_agrees_with_the_buffered_call(make_repo: RepoFactory) -> None:
    repo = make_repo({f"f{i}.txt": str(i) * 5000 for i in range(40)})
    streamed = b"\n".join(stream_git(repo, "ls-files", "-s"))
    assert streamed + b"\n" == run_git(repo, "ls-files", "-s")


def test_stream_failure_names_gits_reason(make_repo: RepoFactory) -> None:
    """git's own reason comes back, from the end of its standard error."""
    repo = make_repo({"a.txt": "1"})
    with pytest.raises(GitError, match=r"git <command>|unknown revision"):
        list(stream_git(repo, "log", "no-such-branch"))


@pytest.mark.parametrize("memory_file", [True, False])
def test_a_list_of_ids_for_git_is_an_anonymous_file(memory_file: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """In memory (Linux), or a temporary file where the system has no memfd_create."""
    from opencheck.gitcmd import scratch_file

    if not memory_file:
        monkeypatch.delattr(os, "memfd_create", raising=False)
    with scratch_file() as ids:
        ids.write(b"0" * 40 + b"\n")
        ids.seek(0)
        assert ids.read() == b"0" * 40 + b"\n"


def test_stream_stopped_early_leaves_no_process(make_repo: RepoFactory) -> None:
    repo = make_repo({"a.txt": "1"})
    for i in range(5):
        commit(repo, {"a.txt": str(i)}, f"c{i}")
    stream = stream_git(repo, "log", "--format=%H")
    first = next(stream)
    stream.close()  # the finally clause kills and reaps git
    assert len(first) == 40


def test_a_reach_pins_git_to_its_addresses_without_redirect_or_proxy() -> None:
    direct = ["-c", "http.proxy=", "-c", "remote.origin.proxy="]  # not even the environment's
    checked = Reach("depot.test", 8443, ("2001:db8::1", "192.0.2.7"), checked=True)
    assert checked.options() == [
        "-c", "http.followRedirects=false",
        "-c", "http.curloptResolve=depot.test:8443:[2001:db8::1],192.0.2.7", *direct]
    assert checked.settings() == []
    assert Reach("forge.intranet", 443, ("10.0.0.5",)).options() == [
        "-c", "http.followRedirects=false", "-c", "http.curloptResolve=forge.intranet:443:10.0.0.5",
        *direct]
    # a name not resolved here (the user's), git resolves
    assert Reach("forge.intranet", 443).options() == ["-c", "http.followRedirects=false", *direct]
    # an address in the URL is not resolved: nothing to pin
    assert Reach("::1", 443, ("::1",), checked=True).options() == [
        "-c", "http.followRedirects=false", *direct]


def test_a_reach_through_a_proxy_names_it_in_the_environment_only() -> None:
    """The proxy resolves the name (nothing pinned); its URL, which may hold a password,
    is not on git's command line (every account of the machine reads those)."""
    proxied = Reach("depot.test", 443, checked=True, proxy="http://agent:s3cret@proxy:3128")
    assert proxied.options() == ["-c", "http.followRedirects=false"]
    assert proxied.settings() == [("http.proxy", "http://agent:s3cret@proxy:3128"),
                                  ("remote.origin.proxy", "http://agent:s3cret@proxy:3128")]
    assert "s3cret" not in repr(proxied)


@pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="Linux's /proc")
@pytest.mark.parametrize("way", ["prlimit", "child", "prlimit refused"])
def test_gits_data_limit_lowers_but_never_raises_the_users(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    """`popen_git(memory=)` caps git's data; a lower soft limit the user set stays.
    The limit is set on the running git (`prlimit`), or by the child before git
    starts where a process may not set another's (or is refused it)."""
    import resource
    import subprocess

    if way == "child":
        monkeypatch.delattr(resource, "prlimit")
    elif way == "prlimit refused":
        def refused(*args: object) -> None:
            raise PermissionError("not here")
        monkeypatch.setattr(resource, "prlimit", refused)
    root = make_repo({"README.md": "# x\n"})
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    users = 6 << 30
    if hard != resource.RLIM_INFINITY and hard < users:
        pytest.skip("a hard data limit below 6 GB")

    def gits_limit(memory: int) -> int:
        process = popen_git(root, "cat-file", "--batch", memory=memory,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:  # Popen returns once git was executed: its limit is set
            limits = Path(f"/proc/{process.pid}/limits").read_text()
        finally:
            process.communicate()
        [line] = [line for line in limits.splitlines() if line.startswith("Max data size")]
        return int(line.split()[3])

    resource.setrlimit(resource.RLIMIT_DATA, (users, hard))
    try:
        assert gits_limit(256 << 20) == 256 << 20
        assert gits_limit(64 << 30) == users
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
