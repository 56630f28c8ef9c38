# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""A run narrowed to a change (`options.diff_base`, staged files) and to new findings
(a baseline): what `opencheck check` and the CI integrations call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from opencheck import baseline as baselines
from opencheck import gitcmd
from opencheck.config import CONFIG_FILES, ConfigError
from opencheck.engine import RunRequest, UsageError, run, with_base, with_policy
from opencheck.errors import DiffError, OpencheckError
from opencheck.model import Finding, Report, Severity, Text, is_at_least
from opencheck.narrow import narrow
from opencheck.policy import choose_policy
from opencheck.repository import RepositoryError, checked_root

if TYPE_CHECKING:
    from opencheck.diffmode import Base, Scope

# The rules whose findings come from the blobs of the history (checks/secrets.py).
BLOB_HISTORY_RULES = frozenset({
    "secret-in-history", "sensitive-data-in-history", "artefact-in-history",
})
# The rules that judge a file against git (its tags, remotes or log): a tree written out
# of git has none, so the merge base cannot be judged by them. Their findings on changed
# files stay, and never make that tree be written.
GIT_RULES = frozenset({"publiccode-url", "publiccode-version", "readme-maintenance-status"})


def run_both(
    request: RunRequest, *, staged: bool = False, baseline: Path | None = None,
    whole: bool = True, whole_history: bool = True,
) -> tuple[Report, Report]:
    """The whole repository's report and the narrowed one, from a single run.

    Code scanning and Code Quality compare whole reports between branches themselves,
    so CI integrations upload the first and judge the change on the second. The change
    and the baseline are read before the run, so that a bad ref or file fails at once;
    every problem with them is a UsageError (exit code 2).

    Without `whole` (no report of the whole repository is written), a narrowed run reads
    the history for what the change brings only (`secrets/changescan.py`): the narrowed
    findings are the same, while the first report's history rules then describe the
    change, not the whole history.

    Without `whole_history`, the first report is the whole repository's but for the
    findings of the history's blobs, of which it keeps those the change brings, and
    none when no change is given (`change_history`): the history is then read as
    without `whole`. A merge request's whole report and the default branch's, both
    made so, hold the same findings of the history but the change's, which is what
    GitLab's Code Quality widget compares.
    """
    with gitcmd.one_configuration():  # read-only: git's configuration is read once
        whole_report, report, scope = _run_both(
            request, staged, baseline, whole and whole_history)
    if whole and not whole_history:
        whole_report = change_history(whole_report, scope)
    return whole_report, report


def change_history(whole: Report, scope: Scope | None) -> Report:
    """`whole` with, of the findings of the history's blobs, only those `scope` keeps
    (those of a commit of the change): none without a change."""

    def kept(finding: Finding) -> bool:
        if finding.rule not in BLOB_HISTORY_RULES:
            return True
        return scope is not None and scope.keeps(finding, whole.fail_on)

    return narrow(whole, kept, {"whole_history": "change"})


def _run_both(
    request: RunRequest, staged: bool, baseline: Path | None, whole_wanted: bool = True
) -> tuple[Report, Report, Scope | None]:
    if request.options.diff_base is not None and staged:
        raise UsageError(Text("--diff-base et --staged ne vont pas ensemble",
                              "--diff-base and --staged cannot be used together"))
    try:
        scope = None
        root = checked_root(request.path)
        # the base is resolved here, once: the run reads the policy from the same commit
        request = replace(request, options=with_base(root, request.options))
        # and the auditor's policy, once: the runs on the merge base's tree judge under it
        request = with_policy(root, request)
        base = request.options.base
        if base is not None or staged:
            from opencheck import diffmode  # merge-request mode, staged files

            scope = diffmode.since(root, base) if base is not None else diffmode.staged(root)
            if not whole_wanted:
                request = replace(request, options=replace(request.options,
                                                           change=scope.commits))
        known, source = None, str(baseline)
        if baseline is not None:
            known, source = _known(baseline, root, base)
    except (RepositoryError, DiffError, ConfigError, baselines.BaselineError) as error:
        raise UsageError(error.text) from error
    whole = report = run(request)
    if scope is not None:
        from opencheck import diffmode

        report = found_before(request, diffmode.restrict(report, scope), scope)
    if known is not None:
        report = baselines.only_new(report, known, source)
    return whole, report, scope


