# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Run git on an untrusted repository without letting it run anything of its own.

A repository's `.git/config` can name programs that git runs on ordinary commands
(`core.fsmonitor`, hooks, `diff.external`, filters). Every git call of opencheck goes
through `run_git`, which turns those off and never prompts for credentials.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from opencheck.model import Text

STREAM_CHUNK = 1 << 16

HARDENING = (
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "safe.directory=*",
    "-c", "protocol.allow=never",
    "-c", "protocol.file.allow=always",
    "-c", "diff.external=",
    "-c", "core.sshCommand=false",
)


class GitError(RuntimeError):
    """git failed; the message is git's own last line.

    `text` says it for people in French and English (git's own words stay as git
    wrote them: it runs with LC_ALL=C).
    """

    def __init__(self, message: str, text: Text | None = None) -> None:
        super().__init__(message)
        self.text = text or Text(f"échec de git : {message}", message)


def _not_installed() -> GitError:
    return GitError("git is not installed",
                    Text("git n'est pas installé", "git is not installed"))


def _timed_out(command: str, timeout: float) -> GitError:
    return GitError(f"git {command} timed out after {timeout:.0f}s",
                    Text(f"git {command} n'a pas fini en {timeout:.0f} s (délai dépassé)",
                         f"git {command} timed out after {timeout:.0f}s"))


def git_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_ASKPASS="/bin/false",
        SSH_ASKPASS="/bin/false",
        LC_ALL="C",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def run_git(cwd: Path, *args: str, timeout: float = 120.0, check: bool = True) -> bytes:
    """Run `git ARGS` in `cwd` and return its standard output."""
    command = ["git", *HARDENING, *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=git_environment(),
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError as error:
        raise _not_installed() from error
    except subprocess.TimeoutExpired as error:
        raise _timed_out(args[0], timeout) from error
    if check and done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(lines[-1] if lines else f"git {args[0]} failed ({done.returncode})")
    return done.stdout


def stream_git(
    cwd: Path, *args: str, separator: bytes = b"\n", timeout: float = 600.0
) -> Iterator[bytes]:
    """Run `git ARGS` and yield its output one record at a time, as it arrives.

    Memory stays bounded by the longest record, whatever the history size. The run is
    killed past `timeout`; a failure raises GitError with git's last line once the
    output is consumed.
    """
    command = ["git", *HARDENING, *args]
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                command, cwd=cwd, env=git_environment(), stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=errors,
            )
        except FileNotFoundError as error:
            raise _not_installed() from error
        assert process.stdout is not None
        pending = b""
        try:
            while chunk := process.stdout.read(STREAM_CHUNK):
                if time.monotonic() > deadline:
                    raise _timed_out(args[0], timeout)
                pending += chunk
                *records, pending = pending.split(separator)
                yield from records
            if pending:
                yield pending
            if process.wait() != 0:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                raise GitError(lines[-1] if lines else f"git {args[0]} failed")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
