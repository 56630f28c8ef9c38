# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A private key kept only for the tests warns; the same key used by what deploys or
runs the project (a Dockerfile, a Compose or Kubernetes file, a CI job, a link, the same
value elsewhere, now or in the history) blocks, whatever its folder is named."""

from __future__ import annotations

import os
import string
from typing import Any

from conftest import RepoFactory, check_json, commit, findings_of, git
from opencheck.secrets.testkeys import (
    CI,
    CONFIG,
    CONTAINER,
    MAX_TOTAL,
    ORCHESTRATION,
    DeploymentFiles,
    deployment_kind,
    throwaway_place,
)
from secret_samples import Samples
from test_secrets_stores import pkcs12_store

RULES = ("--rule", "secret-in-tree", "--rule", "secret-in-history",
         "--rule", "secret-file-committed")
KEYS = Samples(131)
TEST_NOTE = "a test key, public once the code is opened"


def _keys(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(f["rule"], f["path"]): f["severity"] for f in findings_of(report)
            if f.get("kind") in ("private-key", "openssh-private-key", "private-jwk",
                                 "pkcs12-file")}


def _finding(report: dict[str, Any], path: str) -> dict[str, Any]:
    return next(f for f in findings_of(report) if f["path"] == path)


def test_a_key_only_in_the_tests_warns_and_says_how_to_do_without(
        make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n", "src/app.py": "print(1)\n",
                      "tests/certs/server.key": KEYS.private_key(),
                      "Dockerfile": "FROM python:3.12\nCOPY src /app/src\n",
                      ".gitlab-ci.yml": "test:\n  script: pytest tests/\n"})
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-tree", "tests/certs/server.key"): "warning"}
    finding = _finding(report, "tests/certs/server.key")
    assert finding["confidence"] == "low"
    assert TEST_NOTE in finding["message"]
    assert report["ready"] is True


def test_the_same_key_outside_the_tests_blocks(make_repo: RepoFactory) -> None:
    key = KEYS.private_key()
    root = make_repo({"README.md": "# x\n", "tests/certs/server.key": key,
                      "deploy/prod/server.key": key})
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-tree", "deploy/prod/server.key"): "error"}
    assert report["ready"] is False


def test_a_key_in_tests_a_dockerfile_copies_blocks(make_repo: RepoFactory) -> None:
    """A deploy key hidden in a folder named tests, copied into the image."""
    root = make_repo({"README.md": "# x\n",
                      "tests/fixtures/deploy_key": KEYS.openssh_key(),
                      "Dockerfile": "FROM alpine\nCOPY tests/fixtures/deploy_key "
                                    "/root/.ssh/id_ed25519\n"})
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-tree", "tests/fixtures/deploy_key"): "error"}
    assert "Dockerfile names it" in _finding(report, "tests/fixtures/deploy_key")["message"]


def test_a_key_in_tests_a_ci_job_uses_blocks(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n",
                      "spec/support/deploy.pem": KEYS.private_key(),
                      ".github/workflows/release.yml":
                          "jobs:\n  deploy:\n    steps:\n      - run: ssh -i "
                          "\"spec/support/deploy.pem\" deploy@host ./release.sh\n"})
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-tree", "spec/support/deploy.pem"): "error"}


def test_a_key_whose_folder_compose_mounts_blocks(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n",
                      "docker/test-certs/tls.key": KEYS.private_key(),
                      "docker/docker-compose.yml":
                          "services:\n  web:\n    volumes:\n      - ./test-certs:/etc/ssl\n"})
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-tree", "docker/test-certs/tls.key"): "error"}


def test_a_key_a_link_outside_the_tests_points_at_blocks(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n", "tests/certs/server.key": KEYS.private_key()})
    (root / "config").mkdir()
    os.symlink("../tests/certs/server.key", root / "config" / "server.key")
    commit(root, {}, "Link the key")
    report = check_json(root, *RULES)
    finding = _finding(report, "tests/certs/server.key")
    assert finding["severity"] == "error"
    assert "config/server.key names it" in finding["message"]


def test_a_key_moved_into_the_tests_blocks_by_its_history(make_repo: RepoFactory) -> None:
    key = KEYS.private_key()
    root = make_repo({"README.md": "# x\n", "deploy/server.key": key})
    (root / "tests").mkdir()
    git(root, "mv", "deploy/server.key", "tests/server.key")
    commit(root, {}, "Keep the key for the tests")
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-tree", "tests/server.key"): "warning",
                             ("secret-in-history", "deploy/server.key"): "error"}
    assert report["ready"] is False


def test_a_test_key_once_copied_to_a_deployment_folder_blocks(make_repo: RepoFactory) -> None:
    """The same bytes under three names are one blob, read under its newest name and
    dated by its oldest: the name between them counts too."""
    key = KEYS.private_key()
    root = make_repo({"README.md": "# x\n", "tests/server.key": key})
    commit(root, {"deploy/server.key": key}, "Use it in production")
    commit(root, {"spec/keys/server.key": key}, "Use it in the specs too")
    git(root, "rm", "--quiet", "deploy/server.key")
    commit(root, {}, "Remove it from the deployment")
    report = check_json(root, *RULES)
    assert report["ready"] is False
    assert _keys(report)[("secret-in-history", "tests/server.key")] == "error"
    history = next(f for f in findings_of(report) if f["rule"] == "secret-in-history")
    assert "the history also held it as deploy/server.key" in history["message"]


def test_a_history_key_another_name_of_which_is_named_says_so(make_repo: RepoFactory) -> None:
    key = KEYS.private_key()
    root = make_repo({"README.md": "# x\n", "tests/a.key": key,
                      "Dockerfile": "COPY tests/b.key /etc/ssl/\n"})
    commit(root, {"spec/b.key": key}, "The same key for the specs")
    git(root, "rm", "--quiet", "tests/a.key", "spec/b.key")
    commit(root, {}, "Generate them instead")
    report = check_json(root, *RULES)
    history = next(f for f in findings_of(report) if f["rule"] == "secret-in-history")
    assert history["severity"] == "error"
    assert "which Dockerfile names" in history["message"]


def test_a_test_key_gone_from_the_tree_warns_in_the_history(make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n", "tests/certs/server.key": KEYS.private_key()})
    git(root, "rm", "-r", "--quiet", "tests")
    commit(root, {}, "Generate the test key when the tests run")
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-history", "tests/certs/server.key"): "warning"}
    assert TEST_NOTE in _finding(report, "tests/certs/server.key")["message"]


def test_a_published_packages_test_key_keeps_its_own_reason(make_repo: RepoFactory) -> None:
    """A committed `node_modules/` package's test key warns as published already, not as
    the project's test key (no advice to generate it)."""
    path = "node_modules/tunnel/test/keys/agent1-key.pem"
    root = make_repo({"README.md": "# x\n", path: KEYS.private_key()})
    git(root, "rm", "-r", "--quiet", "node_modules")
    commit(root, {}, "Install the packages instead")
    finding = _finding(check_json(root, *RULES), path)
    assert finding["severity"] == "warning"
    assert TEST_NOTE not in finding["message"]
    assert "published packages" in finding["message"]


