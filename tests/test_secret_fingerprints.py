# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What a secret's finding is known by: its place, or an HMAC under the user's key.

Baselines, code scanning's alert tracking and GitLab's Code Quality comparison all key on
the fingerprint, so it must not change from one run, clone or machine to the next; and
it must not be made of the value's hash, which anyone holding a report could test
guesses against (tests/hostile/test_masked_secret_guessing.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import RepoFactory, commit, findings_of, git, run_cli
from opencheck.secrets.fingerprints import KEY_VARIABLE, value_name

PASSWORD = "Soleil2024!"
TOKEN = "ghp_" + "a1B2c3D4" * 4 + "zzzz"
OLD_PASSWORD = "Marianne1789?"
KEY = "k" * 40
SECRET_RULES = ("secret-in-tree", "secret-in-history")


def _secrets(root: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run_cli("check", str(root), "--format", "json", "--lang", "en",
                     "--rule", "secret-in-*", *args, env=env)
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _fingerprints(report: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    """(rule, path, masked) -> fingerprint of each secret finding."""
    found = {(f["rule"], f["path"], f["masked"]): f["fingerprint"]
             for f in findings_of(report) if f["rule"] in SECRET_RULES}
    assert found, report["findings"]
    return found


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    root = make_repo({"config/settings.yml": f'password: "{OLD_PASSWORD}"\n'})
    commit(root, {"config/settings.yml": "password: ${DB_PASSWORD}\n",
                  ".env": f"DB_PASSWORD={PASSWORD}\nAPI_TOKEN={TOKEN}\n"})
    return root


def _clone(source: Path, target: Path) -> Path:
    git(source.parent, "clone", "--quiet", str(source), str(target))
    return target


def _old_form(rule: str, path: str, kind: str, value: str) -> str:
    """The fingerprint earlier versions wrote: made of the value's SHA-256."""
    key = f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:16]}"
    return hashlib.sha256("\0".join((rule, path, key)).encode()).hexdigest()[:32]


def test_stable_across_runs_and_clones_at_other_paths(repo: Path, tmp_path: Path) -> None:
    first = _fingerprints(_secrets(repo))
    assert set(first) == {("secret-in-tree", ".env", "…(8-15 chars)"),
                          ("secret-in-tree", ".env", "ghp_…zzzz(40 chars)"),
                          ("secret-in-history", "config/settings.yml", "…(8-15 chars)")}
    assert _fingerprints(_secrets(repo)) == first
    for where in ("a/clone", "elsewhere/deeper/copy"):
        assert _fingerprints(_secrets(_clone(repo, tmp_path / where))) == first


def test_by_default_the_place_and_not_the_value(make_repo: RepoFactory) -> None:
    one = _fingerprints(_secrets(make_repo({".env": f"DB_PASSWORD={PASSWORD}\n"})))
    other = _fingerprints(_secrets(make_repo({".env": "DB_PASSWORD=Bonjour1999#\n"})))
    assert one == other  # the value replaced keeps the fingerprint: the trade-off
    renamed = _fingerprints(_secrets(make_repo({".env": f"DB_PASS={PASSWORD}\n"})))
    assert renamed.values() != one.values()  # another name is another place
    report = _secrets(make_repo({".env": f"DB_PASSWORD={PASSWORD}\n"}))
    assert report["metadata"]["secret_fingerprints"] == "place"


def test_two_values_under_one_name_are_told_apart_by_their_rank(make_repo: RepoFactory) -> None:
    root = make_repo({"a.env": f"DB_PASSWORD={PASSWORD}\n", "b.env": ""})
    root2 = make_repo({"a.env": f"DB_PASSWORD={PASSWORD}\n# other\nDB_PASSWORD=Bonjour1999#\n"})
    alone = _fingerprints(_secrets(root))
    both = [f["fingerprint"] for f in findings_of(_secrets(root2)) if f["rule"] == "secret-in-tree"]
    assert len(set(both)) == 2 and both[0] == next(iter(alone.values()))


def test_keyed_fingerprints(repo: Path, tmp_path: Path) -> None:
    plain = _fingerprints(_secrets(repo))
    keyed_report = _secrets(repo, env={KEY_VARIABLE: KEY})
    assert keyed_report["metadata"]["secret_fingerprints"] == "keyed"
    keyed = _fingerprints(keyed_report)
    assert keyed.keys() == plain.keys() and not set(keyed.values()) & set(plain.values())
    # the same key gives the same fingerprints on another clone; another key others
    clone = _clone(repo, tmp_path / "clone")
    assert _fingerprints(_secrets(clone, env={KEY_VARIABLE: KEY})) == keyed
    other = _fingerprints(_secrets(clone, env={KEY_VARIABLE: "o" * 40}))
    assert not set(other.values()) & set(keyed.values())
    # with a key, a value replaced at the same place is a new finding
    commit(clone, {".env": f"DB_PASSWORD=Bonjour1999#\nAPI_TOKEN={TOKEN}\n"})
    replaced = _fingerprints(_secrets(clone, env={KEY_VARIABLE: KEY}))
    assert replaced[("secret-in-tree", ".env", "…(8-15 chars)")] != \
        keyed[("secret-in-tree", ".env", "…(8-15 chars)")]
    assert replaced[("secret-in-tree", ".env", "ghp_…zzzz(40 chars)")] == \
        keyed[("secret-in-tree", ".env", "ghp_…zzzz(40 chars)")]


def test_a_key_too_short_leaves_the_secret_rules_unjudged(repo: Path) -> None:
    result = run_cli("check", str(repo), "--format", "json", "--lang", "en",
                     "--rule", "secret-in-*", env={KEY_VARIABLE: "short"})
    report = json.loads(result.stdout)
    rules = {r["id"]: r for r in report["rules"]}
    assert rules["secret-in-tree"]["status"] == "error"
    assert f"{KEY_VARIABLE} is shorter than 16 characters" in rules["secret-in-tree"]["reason"]
    assert report["verdict"] != "ready" and findings_of(report) == []
    french = run_cli("check", str(repo), "--lang", "fr", "--rule", "secret-in-tree",
                     env={KEY_VARIABLE: "short"})
    assert "fait moins de 16 caractères" in french.output


def _baseline(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"format": "opencheck-baseline", "version": 1,
                                "opencheck_version": "0.1.0", "profile": "dinum",
                                "findings": entries}), encoding="utf-8")
    return path


