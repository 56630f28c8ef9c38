# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a finding about a secret value is known by outside this machine.

A fingerprint travels with every report (SARIF's partialFingerprints, GitLab Code
Quality, JSON, JUnit, the batch's results) and into baselines, which may be committed
and published. Made from a hash of the value, as earlier versions made it, it let anyone
holding a report confirm a guess of a weak password offline. So it is made of one of:

- by default, the value's place, never the value: its kind, the name it is given on its
  line (`DB_PASSWORD=`, `"token":`) and its rank among the values of that kind and name
  in the file (the file and the rule are the fingerprint's own). Stable across runs and
  clones; a value replaced by another at the same place keeps the fingerprint.
- with `OPENCHECK_FINGERPRINT_KEY` (16 characters or more), an HMAC of the value's hash
  keyed by it: a value replaced is new again, and whoever lacks the key can test no
  guess. Every run that compares fingerprints (baselines, code scanning) needs the key.

The value's hash itself (`Hit.digest`, `Finding.key`) stays on this machine: merge-request
mode and the findings' grouping compare values with it, and an old baseline's entries
are recognised by recomputing their form (`Finding.former_fingerprint`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from opencheck.lazyre import lazy
from opencheck.model import Text

if TYPE_CHECKING:
    from opencheck.model import Finding
    from opencheck.secrets.detectors import Hit

KEY_VARIABLE = "OPENCHECK_FINGERPRINT_KEY"
MINIMUM_LENGTH = 16
KEYED = "keyed"
BY_PLACE = "place"
# The rules whose findings are values, fingerprinted here.
VALUE_RULES = frozenset({"secret-in-tree", "secret-in-history", "sensitive-data-in-tree",
                         "sensitive-data-in-history", "sensitive-internal-host"})
# How far before a value its name is looked for, on its line.
NAME_WINDOW = 96
# `DB_PASSWORD=`, `"token": "`, `password => '`: a name, then an operator, then at most a
# quote before the value. A name after `/` is a URL's user (`://user:password@`), not a
# name; a long or digit-laden word may be a value itself (`id:secret`): no name then.
_NAME = lazy(rb"(?<![\w./@-])([A-Za-z_][\w.-]{0,47})[\"']?[ \t]{0,16}(?::=|=>|=|:)"
                   rb"[ \t]{0,16}(?:[rbuf]?[\"'`])?\Z")
MAX_NAME_DIGITS = 4

SHORT_KEY = Text(
    fr=f"{KEY_VARIABLE} fait moins de {MINIMUM_LENGTH} caractères : une clé aussi courte "
       "se devine à partir des empreintes d'un rapport ; donnez-en une plus longue "
       "(`openssl rand -hex 32`) ou retirez la variable",
    en=f"{KEY_VARIABLE} is shorter than {MINIMUM_LENGTH} characters: a key that short is "
       "guessed from a report's fingerprints; set a longer one (`openssl rand -hex 32`) "
       "or unset the variable",
)


class ShortKey(ValueError):
    """The fingerprint key is set but too short to be a secret."""


def fingerprint_key(environ: Mapping[str, str] | None = None) -> bytes | None:
    """The key from `OPENCHECK_FINGERPRINT_KEY`, None when it is not set."""
    given = (os.environ if environ is None else environ).get(KEY_VARIABLE, "")
    if not given.strip():
        return None
    if len(given) < MINIMUM_LENGTH:
        raise ShortKey(SHORT_KEY.en)
    return given.encode("utf-8", "surrogateescape")


def value_name(data: bytes, line_start: int, begin: int) -> str:
    """The name the value starting at `begin` is given on its line, or ""."""
    found = _NAME.search(data, max(line_start, begin - NAME_WINDOW), begin)
    if found is None:
        return ""
    name = found.group(1)
    if sum(byte in b"0123456789" for byte in name) > MAX_NAME_DIGITS:
        return ""
    return name.decode("ascii")


def by_place(public_key: str | None) -> bool:
    """Whether a finding's public key is its place's (no key was set), which a value put
    in the place of another keeps."""
    return public_key is not None and "@" in public_key


def in_tree(finding: Finding) -> bool:
    """A value's finding of the working tree (not of the history)."""
    return finding.extra.get("in_tree") is True and finding.extra.get("commit") is None


def of_history(finding: Finding) -> bool:
    """A value's finding of the history: dated by a commit (`commit`, None when it was
    not found), no longer in the tree."""
    return finding.extra.get("in_tree") is False and "commit" in finding.extra


def keyed(hit: Hit, key: bytes) -> str:
    tag = hmac.new(key, b"opencheck-fingerprint\0" + bytes.fromhex(hit.digest), hashlib.sha256)
    return f"{hit.kind}:{tag.hexdigest()[:32]}"


def public_keys(places: Sequence[tuple[str, Hit]], key: bytes | None) -> list[str]:
    """Each (path, hit)'s public key, in the order given, which must be the same from one
    run to the next (by line, by commit; never by value): the rank of a value among
    those of its kind and name in its file counts in that order."""
    if key is not None:
        return [keyed(hit, key) for _path, hit in places]
    seen: Counter[tuple[str, str, str]] = Counter()
    keys = []
    for path, hit in places:
        place = (path, hit.kind, hit.name)
        keys.append(f"{hit.kind}@{hit.name}#{seen[place]}")
        seen[place] += 1
    return keys
