# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The secrets family end to end, on real git repositories."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git, run_cli
from opencheck.checks.secrets import ScanError, blob_id, guarded
from opencheck.gitcmd import READ_SECTIONS, one_configuration
from opencheck.model import Finding
from opencheck.secrets import detectors, gitlog, parallel
from opencheck.secrets import history as history_module
from opencheck.secrets.history import scan_history
from secret_samples import Samples

RULES = ("--rule", "secret-*", "--rule", "sensitive-*", "--rule", "artefact-*")


def findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in findings_of(report) if f["rule"] == rule]


def status(report: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(r for r in report["rules"] if r["id"] == rule)


@pytest.fixture
def leaky(make_repo: RepoFactory) -> tuple[Path, dict[str, Any]]:
    """A repository where secrets came in over several commits, most deleted since."""
    samples = Samples(11)
    planted = samples.planted()
    root = make_repo({"README.md": "# Projet\n", **Samples(12).decoys()})
    introduced: dict[str, str] = {}
    for index, (kind, (path, content)) in enumerate(sorted(planted.items())):
        introduced[kind] = commit(
            root, {path: content}, f"Add {path}", date=f"2024-01-{index + 1:02d}T10:00:00",
            env={"GIT_AUTHOR_NAME": f"Agent {index}", "GIT_AUTHOR_EMAIL": f"a{index}@x.gouv.fr"},
        )
    kept = {"password-assignment", "internal-host"}
    for kind, (path, _content) in planted.items():
        if kind not in kept:
            git(root, "rm", "--quiet", path)
    commit(root, {}, "Remove the secrets", date="2024-03-01T10:00:00")
    git(root, "checkout", "--quiet", "-b", "feature")
    side_token = samples.gitlab()
    introduced["side"] = commit(root, {"side.py": f'TOKEN = "{side_token}"\n'}, "Side branch")
    git(root, "rm", "--quiet", "side.py")
    commit(root, {}, "Drop side.py")
    git(root, "checkout", "--quiet", "main")
    return root, {"planted": planted, "introduced": introduced, "side": side_token}


Leaky = tuple[Path, dict[str, Any]]


def test_history_finds_every_planted_secret_with_its_commit(leaky: Leaky) -> None:
    root, facts = leaky
    report = check_json(root, *RULES)
    history = findings(report, "secret-in-history") + findings(report, "sensitive-data-in-history")
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for finding in history:
        by_kind.setdefault(finding["kind"], []).append(finding)
    for kind in facts["planted"]:
        if kind == "internal-host":
            continue  # internal addresses are a tree rule only
        path = facts["planted"][kind][0]
        if kind == "password-assignment":
            # still in the tree: secret-in-tree names it, the history does not repeat it
            assert not [f for f in by_kind.get(kind, []) if f["path"] == path]
            continue
        assert kind in by_kind, kind
        finding = next(f for f in by_kind[kind] if f["path"] == path)
        assert finding["commit"] == facts["introduced"][kind], kind
        assert finding["author"].startswith("Agent ")
        assert finding["date"].startswith("2024-01-")
        assert finding["in_tree"] is False, kind
    side = [f for f in by_kind["gitlab-token"] if f["commit"] == facts["introduced"]["side"]]
    assert side and side[0]["path"] == "side.py"  # found on a branch other than HEAD's


def test_tree_findings_and_no_decoy(leaky: Leaky) -> None:
    root, _facts = leaky
    report = check_json(root, *RULES)
    tree = findings(report, "secret-in-tree")
    assert [(f["kind"], f["path"]) for f in tree] == [("password-assignment", "src/settings.py")]
    hosts = findings(report, "sensitive-internal-host")
    assert {f["path"] for f in hosts} == {"docs/deploy.md"}
    reported = {f["path"] for f in findings_of(report)}
    assert not reported & set(Samples(12).decoys())


def test_secret_files_and_personal_data_in_the_tree(make_repo: RepoFactory) -> None:
    # Neither rule was named by any test: a check that never fires would have passed.
    samples = Samples(13)
    nir, iban = samples.nir(), samples.iban()
    root = make_repo({
        "README.md": "# x\n",
        "deploy/.env.production": "DEBUG=0\n",
        ".env.example": "DEBUG=1\n",
        "data/agents.csv": f"nom;nir\nDupont;{nir}\n",
        "data/fournisseurs.csv": f"fournisseur;iban\nACME;{iban}\n",
    })
    report = check_json(root, *RULES)
    files = findings(report, "secret-file-committed")
    assert [(f["path"], f["kind"]) for f in files] == [("deploy/.env.production", "env-file")]
    personal = findings(report, "sensitive-data-in-tree")
    assert sorted((f["path"], f["kind"], f["line"]) for f in personal) == [
        ("data/agents.csv", "nir", 2), ("data/fournisseurs.csv", "iban-fr", 2)]
    shown = json.dumps(personal)
    assert nir not in shown and iban.replace(" ", "") not in shown.replace(" ", "")


def test_no_output_format_shows_a_secret(leaky: Leaky) -> None:
    root, facts = leaky
    values: list[str] = [facts["side"]]
    for _kind, (_path, content) in facts["planted"].items():
        values += [token for token in content.replace('"', " ").split() if len(token) >= 16]
    values = [v for v in values if "rie.gouv" not in v and not v.startswith("http")]
    for form in ("text", "json", "markdown"):
        result = run_cli("check", str(root), "--format", form, *RULES)
        assert result.exit_code == 1
        for value in values:
            core = value.strip("'\";,()<>")[4:20]
            assert core not in result.output, (form, value[:4])


def test_allow_listing_inline_paths_and_baseline(make_repo: RepoFactory) -> None:
    samples = Samples(5)
    root = make_repo({
        "a.py": f'TOKEN = "{samples.github()}"  # opencheck: allow\n',
        "fixtures/keys.py": f'KEY = "{samples.google_api()}"\n',
        "b.py": f'PAY = "{samples.stripe()}"\n',
        # Neither under `fixtures/`: a folder pattern is not a substring of the path.
        "app/fixtures/prod.py": f'KEY = "{samples.google_api()}"\n',
        "old-fixtures/prod.py": f'KEY = "{samples.google_api()}"\n',
    })
    report = check_json(root, *RULES)
    outside = {"app/fixtures/prod.py", "old-fixtures/prod.py"}
    assert {f["path"] for f in findings(report, "secret-in-tree")} == {
        "fixtures/keys.py", "b.py", *outside}
    baseline = [f["fingerprint"] for f in findings_of(report) if f["path"] == "b.py"]
    (root / ".opencheck-baseline.json").write_text(json.dumps({"fingerprints": baseline}))
    (root / ".opencheck.yml").write_text(
        "settings:\n  secrets:\n    allow_paths: ['fixtures/']\n"
        "    baseline: .opencheck-baseline.json\n"
    )
    report = check_json(root, *RULES)
    assert {f["path"] for f in findings(report, "secret-in-tree")} == outside
    assert {f["path"] for f in findings(report, "secret-in-history")} == set()


def test_bad_settings_are_reported(make_repo: RepoFactory) -> None:
    root = make_repo({".opencheck.yml": "settings:\n  secrets:\n    allow_paths: 'x'\n"})
    report = check_json(root, *RULES)
    rule = status(report, "secret-in-tree")
    assert rule["status"] == "error" and "allow_paths" in rule["reason"]


def test_shallow_clone_is_not_judged_and_no_history_skips(leaky: Leaky, tmp_path: Path) -> None:
    root, _facts = leaky
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{root}", str(clone)],
                   check=True)
    report = check_json(clone, *RULES)
    rule = status(report, "secret-in-history")
    # An unread history is not a clean one: the verdict cannot be READY.
    assert rule["status"] == "error" and "fetch-depth: 0" in rule["reason"]
    assert report["verdict"] in ("incomplete", "not_ready")
    assert "secret-in-history" in report["verdict_reason"]
    report = check_json(root, "--no-history", *RULES)
    assert status(report, "secret-in-history")["status"] == "skipped"
    assert status(report, "secret-in-tree")["status"] == "failed"


