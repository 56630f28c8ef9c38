# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The detectors on their own: every kind found, no decoy, values never shown whole."""

from __future__ import annotations

import pytest

from opencheck.secrets.detectors import scan
from opencheck.secrets.files import (
    NAME_ONLY_KINDS,
    SECRET_NAME_START,
    artefact,
    secret_file_kind,
)
from opencheck.secrets.masking import mask
from secret_samples import Samples

PLANTED = Samples().planted()
DECOYS = Samples().decoys()


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_every_kind_is_found(kind: str) -> None:
    path, content = PLANTED[kind]
    hits = scan(content.encode(), path)
    assert kind in {hit.kind for hit in hits} or secret_file_kind(path) == kind


@pytest.mark.parametrize("path", sorted(DECOYS))
def test_decoys_are_not_reported(path: str) -> None:
    assert scan(DECOYS[path].encode(), path) == []
    assert secret_file_kind(path) is None


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_hits_never_hold_the_value(kind: str) -> None:
    path, content = PLANTED[kind]
    for hit in scan(content.encode(), path):
        if hit.category == "host":
            continue  # internal addresses are shown: they are where to look, not secrets
        assert len(hit.masked) < 45
        for token in content.replace("\n", " ").split():
            # the name the value is given (`aws_secret_access_key`) is not the value
            if len(token) >= 12 and token not in ("-----BEGIN", "-----END", hit.name):
                assert token not in repr(hit), (kind, token)


@pytest.mark.parametrize("kind", ["nir", "iban-fr"])
def test_personal_data_is_masked_like_a_secret(kind: str) -> None:
    # Written with spaces, a NIR or an IBAN has no 12-character token for the test
    # above to look for: its masked form is checked exactly.
    path, content = PLANTED[kind]
    [hit] = scan(content.encode(), path)
    value = content.splitlines()[1].split(";")[1]
    compact = value.replace(" ", "")
    assert hit.masked == mask(compact.encode(), kind)
    # a NIR's first digits are its holder's sex and year of birth, an IBAN's last its
    # account: neither is shown, only what every value of the kind has
    assert hit.masked == {"nir": "…(8-15 chars)", "iban-fr": "FR…(27 chars)"}[kind]


def test_mask_shows_a_generated_tokens_public_prefix_and_end_only() -> None:
    assert mask(b"ghp_" + b"a1B2c3D4" * 4 + b"zzzz", "github-token") == "ghp_…zzzz(40 chars)"
    # a password shows a class of lengths, nothing of its characters
    assert mask(b"hunter2", "password-assignment") == "…(1-7 chars)"
    assert mask(b"Zu8-kP2x!q", "password-assignment") == "…(8-15 chars)"
    # the same characters under a kind without a public format show none of them
    assert mask(b"ghp_" + b"a1B2c3D4" * 4 + b"zzzz", "password-assignment") == "…(32-63 chars)"


def test_nir_key_and_corsica() -> None:
    base = "1850578006084"
    key = 97 - int(base) % 97
    assert [h.kind for h in scan(f"nir={base}{key:02d}".encode())] == ["nir"]
    assert scan(f"nir={base}{(key % 97) + 1:02d}".encode()) == []
    corsica = "290032A123456"  # sex 2, 1990-03, department 2A, commune 123, order 456
    digits = int(corsica.replace("2A", "19"))
    good = f"{corsica}{97 - digits % 97:02d}"
    assert [h.kind for h in scan(good.encode())] == ["nir"]


def test_a_nir_shaped_number_among_numbers_is_a_table_cell() -> None:
    # A satellite image's histogram counts and a control point's coordinates (CNES's
    # shareloc, the Orfeo ToolBox) hold runs a NIR's key accepts by chance; a person's
    # number sits beside a name, a separator or a label.
    base = "1358314038142"
    nir = f"{base}{97 - int(base) % 97:02d}"
    spaced = f"{nir[:5]} {nir[5:10]} {nir[10:]}"
    histogram = f"<VALUES>12371 12588 12783 13110 13443 {spaced} 14522 15013</VALUES>\n"
    assert scan(histogram.encode(), "PHRDIMAP.XML") == []
    point = f"10 110 {nir[:3]}.{nir[3:]} -34.10538587695834\n"
    assert scan(point.encode(), "image.gcp") == []
    assert [h.kind for h in scan(f"agent;{spaced}\n".encode(), "dump.csv")] == ["nir"]
    assert [h.kind for h in scan(f"NIR : {spaced} 14522\n".encode(), "note.txt")] == ["nir"]


