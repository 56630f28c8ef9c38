# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A repository's `.git` must not be able to hide its own history, nor borrow another's.

git shows history as the repository's metadata describes it: replace refs swap one
commit for another, a grafts file rewrites a commit's parents, and a commit-graph file
(a cache git trusts) can drop them. Each could hide the commit that added a secret
from the history scan. Each case first proves with plain git that the trick hides the
blob, then that opencheck still finds the secret. An `objects/info/alternates` file
makes git read another repository's objects as this one's: those are never read (the
history is unavailable, the verdict INCOMPLETE).
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git, run_cli

pytestmark = pytest.mark.timeout(120)

SECRET_FILE = "deploy/prod.env"
# A provider-format key: blocking whatever the folder.
SECRET = "aws_access_key_id = AKIAQ7H3XKZP5WLM2NVR\n"


def _history_with_a_removed_secret(make_repo: RepoFactory) -> tuple[Path, str, str]:
    repo = make_repo({"README.md": "# Projet\n", SECRET_FILE: SECRET})
    leaked = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "rm", "-q", SECRET_FILE)
    clean = commit(repo, {"README.md": "# Projet\n\nSans secret.\n"}, "Remove the key")
    return repo, leaked, clean


def _replace_ref(repo: Path, leaked: str, clean: str) -> None:
    decoy = git(repo, "commit-tree", f"{clean}^{{tree}}", "-m", "decoy").strip()
    git(repo, "replace", leaked, decoy)


def _grafts(repo: Path, leaked: str, clean: str) -> None:
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "grafts").write_text(f"{clean}\n")


def _forged_commit_graph(repo: Path, leaked: str, clean: str) -> None:
    """A commit-graph whose entry for the last commit says it has no parent."""
    git(repo, "commit-graph", "write", "--reachable")
    path = repo / ".git" / "objects" / "info" / "commit-graph"
    data = bytearray(path.read_bytes())
    chunks = {}
    for index in range(data[6] + 1):
        entry = 8 + 12 * index
        chunks[bytes(data[entry:entry + 4])] = struct.unpack(">Q", data[entry + 4:entry + 12])[0]
    count = (chunks[b"CDAT"] - chunks[b"OIDL"]) // 20
    oids = [data[chunks[b"OIDL"] + 20 * i:chunks[b"OIDL"] + 20 * i + 20].hex()
            for i in range(count)]
    parent = chunks[b"CDAT"] + 36 * oids.index(clean) + 20
    data[parent:parent + 4] = struct.pack(">I", 0x70000000)  # "no parent"
    path.chmod(0o644)
    path.write_bytes(data)


TRICKS: dict[str, Callable[[Path, str, str], None]] = {
    "replace-ref": _replace_ref,
    "grafts": _grafts,
    "commit-graph": _forged_commit_graph,
}


def _plain_git_sees(repo: Path, name: str) -> bool:
    listed = subprocess.run(["git", "rev-list", "--objects", "--all"], cwd=repo,
                            capture_output=True, text=True, check=True).stdout
    return any(line.endswith(" " + name) for line in listed.splitlines())


@pytest.mark.parametrize("trick", TRICKS)
def test_history_metadata_cannot_hide_a_committed_secret(
    make_repo: RepoFactory, trick: str
) -> None:
    repo, leaked, clean = _history_with_a_removed_secret(make_repo)
    assert _plain_git_sees(repo, SECRET_FILE)
    TRICKS[trick](repo, leaked, clean)
    assert not _plain_git_sees(repo, SECRET_FILE), "the trick must hide the blob from git"

    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [f["path"] for f in found] == [SECRET_FILE]
    assert found[0]["severity"] == "error"
    assert report["verdict"] == "not_ready"
    assert "AKIAQ7H3XKZP5WLM2NVR" not in str(report)
    # git says nothing about the grafts opencheck turned off (no deprecation hint).
    assert "graft" not in str(report).lower()


