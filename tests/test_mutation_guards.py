# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What the verdict-deciding modules must give, exactly, so that a small change to them
(a mutant, see benchmarks/mutation.md) fails a test: severity ranks and thresholds,
fingerprints, verdict reasons, rule selection, the levels of each CI format, the masked form
of a secret. Reports are built by hand here: these tests run in milliseconds, so that
`make mutation` can run them for every mutant.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from opencheck.catalogue import load_catalogue
from opencheck.engine import _finding_order, _selected
from opencheck.licensing import load_authorised
from opencheck.licensing.expressions import (
    InvalidExpression,
    _replace_id,
    equivalent,
    has_exception,
    keys,
    normalise,
    parse,
    spdx_id_in_file_name,
    spdx_id_spelled,
    without_exceptions,
)
from opencheck.model import (
    Finding,
    Report,
    RuleResult,
    Severity,
    Status,
    Text,
    Verdict,
    is_at_least,
)
from opencheck.narrow import narrow
from opencheck.report import codequality, junit, sarif, text
from opencheck.secrets.masking import digest, mask
from opencheck.verdict import judge

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# -- model ----------------------------------------------------------------------------------


def test_severity_ranks_and_thresholds() -> None:
    assert [s.rank for s in (INFO, WARNING, ERROR)] == [1, 2, 3]
    table = {(s.value, t.value): is_at_least(s, t) for s in Severity for t in Severity}
    assert table == {
        ("error", "error"): True, ("error", "warning"): True, ("error", "info"): True,
        ("warning", "error"): False, ("warning", "warning"): True, ("warning", "info"): True,
        ("info", "error"): False, ("info", "warning"): False, ("info", "info"): True,
    }
    assert not is_at_least(None, INFO)  # a finding without severity never blocks


def test_text_picks_its_language() -> None:
    text = Text(fr="bonjour {nom}", en="hello {nom}")
    assert text.get("fr") == "bonjour {nom}"
    assert text.get("en") == "hello {nom}"
    assert text.get("de") == "hello {nom}"  # English for any other language
    assert text.format(nom="Camille") == Text("bonjour Camille", "hello Camille")


def test_fingerprint_hashes_rule_path_and_key_never_the_line() -> None:
    finding = Finding("secrets-in-tree", Text("fr", "en"), path="a.py", line=3, key="k1")
    expected = hashlib.sha256(b"secrets-in-tree\0a.py\0k1").hexdigest()[:32]
    assert finding.fingerprint == expected
    moved = Finding("secrets-in-tree", Text("autre", "other"), path="a.py", line=90, key="k1")
    assert moved.fingerprint == expected
    # Without a key, the English message tells findings apart; without a path, "".
    bare = Finding("readme-present", Text("fr", "No README."))
    assert bare.fingerprint == hashlib.sha256(b"readme-present\0\0No README.").hexdigest()[:32]


def _report(findings: list[Finding], rules: list[RuleResult], fail_on: Severity,
            root: str = "/nonexistent") -> Report:
    verdict, reason = judge(findings, rules, fail_on)
    return Report(root=root, verdict=verdict, reason=reason, score=50, profile="dinum",
                  fail_on=fail_on, opencheck_version="0.0", findings=findings, rules=rules)


def _finding(rule: str, severity: Severity | None, path: str | None = None,
             line: int | None = None) -> Finding:
    return Finding(rule, Text(f"{rule} fr", f"{rule} en"), path=path, line=line,
                   severity=severity, family="community", key=rule)


def test_blocking_and_to_improve_split_at_the_threshold() -> None:
    findings = [_finding("e", ERROR), _finding("w", WARNING), _finding("i", INFO),
                _finding("n", None)]
    report = _report(findings, [], WARNING)
    assert [f.rule for f in report.blocking] == ["e", "w"]
    assert [f.rule for f in report.to_improve] == ["i", "n"]
    assert report.verdict is Verdict.NOT_READY and not report.ready


# -- verdict --------------------------------------------------------------------------------


