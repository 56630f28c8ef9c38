# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The Hyperscan prefilter finds exactly what the pure-Python scan finds."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opencheck.checks.secrets import STORE_KINDS
from opencheck.secrets import detectors, multimatch
from opencheck.secrets.detectors import DETECTORS, scan
from opencheck.secrets.files import artefact, head_matters, secret_file_kind
from secret_samples import Samples

hyperscan = pytest.importorskip("hyperscan")

ROOT = Path(__file__).resolve().parents[1]
PYTHON = multimatch.PythonEngine()


@pytest.fixture(scope="module")
def fast() -> multimatch.Engine:
    engine = multimatch.HyperscanEngine(detectors.engine_patterns())
    assert engine.name == "hyperscan"
    return engine


def sample_texts() -> list[tuple[str, bytes]]:
    samples = Samples(11)
    texts = [(path, content.encode()) for path, content in samples.planted().values()]
    texts += [(path, content.encode()) for path, content in samples.decoys().items()]
    # the same values in other cases, glued to other text, several per file
    every = b"\n".join(content for _, content in texts)
    texts += [("mixed.env", every), ("upper.cfg", every.upper()), ("lower.txt", every.lower()),
              ("glued.py", every.replace(b"\n", b" x=1;"))]
    return texts


def test_every_sample_gives_the_same_hits(fast: multimatch.Engine) -> None:
    found_any = 0
    for path, data in sample_texts():
        expected = scan(data, path, prefilter=PYTHON)
        assert scan(data, path, prefilter=fast) == expected, path
        found_any += bool(expected)
    assert found_any >= 20  # the samples do exercise the detectors


def real_files(budget: int = 20_000_000) -> list[tuple[str, bytes]]:
    """This repository and the Python standard library: thousands of real files."""
    files: list[tuple[str, bytes]] = []
    stdlib = Path(re.__file__).parents[1]
    for folder in (ROOT / "src", ROOT / "tests", ROOT / "docs", stdlib):
        for path in sorted(folder.rglob("*")):
            if "site-packages" in path.parts or path.suffix in (".pyc", ".so"):
                continue
            if not path.is_file() or path.is_symlink():
                continue
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if len(data) < 2_000_000 and b"\0" not in data[:8000]:
                files.append((path.as_posix(), data))
                budget -= len(data)
                if budget < 0:
                    return files
    return files


def test_real_files_give_the_same_hits(fast: multimatch.Engine) -> None:
    files = real_files()
    assert len(files) > 1000
    skipped = hits = 0
    for path, data in files:
        expected = scan(data, path, prefilter=PYTHON)
        assert scan(data, path, prefilter=fast) == expected, path
        hits += len(expected)
        possible = fast.candidates(data)
        skipped += possible is not None and len(possible) < len(DETECTORS)
    assert hits > 20  # the standard library's tests hold keys, passwords and addresses
    assert skipped == len(files)  # and the prefilter did skip detectors in every file


def test_superset_drops_conditions_and_keeps_the_bytes() -> None:
    spelled = multimatch.superset(re.compile(rb"(?<![a-z])ab[0-9]{2,4}(?!x)\b"))
    assert re.fullmatch(spelled, b"ab123")
    assert not re.fullmatch(spelled, b"ab1")
    long_repeat = multimatch.superset(re.compile(rb"k[\s\S]{64,16384}?e"))
    assert re.search(long_repeat, b"k" + b"y" * 20000 + b"e")  # left open: a superset


def test_a_pattern_without_superset_always_runs() -> None:
    with pytest.raises(multimatch.Unsupported):
        multimatch.superset(re.compile(rb"(a)\1"))
    engine = multimatch.HyperscanEngine([(re.compile(rb"(a)\1"), False),
                                         (re.compile(rb"x*"), False),
                                         (re.compile(rb"token"), False)])
    assert engine.candidates(b"nothing here") == frozenset({0, 1})
    assert engine.candidates(b"a TOKEN") == frozenset({0, 1})
    assert engine.candidates(b"a token") == frozenset({0, 1, 2})


