# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the repository says is not to be reported: path globs and a baseline.

The third way, an inline `opencheck: allow` comment, is read by the detectors on the
line of each hit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opencheck.globs import Under, any_glob, too_many
from opencheck.safefile import open_regular

FINGERPRINT = re.compile(rb"\b[0-9a-f]{32}\b")
BASELINE_LIMIT = 8 * 1024 * 1024
DEFAULT_LARGE_FILE_KB = 2048


class SettingsError(ValueError):
    """`settings.secrets` in .opencheck.yml is not what it should be."""


@dataclass(frozen=True)
class Settings:
    allow_paths: tuple[str, ...] = ()
    fingerprints: frozenset[str] = frozenset()
    large_file_bytes: int = DEFAULT_LARGE_FILE_KB * 1024

    def path_allowed(self, path: str) -> bool:
        return allowed_by(self.allow_paths)(path)


@functools.lru_cache(maxsize=8)
def allowed_by(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a path matches one of `allow_paths`: `*` crosses folders (like
    .gitignore's `**`), `dir/` takes the whole folder, a glob without `/` a file's name
    anywhere. Made once per list (`globs.py`), not glob by glob for each path."""
    whole = any_glob([*patterns, *(p[3:] for p in patterns if p.startswith("**/"))])
    named = any_glob(p for p in patterns if "/" not in p)
    folders = Under(p[:-1].split("/") for p in patterns if p.endswith("/"))
    return lambda path: whole(path) or named(path.rsplit("/", 1)[-1]) or \
        folders.holds(path.split("/"))


Reader = Callable[[str], bytes | None]  # a file of the base revision, or None


def load_settings(raw: Any, root: Path, base: Reader | None = None) -> Settings:
    """Read `settings.secrets`: allow_paths, baseline, large_file_kb. With `base`
    (merge-request mode), the baseline file is read from the base revision."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SettingsError("settings.secrets must be a mapping")
    unknown = set(raw) - {"allow_paths", "baseline", "large_file_kb"}
    if unknown:
        raise SettingsError(f"settings.secrets: unknown key(s) {', '.join(sorted(unknown))}"
                            " (known: allow_paths, baseline, large_file_kb)")
    paths = raw.get("allow_paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) and p for p in paths):
        raise SettingsError("settings.secrets.allow_paths must be a list of path globs")
    if (error := too_many("settings.secrets.allow_paths", paths)) is not None:
        raise SettingsError(error.en)
    large = raw.get("large_file_kb", DEFAULT_LARGE_FILE_KB)
    if not isinstance(large, int) or isinstance(large, bool) or large <= 0:
        raise SettingsError("settings.secrets.large_file_kb must be a positive integer")
    baseline = raw.get("baseline")
    fingerprints: frozenset[str] = frozenset()
    if baseline is not None:
        if not isinstance(baseline, str) or not baseline:
            raise SettingsError("settings.secrets.baseline must be a path in the repository")
        fingerprints = read_baseline(root, baseline, base)
    return Settings(tuple(paths), fingerprints, large * 1024)


def read_baseline(root: Path, name: str, base: Reader | None = None) -> frozenset[str]:
    """Every finding fingerprint written in the file, whatever its format.

    `opencheck baseline` writes JSON; a plain list of fingerprints, one a line, works
    too: any 32-hex-digit word counts. With `base`, the file is the base revision's:
    a change cannot add its own secrets to the list (no file there: nothing allowed).
    """
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise SettingsError(f"settings.secrets.baseline: {name} is outside the repository")
    if base is not None:
        try:
            data = base(path.relative_to(root.resolve()).as_posix()) or b""
        except OSError as error:
            raise SettingsError(f"settings.secrets.baseline: cannot read {name} in the "
                                f"base revision ({error.strerror or error})") from None
        return frozenset(match.decode() for match in FINGERPRINT.findall(data))
    try:
        with open_regular(path) as handle:  # a FIFO in the repository would block
            data = handle.read(BASELINE_LIMIT)
    except OSError as error:
        raise SettingsError(
            f"settings.secrets.baseline: cannot read {name} ({error.strerror})"
        ) from None
    return frozenset(match.decode() for match in FINGERPRINT.findall(data))