def test_verdict_reasons() -> None:
    ready = _report([_finding("i", INFO)], [RuleResult("i", "x", INFO, Status.FAILED),
                                             RuleResult("p", "x", ERROR, Status.PASSED),
                                             RuleResult("s", "x", INFO, Status.SKIPPED)],
                    WARNING)
    assert ready.verdict is Verdict.READY
    assert ready.reason == Text(
        "aucun constat de sévérité « warning » ou plus ; 2 règle(s) vérifiée(s).",
        "no finding at or above 'warning'; 2 rule(s) checked.")  # skipped ones not counted
    crashed = RuleResult("licence-file-present", "licence", ERROR, Status.ERROR,
                         reason=Text("échec", "it broke"))
    incomplete = _report([], [crashed], ERROR)
    assert incomplete.verdict is Verdict.INCOMPLETE
    assert incomplete.reason.en == ("1 blocking rule(s) could not be judged "
                                    "(licence-file-present): it broke")
    both = _report([_finding("e", ERROR, "a.py", 4), _finding("e", ERROR)], [crashed], ERROR)
    assert both.verdict is Verdict.NOT_READY
    assert both.reason.en == ("2 blocking finding(s) (e ×2); first e a.py:4: e en; "
                              "1 blocking rule(s) could not be judged "
                              "(licence-file-present): it broke")
    assert both.reason.fr == ("2 constat(s) bloquant(s) (e ×2) ; d'abord e a.py:4 : e fr ; "
                              "1 règle(s) bloquante(s) non jugée(s) "
                              "(licence-file-present) : échec")
    below = RuleResult("roadmap-present", "community", INFO, Status.ERROR)
    assert _report([], [below], WARNING).verdict is Verdict.READY
    silent = RuleResult("readme-present", "community", ERROR, Status.ERROR)  # no reason
    unknown = _report([], [silent], ERROR).reason
    assert unknown == Text(
        "1 règle(s) bloquante(s) non jugée(s) (readme-present) : cause inconnue",
        "1 blocking rule(s) could not be judged (readme-present): unknown cause")


def test_verdict_reason_names_rules_and_places_and_stays_short() -> None:
    project = _finding("licence-file-present", ERROR)  # no path: nothing placed
    placed = _finding("secrets-in-tree", ERROR, "conf/app.env")  # a path, no line
    reason = _report([project, placed, _finding("secrets-in-tree", ERROR, "b", 2)], [],
                     ERROR).reason
    assert reason.en == ("3 blocking finding(s) (secrets-in-tree ×2, licence-file-present); "
                         "first licence-file-present: licence-file-present en")
    assert _report([placed], [], ERROR).reason.en == (
        "1 blocking finding(s) (secrets-in-tree); first secrets-in-tree conf/app.env: "
        "secrets-in-tree en")
    crashed = [RuleResult(rule, "x", ERROR, Status.ERROR, reason=Text("a", "b"))
               for rule in ("r1", "r2")]
    assert _report([], crashed, ERROR).reason.en == (
        "2 blocking rule(s) could not be judged (r1, r2): b")
    for length, shown in ((160, "x" * 160), (161, "x" * 159 + "…"), (400, "x" * 159 + "…")):
        long = Finding("r", Text("y", "x" * length), severity=ERROR, family="f")
        assert _report([long], [], ERROR).reason.en == (
            f"1 blocking finding(s) (r); first r: {shown}")


# -- engine ---------------------------------------------------------------------------------


def test_rule_selection_by_id_glob_and_family() -> None:
    rule = load_catalogue().rules["licence-file-present"]
    assert _selected(rule, ("licence-file-present",))
    assert _selected(rule, ("licence-*",))
    assert _selected(rule, ("family:licence",))
    assert _selected(rule, ("readme-present", "family:lic*"))
    assert not _selected(rule, ("family:secrets", "licence-file"))
    assert not _selected(rule, ())