def test_case_insensitive_patterns_match_every_case() -> None:
    engine = multimatch.HyperscanEngine([(re.compile(rb"rie\.gouv\.fr"), True)])
    assert engine.candidates(b"srv.RIE.Gouv.FR") == frozenset({0})


def test_the_fallback_is_chosen_by_the_environment_and_named() -> None:
    code = ("from opencheck.secrets import detectors; "
            "print(detectors.engine().name, detectors.engine_name())")
    forced = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={"OPENCHECK_SECRETS_ENGINE": "python",
                                             "PATH": "/usr/bin:/bin"})
    assert forced.stdout.strip() == "python python (OPENCHECK_SECRETS_ENGINE=python)"
    default = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env={"PATH": "/usr/bin:/bin"})
    assert default.stdout.split() == ["hyperscan", "hyperscan"]


def test_the_standalone_detectors_give_the_same_hits_with_either_engine() -> None:
    """A lockfile's old versions are searched with the database of the detectors whose
    value works on its own: the same hits as the Python scan of those detectors, none
    of a keyword guess, a URL's password or personal data."""
    standalone = detectors.standalone_engine()
    kinds = {detectors.DETECTORS[index].kind for index in detectors.STANDALONE}
    assert {"github-token", "aws-access-key", "private-key"} <= kinds
    assert not kinds & {"password-assignment", "url-credentials", "jwt", "nir", "iban-fr"}
    found_any = 0
    for path, data in sample_texts():
        expected = scan(data, path, prefilter=PYTHON, standalone=True)
        assert scan(data, path, standalone=True, prefilter=standalone) == expected, path
        assert expected == [hit for hit in scan(data, path, prefilter=PYTHON)
                            if hit.kind in kinds], path
        found_any += len(expected)
    assert found_any > 10


