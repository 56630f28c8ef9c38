# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What each kind of finding is called, in French and English."""

from __future__ import annotations

from opencheck.model import Text

LABELS: dict[str, Text] = {
    "private-key": Text("Clé privée (PEM)", "Private key (PEM)"),
    "openssh-private-key": Text("Clé privée OpenSSH", "OpenSSH private key"),
    "pgp-private-key": Text("Clé privée PGP", "PGP private key"),
    "private-jwk": Text("Clé privée JWK", "Private JSON Web Key"),
    "secret-jwk": Text("Clé secrète JWK (symétrique)", "Secret (symmetric) JSON Web Key"),
    "aws-access-key": Text("Identifiant de clé d'accès AWS", "AWS access key id"),
    "aws-secret-key": Text("Clé secrète AWS", "AWS secret access key"),
    "gcp-service-account": Text("Compte de service Google Cloud", "Google Cloud service account"),
    "azure-connection-string": Text("Chaîne de connexion Azure", "Azure connection string"),
    "github-token": Text("Jeton GitHub", "GitHub token"),
    "gitlab-token": Text("Jeton GitLab", "GitLab token"),
    "slack-token": Text("Jeton Slack", "Slack token"),
    "slack-webhook": Text("Webhook Slack", "Slack webhook"),
    "jwt": Text("Jeton JWT", "JSON Web Token"),
    "payment-key": Text("Clé de paiement", "Payment provider key"),
    "google-api-key": Text("Clé d'API Google", "Google API key"),
    "url-credentials": Text("Identifiants dans une URL", "Credentials in a URL"),
    "password-assignment": Text("Mot de passe ou secret en clair", "Hard-coded password or secret"),
    "kubernetes-secret": Text("Secret Kubernetes", "Kubernetes Secret"),
    "env-file": Text("Fichier .env", ".env file"),
    "ssh-key-file": Text("Fichier de clé SSH", "SSH key file"),
    "password-file": Text("Fichier de mots de passe", "Password file"),
    "pkcs12-file": Text("Magasin de clés PKCS#12", "PKCS#12 key store"),
    "keystore-file": Text("Magasin de clés", "Key store"),
    "certificate-store": Text("Magasin de certificats, sans clé visible",
                              "Certificate store, no key in sight"),
    "debug-keystore": Text("Magasin de clés de débogage Android (mot de passe public "
                           "« android »)",
                           "Android debug key store (public password 'android')"),
    "nir": Text("Numéro de sécurité sociale (NIR)", "French social security number (NIR)"),
    "iban-fr": Text("IBAN français", "French IBAN"),
    "internal-host": Text("Adresse interne", "Internal address"),
    "executable": Text("Exécutable ou bibliothèque binaire", "Executable or binary library"),
    "compiled": Text("Fichier compilé", "Compiled file"),
    "archive": Text("Archive ou paquet", "Archive or package"),
    "dependency-folder": Text("Dossier de dépendances ou de cache", "Dependency or cache folder"),
    "build-output": Text("Dossier de résultats de compilation", "Build output folder"),
    "large-file": Text("Gros fichier", "Large file"),
}


def label(kind: str) -> Text:
    return LABELS.get(kind, Text(kind, kind))
