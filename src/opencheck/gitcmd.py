# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Run git on an untrusted repository without letting it run anything of its own.

A repository's `.git/config` (and its `.gitattributes`) can name programs that git runs
on ordinary read commands: `core.fsmonitor`, hooks, `diff.external`, filter drivers,
`gpg.program` under `log.showSignature`, and, through a lazy fetch from a promisor
remote, any `remote.*.uploadpack` or `ext::` command. This module is the only way
opencheck runs git (a test checks that no other module starts a process), and every
call gets the same hardening:

- `HARDENING`: command-line settings, which beat every configuration file;
- `GIT_ALLOW_PROTOCOL` set to nothing: no transport at all, whatever a repository's
  `protocol.*.allow` says, for git and for any git it starts (a lazy fetch); the batch
  clones name the one transport they need (`transports=`);
- every filter driver the configuration defines (`filter.<name>.*`) is emptied for the
  call: git then reads and compares files as they are;
- `diff`, `log` and `show` get `--no-ext-diff --no-textconv`;
- `safe.directory` is the folder of the call, never `*`;
- a call that may use http(s) names where it goes (`Reach`): git connects to the
  addresses the caller checked, or through the proxy the caller chose, and follows no
  redirect.

Finding the filter drivers is itself a git call. Inside `one_configuration()` (a check
run, which writes nothing into git's configuration) it is asked once per folder and
reused; everywhere else (clones, fetches, `fix --write`) before every call. The same
read gives the other settings opencheck judges before reading an object
(`configured`: a partial clone's, for gitlayout), so a run asks git's configuration once.

docs/security.md lists each setting and why; tests/hostile/test_git_hardening.py has a
hostile repository for each.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import ipaddress
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from opencheck.model import Text
from opencheck.urls import redact_text

STREAM_CHUNK = 1 << 16
ERROR_TAIL = 64 << 10  # what is kept of a git's standard error: its end
PIPE = subprocess.PIPE  # for popen_git callers, which never import subprocess
DEVNULL = subprocess.DEVNULL
GitProcess = subprocess.Popen  # what popen_git returns, for their annotations
MINIMUM_VERSION = (2, 31)  # GIT_CONFIG_COUNT: the only way to name any filter driver
PINNING_VERSION = (2, 37)  # http.curloptResolve; an older git ignores it, silently
MAX_DRIVERS = 256

# Every transport git knows, and the helpers a URL like `name::…` would start.
TRANSPORTS = ("ext", "fd", "file", "git", "ssh", "http", "https", "ftp", "ftps", "testgit")

HARDENING_SETTINGS: tuple[tuple[str, str], ...] = (
    ("core.fsmonitor", "false"),
    # A forged commit-graph file can drop a commit's parents and hide them from rev-list.
    ("core.commitGraph", "false"),
    ("core.hooksPath", "/dev/null"),
    ("core.sshCommand", "false"),
    ("core.askPass", "false"),
    ("core.pager", "cat"),
    ("credential.helper", ""),
    ("diff.external", ""),
    ("diff.ignoreSubmodules", "dirty"),
    ("submodule.recurse", "false"),
    ("log.showSignature", "false"),
    ("gpg.program", "false"),
    ("gpg.openpgp.program", "false"),
    ("gpg.x509.program", "false"),
    ("gpg.ssh.program", "false"),
    ("protocol.allow", "never"),
    *((f"protocol.{name}.allow", "never") for name in TRANSPORTS),
)

DIFF_COMMANDS = frozenset({"diff", "log", "show"})
DIFF_SAFETY = ("--no-ext-diff", "--no-textconv")

ENVIRONMENT = {
    "GIT_ALLOW_PROTOCOL": "",  # an empty allow-list: every transport refused
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_NO_LAZY_FETCH": "1",  # git 2.44 and later; GIT_ALLOW_PROTOCOL covers older ones
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_ASKPASS": "false",
    "SSH_ASKPASS": "false",
    "GIT_SSH_COMMAND": "false",
    "GIT_PROXY_COMMAND": "",  # set, even empty, it makes git ignore core.gitProxy
    "GIT_PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",  # never rewrite the scanned repository's index
    # Replace refs and a grafts file rewrite history as git shows it: a commit with a
    # secret could be swapped for a clean one. opencheck judges the objects themselves.
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_GRAFT_FILE": os.path.join(os.devnull, "no-grafts"),  # a path that cannot exist
    "LC_ALL": "C",
}
# Set by a caller's shell or a hook, they would point git at another repository.
DROPPED_ENVIRONMENT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_EXTERNAL_DIFF", "GIT_SSH",
                       "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_INDEX_FILE",
                       "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE",
                       "GIT_REPLACE_REF_BASE", "GIT_SHALLOW_FILE",
                       # the history cache's and the fingerprints' keys
                       # (`secrets/cachekey.py`, `secrets/fingerprints.py`): no git needs them
                       "OPENCHECK_CACHE_KEY", "OPENCHECK_FINGERPRINT_KEY")

_VERSION = re.compile(rb"git version (\d+)\.(\d+)")
WEB_TRANSPORTS = frozenset({"http", "https"})
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                   "no_proxy", "NO_PROXY")


