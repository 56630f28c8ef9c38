# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""What `engine.run` and `engine._run_rule` decide, exactly: which threshold, profile and
severity apply when the command line, the configuration and the profile disagree; the
usage errors and their messages; disabled, crashed, skipped and missing checks; excluded
paths; the report's fields and metadata. Runs call the engine in-process on a tiny real
repository with a few cheap rules, so that `make mutation` can run them for every mutant
of the engine (benchmarks/mutation.md).
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import RepoFactory, commit, git
from opencheck import __version__, registry
from opencheck.catalogue import load_catalogue
from opencheck.config import Config
from opencheck.engine import RunRequest, UsageError, _run_rule, run
from opencheck.model import Finding, Report, Severity, Status, Text, Verdict
from opencheck.registry import Context, Options, Skip, Unjudged
from opencheck.repository import open_repository
from opencheck.scoring import Score

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
# readme-present passes on the repository below (error in every profile); the two others
# fail: info in dinum, warning in awesome.
RULES = ("readme-present", "authors-present", "roadmap-present")


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    return make_repo({"README.md": "# Projet\n", "src/app.py": "print(1)\n"})


def _run(root: Path, config: str | None = None, **request: object) -> Report:
    if config is not None:
        (root / ".opencheck.yml").write_text(config, encoding="utf-8")
    request.setdefault("only_rules", RULES)
    return run(RunRequest(path=root, **request))  # type: ignore[arg-type]


def _usage_error(root: Path, **request: object) -> Text:
    with pytest.raises(UsageError) as caught:
        run(RunRequest(path=root, **request))  # type: ignore[arg-type]
    return caught.value.text


def _severities(report: Report) -> dict[str, str | None]:
    return {f.rule: f.severity.value if f.severity else None for f in report.findings}


# -- which threshold, profile and severity --------------------------------------------------


def test_the_profile_threshold_applies_when_nothing_else_says(repo: Path) -> None:
    report = _run(repo)
    assert (report.profile, report.fail_on, report.verdict) == ("dinum", ERROR, Verdict.READY)
    assert report.reason.en == "no finding at or above 'error'; 3 rule(s) checked."
    assert _severities(report) == {"authors-present": "info", "roadmap-present": "info"}


def test_the_config_file_threshold_beats_the_profile(repo: Path) -> None:
    report = _run(repo, "fail-on: info\n")
    assert (report.fail_on, report.verdict) == (INFO, Verdict.NOT_READY)
    assert report.reason.en.startswith("2 blocking finding(s) (authors-present, "
                                       "roadmap-present); first authors-present: ")


def test_the_command_line_threshold_beats_the_config_file(repo: Path) -> None:
    report = _run(repo, "fail-on: info\n", fail_on=WARNING)
    assert (report.fail_on, report.verdict) == (WARNING, Verdict.READY)
    report = _run(repo, "fail-on: error\n", fail_on=INFO)
    assert (report.fail_on, report.verdict) == (INFO, Verdict.NOT_READY)


def test_profile_from_the_command_line_then_the_config_file_then_dinum(repo: Path) -> None:
    # awesome gives authors-present and roadmap-present the severity warning.
    configured = _run(repo, "profile: awesome\n")
    assert configured.profile == "awesome"
    assert _severities(configured) == {"authors-present": "warning",
                                       "roadmap-present": "warning"}
    assert _run(repo, "profile: awesome\n", profile="dinum").profile == "dinum"
    assert _run(repo, "profile: awesome\n", fail_on=WARNING).verdict is Verdict.NOT_READY


def test_configured_severity_beats_the_profile_and_the_catalogue(repo: Path) -> None:
    report = _run(repo, "profile: awesome\nseverity:\n  roadmap-present: error\n")
    assert _severities(report) == {"roadmap-present": "error", "authors-present": "warning"}
    assert [(r.rule, r.severity) for r in report.rules] == [
        ("readme-present", ERROR), ("authors-present", WARNING), ("roadmap-present", ERROR)]
    assert report.verdict is Verdict.NOT_READY
    assert report.findings[0].rule == "roadmap-present"  # the most severe first


