# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files that are a problem by their name or magic bytes, whatever their content.

Two families: secret files (`.env`, `id_rsa`, PKCS#12 and Java keystores, password
files) and binary artefacts (executables, compiled objects, archives and packages,
dependency and cache folders) that belong in a release or a registry, not in the
sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ENV_TEMPLATES = ("example", "sample", "dist", "template", "tmpl", "tpl", "defaults",
                 "default", "schema", "skeleton", "md", "txt")
SSH_KEY_NAMES = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk",
                           "id_ed25519_sk"})
PASSWORD_FILES = frozenset({".htpasswd", ".pgpass", ".netrc", "_netrc", ".git-credentials",
                            "credentials.xml"})
PKCS12_SUFFIXES = (".p12", ".pfx")
KEYSTORE_SUFFIXES = (".jks", ".keystore", ".bks", ".jceks", ".kdbx")
KEYSTORE_MAGIC = (b"\xfe\xed\xfe\xed", b"\xce\xce\xce\xce")

# ".bin" names data as often as firmware: such files count only by their magic bytes.
EXECUTABLE_SUFFIXES = (".exe", ".dll", ".so", ".dylib", ".msi", ".com", ".scr")
COMPILED_SUFFIXES = (".class", ".pyc", ".pyo", ".o", ".obj", ".a", ".lib", ".ko", ".elc")
ARCHIVE_SUFFIXES = (".jar", ".war", ".ear", ".zip", ".tar", ".gz", ".tgz", ".bz2", ".xz",
                    ".7z", ".rar", ".whl", ".egg", ".nupkg", ".apk", ".aab", ".ipa", ".deb",
                    ".rpm", ".dmg", ".iso", ".gem", ".crx", ".xpi")
VERSIONED_LIBRARY = re.compile(r"\.so(?:\.\d+)+$")
EXECUTABLE_MAGIC = (b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                    b"\xcf\xfa\xed\xfe")
JAVA_MAGIC = b"\xca\xfe\xba\xbe"
DEPENDENCY_DIRS = frozenset({"node_modules", "bower_components", "__pycache__", ".gradle",
                             ".tox", ".nox", ".venv", ".mypy_cache", ".pytest_cache",
                             ".ruff_cache", ".sass-cache", ".parcel-cache", ".next"})


BUILD_DIRS = frozenset({"target", "dist", "build", "out", "obj"})


@dataclass(frozen=True)
class Artefact:
    kind: str
    group: str  # the path reported: the file, or the dependency folder it lies in


def head_matters(head: bytes | None) -> bool:
    """Whether these first bytes could change what `secret_file_kind` or `artefact`
    say of a path (a magic number); when not, their answer depends on the path alone
    and may be kept per path (the history has many blobs per path)."""
    if head is None:
        return False
    return head[:4] in KEYSTORE_MAGIC or head.startswith((*EXECUTABLE_MAGIC, JAVA_MAGIC, b"MZ"))


def secret_file_kind(path: str, head: bytes | None = None) -> str | None:
    """The kind of a file that holds credentials by its very nature, or None."""
    name = path.rsplit("/", 1)[-1]
    lower = name.lower()
    if lower.endswith(".license"):
        return None  # a REUSE sidecar holds the licence of the file beside it, nothing else
    if lower == ".env" or (lower.startswith(".env.") and not lower.endswith(ENV_TEMPLATES)):
        return "env-file"
    if lower in SSH_KEY_NAMES:
        return "ssh-key-file"
    if lower in PASSWORD_FILES:
        return "password-file"
    if lower.endswith(PKCS12_SUFFIXES):
        return "pkcs12-file"
    if lower.endswith(KEYSTORE_SUFFIXES) or (head is not None and head[:4] in KEYSTORE_MAGIC):
        return "keystore-file"
    return None


def artefact(path: str, head: bytes | None = None) -> Artefact | None:
    """What makes this path a committed artefact, or None.

    Binaries under a build folder (`target/`, `dist/`, `build/`, `out/`, `obj/`) are one
    finding for the folder, like dependency folders: a build output is removed whole.
    """
    parts = path.split("/")
    for index, part in enumerate(parts[:-1]):
        if part in DEPENDENCY_DIRS:
            return Artefact("dependency-folder", "/".join(parts[: index + 1]) + "/")
    kind = _binary_kind(parts[-1].lower(), head)
    if kind is None:
        return None
    for index, part in enumerate(parts[:-1]):
        if part in BUILD_DIRS:
            return Artefact("build-output", "/".join(parts[: index + 1]) + "/")
    return Artefact(kind, path)


def _binary_kind(name: str, head: bytes | None) -> str | None:
    if name.endswith(EXECUTABLE_SUFFIXES) or VERSIONED_LIBRARY.search(name):
        return "executable"
    if head is not None and (head.startswith(EXECUTABLE_MAGIC) or _is_pe(head)):
        return "executable"
    if name.endswith(COMPILED_SUFFIXES) or (head is not None and head.startswith(JAVA_MAGIC)):
        return "compiled"
    if name.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return None


def _is_pe(head: bytes) -> bool:
    """A Windows executable: `MZ`, and the PE header where the DOS header says."""
    if not head.startswith(b"MZ") or len(head) < 64:
        return False
    offset = int.from_bytes(head[60:64], "little")
    return offset + 4 <= len(head) and head[offset: offset + 4] == b"PE\0\0"