@dataclass(frozen=True)
class Reach:
    """Where a call that may use http(s) goes: `host` and `port`, at `addresses`.

    git resolves a host name itself, later than opencheck checked it: a DNS answer
    that changed in between (rebinding) would take it to 127.0.0.1 or 169.254.169.254.
    So git connects to `addresses` (`http.curloptResolve`; TLS still verifies the
    certificate for `host`) and follows no redirect (the caller checks where one
    leads). The proxy is the caller's choice (`proxies.for_url`, from the user's
    configuration), imposed on git: `proxy` empty, none at all; else that one, which
    resolves `host` itself (nothing is pinned then). When the addresses were `checked`
    (a host that must be on the internet) and git connects directly, a git too old to
    be pinned is refused. No `addresses` lets git resolve `host` itself (a host the
    user named that does not resolve here).
    """

    host: str
    port: int
    addresses: tuple[str, ...] = ()
    checked: bool = False
    proxy: str = field(default="", repr=False)  # may hold the proxy's password
    url: str = field(default="", repr=False)  # the URL git is given, for `proxy`

    def options(self) -> list[str]:
        """The command-line settings (visible to every account: no proxy URL here)."""
        options = ["-c", "http.followRedirects=false"]
        if self.proxy:
            return options  # the proxy's settings travel in the environment
        if self.addresses and not is_ip_literal(self.host):  # an address is not resolved
            pinned = ",".join(f"[{a}]" if ":" in a else a for a in self.addresses)
            # the last entry for a host and port wins: this one, after the user's
            options += ["-c", f"http.curloptResolve={self.host}:{self.port}:{pinned}"]
        # empty: no proxy at all, not even one named by the environment
        return [*options, "-c", "http.proxy=", "-c", "remote.origin.proxy="]

    def settings(self) -> list[tuple[str, str]]:
        """The settings given through the environment: the proxy, for every remote
        (`remote.origin.proxy` beats any `http.proxy` of a configuration file), and
        for the URL itself (an `http.<url>.proxy` of the folder's configuration would
        beat a plain `http.proxy` for `ls-remote URL`; none matches more closely than
        the whole URL, and of two as close the command line's wins)."""
        if not self.proxy:
            return []
        settings = [("http.proxy", self.proxy), ("remote.origin.proxy", self.proxy)]
        if self.url:
            settings.append((f"http.{self.url}.proxy", self.proxy))
        return settings


