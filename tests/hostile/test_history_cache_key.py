# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history cache in CI trusts only entries tagged with OPENCHECK_CACHE_KEY
(`secrets/cachekey.py`): a merge request's pipeline may save a cache that another
pipeline restores, and an entry saying that a token's blob is clean hid the token."""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, commit, findings_of, git, run_cli
from opencheck.secrets import blobcache, cachekey
from secret_samples import Samples

RULES = ("--rule", "secret-in-history", "--rule", "sensitive-data-in-history",
         "--rule", "artefact-in-history")
KEY = "k3y-" + "Qz7vR2mX9pL4tB8w" * 2  # what a protected CI/CD variable would hold
CI = {"CI": "true", "GITLAB_CI": "true"}


def checked(root: Path, cache: Path, *args: str, **env: str) -> dict[str, Any]:
    result = run_cli("check", str(root), "--format", "json", "--lang", "en", *RULES, *args,
                     env={"OPENCHECK_CACHE_DIR": str(cache), **env})
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def token_found(report: dict[str, Any]) -> bool:
    return any(f["rule"] == "secret-in-history" and f.get("path") == "deploy/token.txt"
               for f in findings_of(report))


@pytest.fixture
def project(make_repo: RepoFactory) -> tuple[Path, str]:
    """A history whose token was removed, and many clean blobs: (root, token's blob)."""
    root = make_repo({"README.md": "# Projet\n", "src/app.py": "print(0)\n"})
    commit(root, {"deploy/token.txt": f"GITHUB_TOKEN={Samples(61).github()}\n"})
    oid = git(root, "rev-parse", "HEAD:deploy/token.txt").strip()
    for number in range(12):
        commit(root, {"src/app.py": f"print({number + 1})\n"})
    git(root, "rm", "--quiet", "deploy/token.txt")
    commit(root, {}, "Remove the token")
    return root, oid


def the_file(cache: Path) -> Path:
    (stored,) = (cache / "history").glob("*.blobs")
    return stored


def forged_body(root: Path, oid: str, stored: Path) -> bytes:
    """The entries of a run's own file, and the token's blob said clean."""
    keyed = cachekey.signer({cachekey.KEY_VARIABLE: KEY})
    entries = blobcache.load(stored.parent, stored.name, keyed)
    assert entries
    size = int(git(root, "cat-file", "-s", oid))
    records = [(bytes.fromhex(o.decode()), s, p) for (o, p), s in entries.items()]
    records.append((bytes.fromhex(oid), size, b"deploy/token.txt"))
    return b"".join(struct.pack("<20sQH", o, s, len(p)) + p for o, s, p in records)


def test_a_forged_entry_is_not_trusted_and_the_token_is_reported(
        project: tuple[Path, str], tmp_path: Path) -> None:
    """What a merge request's job can write into a cache a protected pipeline restores:
    the file format as opencheck writes it, behind its SHA-256 (version 1), without a
    tag, or with a tag of another key. None of them hides the token."""
    root, oid = project
    cache = tmp_path / "cache"
    first = checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    assert token_found(first)
    stored = the_file(cache)
    body = forged_body(root, oid, stored)
    forgeries = {
        "sha256": b"opencheck-blobs-1\n" + hashlib.sha256(body).digest() + body,
        "untagged": blobcache.MAGIC + hashlib.sha256(body).digest() + body,
        "no key": blobcache.MAGIC + cachekey.Signer(b"").tag(stored.name, body) + body,
        "other key": blobcache.MAGIC
        + cachekey.Signer(b"another-key-0123456789").tag(stored.name, body) + body,
    }
    for what, content in forgeries.items():
        stored.write_bytes(content)
        report = checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
        assert token_found(report), what
        assert report["verdict"] == "not_ready", what
        assert report["metadata"]["history_cache_not_trusted"] == "not_signed", what
        assert "history_blobs_from_cache" not in report["metadata"], what
    # and the same forged file, tagged with the key, would hide it: the test is sound
    stored.write_bytes(blobcache.MAGIC
                       + cachekey.Signer(KEY.encode()).tag(stored.name, body) + body)
    assert not token_found(checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI))


def test_a_file_tagged_for_another_name_is_not_trusted(
        project: tuple[Path, str], tmp_path: Path) -> None:
    """A tagged file of other settings (allow_paths naming the token's folder) copied
    under this run's name: the tag covers the name, so it is not read."""
    root, _ = project
    cache = tmp_path / "cache"
    checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    mine = the_file(cache)
    (root / ".opencheck.yml").write_text(
        "settings:\n  secrets:\n    allow_paths: [\"deploy/\"]\n", encoding="utf-8")
    checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    (other,) = [stored for stored in (cache / "history").glob("*.blobs") if stored != mine]
    (root / ".opencheck.yml").unlink()
    mine.write_bytes(other.read_bytes())
    report = checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    assert report["metadata"]["history_cache_not_trusted"] == "not_signed"
    assert token_found(report)