def test_findings_are_ordered_by_severity_then_family_rule_path_line() -> None:
    findings = [
        Finding("b", Text("", ""), path="z", line=2, severity=INFO, family="a"),
        Finding("b", Text("", ""), path="z", line=1, severity=INFO, family="a"),
        Finding("a", Text("", ""), path="z", severity=INFO, family="b"),
        Finding("c", Text("", ""), severity=ERROR, family="c"),
        Finding("a", Text("", ""), path="y", line=1, severity=WARNING, family="a"),
        Finding("a", Text("", ""), path="y", severity=WARNING, family="a"),
        Finding("a", Text("", ""), path="x", severity=WARNING, family="a"),
        Finding("n", Text("", ""), family="a"),
        Finding("a", Text("", ""), path="LICENSE", severity=WARNING, family="a"),
        Finding("a", Text("", ""), severity=WARNING, family="a"),
    ]
    ordered = sorted(findings, key=_finding_order)
    # Within a rule: the project-level finding first (whatever the paths' first letters),
    # then by path, a whole-file finding before the lines of its file.
    assert [(f.rule, f.path, f.line) for f in ordered] == [
        ("c", None, None), ("a", None, None), ("a", "LICENSE", None), ("a", "x", None),
        ("a", "y", None), ("a", "y", 1), ("b", "z", 1), ("b", "z", 2), ("a", "z", None),
        ("n", None, None),
    ]


# -- CI formats -----------------------------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Report:
    """One finding of each severity, a crashed rule and a skipped one; blocks on warning."""
    (tmp_path / "README.rst").write_text("Projet\n", encoding="utf-8")
    findings = [
        _finding("licence-file-present", ERROR),
        _finding("code-of-conduct-present", WARNING, "docs/a b.md", 7),
        _finding("files-readable", INFO, "lien.txt"),
    ]
    findings[1].column = 3
    findings[1].fix = Text("corrigez", "fix it")
    findings[2].extra = {"commit": "abc123", "kind": "", "in_tree": None}
    rules = [
        RuleResult("licence-file-present", "licence", ERROR, Status.FAILED, findings=1),
        RuleResult("code-of-conduct-present", "community", WARNING, Status.FAILED, findings=1),
        RuleResult("files-readable", "repository", INFO, Status.FAILED, findings=1),
        RuleResult("roadmap-present", "community", INFO, Status.ERROR,
                   reason=Text("échec", "it broke")),
        RuleResult("readme-present", "community", ERROR, Status.SKIPPED,
                   disabled_reason="plus tard"),
    ]
    return _report(findings, rules, WARNING, root=str(tmp_path))


def test_sarif_levels_locations_and_notifications(mixed: Report) -> None:
    log = json.loads(sarif.render(mixed, "en"))
    run = log["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    assert {rule: r["level"] for rule, r in results.items()} == {
        "licence-file-present": "error", "code-of-conduct-present": "warning",
        "files-readable": "note",
    }
    rules = run["tool"]["driver"]["rules"]
    assert [(r["id"], r["defaultConfiguration"]["level"]) for r in rules] == [
        ("licence-file-present", "error"), ("code-of-conduct-present", "warning"),
        ("files-readable", "note"), ("roadmap-present", "note"), ("readme-present", "error"),
    ]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 1, 2]
    catalogue = load_catalogue().rules["licence-file-present"]
    assert rules[0] == {
        "id": "licence-file-present", "name": catalogue.title.en,
        "shortDescription": {"text": catalogue.title.en},
        "fullDescription": {"text": catalogue.help.en}, "help": {"text": catalogue.fix.en},
        "helpUri": catalogue.reference,
        "properties": {"family": "licence", "tags": ["opencheck", "licence"]},
        "defaultConfiguration": {"level": "error"}}
    french = json.loads(sarif.render(mixed, "fr"))["runs"][0]["tool"]["driver"]["rules"][0]
    assert (french["shortDescription"], french["fullDescription"], french["help"]) == (
        {"text": catalogue.title.fr}, {"text": catalogue.help.fr}, {"text": catalogue.fix.fr})
    project = results["licence-file-present"]
    assert project["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "README.rst"}, "region": {"startLine": 1}}
    assert project["properties"] == {"family": "community", "projectLevel": True}
    assert [r["partialFingerprints"] for r in run["results"]] == [
        {"opencheck/v1": f.fingerprint} for f in mixed.findings]
    placed = results["code-of-conduct-present"]
    assert placed["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/a%20b.md"},
        "region": {"startLine": 7, "startColumn": 3}}
    assert placed["message"]["text"] == "code-of-conduct-present en (fix it)"
    assert results["files-readable"]["properties"] == {"family": "community",
                                                       "commit": "abc123"}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"level": "error", "message": {"text": "it broke"},
         "descriptor": {"id": "roadmap-present"}}]}]
    assert run["properties"]["verdict"] == "not_ready"
    assert run["properties"]["ready"] is False
    assert run["properties"]["failOn"] == "warning"