def found_before(request: RunRequest, report: Report, scope: Scope) -> Report:
    """The narrowed report without the findings of changed files that the merge base
    had already, at the same severity or above: a release's merge request that bumps the
    version in an invalid publiccode.yml is not blocked by what the file held before,
    and a typo fixed in an old file without a REUSE header does not show the header's
    warnings. A run of their rules on the merge base's files, written out of git
    (`basetree`), tells which; what it cannot judge stays. The values and dependencies
    that diffmode judges by themselves, the secret files whose bytes are their finding,
    and the history's findings, which name their commit, are left to it; the findings
    of GIT_RULES stay.

    A finding whose severity the change raised stays (a notice of the base that is now
    a warning, a warning that now blocks); so does a new file's, and a new problem of an
    old file, whose fingerprint (rule, file, subject) the base did not have. Hidden
    findings are counted in `metadata.diff`: `found_before` those that would block,
    `warnings_before` those below the failure threshold."""
    from opencheck import diffmode

    if scope.root is None or not scope.merge_base:
        return report
    suspects = [finding for finding in report.findings
                if finding.path is not None and finding.path in scope.paths
                and finding.rule not in diffmode.JUDGED_RULES
                and finding.rule not in diffmode.CONTENT_RULES
                and finding.rule not in BLOB_HISTORY_RULES
                and finding.rule not in GIT_RULES
                and not finding.extra.get("commit")]
    if not suspects:
        return report
    known = _severities_before(request, scope.root, scope.merge_base, suspects)
    hidden = [finding for finding in suspects
              if _had(known.get(finding.fingerprint), finding, report.fail_on)]
    if not hidden:
        return report
    blocking = sum(1 for finding in hidden if is_at_least(finding.severity, report.fail_on))
    diff = dict(report.metadata.get("diff") or {})
    if blocking:
        diff["found_before"] = blocking
    if len(hidden) > blocking:
        diff["warnings_before"] = len(hidden) - blocking
    diff["hidden_findings"] = int(diff.get("hidden_findings") or 0) + len(hidden)
    gone = {id(finding) for finding in hidden}
    return narrow(report, lambda finding: id(finding) not in gone, {"diff": diff})


def _had(before: Severity | None, finding: Finding, fail_on: Severity) -> bool:
    """Whether the merge base had the finding at its severity: one that blocks now must
    have blocked there (a warning of the base that the change makes block is the
    change's, whatever the two severities)."""
    if before is None or finding.severity is None:
        return False
    wanted = min(finding.severity.rank, fail_on.rank)
    return before.rank >= wanted


def _severities_before(request: RunRequest, root: Path, commit: str,
                       suspects: list[Finding]) -> dict[str, Severity]:
    """The merge base's findings of the suspects' rules: fingerprint -> severity. The
    per-file REUSE rules and the README's and changelog's are run on the few files
    their verdicts read (`reuseinputs`, `facts.community_place`), the README's links and
    the changelog's tags on those, the base's listing and the checkout's tags
    (`facts.LISTING_RULES`), the other rules on the whole tree, each only when a
    suspect needs it."""
    from opencheck import basetree, reuseinputs
    from opencheck.community.facts import DOCUMENT_RULES, LISTING_RULES, community_place

    listed = basetree.listing(root, commit)
    if listed is None:
        return {}
    # a file the merge base did not have is the change's, with all its findings
    there = {path for path, _oid, _size in listed}
    suspects = [finding for finding in suspects if finding.path in there]
    on_listing = _rules([finding for finding in suspects if finding.rule in LISTING_RULES])
    on_files = _rules([finding for finding in suspects if finding.rule not in LISTING_RULES])
    runs = [(rules, listing) for rules, listing in ((on_files, False), (on_listing, True))
            if rules]
    few = reuseinputs.FILE_RULES | DOCUMENT_RULES | LISTING_RULES
    if any(finding.rule not in few for finding in suspects):
        # the whole tree written once: the few files' rules run on it too (those of
        # the listing apart, given the checkout's tags)
        return _findings_at(request, root, commit, runs, listed)
    reuse = {finding.path for finding in suspects
             if finding.rule in reuseinputs.FILE_RULES and finding.path is not None}
    documents = any(finding.rule in DOCUMENT_RULES | LISTING_RULES for finding in suspects)
    if not (reuse or documents):
        return {}
    reuse_input = reuseinputs.judged_from(reuse)

    def wanted(path: str) -> bool:
        return (path in _POLICY_FILES or (bool(reuse) and reuse_input(path))
                or (documents and community_place(path)))

    return _findings_at(request, root, commit, runs, listed, wanted)


