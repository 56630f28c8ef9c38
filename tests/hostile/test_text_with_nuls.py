# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A secret in text that holds NUL bytes is still found (adversary14).

The secrets scan passed over every file with a NUL among its first 8,000 bytes (git's
rule for binary files): a PowerShell deployment script saved in UTF-16 (what Windows
tools write) with a GitHub token, and a `config.php` whose first line is `<?php //`
and a NUL (PHP runs it as it runs any other) with an AWS key, both read READY, in the
tree and in the history. UTF-16/32 text is now read decoded, and text with stray NULs
as it is; a binary format still is not read (`secrets/textview.py`).
"""

from __future__ import annotations

import pytest

from conftest import RepoFactory, check_json, commit, findings_of, git
from opencheck.secrets.textview import text_view

pytestmark = pytest.mark.timeout(300)

TOKEN = "ghp_" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"
AWS = "AKIAQ7H3XKZP5WLM2NVR"
SCRIPT = f"# Déploiement\r\n$env:GITHUB_TOKEN = \"{TOKEN}\"\r\n"
HIDDEN = {
    # PowerShell ISE and Visual Studio's "Unicode": UTF-16 LE with its mark
    "deploy/deploy.ps1": "\ufeff".encode("utf-16-le") + SCRIPT.encode("utf-16-le"),
    # UTF-16 BE without a mark
    "ops/release.cmd": SCRIPT.encode("utf-16-be"),
    "config.php": f"<?php // \0\n$aws = '{AWS}';\n".encode(),
    "app.properties": f"# \0\0\0\naws.key.id={AWS}\n".encode(),
    # a control byte beside the NUL (adversary14's own first fix read such a file binary)
    "lib/config.php": f"<?php // \0\x01\x02\n$aws = '{AWS}';\n".encode(),
}
RULES = ("--rule", "secret-in-tree", "--rule", "secret-in-history")


def _secrets(report: dict) -> set[tuple[str, str]]:
    return {(finding["rule"], finding["path"]) for finding in findings_of(report)
            if finding["severity"] == "error"}


@pytest.mark.parametrize("path", sorted(HIDDEN))
def test_a_secret_in_text_with_nuls_blocks_in_the_tree(make_repo: RepoFactory,
                                                       path: str) -> None:
    repo = make_repo({"README.md": "# Outil\n", path: HIDDEN[path]})
    report = check_json(repo, *RULES)
    assert report["verdict"] == "not_ready"
    assert ("secret-in-tree", path) in _secrets(report)


@pytest.mark.parametrize("path", sorted(HIDDEN))
def test_a_secret_in_text_with_nuls_blocks_in_the_history(make_repo: RepoFactory,
                                                          path: str) -> None:
    repo = make_repo({"README.md": "# Outil\n", path: HIDDEN[path]})
    git(repo, "rm", "-q", path)
    commit(repo, {}, "Retire le script")
    report = check_json(repo, *RULES)
    assert report["verdict"] == "not_ready"
    assert ("secret-in-history", path) in _secrets(report)


def test_binary_formats_stay_unread() -> None:
    token = TOKEN.encode()
    # headers of small integers: far more controls than one byte in ten
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x10\x08\x06\x1f\x15\x04"
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00>\x00\x01\x00\x02\x03"
    sqlite = b"SQLite\x00\x10\x00\x01\x01\x00@\x02\x03\x04\x05\x06\x07"
    # a mark of UTF-16 before bytes that are no UTF-16 text
    marked = b"\xff\xfe" + b"\x01\x00\x02\x00\x03\xd8\x41\x00" + token
    for data in (png, elf, sqlite, marked):
        assert text_view(data) is None, data[:16]


def test_text_views() -> None:
    text = b"password = 'x'\n"
    assert text_view(text) is text
    assert text_view("a = 1\n".encode("utf-16")) == b"a = 1\n"
    assert text_view("a = 1\n".encode("utf-16-le")) == b"a = 1\n"
    assert text_view("a = 1\n".encode("utf-32")) == b"a = 1\n"
    nuls = b"a = 1\x00\x00\n"
    assert text_view(nuls) is nuls


def test_a_large_utf16_file_is_read_in_windows(make_repo: RepoFactory) -> None:
    """Above the snapshot's size limit (5 MB) a text file is scanned in windows: one in
    UTF-16 was passed by as binary there too, in the tree and in the history."""
    padding = "# journal de déploiement\r\n" * 250_000  # 6.5 MB in UTF-16
    big = ("\ufeff" + padding + SCRIPT).encode("utf-16-le")
    repo = make_repo({"README.md": "# Outil\n", "deploy/deploy.ps1": big})
    report = check_json(repo, *RULES)
    assert ("secret-in-tree", "deploy/deploy.ps1") in _secrets(report)
    git(repo, "rm", "-q", "deploy/deploy.ps1")
    commit(repo, {}, "Retire le script")
    report = check_json(repo, *RULES)
    assert ("secret-in-history", "deploy/deploy.ps1") in _secrets(report)


def test_a_decoding_reader_reads_across_a_cut_character() -> None:
    import io

    from opencheck.secrets.textview import text_reader

    data = "\ufeffmot de passe = é\n".encode("utf-16-le") * 3
    reader = text_reader(data[:8000], io.BytesIO(data))
    assert reader is not None
    read = b"".join(iter(lambda: reader.read(3), b""))
    assert read.decode("utf-8").replace("\ufeff", "") == "mot de passe = é\n" * 3
