# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Third-party code committed into the repository: `vendor/`, `third_party/`,
`external/`, committed `node_modules/`... Each component's licence comes from its
package manifest, its licence files, or its file headers, in that order."""

from __future__ import annotations

from collections.abc import Iterable

from opencheck.deps.identify import identify
from opencheck.deps.model import RUNTIME, Dependency
from opencheck.deps.thirdparty import LICENCE_FILE, VENDOR_DIRS
from opencheck.parsing import load_json
from opencheck.repository import Repository
from opencheck.textdecode import decode_text

ECOSYSTEM = "vendored"
PACKAGE_DIRS = frozenset({"node_modules", "bower_components"})
CODE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".css", ".scss", ".c", ".h", ".cc", ".cpp",
                 ".hpp", ".py", ".php", ".go", ".java", ".rb", ".rs", ".swift", ".m", ".kt",
                 ".cs", ".lua", ".pl", ".sh")
METADATA = frozenset({"vendor/modules.txt", "vendor/autoload.php"})
HEADER_FILES = 10
HEADER_BYTES = 4096


def vendored_index(parts: list[str]) -> int:
    """Index of the first vendoring folder in a path, or -1."""
    for index, part in enumerate(parts[:-1]):
        if part in VENDOR_DIRS:
            return index
    return -1


def component_root(parts: list[str], composer_layout: bool) -> str | None:
    index = vendored_index(parts)
    if index < 0:
        return None
    if any(part in PACKAGE_DIRS for part in parts[:-1]):
        last = max(i for i, part in enumerate(parts[:-1]) if part in PACKAGE_DIRS)
        if parts[last + 1].startswith("."):
            return None  # node_modules/.bin, .cache, .package-lock.json: npm's own files
        width = 3 if parts[last + 1].startswith("@") else 2
        end = last + width
    elif parts[index] == "vendor" and "." in parts[index + 1] and len(parts) > index + 4:
        end = index + 4  # Go modules: vendor/host/owner/repo
    elif parts[index] == "vendor" and composer_layout:
        end = index + 3  # Composer: vendor/<vendor>/<package>
    else:
        end = index + 2
    if end >= len(parts):
        # A file directly inside the vendoring folder is a component of its own.
        return "/".join(parts) if parts[-1].endswith(CODE_SUFFIXES) else None
    return "/".join(parts[:end])


def components(repo: Repository) -> dict[str, list[str]]:
    composer_layout = repo.exists("vendor/autoload.php") or repo.exists(
        "vendor/composer/installed.json")
    found: dict[str, list[str]] = {}
    for path in repo.paths():
        if path in METADATA:
            continue
        root = component_root(path.split("/"), composer_layout)
        if root is not None:
            found.setdefault(root, []).append(path)
    return found


def collect(repo: Repository) -> list[Dependency]:
    known = {**_go_modules(repo), **_composer_installed(repo)}
    found = []
    for root, files in sorted(components(repo).items()):
        dep = _component(repo, root, files)
        version, licence = known.get(root, (None, None))
        dep.version = dep.version or version
        if dep.licence is None and licence:
            dep.licence, dep.licence_source = licence, "installed.json"
        found.append(dep)
    return found


def _go_modules(repo: Repository) -> dict[str, tuple[str | None, str | None]]:
    """Versions of vendored Go modules, from `vendor/modules.txt` (`# path version`)."""
    data = repo.read_bytes("vendor/modules.txt")
    found: dict[str, tuple[str | None, str | None]] = {}
    for line in decode_text(data or b"").splitlines():
        words = line.split()
        if len(words) >= 3 and words[0] == "#" and "." in words[1]:
            found[f"vendor/{words[1]}"] = (words[2], None)
    return found


def _composer_installed(repo: Repository) -> dict[str, tuple[str | None, str | None]]:
    """Versions and licences of Composer's vendored packages (`installed.json`)."""
    from opencheck.deps.source import as_dict, as_list, as_str, join_licences

    document = _json(repo.read_bytes("vendor/composer/installed.json"))
    packages = as_list(as_dict(document).get("packages")) if isinstance(document, dict) \
        else as_list(document)
    found: dict[str, tuple[str | None, str | None]] = {}
    for raw in packages:
        entry = as_dict(raw)
        name = as_str(entry.get("name"))
        if name:
            found[f"vendor/{name}"] = (as_str(entry.get("version")),
                                       join_licences(entry.get("license")))
    return found


def _component(repo: Repository, root: str, files: list[str]) -> Dependency:
    dep = Dependency(ECOSYSTEM, root, None, root, scope=RUNTIME)
    manifest = f"{root}/package.json"
    if "/node_modules/" in f"/{root}/" and repo.exists(manifest):
        data = repo.read_bytes(manifest)
        package = _json(data)
        if isinstance(package, dict):
            version = package.get("version")
            dep.version = version if isinstance(version, str) else None
            licence = package.get("license") or package.get("licenses")
            from opencheck.deps.source import join_licences

            declared = join_licences(licence)
            if declared:
                dep.licence, dep.licence_source, dep.declared_in = (
                    declared, "package.json", manifest)
                return dep
    licence_files = sorted(
        (path for path in files if LICENCE_FILE.match(path.rsplit("/", 1)[-1])),
        key=lambda path: (path.count("/"), path),
    )
    if licence_files:
        depth = licence_files[0].count("/")
        shallowest = [path for path in licence_files if path.count("/") == depth]
        found = _identified(repo, shallowest)
        dep.declared_in = shallowest[0]
        if found:
            dep.licence, dep.licence_source = found, "licence-file"
            return dep
    headers = [path for path in files if path.endswith(CODE_SUFFIXES)][:HEADER_FILES]
    found = _identified(repo, headers, head=True)
    if found:
        dep.licence, dep.licence_source = found, "header"
    return dep


def _identified(repo: Repository, paths: Iterable[str], head: bool = False) -> str | None:
    ids: list[str] = []
    for path in paths:
        data = repo.read_head(path, HEADER_BYTES) if head else repo.read_bytes(path)
        if data is None or b"\0" in data[:8000]:
            continue
        found = identify(decode_text(data))
        if found and found not in ids:
            ids.append(found)
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else " AND ".join(f"({i})" if " " in i else i for i in ids)


def _json(data: bytes | None) -> object:
    if data is None:
        return None
    try:
        return load_json(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
