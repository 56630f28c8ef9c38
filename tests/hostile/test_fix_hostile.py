# SPDX-FileCopyrightText: 2026 opencheck contributors
# SPDX-License-Identifier: EUPL-1.2
"""`opencheck fix` on repositories that try to make it write what they want: a holder
that smuggles a licence line, names that break REUSE.toml, symlinks that hide steps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import check_json, findings_of, git, run_cli
from opencheck.scaffold.fix import apply, plan_fix

PUBLICCODE = ('publiccodeYmlVersion: "0.4"\nname: demo\nlegal:\n  license: MIT\n'
              "  mainCopyrightOwner: {owner}\n")
INJECTED = "GPL-3.0-only"


def test_a_holder_on_several_lines_never_adds_a_licence_line(make_repo) -> None:
    owner = f'"ACME\\nSPDX-License-Identifier: {INJECTED}"'
    repo = make_repo({"main.py": "print(1)\n", "data.json": '{"a": 1}\n',
                      "LICENSE": "MIT License\n",
                      "publiccode.yml": PUBLICCODE.format(owner=owner)})
    plan = plan_fix(repo, "en")
    written = "".join(change.after for change in plan.changes)
    assert INJECTED not in written
    # No holder the project declares on one line: headers wait for --holder.
    assert any("--holder" in step.en for step in plan.manual), [s.en for s in plan.manual]


def test_a_holder_too_long_or_with_control_characters_is_not_used(make_repo) -> None:
    repo = make_repo({"main.py": "print(1)\n", "LICENSE": "MIT License\n",
                      "AUTHORS": "A" * 5000 + "\n",
                      "publiccode.yml": PUBLICCODE.format(owner='"ACME\\x1b[2J"')})
    plan = plan_fix(repo, "en")
    written = "".join(change.after for change in plan.changes)
    assert "\x1b" not in written and "A" * 300 not in written


def test_holder_option_on_several_lines_is_a_usage_error(make_repo) -> None:
    repo = make_repo({"main.py": "print(1)\n"})
    for command in (["fix", str(repo)], ["init", str(repo), "licence", "MIT"]):
        result = run_cli(*command, "--holder", f"ACME\nSPDX-License-Identifier: {INJECTED}",
                         "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "one line" in result.output
    assert not (repo / "LICENSE").exists()


# A `//` or `#` comment of PHP ends at `?>` as well as at the line's end: a holder
# holding `?><?php ...; ?>` put code of the repository's choosing in the header of
# every PHP file `fix --write` headed (and, in a file that opens in HTML, `<?php`
# alone is code). So do `%>` (ASP, ERB), and the end of the block comments reuse
# writes for other files (`*/`, `-->`, `#}`, `*)`, `-}`), or `--` in an XML comment.
WEB_SHELL = "Mairie ?><?php system($_GET['c']); ?>"
HEADED = {"index.php": "<?php\necho 'hello';\n", "page.php": "<p>hi <?= 1 ?></p>\n",
          "main.c": "int main(void) { return 0; }\n", "pom.xml": "<project/>\n",
          "README.md": "# Demo\n", "LICENSE": "MIT License\n"}


def test_a_holder_that_ends_a_comment_is_never_written_into_a_header(make_repo) -> None:
    for owner in (WEB_SHELL, "ACME */ int evil; /*", "ACME -- <!-- x", "ACME <% evil %>"):
        repo = make_repo({**HEADED, "publiccode.yml": PUBLICCODE.format(owner=f'"{owner}"')})
        plan = plan_fix(repo, "en", "MIT")
        headed = "".join(change.after for change in plan.changes
                         if change.path.removesuffix(".license") in HEADED)
        assert "evil" not in headed and "system(" not in headed, headed
        assert any("--holder" in step.en for step in plan.manual), [s.en for s in plan.manual]


def test_a_holder_that_makes_the_header_a_directive_is_never_written(make_repo) -> None:
    """Python reads the source's encoding from a comment of its first two lines
    (PEP 263): a holder `Mairie coding: utf-7` declared UTF-7 in every Python file
    `fix` headed, and a comment elsewhere in the file holding `+AAo-` (a newline in
    UTF-7) then ran what followed it."""
    payload = "x = 1  # see +AAo-print('INJECTED')\n"
    for owner in ("Mairie coding: utf-7", "Mairie coding=utf-7", "ACME -*- eval: (x) -*-",
                  "ACME vim: set foldexpr=x", "ACME REUSE-" + "IgnoreStart"):
        repo = make_repo({"app.py": payload, "LICENSE": "MIT License\n",
                          "publiccode.yml": PUBLICCODE.format(owner=f'"{owner}"')})
        apply(plan_fix(repo, "en", "MIT"))
        head = (repo / "app.py").read_text("utf-8").splitlines()[:2]
        assert not any(mark in line for line in head
                       for mark in ("coding", "-*-", "vim:", "Ignore")), head


def test_a_holder_that_breaks_a_comment_is_not_taken_from_the_files_headers(
        make_repo) -> None:
    """`--` is not allowed inside an XML comment: every XML file headed with it (a
    pom.xml) no longer parsed."""
    import xml.etree.ElementTree as ET

    tag = "SPDX-" + "FileCopyrightText"
    files = {f"lib/f{n}.py": f"# {tag}: 2026 Ville -- Paris\nx = 1\n" for n in range(5)}
    repo = make_repo({**HEADED, **files})
    apply(plan_fix(repo, "en", "MIT"))
    ET.parse(repo / "pom.xml")
    assert "Ville -- Paris" not in (repo / "main.c").read_text("utf-8")


def test_holder_option_that_ends_a_comment_is_a_usage_error(make_repo) -> None:
    repo = make_repo(dict(HEADED))
    result = run_cli("fix", str(repo), "--holder", WEB_SHELL, "--licence", "MIT", "--write",
                     "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "?>" in result.output
    assert "system(" not in (repo / "index.php").read_text("utf-8")


def test_headers_are_never_written_with_a_value_that_ends_a_comment() -> None:
    from opencheck.reuse_adapter import header_added

    for path, text in HEADED.items():
        assert header_added(path, text, 2026, WEB_SHELL, "MIT") is None
        assert header_added(path, text, 2026, "ACME", "MIT ?> x") is None
    assert header_added("app.py", "x = 1\n", 2026, "Mairie coding: utf-7", "MIT") is None


def _covered(root: Path, path: str) -> bool:
    from reuse.global_licensing import ReuseTOML

    toml = ReuseTOML.from_toml((root / "REUSE.toml").read_text("utf-8"), "REUSE.toml")
    return any(toml.reuse_info_of(path).values())


def test_lockfile_names_are_not_globs_in_reuse_toml(make_repo) -> None:
    """REUSE.toml paths are globs: a folder named `*` or holding a backslash must name
    itself only, not every lockfile of the repository."""
    lock = '{"lockfileVersion": 3}\n'
    repo = make_repo({"main.py": "print(1)\n", "LICENSE": "MIT License\n",
                      "*/package-lock.json": lock, "back\\slash/package-lock.json": lock})
    plan = plan_fix(repo, "en", "MIT", "ACME")
    apply(plan)
    assert _covered(repo, "*/package-lock.json")
    assert _covered(repo, "back\\slash/package-lock.json")
    assert not _covered(repo, "other/package-lock.json")
    assert not _covered(repo, "backXslash/package-lock.json")


def test_a_lockfile_whose_name_is_not_utf8_leaves_reuse_toml_readable(make_repo) -> None:
    import tomllib

    repo = make_repo({"main.py": "print(1)\n", "LICENSE": "MIT License\n",
                      "ok/package-lock.json": "{}\n"})
    folder = os.path.join(os.fsencode(repo), b"caf\xe9")
    os.mkdir(folder)
    with open(os.path.join(folder, b"package-lock.json"), "wb") as handle:
        handle.write(b"{}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "latin-1 folder")
    apply(plan_fix(repo, "en", "MIT", "ACME"))
    parsed = tomllib.loads((repo / "REUSE.toml").read_text("utf-8"))
    assert parsed["annotations"][0]["path"] == ["ok/package-lock.json"]


KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\n-----END RSA PRIVATE KEY-----\n"


def test_a_symlinked_gitignore_is_left_alone_but_the_secret_steps_stay(make_repo,
                                                                       tmp_path: Path) -> None:
    outside = tmp_path / "outside-gitignore"
    outside.write_text("kept\n", "utf-8")
    repo = make_repo({"main.py": "print(1)\n", "id_rsa": KEY}, git_init=False)
    os.symlink(outside, repo / ".gitignore")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "key")
    plan = plan_fix(repo, "en", "MIT", "ACME")
    assert all(change.path != ".gitignore" for change in plan.changes)
    assert any("id_rsa" in step.en and "revoke" in step.en for step in plan.manual), \
        [step.en for step in plan.manual]
    apply(plan)
    assert outside.read_text("utf-8") == "kept\n"


def _ignored(repo: Path, path: str) -> bool:
    import subprocess

    done = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=repo,
                          check=False)
    return done.returncode == 0


def test_gitignore_lines_name_the_secret_files_only(make_repo) -> None:
    """A folder name with a newline, `*`, `[` or a leading `!` must not become a pattern
    that ignores (or re-includes) other files."""
    repo = make_repo({"main.py": "print(1)\n", "a\n*\n/id_rsa": KEY, "k[1]/id_rsa": KEY,
                      "!x/id_rsa": KEY, "#c/id_rsa": KEY})
    plan = plan_fix(repo, "en", "MIT", "ACME")
    apply(plan)
    gitignore = (repo / ".gitignore").read_text("utf-8")
    assert "\n*\n" not in gitignore
    for name in ("k[1]/id_rsa", "!x/id_rsa", "#c/id_rsa"):
        assert _ignored(repo, name), (name, gitignore)
    for other in ("main.py", "k1/id_rsa", "new.txt"):
        assert not _ignored(repo, other), (other, gitignore)
    assert any("a\\n*\\n/id_rsa" in step.en for step in plan.manual)


def test_headers_keep_the_bom_first_and_the_file_s_line_endings(make_repo) -> None:
    """A header put before a UTF-8 BOM leaves U+FEFF inside the code (Python refuses
    it); a CRLF file must not get LF header lines. As `reuse annotate` writes them."""
    repo = make_repo({"bom.py": b'\xef\xbb\xbfprint("bom")\n',
                      "crlf.py": b"import os\r\nprint(os.name)\r\n",
                      "mac.py": b"x = 1\ry = 2\r"})
    apply(plan_fix(repo, "en", "MIT", "ACME"))
    bom = (repo / "bom.py").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf# SPDX-") and bom.count(b"\xef\xbb\xbf") == 1
    compile(bom, "bom.py", "exec")
    crlf = (repo / "crlf.py").read_bytes()
    assert b"MIT\r\n" in crlf and crlf.count(b"\n") == crlf.count(b"\r\n")
    mac = (repo / "mac.py").read_bytes()
    assert b"\n" not in mac and mac.endswith(b"x = 1\ry = 2\r")
    assert plan_fix(repo, "en", "MIT", "ACME").changes == []


def test_init_licence_never_writes_through_a_symlinked_folder(make_repo,
                                                              tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    repo = make_repo({"main.py": "print(1)\n"}, git_init=False)
    os.symlink(outside, repo / "LICENSES")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link")
    result = run_cli("init", str(repo), "licence", "MIT", "--holder", "ACME", "--lang", "en")
    assert list(outside.iterdir()) == []
    assert (repo / "LICENSE").is_file()
    assert "created LICENSES/MIT.txt" not in result.output, result.output


def test_a_file_swapped_for_a_symlink_after_the_plan_is_left_alone(make_repo,
                                                                    tmp_path: Path) -> None:
    repo = make_repo({"app.py": "print(1)\n"})
    plan = plan_fix(repo, "en", "MIT", "ACME")
    outside = tmp_path / "victim.py"
    outside.write_text("print(1)\n", "utf-8")  # the very text the plan started from
    (repo / "app.py").unlink()
    os.symlink(outside, repo / "app.py")
    done = [change.path for change in apply(plan)]
    assert "app.py" not in done
    assert outside.read_text("utf-8") == "print(1)\n"
    assert os.path.islink(repo / "app.py")


@pytest.mark.parametrize("written", ["src/app.py", "LICENSES/MIT.txt"])
def test_a_folder_swapped_for_a_link_while_fix_writes_keeps_the_write_in_the_tree(
    make_repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str,
) -> None:
    # Another process of the tree swaps the file's folder for a link to elsewhere
    # after the path was checked, right before the file is opened (here at the moment
    # opencheck opens it): a header (a file replaced) or a licence text (a file
    # created) was written outside the tree, through the link.
    repo = make_repo({"src/app.py": "print(1)\n", "LICENSES/.keep": ""})
    plan = plan_fix(repo, "en", "MIT", "ACME")
    assert any(change.path == written for change in plan.changes)
    folder, name = written.split("/")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "app.py").write_text("print(1)\n", "utf-8")  # what the plan started from
    real_open = os.open

    def swapping_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(path).rsplit("/", 1)[-1] in (name, f".{name}.opencheck-fix") \
                and not (repo / folder).is_symlink():
            (repo / folder).rename(repo / f"{folder}.moved")
            (repo / folder).symlink_to(outside)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", swapping_open)
    apply(plan)
    monkeypatch.undo()
    assert sorted(entry.name for entry in outside.iterdir()) == ["app.py"]
    assert (outside / "app.py").read_text("utf-8") == "print(1)\n"


def test_every_marker_of_the_readme_is_named_whatever_the_commit_addresses(make_repo) -> None:
    """The commits' mail domain is quoted inside a README marker: a '[' or ']' in it
    cut the marker, and placeholders-left stopped naming it."""
    repo = make_repo({"main.py": "print(1)\n"}, git_init=False)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    address = "jeanne.dupont@ev[il.org"
    git(repo, "commit", "-qm", "one",
        env={"GIT_AUTHOR_EMAIL": address, "GIT_COMMITTER_EMAIL": address})
    apply(plan_fix(repo, "en", "MIT", "ACME"))
    readme = (repo / "README.md").read_text("utf-8")
    assert "ev[il" not in readme
    report = check_json(repo, "--rule", "placeholders-left")
    named = [f for f in findings_of(report) if f.get("path") == "README.md"]
    assert len(named) == readme.count("[TO BE COMPLETED") > 0


def _linked_community_files(make_repo, tmp_path: Path, ignored: bool) -> tuple[Path, Path]:
    """CONTRIBUTING.md links to a file that is not there; SECURITY.md to a path outside
    the tree that does not exist yet (writing through it would create it)."""
    outside = tmp_path / "outside" / "SECURITY.md"
    outside.parent.mkdir(parents=True)
    repo = make_repo({"README.md": "# Outil\n", "LICENSE": "MIT License\n",
                      ".gitignore": "CONTRIBUTING.md\nSECURITY.md\n" if ignored else ""},
                     git_init=False)
    os.symlink("docs/CONTRIBUTING.md", repo / "CONTRIBUTING.md")
    os.symlink(outside, repo / "SECURITY.md")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "Liens")
    return repo, outside


def test_a_dangling_community_link_is_reported_and_never_written_through(
    make_repo, tmp_path: Path
) -> None:
    for ignored in (False, True):
        repo, outside = _linked_community_files(make_repo, tmp_path / str(ignored), ignored)
        plan = plan_fix(repo, "en")
        planned = [change.path for change in plan.changes]
        assert "CONTRIBUTING.md" not in planned and "SECURITY.md" not in planned, ignored
        steps = " ".join(step.en for step in plan.manual)
        assert "CONTRIBUTING.md is a symbolic link to docs/CONTRIBUTING.md" in steps
        assert "SECURITY.md is a symbolic link that points outside the repository" in steps
        assert "opencheck does not write through a link" in steps
        result = run_cli("fix", str(repo), "--write", "--lang", "en")
        assert result.exit_code == 0, result.output
        assert not outside.exists() and not (repo / "docs").exists()
        assert os.path.islink(repo / "CONTRIBUTING.md")
        # A second run plans the same nothing: no file to create on every run.
        again = plan_fix(repo, "en")
        assert "CONTRIBUTING.md" not in [change.path for change in again.changes]
        if ignored:
            continue
        report = check_json(repo, "--rule", "contributing-present",
                            "--rule", "security-policy-present", "--no-history")
        messages = {f["rule"]: f["message"] for f in findings_of(report)}
        assert messages["contributing-present"].startswith(
            "CONTRIBUTING.md is a symbolic link to docs/CONTRIBUTING.md, which leads to no "
            "file of the repository")
        assert "SECURITY.md is a symbolic link" in messages["security-policy-present"]
        assert str(tmp_path) not in messages["security-policy-present"]  # never where outside


def test_a_holder_with_a_versioned_vim_modeline_is_never_written() -> None:
    """Vim also reads `vim{version}:`, `vim<{version}:`, `vim={version}:` and
    `vim>{version}:` as a modeline (`:help modeline`), in the first lines of a file,
    where the header stands."""
    from opencheck.licensing.holder import holder_refused
    from opencheck.oneline import header_line
    from opencheck.reuse_adapter import header_added

    for owner in ("ACME vim700: set foldexpr=x", "ACME vim>800: set ft=sh",
                  "ACME Vim<900: set ts=8", "ACME vim=703: set ft=sh"):
        assert header_line(owner) is None, owner
        assert holder_refused(owner) is not None, owner
        assert header_added("app.py", "x = 1\n", 2026, owner, "MIT") is None, owner
    assert header_line("Vim Software Foundation") == "Vim Software Foundation"