def test_sarif_columns_properties_and_language(mixed: Report) -> None:
    mixed.findings[1].column = 1
    mixed.findings[2].column = 0
    mixed.findings[2].extra = {"kind": "token", "in_tree": True, "other": "x"}
    mixed.findings[2].family = ""
    [run] = json.loads(sarif.render(mixed, "fr"))["runs"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert regions[1:] == [{"startLine": 7, "startColumn": 1}, {"startLine": 1}]
    assert run["results"][2]["properties"] == {"kind": "token", "in_tree": True}
    assert run["results"][1]["message"]["text"] == "code-of-conduct-present fr (corrigez)"


def test_sarif_provenance_only_from_a_plain_https_remote(mixed: Report) -> None:
    mixed.metadata = {"commit": "c0ffee", "branch": "main",
                      "remotes": {"origin": "https://forge.example/projet.git"}}
    [run] = json.loads(sarif.render(mixed, "fr"))["runs"]
    assert run["versionControlProvenance"] == [{
        "revisionId": "c0ffee", "repositoryUri": "https://forge.example/projet.git",
        "branch": "main"}]
    mixed.metadata["remotes"] = {"origin": "https://jeton@forge.example/projet.git"}
    [run] = json.loads(sarif.render(mixed, "fr"))["runs"]
    assert "versionControlProvenance" not in run  # a credential is never copied
    # origin first, whatever the order; else the first remote there is
    for remotes, uri in (({"amont": "https://amont.example/x.git",
                           "origin": "https://forge.example/projet.git"},
                          "https://forge.example/projet.git"),
                         ({"amont": "https://amont.example/x.git"}, "https://amont.example/x.git")):
        mixed.metadata["remotes"] = remotes
        [run] = json.loads(sarif.render(mixed, "fr"))["runs"]
        assert run["versionControlProvenance"][0]["repositoryUri"] == uri


def test_codequality_grades(mixed: Report) -> None:
    issues = json.loads(codequality.render(mixed, "en"))
    assert [(i["check_name"], i["severity"]) for i in issues] == [
        ("opencheck-verdict", "blocker"),
        ("licence-file-present", "blocker"), ("code-of-conduct-present", "blocker"),
        ("files-readable", "info"),
    ]
    assert issues[0] == {
        "type": "issue", "check_name": "opencheck-verdict", "severity": "blocker",
        "description": "NOT READY to be published. Reason: 2 blocking finding(s) "
        "(licence-file-present, code-of-conduct-present); first licence-file-present: "
        "licence-file-present en",
        "fingerprint": hashlib.sha256(b"opencheck-verdict\0not_ready").hexdigest()[:32],
        "location": {"path": "README.rst", "lines": {"begin": 1}}}
    coc = mixed.findings[1]
    assert issues[2] == {
        "type": "issue", "description": "code-of-conduct-present en (fix it)",
        "check_name": "code-of-conduct-present", "fingerprint": coc.fingerprint,
        "severity": "blocker", "location": {"path": "docs/a b.md", "lines": {"begin": 7}}}
    assert issues[1]["location"] == {"path": "README.rst", "lines": {"begin": 1}}
    french = json.loads(codequality.render(mixed, "fr"))
    assert french[0]["description"].startswith("PAS PRÊT à être publié. Raison : 2 constat(s)")
    assert french[2]["description"] == "code-of-conduct-present fr (corrigez)"
    assert issues[3]["location"] == {"path": "lien.txt", "lines": {"begin": 1}}
    lenient = _report(mixed.findings, mixed.rules, ERROR, root=mixed.root)
    grades = [(i["check_name"], i["severity"]) for i in
              json.loads(codequality.render(lenient, "en"))]
    assert grades[1:] == [("licence-file-present", "blocker"),
                          ("code-of-conduct-present", "major"), ("files-readable", "info")]


def test_codequality_lists_no_verdict_issue_for_a_ready_report(mixed: Report) -> None:
    lenient = _report(mixed.findings[2:], mixed.rules[2:3], WARNING, root=mixed.root)
    assert lenient.ready
    assert [i["check_name"] for i in json.loads(codequality.render(lenient, "en"))] == [
        "files-readable"]


def test_junit_failures_are_the_blocking_findings(mixed: Report) -> None:
    root = ET.fromstring(junit.render(mixed, "en"))
    assert root.attrib["tests"] == "5"
    assert (root.attrib["failures"], root.attrib["errors"]) == ("2", "1")
    suites = {suite.attrib["name"]: suite.attrib for suite in root.iter("testsuite")}
    assert [(s["tests"], s["failures"], s["errors"], s["skipped"]) for s in suites.values()] == [
        ("0", "0", "0", "0"), ("3", "1", "1", "1"), ("1", "1", "0", "0"),
        ("1", "0", "0", "0")]
    cases = {case.attrib["name"]: case for case in root.iter("testcase")}
    failure = cases["code-of-conduct-present · docs/a b.md"].find("failure")
    assert failure is not None and failure.attrib["type"] == "warning"
    readable = cases["files-readable · lien.txt"]
    assert readable.find("failure") is None
    out = readable.find("system-out")
    assert out is not None and (out.text or "").startswith("info: files-readable lien.txt")
    error = cases["roadmap-present"].find("error")
    assert error is not None and error.attrib == {"type": "check-error", "message": "it broke"}
    skipped = cases["readme-present"].find("skipped")
    assert skipped is not None and skipped.attrib["message"] == "plus tard"


# -- masking --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (b"hunter2", "password-assignment", "…(1-7 chars)"),  # a class of lengths only
        (b"abcdefgh", "password-assignment", "…(8-15 chars)"),
        (b"abcdefghijklmnop", "password-assignment", "…(16-31 chars)"),
        (b"a" * 64, "password-assignment", "…(64-127 chars)"),
        (b"a" * 128, "password-assignment", "…(128+ chars)"),
        (b"ghp_" + b"x" * 35 + b"Y", "github-token", "ghp_…xxxY(40 chars)"),
        (b"github_pat_" + b"x" * 82, "github-token", "github_pat_…xxxx(93 chars)"),
        # under 16 characters hidden between the prefix and the end: no end shown
        (b"glpat-" + b"x" * 19, "gitlab-token", "glpat-…(25 chars)"),
        (b"glpat-" + b"x" * 20, "gitlab-token", "glpat-…xxxx(26 chars)"),
        (b"ghp_" + b"x" * 32 + b"\tb\nc", "github-token", "ghp_…?b?c(40 chars)"),
        (b"AKIA" + b"X" * 16, "aws-access-key", "AKIA…(20 chars)"),
        (b"FR76" + b"1" * 23, "iban-fr", "FR…(27 chars)"),  # an account: no end shown
        ("pässwörd-très-long".encode(), "password-assignment", "…(16-31 chars)"),
        (b"\xff\xfeabcdefghij", "password-assignment", "…(8-15 chars)"),
        (b"sk_live_" + b"x" * 24, "github-token", "…(32-63 chars)"),  # another kind's
    ],
)
def test_mask_shows_no_character_a_guess_could_be_tested_on(
    value: bytes, kind: str, shown: str
) -> None:
    assert mask(value, kind) == shown
    assert "sha256" not in shown


