# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether a private key kept for tests is used by what the project deploys.

A key pair made for a test suite (a TLS server's key in `tests/certs/`, a signing JWK in
a fixture) guards nothing: anyone may read it, as anyone reads the test that uses it.
A key only in tests, examples or documentation therefore warns. It still blocks when
something that runs outside the tests names it: a container file, a Compose or
Kubernetes file, a CI job, a deployment script or configuration management file that
names the key's file (or, for what copies files into an image or a container and a
deployment script, its folder), by name, by a glob or a brace expansion
(`tests/certs/*.key`, `prod.{key,crt}`), or a link elsewhere in the tree that points
at it. A `tests/` folder is only a
name: a deploy key hidden there and copied by a Dockerfile is still a deploy key.

The same value at any other place blocks (the caller groups a value's places); a key
the history once held elsewhere blocks too.
"""

from __future__ import annotations

import fnmatch
import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from opencheck.lazyre import lazy
from opencheck.secrets.confidence import DOC_WORDS, TEST_WORDS, place
from opencheck.secrets.copies import KEY_KINDS
from opencheck.secrets.deployscripts import deploying_part, runner

# The places where a project keeps keys made up for its tests and examples.
THROWAWAY_PLACES = frozenset({"test", "example", "documentation"})
# A demonstration's folder (`demo/`) is documentation for keywords, but a demo is often
# deployed as it is (a public sandbox): its keys keep blocking.
_DEPLOYED_DOC_WORDS = frozenset({"demo", "demos"})

# What deploys or runs the project outside its tests.
CONTAINER, CI, ORCHESTRATION, SCRIPT, CONFIG, RUNNER = \
    "container", "ci", "orchestration", "script", "configuration", "runner"

_CONTAINERS = ("dockerfile", "containerfile")
_YAML = (".yml", ".yaml")
_CI_NAME = lazy(r"^(?:\.gitlab-ci.*\.ya?ml|\.travis\.ya?ml|jenkinsfile.*|azure-pipelines.*\.ya?ml"
                r"|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker\.ya?ml|appveyor\.ya?ml"
                r"|cloudbuild.*\.ya?ml|buildspec.*\.ya?ml|\.gitlab-ci\.yml)$", re.IGNORECASE)
_CI_FOLDERS = (".github/workflows/", ".github/actions/", ".gitlab/", ".circleci/",
               ".woodpecker/", ".buildkite/", ".tekton/", ".forgejo/workflows/",
               ".gitea/workflows/")
# Folders of deployment, infrastructure and configuration management.
_OPS_WORDS = frozenset({
    "helm", "chart", "charts", "k8s", "kubernetes", "kube", "manifests", "kustomize",
    "openshift", "argocd", "flux", "deploy", "deployment", "deployments", "infra",
    "infrastructure", "ops", "devops", "ansible", "playbooks", "roles", "terraform",
    "puppet", "salt", "nginx", "apache", "systemd", "docker", "provisioning", "release",
})
_OPS_FILE = lazy(r"\.(?:ya?ml|json|tf|tfvars|hcl|j2|jinja2?|tpl|conf|cfg|ini|env|properties"
                 r"|service|sh|bash|ps1|toml|xml)$", re.IGNORECASE)
_OPS_NAME = lazy(r"^(?:kustomization\.ya?ml|skaffold\.ya?ml|procfile|vagrantfile|fly\.toml"
                 r"|app\.ya?ml|serverless\.ya?ml|[^/]*\.tf)$", re.IGNORECASE)
_SCRIPT_WORDS = ("deploy", "provision", "release", "publish")
_SCRIPT_ENDINGS = (".sh", ".bash", ".ps1", ".py", ".rb", ".yml", ".yaml")
# The application's own configuration outside its tests (Spring's `application.yml`, a
# server's `.conf`, a `.env`): a key it names is read at run time. JSON and XML only
# under a configuration's name: most are data.
_CONFIG_ENDINGS = (".yml", ".yaml", ".toml", ".ini", ".cfg", ".conf", ".properties", ".env")
_CONFIG_WORDS = ("config", "settings", "application", "appsettings", "server")
_WORD = lazy(r"[-_.]")
# A template's name (`saml.key.enc.example`, `common.dist`, `sample-key.pem`): what
# `confidence` also takes for one (`-default`, `-model`) may be a service's name.
_KEY_TEMPLATE = lazy(r"[._-](?:example|examples|sample|samples|template|tpl|dist)(?:\.\w+)?$"
                     r"|^(?:example|sample|template)s?[._-]")
# What separates the paths a file names: blanks, quotes, assignments, lists, a Compose
# volume's `source:target`.
_SEPARATORS = lazy(r"[\s'\"`=,;:()\[\]{}<>|&*!?$\\]+")
# The same, keeping a glob's or a shell's brace expansion whole (`tests/certs/*.key`,
# `certs/prod.{key,crt}`): split by the above, it named no file nor folder of the key.
_GLOB_SEPARATORS = lazy(r"[\s'\"`=;:()<>|&!$\\]+")
_GLOB_CHARS = lazy(r"[*?\[]")
# A line holding one (linear: `^` anchors each try at a line's start, `.*` reads it once
# forward and once back).
_GLOB_LINE = lazy(r"^.*[*?\[{].*$", re.MULTILINE)
_BRACES = lazy(r"\{([^{},]*(?:,[^{},]*)+)\}")  # each comma once: linear
MAX_EXPANDED = 16  # the names one token's braces may give
# Globs (and brace expansions) deployment files may hold: past it, a key nothing was
# matched against is taken as named (it keeps blocking), as for a glob longer than any
# path once its runs of `*` are one.
MAX_GLOBS = 50_000
# Globs tried on the keys of a run, all together: each key is tried on the globs of its
# shape, so 50,000 globs of one shape and 10,000 keys were half a billion matches (94 ms
# a key). Past it, every key counts as named. Real trees: at most 805 distinct globs
# (openfisca-france), most of other shapes than a key's.
MAX_MATCHES = 2_000_000
MAX_PATH = 4096
_STARS = lazy(r"\*+")
# What names a folder as well as files: what copies files into an image or a container,
# and a deployment script (`scp -r tests/certs prod:/etc/ssl`).
_FOLDER_KINDS = frozenset({"container", "orchestration", "script", "runner"})
_FILE, _FOLDER, _EITHER = "file", "folder", "either"

# Past this much text in deployment files, the rest is not read: a key nothing read
# can be cleared of is taken as named (it keeps blocking).
MAX_TOTAL = 32 << 20


def deployment_kind(path: str) -> str | None:
    """What a file is for when it runs or deploys the project outside its tests."""
    folder, _, name = path.rpartition("/")
    if _container(name.lower()):
        return CONTAINER
    if _CI_NAME.match(name) or _ci_folder(folder):
        return CI
    if _OPS_NAME.match(name) or (_OPS_FILE.search(name) and _ops_folder(folder)):
        return ORCHESTRATION
    if _script(name.lower()):
        return SCRIPT
    if _configuration(name.lower()) and place(path) is None:
        return CONFIG
    if runner(name.lower()) and place(path) is None:
        return RUNNER
    return None


@functools.lru_cache(maxsize=1 << 14)
def _ci_folder(folder: str) -> bool:
    """Whether a folder is, or lies in, one of a CI's (`.github/workflows/`)."""
    inside = f"/{folder.lower()}/"
    return any(f"/{ci}" in inside for ci in _CI_FOLDERS)


@functools.lru_cache(maxsize=1 << 14)
def _ops_folder(folder: str) -> bool:
    """Whether a folder (`deploy/ansible/roles`) is one of deployment or infrastructure
    by a word of one of its parts; asked once per folder, not once per file (vitam's
    68,000 files: 1.7 s)."""
    return bool(folder) and any(
        _OPS_WORDS.intersection(word.lower() for word in _WORD.split(part))
        for part in folder.split("/"))


# Names told with string operations: a pattern scanning to an ending from each of a
# name's words would be quadratic on a long name.
def _container(name: str) -> bool:
    """`Dockerfile`, `Dockerfile.prod`, `api.dockerfile`, `Containerfile`, Compose files."""
    if name.startswith(_CONTAINERS):
        rest = name.split("file", 1)[1]
        return not rest or rest[0] in "._-"
    if name.endswith(_CONTAINERS) and name[:-len("file")].rsplit(".", 1)[-1] in (
            "docker", "container"):
        return name.endswith((".dockerfile", ".containerfile"))
    if name.endswith(_YAML):
        stem = name.rsplit(".", 1)[0]
        stem = stem[len("docker-"):] if stem.startswith("docker-") else stem
        return stem == "compose" or (stem.startswith("compose") and stem[7:8] in "._-")
    return False


def _script(name: str) -> bool:
    """A deployment script: `deploy.sh`, `release-prod.py`, `publish_all.yml`."""
    return name.endswith(_SCRIPT_ENDINGS) and any(word in name for word in _SCRIPT_WORDS)


def _configuration(name: str) -> bool:
    """The application's configuration: YAML, TOML, INI, `.conf`, `.properties`, `.env`
    files; JSON and XML only under a configuration's name (most are data)."""
    if name.endswith(_CONFIG_ENDINGS) or name == ".env" or name.startswith(".env."):
        return True
    return name.endswith((".json", ".xml")) and any(word in name for word in _CONFIG_WORDS)


def throwaway_place(kind: str, path: str) -> bool:
    """Whether a key of this kind sits where a project keeps keys made for its tests,
    examples or documentation: not in a demonstration's folder, nor below a deployment
    folder before any test folder (`deployment/pki/…/storage-offer-default.key`), and
    as a template only under a template's name (`server.key.example`, not the `-default`
    of a service's name)."""
    if kind not in KEY_KINDS:
        return False
    where = place(path)
    if where not in THROWAWAY_PLACES:
        return False
    for part in path.lower().split("/")[:-1]:
        words = set(_WORD.split(part))
        if words & TEST_WORDS:
            break
        if words & (_OPS_WORDS | _DEPLOYED_DOC_WORDS):
            return False
    if where == "example":
        name = path.rsplit("/", 1)[-1].lower()
        return bool(_KEY_TEMPLATE.search(name)) or any(
            DOC_WORDS.intersection(_WORD.split(part)) for part in path.lower().split("/")[:-1])
    return True


def _tokens(text: str) -> set[str]:
    found = set()
    # each distinct token once: a deployment tree's files repeat theirs (vitam's 8,000
    # Ansible and configuration files: 2 million tokens)
    for token in set(_SEPARATORS.split(text)):
        token = token.strip("/")
        while token.startswith("./"):
            token = token[2:].lstrip("/")
        if token:
            found.add(token)
    return found


def _globs(text: str) -> Iterator[str | None]:
    """The tokens of `text` that are globs or brace expansions, those expanded (one
    level at a time, at most MAX_EXPANDED names each); None for one past the bounds."""
    # only the lines that hold a glob's or a brace's character, each token once, in order
    lines = "\n".join(_GLOB_LINE.findall(text))
    for token in dict.fromkeys(_GLOB_SEPARATORS.split(lines)):
        if "{" not in token and not _GLOB_CHARS.search(token):
            continue
        token = _STARS.sub("*", token)
        if "{" in token and _BRACES.search(token) is None and not _GLOB_CHARS.search(token):
            continue
        if len(token) > MAX_PATH:
            # longer than a path, yet a class (`prod.[kkk…]ey`) or a brace's choice
            # stands for one character or one name of it: not matched, every key counts
            # as named (it keeps blocking)
            yield None
            continue
        expanded = [token]
        while (found := _BRACES.search(expanded[0])) is not None:
            choices = found.group(1).split(",")
            if len(expanded) * len(choices) > MAX_EXPANDED:
                expanded = []
                break
            expanded = [f"{each[:found.start()]}{choice}{each[found.end():]}"
                        for each in expanded for choice in choices]
        if not expanded:
            yield None
        for each in expanded:
            each = each.strip("/,")
            while each.startswith("./"):
                each = each[2:].lstrip("/")
            if each:
                yield each


def _glob_matches(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    """A glob's parts against a path's, one part each (`*` does not cross a `/`)."""
    return len(pattern) == len(path) and all(
        fnmatch.fnmatchcase(part, glob) for part, glob in zip(path, pattern, strict=True))


@dataclass
class DeploymentFiles:
    """The files of the tree that deploy or run the project, read once when a key asks.

    `paths` lists the tree's files; `read` gives a file's text (None when unreadable or
    too large); `links` gives, for each link of the tree, what its file is, compared
    with `identity(path)` of a key's file; `folder_links`, for each link to a folder of
    the tree, that folder (from the top)."""

    paths: Iterable[str]
    read: Callable[[str], str | None]
    links: Mapping[str, object] = field(default_factory=dict)
    identity: Callable[[str], object | None] = lambda path: None
    folder_links: Mapping[str, str] = field(default_factory=dict)
    incomplete: bool = False  # some text was not read: every key counts as used
    # file name (`deploy.pem`) -> the first deployment file naming it; folder as the tree
    # names it (`tests/certs`) -> the first container or orchestration file naming it
    _names: dict[str, str] | None = None
    _folders: dict[str, str] = field(default_factory=dict)
    _linked: dict[object, str] | None = None  # a file's identity -> a link to it
    # a glob's parts (from the root) -> the first file naming it, and whether it names
    # the key's file, its folder (`COPY tests/cert* /etc/ssl/`) or either; filed under
    # its number of parts and its first part (None when that is a glob itself)
    _patterns: dict[tuple[int, str | None], dict[tuple[str, ...], tuple[str, str]]] = \
        field(default_factory=dict)
    _globs_kept: int = 0
    _matches: int = 0  # globs tried on keys so far (MAX_MATCHES)

    def _load(self) -> dict[str, str]:
        if self._names is not None:
            return self._names
        names: dict[str, str] = {}
        total = 0
        for path in sorted(self.paths):
            kind = deployment_kind(path)
            if kind is None:
                continue
            text = self.read(path)
            # one the snapshot refuses to read (above its size limit) or all together
            # past MAX_TOTAL: not read whole. A large file alone is read: vitam keeps a
            # 3 MB DROID signature file among its Ansible environments.
            if text is None or total + len(text) > MAX_TOTAL:
                self.incomplete = True
                if text is None:
                    continue
                text = text[:max(0, MAX_TOTAL - total)]
            total += len(text)
            base, _, name = path.rpartition("/")
            if kind == RUNNER:  # its deployment's scripts or targets only
                text = deploying_part(name.lower(), text)
            for token in _tokens(text):
                names.setdefault(token.rsplit("/", 1)[-1], path)
                if kind in _FOLDER_KINDS:
                    # a folder from the root, or from the file's own folder (`COPY
                    # certs /etc/ssl` in `app/Dockerfile`, `../tests/certs:/certs` in
                    # `docker/compose.yml`)
                    self._folders.setdefault(posixpath.normpath(token), path)
                    if base:
                        self._folders.setdefault(posixpath.normpath(f"{base}/{token}"), path)
            for glob in _globs(text):
                self._glob(glob, base, path, kind in _FOLDER_KINDS)
        self._names = names
        return names

    def _glob(self, glob: str | None, base: str, path: str, folders: bool) -> None:
        """Keep a glob of `path` (in folder `base`), or a name a brace expansion gives,
        from the root and from `base`; past the bounds, every key counts as named."""
        if glob is None or self._globs_kept >= MAX_GLOBS:
            self.incomplete = True
            return
        self._globs_kept += 1
        for start in ("", base) if base else ("",):
            parts = tuple(posixpath.normpath(f"{start}/{glob}" if start else glob).split("/"))
            if not parts[-1].strip("*?"):
                # every file of a folder (`tests/**/*`): what copies it copies the folder,
                # elsewhere (a CI job's `changes:`, a coverage tool's `omit`) a filter
                if folders and len(parts) > 1:
                    self._keep(parts[:-1], path, _FOLDER)
                continue
            self._keep(parts, path, _EITHER if folders else _FILE)

    def _keep(self, parts: tuple[str, ...], path: str, names: str) -> None:
        first = None if _GLOB_CHARS.search(parts[0]) else parts[0]
        self._patterns.setdefault((len(parts), first), {}).setdefault(parts, (path, names))

    def _globbed(self, key_path: str) -> str | None:
        parts = tuple(key_path.split("/"))
        for target, refused in ((parts, _FOLDER), (parts[:-1], _FILE)):
            for first in (target[0] if target else None, None):
                patterns = self._patterns.get((len(target), first), {})
                self._matches += len(patterns)
                if self._matches > MAX_MATCHES:
                    self.incomplete = True  # not tried: every key counts as named
                    return None
                for pattern, (path, names) in patterns.items():
                    if names != refused and _glob_matches(pattern, target):
                        return path
        return None

    def naming(self, key_path: str) -> str | None:
        """The first file that names the key's file by its name (any folder before it:
        `/etc/ssl/deploy.pem` may be where a volume mounts it), or, for a container or
        orchestration file, names the key's folder; else a link to the key from a place
        that is no test's; None when none does."""
        names = self._load()
        folder, _, name = key_path.rpartition("/")
        if name in names:
            return names[name]
        if folder and folder in self._folders:
            return self._folders[folder]
        return self._globbed(key_path) or self._link(key_path)

    def used(self, key_path: str) -> bool:
        """Whether something outside the tests may use the key: a file names it, or the
        deployment files were too large to be read whole."""
        return self.naming(key_path) is not None or self.incomplete

    def _link(self, key_path: str) -> str | None:
        # a link to a folder holding the key, from a place that is no test's: what names
        # that link (a Compose volume `./config/certs:/etc/ssl`) uses the key
        for link, folder in sorted(self.folder_links.items()):
            if key_path.startswith(f"{folder}/") and place(link) not in THROWAWAY_PLACES:
                return link
        if not self.links:
            return None
        target = self.identity(key_path)
        if target is None:
            return None
        if self._linked is None:
            self._linked = {}
            for link, identity in sorted(self.links.items()):
                if place(link) not in THROWAWAY_PLACES:
                    self._linked.setdefault(identity, link)
        return self._linked.get(target)
