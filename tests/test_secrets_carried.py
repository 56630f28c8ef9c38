# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A history's new version of a file is judged only around its changes, the hits of its
other lines carried over from an older version: the same secrets are found in it, on
the same lines, as when it is read whole."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import RepoFactory, check_json, commit, findings_of
from opencheck.secrets import carried, detectors, nonsecret, versions
from opencheck.secrets.masking import digest
from secret_samples import Samples

pytest.importorskip("hyperscan")

# the prefilter is Hyperscan's in every test here, whatever was scanned before
from test_secrets_versions import hyperscan_engine  # noqa: F401

PATH = "hieradata/common.yaml"


def configuration(entries: int, seed: int = 5) -> str:
    """A Hiera file of many services, each with its password: some real-looking, most
    placeholders or lookups (what a Puppet repository's common.yaml holds)."""
    samples = Samples(seed)
    lines = ["---\n"]
    for number in range(entries):
        service = f"govuk::apps::service_{number}"
        value = samples.password() if number % 7 == 0 else "%{hiera('vault_password')}"
        lines.append(f"{service}::db_hostname: 'postgresql-primary-{number}'\n"
                     f"{service}::db_password: '{value}'\n"
                     f"{service}::enable_procfile_worker: true\n"
                     f"{service}::port: {3000 + number}\n")
    return "".join(lines)


def hits(data: bytes, earlier: versions.Versions | None = None,
         path: str = PATH) -> list[detectors.Hit]:
    return detectors.scan(data, path, earlier=earlier)


def carries(earlier: versions.Versions, data: bytes, path: str = PATH) -> bool:
    """Whether the next scan of `data` takes hits from an older version."""
    return earlier.judged.carry((path, False), data,
                                nonsecret.Surroundings(data, path)) is not None


def test_random_edits_in_several_places_find_what_a_whole_read_finds() -> None:
    pick = random.Random(12)
    samples = Samples(13)
    pieces = [text.encode() for _path, text in samples.planted().values()] + [
        f"govuk::apps::new::db_password: '{samples.password()}'\n".encode(),
        b"password: '", b"'\n", b"\n", b"aws_secret_access_key =\n", b"#", b"x" * 300,
        b"api_key = \"", f"token: {samples.github()}\n".encode()]
    data = configuration(300).encode()
    assert len(data) > carried.SMALLEST * 2
    earlier = versions.Versions()
    assert hits(data, earlier) == hits(data)
    carried_over = 0
    for _ in range(80):
        for _edit in range(pick.randint(1, 4)):  # a commit edits a file in places
            at = pick.randrange(len(data) + 1)
            if pick.random() < 0.35:
                data = data[:at] + data[at + pick.randrange(1, 400):]
            else:
                data = data[:at] + pick.choice(pieces) + data[at:]
        carried_over += carries(earlier, data)
        assert hits(data, earlier) == hits(data)
    assert carried_over > 40  # most versions were judged around their changes only


def test_a_secret_below_inserted_lines_keeps_its_line_and_a_removed_one_goes() -> None:
    text = configuration(300)
    token = Samples(8).github()
    at = text.index("govuk::apps::service_250::")
    with_token = (text[:at] + f"github_token: {token}\n" + text[at:]).encode()
    earlier = versions.Versions()
    found = hits(with_token, earlier)
    assert any(hit.kind == "github-token" for hit in found)
    grown = b"# services\n" * 40 + with_token
    assert carries(earlier, grown)
    assert hits(grown, earlier) == hits(grown)
    assert [hit.line - 40 for hit in hits(grown) if hit.kind == "github-token"] == [
        hit.line for hit in found if hit.kind == "github-token"]
    assert carries(earlier, text.encode())
    assert hits(text.encode(), earlier) == hits(text.encode())
    assert not any(hit.kind == "github-token" for hit in hits(text.encode(), earlier))


def test_an_unchanged_line_is_judged_again_when_a_file_wide_fact_changed() -> None:
    text = configuration(300)
    earlier = versions.Versions()
    passwords = [hit for hit in hits(text.encode(), earlier) if hit.kind == "password-assignment"]
    assert passwords
    # the same lines, in a file that has become a sealed secret: no password reported
    sealed = ("kind: SealedSecret\n" + text).encode()
    assert hits(sealed) == [hit for hit in hits(sealed) if hit.kind != "password-assignment"]
    assert hits(sealed, earlier) == hits(sealed)


