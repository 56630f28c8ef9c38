# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""One read of the tree for every family that reads it whole (`treepass`): each file
read once, its bytes handed to every reader; a family whose reader fails fails alone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory
from opencheck import registry, repository
from opencheck.registry import Context
from opencheck.repository import FileEntry, open_repository


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
