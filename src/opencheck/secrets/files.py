# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Files that are a problem by their name or magic bytes, whatever their content.

Two families: secret files (`.env`, `id_rsa`, PKCS#12 and Java keystores, password
files) and binary artefacts (executables, compiled objects, archives and packages,
dependency and cache folders) that belong in a release or a registry, not in the
sources.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass

from opencheck.deps.thirdparty import wrapper_binary
from opencheck.secrets import pkcs12

# `.env.<word>` names of templates, in English and in French (`.env.exemple`,
# `.env.modele`: French administrations' repositories write them so).
# The suffixes of a .env file's template: an example's, or a template engine's that a
# deployment renders (Ansible's `roles/web/templates/.env.j2`, ERB, Mustache).
ENV_TEMPLATES = ("example", "sample", "dist", "template", "tmpl", "tpl", "defaults",
                 "default", "schema", "skeleton", "md", "txt", "exemple", "modele",
                 "modèle", "defaut", "défaut", "j2", "jinja", "jinja2", "erb", "mustache",
                 "hbs", "njk", "gotmpl")
# `frontend/.env.d.ts` (Vite's typing of `import.meta.env`): TypeScript declaring the
# variables' names and types, the code that reads an env file rather than one.
ENV_DECLARATIONS = (".d.ts", ".d.mts", ".d.cts")
SSH_KEY_NAMES = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk",
                           "id_ed25519_sk"})
PASSWORD_FILES = frozenset({".htpasswd", ".pgpass", ".netrc", "_netrc", ".git-credentials",
                            "credentials.xml"})
PKCS12_SUFFIXES = (".p12", ".pfx")
KEYSTORE_SUFFIXES = (".jks", ".keystore", ".bks", ".jceks", ".kdbx")
KEYSTORE_MAGIC = (b"\xfe\xed\xfe\xed", b"\xce\xce\xce\xce")
# What a key store's bytes open with: JKS, JCEKS, DER (PKCS#12, BCFKS), the version of
# BKS and UBER stores, KeePass. Under a key store's name, other bytes are no key store:
# a web page saved instead of the file, a Git LFS pointer, a store mangled by a text
# conversion (every byte above 0x7F turned into U+FFFD, `EF BF BD`).
STORE_OPENINGS = (*KEYSTORE_MAGIC, b"\x30", b"\0\0\0\x01", b"\0\0\0\x02",
                  b"\x03\xd9\xa2\x9a")

_BASE64 = re.compile(rb"\s*([A-Za-z0-9+/]{16})")


def _encoded_store(head: bytes) -> bool:
    """Whether the bytes are a key store written in base64 (`base64 dist.p12`, as CI
    set-ups keep a signing store): text whose first bytes decode to a store's opening."""
    found = _BASE64.match(head)
    return found is not None and \
        binascii.a2b_base64(found.group(1)).startswith(STORE_OPENINGS)


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

# Formats whose bytes hold no text worth scanning and whose verdict here their name
# gives: images, fonts, audio and video, archives, Windows binaries and Java classes.
# The history judges their old versions by name and size without reading them (a
# secret scanner's usual cut: in a web front-end's history they are a fifth of the
# bytes). Text formats that only look binary (SVG, PDF, source maps) are not here.
NAMED_BINARY_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".bmp", ".tif", ".tiff", ".avif",
    ".heic", ".psd", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".m4a",
    ".ogg", ".oga", ".ogv", ".opus", ".wav", ".flac", ".webm", ".mov", ".avi", ".mkv",
    *ARCHIVE_SUFFIXES, ".exe", ".dll", ".dylib", ".msi", ".class", ".pyc",
})


_NAMED_BINARY_BYTES = frozenset(suffix.encode("ascii") for suffix in NAMED_BINARY_SUFFIXES)
_LONGEST_SUFFIX = max(map(len, _NAMED_BINARY_BYTES))


# Secret files told by their name alone, never by their bytes; and how such a name
# starts, after a `/`: the history looks for these in the older names of its blobs (a
# `.env` renamed `.env.example` since), all at once.
NAME_ONLY_KINDS = frozenset({"env-file", "ssh-key-file", "password-file"})
SECRET_NAME_START = re.compile(b"/(?:" + b"|".join(
    re.escape(start) for start in sorted({b".env", b"id_", *(name.encode("ascii")
                                                              for name in PASSWORD_FILES)}))
    + b")")


def judged_by_name(path: bytes) -> bool:
    """Whether a path names one of NAMED_BINARY_SUFFIXES (a byte path, as git logs it)."""
    dot = path.rfind(b".")
    return len(path) - dot <= _LONGEST_SUFFIX and path[dot:].lower() in _NAMED_BINARY_BYTES and \
        dot > path.rfind(b"/") + 1


@dataclass(frozen=True)
class Artefact:
    kind: str
    group: str  # the path reported: the file, or the dependency folder it lies in