def is_ip_literal(host: str) -> bool:
    """Whether `host` is an IP address written out, not a name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class GitError(RuntimeError):
    """git failed; the message is git's own last line, credentials masked.

    `text` says it for people in French and English (git's own words stay as git
    wrote them: it runs with LC_ALL=C).
    """

    def __init__(self, message: str, text: Text | None = None) -> None:
        message = redact_text(message)
        super().__init__(message)
        self.text = text or Text(f"échec de git : {message}", message)


def _not_installed() -> GitError:
    return GitError("git is not installed",
                    Text("git n'est pas installé", "git is not installed"))


def _timed_out(command: str, timeout: float) -> GitError:
    return GitError(f"git {command} timed out after {timeout:.0f}s",
                    Text(f"git {command} n'a pas fini en {timeout:.0f} s (délai dépassé)",
                         f"git {command} timed out after {timeout:.0f}s"))


def stalled(command: str, idle: float) -> GitError:
    """The error of a git that wrote nothing for `idle` seconds while it was read."""
    return GitError(f"git {command} wrote nothing for {idle:.0f}s and was stopped: it "
                    "waits on a file of the repository it cannot read to the end",
                    Text(f"git {command} n'a rien écrit en {idle:.0f} s et a été arrêté : "
                         "il attend un fichier du dépôt qu'il ne peut lire jusqu'au bout",
                         f"git {command} wrote nothing for {idle:.0f}s and was stopped: it "
                         "waits on a file of the repository it cannot read to the end"))


# How long a read of a git's output may wait with nothing coming before git is
# stopped: git reading a FIFO, a terminal or an endless device the repository named
# writes nothing and uses no time of its own, and the reads without a deadline (the
# history's log and cat-file, which take what a large history takes) waited for ever.
IDLE_LIMIT = 300.0


class Watched:
    """A git's output, read as `stream` reads it, with a watch on the reading: when
    one read has waited `idle` seconds (git wrote nothing meanwhile), or the read goes
    on past `deadline` (a `time.monotonic()` value), `stop` is called, which kills the
    gits that write it: the read then ends, and `stalled` or `late` says why. A
    thread watches, waking a few times per `idle`; `close()` ends it.

    `progress` counts what feeds the git its input (the log naming cat-file's blobs):
    while it grows, the git's silence is the wait for its input, not a stall (with the
    blobs an earlier run found clean, cat-file is asked nothing while the log walks a
    large history; and with `--buffer` it writes nothing before kilobytes are due)."""

    def __init__(self, stream: IO[bytes], stop: Callable[[], None],
                 idle: float | None = None, deadline: float | None = None,
                 progress: Callable[[], int] | None = None,
                 waiting: Callable[[], float] | None = None) -> None:
        self._stream, self._stop = stream, stop
        self.idle = IDLE_LIMIT if idle is None else idle
        self._deadline = deadline
        self._progress = progress
        # a stream that says since when a read waits (`PipeReader.waiting`): read it
        # directly, its reads unwrapped (a Python frame per line cost a log's pass 14%)
        self._waits_since = waiting
        self._since = 0.0  # when the read under way began; 0 when none is
        self.stalled = self.late = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="git-watch", daemon=True)
        self._thread.start()

    def read(self, size: int = -1) -> bytes:
        return self._waiting(self._stream.read, size)

    def readline(self, size: int = -1) -> bytes:
        return self._waiting(self._stream.readline, size)

    def _waiting(self, read: Callable[[int], bytes], size: int) -> bytes:
        self._since = time.monotonic()
        try:
            return read(size)
        finally:
            self._since = 0.0

    def _watch(self) -> None:
        period = min(self.idle / 4, 5.0)
        fed, moved = None, 0.0  # the input's count at the last wake, and when it grew
        while not self._done.wait(period):
            now = time.monotonic()
            since = self._since if self._waits_since is None else self._waits_since()
            if self._progress is not None and (count := self._progress()) != fed:
                fed, moved = count, now
            if since and now - max(since, moved) > self.idle:
                self.stalled = True
            elif self._deadline is not None and now > self._deadline:
                self.late = True
            else:
                continue
            self._stop()
            return

    def error(self, command: str, timeout: float = 0.0) -> GitError | None:
        """Why the watch stopped git (`timeout` is the deadline's length), or None."""
        if self.stalled:
            return stalled(command, self.idle)
        return _timed_out(command, timeout) if self.late else None

    def close(self) -> None:
        self._done.set()

    def __enter__(self) -> Watched:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _last_line(stderr: bytes, fallback: str) -> str:
    """git's last `fatal:` or `error:` line (hints may follow it), else its last line."""
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("fatal:", "error:")):
            return line
    return lines[-1] if lines else fallback


def git_environment(transports: Sequence[str] = ()) -> dict[str, str]:
    env = dict(os.environ)
    for name in DROPPED_ENVIRONMENT:
        env.pop(name, None)
    env.update(ENVIRONMENT)
    env["GIT_ALLOW_PROTOCOL"] = ":".join(transports)
    return env


