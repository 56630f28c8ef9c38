# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Who vouches for the history cache's entries (`blobcache`).

An entry says "this blob holds no secret", and the next run believes it. In the user's
own cache folder only that user writes (`usercache` refuses a folder others may write).
A CI cache is another matter: whoever runs a job that saves the cache writes it, and a
merge request's pipeline may save what another pipeline restores. A SHA-256 of the file
catches damage only, since a forger computes it too.

So every file is tagged with an HMAC-SHA256 over its name and content, keyed by
`OPENCHECK_CACHE_KEY`, a secret only trusted pipelines see (a protected, masked GitLab
CI/CD variable; a GitHub Actions secret, which pull requests from forks do not get).
A file whose tag does not match the key is not read: the history is scanned whole, and
the run writes its own file, tagged with its own key.

- With the key: entries are read and written under that key. A key shorter than
  `MINIMUM_LENGTH` counts as none (it could be guessed from a tagged file).
- In CI without the key (`in_ci`): nothing is read or written. A job cannot tell a cache
  only it writes from one a merge request's job may write, and what it would write, no
  keyed run would trust.
- Outside CI without the key: the tag is keyed with nothing secret (it catches damage,
  as the SHA-256 did) and the private folder is the trust, as before.

The key never leaves this object: not in its repr, nor in a report, nor in a file (only
the tag is), nor in git's environment (`gitcmd.DROPPED_ENVIRONMENT`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

KEY_VARIABLE = "OPENCHECK_CACHE_KEY"
MINIMUM_LENGTH = 16
# Variables CI services set in every job (`CI` by GitHub Actions, GitLab, Woodpecker,
# CircleCI, Travis, Buildkite, Bitbucket...; the others for those that do not).
CI_MARKERS = ("CI", "CONTINUOUS_INTEGRATION", "GITLAB_CI", "GITHUB_ACTIONS", "TF_BUILD",
              "JENKINS_URL", "BUILDKITE", "CIRCLECI", "TRAVIS", "TEAMCITY_VERSION",
              "BITBUCKET_BUILD_NUMBER", "DRONE", "CODEBUILD_BUILD_ID")
_FALSE = ("", "0", "false", "no", "off")
# Why a run used no entry: the report's `metadata.history_cache_not_trusted`.
NO_KEY = "no_key"        # in CI, without OPENCHECK_CACHE_KEY
SHORT_KEY = "short_key"  # a key too short to be a secret
NOT_SIGNED = "not_signed"  # a file whose tag is not this key's (forged, damaged, another key)


def in_ci(environ: Mapping[str, str]) -> bool:
    """Whether this run is a CI job, by the variables CI services set."""
    return any(environ.get(name, "").strip().lower() not in _FALSE for name in CI_MARKERS)


@dataclass(frozen=True)
class Signer:
    """The key the history cache's files are tagged with; `key` None: none is read or
    written, for the reason `refused`."""

    key: bytes | None = field(repr=False)
    refused: str | None = None

    def tag(self, name: str, body: bytes) -> bytes:
        """The tag of a file named `name` holding `body` (a file moved to another name,
        made for other settings or another repository, does not match)."""
        assert self.key is not None
        message = hashlib.sha256(name.encode("utf-8", "surrogateescape") + b"\0")
        message.update(body)  # the body is not copied: it may weigh 40 MB
        return hmac.new(self.key, message.digest(), hashlib.sha256).digest()

    def vouches(self, name: str, body: bytes, tag: bytes) -> bool:
        return self.key is not None and hmac.compare_digest(self.tag(name, body), tag)


def signer(environ: Mapping[str, str] | None = None) -> Signer:
    """The key of this run, read from `OPENCHECK_CACHE_KEY` (module docstring)."""
    environ = os.environ if environ is None else environ
    given = environ.get(KEY_VARIABLE, "")
    if given.strip():
        if len(given.strip()) < MINIMUM_LENGTH:
            return Signer(None, SHORT_KEY)
        return Signer(given.strip().encode("utf-8", "surrogateescape"))
    if in_ci(environ):
        return Signer(None, NO_KEY)
    return Signer(b"")
