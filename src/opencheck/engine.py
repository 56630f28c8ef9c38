# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Runs the checks of a profile on a repository snapshot and builds the Report."""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from opencheck import __version__, gitcmd
from opencheck import tagsahead as _tags_ahead  # noqa: F401  (its starter, registered first)
from opencheck.auditpolicy import (
    Applied,
    AuditPolicy,
    allow_comments_set_aside,
    apply,
    policy_file,
    takes_allow_comments,
)
from opencheck.auditpolicy import metadata as policy_metadata
from opencheck.catalogue import DEFAULT_PROFILE, Catalogue, Profile, Rule, load_catalogue
from opencheck.config import Config, ConfigError, load_config
from opencheck.errors import DiffError, OpencheckError, did_you_mean, joined
from opencheck.model import Finding, Report, RuleResult, Severity, Status, Text, is_at_least
from opencheck.policy import Policy, choose_policy
from opencheck.registry import (
    BY_BASELINE,
    BY_COMMENT,
    WAIVED,
    CheckFunction,
    Context,
    Options,
    Skip,
    Unjudged,
    all_checks,
    checks_of,
    scorers_of,
)
from opencheck.repository import (
    Repository,
    RepositoryError,
    checked_root,
    exclusion,
    open_repository,
)
from opencheck.scoring import readiness_score
from opencheck.secrets import logahead as _log_ahead  # noqa: F401  (the history log's starter)
from opencheck.urls import redact_text
from opencheck.verdict import Overridden, Relaxed, judge


@dataclass
class RunRequest:
    path: str | Path = "."
    profile: str | None = None
    fail_on: Severity | None = None
    options: Options = field(default_factory=Options)
    only_rules: tuple[str, ...] = ()
    config_file: Path | None = None  # --config: pins the configuration
    # --policy: the auditor's, over the repository's configuration (`auditpolicy.py`)
    audit: AuditPolicy | None = None
    policy_file: Path | None = None  # --policy FILE, read once by the run (`with_policy`)
    # --policy-base: the revision whose copy of a committed policy file is read (CI on a
    # merge request judged whole: the base branch's, not the change's)
    policy_base: str | None = None
    # the policy chosen already, for a run on another tree judged as the first was
    # (`scoped.found_before`: the merge base's files written into a scratch folder)
    policy: Policy | None = None
    # the tree's files (path, size) when the folder holds only some of them: the merge
    # base's listing, its few files a rule reads written (`scoped.found_before`)
    listing: Sequence[tuple[str, int]] | None = None
    # with `listing`: the checkout whose tags judge the tree (the merge base's changelog
    # against today's tags, which are no part of a change)
    tags_from: Path | None = None


class UsageError(OpencheckError):
    """Bad input from the user: exit code 2."""


def with_base(root: Path, options: Options) -> Options:
    """The options with `--diff-base` resolved (DiffError when it cannot be): once per
    run, by whoever reads it first; what follows reads that one commit."""
    if options.diff_base is None or options.base is not None:
        return options
    from opencheck import diffmode  # merge-request mode only

    return replace(options, base=diffmode.resolve_base(root, options.diff_base))


def run(request: RunRequest) -> Report:
    return run_context(request)[0]


def run_context(request: RunRequest) -> tuple[Report, Context]:
    """The report and the run's context: its snapshot (files read once, git metadata)
    and the shared analyses, for a command that goes on from the report (`fix`)."""
    # A check writes nothing into git's configuration: its filter drivers are read once.
    with gitcmd.one_configuration():
        return _run(request)


