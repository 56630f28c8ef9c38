# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Pathological inputs for every detector and parser that reads repository bytes.

Each case is a long run of one pattern's repeated atom, often after the literal that
starts a candidate and before a byte that makes the match fail at the very end, or the
same near-match repeated: the inputs on which a backtracking regex goes quadratic or
worse. tests/hostile/test_linear.py runs them; benchmarks/hostile_bench.py times them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SIZE = 5 * 1024 * 1024


def run(unit: bytes, prefix: bytes = b"", suffix: bytes = b"", size: int = SIZE) -> bytes:
    """`prefix`, then `unit` repeated up to `size` bytes in all, then `suffix`."""
    count = max(1, (size - len(prefix) - len(suffix)) // len(unit))
    return prefix + unit * count + suffix


@dataclass(frozen=True)
class Case:
    name: str
    unit: bytes
    prefix: bytes = b""
    suffix: bytes = b""

    def data(self, size: int = SIZE) -> bytes:
        return run(self.unit, self.prefix, self.suffix, size)


def cases(*specs: tuple[bytes, ...]) -> list[Case]:
    found = []
    for spec in specs:
        unit, prefix, suffix = (*spec, b"", b"")[:3]
        name = (prefix[:24] + b"+" + unit[:24] + b"*+" + suffix[:16]).decode("latin-1")
        found.append(Case(name, unit, prefix, suffix))
    return found


SECRETS = cases(
    # internal host names: label runs before the suffix that would make them hosts
    (b"a.", b"", b"intranet"), (b"a.", b"", b"rie.gouv"), (b"a-", b"", b".intranet"),
    (b"a.", b"@"), (b"a.", b"://", b"local_"), (b" ", b"host="), (b"host=a.",),
    (b"a.intranet.", b"", b"_"), (b"a.", b"host: ", b"intra-"), (b"10.",), (b"192.168.",),
    (b"10.1.1.1.",), (b"1.",),
    # armour lines, one after another or with a body that never ends
    (b"-----BEGIN PGP PRIVATE KEY BLOCK-----\n",), (b"-----BEGIN RSA PRIVATE KEY-----\n",),
    (b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n",),
    (b"-", b"-----BEGIN RSA PRIVATE KEY-----"), (b"\\n", b"-----BEGIN EC PRIVATE KEY-----"),
    (b"Version: 1\n", b"-----BEGIN PGP PRIVATE KEY BLOCK-----\n"),
    # assignments: keywords, operators and values without an end
    (b"password",), (b"password ",), (b" ", b"password="), (b"a", b"password=\""),
    (b"\t", b"token:"), (b"pass:",), (b"api_key=",), (b"secret=\"",), (b"mdp=a",),
    (b"=", b"pwd"), (b"a", b"secret: "), (b" ", b"aws_secret_access_key"),
    (b"aws_secret_key=",),
    # token prefixes, repeated or followed by an endless token
    (b"AKIA",), (b"ghp_",), (b"glpat-",), (b"a", b"glpat-"), (b"xoxb-",), (b"a", b"xoxb-"),
    (b"AIza",), (b"eyJ",), (b"eyJaaaaaaaaaaaa.",), (b"a", b"eyJ"), (b"sk_live_",),
    (b"GR1348941",), (b"\"private_key_id\": \"",), (b"AccountKey=",),
    (b"a", b"https://hooks.slack.com/services/"), (b"https://hooks.slack.com/services/T",),
    # URLs with credentials
    (b"a://",), (b"ab://u:",), (b"u:", b"http://"), (b"p", b"http://u:"),
    (b"a.", b"http://u:pass@"), (b"a", b"http://"),
    # personal data: NIR digit groups, IBAN groups
    (b"1 85 05 ",), (b"185057",), (b"2A",), (b"1 23 45 678 901 ",), (b"FR76 ",),
    (b"FR7630006000011234567890 ",), (b"0000 ", b"FR76 "),
    # Kubernetes Secret manifests
    (b"  key: value\n", b"kind: Secret\ndata:\n"), (b" ", b"kind: Secret\ndata:\n  k: ", b"x"),
    (b"kind: Secret\ndata:\n",), (b"\n---\nkind: Secret\n",),
    # lines and markers everywhere
    (b"\n",), (b"a",), (b" opencheck: allow\n",), (b"\xff",),
    # thousands of candidates, each rejected by a test that once read the whole file or
    # the whole line: a public key (its check searched the file for a SealedSecret), a
    # GCP key id too plain to count (the file for `service_account`), on one long line
    (b"a", b'password="pk_live_Xy7kq9Lm3Qz"\n' * 5000),
    (b"a", (b'"private_key_id": "' + b"0" * 40 + b'",\n') * 5000, b'"service_account"'),
    (b'password="pk_live_Xy7kq9Lm3Qz" ',), (b'password="Xy7kq9Lm3Qz" ',),
)

REUSE = cases(
    (b" \t", b"SPDX-License-Identifier: MIT"), (b" ", b"SPDX-License-Identifier:", b"\t"),
    (b"\"/>", b"SPDX-License-Identifier: MIT", b" x"), (b"\"/>", b"Copyright "),
    (b"\"/>", b"SPDX-FileCopyrightText: ", b" x"), (b" ", b"SPDX-FileContributor:", b"\t"),
    (b"SPDX-",), (b"SPDX-License-Identifier:",), (b"\xc2\xa9",), (b"Copyright",),
    (b"# SPDX-License-Identifier: MIT\n",), (b"# Copyright 2020, 2021, ",),
    (b"2020, ", b"SPDX-FileCopyrightText: "), (b"*/ ", b"SPDX-License-Identifier: MIT "),
    (b"]::", b"SPDX-License-Identifier: MIT"), (b"(c) ",),
    (b"REUSE-IgnoreEnd\nREUSE-IgnoreStart\n", b"", b"REUSE-IgnoreEnd"),
    (b"REUSE-IgnoreStart REUSE-IgnoreEnd\n",), (b"REUSE-IgnoreStart REUSE-IgnoreEnd",),
    # the same, in Latin-1 (another decoding path)
    (b" \t", b"\xe9 SPDX-License-Identifier: MIT"), (b"\"/>", b"\xa9 "),
)


def numbered_lines(template: bytes, size: int = SIZE) -> bytes:
    """Distinct lines (each one new to any cache or deduplication) up to `size` bytes."""
    lines = []
    total = 0
    number = 0
    while total < size:
        line = template.replace(b"{n}", str(number).encode())
        lines.append(line)
        total += len(line)
        number += 1
    return b"".join(lines)


Target = Callable[[bytes], object]