def test_objects_borrowed_from_another_repository_are_never_read(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    other = make_repo({"notes.txt": "private\n", SECRET_FILE: SECRET}, name="other")
    private = git(other, "rev-parse", "HEAD").strip()
    git(other, "tag", "-a", "v9", "-m", "private release notes")
    folder = make_repo({"README.md": "# Projet\n"}, name="scanned")
    alternates = folder / ".git" / "objects" / "info" / "alternates"
    alternates.write_text(f"{other / '.git' / 'objects'}\n")
    git(folder, "update-ref", "refs/heads/borrowed", private)
    git(folder, "update-ref", "refs/tags/v9", git(other, "rev-parse", "v9").strip())
    assert _plain_git_sees(folder, SECRET_FILE)  # git reads the other store

    for lang, words in (("en", "Git objects borrowed from another repository"),
                        ("fr", "Objets git empruntés à un autre dépôt")):
        result = run_cli("check", str(folder), "--lang", lang, "--format", "json",
                         "--rule", "*")
        assert result.exit_code == 1, result.output
        report = json.loads(result.stdout)
        # The files are judged; the history is not read, so it cannot pass for clean.
        unavailable = report["metadata"]["history_unavailable"]
        assert "Git objects borrowed from another repository" in unavailable
        rules = {r["id"]: r for r in report["rules"]}
        assert rules["secret-in-history"]["status"] == "error"
        assert words in rules["secret-in-history"]["reason"]
        assert rules["readme-present"]["status"] == "passed"
        assert "secret-in-history" in report["verdict_reason"]
        assert SECRET_FILE not in result.output
        assert "private release notes" not in result.output
    diff = run_cli("check", str(folder), "--lang", "en", "--diff-base", "borrowed")
    assert diff.exit_code == 2
    assert "Git objects borrowed from another repository" in diff.output


@pytest.mark.parametrize("entry", ["relative", "quoted", "chained"])
def test_every_form_of_alternates_entry_is_judged(
    make_repo: RepoFactory, entry: str
) -> None:
    other = make_repo({"a.txt": "1\n"}, name="other")
    folder = make_repo({"README.md": "# Projet\n"}, name="scanned")
    store = folder / ".git" / "objects"
    outside = other / ".git" / "objects"
    if entry == "relative":
        line = str(Path("..") / ".." / ".." / "other" / ".git" / "objects")
    elif entry == "quoted":
        line = f'"{outside}"'
    else:  # an alternate inside the repository, whose own alternates leave it
        inner = folder / ".git" / "inner-objects"
        (inner / "info").mkdir(parents=True)
        (inner / "info" / "alternates").write_text(f"{outside}\n")
        line = str(inner)
    (store / "info" / "alternates").write_text(f"# a comment\n\n{line}\n")
    report = check_json(folder, "--rule", "secret-in-history")
    assert report["verdict"] == "incomplete"
    assert "borrowed from another repository" in report["metadata"]["history_unavailable"]


@pytest.mark.parametrize("linked", ["objects", "objects/pack", "objects/loose"])
def test_an_object_store_linked_to_another_repository_is_never_read(
    make_repo: RepoFactory, linked: str
) -> None:
    # A folder handed over as it is: `.git/objects` (or its pack folder, or a folder of
    # loose objects) a symbolic link into another clone, a ref naming its commit. git
    # follows the link as it follows alternates: that clone's authors and removed key
    # were reported as this folder's.
    other = make_repo({"notes.txt": "private\n", SECRET_FILE: SECRET}, name="other")
    git(other, "rm", "-q", SECRET_FILE)
    git(other, "-c", "user.name=Private Person", "commit", "-q", "-m", "Remove the key")
    if linked == "objects/pack":
        git(other, "gc", "-q")
    private = git(other, "rev-parse", "HEAD").strip()
    folder = make_repo({"README.md": "# Projet\n"}, name="scanned")
    store, outside = folder / ".git" / "objects", other / ".git" / "objects"
    if linked == "objects/loose":  # the folder of the commit's own loose object
        store = store / private[:2]
        outside = outside / private[:2]
    else:
        store = store / linked.removeprefix("objects").lstrip("/")
        outside = outside / linked.removeprefix("objects").lstrip("/")
    shutil.rmtree(store, ignore_errors=True)
    store.symlink_to(outside)
    for branch in ("main", "borrowed"):  # the folder's own commit is gone with its store
        (folder / ".git" / "refs" / "heads" / branch).write_text(private + "\n")
    if linked != "objects/loose":
        assert _plain_git_sees(folder, SECRET_FILE)  # git reads the other store
    report = check_json(folder, "--rule", "*")
    assert {r["id"]: r["status"] for r in report["rules"]}["secret-in-history"] == "error"
    assert "borrowed from another repository" in report["metadata"]["history_unavailable"]
    assert "Private Person" not in json.dumps(report)
    assert SECRET_FILE not in json.dumps(report)


def _lying_object(make_repo: RepoFactory) -> tuple[Path, Path]:
    """A history with a removed key, and the loose object of a blob before it, made
    writable (the caller writes what it says)."""
    repo = make_repo({"README.md": "# Projet\n", "a.txt": "AAAAA\n", SECRET_FILE: SECRET})
    git(repo, "rm", "-q", "a.txt", SECRET_FILE)
    commit(repo, {"README.md": "# Projet\n\nSans secret.\n"}, "Remove the key")
    lying = git(repo, "rev-parse", "HEAD~1:a.txt").strip()
    loose = repo / ".git" / "objects" / lying[:2] / lying[2:]
    loose.chmod(0o644)
    return repo, loose


def test_a_loose_object_whose_size_lies_does_not_hide_the_blobs_after_it(
    make_repo: RepoFactory,
) -> None:
    # A folder handed over as it is: a loose object whose header says 5 bytes while its
    # content goes on. cat-file writes both; the content after the fifth byte was read
    # as the next header (`tree 99999999`), and the committed key after it went unread:
    # READY. Its history is not judged now.
    repo, loose = _lying_object(make_repo)
    loose.write_bytes(zlib.compress(b"blob 5\0AAAAA\nforged tree 99999999 x\n"))
    assert _plain_git_sees(repo, SECRET_FILE)
    report = check_json(repo, "--rule", "secret-in-history")
    assert report["verdict"] == "incomplete"
    result = {r["id"]: r for r in report["rules"]}["secret-in-history"]
    assert result["status"] == "error"
    assert "does not match the objects asked for" in result["reason"]


def test_an_alternate_inside_the_repository_is_accepted(make_repo: RepoFactory) -> None:
    folder = make_repo({"README.md": "# Projet\n"}, name="scanned")
    inner = folder / ".git" / "inner-objects"
    inner.mkdir()
    (folder / ".git" / "objects" / "info" / "alternates").write_text(f"{inner}\n")
    report = check_json(folder, "--rule", "secret-in-history")
    assert report["verdict"] == "ready"
    assert report["metadata"]["history_unavailable"] is None


def test_a_shallow_marker_cannot_pass_an_unread_history_for_a_clean_one(
    make_repo: RepoFactory,
) -> None:
    repo, _, clean = _history_with_a_removed_secret(make_repo)
    (repo / ".git" / "shallow").write_text(f"{clean}\n")  # what `--depth 1` would leave
    assert not _plain_git_sees(repo, SECRET_FILE)

    _history_not_judged(repo, "fetch-depth: 0")


@pytest.mark.parametrize("extension", ["refstorage = reftable", "worktreeconfig2 = true"])
def test_a_git_folder_this_git_refuses_does_not_pass_its_history_for_none(
    make_repo: RepoFactory, extension: str,
) -> None:
    """A repository format this git does not know (a newer git's reftable, or a forged
    extension) makes git refuse the folder: the files are still checked as a plain
    folder, but the history a newer git would publish is not judged, never clean."""
    repo, _, _ = _history_with_a_removed_secret(make_repo)
    config = repo / ".git" / "config"
    config.write_text(config.read_text().replace("repositoryformatversion = 0",
                                                 "repositoryformatversion = 1")
                      + f"[extensions]\n\t{extension}\n")
    _history_not_judged(repo, "git cannot read")


@pytest.mark.parametrize("setting", [("core.bare", "true"), ("core.worktree", "elsewhere")])
def test_a_configuration_that_denies_the_work_tree_does_not_hide_the_history(
    make_repo: RepoFactory, setting: tuple[str, str],
) -> None:
    """`core.bare` or a `core.worktree` naming another folder makes git answer 'not a
    work tree' for the repository's own folder: it was then checked as a plain folder
    with 'no history to scan', and a committed key passed as READY."""
    repo, _, _ = _history_with_a_removed_secret(make_repo)
    git(repo, "config", *setting)
    _history_not_judged(repo, "git cannot read")


def _history_not_judged(repo: Path, why: str) -> None:
    """INCOMPLETE, secret-in-history named with `why` in the first lines; READY when
    the user leaves the history out (their own choice, said as such)."""
    result = run_cli("check", str(repo), "--lang", "en", "--rule", "secret-*")
    assert result.exit_code == 1, result.output
    head = result.output.splitlines()[:3]
    assert any("INCOMPLETE" in line for line in head), head
    assert any("secret-in-history" in line and why in line for line in head), head
    chosen = check_json(repo, "--rule", "secret-*", "--no-history")
    assert chosen["verdict"] == "ready"
    rule = next(r for r in chosen["rules"] if r["id"] == "secret-in-history")
    assert rule["status"] == "skipped"


def test_log_settings_of_the_repository_cannot_hide_the_first_commit(
    make_repo: RepoFactory,
) -> None:
    """The blobs are listed from `git log --raw`: a configuration that hides the root
    commit's diff (log.showRoot), keeps paths under a folder (diff.relative) or reorders
    them (diff.orderFile) must not take a blob out of the scan."""
    repo, leaked, _clean = _history_with_a_removed_secret(make_repo)
    (repo / "order.txt").write_text("README.md\n")
    git(repo, "config", "log.showRoot", "false")
    git(repo, "config", "diff.relative", "true")
    git(repo, "config", "diff.orderFile", str(repo / "order.txt"))
    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [(f["path"], f["commit"]) for f in found] == [(SECRET_FILE, leaked)]


@pytest.mark.parametrize("named_by", ["tag-on-blob", "ref-to-tree", "head-on-tree"])
def test_a_blob_only_a_ref_names_is_scanned(make_repo: RepoFactory, named_by: str) -> None:
    """`git log --all` walks commits only: a tag on a blob, a ref to a tree, or a
    detached HEAD written by hand onto a tree, would keep what it names out of the log,
    so such a repository is listed by rev-list."""
    repo = make_repo({"README.md": "# Projet\n"})
    blob = subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, input=SECRET,
                          capture_output=True, text=True, check=True).stdout.strip()
    if named_by == "tag-on-blob":
        git(repo, "tag", "key", blob)
    else:
        tree = subprocess.run(["git", "mktree"], cwd=repo, input=f"100644 blob {blob}\tprod.env\n",
                              capture_output=True, text=True, check=True).stdout.strip()
        if named_by == "ref-to-tree":
            git(repo, "update-ref", "refs/keep/tree", tree)
        else:  # git refuses to write it: the repository's own .git/HEAD says it
            (repo / ".git" / "HEAD").write_text(tree + "\n")
    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"]
    assert [f["severity"] for f in found] == ["error"]
    assert report["verdict"] == "not_ready"


