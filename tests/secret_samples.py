# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Realistic fake secrets and decoys, generated at run time.

Nothing here is a real credential, and none is written literally in the sources (so
that this repository stays clean for secret scanners, its own included): each value
is drawn from a seeded generator in the shape the issuer uses, with valid checksums
where the kind has one (NIR key, IBAN).
"""

from __future__ import annotations

import base64
import json
import random
import string
import textwrap

ALNUM = string.ascii_letters + string.digits
DEPLOY_NOTE = "Déployer sur srv-app01.rie.gouv.fr puis vérifier 10.12.4.21.\n"  # opencheck: allow


class Samples:
    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)

    def chars(self, alphabet: str, count: int) -> str:
        return "".join(self.random.choice(alphabet) for _ in range(count))

    # -- secrets, one per kind: {kind: (file name, content)} ---------------------------

    def pem_body(self, size: int = 900) -> str:
        raw = bytes(self.random.getrandbits(8) for _ in range(size))
        return "\n".join(textwrap.wrap(base64.b64encode(raw).decode(), 64))

    def private_key(self) -> str:
        body = self.pem_body()
        return f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n"

    def openssh_key(self) -> str:
        return (f"-----BEGIN OPENSSH PRIVATE KEY-----\n{self.pem_body(400)}\n"
                "-----END OPENSSH PRIVATE KEY-----\n")

    def pgp_key(self) -> str:
        return (f"-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n{self.pem_body(1200)}\n"
                "-----END PGP PRIVATE KEY BLOCK-----\n")

    def aws_pair(self) -> tuple[str, str]:
        key_id = "AKIA" + self.chars(string.ascii_uppercase + string.digits, 16)
        secret = self.chars(ALNUM + "/+", 40)
        return key_id, secret

    def gcp_service_account(self) -> str:
        body = self.pem_body(600).replace("\n", "\\n")
        return json.dumps({
            "type": "service_account",
            "project_id": "projet-dinum",
            "private_key_id": self.chars("0123456789abcdef", 40),
            "private_key": f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----\\n",
            "client_email": "robot@projet-dinum.iam.gserviceaccount.com",
        }, indent=2).replace("\\\\n", "\\n")

    def azure(self) -> str:
        key = base64.b64encode(bytes(self.random.getrandbits(8) for _ in range(64))).decode()
        return (f"DefaultEndpointsProtocol=https;AccountName=stockagedinum;"
                f"AccountKey={key};EndpointSuffix=core.windows.net")

    def github(self) -> str:
        return "ghp_" + self.chars(ALNUM, 36)

    def gitlab(self) -> str:
        return "glpat-" + self.chars(ALNUM + "_-", 20)

    def slack_token(self) -> str:
        digits = string.digits
        return f"xoxb-{self.chars(digits, 12)}-{self.chars(digits, 13)}-{self.chars(ALNUM, 24)}"

    def slack_webhook(self) -> str:
        return ("https://hooks.slack.com/services/T" + self.chars(string.ascii_uppercase, 8)
                + "/B" + self.chars(string.ascii_uppercase, 10) + "/" + self.chars(ALNUM, 24))

    def jwt(self) -> str:
        def part(value: dict[str, object]) -> str:
            return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
        signature = base64.urlsafe_b64encode(
            bytes(self.random.getrandbits(8) for _ in range(32))).decode().rstrip("=")
        header = part({"alg": "HS256", "typ": "JWT"})
        claims = part({"sub": self.chars(ALNUM, 12), "role": "admin"})
        return f"{header}.{claims}.{signature}"

    def stripe(self) -> str:
        return "sk_" + "live_" + self.chars(ALNUM, 24)

    def google_api(self) -> str:
        return "AIza" + self.chars(ALNUM + "_-", 35)

    def password(self) -> str:
        letters, digits = self.chars(string.ascii_letters, 5), self.chars(string.digits, 3)
        return f"{letters}{digits}!{self.chars(ALNUM, 5)}"

    def nir(self) -> str:
        sex = self.random.choice("12")
        digits = (sex + f"{self.random.randint(40, 99):02d}" + f"{self.random.randint(1, 12):02d}"
                  + f"{self.random.randint(1, 95):02d}" + f"{self.random.randint(1, 999):03d}"
                  + f"{self.random.randint(1, 999):03d}")
        key = 97 - int(digits) % 97
        parts = (digits[0], digits[1:3], digits[3:5], digits[5:7], digits[7:10], digits[10:13])
        return " ".join(parts) + f" {key:02d}"

    def iban(self) -> str:
        bban = self.chars(string.digits, 23)
        check = 98 - int("".join(str(int(c, 36)) for c in bban + "FR00")) % 97
        compact = f"FR{check:02d}{bban}"
        return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))

    def base64url(self, size: int) -> str:
        raw = bytes(self.random.getrandbits(8) for _ in range(size))
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def private_jwks(self) -> str:
        """A key set as france-connect's Compose files hold it: a JSON array of JWKs,
        one private, in a variable's value."""
        key = {"kty": "EC", "use": "sig", "crv": "P-256", "kid": "oidc-provider:sig",
               "x": self.base64url(32), "y": self.base64url(32), "d": self.base64url(32)}
        return f"OidcProvider_CRYPTO_SIG_ES256_PRIV_KEYS={json.dumps([key])}\n"

    def secret_jwk(self) -> str:
        return json.dumps({"keys": [{"kty": "oct", "alg": "HS256", "k": self.base64url(32)}]},
                          indent=2)

    def planted(self) -> dict[str, tuple[str, str]]:
        """One realistic file per kind: {kind: (path, content)}."""
        key_id, secret = self.aws_pair()
        db = self.password()
        k8s = base64.b64encode(self.password().encode()).decode()
        return {
            "private-key": ("deploy/server.key", self.private_key()),
            "openssh-private-key": ("ops/deploy_key", self.openssh_key()),
            "pgp-private-key": ("ops/signing.asc", self.pgp_key()),
            "aws-access-key": ("config/aws.ini",
                               f"[default]\naws_access_key_id = {key_id}\n"),
            "aws-secret-key": ("config/aws_credentials",
                               f"[default]\naws_secret_access_key = {secret}\n"),
            "gcp-service-account": ("config/gcp-sa.json", self.gcp_service_account()),
            "azure-connection-string": ("src/storage.py",
                                        f'CONNECTION = "{self.azure()}"\n'),
            "github-token": ("scripts/release.sh",
                             f'#!/bin/sh\ncurl -H "Authorization: token {self.github()}" '
                             "https://api.github.com/user\n"),
            "gitlab-token": ("ci/sync.py", f'GITLAB = "{self.gitlab()}"\n'),
            "slack-token": ("bot/app.js", f"const slack = '{self.slack_token()}';\n"),
            "slack-webhook": ("bot/notify.py", f'HOOK = "{self.slack_webhook()}"\n'),
            "jwt": ("tests/fixtures/session.txt", f"Authorization: Bearer {self.jwt()}\n"),
            "payment-key": ("billing/pay.rb", f'Stripe.api_key = "{self.stripe()}"\n'),
            "google-api-key": ("web/maps.html",
                               f'<script src="https://maps.googleapis.com/maps/api/js?key={self.google_api()}"></script>\n'),
            "url-credentials": ("config/database.yml",
                                f"production:\n  url: postgresql://app_prod:{self.password()}@db.interne.fr:5432/app\n"),
            "password-assignment": ("src/settings.py", f'DB_PASSWORD = "{db}"\n'),
            "kubernetes-secret": ("k8s/secret.yaml",
                                  "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n"
                                  f"type: Opaque\ndata:\n  db-password: {k8s}\n"),
            "nir": ("data/agents.csv", f"nom;nir\nDupont;{self.nir()}\n"),
            "iban-fr": ("data/fournisseurs.csv", f"fournisseur;iban\nACME;{self.iban()}\n"),
            "internal-host": ("docs/deploy.md", DEPLOY_NOTE),
            "env-file": (".env", f"SECRET_KEY={self.chars(ALNUM, 32)}\n"),
            "ssh-key-file": (".ssh/id_ed25519", "not a real key, just the name\n"),
            "private-jwk": ("docker/compose/core.env", self.private_jwks()),
            "secret-jwk": ("config/hmac-jwks.json", self.secret_jwk()),
        }

    # -- decoys: values that look like secrets and are not --------------------------

    def decoys(self) -> dict[str, str]:
        hexdigest = self.chars("0123456789abcdef", 64)
        uuid = "-".join(self.chars("0123456789abcdef", n) for n in (8, 4, 4, 4, 12))
        return {
            "src/config.py": (
                "import os\n"
                'DB_PASSWORD = os.environ["DB_PASSWORD"]\n'
                'API_TOKEN = os.getenv("API_TOKEN")\n'
                "SECRET_KEY = settings.SECRET_KEY\n"
                'password = ""\n'
                f'CHECKSUM = "{hexdigest}"\n'
                f'REQUEST_ID = "{uuid}"\n'
                'token_url = "https://auth.example.org/token"\n'
                "password_min_length = 12\n"
            ),
            "config/app.yml": (
                "database:\n"
                "  password: ${DB_PASSWORD}\n"
                "  secret: changeme\n"
                "  token: xxxxxxxxxxxxxxxx\n"
                "  api_key: <your-api-key>\n"
                "  password: '{{ vault_db_password }}'\n"
            ),
            ".env.example": "DB_PASSWORD=changeme\nAPI_TOKEN=your-token-here\n",
            "docs/aws.md": (
                "Example from the AWS documentation:\n\n"
                "    aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                "    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
            ),
            "docs/jwt.md": (
                "A token looks like eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3"
                "ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwp"
                "MeJf36POk6yJV_adQssw5c\n"
            ),
            "docs/install.md": (
                "Set `export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` first.\n"
                "Connect with postgres://user:password@localhost:5432/app\n"
                "Or mysql://root:${MYSQL_PASSWORD}@db/app\n"
                "The server listens on 192.0.2.10 (documentation range) and 8.8.8.8.\n"
                "A key header: -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY-----\n"
                "IBAN de test : FR76 3000 6000 0112 3456 7890 189\n"
            ),
            "src/ids.py": (
                f'NUMERO = "{self.chars("0123456789", 15)}"  # random digits, invalid key\n'
                f"TIMESTAMP = {self.random.randint(10**12, 10**13)}\n"
                'VERSION = "10.4.2"\n'
            ),
            "k8s/deployment.yaml": (
                "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n"
                "      containers:\n        - env:\n            - name: DB_PASSWORD\n"
                "              valueFrom:\n                secretKeyRef:\n"
                "                  name: app\n                  key: db-password\n"
            ),
            "k8s/secret-template.yaml": (
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n"
                "  db-password: {{ .Values.dbPassword }}\n  api-token: CHANGEME\n"
            ),
            "config/jwks.json": json.dumps({"keys": [
                {"kty": "RSA", "use": "sig", "e": "AQAB", "n": self.base64url(256)},
                {"kty": "EC", "crv": "P-256", "x": self.base64url(32), "y": self.base64url(32)},
            ]}, indent=2),
            # RFC 7517's example private key (A.2), which every JOSE library's tests copy
            "docs/jwk.md": (
                'A private key: `{"kty":"EC", "crv":"P-256", '
                '"x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", '
                '"y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM", '
                '"d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE", "use":"enc", "kid":"1"}`\n'
            ),
            "web/app.js": (
                "const token = process.env.API_TOKEN;\n"
                "const password = document.getElementById('password').value;\n"
                "if (password === confirmPassword) { submit(); }\n"
            ),
        }