def test_a_fixed_width_extract_of_persons_is_no_table_of_counts() -> None:
    # a mainframe's extract: a record number, the person's NIR in one run, a birth
    # date, all set apart by blanks; the NIR is one cell, not counts read together
    numbers = [base + f"{97 - int(base) % 97:02d}"
               for base in ("1850578006084", "2920375120005", "1670133063101")]
    extract = "".join(f"{index:06d} {nir} 1985051{index} 0000{index}\n"
                      for index, nir in enumerate(numbers, 1))
    assert [h.kind for h in scan(extract.encode(), "exports/assures.txt")] == ["nir"] * 3


def test_iban_checksum() -> None:
    iban = Samples(3).iban()
    assert [h.kind for h in scan(f"iban: {iban}".encode())] == ["iban-fr"]
    broken = iban[:-1] + ("0" if iban[-1] != "0" else "1")
    assert scan(f"iban: {broken}".encode()) == []
    # The check digits that leave a remainder of 0 (and not the 1 ISO 13616 asks for).
    bban = iban.replace(" ", "")[4:]
    zero = next(f"FR{digits:02d}{bban}" for digits in range(100)
                if int("".join(str(int(c, 36)) for c in f"{bban}FR{digits:02d}")) % 97 == 0)
    assert scan(f"iban: {zero}".encode()) == []


def test_inline_allow_marks_the_hit() -> None:
    token = Samples().github()
    hits = scan(f'TOKEN = "{token}"  # opencheck: allow\n'.encode(), "a.py")
    assert [hit.allowed_inline for hit in hits] == [True]


def test_internal_hosts() -> None:
    text = (b"a 172.20.1.4 b 172.32.1.4 c http://nas.local/x d app.rie.gouv.fr "  # opencheck: allow
            b"e svc.cluster.local f intranet.culture.gouv.fr g 10.0.0")  # opencheck: allow
    found = [hit.masked for hit in scan(text)]
    assert found == [
        "172.20.1.4", "nas.local",
        "app.rie.gouv.fr", "intranet.culture.gouv.fr",  # opencheck: allow
    ]


def test_a_method_called_under_a_host_key_is_no_host_name() -> None:
    # LINCnil/pia-back: `host: Rails.env.local? ? 'localhost' : ENV['DEFAULT_HOST']`
    code = b"  host: Rails.env.local? ? 'localhost' : ENV['DEFAULT_HOST'],\n"
    assert scan(code, "config/initializers/default_url_options.rb") == []
    # a name, or a URL with a query, still is one
    for text in (b"host: db.corp.local\n", b'url = "http://api.corp.local?x=1"\n'):
        assert [hit.kind for hit in scan(text, "config/app.yml")] == ["internal-host"], text


def test_versions_and_names_to_replace_are_no_internal_hosts() -> None:
    # ecmwf-ifs/fiat's CMakeLists, ec-europa/joinup-dev's README
    text = (b"# Probably a bug in the M1 prerelease of gfortran 10.2.0.4\n"
            b"Tested with version 10.0.0.12 and Python 3.10.0.1\n"
            b"DRUPAL_BASE_URL=http://my-base-url.local\nhost: myhost.local\n")
    assert scan(text, "README.md") == []
    # an address after other words, a name of the project's own, still are
    text = b"server 10.2.0.4 hosts http://mysql.local and http://my.corp.local\n"
    assert [hit.masked for hit in scan(text, "README.md")] == [
        "10.2.0.4", "mysql.local", "my.corp.local"]