def test_digest_is_the_full_sha256() -> None:
    assert digest(b"secret") == hashlib.sha256(b"secret").hexdigest()


# -- the licence list -----------------------------------------------------------------------


def test_find_by_id_alias_or_deprecated_form_and_never_crash() -> None:
    authorised = load_authorised()
    assert [authorised.find(spdx_id).id for spdx_id in  # type: ignore[union-attr]
            ("gpl-3.0+", "GPL-3.0-only", "lgpl-3.0", "EUPL-1.2")] == [
        "GPL-3.0-or-later", "GPL-3.0-or-later", "LGPL-3.0-or-later", "EUPL-1.2"]
    assert authorised.find("MIT OR (") is None  # not an expression: not found, no crash
    assert authorised.find("GPL-2.0-only") is None


def test_unlisted_licences_for_content_only_beside_listed_software() -> None:
    # licence-authorised then says the documents' licence is off the list, not the code's.
    authorised = load_authorised()
    assert [authorised.unlisted_content(expression) for expression in (
        "CECILL-2.1 AND CC-BY-SA-2.0", "MIT AND CC-BY-SA-2.0 AND CC0-1.0",
        "(MIT AND CC-BY-NC-4.0) OR (Apache-2.0 AND CC-BY-SA-2.0)",
        "MIT AND CC-BY-NC-4.0",  # not free: the code's licence question stays
        "etalab-2.0 AND CC-BY-SA-2.0",  # a data licence is no software beside it
        "CC-BY-SA-2.0", "MIT AND LicenseRef-Maison", "MIT")] == [
        ("CC-BY-SA-2.0",), ("CC-BY-SA-2.0", "CC0-1.0"), ("CC-BY-SA-2.0",), (), (), (), (), ()]


