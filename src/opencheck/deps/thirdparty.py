# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
# REUSE-IgnoreStart (the banners below are examples, the patterns read SPDX tags)
"""Third-party code inside the repository, told from the project's own: one place that
the secrets, REUSE and licence families ask.

A file is third-party when it sits in a vendoring folder (`vendor/`, `third_party/`,
committed `node_modules/`, `static/lib/`, `public/bibliotheques/`...), is a bundle or
a minified file (`*.min.js`, `dist/*.js`, lines thousands of characters long), is a
package manager's own file (lockfiles, `.yarn/releases/*.cjs`, `.pnp.cjs`) or a build
tool's wrapper (`gradlew`, `mvnw`, `gradle/wrapper/`, `.paket/paket.bootstrapper.exe`:
the secrets family does not call its binary a committed artefact), or opens with
another library's banner (`/*! DSFR v1.12.1 | SPDX-License-Identifier: MIT */`,
`/*! jQuery v3.7.1 | (c) OpenJS Foundation */`) whose name is not the project's.
Files copied one by one under another holder's copyright are `deps/copied.py`'s.

A minified or bundled file built from the project's own source beside it (Moodle's
`amd/build/x.min.js` from `amd/src/x.js` and YUI modules from `yui/src/x/build.json`,
`dist/x.js` from `src/x.ts`) is the project's own build output, like a lockfile its own
generated file (`OWN_GENERATED`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from opencheck.folders import Folders
from opencheck.parsing import load_json
from opencheck.registry import Context, tree_reader
from opencheck.repository import FileEntry, Repository, is_binary
from opencheck.textdecode import decode_text

# Folders that hold someone else's code (the secrets family imports this module alone:
# it needs no licence identification).
VENDOR_DIRS = frozenset({
    "vendor", "vendors", "third_party", "third-party", "thirdparty", "3rdparty",
    "external", "externals", "extern", "node_modules", "bower_components",
})
VENDORED = "vendored-folder"
MINIFIED = "minified"
BUNDLE = "bundle"
LOCKFILE = "lockfile"
TOOL_RELEASE = "package-manager-release"
BANNER = "library-banner"
BUILD_WRAPPER = "build-tool-wrapper"
SAVED_SITE = "saved-web-site"
BUILD_OUTPUT = "own-build-output"
# The project's own generated files: kept in the index (the secrets family's keyword
# heuristics skip them like another project's code), but never called another's.
OWN_GENERATED = frozenset({LOCKFILE, BUILD_OUTPUT})
# What `by_path` finds that is another project's own source, whatever it holds (a
# minified file or a bundle may be built from the project's).
OTHERS_BY_PATH = frozenset({VENDORED, TOOL_RELEASE, BUILD_WRAPPER, SAVED_SITE})

# Folders that hold other projects' files as they were published.
LIBRARY_DIRS = VENDOR_DIRS | frozenset({
    "jspm_packages", "bibliotheques", "bibliothèques", "librairies", "lib-externes",
    "externes", "web_modules",
    # a committed virtualenv's installed packages, and the copies pip/setuptools vendor
    "site-packages", "dist-packages", "_vendor",
})
# `lib/` or `libs/` is the project's own code in most monorepos: only under an assets folder.
ASSET_DIRS = frozenset({"static", "assets", "public", "www", "wwwroot", "web", "resources"})
ASSET_LIBRARY_DIRS = frozenset({"lib", "libs", "js-lib", "plugins"})
LOCKFILES = frozenset({
    "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb",
    "gemfile.lock", "poetry.lock", "pipfile.lock", "pdm.lock", "uv.lock", "composer.lock",
    "cargo.lock", "go.sum", "mix.lock", "packages.lock.json", "flake.lock", "deno.lock",
    "gradle.lockfile", "podfile.lock", "pubspec.lock",
})
# Folders a build tool writes: generated bundles of the project and its dependencies.
BUILD_DIRS = frozenset({"storybook-static", "sb-manager", "sb-addons", "sb-preview",
                        "sb-common-assets", ".next", ".nuxt", ".docusaurus", ".svelte-kit"})
# A bundler names its output after a hash of the content (`1147.f1c10c2c.js`,
# `main.3e4f5a6b.chunk.js`): no person writes such a name, a build does.
_CONTENT_HASHED = re.compile(r"^[\w-]+\.([0-9a-f]{8,20})(?:\.chunk)?\.(?:js|mjs|cjs|css)$")
BUNDLED_SUFFIXES = (".js", ".mjs", ".cjs", ".css", ".map")
MINIFIED_SUFFIXES = (".min.js", ".min.mjs", ".min.cjs", ".min.css", "-min.js", ".min.js.map",
                     ".min.css.map", ".bundle.js", ".bundle.min.js")
# A build writes `<folder>/build/<path>/x.min.js` from `<folder>/src/<path>/x.js`.
OUTPUT_DIRS = frozenset({"build", "dist"})
SOURCE_DIR = "src"
YUI_BUILD = "build.json"  # Shifter's description of a Moodle YUI module, in its source folder
OUTPUT_SUFFIXES = (".min.js.map", ".min.css.map", ".bundle.min.js", ".bundle.js", ".min.js",
                   ".min.mjs", ".min.cjs", ".min.css", "-min.js", ".js.map", ".css.map",
                   ".js", ".mjs", ".cjs", ".css")
SOURCE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".jsx", ".tsx", ".vue", ".svelte",
                   ".css", ".scss", ".sass", ".less")
# A line this long in a script or style sheet is written by a minifier, not a person.
LONG_LINE = 2000
HEAD = 8192
MAX_TEXT = 1 << 20

# The name never ends with a space (the blanks after it are one possessive run): else
# each of its 40 lengths re-read the same run of blanks before failing.
_BANNER = re.compile(
    r"/\*[!*]?[ \t*\n]{0,20}(?:@license[ \t]+)?(?P<name>[A-Za-z][\w.@/ -]{0,40}?)"
    r"(?<! )[ \t]++v?(?P<version>\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?)\b(?P<rest>[^\n]{0,300})"
)
_SPDX = re.compile(r"SPDX-License-Identifier:[ \t]*(?P<id>[\w.+-]+)")
_LICENCE_WORD = re.compile(r"\b(?P<id>MIT|BSD|Apache|ISC|GPL|LGPL|MPL|CC0|Unlicense)\b"
                           r"(?:[- ](?P<version>\d(?:\.\d)?))?", re.IGNORECASE)
# REUSE-IgnoreEnd


@dataclass(frozen=True)
class ThirdParty:
    """Why a file is another project's, and what is known of that project."""

    reason: str
    component: str  # the folder or file that holds it, or the library's name
    licence: str | None = None
    version: str | None = None