def test_a_baseline_of_earlier_versions_still_matches_and_says_to_rewrite_it(
    repo: Path, tmp_path: Path
) -> None:
    old = _baseline(tmp_path / "old.json", [
        {"fingerprint": _old_form("secret-in-tree", ".env", "password-assignment", PASSWORD),
         "rule": "secret-in-tree", "path": ".env"},
        {"fingerprint": _old_form("secret-in-tree", ".env", "github-token", TOKEN),
         "rule": "secret-in-tree", "path": ".env"},
        {"fingerprint": _old_form("secret-in-history", "config/settings.yml",
                                  "password-assignment", OLD_PASSWORD),
         "rule": "secret-in-history", "path": "config/settings.yml"},
    ])
    report = _secrets(repo, "--baseline", str(old))
    assert findings_of(report) == []
    assert report["metadata"]["baseline"]["former_fingerprints"] == 3
    text = run_cli("check", str(repo), "--lang", "en", "--rule", "secret-in-*",
                   "--baseline", str(old)).output
    assert "3 secret(s) matched in the baseline" in text and "Write it again" in text
    french = run_cli("check", str(repo), "--lang", "fr", "--rule", "secret-in-*",
                     "--baseline", str(old)).output
    assert "3 secret(s) reconnu(s)" in french
    # written again: today's form only, and it still hides them, with no note
    new = tmp_path / "new.json"
    assert run_cli("baseline", str(repo), "-o", str(new), "--rule", "secret-in-*").exit_code == 0
    written = json.loads(new.read_text("utf-8"))
    assert written["secret_fingerprints"] == "place"
    assert not {e["fingerprint"] for e in written["findings"]} & \
        {e["fingerprint"] for e in json.loads(old.read_text("utf-8"))["findings"]}
    again = _secrets(repo, "--baseline", str(new))
    assert findings_of(again) == [] and "former_fingerprints" not in again["metadata"]["baseline"]


def test_a_baseline_read_with_another_form_says_why_its_secrets_are_back(
    repo: Path, tmp_path: Path
) -> None:
    keyed = tmp_path / "keyed.json"
    written = run_cli("baseline", str(repo), "-o", str(keyed), "--rule", "secret-in-*",
                      env={KEY_VARIABLE: KEY})
    assert written.exit_code == 0
    assert json.loads(keyed.read_text("utf-8"))["secret_fingerprints"] == "keyed"
    assert findings_of(_secrets(repo, "--baseline", str(keyed), env={KEY_VARIABLE: KEY})) == []
    report = _secrets(repo, "--baseline", str(keyed))  # the key forgotten
    assert len(findings_of(report)) == 3
    assert report["metadata"]["baseline"]["secret_fingerprints"] == {"baseline": "keyed",
                                                                     "run": "place"}
    text = run_cli("check", str(repo), "--lang", "en", "--rule", "secret-in-*",
                   "--baseline", str(keyed)).output
    assert "identifies secrets with a key, this run by their place" in text
    french = run_cli("check", str(repo), "--lang", "fr", "--rule", "secret-in-*",
                     "--baseline", str(keyed)).output
    assert "identifie les secrets par une clé, cette exécution par leur place" in french


