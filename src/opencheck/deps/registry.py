# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Licences from the package registries' public metadata (only with `--network`).

Each answer is cached on disk; every request has a time-out, the whole lookup a time
budget, and a registry that fails several times in a row is left alone for the rest
of the run. A licence a registry does not state stays unknown.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from opencheck import usercache
from opencheck.deps.compat import to_spdx
from opencheck.deps.fetch import FetchError, fetch_json
from opencheck.deps.model import Dependency, Problem
from opencheck.deps.source import join_licences
from opencheck.model import Text

DEFAULT_BASES = {
    "npm": "https://registry.npmjs.org",
    "pypi": "https://pypi.org",
    "cargo": "https://crates.io",
    "composer": "https://repo.packagist.org",
    "gem": "https://rubygems.org",
    "golang": "https://api.deps.dev",
    "maven": "https://api.deps.dev",
}
CACHE_TTL = 7 * 24 * 3600
MAX_CACHED = 64 * 1024  # an answer's record: a licence and its key

Fetcher = Callable[[str, float, bool], Any]


@dataclass
class LookupSettings:
    bases: dict[str, str] = field(default_factory=dict)
    timeout: float = 5.0
    budget: float = 60.0
    workers: int = 8
    max_failures: int = 5
    allow_private: bool = False
    cache_dir: Path | None = None

    def base(self, ecosystem: str) -> str:
        env = os.environ.get(f"OPENCHECK_REGISTRY_{ecosystem.upper()}")
        return (self.bases.get(ecosystem) or env or DEFAULT_BASES[ecosystem]).rstrip("/")


def default_cache_dir() -> Path | None:
    """`registry` in the user's cache folder (`usercache.root`: never one inside the
    checked tree, where a change would commit its own answers); None without one."""
    base = usercache.root()
    return None if base is None else base / "registry"


def url_for(ecosystem: str, name: str, version: str, base: str) -> str:
    if ecosystem == "npm":
        return f"{base}/{quote(name, safe='@')}/{quote(version, safe='')}"
    if ecosystem == "pypi":
        return f"{base}/pypi/{quote(name, safe='')}/{quote(version, safe='')}/json"
    if ecosystem == "cargo":
        return f"{base}/api/v1/crates/{quote(name, safe='')}/{quote(version, safe='')}"
    if ecosystem == "composer":
        return f"{base}/p2/{quote(name.lower(), safe='/')}.json"
    if ecosystem == "gem":
        return f"{base}/api/v2/rubygems/{quote(name, safe='')}/versions/{quote(version)}.json"
    system = "go" if ecosystem == "golang" else "maven"
    return (f"{base}/v3/systems/{system}/packages/{quote(name, safe='')}"
            f"/versions/{quote(version, safe='')}")


def extract(ecosystem: str, document: Any, name: str, version: str) -> str | None:
    """The licence the registry states for this version; ValueError on garbage."""
    if document is None:
        return None
    if not isinstance(document, dict):
        raise ValueError("unexpected answer")
    if ecosystem == "npm":
        return join_licences(document.get("license") or document.get("licenses"))
    if ecosystem == "pypi":
        return _pypi(document)
    if ecosystem == "cargo":
        crate = document.get("version")
        if not isinstance(crate, dict):
            raise ValueError("no 'version' object")
        return join_licences(crate.get("license"))
    if ecosystem == "composer":
        versions = (document.get("packages") or {}).get(name.lower())
        if not isinstance(versions, list):
            raise ValueError("no version list")
        wanted = version.removeprefix("v")
        for entry in versions:
            if isinstance(entry, dict) and str(entry.get("version", "")).removeprefix(
                    "v") == wanted:
                return join_licences(entry.get("license"))
        return None
    if ecosystem == "gem":
        return join_licences(document.get("licenses"))
    licences = [item for item in document.get("licenses") or []
                if isinstance(item, str) and item != "non-standard"]
    return join_licences(licences)


def _pypi(document: dict[str, Any]) -> str | None:
    info = document.get("info")
    if not isinstance(info, dict):
        raise ValueError("no 'info' object")
    expression = info.get("license_expression")
    if isinstance(expression, str) and expression.strip():
        return expression.strip()
    from_classifiers = []
    for classifier in info.get("classifiers") or []:
        if isinstance(classifier, str) and classifier.startswith("License ::"):
            leaf = classifier.rsplit("::", 1)[-1].strip()
            spdx = to_spdx(leaf)
            if spdx:
                from_classifiers.append(spdx)
    if from_classifiers:
        return join_licences(from_classifiers)
    declared = info.get("license")
    if isinstance(declared, str) and declared.strip() and "\n" not in declared.strip() \
            and len(declared) <= 100:
        return declared.strip()
    return None