def test_a_name_that_is_not_utf8_does_not_stop_the_history_scan(
        make_repo: RepoFactory) -> None:
    """git writes names as the repository stored them: an image or a tree file whose
    name is not UTF-8, judged or skipped by name, is shown with a replacement character,
    and the history is still judged (a crash would leave the verdict INCOMPLETE)."""
    repo, _leaked, _clean = _history_with_a_removed_secret(make_repo)
    (Path(repo) / "img").mkdir()
    for name in (b"img/logo\xff.png", b"notes\xfe.txt"):
        (Path(repo).joinpath(name.decode("utf-8", "surrogateescape"))).write_bytes(
            b"\x89PNG\r\n\x1a\n\0\0" if name.endswith(b".png") else b"notes\n")
    git(repo, "add", "-A")
    commit(repo, {"README.md": "# Projet\n\nImages.\n"}, "Images")
    git(repo, "rm", "-q", "-r", "img")
    commit(repo, {"README.md": "# Projet\n\nSans image.\n"}, "No images")
    report = check_json(repo, "--rule", "secret-in-history", "--rule", "artefact-in-history")
    assert {rule["id"]: rule["status"] for rule in report["rules"]} == {
        "secret-in-history": "failed", "artefact-in-history": "passed"}
    assert [f["path"] for f in findings_of(report)] == [SECRET_FILE]