# A build tool's wrapper, written by the tool (`gradle wrapper`, `mvn wrapper:wrapper`)
# under its own licence: the launcher scripts and what they load from `<tool>/wrapper/`.
WRAPPER_SCRIPTS = {"gradlew": "gradlew", "gradlew.bat": "gradlew", "mvnw": "mvnw",
                   "mvnw.cmd": "mvnw"}
WRAPPER_DIRS = {"gradle": "gradlew", ".mvn": "mvnw"}
# The binaries such a wrapper commits by design, by their last path components: the
# launcher runs them to fetch the tool (`gradle wrapper`'s jar, the Maven Wrapper's, and
# Paket's bootstrapper, which .NET projects commit beside an ignored paket.exe).
WRAPPER_BINARIES = frozenset({("gradle", "wrapper", "gradle-wrapper.jar"),
                              (".mvn", "wrapper", "maven-wrapper.jar"),
                              (".paket", "paket.bootstrapper.exe")})


def _wrapper(parts: list[str], lower: list[str]) -> ThirdParty | None:
    script = WRAPPER_SCRIPTS.get(lower[-1])
    folder = parts[:-1]
    if script is None and len(lower) >= 3 and lower[-2] == "wrapper":
        script = WRAPPER_DIRS.get(lower[-3])
        folder = parts[:-3]
    if script is None and tuple(lower[-2:]) in WRAPPER_BINARIES:
        return ThirdParty(BUILD_WRAPPER, "/".join(parts))
    if script is None:
        return None
    return ThirdParty(BUILD_WRAPPER, "/".join([*folder, script]))