def test_a_test_key_a_deployment_still_names_blocks_in_the_history(
        make_repo: RepoFactory) -> None:
    root = make_repo({"README.md": "# x\n", "tests/certs/server.key": KEYS.private_key(),
                      "k8s/secret.yaml": "kind: Secret\n# kubectl create secret tls web "
                                         "--key=tests/certs/server.key\n"})
    git(root, "rm", "-r", "--quiet", "tests")
    commit(root, {}, "Drop the key")
    report = check_json(root, *RULES)
    assert _keys(report) == {("secret-in-history", "tests/certs/server.key"): "error"}


def test_key_stores_and_jwks_follow_the_same_rule(make_repo: RepoFactory) -> None:
    store = pkcs12_store(b"client", b"Xk9pQ2vLm7wR")
    member = Samples(7).chars  # its own seed: the values do not hang on the tests before
    alphabet = string.ascii_letters + string.digits + "-_"
    jwk = ('{"keys": [{"kty": "EC", "crv": "P-256", "x": "' + member(alphabet, 43)
           + '", "y": "' + member(alphabet, 43) + '", "d": "' + member(alphabet, 43)
           + '"}]}\n')
    root = make_repo({"README.md": "# x\n",
                      "src/test/resources/client.p12": store,
                      "src/__tests__/jwks.json": jwk,
                      "src/test/resources/server.p12": pkcs12_store(b"server", b"Xk9pQ2vLm"),
                      "helm/values.yaml": "tls:\n  keystore: server.p12\n"})
    report = check_json(root, *RULES)
    assert _keys(report) == {
        ("secret-file-committed", "src/test/resources/client.p12"): "warning",
        ("secret-file-committed", "src/test/resources/server.p12"): "error",
        ("secret-in-tree", "src/__tests__/jwks.json"): "warning",
    }
    named = _finding(report, "src/test/resources/server.p12")
    assert "helm/values.yaml names it" in named["message"]


