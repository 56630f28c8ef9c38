# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""How sure a finding is, from what was found and where.

A value whose shape only its issuer produces (a provider token with its prefix, a
private key) is a secret wherever it sits. A keyword heuristic (`password = "…"`) is
only as strong as its place: in deployable configuration or application code it
blocks; in tests, fixtures, seeds, documentation, examples and templates, where such
values are made up to exercise the code, it is a warning; in third-party code it is
not the project's to report.
"""

from __future__ import annotations

import re

from opencheck.deps.thirdparty import saved_site
from opencheck.lazyre import lazy
from opencheck.secrets.nonsecret import is_translation_path

HIGH = "high"
LOW = "low"

# Found by a keyword or a generic shape: their strength depends on the place. So does a
# symmetric JWK's secret (`"kty": "oct"`): like a password, anyone makes one up, and a
# test's is made up for the test; a key pair's private member blocks anywhere.
CONTEXTUAL_KINDS = frozenset({"password-assignment", "url-credentials", "jwt",
                              "kubernetes-secret", "secret-jwk"})

# A folder is a test folder when one of its words (split on - _ .) is one of these.
TEST_WORDS = frozenset({
    "test", "tests", "spec", "specs", "e2e", "testing", "testdata", "fixture", "fixtures",
    "__fixtures__", "__tests__", "__test__", "__mocks__", "mock", "mocks", "stub", "stubs",
    "fake", "fakes", "seed", "seeds", "cypress", "playwright", "benchmark", "benchmarks",
    # mock servers' stubs of the services an application calls (WireMock's mappings and
    # response files, MockServer's and Mockoon's expectations)
    "wiremock", "mockserver", "mockoon",
})
_WORDS = lazy(r"[-_.]")
# .NET and Java name test projects in one CamelCase word: `GetIntoTeachingApiContractTests`,
# `Api.IntegrationTests`, `UnitTests`.
_CAMEL_WORD = lazy(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_TEST_FILE = lazy(
    r"(?:^test_|_test\.\w+$|[._-](?:test|spec|e2e|stories|fixtures?|mock)\.\w+$|_spec\.rb$"
    r"|tests?\.(?:java|kt|cs|php)$|^conftest\.py$|^seed"
    # a file named test (Django's tests.py, a REST client's test.http), factory_boy's
    # factories of test data
    r"|^tests?\.\w+$|^factories\.py$"
    # Create React App's `setupTests.js`, `test-setup.ts`
    r"|^setup[-_.]?tests?\.\w+$|^tests?[-_.]setup\.\w+$)"
)
# A test runner's configuration and set-up files (`jest.config.integ.setup.ts`,
# `vitest.setup.ts`): tested with string operations, a name can be long.
_RUNNERS = ("jest.", "vitest.", "karma.", "mocha.", "jasmine.")


def _runner_file(name: str) -> bool:
    return name.startswith(_RUNNERS) and ("config" in name or "setup" in name)
DOC_WORDS = frozenset({"doc", "docs", "documentation", "wiki", "example", "examples",
                       "sample", "samples", "demo", "demos", "tutorial", "tutorials",
                       "guide", "guides", "swagger", "openapi", "apidoc", "apidocs"})
_DOC_FILE = lazy(r"\.(?:md|markdown|rst|adoc|asciidoc|ipynb)$|^readme|^(?:swagger|openapi)\b")
_TEMPLATE_FILE = lazy(
    r"[._-](?:example|examples|sample|template|tpl|dist|default|defaults|model)(?:\.\w+)?$"
    r"|^(?:example|sample|template)s?[._-]"  # `sample-situation.json`, `example.env`
)


def _folder_words(part: str) -> set[str]:
    """The words of a folder name, split on `-_.` and on CamelCase humps, lower-cased."""
    words = {word.lower() for word in _WORDS.split(part)}
    if part != part.lower():
        words.update(word.lower() for word in _CAMEL_WORD.findall(part))
    return words


def _camel_test_module(name: str) -> bool:
    """`testFaker.ts`, `mockBackend.js`, `fakeUsers.ts`: a helper module named in camelCase
    after tests (JavaScript's habit). A PascalCase name is a class's, whose test ones end
    in Test (`TestFlight.yml` is Apple's beta service, no test)."""
    stem = name.rsplit(".", 1)[0]
    if not stem[:1].islower() or stem == stem.lower():
        return False
    return bool(TEST_WORDS.intersection(word.lower() for word in _CAMEL_WORD.findall(stem)))


# Maven's integration tests (maven-invoker, failsafe): `src/it/` beside `src/main/` and
# `src/test/`; `it` alone is too common a folder name (Italian translations) to count.
_MAVEN_IT = "src/it/"


def place(path: str) -> str | None:
    """`test`, `documentation`, `example` or `translation` when the path says so."""
    lower = path.lower()
    parts = lower.split("/")
    name = parts[-1]
    if any(TEST_WORDS.intersection(_folder_words(part)) for part in path.split("/")[:-1]) or \
            _TEST_FILE.search(name) or _runner_file(name) or \
            _camel_test_module(path.rsplit("/", 1)[-1]) or \
            lower.startswith(_MAVEN_IT) or "/" + _MAVEN_IT in lower:
        return "test"
    if is_translation_path(path):
        return "translation"
    if _TEMPLATE_FILE.search(name):
        return "example"
    if any(DOC_WORDS.intersection(_WORDS.split(part)) for part in parts[:-1]) or \
            _DOC_FILE.search(name):
        return "documentation"
    return None


def camel_place(path: str) -> bool:
    """Whether a folder of the path is named for tests, examples or documentation in
    CamelCase words (`DemoRunner.app`, `ExampleProject`), as a library's own folders
    often are: asked of the paths inside another project's copy only."""
    return any((TEST_WORDS | DOC_WORDS).intersection(_folder_words(part))
               for part in path.split("/")[:-1])


# Copies of packages as their registry publishes them: a key in there (a package's
# test key, a dev server's self-signed certificate) is already public; so is a key in a
# saved copy of a web service's pages (`www.youtube.com/embed/…`: the service's own).
PUBLISHED_PACKAGES = frozenset({"node_modules", "bower_components", "jspm_packages",
                                "site-packages", "dist-packages"})


# A secret scanner's own configuration: gitleaks' allowlist, detect-secrets' baseline,
# Talisman's, GitGuardian's, TruffleHog's ignore lists. What is in there the project has
# reviewed and allowed: a warning, to check that it was revoked or is no secret.
SCANNER_FILES = frozenset({".gitleaks.toml", "gitleaks.toml", ".gitleaksignore",
                           ".secrets.baseline", ".talismanrc", ".gitguardian.yaml",
                           ".gitguardian.yml", ".trufflehogignore", ".secretlintrc.json"})


def scanner_config(path: str) -> bool:
    return path.rsplit("/", 1)[-1].lower() in SCANNER_FILES


# What a scanner's configuration may list without it being a leak: an identifier (an
# AWS access key id is no secret without its key), or a value only a guess calls a
# secret. A token or a key that works on its own still blocks there: allowing it in a
# private repository's scanner does not make it safe to publish.
ALLOWLISTED_KINDS = CONTEXTUAL_KINDS | {"aws-access-key"}


def confidence(kind: str, path: str) -> str:
    """HIGH for what blocks, LOW for what only warns."""
    if any(part in PUBLISHED_PACKAGES for part in path.split("/")[:-1]) or \
            saved_site(path) is not None or \
            (kind in ALLOWLISTED_KINDS and scanner_config(path)):
        return LOW
    if kind not in CONTEXTUAL_KINDS:
        return HIGH
    return LOW if place(path) is not None else HIGH


# A package that describes itself as a mock of a service (io-app's `apps/dev-api-server`,
# whose README opens "Mock server of io-backend for io-app development"): the whole
# folder is a test double, whatever its name, as a `mock/` folder is. Read in its
# README's opening and its manifest's description only: a real server's README that
# mentions a mock further down says nothing of itself.
_MOCK_SELF = lazy(r"\b(?:mock|fake|stub)(?:ed)?[ -]?(?:up )?(?:http |rest |graphql |api )?"
                  r"(?:server|api|backend|back-end|service)s?\b"
                  r"|\b(?:server|api|backend) (?:mock|stub|double)s?\b", re.IGNORECASE)
_TAGS = lazy(r"<[^<>]{0,500}>|!\[[^\]]{0,200}\]\([^)]{0,500}\)")
README_OPENING = 600  # characters of text, tags and images left out
MANIFEST_FILES = ("package.json", "composer.json", "pyproject.toml")
README_NAME = lazy(r"^readme(?:\.[a-z]{1,9})?$", re.IGNORECASE)


def describes_a_mock(readme: str | None, description: str | None) -> bool:
    """Whether a package's README opening or its manifest's description calls it a mock
    server (a fake API, a stub backend), in its first sentence."""
    if description and _MOCK_SELF.search(_first_sentence(description[:README_OPENING])):
        return True
    if not readme:
        return False
    opening = " ".join(_TAGS.sub(" ", readme[:README_OPENING * 4]).split())
    return bool(_MOCK_SELF.search(_first_sentence(opening[:README_OPENING])))


def _first_sentence(text: str) -> str:
    """What a text says of itself first (io-app's title, then "Mock server of
    io-backend…"), not a real server's next sentence pointing at the mock beside it
    ("The API of the service. In development, the app talks to the mock server…")."""
    end = _SENTENCE_END.search(text)
    return text[:end.start()] if end else text


_SENTENCE_END = lazy(r"[.!?](?:\s|$)")
