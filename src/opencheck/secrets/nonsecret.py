# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Shapes that look like a secret to a keyword heuristic and are known not to be one.

Each class was found on real public-sector repositories: .NET assembly
`PublicKeyToken=…`, WS-Policy `IncludeToken="http://…"`, package specifiers
(`"npm:^2.4.4"`), CSS selectors (`input[type="password"]`), routes
(`agents/mot_de_passes#update`), format strings and templates, documentation
placeholders (`generate-with-openssl-rand-base64-32`, `sslmode=require`), keyboard or
counting sequences (`1234567890AZERTYUIOP`), tokens meant to be public (Mapbox `pk.`,
Algolia DocSearch search keys, Nx Cloud read-only tokens, PostHog project keys), the
start of a JWT header alone, a shell test's comparison, values encrypted for a
cluster (SealedSecret, SOPS, Ansible Vault) and translation strings. Only the
keyword heuristics (`password-assignment`) and URL credentials go through here: a
provider token or a private key is never dismissed by its surroundings.

Every test works on a bounded slice of bytes with substring searches or anchored
patterns without nested repetition, so a hostile file cannot make it slow.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re

from opencheck.lazyre import lazy
from opencheck.secrets.fingerprints import value_name
from opencheck.secrets.remember import remembered

GENERIC_KINDS = frozenset({"password-assignment", "url-credentials"})

# -- where the candidate sits -------------------------------------------------------

TRANSLATION_DIRS = ("locales", "locale", "i18n", "l10n", "translations", "translation",
                    "lang", "langs", "messages", "localizations", "localization",
                    "localisations", "localisation")
TRANSLATION_SUFFIXES = (".po", ".pot", ".xliff", ".xlf", ".arb", ".strings", ".resx")
# A Java resource bundle's translations: `<base>_<language>[_<COUNTRY>].properties`
# (`LocalizationBundle_cs.properties`, `ValidationMessages_pt_BR.properties`): a base
# name saying messages or labels, and an ISO 639-1 code of a language software is
# translated into. A Spring profile (`application-it.properties`) or `vault_de` is none.
_BUNDLE_LANGUAGES = frozenset({
    "ar", "be", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es", "et",
    "eu", "fa", "fi", "fr", "ga", "gl", "he", "hi", "hr", "hu", "hy", "id", "is", "it",
    "ja", "ka", "kk", "ko", "lb", "lt", "lv", "mk", "ms", "mt", "nb", "nl", "nn", "no",
    "pl", "pt", "ro", "ru", "sk", "sl", "sq", "sr", "sv", "th", "tr", "uk", "vi", "zh"})
_RESOURCE_BUNDLE = lazy(r"^(?P<base>[a-z][a-z0-9]{0,60}(?:[_-][a-z0-9]{1,60}){0,5}?)"
                              r"_(?P<language>[a-z]{2})(?:_[a-z]{2})?\.properties$")
_BUNDLE_WORDS = ("message", "bundle", "resource", "label", "text", "string", "locali",
                 "i18n", "lang", "translat", "wording", "libelle")
