# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The REUSE family gives `reuse lint`'s verdicts, file by file, on real repositories.

Every fixture is linted twice: by opencheck and by the real `reuse lint --json`; the
verdicts must be identical.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import RepoFactory, check_json, findings_of, git, run_cli
from opencheck.data import load_schema
from opencheck.repository import open_repository
from opencheck.reuse_adapter import ReuseAnalysis, analyse

# REUSE-IgnoreStart
EUPL = "SPDX-FileCopyrightText: 2026 Ministère de l'Exemple\nSPDX-License-Identifier: EUPL-1.2\n"
PY_HEADER = "".join(f"# {line}\n" for line in EUPL.splitlines())
LICENCE_TEXTS = {"LICENSES/EUPL-1.2.txt": "EUPL text\n"}
IGNORE_START, IGNORE_END = "REUSE-" + "IgnoreStart", "REUSE-" + "IgnoreEnd"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def reuse_lint(root: Path, *options: str) -> tuple[int, dict[str, Any] | None, str]:
    """The real `reuse lint --json` on the folder: exit code, report, stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "reuse", "--root", str(root), *options, "lint", "--json"],
        capture_output=True, text=True, cwd=root, check=False,
        env={**os.environ, "_SUPPRESS_DEP5_WARNING": "1"},
    )
    if done.returncode not in (0, 1) or not done.stdout.strip():
        return done.returncode, None, done.stderr  # a usage error, or a crash
    return done.returncode, json.loads(done.stdout), done.stderr


def _relative(root: Path, paths: list[str]) -> set[str]:
    return {
        os.path.relpath(path, root) if os.path.isabs(path) else path.removeprefix("./")
        for path in paths
    }


def assert_same_as_reuse_lint(
    root: Path, submodules: bool = False, meson: bool = False
) -> tuple[ReuseAnalysis, dict[str, Any]]:
    """opencheck's verdicts on `root` equal reuse lint's, file by file."""
    options = [*(["--include-submodules"] if submodules else []),
               *(["--include-meson-subprojects"] if meson else [])]
    code, lint, stderr = reuse_lint(root, *options)
    assert lint is not None, stderr
    ours = analyse(open_repository(root), include_submodules=submodules,
                   include_meson_subprojects=meson)
    bad = lint["non_compliant"]
    assert {f["path"] for f in lint["files"]} == {v.path for v in ours.files}
    assert _relative(root, bad["missing_copyright_info"]) == {
        v.path for v in ours.files if not v.has_copyright
    }
    assert _relative(root, bad["missing_licensing_info"]) == {
        v.path for v in ours.files if not v.has_licensing
    }
    assert _relative(root, bad["read_errors"]) == set(ours.read_errors)
    assert sorted(bad["bad_licenses"]) == sorted(ours.bad_licences)
    assert sorted(bad["deprecated_licenses"]) == sorted(ours.deprecated_licences)
    assert sorted(bad["licenses_without_extension"]) == sorted(ours.licences_without_extension)
    assert sorted(bad["missing_licenses"]) == sorted(ours.missing_licences)
    assert sorted(bad["unused_licenses"]) == sorted(ours.unused_licences)
    invalid = {
        f["path"]: sorted(e["value"] for e in f["spdx_expressions"] if not e["is_valid"])
        for f in lint["files"]
    }
    assert {p: v for p, v in invalid.items() if v} == {
        p: sorted(v) for p, v in ours.invalid_expressions.items()
    }
    summary = lint["summary"]
    assert summary["files_total"] == ours.files_total
    assert summary["files_with_copyright_info"] == ours.files_with_copyright
    assert summary["files_with_licensing_info"] == ours.files_with_licensing
    assert summary["used_licenses"] == ours.used_licences
    assert summary["compliant"] is ours.compliant is (code == 0)
    return ours, lint


def reuse_findings(report: dict[str, Any], rule: str | None = None) -> list[dict[str, Any]]:
    return [
        f for f in findings_of(report)
        if f["family"] == "reuse" and (rule is None or f["rule"] == rule)
    ]


# -- per-file verdicts ------------------------------------------------------------------


def test_compliant_repository_passes_and_summary_reaches_the_json_report(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        "main.py": PY_HEADER + "print('bonjour')\n",
        "README.md": f"<!--\n{EUPL}-->\n# Projet\n",
    })
    ours, _ = assert_same_as_reuse_lint(repo)
    assert ours.compliant
    report = check_json(repo, "--rule", "family:reuse")
    assert reuse_findings(report) == []
    summary = report["scores"]["reuse"]
    assert summary["compliant"] is True
    assert summary["files_total"] == 2
    assert summary["files_with_copyright"] == 2
    assert summary["files_with_licensing"] == 2
    assert summary["spec_version"] == "3.3"
    assert summary["used_licences"] == ["EUPL-1.2"]
    assert "2 of 2 files with copyright" in summary["summary"]["en"]


def test_missing_copyright_and_licensing_are_per_file_findings_with_annotate_command(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        "AUTHORS": "Ministère de l'Exemple\n",
        "ok.py": PY_HEADER,
        "no_copyright.py": "# SPDX-License-Identifier: EUPL-1.2\nx = 1\n",
        "no_licence.py": "# SPDX-FileCopyrightText: 2026 Ministère de l'Exemple\nx = 1\n",
        "nothing at all.py": "x = 1\n",
    })
    assert_same_as_reuse_lint(repo)
    report = check_json(repo, "--rule", "family:reuse")
    copyright = {f["path"]: f for f in reuse_findings(report, "reuse-file-copyright")}
    licensing = {f["path"]: f for f in reuse_findings(report, "reuse-file-licensing")}
    assert set(copyright) == {"AUTHORS", "no_copyright.py", "nothing at all.py"}
    assert set(licensing) == {"AUTHORS", "no_licence.py", "nothing at all.py"}
    assert all(f["kind"] == "missing-copyright" for f in copyright.values())
    assert all(f["kind"] == "missing-licensing" for f in licensing.values())
    assert all(f["severity"] == "warning" for f in [*copyright.values(), *licensing.values()])
    assert copyright["no_copyright.py"]["fix"].endswith(
        "reuse annotate --copyright \"2026 Ministère de l'Exemple\" "
        "--fallback-dot-license no_copyright.py"
    )
    assert licensing["no_licence.py"]["fix"].endswith(
        "reuse annotate --license EUPL-1.2 --fallback-dot-license no_licence.py"
    )
    both = licensing["nothing at all.py"]["fix"]
    assert "--copyright \"2026 Ministère de l'Exemple\" --license EUPL-1.2" in both
    assert both.endswith("'nothing at all.py'")


def test_annotate_command_really_fixes_the_files(make_repo: RepoFactory) -> None:
    repo = make_repo({**LICENCE_TEXTS, "ok.py": PY_HEADER, "a.py": "x = 1\n",
                      "logo.png": PNG, "-rf": "named like an option\n"})
    report = check_json(repo, "--rule", "family:reuse")
    commands = {f["fix"].split("Run: ", 1)[1] for f in reuse_findings(report)}
    assert len(commands) == 3
    for command in commands:
        done = subprocess.run(
            ["sh", "-c", command.replace("reuse ", f"{sys.executable} -m reuse ", 1)],
            cwd=repo, capture_output=True, text=True, check=False,
        )
        assert done.returncode == 0, done.stderr
    after = check_json(repo, "--rule", "family:reuse")
    assert reuse_findings(after) == []
    assert reuse_lint(repo)[0] == 0


def test_license_sidecar_files_and_their_precedence(make_repo: RepoFactory) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        "LICENSES/CC0-1.0.txt": "CC0\n",
        "logo.png": PNG,
        "logo.png.license": EUPL,
        # The sidecar wins: the file's own header is not read.
        "data.csv": "# SPDX-FileCopyrightText: 2020 Ignored\n# SPDX-License-Identifier: MIT\n",
        "data.csv.license": "SPDX-FileCopyrightText: 2026 X\nSPDX-License-Identifier: CC0-1.0\n",
        "bare.png": PNG,
    })
    ours, _ = assert_same_as_reuse_lint(repo)
    verdicts = {v.path: v for v in ours.files}
    assert verdicts["logo.png"].licences == ("EUPL-1.2",)
    assert verdicts["data.csv"].licences == ("CC0-1.0",)
    assert not verdicts["bare.png"].has_copyright
    assert "MIT" not in ours.missing_licences


# -- global licensing ---------------------------------------------------------------------


REUSE_TOML = """version = 1

