# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""JSON report schema version 2: what findings share is written once, every finding is
given back whole, and what earlier versions wrote (reports, baselines, stored batch
reports) is still read."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, run_cli
from opencheck.data import load_schema
from opencheck.engine import RunRequest, run
from opencheck.model import Finding, Report
from opencheck.registry import Options
from opencheck.report import json_read, json_report
from secret_samples import Samples

HOUSE = {k: v for k, v in COMPLETE_HOUSE.items() if k != "REUSE.toml"}


def _model(finding: Finding, lang: str) -> dict[str, Any]:
    """What a user must read for one finding, straight from the model."""
    expected: dict[str, Any] = {
        "rule": finding.rule, "family": finding.family,
        "severity": finding.severity.value if finding.severity else None,
        "message": finding.message.get(lang), "path": finding.path, "line": finding.line,
        "fingerprint": finding.fingerprint, "fix": finding.fix.get(lang) if finding.fix else None,
        **finding.extra,
    }
    if finding.column is not None:
        expected["column"] = finding.column
    return expected


def _report(root: Path) -> Report:
    return run(RunRequest(path=root, options=Options(history=False)))


@pytest.fixture
def mixed(make_repo: RepoFactory) -> Path:
    files: dict[str, str | bytes] = {f"src/module{n}.py": f"VALUE = {n}\n" for n in range(30)}
    files["src/with space.py"] = "X = 1\n"  # its fix quotes the path: not shared
    for seed in range(3):
        files[f"deploy/env{seed}.sh"] = f"export GITHUB_TOKEN={Samples(seed).github()}\n"
    return make_repo({**HOUSE, **files})


def test_every_finding_is_given_back_whole_in_french_and_english(mixed: Path) -> None:
    report = _report(mixed)
    assert len(report.findings) > 60
    year = datetime.now(UTC).year
    for lang, message, fix in (
        ("en", "No copyright notice (SPDX-FileCopyrightText) for this file.",
         f'Holder read in LICENSE. Run: reuse annotate --copyright "{year} DINUM" --license MIT '
         "--fallback-dot-license src/module7.py"),
        ("fr", "Aucune mention de droits d'auteur (SPDX-FileCopyrightText) pour ce fichier.",
         f"Titulaire lu dans LICENSE. Lancez : reuse annotate --copyright \"{year} DINUM\" "
         "--license MIT --fallback-dot-license src/module7.py"),
    ):
        document = json.loads(json_report.render(report, lang))
        assert document["schema_version"] == "2"
        jsonschema.validate(document, load_schema("report/report.schema.json"))
        read = findings_of(document)
        assert read == [_model(f, lang) for f in report.findings]
        assert document["finding_count"] == len(read) == json_read.count(document)
        [module7] = [f for f in read
                     if f["rule"] == "reuse-file-copyright" and f["path"] == "src/module7.py"]
        assert (module7["message"], module7["fix"]) == (message, fix)
        # The REUSE findings share their message and fix: each item is its path and
        # fingerprint, but the file whose fix quotes its name carries its own fix.
        [group] = [g for g in document["findings"] if g["rule"] == "reuse-file-copyright"]
        assert group["fix"].endswith("--fallback-dot-license {path}")
        plain = [item for item in group["items"] if item["path"] != "src/with space.py"]
        assert len(plain) >= 30 and all(set(item) == {"path", "fingerprint"} for item in plain)
        [spaced] = [item for item in group["items"] if item["path"] == "src/with space.py"]
        assert spaced["fix"].endswith("--fallback-dot-license 'src/with space.py'")
        # Blocking findings first, each secret with its own masked value.
        assert document["findings"][0]["rule"] == "secret-in-tree"
        assert len({f["masked"] for f in read if f["rule"] == "secret-in-tree"}) == 3


def test_one_line_per_finding(mixed: Path) -> None:
    output = run_cli("check", str(mixed), "--format", "json", "--no-history").stdout
    document = json.loads(output)
    item_lines = [line for line in output.splitlines() if line.startswith('      {"')]
    group_lines = [line for line in output.splitlines()
                   if line.startswith('    {"rule":') and line.endswith('"items":[')]
    assert len(item_lines) == document["finding_count"] == len(findings_of(document))
    assert len(group_lines) == len(document["findings"])


def test_a_finding_alone_keeps_its_message_as_written(make_repo: RepoFactory) -> None:
    root = make_repo({**HOUSE, "deploy/keystore.jks": b"\xfe\xed\xfe\xed" + bytes(64)})
    document = json.loads(json_report.render(_report(root), "en"))
    [group] = [g for g in document["findings"] if g["rule"] == "secret-file-committed"]
    assert group["message"].startswith("deploy/keystore.jks (Key store")
    assert group["items"] == [{"path": "deploy/keystore.jks",
                               "fingerprint": group["items"][0]["fingerprint"]}]