def test_a_tool_s_name_as_a_key_gives_a_host_its_address() -> None:
    # an inventory's `node:` names the machine the address is; `gfortran 10.2.0.4` and
    # `version: 10.0.0.12` number a release
    text = b"nodes:\n  - node: 10.0.3.21\n  - java=10.0.3.22\n"
    assert [hit.masked for hit in scan(text, "inventory/hosts.yml")] == [
        "10.0.3.21", "10.0.3.22"]
    assert scan(b"version: 10.0.0.12\nbuilt with gfortran 10.2.0.4\n", "README.md") == []


def test_generic_private_addresses_are_not_infrastructure() -> None:
    text = b"gateway 192.168.1.1, net 192.168.100.0/24, broadcast 10.1.2.255"
    assert scan(text) == []


def test_unquoted_assignments_only_in_configuration_files() -> None:
    line = b"password = Zu8-kP2x!q9\n"
    assert [h.kind for h in scan(line, "settings.ini")] == ["password-assignment"]
    assert scan(line, "main.py") == []


def test_artefacts_by_name_and_magic() -> None:
    dist = artefact("dist/tool.exe")
    assert dist is not None and (dist.kind, dist.group) == ("build-output", "dist/")
    library = artefact("lib/libfoo.so.1.2")
    assert library is not None and library.kind == "executable"
    elf = artefact("bin/tool", b"\x7fELF\x02\x01")
    assert elf is not None and elf.kind == "executable"
    folder = artefact("web/node_modules/left-pad/index.js")
    assert folder is not None and folder.group == "web/node_modules/"
    assert artefact("docs/logo.png") is None
    built = artefact("server/target/classes/App.class")
    assert built is not None and (built.kind, built.group) == ("build-output", "server/target/")
    assert artefact("build/build.gradle") is None  # build scripts are sources
    assert artefact("data/index.bin", b"OCLI\x01\x00") is None  # a data file
    firmware = artefact("firmware/image.bin", b"\x7fELF\x02\x01")
    assert firmware is not None and firmware.kind == "executable"
    assert secret_file_kind(".env.production") == "env-file"
    assert secret_file_kind(".env.example") is None
    for template in (".env.exemple", "api/.env.modele", ".env.Modèle", ".env.defaut"):
        assert secret_file_kind(template) is None, template  # French template names
    # a template engine's (etalab/catalogage-donnees' ops/ansible/roles/web/templates/.env.j2)
    for template in ("ops/ansible/roles/web/templates/.env.j2", ".env.production.erb",
                     "deploy/.env.jinja2"):
        assert secret_file_kind(template) is None, template
    assert secret_file_kind(".env.prod") == "env-file"
    # TypeScript's declarations of the variables (Vite's `.env.d.ts`), not their values
    assert secret_file_kind("frontend/.env.d.ts") is None
    assert secret_file_kind("certs/client.p12") == "pkcs12-file"


def test_every_name_only_secret_file_starts_as_the_history_looks_for() -> None:
    names = [".env", "app/.env.production", "a/b/.ENV.local", "id_rsa", "deploy/id_ed25519",
             ".htpasswd", "home/.git-credentials", "jenkins/credentials.xml", "_netrc",
             ".pgpass"]
    for name in names:
        assert secret_file_kind(name) in NAME_ONLY_KINDS
        assert SECRET_NAME_START.search(b"/" + name.lower().encode())


ZIP = b"PK\x03\x04\x14\x00\x08\x08"


@pytest.mark.parametrize("path", [
    "gradle/wrapper/gradle-wrapper.jar", "android/app/gradle/wrapper/gradle-wrapper.jar",
    ".mvn/wrapper/maven-wrapper.jar", "Gradle/Wrapper/Gradle-Wrapper.JAR",
    ".paket/paket.bootstrapper.exe"])
def test_a_build_tools_wrapper_binary_is_no_artefact(path: str) -> None:
    head = b"MZ" if path.endswith(".exe") else ZIP
    assert artefact(path) is None and artefact(path, head) is None


