# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A folder whose git would wait forever: a FIFO where git reads (a ref, packed-refs,
a `.gitignore`), or a configuration naming one, or naming git's own output pipe.

A clone holds none of these; a folder handed over as it is can. Each git call waited
for its time-out, one after the other (a check took five and a half minutes). Now the
folder is checked as a plain folder at once, its files' findings reported, the history
not judged; merge-request mode refuses with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, findings_of, git, run_cli
from opencheck import gitwait
from secret_samples import Samples


def _packed_refs(root: Path) -> None:
    git(root, "pack-refs", "--all")
    (root / ".git/packed-refs").unlink()
    os.mkfifo(root / ".git/packed-refs")


def _ref(root: Path) -> None:
    git(root, "branch", "other")
    (root / ".git/refs/heads/other").unlink()
    os.mkfifo(root / ".git/refs/heads/other")


def _gitignore(root: Path) -> None:
    (root / "docs").mkdir()
    os.mkfifo(root / "docs/.gitignore")


def _include_in_tree(root: Path) -> None:
    os.mkfifo(root / "pipe")  # no name git opens by itself: only the include names it
    with open(root / ".git/config", "a") as config:
        config.write("[include]\n\tpath = ../pipe\n")


def _include_of_include(root: Path) -> None:
    # a regular file included, which names git's own output through quotes and a
    # continuation line, as git reads them
    (root / ".git/more.cfg").write_text('[core]\n\texcludesFile = "/dev/std"\\\nout ; x\n')
    with open(root / ".git/config", "a") as config:
        config.write('[includeIf "gitdir:/"] path = more.cfg\n')


def _padded_include(root: Path) -> None:
    # thousands of values first (each may name a file): the look stops at its budget
    # and says so, it does not stop looking and let git wait
    os.mkfifo(root / "pipe")
    with open(root / ".git/config", "a") as config:
        config.write("[x]\n" + "\tkey = value\n" * 50_000 + "[include]\n\tpath = ../pipe\n")


def _include_fan_out(root: Path) -> None:
    # git reads an included file each time a value includes it: six includes of the
    # next file, nine files deep, are ten million reads in each git call (no pipe at
    # all; a check took 7 minutes)
    for depth in range(9):
        include = f"[include]\n\tpath = c{depth + 1}\n" * 6 if depth < 8 else ""
        (root / f".git/c{depth}").write_text(include)
    with open(root / ".git/config", "a") as config:
        config.write("[include]\n\tpath = c0\n")


def _git_folder_named(root: Path) -> None:
    # `.git` a file naming the git folder (`gitdir: gd`, which git and opencheck
    # accept when it is inside the tree): git reads that folder too
    (root / ".git").rename(root / "gd")
    (root / ".git").write_text("gitdir: gd\n")
    git(root, "pack-refs", "--all")
    (root / "gd/packed-refs").unlink()
    os.mkfifo(root / "gd/packed-refs")


def _linked_ref_folder(root: Path) -> None:
    # a folder of the git folder linked to a folder of the tree, which no name of the
    # tree's own walk reaches: git follows the link and reads the FIFO as a branch
    git(root, "branch", "other")
    (root / ".git/refs/heads").rename(root / "heads")
    (root / ".git/refs/heads").symlink_to("../../heads")
    (root / "heads/other").unlink()
    os.mkfifo(root / "heads/other")


def _linked_to_devices(root: Path) -> None:
    # the tags linked to /dev: git reads /dev/zero, /dev/tty... as tags
    (root / ".git/refs/tags").rmdir()
    (root / ".git/refs/tags").symlink_to("/dev")


def _history_blob(root: Path) -> str:
    """A blob that only the history holds (its file removed since), its loose object
    taken out of the git folder: where git must look for it, a test puts a FIFO."""
    (root / "old.txt").write_text("gone\n")
    git(root, "add", "old.txt")
    git(root, "commit", "-q", "-m", "add")
    blob = git(root, "rev-parse", "HEAD:old.txt").strip()
    git(root, "rm", "-q", "old.txt")
    git(root, "commit", "-q", "-m", "remove")
    (root / f".git/objects/{blob[:2]}/{blob[2:]}").unlink()
    return blob


def _alternate_in_tree(root: Path) -> None:
    # an object store of the tree named by objects/info/alternates (a folder inside
    # the repository, so its objects are the repository's own): a loose object there
    # as a FIFO held the history's `cat-file` for ever
    blob = _history_blob(root)
    (root / f"store/{blob[:2]}").mkdir(parents=True)
    os.mkfifo(root / f"store/{blob[:2]}/{blob[2:]}")
    (root / ".git/objects/info/alternates").write_text("../../store\n")