def test_small_inputs_do_not_build_the_database() -> None:
    code = ("from opencheck.secrets import detectors; detectors.scan(b'password = \"x\"'); "
            "print(detectors._engine is None)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "True"
    assert detectors.ENGINE_THRESHOLD > 1024 * 1024


def test_a_worker_uses_the_parents_database(fast: multimatch.Engine) -> None:
    assert isinstance(fast, multimatch.HyperscanEngine)
    loaded = multimatch.HyperscanEngine.load(fast.export())
    for path, data in sample_texts():
        assert scan(data, path, prefilter=loaded) == scan(data, path, prefilter=PYTHON), path


@pytest.mark.parametrize("path", ["app/.env", "keys/release.jks", "bin/tool.exe", "lib/a.so.1",
                                  "node_modules/x/index.js", "build/app.class", "docs/a.md",
                                  "data/firmware.bin", "store.p12",
                                  "gradle/wrapper/gradle-wrapper.jar",
                                  ".paket/paket.bootstrapper.exe"])
def test_a_path_is_classified_alone_unless_its_head_has_a_magic_number(path: str) -> None:
    heads = [b"", b"plain text\n", b"\x7fELF\x02\x01", b"MZ" + b"\0" * 58 + b"\x40\0\0\0"
             + b"\0" * 4 + b"PE\0\0", b"\xca\xfe\xba\xbe\0\0", b"\xfe\xed\xfe\xed\0\0"]
    for head in heads:
        with_head = (secret_file_kind(path, head), artefact(path, head))
        if head and secret_file_kind(path, None) in STORE_KINDS and not head_matters(head):
            # a key store's name on bytes no store opens with (a page saved in its place)
            # is no key store: both scans judge such names with their bytes
            assert with_head == (None, artefact(path, None))
        elif not head_matters(head):
            assert with_head == (secret_file_kind(path, None), artefact(path, None))
        else:
            assert head[:2] in (b"\x7fE", b"MZ", b"\xca\xfe", b"\xfe\xed")


# Blobs above this size were once scanned in windows: the offsets around its multiples
# are where a token was most likely to be lost.
BLOCK = 64 * 1024


def test_a_token_anywhere_in_a_large_blob_is_found() -> None:
    """A large blob is one pass: a token at any offset, and an assignment spread over
    thousands of spaces, are found as the pure-Python scan finds them."""
    token = Samples().github()
    fast = detectors.engine()
    if not isinstance(fast, multimatch.HyperscanEngine):
        pytest.skip("the hyperscan wheel does not run here")
    for offset in (BLOCK - 10, 2 * BLOCK - 1, 3 * BLOCK, 5 * 1024 * 1024):
        data = b"x" * offset + b" GITHUB=" + token.encode() + b"\n" + b"y" * 200_000
        kinds = {hit.kind for hit in detectors.scan(data, "deploy.env", prefilter=fast)}
        assert "github-token" in kinds, offset
    spread = b"password" + b" " * 12_000 + b'= "S3cr3t-value-42"\n'
    data = b"z" * (BLOCK - 100) + spread + b"z" * 200_000
    python = {(h.kind, h.line) for h in detectors.scan(data, "app.py",
                                                       prefilter=multimatch.PythonEngine())}
    assert ("password-assignment", 1) in python
    assert {(h.kind, h.line) for h in detectors.scan(data, "app.py", prefilter=fast)} == python


def test_each_detector_starts_at_its_first_possible_match(fast: multimatch.Engine) -> None:
    """The Python pattern runs from the first end Hyperscan saw minus its widest match:
    a value after a long run of near-matches, or right after the first one, or in a
    large blob, is found all the same, on its line."""
    near = (b"password=\nAKIA\nghp_short\nFR76 12\n192.168.\neyJhbGci.\n1 85 05 78 006 \n"
            b"key: \nhttps://user@\n-----BEGIN RSA PRIVATE KEY-----\nxoxb-\n")
    for path, content in sample_texts()[:-4]:
        for before in (b"", near, near * 40, b"x\n" * (BLOCK // 2) + near * 3):
            for after in (b"", near * 2):
                data = before + content + b"\n" + after
                expected = scan(data, path, prefilter=PYTHON)
                assert scan(data, path, prefilter=fast) == expected, (path, len(before))


def test_the_first_end_is_the_earliest_of_several(fast: multimatch.Engine) -> None:
    engine = multimatch.HyperscanEngine([(re.compile(rb"token=[0-9]{4}"), False),
                                         (re.compile(rb"a[0-9]+b"), False)])
    data = b"xx token=1234 a12b token=5678 a3b"
    assert engine.first_ends(data) == {0: 13, 1: 18}
    big = b"." * (3 * BLOCK) + data + b"." * BLOCK
    assert engine.first_ends(big) == {0: 3 * BLOCK + 13, 1: 3 * BLOCK + 18}
    assert engine.first_ends(b"nothing") == {}


def test_compiled_databases_are_kept_for_the_next_run(tmp_path: Path) -> None:
    patterns = detectors.engine_patterns()
    assert multimatch.HyperscanEngine.cached(patterns, tmp_path) is None
    multimatch.HyperscanEngine(patterns, tmp_path)
    stored = list(tmp_path.glob("*.db"))
    assert len(stored) == 1
    loaded = multimatch.HyperscanEngine.cached(patterns, tmp_path)
    assert loaded is not None
    for path, data in sample_texts():
        assert scan(data, path, prefilter=loaded) == scan(data, path, prefilter=PYTHON), path
    # other patterns are other databases, never the stored ones
    other = [*patterns[:-1], (re.compile(rb"other"), False)]
    assert multimatch.HyperscanEngine.cached(other, tmp_path) is None


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped", "empty"])
def test_a_damaged_cache_is_compiled_again(tmp_path: Path, damage: str) -> None:
    patterns = detectors.engine_patterns()
    multimatch.HyperscanEngine(patterns, tmp_path)
    (stored,) = tmp_path.glob("*.db")
    content = stored.read_bytes()
    if damage == "truncated":
        content = content[: len(content) // 2]
    elif damage == "garbage":
        content = content[:200] + b"\xff" * (len(content) - 200)
    elif damage == "flipped":
        middle = len(content) // 2
        content = content[:middle] + bytes([content[middle] ^ 0x55]) + content[middle + 1:]
    else:
        content = b""
    stored.write_bytes(content)
    engine = multimatch.HyperscanEngine(patterns, tmp_path)
    for path, data in sample_texts():
        assert scan(data, path, prefilter=engine) == scan(data, path, prefilter=PYTHON), path
    assert multimatch.HyperscanEngine.cached(patterns, tmp_path) is not None  # replaced


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    engine = multimatch.HyperscanEngine(detectors.engine_patterns(), blocked / "cache")
    assert engine.candidates(b"password = 'x'") is not None


def test_a_run_uses_the_cache_an_earlier_run_left(tmp_path: Path) -> None:
    code = ("import sys; from opencheck.secrets import detectors; "
            "detectors.scan(b'x' * 300_000); print(type(detectors._engine).__name__)")
    env = {"PATH": "/usr/bin:/bin", "OPENCHECK_CACHE_DIR": str(tmp_path / "opencheck")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env)
    assert first.stdout.strip() == "NoneType"  # below the threshold, nothing compiled
    multimatch.HyperscanEngine(detectors.engine_patterns(), tmp_path / "opencheck" / "hyperscan")
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=env)
    assert second.stdout.strip() == "HyperscanEngine"


def test_a_run_expected_to_scan_much_loads_the_cache_before_its_first_file(
        tmp_path: Path) -> None:
    """A run that is to scan more than CACHE_THRESHOLD (its tree and history) loads
    the databases an earlier run left before its first file, not once that many bytes
    went through the Python patterns; a small one never loads them."""
    code = ("import sys; from opencheck.secrets import detectors; "
            "detectors.prepare(3, int(sys.argv[1])); print(type(detectors._engine).__name__)")
    env = {"PATH": "/usr/bin:/bin", "OPENCHECK_CACHE_DIR": str(tmp_path / "opencheck")}
    multimatch.HyperscanEngine(detectors.engine_patterns(), tmp_path / "opencheck" / "hyperscan")
    for expected, engine in ((detectors.CACHE_THRESHOLD, "HyperscanEngine"),
                             (detectors.CACHE_THRESHOLD - 1, "NoneType")):
        done = subprocess.run([sys.executable, "-c", code, str(expected)],
                              capture_output=True, text=True, check=True, env=env)
        assert done.stdout.strip() == engine


def test_a_run_expected_to_scan_much_compiles_ahead_without_a_cache(tmp_path: Path) -> None:
    """With no database in the cache (a CI runner's first run), a run that is to scan
    past ENGINE_THRESHOLD compiles it in a thread from `prepare` on, and uses it from
    the first file after it is ready, not once 4 MB went through the Python patterns;
    a run expected to scan less compiles nothing."""
    code = ("import sys; from opencheck.secrets import detectors\n"
            "detectors.prepare(3, int(sys.argv[1]))\n"
            "builder = detectors._builder\n"
            "print(builder is not None)\n"
            "if builder is not None:\n"
            "    builder.join()\n"
            "    print(detectors.candidates(b'password = \"Xk9vQ2mZ7pL\"') is not None,\n"
            "          type(detectors._engine).__name__)\n")
    env = {"PATH": "/usr/bin:/bin", "OPENCHECK_CACHE_DIR": str(tmp_path / "opencheck")}
    done = subprocess.run([sys.executable, "-c", code, str(detectors.ENGINE_THRESHOLD)],
                          capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == ["True", "True", "HyperscanEngine"]
    assert list((tmp_path / "opencheck" / "hyperscan").glob("*.db"))  # kept for the next run
    small = subprocess.run([sys.executable, "-c", code, str(detectors.ENGINE_THRESHOLD - 1)],
                           capture_output=True, text=True, check=True,
                           env={**env, "OPENCHECK_CACHE_DIR": str(tmp_path / "other")})
    assert small.stdout.split() == ["False"]


@pytest.mark.parametrize("exposure", ["folder-writable", "file-writable", "symlink"])
def test_a_cache_others_could_write_is_not_read(tmp_path: Path, exposure: str) -> None:
    # Whoever writes the database decides which detectors the prefilter lets run.
    patterns = detectors.engine_patterns()
    folder = tmp_path / "cache"
    multimatch.HyperscanEngine(patterns, folder)
    (stored,) = folder.glob("*.db")
    assert multimatch.HyperscanEngine.cached(patterns, folder) is not None
    if exposure == "folder-writable":
        folder.chmod(0o777)
    elif exposure == "file-writable":
        stored.chmod(0o666)
    else:
        elsewhere = tmp_path / "elsewhere.db"
        stored.rename(elsewhere)
        stored.symlink_to(elsewhere)
    assert multimatch.HyperscanEngine.cached(patterns, folder) is None


def test_boundaries_become_bytes_of_the_spelled_pattern() -> None:
    """A one-byte look-around at either end, and the bytes refused before a match,
    are spelled as a byte class or the data's edge, so that a digit run inside a
    longer number no longer makes a NIR candidate; a class case folding would widen
    is left out under case-insensitivity."""
    nir = re.compile(rb"(1[0-9]{12})(?![0-9])")
    spelled = multimatch.superset(nir, False, b"0123456789")
    assert re.search(spelled, b"x 1234567890123 y")
    assert re.search(spelled, b"1234567890123")
    assert not re.search(spelled, b"912345678901234")
    assert not re.search(spelled, b"12345678901234")
    folded = multimatch.superset(re.compile(rb"key(?![a-z])"), True)
    assert re.search(folded, b"keyZ")  # [a-z] is not closed under case: not kept
    kept = multimatch.superset(re.compile(rb"key(?![A-Za-z])"), True)
    assert not re.search(kept, b"keyZ")
    engine = multimatch.HyperscanEngine([(nir, False, b"0123456789")])
    assert engine.first_ends(b"91234567890123 and 98765") == {}
    assert engine.first_ends(b"id 1234567890123\n") == {0: 17}


def test_databases_of_other_versions_are_removed_after_a_month(tmp_path: Path) -> None:
    old = tmp_path / ("0" * 32 + ".db")
    recent = tmp_path / ("1" * 32 + ".db")
    for stored in (old, recent):
        stored.write_bytes(b"made by another version")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    multimatch.HyperscanEngine(detectors.engine_patterns(), tmp_path)
    assert not old.exists() and recent.exists()
    assert len(list(tmp_path.glob("*.db"))) == 2  # the recent one and the new one


def _someone_s_old_database(tmp_path: Path) -> tuple[Path, Path]:
    """A folder of someone's data holding a month-old `*.db` file (an SQLite file)."""
    elsewhere = tmp_path / "someone-s-data"
    elsewhere.mkdir()
    database = elsewhere / "accounts.db"
    database.write_bytes(b"SQLite format 3\0")
    month_ago = time.time() - 31 * 86400
    os.utime(database, (month_ago, month_ago))
    return elsewhere, database


def test_a_cache_folder_that_is_a_symlink_is_neither_written_nor_pruned(
    tmp_path: Path,
) -> None:
    """A `hyperscan` folder replaced by a symlink (a shared cache parent) would make the
    clean-up delete month-old `*.db` files wherever it points, such as SQLite files."""
    elsewhere, database = _someone_s_old_database(tmp_path)
    folder = tmp_path / "cache"
    folder.symlink_to(elsewhere)
    multimatch.HyperscanEngine(detectors.engine_patterns(), folder)
    assert database.exists()
    assert list(elsewhere.iterdir()) == [database]  # nothing written there either


def test_a_cache_folder_swapped_for_a_link_once_judged_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A parent another account may write lets it swap the `hyperscan` folder for a
    symlink just after opencheck judged the folder private: every later step (the
    temporary file, the replace, the month-old clean-up) then worked wherever the link
    led. They now work in the folder that was judged, from its descriptor."""
    from opencheck import usercache

    elsewhere, database = _someone_s_old_database(tmp_path)
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    judged = usercache.private
    folders_judged = []

    def judged_then_swapped(status: os.stat_result) -> bool:
        verdict = judged(status)
        if stat.S_ISDIR(status.st_mode):
            folders_judged.append(status)
            if len(folders_judged) == 2:  # the read found nothing; now the write
                folder.rename(tmp_path / "judged")
                folder.symlink_to(elsewhere)
        return verdict

    monkeypatch.setattr(usercache, "private", judged_then_swapped)
    multimatch.HyperscanEngine(detectors.engine_patterns(), folder)
    assert database.exists()
    assert list(elsewhere.iterdir()) == [database]  # nothing written there either
    assert len(list((tmp_path / "judged").glob("*.db"))) == 1  # but where it was judged


def test_one_line_patterns_are_searched_from_the_line_of_their_first_end(
        fast: multimatch.Engine) -> None:
    """A detector whose matches hold no newline starts on the line where Hyperscan saw
    its first possible end: the same hits as a search from the blob's start, with
    values at that line's start, after CRLF, or behind near-misses on the same line."""
    from opencheck.secrets import runs

    by_kind = {detector.kind: detector.pattern for detector in DETECTORS}
    assert runs.within_a_line(by_kind["password-assignment"])
    assert not runs.within_a_line(by_kind["private-key"])  # a PEM block spans lines
    assert not runs.within_a_line(re.compile(rb"key\s*=\s*(\w+)"))  # \s takes a newline
    assert not runs.within_a_line(re.compile(rb"(a)\1"))  # not sure: no cut
    assert runs.within_a_line(re.compile(rb"(?m)^token=(\w+)$"))
    lines = [b'password = "Xk9$vQ2!mZ7#pL"', b'\r\npassword: "Zq8@wT5nB3kR"',
             b'password == "Xk9$vQ2!mZ7#pL" and password="Hy7!pQ3@xZ9$"',
             b"db_password='short' api_key='Q7!zX2@vN9#mK4$w'"]
    prefix = b"the password is asked on login\n" * 2000
    for line in lines:
        for data in (line, prefix + line, prefix + line + b"\n" + prefix):
            expected = scan(data, "settings.py", prefilter=PYTHON)
            assert expected, line
            assert scan(data, "settings.py", prefilter=fast) == expected, line


def test_a_detector_held_to_a_word_is_a_candidate_only_where_its_word_is(
        fast: multimatch.Engine) -> None:
    """A JWK's member counts only beside a `kty`: the main database looks for the word,
    and the member's own pattern is searched in the files that hold it, from the same
    first end as a database of that pattern alone gives."""
    samples = Samples(17)
    jwks = [index for index in detectors.GATED if DETECTORS[index].kind.endswith("-jwk")]
    assert len(jwks) == 2
    own = multimatch.HyperscanEngine(
        [(DETECTORS[index].pattern, False, DETECTORS[index].not_after) for index in jwks])
    member = f'{{"crv": "P-256", "d": "{samples.base64url(32)}"}}'
    filler = "x = 1\n" * 2000  # the key type 12 KB away, after the member
    alone = member.encode()
    assert detectors.GATED.isdisjoint(detectors.candidates(alone, fast) or {})
    for text in (member + "\n" + filler + '{"kty": "EC"}\n',
                 '{"kty": "EC", ' + member[1:] + "\n",
                 f"keys:\n  - kty: oct\n    k: {samples.base64url(32)}\n"):
        data = text.encode()
        found = detectors.candidates(data, fast) or {}
        expected = {jwks[position]: end for position, end in own.first_ends(data).items()}
        assert {index: found[index] for index in jwks if index in found} == expected, text
        assert scan(data, "keys.json", prefilter=fast) == scan(data, "keys.json",
                                                               prefilter=PYTHON), text
    # the word without a member: no candidate
    assert detectors.GATED.isdisjoint(
        detectors.candidates(b'{"kty": "EC", "crv": "P-256"}', fast) or {})
