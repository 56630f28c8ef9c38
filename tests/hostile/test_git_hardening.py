# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, items 2 and 3: each git setting that could run a program, one by one.

Every case sets one variable of a hostile repository to a program that leaves a mark,
then triggers it twice: with plain git (the control: the program must run, or the
case proves nothing) and through `gitcmd.run_git` (it must not). docs/security.md
lists the same variables.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import GIT_ENV, RepoFactory, git, run_cli, write_files
from hostile.gitpayload import Payload, make_payload
from opencheck import gitcmd
from opencheck.gitcmd import HARDENING_SETTINGS, Reach, one_configuration, run_git

SRC = Path(__file__).resolve().parents[2] / "src" / "opencheck"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


@dataclass(frozen=True)
class Case:
    """`prepare` arms the repository; `trigger` is the git command that would fire."""

    variable: str
    prepare: Callable[[Path, Payload, int], None]
    trigger: tuple[str, ...]
    transports: tuple[str, ...] = ()


def _config(repo: Path, **settings: str) -> None:
    for key, value in settings.items():
        git(repo, "config", key.replace("__", "."), value)


def _dirty(repo: Path) -> None:
    """A tracked file changed after its commit, with a stat git must look behind."""
    (repo / "a.txt").write_text("changed\n")
    os.utime(repo / "a.txt", (946684800, 946684800))


def _fsmonitor(repo: Path, p: Payload, _: int) -> None:
    _config(repo, core__fsmonitor=str(p.script))
    _dirty(repo)


def _hooks_path(repo: Path, p: Payload, _: int) -> None:
    hooks = repo.parent / "hooks"
    hooks.mkdir()
    (hooks / "reference-transaction").symlink_to(p.script)
    _config(repo, core__hooksPath=str(hooks))


def _hooks_dir(repo: Path, p: Payload, _: int) -> None:
    (repo / ".git" / "hooks" / "reference-transaction").symlink_to(p.script)


def _diff_external(repo: Path, p: Payload, _: int) -> None:
    _config(repo, diff__external=str(p.script))
    _dirty(repo)


def _attribute(repo: Path, line: str) -> None:
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "attributes").write_text(line + "\n")


def _diff_command(repo: Path, p: Payload, _: int) -> None:
    _attribute(repo, "* diff=x")
    _config(repo, diff__x__command=str(p.script))
    _dirty(repo)


def _textconv(repo: Path, p: Payload, _: int) -> None:
    _attribute(repo, "* diff=x")
    _config(repo, diff__x__textconv=str(p.script))


def _filter(variable: str, name: str = "x") -> Callable[[Path, Payload, int], None]:
    def prepare(repo: Path, p: Payload, _: int) -> None:
        _attribute(repo, f"* filter={name}")
        git(repo, "config", f"filter.{name}.{variable}", str(p.script))
        if variable == "smudge":
            (repo / "a.txt").unlink()
        else:
            _dirty(repo)
    return prepare


def _signed_commit(repo: Path, armour: str) -> None:
    tree = git(repo, "rev-parse", "HEAD^{tree}").strip()
    parent = git(repo, "rev-parse", "HEAD").strip()
    signature = "\n ".join([f"-----BEGIN {armour}-----", "", "aGVsbG8=",
                            f"-----END {armour}-----"])
    body = (f"tree {tree}\nparent {parent}\n"
            "author A <a@b.fr> 1700000000 +0000\ncommitter A <a@b.fr> 1700000000 +0000\n"
            f"gpgsig {signature}\n\nsigned\n")
    oid = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo,
                         input=body.encode(), capture_output=True, check=True).stdout
    git(repo, "update-ref", "HEAD", oid.decode().strip())


def _gpg(program_key: str, armour: str) -> Callable[[Path, Payload, int], None]:
    def prepare(repo: Path, p: Payload, _: int) -> None:
        _signed_commit(repo, armour)
        git(repo, "config", "log.showSignature", "true")
        git(repo, "config", program_key, str(p.script))
    return prepare


def _ssh_command(repo: Path, p: Payload, _: int) -> None:
    _config(repo, core__sshCommand=str(p.script))


def _git_proxy(repo: Path, p: Payload, _: int) -> None:
    _config(repo, core__gitProxy=str(p.script))


