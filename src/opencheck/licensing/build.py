# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Build `index.bin` from the SPDX License List texts and the extra official texts.

    python -m opencheck.licensing.build --spdx /work/shared/corpus/spdx

SPDX data: `licenses.json` and `text/<id>.txt` (the layout of license-list-data).
Deprecated ids are left out; ids whose texts are identical keep one entry (the GNU
`-only` id, by the SPDX convention for a bare GNU text). Extra texts are files named
`<SPDX id>.<language>.txt` (see `data/licence-texts/`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from opencheck.licensing.index import INDEX_PATH, bigram_codes, dump
from opencheck.licensing.normalize import words_of

MIN_WORDS = 12
# Texts often shipped without their last part: the LGPL-3.0 without the GPL-3.0 text SPDX
# appends to it, the Apache and GNU licences without their "how to apply" appendix.
SHORTER = {
    "LGPL-3.0-only": "GNU GENERAL PUBLIC LICENSE",
    "Apache-2.0": "APPENDIX: How to apply",
    "GPL-3.0-only": "How to Apply These Terms",
    "AGPL-3.0-only": "How to Apply These Terms",
    "GPL-2.0-only": "How to Apply These Terms",
    "LGPL-2.1-only": "How to Apply These Terms",
}  # shorter texts are too small to be told apart by their words
EXTRA_DIR = Path(__file__).resolve().parents[3] / "data" / "licence-texts"
EXTRA_NAMES = {
    "CECILL-2.1": "CeCILL Free Software License Agreement v2.1",
    "CECILL-2.0": "CeCILL Free Software License Agreement v2.0",
    "CECILL-B": "CeCILL-B Free Software License Agreement",
    "CECILL-C": "CeCILL-C Free Software License Agreement",
    "CECILL-1.0": "CeCILL Free Software License Agreement v1.0",
    "etalab-2.0": "Etalab Open License 2.0",
}


def _preference(spdx: str) -> tuple[int, int, str]:
    """Which id keeps a text shared by several: GNU -only first, then shortest."""
    return (0 if spdx.endswith("-only") else 1, len(spdx), spdx)


def build(spdx_dir: Path, extra_dir: Path, output: Path) -> int:
    listing = json.loads((spdx_dir / "licenses.json").read_text("utf-8"))
    vocabulary: dict[str, int] = {}
    by_codes: dict[frozenset[int], list[tuple[str, str, int]]] = {}
    for licence in listing["licenses"]:
        if licence.get("isDeprecatedLicenseId"):
            continue
        spdx = licence["licenseId"]
        path = spdx_dir / "text" / f"{spdx}.txt"
        if not path.is_file():
            continue
        words = words_of(path.read_text("utf-8")).words
        if len(words) < MIN_WORDS:
            continue
        codes = frozenset(bigram_codes(vocabulary, words))
        by_codes.setdefault(codes, []).append((spdx, licence["name"], len(words)))
        cut = SHORTER.get(spdx)
        if cut is not None:  # a common shorter form: without its last part
            text = path.read_text("utf-8")
            alone = words_of(text[: text.index(cut)]).words
            alone_codes = frozenset(bigram_codes(vocabulary, alone))
            by_codes.setdefault(alone_codes, []).append((spdx, licence["name"], len(alone)))
    entries: list[tuple[str, str, str, int, set[int]]] = []
    for codes, owners in by_codes.items():
        spdx, name, count = min(owners, key=lambda owner: _preference(owner[0]))
        language = "fr" if spdx in {"CECILL-1.0", "etalab-2.0"} or spdx.startswith(
            ("LiLiQ", "LAL-", "CC-BY-NC-SA-2.0-FR")) else "en"
        entries.append((spdx, name, language, count, set(codes)))
    for path in sorted(extra_dir.glob("*.txt")):
        spdx, language, _ = path.name.rsplit(".", 2)
        words = words_of(path.read_text("utf-8")).words
        extra = bigram_codes(vocabulary, words)
        entries.append((spdx, EXTRA_NAMES.get(spdx, spdx), language, len(words), extra))
    entries.sort(key=lambda entry: entry[0])
    dump(listing.get("licenseListVersion", "unknown"), vocabulary, entries, output)
    return len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spdx", type=Path, required=True, help="SPDX license-list-data folder")
    parser.add_argument("--extra", type=Path, default=EXTRA_DIR, help="extra official texts")
    parser.add_argument("--output", type=Path, default=INDEX_PATH)
    args = parser.parse_args()
    count = build(args.spdx, args.extra, args.output)
    print(f"{args.output}: {count} reference texts, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
