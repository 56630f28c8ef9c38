# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The snapshot: which files a publication exposes, read once, safely."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git, run_cli
from opencheck.repository import RepositoryError, open_repository


def test_git_tree_lists_tracked_and_untracked_but_not_ignored(make_repo: RepoFactory) -> None:
    repo = make_repo({".gitignore": "build/\n*.log\n", "src/app.py": "x = 1\n"})
    (repo / "new.py").write_text("y = 2\n")
    (repo / "debug.log").write_text("noise\n")
    (repo / "build").mkdir()
    (repo / "build" / "out.bin").write_bytes(b"\0\1")
    snapshot = open_repository(repo)
    assert snapshot.paths() == [".gitignore", "new.py", "src/app.py"]


def test_plain_folder_honours_gitignore_and_writes_nothing(make_repo: RepoFactory) -> None:
    repo = make_repo(
        {".gitignore": "secret/\n", "a.txt": "a", "secret/key": "k", "sub/.gitignore": "*.tmp\n",
         "sub/b.tmp": "b", "sub/c.md": "c"},
        git_init=False,
    )
    before = sorted(p.name for p in repo.rglob("*"))
    snapshot = open_repository(repo)
    assert snapshot.git is None
    assert snapshot.paths() == [".gitignore", "a.txt", "sub/.gitignore", "sub/c.md"]
    assert sorted(p.name for p in repo.rglob("*")) == before


def test_git_metadata(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "x"})
    git(repo, "remote", "add", "origin", "https://git.example.org/dinum/projet.git")
    git(repo, "tag", "-a", "v1.0.0", "-m", "first release")
    head = commit(repo, {"a.py": "1"}, "second")
    git(repo, "tag", "v1.1.0")
    info = open_repository(repo).git
    assert info is not None
    assert info.head == head
    assert info.branch == "main"
    assert info.remotes == {"origin": "https://git.example.org/dinum/projet.git"}
    assert [tag.name for tag in info.tags] == ["v1.0.0", "v1.1.0"]
    assert info.tags[1].commit == head
    assert info.shallow is False


def test_head_and_branch_in_every_state_of_head(make_repo: RepoFactory) -> None:
    """HEAD and its branch come from one git start; each state reads as it did with
    `rev-parse --verify HEAD` and `symbolic-ref --short HEAD` apart."""

    def head_and_branch(repo: Path) -> tuple[str | None, str | None]:
        info = open_repository(repo).git
        assert info is not None
        return info.head, info.branch

    repo = make_repo({"README.md": "x", "HEAD": "a file named like the ref\n"})
    head = git(repo, "rev-parse", "HEAD").strip()
    assert head_and_branch(repo) == (head, "main")
    git(repo, "tag", "main")  # a tag of the branch's name: git says heads/main
    assert head_and_branch(repo) == (head, "heads/main")
    git(repo, "switch", "-q", "-c", "origin")
    git(repo, "update-ref", "refs/remotes/origin/HEAD", head)  # loose, as --short is
    assert head_and_branch(repo) == (head, "origin")
    git(repo, "checkout", "-q", "--detach")
    assert head_and_branch(repo) == (head, None)
    git(repo, "symbolic-ref", "HEAD", "refs/heads/nothing-yet")  # no commit on it
    assert head_and_branch(repo) == (None, "nothing-yet")


def test_tags_are_read_when_a_rule_first_asks_for_them(make_repo: RepoFactory) -> None:
    # A run whose rules never look at tags (the history rules) does not read them: a
    # tag made after the opening is still seen by the first reading, and only by it.
    repo = make_repo({"README.md": "x"})
    git(repo, "tag", "v1")
    info = open_repository(repo).git
    assert info is not None
    git(repo, "tag", "v2")
    assert [tag.name for tag in info.tags] == ["v1", "v2"]
    git(repo, "tag", "v3")
    assert [tag.name for tag in info.tags] == ["v1", "v2"]


def test_shallow_clone_is_detected(make_repo: RepoFactory, tmp_path: Path) -> None:
    origin = make_repo({"README.md": "x"})
    commit(origin, {"a.py": "1"})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{origin}", str(clone))
    info = open_repository(clone).git
    assert info is not None and info.shallow is True


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_binary_and_oversized_files(make_repo: RepoFactory) -> None:
    repo = make_repo({"logo.png": b"\x89PNG\r\n\x1a\n\0\0\0", "big.txt": "a" * 2048,
                      "LICENSE": "MIT"})
    snapshot = open_repository(repo, size_limit=1024)
    assert snapshot.is_binary("logo.png")
    assert not snapshot.is_binary("LICENSE")
    assert snapshot.read_text("logo.png") is None
    assert snapshot.read_bytes("big.txt") is None
    assert "1024" not in snapshot.unreadable["big.txt"].reason  # says MB, readable
    assert snapshot.read_head("big.txt", 10) == b"a" * 10