@pytest.mark.parametrize(("path", "head", "kind"), [
    ("libs/gradle-wrapper.jar", ZIP, "archive"),  # the name alone, elsewhere
    ("gradle/wrapper/helper.jar", ZIP, "archive"),  # another jar in the wrapper's folder
    ("gradle/wrapper/gradle-wrapper.jar", b"\x7fELF\x02\x01", "executable"),
    ("gradle/wrapper/gradle-wrapper.jar", b"\xca\xfe\xba\xbe\0\0", "compiled"),
    (".paket/paket.exe", b"MZ", "executable"),  # the tool itself, which Paket ignores
])
def test_other_binaries_near_a_wrapper_are_artefacts(path: str, head: bytes, kind: str) -> None:
    found = artefact(path, head)
    assert found is not None and (found.kind, found.group) == (kind, path)


@pytest.mark.parametrize(("line", "reported"), [
    ('apiKey: "Zu8-kP2x!q9w"', True),  # opencheck: allow
    ('client_secret="Zu8-kP2x!q9w"', True),  # opencheck: allow
    ('"mot_de_passe": "Zu8-kP2x!q9w"', True),  # opencheck: allow
    ("SECRET_KEY = 'Zu8-kP2x!q9w'", True),  # opencheck: allow
    ('key = "Zu8-kP2x!q9w"', False),  # a bare `key` is a dictionary key, not a secret
    ('monkey = "Zu8-kP2x!q9w"', False),
    ('password_hash = "5f4dcc3b5aa765d61d8327deb882cf99"', False),
    ('if password == "Zu8-kP2x!q9w":', False),
    ('token = "GITHUB_TOKEN"', False),
    ('password = "correct horse battery staple"', False),
    ('result = blockwise(func, token="store-map")', False),  # names and slugs
    ('X_API_KEY = "X-API-Key"', False),
    ('barrier_token = f"groupby-barrier-{token}"', False),
])
def test_generic_assignments(line: str, reported: bool) -> None:
    hits = scan(line.encode() + b"\n", "app.py")
    assert bool(hits) is reported, hits


def test_a_data_dump_is_reported_by_its_first_hits_with_right_lines() -> None:
    samples = Samples(41)
    rows = [f"agent{index};{samples.nir()}" for index in range(400)]
    hits = scan(("nom;nir\n" + "\n".join(rows) + "\n").encode(), "dump.csv")
    assert len(hits) == 50
    assert [hit.line for hit in hits[:3]] == [2, 3, 4] and hits[-1].line == 51


GITLAB_TOKEN = "glpat-" + "Ab3dE5gH7jK9mN1pQ3sT"


def test_a_token_inside_a_url_is_one_finding_named_by_its_provider() -> None:
    line = f"\turl = https://oauth2:{GITLAB_TOKEN}@gitlab.example.org/team/lib.git\n"
    hits = scan(line.encode(), ".gitmodules")
    assert [hit.kind for hit in hits] == ["gitlab-token"]


def test_a_url_password_next_to_a_token_is_still_its_own_finding() -> None:
    password = "Xk9vLq2mZp7" + "Rt4Wn"
    line = f"DB=postgres://app:{password}@db.prod.example.fr/app TOKEN={GITLAB_TOKEN}\n"
    hits = scan(line.encode(), "settings.ini")
    assert sorted(hit.kind for hit in hits) == ["gitlab-token", "url-credentials"]