# The project's policy files, written with the few files a REUSE verdict reads: a run
# whose policy is the work tree's (`--staged`) reads them from the scratch folder, and
# its exclusions and settings (`reuse: include_submodules`) judge the base's files as
# they judged the change's.
_POLICY_FILES = frozenset({*CONFIG_FILES, "pyproject.toml"})


def _rules(findings: list[Finding]) -> tuple[str, ...]:
    return tuple(sorted({finding.rule for finding in findings}))


def _findings_at(request: RunRequest, root: Path, commit: str,
                 runs: list[tuple[tuple[str, ...], bool]],
                 listed: list[tuple[str, str, int]],
                 wanted: Callable[[str], bool] | None = None) -> dict[str, Severity]:
    """The fingerprints of the findings of each run's rules on the checked folder as
    `commit` has it (of its files, `listed`, those `wanted` accepts, or all), with their
    severities, without its history nor the network; none when the tree cannot be
    written or judged. A run marked with its listing sees every file `listed` names,
    though only the wanted ones are written (the README's links ask for names alone),
    and the checkout's tags (the changelog's versions are asked of them).
    The tree is judged under the policy that judges the change (the base's): a pinned
    `--config` file the change's commits hold, read from the work tree there, was the
    change's to write (`fail-on: warning` made every warning of the merge base a
    blocking finding it had already)."""
    from opencheck import basetree, usercache

    options = replace(request.options, history=False, network=False, diff_base=None,
                      base=None, change=None)
    try:
        policy = choose_policy(root, request.config_file, request.options.base)
    except (OpencheckError, OSError):
        return {}
    names = [(path, size) for path, _oid, size in listed]
    known: dict[str, Severity] = {}
    with basetree.written(root, commit, wanted, listed) as tree, \
            usercache.checked_tree_kept():
        if tree is None:
            return {}
        for rules, listing in runs:
            try:
                before = run(replace(request, path=tree, only_rules=rules, options=options,
                                     policy=policy, listing=names if listing else None,
                                     tags_from=root if listing else None))
            except (OpencheckError, OSError):
                return {}
            for finding in before.findings:
                held = known.get(finding.fingerprint)
                if finding.severity is not None and (held is None
                                                     or finding.severity.rank > held.rank):
                    known[finding.fingerprint] = finding.severity
    return known


def _known(baseline: Path, root: Path, base: Base | None) -> tuple[frozenset[str], str]:
    """The baseline's fingerprints. In merge-request mode a baseline kept in the
    repository is read from the base revision: the change could otherwise add its own
    new findings to it and hide them, as it could with `.opencheck.yml`. The repository
    is the checkout the scanned folder lies in: with a subfolder checked (the Action's
    `path`), a baseline at the checkout's top is the change's to write too."""
    if base is None:
        return baselines.load(baseline), str(baseline)
    from opencheck import diffmode  # a base revision: merge-request mode

    found = diffmode.in_checkout(baseline, root)
    if found is None:
        return baselines.load(baseline), str(baseline)
    where, inside = found
    try:
        raw = diffmode.config_reader(where, base.commit, baselines.MAX_SIZE)(inside)
    except OSError as error:
        raise baselines.BaselineError(Text(
            f"impossible de lire {inside} dans {base.ref} : {error.strerror or error}",
            f"cannot read {inside} in {base.ref}: {error.strerror or error}",
        )) from error
    source = f"{inside} ({base.label})"
    return (frozenset() if raw is None else baselines.parse(raw, source)), source
