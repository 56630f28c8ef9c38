# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Python: pyproject.toml (PEP 621, PEP 735, Poetry), requirements*.txt, poetry.lock,
uv.lock, Pipfile and Pipfile.lock. None of the lockfiles records licences."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from opencheck.deps.model import DEV, OPTIONAL, RUNTIME, Dependency, declared_direct
from opencheck.deps.source import Shape, Source, as_dict, as_list, as_str, in_folder

ECOSYSTEM = "pypi"
TRIGGERS = ("pyproject.toml", "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock")
REQUIREMENTS = re.compile(r"(^|/)(requirements[^/]*\.txt|requirements/[^/]+\.txt)$")
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")
# A requirements file's name that says development (`requirements-dev.txt`,
# `requirements/test.txt`, `requirements4doc.txt`), word by word: searched anywhere in
# the name, "doc" made `requirements/docker.txt`, what an image installs, development,
# and "ci" `requirements-specific.txt`, their non-free packages left out.
_NAME_WORDS = re.compile(r"[-_.\d]+")
_DEV_WORDS = frozenset({"dev", "devel", "develop", "development", "test", "tests", "testing",
                        "lint", "linting", "doc", "docs", "documentation", "ci"})
# What may follow a requirement's name (PEP 508, pip): a version comparison, a URL
# (`@`), a parenthesised specifier; a line where something else follows (a Dockerfile's
# `FROM python:3.12-slim` in a file named requirements.txt) is not a requirement.
_SPEC_OPENINGS = ("==", ">=", "<=", "!=", "~=", ">", "<", "@", "(", "===")


def normalise(name: str) -> str:
    """PEP 503: `Foo_Bar.baz` and `foo-bar-baz` are the same project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def collect(src: Source, directory: str) -> list[Dependency]:
    declared: dict[str, tuple[str | None, str]] = {}
    pyproject = in_folder(directory, "pyproject.toml")
    if src.exists(pyproject):
        shape = src.shape(pyproject)
        document = shape.document(src.toml(pyproject))
        declared.update(pyproject_dependencies(document or {}, shape))
    pipfile = in_folder(directory, "Pipfile")
    if src.exists(pipfile):
        shape = src.shape(pipfile)
        declared.update(_pipfile(shape.document(src.toml(pipfile)) or {}, shape))
    for lock_name, parse in (("poetry.lock", _poetry_lock), ("uv.lock", _uv_lock),
                             ("Pipfile.lock", _pipfile_lock)):
        path = in_folder(directory, lock_name)
        if src.exists(path):
            parsed = (src.json(path) if lock_name == "Pipfile.lock" else
                      src.toml(path, _uv_subset() if lock_name == "uv.lock" else None))
            shape = src.shape(path)
            lock = shape.document(parsed)
            if lock is not None:
                return parse(lock, path, declared, shape)
    if src.exists(pyproject) and declared:
        return declared_direct(ECOSYSTEM, declared, pyproject)
    if src.exists(pipfile) and declared:
        return declared_direct(ECOSYSTEM, declared, pipfile)
    return []


def _uv_subset() -> Callable[[str], Any]:
    """uvlock's reader, its patterns compiled (5 ms) only in a run that reads a uv.lock."""
    from opencheck.deps import uvlock

    return uvlock.document


def collect_requirements(src: Source, path: str) -> list[Dependency]:
    text = src.text(path)
    if text is None:
        return []
    return parse_requirements(text, path)


