# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Bugs planted by hand outside the mutation scope, one at a time, in a copy of the code.

    .venv/bin/python benchmarks/planted_bugs.py [NAME...]

Each plant is one change a careless edit could make to a module that decides what a
user sees (the git guard, merge-request scope, masking, allow-lists, licence
identification, REUSE compliance, the batch's resumption...). The copy is `git archive
HEAD` in a temporary folder; the tests named for the plant run there against the
planted code; a plant that no test notices is a gap (benchmarks/planted_bugs.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# (name, file, text to replace, replacement, tests to run)
PLANTS: list[tuple[str, str, str, str, str]] = [
    (
        'replace-objects',
        'src/opencheck/gitcmd.py',
        '    "GIT_NO_REPLACE_OBJECTS": "1",\n',
        '',
        'tests/hostile',
    ),
    (
        'mr-project-any-severity',
        'src/opencheck/diffmode.py',
        'return self.project_level and is_at_least(finding.severity, fail_on)',
        'return self.project_level',
        'tests/test_diffmode.py',
    ),
    (
        'mr-folder-findings',
        'src/opencheck/diffmode.py',
        'return finding.path in self.paths or finding.path.rstrip("/") in self._folders',
        'return finding.path in self.paths',
        'tests/test_diffmode.py',
    ),
    (
        'fingerprint-from-message',
        'src/opencheck/model.py',
        'self.key or self.message.en',
        'self.message.en',
        'tests/test_json_v2.py tests/test_diffmode.py tests/test_engine.py tests/test_report_ci.py',
    ),
    (
        'html-attr-quote',
        'src/opencheck/report/html.py',
        'quote=True',
        'quote=False',
        'tests/test_report_html.py tests/hostile',
    ),
    (
        'follow-symlinks',
        'src/opencheck/safefile.py',
        '_FLAGS | getattr(os, "O_NOFOLLOW", 0)',
        '_FLAGS',
        'tests/hostile tests/test_repository.py',
    ),
    (
        'history-newest-commit',
        'src/opencheck/secrets/history.py',
        'found[oid.decode("ascii")] = _introduction(header, path)',
        'found.setdefault(oid.decode("ascii"), _introduction(header, path))',
        'tests/test_secrets_history.py tests/test_history_rules.py',
    ),
    (
        'allow-folder-substring',
        'src/opencheck/secrets/allow.py',
        'if pattern.endswith("/") and (path + "/").startswith(pattern):',
        'if pattern.endswith("/") and pattern.rstrip("/") in path:',
        'tests/test_secrets_precision.py tests/test_secrets_detectors.py '
        'tests/test_secrets_history.py tests/test_config.py',
    ),
    (
        'copyleft-in-weak-ok',
        'src/opencheck/deps/compat.py',
        'if category in COPYLEFT and project_category in (PERMISSIVE, WEAK):',
        'if category in COPYLEFT and project_category == PERMISSIVE:',
        'tests/test_deps_checks.py tests/test_deps_cli.py tests/test_deps_vendored.py',
    ),
    (
        'disable-ignored-for-severity',
        'src/opencheck/engine.py',
        '        if rule.id in config.disable:\n',
        '        if rule.id in config.disable and rule.severity != Severity.ERROR:\n',
        'tests/test_config.py tests/test_engine.py tests/test_engine_run.py',
    ),
    (
        'iban-checksum',
        'src/opencheck/secrets/detectors.py',
        'return int(digits) % 97 == 1',
        'return int(digits) % 97 in (0, 1)',
        'tests/test_secrets_detectors.py tests/test_secrets_precision.py',
    ),
    (
        'secret-cap-60',
        'src/opencheck/scoring.py',
        '"secret": Cap(30,',
        '"secret": Cap(60,',
        'tests/test_score.py tests/test_scores.py',
    ),
    (
        'bidi-not-escaped',
        'src/opencheck/report/sanitize.py',
        '_FORMAT = "\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff"',
        '_FORMAT = "\\u061c\\u200b-\\u200f\\u2060-\\u2064\\ufeff"',
        'tests/hostile/test_output_injection.py tests/hostile/test_output_names.py',
    ),
    (
        'query-token-kept',
        'src/opencheck/urls.py',
        '    if "@" not in parts.netloc:\n        return _redact_query(url)',
        '    if "@" not in parts.netloc:\n        return url',
        'tests/hostile/test_url_redaction.py tests/test_batch_sources.py',
    ),
    (
        'merges-counted-for-signoff',
        'src/opencheck/community/history.py',
        '    if len(parents.split()) > 1:\n        return',
        '    if len(parents.split()) > 2:\n        return',
        'tests/test_history_rules.py',
    ),
    (
        'noreply-not-generic',
        'src/opencheck/community/history.py',
        '("noreply", "no-reply", "donotreply", "do-not-reply")',
        '("no-reply", "donotreply", "do-not-reply")',
        'tests/test_history_rules.py',
    ),
    (
        'config-severity-precedence',
        'src/opencheck/engine.py',
        'severity = config.severity.get(rule.id) or profile.severity.get(rule.id) or rule.severity',
        'severity = profile.severity.get(rule.id) or config.severity.get(rule.id) or rule.severity',
        'tests/test_config.py tests/test_engine_run.py tests/test_engine.py',
    ),
    (
        'reuse-unused-licence-ok',
        'src/opencheck/reuse_adapter.py',
        'or self.missing_licences or self.unused_licences or self.read_errors',
        'or self.missing_licences or self.read_errors',
        'tests/test_reuse.py tests/test_reuse_bytes.py',
    ),
    (
        'predictable-too-eager',
        'src/opencheck/secrets/nonsecret.py',
        'if sum(covered) >= 0.6 * len(text):',
        'if sum(covered) >= 0.3 * len(text):',
        'tests/test_secrets_precision.py tests/test_secrets_detectors.py '
        'tests/test_secrets_history.py',
    ),
    (
        'npm-dev-ignored',
        'src/opencheck/deps/npm.py',
        'if entry.get("dev") or entry.get("devOptional"):',
        'if entry.get("devOptional"):',
        'tests/test_deps_ecosystems.py tests/test_deps_checks.py',
    ),
    (
        'licence-text-threshold',
        'src/opencheck/licensing/identify.py',
        'TEXT_THRESHOLD = 0.80',
        'TEXT_THRESHOLD = 0.60',
        'tests/test_wording.py',
    ),
    (
        'batch-resume-redoes',
        'src/opencheck/batch/orchestrate.py',
        '            if target.key in done:\n                continue\n',
        '',
        'tests/test_batch_interrupt.py tests/test_batch_run.py',
    ),
]


def copy_of_head(folder: Path) -> None:
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD"], check=True,
                             capture_output=True).stdout
    archive_path = folder / "head.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(folder / "src-copy", filter="data")


def plant(root: Path, name: str, path: str, old: str, new: str, tests: str) -> str:
    target = root / path
    original = target.read_text(encoding="utf-8")
    if original.count(old) != 1:
        return f"{name}: the text to replace is found {original.count(old)} times: skipped"
    target.write_text(original.replace(old, new), encoding="utf-8")
    try:
        started = time.monotonic()
        env = {**os.environ, "PYTHONPATH": str(root / "src")}
        # A folder of its own for pytest's temporary files: the cleanup of other runs'
        # folders must not decide the outcome.
        run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                              "no:cacheprovider", f"--basetemp={root.parent / 'tmp'}",
                              *tests.split()],
                             cwd=root, capture_output=True, text=True, env=env, check=False)
        failed = [line for line in run.stdout.splitlines()
                  if line.startswith(("FAILED", "ERROR"))][:1]
        # pytest's exit code 1 is "tests failed"; anything else is no verdict.
        verdict = {0: "SURVIVED", 1: "killed"}.get(run.returncode,
                                                    f"no verdict (pytest exit {run.returncode})")
        return f"{name}: {verdict} ({time.monotonic() - started:.0f} s) {' '.join(failed)}"
    finally:
        target.write_text(original, encoding="utf-8")


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="opencheck-plants-") as folder:
        copy_of_head(Path(folder))
        root = Path(folder) / "src-copy"
        for name, path, old, new, tests in PLANTS:
            if not names or name in names:
                print(plant(root, name, path, old, new, tests), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