# -- licence expressions --------------------------------------------------------------------


def test_expressions_normalise_keys_and_compare() -> None:
    assert normalise("(mit OR gpl-2.0) AND GPL-3.0+") == (
        "(MIT OR GPL-2.0-only) AND GPL-3.0-or-later")
    assert normalise("LGPL-2.1 OR LGPL-2.1+") == "LGPL-2.1-only OR LGPL-2.1-or-later"
    # Exceptions are not licences; unknown ids are kept as written.
    assert keys("GPL-3.0+ WITH Classpath-exception-2.0 AND LicenseRef-Interne AND MIT") == [
        "GPL-3.0-or-later", "LicenseRef-Interne", "MIT"]
    assert keys("mit OR MIT") == ["MIT"]
    assert str(parse("LicenseRef-x AND mitt")) == "LicenseRef-x AND mitt"
    assert equivalent("GPL-3.0", "GPL-3.0-only")
    assert equivalent("MIT OR Apache-2.0", "Apache-2.0 OR MIT")
    # An expression that does not parse is equivalent to nothing, not to everything.
    assert not equivalent("MIT OR (", "MIT")
    assert not equivalent("MIT", "MIT AND")


@pytest.mark.parametrize(("expression", "message"), [
    ("", "empty expression"),
    ("MIT OR (", "Invalid expression"),
    ("MIT AND", "AND requires two or more licenses as in: MIT AND BSD"),
    ("MIT WITH", 'Invalid expression for token: "WITH" at position: 4'),
])
def test_an_expression_that_does_not_parse_says_why(expression: str, message: str) -> None:
    # The message reaches the report: "unreadable licence expression: ...".
    with pytest.raises(InvalidExpression) as caught:
        parse(expression)
    assert str(caught.value) == message


def test_a_deprecated_id_is_replaced_as_a_whole_token_only() -> None:
    # license-expression already renames the deprecated GNU ids; the table in
    # expressions.py is for the versions that do not, and must rename whole ids only.
    assert _replace_id("(GPL-3.0 OR GPL-3.0+) AND LGPL-3.0", "GPL-3.0", "GPL-3.0-only") == (
        "(GPL-3.0-only OR GPL-3.0+) AND LGPL-3.0")
    assert _replace_id("((GPL-3.0))", "GPL-3.0", "GPL-3.0-only") == "((GPL-3.0-only))"


def test_exceptions_are_seen_and_set_aside_exactly() -> None:
    # Two declarations agree when they differ by one exception only (licence-consistent).
    assert [has_exception(e) for e in ("gpl-2.0 with classpath-exception-2.0",
                                       "MIT OR Apache-2.0")] == [True, False]
    assert without_exceptions(
        "(MIT OR GPL-2.0+ WITH Classpath-exception-2.0) AND (Apache-2.0 WITH LLVM-exception)"
    ) == "(MIT OR GPL-2.0-or-later) AND Apache-2.0"
    assert without_exceptions("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT") == (
        "GPL-2.0-only OR MIT")


