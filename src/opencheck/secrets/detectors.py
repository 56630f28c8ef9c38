# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Content detectors: each finds one kind of secret or sensitive data in raw bytes.

The scan works on bytes and stays cheap on the common case, a file with nothing to
report. A pattern that starts with a literal (`AKIA`, `ghp_`, `glpat-`, one password
keyword) runs as is: `re` searches that literal at C speed. Others are gated first by
substrings any match must contain (`in` on bytes is a C memory search, shared between
detectors) or by a cheap shape test (the NIR's digit groups). No pattern with a literal
prefix starts with a look-behind or uses case folding, which would stop `re` from
searching that prefix: case is handled by running on the lower-cased bytes, boundaries
by testing the byte before a match. Every pattern is linear: a repetition that could
run into the next candidate is bounded, or a look-behind lets only the first byte of a
run start a match (`_NAME_START`, the JWT); tests/hostile/test_linear.py holds the
inputs that would make them quadratic. One alternation of all patterns was measured 15
times slower than separate passes. Every candidate then goes through a validator
(checksum, entropy, placeholder, word and example filters) before it is a `Hit`.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import dataclasses
import functools
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from opencheck.lazyre import compile_all, lazy
from opencheck.secrets import carried, jwk, multimatch, runs, versions
from opencheck.secrets.confidence import CONTEXTUAL_KINDS
from opencheck.secrets.fingerprints import value_name
from opencheck.secrets.masking import digest, mask
from opencheck.secrets.nonsecret import (
    LEET,
    Surroundings,
    browser_key,
    dismissed,
    k8s_decoded_not_secret,
    k8s_entry_value,
    k8s_key_not_secret,
    random_rest,
)
from opencheck.secrets.remember import remembered

SECRET = "secret"
SENSITIVE = "sensitive"
HOST = "host"
GENERIC = "password-assignment"
# A data dump (a CSV of NIRs, a key store in text) is reported by its first hits;
# past this many per detector and file, more findings would only weigh on memory.
MAX_HITS_PER_DETECTOR = 50
# Each candidate costs a validator call in Python: a file made of near-matches (5 MB of
# `secret="…"`) would cost minutes. Past this many candidates of one detector in one
# file, that detector stops reading the file (the scan stays linear with a bound).
MAX_CANDIDATES_PER_DETECTOR = 5000
# A check-digit detector (`Detector.keyed`) whose first CHANCE_SAMPLE values judged in a
# file hold fewer than one valid in CHANCE_RATE reports nothing there: a NIR's key is
# passed by one number in 97 drawn at random (a Gmsh mesh of BRGM's ComPASS: 20,000
# NIR-shaped runs, 227 "valid"), while a file of real NIRs has every key right.
CHANCE_SAMPLE = 200
CHANCE_RATE = 10

ALLOW_MARKERS = (b"opencheck: allow", b"opencheck:allow", b"gitleaks:allow",
                 b"pragma: allowlist secret")

Validator = Callable[[bytes, bytes, re.Match[bytes]], bool]


@dataclass(frozen=True)
class Hit:
    """One detected value. The raw value is not kept: only its hash (which never leaves
    this machine, `fingerprints`) and masked form."""

    kind: str
    category: str
    line: int
    column: int
    digest: str
    masked: str
    allowed_inline: bool = False
    # the name the value is given on its line (`DB_PASSWORD`), part of its fingerprint
    name: str = ""
    # a key the project publishes to browsers by design (nonsecret.browser_key): it warns
    browser_key: bool = False
    # a JWT a server on the developer's machine issued (issued_locally): it warns
    local_issuer: bool = False
    # on a line that is all comment (`// "registrationToken":"63b4…"`): checks/secrets
    # weighs it with the value's other places
    in_comment: bool = False


def value_key(hit: Hit) -> str:
    """What tells a value from another across files and versions (a finding's key)."""
    return f"{hit.kind}:{hit.digest[:16]}"


@dataclass(frozen=True)
class Detector:
    kind: str
    category: str
    pattern: re.Pattern[bytes]
    literals: tuple[bytes, ...]
    ignore_case: bool = False
    validate: Validator | None = None
    show_value: bool = False
    config_only: bool = False
    group: int = 1
    lowered: bool = False  # the pattern runs on the lower-cased bytes (same offsets)
    not_after: bytes = b""  # bytes that must not come just before a match
    must_follow: re.Pattern[bytes] | None = None  # must match the text just before
    gate: Callable[[bytes], bool] | None = None  # a cheap test any matching data passes
    # A word the file must hold somewhere for a match to count: searched once per file,
    # never per candidate (a validator must not read the whole file)
    file_holds: bytes = b""
    # Searched in the runs of the bytes its matches are made of (`runs.py`): for a
    # pattern Python cannot skip to, tried at every digit of a data file
    by_runs: bool = False
    # Validated by a check number that random digits pass once in a hundred tries: in a
    # table of numbers (a mesh, a data file), the few that pass are chance
    keyed: bool = False
    # Its judgement of a candidate reads only the candidate's line, bytes within
    # `carried.REACH` of it and the file-wide facts a `Surroundings` keeps: its hits in a
    # history's unchanged lines may be carried over from an older version (`carried`).
    # Said of a detector only once its validator and filters were read for it (a JWK's
    # member looks 16 KB away for its `kty`, a private address 4 KB back for an SVG).
    judged_near: bool = False


# -- filters shared by several detectors -------------------------------------------

KNOWN_EXAMPLES = frozenset({
    # values published in vendors' documentation, used in tutorials and tests
    b"AKIAIOSFODNN7EXAMPLE",
    b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9l"
    b"IiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    b"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    b"FR7630006000011234567890189",
    b"FR1420041010050500013M02606",
})

PLACEHOLDER_WORDS = (
    b"xxx", b"changeme", b"change_me", b"change-me", b"changeit", b"change_it",
    b"change-it", b"changethis", b"change_this", b"change-this", b"example", b"exemple",
    b"placeholder", b"your_", b"your-", b"yourpassword", b"votre", b"dummy", b"fake",
    b"sample", b"redacted", b"todo", b"tochange", b"a_changer", b"achanger", b"a-changer",
    b"remplacer", b"replace", b"insert", b"secret_here", b"here", b"mettre",
    # still to be chosen: `test:TODEFINED` (a format's sample in a comment), `à définir`
    b"todefine", b"to_define", b"to-define", b"tobedefined", b"to_be_defined",
    b"to-be-defined", b"adefinir", b"a_definir", b"a-definir", b"\xc3\xa0 d\xc3\xa9finir",
)
PLACEHOLDER_VALUES = frozenset({
    b"password", b"passwd", b"pass", b"secret", b"token", b"motdepasse", b"mot_de_passe",
    b"none", b"null", b"nil", b"true", b"false", b"test", b"testing", b"admin", b"root",
    b"default", b"undefined", b"required", b"optional", b"string", b"str", b"int",
    b"empty", b"unset", b"postgres", b"mysql", b"guest", b"user", b"username", b"foobar",
    b"secret123", b"password123", b"pass123", b"bearer", b"apikey", b"api_key",
})
INDIRECTION = (
    b"{{", b"${", b"#{", b"%(", b"environ", b"getenv", b"env(", b"env[", b"env.",
    b"vault", b"secretkeyref", b"lookup(", b"!secret", b"!vault", b"<%", b"keyring",
    b"config[", b"settings.", b"secrets.", b"credentials.", b"request.", b"input(",
)


@remembered
def entropy(value: bytes) -> float:
    """Shannon entropy in bits per byte."""
    if not value:
        return 0.0
    total = len(value)
    return -sum(n / total * math.log2(n / total) for n in Counter(value).values())



# The filters are compiled on first use (`lazyre`): a small run compiles few or none.
# In a large tree, compiled one by one amid the files being scanned, they left 15 MB
# more at the peak of a 64,000-file check (282 -> 296 MB after the tree scan; measured
# with every filter compiled first, at the start of the scan, or not): there they are
# all compiled first, for 5 to 8 ms.
EAGER_FILES = 1_000


def prepare(files: int, expected: int = 0) -> None:
    """Before scanning a tree of `files` files, in a run that is to scan about
    `expected` bytes (the tree's, and the history's when it is read): past
    CACHE_THRESHOLD, the databases an earlier run left in the cache are loaded now,
    rather than once that many bytes went through the Python patterns (a third of a
    small repository's tree scan: 0.01 s for 250 KB, the load 0.004 s)."""
    if files >= EAGER_FILES:
        compile_all()
    if expected >= CACHE_THRESHOLD and _engine is None and not _cached() and \
            expected >= ENGINE_THRESHOLD:
        _build_ahead()

# One search in C instead of fifty `in` tests in Python: this runs on every candidate.
_PLACEHOLDER_OR_INDIRECTION = lazy(
    b"|".join(re.escape(word) for word in (*PLACEHOLDER_WORDS, *INDIRECTION))
)


_ELLIPSIS = "\u2026".encode()  # `…`: text left out, as `...` is


@remembered
def looks_placeholder(value: bytes) -> bool:
    lower = value.lower()
    if value in KNOWN_EXAMPLES or lower in PLACEHOLDER_VALUES:
        return True
    if len(set(lower)) <= 2 or b"..." in value or b"***" in value or _ELLIPSIS in value:
        return True
    return _PLACEHOLDER_OR_INDIRECTION.search(lower) is not None


def _random_enough(value: bytes, minimum: float = 3.0) -> bool:
    return entropy(value) >= minimum and not looks_placeholder(value)


# -- validators ----------------------------------------------------------------------

_PEM_NOISE = lazy(rb"\\[nr]|\s|^[A-Za-z-]+:.*$", re.MULTILINE)


def _pem_body(_data: bytes, value: bytes, _m: re.Match[bytes]) -> bool:
    return _pem_body_random(value)


@remembered
def _pem_body_random(value: bytes) -> bool:
    """Whether a PEM block's body is base64 of high entropy, not a placeholder."""
    body = _PEM_NOISE.sub(b"", value)
    if len(body) < 64 or b"..." in value or looks_placeholder(body[:40]):
        return False
    base64ish = sum(1 for c in body if chr(c).isalnum() or c in b"+/=")
    return base64ish >= 0.95 * len(body) and entropy(body) >= 4.0


def _token(_data: bytes, value: bytes, _m: re.Match[bytes]) -> bool:
    return _random_enough(value, 3.0)


def _private_jwk(data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    """A JWK's private or secret member, of a key of its type, random, and not one of
    the keys the RFCs publish (`jwk.py`)."""
    return _random_enough(value, 3.5) and jwk.in_key(data, m) and \
        not jwk.published_sample(data, m)


def _aws_key_id(_data: bytes, value: bytes, _m: re.Match[bytes]) -> bool:
    return b"EXAMPLE" not in value and _random_enough(value[4:], 2.5)


def _json_part(part: bytes) -> object:
    """A JWT part decoded (base64url, then JSON), None when it is not one (nor when
    it nests deeper than Python recurses: a RecursionError would end the whole scan)."""
    try:
        return json.loads(base64.urlsafe_b64decode(part + b"=" * (-len(part) % 4)))
    except (ValueError, binascii.Error, RecursionError):
        return None


# OpenID Federation publishes these signed statements to anyone who asks (an entity's
# `/.well-known/openid-federation`): a trust mark (`id` or `trust_mark_id` with its
# `mark`, `ref` or `logo_uri`) and an entity statement (`jwks` with `authority_hints`,
# `metadata` or `metadata_policy`) grant nothing to whoever holds them.
_TRUST_MARK_CLAIMS = frozenset({"mark", "ref", "logo_uri"})
_ENTITY_CLAIMS = frozenset({"authority_hints", "metadata", "metadata_policy"})


def _public_statement(claims: object) -> bool:
    if not isinstance(claims, dict) or "iss" not in claims or "sub" not in claims:
        return False
    if "trust_mark_id" in claims or ("id" in claims and _TRUST_MARK_CLAIMS & claims.keys()):
        return True
    return "jwks" in claims and bool(_ENTITY_CLAIMS & claims.keys())


# A token written cut short in a docstring or a document (`eyJ….eyJ….LVyRDPVJm0S9q…`):
# its signature goes on elsewhere, or nowhere; what is written opens nothing.
_CUT = (b"...", "\u2026".encode())


# The claims of jwt.io's debugger sample (`"sub": "1234567890"`, `"iat": 1516239022`, a
# name): a token made there by editing the sample (another name, no `typ`) is a
# tutorial's, signed with whatever key was typed in the page.
_SAMPLE_CLAIMS = {"sub": "1234567890", "iat": 1516239022}


def _jwt_io_sample(claims: object) -> bool:
    return isinstance(claims, dict) and all(
        claims.get(name) == value for name, value in _SAMPLE_CLAIMS.items()) and \
        claims.keys() <= {"sub", "iat", "name", "admin"}


# A token whose claims say they are made up (aksel's local stand-in for Entra ID:
# `"aud": "fake-aud"`, `"oid": "fake-oid"`, `"name": "Fake Tokenensson"`): no issuer
# gives out such claims; three of them are enough.
_MADE_UP = ("fake", "dummy", "mock")
MADE_UP_CLAIMS = 3


def _made_up_claims(claims: object) -> bool:
    return isinstance(claims, dict) and sum(
        1 for value in claims.values()
        if isinstance(value, str) and value.lower().startswith(_MADE_UP)) >= MADE_UP_CLAIMS


def _jwt(data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    if value in KNOWN_EXAMPLES or data.startswith(_CUT, m.end()):
        return False
    header, payload = value.split(b".", 2)[:2]
    decoded = _json_part(header)
    if not isinstance(decoded, dict) or "alg" not in decoded:
        return False
    claims = _json_part(payload)
    return not _public_statement(claims) and not _jwt_io_sample(claims) and \
        not _made_up_claims(claims)


# A token that a server on the developer's own machine issued (`"iss":
# "http://127.0.0.1:8000/oidc/rp/"`, `http://localhost:8080/realms/dev`, a `.test` host):
# only that server accepts it. It warns, as a test's value does, rather than blocks.
_LOOPBACK = lazy(rb"^(?:127(?:\.\d{1,3}){3}|::1|0\.0\.0\.0)$")


# The issuer of the tokens the Supabase CLI's local stack signs with its published
# secret (`supabase start`: the same anon and service_role keys on every machine).
SUPABASE_CLI_ISSUER = "supabase-demo"
# Supabase's anon key (`"role": "anon"`, issuer `supabase`; none before 2022): what every
# page of a Supabase site sends, granting only what the tables' row-level security lets
# anyone do. Supabase documents it as safe in a browser; the service_role key, which
# bypasses that security, and any token naming a user (`sub`) stay secrets.
_ANON_KEY_CLAIMS = frozenset({"iss", "ref", "role", "iat", "exp"})


def _claims(value: bytes) -> object:
    parts = value.split(b".", 2)
    return _json_part(parts[1]) if len(parts) == 3 else None


def public_client_jwt(value: bytes) -> bool:
    """Whether a JWT is a Supabase project's anon key, made for browsers."""
    claims = _claims(value)
    return isinstance(claims, dict) and claims.get("role") == "anon" and \
        claims.get("iss", "supabase") in ("supabase", SUPABASE_CLI_ISSUER) and \
        claims.keys() <= _ANON_KEY_CLAIMS


def issued_locally(value: bytes) -> bool:
    """Whether a JWT's issuer (`iss`) is a loopback address or a reserved example or
    test name (`_EXAMPLE_HOST`), or, for a token issued for a day at most, a plain-http
    issuer named by one label (`http://op-test/`, a Compose service; OpenID Connect requires an
    https issuer, but TLS may end before the service: docs/secrets.md)."""
    claims = _claims(value)
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    if issuer == SUPABASE_CLI_ISSUER:
        return True
    if not isinstance(issuer, str) or "://" not in issuer:
        return False
    scheme, rest = issuer.split("://", 1)
    ends = [at for at in (rest.find(mark) for mark in "/?#") if at >= 0]
    authority = rest[:min(ends, default=len(rest))].rsplit("@", 1)[-1].lower()
    host = authority[1:].split("]", 1)[0] if authority.startswith("[") else \
        authority.split(":", 1)[0]
    name = host.encode("utf-8", "replace")
    if scheme.lower() == "http" and _SINGLE_LABEL.match(name) and _short_lived(claims):
        return True
    return bool(name) and (_LOOPBACK.match(name) is not None
                           or _EXAMPLE_HOST.search(name) is not None)


_SINGLE_LABEL = lazy(rb"^[a-z][a-z0-9-]{0,62}$")


# How long a token may be valid, by its own claims, and still be one that a leak
# hardly exposes: an access token or a client assertion (minutes to hours).
SHORT_LIFE = 24 * 3600


def _short_lived(claims: object) -> bool:
    """Whether a JWT's claims make it valid for a day at most: `exp` at most
    `SHORT_LIFE` seconds after its issue time (`iat`, else `nbf`). A single-label
    plain-http issuer is as often a real deployment behind TLS termination
    (`http://keycloak:8080/realms/x`, a Compose or cluster service name) as a
    development stack: its access tokens warn; a refresh or offline token (days, years,
    no `exp`) or one that gives no issue time blocks. Read from the token alone, never
    against the clock, so that one commit's report does not change with the date."""
    if not isinstance(claims, dict):
        return False
    expiry, issued = _number(claims.get("exp")), _number(claims.get("iat", claims.get("nbf")))
    # compared, never subtracted: a 400-digit integer less a float overflows
    return expiry is not None and issued is not None and \
        issued <= expiry <= issued + SHORT_LIFE


def _number(value: object) -> int | float | None:
    """A claim's number as JSON gave it (a boolean is none; never turned into a float,
    which a 400-digit integer overflows); `1e400` reads as infinity: none either."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


_DEV_PASSWORDS = frozenset({b"postgres", b"root", b"admin", b"guest", b"password", b"pass",
                            b"secret", b"user", b"test", b"mysql", b"rabbitmq", b"redis"})
_EXAMPLE_HOST = lazy(
    rb"(?:^|\.)(?:example\.(?:com|org|net)|localhost|[a-z0-9-]+\.(?:example|test|invalid))$"
)


_WORD_PART = rb"(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+)"
_WORDLIKE = lazy(rb"^" + _WORD_PART + rb"(?:[-_.]" + _WORD_PART + rb")*$")
_NAMED_PASSWORD = (b"passw", b"ssword", b"pwd", b"secret", b"motdepasse")


# Words written with a digit that names use as words (`e2e-tests-password`,
# `k8s-db-secret`, `oauth2-client-secret`): read as one word, the rest must still be
# words. A closed list: a word of letters around a digit is otherwise a password's habit.
_NUMERONYM = lazy(rb"(?<![A-Za-z0-9])(?:e2e|E2E|k8s|K8S|k3s|i18n|l10n|a11y|s3|S3|ec2|EC2"
                  rb"|oauth2|OAuth2|OAUTH2|b2b|b2c|p2p|2fa|2FA)(?![A-Za-z0-9])")


def looks_like_words(value: bytes) -> bool:
    """`store-map`, `token_given`, `X-API-Key`, `ReportingEndpoint`: names, not secrets.

    A real secret has a digit, a symbol or mixed case in no word pattern; a passphrase
    of plain lower-case words is left out, the price of not reporting every name.
    """
    if _WORDLIKE.match(value) is not None:
        return True
    # only a value with another word: `e2e` alone, or `s3` alone, names nothing
    named = _NUMERONYM.sub(b"word", value)
    return named != value and named != b"word" and _WORDLIKE.match(named) is not None


def _url_credentials(_data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    user, host = m.group(1), m.group(3).lower()
    value = value.lstrip(b":")  # `user::insecure@`: a doubled separator is not the password
    if value == user or value.lower() in _DEV_PASSWORDS or looks_placeholder(value):
        return False
    if looks_like_words(value) or any(word in value.lower() for word in _NAMED_PASSWORD):
        return False
    if _EXAMPLE_HOST.search(host) and entropy(value) < 3.5:
        return False
    return not value.startswith((b"$", b"%", b"{", b"<", b"["))


_NUMBERED = lazy(rb"(?<=[a-z])[-_.]\d{1,4}$")
_TESTISH = lazy(rb"(?:^|[-_.])(?:test|mock|stub|fake|dummy|demo|sample|example)(?:[-_.]|$)")
# `[A-Z0-9_]*_[A-Z0-9_]+` gives back every `_` of a run to try the next split (quadratic
# on `A____…`): the look-ahead finds one inner `_`, the rest is read once.
_UPPER_NAME = lazy(rb"^[A-Z](?=[A-Z0-9_]*_[A-Z0-9_])[A-Z0-9_]*+$")
_DOTTED_REF = lazy(rb"^[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*|\(\)|\[[^\]]*\])+$")
_CHAR_CLASSES = (lazy(rb"[a-z]"), lazy(rb"[A-Z]"), lazy(rb"[0-9]"),
                 lazy(rb"[^A-Za-z0-9]"))
# `'…password:'.$password.')'`: PHP's (or Perl's) concatenation of a variable;
# `'&token='.config('app.api_token')`, `"key=" + getKey(`: of a call, cut at its quote.
_CONCATENATED = lazy(rb"^[.+]\$[A-Za-z_]\w*(?:->\w+(?:\(\))?)*[.+]?$"
                           rb"|^[.+][ \t]*[A-Za-z_][\w\\]{0,60}(?:(?:::|->|\.)\w{1,60}){0,4}\($")
_PHRASE_MARKS = lazy(rb"[!?,;]+")
_PHRASE_SEPARATOR = lazy(rb"[-_. ]+")
_SECRET_NOUNS = (b"key", b"secret", b"password", b"passwd", b"token", b"pwd")
PHRASE_WORDS = 4


def _numbered_placeholder(words: bytes, digits: bytes) -> bool:
    """`key_test_123`: a test's name numbered; `so_secret_000`: a secret's name with a
    number typed to fill the place (`000`, `1111`, `123`), not drawn."""
    if _TESTISH.search(words):
        return True
    typed = len(set(digits)) == 1 or digits in b"1234567890"
    return typed and any(noun in words for noun in _SECRET_NOUNS)


def _self_described(name: bytes) -> bool:
    """`secret-key-padded-for-minimum-len!-app`, `ThisIsNotASecurePassword`: a phrase of
    words that names what it stands for, written like a sentence. A generated secret has
    no words; a person's passphrase does not call itself a key or a secret."""
    # `asqatasunDatabaseUserP4ssword` (Asqatasun's stock compose file): the same phrase,
    # spelled to pass a strength rule; only inside a word (`myapp-secret-key-3517` ends
    # in a number, which no letter stands for)
    spelled = _SPELLED_INSIDE.sub(lambda run: run.group().translate(LEET), name)
    if spelled != name:
        return _self_described(spelled)
    words = [w for w in _PHRASE_SEPARATOR.split(_PHRASE_MARKS.sub(b"", name)) if w]
    if len(words) == 1 and name.isalpha() and not name.islower():
        words = _CAMEL_WORDS.findall(name)  # PascalCase: one word per capital
        if sum(1 for w in words if len(w) == 1) > 1 or not all(
                len(w) == 1 or _VOWEL.search(w) for w in words):
            return False
        words = [w.lower() for w in words]
    if len(words) < PHRASE_WORDS or not all(w.isalpha() and w.islower() for w in words):
        return False
    return any(w.startswith(_SECRET_NOUNS) or w.endswith(_SECRET_NOUNS) for w in words)


_CAMEL_WORDS = lazy(rb"[A-Z][a-z]*|[a-z]+")
# Characters spelling letters (`P4ssword`, `p@ssw0rd`) between two letters.
_SPELLED_INSIDE = lazy(rb"(?<=[A-Za-z])[0134@5$7!]+(?=[A-Za-z])")
_VOWEL = lazy(rb"[aeiouyAEIOUY]")


# `--ks-pass="pass:$storePassword"`, `-passin env:KEY_PASS`, `-passout file:pw.txt`: where
# OpenSSL, keytool, jarsigner or bundletool read the password; only after `pass:` is it
# written in the line, and that part is judged as the value.
_PASSWORD_SOURCE = lazy(rb"^(pass|env|file|fd|stdin)(?::|$)")


# The longest literal read on past an escaped quote (the quoted value's own bound).
_LITERAL_MAX = 200


def _escaped_quote(value: bytes, data: bytes, after: int) -> bool:
    """Whether the quote closing `value` is escaped: an odd run of backslashes before it,
    or an even one (JSON's `\\\\'`, a source map's copy of `\\'`) with the word going on
    right after it (`Element\\\\'s title`)."""
    slashes = len(value) - len(value.rstrip(b"\\"))
    return slashes % 2 == 1 or (slashes > 0 and data[after:after + 1].isalnum())


def _whole_literal(data: bytes, value: bytes, m: re.Match[bytes]) -> bytes:
    """A quoted value that `_QUOTED` stopped at an escaped quote (`'Element\\'s default
    semantics…'`, axe-core's messages) read on to its real closing quote: what was cut
    there is a piece of the literal, not its value. Other values as they are."""
    quote = m.group(0)[-1:]
    if quote not in (b'"', b"'", b"`") or len(value) != m.end(1) - m.start(1):
        return value  # unquoted, or a shell expansion's default taken out of it
    whole, end = value, m.end()
    while _escaped_quote(whole, data, end):
        close = data.find(quote, end, end + _LITERAL_MAX)
        newline = data.find(b"\n", end, end + _LITERAL_MAX)
        if close < 0 or (0 <= newline < close) or len(whole) > _LITERAL_MAX:
            return whole + quote + data[end:end + _LITERAL_MAX].split(b"\n", 1)[0]
        whole, end = whole + quote + data[end:close], close + 1
    return whole


def _conditional_branch(data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    """`index % 2 == 0 ? "appbackend-API-KEY" : "appbackend-API-KEY-02"` (Terraform,
    JavaScript): the keyword ends a quoted string opened after a conditional's `?`, and
    the colon after it separates the two branches; the "value" is the other branch, a
    name of the same kind: it holds the first one's last word and nothing drawn besides
    its words. `debug ? "test-api-key" : "Xk9p…"` or `: "key-3ax6xnjp…"` gives a
    stand-in, then the key itself."""
    start = m.start()
    operator = data[start:m.start(1)]
    quote = operator[-1:] if operator[-1:] in (b'"', b"'") else b""  # the value's own
    operator = operator[:len(operator) - len(quote)]
    closing = next((mark for mark in (b'"', b"'") if mark in operator), None)
    if closing is None or b":" not in operator or b"=" in operator:
        return False
    line_start = data.rfind(b"\n", max(0, start - _LITERAL_MAX), start) + 1
    opening = data.rfind(closing, line_start, start)
    if opening < 0 or _CONDITIONAL.search(data, line_start, opening) is None:
        return False
    first = data[opening + 1:start + operator.index(closing)]
    word = first[len(first.rstrip(_LETTERS)):].lower()  # the keyword and what it ends
    other = value.lower()
    if not word or word not in other:
        return False
    words = sorted(first.lower().translate(_WORD_BREAKS).split(), key=len, reverse=True)
    return not random_rest(other, tuple(words))


# A conditional's `?` (`== 0 ? "…"`, `(ok) ? '…'`), not a sentence's (`Why? '…'`).
_CONDITIONAL = lazy(rb"[\s)]\?[ \t]*\Z")
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_WORD_BREAKS = bytes(c if chr(c).isalpha() and c < 128 else 32 for c in range(256))


def _assignment(data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    value = _whole_literal(data, value, m)
    if _conditional_branch(data, value, m):
        return False
    # `govuk_htpasswd::http_username:`: a Puppet (Hiera), Ruby, C++ or PHP scope, `::`,
    # read as the operator and a value; the name goes on. `…::password: '…'` has its own
    # candidate after the name. A value opening with a colon after a quote, a space or
    # `=` is a value.
    if value[:1] == b":" and m.string[m.start(1) - 1:m.start(1)] == b":":
        return False
    if m.group(0)[-1:] in b"\"'`":
        return _quoted_secret(value)
    return _unquoted_secret(value)


# The rest of the judgement depends on the value's bytes and its quoting alone: a
# history repeats each assignment in every version of its file (govuk-puppet: 109,000
# candidates to judge).
@remembered
def _quoted_secret(value: bytes) -> bool:
    return _assigned_secret(value, unquoted=False)


@remembered
def _unquoted_secret(value: bytes) -> bool:
    return _assigned_secret(value, unquoted=True)


def _assigned_secret(value: bytes, unquoted: bool) -> bool:
    source = _PASSWORD_SOURCE.match(value)
    if source:
        if source.group(1) != b"pass":
            return False
        value = value[source.end():]
    # a shell's `${DB_PASSWORD:-postgres}` arrives as its default alone (_expansion_default)
    if len(value) < 6 or looks_placeholder(value):
        return False
    if value[:1] in b"$%{<[(@!&*#/\\" or b" " in value.strip() or _CONCATENATED.match(value):
        return False
    # `_keycloak_access_token`: a private name is still a name; `__S3_SECRET_KEY__`, a
    # token a deployment script replaces, is a name between underscores
    name = value.strip(b"_")
    if _UPPER_NAME.match(name) or _DOTTED_REF.match(value) or looks_like_words(name):
        return False
    if _self_described(name):
        return False
    # `key_test_123`: a test name numbered; `correct-horse-battery-staple-42` is a passphrase
    numbered = _NUMBERED.sub(b"", name)
    if numbered != name and looks_like_words(numbered) and _numbered_placeholder(
            numbered.lower(), name[len(numbered) + 1:]):
        return False
    if b"{" in value and b"}" in value:
        return False  # an f-string or a template fills it in
    if unquoted and (b"(" in value or value.lower() in (b"yes", b"no", b"on")):
        return False  # an unquoted value that calls something is code, not a secret
    classes = sum(1 for pattern in _CHAR_CLASSES if pattern.search(value))
    return entropy(value) >= 3.0 or (classes >= 3 and len(value) >= 6)


_DIGIT_SHAPE = bytes.maketrans(b"0123456789 .", b"0000000000__")
_NIR_TAILS = tuple(b"000" + a + b"000" + b + b"00" for a in (b"", b"_") for b in (b"", b"_"))


def _nir_gate(data: bytes) -> bool:
    """A NIR ends with `ddd ddd dd` (spaces or dots optional): look for that shape first.

    Mapping digits to 0 and separators to _ takes one C pass; four substring searches
    then rule out most files, where the NIR regex would stop at every 1 and 2.
    """
    shape = data.translate(_DIGIT_SHAPE)
    return any(tail in shape for tail in _NIR_TAILS)


# A table's blanks between numbers, read this far on each side of a NIR-shaped run.
_BLANKS_BETWEEN_NUMBERS = 16


def _among_numbers(data: bytes, start: int, end: int) -> bool:
    """A number set among others by blanks on both sides: a histogram's counts (`12783
    13110 13583 14038 14237 14522`, a satellite image's metadata) or a control point's
    coordinates (`10 110 145.818192075722 -34.105385`) are a column of a table, where
    a person's number sits beside a name, a separator or a label."""
    before = start
    while before > max(0, start - _BLANKS_BETWEEN_NUMBERS) and data[before - 1] in b" \t":
        before -= 1
    if before == start or before == 0 or not data[before - 1:before].isdigit():
        return False
    after = end
    while after < min(len(data), end + _BLANKS_BETWEEN_NUMBERS) and data[after] in b" \t":
        after += 1
    if after == end:
        return False
    if data[after:after + 1] == b"-":
        after += 1
    return data[after:after + 1].isdigit()


def _nir(data: bytes, _value: bytes, m: re.Match[bytes]) -> bool:
    sex, year, month, dept, commune, order, key = m.groups()[1:8]
    if commune == b"000" or order == b"000":
        return False
    # one point and no other separator: a decimal number (`1.29894720163174`, a model's
    # parameter in BioPP/bpp-phyl); a NIR written with points has one between each group
    run = m.group(1)
    if run.count(b".") == 1 and b" " not in run:
        return False
    # cells of a table read as one number: assembled from blank- or dot-separated runs
    # (a person's number in a fixed-width extract is one run of 15 digits)
    if _among_numbers(data, m.start(1), m.end(1)) and any(
            separator in m.group(1) for separator in (b" ", b".")):
        return False
    dept_digits = {b"2A": b"19", b"2B": b"18"}.get(dept.upper(), dept)
    number = int(sex + year + month + dept_digits + commune + order)
    return 97 - number % 97 == int(key)


def _iban_fr(_data: bytes, value: bytes, _m: re.Match[bytes]) -> bool:
    compact = value.replace(b" ", b"").upper()
    if len(compact) != 27 or compact in KNOWN_EXAMPLES:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(chr(c), 36)) for c in rearranged)
    return int(digits) % 97 == 1


_GENERIC_ADDRESSES = frozenset({b"192.168.0.1", b"192.168.1.1", b"10.0.0.1"})


# Numbers an SVG path or shape runs together (`10.94.71.09` is 10.94, .71 and .09 in
# `d="… 11.64 10.94.71.09 1.32.56"`): the attribute's value is read back this far.
_SVG_GEOMETRY = (b" d=", b"\td=", b"\nd=", b"points=", b"transform=", b"viewBox=")
SVG_LOOKBACK = 4096


def _in_svg_geometry(data: bytes, start: int) -> bool:
    """Whether `start` lies in the value of an SVG element's geometry attribute: after
    the attribute's name and quote, inside a tag (an element opened since the last `>`;
    a private address in code's `let d="…"` is an address)."""
    low = max(0, start - SVG_LOOKBACK)  # searched in place: no 4 KB copy per candidate
    quote = max(data.rfind(b'"', low, start), data.rfind(b"'", low, start))
    return quote > low and data.endswith(_SVG_GEOMETRY, low, quote) and \
        data.rfind(b"<", low, quote) > data.rfind(b">", low, quote)


# A version of four numbers after what it numbers (`gfortran 10.2.0.4` in fiat's
# CMakeLists, `version 10.0.0.1`, `Python 3.10.0.1`): the words, lower-cased, read just
# before the number. A tool's name is followed by a blank only: `node: 10.x.y.z`, a
# cluster inventory's key, gives a host its address.
_VERSIONED = lazy(rb"(?:^|[^\w.-])(?:(?:v|ver|version|release|rev|revision|build)[ \t:=]{0,3}"
                  rb"|(?:gcc|g\+\+|gfortran|clang|icc|icx|ifort|ifx|nvcc|nvfortran|msvc"
                  rb"|python|java|jdk|node|cmake|perl|ruby|rustc|php|xcode|firefox|chrome"
                  rb"|windows)[ \t]{1,3})v?$")
VERSION_LOOKBEHIND = 24


def _a_version(data: bytes, start: int) -> bool:
    return _VERSIONED.search(data[max(0, start - VERSION_LOOKBEHIND):start].lower()) is not None


def _private_ipv4(data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    """A private host address; networks (.0), broadcasts (.255) and the routers' default
    addresses every tutorial uses say nothing about an infrastructure, nor numbers that
    an SVG drawing or a leading zero (`.09`) shows are no address, nor a version."""
    pieces = value.split(b".")
    parts = [int(p) for p in pieces]
    if any(p > 255 for p in parts) or parts[3] in (0, 255) or value in _GENERIC_ADDRESSES:
        return False
    if any(len(piece) > 1 and piece.startswith(b"0") for piece in pieces) or \
            _in_svg_geometry(data, m.start(1)) or _a_version(data, m.start(1)):
        return False
    first, second = parts[0], parts[1]
    return first == 10 or (first == 172 and 16 <= second <= 31) or (first == 192 and second == 168)


MAX_HOST_NAME = 253
_PUBLIC_INTERNAL = (b"cluster.local", b"docker.internal", b"svc.local")


# A name the reader is to replace with theirs: `my-base-url.local` (joinup's README),
# `mysite.intranet`, `myhost.local`.
_MY_HOST = lazy(rb"^my(?:[-_]|(?:domain|host|site|server|company|app|project|org|machine"
                rb"|name)[.-])")


def _internal_name(_data: bytes, value: bytes, m: re.Match[bytes]) -> bool:
    if len(value) > MAX_HOST_NAME:
        return False  # a run of labels longer than DNS allows is not a host name
    if m.string[m.end():m.end() + 1] in (b"?", b"(") and not m.group(0).startswith(
            (b"://", b"@")):
        return False  # `host: Rails.env.local? ? …`: a method called, not a name
    lower = value.lower()
    if any(lower.endswith(name) for name in _PUBLIC_INTERNAL) or _MY_HOST.match(lower):
        return False
    return not any(word in lower for word in PLACEHOLDER_WORDS)


# -- the detectors -------------------------------------------------------------------

_ALNUM = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_WORD = _ALNUM + b"_"
# One regex per keyword, each starting with a literal, so that re searches for that
# literal at C speed; a single alternation of all keywords is several times slower.
# `key` counts only after api, access, secret, private or auth (`api_key`, `secretKey`).
_KEYWORDS: tuple[tuple[bytes, re.Pattern[bytes] | None], ...] = (
    (rb"pass(?:word|wd|wort|e)?", None),  # also mot_de_passe, motdepasse
    (rb"pwd", None),
    (rb"secret", None),
    (rb"token", None),
    (rb"mdp", None),
    (rb"key", re.compile(rb"(?:api|access|secret|private|auth)[_-]?\Z")),
)
_OPERATOR = rb"[\"']?[ \t]*(?::=|=>|=(?!=)|:)[ \t]*"
_QUOTED = rb"[rbuf]?[\"'`]([^\"'`\r\n]{1,200})[\"'`]"
_BARE = rb"([^\s\"'`,;#]{1,200})"
# A PEM body never holds `-----`: a lazy body stops at the next armour line, so a file
# of repeated BEGIN lines costs one pass instead of one window per line.
_PEM_BODY = rb"(?:[^-]|-(?!----))"
# A pattern that starts with a repetition and has no literal prefix is tried at every
# byte: inside a run of `a.a.a…` each start would scan to the run's end (quadratic).
# The look-behind lets only the first byte of a run start a match (linear).
_NAME_START = rb"(?<![\w.-])"

DETECTORS: tuple[Detector, ...] = (
    Detector(
        "private-key", SECRET,
        re.compile(rb"-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----"
                   rb"(" + _PEM_BODY + rb"{64,16384}?)-----END"),
        (b"PRIVATE KEY",), validate=_pem_body,
    ),
    Detector(
        "openssh-private-key", SECRET,
        re.compile(rb"-----BEGIN OPENSSH PRIVATE KEY-----(" + _PEM_BODY + rb"{64,16384}?)-----END"),
        (b"PRIVATE KEY",), validate=_pem_body,
    ),
    Detector(
        "pgp-private-key", SECRET,
        re.compile(rb"-----BEGIN PGP PRIVATE KEY BLOCK-----(" + _PEM_BODY + rb"{64,65536}?)"
                   rb"-----END"),
        (b"PRIVATE KEY",), validate=_pem_body,
    ),
    Detector(
        "private-jwk", SECRET, jwk.PRIVATE, (), validate=_private_jwk, group=2,
        file_holds=b"kty",
    ),
    Detector(
        "secret-jwk", SECRET, jwk.SECRET, (), validate=_private_jwk, group=2,
        file_holds=b"kty",
    ),
    Detector(
        "aws-access-key", SECRET,
        re.compile(rb"((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})(?![A-Z0-9])"),
        (), validate=_aws_key_id, not_after=_ALNUM,
    ),
    Detector(
        "aws-secret-key", SECRET,
        re.compile(rb"aws_?secret_?(?:access_?)?key[\"']?\s*[:=]+>?\s*[\"']?"
                   rb"([a-z0-9/+]{40})(?![a-z0-9/+=])"),
        (), validate=_token, lowered=True,
    ),
    Detector(
        "gcp-service-account", SECRET,
        re.compile(rb"\"private_key_id\"\s*:\s*\"([0-9a-f]{40})\""),
        (b"private_key_id",), validate=_token, file_holds=b"service_account",
    ),
    Detector(
        "azure-connection-string", SECRET,
        re.compile(rb"(?:Account|SharedAccess)Key=([A-Za-z0-9+/]{30,}={0,2})"),
        (b"Key=",), validate=_token, by_runs=True,
    ),
    Detector(
        "github-token", SECRET,
        re.compile(rb"(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])"),
        (), validate=_token, not_after=_WORD,
    ),
    Detector(
        "gitlab-token", SECRET,
        re.compile(rb"(gl(?:pat|ptt|dt|rt|cbt|imt|oas|soat)-[A-Za-z0-9_-]{20,64})"
                   rb"(?![A-Za-z0-9_-])"),
        (), validate=_token, not_after=_WORD + b"-",
    ),
    Detector(
        "gitlab-token", SECRET,
        re.compile(rb"(GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"),
        (), validate=_token, not_after=_WORD + b"-",
    ),
    Detector(
        "slack-token", SECRET,
        re.compile(rb"(xox[abposr]-[0-9A-Za-z-]{10,250})"),
        (), validate=_token, not_after=_ALNUM,
    ),
    Detector(
        "slack-webhook", SECRET,
        re.compile(rb"https://hooks\.slack\.com/(?:services|workflows)/"
                   rb"(T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}|[A-Za-z0-9+/]{43,56})"),
        (b"hooks.slack.com",), validate=_token,
    ),
    Detector(
        "jwt", SECRET,
        # The look-behind after the literal keeps `re`'s prefix search and stops a run of
        # `eyJeyJ…` from starting one unbounded segment at every `eyJ` (quadratic).
        re.compile(rb"(eyJ(?<![A-Za-z0-9_-]eyJ)[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}"
                   rb"\.[A-Za-z0-9_-]{10,})"),
        (b"eyJ",), validate=_jwt, not_after=_WORD + b"-",
    ),
    Detector(
        "payment-key", SECRET,
        re.compile(rb"([sr]k_live_[0-9a-zA-Z]{24,99}"
                   rb"|access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}"
                   rb"|sq0(?:atp|csp)-[0-9A-Za-z_-]{22,43})"),
        (b"_live_", b"$production$", b"sq0"), validate=_token,
        not_after=_WORD, by_runs=True,
    ),
    Detector(
        "google-api-key", SECRET,
        re.compile(rb"(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])"),
        (), validate=_token, not_after=_WORD + b"-",
    ),
    Detector(
        "url-credentials", SECRET,
        re.compile(rb"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://([^\s:/?#@\"'<>]{1,64}):"
                   rb"([^\s/?#@\"'<>]{3,128})@([A-Za-z0-9.-]+)"),
        (b"://",), validate=_url_credentials, group=2,
    ),
    *(
        Detector(GENERIC, SECRET, re.compile(keyword + _OPERATOR + value), (),
                 validate=_assignment, lowered=True, config_only=bare, must_follow=owner,
                 judged_near=True)
        for keyword, owner in _KEYWORDS
        for value, bare in ((_QUOTED, False), (_BARE, True))
    ),
    Detector(
        "nir", SENSITIVE,
        re.compile(rb"(([12])[ .]?(\d{2})[ .]?(0[1-9]|1[0-2]|[2-9]\d)[ .]?"
                   rb"(\d{2}|2[ABab])[ .]?(\d{3})[ .]?(\d{3})[ .]?(\d{2}))(?![\w.,/-])"),
        (), validate=_nir, not_after=_WORD + b".,/-", gate=_nir_gate, by_runs=True,
        keyed=True,
    ),
    Detector(
        "iban-fr", SENSITIVE,
        re.compile(rb"(FR\d{2}(?: ?[0-9A-Z]{4}){5} ?[0-9A-Z]{3})(?![\w])"),
        (), validate=_iban_fr, not_after=_WORD,
    ),
    Detector(
        "internal-host", HOST,
        re.compile(rb"((?:10|172|192)\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![\w]|\.\d)"),
        (), validate=_private_ipv4, show_value=True, not_after=_WORD + b".",
    ),
    Detector(
        "internal-host", HOST,
        re.compile(_NAME_START + rb"((?:[a-z0-9-]+\.)*(?:rie\.gouv\.fr"
                   rb"|intranet(?:\.[a-z0-9-]+)+))(?![\w-])"),
        (b"rie.gouv", b"intranet"), ignore_case=True, validate=_internal_name,
        show_value=True, lowered=True,
    ),
    Detector(
        "internal-host", HOST,
        re.compile(rb"(?:://|@|\bhost(?:name)?[\"']?\s*[:=]\s*[\"']?)"
                   rb"((?:[a-z0-9-]+\.)+(?:local|intra|internal|intranet))(?![\w.-])"),
        (b".local", b".int"), ignore_case=True, validate=_internal_name,
        show_value=True, lowered=True,
    ),
)

CONFIG_SUFFIXES = (".env", ".yml", ".yaml", ".ini", ".cfg", ".conf", ".properties",
                   ".toml", ".sh", ".bash", ".envrc", ".tfvars", ".config", ".txt")


def is_config_path(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    return name.startswith(".env") or name.endswith(CONFIG_SUFFIXES) or name == "dockerfile"


# Below ENGINE_THRESHOLD bytes scanned in a process, compiling the Hyperscan databases
# (about 0.3 s) costs more than it saves: small repositories run the Python patterns
# directly. Databases an earlier run left in the user's cache load in a few
# milliseconds: they are used from CACHE_THRESHOLD bytes on, or from the first file of
# a run that is to scan that much (`prepare`); a 5-file repository never imports them.
ENGINE_THRESHOLD = 4 * 1024 * 1024
CACHE_THRESHOLD = 256 * 1024
_engine: multimatch.Engine | None = None
_scanned = 0
_cache_tried = False


# The engine also looks for this mark of a Kubernetes Secret manifest (the index after
# the detectors), so that a blob with no candidate is not searched once more for it.
KUBERNETES = len(DETECTORS)
# (the kind line without its line-start anchor: `Secret` alone made every source file
# naming a SecretKey and a `kind` a candidate, each searched again in Python)
_KUBERNETES_MARK = re.compile(rb"kind:[ \t]*[\"']?Secret")


def engine_patterns() -> list[multimatch.Spec]:
    """What the engine is built from, by index: (pattern, case-insensitive, bytes that
    must not come just before a match). A detector whose matches count only in a file
    holding a word (`file_holds`) is looked for by that word: its own pattern is
    searched in the files that hold it alone (`GATED`)."""
    specs: list[multimatch.Spec] = [
        (re.compile(re.escape(detector.file_holds)), False, b"") if detector.file_holds
        else _spec(detector) for detector in DETECTORS]
    return [*specs, (_KUBERNETES_MARK, False, b"")]


def _spec(detector: Detector) -> multimatch.Spec:
    return (detector.pattern, detector.lowered or detector.ignore_case, detector.not_after)


# The detectors looked for, in a file, only once it holds their word: a JWK's private
# member (`d: <base64url>`, `k: …`) has no rare literal for Hyperscan to find, and its
# two patterns doubled the database's time on alphagov/govuk-puppet's 269 MB of blobs
# (0.30 s -> 0.63 s); a member counts only beside a `kty`, which 7 of its 39,844 blobs
# hold. Their own patterns make a database of their own (`_gated_engine`).
GATED = frozenset(index for index, detector in enumerate(DETECTORS) if detector.file_holds)
_gated_engines: list[multimatch.Engine] = []


def _gated_engine() -> multimatch.Engine:
    """The prefilter of the GATED detectors' own patterns (built, or loaded, once)."""
    if not _gated_engines:
        specs = [_spec(detector) for detector in DETECTORS]
        _gated_engines.append(multimatch.build(specs, frozenset(range(len(specs))) - GATED))
    return _gated_engines[0]


def _gated_ends(found: dict[int, int], data: bytes) -> dict[int, int]:
    """`found` with each GATED detector it names (its word is in `data`) named again by
    its own pattern's superset, with that pattern's first end, or left out."""
    named = GATED.intersection(found)
    if named:
        precise = _gated_engine().first_ends(data)
        for index in named:
            if precise is None:
                found[index] = 0  # no prefilter: searched from the start
            elif index in precise:
                found[index] = precise[index]
            else:
                del found[index]
    return found


def engine() -> multimatch.Engine:
    """The prefilter of this process: Hyperscan when its wheel runs here, else none."""
    global _engine, _builder
    if _engine is None and _builder is not None:
        _builder.join()  # compiled ahead (`_build_ahead`): done, or nearly
        _builder = None
        _engine = _built.pop() if _built else None
    if _engine is None:
        _engine = multimatch.build(engine_patterns())
    return _engine


# With no database in the cache (a CI runner's first run), a run that is to scan past
# ENGINE_THRESHOLD compiles it in a thread from `prepare` on: Hyperscan's compiler lets
# go of the GIL, so the 0.1-0.2 s it takes pass on the other core while the tree is
# scanned with the Python patterns, and the database is used from the first file after
# it is ready.
_builder: threading.Thread | None = None
_built: list[multimatch.Engine] = []


def _build_ahead() -> None:
    global _builder
    if _builder is not None or _engine is not None:
        return
    patterns = engine_patterns()
    _builder = threading.Thread(target=lambda: _built.append(multimatch.build(patterns)),
                                name="hyperscan-compile", daemon=True)
    _builder.start()


# What a lockfile's old versions are searched for: secrets that work on their own (a
# provider's token, a private key). A guess from a keyword or a URL is never reported
# in a package manager's file (confidence.CONTEXTUAL_KINDS, third-party), and it writes
# no personal data. Their database is a third as costly per byte: most of a web
# application's history is versions of its lockfile.
STANDALONE = frozenset(index for index, detector in enumerate(DETECTORS)
                       if detector.category == SECRET and detector.kind not in CONTEXTUAL_KINDS)
_standalone_engine: multimatch.Engine | None = None


def standalone_engine() -> multimatch.Engine:
    """The prefilter of the STANDALONE detectors alone (built, or loaded, once)."""
    global _standalone_engine
    if _standalone_engine is None:
        patterns = engine_patterns()
        _standalone_engine = multimatch.build(
            patterns, frozenset(range(len(patterns))) - STANDALONE)
    return _standalone_engine


def export_engine() -> multimatch.Exported | None:
    """This process's Hyperscan database as bytes, if it built one (for workers)."""
    if isinstance(_engine, multimatch.HyperscanEngine):
        return _engine.export()
    return None


def install_engine(exported: multimatch.Exported | None) -> None:
    """In a worker: use the database the parent built, rather than building one."""
    global _engine
    if exported is not None:
        try:
            _engine = multimatch.HyperscanEngine.load(exported)
        except Exception:  # another platform's database: build one here instead
            _engine = None


def engine_name() -> str:
    """The engine of this run, for the report: the one built, else the one that would be."""
    return multimatch.describe(_engine) if _engine is not None else multimatch.expected_name()


def candidates(data: bytes, prefilter: multimatch.Engine | None = None,
               standalone: bool = False, earlier: versions.Versions | None = None,
               path: str = "") -> dict[int, int] | None:
    """The detectors that may match `data`, by index in DETECTORS (None: all), each with
    an offset no match of it ends before; KUBERNETES when the manifest mark is there.
    With `standalone`, only those of STANDALONE are looked for. `earlier` holds the
    previous versions of large files (a history's): the answer for a new version of
    `path` is then worked out from the bytes that changed."""
    global _scanned
    if prefilter is None:
        if _engine is None and not (_builder is not None and not _builder.is_alive()):
            _scanned += len(data)
            if _scanned < ENGINE_THRESHOLD and not (_scanned >= CACHE_THRESHOLD and _cached()):
                return None
        prefilter = standalone_engine() if standalone else engine()
        if earlier is not None and isinstance(prefilter, multimatch.HyperscanEngine):
            unbounded = _unbounded(standalone)
            if isinstance(unbounded, multimatch.HyperscanEngine):
                return _gated_ends(earlier.first_ends(
                    (path, standalone), data, prefilter.first_ends, prefilter.first_ends,
                    unbounded.first_ends, _bounds(), prefilter.always), data)
    found = prefilter.first_ends(data)
    return None if found is None else _gated_ends(found, data)


_bounds_found: list[versions.Bounds] = []
_unbounded_engines: dict[bool, multimatch.Engine] = {}


def _bounds() -> versions.Bounds:
    """Which detectors' matches have no bound, and the widest of the others that may
    span lines (worked out once, when a history first meets a file's second version)."""
    if not _bounds_found:
        patterns = [spec[0] for spec in engine_patterns()]
        _bounds_found.append(versions.bounds(patterns, runs.within_a_line, multimatch.widest))
    return _bounds_found[0]


def _unbounded(standalone: bool) -> multimatch.Engine:
    """A database of the unbounded detectors alone (of STANDALONE's, with `standalone`)."""
    engine_ = _unbounded_engines.get(standalone)
    if engine_ is None:
        patterns = engine_patterns()
        every = frozenset(range(len(patterns)))
        wanted = _bounds().unbounded & (STANDALONE if standalone else every)
        engine_ = _unbounded_engines[standalone] = multimatch.build(patterns, every - wanted)
    return engine_


def _cached() -> bool:
    """Whether the database compiled by an earlier run was loaded (tried once)."""
    global _engine, _cache_tried
    if not _cache_tried:
        _cache_tried = True
        _engine = multimatch.load_cached(engine_patterns())
    return _engine is not None


# detector index -> its widest match plus the margin, and whether its matches lie in one
# line, worked out (a parse of its pattern, 0.1 ms) for the detectors a run meets, not
# for all 33 at the first one
_widths: dict[int, tuple[int, bool]] = {}


def _earliest_start(index: int, first_end: int, data: bytes) -> int:
    """Where a detector's search may start: no match of it begins before its first
    possible end minus its widest match (0 for an open-ended pattern), nor, when its
    matches hold no newline, before the line of that end (every match ends at or after
    it, so one beginning on an earlier line would hold that line's end). An assignment's
    pattern is open-ended: from the line, govuk-puppet's history searches 644 MB, not
    1,074."""
    known = _widths.get(index)
    if known is None:
        pattern = DETECTORS[index].pattern
        known = _widths[index] = (multimatch.widest(pattern) + multimatch.MARGIN,
                                  runs.within_a_line(pattern))
    width, one_line = known
    start = max(0, first_end - width)
    if one_line:
        start = max(start, data.rfind(b"\n", 0, max(0, first_end - multimatch.MARGIN)) + 1)
    return start


URL_OR_GENERIC = frozenset({GENERIC, "url-credentials"})


def scan(data: bytes, path: str = "", categories: frozenset[str] | None = None,
         prefilter: multimatch.Engine | None = None, standalone: bool = False,
         earlier: versions.Versions | None = None) -> list[Hit]:
    """Every hit in `data`, in order, one per (kind, value, line).

    `prefilter` chooses the engine that picks the detectors to run (tests compare
    them); by default, the process's own. `standalone` runs the STANDALONE detectors
    only (a lockfile's old versions). `earlier`: a history's previous versions of
    large files (`versions.Versions`), from which the prefilter's answer for a new
    version is worked out; the hits are the same.
    """
    possible = candidates(data, prefilter, standalone, earlier, path)
    kubernetes = not standalone and (categories is None or SECRET in categories)
    if possible is None:
        kubernetes = kubernetes and b"Secret" in data and b"kind:" in data
    else:
        kubernetes = possible.pop(KUBERNETES, None) is not None and kubernetes \
            and b"kind" in data
        if not possible and not kubernetes:
            return []  # most files: no detector can match, nothing more to do
    lower: bytes | None = None
    config = is_config_path(path)
    hits: list[Hit] = []
    around = Surroundings(data, path)
    # a history's version of a file: the detectors' hits on the lines it shares with
    # the previous version are carried over (`carried`), each recorded for the next
    judged: dict[int, carried.Found] | None = None
    carry: carried.Carry | bool | None = False  # False: not looked for yet
    if earlier is not None and len(data) >= carried.SMALLEST:
        judged = {}
    seen: set[tuple[str, str, int]] = set()
    present: dict[tuple[bytes, bool], bool] = {}  # shared literals are searched once
    # only the detectors the prefilter names, in DETECTORS' order (hits are deduplicated
    # in that order): a blob with one candidate does not walk the whole list
    indexes = range(len(DETECTORS)) if possible is None else sorted(possible)
    for index in indexes:
        detector = DETECTORS[index]
        start = 0
        if standalone and index not in STANDALONE:
            continue
        if possible is not None:
            start = _earliest_start(index, possible[index], data)
        if categories is not None and detector.category not in categories:
            continue
        if detector.config_only and not config:
            continue
        if detector.literals:
            if detector.ignore_case:
                if lower is None:
                    lower = data.lower()
                haystack = lower
            else:
                haystack = data
            for literal in detector.literals:
                wanted = (literal, detector.ignore_case)
                found = present.get(wanted)
                if found is None:
                    found = present[wanted] = literal in haystack
                if found:
                    break
            else:
                continue
        if detector.gate is not None and not detector.gate(data[start:] if start else data):
            continue
        if detector.file_holds and detector.file_holds not in data:
            continue
        if detector.lowered and lower is None:
            lower = data.lower()
        if judged is not None and _carriable(index):
            if carry is False and earlier is not None:  # the first detector that runs
                carry = earlier.judged.carry((path, standalone), data, around)
            these = None if not isinstance(carry, carried.Carry) else carry.found(
                index, start, functools.partial(_found, detector, around, lower),
                MAX_HITS_PER_DETECTOR, MAX_CANDIDATES_PER_DETECTOR)
            if these is None:
                these = _found(detector, around, lower, start, len(data))
            judged[index] = these
            located: Iterable[tuple[int, Hit]] = these.hits
        else:
            located = _matches(detector, around, lower, start)
        for _offset, hit in located:
            key = (hit.kind, hit.digest, hit.line)
            if key not in seen:
                seen.add(key)
                hits.append(hit)
    if judged is not None and earlier is not None:
        earlier.judged.keep((path, standalone), carried.Judged(data, around, judged))
    if kubernetes:
        hits.extend(_kubernetes_secrets(data))
    if any(hit.kind == "gcp-service-account" for hit in hits):
        hits = [hit for hit in hits if hit.kind != "private-key"]
    named = [hit for hit in hits if hit.category == SECRET and hit.kind not in URL_OR_GENERIC]
    if named:  # `GITHUB_TOKEN=ghp_...`, `https://oauth2:glpat-…@`: the token detector names it
        lines = {hit.line for hit in named}
        values = {hit.digest for hit in named}
        hits = [hit for hit in hits
                if not (hit.kind == GENERIC and hit.line in lines)
                and not (hit.kind == "url-credentials" and hit.digest in values)]
    hits.sort(key=lambda hit: (hit.line, hit.column))
    return hits


_run_plans: dict[re.Pattern[bytes], runs.Plan | None] = {}


def _run_plan(detector: Detector) -> runs.Plan | None:
    """How a `by_runs` detector's pattern is searched by runs (worked out once)."""
    if not detector.by_runs:
        return None
    if detector.pattern not in _run_plans:
        _run_plans[detector.pattern] = runs.plan(detector.pattern)
    return _run_plans[detector.pattern]


def candidate_matches(detector: Detector, data: bytes, lower: bytes | None,
                      start: int = 0, end: int | None = None) -> Iterator[re.Match[bytes]]:
    """Where the detector's pattern matches from `start`, in order, before any validation.

    How candidates are found (this function, and `candidates` that picks the
    detectors worth running) is kept apart from what is done with them (`_matches`):
    a change of matching engine never changes a filter, and the reverse. Look-behinds
    and the checks below still see the bytes before `start`.
    """
    haystack = lower if detector.lowered and lower is not None else data
    for match in runs.finditer(detector.pattern, haystack, start, _run_plan(detector), end):
        begin = match.start()
        if detector.not_after and begin > 0 and data[begin - 1] in detector.not_after:
            continue
        if detector.must_follow is not None and not detector.must_follow.search(
            haystack, max(0, begin - 12), begin
        ):
            continue
        if match.group(detector.group) is None:
            continue
        yield match


# `${DB_PASSWORD:-devpass}` (shell, Compose): what follows `:-` (or `:=`, `:+`) is
# the default of an expansion, up to its closing brace. Read as a value, `-devpass}` was
# no value, and `${DB_PASSWORD:-Xk9…}` after `DB_PASSWORD=` hid its default. What
# follows `:?` is the error the shell prints when the variable is unset
# (`${SMTP_PASSWORD:?Error: SMTP_PASSWORD must be set}`): a message, never a value.
_EXPANSION_OPEN = lazy(rb"\$\{\w{0,80}$")
_EXPANSION = lazy(rb"\$\{\w{1,80}:?[-=?+]")
_EXPANSION_OPERATOR = (b"-", b"?", b"+")
_EXPANSION_ERROR = b"?"


def _expansion_default(data: bytes, keyword: int, begin: int, end: int) -> tuple[int, int]:
    """The bounds of the candidate; of the default it holds when it is an expansion or
    when its keyword sits in an expansion's name (empty when there is no default)."""
    if data.startswith(b"${", begin):
        found = _EXPANSION.match(data, begin, end)
        if found is None or data[found.end() - 1:found.end()] == _EXPANSION_ERROR:
            return begin, begin  # `${DB_PASSWORD}`: filled in at run time
        begin = found.end()
    elif _EXPANSION_OPEN.search(data, max(0, keyword - 82), keyword):
        operator = data[begin:begin + 1]
        if operator == _EXPANSION_ERROR:
            return begin, begin
        if operator in _EXPANSION_OPERATOR:
            begin += 1
    else:
        return begin, end
    close = data.find(b"}", begin, end)
    return begin, end if close < 0 else close


_carriable_detectors: dict[int, bool] = {}


def _carriable(index: int) -> bool:
    """Whether the detector's hits in a version's unchanged lines may be carried over to
    the next version (`carried`): its judgement is near (`Detector.judged_near`), its
    matches lie in one line each, and each candidate is judged on its own (no rate over
    the file, no file-wide gate or word)."""
    known = _carriable_detectors.get(index)
    if known is None:
        detector = DETECTORS[index]
        known = _carriable_detectors[index] = (
            detector.judged_near and not detector.keyed and detector.gate is None
            and not detector.file_holds and runs.within_a_line(detector.pattern)
            and versions.look_around(detector.pattern) <= versions.SLACK)
    return known


def _found(detector: Detector, around: Surroundings, lower: bytes | None, start: int,
           stop: int) -> carried.Found:
    """The detector's hits from the candidates starting in [start, stop), with the
    number of candidates judged."""
    tally = [0]
    hits = list(_matches(detector, around, lower, start, stop, tally))
    return carried.Found(hits, tally[0])


def _matches(detector: Detector, around: Surroundings, lower: bytes | None,
             start: int = 0, stop: int | None = None,
             tally: list[int] | None = None) -> Iterator[tuple[int, Hit]]:
    """Each hit with the offset where its match starts, in order; only the candidates
    starting before `stop` (by default all), counted into `tally[0]`."""
    data = around.data
    counted_to, line = 0, 1  # lines are counted incrementally: matches come in order
    found = candidates = 0
    group = detector.group
    # a check-digit detector's hits are held until its rate of valid keys is read
    held: list[tuple[int, Hit]] | None = [] if detector.keyed else None
    judged = valid = 0
    # the search stops past `stop`, as far as a look-ahead of a carried detector reads
    end = None if stop is None else min(len(data), stop + 2 * versions.SLACK)
    for match in candidate_matches(detector, data, lower, start, end):
        if found >= MAX_HITS_PER_DETECTOR or candidates >= MAX_CANDIDATES_PER_DETECTOR:
            break
        start = match.start()
        if stop is not None and start >= stop:
            break
        candidates += 1
        if tally is not None:
            tally[0] = candidates
        begin, end = match.start(group), match.end(group)
        if detector.kind == GENERIC:
            begin, end = _expansion_default(data, start, begin, end)
        value = data[begin:end]
        if not value or value in KNOWN_EXAMPLES:
            continue
        if detector.validate is not None:
            judged += 1
            passed = detector.validate(data, value, match)
            valid += passed
            if held is not None and judged == CHANCE_SAMPLE:
                if valid * CHANCE_RATE < judged:
                    return  # numbers drawn at random: their valid keys are chance
                yield from held
                held = None
            if not passed:
                continue
        if dismissed(detector.kind, value, around, begin):
            continue
        if detector.kind.endswith("private-key"):
            value = _PEM_NOISE.sub(b"", value)
        elif detector.category == SENSITIVE:
            value = value.replace(b" ", b"").replace(b".", b"")
        line_start, _line_end = around.line(start)
        line += data.count(b"\n", counted_to, start)
        counted_to = start
        found += 1
        hit = Hit(
            kind=detector.kind,
            category=detector.category,
            line=line,
            column=start - line_start + 1,
            digest=digest(value),
            masked=value.decode("utf-8", "replace") if detector.show_value
            else mask(value, detector.kind),
            allowed_inline=around.line_holds(start, ALLOW_MARKERS),
            name=value_name(data, line_start, begin),
            browser_key=browser_key(detector.kind, around, begin) or (
                detector.kind == "jwt" and public_client_jwt(value)),
            local_issuer=detector.kind == "jwt" and issued_locally(value),
            in_comment=around.comment_line(start),
        )
        if held is not None:
            held.append((start, hit))
        else:
            yield start, hit
    if held:
        yield from held


# Searched from its literal start, the line start checked apart: `(?m)^kind:` has no
# prefix `re` can look for, and tried every byte of a 400 KB source file naming a
# SecretKey (0.2 s over a small Rust history).
_K8S_KIND = lazy(rb"(?m)kind:[ \t]*[\"']?Secret[\"']?[ \t]*\r?$")
_K8S_DATA = lazy(rb"(?m)^(data|stringData):[ \t]*\r?$")
# The value is stripped in Python: `(.*?)[ \t]*$` retries the trailing blanks at every
# byte of the value (quadratic on a long line of spaces).
_K8S_ENTRY = lazy(rb"[ \t]+([\w.-]+):[ \t]*(.*)")


def _secret_kind(data: bytes, start: int, end: int) -> bool:
    """Whether `data[start:end]` has a `kind: Secret` line (at a line's start)."""
    return any(found.start() == 0 or data[found.start() - 1] == 0x0A
               for found in _K8S_KIND.finditer(data, start, end))


def _kubernetes_secrets(data: bytes) -> Iterator[Hit]:
    """Values under `data:`/`stringData:` of a manifest of `kind: Secret`.

    Document bounds are found once and each document's kind tested once, so a file of
    many `data:` sections costs one pass, not one pass per section.
    """
    if not _secret_kind(data, 0, len(data)):
        return
    separators = [m.start() for m in re.finditer(rb"\n---", data)]
    is_secret: dict[int, bool] = {}
    counted_to, line, found, entries = 0, 1, 0, 0
    for section in _K8S_DATA.finditer(data):
        index = bisect.bisect_left(separators, section.start())
        if index not in is_secret:
            start = separators[index - 1] + 1 if index > 0 else 0
            end = separators[index] if index < len(separators) else len(data)
            is_secret[index] = _secret_kind(data, start, end)
        if not is_secret[index]:
            continue
        position = section.end() + 1
        while position < len(data):
            end = data.find(b"\n", position)
            end = len(data) if end < 0 else end
            entry = _K8S_ENTRY.fullmatch(data, position, end)
            if entry is None:
                if data[position:end].strip() and not data[position:end].lstrip().startswith(b"#"):
                    break
                position = end + 1
                continue
            entries += 1
            if entries > MAX_CANDIDATES_PER_DETECTOR:
                return
            value = k8s_entry_value(entry.group(2))
            encoded = section.group(1) == b"data"
            if not k8s_key_not_secret(entry.group(1)) and _k8s_value_is_secret(value, encoded):
                if found >= MAX_HITS_PER_DETECTOR:
                    return
                found += 1
                line += data.count(b"\n", counted_to, position)
                counted_to = position
                line_text = data[position:end]
                yield Hit(
                    kind="kubernetes-secret", category=SECRET, line=line, column=1,
                    digest=digest(value), masked=mask(value, "kubernetes-secret"),
                    allowed_inline=any(marker in line_text for marker in ALLOW_MARKERS),
                    name=entry.group(1).decode("utf-8", "replace"),
                )
            position = end + 1


def _k8s_value_is_secret(value: bytes, encoded: bool) -> bool:
    if not value or value in (b"|", b">", b"|-", b">-") or looks_placeholder(value):
        return False
    if encoded:
        try:
            decoded = base64.b64decode(value, validate=True)
        except (ValueError, binascii.Error):
            return False
        return len(decoded) >= 4 and not looks_placeholder(decoded) and \
            not k8s_decoded_not_secret(decoded)
    # stringData holds the value in clear: judged like a decoded one.
    return len(value) >= 4 and not k8s_decoded_not_secret(value)


# A file above the snapshot's size limit is scanned in windows: memory stays at one
# window, and consecutive windows overlap by more than the longest match (a PGP key
# block) so that a secret across a boundary is seen whole in one of them.
STREAM_WINDOW = 4 * 1024 * 1024
STREAM_OVERLAP = 80 * 1024
MAX_STREAMED = 256 * 1024 * 1024  # past this, the rest of a file is not scanned


class Reader(Protocol):
    """A file, or anything that reads bytes like one."""

    def read(self, size: int = -1, /) -> bytes: ...


def scan_stream(handle: Reader, path: str = "", window: int = STREAM_WINDOW,
                overlap: int = STREAM_OVERLAP) -> list[Hit]:
    """Every hit in a file read window by window, lines counted from the file's start."""
    hits: list[Hit] = []
    seen: set[tuple[str, str, int]] = set()
    carry = b""
    lines_before = 0  # newlines in the file before `carry`
    read = 0
    while read < MAX_STREAMED:
        block = handle.read(window)
        if not block:
            break
        read += len(block)
        data = carry + block
        for hit in scan(data, path):
            moved = dataclasses.replace(hit, line=hit.line + lines_before)
            key = (moved.kind, moved.digest, moved.line)
            if key not in seen:  # a hit in the overlap is found by both windows
                seen.add(key)
                hits.append(moved)
        carry = data[-overlap:]
        lines_before += data.count(b"\n", 0, len(data) - len(carry))
    return hits