# Java key store entries: 1 = a private key with its chain, 2 = a trusted certificate,
# 3 = a secret key (JCEKS). A store of trusted certificates only (a truststore,
# `cacerts`) holds public data.
_JKS_TRUSTED_CERT = 2
_JKS_DIGEST = 20
# PKCS#12 bags that hold a key (keyBag, pkcs8ShroudedKeyBag), as DER object identifiers:
# tools (keytool, openssl, .NET) put them in a plain `data` content, where they show.
_P12_KEY_BAGS = (bytes.fromhex("060b2a864886f70d010c0a0101"),
                 bytes.fromhex("060b2a864886f70d010c0a0102"))
_P12_SECRET_BAG = bytes.fromhex("060b2a864886f70d010c0a0105")
_P12_CONTENTS = (bytes.fromhex("06092a864886f70d010706"),  # encryptedData
                 bytes.fromhex("060b2a864886f70d010c0a0103"))  # certBag
# An empty store (a JKS of no entry passes the walk above): the `authSafe` data whose
# octets are an empty SEQUENCE (88 bytes with the MAC: what keytool writes before any
# key is put in it). It holds nothing to protect.
_P12_EMPTY = bytes.fromhex("06092a864886f70d010701a00404023000")
CERTIFICATE_STORE = "certificate-store"


def _jks_trusted_only(data: bytes) -> bool:
    """A whole JKS/JCEKS store whose entries are all trusted certificates.

    Walks the entries (tag, alias, date, certificate type and length) without decoding
    the certificates; a key entry, a truncated or malformed store answers False.
    """
    if len(data) < 12 + _JKS_DIGEST:
        return False
    version = int.from_bytes(data[4:8], "big")
    count = int.from_bytes(data[8:12], "big")
    end = len(data) - _JKS_DIGEST
    offset = 12
    for _ in range(count):
        if offset + 6 > end or int.from_bytes(data[offset:offset + 4], "big") != \
                _JKS_TRUSTED_CERT:
            return False
        offset += 4
        offset += 2 + int.from_bytes(data[offset:offset + 2], "big") + 8  # alias, date
        if version == 2:  # the certificate's type, "X.509"
            offset += 2 + int.from_bytes(data[offset:offset + 2], "big")
        if offset + 4 > end:
            return False
        offset += 4 + int.from_bytes(data[offset:offset + 4], "big")
    return offset == end


# Bouncy Castle's BKS store (versions 1 and 2, Android's format): a salt and an iteration
# count, then entries (1 = a trusted certificate, 2 = a key, 3 = a secret, 4 = a sealed
# key), each with its alias, date and chain, a 0 after the last, and a 20-byte HMAC.
_BKS_VERSIONS = (b"\0\0\0\x01", b"\0\0\0\x02")
_BKS_CERTIFICATE = 1
_BKS_MAC = 20


def _bks_trusted_only(data: bytes) -> bool:
    """A whole BKS store whose entries are all trusted certificates (`trusted-certs.bks`,
    an app's pinned certificates), walked as `_jks_trusted_only` walks a JKS."""
    end = len(data) - _BKS_MAC

    def after(offset: int, width: int) -> int:  # a length of `width` bytes, then as many
        return offset + width + int.from_bytes(data[offset:offset + width], "big")

    if end < 13:
        return False
    offset = after(4, 4) + 4  # the salt, the iteration count
    while offset < end:
        kind = data[offset]
        offset += 1
        if kind == 0:
            return offset == end
        if kind != _BKS_CERTIFICATE or offset + 14 > end:
            return False
        offset = after(offset, 2) + 8  # alias, date
        chain = int.from_bytes(data[offset:offset + 4], "big")
        offset += 4
        for _ in range(chain + 1):  # the chain (none for a trusted certificate), then it
            offset = after(offset, 2)  # its type, "X.509"
            if offset + 4 > end:
                return False
            offset = after(offset, 4)
    return False


def _der_whole(data: bytes) -> bool:
    """Whether these bytes are one whole DER SEQUENCE (not the head of a longer one)."""
    if len(data) < 2 or data[0] != 0x30:
        return False
    first = data[1]
    if first < 0x80:
        return 2 + first == len(data)
    width = first & 0x7F
    if not 1 <= width <= 4 or len(data) < 2 + width:
        return False
    return 2 + width + int.from_bytes(data[2:2 + width], "big") == len(data)


def certificate_store_only(data: bytes) -> bool:
    """Whether a whole key store shows certificates and no key.

    JKS/JCEKS are read entry by entry. In a PKCS#12 file the certificates are usually
    encrypted and the key bags are not: no key bag in sight means a truststore, though
    a tool that encrypts its keys too would hide one, so such a store still warns.
    """
    if data[:4] in KEYSTORE_MAGIC:
        return _jks_trusted_only(data)
    if data[:4] in _BKS_VERSIONS:
        return _bks_trusted_only(data)
    if not _der_whole(data) or any(bag in data for bag in (*_P12_KEY_BAGS, _P12_SECRET_BAG)):
        return False
    return any(marker in data for marker in _P12_CONTENTS) or _P12_EMPTY in data


