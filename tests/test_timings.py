# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""Where a run's time goes (report metadata, --timings), and analyses computed once."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COMPLETE_HOUSE, RepoFactory, check_json, findings_of, run_cli
from opencheck.registry import Context
from opencheck.repository import open_repository


def test_the_json_report_says_where_time_went(make_repo: RepoFactory) -> None:
    root = make_repo({**COMPLETE_HOUSE, "app.py": 'DB_PASSWORD = "k8#Vq2!zLm"\n'})
    report = check_json(root)
    timings = report["metadata"]["timings"]
    assert set(timings) == {"setup", "rules", "analyses", "scores"}
    assert set(timings["rules"]) == {rule["id"] for rule in report["rules"]
                                     if not rule.get("disabled_reason")}
    assert all(seconds >= 0 for seconds in timings["rules"].values())
    assert {"secrets.tree", "secrets.history", "reuse"} <= set(timings["analyses"])
    assert report["metadata"]["secrets_engine"].startswith(("hyperscan", "python"))


def test_timings_in_the_text_report_only_when_asked(make_repo: RepoFactory) -> None:
    root = make_repo(COMPLETE_HOUSE)
    plain = run_cli("check", str(root), "--lang", "fr")
    assert "Durées" not in plain.stdout
    shown = run_cli("check", str(root), "--lang", "fr", "--timings")
    assert "Durées (secondes)" in shown.stdout
    assert "secret-in-history" in shown.stdout.split("Durées (secondes)")[1]
    english = run_cli("check", str(root), "--lang", "en", "--timings")
    assert "shared analyses (counted in the first rule that reads them)" in english.stdout


def test_a_failed_analysis_is_not_computed_again(tmp_path: Path) -> None:
    ctx = Context(repo=open_repository(tmp_path))
    calls: list[int] = []

    def broken() -> int:
        calls.append(1)
        raise OSError("disk gone")

    for _ in range(3):
        with pytest.raises(OSError, match="disk gone"):
            ctx.shared("history", broken)
    assert len(calls) == 1
    assert "history" in ctx.timings


# The families (their check modules and libraries) and the heavy libraries they use:
# none of them is needed to print the version or list the catalogue.
FAMILIES = (
    "opencheck.checks", "opencheck.secrets", "opencheck.licensing", "opencheck.deps",
    "opencheck.publiccode", "opencheck.research", "opencheck.community",
    "opencheck.reuse_adapter", "opencheck.engine", "opencheck.repository",
    "opencheck.gitcmd", "opencheck.netguard", "opencheck.diffmode",
)
LIBRARIES = ("reuse", "jsonschema", "license_expression", "hyperscan", "debian",
             "langcodes", "regex", "http.client", "tomllib", "xml", "pkgutil", "secrets",
             "tempfile")
FORMATS = tuple(f"opencheck.report.{name}"
                for name in ("junit", "html", "sarif", "markdown", "codequality"))