def test_numbers_of_an_svg_drawing_or_with_a_leading_zero_are_no_address() -> None:
    """incubateur-ademe/impactco2's icons: SVG path data runs numbers together
    (`10.94.71.09` is 10.94, .71 and .09): 'Internal address' warnings on 12 icons. An
    address in a link of the same SVG, or in a configuration, is still one."""
    from opencheck.secrets.detectors import scan

    drawn = (b'<svg viewBox="0 0 24 24"><path d="M1 2c-1.17 4.96.6 10.18.62 10.23.29.83 '
             b'1.2 11.64 10.94.71.09 1.32.56"/></svg>\n')
    assert [hit.masked for hit in scan(drawn, "public/icons/crevettes.svg")] == []
    linked = b'<a href="http://10.23.29.83/x"><path d="M1 2"/></a>\n'
    assert [hit.masked for hit in scan(linked, "public/icons/link.svg")] == ["10.23.29.83"]
    assert [hit.masked for hit in scan(b"host: 10.23.29.83\n", "conf.yml")] == ["10.23.29.83"]
    # the attribute's name alone is not a drawing: an assignment in code, no tag open
    assert [hit.masked for hit in scan(b'let d="10.23.29.83";\n', "src/net.js")] == \
        ["10.23.29.83"]
    assert [hit.masked for hit in scan(b'<p>x</p> d="10.23.29.83"\n', "doc.html")] == \
        ["10.23.29.83"]


def _jwk_hits(text: str, path: str = "config/keys.txt") -> list[str]:
    return [hit.kind for hit in scan(text.encode(), path) if hit.kind.endswith("-jwk")]


def test_a_private_jwk_is_found_however_it_is_written() -> None:
    samples = Samples(3)
    d, k = samples.base64url(32), samples.base64url(32)
    written = {
        "yaml": f"keys:\n  - kty: EC\n    crv: P-256\n    d: {d}\n",
        "javascript": f"const key = {{\n  kty: 'EC',\n  crv: 'P-256',\n  d: '{d}',\n}};\n",
        "escaped json": f'KEYS="[{{\\"kty\\":\\"EC\\",\\"d\\":\\"{d}\\"}}]"\n',
        "kty after d": f'{{"d": "{d}", "crv": "P-256", "kty": "EC"}}\n',
        "python": f"KEY = jwk.JWK(kty='oct', k='{k}')\n",
    }
    for form, text in written.items():
        assert _jwk_hits(text), form


def test_a_jwk_member_counts_only_in_a_key_of_its_type() -> None:
    samples = Samples(4)
    value = samples.base64url(32)
    assert _jwk_hits(f'[{{"kty": "EC", "crv": "P-256"}}, {{"d": "{value}"}}]\n') == []
    assert _jwk_hits(f'{{"kty": "RSA", "k": "{value}"}}\n') == []  # k is oct's member
    assert _jwk_hits(f'{{"kty": "oct", "d": "{value}"}}\n') == []
    assert _jwk_hits(f'{{"kty": "EC", "d": "{"A" * 43}"}}\n') == []  # a placeholder
    assert _jwk_hits('<path d="M120-120v-720h720v720H120Zm60-500h600v-160H180v160"/>'
                     '{"kty": "EC"}\n') == []


def test_an_rfc_sample_key_is_known_even_spelled_over_several_lines() -> None:
    # RFC 7517 A.2's RSA key, as a Python test copies it: "d" cut into string pieces
    pieces = ["X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7d",
              "x5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_",
              "YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywb",
              "ReAdYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5Zi",
              "G7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z",
              "4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc",
              "0X4jfcKoAC8Q"]
    spelled = "\n          ".join(f'"{piece}"' for piece in pieces)
    assert _jwk_hits(f'KEY = {{"kty": "RSA", "e": "AQAB",\n  "d": {spelled},\n}}\n',
                     "tests/test_keys.py") == []
    changed = spelled.replace("0X4jfcKoAC8Q", "0X4jfcKoAC8R")
    assert _jwk_hits(f'KEY = {{"kty": "RSA", "e": "AQAB",\n  "d": {changed},\n}}\n',
                     "tests/test_keys.py") == ["private-jwk"]


def test_a_test_s_symmetric_jwk_warns_and_a_private_one_blocks() -> None:
    from opencheck.secrets.confidence import HIGH, LOW, confidence

    assert confidence("secret-jwk", "config/settings/test.py") == LOW
    assert confidence("secret-jwk", "app/private/token_jwks.json") == HIGH
    assert confidence("private-jwk", "tests/fixtures/jwks.json") == HIGH
