# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Objects asked one at a time of one long-lived `git cat-file --batch`."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import RepoFactory, git
from opencheck.gitobjects import ObjectReader, stream_blobs
from opencheck.secrets.copies import _tree_entries


def test_each_answer_is_the_objects_or_none(make_repo: RepoFactory) -> None:
    root = make_repo({"LICENSE": "MIT\n", "lib/a.txt": "a\n", "big.txt": "x" * 5000})
    reader = ObjectReader(root)
    try:
        assert reader.read("HEAD:LICENSE", "blob", 100) == b"MIT\n"
        assert reader.read("HEAD:LICENSE", "tree", 100) is None  # another kind
        assert reader.read("HEAD:absent", "blob", 100) is None
        assert reader.read("HEAD:big.txt", "blob", 100) is None  # past the limit
        assert reader.read("HEAD:LICENSE\nHEAD:big.txt", "blob", 100) is None
        assert reader.read("", "blob", 100) is None
        # after a refusal, the next question is answered (by a new git when needed)
        assert _tree_entries(reader.read("HEAD:lib", "tree", 1000) or b"", 20) == {
            "a.txt": git(root, "rev-parse", "HEAD:lib/a.txt").strip()}
    finally:
        reader.close()


def test_a_sha256_repositorys_trees(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "--quiet", "--object-format=sha256")
    (root / "lib").mkdir()
    (root / "lib" / "a b.txt").write_text("a\n")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "x")
    head = git(root, "rev-parse", "HEAD").strip()
    reader = ObjectReader(root)
    try:
        entries = _tree_entries(reader.read(f"{head}:lib", "tree", 1000) or b"", len(head) // 2)
    finally:
        reader.close()
    assert entries == {"a b.txt": git(root, "rev-parse", "HEAD:lib/a b.txt").strip()}


def test_git_ends_with_its_reader(make_repo: RepoFactory) -> None:
    root = make_repo({"LICENSE": "MIT\n"})
    reader = ObjectReader(root)
    assert reader.read("HEAD:LICENSE", "blob", 100) == b"MIT\n"
    process = reader._process
    assert process is not None and process.poll() is None
    del reader
    assert process.poll() is not None


def test_a_loose_object_whose_size_lies_cannot_answer_the_next_question(
        make_repo: RepoFactory) -> None:
    # A folder handed over as it is: a loose object saying 5 bytes whose content goes on
    # with what reads as the next answer (a licence text of the repository's choosing)
    root = make_repo({"LICENSE": "MIT\n", "a.txt": "AAAAA\n"})
    lying = git(root, "rev-parse", "HEAD:a.txt").strip()
    loose = root / ".git" / "objects" / lying[:2] / lying[2:]
    loose.chmod(0o644)
    forged = git(root, "rev-parse", "HEAD:LICENSE").strip().encode()
    loose.write_bytes(zlib.compress(b"blob 5\0AAAAA\n" + forged + b" blob 7\nForged\n\n"))
    reader = ObjectReader(root)
    try:
        reader.read(lying, "blob", 100)
        assert reader.read("HEAD:LICENSE", "blob", 100) in (b"MIT\n", None)
        assert reader.read("HEAD:LICENSE", "blob", 100) == b"MIT\n"
    finally:
        reader.close()


def test_a_stream_gives_every_blob_in_order_and_stops_at_an_absent_one(
        make_repo: RepoFactory) -> None:
    root = make_repo({"LICENSE": "MIT\n", "a.txt": "AAAAA\n", "b.txt": "B\n" * 70000})
    oids = [git(root, "rev-parse", f"HEAD:{name}").strip() for name in ("b.txt", "LICENSE")]
    assert list(stream_blobs(root, oids, 1 << 20)) == [(oids[0], b"B\n" * 70000),
                                                        (oids[1], b"MIT\n")]
    absent = "0" * 40
    assert list(stream_blobs(root, [oids[1], absent, oids[0]], 1 << 20)) == [
        (oids[1], b"MIT\n")]
    assert list(stream_blobs(root, oids, 100)) == []  # b.txt is above the limit


def test_a_stream_stops_at_a_loose_object_whose_size_lies(make_repo: RepoFactory) -> None:
    root = make_repo({"LICENSE": "MIT\n", "a.txt": "AAAAA\n"})
    lying = git(root, "rev-parse", "HEAD:a.txt").strip()
    licence = git(root, "rev-parse", "HEAD:LICENSE").strip()
    loose = root / ".git" / "objects" / lying[:2] / lying[2:]
    loose.chmod(0o644)
    loose.write_bytes(zlib.compress(b"blob 5\0AAAAA\n" + licence.encode()
                                    + b" blob 7\nForged\n\n"))
    read = list(stream_blobs(root, [lying, licence], 100))
    assert [oid for oid, _data in read] != [lying, licence]  # the caller sees it stopped
    assert all(b"Forged" not in data for _oid, data in read)


# The child's own peak (VmHWM: ru_maxrss keeps the peak of the process before exec)
ASK_TWICE = """
import sys
from pathlib import Path
from opencheck.gitobjects import ObjectReader

def peak():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

reader = ObjectReader(Path(sys.argv[1]))
before = peak()
first = reader.read(sys.argv[2], "blob", 100)
second = reader.read("HEAD:LICENSE", "blob", 100)
third = reader.read("HEAD:LICENSE", "blob", 100)
reader.close()
print(first, second, third, peak() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux's /proc")
def test_an_answer_is_read_no_longer_than_an_answer_can_be(make_repo: RepoFactory) -> None:
    # A loose object saying 5 bytes whose content goes on, without a newline, for as
    # long as it unfolds (200 KB of zlib, 192 MB): the next question's answer was read
    # up to a newline, the whole run, before it was found not to be one.
    root = make_repo({"LICENSE": "MIT\n", "a.txt": "AAAAA\n"})
    lying = git(root, "rev-parse", "HEAD:a.txt").strip()
    loose = root / ".git" / "objects" / lying[:2] / lying[2:]
    loose.chmod(0o644)
    packer = zlib.compressobj(6)
    parts = [packer.compress(b"blob 5\0AAAAA\n")]
    parts += [packer.compress(b"B" * (1 << 20)) for _ in range(192)]
    loose.write_bytes(b"".join([*parts, packer.flush()]))
    done = subprocess.run([sys.executable, "-c", ASK_TWICE, str(root), lying],
                          capture_output=True, text=True, check=True, timeout=100)
    first, second, third, grown = done.stdout.split()
    assert (first, second, third) == ("b'AAAAA'", "None", "b'MIT\\n'")
    assert int(grown) >> 10 < 50, f"{int(grown) >> 10} MB more for two answers"