# What Yarn 2+ writes in a `.yarn/` folder beside each package.json that pins it (the
# root's or a workspace's, `api/.yarn/releases/yarn-4.0.2.cjs`): Yarn's own code.
YARN_OWN_DIRS = frozenset({"releases", "plugins", "sdks"})


def _yarn_own(lower: list[str]) -> bool:
    return any(part == ".yarn" and lower[index + 1] in YARN_OWN_DIRS
               for index, part in enumerate(lower[:-2]))


def wrapper_binary(path: str) -> bool:
    """Whether the path is a build tool's wrapper binary, where the tool writes it
    (`backend/gradle/wrapper/gradle-wrapper.jar`), whatever the folder above."""
    lower = path.lower().rsplit("/", 3)
    return tuple(lower[-3:]) in WRAPPER_BINARIES or tuple(lower[-2:]) in WRAPPER_BINARIES


# A folder named after a web service's host (`www.youtube.com/`, `www.google-analytics.com/`,
# `platform.twitter.com/`) is what a crawler (`wget --mirror`, HTTrack) or a browser's
# "save page" wrote of that service's pages and scripts: its files, and the keys those
# services publish in them to every visitor, are theirs. Source hosts (github.com, a Go
# module path's first folder) are not listed: a project's own code lives under them.
SAVED_HOSTS = (
    "google.com", "youtube.com", "youtube-nocookie.com", "ytimg.com", "googlevideo.com",
    "google-analytics.com", "googletagmanager.com", "googleapis.com", "gstatic.com",
    "doubleclick.net", "googlesyndication.com", "googleadservices.com", "recaptcha.net",
    "facebook.com", "facebook.net", "fbcdn.net", "twitter.com", "twimg.com",
    "instagram.com", "cdninstagram.com", "flickr.com", "staticflickr.com", "linkedin.com",
    "licdn.com", "vimeo.com", "vimeocdn.com", "dailymotion.com", "dmcdn.net",
    "wikipedia.org", "wikimedia.org", "gravatar.com", "addthis.com", "hotjar.com",
    "cloudflare.com", "jsdelivr.net", "unpkg.com", "bootstrapcdn.com",
)
# WordPress's own code, committed with a site (`wp-admin/`, `wp-includes/`): a site's
# themes and plugins live in `wp-content/`, never there.
WORDPRESS_CORE = frozenset({"wp-admin", "wp-includes"})
# A compiled Apple framework (`JitsiMeet.framework/`, `*.xcframework/`): a library's
# binary, headers and resources as its build shipped them.
FRAMEWORK_SUFFIXES = (".framework", ".xcframework")
# Type signatures written from the installed gems, their documentation comments with
# them (the examples' sample passwords and keys of aws-sdk, actionview, uri...): Sorbet's
# `sorbet/rbi/gems/<gem>@<version>.rbi` (tapioca) and its community annotations, and the
# gems' own signatures `rbs collection install` copies into `.gem_rbs_collection/`.
GEM_SIGNATURES = (("sorbet", "rbi", "gems"), ("sorbet", "rbi", "annotations"))
GEM_SIGNATURE_COLLECTION = ".gem_rbs_collection"


def _saved_host(part: str) -> bool:
    return "." in part and any(part == host or part.endswith("." + host)
                               for host in SAVED_HOSTS)


def saved_site(path: str) -> str | None:
    """The folder of a saved copy of a web service's files holding the path, or None."""
    parts = path.split("/")
    for index, part in enumerate(parts[:-1]):
        if _saved_host(part.lower()):
            return "/".join(parts[:index + 1])
    return None


# Files that keep an empty folder in git, or configure a tool: nobody's code.
NOT_CODE = frozenset({".keep", ".gitkeep", ".gitignore", ".gitattributes", ".npmignore"})


def is_lockfile(path: str) -> bool:
    """Whether `by_path` calls this path a lockfile (its name alone tells; cheap)."""
    name = path.rsplit("/", 1)[-1].lower()
    return name in LOCKFILES and name not in NOT_CODE


