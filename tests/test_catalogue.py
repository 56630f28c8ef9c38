# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The catalogue and the checks agree, in both languages, and the docs follow them."""

from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from opencheck import catalogue
from opencheck.catalogue import load_catalogue, schema_problems
from opencheck.data import load_schema, rules_dir
from opencheck.docgen import rules_markdown
from opencheck.licensing import load_authorised
from opencheck.registry import all_checks

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_has_a_check_and_every_check_a_rule() -> None:
    rules = set(load_catalogue().rules)
    checks = set(all_checks())
    assert rules - checks == set(), "rules without a check"
    assert checks - rules == set(), "checks without a catalogue entry"


def test_every_rule_speaks_french_and_english() -> None:
    for rule in load_catalogue().rules.values():
        for text in (rule.title, rule.help, rule.fix):
            assert text.fr.strip() and text.en.strip(), rule.id
            assert text.fr != text.en or len(text.fr) < 12, f"{rule.id}: untranslated"
        assert rule.reference.startswith("https://"), rule.id


def test_profiles_select_existing_rules() -> None:
    catalogue = load_catalogue()
    assert {"dinum", "awesome", "minimal"} <= set(catalogue.profiles)
    # dinum runs every rule but the research expectations, which the research profile has.
    dinum = {rule.id for rule in catalogue.rules_of(catalogue.profiles["dinum"])}
    assert set(catalogue.rules) - dinum == {"research-metadata-present", "research-identifier"}
    research = {rule.id for rule in catalogue.rules_of(catalogue.profiles["research"])}
    assert {"research-metadata-present", "research-identifier", "codemeta-valid",
            "citation-valid", "software-heritage-archived", "licence-authorised"} <= research
    for profile in catalogue.profiles.values():
        assert catalogue.rules_of(profile), f"profile {profile.name} selects nothing"
        for rule_id in profile.severity:
            assert rule_id in catalogue.rules, f"{profile.name}: unknown rule {rule_id}"


def test_minimal_profile_blocks_on_readme_and_licence() -> None:
    catalogue = load_catalogue()
    minimal = {rule.id for rule in catalogue.rules_of(catalogue.profiles["minimal"])}
    assert {"readme-present", "licence-file-present"} <= minimal


def test_rules_documentation_is_up_to_date() -> None:
    expected = rules_markdown(load_catalogue())
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `make docs`"


def test_the_shipped_catalogue_follows_its_schemas() -> None:
    # A run does not validate the catalogue (it is our own data): this test does.
    for name in ("rules", "profile"):
        jsonschema.Draft202012Validator.check_schema(
            load_schema(f"catalogue/{name}.schema.json"))
    assert schema_problems() == []


def test_a_broken_catalogue_file_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    readme = copy / "readme.yml"
    readme.write_text(readme.read_text(encoding="utf-8").replace(
        "severity: warning", "severity: fatal", 1), encoding="utf-8")
    profile = copy / "profiles" / "minimal.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "colour: blue\n",
                       encoding="utf-8")
    problems = schema_problems(copy)
    assert any(p.startswith("readme.yml: 'fatal' is not one of") for p in problems), problems
    assert any(p.startswith("profiles/minimal.yml:") and "colour" in p for p in problems)


def _cached_files(cache: Path) -> list[Path]:
    return sorted((cache / "catalogue").glob("*.json"))


def test_the_catalogue_is_read_back_from_the_cache_while_its_files_stay_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    parsed = load_catalogue.__wrapped__(copy)
    assert parsed == load_catalogue()  # the same files, parsed or not
    [stored] = _cached_files(tmp_path / "cache")
    assert load_catalogue.__wrapped__(copy) == parsed
    # What a run reads is the cached file: a title changed there shows...
    stored.write_text(stored.read_text(encoding="utf-8").replace(
        "The repository has a README", "README present (from the cache)"), encoding="utf-8")
    assert load_catalogue.__wrapped__(copy).rules["readme-present"].title.en == \
        "README present (from the cache)"
    # ...until a rule file changes: then the files are parsed again.
    community = copy / "community.yml"
    community.write_text(community.read_text(encoding="utf-8").replace(
        "The repository has a README", "The repository has a read-me"), encoding="utf-8")
    changed = load_catalogue.__wrapped__(copy)
    assert changed.rules["readme-present"].title.en == "The repository has a read-me"
    assert changed.rules["licence-file-present"] == parsed.rules["licence-file-present"]
    # A profile too.
    minimal = copy / "profiles" / "minimal.yml"
    minimal.write_text(minimal.read_text(encoding="utf-8").replace(
        "fail_on: error", "fail_on: warning"), encoding="utf-8")
    assert load_catalogue.__wrapped__(copy).profiles["minimal"].fail_on.value == "warning"


@pytest.mark.parametrize("damage", ["garbage", "shared folder", "not json-shaped"])
def test_a_damaged_or_shared_catalogue_cache_is_parsed_around(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    parsed = load_catalogue.__wrapped__(copy)
    [stored] = _cached_files(tmp_path / "cache")
    if damage == "garbage":
        stored.write_bytes(b'{"rules": [["readme.yml", {"fam')
    elif damage == "not json-shaped":
        stored.write_text('{"rules": 3}', encoding="utf-8")
    else:  # another account could have written it: not read
        stored.write_text(stored.read_text(encoding="utf-8").replace(
            "The repository has a README", "planted"), encoding="utf-8")
        (tmp_path / "cache" / "catalogue").chmod(0o777)
    assert load_catalogue.__wrapped__(copy) == parsed
    if damage != "shared folder":  # parsed again and the cache written anew
        assert load_catalogue.__wrapped__(copy) == parsed
        assert "readme-present" in _cached_files(tmp_path / "cache")[0].read_text("utf-8")


def test_the_shipped_data_files_read_through_the_cache_are_the_yaml_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # licences.yml and compatibility.yml are parsed with the catalogue and kept with it
    monkeypatch.setenv("OPENCHECK_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # parsed, then read back from the cache
        catalogue._shipped.cache_clear()
        assert load_authorised.__wrapped__() == load_authorised(rules_dir() / "licences.yml")
        for name in ("licences.yml", "compatibility.yml"):
            assert catalogue.shipped_document(name) == yaml.safe_load(
                (rules_dir() / name).read_text(encoding="utf-8"))
    assert len(_cached_files(tmp_path / "cache")) == 1
    catalogue._shipped.cache_clear()
