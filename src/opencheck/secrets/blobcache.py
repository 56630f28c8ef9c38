# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The history's blobs a run found nothing in, kept for the next run of the same
repository, in the user's cache folder.

A history changes little between two runs (an agent fixing what the first run said,
a relay auditing the same portfolio again): its blobs are named by their content, so
a blob scanned once under a path says the same the next time. The next run's log
pass keeps the blobs kept here out of cat-file's input, as it does for the working
tree's files: only the blobs new since are read and scanned.

A blob is kept only when the scan found no hit in it and neither its bytes nor its
path made it a secret file or an artefact, with its size, so that the next run counts
it and judges its path exactly as if it had read it. The file is named by a hash of
all that decides what a scan finds: this opencheck's secrets code (its source files'
bytes), the settings (allow_paths, large_file_kb), the size limit, the checked folder
and the repository's path. Whatever changes makes another file; old files are removed
after STALE_DAYS.

A CI cache may be written by a job the next one should not trust (a merge request's
pipeline): each file is tagged with an HMAC keyed by `OPENCHECK_CACHE_KEY`, and a file
whose tag this run's key does not give is not read (`cachekey`: what a run without
the key does). In the user's own folder, the trust is the folder's, as for the
Hyperscan databases (`enginecache`): a folder or file another account owns or may
write (or a symlink) is neither read nor written, and the scanned repository never
writes there. The file holds plain lengths and bytes behind its tag; a damaged one is
not read either.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from collections.abc import Iterable
from pathlib import Path

from opencheck import __version__, usercache
from opencheck.secrets.cachekey import Signer

# version 2: an HMAC tag where version 1 had the writer's own SHA-256
MAGIC = b"opencheck-blobs-2\n"
MAX_ENTRIES = 300_000  # about 90 MB at most as a dictionary: past it, the oldest are not kept
# The paths of the blobs a run keeps, all together: a folder named with kilobytes over
# thousands of files would otherwise make them as large as the paths cat-file echoes
# (64 MB and 4 KB a blob), all held until the scan ends. Real histories: 11 MB for
# openfisca-france's 18,000 commits.
MAX_PATH_BYTES = 32 << 20
STALE_DAYS = 30
_RECORD = struct.Struct("<20sQH")  # blob id, size, length of the path that follows
# What a file written here can weigh (about 41 MB): a larger one is not read.
MAX_FILE = len(MAGIC) + 32 + MAX_ENTRIES * _RECORD.size + MAX_PATH_BYTES
# The code whose answers a kept blob stands for: the detectors, the history scan, what
# names a path a secret file, an artefact or a lockfile, and the globs of allow_paths.
SOURCES = ("secrets", "checks/secrets.py", "deps/thirdparty.py", "globs.py",
           "linearglob.py", "lazyre.py")

Entries = dict[tuple[bytes, bytes], int]  # (blob id in hex, path as git's log writes it) -> size


def cache_root() -> Path | None:
    base = usercache.root()
    return None if base is None else base / "history"


PACKAGE = Path(__file__).resolve().parent.parent


def cache_name(repository: Path, *settings: object, package: Path = PACKAGE) -> str | None:
    """The file for this repository and these settings; None when opencheck's own
    source (in `package`) cannot be read (then nothing is kept)."""
    digest = hashlib.sha256(MAGIC + f"{__version__}\0{sys.version}\0".encode())
    try:
        for source in SOURCES:
            path = package / source
            files = sorted(path.glob("*.py")) if path.is_dir() else [path]
            for file in files:
                digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    except OSError:
        return None
    digest.update(repr((str(repository), settings)).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32] + ".blobs"


def load(folder: Path, name: str, signer: Signer) -> Entries | None:
    """The blobs kept under `name`: none when absent or not private; None when a file
    is there that `signer`'s key does not vouch for (forged, damaged, another key's)."""
    content = usercache.read(folder, name, MAX_FILE)
    if content is None:
        return {}
    header = len(MAGIC) + 32
    if not content.startswith(MAGIC) or \
            not signer.vouches(name, content[header:], content[len(MAGIC):header]):
        return None
    entries: Entries = {}
    position, end = header, len(content)
    while position + _RECORD.size <= end and len(entries) < MAX_ENTRIES:
        oid, size, length = _RECORD.unpack_from(content, position)
        position += _RECORD.size
        if position + length > end:
            return None
        entries[(oid.hex().encode("ascii"), content[position:position + length])] = size
        position += length
    return entries if position == end else None


def save(folder: Path, name: str, signer: Signer,
         entries: Iterable[tuple[bytes, bytes, int]]) -> bool:
    """Keep these (blob id in hex, path, size) under `name`, tagged with `signer`'s key,
    replacing what was kept. A blob id that is not SHA-1's (a SHA-256 repository) is
    not kept."""
    records: list[bytes] = []
    path_bytes = 0
    for oid, path, size in entries:
        if len(records) >= 2 * MAX_ENTRIES or len(path) > 0xFFFF or len(oid) != 40 or \
                path_bytes + len(path) > MAX_PATH_BYTES:
            continue
        try:
            raw = bytes.fromhex(oid.decode("ascii"))
        except ValueError:
            continue
        records += (_RECORD.pack(raw, size, len(path)), path)
        path_bytes += len(path)
    body = b"".join(records)
    if not usercache.write(folder, name, MAGIC + signer.tag(name, body) + body):
        return False
    usercache.prune(folder, "*.blobs", name, STALE_DAYS)
    return True
