# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The compact index of reference licence texts that identification compares with.

Each reference text is kept only as the set of its word pairs (bigrams), coded on a
shared vocabulary: `code = first_word_id << 16 | second_word_id`. The file stores the
vocabulary, one entry per text, and each text's sorted codes as deltas, compressed.
It is built by `python -m opencheck.licensing.build` from the SPDX License List texts
and the official French texts in `data/licence-texts/`.

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
MAGIC = b"OCLIDX2\n"
MAX_VOCABULARY = 0xFFFF  # word ids fit in 16 bits; 0 means "not in the vocabulary"


@dataclass(frozen=True)
class Reference:
    """One reference text: an SPDX id (or LicenseRef) and the language of the text.

    `codes` is decoded from the index's shared delta array on first use."""

    spdx: str
    name: str
    language: str
    words: int
    deltas: array[int] = field(repr=False, compare=False)

    @cached_property
    def codes(self) -> frozenset[int]:
        return frozenset(accumulate(self.deltas))


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
    header: dict[str, object] = {
        "version": version,
        "vocabulary": words,
        "references": [
            {"spdx": spdx, "name": name, "language": language, "words": count,
             "codes": len(codes)}
            for spdx, name, language, count, codes in entries
        ],
        "rare": len(rare.codes),
        "rare_owners": len(rare.owners),
    }
    deltas = array("I")
    for *_, codes in entries:
        previous = 0
        for code in sorted(codes):
            deltas.append(code - previous)
            previous = code
    raw_header = json.dumps(header, separators=(",", ":")).encode("utf-8")
    body = b"".join((struct.pack("<I", len(raw_header)), raw_header, deltas.tobytes(),
                     rare.codes.tobytes(), rare.offsets.tobytes(), rare.owners.tobytes(),
                     rare.counts.tobytes()))
    path.write_bytes(MAGIC + zlib.compress(body, 9))


@cache
def load_index(path: Path = INDEX_PATH) -> Index:
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not an opencheck licence index")
    body = memoryview(zlib.decompress(data[len(MAGIC):]))
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

    deltas = take("I", sum(entry["codes"] for entry in references))
    rare = RarePostings(take("I", header["rare"]), take("I", header["rare"] + 1),
                        take("H", header["rare_owners"]), take("I", len(references)))
    loaded: list[Reference] = []
    offset = 0
    for entry in references:
        count = entry["codes"]
        loaded.append(Reference(entry["spdx"], entry["name"], entry["language"],
                                entry["words"], deltas[offset: offset + count]))
        offset += count
    vocabulary = {word: number for number, word in enumerate(header["vocabulary"], start=1)}
    return Index(header["version"], vocabulary, tuple(loaded), rare)