def _run(request: RunRequest) -> tuple[Report, Context]:
    started = time.monotonic()
    try:
        root = checked_root(request.path)
    except RepositoryError as error:
        raise UsageError(error.text) from error
    catalogue = load_catalogue()  # after: its cache folder is never in the checked tree
    try:
        options = with_base(root, request.options)
        policy = request.policy or choose_policy(root, request.config_file, options.base)
        config, applied = _configuration(request, root, options, catalogue, policy)
    except (ConfigError, RepositoryError, DiffError) as error:
        raise UsageError(error.text) from error
    profile_name = request.profile or config.profile or DEFAULT_PROFILE
    if profile_name not in catalogue.profiles:
        raise UsageError(joined(
            Text("profil inconnu", "unknown profile"), f" '{profile_name}'",
            did_you_mean(profile_name, catalogue.profiles),
        ))
    profile = catalogue.profiles[profile_name]
    fail_on = request.fail_on or config.fail_on or profile.fail_on
    try:
        repo = open_repository(root, exclude=config.exclude, listed=request.listing,
                               tags_from=request.tags_from)
    except RepositoryError as error:
        raise UsageError(error.text) from error
    if applied is not None and not takes_allow_comments(applied.policy):
        options = replace(options, allow_comments=False)
    ctx = Context(repo=repo, options=options, settings=config.settings)
    rules = catalogue.rules_of(profile)
    if applied is not None:  # an enforced rule runs whatever the profile
        rules += [rule for rule in catalogue.rules.values()
                  if rule.id in applied.policy.enforce and rule not in rules]
    if request.only_rules:
        # A mistyped --rule would otherwise run nothing, or less than asked, and report
        # "ready". A pattern may name rules outside the profile (one CI variable for
        # several profiles), but not none at all, and something must be left to run.
        every = list(catalogue.rules.values())
        for pattern in request.only_rules:
            if not any(_selected(rule, (pattern,)) for rule in every):
                raise UsageError(joined(
                    Text("--rule ", "--rule "), f"'{pattern}'",
                    Text(" ne désigne aucune règle", " matches no rule"),
                    did_you_mean(pattern, [rule.id for rule in every]),
                ))
        rules = [rule for rule in rules if _selected(rule, request.only_rules)]
        if not rules:
            raise UsageError(Text(
                f"aucune des règles demandées par --rule n'est dans le profil {profile.name}",
                f"none of the rules asked with --rule is in profile {profile.name}",
            ))
    # Narrowed by --rule: only the selected families' modules are imported, and the
    # scores made from no selected family are not computed.
    families = {rule.family for rule in rules} if request.only_rules else None
    # the families whose rules run read the tree once together (`Context.read_tree`)
    ctx.families = frozenset(rule.family for rule in rules if rule.id not in config.disable)
    ctx.runs = frozenset(rule.id for rule in rules if rule.id not in config.disable)
    try:
        # work the analyses read later (a git) starts now, on a core the rules leave
        # idle; stopped whatever ends the run, an interrupt while starting it included:
        # first what the starters registered so far start (the tags', `tagsahead.py`),
        # while the families are imported, then the families' own
        ctx.start_ahead()
        checks = (all_checks() if families is None
                  else checks_of(families, [rule.id for rule in rules]))
        scoring = scorers_of(families)
        ctx.runs |= {name for name, scorer in scoring.items() if scorer is not None}
        setup_seconds = round(time.monotonic() - started, 3)
        ctx.start_ahead()
        results, findings, rule_seconds = _run_rules(rules, checks, ctx, config, profile)
        findings.sort(key=_finding_order)
        set_aside = ctx.metadata.pop("allow_comments_set_aside", 0)
        if applied is not None and set_aside:
            applied.overrides.append(allow_comments_set_aside(set_aside))
        waived = ctx.metadata.pop(WAIVED, {})
        relaxed = _relaxed(request, config, applied, rules, profile, fail_on, catalogue,
                           waived.get(BY_BASELINE), waived.get(BY_COMMENT))
        policy_said = policy_metadata(applied) if applied is not None else None
        verdict, reason = judge(findings, results, fail_on, relaxed,
                                Overridden.from_metadata(policy_said, config.source))
        detail = readiness_score(results, findings, verdict, fail_on)
        score = detail.value
        scores: dict[str, object] = {"opencheck": score}
        scoring_started = time.perf_counter()
        for name, scorer in scoring.items():
            if scorer is None:
                scores[name] = _not_computed()
                continue
            try:
                scores[name] = scorer(ctx, results)
            except Exception as error:  # a broken score never hides the report
                scores[name] = {"error": f"{type(error).__name__}: {error}"}
    finally:
        ctx.close_ahead()
    report = Report(
        root=str(repo.root),
        verdict=verdict,
        reason=reason,
        score=score,
        profile=profile.name,
        fail_on=fail_on,
        opencheck_version=__version__,
        findings=findings,
        rules=results,
        scores=scores,
        metadata={
            **_metadata(repo, config, started),
            **policy.metadata(),
            **ctx.metadata,
            "config_relaxed": relaxed.as_dict() if relaxed else None,
            "policy": policy_said,
            "timings": {
                "setup": setup_seconds,
                "rules": rule_seconds,
                "analyses": dict(ctx.timings),
                "scores": round(time.perf_counter() - scoring_started, 3),
            },
        },
        score_detail=detail,
    )
    return report, ctx