def by_path(path: str) -> ThirdParty | None:
    """What the path alone tells. What its folders tell is worked out once per folder
    (`_by_folder`): a tree's 2,000 files lie in a few hundred."""
    folder, _, name = path.rpartition("/")
    name = name.lower()
    if name in NOT_CODE:
        return None
    if name in LOCKFILES:
        return ThirdParty(LOCKFILE, path)
    yarn_own, first, bundle, dist, last = _by_folder(folder)
    if yarn_own or name in (".pnp.cjs", ".pnp.js", ".pnp.loader.mjs"):
        return ThirdParty(TOOL_RELEASE, path)
    if name in WRAPPER_SCRIPTS or last in ("wrapper", ".paket", "rbi"):
        # a wrapper's files; a gem signatures' folder named by the file's own name
        # (`sorbet/rbi/gems`): the whole path read part by part
        return _by_parts(path)
    if first is not None:
        return ThirdParty(first[0], _first_parts(path, first[1]))
    if bundle is not None:
        return ThirdParty(BUNDLE, _first_parts(path, bundle))
    if name.endswith(MINIFIED_SUFFIXES):  # listed by folder: a page's scripts go together
        return ThirdParty(MINIFIED, folder or ".")
    hashed = _CONTENT_HASHED.match(name)
    if hashed is not None and any(c.isdigit() for c in hashed.group(1)) and any(
            c.isalpha() for c in hashed.group(1)):
        return ThirdParty(BUNDLE, folder or ".")
    if dist is not None and name.endswith(BUNDLED_SUFFIXES):
        return ThirdParty(BUNDLE, _first_parts(path, dist))
    return None


def _first_parts(path: str, count: int) -> str:
    return "/".join(path.split("/", count)[:count])


@lru_cache(maxsize=65536)
def _by_folder(folder: str) -> tuple[bool, tuple[str, int] | None, int | None, int | None,
                                     str]:
    """What a folder's path tells `by_path`: whether it is Yarn's own, the first of its
    folders naming another project's code (the reason, and how many parts name the
    component), the parts of its first build folder, those up to `dist/`, its last
    part lowercased."""
    lower = folder.lower().split("/") if folder else []
    yarn_own = any(part == ".yarn" and lower[index + 1] in YARN_OWN_DIRS
                   for index, part in enumerate(lower[:-1]))
    first: tuple[str, int] | None = None
    for index, part in enumerate(lower):
        if part == GEM_SIGNATURE_COLLECTION or tuple(lower[index:index + 3]) in GEM_SIGNATURES:
            first = (VENDORED, index + (2 if part == GEM_SIGNATURE_COLLECTION else 4))
        elif part in LIBRARY_DIRS:
            first = (VENDORED, index + 2)
        elif part.endswith(FRAMEWORK_SUFFIXES) or part in WORDPRESS_CORE:
            first = (VENDORED, index + 1)
        elif _saved_host(part):
            first = (SAVED_SITE, index + 1)
        elif part in ASSET_LIBRARY_DIRS and index > 0 and lower[index - 1] in ASSET_DIRS:
            first = (VENDORED, index + 2)
        else:
            continue
        break
    bundle = next((index + 1 for index, part in enumerate(lower) if part in BUILD_DIRS), None)
    dist = lower.index("dist") + 1 if "dist" in lower else None
    return yarn_own, first, bundle, dist, lower[-1] if lower else ""