def test_a_demonstrations_key_blocks(make_repo: RepoFactory) -> None:
    """A demo is often deployed as it is, a public sandbox."""
    root = make_repo({"README.md": "# x\n", "demo/certs/server.key": KEYS.private_key(),
                      "examples/certs/server.key": KEYS.private_key()})
    assert _keys(check_json(root, *RULES)) == {
        ("secret-in-tree", "demo/certs/server.key"): "error",
        ("secret-in-tree", "examples/certs/server.key"): "warning",
    }


def test_deployment_files_too_large_to_read_clear_no_key() -> None:
    texts = {"tests/key.pem": "", "deploy/a.yaml": "a: b\n" * (MAX_TOTAL // 8),
             "deploy/b.yaml": "a: b\n" * (MAX_TOTAL // 8)}
    files = DeploymentFiles(texts, texts.get)
    assert files.naming("tests/key.pem") is None
    assert files.used("tests/key.pem")
    # one large file alone is read whole
    texts = {"tests/key.pem": "", "deploy/signatures.xml": "<a/>\n" * 1_000_000}
    assert not DeploymentFiles(texts, texts.get).used("tests/key.pem")
    unreadable = DeploymentFiles(["Dockerfile", "tests/key.pem"], lambda path: None)
    assert unreadable.used("tests/key.pem")


def test_what_names_a_key() -> None:
    texts = {
        "app/Dockerfile": "COPY ./certs/ /etc/ssl/\n",
        ".gitlab-ci.yml": "script:\n  - pytest tests/\n",
        "charts/web/values.yaml": "key: /run/secrets/jwt-signing.pem\n",
    }
    files = DeploymentFiles(texts, texts.get)
    assert files.naming("app/certs/test.pem") == "app/Dockerfile"
    assert files.naming("spec/keys/jwt-signing.pem") == "charts/web/values.yaml"
    # a CI job running the tests names their folder, not the key
    assert files.naming("tests/key.pem") is None
    assert files.naming("tests/fixtures/tls.key") is None
    # a folder is named from the root or from the naming file's own folder; a folder
    # name alone (`data`, `tls`: vitam's Ansible roles, open-forms' Compose file) would
    # name every test's `data/`
    texts = {"docker/compose.yml": "volumes:\n  - ../tests/certs:/certs\n  - ./data:/data\n"}
    files = DeploymentFiles(texts, texts.get)
    assert files.naming("tests/certs/server.key") == "docker/compose.yml"
    assert files.naming("src/app/tests/data/test.key") is None


def test_a_key_in_tests_the_applications_configuration_names_blocks(
        make_repo: RepoFactory) -> None:
    """Read at run time by the application itself (Spring's `server.ssl.key-store`)."""
    root = make_repo({"README.md": "# x\n",
                      "src/test/resources/server.p12": pkcs12_store(b"server", b"Xk9pQ2vLm"),
                      "src/test/resources/application.yml":
                          "server:\n  ssl:\n    key-store: classpath:server.p12\n"})
    assert _keys(check_json(root, *RULES)) == {
        ("secret-file-committed", "src/test/resources/server.p12"): "warning"}
    commit(root, {"src/main/resources/application.yml":
                  "server:\n  ssl:\n    key-store: file:src/test/resources/server.p12\n"})
    assert _keys(check_json(root, *RULES)) == {
        ("secret-file-committed", "src/test/resources/server.p12"): "error"}


def test_deployment_kinds() -> None:
    assert deployment_kind("Dockerfile") == CONTAINER
    assert deployment_kind("docker/api.Dockerfile") == CONTAINER
    assert deployment_kind("compose.prod.yaml") == CONTAINER
    assert deployment_kind(".github/workflows/ci.yml") == CI
    assert deployment_kind("sub/.gitlab-ci.yml") == CI
    assert deployment_kind("Jenkinsfile") == CI
    assert deployment_kind("helm/app/templates/secret.yaml") == ORCHESTRATION
    assert deployment_kind("infra/main.tf") == ORCHESTRATION
    assert deployment_kind("ansible/roles/web/tasks/main.yml") == ORCHESTRATION
    assert deployment_kind("src/main/resources/application.yml") == CONFIG
    assert deployment_kind(".env.production") == CONFIG
    assert deployment_kind("config/settings.json") == CONFIG
    assert deployment_kind("src/app.py") is None
    assert deployment_kind("tests/conftest.py") is None
    # the tests' own configuration, and data
    assert deployment_kind("src/test/resources/application.yml") is None
    assert deployment_kind("src/i18n/fr.json") is None


def test_throwaway_places() -> None:
    assert throwaway_place("private-key", "tests/certs/server.key")
    assert throwaway_place("private-key", "src/test/resources/server.p12")
    assert throwaway_place("private-key", "docs/tls.md")
    assert throwaway_place("private-key", "examples/oidc/jwks.json")
    assert not throwaway_place("private-key", "config/server.key")
    assert not throwaway_place("private-key", "demo/server.key")
    # a deployment's PKI, even for a local environment, and a service named `-default`
    assert not throwaway_place(
        "private-key", "deployment/environments-rpm/certs/server/hosts/localhost/"
                       "storage-offer-default.key")
    assert not throwaway_place("private-key",
                               "deployment/playbooks/pki/dev/client-example.key")
    assert not throwaway_place("private-key", "config/storage-default.key")
    assert throwaway_place("private-key", "config/saml.key.enc.example")
    # the tests of a deployment tool are tests
    assert throwaway_place("private-key", "src/test/resources/deploy/server.p12")
    # keywords follow their own rule (`confidence.CONTEXTUAL_KINDS`)
    assert not throwaway_place("github-token", "tests/conftest.py")



def test_a_key_whose_folder_a_link_outside_the_tests_points_at_blocks(
        make_repo: RepoFactory) -> None:
    """A link to the key's folder is a link to the key: a Compose volume mounts
    `./config/certs`, a link to `tests/certs`, and the container reads the key."""
    root = make_repo({"README.md": "# x\n", "tests/certs/server.key": KEYS.private_key()})
    (root / "config").mkdir()
    os.symlink("../tests/certs", root / "config" / "certs")
    commit(root, {"docker-compose.yml":
                  "services:\n  web:\n    volumes:\n      - ./config/certs:/etc/ssl\n"},
           "Mount the certificates")
    report = check_json(root, *RULES)
    finding = _finding(report, "tests/certs/server.key")
    assert finding["severity"] == "error"
    assert "config/certs names it" in finding["message"]
    assert report["ready"] is False