def _run_rules(rules: list[Rule], checks: dict[str, CheckFunction], ctx: Context,
               config: Config, profile: Profile
               ) -> tuple[list[RuleResult], list[Finding], dict[str, float]]:
    """Each rule's result and findings, in the profile's order, and its seconds."""
    findings: list[Finding] = []
    results: list[RuleResult] = []
    rule_seconds: dict[str, float] = {}
    for rule in rules:
        severity = config.severity.get(rule.id) or profile.severity.get(rule.id) or rule.severity
        if rule.id in config.disable:
            results.append(
                RuleResult(rule.id, rule.family, severity, Status.SKIPPED,
                           disabled_reason=config.disable[rule.id])
            )
            continue
        rule_started = time.perf_counter()
        result, found = _run_rule(rule, severity, checks.get(rule.id), ctx, config)
        rule_seconds[rule.id] = round(time.perf_counter() - rule_started, 3)
        results.append(result)
        findings.extend(found)
    return results, findings, rule_seconds


@dataclass(frozen=True)
class Expected:
    """The profile a run would have had without the configuration's `profile`, and its
    rules (narrowed by `--rule` as the run's are)."""

    profile: Profile
    rules: list[Rule]


def with_policy(root: Path, request: RunRequest) -> RunRequest:
    """The request with `--policy FILE` read (ConfigError, DiffError when it cannot be):
    once per run, before the runs on other trees it leads to (`scoped.found_before`),
    which judge under the same policy. A policy file the checkout's commits hold is
    read as the base has it: `--policy-base`, else the resolved `--diff-base`."""
    if request.policy_file is None or request.audit is not None:
        return request
    audit = policy_file(request.policy_file, root, request.options.base, load_catalogue(),
                        request.policy_base)
    return replace(request, audit=audit)


def _configuration(request: RunRequest, root: Path, options: Options, catalogue: Catalogue,
                   policy: Policy) -> tuple[Config, Applied | None]:
    """The configuration that judges the run: the repository's, or under an auditor's
    policy what it allows of it. Under a policy, a repository's configuration that
    cannot be read is set aside (and said so), rather than sparing it the audit."""
    # before the repository's configuration: a policy that cannot be read stops the
    # run (exit 2) whatever the repository holds
    audit = request.audit or with_policy(root, replace(request, options=options)).audit
    try:
        config = load_config(root, catalogue, policy.reader, policy.where)
        unreadable = None
    except ConfigError as error:
        if audit is None:
            raise
        config, unreadable = Config(), error.text
    if audit is None:
        return config, None
    applied = apply(audit, config, catalogue, profile=request.profile,
                    fail_on=request.fail_on, unreadable=unreadable)
    return applied.config, applied


def _relaxed(request: RunRequest, config: Config, applied: Applied | None,
             rules: list[Rule], profile: Profile, fail_on: Severity, catalogue: Catalogue,
             hidden: Mapping[str, int] | None,
             commented: Mapping[str, int] | None = None) -> Relaxed:
    """What the repository's own configuration relaxed, of what applies of it (all of
    it without a policy): a profile it chose is judged against the one the command, or
    the policy, would have run; `deps-non-free` blocks in dinum, not in minimal."""
    own = applied.honoured if applied is not None else config
    default = (applied.policy.own.profile if applied is not None else None) or DEFAULT_PROFILE
    expected = profile if request.profile or not own.profile else catalogue.profiles[default]
    expected_rules = rules if expected is profile else [
        rule for rule in catalogue.rules_of(expected)
        if not request.only_rules or _selected(rule, request.only_rules)]
    threshold = request.fail_on or (applied.threshold if applied else None) or expected.fail_on
    if applied is not None:
        # what blocks before the repository's say is what the policy made of the profile
        judged = _under_policy(applied.policy, profile, rules)
        expected = judged if expected is profile else \
            _under_policy(applied.policy, expected, expected_rules)
        profile = judged
    return relaxed_by(own, rules, profile, threshold, fail_on, hidden,
                      Expected(expected, expected_rules), commented)


