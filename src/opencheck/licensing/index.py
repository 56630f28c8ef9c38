# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The compact index of reference licence texts that identification compares with.

Each reference text is kept only as the set of its word pairs (bigrams), coded on a
shared vocabulary: `code = first_word_id << 16 | second_word_id`. The file stores the
vocabulary, one entry per text, and each text's sorted codes as deltas, compressed.
It is built by `python -m opencheck.licensing.build` from the SPDX License List texts
and the official French texts in `data/licence-texts/`.
"""

from __future__ import annotations

import json
import struct
import zlib
from array import array
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from pathlib import Path

INDEX_PATH = Path(__file__).resolve().parent / "index.bin"
MAGIC = b"OCLIDX1\n"
MAX_VOCABULARY = 0xFFFF  # word ids fit in 16 bits; 0 means "not in the vocabulary"


@dataclass(frozen=True)
class Reference:
    """One reference text: an SPDX id (or LicenseRef) and the language of the text."""

    spdx: str
    name: str
    language: str
    words: int
    codes: frozenset[int]


RARE = 6  # a word pair found in at most this many references tells them apart


@dataclass(frozen=True)
class Index:
    version: str
    vocabulary: dict[str, int]
    references: tuple[Reference, ...]
    _rare: dict[int, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _rare_counts: list[int] = field(default_factory=list, repr=False)

    def rare_postings(self) -> tuple[dict[int, tuple[int, ...]], list[int]]:
        """Word pairs found in few references -> those references (by position), and
        how many such pairs each reference has. Built on first use."""
        if not self._rare_counts:
            postings: dict[int, list[int]] = {}
            for number, reference in enumerate(self.references):
                for code in reference.codes:
                    postings.setdefault(code, []).append(number)
            counts = [0] * len(self.references)
            for code, owners in postings.items():
                if len(owners) <= RARE:
                    self._rare[code] = tuple(owners)
                    for owner in owners:
                        counts[owner] += 1
            self._rare_counts.extend(counts)
        return self._rare, self._rare_counts

    def code_words(self, words: list[str]) -> list[int]:
        """Bigram codes of a word sequence; a pair with an unknown word gets a code
        no reference has (negative and unique), so it counts as a difference."""
        ids = [self.vocabulary.get(word, 0) for word in words]
        codes: list[int] = []
        for position in range(len(ids) - 1):
            first, second = ids[position], ids[position + 1]
            codes.append(first << 16 | second if first and second else -1 - position)
        return codes


def bigram_codes(vocabulary: dict[str, int], words: list[str]) -> set[int]:
    """Codes of a reference text, adding its words to the vocabulary."""
    ids: list[int] = []
    for word in words:
        if word not in vocabulary:
            if len(vocabulary) >= MAX_VOCABULARY:
                raise ValueError("vocabulary larger than 65535 words")
            vocabulary[word] = len(vocabulary) + 1
        ids.append(vocabulary[word])
    return {ids[i] << 16 | ids[i + 1] for i in range(len(ids) - 1)}


def dump(version: str, vocabulary: dict[str, int], entries: list[tuple[str, str, str, int,
         set[int]]], path: Path) -> None:
    """Write the index: entries are (spdx, name, language, word count, codes)."""
    words = sorted(vocabulary, key=vocabulary.__getitem__)
    header = {
        "version": version,
        "vocabulary": words,
        "references": [
            {"spdx": spdx, "name": name, "language": language, "words": count,
             "codes": len(codes)}
            for spdx, name, language, count, codes in entries
        ],
    }
    deltas = array("I")
    for *_, codes in entries:
        previous = 0
        for code in sorted(codes):
            deltas.append(code - previous)
            previous = code
    raw_header = json.dumps(header, separators=(",", ":")).encode("utf-8")
    body = struct.pack("<I", len(raw_header)) + raw_header + deltas.tobytes()
    path.write_bytes(MAGIC + zlib.compress(body, 9))


@cache
def load_index(path: Path = INDEX_PATH) -> Index:
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not an opencheck licence index")
    body = zlib.decompress(data[len(MAGIC):])
    (size,) = struct.unpack_from("<I", body)
    header = json.loads(body[4 : 4 + size])
    deltas = array("I")
    deltas.frombytes(body[4 + size :])
    references: list[Reference] = []
    offset = 0
    for entry in header["references"]:
        count = entry["codes"]
        codes = frozenset(accumulate(deltas[offset : offset + count]))
        offset += count
        references.append(
            Reference(entry["spdx"], entry["name"], entry["language"], entry["words"], codes)
        )
    vocabulary = {word: number for number, word in enumerate(header["vocabulary"], start=1)}
    return Index(header["version"], vocabulary, tuple(references))