def test_a_disabled_rule_is_skipped_and_the_next_ones_still_run(repo: Path) -> None:
    report = _run(repo, "disable:\n  readme-present: lu ailleurs\n  authors-present: plus tard\n")
    assert [(r.rule, r.status, r.disabled_reason) for r in report.rules] == [
        ("readme-present", Status.SKIPPED, "lu ailleurs"),
        ("authors-present", Status.SKIPPED, "plus tard"),
        ("roadmap-present", Status.FAILED, None),
    ]
    assert [f.rule for f in report.findings] == ["roadmap-present"]
    # readme-present blocks in this profile, authors-present only warns
    assert report.reason.en == (
        "no finding at or above 'error'; 1 rule(s) checked; the configuration "
        "(.opencheck.yml) turns off or lowers 1 blocking rule(s): readme-present.")
    assert report.metadata["config_relaxed"] == {
        "rules": ["readme-present"], "threshold": None, "source": ".opencheck.yml",
        "paths": [], "baseline_hidden": 0, "profile": None, "allowed_inline": 0,
        "project_licence": None, "holders": []}
    assert set(report.metadata["timings"]["rules"]) == {"roadmap-present"}


# -- usage errors ---------------------------------------------------------------------------


def test_an_unknown_profile_is_a_usage_error_that_suggests(repo: Path) -> None:
    assert _usage_error(repo, profile="minimak") == Text(
        "profil inconnu 'minimak' (vouliez-vous dire 'minimal' ?)",
        "unknown profile 'minimak' (did you mean 'minimal'?)")
    (repo / ".opencheck.yml").write_text("profile: awesome\n", encoding="utf-8")
    assert _usage_error(repo, profile="awsome").en == (
        "unknown profile 'awsome' (did you mean 'awesome'?)")


def test_a_rule_pattern_matching_nothing_is_a_usage_error(repo: Path) -> None:
    assert _usage_error(repo, only_rules=("readme-present", "readme-presnt")) == Text(
        "--rule 'readme-presnt' ne désigne aucune règle (vouliez-vous dire 'readme-present' ?)",
        "--rule 'readme-presnt' matches no rule (did you mean 'readme-present'?)")


def test_rules_outside_the_profile_only_are_a_usage_error(repo: Path) -> None:
    assert _usage_error(repo, profile="minimal", only_rules=("roadmap-present",)) == Text(
        "aucune des règles demandées par --rule n'est dans le profil minimal",
        "none of the rules asked with --rule is in profile minimal")
    # One pattern inside the profile is enough: the others are dropped, not an error.
    report = _run(repo, profile="minimal", only_rules=("roadmap-present", "readme-*"))
    assert [r.rule for r in report.rules] == ["readme-present"]


def test_rule_patterns_select_by_glob_and_family(repo: Path) -> None:
    report = _run(repo, only_rules=("family:repository", "readme-pres*"))
    assert [(r.rule, r.family) for r in report.rules] == [
        ("readme-present", "community"), ("git-readable", "repository"),
        ("files-readable", "repository")]


def test_a_bad_path_config_or_base_is_a_usage_error(repo: Path, tmp_path: Path) -> None:
    absent = tmp_path / "absent"
    assert _usage_error(absent).en == f"{absent}: no such file or directory"
    missing = tmp_path / "policy.yml"
    assert _usage_error(repo, config_file=missing).en == f"--config {missing}: no such file"
    assert _usage_error(repo, options=Options(diff_base="nosuch")).en.startswith(
        "unknown base revision 'nosuch' (the clone may be shallow")
    (repo / ".opencheck.yml").write_text("profil: minimal\n", encoding="utf-8")
    assert _usage_error(repo).en == (
        ".opencheck.yml: unknown setting 'profil' (did you mean 'profile'?)")
    (repo / ".opencheck.yml").write_text("disable:\n  readme-presnt: non\n", encoding="utf-8")
    assert "'readme-presnt' (did you mean 'readme-present'?)" in _usage_error(repo).en


