# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Hostile and broken input, and the real files of the shared corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from opencheck.publiccode import validate
from opencheck.publiccode.legacy import migrate

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "publiccode"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/publiccode")
SRC = Path(__file__).resolve().parents[1] / "src"

# Hostile input: a regression must fail the test, not hang CI (the corpus tests, which
# read many real files, have a ceiling of their own).
pytestmark = pytest.mark.timeout(60)


def only_error(data: bytes | str) -> str:
    result = validate(data)
    assert len(result.errors) == 1, [i.render("en") for i in result.issues]
    return result.errors[0].message.en


def test_billion_laughs_is_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    message = only_error("\n".join(lines) + "\n")
    assert "bomb" in message or "alias" in message


def test_alias_fan_out_under_the_alias_cap_is_bounded() -> None:
    # 5 levels of 10 aliases: 50 aliases, but 10^5 values once expanded
    lines = ['a0: &a0 [1,2,3,4,5,6,7,8,9,10]']
    for level in range(1, 6):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 10) + "]")
    message = only_error("\n".join(lines) + "\n")
    assert "bomb" in message


PEAK_MEMORY = """
import resource
from opencheck.publiccode import validate
data = b"name: " + b"x" * (50 * 1024 * 1024) + b"\\n"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = validate(data)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(grown, result.errors[0].message.en)
"""


def test_fifty_megabytes_is_refused_without_parsing() -> None:
    """Peak memory, measured in a fresh process: ru_maxrss is a high-water mark, which
    in the test process would already be higher after any bigger test."""
    done = subprocess.run([sys.executable, "-c", PEAK_MEMORY], capture_output=True,
                          text=True, check=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(SRC)})
    grown_kb, message = done.stdout.strip().split(" ", 1)
    assert message == "File too large (over 1024 KB) for a publiccode.yml."
    # Parsing it would take about 50 MB more (a string as large as the file).
    assert int(grown_kb) < 10 * 1024


