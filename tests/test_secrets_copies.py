# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A library's example and test keys, in another project's copy committed with the
project (`boost/`, `third_party/openssl/`), warn; the project's own keys block, and so
does a key of that copy outside its tests and examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git
from licence_fixtures import bsd3, mit
from opencheck.deps.thirdparty import named_after_project, released_copy
from secret_samples import Samples

RULES = ("--rule", "secret-in-tree", "--rule", "secret-in-history",
         "--rule", "secret-file-committed")


# The image copies every key by its name: a key of the project's own tests that is so
# used blocks (tests/test_secrets_testkeys.py); a copy's test key warns all the same,
# since the library publishes it with each release.
DEPLOYED = {"Dockerfile": "FROM alpine\nCOPY server.pem key.pem id_rsa /srv/keys/\n"}


def _keys(count: int) -> list[str]:
    samples = Samples(41)
    return [samples.private_key() for _ in range(count)]


def _layout() -> tuple[dict[str, str], dict[str, str]]:
    """The files, and which path holds which expected severity."""
    keys = _keys(6)
    files = {
        **DEPLOYED,
        "LICENSE": mit(holder="Acme"),
        "README.md": "# acmetool\n",
        "src/main.c": "int main(void) { return 0; }\n",
        # a library released under its own licence, committed whole
        "boost/LICENSE_1_0.txt": bsd3(holder="Boost authors"),
        "boost/INSTALL": "See the documentation.\n",
        "boost/libs/asio/example/ssl/server.pem": keys[0],
        # the same copy, a key outside its tests and examples
        "boost/tools/deploy/server.pem": keys[1],
        # the project's own test key
        "tests/certs/server.pem": keys[2],
        # a part of the project under the project's licence (a monorepo's package)
        "api/LICENSE": mit(holder="Acme"),
        "api/README.md": "# api\n",
        "api/tests/key.pem": keys[3],
        # a folder with no licence file of its own
        "lib/examples/key.pem": keys[4],
        # a vendoring folder's component: its test keys are the library's
        "third_party/openssl/test/certs/key.pem": keys[5],
    }
    expected = {
        "boost/libs/asio/example/ssl/server.pem": "warning",
        "boost/tools/deploy/server.pem": "error",
        "tests/certs/server.pem": "error",
        "api/tests/key.pem": "error",
        "lib/examples/key.pem": "error",
        "third_party/openssl/test/certs/key.pem": "warning",
    }
    return files, expected


def _severities(report: dict[str, Any], rule: str) -> dict[str, str]:
    return {f["path"]: f["severity"] for f in findings_of(report)
            if f["rule"] == rule and f["kind"] == "private-key"}


def test_keys_of_a_library_copy_in_the_tree_warn(make_repo: RepoFactory) -> None:
    files, expected = _layout()
    root = make_repo(files, name="acmetool")
    assert _severities(check_json(root, *RULES), "secret-in-tree") == expected


def test_keys_of_a_library_copy_gone_from_the_tree_warn(make_repo: RepoFactory) -> None:
    files, expected = _layout()
    root = make_repo(files, name="acmetool")
    # the copy, the tests and the parts are removed: only the history holds them
    for folder in ("boost", "tests", "api", "lib", "third_party"):
        git(root, "rm", "-r", "--quiet", folder)
    commit(root, {}, "Use the system's libraries")
    report = check_json(root, *RULES)
    assert _severities(report, "secret-in-history") == expected
    assert report["ready"] is False


def test_a_copy_under_the_projects_name_is_the_projects(make_repo: RepoFactory) -> None:
    """`acmetool-core/` in acmetool, with a licence of its own: the project's code."""
    key = _keys(1)[0]
    root = make_repo({**DEPLOYED, "LICENSE": mit(holder="Acme"), "README.md": "# x\n",
                      "acmetool-core/LICENSE": bsd3(holder="Acme"),
                      "acmetool-core/README.md": "# core\n",
                      "acmetool-core/examples/key.pem": key}, name="acmetool")
    git(root, "rm", "-r", "--quiet", "acmetool-core")
    commit(root, {}, "Drop the core")
    report = check_json(root, *RULES)
    assert _severities(report, "secret-in-history") == {"acmetool-core/examples/key.pem": "error"}


def _entries(tree: dict[str, list[str]]) -> Any:
    return tree.get