def test_names_that_differ_by_case_alone_are_all_found(make_repo: RepoFactory) -> None:
    # a README in two spellings (a case-sensitive file system keeps both): the
    # community rules see each, in the listing's order
    repo = make_repo({"README.md": "# a\n", "readme.md": "# b\n", "Docs/Guide.MD": "x\n",
                      "docs/guide.md": "y\n", "CONTRIBUTING.md": "z\n"})
    snapshot = open_repository(repo)
    assert snapshot.find_case_insensitive("Readme.md") == ["README.md", "readme.md"]
    assert snapshot.find_case_insensitive("DOCS/GUIDE.md") == ["Docs/Guide.MD", "docs/guide.md"]
    assert snapshot.find_case_insensitive("contributing.MD") == ["CONTRIBUTING.md"]
    assert snapshot.find_case_insensitive("docs/guide.md") == ["Docs/Guide.MD", "docs/guide.md"]
    assert snapshot.find_case_insensitive("LICENSE") == []
    assert snapshot.find_community_file("readme") == ["README.md", "readme.md"]


def test_a_file_that_changed_since_it_was_listed_is_read_as_it_is_up_to_the_limit(
        make_repo: RepoFactory) -> None:
    # each file is read for its listed size (not the limit: memory), yet whole when it
    # grew since, and refused when it grew past the limit
    repo = make_repo({"notes.txt": "short\n", "big.txt": "a\n", "shrunk.txt": "b" * 500})
    snapshot = open_repository(repo, size_limit=1024)
    (repo / "notes.txt").write_text("short\n" + "more\n" * 200)  # 1,006 bytes
    (repo / "big.txt").write_text("a" * 1025)
    (repo / "shrunk.txt").write_text("b")
    assert snapshot.read_text("notes.txt") == "short\n" + "more\n" * 200
    assert snapshot.read_bytes("big.txt") is None
    assert "grew past the size limit" in snapshot.unreadable["big.txt"].reason
    assert snapshot.read_text("shrunk.txt") == "b"


def test_each_file_is_read_once(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "hello"})
    snapshot = open_repository(repo)
    assert snapshot.read_text("README.md") == "hello"
    (repo / "README.md").write_text("changed on disk")
    assert snapshot.read_text("README.md") == "hello"


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_symlink_out_of_the_tree_is_never_followed(make_repo: RepoFactory, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("private data")
    repo = make_repo({"README.md": "x"})
    os.symlink(outside, repo / "LICENSE")
    os.symlink("README.md", repo / "README.txt")
    snapshot = open_repository(repo)
    assert snapshot.read_bytes("LICENSE") is None
    assert "outside" in snapshot.unreadable["LICENSE"].reason
    assert snapshot.read_bytes("README.txt") == b"x"
    report = check_json(repo)
    unread = [f for f in findings_of(report) if f["rule"] == "files-readable"]
    assert [f["path"] for f in unread] == ["LICENSE"]
    french = check_json(repo, "--rule", "files-readable", "--lang", "fr")
    [finding] = findings_of(french)
    assert finding["message"] == "Fichier non analysé : lien symbolique qui sort du dépôt."


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_symlink_loop_is_reported_as_a_loop(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "x"})
    os.symlink("b", repo / "a")
    os.symlink("a", repo / "b")
    os.symlink("a", repo / "via-loop")  # reaches the loop through one more link
    snapshot = open_repository(repo)
    for name in ("a", "b", "via-loop"):
        assert snapshot.read_bytes(name) is None
        assert snapshot.unreadable[name].reason == "symlink loop"
    report = check_json(repo)
    unread = {f["path"]: f["message"] for f in findings_of(report)
              if f["rule"] == "files-readable"}
    assert set(unread) == {"a", "b", "via-loop"}
    assert all("symlink loop" in message and "outside" not in message
               for message in unread.values())


def test_file_gone_before_it_is_read_is_reported(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "x", "notes.txt": "y"})
    snapshot = open_repository(repo)
    (repo / "notes.txt").unlink()
    assert snapshot.read_bytes("notes.txt") is None
    assert "No such file" in snapshot.unreadable["notes.txt"].reason


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_unreadable_file_is_reported(make_repo: RepoFactory) -> None:
    """A file its owner made unreadable. Root reads any file, and CI runs as root: there
    the command runs without the two capabilities that let root ignore permissions, so
    the read really fails with EACCES (setpriv, from util-linux)."""
    repo = make_repo({"README.md": "x", "notes.txt": "y"})
    (repo / "notes.txt").chmod(0)
    command = [sys.executable, "-m", "opencheck.cli.main", "check", str(repo),
               "--format", "json", "--lang", "en"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test an unreadable file as root"
        command = [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *command]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode in (0, 1), done.stderr
    unread = [f for f in findings_of(json.loads(done.stdout)) if f["rule"] == "files-readable"]
    assert [(f["path"], f["severity"], f["message"]) for f in unread] == [
        ("notes.txt", "info", "File not analysed: Permission denied.")]


def test_corrupt_git_repository_is_scanned_as_a_folder(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "x", "LICENSE": "MIT"})
    shutil.rmtree(repo / ".git" / "objects")
    (repo / ".git" / "HEAD").write_text("garbage\n")
    report = check_json(repo)
    git_rule = next(r for r in report["rules"] if r["id"] == "git-readable")
    assert git_rule["status"] == "failed"
    statuses = {r["id"]: r["status"] for r in report["rules"]}
    assert statuses["readme-present"] == "passed"


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_scanned_repository_cannot_run_code_through_git_config(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    repo = make_repo({"README.md": "x"})
    git(repo, "config", "core.fsmonitor", f"touch {marker}; echo")
    open_repository(repo)
    assert not marker.exists()


def test_missing_path_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError, match="no such file"):
        open_repository(tmp_path / "nope")


