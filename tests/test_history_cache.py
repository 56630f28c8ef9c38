# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history's clean blobs kept between two runs (`secrets/blobcache.py`), on real
git repositories: a second run reads only what is new, and says the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import GIT_ENV, RepoFactory, commit, findings_of, git, run_cli
from opencheck.data import load_schema
from opencheck.secrets import blobcache, cachekey
from opencheck.secrets import history as history_module
from opencheck.secrets.history import HistoryScan, scan_history
from secret_samples import Samples

LOCAL = cachekey.signer({})  # a developer's run: no key, outside CI
RULES = ("--rule", "secret-in-history", "--rule", "sensitive-data-in-history",
         "--rule", "artefact-in-history")


def checked(root: Path, cache: Path, *args: str) -> dict[str, Any]:
    result = run_cli("check", str(root), "--format", "json", "--lang", "en", *RULES, *args,
                     env={"OPENCHECK_CACHE_DIR": str(cache)})
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def said(report: dict[str, Any]) -> list[tuple[object, ...]]:
    return sorted((f["rule"], f.get("path"), f["message"]) for f in findings_of(report))


@pytest.fixture
def history(make_repo: RepoFactory) -> Path:
    """A history with a removed token, an old .env and plenty of clean blobs."""
    samples = Samples(41)
    root = make_repo({"README.md": "# Projet\n", "app/main.py": "print(1)\n"})
    commit(root, {"app/settings.py": f'TOKEN = "{samples.gitlab()}"\n', ".env": "A=1\n"})
    for number in range(30):
        commit(root, {"app/main.py": f"print({number})\n", f"docs/page{number}.md": "x\n"})
    git(root, "rm", "--quiet", "app/settings.py", ".env")
    commit(root, {}, "Remove the token")
    return root