# The Android SDK signs debug builds with a key it generates under the alias
# `androiddebugkey` in a store whose password is `android` for everyone (React Native's
# template commits one, the same in every app). A debug-signed app cannot be published
# on a store, and the password is public: such a store warns. A release key behind the
# public password is a real leak: only the debug alias is let through.
DEBUG_KEYSTORE = "debug-keystore"
# The kinds of secret files (the others are artefacts): the secret rules report them.
SECRET_FILE_KINDS = frozenset({"env-file", "ssh-key-file", "password-file", "pkcs12-file",
                               "keystore-file", CERTIFICATE_STORE, DEBUG_KEYSTORE})
_DEBUG_ALIAS = b"\x00\x0fandroiddebugkey"
_DEBUG_PASSWORD = "android"
# JKS and JCEKS end with SHA-1(password as UTF-16BE, this phrase, every byte before it).
_JKS_WHITENER = b"Mighty Aphrodite"


# Newer SDKs (keytool's default store type since Java 9) write it as PKCS#12: the alias
# is the key's friendly name, in clear as UTF-16BE, and the seal a MAC (`pkcs12.py`).
_DEBUG_NAME = "androiddebugkey".encode("utf-16-be")


def android_debug_store(data: bytes) -> bool:
    """A whole JKS/JCEKS or PKCS#12 store that opens with Android's public debug
    password and holds the debug key's alias."""
    if data[:1] == b"\x30":
        return _DEBUG_NAME in data and pkcs12.opens_with(data, _DEBUG_PASSWORD)
    if data[:4] not in KEYSTORE_MAGIC or len(data) < 12 + _JKS_DIGEST or \
            _DEBUG_ALIAS not in data:
        return False
    digest = hashlib.sha1(_DEBUG_PASSWORD.encode("utf-16-be") + _JKS_WHITENER
                          + data[:-_JKS_DIGEST], usedforsecurity=False).digest()
    return digest == data[-_JKS_DIGEST:]


def head_matters(head: bytes | None) -> bool:
    """Whether these first bytes could change what `secret_file_kind` or `artefact`
    say of a path (a magic number); when not, their answer depends on the path alone
    and may be kept per path (the history has many blobs per path)."""
    if head is None:
        return False
    return head[:4] in KEYSTORE_MAGIC or head.startswith(
        (*EXECUTABLE_MAGIC, JAVA_MAGIC, b"MZ", b"\x30\x82", b"\x30\x83"))


def secret_file_kind(path: str, head: bytes | None = None) -> str | None:
    """The kind of a file that holds credentials by its very nature, or None."""
    name = path.rsplit("/", 1)[-1]
    lower = name.lower()
    if lower.endswith(".license"):
        return None  # a REUSE sidecar holds the licence of the file beside it, nothing else
    if lower == ".env" or (lower.startswith(".env.")
                           and not lower.endswith(ENV_TEMPLATES + ENV_DECLARATIONS)):
        return "env-file"
    if lower in SSH_KEY_NAMES:
        return "ssh-key-file"
    if lower in PASSWORD_FILES:
        return "password-file"
    store = lower.endswith(PKCS12_SUFFIXES + KEYSTORE_SUFFIXES) or (
        head is not None and head[:4] in KEYSTORE_MAGIC)
    if store and head and not head.startswith(STORE_OPENINGS) and not _encoded_store(head):
        return None  # its bytes are read as any file's
    if store and head is not None and certificate_store_only(head):
        return CERTIFICATE_STORE  # given whole, it shows certificates and no key
    if store and head is not None and android_debug_store(head):
        return DEBUG_KEYSTORE
    if lower.endswith(PKCS12_SUFFIXES):
        return "pkcs12-file"
    if store:
        return "keystore-file"
    return None


def artefact(path: str, head: bytes | None = None) -> Artefact | None:
    """What makes this path a committed artefact, or None.

    Binaries under a build folder (`target/`, `dist/`, `build/`, `out/`, `obj/`) are one
    finding for the folder, like dependency folders: a build output is removed whole.
    A build tool's wrapper binary (`gradle/wrapper/gradle-wrapper.jar`) is none.
    """
    parts = path.split("/")
    for index, part in enumerate(parts[:-1]):
        if part in DEPENDENCY_DIRS:
            return Artefact("dependency-folder", "/".join(parts[: index + 1]) + "/")
    kind = _binary_kind(parts[-1].lower(), head)
    if kind is None:
        return None
    # A build tool's wrapper binary is how a Gradle, Maven or Paket project is published,
    # not a build of the project: unless its bytes say it is something else.
    if wrapper_binary(path) and kind == _binary_kind(parts[-1].lower(), None):
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
