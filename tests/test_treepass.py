# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A whole check reads each file of the tree once (`treepass`): the secrets scan, REUSE,
the licence headers and the dependencies' third-party index and copied headers take
the bytes of one read, whatever the snapshot's cache holds; a family whose reader fails
fails alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory
from opencheck import registry, repository, treepass
from opencheck.engine import RunRequest, run, run_context
from opencheck.model import Status
from opencheck.registry import Context
from opencheck.repository import FileEntry, open_repository

# REUSE-IgnoreStart
HEADER = "# SPDX-FileCopyrightText: 2026 DINUM\n# SPDX-License-Identifier: MIT\n"
# REUSE-IgnoreEnd
# Larger than the cache below lets in: each family read such a file again.
LARGE_BODY = "".join(f"value_{n} = {n}\n" for n in range(6000))


def _tree() -> dict[str, str | bytes]:
    house = {name: text for name, text in COMPLETE_HOUSE.items() if name != "REUSE.toml"}
    return {
        **house,
        "package.json": '{"name": "outil", "license": "MIT", "dependencies": {}}\n',
        "src/app.py": HEADER + LARGE_BODY,
        "src/big.py": "# Copyright 2019 Another Company Ltd\n" + LARGE_BODY,
        "src/page.vue": "<template><p>x</p></template>\n" + LARGE_BODY,
        "static/lib.min.js": "/*! lib v1.0 | MIT */" + "var a=1;" * 20000,
        "config/.env": "API_TOKEN=" + "k" * 40 + "\n",
        "data/blob.bin": b"\0\1\2" * 50000,
    }