def _objects_linked_in_tree(root: Path) -> None:
    # the whole object store a folder of the tree, linked from the git folder
    blob = _history_blob(root)
    (root / ".git/objects").rename(root / "objects")
    (root / ".git/objects").symlink_to("../objects")
    os.mkfifo(root / f"objects/{blob[:2]}/{blob[2:]}")


def _sparse_packed_refs(root: Path) -> None:
    # 20 GB of holes, no disk space: git maps and searches it at every call (2.5 to 4
    # minutes each, cut at each call's time-out: a check took four minutes)
    git(root, "pack-refs", "--all")
    os.truncate(root / ".git/packed-refs", 20 << 30)


def _huge_gitignore(root: Path) -> None:
    # 20 GB of holes (a clone can hold one of zeros: a few MB once packed): git reads
    # it whole at each call that lists the tree (70 s for `ls-files`)
    (root / "docs").mkdir()
    with open(root / "docs/.gitignore", "wb") as ignore:
        ignore.truncate(20 << 30)


HOSTILE: dict[str, Callable[[Path], None]] = {
    "huge-gitignore": _huge_gitignore,
    "sparse-packed-refs": _sparse_packed_refs,
    "linked-ref-folder": _linked_ref_folder,
    "linked-to-devices": _linked_to_devices,
    "alternate-in-tree": _alternate_in_tree,
    "objects-linked-in-tree": _objects_linked_in_tree,
    "packed-refs": _packed_refs,
    "ref": _ref,
    "gitignore": _gitignore,
    "include": _include_in_tree,
    "include-of-include": _include_of_include,
    "padded-include": _padded_include,
    "git-folder-named": _git_folder_named,
    "include-fan-out": _include_fan_out,
}


@pytest.fixture(params=sorted(HOSTILE))
def waiting(request: pytest.FixtureRequest, make_repo: RepoFactory) -> Path:
    root = make_repo({**COMPLETE_HOUSE, "deploy/key.pem": Samples().private_key()})
    HOSTILE[request.param](root)
    return root


def test_what_git_would_wait_on_is_found_before_git_runs(waiting: Path) -> None:
    assert gitwait.blocking_file(waiting) is not None


def test_a_folder_git_would_wait_on_is_checked_at_once(waiting: Path) -> None:
    report = check_json(waiting)
    found = findings_of(report)
    assert report["verdict"] == "not_ready"
    assert any(f["rule"] == "secret-in-tree" and f["path"] == "deploy/key.pem" for f in found)
    [readable] = [f for f in found if f["rule"] == "git-readable"]
    assert "a pipe or a device git would wait on forever" in readable["message"]
    unjudged = {entry["id"] for entry in report["rules"] if entry["status"] == "error"}
    assert "secret-in-history" in unjudged