def _in_fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """`code` run by a new interpreter (imports and start-up as a real run has them)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)


def _modules_after(*argv: str) -> tuple[int, list[str]]:
    """The exit code of `opencheck ARGV` run in a fresh interpreter, and which of the
    families and heavy libraries it imported."""
    code = (
        "import sys\n"
        "from opencheck.cli.main import main\n"
        f"sys.argv = ['opencheck', *{list(argv)!r}]\n"
        "status = 0\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    status = stop.code or 0\n"
        f"families, libraries = {FAMILIES + FORMATS!r}, {LIBRARIES!r}\n"
        "loaded = [m for m in sys.modules if m.startswith(families)"
        " or m.split('.')[0] in libraries or m in libraries]\n"
        "print(status, *sorted(loaded), file=sys.stderr)\n"
    )
    done = _in_fresh_python(code)
    status, *loaded = done.stderr.split()
    return int(status), loaded


def test_version_imports_no_family() -> None:
    assert _modules_after("--version") == (0, [])


def test_help_lists_every_command_from_its_own_help_and_imports_none() -> None:
    import importlib

    import click

    from opencheck.cli.main import COMMANDS

    for name, (module, attribute, summary) in COMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        first = (command.help or "").split("\n\n", 1)[0]
        assert summary == " ".join(first.split()), f"{name}: summary differs from its help"
    assert _modules_after("--help") == (0, [])
    text = run_cli("--help").stdout
    assert all(f"  {name} " in text for name in COMMANDS)
    assert "Identify the licence of each FILE" in text


def test_rules_and_explain_import_no_family() -> None:
    # the catalogue is read (no schema validation at run time: test_catalogue.py does it)
    assert _modules_after("rules", "--lang", "en") == (0, [])
    assert _modules_after("explain", "licence-file-present", "--lang", "en") == (0, [])


def test_a_check_loads_only_the_formats_and_network_code_it_uses(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({"README.md": "# Projet\n", "app.py": "print(1)\n"})
    status, loaded = _modules_after("check", str(root), "--format", "json", "--quiet")
    assert status == 1  # no licence: not ready
    assert "opencheck.checks.licence" in loaded and "reuse" in loaded  # the check ran
    assert not [name for name in loaded
                if name.startswith(("opencheck.netguard", "http.client", *FORMATS))]
    # no TOML nor XML manifest: neither reader is imported (3 ms each)
    assert not [name for name in loaded if name.startswith(("tomllib", "xml"))]
    # No file holds a REUSE marker (`SPDX-`, Copyright, ©): reuse's extraction, which
    # loads libmagic's database and every codec, is not imported; with one, it is.
    assert "reuse.extract" not in loaded
    (root / "app.py").write_text("# SPDX-License-Identifier: MIT\nprint(1)\n")
    assert "reuse.extract" in _modules_after("check", str(root), "--format", "json")[1]


def test_a_check_narrowed_to_the_history_imports_only_what_its_rules_need(
    make_repo: RepoFactory,
) -> None:
    root = make_repo({"README.md": "# Projet\n", "app.py": "print(1)\n"})
    status, loaded = _modules_after("check", str(root), "--format", "json", "--quiet",
                                    "--rule", "secret-in-history",
                                    "--rule", "artefact-in-history")
    assert status == 0
    assert "opencheck.checks.secrets" in loaded and "opencheck.secrets.history" in loaded
    # no other family's checks, no score of another referential, no REUSE library, no
    # licence identification (the third-party index needs none); no merge-request mode
    # without --diff-base, no TOML reader without a pyproject.toml; neither the module
    # search of a whole check (pkgutil) nor the random names of a cache write (secrets);
    # git's standard error goes to an anonymous file, not through tempfile
    assert not [name for name in loaded if name in (
        "opencheck.checks.reuse", "opencheck.checks.research", "opencheck.checks.scores",
        "opencheck.checks.publiccode", "opencheck.checks.readme", "reuse",
        "opencheck.checks.dependencies", "opencheck.licensing", "opencheck.deps.vendored",
        "opencheck.diffmode", "tomllib", "pkgutil", "secrets", "tempfile")]


def test_every_rule_is_checked_in_its_familys_module() -> None:
    """A run narrowed by --rule imports its families' modules only (registry.checks_of);
    a check registered elsewhere would make it import them all."""
    from opencheck.catalogue import load_catalogue
    from opencheck.registry import _FAMILY_MODULES, all_checks

    checks = all_checks()
    misplaced = [
        (rule.id, checks[rule.id].__module__) for rule in load_catalogue().rules.values()
        if checks[rule.id].__module__
        != f"opencheck.checks.{_FAMILY_MODULES.get(rule.family, rule.family)}"]
    assert misplaced == []


def test_the_json_report_written_in_pieces_is_the_one_string(
    make_repo: RepoFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    from opencheck.engine import RunRequest, run
    from opencheck.report import json_report

    root = make_repo({f"src/module{n}.py": f"VALUE = {n}  # é\n" for n in range(40)})
    report = run(RunRequest(path=root))
    assert len(report.findings) >= 80  # two REUSE findings per file at least
    whole = json_report.render(report, "fr")
    assert json.loads(whole) == json.loads(json.dumps(json_report.report_dict(report, "fr")))
    monkeypatch.setattr(json_report, "PIECE", 100)
    assert len(list(json_report.pieces(report, "fr"))) > 10
    assert json_report.render(report, "fr") == whole
    output = tmp_path / "report.json"
    done = run_cli("check", str(root), "--format", "json", "--output", str(output), "--quiet")
    assert done.exit_code == 1
    written = json.loads(output.read_text(encoding="utf-8"))
    assert findings_of(written)[0]["message"] and len(findings_of(written)) == len(report.findings)


def _git_started(*argv: str) -> list[str]:
    """The git subcommands `opencheck ARGV` starts, in order, in a fresh interpreter
    (git's version is asked once per process); another program as `!name`."""
    code = (
        "import os, subprocess, sys\n"
        "started = []\n"
        "class Recording(subprocess.Popen):\n"
        "    def __init__(self, args, *rest, **options):\n"
        "        command = args\n"
        "        if isinstance(args, list) and args[:1] == ['/bin/sh'] and 'git' in args:\n"
        "            command = args[args.index('git'):]  # the shell that caps git's memory\n"
        "        if isinstance(command, list) and command[:1] == ['git']:\n"
        "            words = command[1:]\n"
        "            while words[:1] == ['-c']:\n"
        "                words = words[2:]\n"
        "            started.append(' '.join(words[:2]) if words[:1] == ['cat-file']\n"
        "                           else words[0] if words else '')\n"
        "        else:\n"
        "            program = args[0] if isinstance(args, list) else str(args).split()[0]\n"
        "            started.append('!' + os.path.basename(program))\n"
        "        super().__init__(args, *rest, **options)\n"
        "subprocess.Popen = Recording\n"
        "from opencheck.cli.main import main\n"
        f"sys.argv = ['opencheck', *{list(argv)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(*started, file=sys.stderr)\n"
    )
    done = _in_fresh_python(code)
    return done.stderr.split()


def test_a_history_run_asks_git_little_before_reading_the_history(
    make_repo: RepoFactory,
) -> None:
    """Each git start costs about 2.5 ms of CPU (git and the fork), a tenth of a small
    repository's history run. Before the history is read, the run asks git's
    configuration once (filter drivers and a partial clone's settings together; that
    read shows git is recent enough, so its version is not asked), the work tree's
    facts with HEAD and its branch in one `rev-parse`, the files and the remotes."""
    root = make_repo({"README.md": "# Projet\n", "app.py": "print(1)\n"})
    started = _git_started("check", str(root), "--format", "json", "--quiet",
                           "--rule", "*-in-history")
    assert "log" in started
    history = {"for-each-ref", "cat-file", "count-objects", "log", "rev-list"}
    opening = list(itertools.takewhile(lambda command: command.split()[0] not in history,
                                       started))
    assert opening == ["config", "rev-parse", "ls-files", "remote"]
    # HEAD is a branch's: what it names is among the refs, not asked again
    assert "cat-file -t" not in started
    # the log's memory budget comes from the store's folders, not `count-objects`
    assert "count-objects" not in started



def test_the_collector_has_nothing_to_walk_when_the_process_ends(
    make_repo: RepoFactory, tmp_path: Path,
) -> None:
    """The interpreter's last full collection, over everything a run built, cost 0.01 s
    of every run: once the command is done its objects are frozen out of the
    collector's sight; the report was written whole before."""
    root = make_repo({"README.md": "# Projet\n", "app.py": "print(1)\n"})
    output = tmp_path / "report.json"
    code = (
        "import gc, sys\n"
        "from opencheck.cli.main import main\n"
        f"sys.argv = ['opencheck', 'check', {str(root)!r}, '--format', 'json', '--output',"
        f" {str(output)!r}, '--rule', '*-in-history']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.get_freeze_count(), file=sys.stderr)\n"
    )
    assert int(_in_fresh_python(code).stderr.split()[-1]) > 10_000
    assert json.loads(output.read_text(encoding="utf-8"))["verdict"]


def test_the_secret_filters_are_compiled_only_when_a_candidate_needs_them(
    make_repo: RepoFactory,
) -> None:
    """The filters a candidate value goes through (about 70 patterns, 5 to 8 ms to
    compile) are compiled on first use: none in a run that meets no candidate."""
    root = make_repo({"README.md": "# Projet\n", "app.py": "print(1)\n"})
    patterns, compiled = _filters_compiled(root, "*-in-history")
    assert patterns > 50 and compiled == 0


def _filters_compiled(root: Path, rule: str) -> tuple[int, int]:
    """How many of the secrets family's lazy filters there are, and how many a check of
    `root` with `rule` compiled (in a process of its own)."""
    code = (
        "import sys\n"
        "from opencheck.cli.main import main\n"
        f"sys.argv = ['opencheck', 'check', {str(root)!r}, '--quiet', '--rule', {rule!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from opencheck.lazyre import Lazy\n"
        "from opencheck.secrets import confidence, detectors, nonsecret\n"
        "lazy = [value for module in (confidence, detectors, nonsecret)\n"
        "        for value in vars(module).values() if isinstance(value, Lazy)]\n"
        "print(len(lazy), sum(value._compiled is not None for value in lazy),\n"
        "      file=sys.stderr)\n"
    )
    done = _in_fresh_python(code)
    patterns, compiled = map(int, done.stderr.split())
    return patterns, compiled


def test_a_large_tree_has_every_secret_filter_compiled_before_its_scan(
    make_repo: RepoFactory,
) -> None:
    """Compiled one by one amid a large tree's files, the filters left 15 MB more at the
    peak of a 64,000-file check: from EAGER_FILES files on, all are compiled first."""
    from opencheck.secrets.detectors import EAGER_FILES

    root = make_repo({f"src/m{index}.py": f"VALUE = {index}\n" for index in range(EAGER_FILES)})
    patterns, compiled = _filters_compiled(root, "secret-in-tree")
    assert patterns > 50 and compiled == patterns


def test_the_secret_filters_hold_no_pattern_compiled_at_import() -> None:
    """A filter added later as a plain `re.compile` would be compiled by every run again."""
    import re

    from opencheck.secrets import confidence, nonsecret

    eager = [name for module in (confidence, nonsecret)
             for name, value in vars(module).items() if isinstance(value, re.Pattern)]
    assert eager == []


def test_a_small_whole_check_starts_nothing_but_git(make_repo: RepoFactory) -> None:
    """Whether reuse reads encodings with libmagic is asked of the dynamic loader, not by
    importing python-magic, whose search for libmagic runs `ldconfig -p` twice (0.02 to
    0.03 s of CPU): a repository without a REUSE marker never pays it."""
    root = make_repo({"README.md": "# Projet\n", "app.py": "print(1)\n"})
    started = _git_started("check", str(root), "--format", "json", "--quiet")
    assert "log" in started  # the run went through (its history rules too)
    assert [command for command in started if command.startswith("!")] == []


def test_the_cyclic_collector_is_slowed_before_the_imports() -> None:
    """Python collects every 700 new containers; importing click and opencheck made it
    run 21 times (about 4 ms of CPU) before `main` raised the threshold."""
    code = (
        "import gc\n"
        "before = sum(generation['collections'] for generation in gc.get_stats())\n"
        "import opencheck.cli.main\n"
        "after = sum(generation['collections'] for generation in gc.get_stats())\n"
        "print(after - before, gc.get_threshold()[0])\n"
    )
    done = _in_fresh_python(code)
    collections, threshold = map(int, done.stdout.split())
    assert threshold == 10_000 and collections <= 4