def test_an_spdx_id_with_the_wrong_case_or_in_a_file_name_is_recognised() -> None:
    # The REUSE findings suggest the exact id: LICENSES/mit.txt -> LICENSES/MIT.txt.
    assert [spdx_id_spelled(name) for name in ("mit", "Etalab-2.0", "MIT", "etalab-2.0",
                                               "Licence-Maison")] == [
        "MIT", "etalab-2.0", None, None, None]
    assert [spdx_id_in_file_name(name) for name in (
        "LICENSE.MIT", "licence-eupl-1.2.txt", "COPYING_GPL-3.0-only.md", "LICENSE",
        "MIT.txt", "LICENSE.Maison", "LICENSE-LICENSE.MIT")] == [
        "MIT", "EUPL-1.2", "GPL-3.0-only", None, None, None, None]


def test_junit_cases_carry_their_family_and_reasons_in_the_language(mixed: Report) -> None:
    mixed.rules += [
        RuleResult("security-policy-present", "community", WARNING, Status.PASSED),
        RuleResult("publiccode-urls-reachable", "publiccode", INFO, Status.SKIPPED,
                   reason=Text("réseau non autorisé", "network not allowed")),
        RuleResult("changelog-present", "community", INFO, Status.SKIPPED),
        RuleResult("authors-present", "community", INFO, Status.ERROR),
    ]
    root = ET.fromstring(junit.render(mixed, "fr"))
    cases = {case.attrib["name"]: case for case in root.iter("testcase")}
    assert {name: case.attrib["classname"] for name, case in cases.items()} == {
        "licence-file-present · projet": "opencheck.licence",
        "code-of-conduct-present · docs/a b.md": "opencheck.community",
        "files-readable · lien.txt": "opencheck.repository",
        "roadmap-present": "opencheck.community",
        "readme-present": "opencheck.community",
        "security-policy-present": "opencheck.community",
        "publiccode-urls-reachable": "opencheck.publiccode",
        "changelog-present": "opencheck.community",
        "authors-present": "opencheck.community",
    }

    def child(name: str, tag: str) -> dict[str, str]:
        element = cases[name].find(tag)
        assert element is not None, (name, tag)
        return dict(element.attrib)

    failure = cases["code-of-conduct-present · docs/a b.md"].find("failure")
    assert failure is not None and failure.attrib["message"] == "code-of-conduct-present fr"
    assert (failure.text or "").startswith("code-of-conduct-present docs/a b.md:7: "
                                           "code-of-conduct-present fr\ncorrection : corrigez\n")
    assert child("publiccode-urls-reachable", "skipped") == {"message": "réseau non autorisé"}
    assert child("changelog-present", "skipped") == {"message": "skipped"}
    assert child("roadmap-present", "error") == {"type": "check-error", "message": "échec"}
    assert child("authors-present", "error") == {"type": "check-error", "message": "error"}
    assert list(cases["security-policy-present"]) == []  # passed: an empty test case


def test_text_fix_lines_follow_each_language_s_punctuation(mixed: Report) -> None:
    french = text.render(mixed, "fr")
    english = text.render(mixed, "en")
    assert "      → correction : corrigez" in french.splitlines()
    assert "      → fix: fix it" in english.splitlines()
    assert "correction:" not in french