def _by_parts(path: str) -> ThirdParty | None:
    """`by_path`, the path read part by part (what it did for every path)."""
    parts = path.split("/")
    lower = [part.lower() for part in parts]
    name = lower[-1]
    if name in NOT_CODE:
        return None
    if name in LOCKFILES:
        return ThirdParty(LOCKFILE, path)
    if _yarn_own(lower) or name in (".pnp.cjs", ".pnp.js", ".pnp.loader.mjs"):
        return ThirdParty(TOOL_RELEASE, path)
    wrapper = _wrapper(parts, lower)
    if wrapper is not None:
        return wrapper
    for index, part in enumerate(lower[:-1]):
        if part == GEM_SIGNATURE_COLLECTION or tuple(lower[index:index + 3]) in GEM_SIGNATURES:
            width = 2 if part == GEM_SIGNATURE_COLLECTION else 4
            return ThirdParty(VENDORED, "/".join(parts[:index + width]))
        if part in LIBRARY_DIRS:
            return ThirdParty(VENDORED, "/".join(parts[:index + 2]))
        if part.endswith(FRAMEWORK_SUFFIXES) or part in WORDPRESS_CORE:
            return ThirdParty(VENDORED, "/".join(parts[:index + 1]))
        if _saved_host(part):
            return ThirdParty(SAVED_SITE, "/".join(parts[:index + 1]))
        if part in ASSET_LIBRARY_DIRS and index > 0 and lower[index - 1] in ASSET_DIRS:
            return ThirdParty(VENDORED, "/".join(parts[:index + 2]))
    for index, part in enumerate(lower[:-1]):
        if part in BUILD_DIRS:
            return ThirdParty(BUNDLE, "/".join(parts[:index + 1]))
    if name.endswith(MINIFIED_SUFFIXES):  # listed by folder: a page's scripts go together
        return ThirdParty(MINIFIED, "/".join(parts[:-1]) or ".")
    hashed = _CONTENT_HASHED.match(name)
    if hashed is not None and any(c.isdigit() for c in hashed.group(1)) and any(
            c.isalpha() for c in hashed.group(1)):
        return ThirdParty(BUNDLE, "/".join(parts[:-1]) or ".")
    if "dist" in lower[:-1] and name.endswith(BUNDLED_SUFFIXES):
        index = lower.index("dist")
        return ThirdParty(BUNDLE, "/".join(parts[:index + 1]))
    return None


# Another project's release committed whole under a folder named after it (a Boost,
# Eigen or googletest source tree at `boost/`, `lib/eigen/`): no vendoring folder names
# it, but the folder holds that project's own licence file beside its own project files
# (README, INSTALL, build files), under another licence than the project's. Read from
# the folders as they were (an old commit's for a tree gone since): a library's example
# and test keys published with its releases are recognised there.
RELEASED_COPY = "released-copy"
LICENCE_FILE = re.compile(r"^(?:licen[cs]e|copying|unlicen[cs]e)(?:[-_.][\w.-]*)?$", re.IGNORECASE)
PROJECT_FILE = re.compile(
    r"^(?:readme|install|changelog|changes|news|authors|contributors)(?:[-_.][\w.-]*)?$"
    r"|^(?:cmakelists\.txt|makefile(?:\.am|\.in)?|configure(?:\.ac|\.in)?|jamroot|"
    r"meson\.build|sconstruct|setup\.py|setup\.cfg|pyproject\.toml|package\.json|"
    r"cargo\.toml|pom\.xml|build\.gradle(?:\.kts)?|go\.mod|composer\.json|"
    r"[\w.-]+\.gemspec|[\w.-]+\.cabal|[\w.-]+\.sln)$",
    re.IGNORECASE,
)
COPY_DEPTH = 3  # `boost/`, `lib/boost/`, `src/external/boost/`: where such copies sit
# A folder that also holds a contribution guide is another project's root, as published
# (ANSSI's CRY.ME holds Synapse at `cryme_server/src/synapse/sources/`, with its
# CONTRIBUTING.md, under the same Apache licence as CRY.ME): looked for deeper, and
# taken for a copy under the project's licence too. Of the 268 repositories measured,
# the four such folders outside vendoring ones (Synapse and Element in CRY.ME, a sort
# library in siconos, Dropzone in Lucca) are all other projects' copies.
CONTRIBUTING_FILE = re.compile(r"^contributing(?:\.[\w-]+)?$", re.IGNORECASE)
WHOLE_COPY_DEPTH = 8
# A folder named after a release (`JUCE 8.0.6/`, `boost_1_82_0/`, `jquery-3.6.0/`): an
# archive of another project unpacked as it is published; a project does not number
# its own folders so. Taken for a copy under the project's licence too (IGNF/IGNMap
# holds JUCE 8.0.6, AGPL like itself).
_RELEASE_NUMBER = re.compile(r"[ _-]v?\d{1,4}(?:[._]\d{1,4}){1,3}[a-z]?$")


def release_named(folder: str) -> bool:
    """Whether a folder's name is a name, then a release's number."""
    found = _RELEASE_NUMBER.search(folder)
    if found is None:
        return False
    head = folder[:found.start()]
    return head[:1].isalpha() and sum(character.isalpha() for character in head) >= 2