def test_diff_mode_is_judged_by_the_config_file_of_its_base(repo: Path) -> None:
    # The change under review cannot loosen its own policy: the base's file applies.
    head = commit(repo, {".opencheck.yml": "fail-on: warning\n"})[:12]
    (repo / ".opencheck.yml").write_text("fail-on: info\n", encoding="utf-8")
    report = _run(repo, options=Options(diff_base="HEAD"))
    assert report.fail_on is WARNING
    assert {key: report.metadata[key] for key in ("config", "config_origin",
                                                  "config_not_applied")} == {
        "config": f".opencheck.yml (HEAD {head})", "config_origin": f"base HEAD {head}",
        "config_not_applied": ".opencheck.yml"}
    head = commit(repo, {".opencheck.yml": "profil: minimal\n"})[:12]
    assert _usage_error(repo, options=Options(diff_base="HEAD")).en == (
        f".opencheck.yml (HEAD {head}): unknown setting 'profil' (did you mean 'profile'?)")


# -- checks that crash, skip, are missing or see the run's options ---------------------------


@pytest.fixture
def replaced_check(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Swap the check of one real rule for the duration of a test (fault injection)."""
    registry.all_checks()

    def replace(rule_id: str, function: registry.CheckFunction | None) -> None:
        if function is None:
            monkeypatch.delitem(registry._CHECKS, rule_id)
        else:
            monkeypatch.setitem(registry._CHECKS, rule_id, function)

    return replace


def test_a_rule_without_a_check_cannot_be_judged(repo: Path, replaced_check) -> None:
    replaced_check("readme-present", None)
    report = _run(repo)
    readme = report.rules[0]
    assert (readme.rule, readme.status) == ("readme-present", Status.ERROR)
    assert readme.reason == Text("aucune vérification n'implémente cette règle",
                                 "no check implements this rule")
    assert report.verdict is Verdict.INCOMPLETE
    assert report.reason.en == ("1 blocking rule(s) could not be judged (readme-present): "
                                "no check implements this rule")


def test_a_crash_names_its_error_and_place_in_both_languages(repo: Path, replaced_check) -> None:
    def broken(ctx: Context) -> Iterator[Finding]:
        raise ValueError("illisible")
        yield  # pragma: no cover

    replaced_check("readme-present", broken)
    report = _run(repo)
    line = broken.__code__.co_firstlineno + 1
    where = f"ValueError: illisible (test_engine_run.py:{line})"
    assert report.rules[0].reason == Text(f"la vérification a échoué : {where}",
                                          f"the check failed: {where}")
    assert [r.status for r in report.rules] == [Status.ERROR, Status.FAILED, Status.FAILED]
    assert report.rules[0].family == "community"
    assert report.verdict is Verdict.INCOMPLETE


def test_a_failed_shared_analysis_is_named(repo: Path, replaced_check) -> None:
    def shared(ctx: Context) -> Iterator[Finding]:
        ctx.shared("lecture-commune", _explode)
        yield  # pragma: no cover

    replaced_check("readme-present", shared)
    reason = _run(repo).rules[0].reason
    assert reason is not None
    assert reason.en.startswith("the shared analysis 'lecture-commune' failed: "
                                "OSError: disque absent (test_engine_run.py:")
    assert reason.fr.startswith("l'analyse partagée « lecture-commune » a échoué : "
                                "OSError: disque absent (test_engine_run.py:")


def _explode() -> None:
    raise OSError("disque absent")


def test_a_skipped_check_keeps_its_reason(repo: Path, replaced_check) -> None:
    def not_here(ctx: Context) -> Iterator[Finding]:
        raise Skip(Text("clone superficiel", "shallow clone"))
        yield  # pragma: no cover

    replaced_check("readme-present", not_here)
    report = _run(repo)
    assert (report.rules[0].status, report.rules[0].reason, report.rules[0].family) == (
        Status.SKIPPED, Text("clone superficiel", "shallow clone"), "community")
    assert report.verdict is Verdict.READY
    assert report.reason.en == "no finding at or above 'error'; 2 rule(s) checked."


def test_an_unjudged_check_gives_its_own_reason(repo: Path, replaced_check) -> None:
    why = Text("historique absent : récupérez-le", "history absent: fetch it")

    def shallow(ctx: Context) -> Iterator[Finding]:
        raise Unjudged(why)
        yield  # pragma: no cover

    replaced_check("readme-present", shallow)
    report = _run(repo)
    assert (report.rules[0].status, report.rules[0].reason) == (Status.ERROR, why)
    assert report.rules[0].family == "community"  # JUnit and the summary group by it
    assert report.verdict is Verdict.INCOMPLETE
    assert report.reason.fr == ("1 règle(s) bloquante(s) non jugée(s) (readme-present) : "
                                "historique absent : récupérez-le")


def test_findings_get_the_rule_family_severity_and_fix(repo: Path, replaced_check) -> None:
    own_fix = Text("à la main", "by hand")

    def findings(ctx: Context) -> Iterator[Finding]:
        yield Finding("readme-present", Text("a", "a"), path="src/app.py", key="a")
        yield Finding("readme-present", Text("b", "b"), path="vendor/lib.py", key="b",
                      severity=INFO, fix=own_fix)
        yield Finding("readme-present", Text("c", "c"), key="c", severity=WARNING)

    replaced_check("readme-present", findings)
    fix = load_catalogue().rules["readme-present"].fix
    report = _run(repo)
    mine = [f for f in report.findings if f.rule == "readme-present"]
    assert [(f.key, f.family, f.severity, f.fix) for f in mine] == [
        ("a", "community", ERROR, fix), ("c", "community", WARNING, fix),
        ("b", "community", INFO, own_fix)]
    assert (report.rules[0].status, report.rules[0].findings) == (Status.FAILED, 3)
    # An excluded path drops its finding; a project-level finding is kept.
    excluded = _run(repo, "exclude:\n  - vendor/\n")
    assert [f.key for f in excluded.findings if f.rule == "readme-present"] == ["a", "c"]
    assert excluded.rules[0].findings == 2
    # A configured severity replaces the check's own.
    forced = _run(repo, "severity:\n  readme-present: info\n")
    assert {f.key: f.severity for f in forced.findings if f.rule == "readme-present"} == {
        "a": INFO, "b": INFO, "c": INFO}
    assert forced.verdict is Verdict.READY


def test_checks_see_the_run_options_settings_and_report_metadata(
    repo: Path, replaced_check
) -> None:
    seen: list[tuple[Options, object]] = []

    def probe(ctx: Context) -> Iterator[Finding]:
        seen.append((ctx.options, ctx.settings.get("readme")))
        ctx.metadata["probe"] = "vu"
        return iter(())

    replaced_check("readme-present", probe)
    options = Options(history=False)
    report = _run(repo, "settings:\n  readme:\n    unmaintained_days: 30\n", options=options)
    assert seen == [(options, {"unmaintained_days": 30})]
    assert report.metadata["probe"] == "vu"
    assert report.rules[0].status is Status.PASSED


def test_a_broken_score_is_reported_not_raised(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: Context, results: object) -> dict[str, object]:
        raise KeyError("points")

    registry.all_scorers()
    monkeypatch.setitem(registry._SCORERS, "cassé", broken)
    report = _run(repo)
    assert report.scores["cassé"] == {"error": "KeyError: 'points'"}
    assert report.scores["opencheck"] == report.score
    assert set(registry.all_scorers()) <= set(report.scores)


# -- the report -----------------------------------------------------------------------------


def test_the_report_fields_and_metadata(repo: Path) -> None:
    git(repo, "remote", "add", "origin", "https://forge.example/projet.git")
    began = time.monotonic()
    report = _run(repo)
    took = time.monotonic() - began
    assert report.root == str(repo.resolve())
    assert report.opencheck_version == __version__
    assert report.score_detail is not None and report.score == report.score_detail.value
    assert [r.rule for r in report.rules] == ["readme-present", "authors-present",
                                             "roadmap-present"]
    meta = report.metadata
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                          text=True, check=True).stdout.strip()
    assert {key: meta[key] for key in ("files", "config", "commit", "branch", "remotes",
                                       "shallow", "git", "history_unavailable",
                                       "config_origin", "config_not_applied")} == {
        "files": 2, "config": None, "commit": head, "branch": "main",
        "remotes": {"origin": "https://forge.example/projet.git"}, "shallow": False,
        "git": True, "history_unavailable": None, "config_origin": "work tree",
        "config_not_applied": None}
    assert meta["git_layout"]["kind"] == "repository"
    generated = datetime.fromisoformat(meta["generated_at"])
    assert generated.tzinfo == UTC and abs((datetime.now(UTC) - generated).total_seconds()) < 600
    # Durations of this run: never negative, never longer than the run itself.
    timings = meta["timings"]
    assert set(timings) == {"setup", "rules", "analyses", "scores"}
    assert set(timings["rules"]) == set(RULES)
    durations = [meta["duration_seconds"], timings["setup"], timings["scores"],
                 *timings["rules"].values(), *timings["analyses"].values()]
    assert all(0 <= value <= took + 0.01 for value in durations), durations
    # Milliseconds, as --timings prints them: a step rounded to whole seconds reads "0 s".
    assert all(isinstance(value, float) and value == round(value, 3) for value in durations)


def test_a_bare_repository_is_a_usage_error_that_says_to_clone(repo: Path) -> None:
    # Found only when the snapshot is opened, after the (absent) config file was read.
    where = repo / ".git"
    assert _usage_error(where) == Text(
        f"{where} : c'est un dépôt git nu ou un dossier .git, sans arborescence de travail ; "
        "vérifiez un clone : git clone <dépôt> <dossier>",
        f"{where}: a bare git repository or a .git folder, with no working tree; "
        "check a clone: git clone <repository> <folder>")


# -- the scores -----------------------------------------------------------------------------


def test_the_scores_of_a_run_are_exact(repo: Path) -> None:
    # community only: readme-present passes (error, 10), two info rules fail (1 + 1).
    report = _run(repo)
    assert (report.score, report.score_detail) == (83, Score(83, 83, {"community": 83}))
    scores = report.scores
    assert scores["opencheck"] == 83
    # The other scores see this run's snapshot and results: a README is worth 100 points
    # on code.gouv.fr. Narrowed by --rule to community rules, the scores made from other
    # families only are not computed.
    assert (scores["codegouvfr"]["score"], scores["codegouvfr"]["max_known"]) == (100, 2210)
    not_computed = {"ran": False, "summary": {
        "fr": "non calculé : --rule n'a retenu aucune règle des familles dont il est fait",
        "en": "not computed: --rule selected no rule of the families it is made from"}}
    assert (scores["reuse"], scores["research"]) == (not_computed, not_computed)
    assert [name for name, value in scores.items()
            if isinstance(value, dict) and "error" in value] == []


def test_a_blocking_finding_caps_the_score_at_60(repo: Path) -> None:
    report = _run(repo, fail_on=INFO)
    assert report.verdict is Verdict.NOT_READY
    assert (report.score, report.score_detail) == (
        60, Score(60, 83, {"community": 83}, "blocking"))


def test_a_blocking_rule_not_judged_caps_the_score_at_80(repo: Path, replaced_check) -> None:
    def shallow(ctx: Context) -> Iterator[Finding]:
        raise Unjudged(Text("inconnu", "unknown"))
        yield  # pragma: no cover

    replaced_check("authors-present", shallow)
    report = _run(repo, fail_on=INFO, only_rules=("readme-present", "authors-present"))
    assert report.verdict is Verdict.INCOMPLETE
    # 10 of 11: readme-present passes, authors-present (info, 1) is not judged.
    assert (report.score, report.score_detail) == (
        80, Score(80, 91, {"community": 91}, "incomplete"))


def test_the_config_file_is_named_and_files_are_counted(repo: Path) -> None:
    report = _run(repo, "exclude:\n  - src/\n")
    assert (report.metadata["config"], report.metadata["files"]) == (".opencheck.yml", 2)


def test_a_folder_without_git_has_no_git_metadata(make_repo: RepoFactory) -> None:
    plain = make_repo({"README.md": "# Projet\n"}, git_init=False)
    meta = _run(plain).metadata
    assert {key: meta[key] for key in ("commit", "branch", "remotes", "shallow", "git",
                                       "git_layout", "history_unavailable")} == {
        "commit": None, "branch": None, "remotes": {}, "shallow": None, "git": False,
        "git_layout": None, "history_unavailable": None}


def test_run_rule_directly_without_a_check(repo: Path) -> None:
    rule = load_catalogue().rules["roadmap-present"]
    ctx = Context(repo=open_repository(repo))
    result, found = _run_rule(rule, WARNING, None, ctx, Config())
    assert (result.rule, result.family, result.severity, result.status, found) == (
        "roadmap-present", "community", WARNING, Status.ERROR, [])
