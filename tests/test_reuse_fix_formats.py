# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The `reuse annotate` command of each file without headers reads whole, its path
quoted as the shell needs it, in every format, in French and English, and after a
batch worker has handed the report over (pickled)."""

from __future__ import annotations

import html
import json
import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, findings_of, run_cli
from opencheck.engine import RunRequest, run
from opencheck.registry import Options
from opencheck.report import renderers

HOUSE = {k: v for k, v in COMPLETE_HOUSE.items() if k != "REUSE.toml"}
FORMATS = ["text", "json", "markdown", "sarif", "codequality", "junit", "html"]
# REUSE-IgnoreStart
ONLY_COPYRIGHT = "# SPDX-FileCopyrightText: 2026 DINUM\nX = 1\n"
# REUSE-IgnoreEnd


def _commands(lang: str) -> list[str]:
    year = datetime.now(UTC).year
    run_, holder = ("Lancez : ", "Titulaire lu dans LICENSE. ") if lang == "fr" else (
        "Run: ", "Holder read in LICENSE. ")
    both = f'{holder}{run_}reuse annotate --copyright "{year} DINUM" --license MIT ' \
        "--fallback-dot-license"
    return [
        f"{both} src/plain.py",
        f"{both} 'src/with space.py'",
        f"{both} ./-rf",  # never read as an option
        f"{run_}reuse annotate --license MIT --fallback-dot-license src/nolicence.py",
    ]


@pytest.fixture
def repo(make_repo: RepoFactory) -> Path:
    return make_repo({**HOUSE, "src/plain.py": "X = 1\n", "src/with space.py": "X = 1\n",
                      "-rf": "named like an option\n",
                      "src/nolicence.py": ONLY_COPYRIGHT})


def _readable(output: str, fmt: str) -> str:
    """The output with its format's escapes undone, as its reader shows it."""
    if fmt == "json":  # what share a rule's findings is written once: read them back
        return "\n".join(f["fix"] or "" for f in findings_of(json.loads(output)))
    if fmt in ("sarif", "codequality"):
        return json.dumps(json.loads(output), ensure_ascii=False).replace('\\"', '"')
    if fmt in ("html", "junit"):
        return html.unescape(output)
    return output


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_each_file_s_command_is_written_whole(repo: Path, fmt: str, lang: str) -> None:
    result = run_cli("check", str(repo), "--no-history", "--rule", "family:reuse", "--all",
                     "--format", fmt, "--lang", lang)
    assert result.exit_code in (0, 1), result.output
    shown = _readable(result.stdout, fmt)
    for command in _commands(lang):
        assert command in shown, (fmt, lang, command)


def test_a_pickled_report_renders_the_same(repo: Path) -> None:
    # a batch worker hands its report to the parent pickled (batch/isolate.py)
    report = run(RunRequest(path=repo, options=Options(history=False),
                            only_rules=("family:reuse",)))
    fixes = {f.fix.get(lang) for f in report.findings if f.fix for lang in ("fr", "en")}
    assert set(_commands("fr") + _commands("en")) <= fixes
    again = pickle.loads(pickle.dumps(report))
    assert [f.fix for f in again.findings] == [f.fix for f in report.findings]
    for fmt in FORMATS:
        for lang in ("fr", "en"):
            assert renderers()[fmt](again, lang) == renderers()[fmt](report, lang)