def test_deep_nesting() -> None:
    assert "nested" in only_error("a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_binary_content() -> None:
    assert "Binary" in only_error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")


def test_not_utf8_points_at_the_byte() -> None:
    result = validate("name: Médusa\n".encode("latin-1"))
    assert result.errors[0].line == 1 and "UTF-8" in result.errors[0].message.en


def test_utf16_is_named() -> None:
    assert "UTF-16" in only_error("name: x\n".encode("utf-16"))


def test_several_documents() -> None:
    assert "Several YAML documents" in only_error("name: a\n---\nname: b\n")


def test_tab_indentation() -> None:
    result = validate("name: a\nlegal:\n\tlicense: MIT\n")
    assert "Tab" in result.errors[0].message.en
    assert result.errors[0].line == 3


def test_duplicate_keys_are_each_reported() -> None:
    result = validate("name: a\nname: b\nurl: x\nurl: y\n")
    duplicates = [i for i in result.errors if "Duplicate" in i.message.en]
    assert [(i.key, i.line) for i in duplicates] == [("name", 2), ("url", 4)]


def test_not_a_mapping() -> None:
    assert "mapping" in only_error("- a\n- b\n")


def test_empty_file() -> None:
    assert "empty" in only_error("")


def test_every_problem_at_once() -> None:
    result = validate('publiccodeYmlVersion: "0.7"\nname: ""\nurl: nope\nfoo: 1\n')
    keys = {issue.key for issue in result.errors}
    assert {"name", "url", "foo", "platforms", "legal", "maintenance"} <= keys


@pytest.mark.timeout(300)
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_real_corpus_files() -> None:
    labels = json.loads((CORPUS / "labels.json").read_text("utf-8"))
    files = sorted(CORPUS.glob("*.y*ml"))
    assert len(files) == 33
    for file in files:
        label = labels[file.name]
        result = validate(file.read_bytes())
        for issue in result.issues:  # every issue is located and bilingual
            assert issue.line >= 1 and issue.column >= 1
            assert issue.message.fr and issue.message.en
        if file.name.startswith(("12-", "25-")):  # PyYAML cannot parse these two
            assert [i.code for i in result.errors] == ["yaml"]
            continue
        assert result.document is not None
        if label["style"] == "standard":
            assert not result.legacy, file.name
        if label["style"] == "codegouvfr-legacy":
            assert result.legacy, file.name
            assert any(i.code == "legacy" for i in result.errors), file.name
            migrated = migrate(result.data)
            again = validate(migrated.to_yaml())
            assert not any(i.code == "legacy" for i in again.issues), file.name
            assert again.version is not None and again.version.minor == "0.7"
        if label["declared_version"] == "0.4":  # bare number
            assert any(i.key == "publiccodeYmlVersion" and "quoted" in i.message.en
                       for i in result.errors)
    by_name = {f.name: validate(f.read_bytes()) for f in files}
    # files that follow the standard closely are valid
    for name in ("01-opendatateam_udata.yml", "21-AgID_wai-portal.yml",
                 "33-publiccodenet_standard.yml", "08-codegouvfr_react-dsfr.yml"):
        assert by_name[name].valid, [i.render("en") for i in by_name[name].errors]


def test_committed_schemas_match_their_builder() -> None:
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location(
        "publiccode_schemas", root / "scripts" / "publiccode_schemas.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for version in module.VERSIONS:
        committed = (root / "schemas" / "publiccode" / f"publiccode-{version}.schema.json")
        assert committed.read_text("utf-8") == module.render(version), version


def test_schemas_are_usable_by_plain_jsonschema() -> None:
    """Other tools can use the shipped schemas as they are (lengths then in code points)."""
    import jsonschema

    from opencheck.data import load_schema

    for version in ("0.2", "0.3", "0.4", "0.5", "0.7"):
        schema = load_schema(f"publiccode/publiccode-{version}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)


def test_pure_python_parser_gives_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, PyYAML's own parser is used, with the same results."""
    from opencheck.publiccode import loader
    from opencheck.yamlsafe import BoundedLoader

    samples = ['publiccodeYmlVersion: 0.4\nname: yes\n', "name: a\nlegal:\n\tlicense: MIT\n",
               "a: 1\n---\nb: 2\n", "name: a\nname: b\n", "a: " + "[" * 100 + "]" * 100]
    fast = [[i.render("en") for i in validate(s).issues] for s in samples]
    monkeypatch.setattr(loader, "_Loader", BoundedLoader)
    slow = [[i.render("en") for i in validate(s).issues] for s in samples]
    assert [len(f) for f in fast] == [len(s) for s in slow]
    assert fast[0] == slow[0] and fast[3] == slow[3]
    for f, s in zip(fast, slow, strict=True):
        assert f[0].split(": ")[2][:10] == s[0].split(": ")[2][:10]


def test_too_many_values_and_issues_are_bounded() -> None:
    message = only_error("".join(f"k{i}: v\n" for i in range(30_000)))
    assert "far too many" in message
    result = validate("".join(f"k{i}: v\n" for i in range(5_000)))
    assert len(result.issues) == 501 and "more problems" in result.issues[-1].message.en


@pytest.mark.timeout(300)
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_migrating_standard_files_clears_deprecations() -> None:
    for name in ("21-AgID_wai-portal.yml", "23-ARPA-SIMC_dballe.yml",
                 "32-Aitema-gmbh_terminvergabe.yml"):
        before = validate((CORPUS / name).read_bytes())
        after = validate(migrate(before.data).to_yaml())
        left = {i.key for i in after.warnings if i.code in ("deprecated", "version", "legacy")}
        # only country sections (kept, to be replaced by hand) may remain
        assert all(len(key.split(".")[0]) == 2 for key in left), (name, left)
        assert not [i for i in after.errors if i.code in ("legacy", "version")], name
