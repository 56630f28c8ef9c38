# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""The dependencies family as a user sees it in `opencheck check`."""

from __future__ import annotations

import json
from typing import Any

from conftest import MIT_TEXT, check_json, findings_of

MIT_LICENSE = "MIT License\n\nCopyright (c) 2026 DINUM\n\nPermission is hereby granted, " \
    "free of charge, to any person obtaining a copy of this software...\n"
APACHE_LICENSE = "                                 Apache License\n" \
    "                           Version 2.0, January 2004\n"


def package_lock(packages: dict[str, dict[str, Any]], direct: list[str]) -> str:
    entries: dict[str, Any] = {"": {"name": "app", "dependencies": {n: "*" for n in direct}}}
    for name, fields in packages.items():
        entries[f"node_modules/{name}"] = {"version": "1.0.0", **fields}
    return json.dumps({"name": "app", "lockfileVersion": 3, "packages": entries}, indent=2)


def npm_repo(packages: dict[str, dict[str, Any]], licence: str = MIT_LICENSE,
             direct: list[str] | None = None) -> dict[str, str]:
    names = direct if direct is not None else list(packages)
    return {
        "LICENSE": licence,
        "package.json": json.dumps({"name": "app", "dependencies": {n: "*" for n in names}}),
        "package-lock.json": package_lock(packages, names),
    }


