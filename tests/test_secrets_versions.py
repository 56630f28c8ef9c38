# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A history's new version of a large file is prefiltered from the version before it:
the same secrets are found in it as when it is read whole."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import RepoFactory, check_json, commit, findings_of
from opencheck.secrets import detectors, multimatch, versions
from secret_samples import Samples

pytest.importorskip("hyperscan")

RULES = ("--rule", "secret-in-history")


@pytest.fixture(autouse=True)
def hyperscan_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's prefilter is Hyperscan's, whatever was scanned before."""
    monkeypatch.setattr(detectors, "_engine",
                        multimatch.HyperscanEngine(detectors.engine_patterns()))
    yield


def changelog(releases: int, seed: int = 3) -> str:
    """A semantic-release changelog: newest version first, no secret in it."""
    pick = random.Random(seed)
    entries = []
    for number in range(releases, 0, -1):
        commit_id = "".join(pick.choice("0123456789abcdef") for _ in range(40))
        entries.append(
            f"## [1.{number}.0](https://github.com/org/app/compare/v1.{number - 1}.0"
            f"...v1.{number}.0) (2024-05-{number % 28 + 1:02d})\n\n### Bug Fixes\n\n"
            f"* fix the form ([{commit_id[:7]}](https://github.com/org/app/commit/{commit_id}))\n\n")
    return "# Changelog\n\n" + "".join(entries)


def secrets_texts() -> list[str]:
    return [content for _path, content in Samples(5).planted().values()]


def hits(data: bytes, earlier: versions.Versions | None = None,
         path: str = "CHANGELOG.md") -> list[detectors.Hit]:
    return detectors.scan(data, path, earlier=earlier)


@pytest.mark.parametrize("where", ["top", "middle", "end"])
def test_a_secret_added_to_a_large_file_is_found_from_its_previous_version(where: str) -> None:
    old = changelog(600).encode()
    assert len(old) > versions.SMALLEST
    cut = {"top": 13, "middle": len(old) // 2, "end": len(old)}[where]
    for secret in secrets_texts():
        new = old[:cut] + secret.encode() + old[cut:]
        earlier = versions.Versions()
        assert hits(old, earlier) == hits(old)
        assert hits(new, earlier) == hits(new), secret[:40]
        assert earlier.kept  # the new version was worked out from the old one


def test_a_secret_in_the_shared_part_is_still_found_and_a_removed_one_no_longer() -> None:
    text = changelog(600)
    key = Samples(8).planted()["github-token"][1]
    with_key = (text[:5000] + key + text[5000:]).encode()
    grown = (text[:20] + "## [1.601.0]\n\n* more\n\n" + text[20:5000] + key + text[5000:]).encode()
    earlier = versions.Versions()
    found = hits(with_key, earlier)
    assert found and hits(grown, earlier) == hits(grown) and hits(grown)
    assert hits(text.encode(), earlier) == []  # the key taken out again


def test_random_edits_over_many_versions_find_what_a_whole_read_finds() -> None:
    pick = random.Random(20)
    pieces = [text.encode() for text in secrets_texts()] + [
        b"aws_secret_access_key =\n\n\n", b"\n\n", b"-----BEGIN RSA PRIVATE KEY-----\n",
        b"password = '", b"'\n", b"http://", b"@", b"eyJ", b"x" * 300]
    data = changelog(500).encode()
    earlier = versions.Versions()
    for _ in range(60):
        at = pick.randrange(len(data) + 1)
        if pick.random() < 0.3 and len(data) > versions.SMALLEST * 2:
            data = data[:at] + data[at + pick.randrange(1, 3000):]
        else:
            data = data[:at] + pick.choice(pieces) + data[at:]
        assert hits(data, earlier) == hits(data)


def leading(one: bytes, other: bytes) -> int:
    """How many first bytes the two share, counted one by one."""
    count = 0
    for mine, theirs in zip(one, other, strict=False):
        if mine != theirs:
            break
        count += 1
    return count


def test_shared_prefix_and_suffix_are_exact() -> None:
    old = b"abc" * 20_000
    for new in (old, old + b"d", b"d" + old, old[:30_001] + b"Z" + old[30_001:],
                old[:100], old[-100:], b""):
        prefix = versions.shared_prefix(old, new)
        assert prefix == leading(old, new)
        limit = min(len(old), len(new)) - prefix
        tail = leading(old[::-1], new[::-1])
        assert versions.shared_suffix(old, new, limit) == min(tail, limit)


def test_a_token_in_one_release_of_a_long_changelog_is_reported_with_its_commit(
        make_repo: RepoFactory) -> None:
    text = changelog(1000)
    root: Path = make_repo({"CHANGELOG.md": text})
    token = Samples(9).github()
    leaked = ""
    for release in range(701, 729):  # past the size from which Hyperscan prefilters
        text = text.replace("# Changelog\n\n", f"# Changelog\n\n## [1.{release}.0]\n\n"
                            f"* release {release}\n\n", 1)
        if release == 720:
            text = text.replace("* release 720\n", f"* release 720 (token {token})\n", 1)
        introduced = commit(root, {"CHANGELOG.md": text}, f"chore(release): 1.{release}.0",
                            date=f"2024-06-{release - 700:02d}T10:00:00")
        if release == 720:
            leaked = introduced
        if release == 721:
            text = text.replace(f" (token {token})", "", 1)
    report = check_json(root, *RULES)
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [(f["kind"], f["commit"], f["path"]) for f in found] == [
        ("github-token", leaked, "CHANGELOG.md")]