def test_artefacts_in_tree_and_history(make_repo: RepoFactory) -> None:
    root = make_repo({
        "README.md": "# x\n",
        "web/node_modules/a/index.js": "module.exports = 1\n",
        "web/node_modules/b/index.js": "module.exports = 2\n",
        "tools/run": b"\x7fELF\x02\x01\x01" + b"\0" * 64,
        "target/classes/App.class": b"\xca\xfe\xba\xbe" + b"\0" * 32,
        "target/app.jar": b"PK\x03\x04" + b"\1" * 32,
        "data/big.csv": "x\n" * 1_200_000,
    })
    commit(root, {"lib/old.jar": b"PK\x03\x04" + b"\0" * 32}, "Add a jar")
    git(root, "rm", "--quiet", "lib/old.jar")
    commit(root, {}, "Drop the jar")
    report = check_json(root, *RULES)
    binaries = {(f["path"], f["kind"]) for f in findings(report, "artefact-binary-committed")}
    assert binaries == {("web/node_modules/", "dependency-folder"), ("tools/run", "executable"),
                        ("target/", "build-output")}
    large = findings(report, "artefact-large-file")
    assert [(f["path"], f["size"]) for f in large] == [("data/big.csv", 2_400_000)]
    gone = findings(report, "artefact-in-history")
    assert [(f["path"], f["in_tree"]) for f in gone] == [("lib/old.jar", False)]
    assert gone[0]["commit"]


def test_build_tools_wrapper_binaries_are_not_artefacts(make_repo: RepoFactory) -> None:
    """A Gradle, Maven or Paket project commits its wrapper's binary by design: no
    warning, in the tree or once removed; a jar or executable elsewhere still warns."""
    jar = b"PK\x03\x04\x14\x00\x08\x08" + b"\1" * 64
    root = make_repo({
        "README.md": "# x\n",
        "backend/gradle/wrapper/gradle-wrapper.jar": jar,
        "backend/gradle/wrapper/gradle-wrapper.properties": "distributionUrl=x\n",
        ".mvn/wrapper/maven-wrapper.jar": jar + b"\2",
        ".paket/paket.bootstrapper.exe": b"MZ" + b"\0" * 64,
        "libs/gradle-wrapper.jar": jar + b"\3",  # a copy used as a library
        "tools/gradle/wrapper/gradle-wrapper.jar": b"\x7fELF\x02\x01" + b"\0" * 64,
    })
    commit(root, {"android/gradle/wrapper/gradle-wrapper.jar": jar + b"\4",
                  "android/libs/sdk.jar": jar + b"\5"}, "Android app")
    git(root, "rm", "--quiet", "-r", "android")
    commit(root, {}, "Drop the Android app")
    report = check_json(root, *RULES)
    binaries = {(f["path"], f["kind"]) for f in findings(report, "artefact-binary-committed")}
    assert binaries == {("libs/gradle-wrapper.jar", "archive"),
                        ("tools/gradle/wrapper/gradle-wrapper.jar", "executable")}
    gone = findings(report, "artefact-in-history")
    assert [f["path"] for f in gone] == ["android/libs/sdk.jar"]


def test_a_failing_scan_never_shows_the_content() -> None:
    secret = Samples(9).github()

    @guarded
    def broken(_ctx: Any) -> Iterator[Finding]:
        raise ValueError(f"cannot parse {secret}")
        yield  # pragma: no cover

    with pytest.raises(ScanError) as raised:
        list(broken(None))
    assert secret not in str(raised.value) and raised.value.__cause__ is None