def _under_policy(policy: AuditPolicy, profile: Profile, rules: list[Rule]) -> Profile:
    """`profile` with the severities the policy sets: its own, and its enforced floors."""
    severity = {**profile.severity, **policy.own.severity}
    for rule in rules:
        floor = policy.enforce.get(rule.id)
        if floor is not None:
            base = severity.get(rule.id) or rule.severity
            severity[rule.id] = floor if floor.rank > base.rank else base
    return replace(profile, severity=severity)


def relaxed_by(config: Config, rules: list[Rule], profile: Profile,
               threshold: Severity, fail_on: Severity,
               hidden: Mapping[str, int] | None = None,
               expected: Expected | None = None,
               commented: Mapping[str, int] | None = None) -> Relaxed:
    """What `config` relaxed of the rules that block at `threshold` (the command's or
    the profile's, not the configuration's): the ones it turns off or lowers under it
    (or, through a profile it chose, leaves out or lowers where the `expected` profile
    blocks), the run's threshold `fail_on` when the configuration raised it, the path
    globs it leaves out of those still blocking, the findings of theirs its baseline
    hid (`hidden`, per rule) or the repository's `opencheck: allow` comments cleared
    (`commented`; both from `registry.WAIVED`), the project's licence it sets for the
    dependency rules and the holders whose files it takes for the project's."""
    expected = expected or Expected(profile, rules)
    chosen = {rule.id for rule in rules}
    blocking = [rule for rule in expected.rules if is_at_least(
        expected.profile.severity.get(rule.id) or rule.severity, threshold)]
    lowered = [
        rule.id for rule in blocking
        if rule.id in config.disable or rule.id not in chosen or not is_at_least(
            config.severity.get(rule.id) or profile.severity.get(rule.id) or rule.severity,
            threshold)]
    kept = [rule for rule in blocking if rule.id not in lowered]
    raised = fail_on if fail_on.rank > threshold.rank else None
    paths = list(config.exclude) if kept else []
    if any(rule.family == "secrets" for rule in kept):
        allowed = (config.settings.get("secrets") or {}).get("allow_paths")
        if isinstance(allowed, list):
            paths += [path for path in allowed if isinstance(path, str)]
    kept_ids = {rule.id for rule in kept}
    hid = sum(count for rule, count in (hidden or {}).items() if rule in kept_ids)
    cleared = sum(count for rule, count in (commented or {}).items() if rule in kept_ids)
    # the licence the dependency rules judge against, which the files declare otherwise
    # (`deps-incompatible` beside an Apache-2.0 LICENSE gone with GPL-2.0-only set here)
    # and the holders whose files it takes for the project's (copied code no more)
    licence: str | None = None
    holders: tuple[str, ...] = ()
    if any(rule.family == "dependencies" for rule in kept):
        dependencies = config.settings.get("dependencies")
        dependencies = dependencies if isinstance(dependencies, dict) else {}
        set_here = dependencies.get("project_licence")
        licence = str(set_here) if set_here else None
        listed = dependencies.get("copyright_holders")
        if isinstance(listed, list):
            holders = tuple(dict.fromkeys(str(holder) for holder in listed if holder))
    return Relaxed(tuple(lowered), raised, config.source, tuple(dict.fromkeys(paths)), hid,
                   profile.name if profile is not expected.profile else None, cleared,
                   licence, holders)


def _not_computed() -> dict[str, object]:
    """A score of another referential in a run narrowed by --rule to none of the
    families it is made from: said so, rather than computed for nothing."""
    return {
        "ran": False,
        "summary": {
            "fr": "non calculé : --rule n'a retenu aucune règle des familles dont il est fait",
            "en": "not computed: --rule selected no rule of the families it is made from",
        },
    }