def test_entries_tagged_with_the_key_are_reused(
        project: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = project
    cache = tmp_path / "cache"
    first = checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    assert "history_blobs_from_cache" not in first["metadata"]
    second = checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    assert second["metadata"]["history_blobs_from_cache"] >= 11  # print(1)..print(11)
    assert "history_cache_not_trusted" not in second["metadata"]
    assert token_found(second) and second["verdict"] == first["verdict"]
    for lang, words in (("en", "not read again"), ("fr", "non relus")):
        result = run_cli("check", str(root), *RULES, "--timings", "--lang", lang,
                         env={"OPENCHECK_CACHE_DIR": str(cache), "OPENCHECK_CACHE_KEY": KEY,
                              **CI})
        assert any(words in line for line in result.output.splitlines()), result.output


def test_a_wrong_key_is_like_none(project: tuple[Path, str], tmp_path: Path) -> None:
    """Another key's file is not read (the history read whole), then written again
    under this run's key; no key at all in CI reads and writes nothing."""
    root, _ = project
    cache = tmp_path / "cache"
    checked(root, cache, OPENCHECK_CACHE_KEY=KEY, **CI)
    wrong = checked(root, cache, OPENCHECK_CACHE_KEY=KEY[::-1], **CI)
    assert "history_blobs_from_cache" not in wrong["metadata"]
    assert wrong["metadata"]["history_cache_not_trusted"] == "not_signed"
    assert token_found(wrong)
    again = checked(root, cache, OPENCHECK_CACHE_KEY=KEY[::-1], **CI)
    assert again["metadata"]["history_blobs_from_cache"] >= 11
    # without a key in CI: nothing read, nothing written
    written = the_file(cache).read_bytes()
    for env, why in (({}, "no_key"), ({"OPENCHECK_CACHE_KEY": "short"}, "short_key")):
        none = checked(root, cache, **env, **CI)
        assert "history_blobs_from_cache" not in none["metadata"]
        assert none["metadata"]["history_cache_not_trusted"] == why
        assert token_found(none)
        assert the_file(cache).read_bytes() == written
    for lang, words in (("en", "without OPENCHECK_CACHE_KEY"),
                        ("fr", "sans OPENCHECK_CACHE_KEY")):
        result = run_cli("check", str(root), *RULES, "--timings", "--lang", lang,
                         env={"OPENCHECK_CACHE_DIR": str(cache), **CI})
        assert any(words in line for line in result.output.splitlines()), result.output


def test_outside_ci_without_a_key_the_private_folder_is_the_trust(
        project: tuple[Path, str], tmp_path: Path) -> None:
    """A developer's own runs keep their cache, with no key to set."""
    root, _ = project
    cache = tmp_path / "cache"
    checked(root, cache)
    second = checked(root, cache)
    assert second["metadata"]["history_blobs_from_cache"] >= 11
    assert token_found(second)


def test_the_key_appears_in_no_output(project: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = project
    cache = tmp_path / "cache"
    reports = tmp_path / "reports"
    reports.mkdir()
    env = {"OPENCHECK_CACHE_DIR": str(cache), "OPENCHECK_CACHE_KEY": KEY, **CI}
    outputs = []
    for _ in range(2):  # the second run reads the cache
        result = run_cli("check", str(root), *RULES, "--timings", "--all",
                         "--format", "text", "--output", "-",
                         *(arg for fmt in ("json", "markdown", "sarif", "html", "junit",
                                           "codequality")
                           for arg in ("--format", fmt, "--output", str(reports / fmt))),
                         env=env)
        outputs.append(result.output)
    written = [path.read_bytes() for path in (*reports.iterdir(), *cache.rglob("*"))
               if path.is_file()]
    assert written and all(KEY.encode() not in content for content in written)
    assert all(KEY not in output for output in outputs)
    assert "history_blobs_from_cache" in json.loads((reports / "json").read_text("utf-8"))[
        "metadata"]
    assert KEY not in repr(cachekey.signer({cachekey.KEY_VARIABLE: KEY}))


def test_git_never_gets_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every git opencheck starts gets its environment from `git_environment`: the key
    is no git's business (a hook or a filter it would run could print it)."""
    from opencheck import gitcmd

    monkeypatch.setenv(cachekey.KEY_VARIABLE, KEY)
    assert KEY not in gitcmd.git_environment().values()