def _credential(key: str) -> Callable[[Path, Payload, int], None]:
    def prepare(repo: Path, p: Payload, port: int) -> None:
        value = str(p.script) if key.endswith("askPass") else f"!{p.script}"
        git(repo, "config", key.replace("URL", f"http://127.0.0.1:{port}"), value)
    return prepare


def _uploadpack(repo: Path, p: Payload, _: int) -> None:
    _config(repo, remote__origin__url=str(repo), remote__origin__uploadpack=str(p.script))


CASES = [
    Case("core.fsmonitor", _fsmonitor, ("diff", "--name-only", "HEAD")),
    Case("core.hooksPath", _hooks_path, ("update-ref", "refs/heads/x", "HEAD")),
    Case(".git/hooks", _hooks_dir, ("update-ref", "refs/heads/x", "HEAD")),
    Case("diff.external", _diff_external, ("diff", "HEAD")),
    Case("diff.<driver>.command", _diff_command, ("diff", "HEAD")),
    Case("diff.<driver>.textconv", _textconv, ("log", "-p", "-1")),
    Case("filter.<driver>.clean", _filter("clean"), ("diff", "--name-only", "HEAD")),
    Case("filter.<driver>.process", _filter("process"), ("diff", "--name-only", "HEAD")),
    Case("filter.<driver>.smudge", _filter("smudge"), ("checkout", "--", "a.txt")),
    Case("filter.<name with =>.clean", _filter("clean", "x=y"),
         ("diff", "--name-only", "HEAD")),
    Case("gpg.program", _gpg("gpg.program", "PGP SIGNATURE"), ("log", "-1")),
    Case("gpg.openpgp.program", _gpg("gpg.openpgp.program", "PGP SIGNATURE"),
         ("log", "-1")),
    Case("gpg.x509.program", _gpg("gpg.x509.program", "SIGNED MESSAGE"), ("log", "-1")),
    Case("core.sshCommand", _ssh_command, ("ls-remote", "ssh://example.invalid/r"),
         ("ssh",)),
    Case("core.gitProxy", _git_proxy, ("ls-remote", "git://example.invalid/r"), ("git",)),
    Case("credential.helper", _credential("credential.helper"),
         ("ls-remote", "HTTP"), ("http",)),
    Case("credential.<url>.helper", _credential("credential.URL.helper"),
         ("ls-remote", "HTTP"), ("http",)),
    Case("core.askPass", _credential("core.askPass"), ("ls-remote", "HTTP"), ("http",)),
    Case("remote.<name>.uploadpack", _uploadpack, ("ls-remote", "origin")),
]


class _AskForPassword(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="x"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AskForPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def _plain_git(repo: Path, args: tuple[str, ...]) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_TERMINAL_PROMPT": "0"}
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True,
                   stdin=subprocess.DEVNULL, timeout=20, check=False)


@pytest.mark.parametrize("case", CASES, ids=[case.variable for case in CASES])
def test_a_repository_setting_never_runs_its_program(
    make_repo: RepoFactory, tmp_path: Path, http_port: int, case: Case
) -> None:
    repo = make_repo({"a.txt": "one\n", "b.txt": "two\n"}, name="hostile")
    waits = bool(case.transports) or case.variable.startswith("remote.")
    payload = make_payload(tmp_path / "attacker", copies=not waits)
    case.prepare(repo, payload, http_port)
    trigger = tuple(f"http://127.0.0.1:{http_port}/r" if arg == "HTTP" else arg
                    for arg in case.trigger)
    _plain_git(repo, trigger)
    assert payload.ran, f"control: plain git does not run {case.variable} this way"
    payload.marker.unlink()
    if case.variable.startswith("filter.") and case.trigger[0] == "checkout":
        (repo / "a.txt").unlink(missing_ok=True)
    reach = Reach("127.0.0.1", http_port, ("127.0.0.1",)) if "http" in case.transports else None
    run_git(repo, *trigger, check=False, timeout=30, transports=case.transports, reach=reach)
    assert not payload.ran, f"{case.variable}: the repository's program ran"