def test_a_key_moved_into_an_allowed_folder_is_still_found_where_it_was(
        make_repo: RepoFactory) -> None:
    """`allow_paths` takes test fixtures out of the scan, and a blob was scanned once,
    under its newest name: a key committed in `deploy/` and moved into
    `tests/fixtures/` (the same bytes) was never scanned, and its first commit read
    clean. It is now scanned under its older name, which the list does not allow."""
    repo = make_repo({
        "README.md": "# Projet\n",
        ".opencheck.yml": 'settings:\n  secrets:\n    allow_paths: ["tests/fixtures/"]\n',
        SECRET_FILE: SECRET,
        # a test key that only ever lived in the allowed folder stays allowed
        "tests/fixtures/test.env": "aws_access_key_id = AKIAJ4W9T2X7B5N8V3QR\n",
    })
    leaked = git(repo, "rev-parse", "HEAD").strip()
    (repo / "tests" / "fixtures").mkdir(parents=True, exist_ok=True)
    git(repo, "mv", SECRET_FILE, "tests/fixtures/prod.env")
    commit(repo, {}, "Keep the key as a fixture")
    report = check_json(repo, "--rule", "secret-in-history")
    found = [f for f in findings_of(report) if f["rule"] == "secret-in-history"
             and f.get("kind") == "aws-access-key"]
    assert [(f["path"], f["commit"]) for f in found] == [(SECRET_FILE, leaked)], found
    assert report["verdict"] == "not_ready"