def test_bytes_per_finding_on_a_repository_of_thousands_of_files(
    make_repo: RepoFactory,
) -> None:
    files = {f"src/module{n % 40}/part{n % 7}/file{n}.py": f"VALUE = {n}\n" for n in range(1500)}
    report = _report(make_repo({**HOUSE, **files}))
    assert len(report.findings) >= 3000
    written = json_report.render(report, "fr").encode()
    document = json.loads(written)
    head = json.dumps({k: v for k, v in document.items() if k != "findings"},
                      ensure_ascii=False, indent=2).encode()
    per_finding = (len(written) - len(head)) / len(report.findings)
    as_version_1 = sum(len(json.dumps(f, ensure_ascii=False, separators=(",", ":")).encode()) + 6
                       for f in findings_of(document)) / len(report.findings)
    # Paths here are ~30 bytes and fingerprints 32: about 100 bytes per finding, where
    # version 1 wrote each finding's message and fix (~300 bytes).
    assert per_finding < 110, per_finding
    assert as_version_1 > 3 * per_finding, (as_version_1, per_finding)


# A report as opencheck wrote it before version 2 (two findings shown, every field each).
VERSION_1 = {
    "schema_version": "1", "verdict": "not_ready", "ready": False, "score": 30,
    "findings": [
        {"rule": "secret-file-committed", "family": "secrets", "severity": "error",
         "message": "deploy/keystore.jks (Key store, 204 B) is committed.",
         "path": "deploy/keystore.jks", "line": None,
         "fingerprint": "1563ab7e9676b50f2c5312147903f02c",
         "fix": "Remove the file from the repository (git rm --cached), add it to .gitignore,"
                " revoke what it held, and version a template without real values instead.",
         "kind": "keystore-file", "size": 204, "in_tree": True, "commit": None},
        {"rule": "reuse-file-copyright", "family": "reuse", "severity": "warning",
         "message": "No copyright notice (SPDX-FileCopyrightText) for this file.",
         "path": "README.md", "line": None, "fingerprint": "85f3e69e9277292827e85f24cb1cb5f4",
         "fix": 'Run: reuse annotate --copyright "2026 DINUM" --license <SPDX identifier> '
                "--fallback-dot-license README.md", "kind": "missing-copyright"},
    ],
    "rules": [{"id": "secret-file-committed", "family": "secrets", "severity": "error",
               "status": "failed", "findings": 1},
              {"id": "reuse-file-copyright", "family": "reuse", "severity": "warning",
               "status": "failed", "findings": 1}],
}


def test_reports_of_version_1_are_read_as_they_were_written() -> None:
    assert list(json_read.findings(VERSION_1)) == VERSION_1["findings"]
    assert json_read.count(VERSION_1) == 2
    unversioned = {k: v for k, v in VERSION_1.items() if k != "schema_version"}
    assert json_read.count(unversioned) == 2
    with pytest.raises(json_read.UnknownReport, match="'3'"):
        list(json_read.findings({**VERSION_1, "schema_version": "3"}))


def test_a_baseline_written_by_the_previous_version_still_hides_its_findings(
    make_repo: RepoFactory, tmp_path: Path,
) -> None:
    """A baseline recorded before version 2 of the JSON report, as that version wrote
    it: its fingerprint for README.md must still match, so the finding stays hidden."""
    root = make_repo(HOUSE)
    baseline = tmp_path / "old-baseline.json"
    baseline.write_text(json.dumps({
        "format": "opencheck-baseline", "version": 1, "opencheck_version": "0.9.0",
        "generated_at": "2026-11-30T10:00:00+00:00", "profile": "dinum",
        "findings": [{"fingerprint": "85f3e69e9277292827e85f24cb1cb5f4",
                      "rule": "reuse-file-copyright", "path": "README.md"}],
    }), encoding="utf-8")
    whole = findings_of(json.loads(run_cli(
        "check", str(root), "--format", "json", "--no-history", "--rule", "reuse-file-*",
    ).stdout))
    assert ("reuse-file-copyright", "README.md") in {(f["rule"], f["path"]) for f in whole}
    result = run_cli("check", str(root), "--format", "json", "--no-history",
                     "--rule", "reuse-file-*", "--baseline", str(baseline))
    narrowed = json.loads(result.stdout)
    left = {(f["rule"], f["path"]) for f in findings_of(narrowed)}
    assert ("reuse-file-copyright", "README.md") not in left
    assert ("reuse-file-licensing", "README.md") in left
    assert narrowed["metadata"]["baseline"]["known_findings"] == 1
    assert narrowed["finding_count"] == len(whole) - 1


