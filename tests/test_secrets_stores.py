# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Key stores judged on their bytes: a truststore (certificates only) warns, a store
with a key blocks, whatever the file is named; a store seen only in part still blocks."""

from __future__ import annotations

import base64
import datetime
import hashlib
import os
from pathlib import Path
from typing import Any

from conftest import check_json, commit, git
from opencheck.secrets.files import certificate_store_only, secret_file_kind
from test_secrets_history import RULES, findings

CERT = os.urandom(700)  # stands for a DER certificate: only its length is read


def _utf(text: str) -> bytes:
    return len(text).to_bytes(2, "big") + text.encode()


def jks(*tags: int) -> bytes:
    """A JKS store (version 2) with one entry per tag: 1 a private key, 2 a certificate."""
    out = b"\xfe\xed\xfe\xed" + (2).to_bytes(4, "big") + len(tags).to_bytes(4, "big")
    for index, tag in enumerate(tags):
        out += tag.to_bytes(4, "big") + _utf(f"entry{index}") + (0).to_bytes(8, "big")
        if tag == 1:
            key = os.urandom(1200)
            out += len(key).to_bytes(4, "big") + key + (1).to_bytes(4, "big")
        out += _utf("X.509") + len(CERT).to_bytes(4, "big") + CERT
    return out + os.urandom(20)


def bks(*tags: int) -> bytes:
    """A BKS store (Bouncy Castle, version 2) with one entry per tag: 1 a trusted
    certificate, 2 a key, 3 a secret, as Android apps ship them (`trusted-certs.bks`)."""
    salt = os.urandom(20)
    out = (2).to_bytes(4, "big") + len(salt).to_bytes(4, "big") + salt + (1978).to_bytes(4, "big")
    for index, tag in enumerate(tags):
        out += bytes([tag]) + _utf(f"entry{index}") + (0).to_bytes(8, "big")
        out += (0).to_bytes(4, "big")  # no chain
        if tag == 1:
            out += _utf("X.509") + len(CERT).to_bytes(4, "big") + CERT
        else:
            sealed = os.urandom(1200)
            out += len(sealed).to_bytes(4, "big") + sealed
    return out + b"\0" + os.urandom(20)


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    length = bytes([size]) if size < 0x80 else bytes([0x82]) + size.to_bytes(2, "big")
    return bytes([tag]) + length + content


OID_DATA = bytes.fromhex("06092a864886f70d010701")
OID_ENCRYPTED = bytes.fromhex("06092a864886f70d010706")
OID_SHROUDED_KEY = bytes.fromhex("060b2a864886f70d010c0a0102")


def p12(with_key: bool) -> bytes:
    """The outline of a PKCS#12 file as keytool and openssl write it: certificates in an
    encrypted content, the key (when there is one) in a shrouded bag of a plain one."""
    contents = _der(0x30, OID_ENCRYPTED + _der(0xA0, _der(0x30, os.urandom(900))))
    if with_key:
        bag = _der(0x30, OID_SHROUDED_KEY + _der(0xA0, _der(0x30, os.urandom(1200))))
        contents += _der(0x30, OID_DATA + _der(0xA0, _der(0x04, _der(0x30, bag))))
    safe = _der(0x30, _der(0x02, b"\x03") + _der(0x30, OID_DATA + _der(
        0xA0, _der(0x04, _der(0x30, contents)))) + _der(0x30, os.urandom(60)))
    return safe


def test_store_contents() -> None:
    assert certificate_store_only(jks(2, 2, 2))
    assert not certificate_store_only(jks(2, 1))
    assert not certificate_store_only(jks(2, 2)[:1000])  # only its head: not judged
    assert certificate_store_only(p12(with_key=False))
    assert not certificate_store_only(p12(with_key=True))
    assert not certificate_store_only(p12(with_key=False)[:-1])
    assert certificate_store_only(bks(1))
    assert not certificate_store_only(bks(1)[:-1])  # cut short: not judged
    assert not certificate_store_only(bks(1)[:300])
    assert not certificate_store_only(bks(1, 2))
    # an empty store (keytool's before a key is put in it, 88 bytes): nothing inside;
    # a store whose key sits beside an empty content still holds a key
    empty = _der(0x30, _der(0x02, b"\x03") + _der(0x30, OID_DATA + _der(
        0xA0, _der(0x04, _der(0x30, b"")))) + _der(0x30, os.urandom(60)))
    assert secret_file_kind("src/Crypto/Resources/efgs/efgs-cb-client.jks", empty) == \
        "certificate-store"
    bag = _der(0x30, OID_SHROUDED_KEY + _der(0xA0, _der(0x30, os.urandom(1200))))
    keyed = _der(0x30, _der(0x02, b"\x03") + _der(0x30, OID_DATA + _der(0xA0, _der(
        0x04, _der(0x30, _der(0x30, OID_DATA + _der(0xA0, _der(0x04, _der(0x30, b"")))) + _der(
            0x30, OID_DATA + _der(0xA0, _der(0x04, _der(0x30, bag)))))))) + _der(0x30, b"m" * 60))
    assert secret_file_kind("keys/client.p12", keyed) == "pkcs12-file"
    # a KeePass database or any other store keeps its kind
    assert secret_file_kind("secrets.kdbx", b"\x03\xd9\xa2\x9a" + os.urandom(500)) == \
        "keystore-file"


def _severities(report: dict[str, Any], rule: str) -> dict[str, tuple[str, str]]:
    return {f["path"]: (f["severity"], f["kind"]) for f in findings(report, rule)}


def test_truststores_warn_and_key_stores_block_in_tree_and_history(make_repo: Any) -> None:
    stores = {
        "tls/truststore.jks": jks(2, 2),
        "tls/trust.p12": p12(with_key=False),
        "tls/s3TrustStore.jks": jks(1),  # named a truststore, holds a key
        "tls/client.p12": p12(with_key=True),
        # corona-warn-app's trusted-certs-cwa.bks: Bouncy Castle's store of a pinned
        # certificate; a BKS with a key or a secret beside certificates blocks
        "tls/trusted-certs.bks": bks(1, 1),
        "tls/client.bks": bks(1, 2),
        "tls/secret.bks": bks(3),
    }
    root = make_repo({"README.md": "# x\n", **stores})
    report = check_json(root, *RULES)
    assert _severities(report, "secret-file-committed") == {
        "tls/truststore.jks": ("warning", "certificate-store"),
        "tls/trust.p12": ("warning", "certificate-store"),
        "tls/s3TrustStore.jks": ("error", "keystore-file"),
        "tls/client.p12": ("error", "pkcs12-file"),
        "tls/trusted-certs.bks": ("warning", "certificate-store"),
        "tls/client.bks": ("error", "keystore-file"),
        "tls/secret.bks": ("error", "keystore-file"),
    }
    warning = next(f for f in findings(report, "secret-file-committed")
                   if f["path"] == "tls/trust.p12")
    assert "Certificate store, no key in sight" in warning["message"]
    git(root, "rm", "-q", "-r", "tls")
    commit(root, {"README.md": "# y\n"}, "Remove the stores")
    history = _severities(check_json(root, *RULES), "secret-in-history")
    assert history == {
        "tls/truststore.jks": ("warning", "certificate-store"),
        "tls/trust.p12": ("warning", "certificate-store"),
        "tls/s3TrustStore.jks": ("error", "keystore-file"),
        "tls/client.p12": ("error", "pkcs12-file"),
        "tls/trusted-certs.bks": ("warning", "certificate-store"),
        "tls/client.bks": ("error", "keystore-file"),
        "tls/secret.bks": ("error", "keystore-file"),
    }


def signed_jks(alias: str, password: str) -> bytes:
    """A JKS store holding one private key under `alias`, sealed with `password` as
    keytool seals it (SHA-1 of the password, a fixed phrase and the store's bytes)."""
    key = os.urandom(1200)
    body = (b"\xfe\xed\xfe\xed" + (2).to_bytes(4, "big") + (1).to_bytes(4, "big")
            + (1).to_bytes(4, "big") + _utf(alias) + (0).to_bytes(8, "big")
            + len(key).to_bytes(4, "big") + key + (1).to_bytes(4, "big")
            + _utf("X.509") + len(CERT).to_bytes(4, "big") + CERT)
    seal = hashlib.sha1(password.encode("utf-16-be") + b"Mighty Aphrodite" + body)
    return body + seal.digest()


def test_android_debug_stores_warn_release_keys_block(make_repo: Any) -> None:
    # React Native's template commits the SDK's debug store (alias androiddebugkey,
    # password android, public); SocialGouv/ozensemble's history held it beside its
    # release store, which must keep blocking.
    stores = {
        "android/app/debug.keystore": signed_jks("androiddebugkey", "android"),
        # the debug alias behind another password: not the SDK's public store
        "android/app/other.keystore": signed_jks("androiddebugkey", "Xk9pQ2vLm7wR"),
        # a release key behind the public password is a leak, whatever its name
        "android/app/release.jks": signed_jks("upload", "android"),
        "android/app/debug2.keystore": signed_jks("androiddebugkey", "android")[:-1] + b"\0",
    }
    root = make_repo({"README.md": "# x\n", **stores})
    expected = {
        "android/app/debug.keystore": ("warning", "debug-keystore"),
        "android/app/other.keystore": ("error", "keystore-file"),
        "android/app/release.jks": ("error", "keystore-file"),
        "android/app/debug2.keystore": ("error", "keystore-file"),  # seal broken
    }
    report = check_json(root, *RULES)
    assert _severities(report, "secret-file-committed") == expected
    warning = next(f for f in findings(report, "secret-file-committed")
                   if f["path"] == "android/app/debug.keystore")
    assert "Android debug key store (public password 'android')" in warning["message"]
    git(root, "rm", "-q", "-r", "android")
    commit(root, {"README.md": "# y\n"}, "Remove the stores")
    assert _severities(check_json(root, *RULES), "secret-in-history") == expected


def test_a_key_stores_name_on_other_bytes_is_no_key_store(make_repo: Any) -> None:
    # ProgrammeVitam/vitam-ui's history: GitHub's web page saved as `truststore_….jks`
    # and `keystore_….p12`, a truststore whose bytes a text conversion mangled
    page = b"\n\n\n<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">" * 40
    mangled = jks(2, 2).decode("latin-1").encode("ascii", "replace").replace(
        b"?", "\ufffd".encode())
    lfs = (b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"ab" * 32
           + b"\nsize 4021\n")
    stores = {
        "backup/truststore_demo.jks": page,
        "backup/keystore_demo.p12": page,
        "conf/truststore_access.jks": mangled,
        "conf/app.keystore": lfs,
        # the same names on a key store's bytes still block: JKS, BKS (version 2)
        "conf/keystore_app.jks": jks(1),
        "conf/client.bks": b"\0\0\0\x02" + os.urandom(900),
    }
    root = make_repo({"README.md": "# x\n", **stores})
    _said_in_tree_then_history(root, {"conf/keystore_app.jks": ("error", "keystore-file"),
                                      "conf/client.bks": ("error", "keystore-file")},
                               "backup", "conf")


def test_a_key_store_kept_in_base64_under_its_name_still_blocks(make_repo: Any) -> None:
    """CI set-ups keep a signing store as base64 text (`base64 dist.p12`, pasted into a
    variable) and commit it under the store's name: its bytes open with `MII`, not a
    store's magic, and it is as much a key store as the binary."""
    encoded = {"ios/certs/dist.p12": base64.encodebytes(p12(with_key=True)),
               "android/release.jks": base64.b64encode(jks(1))}
    root = make_repo({"README.md": "# x\n", **encoded})
    _said_in_tree_then_history(root, {"ios/certs/dist.p12": ("error", "pkcs12-file"),
                                      "android/release.jks": ("error", "keystore-file")},
                               "ios", "android")


def _said_in_tree_then_history(root: Path, expected: dict[str, tuple[str, str]],
                               *folders: str) -> None:
    """The stores' findings in the tree, then the same in the history once `folders`
    are removed."""
    assert _severities(check_json(root, *RULES), "secret-file-committed") == expected
    git(root, "rm", "-q", "-r", *folders)
    commit(root, {"README.md": "# y\n"}, "Remove the stores")
    assert _severities(check_json(root, *RULES), "secret-in-history") == expected


def pkcs12_store(name: bytes, password: bytes, mac: str = "sha256") -> bytes:
    """A real PKCS#12 store written by the `cryptography` library: a key and its
    self-signed certificate under `name`, sealed as keytool does (HMAC-SHA-256, 10,000
    iterations, PBES2) or as older JDKs and OpenSSL 1.x did (HMAC-SHA-1, 2,048)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Android Debug")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(1).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    builder = PrivateFormat.PKCS12.encryption_builder()
    if mac == "sha256":
        builder = builder.kdf_rounds(10_000).key_cert_algorithm(
            pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256())
    else:
        builder = builder.kdf_rounds(2_048).key_cert_algorithm(
            pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC).hmac_hash(hashes.SHA1())
    return pkcs12.serialize_key_and_certificates(name, key, cert, None,
                                                 builder.build(password))


def test_android_debug_stores_in_pkcs12_warn_release_keys_block(make_repo: Any) -> None:
    # Newer Android SDKs (keytool's PKCS#12 default) write the debug store so; the same
    # alias behind another password, another alias behind 'android', or a broken seal
    # still block, in the tree and in the history
    debug = pkcs12_store(b"androiddebugkey", b"android")
    stores = {
        "app/debug.keystore": debug,
        "legacy/debug.p12": pkcs12_store(b"androiddebugkey", b"android", mac="sha1"),
        "app/other.keystore": pkcs12_store(b"androiddebugkey", b"Xk9pQ2vLm7wR"),
        "app/release.p12": pkcs12_store(b"upload", b"android"),
        "app/debug2.keystore": debug[:-1] + bytes([debug[-1] ^ 1]),
    }
    root = make_repo({"README.md": "# x\n", **stores})
    _said_in_tree_then_history(root, {
        "app/debug.keystore": ("warning", "debug-keystore"),
        "legacy/debug.p12": ("warning", "debug-keystore"),
        "app/other.keystore": ("error", "keystore-file"),
        "app/release.p12": ("error", "pkcs12-file"),
        "app/debug2.keystore": ("error", "keystore-file"),
    }, "app", "legacy")


def test_a_run_opens_seals_within_a_budget_of_iterations() -> None:
    """A hostile history of thousands of stores naming the debug alias would have each
    seal opened (up to 100,000 iterations each: minutes). A run spends at most
    RUN_BUDGET iterations; past it a store is not said to open, so it blocks as the key
    store it is; the next run has the whole budget again."""
    from opencheck.secrets import pkcs12

    store = pkcs12_store(b"androiddebugkey", b"android", mac="sha1")
    iterations = pkcs12._seal(store)[5]
    pkcs12.new_run()
    opened = 0
    while pkcs12.opens_with(store, "android"):
        opened += 1
    assert opened == pkcs12.RUN_BUDGET // iterations
    assert not pkcs12.opens_with(store, "android")
    pkcs12.new_run()
    assert pkcs12.opens_with(store, "android")