def hardening(cwd: Path, transports: Sequence[str] = ()) -> list[str]:
    """The `-c` options of every call made in `cwd`."""
    options: list[str] = []
    for key, value in HARDENING_SETTINGS:
        name = key.split(".")[1] if key.startswith("protocol.") else ""
        if name in transports:
            value = "always"
        options += ["-c", f"{key}={value}"]
    options += ["-c", f"safe.directory={_absolute(cwd)}"]
    return options


def _absolute(cwd: Path) -> str:
    try:
        return str(cwd.resolve())
    except OSError:
        return str(cwd.absolute())


@functools.cache
def _check_version() -> tuple[int, int]:
    """git's version; GitError when it is older than MINIMUM_VERSION."""
    try:
        out = subprocess.run(["git", "--version"], capture_output=True, timeout=30,
                             stdin=subprocess.DEVNULL, check=False).stdout
    except FileNotFoundError as error:
        raise _not_installed() from error
    except subprocess.TimeoutExpired as error:
        raise _timed_out("--version", 30) from error
    found = _VERSION.search(out)
    if found is None:
        return PINNING_VERSION  # a build that words it otherwise: assume a current git
    version = (int(found.group(1)), int(found.group(2)))
    if version < MINIMUM_VERSION:
        wanted = ".".join(map(str, MINIMUM_VERSION))
        have = ".".join(map(str, version))
        raise GitError(f"git {wanted} or later is needed (found {have})", Text(
            f"git {wanted} ou plus récent est nécessaire (trouvé : {have}) : les versions "
            "antérieures ne permettent pas de neutraliser les filtres d'un dépôt",
            f"git {wanted} or later is needed (found {have}): older versions cannot "
            "turn off a repository's filter drivers",
        ))
    return version


# The sections of the configuration read before any other git call: the filter drivers
# (emptied in every call), and extensions.* and remote.* (a partial clone, gitlayout).
# PROBE_KEY is given to that read through GIT_CONFIG_COUNT, with a value made for this
# process: a git that lists it back honours GIT_CONFIG_COUNT, the one feature
# MINIMUM_VERSION is asked for, and its version is not asked (a git start less). A
# repository cannot forge it: it does not know the value.
PROBE_KEY = "opencheck-probe.count"
_PROBE_VALUE = os.urandom(8).hex()
READ_SECTIONS = r"^(filter|extensions|remote|opencheck-probe)\."
_count_honoured = False
Entries = tuple[tuple[str, str], ...]  # (key as git canonicalises it, value)

# folder -> those entries, while one_configuration() is open
_DRIVERS: contextvars.ContextVar[dict[str, Entries] | None] = contextvars.ContextVar(
    "opencheck_git_drivers", default=None)


@contextlib.contextmanager
def one_configuration() -> Iterator[None]:
    """Within this block, git's configuration is taken as fixed: the filter drivers of
    a folder are asked once, not before each call. For read-only runs only."""
    if _DRIVERS.get() is not None:  # nested: the outer block already caches
        yield
        return
    token = _DRIVERS.set({})
    try:
        yield
    finally:
        _DRIVERS.reset(token)


def configured(cwd: Path, env: dict[str, str] | None = None) -> Entries | None:
    """The entries of READ_SECTIONS in the configuration seen from `cwd`, in git's
    order; None when git could not be asked. Read once per folder inside
    `one_configuration()`, else at each call."""
    known = _DRIVERS.get()
    key = _absolute(cwd)
    entries = known.get(key) if known is not None else None
    if entries is None:
        entries = _read_sections(cwd, git_environment() if env is None else env)
        if entries is not None and known is not None:
            known[key] = entries
    return entries


def _driver_overrides(cwd: Path, env: dict[str, str]) -> None:
    """Empty every filter driver the configuration seen from `cwd` defines.

    `.gitattributes` (in the tree, so in a merge request) picks a driver by name and
    the configuration names its commands; emptying the commands of every defined name
    makes git use the file as it is. GIT_CONFIG_COUNT takes any name, even one with `=`.
    """
    entries = configured(cwd, env)
    if entries is None:
        return  # the call itself will fail the same way and say why
    names = _driver_names(entries)
    settings = []
    for name in sorted(names):
        for variable, value in (("clean", ""), ("smudge", ""), ("process", ""),
                                ("required", "false")):
            settings.append((f"filter.{name}.{variable}", value))
    _add_settings(env, settings)