def _compact(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def named_after_project(folder: str, names: set[str]) -> bool:
    """Whether a folder's name is the project's, or one of its parts (`MixtComp/`,
    `RMixtComp/` in `modal-inria/MixtComp`): the project's own code."""
    name = _compact(folder)
    if len(name) < 3:
        return True  # `r/`, `js/`: too short to tell, the project's
    return any(name in own or (len(own) >= 3 and own in name)
               for own in map(_compact, names) if own)


def released_copy(path: str, entries: Callable[[str], list[str] | None],
                  licence: Callable[[str], str], project_licences: Callable[[], set[str]],
                  names: set[str]) -> ThirdParty | None:
    """The folder above `path` holding another project's release, from what the
    folders held: `entries(folder)` names the folder's entries, `licence(file)`
    identifies a licence file (an SPDX expression, "" when it names none known),
    `project_licences()` are those of the project's root licence files, asked only once
    a folder looks like a release (identifying them imports the licence matcher).
    Without one the root names (none, or none known), the project's own packages, each
    with its licence file and README, look the same as another project's release: none
    is taken for one."""
    parts = path.split("/")
    for index in range(1, min(len(parts) - 1, WHOLE_COPY_DEPTH) + 1):
        if named_after_project(parts[index - 1], names):
            continue
        folder = "/".join(parts[:index])
        listed = entries(folder) or []
        licences = sorted(name for name in listed if LICENCE_FILE.match(name))
        if not licences or not any(PROJECT_FILE.match(name) for name in listed):
            continue
        whole = any(CONTRIBUTING_FILE.match(name) for name in listed) or \
            release_named(parts[index - 1])
        if index > COPY_DEPTH and not whole:
            continue
        project = project_licences()
        if not any(project):
            return None
        found = [licence(f"{folder}/{name}") for name in licences]
        if project.intersection(found) and not whole:
            continue  # a part of the project under its licence (a monorepo's package)
        known = sorted({spdx for spdx in found if spdx})
        return ThirdParty(RELEASED_COPY, folder, " AND ".join(known) or None)
    return None


def banner(text: str) -> ThirdParty | None:
    """A library's banner at the top of a file: `/*! Name vX.Y | licence */`."""
    match = _BANNER.search(text[:2048])
    if match is None:
        return None
    rest = text[match.end("version"):match.end("version") + 400].split("*/", 1)[0]
    if not re.search(r"licen[cs]e|\(c\)|©|copyright|SPDX", rest, re.IGNORECASE):
        return None
    spdx = _SPDX.search(rest)
    word = _LICENCE_WORD.search(rest)
    licence = spdx.group("id") if spdx else (word.group(0).replace(" ", "-") if word else None)
    return ThirdParty(BANNER, match.group("name").strip(), licence, match.group("version"))


def banner_around(text: str, needle: str, names: set[str]) -> ThirdParty | None:
    """Another library's banner holding `needle` (an SPDX expression), anywhere in a
    file: a DSFR style sheet pasted into a Vue component keeps its own banner."""
    for match in _BANNER.finditer(text[:MAX_TEXT]):
        if needle not in match.group("rest"):
            continue
        found = banner(match.group(0))
        if found is not None and not is_own_library(found, names):
            return found
    return None


def by_content(path: str, head: bytes) -> ThirdParty | None:
    """What the first bytes tell: a minified script or style sheet, a library's banner."""
    name = path.rsplit("/", 1)[-1].lower()
    if not name.endswith(BUNDLED_SUFFIXES) or b"\0" in head[:HEAD]:
        return None
    sample = head[:HEAD]
    first_line = sample.split(b"\n", 1)[0]
    if len(first_line) >= LONG_LINE or (len(sample) >= HEAD and sample.count(b"\n") <= 2):
        return ThirdParty(MINIFIED, path.rsplit("/", 1)[0] if "/" in path else ".")
    return banner(sample.decode("utf-8", "replace"))


def project_names(repo: Repository) -> set[str]:
    """The names the project gives itself: its folder and its package manifests."""
    names = {repo.root.name.lower()}
    if repo.git is not None:
        names.add(repo.git.toplevel.name.lower())
    data = repo.read_bytes("package.json") if repo.exists("package.json") else None
    try:
        package = load_json(data.decode("utf-8-sig")) if data else None
    except (ValueError, UnicodeDecodeError, RecursionError):
        package = None
    if isinstance(package, dict) and isinstance(package.get("name"), str):
        full = package["name"].lower()
        names.update({full, full.rsplit("/", 1)[-1]})
    return {name for name in names if name}


def is_own_library(found: ThirdParty, names: set[str]) -> bool:
    """The banner names the project itself (the DSFR's own build files)."""
    if found.reason != BANNER:
        return False
    name = found.component.lower()
    return any(name == own or name in own.replace("-", " ").split() for own in names)


@dataclass
class Index:
    """Every third-party file of a snapshot, by path."""

    files: dict[str, ThirdParty]
    names: set[str] = field(default_factory=set)  # the project's own names
    # the project's files with another library pasted in (a Vue component with the
    # DSFR's styles): listed with that library, still the project's files
    fragments: dict[str, ThirdParty] = field(default_factory=dict)
    # where another project's code lies, made when first asked (`build_output`)
    _code_folders: Folders | None = field(default=None, init=False, repr=False)

    def get(self, path: str) -> ThirdParty | None:
        return self.files.get(path)

    def code(self, path: str) -> ThirdParty | None:
        """Another project's code; a lockfile or a build of the project's own sources
        is the project's own generated file."""
        found = self.files.get(path)
        return found if found is not None and found.reason not in OWN_GENERATED else None

    def components(self) -> dict[tuple[str, str], list[str]]:
        """(reason, component) -> its files, to list each component of code once."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for path, found in sorted({**self.files, **self.fragments}.items()):
            if found.reason not in OWN_GENERATED:
                grouped.setdefault((found.reason, found.component), []).append(path)
        return grouped

    def about(self, path: str) -> ThirdParty | None:
        return self.files.get(path) or self.fragments.get(path)

    def build_output(self, path: str, exists: Callable[[str], bool]) -> tuple[str, str] | None:
        """(the folder the project's build writes `path` in, the one it builds from),
        when REUSE may declare that whole folder by glob: `path` is built from the
        project's own source beside it (minified or not), and no other project's code
        lies in the folder (the glob would give it the project's licence)."""
        folders = output_folders(path)
        if folders is None:
            return None
        found = self.files.get(path)
        if found is None:  # not minified (a YUI module's -debug.js): still built from src/
            if own_source(path, exists) is None:
                return None
        elif found.reason != BUILD_OUTPUT:
            return None
        if self._code_folders is None:
            self._code_folders = Folders(
                p for p, f in self.files.items() if f.reason not in OWN_GENERATED)
        return None if folders[0] in self._code_folders else folders


def classify(repo: Repository, path: str, names: set[str],
             data: bytes | None = None) -> ThirdParty | None:
    """`data`: the file's bytes when already read."""
    found = by_path(path)
    if found is None and path.lower().endswith(BUNDLED_SUFFIXES):
        head = data[:HEAD] if data is not None else repo.read_head(path, HEAD)
        found = by_content(path, head) if head else None
        if found is not None and is_own_library(found, names):
            return None
    if found is not None and found.reason in (MINIFIED, BUNDLE):
        source = own_source(path, repo.exists)
        if source is not None and classify(repo, source, names) is None:
            return ThirdParty(BUILD_OUTPUT, path.rsplit("/", 1)[0] if "/" in path else ".")
    return found


def own_source(path: str, exists: Callable[[str], bool]) -> str | None:
    """The source a build made `path` from, when it is beside it: `amd/src/x.js` for
    `amd/build/x.min.js` (or its `.map`), `src/x.ts` for `dist/x.js`, the module's
    `build.json` for a Moodle YUI module (`yui/build/moodle-mod_x-name/…-min.js` from
    `yui/src/name/`, Shifter's layout); else None."""
    parts = path.split("/")
    lower = [part.lower() for part in parts[:-1]]
    at = _output_at(parts)
    name = parts[-1]
    suffix = next((end for end in OUTPUT_SUFFIXES if name.lower().endswith(end)), None)
    if at is None or suffix is None or len(name) == len(suffix):
        return None
    stem = "/".join([*parts[:at], SOURCE_DIR, *parts[at + 1:-1], name[:-len(suffix)]])
    found = next((stem + end for end in SOURCE_SUFFIXES if exists(stem + end)), None)
    if found is None and at + 2 == len(parts) - 1 and lower[at + 1].startswith("moodle-"):
        # `moodle-<component>-<name>`: several modules may come from one source folder
        # (`util-page` and `util-slot` from `yui/src/util/`)
        words = parts[at + 1].split("-")[2:]
        folders = ("/".join([*parts[:at], SOURCE_DIR, "-".join(words[:end]), YUI_BUILD])
                   for end in range(len(words), 0, -1))
        found = next((folder for folder in folders if exists(folder)), None)
    return found


def _output_at(parts: list[str]) -> int | None:
    """The index of the deepest `build/` or `dist/` among a path's folders."""
    return next((index for index in range(len(parts) - 2, -1, -1)
                 if parts[index].lower() in OUTPUT_DIRS), None)


def output_folders(path: str) -> tuple[str, str] | None:
    """The folder a build writes `path` in and the one it builds from, for the project's
    own build output: (`amd/build`, `amd/src`), (`yui/build`, `yui/src`), (`dist`, `src`)."""
    parts = path.split("/")
    at = _output_at(parts)
    if at is None:
        return None
    return "/".join(parts[:at + 1]), "/".join([*parts[:at], SOURCE_DIR])


# Pages and components where a library's code is pasted between the project's own.
HOST_SUFFIXES = (".vue", ".svelte", ".html", ".htm", ".erb", ".php", ".twig", ".jsx",
                 ".tsx", ".scss", ".less")
_READ_SUFFIXES = (*BUNDLED_SUFFIXES, *HOST_SUFFIXES)


def pasted(text: str, names: set[str]) -> ThirdParty | None:
    """The first banner of another library anywhere in a file."""
    for match in _BANNER.finditer(text[:MAX_TEXT]):
        found = banner(text[match.start():match.start() + 1024])
        if found is not None and not is_own_library(found, names):
            return found
    return None


def build(repo: Repository) -> Index:
    indexer = Indexer(repo)
    for entry in repo.files:
        if indexer.wants(entry):
            indexer.take(entry, None)
    return indexer.result()


class Indexer:
    """The index, path after path in the listing's order; a file whose bytes tell
    (a bundle's head, a page's pasted library) in the run's one read of the tree
    (a `treepass.TreeReader`)."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.index = Index({}, project_names(self.repo))

    def wants(self, entry: FileEntry) -> bool:
        """Whether the file's bytes are needed; else it is classified by its path now."""
        if entry.path.lower().endswith(_READ_SUFFIXES):
            return True
        self._add(entry.path, None)
        return False

    def take(self, entry: FileEntry, data: bytes | None) -> None:
        self._add(entry.path, data)

    def _add(self, path: str, data: bytes | None) -> None:
        index = self.index
        found = classify(self.repo, path, index.names, data)
        if found is not None:
            index.files[path] = found
        elif path.lower().endswith(HOST_SUFFIXES):
            if data is None:
                text = self.repo.read_text(path)
            else:
                text = None if is_binary(data) else decode_text(data)
            fragment = pasted(text, index.names) if text and "/*" in text else None
            if fragment is not None:
                index.fragments[path] = fragment

    def result(self) -> Index:
        return self.index


@tree_reader("deps.third-party", "dependencies")
def _indexer(ctx: Context) -> Indexer:
    return Indexer(ctx.repo)


def shared_index(ctx: Context) -> Index:
    """Third-party files of the snapshot, classified once per run for every family."""
    index: Index = ctx.read_tree("deps.third-party")
    return index


def lookup(ctx: Context) -> Callable[[str], ThirdParty | None]:
    """Whether a path is third-party: the run's index when it is built, else one path
    at a time (same answers: a run of the secrets rules alone asks about the few files
    with hits, and need not classify every file)."""
    index: Index | None = ctx.cached("deps.third-party")
    if index is not None:
        return index.get
    names = project_names(ctx.repo)
    return lambda path: classify(ctx.repo, path, names)