def test_a_subfolder_of_a_repository_git_would_wait_on_is_checked_at_once(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({**COMPLETE_HOUSE, "app/deploy/key.pem": Samples().private_key()})
    _packed_refs(root)  # in the repository's git folder, above the folder checked
    report = check_json(root / "app")
    assert any(f["rule"] == "secret-in-tree" for f in findings_of(report))
    assert any(f["rule"] == "git-readable" for f in findings_of(report))


def test_merge_request_mode_refuses_a_folder_git_would_wait_on(waiting: Path) -> None:
    result = run_cli("check", str(waiting), "--diff-base", "HEAD", "--lang", "en")
    assert result.exit_code == 2
    assert "git would wait forever on a pipe or a device of the repository" in result.stderr


def test_a_clone_and_the_null_device_are_not_refused(make_repo: RepoFactory) -> None:
    root = make_repo(COMPLETE_HOUSE)
    git(root, "config", "core.excludesFile", os.devnull)
    git(root, "config", "branch.main.merge", "refs/heads/main")
    report = check_json(root)
    assert not [f for f in findings_of(report) if f["rule"] == "git-readable"]


def test_links_and_alternates_that_stay_readable_are_not_refused(
    make_repo: RepoFactory,
) -> None:
    # the branches kept in a folder of the tree, linked from the git folder, and an
    # object store of the tree named as an alternate: git reads them without waiting
    root = make_repo(COMPLETE_HOUSE)
    (root / ".git/refs/heads").rename(root / "heads")
    (root / ".git/refs/heads").symlink_to("../../heads")
    (root / "store").mkdir()
    (root / ".git/objects/info/alternates").write_text("../../store\n")
    assert gitwait.blocking_file(root) is None
    report = check_json(root)
    assert not [f for f in findings_of(report) if f["rule"] == "git-readable"]


def _listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders gitwait lists from now on, by their real path."""
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: str) -> object:
        listed.append(os.path.realpath(path))
        return scandir(path)

    monkeypatch.setattr(gitwait.os, "scandir", counted)
    return listed


def test_an_alternate_store_spelt_many_ways_is_looked_at_once(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `/usr`, `/usr/../usr`, ...: forty spellings of one folder outside the repository
    # walked /usr forty times, with no bound (70 s; a megabyte of them, hours)
    root = make_repo(COMPLETE_HOUSE)
    store = tmp_path / "elsewhere"
    (store / "pack").mkdir(parents=True)
    spellings = [str(store) + "/../elsewhere" * times for times in range(40)]
    (root / ".git/objects/info/alternates").write_text("\n".join(spellings) + "\n")
    listed = _listings(monkeypatch)
    assert gitwait.blocking_file(root) is None
    assert listed.count(str(store)) == 1


def test_an_alternate_store_outside_the_repository_is_not_walked_whole(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an alternate may name any folder of the machine (`/`, `/usr`): only what git
    # opens in an object store is looked at (`info/`, `pack/`, `00` to `ff`), and what
    # lies in `info/` and `pack/` is counted like what lies behind a link of the git
    # folder
    monkeypatch.setattr(gitwait, "MAX_LINKED", 50)
    root = make_repo(COMPLETE_HOUSE)
    machine = tmp_path / "machine"
    for index in range(60):
        (machine / f"folder{index}" / "deeper").mkdir(parents=True)
    (root / ".git/objects/info/alternates").write_text(f"{machine}\n")
    listed = _listings(monkeypatch)
    assert gitwait.blocking_file(root) is None
    assert not [path for path in listed if path.startswith(f"{machine}/")]
    for index in range(60):
        (machine / "pack" / f"folder{index}").mkdir(parents=True)
    found = gitwait.blocking_file(root)
    assert found is not None and gitwait.TOO_MANY_LINKED in found
    report = check_json(root)
    assert [f for f in findings_of(report) if f["rule"] == "git-readable"]


def test_a_shared_clones_store_of_many_loose_objects_is_read(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # review9: `git clone --shared` of a repository with over MAX_LINKED loose objects
    # was refused ("too many entries"), its history not judged; a FIFO among them is
    # still found
    monkeypatch.setattr(gitwait, "MAX_LINKED", 50)
    source = make_repo(COMPLETE_HOUSE, name="source")
    blobs = tmp_path / "blobs"
    blobs.mkdir()
    for index in range(60):
        (blobs / str(index)).write_text(f"loose {index}\n")
    git(source, "hash-object", "-w", *(str(blobs / str(index)) for index in range(60)))
    assert sum(1 for _ in (source / ".git/objects").glob("??/*")) > 60
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--shared", str(source), str(clone))
    assert gitwait.blocking_file(clone) is None
    loose = next((source / ".git/objects").glob("??/*"))
    loose.unlink()
    os.mkfifo(loose)
    assert gitwait.blocking_file(clone) == str(loose)


def test_alternates_past_the_configuration_budget_are_not_read_on(
    make_repo: RepoFactory,
) -> None:
    root = make_repo(COMPLETE_HOUSE)
    lines = (f"/nowhere/{index}" for index in range(gitwait.MAX_VALUES + 1))
    (root / ".git/objects/info/alternates").write_text("\n".join(lines) + "\n")
    found = gitwait.blocking_file(root)
    assert found is not None and gitwait.TOO_LARGE in found


def test_a_batch_audits_such_a_folder_in_place_without_waiting(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    # a folder of the user's list is read where it is: its HEAD as a FIFO held the
    # batch for ever (the head is read from the files, then asked of git)
    from opencheck.batch.sources import target_from_line
    from opencheck.batch.workspace import GitSettings, prepare, remote_head

    root = make_repo({**COMPLETE_HOUSE, "deploy/key.pem": Samples().private_key()})
    (root / ".git/HEAD").unlink()
    os.mkfifo(root / ".git/HEAD")
    target = target_from_line(str(root), tmp_path)
    assert remote_head(target, timeout=30) is None
    checkout = prepare(tmp_path / "ws", target, GitSettings(timeout=30))
    assert checkout.path == root and checkout.in_place and checkout.commit is None
    assert check_json(root)["verdict"] == "not_ready"