def parse_requirements(text: str, path: str) -> list[Dependency]:
    """requirements.txt; pip-compile's `# via` comments tell transitive pins apart."""
    words = _NAME_WORDS.split(path.rsplit("/", 1)[-1].lower())
    scope = DEV if _DEV_WORDS.intersection(words) else RUNTIME
    found: list[Dependency] = []
    current: Dependency | None = None
    vias: list[str] = []
    logical = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if current is not None and stripped.startswith("#"):
            comment = stripped.lstrip("#").strip()
            if comment.startswith("via"):
                vias.append(comment[3:].strip())
            elif vias:
                vias.append(comment)
            continue
        if raw.endswith("\\"):
            logical += raw[:-1] + " "
            continue
        line = (logical + raw).split(" #", 1)[0].strip()
        logical = ""
        if not line or line.startswith("#"):
            continue
        if current is not None:
            _settle(current, vias)
        current, vias = None, []
        if line.startswith("-"):
            continue  # options: -r, -c, -e, --index-url, --hash...
        line = line.split(";", 1)[0].strip()
        named = _from_url(line)  # `git+https://…/sd-jwt-python.git@v0.10.4#egg=sd-jwt`
        if named is not None:
            current = Dependency(ECOSYSTEM, named, None, path, direct=True, scope=scope)
            found.append(current)
            continue
        match = _REQUIREMENT.match(line)
        if not match:
            continue
        name, spec = match.group(1), match.group(3).strip()
        spec = spec.split("--hash", 1)[0].strip()
        if spec and not spec.startswith(_SPEC_OPENINGS):
            continue  # `FROM python:3.12-slim`, `RUN pip install …`: no requirement
        if spec.startswith("@"):
            spec = ""  # `name @ https://...`: a URL, not a version
        pinned = spec[2:].strip() if spec.startswith("==") and "," not in spec else None
        current = Dependency(ECOSYSTEM, name, pinned or spec or None, path, direct=True,
                             scope=scope, locked=pinned is not None)
        found.append(current)
    if current is not None:
        _settle(current, vias)
    return found


_VCS_URL = re.compile(r"^(?:(?:git|hg|svn|bzr)\+)?[a-z][a-z0-9+.-]{1,20}://\S+$", re.IGNORECASE)
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


def _from_url(line: str) -> str | None:
    """The project a requirement given by its URL installs: its `#egg=` name, else the
    last part of its path (a repository's, `.git` and `@ref` left out)."""
    if not _VCS_URL.match(line):
        return None
    egg = _EGG.search(line)
    if egg:
        return egg.group(1)
    # the address's path only: `https://oauth2:<token>@host` has none, and its last
    # part was the account and its token
    path = _url_path(line).rstrip("/")
    if not path:
        return None
    last = path.rsplit("/", 1)[-1].split("@", 1)[0].removesuffix(".git")
    if last.endswith((".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2")):
        last = last.split("-", 1)[0]  # `foo-1.0.tar.gz`, `foo-1.0-py3-none-any.whl`
    return last or None


def _url_path(url: str) -> str:
    """What follows the host of `scheme://[account@]host[:port]`, query and fragment left out."""
    after = url.split("://", 1)[1].split("#", 1)[0].split("?", 1)[0]
    slash = after.find("/")
    return after[slash:] if slash >= 0 else ""


def _settle(dep: Dependency, vias: list[str]) -> None:
    packages = [via for via in vias if via and not via.startswith(("-r", "-c"))]
    if vias and packages and len(packages) == len(vias):
        dep.direct = False


def pyproject_dependencies(pyproject: dict[str, Any], shape: Shape | None = None
                           ) -> dict[str, tuple[str | None, str]]:
    found: dict[str, tuple[str | None, str]] = {}

    def table(value: Any, where: str) -> dict[str, Any]:
        return shape.table(value, where) if shape else as_dict(value)

    def array(value: Any, where: str) -> list[Any]:
        return shape.array(value, where) if shape else as_list(value)

    def add(requirement: Any, scope: str) -> None:
        if not isinstance(requirement, str):
            return
        match = _REQUIREMENT.match(requirement.split(";", 1)[0].strip())
        if match:
            name = normalise(match.group(1))
            if name not in found or scope == RUNTIME:
                found[name] = (match.group(3).strip() or None, scope)

    project = table(pyproject.get("project"), "project")
    for requirement in array(project.get("dependencies"), "project.dependencies"):
        add(requirement, RUNTIME)
    extras = table(project.get("optional-dependencies"), "project.optional-dependencies")
    for name, group in extras.items():
        for requirement in array(group, f"project.optional-dependencies.{name}"):
            add(requirement, OPTIONAL)
    for name, group in table(pyproject.get("dependency-groups"), "dependency-groups").items():
        for requirement in array(group, f"dependency-groups.{name}"):
            add(requirement, DEV)
    poetry = table(table(pyproject.get("tool"), "tool").get("poetry"), "tool.poetry")
    tables = [(poetry.get("dependencies"), RUNTIME, "tool.poetry.dependencies"),
              (poetry.get("dev-dependencies"), DEV, "tool.poetry.dev-dependencies")]
    tables += [(table(group, f"tool.poetry.group.{name}").get("dependencies"), DEV,
                f"tool.poetry.group.{name}.dependencies")
               for name, group in table(poetry.get("group"), "tool.poetry.group").items()]
    for value, scope, where in tables:
        for name, spec in table(value, where).items():
            if name.lower() == "python":
                continue
            version = as_str(spec) if not isinstance(spec, dict) else as_str(spec.get("version"))
            if normalise(name) not in found or scope == RUNTIME:
                found[normalise(name)] = (version, scope)
    return found