def test_a_second_run_reads_only_what_is_new_and_says_the_same(
        history: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = checked(history, cache)
    assert "history_blobs_from_cache" not in first["metadata"]
    second = checked(history, cache)
    assert said(second) == said(first) and first["verdict"] == second["verdict"] == "not_ready"
    jsonschema.validate(second, load_schema("report/report.schema.json"))
    # the 29 old versions of main.py: not read from git again
    assert second["metadata"]["history_blobs_from_cache"] >= 29
    # a token committed since, in a file whose older versions were kept clean
    token = Samples(42).github()
    commit(history, {"app/main.py": f'KEY = "{token}"\n'})
    commit(history, {"app/main.py": "print(2)\n"})
    third = checked(history, cache)  # print(2) is the tree's again: 28 left to the cache
    assert third["metadata"]["history_blobs_from_cache"] >= 28
    new = [f for f in findings_of(third) if f["rule"] == "secret-in-history"
           and f.get("path", "").startswith("app/main.py")]
    assert len(new) == 1, said(third)
    # and the run after it keeps what the one before kept
    assert said(checked(history, cache)) == said(third)


def test_a_clean_blob_under_one_name_is_read_under_another(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """A blob is kept with the path it was scanned under: a bare value after a password
    key is nothing in a page of documentation, a secret in a configuration file; the
    same bytes committed later as configuration are read and scanned again."""
    root = make_repo({"README.md": "# x\n"})
    content = f"db_password: {Samples(43).chars('abcdefghkmnpqrstuvwxyz23456789', 13)}\n"
    commit(root, {"docs/notes.md": content})
    commit(root, {"docs/notes.md": "nothing\n"})
    cache = tmp_path / "cache"
    first = checked(root, cache)
    assert not [f for f in findings_of(first) if f["rule"] == "secret-in-history"]
    commit(root, {"deploy/settings.yml": content})
    git(root, "rm", "--quiet", "deploy/settings.yml")
    commit(root, {}, "Remove the settings")
    second = checked(root, cache)  # first met under its new name: read and scanned
    assert [f for f in findings_of(second) if f["rule"] == "secret-in-history"], said(second)


def test_settings_name_another_cache(history: Path, tmp_path: Path) -> None:
    """What decides a scan's findings names the file: other allow_paths, another one."""
    cache = tmp_path / "cache"
    checked(history, cache)
    (history / ".opencheck.yml").write_text(
        "settings:\n  secrets:\n    allow_paths: [\"docs/\"]\n", encoding="utf-8")
    other = checked(history, cache)
    assert "history_blobs_from_cache" not in other["metadata"]
    assert len(list((cache / "history").glob("*.blobs"))) == 2


def test_a_damaged_or_shared_cache_is_not_read(history: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = checked(history, cache)
    [stored] = (cache / "history").glob("*.blobs")
    content = bytearray(stored.read_bytes())
    content[-1] ^= 0x01  # one bit of a path: the hash no longer matches
    stored.write_bytes(bytes(content))
    damaged = checked(history, cache)
    assert "history_blobs_from_cache" not in damaged["metadata"]
    assert said(damaged) == said(first)
    # written again whole by that run; a folder others may write is not trusted
    assert checked(history, cache)["metadata"]["history_blobs_from_cache"] >= 29
    os.chmod(cache / "history", 0o777)
    try:
        shared = checked(history, cache)
    finally:
        os.chmod(cache / "history", 0o700)
    assert "history_blobs_from_cache" not in shared["metadata"]


def test_timings_say_how_many_blobs_were_not_read(history: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    checked(history, cache)
    for lang, words in (("en", "not read again"), ("fr", "non relus")):
        result = run_cli("check", str(history), *RULES, "--timings", "--lang", lang,
                         env={"OPENCHECK_CACHE_DIR": str(cache)})
        [line] = [line for line in result.output.splitlines() if words in line]
        assert int(line.split(":")[1].split()[0]) >= 28, line


def test_the_cache_can_be_turned_off(history: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    checked(history, cache)
    result = run_cli("check", str(history), "--format", "json", *RULES,
                     env={"OPENCHECK_CACHE_DIR": str(cache), "OPENCHECK_HISTORY_CACHE": "off"})
    assert "history_blobs_from_cache" not in json.loads(result.stdout)["metadata"]


def test_the_file_reads_back_what_was_written_and_nothing_torn(tmp_path: Path) -> None:
    entries = [(b"a" * 40, b"src/x.py", 12), (b"b" * 40, "é/ü.md".encode(), 1 << 40)]
    assert blobcache.save(tmp_path, "k.blobs", LOCAL,
                          [*entries, (b"not-hex" * 5, b"y", 1)])
    assert blobcache.load(tmp_path, "k.blobs", LOCAL) == {(oid, path): size
                                                          for oid, path, size in entries}
    whole = (tmp_path / "k.blobs").read_bytes()
    (tmp_path / "k.blobs").write_bytes(whole[:-3])  # cut inside a path
    assert blobcache.load(tmp_path, "k.blobs", LOCAL) is None
    assert blobcache.load(tmp_path, "absent.blobs", LOCAL) == {}


def test_a_change_of_the_secrets_code_names_another_file(tmp_path: Path) -> None:
    """A kept blob stands for what this code found in it: a detector changed (an
    upgrade, a patch) must not reuse what the old one said."""
    package = tmp_path / "opencheck"
    shutil.copytree(blobcache.PACKAGE / "secrets", package / "secrets",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for source in blobcache.SOURCES[1:]:  # the files beside the secrets package
        (package / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(blobcache.PACKAGE / source, package / source)
    name = blobcache.cache_name(Path("/repo"), ("tests/",), package=package)
    assert name is not None
    assert blobcache.cache_name(Path("/repo"), ("tests/",), package=package) == name
    assert blobcache.cache_name(Path("/repo"), ("docs/",), package=package) != name
    assert blobcache.cache_name(Path("/other"), ("tests/",), package=package) != name
    detectors = package / "secrets" / "detectors.py"
    detectors.write_text(detectors.read_text(encoding="utf-8") + "\n# patched\n",
                         encoding="utf-8")
    assert blobcache.cache_name(Path("/repo"), ("tests/",), package=package) != name


def secrets_in_history(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in findings_of(report) if f["rule"] == "secret-in-history"]


def test_a_blob_kept_under_an_image_name_is_still_read_under_its_text_name(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """The log never reads a blob whose newest name is an image's, unless an older name
    is text: it is then read under that one. A run that listed the blobs by rev-list (a
    tag names a tree) read it under the image's name and found nothing there; the next
    run, by the log (the tag removed), must still read it under its text name."""
    root = make_repo({"README.md": "# x\n"})
    content = f"db_password: {Samples(43).chars('abcdefghkmnpqrstuvwxyz23456789', 13)}\n"
    commit(root, {"deploy/settings.yml": content})
    git(root, "mv", "deploy/settings.yml", "logo.png")
    commit(root, {}, "Rename")
    git(root, "rm", "--quiet", "logo.png")
    commit(root, {}, "Remove")
    git(root, "tag", "snapshot", "HEAD~1^{tree}")
    cache = tmp_path / "cache"
    checked(root, cache)  # rev-list: the blob read under logo.png
    git(root, "tag", "-d", "snapshot")
    cold = checked(root, tmp_path / "other")
    assert secrets_in_history(cold), said(cold)
    warm = checked(root, cache)
    assert said(warm) == said(cold)


def test_nothing_is_kept_from_a_run_that_listed_the_blobs_by_rev_list(
        history: Path, tmp_path: Path) -> None:
    """rev-list names a blob under another of its paths than the log does: what it read
    is not kept (a tag of a tree makes a run list by rev-list)."""
    git(history, "tag", "snapshot", "HEAD~1^{tree}")
    cache = tmp_path / "cache"
    checked(history, cache)
    assert all(blobcache.load(stored.parent, stored.name, LOCAL) == {}
               for stored in (cache / "history").glob("*.blobs"))
    git(history, "tag", "-d", "snapshot")
    assert "history_blobs_from_cache" not in checked(history, cache)["metadata"]
    assert checked(history, cache)["metadata"]["history_blobs_from_cache"] >= 28


def test_what_a_run_keeps_is_bounded_in_entries_and_path_bytes(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The clean blobs are held until the scan ends, each with its path: a folder named
    with kilobytes over thousands of files (which the paths' budget lets through) made
    them as large as the paths cat-file echoed. Past the file's bounds nothing more is
    held (scaled down here: 40 entries, 20 KB of paths)."""
    root = make_repo({"README.md": "# x\n"})
    folder = "/".join(["d" * 200] * 5)
    commit(root, {f"{folder}/file{number}.txt": f"{number}\n" for number in range(60)})
    commit(root, {f"small/file{number}.txt": f"{number}\n" for number in range(60, 160)})
    monkeypatch.setattr(blobcache, "MAX_ENTRIES", 40)
    monkeypatch.setattr(blobcache, "MAX_PATH_BYTES", 20_000)
    found = scan_history(root, 1 << 20, lambda path, size, data: None, lambda path: True,
                         keep_clean=True)
    assert found.blobs == 161
    assert 0 < len(found.clean) <= 40
    assert sum(len(path) for _oid, path, _size in found.clean) <= 20_000


def fed(root: Path, stdin: str, *args: str, index: Path | None = None) -> str:
    """git with `stdin` as its input, and an index of its own if given."""
    env = {**os.environ, **GIT_ENV, **({"GIT_INDEX_FILE": str(index)} if index else {})}
    return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True,
                          text=True, check=True, env=env).stdout


def test_blobs_from_the_cache_count_in_the_budget_of_the_paths_cat_file_echoes(
        make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """cat-file's echoed paths have the log's budget, a floor and so much per blob: the
    blobs the cache leaves unread are blobs the log named all the same. Counted out, a
    history judged with the cache off (a few long paths that git quotes, never taken
    from the cache, after many short ones) was not judged on the next run. The floor
    is scaled down here (64 KB)."""
    root = make_repo({"README.md": "# x\n"})
    # a branch of 20 files under a folder of 10 KB whose names git quotes
    folder = "/".join([f'quoted"{number}' + "q" * 240 for number in range(40)])
    index = tmp_path / "side-index"
    fed(root, "", "read-tree", "HEAD", index=index)
    entries = [f"100644 {fed(root, f'long {number}', 'hash-object', '-w', '--stdin').strip()}"
               f"\t{folder}/file{number}.txt\0" for number in range(20)]
    fed(root, "".join(entries), "update-index", "-z", "--index-info", index=index)
    tree = fed(root, "", "write-tree", index=index).strip()
    side = fed(root, "Long paths", "commit-tree", tree, "-p", "HEAD").strip()
    git(root, "update-ref", "refs/heads/side", side)
    # newer: 100 short ones, which the log names first
    commit(root, {f"short/file{number}.txt": f"{number}\n" for number in range(100)},
           date="2030-01-01T00:00:00")
    monkeypatch.setattr(history_module, "LOG_FLOOR", 64 << 10)

    def scan(cached: dict[tuple[bytes, bytes], int] | None) -> HistoryScan:
        return scan_history(root, 1 << 20, lambda path, size, data: None, lambda path: True,
                            keep_clean=True, cached=cached)

    cold = scan(None)
    assert cold.blobs == 121 and cold.log_error is None and len(cold.clean) >= 100
    warm = scan({(oid, path): size for oid, path, size in cold.clean})
    assert warm.from_cache >= 100
    assert warm.blobs == cold.blobs


def test_the_file_holds_no_more_paths_than_a_run_keeps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is bounded as what a run holds is (MAX_PATH_BYTES, scaled down to 1 KB
    here), and read only up to what such a file can weigh."""
    monkeypatch.setattr(blobcache, "MAX_PATH_BYTES", 1000)
    entries = [(f"{number:040x}".encode(), b"p" * 100, number) for number in range(50)]
    assert blobcache.save(tmp_path, "k.blobs", LOCAL, entries)
    assert 0 < len(blobcache.load(tmp_path, "k.blobs", LOCAL) or {}) <= 10
    assert blobcache.MAX_FILE < 64 << 20


def test_a_cache_folder_inside_the_checked_repository_is_never_used(
        history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # GitLab keeps caches only inside the project folder: a job of one's own with
    # `OPENCHECK_CACHE_DIR: .opencheck-cache` read it from the checkout, where a merge
    # request can commit it: a forged entry (blobcache's own format, the file named as
    # the change's own run named it) said the removed token's blob was clean, READY;
    # a forged catalogue or Hyperscan database there would do worse
    monkeypatch.chdir(history)
    cache = Path(".opencheck-cache")
    first = run_cli("check", ".", "--format", "json", *RULES,
                    env={"OPENCHECK_CACHE_DIR": str(cache)})
    assert json.loads(first.stdout)["verdict"] == "not_ready"
    assert not cache.exists()  # nothing written into the checked tree
    # what a change committing its own cache would hold
    folder = history / ".opencheck-cache" / "history"
    folder.mkdir(parents=True, exist_ok=True)
    outside = history.parent / "outside-cache"
    checked(history, outside)
    [name] = [p.name for p in (outside / "history").glob("*.blobs")]
    log = git(history, "log", "--all", "--format=", "--raw", "--no-abbrev")
    forged = [(line.split()[3].encode(), line.split("\t")[1].encode(), 100)
              for line in log.splitlines() if line.startswith(":")]
    assert blobcache.save(folder, name, LOCAL, forged)
    second = run_cli("check", ".", "--format", "json", *RULES,
                     env={"OPENCHECK_CACHE_DIR": str(cache)})
    report = json.loads(second.stdout)
    assert report["verdict"] == "not_ready", report
    assert "history_blobs_from_cache" not in report["metadata"]


def test_a_project_inside_a_folder_git_keeps_has_its_cache(
        history: Path, tmp_path: Path) -> None:
    # a home folder kept in git (dotfiles), the user's cache folder under it, a project
    # of its own (its own .git folder) beside: that project's checkout is not the home,
    # whose cache folder stays the user's (a submodule, whose .git is a file, is its
    # outer checkout's: tests/hostile/test_report_links.py)
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(["git", "init", "-q", str(home)], check=True, env=GIT_ENV)
    project = home / "projects" / "history"
    project.parent.mkdir()
    shutil.move(history, project)
    cache = home / ".cache" / "opencheck"
    first = checked(project, cache)
    second = checked(project, cache)
    assert said(second) == said(first) and second["verdict"] == "not_ready"
    assert second["metadata"]["history_blobs_from_cache"] >= 29


def test_a_tree_checked_once_does_not_turn_the_cache_off_for_the_process(
        history: Path, make_repo: RepoFactory) -> None:
    # review10: every tree a process checked kept its caches off for the process's
    # life. A program checking many repositories in turn, after one that held the
    # user's cache folder (a home kept in git), ran every later check uncached.
    home = make_repo({"README.md": "# Dotfiles\n"}, name="home")
    cache = home / ".cache" / "opencheck"
    checked(home, cache)
    assert not cache.exists()
    first = checked(history, cache)
    second = checked(history, cache)
    assert said(second) == said(first)
    assert second["metadata"]["history_blobs_from_cache"] >= 29
    # the tree being checked never has its cache folder written, the next one has
    kept = sorted((cache / "history").glob("*.blobs"))
    checked(home, cache)
    assert sorted((cache / "history").glob("*.blobs")) == kept
    checked(make_repo({"README.md": "# Autre\n"}, name="beside"), cache)
    assert len(sorted((cache / "history").glob("*.blobs"))) == len(kept) + 1
