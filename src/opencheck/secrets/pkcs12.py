# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Whether a PKCS#12 file opens with a given password, by its integrity seal alone.

A PKCS#12 file (RFC 7292) ends with a MAC of its contents keyed by the password: the
key is derived with PKCS#12's own function (appendix B.2: the salt and the password
as UTF-16BE, hashed `iterations` times), then HMAC over the `authSafe` octets. Checking
it needs only `hashlib` and `hmac`: nothing is decrypted, no key is read. The Android
SDK writes its debug store so (keytool's PKCS#12: HMAC-SHA-256, 10,000 iterations;
older JDKs HMAC-SHA-1), and a store whose seal does not open with the password, or
that asks more iterations than a tool writes (a hostile file asking billions), or a
MAC of another scheme (PBMAC1), is simply not said to open.
"""

from __future__ import annotations

import hashlib
import hmac

# The digests a PKCS#12 MAC names (DER object identifiers' contents), with the block
# size the key derivation works in.
_DIGESTS = {
    bytes.fromhex("2b0e03021a"): ("sha1", 64),
    bytes.fromhex("608648016503040204"): ("sha224", 64),
    bytes.fromhex("608648016503040201"): ("sha256", 64),
    bytes.fromhex("608648016503040202"): ("sha384", 128),
    bytes.fromhex("608648016503040203"): ("sha512", 128),
}
_DATA = bytes.fromhex("2a864886f70d010701")  # the id-data content type
MAX_ITERATIONS = 100_000  # keytool writes 10,000, OpenSSL 2,048
# What one check run spends on seals, about a second of CPU: a history of thousands of
# stores naming the debug alias and asking 100,000 iterations each would otherwise take
# minutes. Past it, a store is not said to open: it is reported as the key store it is.
RUN_BUDGET = 2_000_000
_spent = 0
_MAC_KEY_ID = 3  # the derivation's purpose byte for a MAC key

SEQUENCE, INTEGER, OCTET_STRING, OID, CONTEXT_0 = 0x30, 0x02, 0x04, 0x06, 0xA0


class _Malformed(Exception):
    pass


def _element(data: bytes, offset: int, tag: int) -> tuple[int, int]:
    """The content of the DER element of `tag` at `offset`: (start, end)."""
    if offset + 2 > len(data) or data[offset] != tag:
        raise _Malformed
    first = data[offset + 1]
    start = offset + 2
    if first < 0x80:
        length = first
    else:
        width = first & 0x7F
        if not 1 <= width <= 4 or start + width > len(data):
            raise _Malformed  # an indefinite (BER) length too: not what the tools write
        length = int.from_bytes(data[start:start + width], "big")
        start += width
    if start + length > len(data):
        raise _Malformed
    return start, start + length


def _seal(data: bytes) -> tuple[bytes, str, int, bytes, bytes, int]:
    """(the sealed octets, digest name, block size, MAC, salt, iterations)."""
    start, end = _element(data, 0, SEQUENCE)
    if end != len(data):
        raise _Malformed
    _, offset = _element(data, start, INTEGER)  # version 3
    content_start, content_end = _element(data, offset, SEQUENCE)  # authSafe
    oid_start, oid_end = _element(data, content_start, OID)
    if data[oid_start:oid_end] != _DATA:
        raise _Malformed  # signed (public-key integrity) rather than sealed by a password
    wrapped_start, _ = _element(data, oid_end, CONTEXT_0)
    sealed = slice(*_element(data, wrapped_start, OCTET_STRING))
    mac_start, _ = _element(data, content_end, SEQUENCE)  # macData
    digest_info, after_info = _element(data, mac_start, SEQUENCE)
    algorithm, after_algorithm = _element(data, digest_info, SEQUENCE)
    name_start, name_end = _element(data, algorithm, OID)
    known = _DIGESTS.get(data[name_start:name_end])
    if known is None:
        raise _Malformed
    mac = slice(*_element(data, after_algorithm, OCTET_STRING))
    salt_start, salt_end = _element(data, after_info, OCTET_STRING)
    iterations = 1
    if salt_end < len(data) and data[salt_end] == INTEGER:
        count_start, count_end = _element(data, salt_end, INTEGER)
        iterations = int.from_bytes(data[count_start:count_end], "big", signed=True)
    return (data[sealed], known[0], known[1], data[mac], data[salt_start:salt_end],
            iterations)


def _stretched(value: bytes, block: int) -> bytes:
    """`value` repeated to fill whole blocks (empty stays empty)."""
    if not value:
        return b""
    size = block * -(-len(value) // block)
    return (value * (size // len(value) + 1))[:size]


def _mac_key(digest: str, block: int, password: bytes, salt: bytes, iterations: int) -> bytes:
    """RFC 7292 appendix B.2 for a key as long as the digest (one round of A)."""
    state = hashlib.new(digest, bytes([_MAC_KEY_ID]) * block + _stretched(salt, block)
                        + _stretched(password, block)).digest()
    for _ in range(iterations - 1):
        state = hashlib.new(digest, state).digest()
    return state


def new_run() -> None:
    """A check run starts: its seals get the whole budget."""
    global _spent
    _spent = 0


def opens_with(data: bytes, password: str) -> bool:
    """Whether the whole PKCS#12 file `data` is sealed with `password` (False once the
    run's budget of iterations is spent)."""
    global _spent
    try:
        sealed, digest, block, mac, salt, iterations = _seal(data)
    except _Malformed:
        return False
    if not 1 <= iterations <= MAX_ITERATIONS or _spent + iterations > RUN_BUDGET:
        return False
    _spent += iterations
    secret = password.encode("utf-16-be") + b"\0\0"
    key = _mac_key(digest, block, secret, salt, iterations)
    return hmac.compare_digest(hmac.new(key, sealed, digest).digest(), mac)