def lookup(
    dependencies: list[Dependency],
    settings: LookupSettings,
    fetch: Fetcher = fetch_json,
) -> list[Problem]:
    """Fill in the licences the lockfiles do not state; return what went wrong."""
    started = time.monotonic()
    cache_dir = settings.cache_dir or default_cache_dir()
    wanted: dict[tuple[str, str, str], list[Dependency]] = {}
    for dep in dependencies:
        if dep.licence is None and dep.locked and dep.version and \
                dep.ecosystem in DEFAULT_BASES:
            wanted.setdefault((dep.ecosystem, dep.name, dep.version), []).append(dep)
    results: dict[tuple[str, str, str], str | None] = {}
    pending = []
    for key in wanted:
        cached = _read_cache(cache_dir, key)
        if cached is not None:
            results[key] = cached[0]
        else:
            pending.append(key)
    failures: dict[str, list[str]] = {}
    streak: dict[str, int] = {}
    skipped: dict[str, int] = {}
    lock = threading.Lock()

    def one(key: tuple[str, str, str]) -> tuple[tuple[str, str, str], str | None, str | None]:
        ecosystem, name, version = key
        with lock:
            given_up = streak.get(ecosystem, 0) >= settings.max_failures
        remaining = settings.budget - (time.monotonic() - started)
        if given_up or remaining <= 0:
            return key, None, "skipped"
        url = url_for(ecosystem, name, version, settings.base(ecosystem))
        try:
            document = fetch(url, min(settings.timeout, remaining), settings.allow_private)
            licence = extract(ecosystem, document, name, version)
        except (FetchError, ValueError, TypeError, AttributeError) as error:
            with lock:
                streak[ecosystem] = streak.get(ecosystem, 0) + 1
            return key, None, str(error) or type(error).__name__
        with lock:
            streak[ecosystem] = 0
        return key, licence, None

    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        futures = [pool.submit(one, key) for key in pending]
        for future in as_completed(futures):
            key, licence, error = future.result()
            ecosystem = key[0]
            if error == "skipped":
                skipped[ecosystem] = skipped.get(ecosystem, 0) + 1
            elif error is not None:
                failures.setdefault(ecosystem, []).append(error)
            else:
                results[key] = licence
                _write_cache(cache_dir, key, licence)
    for key, licence in results.items():
        if licence is None:
            continue
        for dep in wanted[key]:
            dep.licence, dep.licence_source, dep.spdx = licence, "registry", to_spdx(licence)
    return _problems(settings, failures, skipped)


def _problems(settings: LookupSettings, failures: dict[str, list[str]],
              skipped: dict[str, int]) -> list[Problem]:
    problems = []
    for ecosystem in sorted(set(failures) | set(skipped)):
        errors = failures.get(ecosystem, [])
        host = urlsplit(settings.base(ecosystem)).netloc
        left = len(errors) + skipped.get(ecosystem, 0)
        first = errors[0] if errors else "time budget spent"
        problems.append(Problem(
            host,
            Text(
                fr=f"registre {ecosystem} ({host}) : {left} licence(s) non obtenue(s) "
                   f"({len(errors)} échec(s), premier : {first})",
                en=f"{ecosystem} registry ({host}): {left} licence(s) not obtained "
                   f"({len(errors)} failure(s), first: {first})",
            ),
            "registry",
        ))
    return problems


def _cache_path(cache_dir: Path, key: tuple[str, str, str]) -> Path:
    digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()
    return cache_dir / key[0] / f"{digest}.json"


def _read_cache(cache_dir: Path | None, key: tuple[str, str, str]
                ) -> tuple[str | None] | None:
    if cache_dir is None:
        return None
    path = _cache_path(cache_dir, key)
    # private files only, no link followed (usercache), as for the other caches
    content = usercache.read(path.parent, path.name, MAX_CACHED)
    try:
        entry = json.loads(content or b"")
    except ValueError:
        return None
    if not isinstance(entry, dict) or time.time() - float(entry.get("time", 0)) > CACHE_TTL:
        return None
    licence = entry.get("licence")
    return (licence if isinstance(licence, str) else None,)


def _write_cache(cache_dir: Path | None, key: tuple[str, str, str],
                 licence: str | None) -> None:
    """Atomically, in a private folder, through no link (a cache that cannot be written
    only costs a new request next time)."""
    if cache_dir is None:
        return
    path = _cache_path(cache_dir, key)
    usercache.write(path.parent, path.name, json.dumps(
        {"licence": licence, "time": time.time(), "key": list(key)}).encode("utf-8"))