def test_the_dashboard_reads_stored_reports_of_both_versions(mixed: Path, tmp_path: Path) -> None:
    """A store keeps reports written by earlier versions: the page of a repository
    shows the same findings whether its stored report is of version 1 or 2."""
    from opencheck.batch.dashboard import write_outputs
    from opencheck.batch.runners import AUDITED, Outcome
    from opencheck.batch.sources import Target
    from opencheck.batch.store import Store

    report = _report(mixed)
    version_2 = json_report.report_dict(report, "en")
    version_1 = {**version_2, "schema_version": "1",
                 "findings": [_model(f, "en") for f in report.findings]}
    with Store(tmp_path / "r.db") as store:
        run_, _ = store.start_or_resume("sig", "0+test", "default", True, [])
        for name, body in (("old", version_1), ("new", version_2)):
            target = Target(f"forge.example/org/{name}", f"https://forge.example/org/{name}",
                            f"org/{name}", "org", "GitLab")
            store.record(run_, target, Outcome(target.key, AUDITED, commit="c" * 40,
                                               report=body))
        store.finish(run_)
        rows = {row["name"]: row for row in store.results(run_)}
        write_outputs(store, run_, tmp_path / "out")
    assert rows["org/old"]["findings"] == rows["org/new"]["findings"] == len(report.findings)
    pages, full = {}, {}
    for name in ("old", "new"):
        [page] = (tmp_path / "out" / "repos").glob(f"org_{name}-*.html")
        table = page.read_text(encoding="utf-8").split("<table id='findings'>")[1]
        pages[name] = table.replace(page.stem, "PAGE")
        [gz] = (tmp_path / "out" / "repos").glob(f"org_{name}-*.findings.json.gz")
        with gzip.open(gz, "rt", encoding="utf-8") as stream:
            full[name] = json.load(stream)
    assert pages["old"] == pages["new"]
    assert "--fallback-dot-license AUTHORS.md<" in pages["new"]
    assert full["old"] == full["new"] == [_model(f, "en") for f in report.findings]


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_the_jq_recipe_of_the_docs_gives_every_finding_back(mixed: Path, tmp_path: Path) -> None:
    """docs/json-report.md tells users how to read the groups with jq: it must give
    what opencheck's own reader gives, field by field."""
    page = (Path(__file__).parents[1] / "docs" / "json-report.md").read_text(encoding="utf-8")
    recipe = page.split("```sh\n", 1)[1].split("```", 1)[0]
    program = recipe.split("jq -c '", 1)[1].rsplit("' report.json", 1)[0]
    report = tmp_path / "report.json"
    report.write_text(json_report.render(_report(mixed), "fr"), encoding="utf-8")
    done = subprocess.run(["jq", "-c", program, str(report)], capture_output=True, text=True,
                          check=True)
    by_jq = [json.loads(line) for line in done.stdout.splitlines()]
    assert by_jq == findings_of(json.loads(report.read_text(encoding="utf-8")))
    assert len(by_jq) > 60


def test_awkward_findings_are_given_back_exactly(make_repo: RepoFactory) -> None:
    """Paths empty, absent or spelled `{path}`, a path found several times in its
    message, texts that hold `{path}`, no fix, a field that is True in one finding and
    1 in the next, a column: each finding read back is the one written."""
    from opencheck.model import Severity, Text

    report = _report(make_repo(HOUSE))

    def finding(path: str | None, message: str, fix: str | None = None,
                **extra: Any) -> Finding:
        text = Text(f"fr: {message}", f"en: {message}")
        return Finding("demo-rule", text, path=path, severity=Severity.WARNING,
                       fix=Text(f"fr {fix}", f"en {fix}") if fix is not None else None,
                       key=message, extra=extra, family="demo")

    report.findings = [
        finding("a/b.py", "a/b.py is like a/b.py", "edit a/b.py", flag=True),
        finding("a/c.py", "a/c.py is like a/c.py", "edit a/c.py", flag=1),
        finding("{path}", "{path} is odd", "edit {path}", flag=True),
        finding("a/d.py", "holds {path} literally", "edit a/d.py", flag=True),
        finding("", "empty path", "edit ", flag=True),
        finding(None, "no path", None, flag=True),
        finding("e", "every e here", "edit e", flag=True),
        Finding("demo-rule", Text("fr: col", "en: col"), path="a/f.py", line=3, column=7,
                severity=Severity.WARNING, key="col", family="demo", extra={"flag": True}),
    ]
    for lang in ("fr", "en"):
        document = json.loads(json_report.render(report, lang))
        assert findings_of(document) == [_model(f, lang) for f in report.findings]
        assert document["finding_count"] == 8