def _selected(rule: Rule, patterns: tuple[str, ...]) -> bool:
    return any(
        fnmatch.fnmatchcase(rule.id, pattern)
        or fnmatch.fnmatchcase(f"family:{rule.family}", pattern)
        for pattern in patterns
    )


def _run_rule(
    rule: Rule,
    severity: Severity,
    function: CheckFunction | None,
    ctx: Context,
    config: Config,
) -> tuple[RuleResult, list[Finding]]:
    if function is None:
        reason = Text(fr="aucune vérification n'implémente cette règle",
                      en="no check implements this rule")
        return RuleResult(rule.id, rule.family, severity, Status.ERROR, reason=reason), []
    excluded = exclusion(tuple(config.exclude))
    try:
        found = [f for f in function(ctx) if f.path is None or not excluded(f.path)]
    except Skip as skip:
        return RuleResult(rule.id, rule.family, severity, Status.SKIPPED, reason=skip.reason), []
    except Unjudged as unjudged:
        return RuleResult(rule.id, rule.family, severity, Status.ERROR,
                          reason=unjudged.reason), []
    except Exception as error:
        import traceback  # only when a rule fails

        where = traceback.extract_tb(error.__traceback__)[-1]
        detail = redact_text(
            f"{type(error).__name__}: {error} ({Path(where.filename).name}:{where.lineno})")
        analysis = ctx.failed_analysis(error)
        if analysis is None:
            reason = Text(fr=f"la vérification a échoué : {detail}",
                          en=f"the check failed: {detail}")
        else:  # read once, failed once: every rule built on it says the same
            reason = Text(fr=f"l'analyse partagée « {analysis} » a échoué : {detail}",
                          en=f"the shared analysis '{analysis}' failed: {detail}")
        return RuleResult(rule.id, rule.family, severity, Status.ERROR, reason=reason), []
    overridden = rule.id in config.severity
    cleaned: dict[int, Text] = {}  # a text many findings share is cleaned once
    for finding in found:
        # a message may quote a URL of the repository's (a logo, a link, a requirement)
        finding.message = _without_credentials(finding.message, cleaned)
        if finding.fix is not None:
            finding.fix = _without_credentials(finding.fix, cleaned)
        finding.family = rule.family
        if overridden or finding.severity is None:
            finding.severity = severity
        if finding.fix is None:
            finding.fix = rule.fix
    status = Status.FAILED if found else Status.PASSED
    return RuleResult(rule.id, rule.family, severity, status, findings=len(found)), found


def _without_credentials(text: Text, cleaned: dict[int, Text]) -> Text:
    """`text` with the credentials of the URLs it quotes masked (the same object when
    it quotes none: a fix text is shared by many findings). `cleaned` keeps the answer
    for each text object of a rule's findings, alive while they are: the REUSE fix of a
    copy's folder, with its `path = ...`, is one text for thousands of files."""
    done = cleaned.get(id(text))
    if done is not None:
        return done
    both = text.fr + text.en  # an EndingText joins its parts at each read
    if "://" not in both and "=" not in both:
        answer = text
    else:
        fr, en = redact_text(text.fr), redact_text(text.en)
        answer = text if (fr, en) == (text.fr, text.en) else Text(fr=fr, en=en)
    if type(text) is Text:  # an EndingText is one finding's own
        cleaned[id(text)] = answer
    return answer


def _finding_order(finding: Finding) -> tuple[int, str, str, str, int]:
    rank = finding.severity.rank if finding.severity else 0
    return (-rank, finding.family, finding.rule, finding.path or "", finding.line or 0)


def _metadata(repo: Repository, config: Config, started: float) -> dict[str, object]:
    git = repo.git
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_seconds": round(time.monotonic() - started, 3),
        "files": len(repo.files),
        "config": config.source,
        "commit": git.head if git else None,
        "branch": git.branch if git else None,
        "remotes": dict(git.remotes) if git else {},
        "shallow": git.shallow if git else None,
        "git": git is not None,
        "git_layout": git.layout.describe() if git and git.layout else None,
        "history_unavailable": (
            git.objects_unavailable.en if git and git.objects_unavailable else None
        ),
    }