@pytest.mark.parametrize(("path", "tree", "licences", "expected"), [
    # a release under its own licence, with its own project files
    ("boost/libs/asio/example/server.pem",
     {"boost": ["LICENSE_1_0.txt", "Jamroot", "libs"]}, {"BSL-1.0": "x"}, "boost"),
    # deeper, under a folder of the project
    ("src/external/eigen/test/key.pem",
     {"src/external/eigen": ["COPYING.MPL2", "CMakeLists.txt", "test"]}, {}, "src/external/eigen"),
    # a licence file alone, no project file: not enough
    ("boost/example/key.pem", {"boost": ["LICENSE_1_0.txt", "example"]}, {}, None),
    # the project's own licence: a part of the project
    ("api/tests/key.pem", {"api": ["LICENSE", "README.md", "tests"]}, {"MIT": "x"}, None),
    # too deep to be looked for
    ("a/b/c/d/e/key.pem", {"a/b/c/d": ["LICENSE", "README"]}, {}, None),
    # a whole project's root, its contribution guide with it: deeper, and under the
    # project's licence too (CRY.ME's copy of Synapse)
    ("cryme_server/src/synapse/sources/tests/http/ca.key",
     {"cryme_server/src/synapse/sources": ["LICENSE", "README.rst", "CONTRIBUTING.md",
                                           "setup.py", "tests"]},
     {"MIT": "x"}, "cryme_server/src/synapse/sources"),
    ("api/tests/key.pem", {"api": ["LICENSE", "README.md", "CONTRIBUTING.md", "tests"]},
     {"MIT": "x"}, "api"),
    # a contribution guide without a licence file or a project file: not enough
    ("a/b/c/d/tests/key.pem", {"a/b/c/d": ["CONTRIBUTING.md", "README.md"]}, {}, None),
    ("a/b/c/d/tests/key.pem", {"a/b/c/d": ["CONTRIBUTING.md", "LICENSE"]}, {}, None),
])
def test_released_copy(path: str, tree: dict[str, list[str]], licences: dict[str, str],
                       expected: str | None) -> None:
    spdx = "MIT" if "MIT" in licences else next(iter(licences), "BSD-3-Clause")
    found = released_copy(path, _entries(tree), lambda name: spdx, lambda: {"MIT"}, {"acmetool"})
    assert (found.component if found else None) == expected


def test_project_licences_asked_only_for_a_release_folder() -> None:
    """The project's licence is identified (the licence matcher imported, 40 ms) only
    once a folder looks like another project's release; a key in the project's own
    tests asks nothing of it."""
    asked: list[bool] = []

    def project() -> set[str]:
        asked.append(True)
        return {"MIT"}

    tree = {"tests": ["key.pem", "helpers.py"], "boost": ["LICENSE_1_0.txt", "Jamroot"]}
    assert released_copy("tests/ssl/key.pem", _entries(tree), lambda name: "BSL-1.0",
                         project, {"acmetool"}) is None
    assert asked == []
    found = released_copy("boost/example/key.pem", _entries(tree), lambda name: "BSL-1.0",
                          project, {"acmetool"})
    assert found is not None and found.component == "boost" and asked == [True]


def test_no_project_licence_no_release_copy() -> None:
    """Without a licence the root names, a folder with its own licence and project file
    may be the project's own package: not taken for another project's copy."""
    tree = {"boost": ["LICENSE_1_0.txt", "Jamroot"]}
    assert released_copy("boost/example/key.pem", _entries(tree), lambda name: "BSL-1.0",
                         set, {"acmetool"}) is None


@pytest.mark.parametrize(("folder", "own"), [
    ("MixtComp", True), ("RMixtComp", True), ("boost", False), ("eigen", False),
    ("r", True), ("mixt", True),
])
def test_named_after_project(folder: str, own: bool) -> None:
    assert named_after_project(folder, {"modal-inria+mixtcomp", "mixtcomp"}) is own


def test_absent_commit_tree_blocks(tmp_path: Path) -> None:
    """An old commit git cannot list tells nothing: the key is not taken as a copy's."""
    from opencheck.secrets.copies import CommitCopies

    git_dir = tmp_path / "r"
    git_dir.mkdir()
    git(git_dir, "init", "--quiet")
    copies = CommitCopies(git_dir, {"r"}, set)
    assert copies.component("0" * 40, "boost/example/key.pem") is None


def test_without_a_root_licence_no_folder_is_taken_for_a_copy(make_repo: RepoFactory) -> None:
    """A project that has not chosen its licence yet cannot tell its own packages (each
    with a licence file and a README) from another project's release: their test keys
    block, in the tree and in the history."""
    keys = _keys(2)
    root = make_repo({**DEPLOYED, "README.md": "# acmetool\n",
                      "api/LICENSE": mit(holder="Acme"),
                      "api/README.md": "# api\n", "api/tests/key.pem": keys[0],
                      "web/LICENSE": bsd3(holder="Acme"), "web/package.json": "{}\n",
                      "web/examples/key.pem": keys[1]}, name="acmetool")
    expected = {"api/tests/key.pem": "error", "web/examples/key.pem": "error"}
    assert _severities(check_json(root, *RULES), "secret-in-tree") == expected
    git(root, "rm", "-r", "--quiet", "api", "web")
    commit(root, {}, "Move the packages out")
    assert _severities(check_json(root, *RULES), "secret-in-history") == expected