def test_an_unchanged_line_is_judged_again_when_what_is_just_before_it_changed() -> None:
    text = configuration(300)
    password = Samples(40).password()
    at = text.index("govuk::apps::service_150::")
    line = f"test::db_user: 'app'\ntest::db_password: '{password}'\n"
    old = (text[:at] + line + text[at:]).encode()
    earlier = versions.Versions()
    assert any(hit.kind == "password-assignment" and hit.digest == digest(password.encode())
               for hit in hits(old, earlier))
    # a Testcontainers URL a few lines above: a throwaway test database's password
    url = "spring::datasource_url: 'jdbc:tc:postgresql:15:///app'\n"
    between = "test::db_pool: 5\ntest::db_timeout: 30\ntest::db_name: 'app'\n"
    new = (text[:at] + url + between + line + text[at:]).encode()
    assert carries(earlier, new)
    assert hits(new, earlier) == hits(new)
    assert not any(hit.kind == "password-assignment" and hit.digest == digest(password.encode())
                   for hit in hits(new))


def test_a_detector_near_its_cap_is_run_on_the_whole_version() -> None:
    samples = Samples(21)
    lines = [f"service_{n}::db_password: '{samples.password()}'\n" for n in range(
        detectors.MAX_HITS_PER_DETECTOR - 2)]
    filler = "".join(f"service_{n}::port: {n}\n" for n in range(2000))
    text = filler + "".join(lines) + filler
    earlier = versions.Versions()
    assert hits(text.encode(), earlier) == hits(text.encode())
    more = text + "".join(f"extra_{n}::db_password: '{samples.password()}'\n" for n in range(6))
    assert hits(more.encode(), earlier) == hits(more.encode())
    assert len([hit for hit in hits(more.encode()) if hit.kind == "password-assignment"]) \
        == detectors.MAX_HITS_PER_DETECTOR


def test_shared_blocks_are_the_same_bytes_in_order() -> None:
    pick = random.Random(4)
    old = configuration(200).encode()
    for _ in range(200):
        new = old
        for _edit in range(pick.randint(0, 5)):
            at = pick.randrange(len(new) + 1)
            new = new[:at] + bytes(pick.randrange(256) for _ in range(pick.randrange(30))) \
                + new[at + pick.randrange(0, 200):]
        blocks = carried.same_blocks(old, new)
        new_end = old_end = 0
        for start, old_start, length in blocks:
            assert length > 0 and start >= new_end and old_start >= old_end
            assert new[start:start + length] == old[old_start:old_start + length]
            new_end, old_end = start + length, old_start + length
        if new == old:
            assert blocks == [(0, 0, len(old))]


def test_only_detectors_judged_near_are_carried_and_their_windows_are_within_reach() -> None:
    """The bytes a keyword assignment's judgement reads around it: the reason why lines
    further than REACH from a change are judged as before. A detector is carried only
    when it says its judgement is near; one reading further never is."""
    windows = [nonsecret.CONTEXT, nonsecret.WIDGET_WINDOW, nonsecret.ACCOUNT_WINDOW,
               nonsecret.POSTHOG_WINDOW, nonsecret.NAME_WINDOW, detectors._LITERAL_MAX]
    # a window, and a look-around at its far end, well within the reach
    assert max(windows) + 2 * versions.SLACK <= carried.REACH
    carried_kinds = {d.kind for index, d in enumerate(detectors.DETECTORS)
                     if detectors._carriable(index)}
    assert carried_kinds == {detectors.GENERIC}
    assert not any(d.judged_near for d in detectors.DETECTORS
                   if d.validate is detectors._private_ipv4 or d.kind.endswith("jwk"))


def test_a_token_committed_in_one_version_of_an_often_edited_file_is_dated_there(
        make_repo: RepoFactory) -> None:
    text = configuration(300)
    samples = Samples(30)
    old_password = samples.password()
    text = text.replace("::port: 3150\n", f"::port: 3150\nlegacy::db_password: '{old_password}'\n")
    root: Path = make_repo({PATH: text})
    token = samples.github()
    leaked = ""
    pick = random.Random(31)
    for version in range(24):
        lines = text.splitlines(keepends=True)
        for _edit in range(2):  # two places per commit, far apart
            at = pick.randrange(1, len(lines))
            lines[at] = lines[at].replace("true", "false") if "true" in lines[at] else \
                lines[at].replace("false", "true")
        if version == 12:
            lines.insert(len(lines) // 3, f"github_token: {token}\n")
        if version == 16:
            lines = [line for line in lines if token not in line]
        text = "".join(lines)
        made = commit(root, {PATH: text}, f"Change the settings, {version}",
                      date=f"2024-06-{version + 1:02d}T10:00:00")
        if version == 12:
            leaked = made
    report = check_json(root, "--rule", "secret-in-history")
    found = {(f["kind"], f["path"]): f["commit"] for f in findings_of(report)
             if f["rule"] == "secret-in-history"}
    assert found[("github-token", PATH)] == leaked