def test_junit_failure_and_output_texts(mixed: Report) -> None:
    root = ET.fromstring(junit.render(mixed, "en"))
    cases = {case.attrib["name"]: case for case in root.iter("testcase")}
    coc = cases["code-of-conduct-present · docs/a b.md"]
    assert coc.attrib == {"classname": "opencheck.community", "time": "0",
                          "name": "code-of-conduct-present · docs/a b.md", "file": "docs/a b.md"}
    failure = coc.find("failure")
    assert failure is not None
    assert failure.attrib == {"type": "warning", "message": "code-of-conduct-present en"}
    assert failure.text == ("code-of-conduct-present docs/a b.md:7: code-of-conduct-present en\n"
                            f"fix: fix it\nfingerprint: {mixed.findings[1].fingerprint}")
    out = cases["files-readable · lien.txt"].find("system-out")
    assert out is not None and out.text == (
        f"info: files-readable lien.txt: files-readable en\n"
        f"fingerprint: {mixed.findings[2].fingerprint}")
    project = cases["licence-file-present · project"]
    assert "file" not in project.attrib
    # Two blocking findings of one rule: two failures in its family's suite.
    mixed.findings.append(_finding("code-of-conduct-present", WARNING, "docs/b.md"))
    mixed.findings[-1].family = "community"
    again = ET.fromstring(junit.render(mixed, "en"))
    suites = {suite.attrib["name"]: suite.attrib for suite in again.iter("testsuite")}
    assert [(s["tests"], s["failures"]) for s in suites.values()][1:] == [
        ("4", "2"), ("1", "1"), ("1", "0")]
    assert (again.attrib["tests"], again.attrib["failures"]) == ("6", "3")


def test_junit_texts_of_a_project_level_finding_and_of_what_xml_cannot_hold(
    mixed: Report,
) -> None:
    mixed.findings[1].message = Text("mal\uffffécrit", "bad\uffffchar")
    root = ET.fromstring(junit.render(mixed, "en"))
    cases = {case.attrib["name"]: case.find("failure") for case in root.iter("testcase")}
    project = cases["licence-file-present · project"]
    assert project is not None and project.text == (
        "licence-file-present: licence-file-present en\n"
        f"fingerprint: {mixed.findings[0].fingerprint}")
    coc = cases["code-of-conduct-present · docs/a b.md"]
    assert coc is not None and coc.attrib["message"] == "bad\ufffdchar"


def test_junit_first_suite_is_the_verdict_in_the_language(mixed: Report) -> None:
    root = ET.fromstring(junit.render(mixed, "fr"))
    assert root.attrib == {"name": "opencheck", "time": "0.000", "tests": "5",
                           "failures": "2", "errors": "1"}
    assert [suite.attrib["name"] for suite in root.iter("testsuite")] == [
        "opencheck: PAS PRÊT à être publié", "Fichiers de la communauté", "Licence",
        "Lecture du dépôt"]
    mixed.metadata = {"duration_seconds": 1.5}
    assert ET.fromstring(junit.render(mixed, "fr")).attrib["time"] == "1.500"
    first = root.find("testsuite")
    assert first is not None
    assert first.attrib == {"name": "opencheck: PAS PRÊT à être publié", "tests": "0",
                            "failures": "0", "errors": "0", "skipped": "0", "time": "0"}
    assert [p.attrib for p in first.iter("property")] == [
        {"name": "verdict", "value": "not_ready"},
        {"name": "verdict_reason", "value": mixed.reason.fr}]
    out = first.find("system-out")
    assert out is not None and out.text == f"Raison : {mixed.reason.fr}"


def test_sarif_uri_of_a_file_name_that_is_not_utf8(mixed: Report) -> None:
    mixed.findings[1].path = "docs/caf\udce9 b.md"  # a Latin-1 name, as git lists it
    [run] = json.loads(sarif.render(mixed, "en"))["runs"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]] == ["README.rst", "docs/caf%E9%20b.md", "lien.txt"]


def test_narrow_keeps_the_chosen_findings_and_judges_only_them() -> None:
    findings = [_finding("e", ERROR, "a.py"), _finding("w", WARNING, "b.py")]
    report = _report(findings, [RuleResult("e", "x", ERROR, Status.FAILED)], ERROR)
    report.metadata = {"files": 2}
    narrowed = narrow(report, lambda finding: finding.path == "b.py", {"diff": {"base": "m"}})
    assert [f.rule for f in narrowed.findings] == ["w"]
    assert (narrowed.verdict, narrowed.reason.en) == (
        Verdict.READY, "no finding at or above 'error'; 1 rule(s) checked.")
    assert narrowed.metadata == {"files": 2, "diff": {"base": "m"}}
    assert (report.verdict, [f.rule for f in report.findings]) == (Verdict.NOT_READY, ["e", "w"])
    assert report.metadata == {"files": 2}