def _copy_history(make_repo: RepoFactory, count: int) -> tuple[Path, list[str]]:
    """A release of Boost committed whole, then one commit per key in its examples."""
    keys = _keys(count)
    root = make_repo({"LICENSE": mit(holder="Acme"), "README.md": "# acmetool\n",
                      "boost/LICENSE_1_0.txt": bsd3(holder="Boost authors"),
                      "boost/INSTALL": "See the documentation.\n",
                      "boost/example/k0.pem": keys[0]}, name="acmetool")
    commits = [git(root, "rev-parse", "HEAD").strip()]
    for index in range(1, count):
        commit(root, {f"boost/example/k{index}.pem": keys[index]})
        commits.append(git(root, "rev-parse", "HEAD").strip())
    return root, commits


def test_the_old_commits_asked_are_capped(make_repo: RepoFactory,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A history of many commits, each adding a key in a test folder, cost questions to
    git for each: past MAX_COMMITS commits asked, git is not asked and the key blocks."""
    from opencheck.gitobjects import ObjectReader
    from opencheck.secrets import copies

    root, commits = _copy_history(make_repo, 6)
    calls: list[str] = []

    def counted(self: ObjectReader, name: str, kind: str, limit: int) -> bytes | None:
        calls.append(name)
        return read(self, name, kind, limit)

    read = ObjectReader.read
    monkeypatch.setattr(ObjectReader, "read", counted)
    monkeypatch.setattr(copies, "MAX_COMMITS", 3)
    judged = copies.CommitCopies(root, {"acmetool"}, set)
    found = [judged.component(sha, f"boost/example/k{index}.pem")
             for index, sha in enumerate(commits[:3])]
    before = len(calls)
    found += [judged.component(sha, f"boost/example/k{index}.pem")
              for index, sha in enumerate(commits[3:], start=3)]
    assert found == ["boost"] * 3 + [None] * 3
    assert before > 0 and len(calls) == before


def test_old_commits_are_read_by_one_git(make_repo: RepoFactory,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The folders and licence files of every old commit asked come from one git
    process, where each listing and each licence read started its own (three a commit)."""
    import subprocess

    from opencheck.gitcmd import one_configuration, run_git
    from opencheck.secrets import copies

    root, commits = _copy_history(make_repo, 4)
    started: list[list[str]] = []

    class Counted(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, args: list[str], *rest: Any, **options: Any) -> None:
            started.append(args)
            super().__init__(args, *rest, **options)

    judged = copies.CommitCopies(root, {"acmetool"}, set)
    with one_configuration():  # as in a run: git's configuration read once, before
        run_git(root, "rev-parse", "HEAD")
        monkeypatch.setattr(subprocess, "Popen", Counted)
        found = [judged.component(sha, f"boost/example/k{index}.pem")
                 for index, sha in enumerate(commits)]
    judged.objects.close()
    assert found == ["boost"] * 4
    # git itself, or the shell that caps its memory and becomes git
    assert [args[-1].split("=")[0] for args in started if "git" in args] == ["--batch"]


def test_a_licence_too_large_is_not_read(make_repo: RepoFactory) -> None:
    """A "licence" file past MAX_LICENCE is not read (its licence is unknown), and the
    questions after it are still answered."""
    from opencheck.secrets import copies

    root, commits = _copy_history(make_repo, 2)
    commit(root, {"boost/LICENSE_1_0.txt": "Boost " * (copies.MAX_LICENCE // 6 + 1),
                  "boost/example/k9.pem": _keys(3)[2]})
    large = git(root, "rev-parse", "HEAD").strip()
    blob = git(root, "rev-parse", f"{large}:boost/LICENSE_1_0.txt").strip()
    judged = copies.CommitCopies(root, {"acmetool"}, set)
    judged.component(large, "boost/example/k9.pem")
    assert judged.licences[blob] == ""
    assert judged.component(commits[0], "boost/example/k0.pem") == "boost"
    judged.objects.close()


def test_key_files_of_a_library_copy_warn(make_repo: RepoFactory) -> None:
    """A key file (by its name) of a copy's tests warns, in the tree and in the history;
    the project's own blocks."""
    library, own = _keys(2)
    files = {**DEPLOYED, "LICENSE": mit(holder="Acme"), "README.md": "# acmetool\n",
             "third_party/openssl/test/id_rsa": library, "tests/id_rsa": own}
    root = make_repo(files, name="acmetool")
    expected = {"third_party/openssl/test/id_rsa": "warning", "tests/id_rsa": "error"}

    def files_found(report: dict[str, Any], rule: str) -> dict[str, str]:
        return {f["path"]: f["severity"] for f in findings_of(report)
                if f["rule"] == rule and f["kind"] == "ssh-key-file"}

    assert files_found(check_json(root, *RULES), "secret-file-committed") == expected
    git(root, "rm", "-r", "--quiet", "third_party", "tests")
    commit(root, {}, "Drop them")
    assert files_found(check_json(root, *RULES), "secret-in-history") == expected


def test_keys_of_a_whole_projects_copy_deep_in_the_tree_warn(make_repo: RepoFactory) -> None:
    """ANSSI-FR/cry-me holds Synapse at `cryme_server/src/synapse/sources/` (its licence,
    README, build files and contribution guide), under the same Apache licence: Synapse's
    test keys warn there; the project's own keys beside the copy still block, and so do
    a key of the copy outside its tests and one of a deep folder without a guide."""
    keys = _keys(5)
    copy = "cryme_server/src/synapse/sources"
    root = make_repo({
        **DEPLOYED, "LICENSE": mit(holder="ANSSI"), "README.md": "# cry-me\n",
        f"{copy}/LICENSE": mit(holder="The Matrix.org Foundation"),
        f"{copy}/README.rst": "Synapse\n=======\n", f"{copy}/setup.py": "setup()\n",
        f"{copy}/CONTRIBUTING.md": "# Contributing\n",
        f"{copy}/tests/http/ca.key": keys[0],
        f"{copy}/synapse/util/deploy.key": keys[1],
        "cryme_server/src/synapse/server-private-key.pem": keys[2],
        "cryme_server/src/nginx/tests/server.key": keys[3],
        "cryme_app/a/b/c/LICENSE": mit(holder="ANSSI"), "cryme_app/a/b/c/README.md": "# c\n",
        "cryme_app/a/b/c/tests/key.pem": keys[4],
    }, name="cry-me")
    assert _severities(check_json(root, *RULES), "secret-in-tree") == {
        f"{copy}/tests/http/ca.key": "warning",
        f"{copy}/synapse/util/deploy.key": "error",
        "cryme_server/src/synapse/server-private-key.pem": "error",
        "cryme_server/src/nginx/tests/server.key": "error",
        "cryme_app/a/b/c/tests/key.pem": "error",
    }
    # gone from the tree, the commit that brought them says the same
    for folder in ("cryme_server", "cryme_app"):
        git(root, "rm", "-r", "--quiet", folder)
    commit(root, {}, "Move the server out")
    assert _severities(check_json(root, *RULES), "secret-in-history")[
        f"{copy}/tests/http/ca.key"] == "warning"


def test_keys_of_a_release_unpacked_under_its_numbered_name_warn(make_repo: RepoFactory) -> None:
    """IGNF/IGNMap committed `JUCE 8.0.6/` (JUCE's licence, README and CMakeLists.txt),
    AGPL like IGNMap: the key store of JUCE's `DemoRunner.app` warns, in the tree and in
    the history. The same library under a name without its number, a key of the release
    outside its demos, and the project's own demo key still block."""
    keys = _keys(4)
    release = "JUCE 8.0.6"
    signing = "DemoRunner.app/Contents/Resources/Assets/Signing/key.pem"
    root = make_repo({
        **DEPLOYED, "LICENSE": mit(holder="IGN"), "README.md": "# ignmap\n",
        f"{release}/LICENSE.md": mit(holder="Raw Material Software"),
        f"{release}/README.md": "# JUCE\n", f"{release}/CMakeLists.txt": "project(JUCE)\n",
        f"{release}/{signing}": keys[0],
        f"{release}/modules/juce_core/deploy/key.pem": keys[1],
        "JUCE/LICENSE.md": mit(holder="Raw Material Software"), "JUCE/README.md": "# JUCE\n",
        f"JUCE/{signing}": keys[2],
        f"IGNMap/{signing}": keys[3],
    }, name="IGNMap")
    expected = {f"{release}/{signing}": "warning",
                f"{release}/modules/juce_core/deploy/key.pem": "error",
                f"JUCE/{signing}": "error", f"IGNMap/{signing}": "error"}
    assert _severities(check_json(root, *RULES), "secret-in-tree") == expected
    for folder in (release, "JUCE", "IGNMap"):
        git(root, "rm", "-r", "--quiet", folder)
    commit(root, {}, "ZoomViewer without JUCE")
    assert _severities(check_json(root, *RULES), "secret-in-history") == expected