def test_subfolder_of_a_repository(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "x", "sub/README.md": "y", "sub/a.py": "1"})
    snapshot = open_repository(repo / "sub")
    assert snapshot.paths() == ["README.md", "a.py"]
    assert snapshot.git is not None and snapshot.git.toplevel == repo.resolve()


def test_a_folder_name_git_prints_on_two_lines_is_still_read_with_git(
    make_repo: RepoFactory,
) -> None:
    # The work tree's facts come from one `git rev-parse`, one per line; a newline in
    # the folder's name breaks that reading, and the separate questions are asked.
    repo = make_repo({"line\nbreak/README.md": "y", "line\nbreak/a.py": "1",
                      "README.md": "x"})
    git(repo, "tag", "v1")
    snapshot = open_repository(repo / "line\nbreak")
    assert snapshot.paths() == ["README.md", "a.py"]
    assert snapshot.git is not None and not snapshot.git.shallow
    assert [tag.name for tag in snapshot.git.tags] == ["v1"]


@pytest.mark.timeout(60)  # hostile input: fail, never hang
def test_bare_repository_or_git_folder_is_refused(make_repo: RepoFactory, tmp_path: Path) -> None:
    repo = make_repo({"README.md": "x"})
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    for path in (bare, repo / ".git"):
        with pytest.raises(RepositoryError, match="bare git repository"):
            open_repository(path)
        result = run_cli("check", str(path), "--lang", "en")
        assert result.exit_code == 2
        assert "git clone" in result.output


def test_legacy_french_text_is_read_in_its_own_encoding(make_repo: RepoFactory) -> None:
    sentence = "Données à caractère personnel : l'équipe a reçu l'accord « écrit »."
    repo = make_repo({
        "LISEZMOI-mac.txt": sentence.encode("mac_roman"),
        "LISEZMOI-latin1.txt": sentence.encode("cp1252"),
        "LISEZMOI-utf8.txt": sentence,
    })
    snapshot = open_repository(repo)
    for name in ("LISEZMOI-mac.txt", "LISEZMOI-latin1.txt", "LISEZMOI-utf8.txt"):
        assert snapshot.read_text(name) == sentence, name


def test_the_object_store_is_measured_as_git_counts_it_without_waiting(
        make_repo: RepoFactory) -> None:
    """The history's log gets a memory budget from the store's size: read from the
    store's folders (no git start), it is what `git count-objects -v` says, packs and
    loose objects alike; a FIFO or a symlink named like a loose object is neither
    opened nor followed (a hostile store cannot make the count wait)."""
    from opencheck.gitlayout import stored_bytes

    repo = make_repo({"README.md": "x\n"})
    git(repo, "gc", "-q")
    commit(repo, {"a.txt": "loose\n" * 1000})

    def counted() -> int:
        out = git(repo, "count-objects", "-v")
        sizes = dict(line.split(": ") for line in out.splitlines())
        return (int(sizes["size"]) + int(sizes["size-pack"])) << 10

    store = repo / ".git"
    assert stored_bytes(store) == counted() > 0
    folder = store / "objects" / "ab"
    folder.mkdir(exist_ok=True)
    os.mkfifo(folder / ("c" * 38))
    os.symlink("/dev/zero", folder / ("d" * 38))
    assert stored_bytes(store) == counted()
    # a sparse file named like a pack takes no disk: it cannot lift the log's cap
    for name in ("pack-" + "e" * 40 + ".pack", "pack-" + "e" * 40 + ".idx"):
        with open(store / "objects" / "pack" / name, "wb") as sparse:
            sparse.truncate(1 << 40)
    assert stored_bytes(store) < counted() + (1 << 20)


def test_the_read_cache_keeps_the_smallest_files_whatever_the_order(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read again by another family comes from the cache: the cache holds the
    smallest files of the tree, not those listed first (each file read again costs an
    open, whatever its size)."""
    monkeypatch.setattr("opencheck.repository.CACHE_BUDGET", 10_000)
    files = {f"a{index}.bin": "x" * 4_000 for index in range(3)}  # listed first, large
    files.update({f"z{index}.txt": f"small {index}\n" for index in range(50)})
    root = make_repo(files)
    repo = open_repository(root)
    for path in sorted(files):
        assert repo.read_bytes(path) == files[path].encode()
    for path in files:
        (root / path).unlink()  # read again, only what the cache holds comes back
    assert all(repo.read_bytes(f"z{index}.txt") == f"small {index}\n".encode()
               for index in range(50))
    kept = [path for path in sorted(files) if path.startswith("a")
            and repo.read_head(path) is not None]
    assert len(kept) <= 1  # at most what fits beside the small files