_CAMEL_WORDS = lazy(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")


def is_translation_path(path: str) -> bool:
    """Message catalogues: `config/locales/fr.yml`, `i18n/en.json`, `fr.po`,
    `Messages_fr.properties`..."""
    lower = path.lower()
    if lower.endswith(TRANSLATION_SUFFIXES):
        return True
    parts = lower.split("/")
    if any(part in TRANSLATION_DIRS for part in parts[:-1]):
        return True
    bundle = _RESOURCE_BUNDLE.match(parts[-1])
    if bundle is None or bundle.group("language") not in _BUNDLE_LANGUAGES:
        return False
    # the base's words as its author wrote them (`ValidationMessages`): a word must
    # open with a stem, so that `context_it` is not taken for `text`
    base = path.rsplit("/", 1)[-1][:bundle.end("base")]
    words = (word.lower() for word in _CAMEL_WORDS.findall(base))
    return "i18n" in base.lower() or any(word.startswith(_BUNDLE_WORDS) for word in words)


# -- the value itself -----------------------------------------------------------------

_PACKAGE_SPEC = lazy(
    rb"^(?:npm|jsr|workspace|link|file|portal|patch|catalog|github|gitlab|bitbucket"
    rb"|git\+[a-z]+|git):\S"
)
_VERSION_RANGE = lazy(rb"^[~^<>=v]{0,3}\d+(?:\.(?:\d+|x|\*))+(?:[-+][\w.]+)?$")
_URI = lazy(rb"^(?:[a-z][a-z0-9+.-]{1,20}://[^@?\s]*|urn:[\w:.-]+)$", re.IGNORECASE)
# A link with a query (`…/kc-action/recover-credentials?kc_locale=it`, an identity
# provider's `recover_password` page): a place unless a parameter may carry a credential.
_URI_QUERY = lazy(rb"^[a-z][a-z0-9+.-]{1,20}://[^@?\s]*\?([^@\s#]*)(?:#[^\s]*)?$",
                  re.IGNORECASE)
_QUERY_CREDENTIAL = (b"token", b"key", b"secret", b"pass", b"pwd", b"auth", b"sig", b"code",
                     b"session", b"ticket", b"jwt", b"access", b"cred", b"hash", b"otp")
# a parameter's value this short, or made of words, carries no credential of its own
_QUERY_VALUE = lazy(rb"^(?:[^&;=]{0,12}|[a-z]+(?:[-_.][a-z]+)*)$", re.IGNORECASE)


def _link_without_credential(value: bytes) -> bool:
    query = _URI_QUERY.match(value)
    if query is None:
        return False
    for parameter in query.group(1).replace(b";", b"&").split(b"&"):
        name, _equals, given = parameter.partition(b"=")
        if len(name) < 3 or any(word in name.lower() for word in _QUERY_CREDENTIAL) or \
                _QUERY_VALUE.match(given) is None:
            return False
    return True

# `input[type="password"]`, `.password-icon`; also `input[type=` when the keyword's
# quote stopped the value at the attribute's own quote.
_CSS = lazy(rb"^(?:[a-z][\w-]*)?(?:\[[^\]]{1,100}\])+|^[.#][a-z][\w-]*$"
                  rb"|^(?:[a-z][\w-]*)?(?:\[[^\]]{1,100}\])*\[[a-z][\w-]{0,40}[~|^$*]?=$",
                  re.IGNORECASE)
# A CSS custom property's name (`const ALERT_TOKEN = "--red-marianne-425-625"`, the
# DSFR's colour tokens): words and numbers after `--`, a name a style sheet reads.
_CSS_PROPERTY = lazy(rb"^--[a-z]+(?:-(?:[a-z]+|\d+))*$")
# A Python entry point (`"eds.ner_token" = "edsnlp.metrics.ner:NerTokenMetric"` in
# pyproject.toml): a dotted module, a colon and an attribute named in words.
_ENTRY_POINT = lazy(rb"^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+:"
                    rb"(?:(?:[A-Z][a-z]+){2,6}|[a-z]+(?:_[a-z]+)*)$")
# Each part a word, maybe numbered (`oauth2/token`, `api/v1/auth`): a route, an endpoint;
# maybe after the port it is served on (`8081/api-private/download/validate-password`,
# joined to a host by the front end's configuration).
_PATHLIKE = lazy(rb"^(?::?\d{2,5}/|/)?[A-Za-z_.-]+\d{0,2}(?:/[A-Za-z_.-]+\d{0,2})+"
                 rb"(?:#[A-Za-z_]+)?$")
# A file named for the key (`./node_modules/@org/mock/certs/key.pem`): a place, not a
# value. Relative from here, or ending in a file extension (base64 has no dot).
_FILE_PATH = lazy(rb"^(?:\.{1,2}/[\w@.+/-]+|(?:~/|/)?[\w@+-][\w@.+-]*(?:/[\w@.+-]+)+"
                        rb"\.[a-z]{2,5})$")
# A resource location a framework loads (Spring's `classpath:certificates/private.pem`,
# `classpath*:`, `file:/secrets/key.pem`): where the key file is, not the key.
_RESOURCE_LOCATION = lazy(rb"^(?:classpath\*?|file):(?:\.{0,2}/)*[\w@+-][\w@.+-]*"
                          rb"(?:/[\w@.+-]+)*\.[a-z0-9]{2,5}$")
_KEY_VALUE = lazy(rb"^[a-z_]+=[\w-]*$")
# `airflow-secret=postgres_credentials`: a secret named by where it is kept (Airflow's
# Kubernetes secrets, `ENV = <secret name>=<key>`), words on both sides.
_NAME_REFERENCE = lazy(rb"^[a-z]+(?:[-_][a-z]+)*=[a-z]+(?:[-_][a-z]+)*$")
_TEMPLATE = (b"%s", b"%d", b"%(", b"{}", b"{0}", b"{1}", b"${", b"$(", b"{{", b"#{", b"<%",
             b"%env(", b"$env:", b"process.env", b"import.meta.env")
# A tokenizer's or a router's substitution (`keyword.$0`, `string.$S2.delim`): a name
# filled in from a regular expression's groups.
_BACKREF = lazy(rb"\$S?\d{1,2}")
_NAME_PATH = lazy(rb"^[a-z]+(?:[-_.][a-z]+)*$")
# `id:api_key`, `user:password`: the format a value takes, described by its parts' names.
_FORMAT_DESCRIPTION = lazy(rb"^[a-z]+(?:_[a-z]+)*(?::[a-z]+(?:_[a-z]+)*)+$")
# `passW0rD`, `p@ssw0rd`, `s3cr3t`: the word itself, spelled to pass a strength rule.
LEET = bytes.maketrans(b"0134@5$7!", b"oieaasstl")
_SPELLED_WORDS = frozenset({b"password", b"motdepasse", b"secret", b"admin", b"changeme",
                            b"letmein"})
# `y0uRp4$$w0rD`, `s3cUreP4$$w0rD` (Logstash's stock logstash.yml): a phrase asking for a
# password, spelled the same way; the words before the credential's name say whose or
# which one, never what it is.
_PHRASE_TAILS = (b"password", b"passwd", b"passphrase", b"secret", b"motdepasse")
_PHRASE_WORDS = (b"your", b"votre", b"ton", b"my", b"mon", b"secure", b"strong", b"super",
                 b"very", b"complex", b"long", b"the", b"some",
                 # `topsecret`, `wow*verysecret`, `so_secret`: how much, said for a laugh
                 b"top", b"wow", b"so", b"such", b"ultra", b"extra")
_CODE = (b"+(", b")+", b"||", b"&&", b"=>", b"();", b".concat(", b"function(",
         # a regular expression or a sed command: `s/api_key:.*/…/`
         b".*", b".+", b"\\s", b"\\d", b"\\w")
# `defaultCitySDKPassword`, `sample_smtp_password`: a stand-in that says it is one, then
# whose, then which credential; the middle is words (CamelCase humps, a snake's parts),
# never a random run (`defaultXk9pQ2Password` is a value). The credential is taken off
# the end first, and each word of the middle is read whole (possessive): as one pattern
# whose words could split a run of letters anywhere, 200 letters cost 0.3 s.
_STAND_IN = lazy(rb"(?i:default|dummy|sample|example|fake|placeholder)[-_]?")
_CREDENTIALS = (b"password", b"passwd", b"pwd", b"secret", b"token", b"apikey", b"api-key",
                b"api_key", b"key")
_NAMED_WORDS = lazy(rb"(?:(?:[A-Z]?[a-z]{2,}+|[A-Z]{2,}+)[-_]?){0,3}")


def default_named(value: bytes) -> bool:
    """A stand-in named for whose credential it is (`defaultCitySDKPassword`)."""
    opening = _STAND_IN.match(value)
    if opening is None:
        return False
    lower = value.lower()
    return any(lower.endswith(credential) and len(value) - len(credential) >= opening.end()
               and _NAMED_WORDS.fullmatch(value, opening.end(), len(value) - len(credential))
               for credential in _CREDENTIALS)


# A string closed and opened again around a constant or a variable (PHP's
# `"PASSWORD=".BBB_ATTENDEE_PASSWORD."/"`, JavaScript's `"key="+API_KEY+"&"`): what
# the quotes hold is the concatenation, the value is the name's.
_CONCATENATED_NAME = lazy(rb"^([.+])[ \t]?(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|\$[A-Za-z_]\w{0,60})"
                         rb"[ \t]?\1$")
# A method called on an object (`Ext.setVersion(`, what an Ant `<replace token="…">`
# looks for in ExtJS's build file; `Ext.setVersion(&quot;ext&quot;,…)`): code to find
# or run, cut at its quoted argument or escaped for XML.
# Names of words, without digits: `Xk9pQ2vLm7wR.config(` is a value, then code.
_MEMBER_CALL = lazy(rb"^[A-Za-z_$]{1,60}(?:\.[A-Za-z_$]{1,60}){1,6}\(")
_DOC_WORDS = (b"generate", b"openssl", b"sslmode", b"mysecret", b"my_secret", b"my-secret",
              b"mypassword", b"my_password", b"my-password", b"mypass", b"myapikey",
              b"my-api-key", b"mytoken", b"my-token", b"notthe", b"test-key", b"test_key",
              b"testkey", b"-mock", b"_mock", b"mock-", b"mock_")
# What is left of a value once its placeholder words are taken out: a piece where
# letters and digits alternate three times or more (`8Xk2qZ` in `mypassword8Xk2qZ`) is
# drawn, not typed as an example; `base64`, `123456789` or `ConnectorRequest` are not.
_ALNUM_RUNS = lazy(rb"[a-z0-9]+")
_KIND_CHANGES = lazy(rb"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")


def random_rest(lower: bytes, words: tuple[bytes, ...]) -> bool:
    """Whether the value holds a drawn part besides the words (`lower` is lower-case)."""
    for word in words:
        lower = lower.replace(word, b" ")
    return any(len(_KIND_CHANGES.findall(piece)) >= 3 or
               (len(piece) >= 6 and len(_KIND_CHANGES.findall(piece)) == 2)
               for piece in _ALNUM_RUNS.findall(lower))


# `mypostgrespassword2`, `my_db_secret`: "my" and a credential's name, the stand-in of a
# local stack's example, written run together.
_MY_PLACEHOLDER = lazy(rb"^my[-_]?[a-z_-]{0,30}?(?:password|passwd|pwd|secret|token"
                             rb"|apikey|api_key)[-_]?\d{0,4}$")
# `'password' => 'required|min:8|confirmed'`: a framework's validation rules (Laravel,
# CodeIgniter) for the field, not its value.
_RULE = rb"[a-z_]{2,30}(?::[^|\s]{1,60})?"
_VALIDATION_RULES = lazy(rb"^" + _RULE + rb"(?:\|" + _RULE + rb"){1,20}$")
_RULE_WORDS = (b"required", b"nullable", b"sometimes", b"confirmed", b"string", b"min:",
               b"max:")
_SEQUENCES = (b"abcdefghijklmnopqrstuvwxyz", b"0123456789", b"1234567890",
              b"azertyuiop", b"qwertyuiop", b"qsdfghjklm", b"asdfghjkl", b"wxcvbn", b"zxcvbnm")


# `2024-04-30T15:33:19.000Z` under `DATE_PWD`, `password_changed_at`: when, not what.
_TIMESTAMP = lazy(rb"^\d{4}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-6]\d(?:[.,]\d{1,9})?)?"
                        rb"(?:Z|[+-][0-2]\d:?[0-5]\d)?)?$")


# A default's word and a counting run; French stand-ins too (eva-serveur's review apps
# give their seeded accounts `bidon123456`, "dummy" counted).
_WEAK_DEFAULT = lazy(
    rb"^(?:admin|administrator|password|passw0rd|pass|test|user|root|secret|azerty|qwerty"
    rb"|demo|guest|changeme|default|motdepasse|mdp|bidon|factice|fictif|essai|exemple)"
    rb"[-_.@#!]?(?:1234567890|123456789|12345678"
    rb"|1234567|123456|12345|1234|123|0000|1111)[-_.@#!]?$")


# `SomeKey1234567890`, `yourToken123456`: a phrase's words naming a credential, then a
# counting run typed to fill the place.
_COUNTED_PLACEHOLDER = lazy(
    rb"^(?:some|my|your|the|a|an|test|example|sample|dummy|fake)[-_]?(?:api[-_]?|access[-_]?"
    rb"|secret[-_]?|private[-_]?)?(?:key|secret|token|password|passwd|pass|pwd)[-_]?"
    rb"(?:0?123456789?0?|0123|1234)$")


@remembered
def _predictable(value: bytes) -> bool:
    """Mostly counting or keyboard runs (`1234567890AZERTYUIOP`, `AbC-dEf5`) or one short
    unit repeated (`1A1A1A1A`): typed by a person as an example, never generated."""
    text = bytes(c for c in value.lower() if chr(c).isalnum())
    if len(text) < 6:
        return False
    covered = [False] * len(text)
    for start in range(len(text) - 2):
        piece = text[start:start + 3]
        if any(piece in run for run in _SEQUENCES):
            for index in range(start, start + 3):
                covered[index] = True
    if sum(covered) >= 0.6 * len(text) or _interleaved_runs(text) or _alphabet_walk(text):
        return True
    for width in (1, 2, 3):
        for start in range(len(text) - 4 * width + 1):
            unit = text[start:start + width]
            if text[start:start + 4 * width] == unit * 4:
                return True
    return False


ALPHABET_WALK = 12  # letters in a row at least: a drawn value has one in 26 ** 11 chances


def _alphabet_walk(text: bytes) -> bool:
    """`fG2hI6jK0lM4nO8pQ2rS6tU0vW4xY8zA2bC` (rapportnav2's local JWT key), `uV3wX7yZ1aB5…`:
    the alphabet walked in order, back to `a` after `z`, digits put in between."""
    letters = bytes(c for c in text if 97 <= c <= 122)
    if len(letters) < ALPHABET_WALK or len(letters) < 0.6 * len(text):
        return False
    return all((following - current) % 26 == 1
               for current, following in itertools.pairwise(letters))


def _interleaved_runs(text: bytes) -> bool:
    """`a1b2c3d4e5f6` (Rails' sample secrets.yml), `1a2b3c4d`: a letter run and a
    counting run typed in turn."""
    if len(text) < 6 or len(text) % 2:
        return False
    first, second = text[0::2], text[1::2]
    if first.isdigit():
        first, second = second, first
    return first.isalpha() and second.isdigit() and \
        any(first in run for run in _SEQUENCES) and any(second in run for run in _SEQUENCES)


# `strong-64-character-random-string`, `some_random_value`, `random-32-chars`: words
# telling what to generate, in a template or a local configuration; a generated value
# has no words.
_DESCRIPTION_WORDS = lazy(rb"[a-z]+|\d+")
_MADE = frozenset({b"random", b"generated", b"unique"})
_WHAT = frozenset({b"string", b"strings", b"value", b"values", b"characters", b"character",
                   b"chars", b"char", b"bytes", b"hex", b"key", b"secret", b"password",
                   b"token"})


_DESCRIBING = _MADE | _WHAT | frozenset({
    b"strong", b"long", b"secure", b"some", b"a", b"an", b"of", b"here", b"your", b"at",
    b"least", b"min", b"minimum", b"length", b"alphanumeric", b"base", b"with", b"the"})


# `dev-gateway-shared-secret-minimum-32-chars`: words naming the value and the length
# it must have, a stand-in that tells what to put in its place.
# (in the singular too: Lucca's `secret_jwt_key_need_256_bit_of_length`)
_LENGTH_UNITS = frozenset({b"chars", b"char", b"characters", b"character", b"bytes", b"byte",
                           b"bits", b"bit", b"caracteres", b"caractere", b"octets", b"octet"})


def _states_its_length(pieces: list[bytes]) -> bool:
    """Words and numbers only, one of them naming a credential and a number followed by
    a unit of length (`32-chars`)."""
    if len(pieces) < 4 or not all(piece.isalpha() or piece.isdigit() for piece in pieces):
        return False
    named = _WHAT.difference(_LENGTH_UNITS).intersection(pieces)
    return bool(named) and any(first.isdigit() and second in _LENGTH_UNITS
                               for first, second in itertools.pairwise(pieces))


def _describes_a_value(lower: bytes) -> bool:
    if len(lower) > 80 or not _DESCRIPTION_SEPARATED.match(lower):
        return False
    if _states_its_length(_WORD_SEPARATORS.split(lower)):
        return True
    words = _DESCRIPTION_WORDS.findall(lower)
    if len(words) < 3 or not all(word.isdigit() or word in _DESCRIBING for word in words):
        return False
    return bool(_MADE.intersection(words)) and bool(_WHAT.intersection(words))


_DESCRIPTION_SEPARATED = lazy(rb"^[a-z0-9]+(?:[-_. ][a-z0-9]+){2,10}$")


# `Str0ng_passW0rd`, `y0ur-s3cr3t`: the same words written apart
_WORD_SEPARATORS = lazy(rb"[-_. *+]")


# `topsecret123`, `mysecurepassword1234`: the phrase, then a counting run to make it look
# like a password (the weak defaults' habit, `secret123`, for a phrase).
_COUNT_TAIL = lazy(rb"[-_.@#!]?(?:1234567890|123456789|12345678|1234567|123456|12345|1234|123)"
                   rb"[-_.@#!]?$")


# `import-task-123`, `order_item_1234`: words of an identifier, then a counting run to
# number it: a made-up name for an example (a FreeMarker macro's documented call in
# lutece-core, `token='import-task-123'`), never drawn at random.
_COUNTED_IDENTIFIER = lazy(rb"^[a-z]{3,}+(?:[-_][a-z]{3,}+){1,4}[-_](?:123|1234|12345|123456)$")


def _counted_phrase(lower: bytes) -> bool:
    tail = _COUNT_TAIL.search(lower)
    if tail is None or tail.start() == 0:
        return False
    head = _WORD_SEPARATORS.sub(b"", lower[:tail.start()].translate(LEET))
    return head in _SPELLED_WORDS or _spelled_phrase(head)


def _spelled_phrase(spelled: bytes) -> bool:
    """`yourpassword`, `securepassword`, `strong_password` (after the leet letters are read
    back and the separators dropped): words of a request for a password, ending with the
    credential's name."""
    head = next((spelled[:-len(tail)] for tail in _PHRASE_TAILS if spelled.endswith(tail)),
                None)
    if not head:
        return False
    while head:
        word = next((word for word in _PHRASE_WORDS if head.startswith(word)), None)
        if word is None:
            return False
        head = head[len(word):]
    return True


# `"access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSU"` in an API's documented example: the
# start of a JWT's header alone (`{"typ":"JWT","alg":"RS`), which every token of that
# issuer shares in clear; without a payload and a signature it grants nothing.
_JOSE_HEADER = lazy(rb'^\{[ \t]*"(?:typ|alg|kid|x5t|cty)"[ \t]*:')
JOSE_HEADER_MAX = 400


def _jose_header(value: bytes) -> bool:
    if not value.startswith(b"eyJ") or len(value) > JOSE_HEADER_MAX or b"." in value:
        return False
    usable = value[:len(value) - len(value) % 4]
    try:
        decoded = base64.urlsafe_b64decode(usable)
    except (ValueError, binascii.Error):
        return False
    return _JOSE_HEADER.match(decoded) is not None


def _natural_words(value: bytes) -> bool:
    """`Régénérer`, `默认服务密码`: words of a language, not a generated secret."""
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if text.isascii():
        return False
    letters = text.replace(" ", "").replace("-", "").replace("_", "").replace("'", "")
    return letters.isalpha()


# The secrets a product ships in its own stock configuration, the same in every install
# and printed in its documentation: a copy of that file (Grafana's `grafana.ini`, whose
# `;secret_key` line is commented out) holds no secret of the project. Another value in
# the same place is the project's own.
PUBLISHED_DEFAULTS = frozenset({
    b"SW2YcwTIb9zpOOhoPsMm",  # Grafana's secret_key (conf/defaults.ini, conf/sample.ini)
    # Scality's S3 server (CloudServer, Zenko): the access and secret keys its image
    # starts with, printed in its README and in every project that tests against it
    b"accessKey1", b"verySecretKey1",
    # Directus's SECRET in the docker-compose.yml its documentation gives to start with
    # (its KEY beside it, `255d861b-…`, names no credential)
    b"6116487b-cda1-52c2-b5b5-c8022c45e263",
})


# The digests of nothing: MD5, SHA-1 and SHA-256 of the empty string, what a tool writes
# where no password was set (a Talend project's `password="D41D8CD98F00B204E9800998ECF8427E"`).
EMPTY_DIGESTS = frozenset({
    b"d41d8cd98f00b204e9800998ecf8427e", b"da39a3ee5e6b4b0d3255bfef95601890afd80709",
    b"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})


# A Firebase Cloud Messaging registration token (`<instance id>:APA91b…`): the address of
# one app install to push notifications to, which only the project's FCM server
# credentials can send to; it opens nothing (pass-emploi's first API pushed to a
# developer's phone from a route).
_FCM_REGISTRATION = lazy(rb"^[A-Za-z0-9_-]{11,40}:APA91b[A-Za-z0-9_-]{100,250}$")


def value_class(value: bytes) -> str | None:
    """The non-secret class of a value on its own, or None."""
    if value in PUBLISHED_DEFAULTS:
        return "published-default"
    if _FCM_REGISTRATION.match(value):
        return "device-address"
    lower = value.lower()
    if lower in EMPTY_DIGESTS:
        return "empty-digest"
    if value != value.strip():
        return "string-fragment"  # `"Bearer " + token`: a piece of a built string
    if _TIMESTAMP.match(value):
        return "timestamp"
    if _VALIDATION_RULES.match(value) and any(word in value for word in _RULE_WORDS):
        return "validation-rules"
    if _PACKAGE_SPEC.match(lower) or _VERSION_RANGE.match(value):
        return "package-specifier"
    if _URI.match(value) or _link_without_credential(value):
        return "uri"
    if any(marker in lower for marker in _TEMPLATE):
        return "template"
    if b"$" in value and _NAME_PATH.match(_BACKREF.sub(b"x", value)):
        return "template"
    if any(marker in value for marker in _CODE) or _CONCATENATED_NAME.match(value) or \
            _MEMBER_CALL.match(value):
        return "code-expression"
    if _FORMAT_DESCRIPTION.match(value):
        return "format-description"
    spelled = lower.translate(LEET)
    if spelled in _SPELLED_WORDS or _spelled_phrase(_WORD_SEPARATORS.sub(b"", spelled)) or \
            _counted_phrase(lower):
        return "spelled-word"
    if _jose_header(value):
        return "jwt-header"
    if _CSS.match(value):
        return "css-selector"
    if _CSS_PROPERTY.match(value):
        return "css-custom-property"
    if _ENTRY_POINT.match(value):
        return "entry-point"
    if _PATHLIKE.match(value) or _FILE_PATH.match(value) or _RESOURCE_LOCATION.match(value):
        return "path-or-route"
    if _NAME_REFERENCE.match(value):
        return "name-reference"
    if _KEY_VALUE.match(lower) or _MY_PLACEHOLDER.match(lower) or default_named(value) or \
            _describes_a_value(lower) or (any(word in lower for word in _DOC_WORDS)
                                          and not random_rest(lower, _DOC_WORDS)):
        return "doc-placeholder"
    if _predictable(value) or _WEAK_DEFAULT.match(lower) or _COUNTED_PLACEHOLDER.match(lower) \
            or _COUNTED_IDENTIFIER.match(value):
        return "predictable-sequence"
    if _natural_words(value):
        return "natural-language"
    if _encoded_name(value):
        return "encoded-name"
    return None


_BASE64 = lazy(rb"^[A-Za-z0-9+/]{8,200}={0,2}$")


def _encoded_name(value: bytes) -> bool:
    """`Y29uY291cnNlLXdlYgo=`: base64 of a name (`concourse-web`), of a weak default or of
    a typed sequence, judged as a Kubernetes Secret's decoded value is; or of a number
    (`MTg5MDIxNzQ=`, an identifier a mock payment's `token` carries)."""
    if len(value) % 4 or not _BASE64.match(value):
        return False
    try:
        decoded = base64.b64decode(value, validate=True).strip()
    except (ValueError, binascii.Error):
        return False
    return len(decoded) >= 4 and (k8s_decoded_not_secret(decoded) or (
        decoded.isdigit() and len(decoded) <= MAX_ENCODED_DIGITS
        and int(decoded) <= MAX_IDENTIFIER))


# An identifier is a number an id column holds, a signed 64-bit integer (a database
# key, a snowflake id: 19 digits at most); 20 digits are 66 bits, a drawn numeric key's.
MAX_ENCODED_DIGITS = 19
MAX_IDENTIFIER = 2**63 - 1


# -- the value in its context ------------------------------------------------------

# `kind: SealedSecret`, `kind: "SealedSecret"`, `"kind": "SealedSecret"` (YAML or JSON).
_SEALED_SECRET = lazy(rb"[\"']?kind[\"']?[ \t]*:[ \t]*[\"']?SealedSecret\b")
_ENCRYPTED_VALUE = (b"ENC[AES256_GCM", b"$ANSIBLE_VAULT;", b"-----BEGIN PGP MESSAGE")
# Staticman (comments on static sites) has a site's secrets, a reCAPTCHA key, encrypted
# with its server's RSA key (its /encrypt endpoint) before they go in staticman.yml or
# _config.yml: base64 of an RSA block, 172 characters for 1024 bits, 344 for 2048.
_RSA_CIPHERTEXT = lazy(rb"^[A-Za-z0-9+/]{168,1400}={0,2}$")
# A DocSearch / Algolia search client: its key can only search a public index.
_SEARCH_ONLY = (b"indexname", b"docsearch", b"algoliasearch(", b"places(")
CONTEXT = 400
_K8S_SECRET = lazy(rb"(?m)^kind:[ \t]*[\"']?Secret[\"']?[ \t]*\r?$")
K8S_HEAD = 65536


# What opens a line that is all comment, in the languages a key turns up in.
COMMENT_MARKERS = (b"//", b"#", b"/*", b"*", b";", b"<!--")
# A `#` that opens code: a template's or a preprocessor's directive (Velocity's
# `#set($password = "…")`, C's `#define`), the word right after it.
_HASH_DIRECTIVE = lazy(rb"#(?:set|define|undef|if|ifdef|ifndef|elif|elseif|else|endif"
                       rb"|include|pragma|macro|foreach)\b")


class Surroundings:
    """One file as the tests on its candidates see it, each fact about the whole file or
    a whole line worked out once.

    A file can hold thousands of candidates (the budget is 5,000 per detector) on one
    5 MB line: a search of the file or of the line per candidate made that minutes.
    Here a file-wide fact is searched once per file, a line's bounds are found once per
    run of candidates on it (they come in order), a word in a line is searched once
    per line.
    """

    def __init__(self, data: bytes, path: str = "") -> None:
        self.data = data
        self.path = path
        self._bounds = (0, -1)  # the last line found: its first byte, its end
        self._in_line: dict[tuple[int, tuple[bytes, ...], bool], bool] = {}
        self._sealed: bool | None = None
        self._kubernetes: bool | None = None
        self._holds: dict[bytes, bool] = {}

    def line(self, position: int) -> tuple[int, int]:
        """The line holding `position`: its first byte and its end (its newline, or the
        end of the data)."""
        start, end = self._bounds
        if not start <= position <= end:
            start = self.data.rfind(b"\n", 0, position) + 1
            end = self.data.find(b"\n", position)
            end = len(self.data) if end < 0 else end
            self._bounds = (start, end)
        return start, end

    def line_holds(self, position: int, words: tuple[bytes, ...], lowered: bool = False) -> bool:
        """Whether the line holding `position` contains one of `words` (compared with
        the line lower-cased when `lowered`)."""
        start, end = self.line(position)
        key = (start, words, lowered)
        found = self._in_line.get(key)
        if found is None:
            text = self.data[start:end]
            text = text.lower() if lowered else text
            found = self._in_line[key] = any(word in text for word in words)
        return found

    def comment_line(self, position: int) -> bool:
        """Whether the line holding `position` is all comment: it opens, after its
        indentation, with a comment marker (`//`, `#`, `/*`, `*`, `-- `, `;`, `<!--`),
        a `#` directive aside (`#set(…)`, `#define`: code).
        `--password=…` opens a command's continued line, no comment. A comment after
        code on the same line is not told apart from a `//` or a `#` inside a string (a
        URL, a colour), so it does not count."""
        start, end = self.line(position)
        text = self.data[start:end].lstrip(b" \t")
        if text.startswith(b"--"):
            return text[2:3] in (b"", b" ", b"\t", b"\r")
        if text.startswith(b"#") and _HASH_DIRECTIVE.match(text) is not None:
            return False  # `#set(…)`, `#define …`: a directive, code
        return text.startswith(COMMENT_MARKERS)

    # Each pattern below has no literal prefix `re` can skip ahead with: it tries every
    # byte, 1 ms per 100 KB file. The word it needs is looked for first, at memory speed
    # (bootstrap-italia's history: 40,000 blobs with a candidate, 45 s of CPU before).

    def sealed_secret(self) -> bool:
        if self._sealed is None:
            self._sealed = b"SealedSecret" in self.data and \
                _SEALED_SECRET.search(self.data) is not None
        return self._sealed

    def holds(self, word: bytes) -> bool:
        """Whether the file holds `word` anywhere (searched once per file)."""
        found = self._holds.get(word)
        if found is None:
            found = self._holds[word] = word in self.data
        return found

    def kubernetes_head(self) -> bool:
        if self._kubernetes is None:
            self._kubernetes = self.data.find(b"Secret", 0, K8S_HEAD) >= 0 and \
                _K8S_SECRET.search(self.data, 0, K8S_HEAD) is not None
        return self._kubernetes

    def agrees_with(self, other: Surroundings) -> bool:
        """Whether this file gives every file-wide answer `other` was asked for (its
        path, a sealed secret, a `kind: Secret` head, a word anywhere) as `other` did:
        a candidate judged there with the same bytes around it is judged the same here
        (`carried`). Every file-wide fact a judgement reads goes through the methods
        above, so that it is asked here."""
        if self.path != other.path:
            return False
        if other._sealed is not None and self.sealed_secret() != other._sealed:
            return False
        if other._kubernetes is not None and self.kubernetes_head() != other._kubernetes:
            return False
        return all(self.holds(word) == found for word, found in list(other._holds.items()))


# A Sentry DSN, `https://<public key>:<secret key>@host/<project id>`: both keys only let
# a client send error events (the secret one is deprecated), so Sentry ships DSNs in
# front-end code and documents them as safe to publish.
_SENTRY_DSN = lazy(rb"://[0-9a-f]{32}:[0-9a-f]{32}@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?"
                         rb"/(?:[\w.-]{1,64}/){0,3}\d{1,12}(?![\w/.-])")


def is_sentry_dsn(text: bytes) -> bool:
    """A Sentry DSN with its legacy secret key (in a URL or a decoded Secret value)."""
    return _SENTRY_DSN.search(text) is not None


# `MODULE_CONNECTION_TOKEN = 'IORedisModuleConnectionToken'`, `PLATFORM_TOKEN =
# 'fc_core_v2_app'`: a dependency-injection or platform token is a name, written in
# snake_case or PascalCase words; an issued token is never made of words.
# (PascalCase may end on an acronym: js-tokens' `InterpolationInJSX`)
_IDENTIFIER = lazy(rb"^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+){1,8}|(?:[A-Z]+[a-z0-9]+){2,8}[A-Z]{0,5})$")
_CREDENTIAL_WORDS = (b"pass", b"pwd", b"secret", b"key", b"auth", b"bearer", b"access")


# A lexer's token kinds written with a sigil (`"?NonExpressionParenEnd"`, js-tokens'
# `lastSignificantToken` in a bundle), a Ruby symbol (`:access_denied`), a CSS id.
_SIGILS = b"?:#@"


def _without_sigil(value: bytes) -> bytes:
    return value[1:] if value[:1] in _SIGILS else value


def _only_token_named(before: bytes) -> bool:
    """The name given to the value says `token` and nothing about a credential."""
    lower = before[-200:].lower()
    return b"token" in lower and not any(word in lower for word in _CREDENTIAL_WORDS)


# `SESSION_PHASE1_TOKEN: "sessionphase1token"` (the name of a MongoDB collection among
# service-national-universel's constants), `API_KEY = "api-key"`: a value that is its
# own name again, in other case and separators, names something; no secret is drawn so.
_NAME_VALUE = lazy(rb"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")
MIN_ECHOED_NAME = 6


def _compact_name(text: bytes) -> bytes:
    return bytes(byte for byte in text.lower() if byte not in b"-_.")


def _echoes_its_name(value: bytes, data: bytes, line_start: int, start: int) -> bool:
    if len(value) < MIN_ECHOED_NAME or _NAME_VALUE.match(value) is None:
        return False
    name = value_name(data, line_start, start).encode()
    return _compact_name(name) == _compact_name(value)


def _read_only_token(value: bytes) -> bool:
    """Nx Cloud's read-only access token, `base64(<id>|read)`, meant to be committed."""
    try:
        decoded = base64.b64decode(value + b"=" * (-len(value) % 4), validate=True)
    except (ValueError, binascii.Error):
        return False
    return decoded.endswith((b"|read", b"|read-only"))


# (`main.jsbundle`, `index.android.bundle`: React Native's bundles, always a build's)
SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs", ".css", ".jsbundle", ".android.bundle",
                   ".ios.bundle")
# A line this long in a script is a minifier's output: a bundle of someone's library.
MINIFIED_LINE = 2000


# Tokens that are no credential: a design system's (`colorToken = 'gray-550'`), a page
# cursor (`nextPageToken`), a lexer's or a cancellation's, a mail's unsubscribe link's
# (it lets one recipient leave a list, nothing more), an anti-forgery one (`X-XSRF-TOKEN`,
# `csrftoken`: a nonce the client echoes back, no authority of its own).
_NAMED_TOKEN = lazy(
    rb"(?:color|colour|design|theme|spacing|font|size|radius|shadow|icon|style|css|cancel"
    rb"|cancellation|page|next|continuation|lexer|syntax|unsubscribe|unsubscription"
    rb"|optout|opt_out|xsrf|csrf)[-_]?token[\"'`]?[ \t]*[:=][ \t]*[\"'`]?$", re.IGNORECASE)

# PostHog's project API key (`phc_…`, or a key named `postHogApiKey`, or given with a
# PostHog host to a client: `AnalyticsConfiguration(host: "https://posthog…", apiKey:`)
# only sends events to its project: PostHog has every tracked page and app ship it and
# documents it as safe to publish. Its personal API keys (`phx_…`, a name saying
# personal) read and change data: reported.
POSTHOG_WINDOW = 160
# the key's own name when PostHog is named only above it (a client's `apiKey:`): a
# value named otherwise there (`DATABASE_PASSWORD` in an .env of many services,
# `SENDGRID_API_KEY`) is another service's secret
_BARE_KEY_NAME = lazy(rb"^[ \t]*[\"']?(?:project_?)?api_?key[\"']?[ \t]*[:=][ \t]*[\"']?$")


def _posthog_project_key(value: bytes, before: bytes, line: bytes) -> bool:
    """`before`: what comes before the value, lower-cased; `line`: its part on the
    value's line."""
    if value.startswith(b"phx_") or b"personal" in before:
        return False
    return value.startswith(b"phc_") or b"posthog" in line or (
        b"posthog" in before and _BARE_KEY_NAME.match(line.replace(b"-", b"_")) is not None)


# A feedback or chat widget's install snippet in a page (`Userback.access_token = '…'`
# beside `s.src = 'https://static.userback.io/widget/v1.js'`): the token names the site
# to the widget's script, which every visitor's browser loads with it, as a Mapbox
# public token does. Only when the object given the token is named after a host the
# snippet loads a script from, inside a `<script>` block.
_WIDGET_TOKEN = lazy(rb"\b(?P<object>[A-Za-z][A-Za-z0-9]{3,30})\.(?:access_?token|token)"
                     rb"[ \t]*=[ \t]*[\"']$", re.IGNORECASE)
_SCRIPT_SOURCE = lazy(rb"\bsrc[ \t]*=[ \t]*[\"'](?:https?:)?//(?P<host>[a-z0-9.-]{1,120})/",
                      re.IGNORECASE)
WIDGET_WINDOW = 400


def _widget_token(data: bytes, start: int, line_start: int) -> bool:
    named = _WIDGET_TOKEN.search(data, max(line_start, start - 80), start)
    if named is None:
        return False
    if b"<script" not in data[max(0, start - WIDGET_WINDOW):start].lower():
        return False
    window = data[max(0, start - WIDGET_WINDOW):start + WIDGET_WINDOW]
    widget = named.group("object").lower()
    return any(len(label) >= 4 and (widget.startswith(label) or label.startswith(widget))
               for source in _SCRIPT_SOURCE.finditer(window)
               for label in source.group("host").lower().split(b".")[:-1])


# An analytics or crash-reporting SDK's project token, which every build of the app or
# page carries to send its events (`MIXPANEL_TOKEN='…'` in a React Native app's .env,
# `'mixPanelToken': '…'`, `INSTABUG_TOKEN`, `AMPLITUDE_PUBLIC_API_KEY`): Mixpanel
# documents its project token as no secret, Instabug's app token is given to the SDK in
# the app, Amplitude's browser SDK is given the project's API key (its secret key stays
# on servers). Their API secrets and service accounts' passwords open the project's
# data: a name saying so stays reported.
_SDK_TOKEN_NAME = lazy(rb"(?:(?:mixpanel|instabug)[\w.-]{0,30}token"
                       rb"|amplitude[\w.-]{0,30}(?:api[_-]?)?key)[\"'`]?[ \t]*[:=][ \t]*[\"'`]?$",
                       re.IGNORECASE)
_SDK_TOKEN = lazy(rb"^[0-9a-f]{32}$")


def _sdk_project_token(value: bytes, data: bytes, start: int, line_start: int) -> bool:
    if _SDK_TOKEN.match(value) is None:
        return False
    named = _SDK_TOKEN_NAME.search(data, max(line_start, start - 80), start)
    return named is not None and not any(
        word in named.group(0).lower() for word in (b"secret", b"pass", b"service"))


# `test "$linkmode,$pass" = "prog,scan"` (libtool's ltmain.sh), `[ "$PASSWORD" != "none" ]`:
# a shell test comparing a variable's value with words, a mode or a state; no
# assignment (a shell assignment has no `$` nor quote before its `=`). A random literal
# compared so (a password checked in a script) stays reported.
_SHELL_TEST = lazy(rb'\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?"[ \t]{1,4}!?==?[ \t]{1,4}"?$')
_WORDS_VALUE = lazy(rb"^[a-z]{2,20}(?:[,_-][a-z]{2,20}){0,5}$")

# An OAuth 2.0 token endpoint's answer written out in code (`"access_token": "…",
# "token_type": "Bearer", "expires_in": 3600`): a stub of the endpoint or a mock's
# reply, handing out the tokens it issues itself. A JWT in it is still the `jwt`
# detector's to judge.
_RESPONSE_TOKEN = lazy(rb"(?:access|id|refresh)_token[\"']?[ \t]*[:=][ \t]*[\"']?$",
                             re.IGNORECASE)
_RESPONSE_FIELDS = (b"token_type", b"expires_in")
# Only in code: a response saved as data (`key.json`, `token.txt`: what a script kept
# of the provider's answer, to use until it expires) holds a live token.
_CODE_SUFFIXES = (".py", ".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx", ".vue", ".rb", ".php",
                  ".java", ".kt", ".scala", ".groovy", ".go", ".cs", ".rs", ".swift", ".dart",
                  ".ex", ".exs")


# A test account's password made of its name: `password-e2e-chromium` for the user
# `user-e2e-chromium`, `alice_pwd` for `alice@example.org`.
_CREDENTIAL_AFFIX = lazy(
    rb"^(?:password|passwd|pass|pwd|secret|mdp|motdepasse)[-_.]?(?P<after>.+)$"
    rb"|^(?P<before>.+?)[-_.]?(?:password|passwd|pass|pwd|secret|mdp|motdepasse)$")
_ACCOUNT = lazy(
    rb"(?:user(?:_?name)?|login|e-?mail|account|identifiant|uid)[\"']?[ \t]*[:=][ \t]*"
    rb"[\"']?(?P<name>[^\s\"',;]{1,200})", re.IGNORECASE)
ACCOUNT_PART = 4


# RFC 2606 / 6761 names reserved for examples: an account there is sample data.
_EXAMPLE_ACCOUNT = lazy(
    rb"@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|[\w-]+\.(?:example|test|invalid))$")
ACCOUNT_WINDOW = 200


def _example_account(window: bytes) -> bool:
    """The account next to the password is at a domain reserved for examples
    (`"email": "john.doe@example.com", "password": "…"` in a template's preview)."""
    return any(_EXAMPLE_ACCOUNT.search(account.group("name").lower())
               for account in _ACCOUNT.finditer(window))


# The anonymous account of FTP (and of LDAP binds, SMB shares): anyone logs in with it,
# the password asked is by convention an e-mail address or nothing (`_login="anonymous";
# _password="anon@ftp.com"`, WordPress core's FTP class). A password written after
# another account stays reported.
_ANONYMOUS = frozenset({b"anonymous", b"anon", b"ftp"})
# what that convention asks: an e-mail address, or the account's name again
_ANONYMOUS_PASSWORDS = _ANONYMOUS | {b"guest"}


def _anonymous_account(value: bytes, before: bytes) -> bool:
    """The value is the conventional password of the anonymous account named last
    before it; a random one there is another account's (an SMTP or database password
    below an anonymous FTP login)."""
    if b"@" not in value and value.lower() not in _ANONYMOUS_PASSWORDS:
        return False
    accounts = [account.group("name").strip(b"\"'").lower()
                for account in _ACCOUNT.finditer(before)]
    return bool(accounts) and accounts[-1] in _ANONYMOUS


def _account_named(value: bytes, window: bytes) -> bool:
    """The value is the word password (or pass, secret...) and an account name written
    near it."""
    match = _CREDENTIAL_AFFIX.match(value.lower())
    if match is None:
        return False
    rest = match.group("after") or match.group("before") or b""
    if len(rest) < ACCOUNT_PART:
        return False
    for account in _ACCOUNT.finditer(window):
        name = account.group("name").lower()
        if rest == name or rest in name or rest == name.split(b"@", 1)[0]:
            return True
    return False


# `${S3_SECRET_ACCESS_KEY:?Missing S3 secret key}`: the shell prints the words after
# `:?` and stops when the variable is unset; they are a message, never the value.
_UNSET_MESSAGE = lazy(rb"\$\{[A-Za-z_][A-Za-z0-9_]{0,200}:$")
# `"hashed_secret": "b60d…"` in a detect-secrets baseline (`.secrets.baseline`, committed
# so that the scanner skips what it already saw), `hashedPassword`: the name says the
# value is the secret hashed, and a bare hex digest cannot be the secret. `hash_secret`
# (a key for hashing) does not say so; a crypt hash (`$2y$…`) of an account stays.
_HASHED_NAME = lazy(rb"hashed[_-]?(?:secret|password|passwd|pwd|token|key)[\"']?"
                          rb"[ \t]*[:=]>?[ \t]*[\"']?$", re.IGNORECASE)
_HEX_DIGEST = lazy(rb"^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}"
                         rb"|[0-9a-f]{96}|[0-9a-f]{128})$", re.IGNORECASE)


# IGN's open-data FTP server: its accounts (`Admin_Express_ext`, `BDTOPO_ext`...) are
# printed on IGN's public download pages for anyone to fetch the data.
_PUBLISHED_FTP = lazy(rb"_ext:[^@\s]{1,128}@ftp3\.ign\.fr\b", re.IGNORECASE)
_IGN_FTP_HOST = b"ftp3.ign.fr"
# A Testcontainers JDBC URL (`jdbc:tc:postgresql:…`): the database is a container the
# tests start and drop; its password opens nothing that outlives them.
_TESTCONTAINERS = b"jdbc:tc:"


def _testcontainers(data: bytes, start: int) -> bool:
    """Whether the JDBC URL nearest to the value is a Testcontainers one: a file that
    also names the real database (a Spring profile beside the test one) keeps the
    password next to that database's URL reported."""
    before = data[max(0, start - CONTEXT):start].lower()
    after = data[start:start + CONTEXT].lower()
    back, ahead = before.rfind(b"jdbc:"), after.find(b"jdbc:")
    if back < 0 and ahead < 0:
        return False
    if ahead < 0 or (back >= 0 and len(before) - back <= ahead):
        return before.startswith(_TESTCONTAINERS, back)
    return after.startswith(_TESTCONTAINERS, ahead)


# `arn:aws:secretsmanager:eu-west-1:684969100054:secret:pipelines/slack*`: the keyword is
# part of an AWS resource name, the place a secret is kept, not its value.
_ARN = lazy(rb"\barn:aws[\w-]{0,20}:[a-z0-9-]{1,40}:[a-z0-9-]{0,30}:\d{0,12}:"
                  rb"(?:[\w-]{1,80}[:/])?$")


def _ign_account(data: bytes, start: int) -> bool:
    """`hostname: ftp3.ign.fr`, `username: Admin_Express_ext`, `pwd: …` written next to
    each other (a data pipeline's sources file)."""
    window = data[max(0, start - ACCOUNT_WINDOW):start + ACCOUNT_WINDOW]
    if _IGN_FTP_HOST not in window.lower():
        return False
    return any(account.group("name").lower().strip(b"\"'").endswith(b"_ext")
               for account in _ACCOUNT.finditer(window))


# Rails routes: `post '/password' => 'password#create'`, `get 'x', to: 'omniauth#login'`:
# the controller and the action a path leads to, after `=>` or `to:` on its line.
_RAILS_TARGET = lazy(rb"^[a-z][a-z0-9_]*(?:/[a-z][a-z0-9_]*)*#[a-z_][a-z0-9_]*[!?]?$")
_RAILS_ARROW = lazy(rb"(?:=>|\bto:)[ \t]*[\"']$")


def _rails_route(value: bytes, around: Surroundings, start: int, line_start: int) -> bool:
    return around.path.endswith(".rb") and _RAILS_TARGET.match(value) is not None and \
        _RAILS_ARROW.search(around.data, max(line_start, start - 40), start) is not None


# A dependency of a package manifest named `vendor/package` or `@scope/package`
# (`"unicaen/auth-token": "dev-release_4.0.0"` in composer.json): the value is a version
# constraint, a branch's (`dev-main`, `dev-x as 1.0.x-dev`) as often as a number's.
# Only package names hold a `/` among a manifest's keys (credentials sit under host
# names: `"github-oauth": {"github.com": …}`).
_MANIFESTS = ("composer.json", "package.json")
_PACKAGE_KEY = lazy(rb"[\"'](?:@[a-z0-9][\w.-]{0,100}|[a-z0-9][\w.-]{0,100})/[a-z0-9][\w.-]{0,100}"
                    rb"[\"'][ \t]*:[ \t]*[\"']$", re.IGNORECASE)
_CONSTRAINT = lazy(rb"^[\w.^~<>=*|@ ,!+-]{1,120}$")


def _manifest_dependency(value: bytes, around: Surroundings, start: int, line_start: int) -> bool:
    name = around.path.rsplit("/", 1)[-1].lower()
    return name in _MANIFESTS and _CONSTRAINT.match(value) is not None and \
        _PACKAGE_KEY.search(around.data, max(line_start, start - 320), start) is not None


# `FAKE_ACCESS_TOKEN`, `dummyPassword`, `bogus_api_key`: the name the value is given says
# it is made up (a mock's token, a stand-in for a form); a real credential is not named so.
_MADE_UP = frozenset({"fake", "dummy", "bogus"})
_NAME_WORDS = lazy(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _named_made_up(data: bytes, line_start: int, start: int) -> bool:
    name = value_name(data, line_start, start)
    return bool(name) and any(word.lower() in _MADE_UP for word in _NAME_WORDS.findall(name))


def context_class(kind: str, value: bytes, around: Surroundings, start: int) -> str | None:
    """The non-secret class of a candidate from what surrounds it, or None."""
    data, path = around.data, around.path
    line_start, line_end = around.line(start)
    if kind == "password-assignment" and _manifest_dependency(value, around, start, line_start):
        return "package-specifier"
    if kind == "password-assignment" and _named_made_up(data, line_start, start):
        return "named-stand-in"
    if value.startswith(b"?") and _UNSET_MESSAGE.search(data, max(line_start, start - 210),
                                                         start):
        return "shell-unset-message"
    if _HEX_DIGEST.match(value) and _HASHED_NAME.search(data, max(0, start - 40), start):
        return "hashed-value"
    if _NAMED_TOKEN.search(data, max(0, start - 40), start):
        return "named-token"
    if _rails_route(value, around, start, line_start):
        return "rails-route"
    if _ARN.search(data, max(line_start, start - 200), start):
        return "cloud-resource-name"
    if kind == "url-credentials" and _PUBLISHED_FTP.match(data, max(0, start - 5)):
        return "published-account"
    if kind == "password-assignment" and _ign_account(data, start):
        return "published-account"  # the same account written as separate fields
    if kind == "password-assignment" and _testcontainers(data, start):
        return "test-container-database"
    if line_end - line_start >= MINIFIED_LINE and path.lower().endswith(SCRIPT_SUFFIXES):
        return "minified-code"
    before = data[max(0, start - 40):start].lower()
    if b"publickeytoken" in before:
        return "dotnet-public-key-token"
    if b"includetoken" in before:
        return "ws-policy-uri"
    if _echoes_its_name(value, data, line_start, start):
        return "own-name"
    if _IDENTIFIER.match(_without_sigil(value)) and _only_token_named(
            data[max(line_start, start - 200):start]):
        return "identifier"
    if around.line_holds(start, (b"nopasswd",), lowered=True):
        return "sudoers-syntax"
    if kind == "password-assignment" and is_translation_path(path):
        return "translation"
    if kind == "password-assignment" and around.kubernetes_head():
        return "kubernetes-manifest"  # the kubernetes-secret detector decodes and judges
    if around.sealed_secret() or any(marker in value for marker in _ENCRYPTED_VALUE) or (
            len(value) % 4 == 0 and _RSA_CIPHERTEXT.match(value) is not None
            and (around.holds(b"staticman") or around.holds(b"Staticman"))):
        return "encrypted-for-deployment"
    if value.startswith((b"pk.eyJ", b"pk_live_", b"pk_test_")) or _posthog_project_key(
            value, data[max(0, start - POSTHOG_WINDOW):start].lower(),
            data[max(line_start, start - POSTHOG_WINDOW):start].lower()) or (
            kind == "url-credentials" and is_sentry_dsn(data[max(0, start - 60):start + 200])) \
            or _widget_token(data, start, line_start) \
            or _sdk_project_token(value, data, start, line_start):
        return "public-client-token"
    if _WORDS_VALUE.match(value) and _SHELL_TEST.search(data, max(line_start, start - 80),
                                                        start):
        return "shell-comparison"
    if b"key" in before and b"admin" not in before and b"write" not in before:
        window = data[max(0, start - CONTEXT):start + CONTEXT].lower()
        if any(word in window for word in _SEARCH_ONLY):
            return "public-search-key"
    if _read_only_token(value):
        return "public-read-token"
    if kind == "password-assignment" and path.lower().endswith(_CODE_SUFFIXES) and \
            _RESPONSE_TOKEN.search(data, max(0, start - 40), start):
        window = data[max(0, start - CONTEXT):start + CONTEXT].lower()
        if all(field in window for field in _RESPONSE_FIELDS):
            return "token-response"
    if kind == "password-assignment" and _account_named(
            value, data[max(0, start - CONTEXT):start + CONTEXT]):
        return "named-after-account"
    if kind == "password-assignment" and _example_account(
            data[max(0, start - ACCOUNT_WINDOW):start + ACCOUNT_WINDOW]):
        return "example-account"
    if kind == "password-assignment" and _anonymous_account(
            value, data[max(0, start - ACCOUNT_WINDOW):start]):
        return "anonymous-account"
    return None


def dismissed(kind: str, value: bytes, around: Surroundings, start: int) -> str | None:
    """Why a candidate of a keyword heuristic is known not to be a secret, or None."""
    if kind not in GENERIC_KINDS:
        return None
    return value_class(value) or context_class(kind, value, around, start)


# -- keys made for browsers ------------------------------------------------------------

# A Google API key the project names public (`public_google_api_key`,
# `GOOGLE_MAPS_PUBLIC_API_KEY`, `NEXT_PUBLIC_MAPS_KEY`) or the `apiKey` of a Firebase web
# configuration: keys that web pages send to every browser, which their providers ask to
# restrict (HTTP referrers, allowed APIs) rather than to hide. Not dismissed: they warn.
BROWSER_KEY_KINDS = frozenset({"google-api-key"})
_KEY_NAME = lazy(rb"[A-Za-z][A-Za-z0-9_.-]{0,80}")
_FIREBASE = (b"authdomain", b"messagingsenderid")
# or its app's id (`1:870600032373:web:…`, colons maybe escaped in HTML or JSON)
_FIREBASE_APP_ID = lazy(rb"\b1(?::|&#x3a;|\\u003a|%3a)\d{6,15}(?::|&#x3a;|\\u003a|%3a)"
                              rb"(?:web|android|ios)\b")
NAME_WINDOW = 200
NAME_LINES = 3


def _closest_key_name(before: bytes) -> bytes:
    """The last name saying key or token in the few lines before a value (the variable a
    Terraform block or a YAML mapping gives it), lower-cased; b"" when there is none."""
    lines = before.split(b"\n")[-NAME_LINES:]
    for line in reversed(lines):
        names = [match.group(0) for match in _KEY_NAME.finditer(line.lower())
                 if b"key" in match.group(0) or b"token" in match.group(0)]
        if names:
            return names[-1]
    return b""


def browser_key(kind: str, around: Surroundings, start: int) -> bool:
    """Whether a provider key is one the project publishes to browsers by design."""
    if kind not in BROWSER_KEY_KINDS:
        return False
    data = around.data
    name = _closest_key_name(data[max(0, start - NAME_WINDOW):start])
    if b"public" in name or b"publishable" in name:
        return True
    window = data[max(0, start - CONTEXT):start + CONTEXT].lower()
    if name.endswith(b"apikey") and (all(word in window for word in _FIREBASE)
                                     or _FIREBASE_APP_ID.search(window) is not None):
        return True  # a Firebase web configuration
    return _mobile_firebase_key(name, around, start)


# A Firebase app's configuration for Android (`google-services.json`, one `current_key`
# per client, the app ids far above it) or iOS (`GoogleService-Info.plist`, `API_KEY`):
# the build copies the key into every installed app.
_PLIST_API_KEY = lazy(rb"<key>API_KEY</key>\s{0,40}<string>$")


def _mobile_firebase_key(name: bytes, around: Surroundings, start: int) -> bool:
    if name == b"current_key":
        return around.holds(b"mobilesdk_app_id")
    return around.path.endswith("GoogleService-Info.plist") and \
        _PLIST_API_KEY.search(around.data, max(0, start - 60), start) is not None


# -- Kubernetes Secret entries ------------------------------------------------------

_NOT_SECRET_KEY = lazy(
    rb"(?:^|[_.-])(?:user(?:name)?|login|host(?:name)?|port|database|db|dbname|name|email"
    rb"|url|uri|endpoint|region|bucket|namespace|from|sender|mail)$", re.IGNORECASE)
# An address with no password in it (a Sentry DSN's public key is the user part).
_URL_WITHOUT_PASSWORD = lazy(rb"^[a-z][a-z0-9+.-]{1,20}://(?:[^:/@\s]*@)?[^@\s]*$")
_DECODED_NAME = lazy(rb"^(?:[a-z]+(?:[-_][a-z]+)*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$")
# `sentry-dev.com` under `API_SENTRY_DSN`: a host's name, a place rather than a key.
_HOST_NAME = lazy(rb"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}$")


def k8s_key_not_secret(key: bytes) -> bool:
    """`MONGODB_BACKUP_USER`, `username`, `DB_HOST`: names and places, not credentials."""
    return _NOT_SECRET_KEY.search(key) is not None


def k8s_entry_value(raw: bytes) -> bytes:
    """An entry's value without its YAML comment (`YWRtaW4= # admin`) or quotes."""
    value = raw.split(b" #", 1)[0].split(b"\t#", 1)[0].strip()
    return value.strip(b"\"'")


def k8s_decoded_not_secret(decoded: bytes) -> bool:
    """A value (decoded from `data:`, or as written under `stringData:`) that is a word or
    a variable's name (`hasurawebhooksecret`, `OCMI_FILE_PASSWORD`, an index or bucket
    name), a host's name, a weak default, a typed sequence, an address without a
    password or a Sentry DSN: a development stand-in or a setting, not a credential."""
    return (_DECODED_NAME.match(decoded) is not None or _HOST_NAME.match(decoded) is not None
            or _WEAK_DEFAULT.match(decoded.lower()) is not None or _predictable(decoded)
            or _URL_WITHOUT_PASSWORD.match(decoded) is not None or is_sentry_dsn(decoded))