def _counting(monkeypatch: pytest.MonkeyPatch, root: Path) -> Counter[str]:
    """Every open of a listed file through the snapshot's read path, by path."""
    opened: Counter[str] = Counter()
    prefix = f"{root.resolve()}/"

    def counted(function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(path: str | Path, *args: Any, **kwargs: Any) -> Any:
            opened[str(path).removeprefix(prefix)] += 1
            return function(path, *args, **kwargs)
        return wrapper

    monkeypatch.setattr(repository, "read_listed", counted(repository.read_listed))
    monkeypatch.setattr(repository, "open_regular", counted(repository.open_regular))
    return opened


def test_a_whole_check_opens_each_tracked_file_once(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(_tree())
    # the small files fit in the cache, the large ones do not (as on a large tree)
    monkeypatch.setattr(repository, "CACHE_BUDGET", 64 * 1024)
    opened = _counting(monkeypatch, root)

    report = run(RunRequest(path=root))

    assert not [rule.rule for rule in report.rules if rule.status is Status.ERROR]
    tracked = {entry.path for entry in open_repository(root).files}
    assert {"src/app.py", "src/big.py", "src/page.vue", "static/lib.min.js",
            "config/.env", "data/blob.bin"} <= set(opened)
    assert set(opened) <= tracked
    assert {path: count for path, count in opened.items() if count > 1} == {}
    # and what each family found in them is still found
    found = {(finding.rule, finding.path) for finding in report.findings}
    assert {("secret-file-committed", "config/.env"), ("deps-copied-code", "src/big.py"),
            ("deps-third-party-code", "static/lib.min.js"),
            ("reuse-file-licensing", "src/big.py"),
            ("reuse-file-copyright", "src/page.vue")} <= found
    assert ("reuse-file-licensing", "src/app.py") not in found


@pytest.mark.parametrize(("module", "name", "value"), [
    (repository, "CACHE_BUDGET", 0),  # nothing kept: every later read goes to the disk
    (treepass, "BATCH_FILES", 1),  # each file handed to every reader in turn
], ids=["no-cache", "one-file-batches"])
def test_the_findings_do_not_depend_on_the_cache_nor_the_batch(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, module: object, name: str,
        value: int) -> None:
    root = make_repo(_tree())
    whole = run(RunRequest(path=root))
    monkeypatch.setattr(module, name, value)
    changed = run(RunRequest(path=root))
    assert [(f.rule, f.path, f.message) for f in changed.findings] == \
        [(f.rule, f.path, f.message) for f in whole.findings]
    assert [(r.rule, r.status) for r in changed.rules] == [(r.rule, r.status) for r in whole.rules]


class _Reader:
    def __init__(self, fail_on: str | None = None) -> None:
        self.fail_on = fail_on
        self.seen: list[tuple[str, bytes | None]] = []

    def wants(self, entry: FileEntry) -> bool:
        return True

    def take(self, entry: FileEntry, data: bytes | None) -> None:
        if entry.path == self.fail_on:
            raise ValueError(f"cannot read {entry.path}")
        self.seen.append((entry.path, data))

    def result(self) -> list[tuple[str, bytes | None]]:
        return self.seen


def test_a_failing_reader_fails_alone_and_the_others_get_every_file(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo({"a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n"})
    readers = {"test.broken": _Reader(fail_on="b.txt"), "test.sound": _Reader()}
    monkeypatch.setitem(registry._TREE_READERS, "test.broken",
                        ("broken", lambda ctx: readers["test.broken"]))
    monkeypatch.setitem(registry._TREE_READERS, "test.sound",
                        ("sound", lambda ctx: readers["test.sound"]))
    opened = _counting(monkeypatch, root)
    ctx = Context(repo=open_repository(root), families=frozenset({"broken", "sound"}))

    with pytest.raises(ValueError, match=r"cannot read b\.txt"):
        ctx.read_tree("test.broken")
    assert ctx.read_tree("test.sound") == [
        ("a.txt", b"a\n"), ("b.txt", b"b\n"), ("c.txt", b"c\n")]
    with pytest.raises(ValueError, match=r"cannot read b\.txt"):  # failed once, said again
        ctx.read_tree("test.broken")
    assert opened == Counter({"a.txt": 1, "b.txt": 1, "c.txt": 1})


def test_no_more_files_are_held_than_a_batch(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo({f"{n}.txt": f"{n}\n" for n in range(7)})
    monkeypatch.setattr(treepass, "BATCH_FILES", 3)
    opened = _counting(monkeypatch, root)
    held: list[int] = []

    class Holding(_Reader):
        def take(self, entry: FileEntry, data: bytes | None) -> None:
            held.append(sum(opened.values()) - len(self.seen))
            super().take(entry, data)

    reader = Holding()
    monkeypatch.setitem(registry._TREE_READERS, "test.holding", ("holding", lambda ctx: reader))
    ctx = Context(repo=open_repository(root))
    assert [path for path, _ in ctx.read_tree("test.holding")] == [f"{n}.txt" for n in range(7)]
    assert max(held) == 3  # files read and not yet taken


def test_a_reader_of_a_family_outside_the_run_is_not_made(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    def maker(name: str) -> Callable[[Context], _Reader]:
        def make(ctx: Context) -> _Reader:
            made.append(name)
            return _Reader()
        return make

    monkeypatch.setitem(registry._TREE_READERS, "test.asked", ("asked", maker("asked")))
    monkeypatch.setitem(registry._TREE_READERS, "test.other", ("other", maker("other")))
    ctx = Context(repo=open_repository(make_repo({"a.txt": "a\n"})),
                  families=frozenset({"asked"}))
    assert ctx.read_tree("test.asked") == [("a.txt", b"a\n")]
    assert made == ["asked"]


def test_a_run_narrowed_to_one_family_reads_for_that_family_alone(
        make_repo: RepoFactory) -> None:
    root = make_repo(_tree())
    _report, ctx = run_context(RunRequest(path=root, only_rules=("secret-in-tree",)))
    assert ctx.cached("secrets.tree") is not None
    assert ctx.cached("reuse") is None
    assert ctx.cached("licence.declarations") is None