def test_history_does_not_rescan_the_tree_but_sees_uncommitted_changes(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = Samples(23)
    kept, removed = samples.github(), samples.gitlab()
    root = make_repo({"README.md": "# x\n", "a.py": f'TOKEN = "{kept}"\n',
                      "b.py": f'TOKEN = "{removed}"\n'})
    (root / "b.py").write_text("TOKEN = None\n")  # fixed in the tree, not yet committed
    assert blob_id((root / "a.py").read_bytes()) == git(root, "hash-object", "a.py").strip()
    scanned: list[str] = []
    add = parallel.BlobScanner.add

    def counting(self: parallel.BlobScanner, oid: str, path: str, data: bytes,
                 *rest: bool) -> Any:
        scanned.append(path)
        return add(self, oid, path, data, *rest)

    monkeypatch.setattr(parallel.BlobScanner, "add", counting)
    report = check_json(root, *RULES)
    assert scanned == ["b.py"]  # the committed b.py differs from the tree's: read again
    assert [f["path"] for f in findings(report, "secret-in-tree")] == ["a.py"]
    history = {f["path"]: f["in_tree"] for f in findings(report, "secret-in-history")}
    assert history == {"b.py": False}  # a.py's token is the tree's finding, not repeated


def test_checking_a_subfolder_names_history_outside_it_as_such(make_repo: RepoFactory) -> None:
    samples = Samples(29)
    root = make_repo({"app/config.py": f'TOKEN = "{samples.github()}"\n',
                      "other.py": f'TOKEN = "{samples.gitlab()}"\n', "app/.env": "X=1\n"})
    report = check_json(root / "app", "--rule", "secret-in-history")
    shown = {f["path"]: f["message"] for f in findings(report, "secret-in-history")}
    # config.py's token and .env are still in the checked tree: the tree rules name them
    assert set(shown) == {"../other.py"}
    assert shown["../other.py"].endswith("outside the checked folder, but in the "
                                         "repository's history.")


def test_a_checked_subfolder_reuses_its_tree_and_reads_only_old_versions(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking a subfolder, its files are known to the history under their paths from
    the repository's top: the current versions are not read from git again, an old
    version's token is reported with the folder's path, and the tree's is not repeated."""
    samples = Samples(33)
    old, kept = samples.github(), samples.gitlab()
    root = make_repo({"app/config.py": f'TOKEN = "{old}"\n', "app/keep.py": f'K = "{kept}"\n'})
    commit(root, {"app/config.py": "TOKEN = None\n"}, "No token")
    read = _paths_read_from_git(monkeypatch)
    report = check_json(root / "app", "--rule", "secret-in-history")
    assert [f["path"] for f in findings(report, "secret-in-history")] == ["config.py"]
    assert sorted(read) == ["app/config.py"]  # its old version: the tree lacks it


def test_a_lockfiles_old_versions_are_searched_for_tokens_only(make_repo: RepoFactory) -> None:
    """A package manager writes its lockfile: its old versions are searched for the
    secrets that work on their own (a token in a registry URL), not for keyword guesses
    or personal data, which the same lines in the project's own code still give."""
    samples = Samples(35)
    token, nir = samples.github(), samples.nir()
    lines = (f'"resolved": "https://npm.pkg.github.com/download/@org/lib/1.0.0/{token}",\n'
             f'"password": "Xk9pQ2vLm7wRt4", "id": "{nir}"\n')
    root = make_repo({"README.md": "# x\n", "package-lock.json": "{}\n", "src/conf.js": "x\n"})
    commit(root, {"package-lock.json": lines, "src/conf.js": lines.replace(token, "none")})
    commit(root, {"package-lock.json": "{}\n", "src/conf.js": "x\n"}, "Clean")
    report = check_json(root, "--rule", "secret-in-history", "--rule",
                        "sensitive-data-in-history")
    found = {(f["path"], f["kind"]) for f in findings(report, "secret-in-history")
             + findings(report, "sensitive-data-in-history")}
    assert ("package-lock.json", "github-token") in found
    assert {kind for path, kind in found if path == "package-lock.json"} == {"github-token"}
    assert {("src/conf.js", "password-assignment"), ("src/conf.js", "nir")} <= found


def test_parallel_scan_finds_the_same(make_repo: RepoFactory,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    samples = Samples(21)
    root = make_repo({"README.md": "# x\n"})
    for index in range(6):
        commit(root, {f"src/m{index}.py": f'TOKEN = "{samples.github()}"\n' + "x = 1\n" * 500})

    def run(workers: int) -> set[tuple[str, str]]:
        result = scan_history(root, 5 << 20, lambda *_: None, lambda _path: True,
                              None, workers)
        return {(kind, occurrence.path) for (kind, _), occurrence in result.occurrences.items()}

    inline = run(1)
    monkeypatch.setattr(parallel, "INLINE_BYTES", 0)
    monkeypatch.setattr(parallel, "BATCH_BYTES", 1024)
    assert run(2) == inline and len(inline) == 6


def test_a_renamed_file_keeps_its_first_commit(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n"})
    token = Samples(31).slack_token()
    first = commit(root, {"old/conf.js": f"const slack = '{token}';\n"}, "Add",
                   date="2024-02-01T10:00:00")
    git(root, "mv", "old", "new")
    commit(root, {}, "Move", date="2024-05-01T10:00:00")
    git(root, "rm", "--quiet", "new/conf.js")
    commit(root, {}, "Remove", date="2024-06-01T10:00:00")
    report = check_json(root, *RULES)
    [found] = findings(report, "secret-in-history")
    assert (found["commit"], found["path"], found["in_tree"]) == (first, "old/conf.js", False)


def test_a_file_is_dated_by_its_own_arrival_not_its_contents(make_repo: RepoFactory) -> None:
    """The same bytes came in under two names: a `.env` and a jar are dated by the
    commit that added them under the name the finding gives, not by an older file
    of the same content (a `.env.sample` copied to `.env`)."""
    env = "DATABASE_URL=postgres://app@db/app\nDEBUG=1\n"
    jar = b"PK\x03\x04\x14\x00" + b"\7" * 64
    root = make_repo({"README.md": "# x\n"})
    commit(root, {"config/.env.sample": env, "keep/tool.jar": jar}, "Templates",
           date="2024-01-01T10:00:00")
    arrived = commit(root, {"config/.env": env, "old/tool.jar": jar}, "Local copies",
                     date="2024-02-01T10:00:00")
    git(root, "rm", "--quiet", "config/.env", "old/tool.jar")
    commit(root, {}, "Remove them", date="2024-03-01T10:00:00")
    # added again under the same name later: still dated by its first arrival there
    commit(root, {"config/.env": env}, "Again", date="2024-04-01T10:00:00")
    git(root, "rm", "--quiet", "config/.env")
    commit(root, {}, "Remove it again", date="2024-05-01T10:00:00")
    report = check_json(root, *RULES)
    [env_file] = [f for f in findings(report, "secret-in-history") if f["path"] == "config/.env"]
    [old_jar] = findings(report, "artefact-in-history")
    for found in (env_file, old_jar):
        assert (found["commit"], found["date"][:10]) == (arrived, "2024-02-01"), found["path"]
        assert f"in commit {arrived[:12]} (2024-02-01," in found["message"]
    assert old_jar["path"] == "old/tool.jar"


def test_a_file_is_dated_by_its_own_arrival_when_rev_list_lists_the_blobs(
        make_repo: RepoFactory) -> None:
    """A ref to a blob makes rev-list list the blobs; the log pass still dates each
    file item by the first arrival of its blob under the item's path."""
    jar = b"PK\x03\x04\x14\x00" + b"\5" * 64
    root = make_repo({"README.md": "# x\n"})
    commit(root, {"old/tool.jar": jar}, "Add", date="2024-01-01T10:00:00")
    git(root, "rm", "--quiet", "old/tool.jar")
    commit(root, {}, "Remove", date="2024-02-01T10:00:00")
    arrived = commit(root, {"lib/tool.jar": jar}, "Same bytes, another name",
                     date="2024-03-01T10:00:00")
    git(root, "rm", "--quiet", "lib/tool.jar")
    commit(root, {}, "Remove again", date="2024-04-01T10:00:00")
    git(root, "tag", "a-blob", git(root, "rev-parse", "HEAD:README.md").strip())
    [found] = findings(check_json(root, *RULES), "artefact-in-history")
    assert (found["path"], found["commit"], found["date"][:10]) == (
        "lib/tool.jar", arrived, "2024-03-01")


def test_a_secret_file_renamed_since_is_still_in_the_history(make_repo: RepoFactory) -> None:
    """A `.env` renamed `.env.example` keeps its blob, read once under its newest name:
    the history still holds a `.env`, dated by its commit, blocking when its bytes held
    a credential; a `.env` moved to another `.env` name is reported once, where it is."""
    token = Samples(33).github()
    root = make_repo({"README.md": "# x\n"})
    empty = commit(root, {"app/.env": "DB_HOST=db\nDB_NAME=app\n"}, "Settings",
                   date="2024-01-01T10:00:00")
    leaked = commit(root, {"api/.env": f"GITHUB_TOKEN={token}\n",
                           "web/.env": "PORT=8080\n"}, "More settings",
                    date="2024-02-01T10:00:00")
    git(root, "mv", "app/.env", "app/.env.example")
    git(root, "mv", "api/.env", "api/.env.sample")
    git(root, "mv", "web/.env", "web/.env.local")
    commit(root, {}, "Templates instead", date="2024-03-01T10:00:00")
    report = check_json(root, *RULES)
    files = {f["path"]: f for f in findings(report, "secret-in-history") if f["kind"] == "env-file"}
    assert set(files) == {"app/.env", "api/.env"}
    assert (files["app/.env"]["commit"], files["app/.env"]["severity"]) == (empty, "warning")
    assert (files["api/.env"]["commit"], files["api/.env"]["severity"]) == (leaked, "error")
    assert [f["path"] for f in findings(report, "secret-file-committed")] == ["web/.env.local"]


def test_history_cap_is_said(make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = Samples(51)
    root = make_repo({f"k{index}.py": f'T = "{samples.github()}"\n' for index in range(5)})
    git(root, "rm", "--quiet", *(f"k{index}.py" for index in range(5)))
    commit(root, {"README.md": "# x\n"}, "Remove the tokens")
    monkeypatch.setattr(history_module, "MAX_VALUES", 2)
    report = check_json(root, *RULES)
    listed = findings(report, "secret-in-history")
    assert [f["kind"] for f in listed].count("github-token") == 2
    assert [f["count"] for f in listed if f["kind"] == "truncated"] == [3]


def test_a_plain_folder_has_no_history(make_repo: RepoFactory) -> None:
    root = make_repo({"a.py": f'T = "{Samples(52).github()}"\n'}, git_init=False)
    report = check_json(root, *RULES)
    assert status(report, "secret-in-history")["status"] == "skipped"
    assert [f["path"] for f in findings(report, "secret-in-tree")] == ["a.py"]


def test_a_partial_clone_is_not_judged(leaky: Leaky, tmp_path: Path) -> None:
    root, _facts = leaky
    git(root, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "partial"
    subprocess.run(["git", "clone", "--quiet", "--filter=blob:none", f"file://{root}",
                    str(clone)], check=True)
    rule = status(check_json(clone, *RULES), "secret-in-history")
    assert rule["status"] == "error" and "--filter" in rule["reason"]


def _rev_list_blobs(root: Path) -> dict[str, str]:
    """What `git rev-list --objects --all` walks: each blob with the path it prints."""
    listed = git(root, "rev-list", "--objects", "--all", "--filter=object:type=blob")
    named = dict(line.partition(" ")[::2] for line in listed.splitlines())
    kinds = subprocess.run(["git", "cat-file", "--batch-check=%(objectname) %(objecttype)"],
                           input="\n".join(named), cwd=root, capture_output=True, text=True,
                           check=True).stdout
    return {oid: named[oid] for oid, kind in (line.split() for line in kinds.splitlines())
            if kind == "blob"}


def test_the_log_lists_every_blob_rev_list_walks(make_repo: RepoFactory) -> None:
    samples = Samples(61)
    root = make_repo({"README.md": "# x\n", "app/main.py": "print(1)\n",
                      'odd\tname "quoted".txt': "tab and quotes\n"})
    git(root, "checkout", "--quiet", "-b", "side")
    commit(root, {"app/side.py": "SIDE = 1\n"}, "Side")
    git(root, "checkout", "--quiet", "main")
    commit(root, {"app/main.py": "print(2)\n"}, "Main")
    git(root, "merge", "--quiet", "--no-commit", "side")
    # an "evil" merge: a file whose merged content is in neither parent
    token = samples.github()
    (root / "app" / "main.py").write_text(f'TOKEN = "{token}"\n', encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Merge side")
    merge = git(root, "rev-parse", "HEAD").strip()
    os.symlink("main.py", root / "app" / "link.py")
    git(root, "mv", "app/side.py", "app/moved.py")
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{merge},vendor/sub")
    commit(root, {"app/main.py": "print(3)\n"}, "Link, move, submodule")

    listing = history_module.list_blobs(root)
    assert listing is not None and listing.complete
    walked = _rev_list_blobs(root)
    assert set(walked) == {oid.decode() for oid in listing.origins}
    listing.batch.seek(0)
    batch = dict(line.split(b" ", 1) for line in listing.batch.read().splitlines())
    listing.batch.close()
    assert {oid.decode() for oid in batch} == set(walked)  # each blob read once
    # the name git quotes is read as rev-list prints it, reported as git wrote it
    odd = next(oid for oid, path in walked.items() if path.startswith("odd"))
    assert batch[odd.encode()] == b'odd\tname "quoted".txt'
    assert listing.paths[odd.encode()] == b'"odd\\tname \\"quoted\\".txt"'
    report = check_json(root, "--rule", "secret-in-history")
    [found] = findings(report, "secret-in-history")
    assert (found["path"], found["commit"]) == ("app/main.py", merge)


def _paths_read_from_git(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the blobs the history scan reads from cat-file, as it reads them."""
    read: list[str] = []
    batch = history_module._read_batch

    def reading(*args: Any) -> Iterator[history_module.Blob]:
        for blob in batch(*args):
            read.append(blob.path)
            yield blob

    monkeypatch.setattr(history_module, "_read_batch", reading)
    return read


def test_tree_blobs_known_unread_give_the_same_scan(make_repo: RepoFactory,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Blobs the tree scan read (hits and size known) are not read from git again, and
    the history scan says the same of them: counts, file items, values, origins."""
    samples = Samples(29)
    root = make_repo({"README.md": "# x\n", "app/.env": f"TOKEN={samples.github()}\n",
                      "a.py": f'TOKEN = "{samples.gitlab()}"\n'})
    commit(root, {"a.py": "TOKEN = None\n", "b.py": f'KEY = "{samples.github()}"\n'})
    commit(root, {"app/.env": "TOKEN=\n", "c.py": "x = 1\n"})
    categories = frozenset({"secret", "sensitive"})
    known: dict[tuple[str, str], list[Any]] = {}
    unread: dict[tuple[bytes, bytes], int] = {}
    for path in ("README.md", "app/.env", "a.py", "b.py", "c.py"):
        data = (root / path).read_bytes()
        known[(blob_id(data), path)] = detectors.scan(data, path, categories)
        unread[(blob_id(data).encode(), path.encode())] = len(data)
    unread[(b"0" * 40, b"gone.py")] = 3  # not in the history: changes nothing

    def env_file(path: str, size: int, _head: bytes) -> tuple[str, str] | None:
        return ("env-file", path) if path.endswith(".env") else None

    read = _paths_read_from_git(monkeypatch)

    def said(unread_now: dict[tuple[bytes, bytes], int] | None) -> tuple[object, ...]:
        read.clear()
        # a copy: the scan takes each blob it meets out of `unread`
        scan = scan_history(root, 5 << 20, env_file, lambda _path: True, categories,
                            known=known, unread=None if unread_now is None else dict(unread_now))
        files = {path: (item.kind, item.size, item.blobs) for path, item in scan.files.items()}
        values = {key: (found.path, found.blobs) for key, found in scan.occurrences.items()}
        return scan.blobs, scan.bytes, files, values, scan.introductions, scan.arrivals

    everything = said(None)
    assert sorted(read) == ["README.md", "a.py", "a.py", "app/.env", "app/.env", "b.py",
                            "c.py"]
    assert said(unread) == everything
    assert sorted(read) == ["a.py", "app/.env"]  # the versions the tree no longer has
    for key in [key for key, hits in known.items() if not hits]:
        del known[key]  # as the tree scan hands them: only files with hits
    assert said(unread) == everything
    assert sorted(read) == ["a.py", "app/.env"]
    blobs, _bytes, files, values, _origins, arrivals = everything
    assert {path for _oid, path in arrivals} == {"app/.env"} and len(arrivals) == 2
    assert blobs == 7 and len(values) == 3 and files["app/.env"][0] == "env-file"


def test_the_tree_blobs_counted_unread_are_not_held_to_the_end(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each tree file the log meets unread is counted once, then let go (60,000 of them
    were 17 MB of ids and paths held until the end of the scan); an old image judged
    by name is still counted with the size git gives it."""
    files: dict[str, str | bytes] = {f"src/m{n}.py": f"X = {n}\n" for n in range(40)}
    root = make_repo({**files, "logo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 100})
    commit(root, {"logo.png": b"\x89PNG\r\n\x1a\n" + b"\1" * 50}, "New logo")
    unread = {(blob_id(data).encode(), path.encode()): len(data)
              for path, data in ((path, (root / path).read_bytes()) for path in files)}
    listings: list[history_module.Listing] = []

    class Kept(history_module.Listing):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            listings.append(self)

    monkeypatch.setattr(history_module, "Listing", Kept)
    scan = scan_history(root, 5 << 20, lambda _path, _size, _head: None, lambda _path: True,
                        frozenset({"secret"}), known={}, unread=unread)
    assert (scan.blobs, scan.bytes) == (42, sum(map(len, files.values())) + 108 + 58)
    [listing] = listings
    assert [path for _position, _oid, path, _size in listing.sized] == ["logo.png"] * 2


def test_images_fonts_and_archives_of_the_history_are_judged_by_name_unread(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Old versions of images, fonts, video and archives are not streamed from git: their
    name and size say all the history reports of them (artefact, large file); a text file
    of the same history is still read and scanned, and a lost one is counted."""
    samples = Samples(31)
    token = samples.github()
    root = make_repo({"README.md": "# x\n", "img/logo.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"})
    commit(root, {"img/logo.png": f"TOKEN={token}\n", "notes.txt": f"TOKEN={token}\n",
                  "media/intro.mp4": b"\0\0\0\x18ftypmp42" + b"\1" * 2_400_000,
                  "fonts/a.woff2": b"wOF2" + b"\0" * 64, "lib/old.jar": b"PK\x03\x04" + b"\0" * 32},
           "Assets")
    lost = git(root, "rev-parse", "HEAD:fonts/a.woff2").strip()
    git(root, "rm", "--quiet", "-r", "media", "lib", "fonts", "notes.txt")
    commit(root, {"img/logo.png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR2"}, "Drop them")
    (root / ".git" / "objects" / lost[:2] / lost[2:]).unlink()
    read = _paths_read_from_git(monkeypatch)
    scan = scan_history(root, 5 << 20, lambda path, size, _head: (
        ("large-file", path) if size > 1_000_000 else
        ("archive", path) if path.endswith(".jar") else None),
        lambda _path: True, frozenset({"secret"}))
    assert sorted(read) == ["README.md", "notes.txt"]
    assert {path: (item.kind, item.size) for path, item in scan.files.items()} == {
        "media/intro.mp4": ("large-file", 2_400_012), "lib/old.jar": ("archive", 36)}
    assert [found.path for found in scan.occurrences.values()] == ["notes.txt"]
    assert scan.absent == 1 and scan.blobs == 6
    assert set(scan.introductions) == {git(root, "rev-parse", "HEAD~1:notes.txt").strip()}
    assert set(scan.arrivals) == {(git(root, "rev-parse", f"HEAD~1:{path}").strip(), path)
                                  for path in ("media/intro.mp4", "lib/old.jar")}


def _git_children() -> list[str]:
    """The commands of this process's living children (Linux /proc)."""
    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
    commands = []
    for pid in children:
        with contextlib.suppress(OSError):
            commands.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                            .decode("utf-8", "replace"))
    return [command for command in commands if "git" in command]


def test_a_scan_stopped_midway_leaves_no_log_thread_nor_git_behind(
        make_repo: RepoFactory) -> None:
    """The log is read in a thread while cat-file's blobs are scanned: a failure in the
    scan (a rule's error) ends both gits and the thread, never a hang."""
    root = make_repo({"README.md": "# x\n"})
    _many_commits(root, 20_000)  # a log still read when the scan stops

    def failing(path: str, size: int, data: bytes) -> tuple[str, str] | None:
        raise RuntimeError(f"stopped at {path}")

    with pytest.raises(RuntimeError, match="stopped at"):
        scan_history(root, 1 << 20, failing, lambda path: True)
    assert [thread for thread in threading.enumerate() if thread.name == "git-log"] == []
    assert _git_children() == []
    # the same scan, left to finish, reads every blob
    done = scan_history(root, 1 << 20, lambda path, size, data: None, lambda path: True)
    assert done.blobs == 20_001 and done.log_error is None


def test_a_log_started_before_the_scan_gives_the_same_scan(
        leaky: Leaky, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log's git started while the tree is scanned (`start_log`) is the one the
    scan reads, and names the same blobs, values and commits as one it starts itself."""
    root, _facts = leaky
    categories = frozenset({"secret", "sensitive"})
    calls = _git_calls(tmp_path, monkeypatch)

    def env_file(path: str, size: int, _head: bytes) -> tuple[str, str] | None:
        return ("env-file", path) if path.endswith(".env") else None

    def said(started: gitlog.StartedLog | None) -> tuple[object, ...]:
        scan = scan_history(root, 5 << 20, env_file, lambda _path: True, categories,
                            started=started)
        values = {key: (found.path, found.blobs) for key, found in scan.occurrences.items()}
        return scan.blobs, scan.bytes, values, scan.introductions, scan.log_error

    by_itself = said(None)
    calls.write_text("", encoding="utf-8")
    assert said(gitlog.start_log(root)) == by_itself
    logs = [line for line in calls.read_text(encoding="utf-8").splitlines()
            if {"log", "--raw"} <= set(line.split())]
    assert len(logs) == 1, logs  # the started one, read: git walked the commits once
    assert len(by_itself[2]) >= 5 and by_itself[4] is None  # type: ignore[arg-type]
    assert _git_children() == []


def _git_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file where a `git` first on PATH writes the arguments of each call."""
    calls = tmp_path / "calls"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{calls}"\n'
                       f'exec "{shutil.which("git")}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    return calls


def test_a_started_log_the_scan_never_takes_leaves_no_git_nor_thread(
        make_repo: RepoFactory) -> None:
    """A log started early and not read (the run stopped before the history scan, or
    the scan failed before its log pass) is stopped: no git left behind, no thread."""
    root = make_repo({"README.md": "# x\n"})
    _many_commits(root, 20_000)  # more log than is read ahead: git waits on its pipe
    started = gitlog.start_log(root)
    assert started is not None and started.process.poll() is None
    started.discard()
    assert _git_children() == []
    assert [thread for thread in threading.enumerate() if thread.name == "pipe-reader"] == []

    def failing(path: str, size: int, data: bytes) -> tuple[str, str] | None:
        raise RuntimeError(f"stopped at {path}")

    with pytest.raises(RuntimeError, match="stopped at"):
        scan_history(root, 1 << 20, failing, lambda path: True, started=gitlog.start_log(root))
    assert _git_children() == []
    assert [thread for thread in threading.enumerate()
            if thread.name in ("pipe-reader", "git-log")] == []


@pytest.mark.parametrize("thread", ["pipe-reader", "git-stderr"])
def test_a_log_whose_threads_cannot_start_leaves_no_git(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, thread: str) -> None:
    """A process at its limit of threads: the log's git is stopped, not left blocked on
    its output for the rest of the run, whether the thread that reads its output or
    the one that empties its standard error could not start."""
    root = make_repo({"README.md": "# x\n"})
    _many_commits(root, 2_000)  # more log than a pipe holds
    start = threading.Thread.start

    def refused(self: threading.Thread) -> None:
        if self.name == thread:
            raise RuntimeError("can't start new thread")
        start(self)

    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    before = set(children.read_text().split())
    monkeypatch.setattr(threading.Thread, "start", refused)
    # the error kept, as a run keeps a failed analysis' (its traceback holds the log)
    with pytest.raises(RuntimeError, match="new thread") as kept:
        gitlog.StartedLog(root, 0)
    monkeypatch.undo()
    assert _git_children() == [], kept
    assert set(children.read_text().split()) <= before  # none left, not even a zombie


def test_the_log_started_ahead_is_dropped_when_a_ref_names_a_tree(
        make_repo: RepoFactory) -> None:
    """The log of commits would not list a tree's blobs: rev-list must. The log is
    started before the refs are asked; they say it lists less, and it is stopped."""
    root = make_repo({"README.md": "# x\n"})
    tree = git(root, "rev-parse", "HEAD^{tree}").strip()
    git(root, "tag", "a-tree", tree)
    started = gitlog.start_log(root)
    assert started is not None and not started.lists_all()
    started.discard()
    assert _git_children() == []


def test_a_secret_only_a_tag_of_a_tree_holds_is_found_with_the_log_started_ahead(
        make_repo: RepoFactory, tmp_path: Path) -> None:
    """A key in a tree that no commit holds, named by a tag: the log started before the
    rules (whose refs are read only when the scan starts) must not be the one that lists
    the blobs, or the key passes unread and the history reads clean."""
    token = Samples(33).github()
    root = make_repo({"README.md": "# x\n"})
    secret = tmp_path / "deploy.env"
    secret.write_text(f"TOKEN={token}\n")
    blob = git(root, "hash-object", "-w", str(secret)).strip()
    (tmp_path / "tree.txt").write_text(f"100644 blob {blob}\tdeploy.env\n")
    tree = subprocess.run(["git", "mktree"], cwd=root, input=(tmp_path / "tree.txt").read_text(),
                          capture_output=True, text=True, check=True).stdout.strip()
    git(root, "tag", "a-tree", tree)
    found = findings(check_json(root, "--rule", "secret-in-history"), "secret-in-history")
    assert [f["path"] for f in found] == ["deploy.env"]
    assert _git_children() == []


def test_the_log_thread_shares_the_runs_configuration(make_repo: RepoFactory, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a check run the filter drivers are asked of git once per folder: the log
    read in its thread does not ask again (a thread starts with no context of its own)."""
    root = make_repo({"README.md": "# x\n"})
    calls = _git_calls(tmp_path, monkeypatch)
    with one_configuration():
        done = scan_history(root, 1 << 20, lambda path, size, data: None, lambda path: True)
    lookups = [line for line in calls.read_text(encoding="utf-8").splitlines()
               if f"--get-regexp {READ_SECTIONS}" in line]
    assert done.blobs == 1 and len(lookups) == 1, lookups


def test_a_log_stopped_by_an_absent_tree_leaves_no_older_secret_unread(
        make_repo: RepoFactory) -> None:
    """A damaged clone: the log, read alongside cat-file, names the newest blobs and then
    dies on a commit whose tree is absent; the blobs of the commits behind it are only
    found by reading the history again through rev-list."""
    token = Samples(71).github()
    root = make_repo({"README.md": "# x\n"})
    commit(root, {"old/settings.py": f'TOKEN = "{token}"\n'}, "Settings",
           date="2024-01-01T10:00:00")
    commit(root, {"README.md": "# x, again\n"}, "Readme", date="2024-02-01T10:00:00")
    broken = git(root, "rev-parse", "HEAD^{tree}").strip()
    git(root, "rm", "--quiet", "old/settings.py")
    commit(root, {"app/main.py": "print(1)\n"}, "Without the settings",
           date="2024-03-01T10:00:00")
    commit(root, {"app/new.py": "print(2)\n"}, "Newest", date="2024-04-01T10:00:00")
    git(root, "repack", "-a", "-d", "--quiet")
    subprocess.run(["git", "prune-packed"], cwd=root, check=True)
    packs = list((root / ".git" / "objects" / "pack").glob("*.pack"))
    # the tree left out of a new pack: the repository no longer holds it
    listed = git(root, "rev-list", "--objects", "--all")
    kept = "\n".join(line.split(" ")[0] for line in listed.splitlines()
                     if not line.startswith(broken)) + "\n"
    subprocess.run(["git", "pack-objects", "--quiet", str(root / ".git/objects/pack/kept")],
                   input=kept.encode(), cwd=root, check=True, capture_output=True)
    for pack in packs:
        pack.unlink()
        pack.with_suffix(".idx").unlink()
    assert subprocess.run(["git", "cat-file", "-e", broken], cwd=root).returncode != 0

    report = check_json(root, *RULES)
    leaked = [f for f in findings(report, "secret-in-history") if f["kind"] == "github-token"]
    assert [f["path"] for f in leaked] == ["old/settings.py"]


def _many_commits(root: Path, count: int) -> None:
    """`count` commits on main, each changing one small file, made at once by fast-import."""
    parent = git(root, "rev-parse", "HEAD").strip()
    stream = [f"reset refs/heads/main\nfrom {parent}\n"]
    for number in range(count):
        content = f"VALUE = {number}\n".encode()
        stream.append(
            f"commit refs/heads/main\ncommitter T <t@example.org> {1700000000 + number} +0000\n"
            f"data 3\nadd\nM 100644 inline app/values.py\ndata {len(content)}\n"
            f"{content.decode()}\n")
    subprocess.run(["git", "fast-import", "--quiet"], input="".join(stream).encode(),
                   cwd=root, check=True)
    git(root, "checkout", "--quiet", "-f", "main")


def test_a_value_moved_from_a_config_to_its_example_still_blocks(
        make_repo: RepoFactory) -> None:
    """The tree's finding names a value once; but when the tree holds it only where it
    warns (an example file) and the history held it in a real configuration, the
    history's finding is the one that blocks."""
    password = "Xk9pQ2vLm7wR4tZ8"
    root = make_repo({"README.md": "# app\n",
                      "config/database.yml": f'production:\n  password: "{password}"\n'})
    git(root, "rm", "--quiet", "config/database.yml")
    commit(root, {"config/database.yml.example":
                  f'# copy to database.yml\nproduction:\n  password: "{password}"\n'},
           "Keep an example only", date="2030-01-02T10:00:00Z")
    report = check_json(root, "--rule", "secret-in-tree", "--rule", "secret-in-history")
    [tree] = findings(report, "secret-in-tree")
    assert (tree["path"], tree["severity"]) == ("config/database.yml.example", "warning")
    [history] = findings(report, "secret-in-history")
    assert (history["path"], history["severity"]) == ("config/database.yml", "error")
    assert report["verdict"] == "not_ready"
    # the same value blocking in the tree is named there only
    commit(root, {"deploy.sh": f"export DB_PASSWORD={password}\n"}, "Deploy",
           date="2030-01-03T10:00:00Z")
    report = check_json(root, "--rule", "secret-in-tree", "--rule", "secret-in-history")
    assert findings(report, "secret-in-history") == []
    assert {f["severity"] for f in findings(report, "secret-in-tree")} == {"error"}


def test_many_artefacts_in_the_history_never_crowd_out_a_secret_file(
        make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cap on files listed (history.MAX_FILES) counts secret files and artefacts
    apart: a legacy history of compiled classes does not turn an older committed
    id_rsa (found by its name) into a count without its path."""
    monkeypatch.setattr(history_module, "MAX_FILES", 5)
    root = make_repo({"README.md": "# x\n", "deploy/id_rsa": "rotated since\n"})
    git(root, "rm", "-q", "deploy/id_rsa")
    commit(root, {f"bin/C{index}.class": f"class {index}\n" for index in range(8)},
           "Build output")
    report = check_json(root, "--rule", "secret-in-history")
    secrets = [(f["path"], f["kind"]) for f in findings_of(report)
               if f["rule"] == "secret-in-history"]
    assert secrets == [("deploy/id_rsa", "ssh-key-file")], secrets


def test_a_key_renamed_as_an_image_after_an_allowed_folder_is_read_under_its_first_name(
        make_repo: RepoFactory) -> None:
    """A blob first named as an image is read under an older text name; when that name
    is in an allowed folder, its content is not scanned there: it must be read under a
    still older name that is scanned, as a blob first met in an allowed folder is."""
    token = Samples(44).github()
    root = make_repo({"README.md": "# x\n", ".opencheck.yml":
                      "settings:\n  secrets:\n    allow_paths: ['vendor/']\n"})
    content = f'TOKEN = "{token}"\n'
    commit(root, {"app/settings.py": content}, "Settings")
    git(root, "rm", "--quiet", "app/settings.py")
    commit(root, {"vendor/settings.py": content}, "Vendored")
    git(root, "rm", "--quiet", "vendor/settings.py")
    commit(root, {"logo.png": content}, "Renamed")
    git(root, "rm", "--quiet", "logo.png")
    commit(root, {}, "Removed")
    report = check_json(root, *RULES)
    assert [f["path"] for f in findings(report, "secret-in-history")] == ["app/settings.py"]


def test_a_tag_of_a_tag_still_lets_the_log_list_every_blob(make_repo: RepoFactory) -> None:
    """`git tag -a v2 v1` (a tag of a tag, seen on BRGM/ComPASS) names a commit at the
    end of its chain, as the log follows it: one log pass lists the blobs (before, the
    scan fell back on rev-list and then walked the log a second time for the dates).
    A chain that ends on a tree still does not."""
    token = Samples(31).github()
    root = make_repo({"README.md": "# x\n"})
    commit(root, {"deploy.env": f"TOKEN={token}\n"}, "Add the token")
    (root / "deploy.env").unlink()
    commit(root, {}, "Remove it")
    git(root, "tag", "-a", "v1", "-m", "one")
    git(root, "tag", "-a", "v2", "v1", "-m", "two")
    assert git(root, "cat-file", "-t", "v2^{tag}").strip() == "tag"
    assert gitlog.log_lists_all(root)
    found = findings(check_json(root, "--rule", "secret-in-history"), "secret-in-history")
    assert [f["path"] for f in found] == ["deploy.env"]
    tree = git(root, "rev-parse", "HEAD^{tree}").strip()
    git(root, "tag", "-a", "t1", tree, "-m", "a tree")
    git(root, "tag", "-a", "t2", "t1", "-m", "its tag")
    assert not gitlog.log_lists_all(root)