[[annotations]]
path = ["assets/**", "docs/*.md"]
SPDX-FileCopyrightText = "2026 Ministère de l'Exemple"
SPDX-License-Identifier = "CC0-1.0"

[[annotations]]
path = "forced/**"
precedence = "override"
SPDX-FileCopyrightText = "2026 Override"
SPDX-License-Identifier = "EUPL-1.2"

[[annotations]]
path = "mixed/**"
precedence = "aggregate"
SPDX-FileCopyrightText = "2026 Aggregate"
SPDX-License-Identifier = "EUPL-1.2"
"""

NESTED_TOML = """version = 1

[[annotations]]
path = "**"
SPDX-License-Identifier = "MIT"
"""


def test_reuse_toml_nested_and_precedences(make_repo: RepoFactory) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        "LICENSES/CC0-1.0.txt": "CC0\n",
        "LICENSES/MIT.txt": "MIT\n",
        "REUSE.toml": REUSE_TOML,
        "assets/a.json": '{"a": 1}\n',
        "assets/deep/b.svg": "<svg/>\n",
        "docs/page.md": "# Page\n",
        "docs/sub/not-covered.md": "# Not covered: * does not cross /\n",
        "forced/x.py": "# SPDX-License-Identifier: GPL-2.0-only\nx = 1\n",
        "mixed/y.py": "# SPDX-License-Identifier: MIT\n",
        "assets/own.txt": "SPDX-FileCopyrightText: 2020 Own\n",  # copyright only: closest
        "vendor/REUSE.toml": NESTED_TOML,
        "vendor/lib.c": "/* SPDX-FileCopyrightText: 2019 Vendor */\nint x;\n",
        "vendor/empty/REUSE.toml": "",
    })
    ours, _ = assert_same_as_reuse_lint(repo)
    verdicts = {v.path: v for v in ours.files}
    assert verdicts["assets/deep/b.svg"].licences == ("CC0-1.0",)
    assert not verdicts["docs/sub/not-covered.md"].has_licensing
    assert verdicts["forced/x.py"].licences == ("EUPL-1.2",)  # the header is not read
    assert sorted(verdicts["mixed/y.py"].licences) == ["EUPL-1.2", "MIT"]
    assert verdicts["vendor/lib.c"].licences == ("MIT",)
    assert ours.global_licensing == "REUSE.toml"
    assert ours.global_files == ["REUSE.toml", "vendor/REUSE.toml"]


def test_dep5_is_honoured_with_a_deprecation_warning(make_repo: RepoFactory) -> None:
    dep5 = (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: exemple\n\n"
        "Files: assets/*\nCopyright: 2026 Ministère de l'Exemple\nLicense: EUPL-1.2\n"
    )
    repo = make_repo({
        **LICENCE_TEXTS,
        ".reuse/dep5": dep5,
        "assets/a.json": "{}\n",
        "src.py": "x = 1\n",
    })
    ours, _ = assert_same_as_reuse_lint(repo)
    assert ours.global_licensing == ".reuse/dep5"
    report = check_json(repo, "--rule", "family:reuse")
    warning = reuse_findings(report, "reuse-dep5-deprecated")
    assert [f["severity"] for f in warning] == ["warning"]
    assert "REUSE.toml" in warning[0]["message"]
    assert {f["path"] for f in reuse_findings(report, "reuse-file-licensing")} == {"src.py"}


@pytest.mark.parametrize(
    ("files", "path", "kind"),
    [
        ({"REUSE.toml": "version = 1\n[[annotations]\npath = 'x'\n"}, "REUSE.toml", "parse"),
        ({"REUSE.toml": "version = '1'\n"}, "REUSE.toml", "parse"),
        ({"sub/REUSE.toml": b"version = 1 # \xff\n"}, "sub/REUSE.toml", "parse"),
        ({".reuse/dep5": "Format: nonsense\n\nFiles\n"}, ".reuse/dep5", "parse"),
        ({"REUSE.toml": "version = 1\n", ".reuse/dep5": "x"}, "REUSE.toml", "conflict"),
        ({"LICENSES/MIT.txt": "a", "LICENSES/MIT.md": "b"}, "LICENSES", "duplicate-licence"),
    ],
)
def test_configuration_problems_are_findings_not_crashes(
    make_repo: RepoFactory, files: dict[str, str | bytes], path: str, kind: str
) -> None:
    repo = make_repo({**LICENCE_TEXTS, "a.py": "x = 1\n", **files})
    _, lint, _ = reuse_lint(repo)
    assert lint is None, "reuse lint stops (usage error) or crashes (duplicate licence)"
    report = check_json(repo, "--rule", "family:reuse")
    problems = reuse_findings(report, "reuse-config")
    assert [(f["path"], f["kind"]) for f in problems] == [(path, f"config-{kind}")]
    assert problems[0]["severity"] == "error"
    if kind == "duplicate-licence":
        assert "LICENSES/MIT.md, LICENSES/MIT.txt" in problems[0]["message"]
    skipped = {r["id"] for r in report["rules"] if r["status"] == "skipped"}
    assert {"reuse-file-copyright", "reuse-file-licensing"} <= skipped
    assert report["scores"]["reuse"]["compliant"] is False


# -- project-level findings ------------------------------------------------------------------


def test_bad_deprecated_unused_missing_and_extensionless_licences(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        "LICENSES/NotALicence.txt": "?\n",
        "LICENSES/GPL-3.0.txt": "GPL\n",
        "LICENSES/MIT": "MIT\n",
        "LICENSES/CC0-1.0.txt": "unused\n",
        "LICENSES/LicenseRef-Maison.txt": "maison\n",
        "a.py": "# SPDX-FileCopyrightText: 2026 X\n# SPDX-License-Identifier: Apache-2.0\n",
        "b.py": "# SPDX-FileCopyrightText: 2026 X\n"
                "# SPDX-License-Identifier: EUPL-1.2 OR GPL-3.0 OR MIT OR LicenseRef-Maison\n",
        "c.py": "# SPDX-FileCopyrightText: 2026 X\n# SPDX-License-Identifier: MIT OR\n",
        "d.py": "# SPDX-FileCopyrightText: 2026 X\n# SPDX-License-Identifier: LicenseRef-Absent\n",
    })
    assert_same_as_reuse_lint(repo)
    report = check_json(repo, "--rule", "family:reuse")
    jsonschema.validate(report, load_schema("report/report.schema.json"))

    def licences(rule: str) -> list[str]:
        return sorted(f["licence"] for f in reuse_findings(report, rule))

    assert licences("reuse-licence-bad") == ["NotALicence"]
    assert licences("reuse-licence-deprecated") == ["GPL-3.0"]
    assert licences("reuse-licence-extension") == ["MIT"]
    assert licences("reuse-licence-unused") == ["CC0-1.0", "NotALicence"]
    assert licences("reuse-licence-missing") == ["Apache-2.0", "LicenseRef-Absent"]
    missing = {f["licence"]: f for f in reuse_findings(report, "reuse-licence-missing")}
    assert missing["Apache-2.0"]["files"] == ["a.py"]
    assert missing["Apache-2.0"]["fix"] == "Run: reuse download Apache-2.0"
    assert "LICENSES/LicenseRef-Absent.txt" in missing["LicenseRef-Absent"]["fix"]
    invalid = reuse_findings(report, "reuse-spdx-expression")
    assert [(f["path"], f["expression"]) for f in invalid] == [("c.py", "MIT OR")]
    assert {f["path"] for f in reuse_findings(report, "reuse-file-licensing")} == {"c.py"}


def test_an_unused_licence_alone_makes_the_repository_not_compliant(
    make_repo: RepoFactory,
) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        "LICENSES/MIT.txt": "MIT text\n",
        "a.py": "# SPDX-FileCopyrightText: 2026 X\n# SPDX-License-Identifier: EUPL-1.2\n",
    }, git_init=False)
    ours, _ = assert_same_as_reuse_lint(repo)
    assert list(ours.unused_licences) == ["MIT"] and not ours.compliant
    report = check_json(repo, "--rule", "family:reuse")
    assert report["scores"]["reuse"]["compliant"] is False


# -- which files are covered -------------------------------------------------------------------


def test_ignored_and_excluded_files_match_reuse_lint(make_repo: RepoFactory) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        ".gitignore": "build/\n*.log\ntracked-but-ignored.txt\n",
        "LICENSE": "licence\n",
        "COPYING.md": "copying\n",
        "LICENCE-MIT": "licence\n",
        "empty.py": "",
        "report.spdx.json": "{}\n",
        "sbom.spdx": "x\n",
        "LICENSES/EUPL-1.2.txt.license": "x\n",
        "lib/LICENSES/notes.txt": "nested LICENSES folders are ignored too\n",
        ".reuse/templates/t.jinja2": "x\n",
        "subprojects/direct.c": "int x;\n",
        "subprojects/meson-dep/deep.c": "int x;\n",
        "a/subprojects/dep/x.c": "int x;\n",
        "CAL-1.0.txt": "x\n",
        "main.py": "x = 1\n",
    })
    (repo / "tracked-but-ignored.txt").write_text("tracked\n")
    git(repo, "add", "-f", "tracked-but-ignored.txt")
    git(repo, "commit", "-qm", "force")
    (repo / "build").mkdir()
    (repo / "build" / "out.c").write_text("int y;\n")
    (repo / "debug.log").write_text("log\n")
    (repo / "untracked.py").write_text("x = 2\n")
    (repo / "link.py").symlink_to("main.py")
    ours, _ = assert_same_as_reuse_lint(repo)
    paths = {v.path for v in ours.files}
    assert "tracked-but-ignored.txt" in paths
    assert "untracked.py" in paths
    assert "subprojects/direct.c" in paths
    assert not paths & {"build/out.c", "debug.log", "link.py", "empty.py", "LICENSE",
                        "subprojects/meson-dep/deep.c", "lib/LICENSES/notes.txt"}


def test_submodules_and_meson_subprojects_with_reuse_options(make_repo: RepoFactory) -> None:
    inner = make_repo({"inner.c": "int x;\n"}, name="inner")
    repo = make_repo({**LICENCE_TEXTS, "main.py": PY_HEADER,
                      "subprojects/dep/dep.c": "int d;\n"})
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "ext")
    git(repo, "commit", "-qm", "submodule")
    ours, _ = assert_same_as_reuse_lint(repo)
    assert not any(v.path.startswith(("ext/", "subprojects/")) for v in ours.files)
    assert ".gitmodules" in {v.path for v in ours.files}
    everything, _ = assert_same_as_reuse_lint(repo, submodules=True, meson=True)
    assert {"ext/inner.c", "subprojects/dep/dep.c"} <= {v.path for v in everything.files}
    (repo / ".opencheck.yml").write_text(
        "settings:\n  reuse:\n    include_submodules: true\n"
        "    include_meson_subprojects: true\n"
    )
    report = check_json(repo, "--rule", "family:reuse")
    assert {"ext/inner.c", "subprojects/dep/dep.c"} <= {
        f["path"] for f in reuse_findings(report, "reuse-file-licensing")
    }


def test_folder_without_git_lints_gitignored_files_like_reuse(make_repo: RepoFactory) -> None:
    repo = make_repo({
        **LICENCE_TEXTS,
        ".gitignore": "secret.txt\n",
        "secret.txt": "not ignored without a VCS\n",
        "main.py": PY_HEADER,
    }, git_init=False)
    ours, _ = assert_same_as_reuse_lint(repo)
    assert "secret.txt" in {v.path for v in ours.files}


def test_a_non_regular_file_is_a_read_error_without_git(make_repo: RepoFactory) -> None:
    repo = make_repo({**LICENCE_TEXTS, "main.py": PY_HEADER}, git_init=False)
    os.mkfifo(repo / "pipe")
    ours, _ = assert_same_as_reuse_lint(repo)
    assert list(ours.read_errors) == ["pipe"]
    report = check_json(repo, "--rule", "family:reuse")
    assert [f["path"] for f in reuse_findings(report, "reuse-read-error")] == ["pipe"]


# -- how files are read -----------------------------------------------------------------------


def test_encodings_binaries_and_ignore_blocks(make_repo: RepoFactory) -> None:
    long_line = "y" * 3000
    repo = make_repo({
        **LICENCE_TEXTS,
        "latin1.c": "/* © 2020 Société Exemple\n   SPDX-License-Identifier: EUPL-1.2 */\n"
                    .encode("latin-1"),
        "utf16.txt": ("\ufeff" + EUPL).encode("utf-16"),
        "utf8-bom.py": "\ufeff# SPDX-FileCopyrightText: 2026 X\n".encode(),
        "utf7.txt": b"+/v8-\nSPDX-FileCopyrightText: 2026 X\n",
        "control.txt": b"\x01\x02 SPDX-FileCopyrightText: 2026 X\n",
        "image.png": PNG + b"SPDX-License-Identifier: EUPL-1.2\n",
        "ignored.md": f"{IGNORE_START}\nSPDX-License-Identifier: EUPL-1.2\n{IGNORE_END}\n"
                      "SPDX-FileCopyrightText: 2026 X\n",
        "crlf.py": PY_HEADER.replace("\n", "\r\n"),
        "cr.py": PY_HEADER.replace("\n", "\r"),
        "accents.py": "# Écrit à Paris, été 2026 — «ok»\n" + PY_HEADER,
        "cut.py": "#" + "é" * 1100 + "\n" + PY_HEADER,  # the 2 KiB head ends mid-character
        "late.py": ("x = 1\n" * 20000) + PY_HEADER,  # past the first 64 KiB chunk
        "straddle.py": ("z" * 65530) + "\n# SPDX-License-Identifier: EUPL-1.2\n",
        "longline.py": long_line + "\n" + PY_HEADER,
        "copyright-word.txt": "Copyright 2021 Jane Doe\n",
        "c-sign.txt": "(c) 2021 Jane Doe\n",
        "symbol.txt": "© Jane Doe\n",
        "contributor.txt": "SPDX-FileContributor: Jane\n",
    })
    ours, _ = assert_same_as_reuse_lint(repo)
    verdicts = {v.path: v for v in ours.files}
    assert verdicts["latin1.c"].has_copyright
    assert verdicts["utf16.txt"].has_licensing
    assert not verdicts["image.png"].has_licensing
    assert not verdicts["ignored.md"].has_licensing


def test_files_above_the_snapshot_size_limit_are_streamed(make_repo: RepoFactory) -> None:
    repo = make_repo({**LICENCE_TEXTS, "big.py": PY_HEADER + "x = 1\n" * 400})
    _, lint, _ = reuse_lint(repo)
    assert lint is not None
    assert lint["summary"]["files_with_licensing_info"] == 1
    ours = analyse(open_repository(repo, size_limit=1000))
    assert {v.path for v in ours.files if v.has_licensing} == {"big.py"}
    assert ours.read_errors == {}


def test_bytes_are_shared_with_the_snapshot(make_repo: RepoFactory) -> None:
    repo = open_repository(make_repo({**LICENCE_TEXTS, "main.py": PY_HEADER}))
    analyse(repo)
    assert repo.read_bytes("main.py") is repo._cache["main.py"]


def test_rules_are_in_the_catalogue_and_explainable() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    for rule in ("reuse-file-copyright", "reuse-file-licensing", "reuse-config",
                 "reuse-dep5-deprecated", "reuse-licence-missing"):
        assert rule in result.output


def test_other_runs_do_not_pay_for_reuse(make_repo: RepoFactory) -> None:
    repo = make_repo({"README.md": "# x\n"})
    report = check_json(repo, "--rule", "readme-present")
    assert report["scores"]["reuse"]["ran"] is False
    text = run_cli("check", str(repo), "--rule", "readme-present", "--lang", "en").stdout
    assert "Scores · reuse" not in text and "ran=False" not in text
# REUSE-IgnoreEnd


def test_subfolders_of_a_repository_including_one_git_ignores(make_repo: RepoFactory) -> None:
    # REUSE-IgnoreStart
    repo = make_repo({
        ".gitignore": "vendor/\n*.tmp\n",
        "app/LICENSES/EUPL-1.2.txt": "EUPL\n",
        "app/main.py": PY_HEADER,
        "app/notes.txt": "no header\n",
    })
    (repo / "app" / "scratch.tmp").write_text("ignored by git\n")
    (repo / "vendor" / "LICENSES").mkdir(parents=True)
    (repo / "vendor" / "LICENSES" / "MIT.txt").write_text("MIT\n")
    (repo / "vendor" / "lib.c").write_text("/* SPDX-License-Identifier: MIT */\n")
    (repo / "vendor" / "x.tmp").write_text("git fails to list ignored files here\n")
    app, _ = assert_same_as_reuse_lint(repo / "app")
    assert {v.path for v in app.files} == {"main.py", "notes.txt"}
    vendor, _ = assert_same_as_reuse_lint(repo / "vendor")
    assert {v.path for v in vendor.files} == {"lib.c", "x.tmp"}
    # REUSE-IgnoreEnd


def test_fix_hints_suggest_a_licence_whose_text_is_provided(make_repo: RepoFactory) -> None:
    # REUSE-IgnoreStart
    repo = make_repo({
        "LICENSES/MIT.txt": "MIT\n",
        "a.py": "x = 1\n",
        "b.py": "# SPDX-License-Identifier: Apache-2.0\n",
        "c.py": "# SPDX-License-Identifier: Apache-2.0\n",
        "d.py": "# SPDX-License-Identifier: MIT\n",
    })
    # REUSE-IgnoreEnd
    report = check_json(repo, "--rule", "family:reuse")
    fix = next(f["fix"] for f in reuse_findings(report, "reuse-file-licensing"))
    assert "--license MIT " in fix
    # no publiccode.yml, LICENSE line or AUTHORS: the commits' organisation, to be named
    assert '--copyright "2026 <copyright holder: the organisation behind numerique.gouv.fr>"' \
        in fix


def test_untracked_nested_repository_and_unregistered_gitlink(make_repo: RepoFactory) -> None:
    inner = make_repo({"inner.c": "int x;\n"}, name="inner")
    repo = make_repo({**LICENCE_TEXTS, "main.py": PY_HEADER})
    nested = repo / "nested"
    nested.mkdir()
    (nested / "n.c").write_text("int n;\n")
    (nested / ".gitignore").write_text("*.c\n")
    git(nested, "init", "-q")
    head = git(inner, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{head},vendored")
    (repo / "vendored").mkdir()
    (repo / "vendored" / "v.c").write_text("int v;\n")
    ours, _ = assert_same_as_reuse_lint(repo)
    paths = {v.path for v in ours.files}
    assert {"nested/n.c", "nested/.gitignore", "vendored/v.c"} <= paths


def test_licence_identifiers_are_those_of_reuses_project(tmp_path: Path) -> None:
    # The analysis does without reuse's Project (its import brings the REUSE.toml and
    # dep5 readers): its two licence rules must stay reuse's.
    from reuse.exceptions import SpdxIdentifierNotFoundError
    from reuse.project import Project
    from reuse.vcs import VCSStrategyNone

    from opencheck.reuse_adapter import _Licences

    project = Project(tmp_path, vcs_strategy=VCSStrategyNone(tmp_path), global_licensing=None)
    ours = _Licences(tmp_path)
    assert ours.license_map == project.license_map
    for name in ("MIT.txt", "MIT", "mit.txt", "GPL-3.0-or-later.md", "GPL-3.0.txt",
                 "LicenseRef-Maison.txt", "LicenseRef-Maison", "LicenseRef-a.b.txt",
                 "Classpath-exception-2.0.txt", "NotALicence.txt", ".MIT.txt", "MIT.txt.bak"):
        path = tmp_path / "LICENSES" / name
        try:
            theirs: str | None = project._identifier_of_license(path)
        except SpdxIdentifierNotFoundError:
            theirs = None
        assert ours.identifier_of(path) == theirs, name


def test_the_reuse_toml_and_dep5_readers_load_only_when_needed(make_repo: RepoFactory) -> None:
    plain = make_repo({"a.py": PY_HEADER, "LICENSES/EUPL-1.2.txt": "EUPL\n"}, name="plain")
    toml = make_repo({"b.py": "x = 1\n", "LICENSES/EUPL-1.2.txt": "EUPL\n", "REUSE.toml": (
        'version = 1\n[[annotations]]\npath = "*.py"\n'
        'SPDX-FileCopyrightText = "2026 X"\nSPDX-License-Identifier = "EUPL-1.2"\n')},
        name="toml")
    code = (
        "import sys\n"
        "from opencheck.repository import open_repository\n"
        "from opencheck.reuse_adapter import analyse\n"
        "analysis = analyse(open_repository(sys.argv[1]))\n"
        "print(analysis.global_licensing, [v.licences for v in analysis.files],"
        " 'reuse.global_licensing' in sys.modules, 'debian' in sys.modules)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True,
                           text=True, check=True).stdout.split(" ", 1)
            for repo in (plain, toml)]
    assert runs[0] == ["None", "[('EUPL-1.2',)] False False\n"]
    assert runs[1][0] == "REUSE.toml" and runs[1][1].endswith("True True\n")
    assert "('EUPL-1.2',)" in runs[1][1]


@pytest.mark.parametrize("chosen", [None, "magic", "python-magic", "file-magic"])
def test_the_encoding_detector_is_the_one_reuse_picks(chosen: str | None) -> None:
    # reuse_adapter answers "libmagic" without importing reuse.extract (0.03 s); a fresh
    # interpreter then asks reuse itself, for each value of REUSE_ENCODING_MODULE
    code = (
        "import sys\n"
        "from opencheck import reuse_adapter\n"
        "ours = reuse_adapter._encoding_is_magic()\n"
        "imported = 'reuse.extract' in sys.modules\n"
        "import reuse.extract\n"
        "print(ours, reuse.extract._get_encoding_module_name(), imported)\n"
    )
    env = {key: value for key, value in os.environ.items() if key != "REUSE_ENCODING_MODULE"}
    if chosen is not None:
        env["REUSE_ENCODING_MODULE"] = chosen
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    ours, theirs, imported = done.stdout.split()
    assert ours == str(theirs in ("python-magic", "file-magic"))
    assert imported == "False"  # libmagic is installed here: reuse.extract not needed


@pytest.mark.skipif(sys.platform != "linux", reason="python-magic's loader asks ldconfig on Linux")
def test_reading_reuse_information_starts_no_ldconfig() -> None:
    """python-magic asks `ctypes.util.find_library`, which started `ldconfig -p` twice
    in every check that reads a file's REUSE information; where libmagic.so.1 loads,
    that name is given at once, and reuse picks the same encoding detector."""
    code = (
        "import subprocess, sys\n"
        "started = []\n"
        "real = subprocess.Popen.__init__\n"
        "def record(self, args, *rest, **options):\n"
        "    started.append(str(args))\n"
        "    real(self, args, *rest, **options)\n"
        "subprocess.Popen.__init__ = record\n"
        "import ctypes.util\n"
        "before = ctypes.util.find_library\n"
        "from opencheck import reuse_adapter\n"
        "extract = reuse_adapter._reuse_extract()\n"
        "print(extract._get_encoding_module_name(), before is ctypes.util.find_library,"
        " any('ldconfig' in command for command in started))\n"
    )
    try:
        ctypes.CDLL("libmagic.so.1")
    except OSError:
        pytest.skip("libmagic.so.1 does not load here")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["python-magic", "True", "False"], done.stdout + done.stderr


def test_reuse_finds_the_same_line_ends_without_surveying_every_codec() -> None:
    """reuse.extract tries every codec at its import (98 codec modules imported); here
    it is imported without that survey, and its set of encodings that write line ends
    as ASCII answers each name when asked: every answer is the survey's, and a file of
    each kind of line end is read alike."""
    code = (
        "import codecs, json, sys\n"
        "from encodings import aliases\n"
        "import encodings\n"
        "from itertools import chain\n"
        "from opencheck import reuse_adapter\n"
        "rx = reuse_adapter._reuse_extract()\n"
        "codec_modules = sorted(m for m in sys.modules if m.startswith('encodings.'))\n"
        "names = set(chain.from_iterable(aliases.aliases.items()))\n"
        "survey = {'utf_8_sig'}\n"
        "for name in names:\n"
        "    try:\n"
        "        if codecs.encode('\\r\\n', name) == b'\\r\\n':\n"
        "            survey.add(name)\n"
        "    except Exception:\n"
        "        pass\n"
        "ours = rx._LINE_ENDING_ENCODINGS_ASCII\n"
        "asked = sorted(names | {'utf_8_sig', 'no_such_codec', ''})\n"
        "print(json.dumps({'codecs': codec_modules,"
        " 'same': [n for n in asked if (n in ours) != (n in survey)],"
        " 'whole': set(ours) == survey, 'table': aliases.aliases is encodings._aliases,"
        " 'ends': [rx.detect_newline(end.encode(e), e) == end"
        " for end in ('\\r\\n', '\\r', '\\n') for e in ('utf_8', 'latin_1', 'cp500')]}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    result = json.loads(done.stdout)
    assert result["same"] == [] and result["whole"] and result["table"]
    assert all(result["ends"])
    # the import itself tried no codec: the Japanese ones, say, stay unloaded
    assert "encodings.euc_jp" not in result["codecs"], result["codecs"]