def findings(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [f for f in findings_of(report) if f["rule"] == rule]


def test_gpl_dependency_in_mit_project_is_copyleft_warning(make_repo) -> None:
    root = make_repo(npm_repo({"chart-gpl": {"license": "GPL-3.0-only"},
                               "left-pad": {"license": "MIT"}}))
    report = check_json(root, "--rule", "deps-*")
    found = findings(report, "deps-copyleft")
    assert len(found) == 1
    finding = found[0]
    assert finding["severity"] == "warning"
    assert finding["path"] == "package-lock.json"
    assert finding["line"] is not None
    assert "chart-gpl 1.0.0" in finding["message"]
    assert "GPL-3.0-only" in finding["message"] and "MIT" in finding["message"]


def test_gpl2_only_in_apache_project_is_incompatible(make_repo) -> None:
    root = make_repo(npm_repo({"old-gpl2": {"license": "GPL-2.0-only"}},
                              licence=APACHE_LICENSE))
    report = check_json(root, "--rule", "deps-*")
    found = findings(report, "deps-incompatible")
    assert len(found) == 1
    assert found[0]["severity"] == "error"
    assert "old-gpl2" in found[0]["message"]
    assert "apache.org" in found[0]["message"]
    assert report["ready"] is False


def test_or_expression_lets_the_user_choose_the_compatible_licence(make_repo) -> None:
    root = make_repo(npm_repo({"dual": {"license": "(GPL-2.0-only OR MIT)"}},
                              licence=APACHE_LICENSE))
    report = check_json(root, "--rule", "deps-*")
    assert findings(report, "deps-incompatible") == []
    assert findings(report, "deps-copyleft") == []


def test_non_commercial_and_unlicensed_are_not_free(make_repo) -> None:
    root = make_repo(npm_repo({"nc-icons": {"license": "CC-BY-NC-4.0"},
                               "inhouse": {"license": "UNLICENSED"}}))
    report = check_json(root, "--rule", "deps-*")
    names = sorted(f["message"].split(" ")[0] for f in findings(report, "deps-non-free"))
    assert names == ["inhouse", "nc-icons"]
    assert report["ready"] is False


def test_dev_dependencies_are_not_judged_by_default(make_repo) -> None:
    # package.json does not list it among its dependencies (a development tool's): a
    # runtime dependency flagged dev is runtime (tests/hostile/test_lockfile_dev_flags.py)
    root = make_repo(npm_repo({"gpl-linter": {"license": "GPL-3.0-only", "dev": True}},
                              direct=[]))
    report = check_json(root, "--rule", "deps-*")
    assert findings(report, "deps-copyleft") == []


def test_dev_dependencies_judged_when_the_setting_asks(make_repo) -> None:
    files = npm_repo({"gpl-linter": {"license": "GPL-3.0-only", "dev": True}}, direct=[])
    files[".opencheck.yml"] = "settings:\n  dependencies:\n    include_dev: true\n"
    report = check_json(make_repo(files), "--rule", "deps-*")
    assert len(findings(report, "deps-copyleft")) == 1


def test_unknown_licences_are_named_never_guessed(make_repo) -> None:
    root = make_repo(npm_repo({"vague": {"license": "BSD"},
                               "silent": {},
                               "seefile": {"license": "SEE LICENSE IN LICENSE.md"}}))
    report = check_json(root, "--rule", "deps-*")
    messages = [f["message"] for f in findings(report, "deps-licence-known")]
    assert any("vague" in m and "'BSD'" in m for m in messages)
    assert any("seefile" in m for m in messages)
    assert any("1 dependencies of package-lock.json without a known licence (silent)" in m
               for m in messages)
    # A pinned package whose declaration is read but not classified: reading it helps,
    # pinning or asking a registry (the advice for unrecorded licences) would not.
    fixes = {f["dependency"]: f["fix"] for f in findings(report, "deps-licence-known")
             if "dependency" in f}
    assert fixes["seefile"].startswith("Read the text the declaration points to")
    assert "--network" not in fixes["seefile"]


def test_eupl_project_with_gpl_dependency_is_a_notice(make_repo) -> None:
    eupl = "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n"
    files = npm_repo({"gpl-lib": {"license": "GPL-3.0-only"}}, licence=eupl)
    report = check_json(make_repo(files), "--rule", "deps-*")
    found = findings(report, "deps-copyleft")
    assert len(found) == 1
    assert found[0]["severity"] == "info"
    assert "EUPL" in found[0]["message"]


def test_project_licence_from_manifest_when_no_licence_file(make_repo) -> None:
    files = npm_repo({"chart-gpl": {"license": "GPL-3.0-only"}})
    del files["LICENSE"]
    files["package.json"] = json.dumps({"name": "app", "license": "MIT",
                                        "dependencies": {"chart-gpl": "*"}})
    report = check_json(make_repo(files), "--rule", "deps-*")
    assert len(findings(report, "deps-copyleft")) == 1


def test_unknown_project_licence_skips_compatibility_but_not_non_free(make_repo) -> None:
    files = npm_repo({"chart-gpl": {"license": "GPL-3.0-only"},
                      "nc": {"license": "CC-BY-NC-4.0"}})
    del files["LICENSE"]
    report = check_json(make_repo(files), "--rule", "deps-*")
    statuses = {r["id"]: r["status"] for r in report["rules"]}
    assert statuses["deps-copyleft"] == "skipped"
    assert statuses["deps-incompatible"] == "skipped"
    assert len(findings(report, "deps-non-free")) == 1


def test_clean_project_passes_every_rule(make_repo) -> None:
    root = make_repo(npm_repo({"left-pad": {"license": "MIT"},
                               "tslib": {"license": "0BSD"},
                               "dual": {"license": "(MIT OR Apache-2.0)"}}))
    report = check_json(root, "--rule", "deps-*")
    assert findings_of(report) == []
    assert {r["status"] for r in report["rules"]} == {"passed"}


def test_report_with_dependency_findings_follows_the_report_schema(make_repo) -> None:
    import jsonschema

    from opencheck.data import load_schema

    root = make_repo(npm_repo({"chart-gpl": {"license": "GPL-3.0-only"},
                               "nc": {"license": "CC-BY-NC-4.0"}, "silent": {}}))
    report = check_json(root, "--rule", "deps-*")
    assert {f["rule"] for f in findings_of(report)} == {
        "deps-copyleft", "deps-non-free", "deps-licence-known"}
    jsonschema.validate(report, load_schema("report/report.schema.json"))


def test_two_versions_of_one_package_are_placed_on_their_own_lines(make_repo) -> None:
    lock = {"lockfileVersion": 3, "packages": {
        "": {"name": "outil", "dependencies": {"dsfr": "1.14.0", "ui": "1.0.0"}},
        "node_modules/dsfr": {"version": "1.14.0", "license": "SEE LICENSE IN LICENSE.md"},
        "node_modules/ui": {"version": "1.0.0", "license": "MIT"},
        "node_modules/ui/node_modules/dsfr": {"version": "1.13.2",
                                              "license": "SEE LICENSE IN LICENSE.md"},
    }}
    text = json.dumps(lock, indent=2)
    root = make_repo({"package-lock.json": text, "LICENSE": MIT_TEXT})
    report = check_json(root, "--rule", "deps-licence-known")
    lines = {f["version"]: f["line"] for f in findings(report, "deps-licence-known")
             if f.get("dependency") == "dsfr"}
    expected = {version: next(number for number, line in enumerate(text.splitlines(), 1)
                              if line.strip().startswith(f'"{where}"'))
                for version, where in (("1.14.0", "node_modules/dsfr"),
                                       ("1.13.2", "node_modules/ui/node_modules/dsfr"))}
    assert lines == expected


def test_gpl_dependency_in_a_weak_copyleft_project_is_copyleft_warning(make_repo) -> None:
    # MPL-2.0 reciprocity stops at its own files; a GPL dependency reaches the whole work.
    files = {**npm_repo({"chart-gpl": {"license": "GPL-3.0-only"}}),
             "package.json": json.dumps({"name": "app", "license": "MPL-2.0",
                                         "dependencies": {"chart-gpl": "*"}})}
    del files["LICENSE"]
    report = check_json(make_repo(files), "--rule", "deps-*")
    [finding] = findings(report, "deps-copyleft")
    assert "chart-gpl 1.0.0" in finding["message"] and "MPL-2.0" in finding["message"]


def test_a_packages_platform_builds_are_one_finding_with_it(make_repo) -> None:
    """MTES-MCT/monitorenv: `@sentry/cli` (FSL-1.1-MIT) and its eight optional builds,
    one per platform (`@sentry/cli-darwin`...), were nine blocking findings for one tool.
    One finding names them; another package of that licence is reported on its own."""
    fsl = {"license": "FSL-1.1-MIT"}
    platforms = ["darwin", "linux-arm64", "linux-x64", "win32-x64"]
    packages = {"@sentry/cli": fsl,
                **{f"@sentry/cli-{name}": {**fsl, "optional": True} for name in platforms},
                "@sentry/cli-helper": fsl, "left-pad": {"license": "MIT"}}
    report = check_json(make_repo(npm_repo(packages, direct=["@sentry/cli", "left-pad"])),
                        "--rule", "deps-*")
    found = {f["message"].split(" ")[0]: f for f in findings(report, "deps-non-free")}
    assert sorted(found) == ["@sentry/cli", "@sentry/cli-helper"]  # not optional: its own
    cli = found["@sentry/cli"]
    assert cli["severity"] == "error"
    assert "with its 4 platform builds (@sentry/cli-darwin, @sentry/cli-linux-arm64, " \
        "@sentry/cli-linux-x64 and 1 more)" in cli["message"]
    assert cli["platform_builds"] == [f"@sentry/cli-{name}" for name in platforms]


def test_a_platform_build_added_since_the_baseline_is_new(make_repo, tmp_path) -> None:
    """review9: a build joins its package's finding, whose fingerprint is the package's:
    with a baseline holding it, a non-free build added since was not new. Each build is
    in the baseline as it would be alone; one added since makes the finding new, one
    removed does not."""
    from conftest import run_cli

    fsl = {"license": "FSL-1.1-MIT"}

    def lock(platforms: list[str]) -> str:
        packages = {"@sentry/cli": fsl, **{f"@sentry/cli-{name}": {**fsl, "optional": True}
                                           for name in platforms}}
        return package_lock(packages, ["@sentry/cli"])

    root = make_repo(npm_repo({"@sentry/cli": fsl}, direct=["@sentry/cli"]), git_init=False)
    (root / "package-lock.json").write_text(lock(["darwin", "linux-x64"]), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    result = run_cli("baseline", str(root), "--output", str(baseline), "--rule", "deps-*")
    assert result.exit_code == 0, result.output

    def new_findings() -> list[dict[str, Any]]:
        return findings(check_json(root, "--rule", "deps-*", "--baseline", str(baseline)),
                        "deps-non-free")

    assert new_findings() == []
    (root / "package-lock.json").write_text(lock(["darwin"]), encoding="utf-8")
    assert new_findings() == []  # a build gone: nothing new
    (root / "package-lock.json").write_text(lock(["darwin", "linux-x64", "win32-x64"]),
                                            encoding="utf-8")
    [finding] = new_findings()
    assert "@sentry/cli-win32-x64" in finding["platform_builds"]


_ORACLE_HEADER = (
    "/*\n * Copyright (c) 2013, 2023, Oracle and/or its affiliates. All rights reserved.\n"
    " * DO NOT ALTER OR REMOVE COPYRIGHT NOTICES OR THIS FILE HEADER.\n *\n"
    " * This code is free software; you can redistribute it and/or modify it\n"
    " * under the terms of the GNU General Public License version 2 only, as\n"
    " * published by the Free Software Foundation.{classpath}\n */\n\nvar index;\n")


def test_a_copied_gpl2_file_with_the_classpath_exception_is_no_incompatibility(
        make_repo) -> None:
    # javadoc's scripts in an Apache-2.0 project's generated docs/ (esup-signature):
    # Oracle puts them under the Classpath exception, which allows linking with
    # independent modules; the same header without it still blocks.
    exception = ("  Oracle designates this\n * particular file as subject to the "
                 "\"Classpath\" exception as provided\n * by Oracle in the LICENSE file.")
    root = make_repo({"LICENSE": APACHE_LICENSE, "src/app.js": "var app;\n",
                      "docs/script.js": _ORACLE_HEADER.format(classpath=exception),
                      "lib/other.js": _ORACLE_HEADER.format(classpath="")})
    report = check_json(root, "--rule", "deps-*")
    assert [f["path"] for f in findings(report, "deps-incompatible")] == ["lib/other.js"]
    copied = {f["path"]: f["message"] for f in findings(report, "deps-copied-code")}
    assert "GPL-2.0-only WITH Classpath-exception-2.0" in copied["docs/script.js"]
