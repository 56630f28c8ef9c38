# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The layers: domain logic lives in the domain packages and the rules of `checks/` are
thin, so nothing below `checks/` imports it. An import inside a function counts too: the
one that slipped through (`publiccode/generate.py` reading the licence and the README
through two rules) was a lazy one."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "opencheck"
# The registry finds and imports the rule modules: wiring them is its job.
WIRING = {"registry.py"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path, text: str) -> set[str]:
    """Every module a file imports, wherever the import stands, relative ones resolved."""
    tree = ast.parse(text, filename=str(path))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _reaches_checks(names: set[str]) -> list[str]:
    return sorted(name for name in names
                  if name == "opencheck.checks" or name.startswith("opencheck.checks."))


def test_nothing_below_the_rules_imports_them() -> None:
    offenders = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith("checks/") or relative in WIRING:
            continue
        found = _reaches_checks(_imported(path, path.read_text(encoding="utf-8")))
        if found:
            offenders[relative] = found
    assert offenders == {}, (
        "move the logic these modules need into its domain package (licensing/, "
        f"community/, publiccode/...) and have the rule import it from there: {offenders}")


def test_the_walk_sees_lazy_and_relative_imports() -> None:
    # The guard above must not pass for want of looking: the shapes the slipped import
    # took, and the relative one, are read as imports of `checks/`.
    text = ("def gather():\n    from opencheck.checks.community import readme_paths\n"
            "    from ..checks import publiccode\n    import opencheck.checks.licence\n")
    names = _imported(SRC / "publiccode" / "generate.py", text)
    assert _reaches_checks(names) == [
        "opencheck.checks", "opencheck.checks.community",
        "opencheck.checks.community.readme_paths", "opencheck.checks.licence",
        "opencheck.checks.publiccode"]
