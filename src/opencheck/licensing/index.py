# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The compact index of reference licence texts that identification compares with.

Each reference text is kept only as the set of its word pairs (bigrams), coded on a
shared vocabulary: `code = first_word_id << 16 | second_word_id`. The file stores the
vocabulary, one entry per text, and each text's sorted codes as deltas, compressed.
It is built by `python -m opencheck.licensing.build` from the SPDX License List texts
and the official French texts in `data/licence-texts/`.

The file is two parts: the header, vocabulary and rare pairs, compressed together and
read by every identification; then each reference's deltas compressed on their own,
each as four planes (the deltas' low bytes, then the next...: mostly zeros above the
first two). A reference is inflated when it is compared: inflating every reference's
1.7 MB took 17 to 30 ms of each run, where an identification compares a few dozen.

The word pairs found in few references (`rare_postings`, what the shortlist of texts
worth comparing is drawn from) are derived at build time and stored after the codes as
plain arrays: loading them is a copy, where deriving them took a second in every run.
A reference's own codes are decoded only when that reference is compared.
"""

from __future__ import annotations

import json
import struct
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate
from pathlib import Path

INDEX_PATH = Path(__file__).resolve().parent / "index.bin"
MAGIC = b"OCLIDX3\n"
MAX_VOCABULARY = 0xFFFF  # word ids fit in 16 bits; 0 means "not in the vocabulary"


@dataclass(frozen=True)
class Reference:
    """One reference text: an SPDX id (or LicenseRef) and the language of the text.

    `codes` is decoded from the index's shared delta array on first use."""

    spdx: str
    name: str
    language: str
    words: int
    packed: bytes = field(repr=False, compare=False)  # `pack_deltas` of its sorted codes

    @cached_property
    def codes(self) -> frozenset[int]:
        return frozenset(accumulate(unpack_deltas(self.packed)))


def pack_deltas(codes: Iterable[int]) -> bytes:
    """Sorted codes as deltas, in four byte planes, compressed."""
    deltas = array("I")
    previous = 0
    for code in sorted(codes):
        deltas.append(code - previous)
        previous = code
    raw = deltas.tobytes()
    size = deltas.itemsize
    return zlib.compress(b"".join(raw[plane::size] for plane in range(size)), 9)


def unpack_deltas(packed: bytes) -> array[int]:
    planes = zlib.decompress(packed)
    deltas = array("I")
    size = deltas.itemsize
    count = len(planes) // size
    raw = bytearray(len(planes))
    for plane in range(size):
        raw[plane::size] = planes[plane * count: (plane + 1) * count]
    deltas.frombytes(raw)
    return deltas


RARE = 6  # a word pair found in at most this many references tells them apart


@dataclass(frozen=True)
class RarePostings:
    """Word pairs found in at most RARE references, sorted, with their references."""

    codes: array[int]  # sorted
    offsets: array[int]  # owners of codes[i] are owners[offsets[i]:offsets[i + 1]]
    owners: array[int]
    counts: array[int]  # per reference: how many rare pairs it has

    def get(self, code: int) -> array[int] | None:
        at = bisect_left(self.codes, code)
        if at == len(self.codes) or self.codes[at] != code:
            return None
        return self.owners[self.offsets[at]: self.offsets[at + 1]]


def rare_postings_of(codes_per_reference: Iterable[Iterable[int]]) -> RarePostings:
    """Derive the rare pairs (at build time)."""
    postings: dict[int, list[int]] = {}
    total = 0
    for number, codes in enumerate(codes_per_reference):
        total += 1
        for code in codes:
            postings.setdefault(code, []).append(number)
    rare_codes, offsets, owners = array("I"), array("I", [0]), array("H")
    counts = array("I", [0] * total)
    for code in sorted(postings):
        found = postings[code]
        if len(found) <= RARE:
            rare_codes.append(code)
            owners.extend(found)
            offsets.append(len(owners))
            for owner in found:
                counts[owner] += 1
    return RarePostings(rare_codes, offsets, owners, counts)


@dataclass(frozen=True)
class Index:
    version: str
    vocabulary: dict[str, int]
    references: tuple[Reference, ...]
    rare: RarePostings

    def rare_postings(self) -> tuple[RarePostings, array[int]]:
        """Word pairs found in few references -> those references (by position), and
        how many such pairs each reference has. Stored in the index at build time."""
        return self.rare, self.rare.counts

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
    rare = rare_postings_of(codes for *_, codes in entries)
    packed = [pack_deltas(codes) for *_, codes in entries]
    header: dict[str, object] = {
        "version": version,
        "vocabulary": words,
        "references": [
            {"spdx": spdx, "name": name, "language": language, "words": count,
             "codes": len(codes), "packed": len(blob)}
            for (spdx, name, language, count, codes), blob in zip(entries, packed, strict=True)
        ],
        "rare": len(rare.codes),
        "rare_owners": len(rare.owners),
    }
    raw_header = json.dumps(header, separators=(",", ":")).encode("utf-8")
    body = b"".join((struct.pack("<I", len(raw_header)), raw_header, rare.codes.tobytes(),
                     rare.offsets.tobytes(), rare.owners.tobytes(), rare.counts.tobytes()))
    shared = zlib.compress(body, 9)
    path.write_bytes(b"".join((MAGIC, struct.pack("<I", len(shared)), shared, *packed)))


@cache
def load_index(path: Path = INDEX_PATH) -> Index:
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not an opencheck licence index")
    position = len(MAGIC)
    (shared,) = struct.unpack_from("<I", data, position)
    position += 4
    body = memoryview(zlib.decompress(data[position: position + shared]))
    packed_at = position + shared
    (size,) = struct.unpack_from("<I", body)
    header = json.loads(bytes(body[4 : 4 + size]))
    position = 4 + size
    references = header["references"]

    def take(typecode: str, count: int) -> array[int]:
        nonlocal position
        values = array(typecode)
        end = position + count * values.itemsize
        values.frombytes(body[position:end])
        position = end
        return values

    rare = RarePostings(take("I", header["rare"]), take("I", header["rare"] + 1),
                        take("H", header["rare_owners"]), take("I", len(references)))
    loaded: list[Reference] = []
    for entry in references:
        end = packed_at + entry["packed"]
        loaded.append(Reference(entry["spdx"], entry["name"], entry["language"],
                                entry["words"], data[packed_at:end]))
        packed_at = end
    if packed_at != len(data):
        raise ValueError(f"{path}: truncated or overlong licence index")
    vocabulary = {word: number for number, word in enumerate(header["vocabulary"], start=1)}
    return Index(header["version"], vocabulary, tuple(loaded), rare)