# The child's own peak (VmHWM: ru_maxrss keeps the peak of the process before exec)
PEAK_OF_A_CHECK = """
import sys
from opencheck.cli.main import main

def peak():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

before = peak()
sys.argv = ["opencheck", "check", sys.argv[1], "--format", "json", "--quiet",
            "--rule", "secret-in-history", "--output", sys.argv[2]]
try:
    main()
except SystemExit:
    pass
print(peak() - before)
"""


def _history_rule_within(repo: Path, tmp_path: Path, megabytes: int) -> dict[str, Any]:
    """secret-in-history's result, from a check in a child that took less than
    `megabytes` more than it had before the check."""
    report = tmp_path / "report.json"
    done = subprocess.run([sys.executable, "-c", PEAK_OF_A_CHECK, str(repo), str(report)],
                          capture_output=True, text=True, check=True, timeout=100)
    grown = int(done.stdout.split()[-1]) >> 10
    assert grown < megabytes, f"{grown} MB more while reading the history"
    rules = {r["id"]: r for r in json.loads(report.read_text())["rules"]}
    result: dict[str, Any] = rules["secret-in-history"]
    return result


UNFOLDED = 192 << 20  # what the forged object's content unfolds to: 200 KB of zlib


def _unfolding_object(prefix: bytes) -> bytes:
    """A loose object whose header states 5 bytes, whose content (`prefix`: those 5
    bytes and what follows) goes on with 192 MB without a newline."""
    packer = zlib.compressobj(6)
    parts = [packer.compress(b"blob 5\0" + prefix)]
    block = b"B" * (1 << 20)
    parts += [packer.compress(block) for _ in range(UNFOLDED >> 20)]
    return b"".join([*parts, packer.flush()])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux's /proc")
def test_a_loose_object_whose_content_unfolds_past_its_size_is_not_read_whole(
    make_repo: RepoFactory, tmp_path: Path,
) -> None:
    # cat-file writes a loose blob's content to its end, whatever size its header
    # states: 200 KB of zlib unfold to 192 MB without a newline after the five bytes
    # stated and the newline the check expects. That run was read as the next header,
    # whole, before it was found not to be one: 390 MB of this process (a 1 MB object,
    # 2 GB). The next header is read up to its longest possible length.
    repo, loose = _lying_object(make_repo)
    loose.write_bytes(_unfolding_object(b"AAAAA\n"))
    result = _history_rule_within(repo, tmp_path, 100)
    assert result["status"] == "error"
    assert "does not match the objects asked for" in result["reason"]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux's /proc")
def test_a_folder_name_of_megabytes_is_not_read_whole(
    make_repo: RepoFactory, tmp_path: Path,
) -> None:
    # A tree naming a folder of 96 MB (100 KB of zlib, which a clone carries like any
    # tree; git's data cap lets the log hold it): each line of the log naming a file
    # there was read whole, and copied: 490 MB of this process. A line is now read up
    # to 64 KB; past that the log stops, rev-list lists the blobs, and a path that long
    # stops the scan: the history is not judged, whatever the folder holds.
    repo = make_repo({"README.md": "# Projet\n", SECRET_FILE: SECRET})
    inner = git(repo, "rev-parse", "HEAD^{tree}").strip()
    raw = tmp_path / "tree"
    raw.write_bytes(b"40000 " + b"d" * (96 << 20) + b"\0" + bytes.fromhex(inner))
    tree = git(repo, "hash-object", "-t", "tree", "-w", "--literally", str(raw)).strip()
    raw.unlink()
    deep = git(repo, "commit-tree", tree, "-p", "HEAD", "-m", "deep").strip()
    git(repo, "update-ref", "refs/heads/deep", deep)
    result = _history_rule_within(repo, tmp_path, 100)
    assert result["status"] == "error"
    assert "longer than 64 KB" in result["reason"]