def test_filters_never_run_in_merge_request_mode(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    repo = make_repo({"README.md": "# Projet\n", "a.txt": "one\n"})
    git(repo, "checkout", "-q", "-b", "feature")
    write_files(repo, {".gitattributes": "* filter=x\n", "b.txt": "new\n"})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "attributes")
    payload = make_payload(tmp_path / "attacker")
    for variable in ("clean", "process"):
        git(repo, "config", f"filter.x.{variable}", str(payload.script))
    git(repo, "config", "filter.x.required", "true")
    _dirty(repo)
    result = run_cli("check", str(repo), "--diff-base", "main", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert not payload.ran
    assert '"changed_files": 3' in result.stdout.replace("\n", " ") or \
        '"changed_files":3' in result.stdout


def test_filters_read_once_per_run_stay_neutralised(
    make_repo: RepoFactory, tmp_path: Path
) -> None:
    # Inside a run the filter drivers are asked to git once per folder: every later
    # call still empties them, and a driver added after the run is seen by the next call.
    repo = make_repo({"a.txt": "one\n", "b.txt": "two\n"}, name="hostile")
    payload = make_payload(tmp_path / "attacker")
    _filter("clean")(repo, payload, 0)
    with one_configuration():
        for _ in range(3):
            run_git(repo, "diff", "--name-only", "HEAD", check=False, timeout=30)
            run_git(repo, "status", "--porcelain", check=False, timeout=30)
    assert not payload.ran
    git(repo, "config", "filter.y.clean", str(payload.script))
    _attribute(repo, "* filter=y")
    _dirty(repo)
    run_git(repo, "diff", "--name-only", "HEAD", check=False, timeout=30)
    assert not payload.ran, "a driver added after the run was not neutralised"
    _plain_git(repo, ("diff", "--name-only", "HEAD"))
    assert payload.ran, "control: plain git runs the new driver"


def test_a_git_that_ignores_the_command_line_configuration_is_refused(
    make_repo: RepoFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git's version is not asked when the configuration's read shows that git honours
    GIT_CONFIG_COUNT (a value given that way is listed back). A git before 2.31 does
    not: its filter drivers could not be emptied, and it is refused, even though the
    repository's own configuration holds the key that value is given under."""
    repo = make_repo({"a.txt": "one\n"}, name="hostile")
    payload = make_payload(tmp_path / "attacker")
    _filter("clean")(repo, payload, 0)
    git(repo, "config", "opencheck-probe.count", "0123456789abcdef")
    old = tmp_path / "old-git"
    old.mkdir()
    (old / "git").write_text(  # git 2.30: GIT_CONFIG_COUNT means nothing to it
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "git version 2.30.9"; exit 0; fi\n'
        "unset GIT_CONFIG_COUNT\n"
        f'exec {shutil.which("git")} "$@"\n', encoding="utf-8")
    (old / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{old}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(gitcmd, "_count_honoured", False)
    gitcmd._check_version.cache_clear()
    try:
        with pytest.raises(gitcmd.GitError, match=r"2\.31 or later is needed"):
            run_git(repo, "status", "--porcelain", timeout=30)
    finally:
        gitcmd._check_version.cache_clear()
    assert not gitcmd._count_honoured
    assert not payload.ran


def test_every_neutralised_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    keys = {key for key, _ in HARDENING_SETTINGS if not key.startswith("protocol.")}
    keys |= {case.variable for case in CASES if not case.variable.startswith(".git")}
    missing = {key for key in keys if f"`{key.replace('<name with =>', '<driver>')}" not in text}
    assert not missing, f"docs/security.md does not name {sorted(missing)}"


def test_safe_directory_is_never_everything(make_repo: RepoFactory) -> None:
    assert ("safe.directory", "*") not in HARDENING_SETTINGS
    repo = make_repo({"a.txt": "1"})
    shown = run_git(repo, "config", "--show-scope", "--get-all", "safe.directory")
    assert shown.decode().split() == ["command", str(repo.resolve())]


def test_only_gitcmd_starts_git() -> None:
    starters = sorted(path.relative_to(SRC).as_posix() for path in SRC.rglob("*.py")
                      if "import subprocess" in path.read_text(encoding="utf-8"))
    # batch/isolate.py starts the Python interpreter (an audit in a child), never git
    assert starters == ["batch/isolate.py", "gitcmd.py"]
    isolate = (SRC / "batch" / "isolate.py").read_text(encoding="utf-8")
    assert '"git"' not in isolate