def test_an_old_fingerprint_in_settings_secrets_baseline_still_clears(repo: Path) -> None:
    listed = _old_form("secret-in-tree", ".env", "password-assignment", PASSWORD)
    (repo / ".secrets-baseline").write_text(listed + "\n", encoding="utf-8")
    (repo / ".opencheck.yml").write_text(
        "settings:\n  secrets:\n    baseline: .secrets-baseline\n", encoding="utf-8")
    report = _secrets(repo)
    assert [f["masked"] for f in findings_of(report) if f["rule"] == "secret-in-tree"] == \
        ["ghp_…zzzz(40 chars)"]
    assert report["metadata"]["secrets_baseline_former"] == 1
    text = run_cli("check", str(repo), "--lang", "en", "--rule", "secret-in-*").output
    assert "1 secret(s) matched in the baseline 'settings.secrets.baseline'" in text


def test_a_baseline_hides_no_more_values_than_it_knew(repo: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    written = run_cli("baseline", str(repo), "-o", str(baseline), "--rule", "secret-in-*")
    assert written.exit_code == 0
    # a second password under the same name in the same file is new
    commit(repo, {".env": f"DB_PASSWORD={PASSWORD}\nAPI_TOKEN={TOKEN}\n"
                          "DB_PASSWORD=Bonjour1999#\n"})
    new = findings_of(_secrets(repo, "--baseline", str(baseline)))
    assert [(f["rule"], f["path"], f["masked"]) for f in new] == \
        [("secret-in-tree", ".env", "…(8-15 chars)")]


def test_merge_request_mode_reports_a_value_replaced_at_its_place(make_repo: RepoFactory) -> None:
    # the place-made fingerprint is the same; the change is judged on the values
    root = make_repo({".env": f"DB_PASSWORD={PASSWORD}\n"})
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, {".env": "DB_PASSWORD=Bonjour1999#\n"})
    report = _secrets(root, "--diff-base", "main", "--no-history")
    assert [f["rule"] for f in findings_of(report)] == ["secret-in-tree"]


@pytest.mark.parametrize("where", ["--baseline", "settings.secrets.baseline"])
def test_merge_request_mode_is_not_fooled_by_a_baseline_of_the_place(
    make_repo: RepoFactory, tmp_path: Path, where: str
) -> None:
    # the baseline knew the place's value; the change puts another there
    root = make_repo({".env": f"DB_PASSWORD={PASSWORD}\n", "app.py": "print(1)\n"})
    baseline = root / ".opencheck-baseline.json"
    assert run_cli("baseline", str(root), "--rule", "secret-in-*").exit_code == 0
    args: tuple[str, ...] = ("--baseline", str(baseline))
    if where != "--baseline":
        args = ()
        (root / ".opencheck.yml").write_text(
            "settings:\n  secrets:\n    baseline: .opencheck-baseline.json\n", encoding="utf-8")
    commit(root, {}, message="Baseline")
    git(root, "checkout", "--quiet", "-b", "feature")
    commit(root, {"app.py": "print(2)\n"})  # a change that leaves the value alone
    assert findings_of(_secrets(root, "--diff-base", "main", "--no-history", *args)) == []
    commit(root, {".env": f"DB_PASSWORD={PASSWORD}\nDEBUG=1\n"})  # another line of it
    assert findings_of(_secrets(root, "--diff-base", "main", "--no-history", *args)) == []
    commit(root, {".env": "DB_PASSWORD=Bonjour1999#\nDEBUG=1\n"})  # another value
    report = _secrets(root, "--diff-base", "main", "--no-history", *args)
    assert [(f["rule"], f["path"]) for f in findings_of(report)] == [("secret-in-tree", ".env")]
    # the whole repository's run keeps the place's trade-off: known place, hidden
    assert findings_of(_secrets(root, "--no-history", *args)) == []


@pytest.mark.parametrize(("line", "name"), [
    (b"DB_PASSWORD=VALUE", "DB_PASSWORD"),
    (b'export API_TOKEN="VALUE"', "API_TOKEN"),
    (b'  "token": "VALUE"', "token"),
    (b"$password = 'VALUE';", "password"),
    (b"config.db.password => 'VALUE'", "config.db.password"),
    (b"password: VALUE", "password"),
    (b"url = postgres://admin:VALUE@host", ""),  # a URL's user is no name
    (b"Authorization: Bearer VALUE", ""),  # no operator right before the value
    (b"a8f3k2m9q7x1z5:VALUE", ""),  # digits enough to be a value itself
    (b"VALUE", ""),
])
def test_the_name_a_value_is_given(line: bytes, name: str) -> None:
    begin = line.index(b"VALUE")
    assert value_name(b"first line\n" + line, 11, 11 + begin) == name
