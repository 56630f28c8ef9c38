# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`quietgc.imports_kept`: no collection while modules are imported, what they built
kept out of the collector's sight afterwards, and garbage made later still collected."""

from __future__ import annotations

import gc
import subprocess
import sys
import uuid
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from opencheck import quietgc
from opencheck.quietgc import imports_kept


@pytest.fixture
def fresh_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The name of a module never imported yet, imported as the command's process
    would; the freeze it causes undone after."""
    monkeypatch.setattr(quietgc, "_freezing", True)
    name = f"kept_{uuid.uuid4().hex}"
    (tmp_path / f"{name}.py").write_text("TABLE = {'a': [1, 2, 3]}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    frozen = gc.get_freeze_count()
    yield name
    sys.modules.pop(name, None)
    if frozen == 0:
        gc.unfreeze()


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def _cycle() -> weakref.ref[_Node]:
    first, second = _Node(), _Node()
    first.other, second.other = second, first
    return weakref.ref(first)


def test_an_import_is_not_collected_meanwhile_then_frozen(fresh_module: str) -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with imports_kept():
        assert not gc.isenabled()
        __import__(fresh_module)
    assert gc.isenabled()
    assert gc.get_freeze_count() > before  # what was alive is out of the collector's sight
    assert gc.is_tracked(sys.modules[fresh_module].TABLE)


def test_garbage_made_after_is_collected_as_before(fresh_module: str) -> None:
    with imports_kept():
        __import__(fresh_module)
    dead = _cycle()
    assert dead() is not None  # a cycle: reference counting alone does not free it
    gc.collect()
    assert dead() is None


def test_nothing_imported_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    with imports_kept():
        import json  # already imported: nothing new

        assert json.dumps([]) == "[]"
    assert gc.get_freeze_count() == before


def test_a_caller_that_turned_the_collector_off_keeps_it_off(fresh_module: str) -> None:
    gc.disable()
    try:
        with imports_kept():
            __import__(fresh_module)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_an_import_fails(tmp_path: Path,
                                                        fresh_module: str) -> None:
    (tmp_path / "kept_broken.py").write_text("raise RuntimeError('broken')\n", "utf-8")
    with pytest.raises(RuntimeError), imports_kept():
        __import__("kept_broken")
    assert gc.isenabled()
    sys.modules.pop("kept_broken", None)


_LIBRARY_CALLER = """
import gc, weakref

class Node:
    pass

def cycle():
    first, second = Node(), Node()
    first.other, second.other = second, first
    return weakref.ref(first)

held = cycle()  # the caller's own garbage, not collected yet
from opencheck.registry import all_checks
assert all_checks()
gc.collect()
print("collected" if held() is None else "kept", gc.get_freeze_count())
"""


def test_a_library_caller_keeps_its_garbage_collectable() -> None:
    """A program importing opencheck as a library: the families' import freezes nothing,
    so the cyclic garbage it held at that moment is still freed."""
    run = subprocess.run([sys.executable, "-c", _LIBRARY_CALLER], capture_output=True,
                         text=True, check=True)
    assert run.stdout.split() == ["collected", "0"]