def _add_settings(env: dict[str, str], settings: Sequence[tuple[str, str]]) -> None:
    """`settings` added to the command-line scope of git's configuration, through
    the environment (GIT_CONFIG_COUNT), after those already there."""
    existing = env.get("GIT_CONFIG_COUNT", "")
    base = int(existing) if existing.isdigit() else 0
    for index, (key, value) in enumerate(settings, start=base):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    if settings:
        env["GIT_CONFIG_COUNT"] = str(base + len(settings))


def _read_sections(cwd: Path, env: dict[str, str]) -> Entries | None:
    """The entries of READ_SECTIONS; notes whether git listed PROBE_KEY back."""
    global _count_honoured
    command = ["git", *hardening(cwd), "config", "-z", "--get-regexp", READ_SECTIONS]
    env = dict(env)
    _add_settings(env, [(PROBE_KEY, _PROBE_VALUE)])
    try:
        _, out, _ = _run(command, cwd, env, 60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    entries = []
    for entry in out.split(b"\0"):
        if entry:  # `key\nvalue`; a key alone (`[remote "x"] promisor`) has no value
            key, _, value = entry.decode("utf-8", "surrogateescape").partition("\n")
            if key == PROBE_KEY:
                _count_honoured = _count_honoured or value == _PROBE_VALUE
            elif not key.startswith("opencheck-probe."):
                entries.append((key, value))
    return tuple(entries)


def _driver_names(entries: Entries) -> frozenset[str]:
    names: set[str] = set()
    for key, _ in entries:
        if key.startswith("filter.") and key.count(".") >= 2:
            names.add(key[len("filter."):key.rindex(".")])
    if len(names) > MAX_DRIVERS:
        raise GitError(f"{len(names)} filter drivers configured: refused", Text(
            f"{len(names)} filtres git configurés : refusé (au plus {MAX_DRIVERS})",
            f"{len(names)} git filter drivers configured: refused (at most {MAX_DRIVERS})",
        ))
    return frozenset(names)


def _with_diff_safety(args: Sequence[str]) -> list[str]:
    """`--no-ext-diff --no-textconv` right after a diff-like subcommand."""
    out = list(args)
    index = 0
    while index < len(out) and out[index].startswith("-"):
        index += 2 if out[index] == "-c" else 1
    if index < len(out) and out[index] in DIFF_COMMANDS:
        out[index + 1:index + 1] = DIFF_SAFETY
    return out


def git_command(
    cwd: Path, args: Sequence[str], transports: Sequence[str] = (),
    reach: Reach | None = None,
) -> tuple[list[str], dict[str, str]]:
    """The hardened command line and environment for `git ARGS` run in `cwd`.

    A call allowed http or https must say where it goes (`reach`). git's version is
    asked only when the configuration's read did not show that git honours
    GIT_CONFIG_COUNT (`PROBE_KEY`), or for a call that needs PINNING_VERSION."""
    env = git_environment(transports)
    _driver_overrides(cwd, env)
    if not _count_honoured:
        _check_version()  # GitError: too old to empty the filter drivers
    options = hardening(cwd, transports)
    if WEB_TRANSPORTS.intersection(transports):
        if reach is None:
            raise ValueError("a git call allowed http(s) needs a Reach")
        version = _check_version()
        if reach.checked and not reach.proxy and version < PINNING_VERSION:
            raise _cannot_pin(version)
        options += reach.options()
        # the proxy is the Reach's, nothing else: neither a variable nor its exceptions
        for name in PROXY_VARIABLES:
            env.pop(name, None)
        _add_settings(env, reach.settings())
    return ["git", *options, *_with_diff_safety(args)], env


def _cannot_pin(version: tuple[int, int]) -> GitError:
    wanted = ".".join(map(str, PINNING_VERSION))
    have = ".".join(map(str, version))
    return GitError(f"git {wanted} or later is needed to reach a checked address "
                    f"(found {have})", Text(
        f"git {wanted} ou plus récent est nécessaire (trouvé : {have}) pour cloner un "
        "dépôt d'une liste téléchargée : les versions antérieures ne se connectent pas "
        "forcément à l'adresse vérifiée",
        f"git {wanted} or later is needed (found {have}) to clone a repository of a "
        "downloaded list: older versions may connect elsewhere than the address checked",
    ))


def popen_git(cwd: Path, *args: str, memory: int | None = None,
              **options: Any) -> subprocess.Popen[bytes]:
    """A hardened git process (for pipes between two gits, no transport); `options`
    go to Popen. With `memory`, git may allocate at most that many bytes of data (its
    heap; not the packs it maps): past it, git stops with "out of memory" rather than
    take the machine's.

    Where a process may set another's limits (Linux: `prlimit`), git is started through
    `/bin/sh`, which sets the limit and then becomes git (`exec`): git runs capped from
    its first instruction, its configuration read included, and the limit is set again
    on the running git (`prlimit`), in case that shell could not. A child that runs
    Python code before git starts (`preexec_fn`) is a copy of this process (50 MB and
    more), not a vfork: each capped start took 3 ms more, the shell 0.3 ms. Elsewhere,
    or if `prlimit` is refused, the child sets it."""
    errors = options.get("stderr")
    process = _limited_popen(cwd, args, memory, options)
    if isinstance(errors, ErrorTail):
        try:
            errors.started()
        except BaseException:  # no thread to empty its standard error: no git left
            stop(process)
            raise
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a git, close the pipes this process holds to it, and reap it."""
    process.kill()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()
    process.wait()


def _limited_popen(cwd: Path, args: Sequence[str], memory: int | None,
                   options: dict[str, Any]) -> subprocess.Popen[bytes]:
    command, env = git_command(cwd, args)
    options.setdefault("stdin", subprocess.DEVNULL)
    limit = _data_limit(memory) if memory is not None else None
    if limit is None:
        return _popen(command, cwd, env, options)
    import resource

    if not hasattr(resource, "prlimit"):
        return _popen(command, cwd, env, {**options, "preexec_fn": _in_child(limit)})
    try:
        process = subprocess.Popen(_through_shell(command, limit), cwd=cwd, env=env,
                                   **options)
    except FileNotFoundError:  # no /bin/sh: git alone, capped once it runs
        process = _popen(command, cwd, env, options)
    try:
        resource.prlimit(process.pid, resource.RLIMIT_DATA, limit)
    except ProcessLookupError:
        pass  # git is done already
    except OSError:  # refused here: started again, the child setting its own limit
        process.kill()
        process.communicate()
        return _popen(command, cwd, env, {**options, "preexec_fn": _in_child(limit)})
    return process


# The shell's `ulimit -d` counts kilobytes; a shell without it starts git all the same
# (the caller's `prlimit` then sets the limit). The arguments are positional parameters,
# never parsed by the shell.
_CAP_THEN_GIT = 'ulimit -S -d "$1" 2>/dev/null; shift; exec "$@"'


def _through_shell(command: list[str], limit: tuple[int, int]) -> list[str]:
    """`command` started by a shell that first lowers its own data limit to `limit`."""
    return ["/bin/sh", "-c", _CAP_THEN_GIT, "opencheck-git", str(limit[0] >> 10), *command]


def _popen(command: list[str], cwd: Path, env: dict[str, str],
           options: dict[str, Any]) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(command, cwd=cwd, env=env, **options)
    except FileNotFoundError as error:
        raise _not_installed() from error


def _data_limit(limit: int) -> tuple[int, int] | None:
    """The data limit git gets, (soft, hard): the soft one never above the hard one,
    nor above a soft one the user set lower; None where there are no such limits
    (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    for ceiling in (soft, hard):
        if ceiling != resource.RLIM_INFINITY:
            limit = min(limit, ceiling)
    return limit, hard


def _in_child(limit: tuple[int, int]) -> Callable[[], None]:
    """What the child runs before git starts: only a C call, safe between fork and
    exec even while other threads run."""
    import resource

    return functools.partial(resource.setrlimit, resource.RLIMIT_DATA, limit)


class ErrorTail:
    """A git's standard error, read as git writes it and kept only for its last
    ERROR_TAIL bytes, where git's reason stands (`fatal:` comes last).

    A repository makes git write as much as it likes there: a warning per ref whose
    name is broken (`refs/heads/a..b`), 6 MB from `for-each-ref` for a 6 MB
    `packed-refs`, each call that lists the refs; kept whole (in memory, or an
    anonymous file that is memory too) it grew with what the repository wrote. Pass
    the tail as the process's `stderr` (`popen_git` and `run_git` take it; it has a
    `fileno`), then `text()` once git is done. A thread empties the pipe, so git never
    waits on a full one while its output is read."""

    def __init__(self) -> None:
        self._reading, self._writing = os.pipe()
        self._kept = bytearray()
        self._thread: threading.Thread | None = None

    def fileno(self) -> int:
        return self._writing

    def started(self) -> None:
        """git has the pipe's end: ours is closed (the end of git's writing is then
        the end of the pipe), and the pipe is emptied from now on."""
        if self._thread is not None:
            return
        self._close_writing()
        self._thread = threading.Thread(target=self._drain, name="git-stderr", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        kept = self._kept
        try:
            while chunk := os.read(self._reading, STREAM_CHUNK):
                kept += chunk
                if len(kept) > 2 * ERROR_TAIL:
                    del kept[:-ERROR_TAIL]
        finally:
            os.close(self._reading)

    def text(self) -> bytes:
        """What git wrote last (at most ERROR_TAIL bytes), once its end is reached."""
        self.started()
        assert self._thread is not None
        self._thread.join(timeout=10)  # a git ended: its pipe is closed
        return bytes(self._kept[-ERROR_TAIL:])

    def _close_writing(self) -> None:
        if self._writing >= 0:
            os.close(self._writing)
            self._writing = -1

    def close(self) -> None:
        self._close_writing()
        if self._thread is None and self._reading >= 0:
            os.close(self._reading)  # never started: no one else reads it
            self._reading = -1

    def __enter__(self) -> ErrorTail:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def failure(errors: ErrorTail, name: str) -> GitError:
    """The GitError of a process whose standard error went to `errors`."""
    return GitError(_last_line(errors.text(), f"git {name} failed"))


def _run(command: list[str], cwd: Path, env: dict[str, str],
         timeout: float) -> tuple[int, bytes, bytes]:
    """Run `command`: its exit code, its output and the end of its standard error.
    subprocess.TimeoutExpired past `timeout` (git is killed), FileNotFoundError."""
    with ErrorTail() as errors:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=errors.fileno())
        try:
            errors.started()
        except BaseException:
            stop(process)
            raise
        with process:
            try:
                out, _ = process.communicate(timeout=timeout)
            except BaseException:
                process.kill()
                process.communicate()
                raise
        return process.returncode, out, errors.text()


def run_git(cwd: Path, *args: str, timeout: float = 120.0, check: bool = True,
            transports: Sequence[str] = (), reach: Reach | None = None) -> bytes:
    """Run `git ARGS` in `cwd` and return its standard output.

    `transports` (the batch clones only) names the transports this call may use, and
    `reach` where an http(s) one goes.
    """
    command, env = git_command(cwd, args, transports, reach)
    try:
        code, out, errors = _run(command, cwd, env, timeout)
    except FileNotFoundError as error:
        raise _not_installed() from error
    except subprocess.TimeoutExpired as error:
        raise _timed_out(args[0], timeout) from error
    if check and code != 0:
        raise GitError(_last_line(errors, f"git {args[0]} failed ({code})"))
    return out


def scratch_file() -> IO[bytes]:
    """An anonymous file for what a git call reads beside its arguments (a list of
    object ids for its input): in
    memory where the system has `memfd_create` (Linux), else a temporary file. A
    history run then does not import `tempfile` (with shutil, random, bz2 and lzma: 4 ms,
    a fiftieth of a small repository's run)."""
    create = getattr(os, "memfd_create", None)
    if create is not None:
        with contextlib.suppress(OSError):
            return open(create("opencheck-git", os.MFD_CLOEXEC), "w+b")
    import tempfile

    return tempfile.TemporaryFile()


def batch_check(cwd: Path, names: Iterable[bytes], form: str,
                timeout: float = 600.0) -> bytes:
    """`git cat-file --batch-check=FORM`'s answer for these object names (ids, or ids
    with a suffix such as `^{}`: never a name the repository chose), one line each,
    in one git start whatever their number; GitError when git fails."""
    with scratch_file() as wanted, ErrorTail() as errors:
        wanted.write(b"".join(name + b"\n" for name in names))
        wanted.seek(0)
        process = popen_git(cwd, "cat-file", "--buffer", f"--batch-check={form}",
                            stdin=wanted, stdout=subprocess.PIPE, stderr=errors)
        try:
            out, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            stop(process)
            raise _timed_out("cat-file", timeout) from error
        if process.returncode != 0:
            raise failure(errors, "cat-file")
    return out


def stream_git(
    cwd: Path, *args: str, separator: bytes = b"\n", timeout: float = 600.0
) -> Generator[bytes, None, None]:
    """Run `git ARGS` and yield its output one record at a time, as it arrives.

    Memory stays bounded by the longest record, whatever the history size. The run is
    killed past `timeout`; a failure raises GitError with git's last line once the
    output is consumed. Each byte is searched once: a record of many chunks (a commit
    naming a 30 MB author) is not copied and split again at each chunk, which was
    quadratic (8 s of CPU for that commit, 0.1 s now).
    """
    deadline = time.monotonic() + timeout
    with ErrorTail() as errors:
        process = popen_git(cwd, *args, stdout=subprocess.PIPE, stderr=errors)
        assert process.stdout is not None
        watched = Watched(process.stdout, process.kill, deadline=deadline)
        try:
            yield from _records(watched, separator, deadline, args[0], timeout)
            _watched_end(watched, args[0], timeout)
            if process.wait() != 0:
                raise failure(errors, args[0])
        finally:
            watched.close()
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()


def _watched_end(watched: Watched, command: str, timeout: float) -> None:
    """The error of a read its watch stopped, if it did."""
    error = watched.error(command, timeout)
    if error is not None:
        raise error


def _records(stream: IO[bytes] | Watched, separator: bytes, deadline: float, command: str,
             timeout: float) -> Iterator[bytes]:
    pending = bytearray()
    searched = 0  # where the next separator may start in `pending`
    while chunk := stream.read(STREAM_CHUNK):
        if time.monotonic() > deadline:
            raise _timed_out(command, timeout)
        pending += chunk
        start = 0
        while (end := pending.find(separator, max(start, searched))) >= 0:
            yield bytes(pending[start:end])
            start = end + len(separator)
        del pending[:start]
        searched = max(0, len(pending) - len(separator) + 1)
    if pending:
        yield bytes(pending)


class StartedStream:
    """`git ARGS` started before its output is wanted, so that git works on a core the
    run leaves idle meanwhile (the tree's read): a thread reads its output ahead, at
    most `depth` chunks of 1 MB (git then waits on the full pipe), and `records` splits
    it as `stream_git` does, once (or read `reader.stream` directly). `close` stops git
    if it still runs: call it whatever happens (a run that never asks must not leave git
    behind). `memory` caps git's data as `popen_git` does."""

    def __init__(self, cwd: Path, *args: str, depth: int = 16, timeout: float = 600.0,
                 memory: int | None = None) -> None:
        from opencheck.readahead import PipeReader

        self._command, self._timeout = args[0], timeout
        self.errors = ErrorTail()
        try:
            self.process = popen_git(cwd, *args, stdout=subprocess.PIPE,
                                     stderr=self.errors, memory=memory)
        except BaseException:
            self.errors.close()
            raise
        assert self.process.stdout is not None
        try:
            self.reader = PipeReader(self.process.stdout, depth=depth)
        except BaseException:  # no thread to read it (the process's limit): no git left
            stop(self.process)
            self.errors.close()
            raise
        self._taken = False

    def records(self, separator: bytes) -> Generator[bytes, None, None]:
        """Its output, record by record; GitError when git failed or ran past its
        time, counted from this first ask: the run's work before it (minutes of a large
        tree's read) is not git's, which meanwhile waits on its full pipe. Once only."""
        if self._taken:
            raise RuntimeError("the records of a started git are read once")
        self._taken = True
        deadline = time.monotonic() + self._timeout
        watched = Watched(self.reader.stream, self.process.kill, deadline=deadline)
        try:
            yield from _records(watched, separator, deadline, self._command,
                                self._timeout)
            _watched_end(watched, self._command, self._timeout)
            if self.process.wait() != 0:
                raise failure(self.errors, self._command)
        finally:
            watched.close()
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.reader.close()  # its thread ends once git is gone
        assert self.process.stdout is not None
        self.process.stdout.close()
        self.process.wait()
        self.errors.close()
