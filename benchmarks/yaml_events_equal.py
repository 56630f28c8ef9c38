# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Every YAML file of the real sets loaded by the safe loader and from libyaml's events
(yamlevents.py): values compared by type and order, errors by type, and both timed.

    PYTHONPATH=src python benchmarks/yaml_events_equal.py [FOLDER...]
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import yaml

from opencheck import yamlevents
from opencheck.deps.source import _ANCHOR_OR_ALIAS
from opencheck.yamlsafe import FastLoader, yaml_text

SETS = ("/work/corpus", "/work/holdout", "/work/fresh", "/work/fresh9", "/work/fresh10")


def safe(text: str) -> Any:
    return yaml.load(text, Loader=FastLoader)


def events(text: str) -> Any:
    return yamlevents.load(text, FastLoader(""), safe)


def same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def loaded(load: Callable[[str], Any], text: str) -> tuple[tuple[str, Any], float]:
    started = time.perf_counter()
    try:
        outcome: tuple[str, Any] = ("value", load(text))
    except Exception as error:  # compared by type on both sides
        outcome = ("error", type(error).__name__)
    return outcome, time.perf_counter() - started


def yaml_files(folders: list[str]) -> list[str]:
    found = []
    for folder in folders:
        for top, dirs, names in os.walk(folder):
            dirs[:] = [name for name in dirs if name not in (".git", "node_modules")]
            found += [os.path.join(top, name) for name in names
                      if name.endswith((".yml", ".yaml"))]
    return found


def main() -> None:
    counted = differ = errors = 0
    spent = {"safe": 0.0, "events": 0.0}
    for path in yaml_files(sys.argv[1:] or list(SETS)):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            text = yaml_text(data)
        except Exception:  # unreadable, binary or not UTF-8: not a YAML file to compare
            continue
        if len(data) > 10 << 20 or _ANCHOR_OR_ALIAS.search(data):
            continue  # the bounded loader's, never the events'
        counted += 1
        first, spent_safe = loaded(safe, text)
        second, spent_events = loaded(events, text)
        spent["safe"] += spent_safe
        spent["events"] += spent_events
        errors += first[0] == "error"
        if first[0] != second[0] or not same(first[1], second[1]):
            differ += 1
            print("differ:", path, first[0], second[0])
    print(f"{counted} files, {differ} differ, {errors} errors on both sides; "
          f"safe loader {spent['safe']:.2f} s, events {spent['events']:.2f} s")


if __name__ == "__main__":
    main()