def _pipfile(pipfile: dict[str, Any], shape: Shape) -> dict[str, tuple[str | None, str]]:
    found: dict[str, tuple[str | None, str]] = {}
    for section, scope in (("dev-packages", DEV), ("packages", RUNTIME)):
        for name, spec in shape.table(pipfile.get(section), section).items():
            version = as_str(spec) if not isinstance(spec, dict) else as_str(spec.get("version"))
            found[normalise(name)] = (version, scope)
    return found


def _locked(name: str, version: str | None, path: str,
            declared: dict[str, tuple[str | None, str]], scope: str | None = None) -> Dependency:
    key = normalise(name)
    return Dependency(
        ECOSYSTEM, name, version, path,
        direct=(key in declared) if declared else None,
        scope=scope or declared.get(key, (None, RUNTIME))[1],
        locked=True,
    )


def _poetry_lock(lock: dict[str, Any], path: str,
                 declared: dict[str, tuple[str | None, str]], shape: Shape) -> list[Dependency]:
    found = []
    for index, raw in enumerate(shape.array(lock.get("package"), "package")):
        entry = shape.table(raw, f"package[{index}]")
        name = as_str(entry.get("name"))
        if not name:
            continue
        category = as_str(entry.get("category"))  # Poetry 1.x
        groups = [g for g in as_list(entry.get("groups")) if isinstance(g, str)]  # Poetry 2.x
        scope = DEV if category == "dev" or (groups and "main" not in groups) else None
        found.append(_locked(name, as_str(entry.get("version")), path, declared, scope))
    return found


def _uv_lock(lock: dict[str, Any], path: str,
             declared: dict[str, tuple[str | None, str]], shape: Shape) -> list[Dependency]:
    packages = [shape.table(raw, f"package[{index}]")
                for index, raw in enumerate(shape.array(lock.get("package"), "package"))]
    own: set[str] = set()
    direct: dict[str, str] = {}
    for entry in packages:
        source = as_dict(entry.get("source"))
        if "editable" in source or "virtual" in source:
            own.add(normalise(as_str(entry.get("name")) or ""))
            for item in as_list(entry.get("dependencies")):
                direct.setdefault(normalise(as_str(as_dict(item).get("name")) or ""), RUNTIME)
            for group in as_dict(entry.get("dev-dependencies")).values():
                for item in as_list(group):
                    direct.setdefault(normalise(as_str(as_dict(item).get("name")) or ""), DEV)
    known = {**{k: (None, v) for k, v in direct.items()}, **declared}
    return [
        _locked(name, as_str(entry.get("version")), path, known)
        for entry in packages
        if (name := as_str(entry.get("name"))) and normalise(name) not in own
    ]


def _pipfile_lock(lock: dict[str, Any], path: str,
                  declared: dict[str, tuple[str | None, str]], shape: Shape) -> list[Dependency]:
    found = []
    for section, scope in (("default", RUNTIME), ("develop", DEV)):
        for name, raw in shape.table(lock.get(section), section).items():
            version = as_str(shape.table(raw, f"{section}.{name}").get("version"))
            if version and version.startswith("=="):
                version = version[2:]
            found.append(_locked(name, version, path, declared, scope))
    return found
